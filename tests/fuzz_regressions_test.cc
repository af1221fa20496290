// Inputs the fuzz targets (fuzz/, docs/fuzzing.md) found to crash, each fed to the entry point of
// the target that found it. A new finding gets a test here next to its fix.
#include <gtest/gtest.h>

#include "core/error.h"
#include "lint/catalogue.h"
#include "ownership/codeowners.h"
#include "ownership/glob.h"
#include "report/render.h"

namespace sigwarden {
namespace {

// fuzz/catalogue: a rule set whose root or one of whose rules is a scalar made yaml-cpp throw
// YAML::BadSubscript out of add_rule_set, and `rules:` written as a mapping YAML::InvalidNode,
// instead of the Error its contract promises.
TEST(FuzzRegressions, CatalogueRuleSetOfTheWrongShapeThrowsError) {
  for (const char* text :
       {"x\n", "rules:\n  - x\n", "rules: [a, b]\n", "rules:\n  id: x\n  level: error\n"}) {
    Catalogue catalogue;
    EXPECT_THROW(catalogue.add_rule_set("fuzz.yaml", text), Error) << text;
  }
  Catalogue catalogue;
  EXPECT_NO_THROW(catalogue.add_rule_set("empty.yaml", ""));
  EXPECT_TRUE(catalogue.rules().empty());
}

// fuzz/glob: a pattern with an empty segment ("docs//scr") was taken for a literal prefix that
// stopped at the gap, so it owned everything under docs/. GitHub (and the pattern's own regex)
// match nothing with it.
TEST(FuzzRegressions, EmptySegmentIsNotALiteralPrefix) {
  for (const char* text : {"docs//scr", "docs//", "/docs//x"}) {
    std::string error;
    auto pattern = parse_glob(text, &error);
    ASSERT_TRUE(pattern) << text << ": " << error;
    GlobMatcher m(*pattern);
    EXPECT_FALSE(m.matches("docs/guide.md")) << text;
    EXPECT_FALSE(m.matches("docs/scr")) << text;
  }
}

// fuzz/codeowners (its differential check against testing every rule): GitHub anchors "**/a/b"
// (a slash after the "**/"), and its literal segments "a", "b" went into the matcher's trie of
// root-anchored rules, so the line owned a/b but not x/a/b, which its regex and GitHub match;
// "/**/a" likewise.
TEST(FuzzRegressions, DoubleStarPatternWithSlashesMatchesAtAnyDepth) {
  std::string text = "* @all\n**/logs@org/team @ops\n**/docs/api/ @api\n";
  auto file = parse_codeowners("CODEOWNERS", text, text.size(), GlobFlavor::kGithub);
  CodeownersMatcher m(file);
  EXPECT_EQ(m.match("logs@org/team"), 1);
  EXPECT_EQ(m.match("a/logs@org/team"), 1);
  EXPECT_EQ(m.match("docs/api/v1.md"), 2);
  EXPECT_EQ(m.match("web/docs/api/v1.md"), 2);
  EXPECT_EQ(m.all_matches("web/docs/api/v1.md"), (std::vector<int>{0, 2}));
  EXPECT_EQ(m.match("web/docs/apix/v1.md"), 0);
  // The same with the leading slash ("/**/x" is anchored, and x may be at any depth).
  for (GlobFlavor flavor : {GlobFlavor::kGithub, GlobFlavor::kGitlab}) {
    std::string lead = "* @all\n/**/lspace/ @x\n";
    auto led = parse_codeowners("CODEOWNERS", lead, lead.size(), flavor);
    CodeownersMatcher lm(led);
    EXPECT_EQ(lm.match("lspace/a.c"), 1);
    EXPECT_EQ(lm.match("deep/down/lspace/a.c"), 1);
    EXPECT_EQ(lm.match("lspaces/a.c"), 0);
  }
}

// fuzz/glob (matcher against its own regex): GitLab's "[]" became the regex "[]", which RE2
// reads as a class starting with ']' that runs on to the next ']', so the pattern and its regex
// disagreed. "[]" is an empty set (Ruby's fnmatch): it matches nothing; "[!]" any character
// but '/'.
TEST(FuzzRegressions, EmptyCharacterClassMatchesNothing) {
  auto glob = [](const char* text) {
    std::string error;
    auto pattern = parse_glob(text, &error, GlobFlavor::kGitlab);
    EXPECT_TRUE(pattern) << text << ": " << error;
    return GlobMatcher(std::move(*pattern));
  };
  EXPECT_FALSE(glob("a[]b").matches("ab"));
  EXPECT_FALSE(glob("a[]b").matches("a]b"));
  EXPECT_FALSE(glob("][]//scdo2*").matches("][]//scdo2\x11"));
  EXPECT_TRUE(glob("a[!]b").matches("axb"));
  EXPECT_FALSE(glob("a[!]b").matches("a/b"));
}

// fuzz/report_json: numbers out of range in a report given to --merge: 1e999 made the JSON
// parser throw out_of_range (an internal error), floats reached get<int64_t> (undefined), and
// huge counts or window lengths overflowed later arithmetic.
TEST(FuzzRegressions, ReportJsonNumbersOutOfRangeAreErrors) {
  EXPECT_THROW(report::parse_json("1e999", "x"), Error);
  report::Report r;
  r.as_of = 1782864000;
  r.window_seconds = 90 * 86400;
  r.windows = {{r.as_of - r.window_seconds, r.as_of}};
  r.window_spec = "90d";
  std::string good = report::render_json(r);
  EXPECT_NO_THROW(report::parse_json(good, "good"));
  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    return text.replace(pos, from.size(), to);
  };
  for (const auto& bad :
       {with("\"days\": 90", "\"days\": 106751991167301"), with("\"days\": 90", "\"days\": 90.5"),
        with("\"scannedCommits\": 0", "\"scannedCommits\": 5.9e123"),
        with("\"unownedFiles\": 0", "\"unownedFiles\": 2147483647"),
        with("\"unownedFiles\": 0", "\"unownedFiles\": -1")}) {
    try {
      report::parse_json(bad, "'bad.json'");
      ADD_FAILURE() << "accepted: " << bad.substr(0, 300);
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("read report 'bad.json'"), std::string::npos)
          << e.what();
    }
  }
}

}  // namespace
}  // namespace sigwarden
