#!/usr/bin/env bash
# Runs every case of the attack reproduction kit (repro.py, outside this repository: its path is
# the first argument) the way issue 16 is checked: each command with a 60 s limit under a 2 GiB
# address-space cap, printing exit status, wall time, peak RSS and the first line of stderr.
#   bench/hostile_cases.sh PATH/TO/repro.py [WORK_DIR] [CASE...]
# Cases already built in WORK_DIR are reused (some take minutes to build).
set -uo pipefail
repro=${1:?usage: bench/hostile_cases.sh PATH/TO/repro.py [WORK_DIR] [CASE...]}
work=${2:-${TMPDIR:-/tmp}/sigwarden-hostile}
shift $(($# >= 2 ? 2 : 1))
root=$(cd "$(dirname "$0")/.." && pwd)
sw=${SIGWARDEN:-$root/build/sigwarden}
mkdir -p "$work"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(python3 "$repro" list | grep -v '^ ')
printf '%-28s %-45s %4s %8s %9s  %s\n' case command exit wall_s rss_MB stderr
for c in "${cases[@]}"; do
  [ -d "$work/$c" ] || python3 "$repro" "$c" "$work/$c" >/dev/null 2>&1 || { echo "$c: build failed"; continue; }
  # The commands the kit names, the first of each line plus the ones in parentheses.
  spec=$(python3 "$repro" list | awk -v c="$c" '$0 == c {getline; print; exit}' | sed 's/^ *sigwarden //; s/ --repo DIR//')
  main=${spec%%(*}
  others=$(sed -n 's/.*(also \(.*\)).*/\1/p' <<<"$spec")
  cmds=("$main")
  IFS=',' read -r -a extra <<<"$others"
  for e in "${extra[@]}"; do e=$(sed 's/^ *//; s/ *$//' <<<"$e"); [ -n "$e" ] && cmds+=("$e"); done
  # "check/review --base X" is two commands.
  expanded=()
  for cmd in "${cmds[@]}"; do
    first=${cmd%% *}
    if [[ $first == */* ]]; then
      for w in ${first//\// }; do expanded+=("$w ${cmd#* }"); done
    else
      expanded+=("$cmd")
    fi
  done
  cmds=("${expanded[@]}")
  for cmd in "${cmds[@]}"; do
    read -r -a args <<<"$cmd"
    rc=$( (ulimit -v $((2 << 20)); /usr/bin/time -o "$work/$c.time" -f '%e %M' timeout 60 "$sw" "${args[@]}" --repo "$work/$c" >/dev/null 2>"$work/$c.err"); echo $?)
    read -r wall rss < <(grep -E '^[0-9.]+ [0-9]+$' "$work/$c.time" | tail -1)
    printf '%-28s %-45s %4s %8s %9s  %s\n' "$c" "${cmd:0:45}" "$rc" "${wall:-?}" "$(( ${rss:-0} / 1024 ))" "$(head -1 "$work/$c.err" | cut -c1-150)"
  done
done
