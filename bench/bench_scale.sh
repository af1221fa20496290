#!/usr/bin/env bash
# Scale benchmark (hardening issue): `sigwarden owners --all` and `sigwarden audit` on one commit
# of FILES files (default 1,000,000) with a CODEOWNERS file of RULES rules (default 50,000).
# The repository (generated once by sigwarden_gen_scale and git fast-import, then packed) is
# cached in ${TMPDIR:-/tmp}/sigwarden-bench-scale-FILES-RULES.
#
#   bash bench/bench_scale.sh [FILES] [RULES] [GENERIC]
#
# GENERIC (default 0) appends that many floating globs such as `**/*3*x1234*y` to CODEOWNERS, the
# shape of a hostile or generated file: without an index each is tested against every path.
#
# Prints the wall time, CPU time (user + system) and peak RSS (with /usr/bin/time) of one run of
# each command, and the median wall time of `git ls-tree -r HEAD | wc -l` over 3 runs for scale.
# Does not judge the figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=${1:-1000000}
rules=${2:-50000}
generic=${3:-0}
build=${SIGWARDEN_BUILD_DIR:-$root/build}
suffix=$files-$rules
[ "$generic" = 0 ] || suffix=$suffix-$generic
repo=${SIGWARDEN_BENCH_REPO:-${TMPDIR:-/tmp}/sigwarden-bench-scale-$suffix}
err=${TMPDIR:-/tmp}/sigwarden-bench-scale.err

[ -x "$build/sigwarden" ] && [ -x "$build/sigwarden_gen_scale" ] || bash "$root/scripts/build.sh"
[ -x /usr/bin/time ] || { echo "bench_scale.sh needs /usr/bin/time (Debian package time)" >&2; exit 2; }
if [ ! -d "$repo" ]; then
  # Built under a temporary name so that an interrupted run leaves no half-made cache.
  tmp="$repo.tmp.$$"
  rm -rf "$tmp"
  t0=$(date +%s%N)
  git init -q --bare -b main "$tmp"
  "$build/sigwarden_gen_scale" --files "$files" --rules "$rules" --generic "$generic" |
    git -C "$tmp" fast-import --quiet
  t1=$(date +%s%N)
  git -C "$tmp" repack -adq
  t2=$(date +%s%N)
  mv "$tmp" "$repo"
  printf 'generated %s files x %s rules in %s: generate + import %.1f s, repack %.1f s\n' \
    "$files" "$rules" "$repo" "$(echo "($t1 - $t0) / 10^9" | bc -l)" \
    "$(echo "($t2 - $t1) / 10^9" | bc -l)"
fi

# "wall-seconds peak-RSS-KB user-seconds system-seconds" of one run; exit status 0 or 1 is a
# finished run (audit exits 1 when a finding is at the failing level).
measure() {
  local status=0
  /usr/bin/time -o "$err.time" -f '%e %M %U %S' "$@" >/dev/null 2>"$err" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "failed ($status): $*" >&2
    sed 's/^/  /' "$err" >&2
    exit 1
  fi
  tail -1 "$err.time"
}
report() {  # label, "seconds kilobytes user system"
  local s kb u sys
  read -r s kb u sys <<<"$2"
  printf '%-40s %8.2f s wall %8.2f s CPU %9.1f MB peak RSS\n' "$1" "$s" \
    "$(echo "$u + $sys" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
}

n_files=$(git -C "$repo" ls-tree -r --name-only HEAD | wc -l)
n_rules=$(git -C "$repo" show HEAD:.github/CODEOWNERS | grep -cv '^[[:space:]]*\(#\|$\)')
co_bytes=$(git -C "$repo" cat-file -s HEAD:.github/CODEOWNERS)
echo "repository: $repo"
echo "files: $n_files; CODEOWNERS rules: $n_rules ($co_bytes bytes)"

owners_cmd=("$build/sigwarden" owners --repo "$repo" --all --format tsv)
owners_json_cmd=("$build/sigwarden" owners --repo "$repo" --all --format json)
owners_text_cmd=("$build/sigwarden" owners --repo "$repo" --all)
audit_cmd=("$build/sigwarden" audit --repo "$repo" -q)
# Warm the page cache once (the pack is read by every command).
git -C "$repo" ls-tree -r HEAD >/dev/null

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
runs=3
git_us=$(time_cmd bash -c 'git -C "$1" ls-tree -r HEAD | wc -l' - "$repo")
printf '%-40s %8.2f s\n' "git ls-tree -r HEAD | wc -l" "$(echo "$git_us / 10^6" | bc -l)"
report "sigwarden owners --all --format tsv" "$(measure "${owners_cmd[@]}")"
report "sigwarden owners --all --format json" "$(measure "${owners_json_cmd[@]}")"
report "sigwarden owners --all (text)" "$(measure "${owners_text_cmd[@]}")"
report "sigwarden audit -q" "$(measure "${audit_cmd[@]}")"
