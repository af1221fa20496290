// The CI output formats (src/output/ci_formats.h): golden files from the demo fixture for every
// format, SARIF checked against GitHub's ingestion requirements, and hand-made reports whose text
// is hostile (HTML, Markdown links, @mentions, workflow commands, control characters) with the
// exact escaped output of each format. SIGWARDEN_UPDATE_GOLDEN=1 rewrites the golden files.
#include "output/ci_formats.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "core/error.h"
#include "git/repository.h"
#include "lint/catalogue.h"
#include "output/ci_escape.h"
#include "support/cli.h"
#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using nlohmann::json;
using testing::build_fixture_repo;
using testing::expect_golden;
using testing::run_cli;
using testing::stable;
using testing::TempDir;

const git::Library kLibgit2;

// ---------------------------------------------------------------------------------------------
// Hand-made reports.

const std::string kHostile =
    "<script>alert(1)</script> [x](http://evil) ![img](x) @someone ::error::boom %0A a\nb\rc "
    "\x1b[31mred \"quotes\" & 'apos'";
const std::string kHostilePath = "sigs/a,b:c/my file.md";

struct Report {
  std::vector<Finding> findings;
  LintReport report;

  Report() {
    report.repository = "/src/community";
    report.revision = "HEAD";
    report.commit = "c0ffee0000000000000000000000000000000000";
    report.layout = "markdown";
    report.index_files = {"sigs/README.md"};
    report.groups = 2;
    report.findings = &findings;
  }
  Finding& add(std::string rule, Level level, std::string message, Location where,
               std::string sig = "", std::string dir = "", std::string fp = "") {
    Finding f;
    f.rule = std::move(rule);
    f.level = level;
    f.message = std::move(message);
    f.location = std::move(where);
    f.sig = std::move(sig);
    f.dir = std::move(dir);
    f.fingerprint = std::move(fp);
    findings.push_back(std::move(f));
    return findings.back();
  }
};

// One error whose message, SIG and path are hostile.
Report hostile() {
  Report r;
  r.add("sig-lead-missing", Level::kError, kHostile, {kHostilePath, 3, 5}, "Evil|SIG <b>",
        "sigs/evil", "0123456789abcdef");
  return r;
}

const std::string kMarkdownMessage =
    "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](http:&#8203;//evil) !\\[img\\](x) "
    "@&#8203;someone ::error::boom %0A a\\x0ab\\x0dc \\x1b\\[31mred \"quotes\" &amp; 'apos'";

TEST(CiFormatsHostile, GithubEscapesDataAndProperties) {
  Report r = hostile();
  EXPECT_EQ(render_github(r.report),
            "::error file=sigs/a%2Cb%3Ac/my file.md,line=3,col=5,title=sig-lead-missing::"
            "<script>alert(1)</script> [x](http://evil) ![img](x) @someone ::error::boom %250A "
            "a%0Ab%0Dc \\x1b[31mred \"quotes\" & 'apos'\n"
            "1 finding (1 error, 0 warnings, 0 notes) in 1 of 2 groups; layout markdown, HEAD at "
            "c0ffee000000\n");
}

TEST(CiFormatsHostile, GithubCommandsCannotBeInjected) {
  // A message that tries to end the command and start another on a new line, and a revision
  // (user input, shown in the summary line) that does the same.
  Report r;
  r.report.revision = "main\n::error::injected";
  r.add("link-broken", Level::kWarning, "x\n::error file=a::injected\r\n::stop-commands::t",
        {"a.md", 1, 1});
  std::string out = render_github(r.report);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;
  EXPECT_EQ(out.rfind("::warning file=a.md,line=1,col=1,title=link-broken::", 0), 0u) << out;
  EXPECT_EQ(out.find("\n::"), std::string::npos) << out;
  EXPECT_NE(out.find("::x%0A::error file=a::injected%0D%0A::stop-commands::t\n"), std::string::npos)
      << out;
  EXPECT_NE(
      out.find("\n1 finding (0 errors, 1 warning, 0 notes) in 0 of 2 groups; layout markdown, "
               "main%0A::error::injected at c0ffee000000\n"),
      std::string::npos)
      << out;
}

TEST(CiFormatsHostile, MarkdownReportEscapesEverything) {
  Report r = hostile();
  EXPECT_EQ(render_markdown(r.report),
            "# sigwarden report\n\n"
            "1 finding (1 error, 0 warnings, 0 notes) in 1 of 2 groups; layout markdown, HEAD at "
            "c0ffee000000\n\n"
            "| Level | Findings |\n|:---|---:|\n| error | 1 |\n| warning | 0 |\n| note | 0 |\n"
            "| total | 1 |\n\n"
            "Index files: sigs/README.md\n\n"
            "## Evil\\|SIG &lt;b&gt; (sigs/evil)\n\n"
            "| Location | Level | Rule | Message |\n|:---|:---|:---|:---|\n"
            "| sigs/a,b:c/my file.md:3:5 | error | sig-lead-missing | " +
                kMarkdownMessage + " |\n");
}

TEST(CiFormatsHostile, GithubSummaryEscapesEverything) {
  Report r = hostile();
  EXPECT_EQ(render_github_summary(r.report),
            "### sigwarden: 1 error, 0 warnings, 0 notes\n\n"
            "1 finding (1 error, 0 warnings, 0 notes) in 1 of 2 groups; layout markdown, HEAD at "
            "c0ffee000000\n\n"
            "| SIG | Folder | Errors | Warnings | Notes |\n|:---|:---|---:|---:|---:|\n"
            "| Evil\\|SIG &lt;b&gt; | sigs/evil | 1 | 0 | 0 |\n\n"
            "<details><summary>Findings</summary>\n\n"
            "| Location | Level | Rule | Message |\n|:---|:---|:---|:---|\n"
            "| sigs/a,b:c/my file.md:3:5 | error | sig-lead-missing | " +
                kMarkdownMessage + " |\n\n</details>\n");
}

TEST(CiFormatsHostile, JunitEscapesXml) {
  Report r = hostile();
  const std::string fix = Catalogue::shipped().find("sig-lead-missing")->fix;
  ASSERT_EQ(fix.find_first_of("<>&\"'"), std::string::npos);
  EXPECT_EQ(render_junit(r.report),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"sigwarden\" tests=\"1\" failures=\"1\" errors=\"0\" "
            "skipped=\"0\">\n"
            "  <testsuite name=\"Evil|SIG &lt;b&gt;\" tests=\"1\" failures=\"1\" errors=\"0\" "
            "skipped=\"0\">\n"
            "    <testcase classname=\"Evil|SIG &lt;b&gt;\" name=\"sig-lead-missing at "
            "sigs/a,b:c/my file.md:3:5\" file=\"sigs/a,b:c/my file.md\" line=\"3\">\n"
            "      <failure message=\"&lt;script&gt;alert(1)&lt;/script&gt; [x](http://evil) "
            "![img](x) @someone ::error::boom %0A a&#10;b&#13;c \\x1b[31mred &quot;quotes&quot; "
            "&amp; &apos;apos&apos;\" type=\"sig-lead-missing\">sigs/a,b:c/my file.md:3:5: error: "
            "&lt;script&gt;alert(1)&lt;/script&gt; [x](http://evil) ![img](x) @someone "
            "::error::boom %0A a\nb&#13;c \\x1b[31mred &quot;quotes&quot; &amp; &apos;apos&apos; "
            "[sig-lead-missing]\nHow to fix: " +
                fix +
                "</failure>\n"
                "    </testcase>\n"
                "  </testsuite>\n"
                "</testsuites>\n");
}

TEST(CiFormatsHostile, GitlabIsJson) {
  Report r = hostile();
  EXPECT_EQ(render_gitlab(r.report), R"json([
  {
    "description": "<script>alert(1)</script> [x](http://evil) ![img](x) @someone ::error::boom %0A a\nb\rc \u001b[31mred \"quotes\" & 'apos'",
    "check_name": "sig-lead-missing",
    "fingerprint": "0123456789abcdef",
    "severity": "major",
    "location": {
      "path": "sigs/a,b:c/my file.md",
      "lines": {
        "begin": 3
      }
    }
  }
]
)json");
}

TEST(CiFormatsHostile, RdjsonIsJson) {
  Report r = hostile();
  EXPECT_EQ(render_rdjson(r.report), R"json({
  "source": {
    "name": "sigwarden"
  },
  "diagnostics": [
    {
      "message": "<script>alert(1)</script> [x](http://evil) ![img](x) @someone ::error::boom %0A a\nb\rc \u001b[31mred \"quotes\" & 'apos'",
      "location": {
        "path": "sigs/a,b:c/my file.md",
        "range": {
          "start": {
            "line": 3,
            "column": 5
          }
        }
      },
      "severity": "ERROR",
      "code": {
        "value": "sig-lead-missing"
      }
    }
  ]
}
)json");
}

TEST(CiFormatsHostile, SarifKeepsTextAndEscapesTheUri) {
  Report r = hostile();
  std::string out = render_sarif(r.report);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_NE(out.find("\\u001b[31mred"), std::string::npos);
  auto doc = json::parse(out);
  const auto& result = doc["runs"][0]["results"][0];
  EXPECT_EQ(result["message"]["text"], kHostile);
  const auto& loc = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "sigs/a%2Cb%3Ac/my%20file.md");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(loc["region"], json({{"startLine", 3}, {"startColumn", 5}}));
  EXPECT_EQ(result["partialFingerprints"], json({{"sigwarden/v1", "0123456789abcdef"}}));
  EXPECT_EQ(result["ruleId"], "sig-lead-missing");
  EXPECT_EQ(result["level"], "error");
}

// ---------------------------------------------------------------------------------------------
// Locations: whole folders, whole files, no path, patterns among the index files.

Report odd_locations() {
  Report r;
  r.report.index_files = {"sig/*/sig-info.yaml", "sig/sigs.yaml"};
  r.add("sig-unlisted-folder", Level::kWarning, "folder sig/New is not listed", {"sig/New", 0, 0},
        "", "sig/New", "1111111111111111");
  r.add("file-too-large", Level::kError, "sig/big.yaml is too large", {"sig/big.yaml", 0, 0}, "",
        "", "2222222222222222");
  r.add("registry-schema", Level::kNote, "no path", {"", 0, 0}, "", "", "3333333333333333");
  // Two placeholders that share a fingerprint (same rule, SIG, path and subject).
  r.add("sig-placeholder", Level::kWarning, "placeholder", {"sig/A/README.md", 4, 1}, "A", "sig/A",
        "4444444444444444");
  r.add("sig-placeholder", Level::kWarning, "placeholder", {"sig/A/README.md", 9, 1}, "A", "sig/A",
        "4444444444444444");
  return r;
}

TEST(CiFormatsLocations, SarifPointsFoldersAndPathlessFindingsAtTheIndex) {
  Report r = odd_locations();
  auto doc = json::parse(render_sarif(r.report));
  std::map<std::string, json> by_message;
  for (const auto& res : doc["runs"][0]["results"]) {
    by_message[res["message"]["text"].get<std::string>()] = res["locations"][0]["physicalLocation"];
  }
  ASSERT_EQ(by_message.size(), 4u);
  auto expect_at = [&](const std::string& message, const std::string& uri) {
    const json& loc = by_message[message];
    EXPECT_EQ(loc["artifactLocation"]["uri"], uri) << message;
    EXPECT_EQ(loc["region"], json({{"startLine", 1}})) << message;
  };
  expect_at("folder sig/New is not listed", "sig/sigs.yaml");  // the pattern is skipped
  expect_at("sig/big.yaml is too large", "sig/big.yaml");      // a whole file: its line 1
  expect_at("no path", "sig/sigs.yaml");

  // Without a usable index file, a folder finding keeps its own path.
  r.report.index_files = {"sig/*/sig-info.yaml"};
  auto doc2 = json::parse(render_sarif(r.report));
  std::set<std::string> uris;
  for (const auto& res : doc2["runs"][0]["results"]) {
    uris.insert(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
    EXPECT_GE(res["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>(), 1);
  }
  EXPECT_EQ(uris, (std::set<std::string>{".", "sig/New", "sig/big.yaml", "sig/A/README.md"}));
}

TEST(CiFormatsLocations, GithubOmitsUnknownLineAndColumn) {
  Report r = odd_locations();
  EXPECT_EQ(render_github(r.report),
            "::notice file=sig/sigs.yaml,line=1,title=registry-schema::no path\n"
            "::warning file=sig/sigs.yaml,line=1,title=sig-unlisted-folder::folder sig/New is not "
            "listed\n"
            "::error file=sig/big.yaml,title=file-too-large::sig/big.yaml is too large\n"
            "::warning file=sig/A/README.md,line=4,col=1,title=sig-placeholder::placeholder\n"
            "::warning file=sig/A/README.md,line=9,col=1,title=sig-placeholder::placeholder\n"
            "5 findings (1 error, 3 warnings, 1 note) in 1 of 2 groups; layout markdown, HEAD at "
            "c0ffee000000\n");
}

TEST(CiFormatsLocations, GitlabLinesStartAtOneAndFingerprintsAreUnique) {
  Report r = odd_locations();
  auto doc = json::parse(render_gitlab(r.report));
  ASSERT_EQ(doc.size(), 5u);
  std::set<std::string> fingerprints;
  for (const auto& issue : doc) {
    EXPECT_GE(issue["location"]["lines"]["begin"].get<int>(), 1);
    EXPECT_FALSE(issue["location"]["path"].get<std::string>().empty());
    fingerprints.insert(issue["fingerprint"].get<std::string>());
  }
  EXPECT_EQ(fingerprints,
            (std::set<std::string>{"1111111111111111", "2222222222222222", "3333333333333333",
                                   "4444444444444444", "4444444444444444-2"}));
  // Sorted: the finding without a path, the folder, the file, then SIG A.
  EXPECT_EQ(doc[0]["severity"], "info");   // the note
  EXPECT_EQ(doc[1]["severity"], "minor");  // a warning
  EXPECT_EQ(doc[1]["location"]["path"], "sig/sigs.yaml");
  EXPECT_EQ(doc[2]["severity"], "major");  // file-too-large, an error
  EXPECT_EQ(doc[2]["location"]["path"], "sig/big.yaml");
}

TEST(CiFormatsLocations, RdjsonOmitsTheRangeOfWholeFiles) {
  Report r = odd_locations();
  auto doc = json::parse(render_rdjson(r.report));
  ASSERT_EQ(doc["diagnostics"].size(), 5u);
  EXPECT_EQ(doc["diagnostics"][2]["location"], json({{"path", "sig/big.yaml"}}));
  EXPECT_EQ(doc["diagnostics"][2]["severity"], "ERROR");
  EXPECT_EQ(doc["diagnostics"][1]["severity"], "WARNING");
  EXPECT_EQ(doc["diagnostics"][0]["severity"], "INFO");
  EXPECT_EQ(doc["diagnostics"][1]["location"],
            json::parse(R"({"path": "sig/sigs.yaml", "range": {"start": {"line": 1}}})"));
  EXPECT_EQ(doc["diagnostics"][3]["location"]["range"]["start"],
            json({{"line", 4}, {"column", 1}}));
}

TEST(CiFormatsLocations, SarifAbsolutePathsAndUnknownRules) {
  Report r;
  r.add("suppression-expired", Level::kError, "expired", {"/tmp/my dir/cfg.yaml", 2, 1});
  r.add("no-such-rule", Level::kWarning, "", {"a.md", 1, 1});
  auto doc = json::parse(render_sarif(r.report));
  const auto& run = doc["runs"][0];
  ASSERT_EQ(run["results"].size(), 2u);
  // Sorted by path: "/tmp/..." comes before "a.md".
  const auto& abs = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(abs, json({{"uri", "file:///tmp/my%20dir/cfg.yaml"}}));
  // The unknown rule still gets a complete descriptor and the result a non-empty message.
  const auto& unknown = run["results"][1];
  EXPECT_EQ(unknown["ruleId"], "no-such-rule");
  EXPECT_EQ(unknown["message"]["text"], "no-such-rule");
  const auto& rule = run["tool"]["driver"]["rules"][unknown["ruleIndex"].get<int>()];
  EXPECT_EQ(rule["id"], "no-such-rule");
  EXPECT_EQ(rule["name"], "NoSuchRule");
  EXPECT_EQ(rule["shortDescription"]["text"], "sigwarden rule no-such-rule");
  EXPECT_EQ(rule["defaultConfiguration"]["level"], "warning");
  // Fingerprints are computed when a finding has none.
  Finding copy = r.findings[0];
  EXPECT_EQ(run["results"][0]["partialFingerprints"]["sigwarden/v1"], fingerprint_of(copy));
}

// ---------------------------------------------------------------------------------------------
// No findings.

TEST(CiFormatsEmpty, EveryFormatSaysSoInItsOwnWay) {
  Report r;
  EXPECT_EQ(render_junit(r.report),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"sigwarden\" tests=\"1\" failures=\"0\" errors=\"0\" "
            "skipped=\"0\">\n"
            "  <testsuite name=\"repository\" tests=\"1\" failures=\"0\" errors=\"0\" "
            "skipped=\"0\">\n"
            "    <testcase classname=\"repository\" name=\"no findings in 2 groups\"/>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
  EXPECT_EQ(render_gitlab(r.report), "[]\n");
  EXPECT_EQ(json::parse(render_rdjson(r.report))["diagnostics"], json::array());
  auto sarif = json::parse(render_sarif(r.report));
  EXPECT_EQ(sarif["runs"][0]["results"], json::array());
  EXPECT_EQ(sarif["runs"][0]["tool"]["driver"]["rules"], json::array());
  EXPECT_EQ(render_github(r.report),
            "0 findings (0 errors, 0 warnings, 0 notes) in 0 of 2 groups; layout markdown, HEAD "
            "at c0ffee000000\n");
  EXPECT_EQ(render_github_summary(r.report),
            "### sigwarden: no findings\n\n0 findings (0 errors, 0 warnings, 0 notes) in 0 of 2 "
            "groups; layout markdown, HEAD at c0ffee000000\n");
  std::string md = render_markdown(r.report);
  EXPECT_NE(md.find("| total | 0 |\n\nIndex files: sigs/README.md\n\nNo findings.\n"),
            std::string::npos)
      << md;
  LintReport null_findings = r.report;
  null_findings.findings = nullptr;
  EXPECT_EQ(render_gitlab(null_findings), "[]\n");
}

// ---------------------------------------------------------------------------------------------
// The escaping helpers.

TEST(CiEscape, Utf8IsRepaired) {
  EXPECT_EQ(ci::valid_utf8("组长 ok"), "组长 ok");
  EXPECT_EQ(ci::valid_utf8("a\xE9z"), "a\xEF\xBF\xBDz");          // stray Latin-1 byte
  EXPECT_EQ(ci::valid_utf8("\xC0\x80"), "\xEF\xBF\xBD");          // overlong NUL
  EXPECT_EQ(ci::valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD");      // surrogate
  EXPECT_EQ(ci::valid_utf8("\xF4\x90\x80\x80"), "\xEF\xBF\xBD");  // > U+10FFFF
  EXPECT_EQ(ci::valid_utf8("x\xE7\xBB"), "x\xEF\xBF\xBD");        // truncated
  EXPECT_EQ(ci::valid_utf8("\xE7\xBB"
                           "a"),
            "\xEF\xBF\xBD"
            "a");  // cut by ASCII
}

TEST(CiEscape, PrintableShowsWhatATerminalWouldObey) {
  EXPECT_EQ(ci::printable("组长 ok, café"), "组长 ok, café");
  EXPECT_EQ(ci::printable("a\x1b[31mb\nc\rd\x7f"), "a\\x1b[31mb\\x0ac\\x0dd\\x7f");
  EXPECT_EQ(ci::printable("csi \xC2\x9B"
                          "31m"),
            "csi \\u009b31m");  // C1 CSI
  EXPECT_EQ(ci::printable("\xE2\x80\xAE"
                          "txt.exe"),
            "\\u202etxt.exe");  // right-to-left override
  EXPECT_EQ(ci::printable("\xE2\x81\xA6x\xE2\x81\xA9"), "\\u2066x\\u2069");  // isolates
  EXPECT_EQ(ci::printable("\xE2\x80\x8F"), "\xE2\x80\x8F");  // a plain RLM mark is left alone
  EXPECT_EQ(ci::printable("a\xFF"
                          "b\xE7\xBB"),
            "a\\xffb\\xe7\\xbb");                      // invalid bytes as they are
  EXPECT_EQ(ci::printable("\xC0\x80"), "\\xc0\\x80");  // overlong NUL
}

TEST(CiEscape, CodeSpans) {
  EXPECT_EQ(ci::code_span("a`b\nc"), "`a b c`");
  EXPECT_EQ(ci::code_span("x\x1b[31m\x07"), "`x\\x1b[31m\\x07`");
  EXPECT_EQ(ci::code_span("a|b"), "`a|b`");
  EXPECT_EQ(ci::code_span("a|b", "\\|"), "`a\\|b`");
  EXPECT_EQ(ci::code_span("a\xFF"), "`a\xEF\xBF\xBD`");
}

TEST(CiEscape, XmlDropsWhatXmlCannotCarry) {
  EXPECT_EQ(ci::escape_xml("a\tb\nc", false), "a\tb\nc");
  EXPECT_EQ(ci::escape_xml("a\tb\nc", true), "a&#9;b&#10;c");
  EXPECT_EQ(ci::escape_xml(std::string("nul\0bel\x07"
                                       "del\x7f",
                                       12),
                           false),
            "nul\\x00bel\\x07del\\x7f");
  EXPECT_EQ(ci::escape_xml("\xEF\xBF\xBF\xEF\xBF\xBE\xEF\xBF\xBD", false),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ci::escape_xml("]]>", false), "]]&gt;");
}

TEST(CiEscape, MarkdownNeutralisesMarkupLinksAndReferences) {
  EXPECT_EQ(ci::escape_markdown("a|b `c` *d* _e_ ~f~ $g$ \\h"),
            "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\~f\\~ \\$g\\$ \\\\h");
  EXPECT_EQ(ci::escape_markdown("see www.evil.example and WWW.x.y"),
            "see www&#8203;.evil.example and WWW&#8203;.x.y");
  EXPECT_EQ(ci::escape_markdown("fixes #12, ## not a heading #"),
            "fixes \\#&#8203;12, \\#\\# not a heading \\#");
  EXPECT_EQ(ci::escape_markdown("mail sig@lists.example.org or @org/team"),
            "mail sig@&#8203;lists.example.org or @&#8203;org/team");
  EXPECT_EQ(ci::escape_markdown("&lt; is < and <!-- x -->"),
            "&amp;lt; is &lt; and &lt;!-- x --&gt;");
  EXPECT_EQ(ci::escape_markdown("tab\tend"), "tab\\x09end");
}

TEST(CiEscape, GithubDataAndProperties) {
  EXPECT_EQ(ci::escape_github_data("100% a:b,c\r\n"), "100%25 a:b,c%0D%0A");
  EXPECT_EQ(ci::escape_github_property("100% a:b,c\r\n"), "100%25 a%3Ab%2Cc%0D%0A");
  EXPECT_EQ(ci::escape_github_data("\x1b[0m\x07"), "\\x1b[0m\\x07");
}

TEST(CiEscape, UriPaths) {
  EXPECT_EQ(ci::escape_uri_path("sigs/a b/组.md"), "sigs/a%20b/%E7%BB%84.md");
  EXPECT_EQ(ci::escape_uri_path("a%2C#?[x]@!+=;'()*~-_."),
            "a%252C%23%3F%5Bx%5D%40%21%2B%3D%3B%27%28%29%2A~-_.");
}

// ---------------------------------------------------------------------------------------------
// The job summary file.

// Sets an environment variable for the scope of a test and restores the previous value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(CiStepSummary, LongListsAreCutOff) {
  Report r;
  for (int i = 0; i < 1001; ++i) {
    r.add("link-broken", Level::kError, fmt::format("broken {:04}", i), {"a.md", i + 1, 1});
  }
  std::string out = render_github_summary(r.report);
  EXPECT_NE(out.find("| a.md:1000:1 | error | link-broken | broken 0999 |\n"), std::string::npos);
  EXPECT_EQ(out.find("broken 1000"), std::string::npos);
  EXPECT_NE(out.find("\nThe first 1000 of 1001 findings are listed; the sarif, json or markdown "
                     "output has them all.\n\n</details>\n"),
            std::string::npos);
  EXPECT_NE(out.find("| repository |  | 1001 | 0 | 0 |\n"), std::string::npos);
}

TEST(CiStepSummary, AppendsToTheNamedFile) {
  TempDir dir;
  auto file = dir.path() / "summary.md";
  std::ofstream(file) << "earlier step\n";
  Report r = hostile();
  {
    ScopedEnv env("GITHUB_STEP_SUMMARY", file.c_str());
    write_github_step_summary(r.report);
  }
  EXPECT_EQ(testing::read_file(file), "earlier step\n\n" + render_github_summary(r.report));
}

TEST(CiStepSummary, UnsetOrEmptyWritesNothing) {
  Report r = hostile();
  ScopedEnv unset("GITHUB_STEP_SUMMARY", nullptr);
  EXPECT_NO_THROW(write_github_step_summary(r.report));
  ScopedEnv empty("GITHUB_STEP_SUMMARY", "");
  EXPECT_NO_THROW(write_github_step_summary(r.report));
}

TEST(CiStepSummary, FailureNamesTheFile) {
  TempDir dir;
  std::string bad = (dir.path() / "missing-dir" / "summary.md").string();
  ScopedEnv env("GITHUB_STEP_SUMMARY", bad.c_str());
  Report r = hostile();
  try {
    write_github_step_summary(r.report);
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "append the job summary to '" + bad +
                                         "' (GITHUB_STEP_SUMMARY): No such file or directory");
  }
}

// ---------------------------------------------------------------------------------------------
// The demo fixture through the command line.

struct Demo {
  TempDir dir;
  std::string commit;
  std::string repo;
  Demo() : commit(build_fixture_repo("demo", dir.path())), repo(dir.path().string()) {}
  std::string lint(const std::string& format) {
    auto r = run_cli({"lint", "--repo", repo, "--format", format});
    EXPECT_EQ(r.status, 1) << format << ": " << r.err;
    EXPECT_EQ(r.err, "") << format;
    return r.out;
  }
};

TEST(CiFormatsDemo, EveryFormatMatchesItsGoldenFile) {
  Demo demo;
  for (const auto& [format, golden] :
       std::vector<std::pair<std::string, std::string>>{{"sarif", "demo.lint.sarif"},
                                                        {"github", "demo.lint.github"},
                                                        {"junit", "demo.lint.junit.xml"},
                                                        {"gitlab", "demo.lint.gitlab.json"},
                                                        {"rdjson", "demo.lint.rdjson"},
                                                        {"markdown", "demo.lint.md"}}) {
    SCOPED_TRACE(format);
    expect_golden(golden, stable(demo.lint(format), demo.repo, demo.commit));
  }
}

// Rebuilds the LintReport from the public JSON document (every field the renderers use).
struct ReportFromJson {
  std::vector<Finding> findings;
  LintReport report;
  explicit ReportFromJson(const json& doc) {
    report.repository = doc["repository"].get<std::string>();
    report.revision = doc["revision"].get<std::string>();
    report.commit = doc["commit"].get<std::string>();
    report.layout = doc["layout"].get<std::string>();
    report.index_files = doc["indexFiles"].get<std::vector<std::string>>();
    report.groups = doc["groups"].get<int>();
    report.suppressed = doc["suppressed"].get<int>();
    for (const auto& j : doc["findings"]) {
      Finding f;
      f.rule = j["rule"].get<std::string>();
      EXPECT_TRUE(parse_level(j["level"].get<std::string>(), &f.level));
      f.message = j["message"].get<std::string>();
      f.sig = j["sig"].get<std::string>();
      f.dir = j["dir"].get<std::string>();
      f.location.path = j["location"]["path"].get<std::string>();
      f.location.line = j["location"]["line"].get<int>();
      f.location.column = j["location"]["column"].get<int>();
      f.fingerprint = j["fingerprint"].get<std::string>();
      findings.push_back(std::move(f));
    }
    report.findings = &findings;
  }
};

TEST(CiFormatsDemo, GithubSummaryMatchesItsGoldenFile) {
  Demo demo;
  ReportFromJson from(json::parse(demo.lint("json")));
  ASSERT_EQ(from.findings.size(), 23u);  // fixtures/demo.expected.md: 23 findings
  // The renderers agree with the command line (so the report was rebuilt faithfully).
  EXPECT_EQ(render_github(from.report), demo.lint("github"));
  expect_golden("demo.lint.github-summary.md",
                stable(render_github_summary(from.report), demo.repo, demo.commit));
}

TEST(CiFormatsDemo, SarifHasEverythingGithubRequires) {
  Demo demo;
  auto doc = json::parse(demo.lint("sarif"));
  auto lint_json = json::parse(demo.lint("json"));
  EXPECT_EQ(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(doc["version"], "2.1.0");
  ASSERT_EQ(doc["runs"].size(), 1u);
  const auto& run = doc["runs"][0];
  const auto& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "sigwarden");
  EXPECT_EQ(driver["version"], SIGWARDEN_VERSION);
  EXPECT_EQ(driver["semanticVersion"], SIGWARDEN_VERSION);
  EXPECT_FALSE(driver.contains("informationUri"));  // sigwarden has no public URL yet
  // The category comes from upload-sarif's `category` input, which applies only when the document
  // has no automationDetails (docs/output-formats.md).
  EXPECT_FALSE(run.contains("automationDetails"));
  EXPECT_TRUE(run["originalUriBaseIds"].contains("%SRCROOT%"));
  EXPECT_EQ(run["properties"]["commit"], demo.commit);

  // Rules: exactly those in results, each complete and taken from the shipped catalogue.
  std::set<std::string> used;
  for (const auto& f : lint_json["findings"]) used.insert(f["rule"].get<std::string>());
  const auto& rules = driver["rules"];
  ASSERT_EQ(rules.size(), used.size());
  std::set<std::string> ids;
  for (const auto& rule : rules) {
    std::string id = rule["id"];
    SCOPED_TRACE(id);
    ids.insert(id);
    const Rule* shipped = Catalogue::shipped().find(id);
    ASSERT_NE(shipped, nullptr);
    EXPECT_FALSE(rule["name"].get<std::string>().empty());
    EXPECT_EQ(rule["shortDescription"]["text"], shipped->message);
    EXPECT_EQ(rule["fullDescription"]["text"], shipped->why);
    EXPECT_EQ(rule["help"]["text"], shipped->fix);
    EXPECT_NE(rule["help"]["markdown"].get<std::string>().find("**How to fix:**"),
              std::string::npos);
    EXPECT_EQ(rule["defaultConfiguration"]["level"], level_name(shipped->level));
    EXPECT_LE(rule["shortDescription"]["text"].get<std::string>().size(), 1024u);
    EXPECT_LE(rule["fullDescription"]["text"].get<std::string>().size(), 1024u);
    EXPECT_FALSE(rule["properties"]["tags"].empty());
  }
  EXPECT_EQ(ids, used);

  // Results: one per finding, in the same order, each with everything GitHub needs.
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), lint_json["findings"].size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& res = results[i];
    const auto& finding = lint_json["findings"][i];
    SCOPED_TRACE(finding.dump());
    EXPECT_EQ(res["ruleId"], finding["rule"]);
    EXPECT_EQ(rules[res["ruleIndex"].get<std::size_t>()]["id"], res["ruleId"]);
    EXPECT_EQ(res["level"], finding["level"]);
    EXPECT_EQ(res["message"]["text"], finding["message"]);
    ASSERT_EQ(res["locations"].size(), 1u);
    const auto& loc = res["locations"][0]["physicalLocation"];
    std::string uri = loc["artifactLocation"]["uri"];
    EXPECT_FALSE(uri.empty());
    EXPECT_EQ(uri.find_first_of(" :,#?"), std::string::npos);
    EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_GE(loc["region"]["startLine"].get<int>(), 1);
    if (finding["location"]["line"].get<int>() > 0) {
      EXPECT_EQ(uri, finding["location"]["path"]);  // the demo's paths need no escaping
      EXPECT_EQ(loc["region"]["startLine"], finding["location"]["line"]);
      EXPECT_EQ(loc["region"]["startColumn"], finding["location"]["column"]);
    }
    EXPECT_EQ(res["partialFingerprints"]["sigwarden/v1"], finding["fingerprint"]);
  }
}

TEST(CiFormatsDemo, OutputFlagWritesTheSameDocuments) {
  Demo demo;
  TempDir out;
  auto sarif = out.path() / "lint.sarif";
  auto junit = out.path() / "junit.xml";
  auto r = run_cli({"lint", "--repo", demo.repo, "-q", "--output", "sarif=" + sarif.string(),
                    "--output", "junit=" + junit.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(testing::read_file(sarif), demo.lint("sarif"));
  EXPECT_EQ(testing::read_file(junit), demo.lint("junit"));
}

TEST(CiFormatsCli, AuditAcceptsTheFormatsAndHelpListsThem) {
  TempDir dir;
  build_fixture_repo("ownership", dir.path());
  auto r = run_cli({"audit", "--repo", dir.path().string(), "--format", "sarif"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = json::parse(r.out);
  auto results = doc["runs"][0]["results"];
  EXPECT_EQ(results.size(), 6u);
  for (const auto& res : results) {
    EXPECT_GE(res["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>(), 1);
  }
  const std::string list = "text, json, markdown, sarif, github, junit, gitlab, rdjson";
  for (const char* command : {"lint", "audit"}) {
    auto help = run_cli({command, "--help"});
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.out.find(list), std::string::npos) << command << ":\n" << help.out;
  }
}

}  // namespace
}  // namespace sigwarden
