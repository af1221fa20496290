// The read-only view of one revision's tree that the registry builders and rules use. The git
// layer implements it over libgit2 (git::Snapshot); tests implement it in memory. Builders never
// see libgit2.
#pragma once

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
};

}  // namespace sigwarden
