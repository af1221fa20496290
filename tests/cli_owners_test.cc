// `sigwarden owners` / `explain` end to end on real repositories built by the test helper.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ownership/glob.h"
#include "support/cli.h"
#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::RepoBuilder;
using testing::run_cli;
using testing::TempDir;

void community(RepoBuilder& b) {
  b.put("sigs/README.md",
        "## Current SIGs\n\n| SIG name | Area | SIG Leads |\n|:--|:--|:--|\n"
        "| [Compiler](compiler/README.md) | c | [@ann](https://gitee.com/ann) |\n"
        "| [Docs](docs/README.md) | d | [@bob](https://gitee.com/bob) |\n");
  b.put("sigs/compiler/README.md",
        "# Compiler\n\n## SIG Leads\n\n- [@ann](https://gitee.com/ann)\n\n"
        "- 邮件列表: compiler@lists.example.org\n");
  b.put("sigs/compiler/sig-info.yaml",
        "name: compiler\nmaintainers:\n- gitee_id: ann\ndirectories:\n- /src/compiler/\n");
  b.put("sigs/docs/README.md", "# Docs\n\n## SIG Leads\n\n- [@bob](https://gitee.com/bob)\n");
  b.put(".github/CODEOWNERS", "* @org/core\n/docs/ @org/sig-docs-reviewers\n/docs/internal/\n");
  b.put(".sigwarden.yaml", "teams: '@org/sig-(.+)-reviewers'\n");
  b.put("src/compiler/parse.cc", "x\n");
  b.put("docs/guide.md", "g\n");
  b.put("docs/internal/notes.md", "n\n");
  b.put("README.md", "r\n");
}

nlohmann::json path_of(const nlohmann::json& doc, const std::string& path) {
  for (const auto& p : doc["paths"]) {
    if (p["path"] == path) return p;
  }
  return nullptr;
}

TEST(CliOwners, JsonForPathsFromEverySource) {
  TempDir dir;
  RepoBuilder b(dir.path());
  community(b);
  b.commit("c");
  auto r =
      run_cli({"owners", "--repo", dir.path().string(), "--format", "json", "src/compiler/parse.cc",
               "docs/guide.md", "docs/internal/notes.md", "not/there.txt"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["schemaVersion"], 1);
  auto compiler = path_of(doc, "src/compiler/parse.cc");
  EXPECT_EQ(compiler["sigs"], nlohmann::json({"Compiler"}));
  EXPECT_EQ(compiler["owners"], nlohmann::json({"@ann", "@org/core"}));
  EXPECT_EQ(compiler["lists"], nlohmann::json({"compiler@lists.example.org"}));
  auto guide = path_of(doc, "docs/guide.md");
  // The team maps to SIG Docs through `teams:`; the deciding CODEOWNERS line is line 2.
  EXPECT_EQ(guide["sigs"], nlohmann::json({"Docs"}));
  EXPECT_EQ(guide["owners"], nlohmann::json({"@org/sig-docs-reviewers"}));
  bool line2 = false;
  for (const auto& rule : guide["rules"])
    line2 = line2 || (rule["path"] == ".github/CODEOWNERS" && rule["line"] == 2);
  EXPECT_TRUE(line2) << guide.dump();
  // A pattern without owners makes the path unowned by CODEOWNERS, and names the rule.
  auto internal = path_of(doc, "docs/internal/notes.md");
  EXPECT_EQ(internal["owners"], nlohmann::json::array());
  ASSERT_EQ(internal["rules"].size(), 1u);
  EXPECT_EQ(internal["rules"][0]["line"], 3);
  // A path that does not exist is matched as a file path.
  EXPECT_EQ(path_of(doc, "not/there.txt")["owners"], nlohmann::json({"@org/core"}));
}

TEST(CliOwners, AllAndTsv) {
  TempDir dir;
  RepoBuilder b(dir.path());
  community(b);
  b.commit("c");
  auto r = run_cli({"owners", "--repo", dir.path().string(), "--all", "--format", "tsv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("path\tstatus\tsigs\towners\treviewers\tlists\trules\n", 0), 0u);
  EXPECT_NE(r.out.find("src/compiler/parse.cc\t\tCompiler\t@ann,@org/core\t"), std::string::npos)
      << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 11);  // header + 10 files
}

TEST(CliOwners, OutputFilesGetTheSameDocumentsAsStdout) {
  // Answers are written as they are computed, to stdout and to every --output file at once.
  TempDir dir;
  RepoBuilder b(dir.path());
  community(b);
  b.commit("c");
  TempDir out;
  std::string repo = dir.path().string();
  std::string json = (out.path() / "o.json").string();
  std::string tsv = (out.path() / "o.tsv").string();
  std::string text = (out.path() / "o.txt").string();
  auto r = run_cli({"owners", "--repo", repo, "--all", "--output", "json=" + json, "--output",
                    "tsv=" + tsv, "--output", "text=" + text});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(testing::read_file(text), r.out);
  for (const char* format : {"json", "tsv"}) {
    auto alone = run_cli({"owners", "--repo", repo, "--all", "--format", format});
    EXPECT_EQ(testing::read_file(std::string(format) == "json" ? json : tsv), alone.out) << format;
  }
  // Nothing to answer: still a whole document.
  TempDir empty;
  RepoBuilder e(empty.path());
  e.commit("empty");
  auto none = run_cli({"owners", "--repo", empty.path().string(), "--all", "--format", "json"});
  ASSERT_EQ(none.status, 0) << none.err;
  EXPECT_EQ(nlohmann::json::parse(none.out)["paths"], nlohmann::json::array()) << none.out;
  // An output file that cannot be written: exit 2 naming it, before any answer is computed.
  auto bad = run_cli({"owners", "--repo", repo, "--all", "--output",
                      "json=" + (out.path() / "no/such/dir/o.json").string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("write output file '" + (out.path() / "no/such/dir/o.json").string() +
                         "': No such file or directory"),
            std::string::npos)
      << bad.err;
}

TEST(CliOwners, ChangedIncludesBothPathsOfARename) {
  TempDir dir;
  RepoBuilder b(dir.path());
  community(b);
  b.commit("base");
  b.ref("base");
  b.remove("docs/guide.md");
  b.put("src/compiler/guide.md", "g\n");
  b.put("src/compiler/parse.cc", "y\n");
  b.commit("head");
  auto r = run_cli(
      {"owners", "--repo", dir.path().string(), "--changed", "base...main", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["paths"].size(), 3u) << r.out;
  EXPECT_EQ(path_of(doc, "docs/guide.md")["status"], "R");
  EXPECT_EQ(path_of(doc, "src/compiler/guide.md")["sigs"], nlohmann::json({"Compiler"}));
  EXPECT_EQ(path_of(doc, "src/compiler/parse.cc")["status"], "M");
}

TEST(CliOwners, ExplainNamesTheDecidingAndShadowedLines) {
  TempDir dir;
  RepoBuilder b(dir.path());
  community(b);
  b.commit("c");
  auto r = run_cli({"explain", "--repo", dir.path().string(), "docs/guide.md"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("decided by .github/CODEOWNERS:2 (CODEOWNERS): /docs/"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("overrides .github/CODEOWNERS:1 (CODEOWNERS): *"), std::string::npos);
}

TEST(CliOwners, WorksWithoutARegistryAndReportsBadLines) {
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put("CODEOWNERS", "*.go @gophers\n!vendor/ @x\n");
  b.put("main.go", "package main\n");
  b.commit("c");
  auto r = run_cli({"owners", "--repo", dir.path().string(), "main.go"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("main.go: (no SIG)\n  owners: @gophers\n  decided by: CODEOWNERS:1\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.err.find("sigwarden: warning: CODEOWNERS:2: pattern '!vendor/' is invalid ('!' negation is "
                 "not supported by GitHub); GitHub skips this line [ownership-syntax]"),
      std::string::npos)
      << r.err;
}

TEST(CliOwners, UsageErrors) {
  auto both = run_cli({"owners", "--all", "a.txt"});
  EXPECT_EQ(both.status, 2);
  EXPECT_NE(both.err.find("give paths, --all, --changed or --repo-name, not several of them"),
            std::string::npos);
  TempDir dir;
  RepoBuilder b(dir.path());
  community(b);
  b.commit("c");
  auto range = run_cli({"owners", "--repo", dir.path().string(), "--changed", "main"});
  EXPECT_EQ(range.status, 2);
  EXPECT_NE(range.err.find("range 'main' must be A..B or A...B"), std::string::npos);
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

TEST(CliAudit, UnownedRollUpUnusedShadowedDuplicateAndTeams) {
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put("sigs/README.md",
        "## Current SIGs\n\n| SIG name | Area | SIG Leads |\n|:--|:--|:--|\n"
        "| [Docs](docs/README.md) | d | [@bob](https://gitee.com/bob) |\n");
  b.put("sigs/docs/README.md", "# Docs\n\n## SIG Leads\n\n- [@bob](https://gitee.com/bob)\n");
  b.put("CODEOWNERS",
        "/src/a.c @org/sig-docs-reviewers\n/gone/ @org/sig-docs-reviewers\n"
        "/src/b.c @x\n/src/ @org/random-team\n/src/b.c @y\n");
  b.put(".sigwarden.yaml", "teams: '@org/sig-(.+)-reviewers'\n");
  b.put("src/a.c", "a\n");
  b.put("src/b.c", "b\n");
  b.put("third_party/lib/x.c", "x\n");
  b.put("third_party/lib/y.c", "y\n");
  b.commit("c");
  auto r = run_cli({"audit", "--repo", dir.path().string(), "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;  // nothing is at error level by default
  auto doc = nlohmann::json::parse(r.out);
  std::vector<std::string> got;
  for (const auto& f : doc["findings"]) {
    got.push_back(f["rule"].get<std::string>() + " " + f["location"]["path"].get<std::string>() +
                  ":" + std::to_string(f["location"]["line"].get<int>()));
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "owner-without-sig CODEOWNERS:4", "ownership-file-unowned CODEOWNERS:0",
                     "ownership-rule-duplicate CODEOWNERS:3",
                     "ownership-rule-shadowed CODEOWNERS:1", "ownership-rule-unused CODEOWNERS:2",
                     "unowned-path .sigwarden.yaml:0", "unowned-path CODEOWNERS:0",
                     "unowned-path sigs/README.md:0",  // sigs/ also holds the owned docs/ folder
                     "unowned-path third_party:0",     // rolled up: every file below is unowned
                 }))
      << r.out;
  auto strict = run_cli({"audit", "--repo", dir.path().string(), "-q", "--fail-level", "warning"});
  EXPECT_EQ(strict.status, 1);
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

// The ownership fixture: registry, CODEOWNERS, Prow OWNERS with aliases and filters, MAINTAINERS.
TEST(CliOwnersGolden, AllSourcesInEveryFormat) {
  testing::TempDir dir;
  std::string commit = testing::build_fixture_repo("ownership", dir.path());
  std::string repo = dir.path().string();
  for (const char* format : {"text", "json", "tsv"}) {
    auto r = testing::run_cli({"owners", "--repo", repo, "--all", "--format", format});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    testing::expect_golden(std::string("ownership.owners.") + format,
                           testing::stable(r.out, repo, commit));
  }
  auto e = testing::run_cli({"explain", "--repo", repo, "docs/guide.md", "pkg/kubelet/kubelet.go",
                             "drivers/net/wireless/wifi.c"});
  ASSERT_EQ(e.status, 0) << e.err;
  testing::expect_golden("ownership.explain.txt", testing::stable(e.out, repo, commit));
  auto a = testing::run_cli({"audit", "--repo", repo, "--color", "never"});
  ASSERT_EQ(a.status, 0) << a.err;
  testing::expect_golden("ownership.audit.txt", testing::stable(a.out, repo, commit));
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

TEST(CliOwners, RepositoryLevelOwnershipFromSigInfo) {
  testing::TempDir dir;
  testing::build_fixture_repo("openeuler", dir.path());
  auto r = testing::run_cli({"owners", "--repo", dir.path().string(), "--repo-name",
                             "SRC-OPENEULER/kernel", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["paths"].size(), 1u);
  EXPECT_EQ(doc["paths"][0]["path"], "SRC-OPENEULER/kernel");
  EXPECT_EQ(doc["paths"][0]["sigs"], nlohmann::json({"Kernel"}));
  EXPECT_EQ(doc["paths"][0]["rules"][0]["path"], "sig/Kernel/sig-info.yaml");
  EXPECT_FALSE(doc["paths"][0]["owners"].empty());
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

TEST(CliOwners, UbootStyleMaintainersFilesAnywhereApplyToPaths) {
  testing::TempDir dir;
  testing::RepoBuilder b(dir.path());
  b.put("MAINTAINERS", "THE REST\nM:\tTom <tom@example.org>\nS:\tMaintained\nF:\t*\nF:\t*/\n");
  b.put("board/acme/MAINTAINERS",
        "ACME BOARD\nM:\tAnn <ann@example.org>\nS:\tMaintained\nF:\tboard/acme/\n"
        "F:\tconfigs/acme_defconfig\n");
  b.put("configs/acme_defconfig", "CONFIG_X=y\n");
  b.put("board/acme/acme.c", "c\n");
  b.commit("c");
  auto r = testing::run_cli(
      {"owners", "--repo", dir.path().string(), "--format", "json", "configs/acme_defconfig"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["paths"][0]["sigs"], nlohmann::json({"ACME BOARD", "THE REST"}));
  EXPECT_EQ(doc["paths"][0]["owners"],
            nlohmann::json({"Ann <ann@example.org>", "Tom <tom@example.org>"}));
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

// A registry with hundreds of owned paths is indexed (LiteralRunIndex) rather than scanned; the
// answer must be what testing every pattern gives, in declaration order.
TEST(CliOwners, ManyOwnedPathsGiveTheAnswersOfTestingEveryPattern) {
  const std::vector<std::string> shapes = {"/src/*{}*x/**/y{}", "/docs/{}/", "**/test{}*",
                                           "/src/d{}/*.c",      "*.h{}",     "/lib/**"};
  std::string yaml =
      "name: big\nmailing_list: big@lists.example.org\nmaintainers:\n- gitee_id: bob\n"
      "directories:\n";
  std::vector<std::string> patterns;
  for (int i = 0; i < 30; ++i) {
    for (const std::string& shape : shapes) {
      std::string p = shape;
      for (auto at = p.find("{}"); at != std::string::npos; at = p.find("{}")) {
        p.replace(at, 2, std::to_string(i % 9));
      }
      patterns.push_back(p);
      yaml += "- '" + p + "'\n";
    }
  }
  testing::TempDir dir;
  testing::RepoBuilder b(dir.path());
  b.put("sig/big/README.md", "# big\n\nMailing list: big@lists.example.org\n");
  b.put("sig/big/sig-info.yaml", yaml);
  const std::vector<std::string> paths = {"src/a3bx/c/y3", "docs/4/index.md", "k/test7.go",
                                          "src/d2/main.c", "inc/a.h5",        "lib/x/y.so",
                                          "src/q5x/y5",    "nothing/here.txt"};
  for (const std::string& p : paths) b.put(p, "x\n");
  b.commit("big");
  std::vector<std::string> args = {"owners", "--repo", dir.path().string(), "--format", "json"};
  args.insert(args.end(), paths.begin(), paths.end());
  auto r = run_cli(args);
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  std::size_t matched = 0;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    nlohmann::json expected = nlohmann::json::array();
    for (const std::string& p : patterns) {
      std::string error;
      auto glob = parse_glob(p, &error);
      ASSERT_TRUE(glob) << p << ": " << error;
      if (GlobMatcher(std::move(*glob)).matches(paths[i])) expected.push_back(p);
    }
    nlohmann::json got = nlohmann::json::array();
    for (const auto& rule : doc["paths"][i]["rules"]) {
      if (rule["source"] == "registry" && rule["path"] == "sig/big/sig-info.yaml") {
        got.push_back(rule["pattern"]);
      }
    }
    EXPECT_EQ(got, expected) << paths[i];
    matched += expected.size();
  }
  EXPECT_GT(matched, 20u);
}

}  // namespace
}  // namespace sigwarden
