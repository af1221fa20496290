#include "ownership/audit.h"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

#include "core/text.h"

namespace sigwarden {

namespace {

Finding make(const std::string& rule, Location where, std::string message, std::string subject) {
  Finding f;
  f.rule = rule;
  f.location = std::move(where);
  f.message = std::move(message);
  f.subject = std::move(subject);
  return f;
}

}  // namespace

std::vector<Finding> audit_ownership(const OwnershipIndex& index, const Registry& registry,
                                     const std::vector<std::string>& files, AuditStats* stats) {
  std::vector<Finding> out(index.findings().begin(), index.findings().end());
  const auto& rules = index.codeowners_rules();
  std::vector<std::size_t> matched(rules.size(), 0);
  std::vector<std::size_t> decided(rules.size(), 0);
  // (rule, the rule that decided instead of it) -> files, keyed rule << 32 | decider.
  std::unordered_map<std::uint64_t, std::size_t> decided_instead;
  // Directory -> {files, unowned files}, for the roll-up.
  using Counts = std::pair<std::size_t, std::size_t>;
  std::unordered_map<std::string, Counts> dirs;
  // The counters of the last file's directory and its ancestors (files come folder by folder, so
  // most files reuse them; unordered_map elements do not move).
  std::string last_dir;
  std::vector<Counts*> last_chain;
  std::vector<const std::string*> unowned;
  std::set<std::string> owners_seen;
  for (const std::string& path : files) {
    PathOwners o = index.owners_of(path);
    bool is_unowned = !o.owned();
    if (is_unowned) unowned.push_back(&path);
    if (last_chain.empty() || parent_dir(path) != last_dir) {
      last_dir = std::string(parent_dir(path));
      last_chain.clear();
      for (std::string_view d = last_dir;; d = parent_dir(d)) {
        last_chain.push_back(&dirs[std::string(d)]);
        if (d.empty()) break;
      }
    }
    for (Counts* c : last_chain) {
      ++c->first;
      if (is_unowned) ++c->second;
    }
    for (const auto& [rule, decider] : index.codeowners_matches(path)) {
      ++matched[rule];
      if (decider == rule) {
        ++decided[rule];
      } else if (decider >= 0) {
        ++decided_instead[static_cast<std::uint64_t>(rule) << 32 |
                          static_cast<std::uint32_t>(decider)];
      }
    }
    for (const std::string& owner : o.owners) owners_seen.insert(owner);
  }
  // Per rule, the rule that most often decided instead of it (the lowest line on a tie), or -1.
  std::vector<std::pair<int, std::size_t>> decided_most(rules.size(), {-1, 0});
  for (const auto& [key, count] : decided_instead) {
    auto& [by, most] = decided_most[key >> 32];
    int decider = static_cast<int>(key & 0xffffffffU);
    if (count > most || (count == most && decider < by)) {
      by = decider;
      most = count;
    }
  }
  if (stats != nullptr) {
    stats->files = files.size();
    stats->unowned_files = unowned.size();
  }

  // Unowned files, rolled up to the highest directory whose files are all unowned.
  std::set<std::string> reported;
  for (const std::string* path : unowned) {
    std::string top;
    for (std::string_view d = parent_dir(*path); !d.empty(); d = parent_dir(d)) {
      const auto& c = dirs[std::string(d)];
      if (c.first != c.second) break;
      top = std::string(d);
    }
    if (top.empty()) {
      out.push_back(make("unowned-path", {*path, 0, 0},
                         fmt::format("{} has no owner in any ownership source", *path), *path));
    } else if (reported.insert(top).second) {
      const auto& c = dirs[top];
      out.push_back(make("unowned-path", {top, 0, 0},
                         fmt::format("{}/ ({} file{}) has no owner in any ownership source", top,
                                     c.first, c.first == 1 ? "" : "s"),
                         top + "/"));
    }
  }

  // CODEOWNERS rules: unused, shadowed, duplicate.
  std::map<std::string, int> last_of_pattern;
  for (std::size_t i = 0; i < rules.size(); ++i)
    last_of_pattern[rules[i].pattern] = static_cast<int>(i);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleRef& r = rules[i];
    int last = last_of_pattern[r.pattern];
    if (last != static_cast<int>(i)) {
      out.push_back(make("ownership-rule-duplicate", r.where,
                         fmt::format("pattern '{}' appears again at line {}, which wins; this line "
                                     "has no effect",
                                     r.pattern, rules[last].where.line),
                         r.pattern));
      continue;
    }
    if (r.exclusion || r.pattern == "/") continue;  // "/" is already an ownership-syntax finding
    if (matched[i] == 0) {
      out.push_back(make("ownership-rule-unused", r.where,
                         fmt::format("pattern '{}' matches no file at this revision", r.pattern),
                         r.pattern));
    } else if (decided[i] == 0 && decided_most[i].first >= 0) {
      int by = decided_most[i].first;
      out.push_back(make("ownership-rule-shadowed", r.where,
                         fmt::format("pattern '{}' matches {} file{}, but later lines decide all "
                                     "of them (most often line {}: '{}')",
                                     r.pattern, matched[i], matched[i] == 1 ? "" : "s",
                                     rules[by].where.line, rules[by].pattern),
                         r.pattern));
    }
  }

  // Owners that map to no SIG (only meaningful when the repository has a registry).
  if (!registry.groups.empty()) {
    std::set<std::string> leads;
    for (const Group& g : registry.groups) {
      for (const Person& p : g.leads) {
        if (!p.handle.empty()) leads.insert(to_lower_ascii("@" + p.handle));
      }
    }
    std::set<std::string> sig_names;
    for (const Group& g : registry.groups) sig_names.insert(g.name);
    // Where each owner is first written, so that the finding points at a line.
    std::map<std::string, Location> first_line;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      for (const std::string& o : index.codeowners_owners(static_cast<int>(i))) {
        first_line.emplace(o, rules[i].where);
      }
    }
    for (const std::string& owner : owners_seen) {
      if (!owner.starts_with("@") || owner.find('/') == std::string::npos) continue;  // teams only
      if (sig_names.count(index.sig_of_owner(owner))) continue;
      if (leads.count(to_lower_ascii(owner))) continue;
      auto at = first_line.find(owner);
      if (at == first_line.end()) continue;  // not from CODEOWNERS
      out.push_back(make("owner-without-sig", at->second,
                         fmt::format("code-owner team {} maps to no SIG (set `teams:` in "
                                     ".sigwarden.yaml, e.g. '@org/sig-(.+)-reviewers')",
                                     owner),
                         owner));
    }
  }

  // Ownership files must have owners themselves.
  for (const std::string& file : index.files_read()) {
    if (!index.owners_of(file).owned()) {
      out.push_back(make(
          "ownership-file-unowned", {file, 0, 0},
          fmt::format("{} decides who must approve changes but has no owner itself", file), file));
    }
  }
  return out;
}

}  // namespace sigwarden
