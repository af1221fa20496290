// GitHub Actions: workflow commands that become annotations, and the Markdown job summary.
#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>

#include "core/error.h"
#include "output/ci_escape.h"
#include "output/ci_formats.h"

namespace sigwarden {

namespace {

// GitHub keeps a job summary up to 1 MiB per step; a longer finding list is cut off.
constexpr std::size_t kSummaryRows = 1000;

const char* command_of(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    default:
      return "notice";
  }
}

}  // namespace

std::string render_github(const LintReport& report) {
  std::vector<Finding> findings = ci::sorted_findings(report);
  std::string out;
  for (const Finding& f : findings) {
    ci::Anchor at = ci::anchor_of(report, f);
    std::string props = "file=" + ci::escape_github_property(at.path);
    if (at.line > 0) {
      props += fmt::format(",line={}", at.line);
      if (at.column > 0) props += fmt::format(",col={}", at.column);
    }
    props += ",title=" + ci::escape_github_property(f.rule);
    out +=
        fmt::format("::{} {}::{}\n", command_of(f.level), props, ci::escape_github_data(f.message));
  }
  // A plain line for the log. It starts with a digit, so the runner never reads it as a command,
  // and its text (the revision is user input) is escaped so it stays one line.
  out +=
      ci::escape_github_data(ci::summary_line(report, ci::count(findings), findings.size())) + "\n";
  return out;
}

std::string render_github_summary(const LintReport& report) {
  std::vector<Finding> findings = ci::sorted_findings(report);
  ci::Counts counts = ci::count(findings);
  std::string out;
  if (findings.empty()) {
    out += "### sigwarden: no findings\n\n";
  } else {
    out += fmt::format("### sigwarden: {} {}, {} {}, {} {}\n\n", counts.error,
                       counts.error == 1 ? "error" : "errors", counts.warning,
                       counts.warning == 1 ? "warning" : "warnings", counts.note,
                       counts.note == 1 ? "note" : "notes");
  }
  out += ci::escape_markdown(ci::summary_line(report, counts, findings.size())) + "\n";
  if (findings.empty()) return out;

  // Counts per SIG, in the order of the findings (repository-wide findings first).
  struct Row {
    std::string title;
    std::string dir;
    int error = 0;
    int warning = 0;
    int note = 0;
  };
  std::vector<Row> rows;
  std::map<std::string, std::size_t> row_of;
  for (const Finding& f : findings) {
    auto [it, added] = row_of.emplace(f.sig, rows.size());
    if (added) rows.push_back(Row{ci::group_title(f), f.sig.empty() ? "" : f.dir});
    Row& row = rows[it->second];
    if (f.level == Level::kError) ++row.error;
    if (f.level == Level::kWarning) ++row.warning;
    if (f.level == Level::kNote) ++row.note;
  }
  out += "\n| SIG | Folder | Errors | Warnings | Notes |\n|:---|:---|---:|---:|---:|\n";
  for (const Row& r : rows) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", ci::escape_markdown(r.title),
                       ci::escape_markdown(r.dir), r.error, r.warning, r.note);
  }

  std::vector<const Finding*> listed;
  for (const Finding& f : findings) {
    if (listed.size() == kSummaryRows) break;
    listed.push_back(&f);
  }
  out += "\n<details><summary>Findings</summary>\n\n";
  out += ci::markdown_findings_table(listed);
  if (listed.size() < findings.size()) {
    out += fmt::format(
        "\nThe first {} of {} findings are listed; the sarif, json or markdown output has them "
        "all.\n",
        listed.size(), findings.size());
  }
  out += "\n</details>\n";
  return out;
}

void write_github_step_summary(const LintReport& report) {
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (path == nullptr || *path == '\0') return;
  std::string what = fmt::format("append the job summary to '{}' (GITHUB_STEP_SUMMARY)", path);
  std::ofstream file(path, std::ios::binary | std::ios::app);
  if (!file) throw Error(fmt::format("{}: {}", what, std::strerror(errno)));
  // A blank line first: other steps' text in the same file may not end with one.
  file << "\n" << render_github_summary(report);
  if (!file.flush()) throw Error(what + ": write failed");
}

}  // namespace sigwarden
