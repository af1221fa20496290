#include "registry/sig_info.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "registry/patterns.h"

namespace sigwarden {
namespace {

const Patterns& patterns() {
  static const Patterns p(default_pattern_sets());
  return p;
}

std::vector<std::string> messages(const SigInfoParse& r, const std::string& rule) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) {
    if (f.rule == rule) out.push_back(std::to_string(f.location.line) + ": " + f.message);
  }
  return out;
}

TEST(SigInfo, CleanFileHasNoFindings) {
  auto r = parse_sig_info("sig/Kernel/sig-info.yaml",
                          "name: Kernel\ndescription: d\nmailing_list: kernel@openeuler.org\n"
                          "maintainers:\n- gitee_id: a\n  name: A\n  email: a@x.org\n"
                          "repositories:\n- repo: [openeuler/kernel, src-openeuler/kernel]\n",
                          "Kernel", SigInfoFlavor::kOpenEuler, patterns());
  EXPECT_TRUE(r.findings.empty());
  ASSERT_EQ(r.info.maintainers.size(), 1u);
  EXPECT_EQ(r.info.maintainers[0].handle, "a");
  EXPECT_EQ(r.info.maintainers[0].where.line, 5);
  ASSERT_EQ(r.info.lists.size(), 1u);
  EXPECT_EQ(r.info.repositories.size(), 2u);
}

TEST(SigInfo, TyposEmptyIdsAndNameMismatchAreReported) {
  auto r = parse_sig_info("s.yaml",
                          "name: Desk/\ndescription_en: x\nmaintainers:\n- gitee_id: ''\n"
                          "  name: B\n  eamil: b@x.org\n  orgnization: O\n"
                          "repositories:\n- repo: notaslash\n  repo-admin: [x]\n",
                          "Desk", SigInfoFlavor::kOpenEuler, patterns());
  auto by_line = [](std::vector<std::string> m) {
    std::sort(m.begin(), m.end(), [](const std::string& a, const std::string& b) {
      return std::stoi(a) < std::stoi(b);
    });
    return m;
  };
  auto m = by_line(messages(r, "registry-schema"));
  ASSERT_EQ(m.size(), 3u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0], "1: name 'Desk/' differs from its folder 'Desk' (trailing '/')");
  EXPECT_NE(m[1].find("4: maintainer 'B' has an empty id"), std::string::npos);
  EXPECT_EQ(m[2], "9: repo 'notaslash' is not of the form org/name");
  // Unknown keys are their own rule (a warning by default), with a "did you mean".
  auto u = by_line(messages(r, "registry-unknown-key"));
  ASSERT_EQ(u.size(), 4u) << ::testing::PrintToString(u);
  EXPECT_NE(u[0].find("2: unknown key 'description_en' in sig-info.yaml"), std::string::npos);
  EXPECT_NE(u[1].find("6: unknown key 'eamil' in maintainer 'B' (did you mean 'email'?)"),
            std::string::npos);
  EXPECT_NE(u[2].find("7: unknown key 'orgnization' in maintainer 'B' (did you mean "
                      "'organization'?)"),
            std::string::npos);
  EXPECT_NE(u[3].find("10: unknown key 'repo-admin' in repositories #1 (did you mean "
                      "'repo_admin'?)"),
            std::string::npos);
}

TEST(SigInfo, NameDifferentFromTheFolderIsOpenEulersConventionOnly) {
  const char* text = "name: Graph Kernel\nmaintainers:\n- gitee_id: a\n";
  auto generic =
      parse_sig_info("s.yaml", text, "graph-kernel", SigInfoFlavor::kGeneric, patterns());
  EXPECT_TRUE(messages(generic, "registry-schema").empty());
  auto openeuler =
      parse_sig_info("s.yaml", text, "graph-kernel", SigInfoFlavor::kOpenEuler, patterns());
  EXPECT_EQ(
      messages(openeuler, "registry-schema"),
      (std::vector<std::string>{"1: name 'Graph Kernel' differs from its folder 'graph-kernel'"}));
}

TEST(SigInfo, RepoFormAndOrgAndDuplicates) {
  auto r = parse_sig_info("s.yaml",
                          "name: C\nmaintainers: [{gitee_id: a}]\nrepositories:\n"
                          "- repo: [gitee/x, openeuler/y, openeuler/y, bad]\n",
                          "C", SigInfoFlavor::kOpenEuler, patterns());
  auto m = messages(r, "registry-schema");
  ASSERT_EQ(m.size(), 3u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0], "4: repo 'gitee/x' must be in openeuler/ or src-openeuler/");
  EXPECT_EQ(m[1], "4: repo 'openeuler/y' is listed twice");
  EXPECT_EQ(m[2], "4: repo 'bad' is not of the form org/name");
  auto generic = parse_sig_info("s.yaml",
                                "name: C\nmaintainers: [{gitee_id: a}]\n"
                                "repositories:\n- repo: gitee/x\n",
                                "C", SigInfoFlavor::kGeneric, patterns());
  EXPECT_TRUE(generic.findings.empty());
}

TEST(SigInfo, MailingListPlaceholdersAndTwoAddresses) {
  auto na = parse_sig_info("s.yaml", "name: C\nmaintainers: [{gitee_id: a}]\nmailing_list: NA\n",
                           "C", SigInfoFlavor::kOpenEuler, patterns());
  EXPECT_EQ(messages(na, "sig-placeholder").size(), 1u);
  EXPECT_TRUE(na.info.lists.empty());
  auto two = parse_sig_info("s.yaml",
                            "name: C\nmaintainers: [{gitee_id: a}]\n"
                            "mailing_list: a@openeuler.org, b@openeuler.org\n",
                            "C", SigInfoFlavor::kOpenEuler, patterns());
  ASSERT_EQ(two.info.lists.size(), 2u);
  EXPECT_EQ(two.info.lists[1].address, "b@openeuler.org");
  auto null = parse_sig_info("s.yaml", "name: C\nmaintainers: [{gitee_id: a}]\nmailing_list:\n",
                             "C", SigInfoFlavor::kOpenEuler, patterns());
  EXPECT_EQ(messages(null, "sig-placeholder").size(), 1u);
}

TEST(SigInfo, MissingRequiredKeysAndWrongTypes) {
  auto r = parse_sig_info("s.yaml", "description: x\nmaintainers: someone\n", "C",
                          SigInfoFlavor::kOpenEuler, patterns());
  auto m = messages(r, "registry-schema");
  ASSERT_EQ(m.size(), 2u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0], "1: sig-info.yaml has no 'name' (required)");
  EXPECT_EQ(m[1], "2: maintainers must be a list, found a string");
  auto empty = parse_sig_info("s.yaml", "name: C\nmaintainers: []\n", "C",
                              SigInfoFlavor::kOpenEuler, patterns());
  EXPECT_EQ(messages(empty, "registry-schema"),
            (std::vector<std::string>{"2: maintainers is empty: the SIG has no lead"}));
}

TEST(SigInfo, MalformedYamlIsAFindingWithTheLine) {
  auto r = parse_sig_info("sig/X/sig-info.yaml", "name: X\nmaintainers:\n  - [unclosed\n", "X",
                          SigInfoFlavor::kOpenEuler, patterns());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "registry-schema");
  EXPECT_NE(r.findings[0].message.find("sig/X/sig-info.yaml is not valid YAML"), std::string::npos);
  EXPECT_GE(r.findings[0].location.line, 3);
  EXPECT_FALSE(r.info.parsed);
  auto scalar = parse_sig_info("s.yaml", "just text\n", "X", SigInfoFlavor::kOpenEuler, patterns());
  ASSERT_EQ(scalar.findings.size(), 1u);
  EXPECT_EQ(scalar.findings[0].message, "s.yaml must be a mapping of keys, found a string");
}

TEST(SigInfo, TemplatePlaceholdersInMaintainers) {
  auto r = parse_sig_info("s.yaml", "name: C\nmaintainers:\n- gitee_id: --xxx--\n  name: x\n", "C",
                          SigInfoFlavor::kOpenEuler, patterns());
  EXPECT_EQ(messages(r, "sig-placeholder").size(), 1u);
  EXPECT_TRUE(r.info.maintainers.empty());
}

TEST(OpenEulerOwners, ReadsMaintainers) {
  auto r = parse_openeuler_owners("sig/S/OWNERS", "maintainers:\n- jinshi\n- guyun\n", patterns());
  ASSERT_EQ(r.maintainers.size(), 2u);
  EXPECT_EQ(r.maintainers[1].handle, "guyun");
  EXPECT_EQ(r.maintainers[1].source, Source::kOwners);
}

}  // namespace
}  // namespace sigwarden
