// A community repository with a year of dated history, for `sigwarden report`: the tree of
// fixtures/history, then commits by several authors between 2025-07-15 and 2026-06-29 that give
// each SIG a distinct health picture. history_fixture.cc lists every commit and its purpose;
// fixtures/history.expected.md states what a report as of kHistoryAsOfDate must show.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace sigwarden::testing {

// The end of the history's current window: 2026-07-01T00:00:00Z, the end of the as-of day.
inline constexpr std::int64_t kHistoryAsOf = 1782864000;
// The as-of day as `sigwarden report --as-of` takes it.
inline constexpr std::string_view kHistoryAsOfDate = "2026-06-30";
// The start of the 90-day window ending at kHistoryAsOf: 2026-04-02T00:00:00Z.
inline constexpr std::int64_t kHistoryWindowStart = kHistoryAsOf - 90 * 86400;

// Builds the history repository at dir (created if needed; it should be empty) with a work
// tree that is left empty, and returns the id of the head commit of refs/heads/main.
// Deterministic: the same dir contents and ids on every run. Throws std::runtime_error when
// libgit2 fails.
std::string build_history_repo(const std::filesystem::path& dir);

}  // namespace sigwarden::testing
