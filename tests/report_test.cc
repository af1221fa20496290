// `sigwarden report` on the history fixture (tests/support/history_fixture.h): a year of dated
// commits by leads, a drifting contributor, a newcomer, a bot, a sweep, a .mailmap identity, a
// GitHub no-reply address, trailers and a merge. The expected facts are worked out by hand in
// fixtures/history.expected.md and checked with `git log`; goldens pin the rendered reports.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "git/repository.h"
#include "report/render.h"
#include "report/scan.h"
#include "support/cli.h"
#include "support/golden.h"
#include "support/history_fixture.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using nlohmann::json;
using testing::run_cli;
using testing::TempDir;

const git::Library kLibgit2;

// One history repository for the whole suite: building it takes a few dozen commits.
class ReportHistory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    head_ = new std::string(testing::build_history_repo(dir_->path() / "repo"));
  }
  static void TearDownTestSuite() {
    delete head_;
    delete dir_;
  }
  static std::string repo() { return (dir_->path() / "repo").string(); }
  static std::string head() { return *head_; }

  static json report_json(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "report",   "--repo", repo(), "--as-of", std::string(testing::kHistoryAsOfDate),
        "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_cli(args);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");  // not a terminal: no progress bar
    return json::parse(r.out);
  }

  static const json& sig(const json& doc, const std::string& name) {
    for (const json& s : doc["sigs"]) {
      if (s["name"] == name) return s;
    }
    ADD_FAILURE() << "no SIG " << name;
    static const json kNone;
    return kNone;
  }

  static std::vector<std::string> flags(const json& s) {
    std::vector<std::string> out;
    for (const json& f : s["flags"]) out.push_back(f["id"]);
    return out;
  }

  static std::vector<int> commits_per_window(const json& s) {
    std::vector<int> out;
    for (const json& w : s["windows"]) out.push_back(w["commits"]);
    return out;
  }

  static const json& lead(const json& s, const std::string& label) {
    for (const json& l : s["leads"]) {
      if (l["name"] == label) return l;
    }
    ADD_FAILURE() << "no lead " << label << " in " << s["leads"].dump();
    static const json kNone;
    return kNone;
  }

  static TempDir* dir_;
  static std::string* head_;
};

TempDir* ReportHistory::dir_ = nullptr;
std::string* ReportHistory::head_ = nullptr;

TEST_F(ReportHistory, WindowsAndScope) {
  json doc = report_json();
  EXPECT_EQ(doc["schemaVersion"], 1);
  EXPECT_EQ(doc["asOf"], "2026-06-30");
  EXPECT_EQ(doc["asOfCommit"], head());
  EXPECT_EQ(doc["window"]["start"], "2026-04-02");
  EXPECT_EQ(doc["window"]["end"], "2026-06-30");
  ASSERT_EQ(doc["windows"].size(), 4u);
  EXPECT_EQ(doc["windows"][3]["start"], "2025-07-06");
  EXPECT_EQ(doc["scannedCommits"], 58);
  EXPECT_EQ(doc["historyComplete"], true);
  EXPECT_EQ(doc["historyStart"], "2025-07-15");
  std::vector<std::string> names;
  for (const json& s : doc["sigs"]) names.push_back(s["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"Compiler", "Data", "Docs", "Security", "Serving"}));
}

TEST_F(ReportHistory, ActivityPerSigMatchesGitLog) {
  json doc = report_json();
  // Current window first; merges, bots and sweeps excluded; the side-branch commits once.
  EXPECT_EQ(commits_per_window(sig(doc, "Compiler")), (std::vector<int>{11, 5, 2, 3}));
  EXPECT_EQ(commits_per_window(sig(doc, "Docs")), (std::vector<int>{5, 2, 1, 1}));
  EXPECT_EQ(commits_per_window(sig(doc, "Data")), (std::vector<int>{0, 1, 1, 1}));
  EXPECT_EQ(commits_per_window(sig(doc, "Security")), (std::vector<int>{1, 0, 0, 0}));
  EXPECT_EQ(commits_per_window(sig(doc, "Serving")), (std::vector<int>{6, 2, 2, 3}));
  const json& compiler = sig(doc, "Compiler");
  EXPECT_EQ(compiler["commits"], 11);
  EXPECT_EQ(compiler["contributors"], 3);  // authors only; Alice Old is Alice by .mailmap
  EXPECT_EQ(compiler["sweep_commits"], 1);
  EXPECT_EQ(compiler["bot_commits"], 2);
  EXPECT_EQ(compiler["absence_factor"], 2);
  EXPECT_EQ(compiler["drifting"], json::array({"Carol Diaz"}));
  EXPECT_EQ(compiler["new_contributors"], json::array({"Grace Kim"}));
  for (const json& p : compiler["people"]) {
    EXPECT_NE(p["name"], "Alice Old");
    EXPECT_NE(p["name"], "dependabot[bot]");
    EXPECT_NE(p["name"], "Nina Patel");  // the sweep's author
  }
  EXPECT_EQ(compiler["people"][0]["name"], "Alice Chen");
  EXPECT_EQ(compiler["people"][0]["commits"], 4);
  EXPECT_EQ(sig(doc, "Docs")["contributors"], 3);
  EXPECT_EQ(sig(doc, "Serving")["contributors"], 1);
  EXPECT_EQ(sig(doc, "Serving")["absence_factor"], 1);
  // Data's last change is its own commit, not the newer sweep.
  EXPECT_EQ(sig(doc, "Data")["last_change"]["date"], "2026-02-17");
  EXPECT_EQ(sig(doc, "Serving")["last_change"]["date"], "2026-06-29");
  EXPECT_EQ(sig(doc, "Compiler")["readme_change"]["date"], "2026-01-20");
}

TEST_F(ReportHistory, LeadActivityThroughMailmapNoreplyAndTrailers) {
  json doc = report_json();
  const json& dave = lead(sig(doc, "Docs"), "@dokafor");
  EXPECT_EQ(dave["last_active"], "2026-06-12");  // the no-reply address carries his handle
  EXPECT_EQ(dave["evidence"], "authored");
  EXPECT_EQ(dave["active"], true);
  const json& heidi = lead(sig(doc, "Serving"), "@hnovak");
  EXPECT_EQ(heidi["evidence"], "co-authored");
  EXPECT_EQ(heidi["last_active"], "2026-04-23");
  const json& erin = lead(sig(doc, "Data"), "@ewalsh");
  EXPECT_TRUE(erin["last_active"].is_null());
  EXPECT_EQ(erin["evidence"], "");
  EXPECT_EQ(sig(doc, "Compiler")["leads_active"], 2);
  EXPECT_EQ(sig(doc, "Data")["leads_active"], 0);
  EXPECT_EQ(sig(doc, "Data")["leads_listed"], 1);
}

TEST_F(ReportHistory, ReviewedByTrailerIsEvidence) {
  // As of 2026-05-31, Dave's newest evidence is the Reviewed-by trailer of 2026-05-06.
  auto r = run_cli({"report", "--repo", repo(), "--as-of", "2026-05-31", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  json doc = json::parse(r.out);
  const json& dave = lead(sig(doc, "Docs"), "@dokafor");
  EXPECT_EQ(dave["evidence"], "Reviewed-by");
  EXPECT_EQ(dave["last_active"], "2026-05-06");
}

TEST_F(ReportHistory, FlagsAndAttention) {
  json doc = report_json();
  EXPECT_EQ(flags(sig(doc, "Data")),
            (std::vector<std::string>{"no-active-lead", "no-recent-change"}));
  EXPECT_EQ(flags(sig(doc, "Serving")),
            (std::vector<std::string>{"single-contributor", "no-mailing-list"}));
  EXPECT_TRUE(flags(sig(doc, "Compiler")).empty());
  EXPECT_TRUE(flags(sig(doc, "Docs")).empty());
  EXPECT_TRUE(flags(sig(doc, "Security")).empty());  // one commit: below the minimum
  std::vector<std::string> attention;
  for (const json& a : doc["attention"])
    attention.push_back(a["sig"].get<std::string>() + ":" + a["flag"].get<std::string>());
  EXPECT_EQ(attention,
            (std::vector<std::string>{"Data:no-active-lead", "Data:no-recent-change",
                                      "Serving:single-contributor", "Serving:no-mailing-list",
                                      ":unowned", ":orphan-folders"}));
}

TEST_F(ReportHistory, RepositoryWide) {
  json doc = report_json();
  ASSERT_EQ(doc["sweeps"].size(), 1u);
  EXPECT_EQ(doc["sweeps"][0]["subject"], "Update licence headers to 2025-2026");
  EXPECT_EQ(doc["sweeps"][0]["sigs"], json::array({"Compiler", "Data", "Docs", "Serving"}));
  EXPECT_EQ(doc["bots"]["commits"], 2);
  EXPECT_EQ(doc["bots"]["identities"], json::array({"dependabot[bot]"}));
  EXPECT_EQ(doc["orphans"], json::array({"sigs/legacy"}));
  EXPECT_EQ(doc["unownedFiles"], 7);
  EXPECT_NE(std::find(doc["unowned"].begin(), doc["unowned"].end(), "tools/"),
            doc["unowned"].end());
  json governance = json::array();
  for (const json& g : doc["governance"]) {
    governance.push_back(g["kind"].get<std::string>() + ":" + g["sig"].get<std::string>() + ":" +
                         g["person"].get<std::string>());
  }
  EXPECT_EQ(governance, json::array({"lead-added:Docs:@ipetrov", "sig-added:Security:"}));
  EXPECT_EQ(sig(doc, "Serving")["findings"]["start"], 1);
  EXPECT_EQ(sig(doc, "Serving")["findings"]["end"], 1);
}

TEST_F(ReportHistory, GoldenMarkdownAndJson) {
  for (const auto& [format, name] :
       {std::pair{"markdown", "report_history.md"}, std::pair{"json", "report_history.json"}}) {
    auto r = run_cli({"report", "--repo", repo(), "--as-of", std::string(testing::kHistoryAsOfDate),
                      "--format", format});
    ASSERT_EQ(r.status, 0) << r.err;
    testing::expect_golden(name, testing::stable(r.out, repo(), head()));
  }
}

TEST_F(ReportHistory, SameHistorySameBytes) {
  std::vector<std::string> args = {"report",     "--repo",   repo(), "--as-of",
                                   "2026-06-30", "--format", "html"};
  EXPECT_EQ(run_cli(args).out, run_cli(args).out);
}

TEST_F(ReportHistory, AsOfRevisionEqualsAsOfItsDay) {
  json by_rev = report_json();
  auto r = run_cli({"report", "--repo", repo(), "--as-of", head(), "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  json doc = json::parse(r.out);
  EXPECT_EQ(doc["asOf"], "2026-06-29");  // the head commit's day
  EXPECT_EQ(doc["asOfCommit"], head());
}

TEST_F(ReportHistory, NoPeopleNamesNoOne) {
  auto r = run_cli(
      {"report", "--repo", repo(), "--as-of", "2026-06-30", "--no-people", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* name : {"Alice", "Carol", "Frank", "dokafor", "ewalsh", "Nina", "dependabot"}) {
    EXPECT_EQ(r.out.find(name), std::string::npos) << name;
  }
  json doc = json::parse(r.out);
  EXPECT_EQ(doc["people"], false);
  EXPECT_EQ(sig(doc, "Compiler")["contributors"], 3);  // counts stay
  EXPECT_EQ(sig(doc, "Compiler")["leads_active"], 2);
  EXPECT_EQ(sig(doc, "Compiler")["drifting_count"], 1);
  auto md = run_cli({"report", "--repo", repo(), "--as-of", "2026-06-30", "--no-people"});
  EXPECT_EQ(md.out.find("Alice"), std::string::npos);
  EXPECT_NE(md.out.find("People are not named"), std::string::npos);
}

TEST_F(ReportHistory, AnonymizeUsesStablePseudonyms) {
  json a = report_json({"--anonymize"});
  json b = report_json({"--anonymize"});
  EXPECT_EQ(a, b);
  EXPECT_EQ(a["anonymized"], true);
  std::string text = a.dump();
  EXPECT_EQ(text.find("Alice"), std::string::npos);
  EXPECT_EQ(text.find("Carol"), std::string::npos);
  std::string first = sig(a, "Compiler")["people"][0]["name"];
  EXPECT_EQ(first.rfind("person-", 0), 0u) << first;
}

TEST_F(ReportHistory, MergeJoinsPeopleAndSumsCommits) {
  TempDir out;
  // The same history in a second repository (one job per repository).
  std::string second = (out.path() / "second").string();
  testing::build_history_repo(second);
  auto one = out.path() / "a.json";
  auto two = out.path() / "b.json";
  auto r = run_cli({"report", "--repo", repo(), "--as-of", "2026-06-30", "-q", "--output",
                    "json=" + one.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  r = run_cli({"report", "--repo", second, "--as-of", "2026-06-30", "-q", "--output",
               "json=" + two.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  auto merged = run_cli({"report", "--merge", one.string(), two.string(), "--format", "json"});
  ASSERT_EQ(merged.status, 0) << merged.err;
  json doc = json::parse(merged.out);
  EXPECT_EQ(sig(doc, "Compiler")["commits"], 22);
  EXPECT_EQ(sig(doc, "Compiler")["contributors"], 3);  // the same people, counted once
  EXPECT_EQ(sig(doc, "Compiler")["people"][0]["commits"], 8);
  EXPECT_EQ(doc["scannedCommits"], 116);
  EXPECT_EQ(doc["repositories"].size(), 2u);
  EXPECT_EQ(flags(sig(doc, "Data")),
            (std::vector<std::string>{"no-active-lead", "no-recent-change"}));

  // The same report twice would double everything.
  auto twice = run_cli({"report", "--merge", one.string(), one.string()});
  EXPECT_EQ(twice.status, 2);
  EXPECT_NE(twice.err.find("reports 1 and 2 are of the same repository"), std::string::npos)
      << twice.err;

  // Pseudonyms next to real names would undo --anonymize.
  auto anon = out.path() / "anon.json";
  r = run_cli({"report", "--repo", second, "--as-of", "2026-06-30", "--anonymize", "-q", "--output",
               "json=" + anon.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  auto mixed = run_cli({"report", "--merge", one.string(), anon.string()});
  EXPECT_EQ(mixed.status, 2);
  EXPECT_NE(mixed.err.find("report 2 is anonymized and the first is not"), std::string::npos)
      << mixed.err;

  auto other = out.path() / "c.json";
  r = run_cli({"report", "--repo", repo(), "--as-of", "2026-05-31", "--window", "30d", "-q",
               "--output", "json=" + other.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  auto bad = run_cli({"report", "--merge", one.string(), other.string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("same --as-of, --window and --windows"), std::string::npos) << bad.err;
}

TEST_F(ReportHistory, MergeRejectsWhatIsNotAReport) {
  TempDir out;
  testing::write_file(out.path() / "x.json", "{\"hello\": 1}");
  auto r = run_cli({"report", "--merge", (out.path() / "x.json").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("x.json"), std::string::npos);
  EXPECT_NE(r.err.find("not a sigwarden report"), std::string::npos) << r.err;
  testing::write_file(out.path() / "y.json", "{not json");
  r = run_cli({"report", "--merge", (out.path() / "y.json").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not JSON"), std::string::npos) << r.err;
  r = run_cli({"report", "--merge", (out.path() / "missing.json").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot open"), std::string::npos) << r.err;
}

TEST_F(ReportHistory, ActivityRepoCountsForLeads) {
  // Erin, Data's lead, works in another repository: her commits there are lead activity.
  TempDir other;
  {
    testing::RepoBuilder b(other.path());
    b.put("README.md", "data tools\n");
    b.commit("data loader", testing::kHistoryAsOf - 10 * 86400, "Erin Walsh", "erin@example.org");
    b.put("README.md", "data tools, later\n");
    b.commit("after the as-of day", testing::kHistoryAsOf + 10 * 86400, "Erin Walsh",
             "erin@example.org");
  }
  json doc = report_json({"--activity-repo", other.path().string() + "=lumen/data-tools"});
  const json& erin = lead(sig(doc, "Data"), "@ewalsh");
  EXPECT_EQ(erin["last_active"], "2026-06-21");  // the later commit is after the as-of day
  EXPECT_EQ(erin["active"], true);
  EXPECT_EQ(flags(sig(doc, "Data")), (std::vector<std::string>{"no-recent-change"}));
  ASSERT_EQ(doc["repositories"].size(), 2u);
  EXPECT_NE(doc["repositories"][1].get<std::string>().find("lumen/data-tools"), std::string::npos);
  EXPECT_NE(doc["repositories"][1].get<std::string>().find("lead activity only"),
            std::string::npos);
}

TEST_F(ReportHistory, BadOptionsAreUsageErrors) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"--window", "3x"}, "--window '3x'"},
           {{"--window", "0d"}, "--window '0d'"},
           {{"--windows", "99"}, "--windows 99"},
           {{"--as-of", "2026-02-30"}, "not a valid date"},
           {{"--as-of", "2020-01-01"}, "no commit on or before that day"},
           {{"--as-of", "no-such-rev"}, "no-such-rev"},
           {{"--format", "pdf"}, "pdf"},
       }) {
    std::vector<std::string> args = {"report", "--repo", repo()};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_cli(args);
    EXPECT_EQ(r.status, 2) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

TEST(Report, ShallowCloneIsRefusedWithTheFix) {
  TempDir dir;
  std::string head;
  {
    testing::RepoBuilder b(dir.path());
    b.put("README.md", "x\n");
    head = b.commit("one");
  }
  // What `git clone --depth 1` leaves: the commit ids at the history's cut in .git/shallow.
  auto git_dir = std::filesystem::exists(dir.path() / ".git") ? dir.path() / ".git" : dir.path();
  testing::write_file(git_dir / "shallow", head + "\n");
  auto r = run_cli({"report", "--repo", dir.path().string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("shallow clone"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fetch-depth: 0"), std::string::npos) << r.err;
}

TEST(Report, ClockSkewThatCutsTheWalkIsSaid) {
  TempDir dir;
  {
    testing::RepoBuilder b(dir.path());
    b.put("README.md", "x\n");
    b.commit("one", 1780000000);
    b.put("README.md", "y\n");
    // Authored inside the window, but the committer clock said 2024: like `git log --since`, the
    // walk stops here, and the report says why.
    b.commit("skewed", testing::Signature{"Ben", "ben@example.org", 1781000000, 0},
             testing::Signature{"Ben", "ben@example.org", 1704067200, 0});
    b.put("README.md", "z\n");
    b.commit("three", 1782000000);
  }
  auto r = run_cli(
      {"report", "--repo", dir.path().string(), "--as-of", "2026-06-30", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  json doc = json::parse(r.out);
  EXPECT_EQ(doc["scannedCommits"], 1);
  ASSERT_FALSE(doc["walkStop"].is_null());
  EXPECT_EQ(doc["walkStop"]["authorDate"], "2026-06-09");
  bool said = false;
  for (const json& a : doc["attention"]) said = said || a["flag"] == "clock-skew";
  EXPECT_TRUE(said) << doc["attention"].dump();
}

TEST(Report, ParseWindow) {
  EXPECT_EQ(report::parse_window("90d"), 90 * 86400);
  EXPECT_EQ(report::parse_window("12w"), 84 * 86400);
  EXPECT_EQ(report::parse_window("1y"), 365 * 86400);
  EXPECT_THROW(report::parse_window("1m"), UsageError);
  EXPECT_THROW(report::parse_window("d"), UsageError);
  EXPECT_THROW(report::parse_window("-5d"), UsageError);
  EXPECT_THROW(report::parse_window("500y"), UsageError);
}

TEST(Report, Sparkline) {
  EXPECT_EQ(report::sparkline({0, 1, 4, 8}), "▁▂▅█");
  EXPECT_EQ(report::sparkline({0, 0}), "▁▁");
  EXPECT_EQ(report::sparkline({}), "");
}

TEST(Report, MarkdownEscapesRepositoryText) {
  report::Report r;
  r.as_of = 1782864000;
  r.window_seconds = 90 * 86400;
  r.windows = {{r.as_of - r.window_seconds, r.as_of}};
  r.repositories = {"."};
  report::SigReport s;
  s.name = "<script>alert(1)</script> [x](http://evil) @everyone";
  s.windows.resize(1);
  s.leads.push_back({"@someone ![img](http://evil/i.png)`", std::nullopt, "", "", false});
  s.leads_listed = 1;
  s.lists = {"a`b|c@example.org"};
  r.sigs.push_back(s);
  r.sweeps.push_back({{"c0ffee", r.as_of - 100, "::error::x\n%0A", ""}, "\x1b[31mred", {s.name}});
  report::compute_flags(r);
  std::string md = report::render_markdown(r);
  EXPECT_EQ(md.find("<script"), std::string::npos);
  EXPECT_EQ(md.find("[x](http"), std::string::npos);  // brackets escaped: no link
  EXPECT_EQ(md.find("@everyone"), std::string::npos);
  EXPECT_EQ(md.find("@someone"),
            md.find("`@someone ![img](http://evil/i.png) `") + 1);  // a code span: inert
  EXPECT_EQ(md.find('\x1b'), std::string::npos);
  EXPECT_EQ(md.find("::error::x\n"), std::string::npos);
  EXPECT_NE(md.find("&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace sigwarden
