#include "report/scan.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "core/text.h"
#include "git/history.h"
#include "lint/linter.h"
#include "ownership/index.h"
#include "registry/layout.h"
#include "report/render.h"

namespace sigwarden::report {

std::int64_t parse_window(const std::string& spec) {
  std::int64_t n = 0;
  const char* begin = spec.data();
  const char* end = spec.data() + spec.size();
  auto [ptr, ec] = std::from_chars(begin, end, n);
  std::int64_t unit = 0;
  if (ec == std::errc() && ptr + 1 == end) {
    unit = *ptr == 'd' ? 1 : *ptr == 'w' ? 7 : *ptr == 'y' ? 365 : 0;
  }
  if (unit == 0 || n <= 0 || n * unit > 36500) {
    throw UsageError(fmt::format(
        "--window '{}' must be a positive number of days, weeks or years up to 100 years: "
        "90d, 12w, 1y",
        spec));
  }
  return n * unit * 86400;
}

void require_full_history(const git::Repository& repo, const std::string& what) {
  if (!repo.is_shallow()) return;
  throw Error(fmt::format(
      "{}: this is a shallow clone, whose missing history would make every SIG look inactive; "
      "fetch full history ('git fetch --unshallow', or 'fetch-depth: 0' in actions/checkout)",
      what));
}

const std::vector<std::string>& default_bot_patterns() {
  static const std::vector<std::string> kPatterns = {
      R"(\[bot\])",
      R"(^(dependabot|renovate|github-actions|mergify|codecov|pre-commit-ci|allcontributors|)"
      R"(greenkeeper|snyk-bot|imgbot|web-flow|copilot)\b)",
      R"((^|[-_. ])(ci-?)?(bot|robot) <)",
      R"(<[^>]*[-_.+](ci-?)?(bot|robot)@)",
  };
  return kPatterns;
}

namespace {

// .mailmap at a commit, bounded like the registry's text files. A bigger one is an error rather
// than skipped: without it every identity it maps would be counted wrongly.
std::string read_mailmap(const TreeReader& at, const std::string& repository) {
  if (at.kind(".mailmap") != EntryKind::kFile) return "";
  std::size_t size = at.file_size(".mailmap").value_or(0);
  if (size > kMaxTextFileBytes) {
    throw Error(fmt::format("read .mailmap of {}: {} bytes, over the limit of {} bytes", repository,
                            size, kMaxTextFileBytes));
  }
  return at.read_file(".mailmap").value_or("");
}

// The login in a GitHub ("[id+]login@users.noreply.github.com") or Gitee
// ("[id+]login@user.noreply.gitee.com") no-reply address, else "".
std::string noreply_handle(const std::string& email_lower) {
  for (std::string_view domain : {"@users.noreply.github.com", "@user.noreply.gitee.com"}) {
    if (email_lower.size() > domain.size() && email_lower.ends_with(domain)) {
      std::string local = email_lower.substr(0, email_lower.size() - domain.size());
      if (auto plus = local.find('+'); plus != std::string::npos) local = local.substr(plus + 1);
      return local;
    }
  }
  return "";
}

// A stable pseudonym for --anonymize: the same person gets the same name in every run and in
// every repository, so merged reports still join people.
std::string pseudonym(std::string_view key) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("person-{:06x}", h & 0xffffff);
}

struct Identity {
  std::string name;   // after .mailmap
  std::string email;  // after .mailmap
  std::string key;    // distinct contributor: lower-case e-mail (name when there is none)
  std::vector<std::string> match_keys;  // e:<email> h:<login> n:<name>
  bool bot = false;
};

Identity identify(const git::Mailmap& mailmap, const std::string& name, const std::string& email) {
  Identity id;
  std::tie(id.name, id.email) = mailmap.resolve(name, email);
  std::string e = to_lower_ascii(id.email);
  id.key = e.empty() ? "n:" + to_lower_ascii(id.name) : e;
  if (!e.empty()) id.match_keys.push_back("e:" + e);
  if (std::string h = noreply_handle(e); !h.empty()) id.match_keys.push_back("h:" + h);
  if (!id.name.empty()) id.match_keys.push_back("n:" + to_lower_ascii(id.name));
  return id;
}

struct Trailer {
  std::string kind;  // as the report names the evidence
  std::string name;
  std::string email;
};

std::vector<Trailer> trailers(const std::string& message) {
  static const std::vector<std::pair<std::string, std::string>> kKinds = {
      {"co-authored-by:", "co-authored"},
      {"reviewed-by:", "Reviewed-by"},
      {"acked-by:", "Acked-by"},
      {"tested-by:", "Tested-by"},
      {"signed-off-by:", "Signed-off-by"}};
  std::vector<Trailer> out;
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::size_t nl = message.find('\n', pos);
    std::string_view line(message.data() + pos,
                          (nl == std::string::npos ? message.size() : nl) - pos);
    pos = nl == std::string::npos ? message.size() : nl + 1;
    std::string l = to_lower_ascii(line.substr(0, std::min<std::size_t>(line.size(), 20)));
    for (const auto& [prefix, kind] : kKinds) {
      if (!l.starts_with(prefix)) continue;
      std::string_view rest = line.substr(prefix.size());
      Trailer t{kind, "", ""};
      auto lt = rest.find('<');
      auto gt = rest.rfind('>');
      if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
        t.name = std::string(trim(rest.substr(0, lt)));
        t.email = std::string(trim(rest.substr(lt + 1, gt - lt - 1)));
      } else {
        t.name = std::string(trim(rest));
      }
      if (!t.name.empty() || !t.email.empty()) out.push_back(std::move(t));
      break;
    }
  }
  return out;
}

class BotMatcher {
 public:
  explicit BotMatcher(const Config& config) {
    std::vector<std::string> all = default_bot_patterns();
    all.insert(all.end(), config.bot_patterns.begin(), config.bot_patterns.end());
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    options.set_max_mem(1 << 20);
    for (const auto& p : all) {
      auto re = std::make_unique<RE2>(p, options);
      if (re->ok()) patterns_.push_back(std::move(re));
    }
  }
  bool is_bot(const std::string& name, const std::string& email) {
    std::string who = fmt::format("{} <{}>", name, email);
    auto it = cache_.find(who);
    if (it != cache_.end()) return it->second;
    bool bot = std::any_of(patterns_.begin(), patterns_.end(),
                           [&](const auto& re) { return RE2::PartialMatch(who, *re); });
    cache_.emplace(std::move(who), bot);
    return bot;
  }

 private:
  std::vector<std::unique_ptr<RE2>> patterns_;
  std::unordered_map<std::string, bool> cache_;
};

struct LeadRef {
  std::size_t sig;
  std::size_t lead;
};

// The newest evidence seen for one lead key: its time, the evidence() call it came from (walk
// order), its kind and commit.
struct KeyEvidence {
  std::int64_t time = 0;
  std::uint64_t seq = 0;
  std::string kind;
  std::string commit;
};

struct SigAcc {
  std::vector<std::unordered_set<std::string>> people;  // per window: contributor keys
  std::unordered_map<std::string, int> authored;        // current window: key -> commits
};

// Everything one scan accumulates.
class Scanner {
 public:
  Scanner(const git::Repository& repo, const git::Snapshot& tip, const Config& config,
          const ScanOptions& options)
      : repo_(repo), tip_(tip), config_(config), options_(options), bots_(config) {}

  Report run();

 private:
  void setup_windows();
  void read_registry();
  void index_leads();
  void walk(const git::Snapshot& tip, const git::Mailmap& mailmap, const std::string& repo_name,
            const std::vector<std::size_t>* repo_sigs);
  void commit(const git::HistoryCommit& c, const git::Mailmap& mailmap,
              const std::string& repo_name, const std::vector<std::size_t>* repo_sigs);
  // Records evidence per lead key; resolve_evidence() hands it to the leads after the walks, so a
  // key shared by many SIGs costs one update per piece of evidence, not one per SIG.
  void evidence(const Identity& who, const std::string& kind, const git::HistoryCommit& c);
  void resolve_evidence();
  const std::vector<std::size_t>& sigs_of(const std::string& path);
  int window_of(std::int64_t t) const;
  void finish_sigs();
  void compare_with_start();
  void activity_repos();
  void repository_wide();
  void apply_privacy();
  std::string display(const std::string& key, const std::string& name) const;
  // The identity of name <email> after .mailmap, computed once per distinct signature.
  const Identity& person(const git::Mailmap& mailmap, const std::string& name,
                         const std::string& email);

  const git::Repository& repo_;
  const git::Snapshot& tip_;
  const Config& config_;
  const ScanOptions& options_;
  BotMatcher bots_;
  Report report_;
  std::vector<std::string> files_;
  std::optional<LintResult> lint_;
  Registry registry_;
  std::unique_ptr<OwnershipIndex> index_;
  std::vector<const Group*> groups_;  // parallel to report_.sigs
  std::unordered_map<std::string, std::size_t> sig_by_name_;
  std::unordered_map<std::string, std::size_t> sig_by_readme_;
  std::vector<SigAcc> acc_;
  std::unordered_map<std::string, std::vector<std::size_t>> path_sigs_;
  std::unordered_map<std::string, std::vector<LeadRef>> lead_keys_;
  std::unordered_map<std::string, KeyEvidence> key_evidence_;  // lead key -> newest evidence
  std::uint64_t evidence_seq_ = 0;
  std::unordered_map<std::string, std::string> names_;  // contributor key -> display name
  std::set<std::string> bots_seen_;
  const git::Mailmap* people_mailmap_ = nullptr;  // the mailmap people_ was filled with
  std::unordered_map<std::string, Identity> people_;
  std::int64_t commits_seen_ = 0;
  std::string window_start_commit_;  // the tip's first-parent commit before the window start
};

void Scanner::setup_windows() {
  int n = options_.earlier_windows + 1;
  for (int k = 0; k < n; ++k) {
    std::int64_t end = options_.as_of - k * options_.window_seconds;
    report_.windows.push_back({end - options_.window_seconds, end});
  }
}

int Scanner::window_of(std::int64_t t) const {
  if (t >= options_.as_of) return 0;  // committed after the as-of time (clock skew): current
  std::int64_t k = (options_.as_of - 1 - t) / options_.window_seconds;
  return k < static_cast<std::int64_t>(report_.windows.size()) ? static_cast<int>(k) : -1;
}

void Scanner::read_registry() {
  tip_.for_each_file([&](const std::string& path, EntryKind) { files_.push_back(path); });
  if (config_.layout != LayoutKind::kAuto || detect_layout(tip_)) {
    lint_ = lint(tip_, config_, Catalogue::shipped(), iso_date(options_.as_of - 1));
    registry_ = std::move(lint_->registry);  // only its findings are read later
  }
  index_ = std::make_unique<OwnershipIndex>(tip_, registry_, config_,
                                            OwnershipIndex::Scope::kWholeTree, files_);
  std::vector<const Group*> sorted;
  for (const Group& g : registry_.groups) sorted.push_back(&g);
  std::sort(sorted.begin(), sorted.end(),
            [](const Group* a, const Group* b) { return a->name < b->name; });
  report_.sigs.reserve(sorted.size());
  groups_.reserve(sorted.size());
  for (const Group* g : sorted) {
    if (sig_by_name_.count(g->name)) continue;  // the same name twice: lint reports it
    sig_by_name_[g->name] = report_.sigs.size();
    groups_.push_back(g);
    SigReport s;
    s.name = g->name;
    s.dir = g->dir;
    s.windows.resize(report_.windows.size());
    if (g->readme) {
      s.readme = *g->readme;
      sig_by_readme_[s.readme] = report_.sigs.size();
    }
    std::set<std::string> seen;
    for (const MailingList& l : g->lists) {
      if (seen.insert(l.normalized).second) s.lists.push_back(l.address);
    }
    report_.sigs.push_back(std::move(s));
  }
  acc_.resize(report_.sigs.size());
  for (SigAcc& a : acc_) a.people.resize(report_.windows.size());
}

void Scanner::index_leads() {
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    SigReport& s = report_.sigs[i];
    std::set<std::string> seen;
    for (const Person& p : groups_[i]->leads) {
      std::string label = p.label();
      std::vector<std::string> keys;
      if (!p.email.empty()) keys.push_back("e:" + to_lower_ascii(p.email));
      if (!p.handle.empty()) {
        keys.push_back("h:" + to_lower_ascii(p.handle));
        keys.push_back("n:" + to_lower_ascii(p.handle));
      }
      if (!p.name.empty()) keys.push_back("n:" + to_lower_ascii(p.name));
      if (keys.empty()) continue;
      // The same person from several sources (index, README, sig-info.yaml) is one lead.
      bool dup = false;
      for (const auto& k : keys) dup = dup || seen.count(k) > 0;
      std::size_t lead_index = s.leads.size();
      if (dup) {
        // The lead an earlier key of this SIG was filed under (the last key that has one). This
        // SIG's entries are the newest of each key's list, so only its last entry is looked at,
        // not every SIG that shares the key.
        for (const auto& k : keys) {
          if (s.leads.empty()) break;
          auto it = lead_keys_.find(k);
          if (it == lead_keys_.end() || it->second.empty()) continue;
          if (it->second.back().sig == i) lead_index = it->second.back().lead;
        }
      } else {
        s.leads.push_back({label, std::nullopt, "", "", false});
      }
      for (const auto& k : keys) {
        if (!seen.insert(k).second) continue;
        lead_keys_[k].push_back({i, lead_index});
      }
    }
    s.leads_listed = static_cast<int>(s.leads.size());
  }
}

const std::vector<std::size_t>& Scanner::sigs_of(const std::string& path) {
  auto it = path_sigs_.find(path);
  if (it != path_sigs_.end()) return it->second;
  std::vector<std::size_t> sigs;
  for (const std::string& name : index_->owners_of(path).sigs) {
    auto s = sig_by_name_.find(name);
    if (s != sig_by_name_.end()) sigs.push_back(s->second);
  }
  std::sort(sigs.begin(), sigs.end());
  sigs.erase(std::unique(sigs.begin(), sigs.end()), sigs.end());
  return path_sigs_.emplace(path, std::move(sigs)).first->second;
}

void Scanner::evidence(const Identity& who, const std::string& kind, const git::HistoryCommit& c) {
  ++evidence_seq_;
  for (const std::string& k : who.match_keys) {
    if (lead_keys_.find(k) == lead_keys_.end()) continue;
    auto [it, fresh] = key_evidence_.try_emplace(k);
    if (fresh || it->second.time < c.time) it->second = {c.time, evidence_seq_, kind, c.id};
  }
}

void Scanner::resolve_evidence() {
  // Per lead: the newest evidence of any of its keys; of equally new ones, the first seen (what
  // updating every lead at each piece of evidence, in walk order, would have kept).
  std::vector<std::vector<std::uint64_t>> seq(report_.sigs.size());
  for (std::size_t i = 0; i < report_.sigs.size(); ++i) seq[i].resize(report_.sigs[i].leads.size());
  for (const auto& [k, refs] : lead_keys_) {
    auto e = key_evidence_.find(k);
    if (e == key_evidence_.end()) continue;
    const KeyEvidence& ev = e->second;
    for (const LeadRef& r : refs) {
      LeadActivity& lead = report_.sigs[r.sig].leads[r.lead];
      std::uint64_t& lead_seq = seq[r.sig][r.lead];
      if (!lead.last_active || *lead.last_active < ev.time ||
          (*lead.last_active == ev.time && ev.seq < lead_seq)) {
        lead.last_active = ev.time;
        lead.evidence = ev.kind;
        lead.commit = ev.commit;
        lead_seq = ev.seq;
      }
    }
  }
}

const Identity& Scanner::person(const git::Mailmap& mailmap, const std::string& name,
                                const std::string& email) {
  if (people_mailmap_ != &mailmap) {  // another repository, another .mailmap
    people_.clear();
    people_mailmap_ = &mailmap;
  }
  std::string key = name;
  key += '\0';
  key += email;
  auto it = people_.find(key);
  if (it != people_.end()) return it->second;
  Identity id = identify(mailmap, name, email);
  id.bot = bots_.is_bot(id.name, id.email);
  return people_.emplace(std::move(key), std::move(id)).first->second;
}

std::string Scanner::display(const std::string& key, const std::string& name) const {
  auto it = names_.find(key);
  return it != names_.end() ? it->second : name;
}

void Scanner::commit(const git::HistoryCommit& c, const git::Mailmap& mailmap,
                     const std::string& repo_name, const std::vector<std::size_t>* repo_sigs) {
  // Activity repositories are read from their HEAD: what came after the as-of time is not part
  // of a report as of that time.
  if (repo_sigs != nullptr && c.time >= options_.as_of) return;
  ++commits_seen_;
  if (options_.progress && commits_seen_ % 2000 == 0) options_.progress(commits_seen_, c.time);
  const Identity& author = person(mailmap, c.author_name, c.author_email);
  bool bot = author.bot;
  bool merge = c.parents > 1;
  if (!bot) {
    evidence(author, merge ? "merged" : "authored", c);
    const Identity& committer = person(mailmap, c.committer_name, c.committer_email);
    if (committer.key != author.key && !committer.bot &&
        to_lower_ascii(committer.email) != "noreply@github.com") {
      evidence(committer, "committed", c);
    }
    for (const Trailer& t : trailers(c.message)) {
      const Identity& who = person(mailmap, t.name, t.email);
      if (who.key == author.key && t.kind == "Signed-off-by") continue;
      evidence(who, t.kind, c);
    }
  }
  if (merge) return;
  int w = window_of(c.time);
  if (w < 0) return;
  // README freshness: the newest commit touching each SIG's README.
  for (const std::string& p : c.paths) {
    auto r = sig_by_readme_.find(p);
    if (r == sig_by_readme_.end()) continue;
    auto& change = report_.sigs[r->second].readme_change;
    if (!change || change->time < c.time) change = CommitRef{c.id, c.time, author.name, repo_name};
  }
  std::vector<std::size_t> sigs;
  if (repo_sigs != nullptr) {
    sigs = *repo_sigs;
  } else {
    for (const std::string& p : c.paths) {
      const auto& owners = sigs_of(p);
      sigs.insert(sigs.end(), owners.begin(), owners.end());
    }
    std::sort(sigs.begin(), sigs.end());
    sigs.erase(std::unique(sigs.begin(), sigs.end()), sigs.end());
  }
  if (bot) {
    if (w == 0) {
      ++report_.bot_commits;
      bots_seen_.insert(author.name.empty() ? author.email : author.name);
    }
    for (std::size_t s : sigs) ++report_.sigs[s].windows[w].bot_commits;
    return;
  }
  if (sigs.empty()) return;
  if (repo_sigs == nullptr && static_cast<int>(sigs.size()) > config_.sweep_sigs) {
    for (std::size_t s : sigs) ++report_.sigs[s].windows[w].sweep_commits;
    if (w == 0) {
      Sweep sweep;
      sweep.commit = {c.id, c.time, author.name, repo_name};
      sweep.subject = c.message.substr(0, c.message.find('\n'));
      if (!sweep.subject.empty() && sweep.subject.back() == '\r') sweep.subject.pop_back();
      for (std::size_t s : sigs) sweep.sigs.push_back(report_.sigs[s].name);
      report_.sweeps.push_back(std::move(sweep));
    }
    return;
  }
  names_.emplace(author.key, author.name);  // newest name wins: the walk is newest first
  for (std::size_t s : sigs) {
    SigReport& sig = report_.sigs[s];
    ++sig.windows[w].commits;
    acc_[s].people[w].insert(author.key);
    if (w == 0) ++acc_[s].authored[author.key];
    if (!sig.last_change || sig.last_change->time < c.time) {
      sig.last_change = CommitRef{c.id, c.time, author.name, repo_name};
    }
  }
}

void Scanner::walk(const git::Snapshot& tip, const git::Mailmap& mailmap,
                   const std::string& repo_name, const std::vector<std::size_t>* repo_sigs) {
  std::int64_t since = report_.windows.back().start;
  git::HistoryEnd end = git::walk_history(
      tip, since, [&](const git::HistoryCommit& c) { commit(c, mailmap, repo_name, repo_sigs); },
      report_.windows.front().start);
  report_.scanned_commits += end.commits;
  if (repo_sigs == nullptr) {
    report_.history_complete = end.reached_root;
    report_.history_start = end.oldest_time;
    window_start_commit_ = end.first_parent_before_mark;
    if (!end.stop_commit.empty() && end.stop_author_time >= since) {
      report_.walk_stop_commit = end.stop_commit;
      report_.walk_stop_author_time = end.stop_author_time;
    }
  }
}

void Scanner::finish_sigs() {
  const std::int64_t window_start = report_.windows.front().start;
  for (std::size_t i = 0; i < report_.sigs.size(); ++i) {
    SigReport& s = report_.sigs[i];
    SigAcc& a = acc_[i];
    for (std::size_t w = 0; w < s.windows.size(); ++w) {
      s.windows[w].contributors = static_cast<int>(a.people[w].size());
    }
    std::vector<std::pair<std::string, int>> ranked(a.authored.begin(), a.authored.end());
    for (auto& r : ranked) r.first = display(r.first, r.first);
    std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    int total = 0;
    for (const auto& r : ranked) total += r.second;
    int running = 0;
    for (const auto& r : ranked) {
      s.contributors.push_back({r.first, r.second});
      if (2 * running < total) {
        running += r.second;
        ++s.absence_factor;
      }
    }
    if (s.windows.size() > 1) {
      std::vector<std::string> fresh;
      std::vector<std::string> gone;
      for (const std::string& k : a.people[0]) {
        bool earlier = false;
        for (std::size_t w = 1; w < a.people.size() && !earlier; ++w) {
          earlier = a.people[w].count(k) > 0;
        }
        if (!earlier) fresh.push_back(display(k, k));
      }
      for (const std::string& k : a.people[1]) {
        if (!a.people[0].count(k)) gone.push_back(display(k, k));
      }
      std::sort(fresh.begin(), fresh.end());
      std::sort(gone.begin(), gone.end());
      s.new_count = static_cast<int>(fresh.size());
      s.drifting_count = static_cast<int>(gone.size());
      s.new_contributors = std::move(fresh);
      s.drifting = std::move(gone);
    }
    for (LeadActivity& l : s.leads) {
      l.active_in_window = l.last_active && *l.last_active >= window_start;
      if (l.active_in_window) ++s.leads_active;
    }
  }
}

// The number of findings per SIG name, counted in one pass (not one pass per SIG).
std::unordered_map<std::string, int> count_by_sig(const std::vector<Finding>& findings) {
  std::unordered_map<std::string, int> counts;
  for (const Finding& f : findings) ++counts[f.sig];
  return counts;
}

int count_for(const std::unordered_map<std::string, int>& counts, const std::string& sig) {
  auto it = counts.find(sig);
  return it != counts.end() ? it->second : 0;
}

void Scanner::compare_with_start() {
  if (lint_) {
    auto counts = count_by_sig(lint_->findings);
    for (SigReport& s : report_.sigs) s.findings_end = count_for(counts, s.name);
  }
  std::int64_t start = report_.windows.front().start;
  const std::string& start_id = window_start_commit_;
  if (start_id.empty()) return;  // the history starts inside the window
  git::Snapshot then = repo_.snapshot(start_id);
  std::optional<LintResult> old;
  try {
    Config old_config = load_config(then, Catalogue::shipped());
    if (old_config.layout != LayoutKind::kAuto || detect_layout(then)) {
      old = lint(then, old_config, Catalogue::shipped(), iso_date(start - 1));
    }
  } catch (const Error& e) {
    // The registry or configuration of that time does not read (or, in a partial clone, is not
    // there): lint findings and governance changes are unknown, not "none".
    report_.governance_known = false;
    report_.governance_note = fmt::format(
        "the registry at the window start ({}) could not be "
        "read: {}",
        start_id.substr(0, 12), e.what());
    return;
  }
  std::map<std::string, const Group*> before;
  if (old) {
    for (const Group& g : old->registry.groups) before.emplace(g.name, &g);
  }
  auto counts = old ? count_by_sig(old->findings) : std::unordered_map<std::string, int>{};
  for (SigReport& s : report_.sigs) {
    s.findings_start = count_for(counts, s.name);
    s.findings_start_known = true;
  }
  auto lead_labels = [](const Group& g) {
    std::map<std::string, std::string> out;  // lower-case label -> label
    for (const Person& p : g.leads) out.emplace(to_lower_ascii(p.label()), p.label());
    return out;
  };
  std::map<std::string, const Group*> after;
  for (const Group* g : groups_) after.emplace(g->name, g);
  for (const auto& [name, g] : after) {
    auto b = before.find(name);
    if (b == before.end()) {
      report_.governance.push_back({"sig-added", name, ""});
      continue;
    }
    auto now = lead_labels(*g);
    auto was = lead_labels(*b->second);
    for (const auto& [key, label] : now) {
      if (!was.count(key)) report_.governance.push_back({"lead-added", name, label});
    }
    for (const auto& [key, label] : was) {
      if (!now.count(key)) report_.governance.push_back({"lead-removed", name, label});
    }
  }
  for (const auto& [name, g] : before) {
    if (!after.count(name)) report_.governance.push_back({"sig-removed", name, ""});
  }
}

// "org/name" from a remote URL (https://host/org/name.git, git@host:org/name), else "".
std::string repo_name_from_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.ends_with(".git")) url.resize(url.size() - 4);
  std::size_t last = url.find_last_of("/:");
  if (last == std::string::npos || last == 0) return "";
  std::size_t prev = url.find_last_of("/:", last - 1);
  return url.substr(prev == std::string::npos ? 0 : prev + 1);
}

void Scanner::activity_repos() {
  for (const ActivityRepo& a : options_.activity_repos) {
    git::Repository repo = git::Repository::discover(a.path);
    require_full_history(repo, fmt::format("--activity-repo '{}'", a.path));
    git::Snapshot head = repo.snapshot("HEAD");
    std::string name = a.name;
    if (name.empty()) name = repo_name_from_url(git::remote_url(head, "origin"));
    if (name.empty()) {
      std::string loc = repo.location();
      name = loc.substr(loc.find_last_of('/') + 1);
    }
    std::vector<std::size_t> sigs;
    for (const std::string& sig : index_->owners_of_repository(name).sigs) {
      auto it = sig_by_name_.find(sig);
      if (it != sig_by_name_.end()) sigs.push_back(it->second);
    }
    std::string label = fmt::format("{} ({})", a.path, name);
    if (sigs.empty()) label += ": owned by no SIG, counted for lead activity only";
    report_.repositories.push_back(label);
    git::Mailmap mailmap(read_mailmap(head, a.path));
    walk(head, mailmap, name, &sigs);
  }
}

void Scanner::repository_wide() {
  // Unowned files, collapsed to the shallowest directory whose files are all unowned.
  std::map<std::string, std::pair<int, int>> dirs;  // dir -> (files, unowned files) beneath
  std::vector<std::string> unowned_files;
  for (const std::string& f : files_) {
    bool owned = index_->owners_of(f).owned();
    if (!owned) {
      ++report_.unowned_files;
      unowned_files.push_back(f);
    }
    for (std::size_t slash = f.find('/'); slash != std::string::npos;
         slash = f.find('/', slash + 1)) {
      auto& d = dirs[f.substr(0, slash)];
      ++d.first;
      if (!owned) ++d.second;
    }
  }
  std::set<std::string> collapsed;
  for (const std::string& f : unowned_files) {
    std::string shown = f;
    for (std::size_t slash = f.find('/'); slash != std::string::npos;
         slash = f.find('/', slash + 1)) {
      const auto& d = dirs[f.substr(0, slash)];
      if (d.first == d.second) {
        shown = f.substr(0, slash + 1);
        break;
      }
    }
    collapsed.insert(shown);
  }
  constexpr std::size_t kMaxUnowned = 200;
  for (const std::string& u : collapsed) {
    if (report_.unowned.size() == kMaxUnowned) break;
    report_.unowned.push_back(u);
  }
  std::set<std::string> declared;
  for (const Group& g : registry_.groups) declared.insert(g.dir);
  for (const std::string& f : registry_.folders) {
    if (!declared.count(f)) report_.orphans.push_back(f);
  }
  std::sort(report_.orphans.begin(), report_.orphans.end());
  report_.bots.assign(bots_seen_.begin(), bots_seen_.end());
}

void Scanner::apply_privacy() {
  report_.people = options_.people;
  report_.anonymized = options_.anonymize && options_.people;
  if (!options_.people) {
    for (SigReport& s : report_.sigs) {
      s.contributors.clear();
      s.new_contributors.clear();
      s.drifting.clear();
      s.leads.clear();
      if (s.last_change) s.last_change->author.clear();
      if (s.readme_change) s.readme_change->author.clear();
    }
    for (Sweep& w : report_.sweeps) w.commit.author.clear();
    for (GovernanceChange& g : report_.governance) g.person.clear();
    report_.bots.clear();
    return;
  }
  if (!options_.anonymize) return;
  auto anon = [](std::string& name) {
    if (!name.empty()) name = pseudonym(to_lower_ascii(name));
  };
  for (SigReport& s : report_.sigs) {
    for (Contributor& c : s.contributors) anon(c.name);
    for (auto& n : s.new_contributors) anon(n);
    for (auto& n : s.drifting) anon(n);
    for (LeadActivity& l : s.leads) anon(l.name);
    if (s.last_change) anon(s.last_change->author);
    if (s.readme_change) anon(s.readme_change->author);
  }
  for (Sweep& w : report_.sweeps) anon(w.commit.author);
  for (GovernanceChange& g : report_.governance) anon(g.person);
}

Report Scanner::run() {
  report_.as_of = options_.as_of;
  report_.as_of_commit = tip_.commit_id();
  report_.window_spec = options_.window_spec;
  report_.window_seconds = options_.window_seconds;
  report_.sweep_threshold = config_.sweep_sigs;
  report_.repositories.push_back(options_.repo_label);
  setup_windows();
  read_registry();
  index_leads();
  git::Mailmap mailmap(read_mailmap(tip_, options_.repo_label));
  walk(tip_, mailmap, "", nullptr);
  activity_repos();
  resolve_evidence();
  finish_sigs();
  compare_with_start();
  repository_wide();
  apply_privacy();
  compute_flags(report_);
  return std::move(report_);
}

}  // namespace

Report scan(const git::Repository& repo, const git::Snapshot& tip, const Config& config,
            const ScanOptions& options) {
  Scanner scanner(repo, tip, config, options);
  return scanner.run();
}

}  // namespace sigwarden::report
