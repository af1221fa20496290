// Runs the sigwarden command line in-process and captures its streams and exit status.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace sigwarden::testing {

struct CliResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline CliResult run_cli(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  CliResult r;
  r.status = sigwarden::run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace sigwarden::testing
