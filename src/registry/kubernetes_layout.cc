// The Kubernetes community layout (FORMATS.md §3): sigs.yaml at the root declares every group
// (sigs, workinggroups, usergroups, committees) with its folder, leadership and contact; each
// folder holds a generated README.md and usually a charter. The schema checks follow the
// community's own generator (unknown keys, dir = prefix + name, label, lead fields, stakeholder
// SIGs, subproject owners URLs); what it does not check (folders, READMEs, charters, chairs,
// mailing lists) is left to the lint rules over the resulting registry.

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <map>
#include <set>

#include "core/text.h"
#include "registry/layout.h"
#include "registry/people.h"
#include "registry/yaml_schema.h"

namespace sigwarden {

namespace {

struct KindInfo {
  const char* key;
  const char* prefix;
  GroupKind kind;
};
constexpr KindInfo kKinds[] = {{"sigs", "sig-", GroupKind::kSig},
                               {"workinggroups", "wg-", GroupKind::kWorkingGroup},
                               {"usergroups", "ug-", GroupKind::kUserGroup},
                               {"committees", "committee-", GroupKind::kCommittee}};

const std::vector<std::string_view> kTopKeys = {"sigs", "workinggroups", "usergroups", "committees",
                                                "gb_rep"};
const std::vector<std::string_view> kGroupKeys = {
    "dir",   "prefix",     "name",     "mission_statement", "charter_link", "stakeholder_sigs",
    "label", "leadership", "meetings", "contact",           "subprojects",  "keps"};
const std::vector<std::string_view> kLeadershipKeys = {"chairs", "tech_leads", "emeritus_leads"};
const std::vector<std::string_view> kPersonKeys = {"github", "name", "company", "email"};
const std::vector<std::string_view> kContactKeys = {"slack", "mailing_list", "private_mailing_list",
                                                    "teams", "liaison"};
const std::vector<std::string_view> kMeetingKeys = {
    "description", "day",         "time",           "tz",          "frequency",
    "url",         "archive_url", "recordings_url", "calendar_url"};
const std::vector<std::string_view> kSubprojectKeys = {"name",   "description", "contact",
                                                       "owners", "leads",       "meetings"};
const std::vector<std::string_view> kTeamKeys = {"name", "description"};

std::string expected_dir(const std::string& prefix, const std::string& name) {
  std::string out = prefix;
  for (char c : to_lower_ascii(name)) out.push_back(c == ' ' ? '-' : c);
  return out;
}

// Whether v is a non-empty list of Kubernetes-style groups: mappings with a name or dir, at least
// one with a key only such groups have. A fork may keep its groups under another key (CNCF's
// tags.yaml: `tags:`).
bool is_group_list(const YAML::Node& v) {
  if (!v.IsSequence() || v.size() == 0) return false;
  bool group_keys = false;
  for (const auto& g : v) {
    if (!g.IsMap() || !(g["name"] || g["dir"])) return false;
    for (const char* key : {"dir", "leadership", "contact", "mission_statement", "charter_link",
                            "label", "subprojects", "meetings"}) {
      group_keys = group_keys || g[key];
    }
  }
  return group_keys;
}

class SigsYamlReader {
 public:
  SigsYamlReader(Builder& b, const std::string& path) : b_(b), check_(path) {}

  void read(std::string_view text) {
    auto root = check_.load(text);
    if (!root) return finish();
    if (!check_.map(*root, check_.path())) return finish();
    // Lists of groups under keys upstream does not have are a fork's groups (SIGs by kind).
    std::vector<std::string> fork_keys;
    std::vector<std::string_view> top_keys = kTopKeys;
    for (const auto& kv : *root) {
      std::string key = key_string(kv.first);
      bool known = std::find(kTopKeys.begin(), kTopKeys.end(), key) != kTopKeys.end();
      if (!known && is_group_list(kv.second)) fork_keys.push_back(key);
    }
    for (const std::string& key : fork_keys) top_keys.push_back(key);
    check_.check_keys(*root, top_keys, check_.path());
    std::vector<KindInfo> kinds(std::begin(kKinds), std::end(kKinds));
    for (const std::string& key : fork_keys) kinds.push_back({key.c_str(), "", GroupKind::kSig});
    std::set<std::string> sig_names;
    for (const KindInfo& k : kinds) {
      const YAML::Node& list = (*root)[k.key];
      if (!list || list.IsNull() || !check_.sequence(list, k.key)) continue;
      if (k.kind == GroupKind::kSig) {
        for (const auto& g : list) {
          if (g.IsMap() && g["name"] && g["name"].IsScalar()) sig_names.insert(g["name"].Scalar());
        }
      }
      for (const auto& g : list) read_group(g, k, sig_names);
    }
    finish();
  }

 private:
  void finish() { b_.adopt(std::move(check_.findings()), nullptr); }

  void read_group(const YAML::Node& node, const KindInfo& k, const std::set<std::string>& sigs) {
    std::string what = fmt::format("{} entry", k.key);
    if (!check_.map(node, what)) return;
    Group g;
    g.kind = k.kind;
    g.yaml_registry = true;
    g.declared = check_.where(node);
    if (node["name"] && node["name"].IsScalar()) g.name = node["name"].Scalar();
    if (node["dir"] && node["dir"].IsScalar()) g.dir = node["dir"].Scalar();
    bool fork = std::string_view(k.prefix).empty();
    // A fork's dir may be relative to a folder named after its key (tags.yaml: tags/<dir>).
    std::string under_key = std::string(k.key) + "/" + g.dir;
    if (fork && !g.dir.empty() && b_.tree().kind(g.dir) != EntryKind::kDirectory &&
        b_.tree().kind(under_key) == EntryKind::kDirectory) {
      g.dir = under_key;
    }
    if (node["label"] && node["label"].IsScalar()) g.label = node["label"].Scalar();
    std::string context = fmt::format("group '{}'", g.name.empty() ? g.dir : g.name);
    std::size_t mark = check_.findings().size();
    check_.check_keys(node, kGroupKeys, context);
    bool has_name = check_.require(node, "name", context);
    bool has_dir = check_.require(node, "dir", context);
    // Upstream's generator conventions are not a fork's.
    if (!fork && has_name && has_dir && !g.name.empty() && !g.dir.empty()) {
      std::string expected = expected_dir(k.prefix, g.name);
      if (g.dir != expected) {
        check_.report(node["dir"],
                      fmt::format("{}: dir '{}' should be '{}' (prefix '{}' and the "
                                  "lower-cased name with spaces as '-')",
                                  context, g.dir, expected, k.prefix),
                      context + ":dir", "k8s-dir-name");
      }
      std::string label_expected = g.dir.substr(std::min(g.dir.size(), std::strlen(k.prefix)));
      if (node["label"] && node["label"].IsScalar() && node["label"].Scalar() != label_expected &&
          g.dir.starts_with(k.prefix)) {
        check_.report(node["label"],
                      fmt::format("{}: label '{}' should be '{}' (dir without its "
                                  "prefix)",
                                  context, node["label"].Scalar(), label_expected),
                      context + ":label", "k8s-dir-name");
      }
    }
    if (k.kind == GroupKind::kSig && !fork) {
      check_.require(node, "charter_link", context, "k8s-required-fields");
      check_.require(node, "mission_statement", context, "k8s-required-fields");
      if (!node["subprojects"] || !node["subprojects"].IsSequence() ||
          node["subprojects"].size() == 0) {
        check_.report(node,
                      fmt::format("{} has no subprojects (a SIG needs at least one)", context),
                      context + ":subprojects", "k8s-required-fields");
      }
    }
    if (k.kind == GroupKind::kWorkingGroup) read_stakeholders(node, context, sigs);
    read_leadership(node["leadership"], context, g);
    read_contact(node["contact"], context, g);
    if (node["meetings"] && check_.sequence(node["meetings"], context + " meetings")) {
      for (const auto& m : node["meetings"])
        check_.check_keys(m, kMeetingKeys, context + " meeting");
    }
    read_subprojects(node["subprojects"], context);
    if (node["charter_link"] && node["charter_link"].IsScalar() && !g.dir.empty() &&
        b_.tree().kind(g.dir) == EntryKind::kDirectory) {
      charter_links_.push_back(
          {g.dir, node["charter_link"].Scalar(), check_.where(node["charter_link"])});
    }
    // Findings about this group carry its name.
    auto& all = check_.findings();
    std::vector<Finding> mine(
        std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(mark)),
        std::make_move_iterator(all.end()));
    all.resize(mark);
    b_.adopt(std::move(mine), &g);
    b_.registry().groups.push_back(std::move(g));
  }

  void read_stakeholders(const YAML::Node& node, const std::string& context,
                         const std::set<std::string>& sigs) {
    const YAML::Node& s = node["stakeholder_sigs"];
    if (!s || s.IsNull() || (s.IsSequence() && s.size() == 0)) {
      check_.report(
          node, fmt::format("{} names no stakeholder_sigs (a working group needs them)", context),
          context + ":stakeholder_sigs", "k8s-stakeholder-sigs");
      return;
    }
    if (!check_.sequence(s, context + " stakeholder_sigs")) return;
    for (const auto& x : s) {
      if (x.IsScalar() && !sigs.count(x.Scalar())) {
        check_.report(
            x,
            fmt::format("{}: stakeholder SIG '{}' is not a SIG in sigs.yaml", context, x.Scalar()),
            context + ":stakeholder:" + x.Scalar(), "k8s-stakeholder-sigs");
      }
    }
  }

  void read_person(const YAML::Node& p, const std::string& what, bool emeritus, Group* into) {
    if (!check_.map(p, what)) return;
    check_.check_keys(p, kPersonKeys, what);
    std::string github = p["github"] && p["github"].IsScalar() ? p["github"].Scalar() : "";
    std::string name = p["name"] && p["name"].IsScalar() ? p["name"].Scalar() : "";
    if (github.empty()) {
      check_.report(p, fmt::format("{} '{}' has no github", what, name),
                    what + ":" + name + ":github", "k8s-leadership");
    }
    if (name.empty()) {
      check_.report(p, fmt::format("{} '{}' has no name", what, github),
                    what + ":" + github + ":name", "k8s-leadership");
    }
    if (emeritus && p["company"]) {
      check_.report(p["company"],
                    fmt::format("{} '{}' is emeritus and should have no company", what,
                                github.empty() ? name : github),
                    what + ":" + github + ":company", "k8s-leadership");
    }
    // The generator compares company and e-mail across the leadership of every group (chairs and
    // tech leads; into is set only for those), not for liaisons or subproject leads.
    std::string key = to_lower_ascii(github);
    if (into != nullptr && !emeritus && !github.empty()) {
      std::string company = p["company"] && p["company"].IsScalar() ? p["company"].Scalar() : "";
      std::string email = p["email"] && p["email"].IsScalar() ? p["email"].Scalar() : "";
      auto [it, fresh] = people_.emplace(key, std::make_pair(company, email));
      if (!fresh && (it->second.first != company || it->second.second != email)) {
        check_.report(
            p,
            fmt::format("{} '{}' has company/email '{}'/'{}' here but '{}'/'{}' in "
                        "another group",
                        what, github, company, email, it->second.first, it->second.second),
            what + ":" + github + ":consistency", "k8s-leadership");
      }
    }
    if (into != nullptr && !emeritus && !(github.empty() && name.empty())) {
      Person person;
      person.handle = github;
      person.name = name;
      if (p["email"] && p["email"].IsScalar()) person.email = p["email"].Scalar();
      person.source = Source::kSigsYaml;
      person.where = check_.where(p);
      into->leads.push_back(std::move(person));
    }
  }

  void read_leadership(const YAML::Node& l, const std::string& context, Group& g) {
    if (!l || l.IsNull() || !check_.map(l, context + " leadership")) return;
    check_.check_keys(l, kLeadershipKeys, context + " leadership");
    for (const char* role : {"chairs", "tech_leads", "emeritus_leads"}) {
      const YAML::Node& list = l[role];
      if (!list || list.IsNull() || !check_.sequence(list, context + " " + role)) continue;
      bool emeritus = std::string_view(role) == "emeritus_leads";
      std::string what = fmt::format("{} {}", context,
                                     role == std::string_view("chairs") ? "chair"
                                     : emeritus                         ? "emeritus lead"
                                                                        : "tech lead");
      for (const auto& p : list) read_person(p, what, emeritus, &g);
    }
  }

  void read_contact(const YAML::Node& c, const std::string& context, Group& g) {
    if (!c || c.IsNull() || !check_.map(c, context + " contact")) return;
    check_.check_keys(c, kContactKeys, context + " contact");
    if (c["teams"] && check_.sequence(c["teams"], context + " teams")) {
      for (const auto& t : c["teams"]) check_.check_keys(t, kTeamKeys, context + " team");
    }
    const YAML::Node& slack = c["slack"];
    if (slack && slack.IsScalar() && !trim(slack.Scalar()).empty()) {
      std::string_view channel = trim(slack.Scalar());
      if (channel.starts_with('#')) channel.remove_prefix(1);
      g.chat.push_back({"slack", std::string(channel), check_.where(slack)});
    }
    if (c["liaison"] && c["liaison"].IsMap())
      read_person(c["liaison"], context + " liaison", false, nullptr);
    const YAML::Node& ml = c["mailing_list"];
    if (ml && ml.IsScalar() && !trim(ml.Scalar()).empty()) {
      std::string v(trim(ml.Scalar()));
      if (b_.patterns().matches("placeholder", v)) {
        check_.report(ml, fmt::format("{} mailing_list '{}' is a placeholder", context, v),
                      context + ":mailing_list", "sig-placeholder");
      } else {
        g.lists.push_back({v, normalize_list(v), Source::kSigsYaml, check_.where(ml)});
      }
    } else if (c["private_mailing_list"]) {
      g.only_private_list = true;
    }
  }

  void read_subprojects(const YAML::Node& s, const std::string& context) {
    if (!s || s.IsNull() || !check_.sequence(s, context + " subprojects")) return;
    static const RE2 kOwnersUrl(
        R"(^https://(raw\.githubusercontent\.com/[^/]+/[^/]+/[^/]+/.+|github\.com/[^/]+/[^/]+/(blob|tree)/[^/]+/.+))");
    for (const auto& sp : s) {
      if (!check_.map(sp, context + " subproject")) continue;
      std::string name = sp["name"] && sp["name"].IsScalar() ? sp["name"].Scalar() : "?";
      std::string what = fmt::format("{} subproject '{}'", context, name);
      check_.check_keys(sp, kSubprojectKeys, what);
      if (sp["leads"] && check_.sequence(sp["leads"], what + " leads")) {
        for (const auto& p : sp["leads"]) read_person(p, what + " lead", false, nullptr);
      }
      if (!sp["owners"] || !check_.sequence(sp["owners"], what + " owners")) {
        if (!sp["owners"])
          check_.report(sp, fmt::format("{} has no owners", what), what + ":owners",
                        "k8s-subproject-owners");
        continue;
      }
      for (const auto& o : sp["owners"]) {
        if (o.IsScalar() && !RE2::FullMatch(o.Scalar(), kOwnersUrl)) {
          check_.report(o,
                        fmt::format("{}: owners URL '{}' is neither a raw.githubusercontent.com "
                                    "URL nor a github.com blob/tree URL",
                                    what, o.Scalar()),
                        what + ":owners:" + o.Scalar(), "k8s-subproject-owners");
        }
      }
    }
  }

 public:
  struct CharterLink {
    std::string dir;
    std::string target;
    Location where;
  };
  std::vector<CharterLink> charter_links_;

 private:
  Builder& b_;
  SchemaChecker check_;
  std::map<std::string, std::pair<std::string, std::string>> people_;
};

}  // namespace

std::optional<std::string> kubernetes_schema_mismatch(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception&) {
    return std::nullopt;  // read as Kubernetes: the syntax error is the finding
  }
  if (!root || root.IsNull()) return "it is empty, not a mapping with sigs, workinggroups, ...";
  if (!root.IsMap()) {
    return fmt::format(
        "its top level is {}, not a mapping with sigs, workinggroups, usergroups "
        "or committees",
        yaml_type_name(root));
  }
  std::string keys;
  bool empty_known_list = false;
  for (const auto& kv : root) {
    std::string key = key_string(kv.first);
    if (keys.size() < 200) keys += (keys.empty() ? "" : ", ") + key;
    if (is_group_list(kv.second)) return std::nullopt;
    bool known = std::any_of(std::begin(kKinds), std::end(kKinds),
                             [&key](const KindInfo& k) { return key == k.key; });
    if (!known) continue;
    const YAML::Node& v = kv.second;
    if (v.IsNull() || (v.IsSequence() && v.size() == 0)) {
      empty_known_list = true;
    } else if (!v.IsSequence()) {
      return fmt::format("its '{}' is {}, not a list of groups", key, yaml_type_name(v));
    } else {
      std::string found;
      if (v[0].IsMap()) {
        for (const auto& e : v[0]) found += (found.empty() ? "" : ", ") + key_string(e.first);
      }
      return fmt::format(
          "its '{}' entries have keys ({}) but none of a Kubernetes group's "
          "(dir, leadership, contact, mission_statement, ...)",
          key, found);
    }
  }
  if (empty_known_list) return std::nullopt;  // an empty registry: build_registry says so
  return fmt::format(
      "its top-level keys ({}) hold no list of groups (sigs, workinggroups, "
      "usergroups, committees, or any list of mappings with name, dir and "
      "leadership or contact)",
      keys);
}

void build_kubernetes(Builder& b, const std::vector<std::string>& files) {
  Registry& reg = b.registry();
  if (std::find(reg.group_roots.begin(), reg.group_roots.end(), "") == reg.group_roots.end()) {
    reg.group_roots.push_back("");
  }
  std::size_t first = reg.groups.size();
  std::vector<std::string> listed;
  for (const std::string& file : files) {
    reg.index_files.push_back(file);
    auto text = b.read_text(file, nullptr);
    if (!text) continue;
    std::size_t from = reg.groups.size();
    SigsYamlReader reader(b, file);
    reader.read(*text);
    for (std::size_t i = from; i < reg.groups.size(); ++i) {
      Group& g = reg.groups[i];
      if (g.dir.empty()) continue;
      g.folder_exists = b.tree().kind(g.dir) == EntryKind::kDirectory;
      if (g.folder_exists) b.read_readmes(g, g.dir + "/README.md", /*generated=*/true);
    }
    for (const auto& link : reader.charter_links_) {
      Group* g = reg.find_by_dir(link.dir);
      b.check_link(link.dir, link.target, link.where, g);
    }
  }
  std::map<std::string, int> dirs;
  for (std::size_t i = first; i < reg.groups.size(); ++i) {
    Group& g = reg.groups[i];
    if (g.dir.empty()) continue;
    if (++dirs[g.dir] == 2) {
      b.add("sig-duplicate", &g, g.declared,
            fmt::format("group '{}': folder {} is declared by more than one group in {}", g.name,
                        g.dir, g.declared.path),
            g.dir);
    }
    listed.push_back(g.dir);
  }
  b.report_unlisted("", listed, looks_like_group_folder);
}

}  // namespace sigwarden
