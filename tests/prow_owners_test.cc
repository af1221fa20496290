#include "ownership/prow_owners.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace sigwarden {
namespace {

using Strings = std::vector<std::string>;

// One OWNERS tree that exercises every resolution rule; each directory is explained where the
// table uses it.
const std::vector<std::pair<std::string, std::string>> kTree = {
    {"OWNERS",
     "approvers: [root-a]\nreviewers: [Root-R]\nlabels: [sig/architecture]\n"
     "emeritus_approvers: [old-a]\n"},
    {"pkg/OWNERS", "approvers:\n- pkg-a\nrequired_reviewers:\n- pkg-rr\n"},
    {"pkg/kubelet/OWNERS",
     "options:\n  no_parent_owners: true\napprovers:\n- SIG-Node-Approvers\n- '@Dawn'\n"
     "reviewers:\n- sig-node-reviewers\nlabels:\n- sig/node\n"},
    {"pkg/kubelet/cm/OWNERS", "reviewers: [cm-r]\n"},
    // no_parent_owners with reviewers only: approvers are still inherited (per-role walk).
    {"pkg/api/OWNERS", "options: {no_parent_owners: true}\nreviewers: [api-r]\n"},
    // Filters match the path relative to docs/: '^docs/' never matches, '^api/' does.
    {"docs/OWNERS",
     "filters:\n  \".*\":\n    labels: [sig/docs]\n  \"\\\\.md$\":\n    approvers: [md-a]\n"
     "  \"^api/\":\n    approvers: [api-docs-a]\n  \"^docs/\":\n    approvers: [never-a]\n"},
    // A filters-only file with no_parent_owners: stops only where a filter matched.
    {"cmd/OWNERS",
     "options:\n  no_parent_owners: true\nfilters:\n  \"\\\\.go$\":\n    approvers: [go-a]\n"},
    // Top-level owners next to filters: Prow reads the top-level owners and ignores the filters.
    {"hack/OWNERS", "approvers: [hack-top]\nfilters:\n  \".*\":\n    approvers: [hack-filter]\n"},
    // Only emeritus approvers: contributes nothing.
    {"third_party/OWNERS", "emeritus_approvers: [gone]\n"},
};

const char* const kAliases =
    "aliases:\n"
    "  sig-node-approvers: [Dawn, derek]\n"
    "  SIG-Node-Reviewers:\n  - sig-node-approvers\n  - ReviewerX\n";

ProwOwnersResolver tree_resolver() {
  std::vector<ProwOwnersFile> files;
  for (const auto& [path, text] : kTree) {
    files.push_back(parse_prow_owners(path, text));
    EXPECT_TRUE(files.back().findings.empty() || path == "hack/OWNERS") << path;
  }
  ProwAliases aliases = parse_prow_aliases("OWNERS_ALIASES", kAliases);
  EXPECT_TRUE(aliases.findings.empty());
  return ProwOwnersResolver(std::move(files), std::move(aliases));
}

struct MatchCase {
  const char* path;
  Strings approvers, reviewers, required_reviewers, labels;
  const char* nearest;
};

const MatchCase kMatchCases[] = {
    // Root file; emeritus_approvers ignored, reviewer logins lower-cased.
    {"README.md", {"root-a"}, {"root-r"}, {}, {"sig/architecture"}, "OWNERS"},
    {"", {"root-a"}, {"root-r"}, {}, {"sig/architecture"}, "OWNERS"},
    // A directory without OWNERS inherits from pkg/ and the root.
    {"pkg/util/sets/set.go",
     {"pkg-a", "root-a"},
     {"root-r"},
     {"pkg-rr"},
     {"sig/architecture"},
     "pkg/OWNERS"},
    // no_parent_owners stops approvers, reviewers and labels at kubelet; required_reviewers, empty
    // there, continue to pkg/. Aliases expand one level, case-insensitively; '@Dawn' is dawn.
    {"pkg/kubelet/kubelet.go",
     {"dawn", "derek"},
     {"reviewerx", "sig-node-approvers"},
     {"pkg-rr"},
     {"sig/node"},
     "pkg/kubelet/OWNERS"},
    {"pkg/kubelet/cm/cm.go",
     {"dawn", "derek"},
     {"cm-r", "reviewerx", "sig-node-approvers"},
     {"pkg-rr"},
     {"sig/node"},
     "pkg/kubelet/cm/OWNERS"},
    // The OWNERS directory itself as the path.
    {"pkg/kubelet",
     {"dawn", "derek"},
     {"reviewerx", "sig-node-approvers"},
     {"pkg-rr"},
     {"sig/node"},
     "pkg/kubelet/OWNERS"},
    {"pkg/api/types.go",
     {"pkg-a", "root-a"},
     {"api-r"},
     {"pkg-rr"},
     {"sig/architecture"},
     "pkg/api/OWNERS"},
    // Filters: '.*' always, '\.md$' by suffix, '^api/' for the subdirectory, '^docs/' never.
    {"docs/guide.md",
     {"md-a", "root-a"},
     {"root-r"},
     {},
     {"sig/architecture", "sig/docs"},
     "docs/OWNERS"},
    {"docs/api/ref.md",
     {"api-docs-a", "md-a", "root-a"},
     {"root-r"},
     {},
     {"sig/architecture", "sig/docs"},
     "docs/OWNERS"},
    {"docs/api/ref.txt",
     {"api-docs-a", "root-a"},
     {"root-r"},
     {},
     {"sig/architecture", "sig/docs"},
     "docs/OWNERS"},
    {"docs/notes.txt", {"root-a"}, {"root-r"}, {}, {"sig/architecture", "sig/docs"}, "docs/OWNERS"},
    // cmd/: the matching filter stops approvers; reviewers and labels come from the root.
    {"cmd/main.go", {"go-a"}, {"root-r"}, {}, {"sig/architecture"}, "cmd/OWNERS"},
    {"cmd/README.md", {"root-a"}, {"root-r"}, {}, {"sig/architecture"}, "OWNERS"},
    {"cmd/sub/tool.go", {"go-a"}, {"root-r"}, {}, {"sig/architecture"}, "cmd/OWNERS"},
    {"hack/verify.sh", {"hack-top", "root-a"}, {"root-r"}, {}, {"sig/architecture"}, "hack/OWNERS"},
    {"third_party/x/y.c", {"root-a"}, {"root-r"}, {}, {"sig/architecture"}, "OWNERS"},
    {"./pkg/util/",
     {"pkg-a", "root-a"},
     {"root-r"},
     {"pkg-rr"},
     {"sig/architecture"},
     "pkg/OWNERS"},
};

TEST(ProwOwnersResolver, MatchTable) {
  ProwOwnersResolver resolver = tree_resolver();
  for (const MatchCase& c : kMatchCases) {
    SCOPED_TRACE(c.path);
    ProwMatch m = resolver.match(c.path);
    EXPECT_EQ(m.approvers, c.approvers);
    EXPECT_EQ(m.reviewers, c.reviewers);
    EXPECT_EQ(m.required_reviewers, c.required_reviewers);
    EXPECT_EQ(m.labels, c.labels);
    EXPECT_EQ(m.nearest_owners_file, c.nearest);
  }
}

std::vector<std::string> rule_lines(const ProwMatch& m) {
  std::vector<std::string> out;
  for (const Location& l : m.rules) out.push_back(l.path + ":" + std::to_string(l.line));
  return out;
}

TEST(ProwOwnersResolver, RulesAreNearestFirstWithLines) {
  ProwOwnersResolver resolver = tree_resolver();
  // The root contributes nothing here: its approvers, reviewers and labels are cut off by
  // kubelet's no_parent_owners and it has no required_reviewers.
  EXPECT_EQ(rule_lines(resolver.match("pkg/kubelet/cm/cm.go")),
            (Strings{"pkg/kubelet/cm/OWNERS:1", "pkg/kubelet/OWNERS:3", "pkg/OWNERS:1"}));
  // Filters are located at their regex key, in file order.
  EXPECT_EQ(rule_lines(resolver.match("docs/api/ref.md")),
            (Strings{"docs/OWNERS:2", "docs/OWNERS:4", "docs/OWNERS:6", "OWNERS:1"}));
}

TEST(ProwOwnersResolver, NoOwnersAnywhere) {
  ProwOwnersResolver resolver({parse_prow_owners("a/OWNERS", "approvers: [x]\n")}, {});
  ProwMatch m = resolver.match("b/file.go");
  EXPECT_TRUE(m.approvers.empty());
  EXPECT_TRUE(m.rules.empty());
  EXPECT_EQ(m.nearest_owners_file, "");
  EXPECT_EQ(resolver.match("a/file.go").approvers, Strings{"x"});
}

TEST(ProwOwnersResolver, AliasesExpandOneLevelWithoutAliasFile) {
  // Without OWNERS_ALIASES, names stay as written (normalised).
  ProwOwnersResolver plain({parse_prow_owners("OWNERS", "approvers: [Team-A, '@Bob']\n")}, {});
  EXPECT_EQ(plain.match("x").approvers, (Strings{"bob", "team-a"}));
  // An alias whose members are aliases is not expanded further; an empty alias expands to
  // nobody, and an alias listed next to one of its members yields each login once.
  ProwAliases aliases = parse_prow_aliases("OWNERS_ALIASES",
                                           "aliases:\n  outer: [inner, Carol]\n  inner: [dave]\n"
                                           "  empty:\n");
  ASSERT_TRUE(aliases.findings.empty());
  ProwOwnersResolver r({parse_prow_owners("OWNERS", "approvers: [OUTER, carol, empty]\n")},
                       aliases);
  EXPECT_EQ(r.match("x").approvers, (Strings{"carol", "inner"}));
}

TEST(ProwOwnersParse, FileFields) {
  ProwOwnersFile f = parse_prow_owners(
      "pkg/kubelet/OWNERS",
      "options:\n  no_parent_owners: yes\napprovers:\n- Alice\nemeritus_approvers: [old]\n");
  EXPECT_TRUE(f.findings.empty());
  EXPECT_EQ(f.dir, "pkg/kubelet");
  EXPECT_TRUE(f.no_parent_owners);
  EXPECT_EQ(f.top.approvers, Strings{"Alice"});  // as written
  EXPECT_EQ(f.top.where.line, 3);
  EXPECT_TRUE(f.filters.empty());

  ProwOwnersFile g = parse_prow_owners("OWNERS", "filters:\n  '.*':\n    labels: [a]\n");
  EXPECT_EQ(g.dir, "");
  ASSERT_EQ(g.filters.size(), 1u);
  EXPECT_EQ(g.filters[0].first, ".*");
  EXPECT_EQ(g.filters[0].second.labels, Strings{"a"});
  EXPECT_EQ(g.filters[0].second.where.line, 2);
}

// Compares findings with "line: text the message contains", in order.
void expect_findings(const std::vector<Finding>& findings, const std::string& path,
                     const Strings& want) {
  Strings got;
  for (const Finding& f : findings) {
    EXPECT_EQ(f.rule, "ownership-syntax");
    EXPECT_EQ(f.location.path, path);
    got.push_back(std::to_string(f.location.line) + ": " + f.message);
  }
  ASSERT_EQ(got.size(), want.size()) << ::testing::PrintToString(got);
  for (std::size_t i = 0; i < got.size(); ++i) {
    std::string line = want[i].substr(0, want[i].find(':') + 2);
    EXPECT_EQ(got[i].substr(0, line.size()), line) << got[i];
    EXPECT_NE(got[i].find(want[i].substr(line.size())), std::string::npos) << got[i];
  }
}

struct FindingCase {
  const char* name;
  const char* text;
  Strings findings;   // "line: text the message contains"
  Strings approvers;  // what Prow still applies: top-level approvers, or those of all filters
  bool no_parent_owners;
};

const FindingCase kFindingCases[] = {
    {"invalid YAML", "approvers:\n- a\n reviewers: [b\n", {"3: is not valid YAML"}, {}, false},
    {"not a mapping", "- a\n- b\n", {"1: must be a mapping of keys, found a list"}, {}, false},
    {"unknown key with hint",
     "approvers: [a]\napprover: [b]\n",
     {"2: unknown key 'approver' in OWNERS (did you mean 'approvers'?)"},
     {"a"},
     false},
    {"invalid regex skips that filter only",
     "filters:\n  \"(unclosed\":\n    approvers: [a]\n  \"\\\\.go$\":\n    approvers: [b]\n",
     {"2: filter regex '(unclosed' is invalid"},
     {"b"},
     false},
    {"filters next to top-level owners are ignored",
     "approvers: [a]\nfilters:\n  \".*\":\n    approvers: [b]\n",
     {"2: filters are ignored"},
     {"a"},
     false},
    {"wrong type drops every top-level owner",
     "options:\n  no_parent_owners: true\napprovers: alice\nreviewers: [bob]\n",
     {"3: approvers must be a list, found a string", "1: Prow cannot decode the top-level owners"},
     {},
     true},
    {"quoted boolean is a string",
     "options:\n  no_parent_owners: \"true\"\napprovers: [a]\n",
     {"2: options no_parent_owners must be true or false, found 'true'",
      "1: Prow cannot decode the top-level owners"},
     {},
     false},
    {"list entry that is a mapping",
     "reviewers:\n- {name: x}\napprovers: [a]\n",
     {"2: reviewers entry must be a string, found a mapping",
      "1: Prow cannot decode the top-level owners"},
     {},
     false},
    {"duplicate key keeps the last",
     "approvers: [a]\nreviewers: [r]\napprovers: [b]\n",
     {"3: key 'approvers' appears twice in OWNERS"},
     {"b"},
     false},
    {"unknown filter and option keys",
     "options:\n  no_parent: true\nfilters:\n  x:\n    approver: [a]\n    approvers: [b]\n",
     {"2: unknown key 'no_parent' in options", "5: unknown key 'approver' in filter 'x'"},
     {"b"},
     false},
    {"known keys Prow ignores",
     "security_contacts:\n- github: a\nemeritus_approvers: [e]\napprovers: [a]\n",
     {},
     {"a"},
     false},
};

TEST(ProwOwnersParse, FindingsTable) {
  for (const FindingCase& c : kFindingCases) {
    SCOPED_TRACE(c.name);
    ProwOwnersFile f = parse_prow_owners("sub/OWNERS", c.text);
    expect_findings(f.findings, "sub/OWNERS", c.findings);
    Strings approvers = f.top.approvers;
    for (const auto& filter : f.filters) {
      approvers.insert(approvers.end(), filter.second.approvers.begin(),
                       filter.second.approvers.end());
    }
    EXPECT_EQ(approvers, c.approvers);
    EXPECT_EQ(f.no_parent_owners, c.no_parent_owners);
  }
}

TEST(ProwOwnersParse, Aliases) {
  ProwAliases a = parse_prow_aliases("OWNERS_ALIASES",
                                     "aliases:\n"
                                     "  Team-A: [Bob, '@alice', bob]\n"
                                     "  flow: {x, y}\n"
                                     "  broken: carol\n"
                                     "  team-a: [z]\n"
                                     "  members: [[nested]]\n"
                                     "extra: 1\n");
  expect_findings(a.findings, "OWNERS_ALIASES",
                  {"7: unknown key 'extra' in OWNERS_ALIASES",
                   "4: alias 'broken' must be a list of members, found a string; Prow stops",
                   "5: alias 'team-a' is defined twice",
                   "6: alias 'members' has a member that is a list, not a login"});
  ASSERT_EQ(a.aliases.size(), 2u);  // broken and members are left out
  EXPECT_EQ(a.aliases["team-a"], Strings{"z"});
  EXPECT_EQ(a.aliases["flow"], (Strings{"x", "y"}));
  EXPECT_EQ(a.aliases.count("broken"), 0u);

  ProwAliases b = parse_prow_aliases("OWNERS_ALIASES", "aliases:\n  T: [Bob, '@alice', bob]\n");
  EXPECT_EQ(b.aliases["t"], (Strings{"alice", "bob"}));
  ProwAliases bad = parse_prow_aliases("OWNERS_ALIASES", "aliases: [\n");
  ASSERT_EQ(bad.findings.size(), 1u);
  EXPECT_EQ(bad.findings[0].location.line, 2);
  EXPECT_TRUE(bad.aliases.empty());
}

}  // namespace
}  // namespace sigwarden
