// sigwarden's entry point: initialise libgit2 once, run the command line, return its status.
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "git/repository.h"

int main(int argc, char** argv) {
  sigwarden::git::Library libgit2;
  std::vector<std::string> args(argv + 1, argv + argc);
  return sigwarden::run(args, std::cout, std::cerr);
}
