// The fetched history of a shallow clone, for git's merge base and A..B there: the commits listed
// in .git/shallow have no parents, as git sees them. libgit2 1.5 does not read that file, so its
// own walks step past the cut and fail (and leak) on the missing parent. A shallow clone holds a
// bounded history, so these walk it whole and give exact answers, whatever the commit dates.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "git/handle.h"

namespace sigwarden::git {

class ShallowHistory {
 public:
  explicit ShallowHistory(git_repository* repo);

  // Every commit reachable from id (id included), as hex ids; the walk does not enter `stop`.
  // Throws Error when a commit cannot be read.
  std::unordered_set<std::string> ancestors(const git_oid& id,
                                            const std::unordered_set<std::string>* stop = nullptr);
  // The parents of a commit read by ancestors() (none at the cut).
  const std::vector<std::string>& parents(const std::string& id) { return commits_[id].parents; }
  std::int64_t time(const std::string& id) { return commits_[id].time; }
  const git_oid& oid(const std::string& id) { return commits_[id].oid; }

 private:
  struct Commit {
    git_oid oid{};
    std::int64_t time = 0;
    std::vector<std::string> parents;
  };
  const Commit& read(const git_oid& id, const std::string& hex);

  git_repository* repo_;
  std::unordered_set<std::string> cut_;
  std::unordered_map<std::string, Commit> commits_;
};

}  // namespace sigwarden::git
