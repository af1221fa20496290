// CLI golden tests: each fixture becomes a real git repository, `sigwarden lint` runs in-process,
// and its text and JSON outputs are compared with tests/golden/. Set SIGWARDEN_UPDATE_GOLDEN=1 to
// rewrite the golden files after an intended change (and review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "git/repository.h"
#include "support/cli.h"
#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::build_fixture_repo;
using testing::run_cli;
using testing::TempDir;

// libgit2 stays initialised for the whole test binary.
const git::Library kLibgit2;

using testing::expect_golden;
using testing::stable;

std::string read(const std::filesystem::path& p) { return testing::read_file(p); }

class FixtureLint : public ::testing::TestWithParam<const char*> {};

TEST_P(FixtureLint, TextAndJsonMatchGoldenFiles) {
  TempDir dir;
  std::string commit = build_fixture_repo(GetParam(), dir.path());
  std::string repo = dir.path().string();
  auto text = run_cli({"lint", "--repo", repo, "--color", "never"});
  EXPECT_EQ(text.status, 1) << text.err;
  EXPECT_EQ(text.err, "");
  expect_golden(std::string(GetParam()) + ".lint.txt", stable(text.out, repo, commit));
  auto json = run_cli({"lint", "--repo", repo, "--format", "json"});
  EXPECT_EQ(json.status, 1) << json.err;
  expect_golden(std::string(GetParam()) + ".lint.json", stable(json.out, repo, commit));
  auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["schemaVersion"], 1);
  EXPECT_EQ(doc["commit"], commit);
  for (const auto& f : doc["findings"]) {
    EXPECT_FALSE(f["rule"].get<std::string>().empty());
    EXPECT_EQ(f["fingerprint"].get<std::string>().size(), 16u);
    EXPECT_FALSE(f["location"]["path"].get<std::string>().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureLint, ::testing::ValuesIn(testing::kRegistryFixtures),
                         testing::FixtureTestName());

TEST(CliLint, DemoShowsEveryRuleId) {
  TempDir dir;
  build_fixture_repo("demo", dir.path());
  auto r = run_cli({"lint", "--repo", dir.path().string(), "--format", "json"});
  auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> rules;
  for (const auto& f : doc["findings"]) rules.insert(f["rule"].get<std::string>());
  for (const char* id :
       {"sig-folder-missing", "sig-readme-missing", "sig-lead-missing", "sig-mailing-list-missing",
        "sig-unlisted-folder", "sig-placeholder", "link-broken", "registry-schema",
        "mailing-list-mismatch", "sig-duplicate", "index-mismatch", "suppression-expired",
        "readme-lead-missing", "readme-mailing-list-missing", "index-format", "file-encoding"}) {
    EXPECT_TRUE(rules.count(id)) << "demo lacks a " << id << " finding";
  }
  EXPECT_EQ(doc["suppressed"], 1);
}

TEST(CliLint, OutputFlagWritesSeveralFormatsInOneRun) {
  TempDir dir;
  build_fixture_repo("openeuler", dir.path());
  auto json_path = (dir.path() / ".." / "out.json").lexically_normal();
  TempDir out;
  auto json_file = out.path() / "lint.json";
  auto text_file = out.path() / "lint.txt";
  auto r = run_cli({"lint", "--repo", dir.path().string(), "-q", "--output",
                    "json=" + json_file.string(), "--output", "text=" + text_file.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(nlohmann::json::parse(read(json_file))["layout"], "openeuler");
  EXPECT_NE(read(text_file).find("[sig-unlisted-folder]"), std::string::npos);
}

TEST(CliLint, FailLevelAndConfigFile) {
  TempDir dir;
  build_fixture_repo("markdown-legacy", dir.path());
  std::string repo = dir.path().string();
  // Only the mailing-list error is at error level; turn it off and the run is clean...
  TempDir cfg;
  auto config = cfg.path() / "sigwarden.yaml";
  std::ofstream(config) << "rules:\n  sig-mailing-list-missing: off\n";
  auto clean = run_cli({"lint", "--repo", repo, "--config", config.string(), "-q"});
  EXPECT_EQ(clean.status, 0) << clean.err;
  // ...unless warnings fail too.
  auto strict = run_cli(
      {"lint", "--repo", repo, "--config", config.string(), "-q", "--fail-level", "warning"});
  EXPECT_EQ(strict.status, 1);
}

TEST(CliLint, ReadsAnyRevisionAndBareRepositories) {
  TempDir dir;
  testing::RepoBuilder b(dir.path() / "bare.git", /*bare=*/true);
  b.put_tree(testing::fixtures_dir() / "openeuler");
  b.commit("v1");
  b.ref("v1", /*tag=*/true);
  b.remove("sig/Storage/README.md");
  b.put("sig/Storage/notes.md", "no readme here\n");
  b.commit("drop the Storage README");
  std::string repo = (dir.path() / "bare.git").string();
  auto head = run_cli({"lint", "--repo", repo, "--format", "json"});
  auto old = run_cli({"lint", "--repo", repo, "--rev", "v1", "--format", "json"});
  ASSERT_EQ(head.status, 1) << head.err;
  ASSERT_EQ(old.status, 1) << old.err;
  auto unlisted_at = [](const std::string& out) {
    std::string where;
    const auto doc = nlohmann::json::parse(out);
    for (const auto& f : doc["findings"]) {
      if (f["rule"] == "sig-unlisted-folder") where = f["location"]["path"].get<std::string>();
    }
    return where;
  };
  EXPECT_EQ(unlisted_at(old.out), "sig/Storage/README.md") << old.out;
  EXPECT_EQ(unlisted_at(head.out), "sig/Storage");
}

// Bad input: each gets one clear line on stderr naming what failed, and exit 2.
TEST(CliErrors, NotARepository) {
  TempDir dir;
  auto r = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sigwarden: error: open repository at '" + dir.path().string() +
                       "': not a git repository (or any parent)\n");
  EXPECT_EQ(r.out, "");
}

TEST(CliErrors, UnknownRevision) {
  TempDir dir;
  build_fixture_repo("openeuler", dir.path());
  auto r = run_cli({"lint", "--repo", dir.path().string(), "--rev", "no-such-branch"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sigwarden: error: resolve revision 'no-such-branch' in " + dir.path().string() +
                       ": no such revision\n");
}

TEST(CliErrors, EmptyRepository) {
  TempDir dir;
  testing::RepoBuilder b(dir.path());
  auto r = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sigwarden: error: resolve revision 'HEAD' in " + dir.path().string() +
                       ": the repository has no commits yet\n");
}

TEST(CliErrors, NoRegistry) {
  TempDir dir;
  testing::RepoBuilder b(dir.path());
  b.put("README.md", "# just code\n");
  b.commit("code");
  auto r = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "sigwarden: error: find the SIG registry at HEAD: none found (looked for sigs.yaml, "
            "sig/*/sig-info.yaml and sigs/README*.md); run 'sigwarden init' to propose a "
            "'registry:' configuration that names where it is (docs/configuration.md)\n");
}

TEST(CliErrors, MalformedConfiguration) {
  TempDir dir;
  testing::RepoBuilder b(dir.path());
  b.put_tree(testing::fixtures_dir() / "openeuler");
  b.put(".sigwarden.yaml", "rules:\n  sig-lead-missing: [error\n");
  b.commit("bad config");
  auto r = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("sigwarden: error: read configuration .sigwarden.yaml:", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("not valid YAML"), std::string::npos) << r.err;
}

TEST(CliErrors, UnknownFormatAndBadOutputSpec) {
  auto r = run_cli({"lint", "--format", "xml"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "sigwarden: error: unknown format 'xml' (known: text, json, markdown, sarif, github, "
            "junit, gitlab, rdjson)\n"
            "Run 'sigwarden --help' for usage.\n");
  auto o = run_cli({"lint", "--output", "json"});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--output 'json' must be FORMAT=FILE"), std::string::npos);
  auto f = run_cli({"lint", "--fail-level", "fatal"});
  EXPECT_EQ(f.status, 2);
  EXPECT_NE(f.err.find("--fail-level 'fatal' is not one of error, warning, note"),
            std::string::npos);
  auto u = run_cli({"lint", "--no-such-flag"});
  EXPECT_EQ(u.status, 2);
  EXPECT_NE(u.err.find("--no-such-flag"), std::string::npos);
}

TEST(CliHelp, HelpVersionAndRules) {
  auto h = run_cli({"--help"});
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("lint"), std::string::npos);
  EXPECT_NE(h.out.find("explain-rule"), std::string::npos);
  auto lh = run_cli({"lint", "--help"});
  EXPECT_EQ(lh.status, 0);
  EXPECT_NE(lh.out.find("--fail-level"), std::string::npos);
  auto v = run_cli({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out, std::string("sigwarden ") + SIGWARDEN_VERSION + "\n");
  auto rules = run_cli({"rules"});
  EXPECT_EQ(rules.status, 0);
  EXPECT_NE(rules.out.find("sig-unlisted-folder"), std::string::npos);
  auto e = run_cli({"explain-rule", "sig-lead-missing"});
  EXPECT_EQ(e.status, 0);
  EXPECT_NE(e.out.find("How to fix:"), std::string::npos);
  auto bad = run_cli({"explain-rule", "sig-lead-mising"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("did you mean 'sig-lead-missing'?"), std::string::npos);
  auto none = run_cli({});
  EXPECT_EQ(none.status, 2);
}

}  // namespace
}  // namespace sigwarden
