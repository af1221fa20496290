// The one exception hierarchy of sigwarden. Operational failures (a repository that cannot be
// opened, a revision that does not resolve, a configuration that does not parse) are thrown as
// Error and caught once in run(); findings about the governance data are values, never thrown.
#pragma once

#include <stdexcept>
#include <string>

namespace sigwarden {

// An operational failure. The message names the operation and its operand, e.g.
// "resolve revision 'v9' in /src/community: revspec 'v9' not found".
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A command line that cannot be honoured (unknown flag, bad value). Exit status 2 plus a usage
// hint.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace sigwarden
