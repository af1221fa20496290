// The read-only view of one revision's tree that the registry builders and rules use. The git
// layer implements it over libgit2 (git::Snapshot); tests implement it in memory. Builders never
// see libgit2.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sigwarden {

enum class EntryKind { kFile, kDirectory, kSymlink, kSubmodule };

struct TreeEntry {
  std::string name;
  EntryKind kind = EntryKind::kFile;
};

class TreeReader {
 public:
  virtual ~TreeReader() = default;
  // Entries of the directory at path ("" is the root), sorted by name; nothing when path is not
  // a directory.
  virtual std::optional<std::vector<TreeEntry>> list_dir(std::string_view path) const = 0;
  // Kind of the entry at path, or nothing when there is none. Case-sensitive.
  virtual std::optional<EntryKind> kind(std::string_view path) const = 0;
  // Size of the regular file at path without reading it; nothing when not a regular file.
  virtual std::optional<std::size_t> file_size(std::string_view path) const = 0;
  // Content of the regular file at path; nothing when not a regular file. Throws Error when the
  // content exists but cannot be read.
  virtual std::optional<std::string> read_file(std::string_view path) const = 0;
  // A name for the revision, for messages ("HEAD", "main", a commit id).
  virtual std::string revision() const = 0;

  // Calls visit(path, kind) for every non-directory entry of the tree. The default walks
  // list_dir(); the git layer overrides it with a direct tree walk.
  virtual void for_each_file(
      const std::function<void(const std::string&, EntryKind)>& visit) const {
    walk("", visit);
  }

 private:
  void walk(const std::string& dir,
            const std::function<void(const std::string&, EntryKind)>& visit) const {
    auto entries = list_dir(dir);
    if (!entries) return;
    for (const TreeEntry& e : *entries) {
      std::string path = dir.empty() ? e.name : dir + "/" + e.name;
      if (e.kind == EntryKind::kDirectory) {
        walk(path, visit);
      } else {
        visit(path, e.kind);
      }
    }
  }
};

}  // namespace sigwarden
