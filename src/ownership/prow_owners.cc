#include "ownership/prow_owners.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <set>

#include "core/text.h"
#include "registry/yaml_schema.h"

namespace sigwarden {

namespace {

constexpr std::array<std::string_view, 4> kRoleKeys = {"approvers", "reviewers",
                                                       "required_reviewers", "labels"};
// security_contacts is documented by the Kubernetes community and ignored by Prow;
// advisory_approvers is accepted by recent Prow versions. Both are known, neither is read.
const std::vector<std::string_view> kTopKeys = {
    "approvers", "reviewers",          "required_reviewers",
    "labels",    "emeritus_approvers", "options",
    "filters",   "security_contacts",  "advisory_approvers"};
const std::vector<std::string_view> kFilterKeys = {"approvers",          "reviewers",
                                                   "required_reviewers", "labels",
                                                   "emeritus_approvers", "advisory_approvers"};
const std::vector<std::string_view> kOptionKeys = {"no_parent_owners",
                                                   "auto_approve_unowned_subfolders"};

// The four roles of an entry, in the order of kRoleKeys and ProwMatch.
constexpr std::array<std::vector<std::string> ProwOwnersEntry::*, 4> kRoles = {
    &ProwOwnersEntry::approvers, &ProwOwnersEntry::reviewers, &ProwOwnersEntry::required_reviewers,
    &ProwOwnersEntry::labels};
constexpr std::array<std::vector<std::string> ProwMatch::*, 4> kMatchRoles = {
    &ProwMatch::approvers, &ProwMatch::reviewers, &ProwMatch::required_reviewers,
    &ProwMatch::labels};

// GitHub's NormLogin: logins compare lower-cased, with a leading '@' removed.
std::string norm_login(std::string_view login) {
  std::string out = to_lower_ascii(login);
  if (!out.empty() && out.front() == '@') out.erase(0, 1);
  return out;
}

struct KeyValue {
  std::string key;
  YAML::Node key_node, value;
};

// The keys of a mapping in file order. A repeated key is reported and keeps the value of its
// last occurrence, which is the one Prow's decoder ends up with.
std::vector<KeyValue> entries_of(SchemaChecker& check, const YAML::Node& map,
                                 const std::string& context) {
  std::vector<KeyValue> out;
  for (const auto& kv : map) {
    std::string key = key_string(kv.first);
    auto it = std::find_if(out.begin(), out.end(), [&](const KeyValue& e) { return e.key == key; });
    if (it == out.end()) {
      out.push_back({key, kv.first, kv.second});
      continue;
    }
    check.report(
        kv.first,
        fmt::format("key '{}' appears twice in {}; only the last one counts", key, context),
        fmt::format("{}:twice:{}", context, key));
    it->key_node = kv.first;
    it->value = kv.second;
  }
  return out;
}

const KeyValue* find_key(const std::vector<KeyValue>& keys, std::string_view key) {
  for (const KeyValue& kv : keys) {
    if (kv.key == key) return &kv;
  }
  return nullptr;
}

// Reads a list of logins or labels into out. Returns false on a type error, which makes Prow's
// decoding of the whole configuration fail.
bool read_list(SchemaChecker& check, const YAML::Node& node, const std::string& what,
               std::vector<std::string>& out) {
  if (node.IsNull()) return true;
  if (!check.sequence(node, what)) return false;
  bool ok = true;
  for (const auto& item : node) {
    if (item.IsNull()) continue;  // "- " decodes to nothing
    if (auto s = check.scalar(item, what + " entry")) {
      if (!s->empty()) out.push_back(*s);
    } else {
      ok = false;
    }
  }
  return ok;
}

// Reads the four owner lists of a configuration (top level or one filter) into entry. Returns
// false on a type error.
bool read_entry(SchemaChecker& check, const std::vector<KeyValue>& keys, const std::string& context,
                ProwOwnersEntry& entry) {
  bool ok = true;
  bool located = false;
  for (const KeyValue& kv : keys) {
    auto r = std::find(kRoleKeys.begin(), kRoleKeys.end(), kv.key);
    if (r != kRoleKeys.end()) {
      std::size_t i = static_cast<std::size_t>(r - kRoleKeys.begin());
      ok = read_list(check, kv.value, context + kv.key, entry.*kRoles[i]) && ok;
      if (!located) entry.where = check.where(kv.key_node);
      located = true;
    } else if (kv.key == "emeritus_approvers" || kv.key == "advisory_approvers") {
      std::vector<std::string> ignored;  // Prow does not decode it: a bad type costs nothing
      read_list(check, kv.value, context + kv.key, ignored);
    }
  }
  return ok;
}

// A scalar that YAML reads as a boolean (true, yes, on, ...), or nothing.
std::optional<bool> as_bool(const YAML::Node& node) {
  if (!node.IsScalar() || node.Tag() == "!") return std::nullopt;  // "!" marks a quoted string
  bool value = false;
  if (!YAML::convert<bool>::decode(node, value)) return std::nullopt;
  return value;
}

bool read_options(SchemaChecker& check, const YAML::Node& node, bool& no_parent_owners) {
  if (node.IsNull()) return true;
  if (!check.map(node, "options")) return false;
  check.check_keys(node, kOptionKeys, "options");
  bool ok = true;
  for (const KeyValue& kv : entries_of(check, node, "options")) {
    if (kv.value.IsNull()) continue;
    if (std::find(kOptionKeys.begin(), kOptionKeys.end(), kv.key) == kOptionKeys.end()) continue;
    auto value = as_bool(kv.value);
    if (!value) {
      check.report(kv.value,
                   fmt::format("options {} must be true or false, found {}", kv.key,
                               kv.value.IsScalar() ? "'" + kv.value.Scalar() + "'"
                                                   : std::string(yaml_type_name(kv.value))),
                   "options:" + kv.key);
      ok = false;
    } else if (kv.key == "no_parent_owners") {
      no_parent_owners = *value;
    }
  }
  return ok;
}

// Filter regexes longer than this are reported and skipped: RE2 logs to stderr, whatever its
// options, while it simplifies a regex of about a million parts (the regexes of .sigwarden.yaml
// and MAINTAINERS have the same limit).
constexpr std::size_t kMaxFilterRegexBytes = 4096;

// Reads `filters:`. Returns false on a type error (Prow then cannot decode the file's filters or
// options). Filters with an invalid regex are reported and skipped, as Prow skips them.
bool read_filters(SchemaChecker& check, const YAML::Node& node,
                  std::vector<std::pair<std::string, ProwOwnersEntry>>& out) {
  if (node.IsNull()) return true;
  if (!check.map(node, "filters")) return false;
  bool ok = true;
  for (const KeyValue& kv : entries_of(check, node, "filters")) {
    std::string context = fmt::format("filter '{}'", kv.key);
    ProwOwnersEntry entry;
    if (!kv.key_node.IsScalar()) {
      check.report(kv.key_node, "a filter's key must be a regex string", "filter:complex-key");
      ok = false;
      continue;
    }
    if (!kv.value.IsNull()) {
      if (!check.map(kv.value, context)) {
        ok = false;
        continue;
      }
      check.check_keys(kv.value, kFilterKeys, context);
      auto keys = entries_of(check, kv.value, context);
      ok = read_entry(check, keys, context + " ", entry) && ok;
    }
    entry.where = check.where(kv.key_node);  // the regex line, not the first key under it
    if (kv.key.size() > kMaxFilterRegexBytes) {
      check.report(kv.key_node,
                   fmt::format("filter regex is {} bytes, over sigwarden's limit of {} bytes for "
                               "a regex; this filter is skipped",
                               kv.key.size(), kMaxFilterRegexBytes),
                   "filter-regex:" + kv.key.substr(0, 64));
      continue;
    }
    if (kv.key != ".*") {
      RE2::Options options;
      options.set_log_errors(false);
      RE2 re(kv.key, options);
      if (!re.ok()) {
        check.report(kv.key_node,
                     fmt::format("filter regex '{}' is invalid ({}); Prow skips this filter",
                                 kv.key, re.error()),
                     "filter-regex:" + kv.key);
        continue;
      }
    }
    out.emplace_back(kv.key, std::move(entry));
  }
  return ok;
}

// Reads one alias group into members. When Prow cannot decode the group, returns the offending
// node and what is wrong with it.
std::optional<std::pair<YAML::Node, std::string>> read_alias(const YAML::Node& value,
                                                             std::set<std::string>& members) {
  if (value.IsNull()) return std::nullopt;  // an empty group
  if (value.IsMap()) {                      // flow style `name: {a, b}`: keys without values
    for (const auto& m : value) members.insert(norm_login(key_string(m.first)));
    return std::nullopt;
  }
  if (!value.IsSequence()) {
    return std::pair(value,
                     fmt::format("must be a list of members, found {}", yaml_type_name(value)));
  }
  for (const auto& m : value) {
    if (!m.IsScalar()) {
      return std::pair(m, fmt::format("has a member that is {}, not a login", yaml_type_name(m)));
    }
    if (!m.Scalar().empty()) members.insert(norm_login(m.Scalar()));
  }
  return std::nullopt;
}

// Fills file from the root mapping, keeping what Prow applies (see the header's essay).
void read_owners(SchemaChecker& check, const YAML::Node& root, ProwOwnersFile& file) {
  check.check_keys(root, kTopKeys, "OWNERS");
  auto keys = entries_of(check, root, "OWNERS");
  bool no_parent_owners = false;
  bool options_ok = true;
  if (const KeyValue* o = find_key(keys, "options")) {
    options_ok = read_options(check, o->value, no_parent_owners);
  }
  ProwOwnersEntry top;
  top.where = {file.path, 1, 1};
  bool simple_ok = read_entry(check, keys, "", top) && options_ok;

  const KeyValue* filters_key = find_key(keys, "filters");
  std::vector<std::pair<std::string, ProwOwnersEntry>> filters;
  bool full_ok = options_ok;
  if (filters_key) full_ok = read_filters(check, filters_key->value, filters) && full_ok;

  if (simple_ok && !top.empty()) {
    file.top = std::move(top);
    file.no_parent_owners = no_parent_owners;
    if (filters_key && !filters_key->value.IsNull()) {
      check.report(filters_key->key_node,
                   "filters are ignored: Prow uses a file's top-level owners when it has any and "
                   "then never reads its filters; move the top-level owners into a '.*' filter",
                   "filters-ignored");
    }
    return;
  }
  if (!simple_ok && !top.empty()) {
    check.report(root,
                 fmt::format("Prow cannot decode the top-level owners of {} (see the type error) "
                             "and ignores all of them",
                             file.path),
                 "top-ignored");
  }
  if (!full_ok) {
    if (!filters.empty() || no_parent_owners) {
      check.report(root,
                   fmt::format("Prow cannot decode the filters and options of {} (see the type "
                               "error) and ignores them",
                               file.path),
                   "full-ignored");
    }
    return;
  }
  file.filters = std::move(filters);
  file.no_parent_owners = no_parent_owners;
}

// Parses text; returns the root when it is a mapping, reporting any other non-empty root.
std::optional<YAML::Node> load_map(SchemaChecker& check, std::string_view text) {
  auto root = check.load(text);
  if (!root || root->IsMap()) return root;
  if (!root->IsNull()) {
    check.report(
        *root,
        fmt::format("{} must be a mapping of keys, found {}", check.path(), yaml_type_name(*root)),
        "root");
  }
  return std::nullopt;
}

void rename_rule(std::vector<Finding>& findings) {
  for (Finding& f : findings) f.rule = "ownership-syntax";
}

// The path as Prow canonicalises it: no leading "./" or "/", no trailing "/", "" for the root.
std::string_view canonical(std::string_view path) {
  while (starts_with(path, "./")) path.remove_prefix(2);
  while (starts_with(path, "/")) path.remove_prefix(1);
  while (ends_with(path, "/")) path.remove_suffix(1);
  if (path == ".") return {};
  return path;
}

}  // namespace

bool ProwOwnersEntry::empty() const {
  return std::all_of(kRoles.begin(), kRoles.end(),
                     [&](auto role) { return (this->*role).empty(); });
}

ProwOwnersFile parse_prow_owners(const std::string& path, std::string_view text) {
  ProwOwnersFile file;
  file.path = path;
  file.dir = std::string(parent_dir(path));
  file.top.where = {path, 1, 1};
  SchemaChecker check(path);
  if (auto root = load_map(check, text)) read_owners(check, *root, file);
  file.findings = std::move(check.findings());
  rename_rule(file.findings);
  return file;
}

ProwAliases parse_prow_aliases(const std::string& path, std::string_view text) {
  ProwAliases result;
  SchemaChecker check(path);
  if (auto root = load_map(check, text)) {
    check.check_keys(*root, {"aliases"}, "OWNERS_ALIASES");
    const auto top = entries_of(check, *root, "OWNERS_ALIASES");
    const KeyValue* a = find_key(top, "aliases");
    if (a && !a->value.IsNull() && check.map(a->value, "aliases")) {
      for (const KeyValue& kv : entries_of(check, a->value, "aliases")) {
        std::set<std::string> members;
        if (auto bad = read_alias(kv.value, members)) {
          // Prow's ParseAliasesConfig returns at the first bad group, and Go visits the groups
          // in random order: an unpredictable part of the aliases is lost.
          check.report(bad->first,
                       fmt::format("alias '{}' {}; Prow stops reading {} there and loses the "
                                   "aliases it has not read yet",
                                   kv.key, bad->second, path),
                       "alias:" + kv.key);
          continue;
        }
        std::string name = norm_login(kv.key);
        if (result.aliases.count(name)) {
          check.report(kv.key_node,
                       fmt::format("alias '{}' is defined twice (alias names ignore case)", kv.key),
                       "alias-twice:" + name);
        }
        result.aliases[name] = {members.begin(), members.end()};
      }
    }
  }
  result.findings = std::move(check.findings());
  rename_rule(result.findings);
  return result;
}

ProwOwnersResolver::ProwOwnersResolver(const std::vector<ProwOwnersFile>& files,
                                       ProwAliases aliases) {
  // Prow's ExpandAliases: normalise, then replace each login that names an alias by its members,
  // one level deep, visiting the logins in sorted order.
  auto expand = [&](const std::vector<std::string>& logins) {
    std::set<std::string> out;
    for (const std::string& l : logins) out.insert(norm_login(l));
    const std::vector<std::string> snapshot(out.begin(), out.end());
    for (const std::string& login : snapshot) {
      auto it = aliases.aliases.find(login);
      if (it == aliases.aliases.end()) continue;
      out.erase(login);
      out.insert(it->second.begin(), it->second.end());
    }
    return std::vector<std::string>(out.begin(), out.end());
  };
  auto compile = [&](const ProwOwnersEntry& e, std::shared_ptr<const re2::RE2> regex) {
    Entry entry;
    entry.regex = std::move(regex);
    entry.where = e.where;
    for (std::size_t r = 0; r < 3; ++r) entry.roles[r] = expand(e.*kRoles[r]);
    std::set<std::string> labels(e.labels.begin(), e.labels.end());  // as written
    entry.roles[3].assign(labels.begin(), labels.end());
    return entry;
  };
  RE2::Options options;
  options.set_log_errors(false);
  for (const ProwOwnersFile& file : files) {
    Dir dir;
    dir.owners_path = file.path;
    dir.no_parent_owners = file.no_parent_owners;
    for (const auto& [pattern, entry] : file.filters) {
      std::shared_ptr<const re2::RE2> regex;
      if (pattern != ".*") {
        auto re = std::make_shared<const re2::RE2>(pattern, options);
        if (!re->ok()) continue;
        regex = std::move(re);
      }
      dir.entries.push_back(compile(entry, std::move(regex)));
    }
    if (file.filters.empty() && !file.top.empty()) dir.entries.push_back(compile(file.top, {}));
    dirs_[std::string(canonical(file.dir))] = std::move(dir);
  }
}

ProwMatch ProwOwnersResolver::match(std::string_view path) const {
  ProwMatch result;
  const std::string_view p = canonical(path);
  std::array<std::set<std::string>, 4> found;
  std::array<bool, 4> active = {true, true, true, true};
  for (std::string_view d = p;; d = parent_dir(d)) {
    if (auto it = dirs_.find(d); it != dirs_.end()) {
      const Dir& dir = it->second;
      std::string_view rel =
          p == d ? std::string_view(".") : p.substr(d.empty() ? 0 : d.size() + 1);
      for (const Entry& entry : dir.entries) {
        if (entry.regex && !RE2::PartialMatch(rel, *entry.regex)) continue;
        bool contributed = false;
        for (std::size_t r = 0; r < found.size(); ++r) {
          if (!active[r] || entry.roles[r].empty()) continue;
          found[r].insert(entry.roles[r].begin(), entry.roles[r].end());
          contributed = true;
        }
        if (!contributed) continue;
        result.rules.push_back(entry.where);
        if (result.nearest_owners_file.empty()) result.nearest_owners_file = dir.owners_path;
      }
      // no_parent_owners ends the walk for each role that has collected someone by now.
      if (dir.no_parent_owners) {
        for (std::size_t r = 0; r < found.size(); ++r) active[r] = active[r] && found[r].empty();
      }
    }
    if (d.empty() || std::none_of(active.begin(), active.end(), [](bool a) { return a; })) break;
  }
  for (std::size_t r = 0; r < found.size(); ++r) {
    (result.*kMatchRoles[r]).assign(found[r].begin(), found[r].end());
  }
  return result;
}

}  // namespace sigwarden
