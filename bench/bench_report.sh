#!/usr/bin/env bash
# Benchmark: times `sigwarden report` over one year of a synthetic community history against
# `git log --name-only` over the same year (the walk and tree diffs that any report needs).
# The repository (default 100,000 commits over 1,500 days, 40 SIGs, 20,000 files; generated once
# by sigwarden_gen_history and git fast-import, then packed) is cached in
# ${TMPDIR:-/tmp}/sigwarden-bench-history-COMMITS.
#
#   bash bench/bench_report.sh [COMMITS] [RUNS]
#
# Prints the median wall time of each command over RUNS runs (default 5), their ratio, and the
# peak RSS of sigwarden (with /usr/bin/time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
commits=${1:-100000}
runs=${2:-5}
sigs=${SIGWARDEN_BENCH_SIGS:-40}
files=${SIGWARDEN_BENCH_FILES:-20000}
days=${SIGWARDEN_BENCH_DAYS:-1500}
build=${SIGWARDEN_BUILD_DIR:-$root/build}
repo=${SIGWARDEN_BENCH_REPO:-${TMPDIR:-/tmp}/sigwarden-bench-history-$commits}
as_of=2026-06-30         # the generator's last commit is on this day (12:00 UTC)
since=2025-07-01T00:00Z  # as-of (the end of 2026-06-30) minus 365 days: the report's 1y window

[ -x "$build/sigwarden" ] && [ -x "$build/sigwarden_gen_history" ] || bash "$root/scripts/build.sh"
if [ ! -d "$repo" ]; then
  # Built under a temporary name so that an interrupted run leaves no half-made cache.
  tmp="$repo.tmp.$$"
  rm -rf "$tmp"
  t0=$(date +%s%N)
  git init -q --bare -b main "$tmp"
  "$build/sigwarden_gen_history" --commits "$commits" --sigs "$sigs" --files "$files" \
    --days "$days" | git -C "$tmp" fast-import --quiet
  t1=$(date +%s%N)
  # Real clones are packed; fast-import's packs are not delta-compressed as well.
  git -C "$tmp" repack -adq
  t2=$(date +%s%N)
  mv "$tmp" "$repo"
  printf 'generated %s commits in %s: generate + import %.1f s, repack %.1f s\n' "$commits" \
    "$repo" "$(echo "($t1 - $t0) / 10^9" | bc -l)" "$(echo "($t2 - $t1) / 10^9" | bc -l)"
fi

git_cmd=(git -C "$repo" log --name-only --no-renames "--since=$since" --format=%H)
report_cmd=("$build/sigwarden" report --repo "$repo" --window 1y --windows 0 --as-of "$as_of"
  --format json)

# Warm the page cache once for both commands.
"${git_cmd[@]}" >/dev/null
report_ok=1
"${report_cmd[@]}" >/dev/null 2>"${TMPDIR:-/tmp}/sigwarden-bench-report.err" || report_ok=0

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

in_window=$(git -C "$repo" rev-list --count "--since=$since" HEAD)
echo "repository: $repo ($commits commits over $days days, $sigs SIGs, $files files)"
echo "window: 1y as of $as_of ($in_window commits since $since); runs: $runs (median wall time)"
git_us=$(time_cmd "${git_cmd[@]}")
printf 'git log --name-only --no-renames : %9.1f ms\n' "$(echo "$git_us / 1000" | bc -l)"
if [ "$report_ok" = 0 ]; then
  echo "sigwarden report                 : failed, not timed:"
  sed 's/^/  /' "${TMPDIR:-/tmp}/sigwarden-bench-report.err"
  exit 1
fi
report_us=$(time_cmd "${report_cmd[@]}")
printf 'sigwarden report --window 1y     : %9.1f ms\n' "$(echo "$report_us / 1000" | bc -l)"
printf 'ratio report/git log             : %9.2f\n' "$(echo "$report_us / $git_us" | bc -l)"
if [ -x /usr/bin/time ]; then
  rss_kb=$(/usr/bin/time -f %M "${report_cmd[@]}" 2>&1 >/dev/null | tail -1)
  printf 'sigwarden report peak RSS        : %9.1f MB\n' "$(echo "$rss_kb / 1024" | bc -l)"
fi
