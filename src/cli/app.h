// The command-line front end: parses arguments, runs one command, maps the outcome to an exit
// status (0 clean, 1 findings at the failing level, 2 could not run). Runs in-process so tests can
// call it with argument vectors and capture both streams.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace sigwarden {

// Runs sigwarden with args (without the program name). Never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace sigwarden
