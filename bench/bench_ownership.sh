#!/usr/bin/env bash
# Ownership benchmarks (issue 3): owner of every file, changed paths, and owners --changed end
# to end. Prints figures; does not judge them (the targets are printed alongside).
#
#   bash bench/bench_ownership.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-7}
build=${SIGWARDEN_BUILD_DIR:-$root/build}
repo=${SIGWARDEN_BENCH_DIFF_REPO:-${TMPDIR:-/tmp}/sigwarden-bench-diff-100000}
[ -x "$build/sigwarden_bench_owners" ] && [ -x "$build/sigwarden_bench_diff" ] || bash "$root/scripts/build.sh"

echo "== owner of every file: 80,000 paths x 6,500 CODEOWNERS rules (target <= 100 ms, <= 100 MB)"
"$build/sigwarden_bench_owners" --paths 80000 --rules 6500 --runs "$runs"
echo
echo "== changed paths in a 100,000-file repository (target: 1 file <= 1 ms; 10,000 files <= 1.5x git)"
if [ ! -d "$repo" ]; then
  "$build/sigwarden_bench_diff" "$repo" --files 100000 --runs 1 >/dev/null
  git -C "$repo" repack -adq
fi
"$build/sigwarden_bench_diff" "$repo" --runs 21

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
git_us=$(time_cmd git -C "$repo" diff --name-only --no-renames base many)
printf 'git diff --name-only --no-renames base many: %8.1f ms (process, median of %s)\n' \
  "$(echo "$git_us / 1000" | bc -l)" "$runs"
echo
echo "== owners --changed base...pr100 end to end, 100,000-file repository (target <= 50 ms)"
owners_us=$(time_cmd "$build/sigwarden" owners --repo "$repo" --changed base...pr100 --format json)
printf 'sigwarden owners --changed base...pr100: %8.1f ms (process, median of %s)\n' \
  "$(echo "$owners_us / 1000" | bc -l)" "$runs"
