// Runs a shell command for a test (git, to compare with what sigwarden says) and returns its
// standard output without trailing newlines.
#pragma once

#include <cstdio>
#include <string>

namespace sigwarden::testing {

inline std::string run_command(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    if (status != nullptr) *status = -1;
    return out;
  }
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  if (status != nullptr) *status = rc;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace sigwarden::testing
