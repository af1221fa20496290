// JUnit XML, GitLab Code Quality, reviewdog rdjson and the Markdown report. SARIF is in sarif.cc,
// the GitHub formats in github.cc, the escaping they share in ci_escape.cc.
#include "output/ci_formats.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "lint/catalogue.h"
#include "output/ci_escape.h"

namespace sigwarden {

namespace {

using Json = nlohmann::ordered_json;

// Consecutive findings of one SIG (findings are sorted by SIG).
struct Group {
  const Finding* first = nullptr;
  std::vector<const Finding*> findings;
};

std::vector<Group> groups_of(const std::vector<Finding>& findings) {
  std::vector<Group> groups;
  for (const Finding& f : findings) {
    if (groups.empty() || groups.back().first->sig != f.sig) groups.push_back(Group{&f, {}});
    groups.back().findings.push_back(&f);
  }
  return groups;
}

// The message, or the rule's description when a finding has none (formats require text).
std::string message_of(const Finding& f) {
  if (!f.message.empty()) return f.message;
  const Rule* rule = Catalogue::shipped().find(f.rule);
  return rule != nullptr ? rule->message : f.rule;
}

std::string dump(const Json& doc) {
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_junit(const LintReport& report) {
  std::vector<Finding> findings = ci::sorted_findings(report);
  ci::Counts counts = ci::count(findings);
  auto x = [](std::string_view s) { return ci::escape_xml(s, /*attribute=*/false); };
  auto a = [](std::string_view s) { return ci::escape_xml(s, /*attribute=*/true); };
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (findings.empty()) {
    out +=
        "<testsuites name=\"sigwarden\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
        "  <testsuite name=\"repository\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n";
    out += fmt::format("    <testcase classname=\"repository\" name=\"{}\"/>\n",
                       a(fmt::format("no findings in {} groups", report.groups)));
    out += "  </testsuite>\n</testsuites>\n";
    return out;
  }
  out += fmt::format(
      "<testsuites name=\"sigwarden\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
      findings.size(), counts.error + counts.warning);
  for (const Group& g : groups_of(findings)) {
    std::string suite = a(ci::group_title(*g.first));
    auto failing = std::count_if(g.findings.begin(), g.findings.end(),
                                 [](const Finding* f) { return f->level >= Level::kWarning; });
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
        suite, g.findings.size(), failing);
    for (const Finding* f : g.findings) {
      std::string where = ci::location_text(f->location);
      std::string attrs =
          fmt::format("classname=\"{}\" name=\"{}\" file=\"{}\"", suite,
                      a(fmt::format("{} at {}", f->rule, where)), a(f->location.path));
      if (f->location.line > 0) attrs += fmt::format(" line=\"{}\"", f->location.line);
      std::string body =
          fmt::format("{}: {}: {} [{}]", where, level_name(f->level), f->message, f->rule);
      if (const Rule* rule = Catalogue::shipped().find(f->rule)) {
        body += "\nHow to fix: " + rule->fix;
      }
      out += fmt::format("    <testcase {}>\n", attrs);
      if (f->level >= Level::kWarning) {
        out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                           a(message_of(*f)), a(f->rule), x(body));
      } else {
        out += fmt::format("      <system-out>{}</system-out>\n", x(body));
      }
      out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

std::string render_gitlab(const LintReport& report) {
  std::vector<Finding> findings = ci::sorted_findings(report);
  Json list = Json::array();
  // GitLab needs unique fingerprints; identical findings (same rule, SIG, path and subject) are
  // told apart by a suffix in report order.
  std::map<std::string, int> uses;
  for (const Finding& f : findings) {
    ci::Anchor at = ci::anchor_of(report, f);
    std::string fp = ci::fingerprint(f);
    int n = ++uses[fp];
    if (n > 1) fp += fmt::format("-{}", n);
    const char* severity = f.level == Level::kError     ? "major"
                           : f.level == Level::kWarning ? "minor"
                                                        : "info";
    list.push_back(
        {{"description", message_of(f)},
         {"check_name", f.rule},
         {"fingerprint", fp},
         {"severity", severity},
         {"location", {{"path", at.path}, {"lines", {{"begin", std::max(at.line, 1)}}}}}});
  }
  return dump(list);
}

std::string render_rdjson(const LintReport& report) {
  std::vector<Finding> findings = ci::sorted_findings(report);
  Json diagnostics = Json::array();
  for (const Finding& f : findings) {
    ci::Anchor at = ci::anchor_of(report, f);
    Json location = {{"path", at.path}};
    if (at.line > 0) {
      Json start = {{"line", at.line}};
      if (at.column > 0) start["column"] = at.column;
      location["range"] = {{"start", std::move(start)}};
    }
    const char* severity = f.level == Level::kError     ? "ERROR"
                           : f.level == Level::kWarning ? "WARNING"
                                                        : "INFO";
    diagnostics.push_back({{"message", message_of(f)},
                           {"location", std::move(location)},
                           {"severity", severity},
                           {"code", {{"value", f.rule}}}});
  }
  Json doc;
  doc["source"] = {{"name", "sigwarden"}};
  doc["diagnostics"] = std::move(diagnostics);
  return dump(doc);
}

std::string render_markdown(const LintReport& report) {
  std::vector<Finding> findings = ci::sorted_findings(report);
  ci::Counts counts = ci::count(findings);
  std::string out = "# sigwarden report\n\n";
  out += ci::escape_markdown(ci::summary_line(report, counts, findings.size())) + "\n\n";
  out += fmt::format(
      "| Level | Findings |\n|:---|---:|\n| error | {} |\n| warning | {} |\n| note | {} |\n"
      "| total | {} |\n",
      counts.error, counts.warning, counts.note, findings.size());
  if (!report.index_files.empty()) {
    std::string files;
    for (const std::string& f : report.index_files) {
      files += (files.empty() ? "" : ", ") + ci::escape_markdown(f);
    }
    out += "\nIndex files: " + files + "\n";
  }
  if (findings.empty()) {
    out += "\nNo findings.\n";
    return out;
  }
  for (const Group& g : groups_of(findings)) {
    const Finding& f = *g.first;
    std::string title = ci::escape_markdown(ci::group_title(f));
    if (!f.sig.empty() && !f.dir.empty()) title += " (" + ci::escape_markdown(f.dir) + ")";
    out += "\n## " + title + "\n\n" + ci::markdown_findings_table(g.findings);
  }
  return out;
}

}  // namespace sigwarden
