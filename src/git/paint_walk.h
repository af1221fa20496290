// The walk behind git's merge base and A..B, for shallow clones: commits in committer-time order,
// newest first, each with flags that spread to its parents. The commits listed in .git/shallow
// have no parents here, as git sees them; libgit2 1.5 does not read that file, so its own walks
// step past the cut and fail (and leak) on the missing parent.
#pragma once

#include <cstdint>
#include <queue>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "git/handle.h"

namespace sigwarden::git {

class PaintWalk {
 public:
  // The walk is active while some queued entry lacked stop_flag when it was queued.
  PaintWalk(git_repository* repo, int stop_flag);

  // Adds flags to the commit and queues it. Throws Error when the commit cannot be read.
  void push(const git_oid& id, int flags);
  // Queues the parents of a commit with flags, except parents that have them all already; a
  // commit at the shallow cut has none.
  void push_parents(const std::string& id, int flags);
  bool active() const { return active_ > 0; }
  // Takes the newest queued commit (hex id).
  std::string pop();
  int& flags(const std::string& id) { return flags_[id]; }
  const git_oid& oid(const std::string& id) { return ids_[id]; }

 private:
  struct Entry {
    std::int64_t time;
    std::string id;
    bool active;
    bool operator<(const Entry& o) const { return time < o.time || (time == o.time && id < o.id); }
  };
  git_repository* repo_;
  int stop_flag_;
  std::unordered_set<std::string> cut_;
  std::unordered_map<std::string, int> flags_;
  std::unordered_map<std::string, git_oid> ids_;
  std::priority_queue<Entry> queue_;
  int active_ = 0;
};

}  // namespace sigwarden::git
