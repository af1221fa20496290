// Renderers for lint results: one function per output format, each turning the same LintReport
// into text. Output is deterministic (findings are sorted before rendering).
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace sigwarden {

struct LintReport {
  std::string repository;  // work tree or git directory
  std::string revision;    // as given, e.g. "HEAD"
  std::string commit;      // full commit id
  std::string layout;
  std::vector<std::string> index_files;
  int groups = 0;  // groups in the registry
  int suppressed = 0;
  // `check` only: the revisions compared and how many findings already existed at the base.
  std::string base;
  std::string merge_base;
  std::string head;
  int preexisting = 0;
  const std::vector<Finding>* findings = nullptr;
};

enum class Color { kNever, kAlways };

// gcc-style lines `path:line:col: level: message [rule]`, grouped by SIG, then a summary.
std::string render_lint_text(const LintReport& report, Color color);

// The public JSON document (docs/lint-json.md), schemaVersion 1.
std::string render_lint_json(const LintReport& report);

// The formats render_lint accepts.
const std::vector<std::string>& lint_formats();
// Renders report in format (one of lint_formats()).
std::string render_lint(const LintReport& report, const std::string& format, Color color);

}  // namespace sigwarden
