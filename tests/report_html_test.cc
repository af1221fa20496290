// The HTML report (report/render.h render_html) on hand-made reports: the sections in order, the
// overview's numbers and trend marks, both charts, the per-SIG and repository-wide sections, and
// a report whose every text field is hostile. A small tag scanner checks the page's structure:
// only the renderer's own elements, balanced, no event-handler attributes, no src, no link that
// leaves the page; so escaped text cannot turn into markup. Browser behaviour (the sortable table,
// the layout on a phone) is checked by tests/report_browser_test.sh.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "report/render.h"
#include "report/report.h"
#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden::report {
namespace {

constexpr std::int64_t kDay = 86400;
// The end of 2026-06-30, as `--as-of 2026-06-30` sets it: the reports show 2026-06-30.
constexpr std::int64_t kAsOf = 1782864000;  // 2026-07-01T00:00:00Z

LeadActivity lead(std::string name, std::optional<int> days_ago, std::string evidence = "",
                  std::string commit = "") {
  LeadActivity l;
  l.name = std::move(name);
  if (days_ago) l.last_active = kAsOf - *days_ago * kDay;
  l.evidence = std::move(evidence);
  l.commit = std::move(commit);
  l.active_in_window = days_ago && *days_ago < 90;
  return l;
}

SigReport sig(std::string name, std::vector<int> commits) {
  SigReport s;
  s.name = name;
  s.dir = "sigs/" + name;
  for (int c : commits) s.windows.push_back({c, c == 0 ? 0 : c / 3 + 1, 0, 0});
  s.lists = {"sig-" + name + "@lists.example.org"};
  s.readme = s.dir + "/README.md";
  return s;
}

// Three SIGs over four 90-day windows (oldest from 2025-07-06), history reaching back to
// 2025-09-04.
Report sample() {
  Report r;
  r.as_of = kAsOf;
  r.as_of_commit = "c0ffee00112233445566778899aabbccddeeff00";
  r.window_spec = "90d";
  r.window_seconds = 90 * kDay;
  for (int k = 0; k < 4; ++k) {
    r.windows.push_back({kAsOf - (k + 1) * 90 * kDay, kAsOf - k * 90 * kDay});
  }
  r.repositories = {".", "../website"};
  r.scanned_commits = 1234;
  r.history_start = kAsOf - 300 * kDay;
  r.history_complete = false;

  SigReport api = sig("api", {12, 8, 9, 3});
  for (int i = 1; i <= 12; ++i) {
    api.contributors.push_back({"Contributor " + std::to_string(i), 20 - i});
  }
  api.new_contributors = {"Contributor 11"};
  api.new_count = 1;
  api.drifting = {"Ken Thompson"};
  api.drifting_count = 1;
  api.absence_factor = 3;
  api.last_change =
      CommitRef{"abcdef0123456789abcdef0123456789abcdef01", kAsOf - 5 * kDay, "Ada Lovelace", ""};
  api.leads = {lead("Ada Lovelace", 5, "authored", "1234567890abcdef1234567890abcdef12345678"),
               lead("Barbara Liskov", std::nullopt)};
  api.leads_listed = 2;
  api.leads_active = 1;
  api.readme_change =
      CommitRef{"feedface00000000000000000000000000000000", kAsOf - 40 * kDay, "Ada Lovelace", ""};
  api.findings_start = 3;
  api.findings_end = 1;
  api.findings_start_known = true;

  SigReport docs = sig("docs", {2, 5, 7, 11});
  docs.contributors = {{"Grace Hopper", 2}};
  docs.absence_factor = 1;
  docs.last_change = CommitRef{"0000111122223333444455556666777788889999", kAsOf - 20 * kDay,
                               "Grace Hopper", "../website"};
  docs.leads = {
      lead("Grace Hopper", 200, "Reviewed-by", "9999888877776666555544443333222211110000")};
  docs.leads_listed = 1;
  docs.leads_active = 0;
  docs.findings_end = 4;
  docs.flags = {{"no-active-lead", "No lead has activity in the last 90 days (1 listed)."},
                {"single-contributor", "One person made all 2 commits."}};

  SigReport storage = sig("storage", {6, 6, 0, 1});
  storage.contributors = {{"Linus", 4}, {"Margaret Hamilton", 2}};
  storage.absence_factor = 1;
  storage.leads_listed = 0;
  storage.readme.clear();
  storage.flags = {{"no-lead", "The SIG lists no lead."}};

  r.sigs = {api, docs, storage};
  r.sweeps = {{{"5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed", kAsOf - 10 * kDay, "Bulk Person", ""},
               "Update license headers",
               {"api", "docs", "storage"}}};
  r.bot_commits = 7;
  r.bots = {"dependabot[bot]"};
  r.unowned_files = 3;
  r.unowned = {"tools/", "Makefile"};
  r.orphans = {"sigs/old-sig"};
  r.governance = {{"lead-added", "api", "Ada Lovelace"}, {"sig-added", "storage", ""}};
  r.attention = {{"docs", "no-active-lead", "No lead has activity in the last 90 days."},
                 {"storage", "no-lead", "The SIG lists no lead."},
                 {"", "unowned", "3 files are not owned by any SIG."}};
  return r;
}

// The text between the first `from` and the next `to` after it ("" when either is missing).
std::string between(const std::string& s, const std::string& from, const std::string& to) {
  auto a = s.find(from);
  if (a == std::string::npos) return "";
  auto b = s.find(to, a + from.size());
  if (b == std::string::npos) return "";
  return s.substr(a, b - a);
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

// Element text: tags removed, <br> as a space.
std::string text_of(std::string s) {
  s = std::regex_replace(s, std::regex("<br>"), " ");
  return std::regex_replace(s, std::regex("<[^>]*>"), "");
}

// The cells' text of the overview row whose SIG links to #id.
std::vector<std::string> overview_row(const std::string& html, const std::string& id) {
  std::string body = between(html, "<table id=\"overview\"", "</tbody>");
  std::string row;
  for (auto p = body.find("<tr>"); p != std::string::npos; p = body.find("<tr>", p + 1)) {
    std::string r = body.substr(p, body.find("</tr>", p) - p);
    if (r.find("href=\"#" + id + "\"") != std::string::npos) row = r;
  }
  std::vector<std::string> cells;
  for (auto p = row.find("<td"); p != std::string::npos; p = row.find("<td", p + 1)) {
    cells.push_back(text_of(row.substr(p, row.find("</td>", p) + 5 - p)));
  }
  return cells;
}

// Scans the page's tags (skipping the raw text of <style> and <script>) and reports, as a list
// of problems: elements the renderer never writes, unbalanced tags, event-handler or src
// attributes, links that leave the page, ids outside [a-z0-9-], and a second <script>.
std::vector<std::string> structure_problems(const std::string& html) {
  static const std::set<std::string> kElements = {
      "html", "head",  "meta",  "title", "style", "body",   "header", "main",   "section",
      "h1",   "h2",    "h3",    "h4",    "p",     "strong", "code",   "a",      "span",
      "div",  "table", "thead", "tbody", "tr",    "th",     "td",     "button", "ul",
      "ol",   "li",    "dl",    "dt",    "dd",    "br",     "figure", "svg",    "g",
      "rect", "line",  "text",  "tspan", "script"};
  static const std::set<std::string> kVoid = {"meta", "br"};
  static const std::regex kAttribute(R"re(\s+([^\s=/>]+)(?:="([^"]*)")?)re");
  static const std::regex kId("[a-z0-9-]+");
  std::vector<std::string> problems;
  std::vector<std::string> open;
  int scripts = 0;
  std::size_t i = html.find("<html");
  while ((i = html.find('<', i)) != std::string::npos) {
    std::size_t end = html.find('>', i);
    if (end == std::string::npos) {
      problems.push_back("unterminated tag at " + std::to_string(i));
      break;
    }
    std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    bool closing = !tag.empty() && tag[0] == '/';
    if (closing) tag.erase(0, 1);
    bool self_closing = !tag.empty() && tag.back() == '/';
    if (self_closing) tag.pop_back();
    std::string name = tag.substr(0, tag.find_first_of(" \t\n"));
    if (kElements.count(name) == 0) {
      problems.push_back("unexpected element <" + tag + ">");
      continue;
    }
    if (closing) {
      if (open.empty() || open.back() != name) {
        problems.push_back("</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">");
      } else {
        open.pop_back();
      }
      continue;
    }
    std::string attributes = tag.substr(name.size());
    for (std::sregex_iterator it(attributes.begin(), attributes.end(), kAttribute), e; it != e;
         ++it) {
      std::string key = (*it)[1];
      std::string value = (*it)[2];
      if (key.rfind("on", 0) == 0 || key == "src" || key == "srcset" || key == "style") {
        problems.push_back("attribute " + key + " on <" + name + ">");
      }
      if (key == "href" && value.rfind('#', 0) != 0) problems.push_back("href=\"" + value + "\"");
      if (key == "id" && !std::regex_match(value, kId)) problems.push_back("id=\"" + value + "\"");
      if (value.find_first_of("<>") != std::string::npos) {
        problems.push_back("raw < or > in " + key + "=\"" + value + "\"");
      }
    }
    if (name == "script") ++scripts;
    if (name == "style" || name == "script") {
      std::size_t close = html.find("</" + name + ">", i);
      if (close == std::string::npos) {
        problems.push_back("<" + name + "> not closed");
        break;
      }
      i = close + name.size() + 3;
      continue;
    }
    if (!self_closing && kVoid.count(name) == 0) open.push_back(name);
  }
  if (!open.empty()) problems.push_back("unclosed <" + open.back() + ">");
  if (scripts != 1) problems.push_back(std::to_string(scripts) + " script elements");
  return problems;
}

TEST(ReportHtml, SectionsInOrder) {
  std::string html = render_html(sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            std::string::npos);
  std::vector<std::string> order = {"<h1>SIG health report</h1>",
                                    "<h2>Needs attention</h2>",
                                    "<table id=\"overview\"",
                                    "class=\"chart activity\"",
                                    "class=\"chart leads\"",
                                    "id=\"sig-api\"",
                                    "id=\"sig-docs\"",
                                    "id=\"sig-storage\"",
                                    "<h2>Repository</h2>",
                                    "<script>"};
  std::size_t last = 0;
  for (const std::string& marker : order) {
    std::size_t at = html.find(marker);
    ASSERT_NE(at, std::string::npos) << marker;
    EXPECT_GT(at, last) << marker << " out of order";
    last = at;
  }
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  EXPECT_EQ(structure_problems(html), std::vector<std::string>());
}

TEST(ReportHtml, HeaderDatesAndNotes) {
  Report r = sample();
  std::string header = between(render_html(r), "<header>", "</header>");
  EXPECT_NE(header.find("As of <strong>2026-06-30</strong>"), std::string::npos) << header;
  EXPECT_NE(header.find("<code>c0ffee001122</code>"), std::string::npos);
  EXPECT_NE(header.find("Window 90d: current 2026-04-02 – 2026-06-30; 3 earlier back to "
                        "2025-07-06"),
            std::string::npos);
  EXPECT_NE(header.find("<code>.</code>, <code>../website</code>"), std::string::npos);
  EXPECT_NE(header.find("1234 commits scanned"), std::string::npos);
  EXPECT_NE(header.find("History before 2025-09-04 was not available"), std::string::npos);
  EXPECT_EQ(header.find("--no-people"), std::string::npos);
  EXPECT_EQ(header.find("--anonymize"), std::string::npos);

  r.history_complete = true;
  r.people = false;
  header = between(render_html(r), "<header>", "</header>");
  EXPECT_EQ(header.find("was not available"), std::string::npos);
  EXPECT_NE(header.find("History starts on 2025-09-04: earlier windows have no commits."),
            std::string::npos);
  EXPECT_NE(header.find("People are hidden (--no-people)"), std::string::npos);

  r.history_complete = false;
  r.history_start = r.windows.back().start - kDay;  // reaches back far enough
  r.people = true;
  r.anonymized = true;
  header = between(render_html(r), "<header>", "</header>");
  EXPECT_EQ(header.find("was not available"), std::string::npos);
  EXPECT_NE(header.find("anonymized (--anonymize)"), std::string::npos);
}

TEST(ReportHtml, AttentionListAndEmptyList) {
  Report r = sample();
  std::string html = render_html(r);
  std::string list = between(html, "<h2>Needs attention</h2>", "</section>");
  EXPECT_EQ(count(list, "<li>"), 3u);
  EXPECT_NE(list.find("<a href=\"#sig-docs\">docs</a></strong>: No lead has activity in the last "
                      "90 days."),
            std::string::npos)
      << list;
  EXPECT_NE(list.find("<strong>Repository</strong>: 3 files are not owned by any SIG."),
            std::string::npos);
  EXPECT_EQ(list.find("Nothing needs attention"), std::string::npos);

  r.attention.clear();
  list = between(render_html(r), "<h2>Needs attention</h2>", "</section>");
  EXPECT_NE(list.find("Nothing needs attention"), std::string::npos);
  EXPECT_EQ(list.find("<li>"), std::string::npos);
}

TEST(ReportHtml, OverviewRowsNumbersAndTrends) {
  std::string html = render_html(sample());
  std::string table = between(html, "<table id=\"overview\"", "</table>");
  EXPECT_EQ(count(table, "<tr>"), 4u);  // header and three SIGs
  EXPECT_EQ(count(table, "<button type=\"button\">"), 7u);
  std::string head = text_of(between(table, "<thead>", "</thead>"));
  EXPECT_EQ(head, "SIGCommitsContributorsAbsence factorLast changeLeads active/listedFlags");

  // Commits with the trend against the previous window, contributors (commits / 3 + 1 here),
  // absence factor, last change, leads, flags.
  EXPECT_EQ(
      overview_row(html, "sig-api"),
      (std::vector<std::string>{"api", "12 ▲", "5", "3", "2026-06-26 5 days ago", "1/2", ""}));
  EXPECT_EQ(overview_row(html, "sig-docs"),
            (std::vector<std::string>{"docs", "2 ▼", "1", "1", "2026-06-11 20 days ago", "0/1",
                                      "no-active-lead single-contributor"}));
  EXPECT_EQ(overview_row(html, "sig-storage"),
            (std::vector<std::string>{"storage", "6 =", "3", "1", "none", "0/0", "no-lead"}));
  // Numeric sort keys.
  EXPECT_NE(table.find("<td class=\"num\" data-sort=\"12\">12 <span class=\"trend up\""),
            std::string::npos);
  EXPECT_NE(table.find("data-sort=\"20\">2026-06-11"), std::string::npos);
  EXPECT_NE(table.find("<td class=\"flags\" data-sort=\"2\">"), std::string::npos);
  // The script that sorts the table and marks it ready.
  EXPECT_NE(html.find("table.dataset.sortable = 'ready';"), std::string::npos);
}

TEST(ReportHtml, NoTrendWithOneWindow) {
  Report r = sample();
  r.windows.resize(1);
  for (SigReport& s : r.sigs) s.windows.resize(1);
  std::string html = render_html(r);
  EXPECT_EQ(overview_row(html, "sig-api")[1], "12");
  EXPECT_EQ(html.find("▲"), std::string::npos);
  EXPECT_EQ(html.find("▼"), std::string::npos);
  EXPECT_EQ(html.find("class=\"trend"), std::string::npos);
}

TEST(ReportHtml, ActivityChart) {
  std::string html = render_html(sample());
  std::string svg = between(html, "<svg class=\"chart activity\"", "</svg>");
  ASSERT_FALSE(svg.empty());
  EXPECT_NE(svg.find("viewBox=\"0 0 "), std::string::npos);
  EXPECT_EQ(count(svg, "<rect"), 12u);  // 3 SIGs × 4 windows
  EXPECT_EQ(count(svg, "class=\"bar now\""), 3u);
  EXPECT_EQ(count(svg, "class=\"bar zero\""), 1u);  // storage's third window
  EXPECT_NE(svg.find("<title>api, 2026-04-02 – 2026-06-30: 12 commits</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>docs, 2025-07-06 – 2025-10-03: 11 commits</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>storage, 2025-10-04 – 2026-01-01: 0 commits</title>"),
            std::string::npos);
  // Oldest window on the left: api's windows are {12, 8, 9, 3}, current first.
  std::vector<std::pair<double, std::string>> bars;
  std::string api = between(svg, "<g><title>api</title>", "</g>");
  static const std::regex kBar(
      R"re(<rect class="[^"]*" x="([0-9.]+)"[^>]*><title>api, [^:]*: (\d+))re");
  for (std::sregex_iterator it(api.begin(), api.end(), kBar), e; it != e; ++it) {
    bars.emplace_back(std::stod((*it)[1]), (*it)[2]);
  }
  std::sort(bars.begin(), bars.end());
  ASSERT_EQ(bars.size(), 4u);
  EXPECT_EQ(bars[0].second, "3");
  EXPECT_EQ(bars[1].second, "9");
  EXPECT_EQ(bars[2].second, "8");
  EXPECT_EQ(bars[3].second, "12");
  // Text labels: SIG names and the current count with its trend.
  EXPECT_NE(api.find(">api</text>"), std::string::npos);
  EXPECT_NE(api.find(">12<tspan class=\"trend up\"> ▲</tspan></text>"), std::string::npos);
}

TEST(ReportHtml, LeadsChartSaysNoActivityNeverInactive) {
  std::string html = render_html(sample());
  std::string svg = between(html, "<svg class=\"chart leads\"", "</svg>");
  ASSERT_FALSE(svg.empty());
  EXPECT_EQ(count(svg, "<rect"), 3u);  // Ada, Barbara, Grace; storage lists no lead
  EXPECT_EQ(count(svg, "class=\"lead in\""), 1u);
  EXPECT_EQ(count(svg, "class=\"lead out\""), 1u);
  EXPECT_EQ(count(svg, "class=\"lead none\""), 1u);
  std::string barbara = between(svg, "<g><title>api, Barbara Liskov", "</g>");
  EXPECT_NE(barbara.find("class=\"lead none\""), std::string::npos);
  EXPECT_NE(barbara.find(">no activity in the sources scanned</text>"), std::string::npos);
  EXPECT_NE(svg.find(">200 days</text>"), std::string::npos);
  EXPECT_NE(svg.find(">5 days</text>"), std::string::npos);
  EXPECT_NE(svg.find("no leads listed"), std::string::npos);
  EXPECT_NE(svg.find(">window start</text>"), std::string::npos);
  // Grouped by SIG: api's leads, then docs'.
  EXPECT_LT(svg.find("Barbara Liskov"), svg.find(">docs<"));
  EXPECT_LT(svg.find(">docs<"), svg.find("Grace Hopper"));

  std::string section = between(html, "id=\"sig-api\"", "</section>");
  EXPECT_NE(section.find("no activity in the sources scanned"), std::string::npos);
  EXPECT_EQ(html.find("inactive"), std::string::npos);
}

TEST(ReportHtml, SameDayIsToday) {
  Report r = sample();
  r.sigs[0].leads[0].last_active = kAsOf - 3600;
  r.sigs[0].last_change->time = kAsOf - 60;
  std::string html = render_html(r);
  EXPECT_EQ(overview_row(html, "sig-api")[4], "2026-06-30 today");
  EXPECT_NE(between(html, "<svg class=\"chart leads\"", "</svg>").find(">today</text>"),
            std::string::npos);
  EXPECT_NE(text_of(between(html, "id=\"sig-api\"", "</section>"))
                .find("Ada Lovelace2026-06-30 (today) · in the current window"),
            std::string::npos);
}

TEST(ReportHtml, SigSections) {
  std::string html = render_html(sample());
  std::string api = between(html, "<section class=\"sig\" id=\"sig-api\">", "</section>");
  ASSERT_FALSE(api.empty());
  EXPECT_NE(api.find("<h3>api</h3>"), std::string::npos);
  EXPECT_NE(api.find("<code>sigs/api</code>"), std::string::npos);
  EXPECT_NE(api.find("sig-api@lists.example.org"), std::string::npos);
  EXPECT_NE(api.find("<code>sigs/api/README.md</code>, last changed"), std::string::npos);
  EXPECT_NE(text_of(api).find("2026-05-22 (40 days ago) in feedface0000"), std::string::npos);
  EXPECT_NE(text_of(api).find("3 → 1"), std::string::npos);
  // Leads: last activity, evidence and the short commit id.
  EXPECT_NE(text_of(api).find("Ada Lovelace2026-06-26 (5 days ago) · in the current window"
                              "authored1234567890ab"),
            std::string::npos)
      << text_of(api);
  EXPECT_EQ(api.find("1234567890abcdef"), std::string::npos);
  // The ten busiest contributors with their commits.
  EXPECT_NE(api.find("<li>Contributor 1 (19)</li>"), std::string::npos);
  EXPECT_NE(api.find("<li>Contributor 10 (10)</li>"), std::string::npos);
  EXPECT_EQ(api.find("Contributor 11 (9)"), std::string::npos);
  EXPECT_EQ(api.find("Contributor 12"), std::string::npos);
  EXPECT_NE(api.find("</ol>and 2 more</dd>"), std::string::npos);
  EXPECT_NE(api.find("<dt>New</dt><dd>Contributor 11</dd>"), std::string::npos);
  EXPECT_NE(api.find("<dt>Drifting</dt><dd>Ken Thompson</dd>"), std::string::npos);
  EXPECT_NE(api.find("No flags."), std::string::npos);

  std::string docs = between(html, "id=\"sig-docs\"", "</section>");
  EXPECT_NE(text_of(docs).find("000011112222 in ../website by Grace Hopper"), std::string::npos);
  EXPECT_NE(docs.find("<li><code>no-active-lead</code>: No lead has activity in the last 90 days "
                      "(1 listed).</li>"),
            std::string::npos);
  EXPECT_NE(docs.find("4 (start unknown)"), std::string::npos);
  std::string storage = between(html, "id=\"sig-storage\"", "</section>");
  EXPECT_NE(storage.find("<dt>README</dt><dd><span class=\"none\">none</span>"), std::string::npos);
  EXPECT_NE(storage.find("<li><code>no-lead</code>: The SIG lists no lead.</li>"),
            std::string::npos);
}

TEST(ReportHtml, RepositoryWide) {
  std::string html = render_html(sample());
  std::string repo = between(html, "<h2>Repository</h2>", "</section>");
  std::string sweep = text_of(between(repo, "<table class=\"sweeps\">", "</table>"));
  EXPECT_NE(sweep.find("5eed5eed5eed2026-06-21Bulk PersonUpdate license headersapi, docs, storage"),
            std::string::npos)
      << sweep;
  EXPECT_NE(repo.find("more than 3 SIGs"), std::string::npos);
  EXPECT_NE(repo.find("7 bot commits excluded in the current window: dependabot[bot]."),
            std::string::npos);
  EXPECT_NE(repo.find("3 files not owned by any SIG."), std::string::npos);
  EXPECT_NE(repo.find("<li><code>tools/</code></li>\n<li><code>Makefile</code></li>"),
            std::string::npos);
  EXPECT_NE(repo.find("<li><code>sigs/old-sig</code></li>"), std::string::npos);
  std::string governance = text_of(between(repo, "<table class=\"governance\">", "</table>"));
  EXPECT_NE(governance.find("lead-addedapiAda Lovelace"), std::string::npos);
  EXPECT_NE(governance.find("sig-addedstorage"), std::string::npos);
}

TEST(ReportHtml, NothingLoadedFromTheNetwork) {
  std::string html = render_html(sample());
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("content=\"default-src 'none';"), std::string::npos);
  EXPECT_EQ(count(html, "<script"), 1u);
  EXPECT_EQ(count(html, "<style"), 1u);
  EXPECT_EQ(count(html, "<svg"), 2u);
}

// Base64 of the SHA-256 of text, by coreutils' sha256sum (hex) and a base64 encoding here.
std::string sha256_base64(const std::string& text) {
  testing::TempDir dir;
  auto file = dir.path() / "script.js";
  testing::write_file(file, text);
  std::string cmd = "sha256sum '" + file.string() + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return "";
  char hex[65] = {};
  std::size_t n = std::fread(hex, 1, 64, p);
  pclose(p);
  if (n != 64) return "";
  std::string digest;
  for (int i = 0; i < 64; i += 2) {
    digest.push_back(static_cast<char>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
  }
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < digest.size(); i += 3) {
    std::uint32_t v = static_cast<unsigned char>(digest[i]) << 16;
    if (i + 1 < digest.size()) v |= static_cast<unsigned char>(digest[i + 1]) << 8;
    if (i + 2 < digest.size()) v |= static_cast<unsigned char>(digest[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < digest.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < digest.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

TEST(ReportHtml, OnlyItsOwnScriptMayRun) {
  // The policy names the page's one script by hash: no 'unsafe-inline', so a script element that
  // got past the escaping would not run. A change to the script must update kScriptHash.
  std::string html = render_html(sample());
  std::string script = between(html, "<script>", "</script>").substr(std::strlen("<script>"));
  ASSERT_GT(script.size(), 100u);
  std::string hash = sha256_base64(script);
  ASSERT_EQ(hash.size(), 44u);
  EXPECT_NE(html.find("script-src 'sha256-" + hash + "'\">"), std::string::npos)
      << "set kScriptHash in src/report/html.cc to \"sha256-" << hash << "\"";
  EXPECT_EQ(html.find("script-src 'unsafe-inline'"), std::string::npos);
  EXPECT_EQ(count(html, "'unsafe-inline'"), 1u);  // styles only
}

TEST(ReportHtml, Deterministic) {
  Report r = sample();
  std::string a = render_html(r);
  EXPECT_EQ(a, render_html(r));
  Report copy = r;
  EXPECT_EQ(a, render_html(copy));
}

TEST(ReportHtml, HostileTextIsEscapedEverywhere) {
  const std::string h = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>'&x http://evil/";
  Report r = sample();
  r.as_of_commit = h;
  r.window_spec = h;
  r.repositories = {h};
  r.sigs[0].name = "<script>alert(1)</script>";
  r.sigs[1].name = "\"><img src=x onerror=alert(1)>";
  r.sigs[2].name = h;
  for (SigReport& s : r.sigs) {
    s.dir = h;
    s.lists = {h, h};
    s.readme = h;
    s.contributors = {{h, 3}};
    s.new_contributors = {h};
    s.drifting = {h};
    s.leads = {lead(h, 3, h, h), lead(h, std::nullopt)};
    s.leads_listed = 2;
    s.last_change = CommitRef{h, kAsOf - kDay, h, h};
    s.readme_change = s.last_change;
    s.flags = {{h, h}};
  }
  r.sweeps = {{{h, kAsOf - kDay, h, h}, h, {h, h}}};
  r.bots = {h};
  r.unowned = {h};
  r.orphans = {h};
  r.governance = {{h, h, h}};
  r.attention = {{r.sigs[0].name, h, h}, {r.sigs[1].name, h, h}, {"", h, h}, {h, h, h}};
  std::string html = render_html(r);

  EXPECT_EQ(structure_problems(html), std::vector<std::string>());
  EXPECT_EQ(count(html, "<script"), 1u);  // the renderer's own
  EXPECT_EQ(html.find("<img"), std::string::npos);
  // onerror= appears only inside escaped text, never after a raw '<'.
  for (auto p = html.find("onerror="); p != std::string::npos; p = html.find("onerror=", p + 1)) {
    EXPECT_EQ(html.rfind("&lt;img src=x ", p), p - 14) << html.substr(p - 40, 80);
  }
  EXPECT_GT(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;"), 40u);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&apos;&amp;x"),
            std::string::npos);
  // Ids reduced to [a-z0-9-] (structure_problems checks every id) and the links agree.
  EXPECT_NE(html.find("id=\"sig-script-alert-1-script\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#sig-script-alert-1-script\""), std::string::npos);
  EXPECT_NE(html.find("id=\"sig-img-src-x-onerror-alert-1\""), std::string::npos);
  EXPECT_NE(html.find("id=\"sig-script-alert-1-script-img-src-x-onerror-alert-1-x-http-evil\""),
            std::string::npos);
  // The attribute values are escaped too (the sort key of the SIG column).
  EXPECT_NE(html.find("data-sort=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), std::string::npos);
  // The hostile URL is text, not a link.
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
}

TEST(ReportHtml, CollidingIdsStayUnique) {
  Report r = sample();
  r.sigs[0].name = "Data Platform";
  r.sigs[1].name = "data-platform";
  r.sigs[2].name = "数据";  // nothing left after sanitising
  std::string html = render_html(r);
  EXPECT_NE(html.find("id=\"sig-data-platform\""), std::string::npos);
  EXPECT_NE(html.find("id=\"sig-data-platform-2\""), std::string::npos);
  EXPECT_NE(html.find("<section class=\"sig\" id=\"sig\">"), std::string::npos);
  EXPECT_EQ(structure_problems(html), std::vector<std::string>());
}

TEST(ReportHtml, HiddenPeople) {
  Report r = sample();
  r.people = false;
  for (SigReport& s : r.sigs) {
    s.contributors.clear();
    s.new_contributors.clear();
    s.drifting.clear();
    for (LeadActivity& l : s.leads) l.name.clear();
  }
  r.sigs[2].leads_listed = 2;  // listed, but no lead entries to show
  std::string html = render_html(r);
  EXPECT_NE(html.find("People are hidden"), std::string::npos);
  std::string api = between(html, "id=\"sig-api\"", "</section>");
  EXPECT_NE(api.find("5 (names hidden)"), std::string::npos);  // contributors count kept
  EXPECT_NE(api.find("<dt>New</dt><dd>1</dd>"), std::string::npos);
  EXPECT_NE(api.find("<td>lead 1</td>"), std::string::npos);
  EXPECT_NE(html.find("2 leads, names hidden"), std::string::npos);
  EXPECT_EQ(structure_problems(html), std::vector<std::string>());
}

TEST(ReportHtml, ZeroSigsStillAValidPage) {
  Report r;
  r.as_of = kAsOf;
  r.window_spec = "90d";
  r.window_seconds = 90 * kDay;
  r.windows = {{kAsOf - 90 * kDay, kAsOf}};
  r.repositories = {"."};
  r.history_complete = true;
  std::string html = render_html(r);
  EXPECT_EQ(structure_problems(html), std::vector<std::string>());
  EXPECT_NE(html.find("Nothing needs attention"), std::string::npos);
  EXPECT_NE(html.find("<table id=\"overview\">"), std::string::npos);
  EXPECT_NE(html.find("<tbody>\n</tbody>"), std::string::npos);
  EXPECT_NE(html.find("No SIGs in the registry."), std::string::npos);
  EXPECT_NE(html.find("table.dataset.sortable = 'ready';"), std::string::npos);
  EXPECT_EQ(html, render_html(r));

  // Not even a window (a report that was never filled in).
  EXPECT_EQ(structure_problems(render_html(Report{})), std::vector<std::string>());
}

}  // namespace
}  // namespace sigwarden::report
