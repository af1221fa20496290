// The commits a pull request adds: every commit reachable from its head and not from its base,
// newest first, with the author and message that review and check need (the author is excluded
// from the reviewers, co-authors are read from the trailers).
#pragma once

#include <string>
#include <vector>

#include "git/repository.h"

namespace sigwarden::git {

struct CommitInfo {
  std::string id;
  std::string author_name;
  std::string author_email;
  std::string message;
};

// The commits reachable from to and not from from (what a pull request adds), newest first.
std::vector<CommitInfo> commits_between(const Snapshot& from, const Snapshot& to);

}  // namespace sigwarden::git
