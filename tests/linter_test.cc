// Rule tests over in-memory trees: each builds the smallest registry that shows one behaviour.
#include "lint/linter.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "support/memory_tree.h"

namespace sigwarden {
namespace {

using testing::MemoryTree;

constexpr const char* kIndexHeader =
    "## Current SIGs\n\n| SIG name | Responsibilities | SIG Leads |\n|:--|:--|:--|\n";

LintResult run(const MemoryTree& tree, const std::string& config = "",
               const std::string& today = "2026-11-25") {
  Config c = config.empty() ? default_config()
                            : parse_config(".sigwarden.yaml", config, Catalogue::shipped());
  return lint(tree, c, Catalogue::shipped(), today);
}

std::vector<std::string> rules_of(const LintResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.rule + "@" + f.sig);
  return out;
}

MemoryTree good_markdown() {
  return MemoryTree({
      {"sigs/README.md",
       std::string(kIndexHeader) + "| [A](a/README.md) | x | [@lead](https://gitee.com/lead) |\n"},
      {"sigs/a/README.md",
       "# A\n\n## SIG Leads\n\n- [@lead](https://gitee.com/lead)\n\n"
       "## Contact\n\n- 邮件列表: a@lists.example.org\n"},
  });
}

TEST(Linter, CleanMarkdownSigHasNoFindings) {
  auto r = run(good_markdown());
  EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(rules_of(r));
  EXPECT_EQ(r.registry.layout, "markdown");
  ASSERT_EQ(r.registry.groups.size(), 1u);
  EXPECT_EQ(r.registry.groups[0].dir, "sigs/a");
}

TEST(Linter, LevelsCanBeChangedOrTurnedOff) {
  MemoryTree t = good_markdown();
  t.put("sigs/b/README.md", "# B\n");
  auto plain = run(t);
  ASSERT_EQ(rules_of(plain), (std::vector<std::string>{"sig-unlisted-folder@"}));
  EXPECT_EQ(plain.findings[0].level, Level::kWarning);
  EXPECT_EQ(run(t, "rules:\n  sig-unlisted-folder: error\n").findings[0].level, Level::kError);
  EXPECT_TRUE(run(t, "rules:\n  sig-unlisted-folder: off\n").findings.empty());
}

TEST(Linter, SuppressionHidesUntilItExpires) {
  MemoryTree t = good_markdown();
  t.put("sigs/a/README.md", "# A\n\n## SIG Leads\n\n- alice\n");
  const std::string config =
      "suppress:\n  - rule: sig-mailing-list-missing\n    sig: A\n    reason: electing\n"
      "    expires: 2026-12-01\n";
  auto before = run(t, config, "2026-11-30");
  EXPECT_TRUE(before.findings.empty()) << ::testing::PrintToString(rules_of(before));
  EXPECT_EQ(before.suppressed, 1);
  auto after = run(t, config, "2026-12-02");
  EXPECT_EQ(rules_of(after),
            (std::vector<std::string>{"suppression-expired@A", "sig-mailing-list-missing@A"}));
  // The folder name works as well as the SIG name.
  auto by_dir =
      run(t, "suppress:\n  - rule: sig-mailing-list-missing\n    sig: a\n    reason: r\n");
  EXPECT_TRUE(by_dir.findings.empty());
}

TEST(Linter, FingerprintsIgnoreLineNumbers) {
  MemoryTree t = good_markdown();
  t.put("sigs/a/README.md", "# A\n");
  auto first = run(t);
  t.put("sigs/a/README.md", "# A\n\nMore text moves everything down.\n\n");
  auto second = run(t);
  ASSERT_EQ(first.findings.size(), second.findings.size());
  for (std::size_t i = 0; i < first.findings.size(); ++i) {
    EXPECT_EQ(first.findings[i].fingerprint, second.findings[i].fingerprint);
  }
}

TEST(Linter, ReadmeListAndYamlListMustAgree) {
  MemoryTree t = good_markdown();
  t.put("sigs/a/sig-info.yaml",
        "name: a\nmailing_list: other@lists.example.org\nmaintainers:\n- gitee_id: lead\n");
  EXPECT_EQ(rules_of(run(t)), (std::vector<std::string>{"mailing-list-mismatch@A"}));
  t.put("sigs/a/sig-info.yaml",
        "name: a\nmailing_list: https://lists.example.org/postorius/lists/a.lists.example.org/\n"
        "maintainers:\n- gitee_id: lead\n");
  EXPECT_TRUE(run(t).findings.empty());
}

TEST(Linter, HeaderlessIndexTableIsReported) {
  MemoryTree t({{"sigs/README.md", "# SIGs\n\n| A | lead |\n| B | lead |\n"},
                {"sigs/a/README.md", "# A\n"}});
  // No group can be read from a table without a header: the registry is empty, which stops the
  // run, naming the reason.
  try {
    run(t);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "read the markdown registry at memory: sigs/README.md declares no group "
                 "(sigs/README.md:3: the table at sigs/README.md:3 has no header row (| SIG | "
                 "... | followed by |---|): its columns cannot be told apart, so its rows are not "
                 "read); if the registry is elsewhere, run 'sigwarden init' to propose a "
                 "'registry:' configuration (docs/configuration.md)");
  }
}

TEST(Linter, BinaryAndInvalidUtf8ReadmesAreFindings) {
  MemoryTree t = good_markdown();
  t.put("sigs/a/README.md", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11));
  auto find = [](const LintResult& r) {
    for (const Finding& f : r.findings) {
      if (f.rule == "file-encoding") return f;
    }
    return Finding{};
  };
  Finding bin = find(run(t));
  EXPECT_EQ(bin.message, "sigs/a/README.md contains NUL bytes (a binary file?): not read");
  EXPECT_EQ(bin.sig, "A");
  t.put("sigs/a/README.md", "# A\n\nUniversit\xE9\n");
  Finding latin1 = find(run(t));
  EXPECT_EQ(latin1.location.line, 3);
  EXPECT_EQ(latin1.location.column, 10);
  EXPECT_EQ(latin1.level, Level::kError);
}

TEST(Linter, OversizedIndexIsAnErrorNotASilentPass) {
  MemoryTree t({{"sigs/README.md", std::string(kMaxTextFileBytes + 1, 'x')}});
  try {
    run(t);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_TRUE(
        what.starts_with("read the markdown registry at memory: sigs/README.md declares "
                         "no group (sigs/README.md is 4194305 bytes, over the limit of "
                         "4194304 bytes: not read)"))
        << what;
  }
}

TEST(Linter, EmptyRegistryStopsTheRunInEveryLayout) {
  MemoryTree k({{"sigs.yaml", "sigs: []\n"}, {"sig-a/README.md", "# A\n"}});
  MemoryTree o(
      {{"sig/sig-template/sig-info.yaml", "name: sig-template\n"}, {"sig/README.md", "# SIGs\n"}});
  for (const MemoryTree* t : {&k, &o}) {
    try {
      auto r = run(*t);
      ADD_FAILURE() << "expected an error, got layout " << r.registry.layout;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("declares no group"), std::string::npos) << e.what();
    }
  }
}

TEST(Linter, SigsYamlOfAnotherSchemaIsNotReadAsKubernetes) {
  // A root sigs.yaml listing SIGs by name and repositories (openEuler's sig/sigs.yaml shape): not
  // Kubernetes. The Markdown registry next to it is read instead.
  MemoryTree t = good_markdown();
  t.put("sigs.yaml", "sigs:\n- name: A\n  repositories:\n  - org/a\n");
  auto r = run(t);
  EXPECT_EQ(r.registry.layout, "markdown");
  // With nothing else to read, the error names the candidate and why it was rejected.
  MemoryTree alone({{"sigs.yaml", "groups:\n- id: a\n"}, {"README.md", "# x\n"}});
  try {
    run(alone);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(
        std::string(e.what()).find("sigs.yaml: its top-level keys (groups) hold no list of groups"),
        std::string::npos)
        << e.what();
  }
  MemoryTree names(
      {{"sigs.yaml", "sigs:\n- name: A\n  repositories: [org/a]\n"}, {"README.md", "# x\n"}});
  try {
    run(names);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("sigs.yaml: its 'sigs' entries have keys (name, "
                                         "repositories) but none of a Kubernetes group's"),
              std::string::npos)
        << e.what();
  }
  // A Kubernetes sigs.yaml with a syntax error is still Kubernetes': the error says where.
  MemoryTree broken({{"sigs.yaml", "sigs:\n- dir: sig-a\n  name: [\n"}, {"README.md", "# x\n"}});
  try {
    run(broken);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("read the kubernetes registry at memory: sigs.yaml "
                                         "declares no group (sigs.yaml:"),
              std::string::npos)
        << e.what();
  }
}

TEST(Linter, ConfiguredLayoutThatIsAbsentIsAnError) {
  try {
    run(good_markdown(), "layout: kubernetes\n");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "read the kubernetes layout at memory: the configuration names it but sigs.yaml "
                 "does not exist");
  }
}

TEST(Linter, OpenEulerOwnersCountAsLeads) {
  MemoryTree t(
      {{"sig/S/sig-info.yaml", "name: S\nmailing_list: s@openeuler.org\nmaintainers: []\n"},
       {"sig/S/OWNERS", "maintainers:\n- alice\n"},
       {"sig/S/README.md", "# S\n\n## Maintainers\n\n- alice\n\n邮件列表: s@openeuler.org\n"},
       {"sig/sig-template/README.md", "# template\n"}});
  auto r = run(t);
  EXPECT_EQ(r.registry.layout, "openeuler");
  EXPECT_EQ(rules_of(r), (std::vector<std::string>{"registry-schema@S"}));
}

TEST(Linter, KubernetesGroupsAndUnlistedFolders) {
  MemoryTree t({{"sigs.yaml",
                 "sigs:\n- dir: sig-apps\n  name: Apps\n  mission_statement: m\n"
                 "  charter_link: charter.md\n  label: apps\n  leadership:\n    chairs:\n"
                 "    - {github: jd, name: J D, company: C, email: j@d.org}\n"
                 "  contact:\n    mailing_list: https://groups.google.com/a/k.io/g/sig-apps\n"
                 "  subprojects:\n  - name: s\n    owners:\n"
                 "    - https://raw.githubusercontent.com/o/r/main/OWNERS\n"},
                {"sig-apps/README.md",
                 "# Apps\n## Leadership\n### Chairs\n* J D (**[@jd](https://github.com/jd)**)\n"
                 "## Contact\n- [Mailing list](https://groups.google.com/a/k.io/g/sig-apps)\n"},
                {"sig-apps/charter.md", "charter\n"},
                {"sig-old/README.md", "# Old\n"},
                {"generator/sig_readme.tmpl", "{{.Name}}\n"}});
  auto r = run(t);
  EXPECT_EQ(r.registry.layout, "kubernetes");
  EXPECT_EQ(rules_of(r), (std::vector<std::string>{"sig-unlisted-folder@"}));
  EXPECT_EQ(r.findings[0].dir, "sig-old");
}

}  // namespace
}  // namespace sigwarden
