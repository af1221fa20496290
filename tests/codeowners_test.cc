// Conformance of the CODEOWNERS matcher with GitHub's documented semantics (FORMATS.md §4): a table
// of path -> deciding line, built from GitHub's documented example file and the known edge cases.
#include "ownership/codeowners.h"

#include <gtest/gtest.h>

namespace sigwarden {
namespace {

struct Case {
  const char* path;
  int line;  // the deciding line (1-based), 0 for unowned
};

int decide(const CodeownersFile& file, const std::string& path) {
  CodeownersMatcher m(file);
  int i = m.match(path);
  return i < 0 ? 0 : file.rules[i].where.line;
}

// GitHub's documented example, abridged, one rule per line so that line numbers identify rules.
constexpr const char* kGithubExample =
    "*       @global-owner1 @global-owner2\n"          // 1
    "*.js    @js-owner #This is an inline comment.\n"  // 2
    "*.go docs@example.com\n"                          // 3
    "*.txt @octo-org/octocats\n"                       // 4
    "/build/logs/ @doctocat\n"                         // 5
    "docs/*  docs@example.com\n"                       // 6
    "apps/ @octocat\n"                                 // 7
    "/docs/ @doctocat\n"                               // 8
    "/scripts/ @doctocat @octocat\n"                   // 9
    "**/logs @octocat\n"                               // 10
    "/apps/ @octocat\n"                                // 11
    "/apps/github\n"                                   // 12
    "/src/ @octocat\n"                                 // 13
    "/src/app/ @doctocat\n"                            // 14
    "/src/app/**/f* @monalisa\n";                      // 15

TEST(Codeowners, GithubDocumentedExample) {
  auto file = parse_codeowners("CODEOWNERS", kGithubExample, 1000);
  ASSERT_TRUE(file.findings.empty()) << file.findings[0].message;
  const Case cases[] = {
      {"README.md", 1},
      {"lib/index.js", 2},
      {"src/index.js", 13},  // /src/ comes later and wins
      {"main.go", 3},
      {"notes/a.txt", 4},
      {"build/logs/x.log", 10},  // /build/logs/ then **/logs, later wins
      {"build/logs", 10},        // **/logs also covers the directory name itself
      {"docs/getting-started.md", 8},
      {"docs/build-app/troubleshooting.md", 8},
      {"x/docs/a.md", 1},  // docs/* is anchored by its middle slash
      {"apps/x.md", 11},
      {"apps/github/readme", 12},  // pattern without owners: unowned by that rule (it decides)
      {"deep/apps/x", 7},
      {"scripts/a.sh", 9},
      {"src/main.c", 13},
      {"src/app/main.c", 14},
      {"src/app/a/b/file.c", 15},  // final f* also covers directories below
      {"src/app/fo/bar.c", 15},
      {"deep/logs/today", 10},
  };
  for (const Case& c : cases) EXPECT_EQ(decide(file, c.path), c.line) << c.path;
  EXPECT_TRUE(file.rules[11].owners.empty());  // /apps/github has no owners
}

TEST(Codeowners, DirectChildrenOnlyForFinalStar) {
  auto file = parse_codeowners("CODEOWNERS", "/docs/* @a\n", 10);
  EXPECT_EQ(decide(file, "docs/a.md"), 1);
  EXPECT_EQ(decide(file, "docs/sub/a.md"), 0);
  EXPECT_EQ(decide(file, "x/docs/a.md"), 0);
}

TEST(Codeowners, FloatingNamesAndAnchors) {
  auto file =
      parse_codeowners("CODEOWNERS", "Makefile @a\n/root.txt @b\nlib/ @c\nsrc/*.h @d\n", 10);
  EXPECT_EQ(decide(file, "Makefile"), 1);
  EXPECT_EQ(decide(file, "a/b/Makefile"), 1);
  EXPECT_EQ(decide(file, "Makefile.in"), 0);
  EXPECT_EQ(decide(file, "root.txt"), 2);
  EXPECT_EQ(decide(file, "x/root.txt"), 0);
  EXPECT_EQ(decide(file, "a/lib/x.c"), 3);
  EXPECT_EQ(decide(file, "a/lib"),
            0);  // lib/ is a directory pattern: a file named lib is not in it
  EXPECT_EQ(decide(file, "src/a.h"), 4);
  EXPECT_EQ(decide(file, "x/src/a.h"), 0);  // a middle slash anchors
  EXPECT_EQ(decide(file, "src/sub/a.h"), 0);
}

TEST(Codeowners, CaseSensitiveAndEscapedSpace) {
  auto file = parse_codeowners("CODEOWNERS", "/Docs/ @a\n/my\\ dir/ @b\n", 10);
  EXPECT_EQ(decide(file, "Docs/x"), 1);
  EXPECT_EQ(decide(file, "docs/x"), 0);
  EXPECT_EQ(decide(file, "my dir/x"), 2);
}

TEST(Codeowners, SlashAloneMatchesNothingAndIsReported) {
  auto file = parse_codeowners("CODEOWNERS", "/ @a\n", 10);
  ASSERT_EQ(file.findings.size(), 1u);
  EXPECT_EQ(file.findings[0].message, "pattern '/' matches no file");
  EXPECT_EQ(decide(file, "anything"), 0);
}

TEST(Codeowners, InvalidLinesAreSkippedAndReportedWithLineAndColumn) {
  auto file = parse_codeowners("CODEOWNERS",
                               "* @all\n!secret @a\n[ab].c @b\n\\#x @c\nok.c not-an-owner\n"
                               "good.c @team-x\n",
                               100);
  ASSERT_EQ(file.findings.size(), 4u);
  EXPECT_EQ(file.findings[0].location.line, 2);
  EXPECT_NE(file.findings[0].message.find("'!' negation is not supported"), std::string::npos);
  EXPECT_EQ(file.findings[1].location.line, 3);
  EXPECT_EQ(file.findings[2].location.line, 4);
  EXPECT_EQ(file.findings[3].location.line, 5);
  EXPECT_EQ(file.findings[3].location.column, 6);
  EXPECT_EQ(decide(file, "secret"), 1);  // skipped line: the earlier rule still applies
  EXPECT_EQ(decide(file, "good.c"), 6);  // lines after a bad one still count
}

TEST(Codeowners, CrlfCommentsAndOwnerForms) {
  auto file = parse_codeowners(
      "CODEOWNERS", "# comment\r\n\r\n*.md @org/docs-team a@b.org @user # trailing\r\n", 100);
  ASSERT_EQ(file.rules.size(), 1u);
  EXPECT_EQ(file.rules[0].owners, (std::vector<std::string>{"@org/docs-team", "a@b.org", "@user"}));
  EXPECT_EQ(decide(file, "README.md"), 3);
}

TEST(Codeowners, FileOfThreeMegabytesIsIgnored) {
  auto file = parse_codeowners(".github/CODEOWNERS", "* @a\n", kCodeownersMaxBytes);
  EXPECT_TRUE(file.ignored);
  EXPECT_TRUE(file.rules.empty());
  ASSERT_EQ(file.findings.size(), 1u);
  EXPECT_EQ(file.findings[0].rule, "codeowners-too-large");
}

TEST(Codeowners, AllMatchesListsShadowedRules) {
  auto file = parse_codeowners("CODEOWNERS", "* @a\n/src/ @b\n*.c @c\n", 10);
  CodeownersMatcher m(file);
  EXPECT_EQ(m.all_matches("src/x.c"), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(m.match("src/x.c"), 2);
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

// GitLab's flavour: sections, defaults, exclusions, floating middle-slash patterns.
std::vector<int> gitlab_deciders(const CodeownersFile& file, const std::string& path) {
  std::vector<int> out;
  for (std::size_t s = 0; s < file.sections.size(); ++s) {
    CodeownersMatcher m(file, static_cast<int>(s));
    int i = m.match(path);
    if (i < 0) continue;
    bool excluded = false;
    for (const CodeownersRule& r : file.rules) {
      if (r.exclusion && r.section == static_cast<int>(s) && r.glob.matches(path)) excluded = true;
    }
    if (!excluded) out.push_back(file.rules[i].where.line);
  }
  return out;
}

constexpr const char* kGitlab =
    "* @default-owner\n"                  // 1
    "internal/README.md @docs\n"          // 2: floats: any */internal/README.md
    "[Documentation] @docs-team\n"        // 3
    "docs/\n"                             // 4: default owners of the section
    "*.md @md-owners\n"                   // 5
    "!docs/generated/\n"                  // 6: exclusion
    "^[Optional Review][2] @reviewers\n"  // 7
    "/app/**/*.rb @@maintainer @ruby\n"   // 8
    "\\#hash.txt @hash\n"                 // 9: escaped '#'
    "[Broken header @nobody\n"            // 10: malformed header: an entry
    "# comment @x\n";                     // 11

TEST(GitlabCodeowners, SectionsDefaultsExclusionsAndFloatingPatterns) {
  auto file = parse_codeowners("CODEOWNERS", kGitlab, 500, GlobFlavor::kGitlab);
  // The malformed header is an entry "[Broken" whose owner "header" GitLab ignores.
  ASSERT_EQ(file.findings.size(), 1u);
  EXPECT_EQ(file.findings[0].location.line, 10);
  ASSERT_EQ(file.sections.size(), 3u);
  EXPECT_EQ(file.sections[1].name, "Documentation");
  EXPECT_EQ(file.sections[1].default_owners, (std::vector<std::string>{"@docs-team"}));
  EXPECT_TRUE(file.sections[2].optional);
  EXPECT_EQ(file.sections[2].approvals, 2);
  EXPECT_TRUE(file.rules[4].exclusion);
  // Every section applies; within one, the last match wins.
  EXPECT_EQ(gitlab_deciders(file, "docs/guide.md"), (std::vector<int>{1, 5}));
  EXPECT_EQ(gitlab_deciders(file, "docs/api.txt"), (std::vector<int>{1, 4}));
  // The exclusion removes the path from its section only, and cannot be re-included.
  EXPECT_EQ(gitlab_deciders(file, "docs/generated/x.md"), (std::vector<int>{1}));
  // A relative pattern with a middle slash matches at any depth.
  EXPECT_EQ(gitlab_deciders(file, "a/b/internal/README.md"), (std::vector<int>{2, 5}));
  EXPECT_EQ(gitlab_deciders(file, "app/models/user.rb"), (std::vector<int>{1, 8}));
  EXPECT_EQ(file.rules[5].owners, (std::vector<std::string>{"@@maintainer", "@ruby"}));
  EXPECT_EQ(gitlab_deciders(file, "#hash.txt"), (std::vector<int>{1, 9}));
  EXPECT_EQ(gitlab_deciders(file, "[Broken"), (std::vector<int>{1, 10}));
}

TEST(GitlabCodeowners, NoInlineCommentsAndBadOwnersKeepTheLine) {
  auto file =
      parse_codeowners("CODEOWNERS", "*.c @c-team #not-a-comment\n", 100, GlobFlavor::kGitlab);
  ASSERT_EQ(file.rules.size(), 1u);
  EXPECT_EQ(file.rules[0].owners, (std::vector<std::string>{"@c-team"}));
  ASSERT_EQ(file.findings.size(), 1u);
  EXPECT_NE(file.findings[0].message.find("'#not-a-comment'"), std::string::npos);
  EXPECT_FALSE(file.ignored);
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

TEST(Codeowners, EscapedStarIsLiteral) {
  auto file = parse_codeowners("CODEOWNERS", "/a/star\\*.txt @a\n", 10);
  EXPECT_EQ(decide(file, "a/star*.txt"), 1);
  EXPECT_EQ(decide(file, "a/starX.txt"), 0);
}

}  // namespace
}  // namespace sigwarden

#include <re2/re2.h>

namespace sigwarden {
namespace {

// GlobMatcher rejects a path that lacks one of the pattern's literal runs before it runs the
// regex; the answer must stay the regex's own, also where a run could be mistaken: "**/" that
// matches nothing, character classes, escapes, '?' and a final "**".
TEST(Codeowners, LiteralPrecheckGivesTheRegexAnswer) {
  const std::vector<std::pair<const char*, GlobFlavor>> patterns = {
      {"/**/BUILD", GlobFlavor::kGithub},
      {"/a/**/b.txt", GlobFlavor::kGithub},
      {"/src/app/**/f*", GlobFlavor::kGithub},
      {"docs/**", GlobFlavor::kGithub},
      {"**/testdata/**", GlobFlavor::kGithub},
      {"*_test.go", GlobFlavor::kGithub},
      {"/pkg/*/mod07/", GlobFlavor::kGithub},
      {"src/*.md", GlobFlavor::kGithub},
      {"/a/star\\*.txt", GlobFlavor::kGithub},
      {"/a/?b/c.d", GlobFlavor::kGithub},
      {"x**/y", GlobFlavor::kGithub},
      {"*.generated.*", GlobFlavor::kGithub},
      {"/src/[abc]de.txt", GlobFlavor::kGitlab},
      {"lib/[!x]y/zz/", GlobFlavor::kGitlab},
      {"/app/**/*.rb", GlobFlavor::kGitlab},
      {"a\\[bc]d", GlobFlavor::kGitlab},
  };
  const std::vector<std::string> paths = {
      "BUILD",        "x/BUILD",        "a/b.txt",       "a/x/y/b.txt",   "src/app/f.c",
      "src/app/x/fa", "docs/x",         "docs",          "testdata/x",    "a/testdata/b",
      "x_test.go",    "a/b_test.go",    "pkg/q/mod07/a", "pkg/mod07/a",   "src/x.md",
      "src/x.md/y",   "a/star*.txt",    "a/starX.txt",   "a/xb/c.d",      "xab/y",
      "x/y",          "a.generated.go", "src/ade.txt",   "src/abcde.txt", "lib/ay/zz/f",
      "lib/xy/zz/f",  "app/m/u.rb",     "app/u.rb",      "a[bc]d",        "abd",
  };
  for (const auto& [text, flavor] : patterns) {
    std::string error;
    auto glob = parse_glob(text, &error, flavor);
    ASSERT_TRUE(glob) << text << ": " << error;
    RE2 re(glob->regex);
    ASSERT_TRUE(re.ok()) << glob->regex;
    GlobMatcher m(*glob);
    for (const std::string& path : paths) {
      EXPECT_EQ(m.matches(path), RE2::FullMatch(path, re)) << text << " on " << path;
    }
  }
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

// Over kGenericScanLimit generic rules, the matcher buckets them by a literal key (a hostile or
// generated file of 100,000 floating globs took a minute for 10,000 files). Its answers must be
// those of testing every rule, for every shape of pattern.
TEST(Codeowners, ManyGenericRulesGiveTheAnswersOfTestingEveryRule) {
  std::vector<std::string> shapes = {"**/*{}*x{}*",  "*{}.md",     "**/logs{}/**",
                                     "docs/*{}/",    "**/test{}*", "*[ab]{}z",
                                     "a?{}?b",       "**/*",       "*",
                                     "src/**/{}*.c", "/x{}/*y",    "**/verylongliteralrunnumber{}*",
                                     "*.{}"};
  std::string text;
  int n = 0;
  for (int i = 0; i < 40; ++i) {
    for (const std::string& shape : shapes) {
      std::string pattern = shape;
      for (auto at = pattern.find("{}"); at != std::string::npos; at = pattern.find("{}")) {
        pattern.replace(at, 2, std::to_string(i % 7));
      }
      text += pattern + " @o" + std::to_string(n++) + "\n";
    }
  }
  for (GlobFlavor flavor : {GlobFlavor::kGithub, GlobFlavor::kGitlab}) {
    auto file = parse_codeowners("CODEOWNERS", text, text.size(), flavor);
    ASSERT_GT(file.rules.size(), 400u);
    CodeownersMatcher m(file);
    std::vector<std::string> paths = {"README.md",
                                      "docs/a3/b.txt",
                                      "x3/zy",
                                      "src/q/r/5x.c",
                                      "a/logs4/b",
                                      "k/test2me",
                                      "az3z",
                                      "a?5?b",
                                      "a151b",
                                      "p/q1x1/r",
                                      "3.md",
                                      "deep/3x3x/x3x",
                                      "verylongliteralrunnumber6/z",
                                      "a/verylongliteralrunnumber6x",
                                      "f.5",
                                      "nothing/here"};
    std::size_t matched = 0;
    for (const std::string& path : paths) {
      std::vector<int> expected;
      for (int i = 0; i < static_cast<int>(file.rules.size()); ++i) {
        if (file.rules[i].glob.matches(path)) expected.push_back(i);
      }
      EXPECT_EQ(m.all_matches(path), expected) << path;
      EXPECT_EQ(m.match(path), expected.empty() ? -1 : expected.back()) << path;
      matched += expected.size();
    }
    EXPECT_GT(matched, 100u);  // the paths do reach many rules
  }
}

}  // namespace
}  // namespace sigwarden
