// The SIG health report: what `sigwarden report` computes from git history, as plain values.
// history.cc fills it in one pass over the commits of the scanned windows; the renderers
// (markdown, json, html) only format it, and merge combines reports of several repositories.
//
// Times are Unix seconds (UTC). Window 0 is the current window [as_of - W, as_of); window k is
// the k-th earlier one. Commits are placed in windows by committer time, like `git log --since`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sigwarden::report {

inline constexpr int kSchemaVersion = 1;

struct Window {
  std::int64_t start = 0;  // inclusive
  std::int64_t end = 0;    // exclusive
};

// One commit as the report cites it.
struct CommitRef {
  std::string id;  // full hex id
  std::int64_t time = 0;
  std::string
      author;  // display name after .mailmap (pseudonym with --anonymize, "" with --no-people)
  std::string repo;  // which scanned repository ("" for the main one)
};

// Per SIG and window.
struct WindowStats {
  int commits = 0;        // non-merge, non-bot, non-sweep commits touching the SIG's paths
  int contributors = 0;   // distinct authors of those commits (by e-mail after .mailmap)
  int sweep_commits = 0;  // sweep commits that touched the SIG (counted apart, not in commits)
  int bot_commits = 0;    // bot commits that touched the SIG (not in commits)
};

struct LeadActivity {
  std::string name;                         // the lead's label from the registry
  std::optional<std::int64_t> last_active;  // newest evidence in the scanned history
  std::string evidence;  // "authored", "co-authored", "Reviewed-by", "Acked-by", ... ("" when none)
  std::string commit;    // the commit carrying that evidence
  bool active_in_window = false;  // evidence inside the current window
};

struct Contributor {
  std::string name;  // display name (pseudonym with --anonymize)
  int commits = 0;   // in the current window
};

struct Flag {
  std::string id;       // stable: no-lead, no-active-lead, inactive, single-contributor, ...
  std::string message;  // one sentence with the numbers behind it
};

struct SigReport {
  std::string name;
  std::string dir;
  std::vector<WindowStats> windows;  // index 0 = current window; one per report window
  // Current window, busiest first (empty with --no-people, though the counts stay).
  std::vector<Contributor> contributors;
  std::vector<std::string> new_contributors;  // active now, not in the previous window
  std::vector<std::string> drifting;          // active in the previous window, not now
  int new_count = 0;
  int drifting_count = 0;
  // Smallest number of people who made half of the current window's commits (0 with no commits).
  int absence_factor = 0;
  std::optional<CommitRef> last_change;  // newest substantive commit in the scanned history
  std::vector<LeadActivity> leads;       // empty names with --no-people, counts kept
  int leads_listed = 0;
  int leads_active = 0;  // leads with evidence inside the current window
  std::vector<std::string> lists;
  std::string readme;                      // README path, "" when none
  std::optional<CommitRef> readme_change;  // newest commit touching it in the scanned history
  int findings_start = 0;                  // lint findings for this SIG at the window start
  int findings_end = 0;                    // and at the as-of revision
  bool findings_start_known = false;       // false when the history does not reach the start
  std::vector<Flag> flags;
};

struct Sweep {
  CommitRef commit;
  std::string subject;
  std::vector<std::string> sigs;  // the SIGs it touched
};

struct GovernanceChange {
  std::string kind;  // sig-added, sig-removed, lead-added, lead-removed
  std::string sig;
  std::string person;  // for lead changes ("" with --no-people)
};

// A line of the "needs attention" list: a SIG's flag, or a repository-wide one (sig empty).
struct Attention {
  std::string sig;
  std::string flag;
  std::string message;
};

struct Report {
  int schema_version = kSchemaVersion;
  std::int64_t as_of = 0;    // end of the current window
  std::string as_of_commit;  // the revision reported on
  std::string window_spec;   // as given: "90d", "12w", "1y"
  std::int64_t window_seconds = 0;
  std::vector<Window> windows;            // index 0 = current
  std::vector<std::string> repositories;  // scanned: "." and every --activity-repo
  bool people = true;                     // false with --no-people
  bool anonymized = false;                // true with --anonymize
  std::int64_t scanned_commits = 0;       // commits read from history, all repositories
  std::int64_t history_start = 0;         // oldest commit time reached (0 when none)
  bool history_complete = false;  // the walk reached the root commit before the oldest window
  std::vector<SigReport> sigs;    // sorted by name
  std::vector<Sweep> sweeps;      // in the current window, newest first
  int sweep_threshold = 3;        // a commit touching more than this many SIGs is a sweep
  int bot_commits = 0;            // in the current window
  std::vector<std::string> bots;  // bot identities seen in the current window
  int unowned_files = 0;
  std::vector<std::string> unowned;          // unowned directories and files (collapsed), capped
  std::vector<std::string> orphans;          // folders under a SIG root that no SIG declares
  std::vector<GovernanceChange> governance;  // between the current window's start and as-of
  bool governance_known = true;  // false when the registry at the window start could not be read
  std::string governance_note;   // why it is unknown
  // The walk stopped at a commit committed before the oldest window but authored inside it
  // (a wrong committer clock; `git log --since` stops there too): its id and author time.
  std::string walk_stop_commit;
  std::int64_t walk_stop_author_time = 0;
  std::vector<Attention> attention;  // SIG flags and repository-wide problems
};

// "2026-11-26" for a Unix time (UTC).
std::string iso_date(std::int64_t t);
// The Unix time of the start of the UTC day "YYYY-MM-DD"; nothing when text is not a valid date.
std::optional<std::int64_t> parse_iso_date(const std::string& text);
// Whole days from t to as_of (never negative).
int days_between(std::int64_t t, std::int64_t as_of);

}  // namespace sigwarden::report
