// Where the registry is: the folders layout found with no configuration (sig-*, wg-* folders at
// the root, no index), and `registry:` in .sigwarden.yaml naming index files anywhere, YAML
// registries under any name, group folders and per-group files, combined into one registry.
#include <gtest/gtest.h>

#include "core/error.h"
#include "lint/linter.h"
#include "support/memory_tree.h"

namespace sigwarden {
namespace {

using testing::MemoryTree;

LintResult run(const MemoryTree& tree, const std::string& config = "") {
  Config c = config.empty() ? default_config()
                            : parse_config(".sigwarden.yaml", config, Catalogue::shipped());
  return lint(tree, c, Catalogue::shipped(), "2026-11-25");
}

// "name kind dir leads... | lists..." per group, for compact comparisons.
std::vector<std::string> groups_of(const Registry& r) {
  std::vector<std::string> out;
  for (const Group& g : r.groups) {
    std::string s = g.name + " " + group_kind_name(g.kind) + " " + g.dir;
    for (const Person& p : g.leads) s += " " + p.label();
    s += " |";
    for (const MailingList& l : g.lists) s += " " + l.address;
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> rules_of(const LintResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.rule + "@" + f.location.path);
  return out;
}

TEST(FoldersLayout, GroupFoldersAtTheRootWithoutAnIndex) {
  MemoryTree t(
      {{"sig-network/README.md",
        "# SIG Network\n\n## Leads\n\n- Alice Liddell (@alice)\n\n"
        "Mailing list: sig-network@lists.example.org\n"},
       {"wg-policy/README.md", "# WG Policy\n\n## Chairs\n\n- [@bob](https://github.com/bob)\n"},
       {"sig-empty/notes.md", "no README: not a group\n"},
       {"docs/README.md", "# Docs: not a group folder\n"}});
  auto r = run(t);
  EXPECT_EQ(r.registry.layout, "folders");
  EXPECT_EQ(groups_of(r.registry),
            (std::vector<std::string>{
                "sig-network sig sig-network @alice | sig-network@lists.example.org",
                "wg-policy wg wg-policy @bob |"}));
  EXPECT_EQ(rules_of(r),
            (std::vector<std::string>{"sig-mailing-list-missing@wg-policy/README.md"}));
}

TEST(RegistrySources, YamlUnderAnyNameAndAnIndexAtTheRootCombine) {
  MemoryTree t(
      {{"governance/groups.yaml",
        "sigs:\n- dir: sig-apps\n  name: Apps\n  leadership:\n    chairs:\n"
        "    - github: janedoe\n      name: Jane Doe\n  contact:\n"
        "    slack: sig-apps\n    mailing_list: https://groups.google.com/g/sig-apps\n"},
       {"README.md",
        "# Community\n\n| Working group | Chairs |\n|---|---|\n"
        "| [Batch](wg-batch/README.md) | [@kim](https://github.com/kim) |\n"},
       {"wg-batch/README.md", "# Batch\n\n## Chairs\n\n- @kim\n\nMailing list: b@l.example.org\n"},
       {"sig-apps/README.md", "# Apps\n"},
       {"sig-unknown/README.md", "# listed by neither source\n"}});
  // Without configuration the index at the root is not found, and groups.yaml is not sigs.yaml:
  // the folders layout reads the folders alone.
  EXPECT_EQ(run(t).registry.layout, "folders");
  auto r = run(t,
               "registry:\n  yaml: governance/groups.yaml\n  index: [README.md]\n"
               "rules:\n  k8s-required-fields: off\n");
  EXPECT_EQ(r.registry.layout, "kubernetes+markdown");
  EXPECT_EQ(
      groups_of(r.registry),
      (std::vector<std::string>{"Apps sig sig-apps @janedoe | https://groups.google.com/g/sig-apps",
                                "Batch wg wg-batch @kim | b@l.example.org"}));
  // wg-batch is not unlisted (the index lists it), sig-unknown is.
  EXPECT_EQ(rules_of(r), (std::vector<std::string>{"sig-unlisted-folder@sig-unknown/README.md"}));
}

TEST(RegistrySources, SigInfoUnderAnotherFolderAndName) {
  MemoryTree t({{"sigs/storage/info.yaml",
                 "name: storage\nmailing_list: storage@lists.example.org\nmaintainers:\n"
                 "- gitcode_id: carol\n"},
                {"sigs/storage/README.md", "# Storage\n\n## Maintainers\n\n- carol\n"}});
  auto r = run(t, "registry:\n  sig_info: sigs/*/info.yaml\n");
  EXPECT_EQ(r.registry.layout, "openeuler");
  ASSERT_EQ(r.registry.groups.size(), 1u);
  EXPECT_EQ(r.registry.groups[0].dir, "sigs/storage");
  EXPECT_EQ(r.registry.groups[0].lists.at(0).address, "storage@lists.example.org");
  // gitcode_id is an id like gitee_id: the lead has a login, and no unknown-key finding.
  EXPECT_EQ(r.registry.groups[0].leads.at(0).handle, "carol");
  for (const Finding& f : r.findings) EXPECT_NE(f.rule, "registry-unknown-key") << f.message;
}

TEST(RegistrySources, AForkKeepsItsGroupsUnderAnotherKeyAndFolder) {
  // CNCF-style tags.yaml: groups under `tags:`, folders under tags/, extra person keys.
  MemoryTree t({{"tags.yaml",
                 "tags:\n- dir: tag-runtime\n  name: TAG Runtime\n  leadership:\n    chairs:\n"
                 "    - github: ana\n      name: Ana\n      term: {start: '2025-01-01'}\n"
                 "  contact:\n    mailing_list: https://lists.example.org/g/tag-runtime\n"},
                {"tags/tag-runtime/README.md", "# TAG Runtime\n"}});
  auto r = run(t, "registry:\n  yaml: tags.yaml\n");
  EXPECT_EQ(
      groups_of(r.registry),
      (std::vector<std::string>{
          "TAG Runtime sig tags/tag-runtime @ana | https://lists.example.org/g/tag-runtime"}));
  // No upstream convention (dir from name, charter, subprojects) applies; the unknown person key
  // is a warning.
  EXPECT_EQ(rules_of(r), (std::vector<std::string>{"registry-unknown-key@tags.yaml"}));
  EXPECT_EQ(r.findings.at(0).level, Level::kWarning);
}

TEST(RegistrySources, BadPathsAreConfigurationErrors) {
  for (const auto& [yaml, message] : std::vector<std::pair<std::string, std::string>>{
           {"registry:\n  index: ../README.md\n",
            "registry.index '../README.md' is not a repository path (relative to the root, no "
            "'..', no wildcards)"},
           {"registry:\n  folders: ['*/sig-*']\n",
            "registry.folders '*/sig-*' is not a repository path whose last segment may hold * "
            "? ["},
           {"registry:\n  sig_info: sig/sig-info.yaml\n",
            "registry.sig_info 'sig/sig-info.yaml' is not a repository path of the form "
            "DIR/*/FILE"},
           {"registry:\n  indexes: [README.md]\n", "unknown key 'indexes' in registry"},
       }) {
    try {
      parse_config(".sigwarden.yaml", yaml, Catalogue::shipped());
      ADD_FAILURE() << "expected an error for " << yaml;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  }
}

TEST(RegistrySources, ConfiguredSourcesThatDoNotExistStopTheRun) {
  MemoryTree t({{"README.md", "# x\n"}, {"docs/a.md", "a\n"}});
  try {
    run(t, "registry:\n  yaml: [groups.yaml]\n");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "read the registry at memory: none of the sources that 'registry:' in the "
                 "configuration names exists (groups.yaml)");
  }
}

}  // namespace
}  // namespace sigwarden
