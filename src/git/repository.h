// Read-only access to a git repository at one revision. This is the only interface through which
// sigwarden sees repository content: trees are listed on demand and blobs are read lazily, so a
// command reads just the files its rules need (and works on partial clones as long as it does not
// need a missing blob). Nothing here writes to the repository.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tree.h"

struct git_repository;
struct git_tree;
struct git_tree_entry;

namespace sigwarden::git {

// Initialises libgit2 for the lifetime of the object. Create one in main() (and in tests) before
// any other git call.
class Library {
 public:
  Library();
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

using sigwarden::EntryKind;
using sigwarden::TreeEntry;

// The tree of one revision. Trees are loaded on first use and cached; blobs are never cached.
// Every tree read is checked as git fsck would (git/tree_checks.h): methods throw Error naming
// the tree when it is nested deeper than git's core.maxTreeDepth (4,096), contains itself, or has
// entries out of git's order or named twice (libgit2's lookups would answer wrongly).
class Snapshot : public TreeReader {
 public:
  // Takes root; throws Error when its entries are not in git's order.
  Snapshot(git_repository* repo, git_tree* root, std::string revision, std::string commit_id);
  ~Snapshot() override;
  Snapshot(Snapshot&&) noexcept;
  Snapshot& operator=(Snapshot&&) noexcept;

  // The revision as the user wrote it, and the full id of the commit it resolved to.
  std::string revision() const override { return revision_; }
  const std::string& commit_id() const { return commit_id_; }

  // Entries of the directory at path ("" for the root), sorted by name as git sorts them.
  // Returns nothing when path does not exist or is not a directory.
  std::optional<std::vector<TreeEntry>> list_dir(std::string_view path) const override;

  // The kind of the entry at path, or nothing when there is none. Case-sensitive, like git.
  std::optional<EntryKind> kind(std::string_view path) const override;

  // Content of the regular file at path. Returns nothing when path is missing or is not a regular
  // file. Throws Error when the blob is not in the object store (partial clone) or cannot be read.
  std::optional<std::string> read_file(std::string_view path) const override;

  // Size in bytes of the regular file at path, without reading it; nothing when not a file.
  std::optional<std::size_t> file_size(std::string_view path) const override;

  // Calls visit(path, kind) for every non-directory entry of the tree, in git's order. Walks
  // with a stack of its own (no recursion), down to git's maximum depth.
  void for_each_file(
      const std::function<void(const std::string&, EntryKind)>& visit) const override;

  // The libgit2 objects behind this snapshot, for src/git only.
  git_repository* raw_repository() const { return repo_; }
  git_tree* raw_root() const;

 private:
  // The tree of the directory dir ("" for the root), read once and cached; null when there is
  // no such directory.
  git_tree* tree_at(std::string_view dir) const;
  // The entry at path (borrowed from its cached tree), or null.
  const git_tree_entry* entry_at(std::string_view path) const;

  git_repository* repo_;  // borrowed from the Repository that made this snapshot
  std::string revision_;
  std::string commit_id_;
  struct Trees;
  std::unique_ptr<Trees> trees_;
};

class Repository {
 public:
  // Opens the repository containing dir (searching parent directories, like git), bare or not.
  // Throws Error naming dir when there is none.
  static Repository discover(const std::string& dir);

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  ~Repository();

  // Resolves rev (any revision git understands: HEAD, a branch, a tag, an id, HEAD~2, ...) to a
  // commit and returns its tree. Throws Error naming rev when it does not resolve, and naming the
  // object when rev exists but its object cannot be read (a corrupt or missing pack).
  Snapshot snapshot(const std::string& rev) const;

  // Resolves "A..B" (A to B) or "A...B" (the merge base of A and B to B) into two snapshots.
  // Throws Error naming the range when it does not resolve, and says to fetch full history when
  // a shallow clone lacks the merge base.
  std::pair<Snapshot, Snapshot> range(const std::string& spec) const;

  // The work tree directory, or the git directory for a bare repository.
  std::string location() const;
  bool is_shallow() const;

 private:
  explicit Repository(git_repository* repo);
  git_repository* repo_;
};

}  // namespace sigwarden::git
