// Changed paths between two revisions, by a pruned walk of the two trees: subtrees whose ids are
// equal are skipped without being read, so a one-file change in a huge tree reads a handful of
// tree objects. Blobs are never read (works on partial clones); exact renames (same blob id
// deleted at one path and added at another) are reported with both paths.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "git/repository.h"

struct git_oid;

namespace sigwarden::git {

enum class ChangeKind { kAdded, kDeleted, kModified, kTypeChanged, kRenamed };

struct Change {
  ChangeKind kind = ChangeKind::kModified;
  std::string old_path;  // empty for kAdded
  std::string new_path;  // empty for kDeleted
};

// Single-letter status as git prints it: A, D, M, T, R.
char change_letter(ChangeKind kind);

// Every changed file between from and to (two snapshots of the same repository), sorted by path.
// Both walks here throw Error naming the tree when one is nested deeper than git's
// core.maxTreeDepth (4,096), contains itself, or is out of git's order (git/tree_checks.h).
std::vector<Change> changed_paths(const Snapshot& from, const Snapshot& to);

// Every changed file between the trees with ids from and to (from may be null: everything in to
// is added), appended to out in walk order, with no rename pairing (as `git log --name-only
// --no-renames`). what names the comparison in errors. For src/git and the history walk.
// packs, when given, reads tree objects from the pack files first (see pack_reader.h). In
// src/git/raw_tree.cc.
class PackReader;
void changed_files(git_repository* repo, const git_oid* from, const git_oid* to,
                   const std::string& what, std::vector<std::string>& out,
                   PackReader* packs = nullptr);

}  // namespace sigwarden::git
