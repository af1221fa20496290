// Renderers of lint results for CI systems and code review: SARIF 2.1.0 (GitHub code scanning),
// GitHub workflow commands and job summaries, JUnit XML, GitLab Code Quality, reviewdog rdjson and
// a Markdown report. Each takes the same LintReport as the text and JSON renderers
// (output/lint_output.h), renders findings in the order sort_findings gives, and escapes every
// piece of repository text for the syntax it is embedded in (docs/output-formats.md).
#pragma once

#include <string>

#include "output/lint_output.h"

namespace sigwarden {

// SARIF 2.1.0, one run, for GitHub code scanning (`github/codeql-action/upload-sarif`).
std::string render_sarif(const LintReport& report);

// GitHub workflow commands, one `::error|warning|notice file=..,line=..,col=..,title=RULE::MESSAGE`
// line per finding, then a plain summary line.
std::string render_github(const LintReport& report);

// A Markdown job summary: counts per SIG and a table of findings.
std::string render_github_summary(const LintReport& report);

// Appends render_github_summary(report) to the file named by the environment variable
// GITHUB_STEP_SUMMARY; does nothing when it is unset or empty. Throws Error naming the file when it
// cannot be written.
void write_github_step_summary(const LintReport& report);

// JUnit XML: one testsuite per SIG ("repository" for findings without one), one testcase per
// finding; errors and warnings fail, notes pass with the finding in <system-out>.
std::string render_junit(const LintReport& report);

// GitLab Code Quality report (a JSON array of Code Climate issues).
std::string render_gitlab(const LintReport& report);

// reviewdog Diagnostic Format, the rdjson (DiagnosticResult) variant.
std::string render_rdjson(const LintReport& report);

// A human-readable Markdown report: summary counts, then one section with a table per SIG.
std::string render_markdown(const LintReport& report);

}  // namespace sigwarden
