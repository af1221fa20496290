#include "registry/sig_info.h"

#include <fmt/format.h>

#include <set>

#include "core/text.h"
#include "registry/people.h"
#include "registry/yaml_schema.h"

namespace sigwarden {

namespace {

const std::vector<std::string_view> kTopKeys = {
    "name",        "description",  "mailing_list", "meeting_url", "mature_level", "mentors",
    "maintainers", "repositories", "created_on",   "branches",    "directory",    "directories"};
const std::vector<std::string_view> kPersonKeys = {
    "gitee_id", "atomgit_id", "gitcode_id", "github_id", "name", "email", "organization"};
const std::vector<std::string_view> kRepoKeys = {
    "repo", "repo_admin", "admins", "maintainers", "committers", "contributors", "description"};

void placeholder(SchemaChecker& check, const YAML::Node& at, const std::string& what,
                 const std::string& value) {
  check.report(at, fmt::format("{} is a placeholder ('{}'), not a real value", what, value),
               what + ":" + value, "sig-placeholder");
}

// Reads one person entry (maintainers, mentors, committers); returns it when it names someone.
std::optional<Person> read_person(SchemaChecker& check, const YAML::Node& node, std::string what,
                                  const Patterns& patterns, Source source) {
  if (node.IsScalar()) {  // a bare id, as some files write
    Person p;
    p.handle = node.Scalar();
    p.source = source;
    p.where = check.where(node);
    if (patterns.matches("placeholder", p.handle)) {
      placeholder(check, node, what, p.handle);
      return std::nullopt;
    }
    return p;
  }
  if (!check.map(node, what)) return std::nullopt;
  if (node["repo"]) {
    // A `- repo:` block under maintainers: the `repositories:` key above it is missing.
    check.report(node,
                 fmt::format("{} looks like a repositories entry (it has 'repo'); is the "
                             "'repositories:' key missing above it?",
                             what),
                 "repo-in-members:" + (node["repo"].IsScalar() ? node["repo"].Scalar() : ""));
    return std::nullopt;
  }
  // Name the person, so that messages and fingerprints do not depend on list positions.
  for (const char* key : {"gitee_id", "atomgit_id", "gitcode_id", "github_id", "name", "email"}) {
    if (node[key] && node[key].IsScalar() && !trim(node[key].Scalar()).empty()) {
      what = fmt::format("{} '{}'", what.substr(0, what.rfind(" #")), node[key].Scalar());
      break;
    }
  }
  check.check_keys(node, kPersonKeys, what);
  Person p;
  p.source = source;
  p.where = check.where(node);
  for (const char* key : {"gitee_id", "atomgit_id", "gitcode_id", "github_id"}) {
    if (node[key] && node[key].IsScalar() && !trim(node[key].Scalar()).empty()) {
      p.handle = std::string(trim(node[key].Scalar()));
      break;
    }
  }
  if (node["name"] && node["name"].IsScalar()) p.name = node["name"].Scalar();
  if (node["email"] && node["email"].IsScalar()) p.email = node["email"].Scalar();
  if (p.handle.empty()) {
    check.report(
        node,
        fmt::format("{} has an empty id (gitee_id, atomgit_id, gitcode_id or github_id): it "
                    "cannot be requested as a reviewer",
                    what),
        what + ":id");
    if (p.name.empty()) return std::nullopt;
  }
  if (patterns.matches("placeholder", p.handle) || patterns.matches("placeholder", p.name)) {
    std::string value = patterns.matches("placeholder", p.handle) ? p.handle : p.name;
    check.report(node, fmt::format("{} is a placeholder, not a real person", what),
                 what + ":" + value, "sig-placeholder");
    return std::nullopt;
  }
  return p;
}

}  // namespace

std::vector<std::string> split_list_value(std::string_view value) {
  std::vector<std::string> out;
  std::string current;
  for (char c : fold_fullwidth(value)) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

SigInfoParse parse_sig_info(const std::string& path, std::string_view text,
                            const std::string& folder_name, SigInfoFlavor flavor,
                            const Patterns& patterns) {
  SigInfoParse result;
  SchemaChecker check(path);
  auto root = check.load(text);
  if (!root) {
    result.findings = std::move(check.findings());
    return result;
  }
  SigInfo& info = result.info;
  info.parsed = true;
  if (!root->IsMap()) {
    check.report(*root,
                 fmt::format("{} must be a mapping of keys, found {}", path, yaml_type_name(*root)),
                 "root");
    result.findings = std::move(check.findings());
    return result;
  }
  const YAML::Node& r = *root;
  check.check_keys(r, kTopKeys, "sig-info.yaml");

  if (check.require(r, "name", "sig-info.yaml")) {
    if (auto name = check.scalar(r["name"], "name")) {
      info.name = *name;
      info.name_where = check.where(r["name"]);
      std::string trimmed(trim(*name));
      if (patterns.matches("placeholder", trimmed)) {
        placeholder(check, r["name"], "name", trimmed);
      } else if (trimmed != folder_name && flavor == SigInfoFlavor::kOpenEuler) {
        // openEuler's CI demands it; MindSpore-style communities name SIGs freely.
        std::string why = trimmed.ends_with("/") ? " (trailing '/')" : "";
        check.report(
            r["name"],
            fmt::format("name '{}' differs from its folder '{}'{}", trimmed, folder_name, why),
            "name");
      }
    }
  }

  if (check.require(r, "maintainers", "sig-info.yaml") &&
      check.sequence(r["maintainers"], "maintainers")) {
    if (r["maintainers"].size() == 0) {
      check.report(r["maintainers"], "maintainers is empty: the SIG has no lead", "maintainers");
    }
    std::size_t i = 0;
    for (const auto& m : r["maintainers"]) {
      ++i;
      if (auto p =
              read_person(check, m, fmt::format("maintainer #{}", i), patterns, Source::kSigInfo)) {
        info.maintainers.push_back(std::move(*p));
      }
    }
  }
  if (r["mentors"] && !r["mentors"].IsNull() && check.sequence(r["mentors"], "mentors")) {
    std::size_t i = 0;
    for (const auto& m : r["mentors"]) {
      read_person(check, m, fmt::format("mentor #{}", ++i), patterns, Source::kSigInfo);
    }
  }

  if (r["mailing_list"]) {
    const YAML::Node& ml = r["mailing_list"];
    if (ml.IsNull()) {
      check.report(ml, "mailing_list is empty", "mailing_list:empty", "sig-placeholder");
    } else if (auto value = check.scalar(ml, "mailing_list")) {
      std::string v(trim(*value));
      if (v.empty() || patterns.matches("placeholder", v)) {
        placeholder(check, ml, "mailing_list", v);
      } else {
        for (const std::string& a : split_list_value(v)) {
          if (patterns.matches("placeholder", a)) {
            placeholder(check, ml, "mailing_list", a);
          } else if (a.find('@') == std::string::npos && a.find("://") == std::string::npos) {
            check.report(ml, fmt::format("mailing_list '{}' is neither an address nor a URL", a),
                         "mailing_list:" + a);
          } else {
            info.lists.push_back({a, normalize_list(a), Source::kSigInfo, check.where(ml)});
          }
        }
      }
    }
  }

  if (r["repositories"] && !r["repositories"].IsNull() &&
      check.sequence(r["repositories"], "repositories")) {
    std::set<std::string> seen;
    std::size_t i = 0;
    for (const auto& entry : r["repositories"]) {
      std::string what = fmt::format("repositories #{}", ++i);
      if (!check.map(entry, what)) continue;
      check.check_keys(entry, kRepoKeys, what);
      for (const char* role :
           {"repo_admin", "admins", "maintainers", "committers", "contributors"}) {
        if (!entry[role] || entry[role].IsNull()) continue;
        if (!check.sequence(entry[role], what + " " + role)) continue;
        std::size_t k = 0;
        for (const auto& m : entry[role]) {
          read_person(check, m, fmt::format("{} {} #{}", what, role, ++k), patterns,
                      Source::kSigInfo);
        }
      }
      if (!check.require(entry, "repo", what)) continue;
      std::vector<YAML::Node> repos;
      if (entry["repo"].IsSequence()) {
        for (const auto& x : entry["repo"]) repos.push_back(x);
      } else {
        repos.push_back(entry["repo"]);
      }
      for (const YAML::Node& node : repos) {
        auto repo = check.scalar(node, what + " repo");
        if (!repo) continue;
        std::string rv(trim(*repo));
        auto slash = rv.find('/');
        bool well_formed = slash != std::string::npos && slash > 0 && slash + 1 < rv.size() &&
                           rv.find('/', slash + 1) == std::string::npos;
        if (!well_formed) {
          check.report(node, fmt::format("repo '{}' is not of the form org/name", rv),
                       "repo:" + rv);
          continue;
        }
        std::string org = rv.substr(0, slash);
        if (flavor == SigInfoFlavor::kOpenEuler && org != "openeuler" && org != "src-openeuler") {
          check.report(node, fmt::format("repo '{}' must be in openeuler/ or src-openeuler/", rv),
                       "repo-org:" + rv);
        }
        if (!seen.insert(rv).second) {
          check.report(node, fmt::format("repo '{}' is listed twice", rv), "repo-twice:" + rv);
          continue;
        }
        info.repositories.push_back({rv, check.where(node)});
      }
    }
  }

  for (const char* key : {"directory", "directories"}) {
    const YAML::Node& d = r[key];
    if (!d || d.IsNull()) continue;
    if (d.IsScalar()) {
      info.directories.push_back({d.Scalar(), check.where(d)});
    } else if (check.sequence(d, key)) {
      for (const auto& x : d) {
        if (auto s = check.scalar(x, key)) info.directories.push_back({*s, check.where(x)});
      }
    }
  }
  result.findings = std::move(check.findings());
  return result;
}

OwnersParse parse_openeuler_owners(const std::string& path, std::string_view text,
                                   const Patterns& patterns) {
  OwnersParse result;
  SchemaChecker check(path);
  auto root = check.load(text);
  if (root && root->IsMap()) {
    const YAML::Node& m = (*root)["maintainers"];
    if (m && !m.IsNull() && check.sequence(m, "OWNERS maintainers")) {
      std::size_t i = 0;
      for (const auto& x : m) {
        if (auto p = read_person(check, x, fmt::format("OWNERS maintainer #{}", ++i), patterns,
                                 Source::kOwners)) {
          result.maintainers.push_back(std::move(*p));
        }
      }
    }
  } else if (root && !root->IsNull()) {
    check.report(*root, fmt::format("{} must be a mapping, found {}", path, yaml_type_name(*root)),
                 "root");
  }
  result.findings = std::move(check.findings());
  return result;
}

}  // namespace sigwarden
