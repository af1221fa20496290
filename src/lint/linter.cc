#include "lint/linter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/error.h"
#include "core/text.h"
#include "registry/layout.h"
#include "registry/patterns.h"

namespace sigwarden {

namespace {

constexpr const char* kConfigFile = ".sigwarden.yaml";

Finding make(const std::string& rule, const Group& g, Location where, std::string message,
             std::string subject = "") {
  Finding f;
  f.rule = rule;
  f.sig = g.name;
  f.dir = g.dir;
  f.location = std::move(where);
  f.message = std::move(message);
  f.subject = std::move(subject);
  return f;
}

std::string kind_word(const Group& g) {
  switch (g.kind) {
    case GroupKind::kWorkingGroup:
      return "working group";
    case GroupKind::kUserGroup:
      return "user group";
    case GroupKind::kCommittee:
      return "committee";
    case GroupKind::kSig:
      break;
  }
  return "SIG";
}

// The rules that look at one group across all of its sources.
void check_group(const Group& g, std::vector<Finding>& out) {
  std::string who = fmt::format("{} '{}'", kind_word(g), g.name);
  if (g.dir.empty()) return;
  if (!g.folder_exists) {
    out.push_back(make("sig-folder-missing", g, g.declared,
                       fmt::format("{}: folder {} does not exist", who, g.dir), g.dir));
    return;
  }
  if (!g.readme) {
    out.push_back(make("sig-readme-missing", g, g.declared,
                       fmt::format("{}: folder {} has no README", who, g.dir), g.dir));
  }
  Location at_readme = g.readme ? Location{*g.readme, 1, 1} : g.declared;
  // Where a missing lead or list belongs: the YAML entry of a YAML registry, else the README's
  // (empty) lead section, else the README, else the index row.
  Location lead_at = g.yaml_registry         ? g.declared
                     : g.readme_lead_section ? *g.readme_lead_section
                     : g.readme_parsed       ? at_readme
                                             : g.declared;
  Location list_at = g.yaml_registry ? g.declared : g.readme_parsed ? at_readme : g.declared;
  if (g.leads.empty()) {
    out.push_back(make("sig-lead-missing", g, lead_at,
                       fmt::format("{} names no lead in any source (index, README, registry "
                                   "YAML, OWNERS)",
                                   who)));
  } else if (g.readme_parsed && !g.readme_generated && !g.has_lead_from(Source::kReadme)) {
    std::set<std::string> sources;
    for (const Person& p : g.leads) {
      sources.insert(source_name(p.source));
      for (Source s : p.also_from) sources.insert(source_name(s));
    }
    std::string list;
    for (const auto& s : sources) list += (list.empty() ? "" : ", ") + s;
    out.push_back(make("readme-lead-missing", g, g.readme_lead_section.value_or(at_readme),
                       fmt::format("{}: {} names no lead, although other sources do ({}: {})", who,
                                   *g.readme, list, g.leads.front().label())));
  }
  if (g.lists.empty()) {
    out.push_back(
        make("sig-mailing-list-missing", g, list_at,
             g.only_private_list
                 ? fmt::format("{} has only a private mailing list; name a public one", who)
             : g.chat.empty()
                 ? fmt::format("{} names no mailing list in any source (README, "
                               "registry YAML)",
                               who)
                 : fmt::format("{} names no mailing list in any source (README, registry YAML), "
                               "only a chat channel ({} #{})",
                               who, g.chat.front().service, g.chat.front().channel)));
    return;
  }
  std::vector<const MailingList*> readme_lists;
  std::vector<const MailingList*> yaml_lists;
  for (const MailingList& l : g.lists) {
    (l.source == Source::kReadme ? readme_lists : yaml_lists).push_back(&l);
  }
  if (g.readme_parsed && !g.readme_generated && readme_lists.empty() && !yaml_lists.empty()) {
    out.push_back(
        make("readme-mailing-list-missing", g, at_readme,
             fmt::format("{}: {} names no mailing list, although {} names {}", who, *g.readme,
                         source_name(yaml_lists.front()->source), yaml_lists.front()->address)));
  }
  if (!readme_lists.empty() && !yaml_lists.empty()) {
    bool overlap = false;
    for (const MailingList* a : readme_lists) {
      for (const MailingList* b : yaml_lists) overlap = overlap || a->normalized == b->normalized;
    }
    if (!overlap) {
      out.push_back(
          make("mailing-list-mismatch", g, yaml_lists.front()->where,
               fmt::format("{}: {} names {} but {} names {}", who, readme_lists.front()->where.path,
                           readme_lists.front()->address, yaml_lists.front()->where.path,
                           yaml_lists.front()->address),
               yaml_lists.front()->normalized));
    }
  }
}

// The names a suppression's `sig` may give for a finding of SIG sig in folder dir: the SIG's
// name, its folder, and the folder's last segment. A suppression applies when its rule is the
// finding's and its sig is one of these.
std::vector<std::string_view> suppression_names(const std::string& sig, const std::string& dir) {
  std::vector<std::string_view> names{sig, dir};
  if (!dir.empty()) names.push_back(std::string_view(dir).substr(dir.rfind('/') + 1));
  return names;
}

std::string suppression_key(std::string_view rule, std::string_view sig) {
  std::string key(rule);
  key += '\0';
  key += sig;
  return key;
}

// Suppressions by rule and sig, so that a finding looks up the few keys it could match rather
// than testing every suppression (a configuration may suppress a rule for thousands of SIGs).
class SuppressionIndex {
 public:
  explicit SuppressionIndex(const std::vector<Suppression>& suppressions) {
    for (std::size_t i = 0; i < suppressions.size(); ++i) {
      by_key_[suppression_key(suppressions[i].rule, suppressions[i].sig)].push_back(i);
    }
  }
  // Calls fn(i) for each suppression i that applies to f, each once.
  template <typename Fn>
  void for_each_match(const Finding& f, Fn fn) const {
    if (by_key_.empty()) return;
    std::vector<std::string_view> names = suppression_names(f.sig, f.dir);
    for (std::size_t n = 0; n < names.size(); ++n) {
      if (std::find(names.begin(), names.begin() + n, names[n]) != names.begin() + n) continue;
      auto it = by_key_.find(suppression_key(f.rule, names[n]));
      if (it == by_key_.end()) continue;
      for (std::size_t i : it->second) fn(i);
    }
  }

 private:
  std::unordered_map<std::string, std::vector<std::size_t>> by_key_;
};

// The last group (in registry order) that a suppression naming sig applies to, or -1: by the
// group's name, folder or the folder's last segment, looked up rather than searched.
class GroupBySuppressionName {
 public:
  explicit GroupBySuppressionName(const Registry& registry) {
    for (std::size_t i = 0; i < registry.groups.size(); ++i) {
      const Group& g = registry.groups[i];
      for (std::string_view name : suppression_names(g.name, g.dir)) {
        last_[std::string(name)] = static_cast<std::ptrdiff_t>(i);
      }
    }
  }
  std::ptrdiff_t last_for(const std::string& sig) const {
    auto it = last_.find(sig);
    return it != last_.end() ? it->second : -1;
  }

 private:
  std::unordered_map<std::string, std::ptrdiff_t> last_;
};

}  // namespace

Config load_config(const TreeReader& tree, const Catalogue& catalogue) {
  // Bounded like every registry text file; only the size of a bigger one is read.
  if (auto size = tree.file_size(kConfigFile); size && *size > kMaxTextFileBytes) {
    throw Error(fmt::format("read configuration {}: {} bytes, over the limit of {} bytes",
                            kConfigFile, *size, kMaxTextFileBytes));
  }
  auto text = tree.read_file(kConfigFile);
  if (!text) return default_config();
  return parse_config(kConfigFile, *text, catalogue);
}

std::vector<Finding> apply_config(std::vector<Finding> raw, const Config& config,
                                  const Catalogue& catalogue, const std::string& today,
                                  const Registry& registry, int* suppressed,
                                  const std::string& rule_set) {
  std::vector<Finding> out;
  std::vector<bool> used(config.suppressions.size(), false);
  auto level_of = [&](const std::string& rule) {
    const Rule* r = catalogue.find(rule);
    Level level = r != nullptr ? r->level : Level::kError;
    if (auto it = config.levels.find(rule); it != config.levels.end()) level = it->second;
    return level;
  };
  const SuppressionIndex suppressions(config.suppressions);
  for (Finding& f : raw) {
    Level level = level_of(f.rule);
    if (level == Level::kOff) continue;
    f.level = level;
    bool hidden = false;
    suppressions.for_each_match(f, [&](std::size_t i) {
      const Suppression& s = config.suppressions[i];
      used[i] = true;
      if (!s.expires || *s.expires >= today) hidden = true;
    });
    if (hidden) {
      if (suppressed != nullptr) ++*suppressed;
      continue;
    }
    f.fingerprint = fingerprint_of(f);
    out.push_back(std::move(f));
  }
  std::optional<GroupBySuppressionName> groups;  // built for the first expired suppression
  for (std::size_t i = 0; i < config.suppressions.size(); ++i) {
    const Suppression& s = config.suppressions[i];
    if (!s.expires || *s.expires >= today) continue;
    if (!rule_set.empty()) {
      const Rule* r = catalogue.find(s.rule);
      if (r == nullptr || r->file != rule_set) continue;
    }
    Finding f;
    f.rule = "suppression-expired";
    f.sig = s.sig;
    f.location = s.where;
    f.subject = s.rule + ":" + s.sig;
    f.message = fmt::format(
        "the suppression of {} for SIG '{}' expired on {} (reason given: "
        "\"{}\"){}",
        s.rule, s.sig, *s.expires, s.reason,
        used[i] ? "; the finding it hid is reported again" : "");
    f.level = level_of(f.rule);
    if (f.level == Level::kOff) continue;
    if (!groups) groups.emplace(registry);
    if (std::ptrdiff_t g = groups->last_for(s.sig); g >= 0) {
      f.sig = registry.groups[static_cast<std::size_t>(g)].name;
      f.dir = registry.groups[static_cast<std::size_t>(g)].dir;
    }
    f.fingerprint = fingerprint_of(f);
    out.push_back(std::move(f));
  }
  sort_findings(out);
  return out;
}

LintResult lint(const TreeReader& tree, const Config& config, const Catalogue& catalogue,
                const std::string& today) {
  Patterns patterns(config.patterns);
  LintResult result;
  result.registry = build_registry(tree, patterns, config.layout, config.sources);
  std::vector<Finding> raw = std::move(result.registry.findings);
  result.registry.findings.clear();
  for (const Group& g : result.registry.groups) check_group(g, raw);
  result.findings = apply_config(std::move(raw), config, catalogue, today, result.registry,
                                 &result.suppressed, "registry.yaml");
  return result;
}

bool fails_at(const std::vector<Finding>& findings, Level level) {
  return std::any_of(findings.begin(), findings.end(),
                     [level](const Finding& f) { return f.level >= level; });
}

}  // namespace sigwarden
