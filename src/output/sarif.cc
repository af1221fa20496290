// SARIF 2.1.0 for GitHub code scanning. GitHub's ingestion rules (docs.github.com, "SARIF support
// for code scanning") shape the document: every result has a rule, a message, a location with a
// start line and partialFingerprints; every rule has short and full descriptions and help.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "lint/catalogue.h"
#include "output/ci_escape.h"
#include "output/ci_formats.h"

namespace sigwarden {

namespace {

using Json = nlohmann::ordered_json;

const char* sarif_level(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    case Level::kNote:
      return "note";
    case Level::kOff:
      return "none";
  }
  return "error";
}

// GitHub's problem.severity for rules that are not security rules.
const char* problem_severity(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    default:
      return "recommendation";
  }
}

// "sig-lead-missing" -> "SigLeadMissing": the rule's name in code scanning's rule filter.
std::string rule_name(const std::string& id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_' || c == '.' || c == ' ') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out.empty() ? id : out;
}

Json rule_descriptor(const std::string& id, Level level_seen) {
  const Rule* rule = Catalogue::shipped().find(id);
  Json r;
  r["id"] = id;
  r["name"] = rule_name(id);
  if (rule == nullptr) {
    // A rule the shipped catalogue does not know (GitHub rejects empty descriptions).
    std::string text = fmt::format("sigwarden rule {}", id);
    r["shortDescription"] = {{"text", text}};
    r["fullDescription"] = {{"text", text}};
    r["help"] = {{"text", text}};
    r["defaultConfiguration"] = {{"level", sarif_level(level_seen)}};
    r["properties"] = {{"tags", Json::array({"governance"})},
                       {"problem.severity", problem_severity(level_seen)}};
    return r;
  }
  std::string set = rule->file;
  if (auto dot = set.rfind('.'); dot != std::string::npos) set.resize(dot);
  r["shortDescription"] = {{"text", rule->message}};
  r["fullDescription"] = {{"text", rule->why}};
  r["help"] = {
      {"text", rule->fix},
      {"markdown",
       fmt::format("**Why:** {}\n\n**How to fix:** {}\n\nRule set `{}`, default level {}. Run "
                   "`sigwarden explain-rule {}` for the same text in a terminal.",
                   ci::escape_markdown(rule->why), ci::escape_markdown(rule->fix), rule->file,
                   level_name(rule->level), rule->id)}};
  r["defaultConfiguration"] = {{"level", sarif_level(rule->level)}};
  Json tags = Json::array({"governance"});
  if (!set.empty()) tags.push_back(set);
  r["properties"] = {{"tags", tags}, {"problem.severity", problem_severity(rule->level)}};
  return r;
}

Json artifact_location(const std::string& path) {
  // Absolute paths (a --config file outside the repository) cannot be repository-relative.
  if (!path.empty() && path[0] == '/') return {{"uri", "file://" + ci::escape_uri_path(path)}};
  return {{"uri", ci::escape_uri_path(path)}, {"uriBaseId", "%SRCROOT%"}};
}

}  // namespace

std::string render_sarif(const LintReport& report) {
  std::vector<Finding> findings = ci::sorted_findings(report);

  // The rules that appear in results, in id order; results refer to them by index.
  std::map<std::string, Level> seen;
  for (const Finding& f : findings) seen.emplace(f.rule, f.level);
  std::map<std::string, int> index;
  Json rules = Json::array();
  for (const auto& [id, level] : seen) {
    index[id] = static_cast<int>(rules.size());
    rules.push_back(rule_descriptor(id, level));
  }

  Json results = Json::array();
  for (const Finding& f : findings) {
    ci::Anchor at = ci::anchor_of(report, f);
    Json region = {{"startLine", at.line > 0 ? at.line : 1}};
    if (at.column > 0) region["startColumn"] = at.column;
    Json result;
    result["ruleId"] = f.rule;
    result["ruleIndex"] = index[f.rule];
    result["level"] = sarif_level(f.level);
    const Rule* rule = Catalogue::shipped().find(f.rule);
    std::string text = !f.message.empty() ? f.message : rule ? rule->message : f.rule;
    result["message"] = {{"text", text}};
    Json physical = {{"artifactLocation", artifact_location(at.path)}, {"region", region}};
    Json location = {{"physicalLocation", std::move(physical)}};
    result["locations"] = Json::array({std::move(location)});
    result["partialFingerprints"] = {{"sigwarden/v1", ci::fingerprint(f)}};
    results.push_back(std::move(result));
  }

  Json driver;
  driver["name"] = "sigwarden";
  driver["version"] = SIGWARDEN_VERSION;
  driver["semanticVersion"] = SIGWARDEN_VERSION;
  driver["rules"] = std::move(rules);

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  // No automationDetails: lint, audit and check share this renderer, and upload-sarif fills in
  // automationDetails.id from its `category` input (action.yml: sigwarden-<command>) only when the
  // document has none. A fixed id here would put all three commands in one category, where each
  // upload replaces the alerts of the others.
  // sigwarden reads files from git at the revision, not from a checkout, so the root is described
  // rather than given as a local file URI.
  run["originalUriBaseIds"] = {
      {"%SRCROOT%",
       {{"description",
         {{"text",
           "The root of the repository; paths are as stored in git at the linted "
           "revision."}}}}}};
  run["properties"] = {{"revision", report.revision},
                       {"commit", report.commit},
                       {"layout", report.layout},
                       {"groups", report.groups},
                       {"suppressed", report.suppressed}};
  run["results"] = std::move(results);

  Json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(run)});
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sigwarden
