#include "ownership/codeowners.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "core/text.h"

namespace sigwarden {

const std::vector<std::string>& codeowners_locations(GlobFlavor flavor) {
  static const std::vector<std::string> kGithub = {".github/CODEOWNERS", "CODEOWNERS",
                                                   "docs/CODEOWNERS"};
  static const std::vector<std::string> kGitlab = {"CODEOWNERS", "docs/CODEOWNERS",
                                                   ".gitlab/CODEOWNERS"};
  return flavor == GlobFlavor::kGitlab ? kGitlab : kGithub;
}

namespace {

Finding syntax(const std::string& path, int line, int column, std::string message,
               std::string subject) {
  Finding f;
  f.rule = "ownership-syntax";
  f.location = {path, line, column};
  f.message = std::move(message);
  f.subject = std::move(subject);
  return f;
}

enum class InlineComments { kYes, kNo };  // GitHub has them; GitLab does not

// Splits a line into whitespace-separated tokens with their 1-based columns, keeping "\ " inside a
// token; with inline comments, stops at a token starting with '#'.
std::vector<std::pair<std::string_view, int>> tokens(
    std::string_view line, InlineComments comments = InlineComments::kYes) {
  std::vector<std::pair<std::string_view, int>> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || (comments == InlineComments::kYes && line[i] == '#')) break;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
      if (line[i] == '\\' && i + 1 < line.size()) ++i;
      ++i;
    }
    out.emplace_back(line.substr(start, i - start), static_cast<int>(start) + 1);
  }
  return out;
}

bool valid_owner(std::string_view owner, bool gitlab) {
  static const RE2 kUser("@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
  static const RE2 kTeam("@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+");
  static const RE2 kEmail("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  // GitLab: nested groups (@group/sub/team), users with dots and underscores, roles (@@developer).
  static const RE2 kGitlabName("@[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*");
  static const RE2 kRole("@@(?:developer|maintainer|owner)s?");
  re2::StringPiece s(owner.data(), owner.size());
  if (gitlab) {
    return RE2::FullMatch(s, kGitlabName) || RE2::FullMatch(s, kRole) || RE2::FullMatch(s, kEmail);
  }
  return RE2::FullMatch(s, kUser) || RE2::FullMatch(s, kTeam) || RE2::FullMatch(s, kEmail);
}

// "[Name]", "^[Name]", "[Name][2]", each optionally followed by default owners.
struct SectionHeader {
  std::string name;
  bool optional = false;
  int approvals = 1;
  std::string_view rest;
};

std::optional<SectionHeader> section_header(std::string_view line) {
  SectionHeader h;
  std::string_view t = line;
  if (t.starts_with("^")) {
    h.optional = true;
    t.remove_prefix(1);
  }
  if (!t.starts_with("[")) return std::nullopt;
  auto close = t.find(']');
  if (close == std::string_view::npos || close == 1) return std::nullopt;
  h.name = std::string(trim(t.substr(1, close - 1)));
  t.remove_prefix(close + 1);
  if (t.starts_with("[")) {
    auto c2 = t.find(']');
    if (c2 == std::string_view::npos) return std::nullopt;
    std::string_view digits = t.substr(1, c2 - 1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    h.approvals = std::stoi(std::string(digits));
    t.remove_prefix(c2 + 1);
  }
  // A header is followed by nothing or by owners, never by more pattern text.
  if (!t.empty() && t[0] != ' ' && t[0] != '\t') return std::nullopt;
  h.rest = t;
  return h;
}

}  // namespace

CodeownersFile parse_codeowners(const std::string& path, std::string_view text, std::size_t size,
                                GlobFlavor flavor) {
  CodeownersFile file;
  file.path = path;
  bool gitlab = flavor == GlobFlavor::kGitlab;
  file.gitlab = gitlab;
  if (!gitlab && size >= kCodeownersMaxBytes) {
    file.ignored = true;
    Finding f;
    f.rule = "codeowners-too-large";
    f.location = {path, 0, 0};
    f.subject = path;
    f.message = fmt::format(
        "{} is {} bytes; GitHub ignores a CODEOWNERS file of 3 MB or more, so "
        "nothing in it applies",
        path, size);
    file.findings.push_back(std::move(f));
    return file;
  }
  for (const Line& line : split_lines(text)) {
    if (gitlab) {
      std::string_view t = trim(line.text);
      if (t.empty() || t.starts_with("#")) continue;
      if (auto h = section_header(t)) {
        CodeownersSection s;
        s.name = h->name;
        s.optional = h->optional;
        s.approvals = h->approvals;
        s.where = {path, line.number, 1};
        for (const auto& [tok, col] : tokens(h->rest)) s.default_owners.emplace_back(tok);
        file.sections.push_back(std::move(s));
        continue;
      }
    }
    auto toks = tokens(line.text, gitlab ? InlineComments::kNo : InlineComments::kYes);
    if (toks.empty()) continue;
    auto [pattern, column] = toks[0];
    bool exclusion = gitlab && pattern.starts_with("!");
    if (exclusion) pattern.remove_prefix(1);
    std::string error;
    auto glob = parse_glob(pattern, &error, flavor);
    if (!glob) {
      file.findings.push_back(syntax(path, line.number, column,
                                     fmt::format("pattern '{}' is invalid ({}); {} skips this line",
                                                 pattern, error, gitlab ? "GitLab" : "GitHub"),
                                     std::string(pattern)));
      continue;
    }
    CodeownersRule rule{GlobMatcher(std::move(*glob)),
                        {},
                        {path, line.number, column},
                        static_cast<int>(file.sections.size()) - 1,
                        exclusion};
    bool ok = true;
    for (std::size_t i = 1; i < toks.size(); ++i) {
      if (gitlab && !valid_owner(toks[i].first, true)) {
        // GitLab ignores an entry it cannot resolve but keeps the line.
        file.findings.push_back(syntax(path, line.number, toks[i].second,
                                       fmt::format("owner '{}' is not @user, @group, @@role or an "
                                                   "e-mail address; GitLab ignores it",
                                                   toks[i].first),
                                       fmt::format("{} {}", pattern, toks[i].first)));
        continue;
      }
      if (!gitlab && !valid_owner(toks[i].first, false)) {
        file.findings.push_back(
            syntax(path, line.number, toks[i].second,
                   fmt::format("owner '{}' is not @user, @org/team or an e-mail "
                               "address; GitHub skips this line",
                               toks[i].first),
                   fmt::format("{} {}", pattern, toks[i].first)));
        ok = false;
        break;
      }
      rule.owners.emplace_back(toks[i].first);
    }
    if (!ok) continue;
    if (rule.glob.pattern().regex.empty()) {
      file.findings.push_back(
          syntax(path, line.number, column, "pattern '/' matches no file", "/"));
    }
    if (!rule.glob.usable()) {
      file.findings.push_back(syntax(
          path, line.number, column,
          fmt::format("pattern is {} bytes and needs a regex (a character class, or text that is "
                      "not UTF-8); sigwarden matches such patterns only up to {} bytes, so this "
                      "line matches nothing here",
                      pattern.size(), kMaxRe2GlobBytes),
          std::string(pattern.substr(0, 64))));
    }
    file.rules.push_back(std::move(rule));
  }
  return file;
}

}  // namespace sigwarden
