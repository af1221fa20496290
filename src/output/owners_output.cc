#include "output/owners_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

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

// "file:line" of each deciding rule, joined by sep.
std::string rule_places(const PathOwners& p, const char* sep) {
  std::string out;
  for (const RuleRef& r : p.rules) out += (out.empty() ? "" : sep) + where(r);
  return out;
}

// The owners, reviewers and lists lines of the text forms (each only when there is one).
void people_lines(std::string& out, const PathOwners& p) {
  if (!p.owners.empty()) out += fmt::format("  owners: {}\n", join(p.owners, " "));
  if (!p.reviewers.empty()) out += fmt::format("  reviewers: {}\n", join(p.reviewers, " "));
  if (!p.lists.empty()) out += fmt::format("  lists: {}\n", join(p.lists, " "));
}

using Json = nlohmann::ordered_json;

std::string json_text(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// The JSON of one answer is written by hand, laid out exactly as nlohmann's dump with an indent
// of 2 would (the golden tests hold it to that): building a json value per path cost two thirds
// of `owners --all --format json`. Strings of printable ASCII are escaped here; any other string
// goes through nlohmann, so control characters and invalid UTF-8 come out as before.
void put_string(std::string& out, std::string_view s) {
  bool plain = std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
  if (!plain) {
    out += json_text(Json(std::string(s)), -1);
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

// A member of an object whose members are indented by `in`: the separator after the previous one
// (none before the first), then `"key": `; the caller writes the value.
void put_key(std::string& out, std::string_view in, const char* key, bool first = false) {
  if (!first) out += ",\n";
  out += in;
  out += '"';
  out += key;
  out += "\": ";
}

void put_strings(std::string& out, std::string_view in, const std::vector<std::string>& v) {
  if (v.empty()) {
    out += "[]";
    return;
  }
  out += "[\n";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += ",\n";
    out += in;
    out += "  ";
    put_string(out, v[i]);
  }
  out += '\n';
  out += in;
  out += ']';
}

void put_rules(std::string& out, std::string_view in, const std::vector<RuleRef>& rules) {
  if (rules.empty()) {
    out += "[]";
    return;
  }
  std::string member = std::string(in) + "    ";
  out += "[\n";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleRef& r = rules[i];
    if (i > 0) out += ",\n";
    out += in;
    out += "  {\n";
    put_key(out, member, "path", true);
    put_string(out, r.where.path);
    put_key(out, member, "line");
    out += std::to_string(r.where.line);
    put_key(out, member, "source");
    put_string(out, r.source);
    put_key(out, member, "pattern");
    put_string(out, r.pattern);
    out += '\n';
    out += in;
    out += "  }";
  }
  out += '\n';
  out += in;
  out += ']';
}

}  // namespace

const std::vector<std::string>& owners_formats() {
  static const std::vector<std::string> kFormats = {"text", "json", "tsv"};
  return kFormats;
}

OwnersWriter::OwnersWriter(std::ostream& out, std::string format, bool explain,
                           std::string revision)
    : out_(out), format_(std::move(format)), explain_(explain), revision_(std::move(revision)) {
  bool known = format_ == "text" || format_ == "json" || (format_ == "tsv" && !explain_);
  if (!known) {
    throw UsageError(fmt::format("unknown format '{}' (known: {})", format_,
                                 explain_ ? "text, json" : "text, json, tsv"));
  }
  if (format_ == "tsv") out_ << "path\tstatus\tsigs\towners\treviewers\tlists\trules\n";
  // {"schemaVersion": 1, "revision": ..., "paths": [...]}, laid out as dumping the whole document
  // with an indent of 2 would.
  if (format_ == "json")
    out_ << "{\n  \"schemaVersion\": 1,\n  \"revision\": " << json_text(revision_, -1);
}

void OwnersWriter::add(const PathOwners& p, const std::string& status) {
  ++paths_;
  if (!p.owned()) ++unowned_;
  if (format_ == "json") {
    // An element of "paths", its members indented by six spaces.
    constexpr std::string_view kIn = "      ";
    std::string text = paths_ == 1 ? ",\n  \"paths\": [\n    {\n" : ",\n    {\n";
    put_key(text, kIn, "path", true);
    put_string(text, p.path);
    for (auto [key, values] :
         {std::pair{"sigs", &p.sigs}, std::pair{"owners", &p.owners},
          std::pair{"reviewers", &p.reviewers}, std::pair{"lists", &p.lists}}) {
      put_key(text, kIn, key);
      put_strings(text, kIn, *values);
    }
    put_key(text, kIn, "rules");
    put_rules(text, kIn, p.rules);
    if (explain_) {
      put_key(text, kIn, "shadowed");
      put_rules(text, kIn, p.shadowed);
    }
    if (!status.empty()) {
      put_key(text, kIn, "status");
      put_string(text, status);
    }
    text += "\n    }";
    out_ << text;
  } else if (format_ == "tsv") {
    out_ << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", printable(p.path), status,
                        join(p.sigs, ","), join(p.owners, ","), join(p.reviewers, ","),
                        join(p.lists, ","), rule_places(p, ","));
  } else if (explain_) {
    std::string out = printable(p.path) + "\n";
    if (p.rules.empty()) out += "  no rule of any ownership source matches: unowned\n";
    for (const RuleRef& r : p.rules) {
      out += fmt::format("  decided by {} ({}): {}\n", where(r), r.source, printable(r.pattern));
    }
    for (const RuleRef& r : p.shadowed) {
      out += fmt::format("  overrides {} ({}): {}\n", where(r), r.source, printable(r.pattern));
    }
    if (!p.sigs.empty()) out += fmt::format("  SIGs: {}\n", join(p.sigs, ", "));
    people_lines(out, p);
    out_ << out;
  } else {
    std::string shown = status.empty() ? "" : fmt::format(" [{}]", status);
    if (!p.owned()) {
      out_ << fmt::format("{}{}: unowned\n", printable(p.path), shown);
      return;
    }
    std::string out = fmt::format("{}{}: {}\n", printable(p.path), shown,
                                  p.sigs.empty() ? std::string("(no SIG)") : join(p.sigs, ", "));
    people_lines(out, p);
    out += fmt::format("  decided by: {}\n", rule_places(p, ", "));
    out_ << out;
  }
}

void OwnersWriter::finish() {
  if (format_ == "json") {
    out_ << (paths_ == 0 ? ",\n  \"paths\": []\n}\n" : "\n  ]\n}\n");
  } else if (format_ == "text" && !explain_) {
    out_ << fmt::format("{} path{}, {} unowned; ownership at {}\n", paths_, paths_ == 1 ? "" : "s",
                        unowned_, revision_.substr(0, std::min<std::size_t>(12, revision_.size())));
  }
}

namespace {

std::string render(const OwnersReport& report, const std::string& format, bool explain) {
  std::ostringstream out;
  OwnersWriter writer(out, format, explain, report.revision);
  for (std::size_t i = 0; i < report.paths.size(); ++i) {
    writer.add(report.paths[i], i < report.statuses.size() ? report.statuses[i] : "");
  }
  writer.finish();
  return out.str();
}

}  // namespace

std::string render_owners(const OwnersReport& report, const std::string& format) {
  return render(report, format, false);
}

std::string render_explain(const OwnersReport& report, const std::string& format) {
  return render(report, format, true);
}

}  // namespace sigwarden
