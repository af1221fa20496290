#include "registry/layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/text.h"
#include "registry/readme.h"
#include "registry/sig_info.h"

namespace sigwarden {

bool parse_layout(const std::string& text, LayoutKind* out) {
  static const std::pair<const char*, LayoutKind> kNames[] = {
      {"auto", LayoutKind::kAuto},
      {"markdown", LayoutKind::kMarkdown},
      {"openeuler", LayoutKind::kOpenEuler},
      {"kubernetes", LayoutKind::kKubernetes},
      {"folders", LayoutKind::kFolders}};
  for (const auto& [name, kind] : kNames) {
    if (text == name) {
      *out = kind;
      return true;
    }
  }
  return false;
}

bool is_readme_name(const std::string& name) {
  std::string lower = to_lower_ascii(name);
  return lower.starts_with("readme") && lower.ends_with(".md");
}

const char* layout_name(LayoutKind kind) {
  switch (kind) {
    case LayoutKind::kMarkdown:
      return "markdown";
    case LayoutKind::kOpenEuler:
      return "openeuler";
    case LayoutKind::kKubernetes:
      return "kubernetes";
    case LayoutKind::kFolders:
      return "folders";
    case LayoutKind::kConfigured:
      return "configured";
    case LayoutKind::kAuto:
      break;
  }
  return "auto";
}

const char* layout_marker(LayoutKind kind) {
  switch (kind) {
    case LayoutKind::kMarkdown:
      return "sigs/README*.md";
    case LayoutKind::kOpenEuler:
      return "sig/sigs.yaml or sig/*/sig-info.yaml";
    case LayoutKind::kFolders:
      return "sig-*, wg-*, ug-*, committee-* or tag-* folders with a README at the root";
    case LayoutKind::kConfigured:
      return "the sources under 'registry:' in the configuration";
    default:
      return "sigs.yaml";
  }
}

bool layout_present(const TreeReader& tree, LayoutKind kind, const RegistrySources& sources) {
  switch (kind) {
    case LayoutKind::kFolders:
      for (const std::string& pattern : default_group_folders()) {
        for (const std::string& dir : matching_folders(tree, pattern)) {
          if (auto entries = tree.list_dir(dir)) {
            for (const TreeEntry& e : *entries) {
              if (e.kind == EntryKind::kFile && is_readme_name(e.name)) return true;
            }
          }
        }
      }
      return false;
    case LayoutKind::kConfigured:
      for (const auto* files : {&sources.index, &sources.yaml}) {
        for (const std::string& f : *files) {
          if (tree.kind(f) == EntryKind::kFile) return true;
        }
      }
      for (const auto* globs : {&sources.folders, &sources.sig_info}) {
        for (const std::string& g : *globs) {
          std::string folders = g;
          if (globs == &sources.sig_info) folders = std::string(parent_dir(g));
          if (!matching_folders(tree, folders).empty()) return true;
        }
      }
      return false;
    case LayoutKind::kKubernetes:
      return tree.kind("sigs.yaml") == EntryKind::kFile;
    case LayoutKind::kOpenEuler:
      if (tree.kind("sig/sigs.yaml") == EntryKind::kFile) return true;
      if (auto sig = tree.list_dir("sig")) {
        for (const TreeEntry& e : *sig) {
          if (e.kind == EntryKind::kDirectory &&
              tree.kind("sig/" + e.name + "/sig-info.yaml") == EntryKind::kFile) {
            return true;
          }
        }
      }
      return false;
    case LayoutKind::kMarkdown:
      if (auto sigs = tree.list_dir("sigs")) {
        for (const TreeEntry& e : *sigs) {
          if (e.kind == EntryKind::kFile && is_readme_name(e.name)) return true;
        }
      }
      return false;
    case LayoutKind::kAuto:
      break;
  }
  return false;
}

std::optional<LayoutKind> detect_layout(const TreeReader& tree,
                                        std::vector<std::string>* rejected) {
  for (LayoutKind kind : {LayoutKind::kKubernetes, LayoutKind::kOpenEuler, LayoutKind::kMarkdown,
                          LayoutKind::kFolders}) {
    if (!layout_present(tree, kind)) continue;
    // A file named like a registry is read as one only when its content fits the schema: a
    // sigs.yaml of another schema is not Kubernetes' (an unreadable or oversized one is, so that
    // its finding says why).
    if (kind == LayoutKind::kKubernetes) {
      auto size = tree.file_size("sigs.yaml");
      if (size && *size <= kMaxTextFileBytes) {
        if (auto text = tree.read_file("sigs.yaml")) {
          if (auto why = kubernetes_schema_mismatch(*text)) {
            if (rejected != nullptr) rejected->push_back("sigs.yaml: " + *why);
            continue;
          }
        }
      }
    }
    return kind;
  }
  return std::nullopt;
}

namespace {

// The configured sources, each read by its adapter into one registry. The layout is named after
// the adapters used ("kubernetes+markdown").
void build_configured(Builder& b, const RegistrySources& s) {
  std::vector<std::string> used;
  if (!s.yaml.empty()) {
    build_kubernetes(b, s.yaml);
    used.push_back("kubernetes");
  }
  for (const std::string& pattern : s.sig_info) {
    std::string root(parent_dir(parent_dir(pattern)));
    std::string file = pattern.substr(pattern.rfind('/') + 1);
    build_openeuler(b, root, file);
    used.push_back("openeuler");
  }
  if (!s.index.empty()) {
    build_markdown(b, s.index);
    used.push_back("markdown");
  }
  if (!s.folders.empty()) {
    build_folders(b, s.folders);
    used.push_back("folders");
  }
  std::string name;
  for (const std::string& u : used) {
    if (name.find(u) == std::string::npos) name += (name.empty() ? "" : "+") + u;
  }
  Registry& reg = b.registry();
  reg.layout = name;
  // A folder one source does not list may be another source's group: not unlisted then.
  std::set<std::string> dirs;
  for (const Group& g : reg.groups) dirs.insert(g.dir);
  std::set<std::string> unlisted;  // and one that none lists is reported once
  std::erase_if(reg.findings, [&dirs, &unlisted](const Finding& f) {
    return f.rule == "sig-unlisted-folder" &&
           (dirs.count(f.dir) > 0 || !unlisted.insert(f.dir).second);
  });
}

}  // namespace

Registry build_registry(const TreeReader& tree, const Patterns& patterns, LayoutKind layout,
                        const RegistrySources& sources) {
  if (!sources.empty()) layout = LayoutKind::kConfigured;
  if (layout == LayoutKind::kConfigured && !layout_present(tree, layout, sources)) {
    std::string names;
    for (const auto* list : {&sources.index, &sources.yaml, &sources.folders, &sources.sig_info}) {
      for (const std::string& s : *list) names += (names.empty() ? "" : ", ") + s;
    }
    throw Error(
        fmt::format("read the registry at {}: none of the sources that 'registry:' in the "
                    "configuration names exists ({})",
                    tree.revision(), names));
  }
  if (layout != LayoutKind::kAuto && !layout_present(tree, layout, sources)) {
    throw Error(
        fmt::format("read the {} layout at {}: the configuration names it but {} does not exist",
                    layout_name(layout), tree.revision(), layout_marker(layout)));
  }
  if (layout == LayoutKind::kAuto) {
    std::vector<std::string> rejected;
    auto detected = detect_layout(tree, &rejected);
    if (!detected) {
      std::string seen;
      for (const std::string& r : rejected) seen += "; " + r;
      throw Error(fmt::format(
          "find the SIG registry at {}: none found (looked for sigs.yaml, sig/*/sig-info.yaml and "
          "sigs/README*.md{}); run 'sigwarden init' to propose a 'registry:' configuration that "
          "names where it is (docs/configuration.md)",
          tree.revision(), seen));
    }
    layout = *detected;
  }
  Registry registry;
  registry.layout = layout_name(layout);  // kConfigured: renamed after its sources
  Builder builder(tree, patterns, registry);
  switch (layout) {
    case LayoutKind::kMarkdown:
      build_markdown(builder);
      break;
    case LayoutKind::kOpenEuler:
      build_openeuler(builder);
      break;
    case LayoutKind::kKubernetes:
      build_kubernetes(builder);
      break;
    case LayoutKind::kFolders:
      build_folders(builder, default_group_folders());
      break;
    case LayoutKind::kConfigured:
      build_configured(builder, sources);
      break;
    case LayoutKind::kAuto:
      break;
  }
  for (Group& g : registry.groups) merge_leads(g.leads);
  if (registry.groups.empty()) {
    // An empty registry must not pass: every group-level rule would have nothing to check.
    std::string files;
    for (const std::string& f : registry.index_files) files += (files.empty() ? "" : ", ") + f;
    std::string why;
    if (!registry.findings.empty()) {
      const Finding& f = registry.findings.front();
      why = f.location.line > 0
                ? fmt::format(" ({}:{}: {})", f.location.path, f.location.line, f.message)
                : fmt::format(" ({})", f.message);
    }
    throw Error(fmt::format(
        "read the {} registry at {}: {} declares no group{}; if the registry is elsewhere, run "
        "'sigwarden init' to propose a 'registry:' configuration (docs/configuration.md)",
        registry.layout, tree.revision(), files.empty() ? layout_marker(layout) : files, why));
  }
  return registry;
}

void Builder::add(const std::string& rule, const Group* group, Location where, std::string message,
                  std::string subject) {
  Finding f;
  f.rule = rule;
  f.message = std::move(message);
  if (group != nullptr) {
    f.sig = group->name;
    f.dir = group->dir;
  }
  f.location = std::move(where);
  f.subject = std::move(subject);
  registry_.findings.push_back(std::move(f));
}

void Builder::adopt(std::vector<Finding>&& findings, const Group* group) {
  for (Finding& f : findings) {
    if (group != nullptr) {
      f.sig = group->name;
      f.dir = group->dir;
    }
    registry_.findings.push_back(std::move(f));
  }
}

std::optional<std::string> Builder::read_text(const std::string& path, const Group* group) {
  auto size = tree_.file_size(path);
  if (!size) return std::nullopt;
  if (*size > kMaxTextFileBytes) {
    add("file-too-large", group, {path, 0, 0},
        fmt::format("{} is {} bytes, over the limit of {} bytes: not read", path, *size,
                    kMaxTextFileBytes),
        path);
    return std::nullopt;
  }
  auto text = tree_.read_file(path);
  if (!text) return std::nullopt;
  if (auto bad = find_invalid_utf8(*text)) {
    bool nul = false;
    for (char c : *text) nul = nul || c == '\0';
    add("file-encoding", group, {path, bad->line, bad->column},
        nul ? fmt::format("{} contains NUL bytes (a binary file?): not read", path)
            : fmt::format("{} is not valid UTF-8 (first bad byte at line {}, column {}): not read",
                          path, bad->line, bad->column),
        path);
    return std::nullopt;
  }
  return text;
}

void Builder::read_readmes(Group& group, const std::string& preferred, bool generated) {
  auto entries = tree_.list_dir(group.dir);
  if (!entries) return;
  std::vector<std::string> readmes;
  for (const TreeEntry& e : *entries) {
    if (e.kind == EntryKind::kFile && is_readme_name(e.name)) {
      readmes.push_back(group.dir + "/" + e.name);
    }
  }
  // Preferred (the file the index links to), then README.md, then the others by name.
  std::stable_sort(readmes.begin(), readmes.end(), [&](const std::string& a, const std::string& b) {
    auto rank = [&](const std::string& p) {
      if (p == preferred) return 0;
      if (p == group.dir + "/README.md") return 1;
      return 2;
    };
    return rank(a) < rank(b);
  });
  if (readmes.empty()) return;
  group.readme = readmes.front();
  std::set<std::string> seen_leads;
  std::set<std::string> seen_lists;
  for (const MailingList& l : group.lists) {
    if (l.source == Source::kReadme) seen_lists.insert(l.normalized);
  }
  for (const std::string& path : readmes) {
    auto text = read_text(path, &group);
    if (!text) continue;
    group.readme_parsed = true;
    ReadmeFacts facts =
        parse_readme(path, *text, patterns_,
                     group.kind == GroupKind::kCommittee ? ReadmeOf::kCommittee : ReadmeOf::kGroup);
    if (generated) {
      group.readme_generated = true;
      facts.leads.clear();
      facts.lists.clear();
    } else if (facts.lead_section_found && !group.readme_lead_section) {
      group.readme_lead_section = facts.lead_section;
    }
    for (Person& p : facts.leads) {
      if (seen_leads.insert(to_lower_ascii(p.label())).second) group.leads.push_back(std::move(p));
    }
    for (MailingList& l : facts.lists) {
      if (seen_lists.insert(l.normalized).second) group.lists.push_back(std::move(l));
    }
    for (auto& [text_found, where] : facts.placeholders) {
      add("sig-placeholder", &group, where,
          fmt::format("SIG '{}': '{}' in {} is a placeholder, not a lead or a mailing list",
                      group.name, text_found, path),
          text_found);
    }
  }
}

std::optional<SigInfo> Builder::read_sig_info(Group& group, bool openeuler_flavor,
                                              const std::string& file_name) {
  std::string path = group.dir + "/" + file_name;
  auto text = read_text(path, &group);
  if (!text) return std::nullopt;
  std::string folder(group.dir.substr(group.dir.rfind('/') + 1));
  SigInfoParse parsed = parse_sig_info(
      path, *text, folder, openeuler_flavor ? SigInfoFlavor::kOpenEuler : SigInfoFlavor::kGeneric,
      patterns_);
  adopt(std::move(parsed.findings), &group);
  group.owned_patterns = parsed.info.directories;
  for (const SigInfoRepo& r : parsed.info.repositories)
    group.repositories.push_back({r.repo, r.where});
  for (const Person& p : parsed.info.maintainers) group.leads.push_back(p);
  for (const MailingList& l : parsed.info.lists) group.lists.push_back(l);
  return std::move(parsed.info);
}

void Builder::check_link(const std::string& base_dir, const std::string& target,
                         const Location& where, const Group* group) {
  std::string t = target;
  if (t.empty() || t.starts_with("#") || t.find("://") != std::string::npos ||
      to_lower_ascii(t).starts_with("mailto:")) {
    return;
  }
  if (auto hash = t.find('#'); hash != std::string::npos) t.erase(hash);
  if (auto q = t.find('?'); q != std::string::npos) t.erase(q);
  t = percent_decode(t);
  auto resolved = join_path(base_dir, t);
  if (!resolved) {
    add("link-broken", group, where, fmt::format("link '{}' points outside the repository", target),
        target);
    return;
  }
  registry_.links.push_back({target, *resolved, where});
  if (tree_.kind(*resolved)) return;
  // Name a case-insensitive near match: the usual cause of a link that works on macOS only.
  std::string hint;
  std::string parent(parent_dir(*resolved));
  std::string leaf = resolved->substr(parent.empty() ? 0 : parent.size() + 1);
  if (auto siblings = tree_.list_dir(parent)) {
    std::vector<std::string> readmes;
    for (const TreeEntry& e : *siblings) {
      if (to_lower_ascii(e.name) == to_lower_ascii(leaf)) {
        hint = fmt::format(" ('{}' exists: links are case-sensitive)", e.name);
      }
      if (e.kind == EntryKind::kFile && is_readme_name(e.name)) readmes.push_back(e.name);
    }
    if (hint.empty() && is_readme_name(leaf) && !readmes.empty()) {
      std::string names;
      for (const auto& r : readmes) names += (names.empty() ? "'" : ", '") + r + "'";
      hint = fmt::format(" (the folder has {})", names);
    }
  }
  add("link-broken", group, where,
      fmt::format("link '{}' points to {}, which does not exist{}", target, *resolved, hint),
      target);
}

void Builder::report_unlisted(const std::string& root, const std::vector<std::string>& listed,
                              bool (*keep)(const std::string& name)) {
  auto entries = tree_.list_dir(root);
  if (!entries) return;
  std::set<std::string> known(listed.begin(), listed.end());
  for (const TreeEntry& e : *entries) {
    if (e.kind != EntryKind::kDirectory) continue;
    if (keep != nullptr && !keep(e.name)) continue;
    if (patterns_.matches("not_sig_folder", e.name)) continue;
    std::string dir = root.empty() ? e.name : root + "/" + e.name;
    registry_.folders.push_back(dir);
    if (known.count(dir)) continue;
    Location where{dir, 0, 0};
    for (const char* readme : {"README.md", "README_en.md", "README.en.md", "readme.md"}) {
      if (tree_.kind(dir + "/" + readme) == EntryKind::kFile) {
        where = {dir + "/" + readme, 1, 1};
        break;
      }
    }
    Finding f;
    f.rule = "sig-unlisted-folder";
    f.dir = dir;
    f.location = where;
    f.subject = dir;
    f.message = fmt::format(
        "folder {} looks like a SIG folder but the registry ({}) does not list it", dir,
        registry_.index_files.empty() ? std::string("none") : registry_.index_files.front());
    registry_.findings.push_back(std::move(f));
  }
}

}  // namespace sigwarden
