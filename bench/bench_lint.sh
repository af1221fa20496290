#!/usr/bin/env bash
# Benchmark: times `sigwarden lint` against `git ls-tree -r HEAD` on a large synthetic community
# (default 2,000 SIG folders, 200,000 files; generated once by sigwarden_gen_community).
#
#   bash bench/bench_lint.sh [RUNS] [SIGS] [FILES]
#
# Prints the median wall time of each command over RUNS runs and the ratio lint / ls-tree.
# Target (issue 2, DESIGN.md): ratio <= 1.5.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-7}
sigs=${2:-2000}
files=${3:-200000}
build=${SIGWARDEN_BUILD_DIR:-$root/build}
repo=${SIGWARDEN_BENCH_REPO:-${TMPDIR:-/tmp}/sigwarden-bench-$sigs-$files}

[ -x "$build/sigwarden" ] && [ -x "$build/sigwarden_gen_community" ] || bash "$root/scripts/build.sh"
if [ ! -d "$repo" ]; then
  "$build/sigwarden_gen_community" "$repo" --sigs "$sigs" --files "$files"
  # Real clones are packed; measure on a packed repository.
  git -C "$repo" repack -adq
fi
# Warm the page cache once for both commands.
git -C "$repo" ls-tree -r HEAD >/dev/null
"$build/sigwarden" lint --repo "$repo" --format json >/dev/null || true

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

ls_us=$(time_cmd git -C "$repo" ls-tree -r HEAD)
lint_us=$(time_cmd "$build/sigwarden" lint --repo "$repo" --format json)
findings=$("$build/sigwarden" lint --repo "$repo" --format json | grep -c '"rule"' || true)
echo "repository: $repo ($sigs SIGs, $files files)"
echo "runs: $runs (median wall time)"
printf 'git ls-tree -r HEAD : %8.1f ms\n' "$(echo "$ls_us / 1000" | bc -l)"
printf 'sigwarden lint      : %8.1f ms  (%s findings)\n' "$(echo "$lint_us / 1000" | bc -l)" "$findings"
printf 'ratio lint/ls-tree  : %8.2f  (target <= 1.50)\n' "$(echo "$lint_us / $ls_us" | bc -l)"
