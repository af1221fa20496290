// Builds the health report from git history in one pass: a revwalk from the as-of revision back
// to the start of the oldest window, each non-merge commit's changed paths (pruned tree diff
// against its first parent, no blob reads) attributed to SIGs through the OwnershipIndex built at
// the as-of revision. Memory grows with the commits and paths of the scanned windows only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "git/repository.h"
#include "lint/config.h"
#include "report/report.h"

namespace sigwarden::report {

struct ActivityRepo {
  std::string path;  // a local clone
  std::string name;  // "org/name" matched against the registry's repositories ("" = from origin)
};

struct ScanOptions {
  std::string window_spec = "90d";
  std::int64_t window_seconds = std::int64_t{90} * 86400;
  int earlier_windows = 3;
  std::int64_t as_of = 0;  // exclusive end of the current window (Unix seconds)
  std::string repo_label = ".";
  bool people = true;
  bool anonymize = false;
  std::vector<ActivityRepo> activity_repos;
  // Called now and then during the walk with the commits read so far and the time reached.
  std::function<void(std::int64_t commits, std::int64_t at)> progress;
};

// Parses "90d", "12w", "1y" (365 days) into seconds. Throws UsageError naming the value.
std::int64_t parse_window(const std::string& spec);

// Throws Error naming what (and the fix) when repo is a shallow clone.
void require_full_history(const git::Repository& repo, const std::string& what);

// The shipped bot patterns (RE2, case-insensitive, matched against "Name <e-mail>").
const std::vector<std::string>& default_bot_patterns();

// Scans the history of tip (a snapshot of repo) and of every activity repository, and returns
// the report with flags computed. Throws Error on a shallow activity repository, a missing object
// or an unreadable repository (the caller checks the main repository for shallowness).
Report scan(const git::Repository& repo, const git::Snapshot& tip, const Config& config,
            const ScanOptions& options);

}  // namespace sigwarden::report
