// A walk over history for the health report: every commit reachable from a revision, newest
// first by committer time, with the files each non-merge commit changed against its first parent
// (the pruned two-tree walk of diff.h: no blob is read, unchanged subtrees are skipped). The walk
// stops at the first commit older than a given time, so its cost is bounded by the window, not by
// the whole history.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "git/repository.h"

struct git_mailmap;

namespace sigwarden::git {

struct HistoryCommit {
  std::string id;         // full hex id
  std::int64_t time = 0;  // committer time (Unix seconds)
  std::int64_t author_time = 0;
  std::string author_name;
  std::string author_email;
  std::string committer_name;
  std::string committer_email;
  std::string message;  // the whole message, for trailers
  std::size_t parents = 0;
  std::vector<std::string> paths;  // changed files vs the first parent; empty for merges
};

struct HistoryEnd {
  std::int64_t commits = 0;      // commits visited
  std::int64_t oldest_time = 0;  // committer time of the oldest commit visited (0 when none)
  bool reached_root = false;     // every commit was visited: the history ends inside the range
  // The newest commit on the tip's first-parent chain committed before the walk's mark, as a hex
  // id; "" when the chain has none (the history starts later).
  std::string first_parent_before_mark;
  // The first commit left out (committed before since), and its author time: an author time
  // inside the range hints at a committer clock that was wrong (the walk, like `git log
  // --since`, does not look behind such a commit).
  std::string stop_commit;
  std::int64_t stop_author_time = 0;
};

// Calls visit for every commit reachable from tip (a snapshot's commit) whose committer time is
// at or after since, newest first. Merge commits are visited without paths (not diffed). mark
// (at or after since) asks for HistoryEnd::first_parent_before_mark.
HistoryEnd walk_history(const Snapshot& tip, std::int64_t since,
                        const std::function<void(const HistoryCommit&)>& visit,
                        std::int64_t mark = 0);

// Committer time of the snapshot's commit.
std::int64_t commit_time(const Snapshot& snapshot);

// The newest commit on tip's first-parent chain committed before `before`, as a hex id, or ""
// when the chain has none (history starts later).
std::string first_parent_before(const Snapshot& tip, std::int64_t before);

// A .mailmap (git's format), resolving an author to the canonical name and e-mail.
class Mailmap {
 public:
  explicit Mailmap(const std::string& text);  // empty text: the identity mapping
  ~Mailmap();
  Mailmap(const Mailmap&) = delete;
  Mailmap& operator=(const Mailmap&) = delete;
  std::pair<std::string, std::string> resolve(const std::string& name,
                                              const std::string& email) const;

 private:
  git_mailmap* map_ = nullptr;
};

// The URL of a remote ("origin") of the repository the snapshot belongs to, or "" when there is
// no such remote.
std::string remote_url(const Snapshot& any_snapshot, const std::string& name);

}  // namespace sigwarden::git
