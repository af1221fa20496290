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
  // list_dir() depth first with a stack of its own (a tree can be nested thousands of levels);
  // the git layer overrides it with a direct tree walk.
  virtual void for_each_file(
      const std::function<void(const std::string&, EntryKind)>& visit) const {
    struct Dir {
      std::string path;
      std::vector<TreeEntry> entries;
      std::size_t next = 0;
    };
    std::vector<Dir> stack;
    if (auto root = list_dir("")) stack.push_back({"", std::move(*root)});
    while (!stack.empty()) {
      Dir& top = stack.back();
      if (top.next == top.entries.size()) {
        stack.pop_back();
        continue;
      }
      const TreeEntry& e = top.entries[top.next++];
      std::string path = top.path.empty() ? e.name : top.path + "/" + e.name;
      if (e.kind != EntryKind::kDirectory) {
        visit(path, e.kind);
      } else if (auto entries = list_dir(path)) {
        stack.push_back({std::move(path), std::move(*entries)});  // top is not used after this
      }
    }
  }
};

}  // namespace sigwarden
