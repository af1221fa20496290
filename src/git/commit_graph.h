// git's merge base and `git rev-list B ^A`, computed as git computes them (commit-reach.c:
// paint_down_to_common and remove_redundant; revision.c: limit_list with its slop of five
// commits), over commits read by CommitReader. Why not libgit2's: its walks parse every commit
// with libgit2's own parser (a crafted commit then means something else than to git, and a
// message of any size is read whole, twice), and they ignore .git/shallow. Here the commits
// listed in .git/shallow have no parents, as git sees them, so shallow clones get git's answers.
// Only time and parents are kept per commit, never messages.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "git/commit_reader.h"
#include "git/handle.h"

namespace sigwarden::git {

class CommitGraph {
 public:
  explicit CommitGraph(git_repository* repo);

  // The merge base of a and b that `git merge-base a b` prints, or nothing when they have none.
  // Throws Error when a commit cannot be read.
  std::optional<git_oid> merge_base(const git_oid& a, const git_oid& b);

  // The commits reachable from b and not from a (a may be null: all of b's history), newest
  // first, as `git rev-list b ^a` lists them.
  std::vector<git_oid> between(const git_oid* a, const git_oid& b);

  // The reader the graph uses, for the commits' authors and messages.
  CommitReader& reader() { return reader_; }

 private:
  struct IdHash {
    std::size_t operator()(const RawId& id) const;
  };
  struct Node {
    std::int64_t time = 0;
    std::vector<RawId> parents;
    int flags = 0;
    bool parsed = false;  // a node can carry flags before its commit is read
  };
  // The node of a commit, read on first use.
  Node& node(const RawId& id);
  // paint_down_to_common: flags PARENT1 / PARENT2 / STALE / RESULT left on the nodes; returns
  // the non-stale results, newest first.
  std::vector<RawId> paint(const RawId& one, const std::vector<RawId>& twos);
  void clear_flags();

  CommitReader reader_;
  std::unordered_set<RawId, IdHash> cut_;  // .git/shallow
  std::unordered_map<RawId, Node, IdHash> nodes_;
};

RawId raw_id(const git_oid& id);
git_oid to_oid(const RawId& id);

}  // namespace sigwarden::git
