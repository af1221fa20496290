#include "output/lint_output.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "output/ci_escape.h"
#include "output/ci_formats.h"

namespace sigwarden {

namespace {

using ci::printable;

std::string location_text(const Location& l) {
  if (l.line <= 0) return l.path;
  return fmt::format("{}:{}:{}", l.path, l.line, l.column > 0 ? l.column : 1);
}

// Terminal control characters from repository text must not reach a terminal.

const char* level_color(Level level) {
  switch (level) {
    case Level::kError:
      return "\033[1;31m";
    case Level::kWarning:
      return "\033[1;35m";
    default:
      return "\033[1;36m";
  }
}

}  // namespace

std::string render_lint_text(const LintReport& report, Color color) {
  const auto& findings = *report.findings;
  bool c = color == Color::kAlways;
  std::string out;
  // Findings are sorted by SIG; repository-wide ones (no SIG) come first.
  std::string current = "\x01";
  std::map<Level, int> counts;
  int sigs_with_findings = 0;
  for (const Finding& f : findings) {
    if (f.sig != current) {
      current = f.sig;
      if (!out.empty()) out += "\n";
      std::string title = f.sig.empty() ? std::string("repository") : printable(f.sig);
      if (!f.sig.empty()) ++sigs_with_findings;
      if (!f.sig.empty() && !f.dir.empty()) title += fmt::format(" ({})", printable(f.dir));
      out += c ? fmt::format("\033[1m{}\033[0m\n", title) : title + "\n";
    }
    ++counts[f.level];
    std::string level = level_name(f.level);
    if (c) level = fmt::format("{}{}\033[0m", level_color(f.level), level);
    out += fmt::format("{}: {}: {} [{}]\n", printable(location_text(f.location)), level,
                       printable(f.message), f.rule);
  }
  if (!out.empty()) out += "\n";
  auto plural = [](int n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  out += fmt::format(
      "{} ({}, {}, {}) in {} of {} groups; layout {}, {} at {}",
      plural(static_cast<int>(findings.size()), "finding"), plural(counts[Level::kError], "error"),
      plural(counts[Level::kWarning], "warning"), plural(counts[Level::kNote], "note"),
      sigs_with_findings, report.groups, report.layout, report.revision,
      report.commit.substr(0, std::min<std::size_t>(12, report.commit.size())));
  if (report.suppressed > 0) out += fmt::format("; {} suppressed", report.suppressed);
  if (!report.head.empty()) {
    out += fmt::format("; {} already at the base (not failing)", report.preexisting);
  }
  out += "\n";
  return out;
}

std::string render_lint_json(const LintReport& report) {
  nlohmann::ordered_json doc;
  doc["schemaVersion"] = 1;
  doc["tool"] = {{"name", "sigwarden"}, {"version", SIGWARDEN_VERSION}};
  doc["repository"] = report.repository;
  doc["revision"] = report.revision;
  doc["commit"] = report.commit;
  doc["layout"] = report.layout;
  doc["indexFiles"] = report.index_files;
  doc["groups"] = report.groups;
  doc["suppressed"] = report.suppressed;
  if (!report.head.empty()) {
    doc["base"] = report.base;
    doc["mergeBase"] = report.merge_base;
    doc["head"] = report.head;
    doc["preexisting"] = report.preexisting;
  }
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::map<std::string, int> counts;
  for (const Finding& f : *report.findings) {
    ++counts[level_name(f.level)];
    list.push_back(
        {{"rule", f.rule},
         {"level", level_name(f.level)},
         {"message", f.message},
         {"sig", f.sig},
         {"dir", f.dir},
         {"location",
          {{"path", f.location.path}, {"line", f.location.line}, {"column", f.location.column}}},
         {"fingerprint", f.fingerprint}});
  }
  doc["summary"] = {{"findings", report.findings->size()},
                    {"error", counts["error"]},
                    {"warning", counts["warning"]},
                    {"note", counts["note"]}};
  doc["findings"] = std::move(list);
  // Invalid UTF-8 from the repository is replaced, never passed through.
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

const std::vector<std::string>& lint_formats() {
  static const std::vector<std::string> kFormats = {"text",   "json",  "markdown", "sarif",
                                                    "github", "junit", "gitlab",   "rdjson"};
  return kFormats;
}

std::string render_lint(const LintReport& report, const std::string& format, Color color) {
  if (format == "text") return render_lint_text(report, color);
  if (format == "json") return render_lint_json(report);
  if (format == "markdown") return render_markdown(report);
  if (format == "sarif") return render_sarif(report);
  if (format == "github") return render_github(report);
  if (format == "junit") return render_junit(report);
  if (format == "gitlab") return render_gitlab(report);
  if (format == "rdjson") return render_rdjson(report);
  std::string known;
  for (const auto& f : lint_formats()) known += (known.empty() ? "" : ", ") + f;
  throw UsageError(fmt::format("unknown format '{}' (known: {})", format, known));
}

}  // namespace sigwarden
