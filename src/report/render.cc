// Markdown and JSON renderers of the health report, the JSON reader and the merge of reports,
// and the flag rules shared by a scan and a merge.
#include "report/render.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "output/ci_escape.h"

namespace sigwarden::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kInactiveDays = 90;
constexpr int kSingleContributorMinCommits = 4;

std::string plural(long n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string window_text(const Report& r) {
  std::int64_t days = r.window_seconds / 86400;
  return plural(days, "day", "days");
}

std::string short_id(const std::string& id) { return id.substr(0, 12); }

}  // namespace

std::string sparkline(const std::vector<int>& values) {
  static const char* kBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  int max = 0;
  for (int v : values) max = std::max(max, v);
  std::string out;
  for (int v : values) {
    int level = 0;
    if (v > 0 && max > 0) {
      level = std::clamp(static_cast<int>(std::lround(7.0 * v / max)), 1, 7);
    }
    out += kBars[level];
  }
  return out;
}

void compute_flags(Report& report) {
  report.attention.clear();
  for (SigReport& s : report.sigs) {
    s.flags.clear();
    if (s.leads_listed == 0) {
      s.flags.push_back({"no-lead", "no lead is listed in the registry"});
    } else if (s.leads_active == 0) {
      s.flags.push_back({"no-active-lead",
                         fmt::format("{} no activity in the sources scanned in the last {}",
                                     s.leads_listed == 1
                                         ? std::string("its lead has")
                                         : fmt::format("none of its {} leads has", s.leads_listed),
                                     window_text(report))});
    }
    if (!s.last_change) {
      s.flags.push_back(
          {"no-recent-change",
           fmt::format(
               "no change to its paths in the sources scanned (since {})",
               iso_date(report.windows.empty() ? report.as_of : report.windows.back().start))});
    } else if (int days = days_between(s.last_change->time, report.as_of); days > kInactiveDays) {
      s.flags.push_back(
          {"no-recent-change", fmt::format("no change to its paths in the last {} days "
                                           "(last change {}, {} days before the as-of date)",
                                           kInactiveDays, iso_date(s.last_change->time), days)});
    }
    int commits = s.windows.empty() ? 0 : s.windows[0].commits;
    if (commits >= kSingleContributorMinCommits && s.absence_factor == 1) {
      std::string who =
          s.contributors.empty()
              ? "one person made"
              : fmt::format("{} made {} of", s.contributors[0].name, s.contributors[0].commits);
      if (s.contributors.empty()) who += " at least half of";
      s.flags.push_back(
          {"single-contributor", fmt::format("{} the {} commits in the window", who, commits)});
    }
    if (s.lists.empty()) s.flags.push_back({"no-mailing-list", "no mailing list is listed"});
    if (s.findings_start_known && s.findings_end > s.findings_start) {
      s.flags.push_back(
          {"findings-up", fmt::format("lint findings rose from {} to {} in the window",
                                      s.findings_start, s.findings_end)});
    }
    for (const Flag& f : s.flags) report.attention.push_back({s.name, f.id, f.message});
  }
  if (report.unowned_files > 0) {
    std::string example = report.unowned.empty() ? "" : fmt::format(", e.g. {}", report.unowned[0]);
    report.attention.push_back(
        {"", "unowned",
         fmt::format("{} no owner in any ownership source{}",
                     plural(report.unowned_files, "file has", "files have"), example)});
  }
  if (!report.walk_stop_commit.empty()) {
    report.attention.push_back(
        {"", "clock-skew",
         fmt::format("the history walk stopped at commit {}, committed before the oldest window "
                     "but authored on {}: a wrong committer clock? Older commits behind it were "
                     "not scanned (git log --since stops there too)",
                     report.walk_stop_commit.substr(0, 12),
                     iso_date(report.walk_stop_author_time))});
  }
  if (!report.orphans.empty()) {
    std::string list;
    for (const auto& o : report.orphans) list += (list.empty() ? "" : ", ") + o;
    report.attention.push_back(
        {"", "orphan-folders",
         fmt::format("{} under a SIG root that no SIG declares: {}",
                     plural(static_cast<long>(report.orphans.size()), "folder", "folders"), list)});
  }
}

// ---- JSON -------------------------------------------------------------------------------------

namespace {

// Writes JSON as Json::dump(2, ' ', false, error_handler_t::replace) writes the same document,
// byte for byte, without building the document first: a report of many SIGs would otherwise
// allocate a tree of millions of nodes only to print it once. Members and elements are written
// in call order; an object or array closed without members is "{}" or "[]", as dump() prints it.
// With a sink, the text is handed to it in pieces as it is written.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream* sink = nullptr) : sink_(sink) {}

  // The text written since the last flush.
  std::string take() { return std::move(out_); }
  void flush() {
    if (sink_ == nullptr) return;
    sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The key of the next member of the open object; its value follows.
  JsonWriter& key(std::string_view k) {
    next_item();
    string_text(k);
    out_ += ": ";
    after_key_ = true;
    return *this;
  }

  void string(std::string_view s) {
    before_value();
    string_text(s);
  }
  void number(std::int64_t n) {
    before_value();
    fmt::format_to(std::back_inserter(out_), "{}", n);
  }
  void boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
  }
  void null() {
    before_value();
    out_ += "null";
  }
  void strings(const std::vector<std::string>& list) {
    begin_array();
    for (const std::string& s : list) string(s);
    end_array();
  }

 private:
  void before_value() {
    if (after_key_) {
      after_key_ = false;
    } else {
      next_item();
    }
  }
  // The separator and indentation before a member or element of the innermost open container.
  void next_item() {
    if (open_.empty()) return;
    if (sink_ != nullptr && out_.size() >= kFlushBytes) flush();
    out_ += open_.back() ? "\n" : ",\n";
    open_.back() = false;
    out_.append(2 * open_.size(), ' ');
  }
  void open(char bracket) {
    before_value();
    out_ += bracket;
    open_.push_back(true);
  }
  void close(char bracket) {
    bool empty = open_.back();
    open_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(2 * open_.size(), ' ');
    }
    out_ += bracket;
  }
  // A quoted string. Printable ASCII other than '"' and '\' is written as it is, which is what
  // dump() does with it; anything else (control characters, UTF-8, invalid bytes) is left to
  // the library's own escaping, so that it stays exactly the library's.
  void string_text(std::string_view s) {
    bool plain = std::all_of(
        s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'; });
    if (plain) {
      out_ += '"';
      out_ += s;
      out_ += '"';
    } else {
      out_ += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    }
  }

  static constexpr std::size_t kFlushBytes = 1 << 16;

  std::ostream* sink_;
  std::string out_;
  std::vector<bool> open_;  // per open container, innermost last: true while it has no member
  bool after_key_ = false;
};

void commit_json(JsonWriter& w, const std::optional<CommitRef>& c) {
  if (!c) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("date").string(iso_date(c->time));
  w.key("commit").string(c->id);
  w.key("time").number(c->time);
  w.key("author").string(c->author);
  w.key("repo").string(c->repo);
  w.end_object();
}

void window_json(JsonWriter& w, const WindowStats& stats, const Window& span) {
  w.begin_object();
  w.key("start").string(iso_date(span.start));
  w.key("end").string(iso_date(span.end - 1));
  w.key("commits").number(stats.commits);
  w.key("contributors").number(stats.contributors);
  w.key("sweep_commits").number(stats.sweep_commits);
  w.key("bot_commits").number(stats.bot_commits);
  w.end_object();
}

void sig_json(JsonWriter& w, const Report& r, const SigReport& s) {
  w.begin_object();
  w.key("name").string(s.name);
  w.key("dir").string(s.dir);
  WindowStats now = s.windows.empty() ? WindowStats{} : s.windows[0];
  w.key("commits").number(now.commits);
  w.key("contributors").number(now.contributors);
  w.key("sweep_commits").number(now.sweep_commits);
  w.key("bot_commits").number(now.bot_commits);
  w.key("windows").begin_array();
  for (std::size_t k = 0; k < s.windows.size() && k < r.windows.size(); ++k) {
    window_json(w, s.windows[k], r.windows[k]);
  }
  w.end_array();
  w.key("absence_factor").number(s.absence_factor);
  w.key("people").begin_array();
  for (const Contributor& c : s.contributors) {
    w.begin_object();
    w.key("name").string(c.name);
    w.key("commits").number(c.commits);
    w.end_object();
  }
  w.end_array();
  w.key("new_contributors").strings(s.new_contributors);
  w.key("new_count").number(s.new_count);
  w.key("drifting").strings(s.drifting);
  w.key("drifting_count").number(s.drifting_count);
  w.key("last_change");
  commit_json(w, s.last_change);
  w.key("leads").begin_array();
  for (const LeadActivity& l : s.leads) {
    w.begin_object();
    w.key("name").string(l.name);
    if (l.last_active) {
      w.key("last_active").string(iso_date(*l.last_active));
      w.key("last_active_time").number(*l.last_active);
      w.key("days_since").number(days_between(*l.last_active, r.as_of));
    } else {
      w.key("last_active").null();
      w.key("last_active_time").null();
      w.key("days_since").null();
    }
    w.key("evidence").string(l.evidence);
    w.key("commit").string(l.commit);
    w.key("active").boolean(l.active_in_window);
    w.end_object();
  }
  w.end_array();
  w.key("leads_listed").number(s.leads_listed);
  w.key("leads_active").number(s.leads_active);
  w.key("lists").strings(s.lists);
  if (s.readme.empty()) {
    w.key("readme").null();
  } else {
    w.key("readme").string(s.readme);
  }
  w.key("readme_change");
  commit_json(w, s.readme_change);
  w.key("findings").begin_object();
  if (s.findings_start_known) {
    w.key("start").number(s.findings_start);
  } else {
    w.key("start").null();
  }
  w.key("end").number(s.findings_end);
  w.end_object();
  w.key("flags").begin_array();
  for (const Flag& f : s.flags) {
    w.begin_object();
    w.key("id").string(f.id);
    w.key("message").string(f.message);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_document(JsonWriter& w, const Report& r) {
  w.begin_object();
  w.key("schemaVersion").number(r.schema_version);
  w.key("asOf").string(iso_date(r.as_of - 1));
  w.key("asOfCommit").string(r.as_of_commit);
  Window current = r.windows.empty() ? Window{r.as_of, r.as_of} : r.windows.front();
  w.key("window").begin_object();
  w.key("spec").string(r.window_spec);
  w.key("days").number(r.window_seconds / 86400);
  w.key("start").string(iso_date(current.start));
  w.key("end").string(iso_date(current.end - 1));
  w.end_object();
  w.key("windows").begin_array();
  for (const Window& span : r.windows) {
    w.begin_object();
    w.key("start").string(iso_date(span.start));
    w.key("end").string(iso_date(span.end - 1));
    w.end_object();
  }
  w.end_array();
  w.key("repositories").strings(r.repositories);
  w.key("people").boolean(r.people);
  w.key("anonymized").boolean(r.anonymized);
  w.key("scannedCommits").number(r.scanned_commits);
  if (r.history_start == 0) {
    w.key("historyStart").null();
  } else {
    w.key("historyStart").string(iso_date(r.history_start));
  }
  w.key("historyComplete").boolean(r.history_complete);
  w.key("sweepThreshold").number(r.sweep_threshold);
  w.key("attention").begin_array();
  for (const Attention& a : r.attention) {
    w.begin_object();
    w.key("sig").string(a.sig);
    w.key("flag").string(a.flag);
    w.key("message").string(a.message);
    w.end_object();
  }
  w.end_array();
  w.key("sigs").begin_array();
  for (const SigReport& s : r.sigs) sig_json(w, r, s);
  w.end_array();
  w.key("sweeps").begin_array();
  for (const Sweep& sweep : r.sweeps) {
    w.begin_object();
    w.key("commit").string(sweep.commit.id);
    w.key("date").string(iso_date(sweep.commit.time));
    w.key("time").number(sweep.commit.time);
    w.key("author").string(sweep.commit.author);
    w.key("repo").string(sweep.commit.repo);
    w.key("subject").string(sweep.subject);
    w.key("sigs").strings(sweep.sigs);
    w.end_object();
  }
  w.end_array();
  w.key("bots").begin_object();
  w.key("commits").number(r.bot_commits);
  w.key("identities").strings(r.bots);
  w.end_object();
  w.key("unownedFiles").number(r.unowned_files);
  w.key("unowned").strings(r.unowned);
  w.key("orphans").strings(r.orphans);
  w.key("governance").begin_array();
  for (const GovernanceChange& g : r.governance) {
    w.begin_object();
    w.key("kind").string(g.kind);
    w.key("sig").string(g.sig);
    w.key("person").string(g.person);
    w.end_object();
  }
  w.end_array();
  w.key("governanceKnown").boolean(r.governance_known);
  if (!r.governance_known) w.key("governanceNote").string(r.governance_note);
  if (r.walk_stop_commit.empty()) {
    w.key("walkStop").null();
  } else {
    w.key("walkStop").begin_object();
    w.key("commit").string(r.walk_stop_commit);
    w.key("authorDate").string(iso_date(r.walk_stop_author_time));
    w.key("authorTime").number(r.walk_stop_author_time);
    w.end_object();
  }
  w.end_object();
}

}  // namespace

std::string render_json(const Report& r) {
  JsonWriter w;
  write_document(w, r);
  std::string out = w.take();
  out += '\n';
  return out;
}

void write_json(const Report& r, std::ostream& out) {
  JsonWriter w(&out);
  write_document(w, r);
  w.flush();
  out << '\n';
}

namespace {

// The start of the UTC day "YYYY-MM-DD"; throws Error naming the origin.
std::int64_t parse_date(const std::string& text, const std::string& origin) {
  std::optional<std::int64_t> t = parse_iso_date(text);
  if (!t) throw Error(fmt::format("read report {}: '{}' is not a date (YYYY-MM-DD)", origin, text));
  return *t;
}

// A whole number in [lo, hi]; anything else (a float, a string, 1e300, a count that would
// overflow later arithmetic) is an error naming the field.
std::int64_t whole(const Json& j, const char* field, std::int64_t lo, std::int64_t hi) {
  if (!j.is_number_integer()) throw Error(fmt::format("'{}' must be a whole number", field));
  std::int64_t v = j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)
                       ? hi + 1
                       : j.get<std::int64_t>();
  if (v < lo || v > hi) throw Error(fmt::format("'{}' is out of range ({})", field, v));
  return v;
}
constexpr std::int64_t kMaxCount = 100'000'000;     // commits, people, files (sums stay in int)
constexpr std::int64_t kMaxTime = 253'402'300'799;  // 9999-12-31T23:59:59Z
int count(const Json& j, const char* field) {
  return static_cast<int>(whole(j, field, 0, kMaxCount));
}
std::int64_t when(const Json& j, const char* field) { return whole(j, field, 0, kMaxTime); }

std::optional<CommitRef> commit_from(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return CommitRef{j.at("commit").get<std::string>(), when(j.at("time"), "time"),
                   j.value("author", ""), j.value("repo", "")};
}

}  // namespace

Report parse_json(const std::string& text, const std::string& origin) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::exception& e) {  // parse_error, and out_of_range for numbers like 1e999
    throw Error(fmt::format("read report {}: not JSON: {}", origin, e.what()));
  }
  Report r;
  try {
    if (!doc.is_object() || !doc.contains("schemaVersion")) {
      throw Error(fmt::format("read report {}: not a sigwarden report (no schemaVersion)", origin));
    }
    r.schema_version = static_cast<int>(whole(doc.at("schemaVersion"), "schemaVersion", 0, 1000));
    if (r.schema_version != kSchemaVersion) {
      throw Error(
          fmt::format("read report {}: schemaVersion {} is not supported (this sigwarden "
                      "reads {})",
                      origin, r.schema_version, kSchemaVersion));
    }
    r.as_of = parse_date(doc.at("asOf").get<std::string>(), origin) + 86400;
    r.as_of_commit = doc.value("asOfCommit", "");
    const Json& window = doc.at("window");
    r.window_spec = window.at("spec").get<std::string>();
    r.window_seconds = whole(window.at("days"), "window.days", 1, 36500) * 86400;
    if (doc.at("windows").size() > 53) throw Error("'windows' has more than 53 windows");
    for (std::size_t k = 0; k < doc.at("windows").size(); ++k) {
      std::int64_t end = r.as_of - static_cast<std::int64_t>(k) * r.window_seconds;
      r.windows.push_back({end - r.window_seconds, end});
    }
    r.repositories = doc.at("repositories").get<std::vector<std::string>>();
    r.people = doc.at("people").get<bool>();
    r.anonymized = doc.at("anonymized").get<bool>();
    r.scanned_commits = whole(doc.at("scannedCommits"), "scannedCommits", 0, kMaxCount);
    if (!doc.at("historyStart").is_null()) {
      r.history_start = parse_date(doc.at("historyStart").get<std::string>(), origin);
    }
    r.history_complete = doc.at("historyComplete").get<bool>();
    r.sweep_threshold =
        static_cast<int>(whole(doc.at("sweepThreshold"), "sweepThreshold", 1, 1000));
    for (const Json& j : doc.at("sigs")) {
      SigReport s;
      s.name = j.at("name").get<std::string>();
      s.dir = j.at("dir").get<std::string>();
      for (const Json& w : j.at("windows")) {
        s.windows.push_back({count(w.at("commits"), "commits"),
                             count(w.at("contributors"), "contributors"),
                             count(w.at("sweep_commits"), "sweep_commits"),
                             count(w.at("bot_commits"), "bot_commits")});
      }
      s.windows.resize(r.windows.size());
      s.absence_factor = count(j.at("absence_factor"), "absence_factor");
      for (const Json& p : j.at("people")) {
        s.contributors.push_back(
            {p.at("name").get<std::string>(), count(p.at("commits"), "people.commits")});
      }
      s.new_contributors = j.at("new_contributors").get<std::vector<std::string>>();
      s.new_count = count(j.at("new_count"), "new_count");
      s.drifting = j.at("drifting").get<std::vector<std::string>>();
      s.drifting_count = count(j.at("drifting_count"), "drifting_count");
      s.last_change = commit_from(j.at("last_change"));
      for (const Json& l : j.at("leads")) {
        LeadActivity lead;
        lead.name = l.at("name").get<std::string>();
        if (!l.at("last_active_time").is_null()) {
          lead.last_active = when(l.at("last_active_time"), "last_active_time");
        }
        lead.evidence = l.at("evidence").get<std::string>();
        lead.commit = l.at("commit").get<std::string>();
        lead.active_in_window = l.at("active").get<bool>();
        s.leads.push_back(std::move(lead));
      }
      s.leads_listed = count(j.at("leads_listed"), "leads_listed");
      s.leads_active = count(j.at("leads_active"), "leads_active");
      s.lists = j.at("lists").get<std::vector<std::string>>();
      if (!j.at("readme").is_null()) s.readme = j.at("readme").get<std::string>();
      s.readme_change = commit_from(j.at("readme_change"));
      const Json& findings = j.at("findings");
      s.findings_start_known = !findings.at("start").is_null();
      if (s.findings_start_known) s.findings_start = count(findings.at("start"), "findings.start");
      s.findings_end = count(findings.at("end"), "findings.end");
      r.sigs.push_back(std::move(s));
    }
    for (const Json& j : doc.at("sweeps")) {
      Sweep w;
      w.commit = {j.at("commit").get<std::string>(), when(j.at("time"), "time"),
                  j.at("author").get<std::string>(), j.at("repo").get<std::string>()};
      w.subject = j.at("subject").get<std::string>();
      w.sigs = j.at("sigs").get<std::vector<std::string>>();
      r.sweeps.push_back(std::move(w));
    }
    r.bot_commits = count(doc.at("bots").at("commits"), "bots.commits");
    r.bots = doc.at("bots").at("identities").get<std::vector<std::string>>();
    r.unowned_files = count(doc.at("unownedFiles"), "unownedFiles");
    r.unowned = doc.at("unowned").get<std::vector<std::string>>();
    r.orphans = doc.at("orphans").get<std::vector<std::string>>();
    r.governance_known = doc.value("governanceKnown", true);
    r.governance_note = doc.value("governanceNote", "");
    if (doc.contains("walkStop") && !doc.at("walkStop").is_null()) {
      r.walk_stop_commit = doc.at("walkStop").at("commit").get<std::string>();
      r.walk_stop_author_time = when(doc.at("walkStop").at("authorTime"), "walkStop.authorTime");
    }
    for (const Json& g : doc.at("governance")) {
      r.governance.push_back({g.at("kind").get<std::string>(), g.at("sig").get<std::string>(),
                              g.at("person").get<std::string>()});
    }
  } catch (const Json::exception& e) {
    throw Error(fmt::format("read report {}: missing or mistyped field: {}", origin, e.what()));
  } catch (const Error& e) {
    std::string what = e.what();
    if (what.starts_with("read report ")) throw;
    throw Error(fmt::format("read report {}: {}", origin, what));
  }
  compute_flags(r);
  return r;
}

// ---- merge ------------------------------------------------------------------------------------

namespace {

void newest(std::optional<CommitRef>& into, const std::optional<CommitRef>& from) {
  if (from && (!into || into->time < from->time)) into = from;
}

// Joins b into a (the same SIG in two repositories).
void merge_sig(SigReport& a, const SigReport& b, bool people) {
  if (a.dir.empty()) a.dir = b.dir;
  for (std::size_t k = 0; k < a.windows.size() && k < b.windows.size(); ++k) {
    a.windows[k].commits += b.windows[k].commits;
    // Without names, distinct people cannot be joined: the larger count is a lower bound.
    a.windows[k].contributors = std::max(a.windows[k].contributors, b.windows[k].contributors);
    a.windows[k].sweep_commits += b.windows[k].sweep_commits;
    a.windows[k].bot_commits += b.windows[k].bot_commits;
  }
  if (people) {
    std::map<std::string, int> commits;
    for (const auto& c : a.contributors) commits[c.name] += c.commits;
    for (const auto& c : b.contributors) commits[c.name] += c.commits;
    a.contributors.clear();
    for (const auto& [name, n] : commits) a.contributors.push_back({name, n});
    std::stable_sort(
        a.contributors.begin(), a.contributors.end(),
        [](const Contributor& x, const Contributor& y) { return x.commits > y.commits; });
    if (!a.windows.empty()) a.windows[0].contributors = static_cast<int>(a.contributors.size());
    int total = 0;
    for (const auto& c : a.contributors) total += c.commits;
    int running = 0;
    a.absence_factor = 0;
    for (const auto& c : a.contributors) {
      if (2 * running >= total) break;
      running += c.commits;
      ++a.absence_factor;
    }
    std::set<std::string> fresh(a.new_contributors.begin(), a.new_contributors.end());
    fresh.insert(b.new_contributors.begin(), b.new_contributors.end());
    std::set<std::string> gone(a.drifting.begin(), a.drifting.end());
    gone.insert(b.drifting.begin(), b.drifting.end());
    // Active now in either repository: not drifting, and not new if drifting elsewhere.
    for (const auto& c : a.contributors) gone.erase(c.name);
    a.new_contributors.assign(fresh.begin(), fresh.end());
    a.drifting.assign(gone.begin(), gone.end());
    a.new_count = static_cast<int>(a.new_contributors.size());
    a.drifting_count = static_cast<int>(a.drifting.size());
    // Leads: the same label in both is one lead with the newest evidence (the first lead of
    // that label, found through a map of label -> first index rather than a search per lead).
    std::unordered_map<std::string, std::size_t> lead_at;
    for (std::size_t i = 0; i < a.leads.size(); ++i) lead_at.emplace(a.leads[i].name, i);
    for (const LeadActivity& l : b.leads) {
      auto [at, new_lead] = lead_at.emplace(l.name, a.leads.size());
      if (new_lead) {
        a.leads.push_back(l);
      } else if (LeadActivity& x = a.leads[at->second];
                 l.last_active && (!x.last_active || *x.last_active < *l.last_active)) {
        x = l;
      }
    }
    a.leads_listed = static_cast<int>(a.leads.size());
    a.leads_active = static_cast<int>(std::count_if(
        a.leads.begin(), a.leads.end(), [](const LeadActivity& l) { return l.active_in_window; }));
  } else {
    a.absence_factor = std::max(a.absence_factor, b.absence_factor);
    a.new_count = std::max(a.new_count, b.new_count);
    a.drifting_count = std::max(a.drifting_count, b.drifting_count);
    a.leads_listed = std::max(a.leads_listed, b.leads_listed);
    a.leads_active = std::max(a.leads_active, b.leads_active);
  }
  newest(a.last_change, b.last_change);
  if (a.readme.empty()) {
    a.readme = b.readme;
    a.readme_change = b.readme_change;
  }
  std::unordered_set<std::string> lists(a.lists.begin(), a.lists.end());
  for (const auto& l : b.lists) {
    if (lists.insert(l).second) a.lists.push_back(l);
  }
  a.findings_start += b.findings_start;
  a.findings_end += b.findings_end;
  a.findings_start_known = a.findings_start_known && b.findings_start_known;
}

}  // namespace

Report merge(const std::vector<Report>& reports) {
  if (reports.empty()) throw UsageError("--merge needs at least one report");
  Report out = reports.front();
  // SIG name -> the first SIG of that name in out.sigs (what a search from the front would find).
  std::unordered_map<std::string, std::size_t> sig_at;
  for (std::size_t k = 0; k < out.sigs.size(); ++k) sig_at.emplace(out.sigs[k].name, k);
  for (std::size_t i = 1; i < reports.size(); ++i) {
    const Report& b = reports[i];
    if (b.as_of != out.as_of || b.window_seconds != out.window_seconds ||
        b.windows.size() != out.windows.size()) {
      throw Error(fmt::format(
          "merge reports: report {} covers {} windows of {} ending {}, the first covers {} "
          "windows of {} ending {}; run every job with the same --as-of, --window and --windows",
          i + 1, b.windows.size(), b.window_spec, iso_date(b.as_of - 1), out.windows.size(),
          out.window_spec, iso_date(out.as_of - 1)));
    }
    if (b.people && out.people && b.anonymized != out.anonymized) {
      throw Error(fmt::format(
          "merge reports: report {} is {}anonymized and the first is {}: real names would sit "
          "next to pseudonyms; write every report with the same --anonymize or --no-people",
          i + 1, b.anonymized ? "" : "not ", out.anonymized ? "" : "not"));
    }
    for (std::size_t k = 0; k < i; ++k) {
      const Report& a = reports[k];
      if (!a.as_of_commit.empty() && a.as_of_commit == b.as_of_commit &&
          a.repositories == b.repositories) {
        throw Error(
            fmt::format("merge reports: reports {} and {} are of the same repository at "
                        "the same commit; each repository must be merged once",
                        k + 1, i + 1));
      }
    }
    out.people = out.people && b.people;
    out.anonymized = out.anonymized || b.anonymized;
    out.as_of_commit.clear();  // several repositories: no single commit
    out.repositories.insert(out.repositories.end(), b.repositories.begin(), b.repositories.end());
    out.scanned_commits += b.scanned_commits;
    out.history_complete = out.history_complete && b.history_complete;
    out.history_start = std::max(out.history_start, b.history_start);
    for (const SigReport& s : b.sigs) {
      auto [at, fresh] = sig_at.emplace(s.name, out.sigs.size());
      if (fresh) {
        out.sigs.push_back(s);
      } else {
        merge_sig(out.sigs[at->second], s, out.people);
      }
    }
    out.sweeps.insert(out.sweeps.end(), b.sweeps.begin(), b.sweeps.end());
    out.bot_commits += b.bot_commits;
    std::set<std::string> bots(out.bots.begin(), out.bots.end());
    bots.insert(b.bots.begin(), b.bots.end());
    out.bots.assign(bots.begin(), bots.end());
    out.unowned_files += b.unowned_files;
    out.unowned.insert(out.unowned.end(), b.unowned.begin(), b.unowned.end());
    out.orphans.insert(out.orphans.end(), b.orphans.begin(), b.orphans.end());
    out.governance.insert(out.governance.end(), b.governance.begin(), b.governance.end());
    if (!b.governance_known) {
      out.governance_known = false;
      out.governance_note += (out.governance_note.empty() ? "" : "; ") + b.governance_note;
    }
    if (out.walk_stop_commit.empty()) {
      out.walk_stop_commit = b.walk_stop_commit;
      out.walk_stop_author_time = b.walk_stop_author_time;
    }
  }
  std::sort(out.sigs.begin(), out.sigs.end(),
            [](const SigReport& x, const SigReport& y) { return x.name < y.name; });
  std::stable_sort(out.sweeps.begin(), out.sweeps.end(),
                   [](const Sweep& x, const Sweep& y) { return x.commit.time > y.commit.time; });
  if (!out.people) {
    for (SigReport& s : out.sigs) {
      s.contributors.clear();
      s.new_contributors.clear();
      s.drifting.clear();
      s.leads.clear();
    }
  }
  compute_flags(out);
  return out;
}

// ---- Markdown ---------------------------------------------------------------------------------

namespace {

std::string md(const std::string& s) { return ci::escape_markdown(s); }

// Text in a code span; a pipe would end a table cell, so it becomes a space.
std::string code(const std::string& s) { return ci::code_span(s, " "); }

std::string trend_mark(const SigReport& s) {
  if (s.windows.size() < 2) return "";
  int now = s.windows[0].commits;
  int before = s.windows[1].commits;
  return now > before ? " ▲" : now < before ? " ▼" : " =";
}

std::vector<int> commits_oldest_first(const SigReport& s) {
  std::vector<int> v;
  for (auto it = s.windows.rbegin(); it != s.windows.rend(); ++it) v.push_back(it->commits);
  return v;
}

std::string when(const std::optional<CommitRef>& c, std::int64_t as_of) {
  if (!c) return "none in the sources scanned";
  int days = days_between(c->time, as_of);
  return fmt::format("{} ({})", iso_date(c->time),
                     days == 0 ? std::string("today") : plural(days, "day ago", "days ago"));
}

std::string names(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& n : list) out += (out.empty() ? "" : ", ") + md(n);
  return out;
}

}  // namespace

std::string render_markdown(const Report& r) {
  std::string out = "# SIG health report\n\n";
  Window current = r.windows.empty() ? Window{r.as_of, r.as_of} : r.windows.front();
  out += fmt::format(
      "As of **{}**{}; window of {} ({} to {}){}.\n", iso_date(r.as_of - 1),
      r.as_of_commit.empty() ? "" : fmt::format(" (commit {})", code(short_id(r.as_of_commit))),
      window_text(r), iso_date(current.start), iso_date(current.end - 1),
      r.windows.size() > 1
          ? fmt::format(", compared with {}", plural(static_cast<long>(r.windows.size() - 1),
                                                     "earlier window", "earlier windows"))
          : "");
  std::string repos;
  for (const auto& repo : r.repositories) repos += (repos.empty() ? "" : ", ") + code(repo);
  out += fmt::format("Scanned {} in {}.", plural(r.scanned_commits, "commit", "commits"), repos);
  if (!r.history_complete && r.history_start == 0) out += " No commit in the windows.";
  if (r.history_complete && !r.windows.empty() && r.history_start > r.windows.back().start) {
    out += fmt::format(" History starts on {}: earlier windows have no commits.",
                       iso_date(r.history_start));
  }
  if (!r.people) out += " People are not named (--no-people).";
  if (r.anonymized) out += " People are pseudonymized (--anonymize).";
  out += "\n\n## Needs attention\n\n";
  if (r.attention.empty()) out += "Nothing needs attention.\n";
  for (const Attention& a : r.attention) {
    out += fmt::format("- **{}** ({}): {}\n", a.sig.empty() ? "repository" : md(a.sig), a.flag,
                       md(a.message));
  }
  out += "\n## Overview\n\n";
  if (r.sigs.empty()) {
    out += "The registry declares no SIG.\n";
  } else {
    out +=
        "| SIG | Commits | Trend | Contributors | Absence factor | Last change | Leads active | "
        "Flags |\n|---|---:|---|---:|---:|---|---:|---|\n";
  }
  for (const SigReport& s : r.sigs) {
    std::string flags;
    for (const Flag& f : s.flags) flags += (flags.empty() ? "" : ", ") + f.id;
    WindowStats now = s.windows.empty() ? WindowStats{} : s.windows[0];
    out += fmt::format("| {} | {}{} | {} | {} | {} | {} | {}/{} | {} |\n", md(s.name), now.commits,
                       trend_mark(s), sparkline(commits_oldest_first(s)), now.contributors,
                       s.absence_factor,
                       s.last_change ? iso_date(s.last_change->time) : std::string("none"),
                       s.leads_active, s.leads_listed, flags);
  }
  for (const SigReport& s : r.sigs) {
    out += fmt::format("\n## {}\n\n", md(s.name));
    if (!s.dir.empty()) out += fmt::format("- Folder: {}\n", code(s.dir));
    std::string lists;
    for (const auto& l : s.lists) lists += (lists.empty() ? "" : ", ") + code(l);
    out += fmt::format("- Lists: {}\n", s.lists.empty() ? "none" : lists);
    std::string per_window;
    for (int v : commits_oldest_first(s))
      per_window += (per_window.empty() ? "" : ", ") + std::to_string(v);
    out += fmt::format("- Commits per window, oldest first: {} {}\n",
                       sparkline(commits_oldest_first(s)), per_window);
    WindowStats now = s.windows.empty() ? WindowStats{} : s.windows[0];
    if (now.sweep_commits > 0 || now.bot_commits > 0) {
      out += fmt::format("- Not counted: {} and {} in the window\n",
                         plural(now.sweep_commits, "sweep commit", "sweep commits"),
                         plural(now.bot_commits, "bot commit", "bot commits"));
    }
    out += fmt::format("- Last change: {}", when(s.last_change, r.as_of));
    if (s.last_change) {
      out += fmt::format(", {}{}", code(short_id(s.last_change->id)),
                         s.last_change->author.empty() ? "" : " by " + md(s.last_change->author));
    }
    out += "\n";
    std::string people;
    for (std::size_t i = 0; i < s.contributors.size() && i < 10; ++i) {
      people += fmt::format("{}{} ({})", people.empty() ? "" : ", ", md(s.contributors[i].name),
                            s.contributors[i].commits);
    }
    if (s.contributors.size() > 10)
      people += fmt::format(", and {} more", s.contributors.size() - 10);
    out += fmt::format("- Contributors in the window: {}{}; absence factor {}\n", now.contributors,
                       people.empty() ? "" : " — " + people, s.absence_factor);
    if (r.windows.size() > 1) {
      out += fmt::format(
          "- New: {}{}; drifting (active in the previous window, not in this one): "
          "{}{}\n",
          s.new_count, s.new_contributors.empty() ? "" : " — " + names(s.new_contributors),
          s.drifting_count, s.drifting.empty() ? "" : " — " + names(s.drifting));
    }
    out += fmt::format("- Leads with activity in the window: {} of {}\n", s.leads_active,
                       s.leads_listed);
    for (const LeadActivity& l : s.leads) {
      if (!l.last_active) {
        out += fmt::format("  - {}: no activity in the sources scanned\n", code(l.name));
      } else {
        out += fmt::format("  - {}: last active {} ({}, {})\n", code(l.name),
                           when(CommitRef{l.commit, *l.last_active, "", ""}, r.as_of), l.evidence,
                           code(short_id(l.commit)));
      }
    }
    if (!s.readme.empty()) {
      out += fmt::format("- README {}: last changed {}\n", code(s.readme),
                         when(s.readme_change, r.as_of));
    } else {
      out += "- README: none\n";
    }
    out += fmt::format("- Lint findings: {} at the window start, {} now\n",
                       s.findings_start_known ? std::to_string(s.findings_start) : "unknown",
                       s.findings_end);
    for (const Flag& f : s.flags) out += fmt::format("- **{}**: {}\n", f.id, md(f.message));
  }
  out += "\n## Repository\n\n";
  out += fmt::format("### Sweep commits (touching more than {} SIGs, counted apart)\n\n",
                     r.sweep_threshold);
  if (r.sweeps.empty()) out += "None in the window.\n";
  for (const Sweep& w : r.sweeps) {
    out += fmt::format("- {} {}{}: {} — {}\n", code(short_id(w.commit.id)), iso_date(w.commit.time),
                       w.commit.author.empty() ? "" : " by " + md(w.commit.author), md(w.subject),
                       names(w.sigs));
  }
  out += fmt::format("\n### Bots\n\n{} excluded in the window{}\n",
                     plural(r.bot_commits, "bot commit", "bot commits"),
                     r.bots.empty() ? "." : ": " + names(r.bots) + ".");
  out += fmt::format("\n### Unowned files\n\n{}\n",
                     r.unowned_files == 0
                         ? "Every file has an owner."
                         : plural(r.unowned_files, "file has no owner in any ownership source:",
                                  "files have no owner in any ownership source:"));
  for (const auto& u : r.unowned) out += fmt::format("- {}\n", code(u));
  if (static_cast<int>(r.unowned.size()) < r.unowned_files && r.unowned.size() >= 200) {
    out += "- (list cut at 200 entries)\n";
  }
  out += "\n### Orphan folders\n\n";
  if (r.orphans.empty()) out += "None.\n";
  for (const auto& o : r.orphans) out += fmt::format("- {}\n", code(o));
  out += "\n### Governance changes in the window\n\n";
  if (!r.governance_known) {
    out += fmt::format("Unknown: {}.\n", md(r.governance_note));
  } else if (r.governance.empty()) {
    out += "None.\n";
  }
  for (const GovernanceChange& g : r.governance) {
    out += fmt::format("- {}: {}{}\n", g.kind, md(g.sig),
                       g.person.empty() ? "" : " — " + code(g.person));
  }
  return out;
}

}  // namespace sigwarden::report
