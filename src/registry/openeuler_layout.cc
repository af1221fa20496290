// The openEuler layout (FORMATS.md §2): one folder per SIG under sig/, each with sig-info.yaml
// (the registry entry), README.md, an optional OWNERS whose maintainers count as leads too, and one
// YAML file per managed repository under sig/<SIG>/<org>/<first letter>/<repo>.yaml. An optional
// sig/sigs.yaml lists the SIGs by name. sig/sig-template/ is a template, archived_sigs/ is history.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

#include "core/text.h"
#include "registry/layout.h"
#include "registry/sig_info.h"
#include "registry/yaml_schema.h"

namespace sigwarden {

namespace {

// Names listed in sig/sigs.yaml (`sigs: [{name: X, ...}]`), with their locations.
std::map<std::string, Location> read_index(Builder& b, const std::string& path) {
  std::map<std::string, Location> names;
  auto text = b.read_text(path, nullptr);
  if (!text) return names;
  SchemaChecker check(path);
  auto root = check.load(*text);
  if (root && check.map(*root, path) && (*root)["sigs"] &&
      check.sequence((*root)["sigs"], "sigs")) {
    std::size_t i = 0;
    for (const auto& entry : (*root)["sigs"]) {
      std::string what = fmt::format("sigs #{}", ++i);
      if (!check.map(entry, what) || !check.require(entry, "name", what)) continue;
      if (auto name = check.scalar(entry["name"], what + " name")) {
        if (!names.emplace(*name, check.where(entry["name"])).second) {
          check.report(entry["name"], fmt::format("SIG '{}' is listed twice in {}", *name, path),
                       "twice:" + *name, "sig-duplicate");
        }
      }
    }
  }
  b.adopt(std::move(check.findings()), nullptr);
  return names;
}

// Checks that each repository listed in sig-info.yaml has its per-repo file and belongs to one SIG.
void check_repositories(Builder& b, Group& g, const SigInfo& info,
                        std::map<std::string, std::string>& owner_of_repo) {
  // Per-repo files that exist: "<org>/<name>" -> path.
  std::map<std::string, std::string> files;
  for (const char* org : {"openeuler", "src-openeuler"}) {
    std::string org_dir = g.dir + "/" + org;
    auto letters = b.tree().list_dir(org_dir);
    if (!letters) continue;
    for (const TreeEntry& letter : *letters) {
      if (letter.kind != EntryKind::kDirectory) continue;
      auto repos = b.tree().list_dir(org_dir + "/" + letter.name);
      if (!repos) continue;
      for (const TreeEntry& f : *repos) {
        if (f.kind != EntryKind::kFile || !f.name.ends_with(".yaml")) continue;
        std::string name = f.name.substr(0, f.name.size() - 5);
        files[std::string(org) + "/" + name] = org_dir + "/" + letter.name + "/" + f.name;
      }
    }
  }
  for (const SigInfoRepo& r : info.repositories) {
    auto [it, fresh] = owner_of_repo.emplace(r.repo, g.name);
    if (!fresh && it->second != g.name) {
      b.add("registry-schema", &g, r.where,
            fmt::format("repo '{}' is listed by SIG '{}' and by SIG '{}': a repository belongs to "
                        "exactly one SIG",
                        r.repo, it->second, g.name),
            "repo-owner:" + r.repo);
    }
    auto slash = r.repo.find('/');
    std::string org = r.repo.substr(0, slash);
    std::string name = r.repo.substr(slash + 1);
    if (org != "openeuler" && org != "src-openeuler") continue;
    std::string letter = to_lower_ascii(name.substr(0, 1));
    std::string expected = fmt::format("{}/{}/{}/{}.yaml", g.dir, org, letter, name);
    auto f = files.find(r.repo);
    if (f == files.end()) {
      // Only demand per-repo files where the SIG keeps them at all.
      if (files.empty()) continue;
      b.add("registry-schema", &g, r.where,
            fmt::format("repo '{}' has no per-repo file (expected {})", r.repo, expected),
            "repo-file:" + r.repo);
    } else if (f->second != expected) {
      b.add("registry-schema", &g, {f->second, 1, 1},
            fmt::format("per-repo file {} is under the wrong first letter (expected {})", f->second,
                        expected),
            "repo-letter:" + r.repo);
    }
  }
}

}  // namespace

void build_openeuler(Builder& b, const std::string& root, const std::string& file) {
  Registry& reg = b.registry();
  const std::size_t first = reg.groups.size();  // groups of other sources stay theirs
  reg.group_roots.push_back(root);
  auto under = [&root](const std::string& name) { return root.empty() ? name : root + "/" + name; };
  std::map<std::string, Location> index;
  // sig/sigs.yaml lists the groups in openEuler's own layout only.
  bool has_index = root == "sig" && b.tree().kind("sig/sigs.yaml") == EntryKind::kFile;
  if (has_index) {
    reg.index_files.push_back("sig/sigs.yaml");
    index = read_index(b, "sig/sigs.yaml");
  }
  auto entries = b.tree().list_dir(root);
  std::vector<std::string> listed;
  std::set<std::string> folders;
  if (entries) {
    for (const TreeEntry& e : *entries) {
      if (e.kind != EntryKind::kDirectory || b.patterns().matches("not_sig_folder", e.name)) {
        continue;
      }
      std::string dir = under(e.name);
      folders.insert(e.name);
      bool registered = b.tree().kind(dir + "/" + file) == EntryKind::kFile;
      bool in_index = has_index && index.count(e.name);
      // A folder with sig-info.yaml is a SIG even when sig/sigs.yaml does not list it: it is then
      // checked and also reported as unlisted.
      if (!registered && !in_index) continue;
      Group g;
      g.name = e.name;
      g.dir = dir;
      g.folder_exists = true;
      g.declared = in_index ? index[e.name] : Location{dir + "/" + file, 1, 1};
      if (!has_index || in_index) listed.push_back(dir);
      reg.groups.push_back(std::move(g));
    }
  }
  for (const auto& [name, where] : index) {
    if (folders.count(name)) continue;
    Group g;
    g.name = name;
    g.dir = under(name);
    g.declared = where;
    listed.push_back(g.dir);
    reg.groups.push_back(std::move(g));
  }
  if (!has_index) {
    // Without sig/sigs.yaml the registry is the set of sig-info.yaml files.
    reg.index_files.push_back(under("*/" + file));
  }
  std::map<std::string, std::string> owner_of_repo;
  for (std::size_t gi = first; gi < reg.groups.size(); ++gi) {
    Group& g = reg.groups[gi];
    if (!g.folder_exists) continue;
    if (auto owners = b.read_text(g.dir + "/OWNERS", &g)) {
      OwnersParse parsed = parse_openeuler_owners(g.dir + "/OWNERS", *owners, b.patterns());
      b.adopt(std::move(parsed.findings), &g);
      for (Person& p : parsed.maintainers) g.leads.push_back(std::move(p));
    }
    if (auto info = b.read_sig_info(g, /*openeuler_flavor=*/true, file)) {
      check_repositories(b, g, *info, owner_of_repo);
    }
    b.read_readmes(g, g.dir + "/README.md");
  }
  b.report_unlisted(root, listed, root.empty() ? looks_like_group_folder : nullptr);
}

}  // namespace sigwarden
