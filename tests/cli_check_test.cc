// `sigwarden check`: the gate on a pull request built on the ownership fixture. The PR breaks
// SIG Docs' README, moves a file from SIG Compiler's area to Docs, and edits .sigwarden.yaml to
// turn off the rule it breaks; it is authored by a lead. Configuration is read from the base, so
// the edit does not weaken the gate, and it is flagged for its owners.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "support/cli.h"
#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::RepoBuilder;
using testing::run_cli;
using testing::TempDir;

struct Pr {
  TempDir dir;
  std::string base_commit;
  std::string head_commit;
};

void make_pr(Pr& pr) {
  RepoBuilder b(pr.dir.path());
  b.put_tree(testing::fixtures_dir() / "ownership");
  pr.base_commit = b.commit("base", 1700000000);
  b.ref("base");
  b.put("sigs/docs/README.md", "# Docs SIG\n\nWe write the docs.\n");
  b.remove("pkg/kubelet/kubelet.go");
  b.put("docs/kubelet.go", "kubelet\n");
  b.put(".sigwarden.yaml",
        "teams: '@example/sig-(.+)-reviewers'\nowns:\n  Docs: ['/README.md']\nrules:\n"
        "  sig-mailing-list-missing: off\n");
  pr.head_commit = b.commit("break docs, move kubelet, silence the rule", 1700003600, "Bob Roe",
                            "bob@example.org");
}

std::vector<std::string> rules_of(const nlohmann::json& doc) {
  std::vector<std::string> out;
  for (const auto& f : doc["findings"]) {
    out.push_back(f["rule"].get<std::string>() + " " + f["location"]["path"].get<std::string>());
  }
  return out;
}

TEST(CliCheck, NewFindingsFailAndConfigComesFromTheBase) {
  Pr pr;
  make_pr(pr);
  auto r =
      run_cli({"check", "--repo", pr.dir.path().string(), "--base", "base", "--format", "json"});
  EXPECT_EQ(r.status, 1) << r.err << r.out;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["base"], pr.base_commit);
  EXPECT_EQ(doc["head"], pr.head_commit);
  EXPECT_EQ(doc["mergeBase"], pr.base_commit);
  EXPECT_EQ(rules_of(doc), (std::vector<std::string>{
                               "governance-change .sigwarden.yaml",
                               "governance-change sigs/docs/README.md",
                               "readme-lead-missing sigs/docs/README.md",
                               "sig-mailing-list-missing sigs/docs/README.md",
                           }))
      << r.out;
  for (const auto& f : doc["findings"]) {
    if (f["rule"] == "governance-change") {
      // The owners at the base: the root's for the configuration, SIG Docs' lead for its README.
      bool config = f["location"]["path"] == ".sigwarden.yaml";
      EXPECT_NE(f["message"].get<std::string>().find(config ? "@example/core" : "@bob"),
                std::string::npos)
          << f["message"];
      EXPECT_EQ(f["level"], "warning");
    }
    if (f["rule"] == "sig-mailing-list-missing") {
      EXPECT_EQ(f["level"], "error");
    }
  }
}

TEST(CliCheck, RegistryEditsNeedTheirSigsApproval) {
  // A contributor names themselves lead of SIG Compiler in its README and in the index: both
  // files decide who leads, so both are flagged for the people who own them at the base.
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put_tree(testing::fixtures_dir() / "ownership");
  b.commit("base");
  b.ref("base");
  b.put("sigs/compiler/README.md",
        "# Compiler SIG\n\n## SIG Leads\n\n- Ann Lee [@ann](https://gitee.com/ann)\n"
        "- Mal Lory [@mallory](https://gitee.com/mallory)\n\n## Contact\n\n"
        "- Mailing list: compiler@lists.example.org\n");
  std::string index = testing::read_file(testing::fixtures_dir() / "ownership/sigs/README.md");
  auto at = index.find("[@ann](https://gitee.com/ann)");
  ASSERT_NE(at, std::string::npos);
  index.insert(at, "[@mallory](https://gitee.com/mallory) ");
  b.put("sigs/README.md", index);
  b.put("docs/new.md", "a page\n");  // an ordinary change is not flagged
  b.commit("make mallory a lead", 1700003600, "Mal Lory", "mallory@example.org");
  auto r = run_cli({"check", "--repo", dir.path().string(), "--base", "base", "--format", "json"});
  EXPECT_EQ(r.status, 0) << r.err << r.out;  // warnings: the gate passes, the owners are asked
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(rules_of(doc), (std::vector<std::string>{"governance-change sigs/compiler/README.md",
                                                     "governance-change sigs/README.md"}))
      << r.out;
  for (const auto& f : doc["findings"]) {
    std::string message = f["message"];
    EXPECT_EQ(f["level"], "warning");
    if (f["location"]["path"] == "sigs/compiler/README.md") {
      EXPECT_NE(message.find("needs approval from @ann"), std::string::npos) << message;
      EXPECT_EQ(f["sig"], "Compiler");
    }
    EXPECT_EQ(message.find("@mallory"), std::string::npos) << message;
  }
}

TEST(CliCheck, APullRequestCannotSwitchOrRemoveTheRegistry) {
  // Adding a sigs.yaml (which auto-detection prefers) does not move the check to the Kubernetes
  // layout: the layout is the base's, so the SIG README the PR breaks is still checked.
  {
    TempDir dir;
    RepoBuilder b(dir.path());
    b.put_tree(testing::fixtures_dir() / "ownership");
    b.commit("base");
    b.ref("base");
    b.put("sigs.yaml", "sigs:\n- dir: sig-ok\n  name: OK\n");
    b.put("sigs/compiler/README.md", "# Compiler SIG\n");
    b.commit("switch layouts");
    auto r =
        run_cli({"check", "--repo", dir.path().string(), "--base", "base", "--format", "json"});
    EXPECT_EQ(r.status, 0) << r.err << r.out;  // warnings only
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["layout"], "markdown") << r.out;
    auto rules = rules_of(doc);
    EXPECT_NE(std::find(rules.begin(), rules.end(), "governance-change sigs.yaml"), rules.end())
        << r.out;
    EXPECT_NE(std::find(rules.begin(), rules.end(),
                        "readme-mailing-list-missing sigs/compiler/README.md"),
              rules.end())
        << r.out;
  }
  // The base moving to another layout after the pull request branched is not the PR's doing.
  {
    TempDir dir;
    RepoBuilder b(dir.path());
    b.put_tree(testing::fixtures_dir() / "ownership");
    std::string fork = b.commit("fork point");
    b.remove("sigs/README.md");
    b.put("sigs.yaml", "sigs:\n- dir: sig-ok\n  name: OK\n");
    b.commit("main moves to sigs.yaml");
    b.ref("base");
    b.checkout("feature", fork);
    b.put("docs/new.md", "a page\n");
    b.commit("a page");
    auto r = run_cli({"check", "--repo", dir.path().string(), "--base", "base", "--head", "feature",
                      "--format", "json"});
    EXPECT_NE(r.status, 2) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    auto rules = rules_of(doc);
    EXPECT_EQ(std::find(rules.begin(), rules.end(), "registry-removed sigs/README.md"), rules.end())
        << r.out;
    EXPECT_EQ(doc["layout"], "markdown") << r.out;
  }
  // Deleting the registry is an error, not a repository with ownership alone.
  {
    TempDir dir;
    RepoBuilder b(dir.path());
    b.put_tree(testing::fixtures_dir() / "ownership");
    b.commit("base");
    b.ref("base");
    b.remove("sigs/README.md");
    b.commit("remove the index");
    auto r =
        run_cli({"check", "--repo", dir.path().string(), "--base", "base", "--format", "json"});
    EXPECT_EQ(r.status, 1) << r.err << r.out;
    auto doc = nlohmann::json::parse(r.out);
    bool found = false;
    for (const auto& f : doc["findings"]) {
      if (f["rule"] != "registry-removed") continue;
      found = true;
      EXPECT_EQ(f["level"], "error");
      EXPECT_EQ(f["location"]["path"], "sigs/README.md");
      EXPECT_EQ(f["message"],
                "the change removes the SIG registry (sigs/README*.md, markdown layout) that its "
                "merge base with base has, so none of it can be checked");
    }
    EXPECT_TRUE(found) << r.out;
  }
}

TEST(CliCheck, PreexistingFindingsDoNotFailUnlessAll) {
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put_tree(testing::fixtures_dir() / "ownership");
  b.put("sigs/docs/README.md", "# Docs SIG\n");  // already broken at the base
  b.commit("base");
  b.ref("base");
  b.put("docs/new.md", "new page\n");
  b.commit("add a page");
  auto pass = run_cli({"check", "--repo", dir.path().string(), "--base", "base", "-q"});
  EXPECT_EQ(pass.status, 0) << pass.err;
  auto all = run_cli({"check", "--repo", dir.path().string(), "--base", "base", "--all", "-q"});
  EXPECT_EQ(all.status, 1);
  auto text = run_cli({"check", "--repo", dir.path().string(), "--base", "base"});
  EXPECT_NE(text.out.find("; 2 already at the base (not failing)"), std::string::npos) << text.out;
}

TEST(CliCheck, UnownedChangesAreFindings) {
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put("CODEOWNERS", "/src/ @team\n");
  b.put("src/a.c", "a\n");
  b.commit("base");
  b.ref("base");
  b.put("tools/run.sh", "echo\n");
  b.commit("add a tool");
  auto r = run_cli({"check", "--repo", dir.path().string(), "--base", "base", "--format", "json",
                    "--fail-level", "warning"});
  EXPECT_EQ(r.status, 1) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(rules_of(doc), (std::vector<std::string>{"unowned-change tools/run.sh"}));
}

TEST(CliCheck, MissingBaseOrMergeBaseIsExit2WithTheFix) {
  auto usage = run_cli({"check"});
  EXPECT_EQ(usage.status, 2);
  EXPECT_NE(usage.err.find("--base"), std::string::npos);
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put("CODEOWNERS", "* @all\n");
  b.commit("one");
  auto bad = run_cli({"check", "--repo", dir.path().string(), "--base", "nope"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("resolve revision 'nope'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

TEST(CliReview, SetCoverExcludesAuthorsAndIsDeterministic) {
  Pr pr;
  make_pr(pr);
  std::string repo = pr.dir.path().string();
  auto r =
      run_cli({"review", "--repo", repo, "--base", "base", "--author", "bob", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["head"], pr.head_commit);
  ASSERT_GE(doc["reviewers"].size(), 2u) << r.out;
  // One MAINTAINERS section owns every changed file: it alone covers the change.
  EXPECT_EQ(doc["reviewers"][0]["login"], "Chief <chief@example.org>");
  EXPECT_EQ(doc["reviewers"][0]["reason"], "owner; owns 4 of 4 changed files");
  for (const auto& rv : doc["reviewers"]) EXPECT_NE(rv["login"], "@bob");
  bool docs_sig = false;
  for (const auto& s : doc["sigs"]) {
    if (s["name"] == "Docs") {
      docs_sig = true;
      EXPECT_EQ(s["dir"], "sigs/docs");
      EXPECT_EQ(s["leads"], nlohmann::json::array());  // bob is the author
      EXPECT_EQ(s["lists"], nlohmann::json({"docs@lists.example.org", "linux@lists.example.org"}));
    }
  }
  EXPECT_TRUE(docs_sig) << r.out;
  auto again =
      run_cli({"review", "--repo", repo, "--base", "base", "--author", "bob", "--format", "json"});
  EXPECT_EQ(again.out, r.out);
}

TEST(CliReview, MarkdownCommentMentionsOnlyChosenReviewers) {
  Pr pr;
  make_pr(pr);
  auto r = run_cli({"review", "--repo", pr.dir.path().string(), "--base", "base", "--author", "bob",
                    "--count", "1", "--format", "markdown"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("<!-- sigwarden:review -->\n### Suggested reviewers\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("| `Chief <chief@example.org>` | owner; owns 4 of 4 changed files |"),
            std::string::npos)
      << r.out;
  // Leads appear as code, not as mentions.
  EXPECT_EQ(r.out.find(" @ann"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("`@ann`"), std::string::npos) << r.out;
}

TEST(CliReview, CoAuthorsAreExcludedAndUnownedGoToFallback) {
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put("CODEOWNERS", "/src/ @alice @carol\n");
  b.put(".sigwarden.yaml", "review:\n  fallback: ['@org/triage']\n");
  b.put("src/a.c", "a\n");
  b.commit("base");
  b.ref("base");
  b.put("src/a.c", "b\n");
  b.put("tools/x.sh", "x\n");
  b.commit("change\n\nCo-authored-by: Carol <123+carol@users.noreply.github.com>\n");
  auto r = run_cli({"review", "--repo", dir.path().string(), "--base", "base", "--author", "@alice",
                    "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["unowned"], nlohmann::json({"tools/x.sh"}));
  EXPECT_EQ(doc["uncovered"], nlohmann::json({"src/a.c"}));
  ASSERT_EQ(doc["reviewers"].size(), 1u) << r.out;
  EXPECT_EQ(doc["reviewers"][0]["login"], "@org/triage");
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

TEST(CliCheck, GithubAnnotationsAndJobSummary) {
  Pr pr;
  make_pr(pr);
  TempDir out;
  std::string summary = (out.path() / "summary.md").string();
  ::setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
  auto r =
      run_cli({"check", "--repo", pr.dir.path().string(), "--base", "base", "--format", "github"});
  ::unsetenv("GITHUB_STEP_SUMMARY");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("::error file=sigs/docs/README.md,line=1,col=1,title=sig-mailing-list-"
                       "missing::"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("::warning file=.sigwarden.yaml"), std::string::npos) << r.out;
  std::string written = testing::read_file(summary);
  EXPECT_NE(written.find("sig-mailing-list-missing"), std::string::npos) << written;
}

}  // namespace
}  // namespace sigwarden
