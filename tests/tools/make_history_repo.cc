// Builds the history fixture repository (tests/support/history_fixture.h) for the report's
// browser test and for trying `sigwarden report` by hand:
//
//   sigwarden_make_history_repo DIR      DIR must not exist or be an empty directory
//
// Prints the head commit id. Try: sigwarden report --repo DIR --as-of 2026-06-30
// Exit status: 0 on success, 2 on a usage error or when the repository cannot be written.

#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

#include "git/repository.h"
#include "support/history_fixture.h"

int main(int argc, char** argv) {
  if (argc != 2 || std::string(argv[1]).starts_with("-")) {
    std::cerr << "usage: sigwarden_make_history_repo DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
    std::cerr << "sigwarden_make_history_repo: " << dir.string() << " exists and is not empty\n";
    return 2;
  }
  try {
    sigwarden::git::Library lib;
    std::cout << sigwarden::testing::build_history_repo(dir) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "sigwarden_make_history_repo: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
