#include "output/owners_output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "output/ci_escape.h"

namespace sigwarden {

namespace {

using ci::printable;

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + printable(s);
  return out;
}

std::string where(const RuleRef& r) {
  if (r.where.line <= 0) return printable(r.where.path);
  return fmt::format("{}:{}", printable(r.where.path), r.where.line);
}

nlohmann::ordered_json rules_json(const std::vector<RuleRef>& rules) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const RuleRef& r : rules) {
    list.push_back({{"path", r.where.path},
                    {"line", r.where.line},
                    {"source", r.source},
                    {"pattern", r.pattern}});
  }
  return list;
}

nlohmann::ordered_json path_json(const OwnersReport& report, std::size_t i, bool shadowed) {
  const PathOwners& p = report.paths[i];
  nlohmann::ordered_json j = {{"path", p.path},     {"sigs", p.sigs},
                              {"owners", p.owners}, {"reviewers", p.reviewers},
                              {"lists", p.lists},   {"rules", rules_json(p.rules)}};
  if (shadowed) j["shadowed"] = rules_json(p.shadowed);
  if (i < report.statuses.size() && !report.statuses[i].empty()) j["status"] = report.statuses[i];
  return j;
}

// {"schemaVersion": 1, "revision": ..., "paths": [...]}, byte for byte what dumping the whole
// document gives, but built one path at a time: `owners --all` on a million paths would
// otherwise hold a JSON tree of every answer (gigabytes) before writing a byte.
std::string paths_document(const OwnersReport& report, bool shadowed) {
  using Json = nlohmann::ordered_json;
  std::string out = "{\n  \"schemaVersion\": 1,\n  \"revision\": ";
  out += Json(report.revision).dump(-1, ' ', false, Json::error_handler_t::replace);
  if (report.paths.empty()) return out + ",\n  \"paths\": []\n}\n";
  out += ",\n  \"paths\": [\n";
  for (std::size_t i = 0; i < report.paths.size(); ++i) {
    std::string element =
        path_json(report, i, shadowed).dump(2, ' ', false, Json::error_handler_t::replace);
    if (i > 0) out += ",\n";
    out += "    ";
    for (char c : element) {
      out += c;
      if (c == '\n') out += "    ";  // JSON strings never hold a raw newline: only layout ones
    }
  }
  return out + "\n  ]\n}\n";
}

}  // namespace

const std::vector<std::string>& owners_formats() {
  static const std::vector<std::string> kFormats = {"text", "json", "tsv"};
  return kFormats;
}

std::string render_owners(const OwnersReport& report, const std::string& format) {
  if (format == "json") return paths_document(report, false);
  if (format == "tsv") {
    std::string out = "path\tstatus\tsigs\towners\treviewers\tlists\trules\n";
    for (std::size_t i = 0; i < report.paths.size(); ++i) {
      const PathOwners& p = report.paths[i];
      std::vector<std::string> rules;
      for (const RuleRef& r : p.rules) rules.push_back(where(r));
      out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", printable(p.path),
                         i < report.statuses.size() ? report.statuses[i] : "", join(p.sigs, ","),
                         join(p.owners, ","), join(p.reviewers, ","), join(p.lists, ","),
                         join(rules, ","));
    }
    return out;
  }
  if (format != "text")
    throw UsageError(fmt::format("unknown format '{}' (known: text, json, tsv)", format));
  std::string out;
  std::size_t unowned = 0;
  for (std::size_t i = 0; i < report.paths.size(); ++i) {
    const PathOwners& p = report.paths[i];
    std::string status = i < report.statuses.size() && !report.statuses[i].empty()
                             ? fmt::format(" [{}]", report.statuses[i])
                             : "";
    if (!p.owned()) {
      ++unowned;
      out += fmt::format("{}{}: unowned\n", printable(p.path), status);
      continue;
    }
    out += fmt::format("{}{}: {}\n", printable(p.path), status,
                       p.sigs.empty() ? std::string("(no SIG)") : join(p.sigs, ", "));
    if (!p.owners.empty()) out += fmt::format("  owners: {}\n", join(p.owners, " "));
    if (!p.reviewers.empty()) out += fmt::format("  reviewers: {}\n", join(p.reviewers, " "));
    if (!p.lists.empty()) out += fmt::format("  lists: {}\n", join(p.lists, " "));
    std::vector<std::string> rules;
    for (const RuleRef& r : p.rules) rules.push_back(where(r));
    out += fmt::format("  decided by: {}\n", join(rules, ", "));
  }
  out += fmt::format("{} path{}, {} unowned; ownership at {}\n", report.paths.size(),
                     report.paths.size() == 1 ? "" : "s", unowned,
                     report.revision.substr(0, std::min<std::size_t>(12, report.revision.size())));
  return out;
}

std::string render_explain(const OwnersReport& report, const std::string& format) {
  if (format == "json") return paths_document(report, true);
  if (format != "text")
    throw UsageError(fmt::format("unknown format '{}' (known: text, json)", format));
  std::string out;
  for (const PathOwners& p : report.paths) {
    out += printable(p.path) + "\n";
    if (p.rules.empty()) out += "  no rule of any ownership source matches: unowned\n";
    for (const RuleRef& r : p.rules) {
      out += fmt::format("  decided by {} ({}): {}\n", where(r), r.source, printable(r.pattern));
    }
    for (const RuleRef& r : p.shadowed) {
      out += fmt::format("  overrides {} ({}): {}\n", where(r), r.source, printable(r.pattern));
    }
    if (!p.sigs.empty()) out += fmt::format("  SIGs: {}\n", join(p.sigs, ", "));
    if (!p.owners.empty()) out += fmt::format("  owners: {}\n", join(p.owners, " "));
    if (!p.reviewers.empty()) out += fmt::format("  reviewers: {}\n", join(p.reviewers, " "));
    if (!p.lists.empty()) out += fmt::format("  lists: {}\n", join(p.lists, " "));
  }
  return out;
}

}  // namespace sigwarden
