#include "ownership/index.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/text.h"
#include "ownership/codeowners.h"
#include "ownership/glob.h"
#include "ownership/maintainers.h"
#include "ownership/prow_owners.h"

namespace sigwarden {

namespace {

// GitLab has no documented size limit; sigwarden still bounds what it reads.
constexpr std::size_t kMaxCodeownersRead = 16 << 20;

// OWNERS, OWNERS_ALIASES and MAINTAINERS files are read up to this size (the Linux kernel's
// MAINTAINERS is under 1 MB); a larger one contributes nothing and gets a finding.
constexpr std::size_t kMaxOwnershipFileRead = 16 << 20;

// Up to this many owned-path patterns of the registry are tested one by one.
constexpr std::size_t kDeclaredScanLimit = 64;

std::optional<std::string> read_ownership_file(const TreeReader& tree, const std::string& path,
                                               std::vector<Finding>& findings) {
  auto size = tree.file_size(path);
  if (!size) return std::nullopt;
  if (*size > kMaxOwnershipFileRead) {
    Finding f;
    f.rule = "ownership-file-too-large";
    f.location = {path, 0, 0};
    f.subject = path;
    f.message = fmt::format("{} is {} bytes, over sigwarden's limit of {} bytes: not read", path,
                            *size, kMaxOwnershipFileRead);
    findings.push_back(std::move(f));
    return std::nullopt;
  }
  return tree.read_file(path);
}

void add_unique(std::vector<std::string>& to, const std::string& value) {
  if (!value.empty() && std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

std::vector<std::string> ancestors_of(std::string_view path) {
  // "a/b/c.txt" -> "", "a", "a/b"
  std::vector<std::string> out{""};
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    out.emplace_back(path.substr(0, slash));
  }
  return out;
}

std::string base_name(std::string_view path) {
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

struct OwnershipIndex::Impl {
  const Registry& registry;
  std::vector<Finding> findings;
  std::vector<std::string> files_read;

  // Registry: folder -> group, and declared patterns.
  std::map<std::string, std::size_t, std::less<>> group_of_dir;
  struct Declared {
    GlobMatcher glob;
    std::size_t group;
    RuleRef ref;
  };
  std::vector<Declared> declared;
  std::unique_ptr<LiteralRunIndex> declared_index;  // when there are many (kDeclaredScanLimit)
  std::map<std::string, std::size_t> group_by_key;  // lower-case name, folder name, label

  std::optional<CodeownersFile> codeowners;
  std::unique_ptr<CodeownersBudget> codeowners_budget;               // shared by the matchers
  std::vector<std::unique_ptr<CodeownersMatcher>> section_matchers;  // one per section
  std::vector<std::unique_ptr<CodeownersMatcher>> exclusions;        // GitLab, per section
  std::vector<RuleRef> codeowner_refs;

  // Per section: the deciding rule for path, or -1; *excluded_by is set when an exclusion
  // removes the path from the section.
  int decide(std::size_t section, std::string_view path, int* excluded_by) const {
    return exclude(section, section_matchers[section]->match(path), path, excluded_by);
  }
  // The same, given the section's last matching rule idx (-1: none). The first exclusion in
  // file order that matches is the one named.
  int exclude(std::size_t section, int idx, std::string_view path, int* excluded_by) const {
    *excluded_by = -1;
    if (idx < 0 || !exclusions[section]) return idx;
    std::vector<int> x = exclusions[section]->all_matches(path);
    if (x.empty()) return idx;
    *excluded_by = x.front();
    return -1;
  }

  std::unique_ptr<ProwOwnersResolver> prow;
  std::unique_ptr<MaintainersMatcher> maintainers;

  std::vector<std::unique_ptr<RE2>> teams;

  explicit Impl(const Registry& r) : registry(r) {}

  std::optional<std::size_t> group_named(std::string_view key) const {
    auto it = group_by_key.find(to_lower_ascii(key));
    if (it == group_by_key.end()) return std::nullopt;
    return it->second;
  }

  std::string sig_of_owner(std::string_view owner) const {
    if (teams.empty()) return "";
    // The same few owners come back on most paths: each is matched against the patterns once.
    auto cached = sig_of_owner_cache.find(owner);
    if (cached != sig_of_owner_cache.end()) return cached->second;
    std::string sig;
    for (const auto& re : teams) {
      std::string captured;
      if (RE2::FullMatch(re2::StringPiece(owner.data(), owner.size()), *re, &captured)) {
        auto g = group_named(captured);
        sig = g ? registry.groups[*g].name : captured;
        break;
      }
    }
    sig_of_owner_cache.emplace(std::string(owner), sig);
    return sig;
  }
  mutable std::map<std::string, std::string, std::less<>> sig_of_owner_cache;

  // A SIG reached through another source (a team, a label): its name and lists; the owners
  // stay those the source wrote.
  void add_sig(PathOwners& out, const Group& g) const {
    add_unique(out.sigs, g.name);
    std::set<std::string> seen;
    for (const MailingList& l : g.lists) {
      if (seen.insert(l.normalized).second) add_unique(out.lists, l.address);
    }
  }

  // A SIG that owns the path in the registry: also its leads, as owners.
  void add_group(PathOwners& out, const Group& g) const {
    add_sig(out, g);
    for (const Person& p : g.leads) {
      add_unique(out.owners, p.handle.empty() ? p.label() : "@" + p.handle);
    }
  }
};

OwnershipIndex::OwnershipIndex(const TreeReader& tree, const Registry& registry,
                               const Config& config, Scope scope,
                               const std::vector<std::string>& files)
    : impl_(std::make_unique<Impl>(registry)) {
  Impl& m = *impl_;
  for (std::size_t i = 0; i < registry.groups.size(); ++i) {
    const Group& g = registry.groups[i];
    if (!g.dir.empty()) m.group_of_dir.emplace(g.dir, i);
    m.group_by_key.emplace(to_lower_ascii(g.name), i);
    if (!g.dir.empty()) m.group_by_key.emplace(to_lower_ascii(base_name(g.dir)), i);
    if (!g.label.empty()) m.group_by_key.emplace(to_lower_ascii(g.label), i);
  }
  auto declare = [&](std::size_t group, const std::string& pattern, const Location& where,
                     const std::string& source) {
    std::string error;
    auto glob = parse_glob(pattern, &error);
    if (!glob) {
      Finding f;
      f.rule = "ownership-syntax";
      f.location = where;
      f.sig = registry.groups[group].name;
      f.subject = pattern;
      f.message = fmt::format("owned path '{}' of SIG '{}' is invalid: {}", pattern,
                              registry.groups[group].name, error);
      m.findings.push_back(std::move(f));
      return;
    }
    m.declared.push_back({GlobMatcher(std::move(*glob)), group, {source, pattern, where}});
  };
  for (std::size_t i = 0; i < registry.groups.size(); ++i) {
    for (const auto& [pattern, where] : registry.groups[i].owned_patterns) {
      declare(i, pattern, where, "registry");
    }
  }
  for (const auto& [sig, entry] : config.owns) {
    auto g = m.group_named(sig);
    if (!g) {
      Finding f;
      f.rule = "ownership-syntax";
      f.location = entry.second;
      f.subject = "owns:" + sig;
      f.message = fmt::format("owns: '{}' is not a SIG of the registry", sig);
      m.findings.push_back(std::move(f));
      continue;
    }
    declare(*g, entry.first, entry.second, ".sigwarden.yaml");
  }
  // A registry declares a few owned paths per SIG; thousands (a generated or hostile sig-info.yaml)
  // are indexed so that a path is not tested against each of them.
  if (m.declared.size() > kDeclaredScanLimit) {
    m.declared_index = std::make_unique<LiteralRunIndex>();
    for (std::size_t i = 0; i < m.declared.size(); ++i) {
      m.declared_index->add(static_cast<int>(i), m.declared[i].glob);
    }
  }
  RE2::Options team_options;
  team_options.set_log_errors(false);  // checked when the configuration was read
  for (const std::string& t : config.team_patterns) {
    m.teams.push_back(std::make_unique<RE2>(t, team_options));
  }

  // CODEOWNERS: GitHub's or GitLab's flavour (configured, or GitLab when .gitlab/CODEOWNERS
  // exists), from the first of that flavour's locations that exists.
  GlobFlavor flavor =
      config.codeowners_flavor == "gitlab" ? GlobFlavor::kGitlab
      : config.codeowners_flavor.empty() && tree.kind(".gitlab/CODEOWNERS") == EntryKind::kFile
          ? GlobFlavor::kGitlab
          : GlobFlavor::kGithub;
  for (const std::string& path : codeowners_locations(flavor)) {
    auto size = tree.file_size(path);
    if (!size) continue;
    bool read = flavor == GlobFlavor::kGitlab || *size < kCodeownersMaxBytes;
    std::string text = read && *size <= kMaxCodeownersRead ? tree.read_file(path).value_or("") : "";
    m.codeowners = parse_codeowners(path, text, *size, flavor);
    if (read && *size > kMaxCodeownersRead) {
      Finding f;
      f.rule = "codeowners-too-large";
      f.location = {path, 0, 0};
      f.subject = path;
      f.message = fmt::format("{} is {} bytes, over sigwarden's limit of {} bytes: not read", path,
                              *size, kMaxCodeownersRead);
      m.findings.push_back(std::move(f));
    }
    m.files_read.push_back(path);
    for (Finding& f : m.codeowners->findings) m.findings.push_back(f);
    const auto& sections = m.codeowners->sections;
    for (const CodeownersRule& r : m.codeowners->rules) {
      std::string pattern = (r.exclusion ? "!" : "") + r.glob.pattern().text;
      if (!sections[r.section].name.empty()) {
        pattern = fmt::format("[{}] {}", sections[r.section].name, pattern);
      }
      m.codeowner_refs.push_back({"CODEOWNERS", pattern, r.where, r.exclusion});
    }
    m.codeowners_budget = std::make_unique<CodeownersBudget>(path, m.codeowners->rules.size());
    std::vector<bool> has_exclusions(sections.size(), false);
    for (const CodeownersRule& r : m.codeowners->rules) {
      if (r.exclusion) has_exclusions[r.section] = true;
    }
    for (std::size_t s = 0; s < sections.size(); ++s) {
      int section = static_cast<int>(s);
      CodeownersBudget* budget = m.codeowners_budget.get();
      m.section_matchers.push_back(std::make_unique<CodeownersMatcher>(
          *m.codeowners, section, CodeownersMatcher::Rules::kDeciding, budget));
      m.exclusions.push_back(has_exclusions[s] ? std::make_unique<CodeownersMatcher>(
                                                     *m.codeowners, section,
                                                     CodeownersMatcher::Rules::kExclusions, budget)
                                               : nullptr);
    }
    break;
  }

  // Prow OWNERS and MAINTAINERS files: in the whole tree, or on the way to each path.
  std::set<std::string> dirs;
  if (scope == Scope::kWholeTree) {
    for (const std::string& f : files) {
      std::string name = base_name(f);
      if (name == "OWNERS" || name == "MAINTAINERS") dirs.insert(std::string(parent_dir(f)));
    }
  } else {
    for (const std::string& f : files) {
      for (std::string& d : ancestors_of(f)) dirs.insert(std::move(d));
    }
    // MAINTAINERS files name paths from the root wherever they live (U-Boot keeps one per board
    // under board/), so a repository that has a root MAINTAINERS gets all of them read.
    if (tree.kind("MAINTAINERS") == EntryKind::kFile) {
      tree.for_each_file([&dirs](const std::string& p, EntryKind) {
        if (base_name(p) == "MAINTAINERS") dirs.insert(std::string(parent_dir(p)));
      });
    }
  }
  std::vector<ProwOwnersFile> owners_files;
  std::vector<MaintainersFile> maintainers_files;
  for (const std::string& d : dirs) {
    std::string prefix = d.empty() ? "" : d + "/";
    // openEuler keeps `maintainers:` lists in sig/<SIG>/OWNERS: registry data, not Prow files.
    bool registry_owners = registry.layout == "openeuler" && m.group_of_dir.count(d) > 0;
    if (!registry_owners && tree.kind(prefix + "OWNERS") == EntryKind::kFile) {
      std::string path = prefix + "OWNERS";
      if (auto text = read_ownership_file(tree, path, m.findings)) {
        owners_files.push_back(parse_prow_owners(path, *text));
        m.files_read.push_back(path);
        for (const Finding& f : owners_files.back().findings) m.findings.push_back(f);
      }
    }
    if (tree.kind(prefix + "MAINTAINERS") == EntryKind::kFile) {
      std::string path = prefix + "MAINTAINERS";
      if (auto text = read_ownership_file(tree, path, m.findings)) {
        maintainers_files.push_back(parse_maintainers(path, *text));
        m.files_read.push_back(path);
        for (const Finding& f : maintainers_files.back().findings) m.findings.push_back(f);
      }
    }
  }
  if (!owners_files.empty()) {
    ProwAliases aliases;
    if (auto text = read_ownership_file(tree, "OWNERS_ALIASES", m.findings)) {
      aliases = parse_prow_aliases("OWNERS_ALIASES", *text);
      m.files_read.push_back("OWNERS_ALIASES");
      for (const Finding& f : aliases.findings) m.findings.push_back(f);
    }
    m.prow = std::make_unique<ProwOwnersResolver>(std::move(owners_files), std::move(aliases));
  }
  if (!maintainers_files.empty()) {
    // get_maintainer.pl treats an F: value naming a directory as the whole directory (-d).
    m.maintainers = std::make_unique<MaintainersMatcher>(
        std::move(maintainers_files),
        [&tree](std::string_view p) { return tree.kind(p) == EntryKind::kDirectory; });
  }
  std::sort(m.files_read.begin(), m.files_read.end());
}

OwnershipIndex::~OwnershipIndex() = default;

PathOwners OwnershipIndex::owners_of(std::string_view path, bool with_shadowed) const {
  const Impl& m = *impl_;
  PathOwners out;
  out.path = std::string(path);

  // Registry: the deepest SIG folder containing the path decides; shallower ones are shadowed.
  bool decided = false;
  // The path itself, then its folders from the deepest up to the root ("").
  for (std::string_view d = path;; d = parent_dir(d)) {
    auto g = m.group_of_dir.find(d);
    if (g != m.group_of_dir.end()) {
      const Group& group = m.registry.groups[g->second];
      RuleRef ref{"registry", group.dir + "/", group.declared};
      if (!decided) {
        m.add_group(out, group);
        out.rules.push_back(ref);
        decided = true;
      } else if (with_shadowed) {
        out.shadowed.push_back(ref);
      }
    }
    if (d.empty()) break;
  }
  auto declared_match = [&](const Impl::Declared& d) {
    if (!d.glob.matches(path)) return;
    m.add_group(out, m.registry.groups[d.group]);
    out.rules.push_back(d.ref);
  };
  if (m.declared_index) {
    for (int i : m.declared_index->candidates(path)) declared_match(m.declared[i]);
  } else {
    for (const Impl::Declared& d : m.declared) declared_match(d);
  }

  if (m.codeowners_budget) m.codeowners_budget->add_path();
  for (std::size_t s = 0; s < m.section_matchers.size(); ++s) {
    int excluded_by = -1;
    int decider = m.decide(s, path, &excluded_by);
    if (excluded_by >= 0 && with_shadowed) out.shadowed.push_back(m.codeowner_refs[excluded_by]);
    if (decider < 0) continue;
    {
      const CodeownersRule& rule = m.codeowners->rules[decider];
      // GitLab: an entry without owners takes its section's default owners.
      const std::vector<std::string>& owners = rule.owners.empty() && m.codeowners->gitlab
                                                   ? m.codeowners->sections[s].default_owners
                                                   : rule.owners;
      for (const std::string& o : owners) {
        add_unique(out.owners, o);
        std::string sig = m.sig_of_owner(o);
        if (auto g = m.group_named(sig)) {
          m.add_sig(out, m.registry.groups[*g]);
        } else {
          add_unique(out.sigs, sig);
        }
      }
      out.rules.push_back(m.codeowner_refs[decider]);
      if (with_shadowed) {
        for (int k : m.section_matchers[s]->all_matches(path)) {
          if (k != decider) out.shadowed.push_back(m.codeowner_refs[k]);
        }
      }
    }
  }

  if (m.prow) {
    ProwMatch pm = m.prow->match(path);
    for (const std::string& a : pm.approvers) add_unique(out.owners, a);
    for (const std::string& r : pm.reviewers) add_unique(out.reviewers, r);
    for (const std::string& r : pm.required_reviewers) add_unique(out.reviewers, r);
    for (const std::string& label : pm.labels) {
      if (!label.starts_with("sig/") && !label.starts_with("wg/")) continue;
      std::string name = label.substr(label.find('/') + 1);
      auto g = m.group_named(name);
      if (!g) g = m.group_named(label.substr(0, label.find('/')) + "-" + name);
      if (g) {
        m.add_sig(out, m.registry.groups[*g]);
      } else {
        add_unique(out.sigs, name);
      }
    }
    for (const Location& l : pm.rules) out.rules.push_back({"OWNERS", l.path, l});
  }

  if (m.maintainers) {
    for (const MaintainersMatch& mm : m.maintainers->match(path)) {
      const MaintainersSection& s = *mm.section;
      add_unique(out.sigs, s.title);
      for (const std::string& x : s.maintainers) add_unique(out.owners, x);
      for (const std::string& x : s.reviewers) add_unique(out.reviewers, x);
      for (const std::string& x : s.lists) add_unique(out.lists, x);
      out.rules.push_back({"MAINTAINERS", s.title, mm.rule});
    }
  }
  return out;
}

PathOwners OwnershipIndex::owners_of_repository(std::string_view repo_name) const {
  const Impl& m = *impl_;
  PathOwners out;
  out.path = std::string(repo_name);
  std::string wanted = to_lower_ascii(repo_name);
  for (const Group& g : m.registry.groups) {
    for (const auto& [repo, where] : g.repositories) {
      if (to_lower_ascii(repo) != wanted) continue;
      m.add_group(out, g);
      out.rules.push_back({"registry", repo, where});
    }
  }
  return out;
}

const std::vector<Finding>& OwnershipIndex::findings() const { return impl_->findings; }
const std::vector<std::string>& OwnershipIndex::files_read() const { return impl_->files_read; }
const std::vector<RuleRef>& OwnershipIndex::codeowners_rules() const {
  return impl_->codeowner_refs;
}

std::vector<std::pair<int, int>> OwnershipIndex::codeowners_matches(std::string_view path) const {
  const Impl& m = *impl_;
  std::vector<std::pair<int, int>> out;
  if (m.codeowners_budget) m.codeowners_budget->add_path();
  for (std::size_t s = 0; s < m.section_matchers.size(); ++s) {
    std::vector<int> all = m.section_matchers[s]->all_matches(path);
    if (all.empty()) continue;
    int excluded_by = -1;
    // The last match is the one match() finds: no need to look for it again.
    int decider = m.exclude(s, all.back(), path, &excluded_by);
    for (int k : all) out.emplace_back(k, decider);
  }
  return out;
}

const std::vector<std::string>& OwnershipIndex::codeowners_owners(int i) const {
  return impl_->codeowners->rules[i].owners;
}

std::string OwnershipIndex::sig_of_owner(std::string_view owner) const {
  return impl_->sig_of_owner(owner);
}

}  // namespace sigwarden
