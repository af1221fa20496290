// An in-memory TreeReader for unit tests: a map of path -> content, directories implied.
#pragma once

#include <map>
#include <set>
#include <string>

#include "core/tree.h"

namespace sigwarden::testing {

class MemoryTree : public TreeReader {
 public:
  MemoryTree() = default;
  explicit MemoryTree(std::map<std::string, std::string> files) : files_(std::move(files)) {}

  void put(const std::string& path, const std::string& content) { files_[path] = content; }

  std::optional<std::vector<TreeEntry>> list_dir(std::string_view path) const override {
    std::string prefix = path.empty() ? "" : std::string(path) + "/";
    std::map<std::string, EntryKind> entries;
    for (const auto& [p, unused] : files_) {
      if (p.compare(0, prefix.size(), prefix) != 0) continue;
      std::string rest = p.substr(prefix.size());
      auto slash = rest.find('/');
      if (slash == std::string::npos) {
        entries[rest] = EntryKind::kFile;
      } else {
        entries[rest.substr(0, slash)] = EntryKind::kDirectory;
      }
    }
    if (entries.empty() && !path.empty()) return std::nullopt;
    std::vector<TreeEntry> out;
    for (const auto& [name, kind] : entries) out.push_back({name, kind});
    return out;
  }

  std::optional<EntryKind> kind(std::string_view path) const override {
    if (files_.count(std::string(path))) return EntryKind::kFile;
    std::string prefix = std::string(path) + "/";
    auto it = files_.lower_bound(prefix);
    if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
      return EntryKind::kDirectory;
    }
    return std::nullopt;
  }

  std::optional<std::size_t> file_size(std::string_view path) const override {
    auto it = files_.find(std::string(path));
    if (it == files_.end()) return std::nullopt;
    return it->second.size();
  }

  std::optional<std::string> read_file(std::string_view path) const override {
    auto it = files_.find(std::string(path));
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }

  std::string revision() const override { return "memory"; }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace sigwarden::testing
