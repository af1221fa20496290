// `sigwarden report` on registries of many SIGs. Every step of the report is about linear in the
// number of groups: a 4 MiB index of ~80,000 SIGs once took 25 s, because the lint findings were
// counted per SIG by scanning every finding, and other steps searched all SIGs, leads or ids per
// SIG. These tests run the report (and the steps it shares with lint and --merge) on thousands of
// SIGs and check what comes out; they take a second or two, the quadratic code took far longer.
// There is no timing assertion: the content is what is checked.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "git/repository.h"
#include "report/render.h"
#include "report/report.h"
#include "support/cli.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using nlohmann::json;
using testing::run_cli;
using testing::TempDir;

const git::Library kLibgit2;

constexpr int kSigs = 20000;
constexpr int kFolderEvery = 1000;  // sig-00000, sig-01000, ... have a folder with a README
constexpr std::int64_t kRegistryTime = 1768435200;  // 2026-01-15, before the window
constexpr std::int64_t kWindowTime = 1777593600;    // 2026-05-01, inside the window
constexpr const char* kAsOf = "2026-06-30";         // window 2026-04-02 .. 2026-06-30

// JSON text as the JSON library prints it (members in the order read, as render_json writes
// them, invalid UTF-8 replaced), indented by two spaces and ending with a newline.
std::string library_text(const std::string& text) {
  using ordered = nlohmann::ordered_json;
  return ordered::parse(text).dump(2, ' ', false, ordered::error_handler_t::replace) + "\n";
}

std::string sig_name(int i) { return fmt::format("sig-{:05}", i); }
std::string sig_dir(int i) { return fmt::format("sigs/s{:05}", i); }

// 20,000 SIGs in one index table, all led by @lead; every 1000th has a folder whose README names
// the same lead with an e-mail and a mailing list. Then, in the window: commits by a developer,
// one by the lead, and a sweep over five SIGs.
class ReportScale : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ids_ = new std::map<std::string, std::string>();
    testing::RepoBuilder b(dir_->path() / "repo");
    std::string index = "# SIGs\n\n| SIG name | Leads |\n|:--|:--|\n";
    for (int i = 0; i < kSigs; ++i) {
      index += fmt::format("| [{}](s{:05}/README.md) | [@lead](https://example.org/lead) |\n",
                           sig_name(i), i);
    }
    b.put("sigs/README.md", index);
    for (int i = 0; i < kSigs; i += kFolderEvery) {
      b.put(sig_dir(i) + "/README.md",
            fmt::format("# {}\n\n### Maintainers\n\n- [@lead](https://example.org/lead) "
                        "(lead@example.org)\n\n"
                        "### Mailing list\n\ns{:05}@lists.example.org\n",
                        sig_name(i), i));
    }
    (*ids_)["registry"] = b.commit("registry", kRegistryTime, "lead", "lead@example.org");
    for (int k = 0; k < 3; ++k) {
      b.put(sig_dir(k * kFolderEvery) + "/notes.md", fmt::format("note {}\n", k));
      b.commit(fmt::format("notes {}", k), kWindowTime + k * 86400, "Dev Person",
               "dev@example.org");
    }
    b.put(sig_dir(3 * kFolderEvery) + "/notes.md", "by the lead\n");
    (*ids_)["lead"] =
        b.commit("lead's change", kWindowTime + 5 * 86400, "lead", "lead@example.org");
    for (int k = 4; k < 9; ++k) b.put(sig_dir(k * kFolderEvery) + "/notes.md", "swept\n");
    (*ids_)["sweep"] =
        b.commit("sweep five SIGs", kWindowTime + 6 * 86400, "Dev Person", "dev@example.org");
  }
  static void TearDownTestSuite() {
    delete json_;
    delete ids_;
    delete dir_;
  }
  static std::string repo() { return (dir_->path() / "repo").string(); }
  static const std::string& id(const std::string& what) { return ids_->at(what); }

  static std::string report(const std::string& format) {
    auto r = run_cli({"report", "--repo", repo(), "--as-of", kAsOf, "--format", format});
    EXPECT_EQ(r.status, 0) << r.err;
    return r.out;
  }
  // The JSON report, made once for the tests that read it.
  static const std::string& report_json() {
    if (json_ == nullptr) json_ = new std::string(report("json"));
    return *json_;
  }

  // Lint findings per SIG name, from `sigwarden lint --format json` on the same revision.
  static std::map<std::string, int> lint_counts() {
    auto r = run_cli({"lint", "--repo", repo(), "--format", "json"});
    EXPECT_NE(r.status, 2) << r.err;
    std::map<std::string, int> counts;
    json doc = json::parse(r.out);
    for (const json& f : doc["findings"]) ++counts[f["sig"].get<std::string>()];
    return counts;
  }

  static const json& sig(const json& doc, const std::string& name) {
    for (const json& s : doc["sigs"]) {
      if (s["name"] == name) return s;
    }
    ADD_FAILURE() << "no SIG " << name;
    static const json kNone;
    return kNone;
  }

  static TempDir* dir_;
  static std::map<std::string, std::string>* ids_;
  static std::string* json_;
};

TempDir* ReportScale::dir_ = nullptr;
std::map<std::string, std::string>* ReportScale::ids_ = nullptr;
std::string* ReportScale::json_ = nullptr;

TEST_F(ReportScale, JsonOfTwentyThousandSigs) {
  const std::string& text = report_json();
  json doc = json::parse(text);

  ASSERT_EQ(doc["sigs"].size(), static_cast<std::size_t>(kSigs));
  EXPECT_EQ(doc["sigs"].front()["name"], sig_name(0));
  EXPECT_EQ(doc["sigs"].back()["name"], sig_name(kSigs - 1));
  EXPECT_EQ(doc["scannedCommits"], 6);
  // The registry at the window start is the same: no SIG added or removed, and the findings at
  // the start are known.
  EXPECT_EQ(doc["governance"], json::array());
  EXPECT_EQ(doc["governanceKnown"], true);

  std::map<std::string, int> lint = lint_counts();

  // A SIG with a folder, a README and the lead's commit.
  const json& led = sig(doc, sig_name(3000));
  EXPECT_EQ(led["dir"], "sigs/s03000");
  EXPECT_EQ(led["readme"], "sigs/s03000/README.md");
  EXPECT_EQ(led["lists"], json::array({"s03000@lists.example.org"}));
  EXPECT_EQ(led["commits"], 1);
  EXPECT_EQ(led["contributors"], 1);
  EXPECT_EQ(led["last_change"]["commit"], id("lead"));
  EXPECT_EQ(led["people"], json::parse(R"([{"name": "lead", "commits": 1}])"));
  // @lead in the index and "lead (lead@example.org)" in the README are one lead.
  EXPECT_EQ(led["leads_listed"], 1);
  ASSERT_EQ(led["leads"].size(), 1u) << led["leads"].dump();
  EXPECT_EQ(led["leads"][0]["evidence"], "authored");
  EXPECT_EQ(led["leads"][0]["commit"], id("lead"));
  EXPECT_EQ(led["leads"][0]["active"], true);
  EXPECT_EQ(led["leads_active"], 1);
  EXPECT_EQ(led["findings"]["end"], lint[sig_name(3000)]);
  EXPECT_EQ(led["findings"]["start"], lint[sig_name(3000)]);

  // A SIG without a folder: its lead, shared by every SIG, is active through the same commit;
  // its lint findings (the missing folder) are counted at the start and at the end.
  const json& bare = sig(doc, sig_name(12345));
  EXPECT_EQ(bare["dir"], "sigs/s12345");
  EXPECT_EQ(bare["readme"], nullptr);
  EXPECT_EQ(bare["commits"], 0);
  EXPECT_EQ(bare["last_change"], nullptr);
  ASSERT_EQ(bare["leads"].size(), 1u);
  EXPECT_EQ(bare["leads"][0]["commit"], id("lead"));
  EXPECT_EQ(bare["leads"][0]["active"], true);
  EXPECT_GE(lint[sig_name(12345)], 1);
  EXPECT_EQ(bare["findings"]["end"], lint[sig_name(12345)]);
  EXPECT_EQ(bare["findings"]["start"], lint[sig_name(12345)]);
  std::vector<std::string> flags;
  for (const json& f : bare["flags"]) flags.push_back(f["id"]);
  EXPECT_EQ(flags, (std::vector<std::string>{"no-recent-change", "no-mailing-list"}));

  // The sweep is counted apart for each SIG it touched.
  ASSERT_EQ(doc["sweeps"].size(), 1u);
  EXPECT_EQ(doc["sweeps"][0]["commit"], id("sweep"));
  EXPECT_EQ(doc["sweeps"][0]["sigs"], json::array({sig_name(4000), sig_name(5000), sig_name(6000),
                                                   sig_name(7000), sig_name(8000)}));
  EXPECT_EQ(sig(doc, sig_name(8000))["sweep_commits"], 1);
  EXPECT_EQ(sig(doc, sig_name(8000))["commits"], 0);

  // Every SIG's flags are in the attention list, in SIG order.
  std::size_t flagged = 0;
  for (const json& s : doc["sigs"]) flagged += s["flags"].size();
  std::size_t attention = 0;
  for (const json& a : doc["attention"]) attention += a["sig"] != "" ? 1 : 0;
  EXPECT_EQ(attention, flagged);
}

TEST_F(ReportScale, MarkdownOfTwentyThousandSigs) {
  std::string md = report("markdown");
  std::size_t sections = 0;
  for (std::size_t at = md.find("\n## sig-"); at != std::string::npos;
       at = md.find("\n## sig-", at + 1)) {
    ++sections;
  }
  EXPECT_EQ(sections, static_cast<std::size_t>(kSigs));
  EXPECT_NE(md.find("\n## sig-12345\n\n- Folder: `sigs/s12345`\n"), std::string::npos);
  EXPECT_NE(md.find("\n## sig-03000\n\n- Folder: `sigs/s03000`\n- Lists: "
                    "`s03000@lists.example.org`\n"),
            std::string::npos);
}

// --merge of two reports of 20,000 SIGs each (one SIG only in the second, the second's SIGs in
// the opposite order): each SIG of the second finds its namesake without a search of all.
TEST(ReportScaleMerge, TwoReportsOfTwentyThousandSigs) {
  auto make = [](char commit, int days_ago) {
    report::Report r;
    r.as_of = 1782864000;
    r.as_of_commit = std::string(40, commit);
    r.window_spec = "90d";
    r.window_seconds = 90 * 86400;
    r.windows = {{r.as_of - r.window_seconds, r.as_of}};
    r.repositories = {std::string(1, commit)};
    for (int i = 0; i < kSigs; ++i) {
      report::SigReport s;
      s.name = sig_name(i);
      s.dir = sig_dir(i);
      s.windows = {{1, 1, 0, 0}};
      s.contributors = {{fmt::format("person {}", i % 7), 1}};
      s.absence_factor = 1;
      s.leads = {{"@lead", r.as_of - days_ago * 86400, "authored", r.as_of_commit, true}};
      s.leads_listed = 1;
      s.leads_active = 1;
      s.lists = {fmt::format("s{:05}@lists.example.org", i)};
      s.findings_end = 1;
      s.findings_start_known = true;
      r.sigs.push_back(std::move(s));
    }
    return r;
  };
  report::Report a = make('a', 1);
  report::Report b = make('b', 2);
  std::reverse(b.sigs.begin(), b.sigs.end());
  b.sigs.push_back(b.sigs.back());
  b.sigs.back().name = "extra";
  report::Report merged = report::merge({a, b});
  ASSERT_EQ(merged.sigs.size(), static_cast<std::size_t>(kSigs + 1));
  EXPECT_EQ(merged.sigs.back().name, sig_name(kSigs - 1));
  const report::SigReport& s = merged.sigs[12345 + 1];  // after "extra"
  EXPECT_EQ(s.name, sig_name(12345));
  EXPECT_EQ(s.windows[0].commits, 2);
  ASSERT_EQ(s.contributors.size(), 1u);  // the same person in both
  EXPECT_EQ(s.contributors[0].commits, 2);
  ASSERT_EQ(s.leads.size(), 1u);  // the same lead, with the newer evidence
  EXPECT_EQ(s.leads[0].commit, std::string(40, 'a'));
  EXPECT_EQ(s.lists, std::vector<std::string>{"s12345@lists.example.org"});
  EXPECT_EQ(s.findings_end, 2);
  EXPECT_EQ(merged.sigs[0].name, "extra");
  EXPECT_EQ(merged.sigs[0].windows[0].commits, 1);
}

// Section ids of the HTML page when thousands of SIG names reduce to the same id: each gets the
// next free suffix, and a name whose own id looks like a suffixed one keeps it.
TEST(ReportScaleHtml, ManyNamesWithTheSameId) {
  report::Report r;
  r.as_of = 1782864000;
  r.window_seconds = 90 * 86400;
  r.windows = {{r.as_of - r.window_seconds, r.as_of}};
  auto add = [&r](const std::string& name) {
    report::SigReport s;
    s.name = name;
    s.windows.resize(1);
    r.sigs.push_back(std::move(s));
  };
  add("dup-3");  // takes "sig-dup-3" before the others are numbered
  constexpr int kNames = 4096;
  for (int i = 0; i < kNames; ++i) {
    std::string name = "Dup ";
    for (int bit = 11; bit >= 0; --bit) name += (i >> bit) & 1 ? '!' : '.';
    add(name);
  }
  std::string html = report::render_html(r);
  std::vector<std::string> ids;
  std::regex section(R"re(<section class="sig" id="([^"]*)">)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), section);
       it != std::sregex_iterator(); ++it) {
    ids.push_back((*it)[1]);
  }
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kNames + 1));
  EXPECT_EQ(ids[0], "sig-dup-3");
  EXPECT_EQ(ids[1], "sig-dup");
  EXPECT_EQ(ids[2], "sig-dup-2");
  EXPECT_EQ(ids[3], "sig-dup-4");  // 3 is taken
  EXPECT_EQ(ids.back(), fmt::format("sig-dup-{}", kNames + 1));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}

// The JSON is written without building a document, and must still be byte for byte what the
// JSON library prints: control characters, quotes, backslashes, UTF-8 and invalid bytes.
TEST(ReportScaleJson, WriterMatchesTheLibrary) {
  report::Report r;
  r.as_of = 1782864000;
  r.as_of_commit = std::string(40, 'a');
  r.window_spec = "90d";
  r.window_seconds = 90 * 86400;
  r.windows = {{r.as_of - r.window_seconds, r.as_of},
               {r.as_of - 2 * r.window_seconds, r.as_of - r.window_seconds}};
  r.repositories = {"/tmp/a \"b\"", "c\\d"};
  r.scanned_commits = 12;
  r.history_start = r.as_of - 100 * 86400;
  const std::vector<std::string> texts = {"plain",
                                          "",
                                          "q\"uote",
                                          "back\\slash",
                                          "tab\there",
                                          "nl\nx",
                                          "ctl\x01\x1f\x7f",
                                          "J\xc3\xb6rg",
                                          "\xe5\xbc\xa0\xe4\xb8\x89",
                                          "bad \xff\xfe name",
                                          "cut \xe5\xbc",
                                          "</script>"};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    report::SigReport s;
    s.name = texts[i] + std::to_string(i);
    s.dir = "sigs/" + texts[i];
    s.windows = {{3, 2, 1, 0}, {0, 0, 0, 0}};
    if (i % 2 == 0) {
      s.contributors = {{texts[i], 3}, {"other", 1}};
      s.new_contributors = {texts[i]};
      s.drifting = {texts[(i + 1) % texts.size()]};
      s.last_change = report::CommitRef{std::string(40, 'b'), r.as_of - 86400, texts[i], "r"};
      s.readme = s.dir + "/README.md";
      s.findings_start_known = true;
      s.findings_start = 2;
    }
    s.leads.push_back({texts[i], std::nullopt, "", "", false});
    s.leads.push_back({"lead", r.as_of - 3 * 86400, "Reviewed-by", std::string(40, 'c'), true});
    s.leads_listed = 2;
    s.leads_active = 1;
    s.lists = {texts[i] + "@lists"};
    s.findings_end = 1;
    r.sigs.push_back(std::move(s));
  }
  r.sweeps.push_back({{std::string(40, 'd'), r.as_of - 5 * 86400, texts[9], ""},
                      texts[6],
                      {r.sigs[0].name, r.sigs[1].name}});
  r.bots = {"bot \x02"};
  r.unowned = {"a b/", "\xff"};
  r.orphans = {"sigs/orphan"};
  r.governance = {{"lead-added", texts[7], texts[8]}};
  r.governance_known = false;
  r.governance_note = texts[4];
  r.walk_stop_commit = std::string(40, 'e');
  r.walk_stop_author_time = r.as_of - 400 * 86400;
  report::compute_flags(r);

  std::string text = report::render_json(r);
  EXPECT_EQ(library_text(text), text);
  json doc = json::parse(text);
  EXPECT_EQ(doc["sigs"].size(), texts.size());
  std::ostringstream streamed;
  report::write_json(r, streamed);
  EXPECT_EQ(streamed.str(), text);
  // And it reads back.
  report::Report back = report::parse_json(text, "test");
  ASSERT_EQ(back.sigs.size(), r.sigs.size());
  EXPECT_EQ(back.sigs[6].name, r.sigs[6].name);
  EXPECT_EQ(back.sigs[0].contributors.size(), 2u);

  // The empty report: empty arrays and objects print as the library prints them.
  report::Report empty;
  std::string none = report::render_json(empty);
  EXPECT_EQ(library_text(none), none);
}

// lint (which the report runs twice) with a suppression for each of thousands of SIGs: each
// finding finds its suppressions, and each expired suppression its SIG, without a search of all.
TEST(ReportScaleLint, ThousandsOfSuppressions) {
  constexpr int kGroups = 4000;
  TempDir dir;
  testing::RepoBuilder b(dir.path() / "repo");
  std::string index = "| SIG name | Leads |\n|:--|:--|\n";
  std::string config = "suppress:\n";
  for (int i = 0; i < kGroups; ++i) {
    index += fmt::format("| [{}](s{:05}/README.md) | [@lead](https://example.org/lead) |\n",
                         sig_name(i), i);
    if (i % 2 != 0) continue;
    // Even SIGs: suppressed by name, by folder or by folder name; every other one has expired.
    std::string who = i % 6 == 0 ? sig_name(i) : i % 6 == 2 ? sig_dir(i) : fmt::format("s{:05}", i);
    config += fmt::format("  - rule: sig-folder-missing\n    sig: {}\n    reason: r{}\n{}", who, i,
                          i % 4 == 2 ? "    expires: 2020-01-01\n" : "");
  }
  b.put("sigs/README.md", index);
  b.put(".sigwarden.yaml", config);
  b.commit("registry", kRegistryTime);
  auto r = run_cli({"lint", "--repo", (dir.path() / "repo").string(), "--format", "json"});
  ASSERT_NE(r.status, 2) << r.err;
  json doc = json::parse(r.out);
  EXPECT_EQ(doc["groups"], kGroups);
  EXPECT_EQ(doc["suppressed"], kGroups / 4);             // i % 4 == 0
  std::map<std::string, std::set<std::string>> by_rule;  // rule -> SIGs
  for (const json& f : doc["findings"]) {
    by_rule[f["rule"].get<std::string>()].insert(f["sig"].get<std::string>());
  }
  // Odd SIGs and SIGs with an expired suppression keep their finding.
  EXPECT_EQ(by_rule["sig-folder-missing"].size(), static_cast<std::size_t>(kGroups * 3 / 4));
  EXPECT_TRUE(by_rule["sig-folder-missing"].count(sig_name(1)));
  EXPECT_TRUE(by_rule["sig-folder-missing"].count(sig_name(2)));
  EXPECT_FALSE(by_rule["sig-folder-missing"].count(sig_name(4)));
  // Each expired suppression is reported for the SIG it names, whichever way it names it.
  const auto& expired = by_rule["suppression-expired"];
  EXPECT_EQ(expired.size(), static_cast<std::size_t>(kGroups / 4));
  EXPECT_TRUE(expired.count(sig_name(2)));   // by folder
  EXPECT_TRUE(expired.count(sig_name(6)));   // by name
  EXPECT_TRUE(expired.count(sig_name(10)));  // by folder name
  EXPECT_FALSE(expired.count(sig_name(4)));
}

}  // namespace
}  // namespace sigwarden
