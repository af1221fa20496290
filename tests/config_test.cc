#include "lint/config.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace sigwarden {
namespace {

Config parse(const std::string& text) {
  return parse_config(".sigwarden.yaml", text, Catalogue::shipped());
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Config, EmptyFileGivesDefaults) {
  Config c = parse("");
  EXPECT_EQ(c.layout, LayoutKind::kAuto);
  EXPECT_TRUE(c.levels.empty());
  EXPECT_FALSE(c.patterns.at("lead_heading").empty());
}

TEST(Config, LevelsLayoutPatternsAndSuppressions) {
  Config c = parse(
      "layout: openeuler\nfail_level: warning\nrules:\n  sig-unlisted-folder: note\n"
      "  link-broken: {level: off}\npatterns:\n  list_heading: ['^Lists$']\n"
      "extend_patterns:\n  placeholder: ['^nobody$']\nsuppress:\n"
      "  - rule: sig-lead-missing\n    sig: FrontEnd\n    reason: being elected\n"
      "    expires: 2030-02-28\n");
  EXPECT_EQ(c.layout, LayoutKind::kOpenEuler);
  EXPECT_EQ(c.fail_level, Level::kWarning);
  EXPECT_EQ(c.levels.at("sig-unlisted-folder"), Level::kNote);
  EXPECT_EQ(c.levels.at("link-broken"), Level::kOff);
  EXPECT_EQ(c.patterns.at("list_heading"), (std::vector<std::string>{"^Lists$"}));
  EXPECT_EQ(c.patterns.at("placeholder").back(), "^nobody$");
  EXPECT_GT(c.patterns.at("placeholder").size(), 1u);
  ASSERT_EQ(c.suppressions.size(), 1u);
  EXPECT_EQ(c.suppressions[0].expires, "2030-02-28");
  EXPECT_EQ(c.suppressions[0].where.line, 14);
}

TEST(Config, ErrorsNameFileLineAndFix) {
  EXPECT_EQ(error_of("rulez: {}\n"),
            "read configuration .sigwarden.yaml:1: unknown key 'rulez' in the configuration (did "
            "you mean 'rules'?); allowed: layout, registry, fail_level, rules, patterns, "
            "extend_patterns, "
            "suppress, owns, teams, codeowners, review, report");
  EXPECT_EQ(error_of("rules:\n  sig-lead-mising: off\n"),
            "read configuration .sigwarden.yaml:2: unknown rule 'sig-lead-mising' (did you mean "
            "'sig-lead-missing'?); `sigwarden rules` lists them");
  EXPECT_EQ(error_of("rules:\n  link-broken: loud\n"),
            "read configuration .sigwarden.yaml:2: level 'loud' of rule link-broken is not one of "
            "error, warning, note, off");
  EXPECT_EQ(error_of("rules:\n  link-broken: {}\n"),
            "read configuration .sigwarden.yaml:2: rule link-broken needs a 'level'");
  EXPECT_EQ(error_of("layout: gitlab\n"),
            "read configuration .sigwarden.yaml:1: layout 'gitlab' is not one of auto, markdown, "
            "openeuler, kubernetes, folders");
  EXPECT_EQ(error_of("patterns:\n  lead_heading: ['(unclosed']\n"),
            "read configuration .sigwarden.yaml:2: patterns.lead_heading: invalid RE2 pattern "
            "'(unclosed': missing ): (unclosed");
  EXPECT_NE(error_of("patterns:\n  leads: ['x']\n").find("unknown pattern set 'leads'"),
            std::string::npos);
  EXPECT_NE(error_of("patterns:\n  placeholder: ['" + std::string(5000, 'a') + "']\n")
                .find("a pattern of 5000 bytes exceeds the limit of 4096 bytes"),
            std::string::npos);
  EXPECT_NE(error_of("rules: [\n").find("not valid YAML"), std::string::npos);
  EXPECT_EQ(error_of("? [a, b]\n: c\n"),
            "read configuration .sigwarden.yaml:1: keys must be plain strings");
}

TEST(Config, OwnershipKeys) {
  Config c = parse(
      "owns:\n  Compiler: [/src/compiler/, '*.mlir']\nteams: '@org/sig-(.+)-reviewers'\n"
      "codeowners: gitlab\n");
  ASSERT_EQ(c.owns.size(), 2u);
  EXPECT_EQ(c.owns[1].first, "Compiler");
  EXPECT_EQ(c.owns[1].second.first, "*.mlir");
  EXPECT_EQ(c.owns[1].second.second.line, 2);
  EXPECT_EQ(c.team_patterns, (std::vector<std::string>{"@org/sig-(.+)-reviewers"}));
  EXPECT_EQ(c.codeowners_flavor, "gitlab");
  EXPECT_EQ(error_of("teams: '@org/(sig)-(.+)'\n"),
            "read configuration .sigwarden.yaml:1: teams: pattern '@org/(sig)-(.+)' must have "
            "exactly one capture group (the SIG name), it has 2");
  EXPECT_EQ(error_of("codeowners: bitbucket\n"),
            "read configuration .sigwarden.yaml:1: codeowners 'bitbucket' is not one of github, "
            "gitlab");
}

TEST(Config, ReportKeys) {
  Config c = parse_config(".sigwarden.yaml",
                          "report:\n  bots: ['-ci-bot$', 'ci@example\\.org']\n  sweep_sigs: 5\n",
                          Catalogue::shipped());
  EXPECT_EQ(c.bot_patterns, (std::vector<std::string>{"-ci-bot$", "ci@example\\.org"}));
  EXPECT_EQ(c.sweep_sigs, 5);
  EXPECT_EQ(default_config().sweep_sigs, 3);
  EXPECT_EQ(error_of("report:\n  bots: ['(unclosed']\n"),
            "read configuration .sigwarden.yaml:2: report.bots pattern '(unclosed' is not a valid "
            "regular expression: missing ): (unclosed");
  EXPECT_EQ(error_of("report:\n  sweep_sigs: 0\n"),
            "read configuration .sigwarden.yaml:2: report.sweep_sigs '0' must be a whole number "
            "from 1 to 1000");
  EXPECT_NE(error_of("report:\n  bot: x\n").find("unknown key 'bot' in report"), std::string::npos);
  EXPECT_NE(error_of("report: [1]\n").find("report must be a mapping"), std::string::npos);
}

TEST(Config, SuppressionsNeedRuleSigAndReason) {
  EXPECT_EQ(error_of("suppress:\n  - rule: link-broken\n    sig: X\n"),
            "read configuration .sigwarden.yaml:2: the suppression of link-broken for SIG 'X' "
            "needs a 'reason'");
  EXPECT_EQ(error_of("suppress:\n  - rule: link-broken\n    reason: r\n"),
            "read configuration .sigwarden.yaml:2: the suppression of link-broken needs 'sig' (the "
            "SIG it applies to)");
  EXPECT_EQ(error_of("suppress:\n  - rule: link-broken\n    sig: ''\n    reason: r\n"),
            "read configuration .sigwarden.yaml:3: the suppression of link-broken has an empty "
            "'sig'");
  EXPECT_EQ(error_of("suppress:\n  - rule: link-broken\n    sig: X\n    reason: r\n"
                     "    expires: 2025-02-31\n"),
            "read configuration .sigwarden.yaml:5: expires '2025-02-31' is not a date of the form "
            "YYYY-MM-DD");
}

}  // namespace
}  // namespace sigwarden
