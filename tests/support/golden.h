// Golden files: compare an output with tests/golden/<name>; SIGWARDEN_UPDATE_GOLDEN=1 rewrites
// them.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sigwarden::testing {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& content) {
  std::ofstream(p, std::ios::binary) << content;
}

// Replaces what differs between runs (temporary path, commit id) with stable markers.
inline std::string stable(std::string text, const std::string& repo, const std::string& commit) {
  for (const std::string& from : {repo, commit, commit.substr(0, 12)}) {
    std::string to = from == repo ? "<repo>" : "<commit>";
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos)) {
      text.replace(pos, from.size(), to);
    }
  }
  return text;
}

inline void expect_golden(const std::string& name, const std::string& actual) {
  auto path = std::filesystem::path(SIGWARDEN_SOURCE_DIR) / "tests" / "golden" / name;
  if (std::getenv("SIGWARDEN_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing golden file " << path;
  EXPECT_EQ(read_file(path), actual) << "golden " << name << " differs";
}

}  // namespace sigwarden::testing
