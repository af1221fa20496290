// The folders layout: group folders and nothing else, no index (communities that keep `sig-*`,
// `wg-*`, `ug-*`, `committee-*` or `tag-*` folders at the repository root, each with a README
// naming its leads and list; or any folders `registry: {folders: [...]}` names). Every matching
// folder that holds a README is a group; its kind comes from its prefix, its name from the
// folder, its leads and lists from its READMEs.

#include <fnmatch.h>

#include <algorithm>
#include <array>

#include "registry/layout.h"

namespace sigwarden {

namespace {

struct Prefix {
  std::string_view prefix;
  GroupKind kind;
};
constexpr std::array<Prefix, 5> kPrefixes = {{{"sig-", GroupKind::kSig},
                                              {"wg-", GroupKind::kWorkingGroup},
                                              {"ug-", GroupKind::kUserGroup},
                                              {"committee-", GroupKind::kCommittee},
                                              {"tag-", GroupKind::kSig}}};

bool has_readme(const TreeReader& tree, const std::string& dir) {
  auto entries = tree.list_dir(dir);
  if (!entries) return false;
  for (const TreeEntry& e : *entries) {
    if (e.kind == EntryKind::kFile && is_readme_name(e.name)) return true;
  }
  return false;
}

}  // namespace

bool looks_like_group_folder(const std::string& name) {
  return group_kind_of_folder(name).has_value();
}

std::optional<GroupKind> group_kind_of_folder(std::string_view name) {
  for (const Prefix& p : kPrefixes) {
    if (name.starts_with(p.prefix) && name.size() > p.prefix.size()) return p.kind;
  }
  return std::nullopt;
}

const std::vector<std::string>& default_group_folders() {
  static const std::vector<std::string> kDefault = {"sig-*", "wg-*", "ug-*", "committee-*",
                                                    "tag-*"};
  return kDefault;
}

std::vector<std::string> matching_folders(const TreeReader& tree, const std::string& pattern) {
  std::string parent;
  std::string glob = pattern;
  if (auto slash = pattern.rfind('/'); slash != std::string::npos) {
    parent = pattern.substr(0, slash);
    glob = pattern.substr(slash + 1);
  }
  std::vector<std::string> out;
  auto entries = tree.list_dir(parent);
  if (!entries) return out;
  for (const TreeEntry& e : *entries) {
    if (e.kind != EntryKind::kDirectory) continue;
    if (fnmatch(glob.c_str(), e.name.c_str(), FNM_PERIOD) != 0) continue;
    out.push_back(parent.empty() ? e.name : parent + "/" + e.name);
  }
  return out;
}

void build_folders(Builder& b, const std::vector<std::string>& patterns) {
  Registry& reg = b.registry();
  for (const std::string& pattern : patterns) {
    std::string root = pattern.find('/') == std::string::npos
                           ? std::string()
                           : pattern.substr(0, pattern.rfind('/'));
    if (std::find(reg.group_roots.begin(), reg.group_roots.end(), root) == reg.group_roots.end()) {
      reg.group_roots.push_back(root);
    }
    std::vector<std::string> dirs = matching_folders(b.tree(), pattern);
    if (!dirs.empty()) reg.index_files.push_back(pattern + "/README*.md");
    for (const std::string& dir : dirs) {
      std::string name = dir.substr(dir.rfind('/') + 1);
      if (b.patterns().matches("not_sig_folder", name)) continue;
      reg.folders.push_back(dir);
      // A folder another source already declares is that source's group.
      if (reg.find_by_dir(dir) != nullptr || !has_readme(b.tree(), dir)) continue;
      Group g;
      g.name = name;
      g.kind = group_kind_of_folder(name).value_or(GroupKind::kSig);
      g.dir = dir;
      g.folder_exists = true;
      reg.groups.push_back(std::move(g));
    }
  }
  for (Group& g : reg.groups) {
    if (!g.readme && g.folder_exists && g.declared.path.empty()) {
      b.read_readmes(g, g.dir + "/README.md");
      g.declared = {g.readme.value_or(g.dir), g.readme ? 1 : 0, g.readme ? 1 : 0};
    }
  }
}

}  // namespace sigwarden
