#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (AddressSanitizer and UndefinedBehaviorSanitizer)
# and runs each one briefly over its seed corpus: the fuzzing smoke test of CI (docs/fuzzing.md).
# Fails when any target crashes, trips a sanitizer, throws anything but sigwarden::Error, times
# out or runs out of memory; the crashing input is left in the build directory's crashes/.
#   scripts/fuzz.sh [RUNS_PER_TARGET]      default 2000 runs per target
# Environment:
#   SIGWARDEN_FUZZ_BUILD_DIR   build directory (default build-fuzz/ in the repository)
#   SIGWARDEN_FUZZ_MAX_TIME    seconds per target at most, whatever the runs (default 10)
#   SIGWARDEN_FUZZ_TARGETS     space-separated target names to run (default: every fuzz/*.cc)
#   SIGWARDEN_JOBS             parallel build jobs (default 2)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-2000}
build=${SIGWARDEN_FUZZ_BUILD_DIR:-$root/build-fuzz}
max_time=${SIGWARDEN_FUZZ_MAX_TIME:-10}
case $runs in '' | *[!0-9]*) echo "fuzz: RUNS_PER_TARGET must be a number, not '$runs'" >&2; exit 2 ;; esac

# The build dependencies, clang and its fuzzing runtime (scripts/setup.sh --fuzz).
bash "$root/scripts/setup.sh" --fuzz

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DSIGWARDEN_FUZZ=ON -DSIGWARDEN_TESTS=OFF \
  -DSIGWARDEN_BENCH=OFF >/dev/null
if [ -n "${SIGWARDEN_FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$SIGWARDEN_FUZZ_TARGETS"
else
  targets=()
  for f in "$root"/fuzz/*.cc; do targets+=("$(basename "$f" .cc)"); done
fi
build_targets=()
for t in "${targets[@]}"; do build_targets+=("sigwarden_fuzz_$t"); done
mkdir -p "$build/fuzz-logs"
echo "fuzz: building ${#targets[@]} targets in $build" >&2
if ! cmake --build "$build" --parallel "${SIGWARDEN_JOBS:-2}" --target "${build_targets[@]}" \
  >"$build/fuzz-logs/build.log" 2>&1; then
  tail -50 "$build/fuzz-logs/build.log" >&2
  echo "fuzz: build failed (log: $build/fuzz-logs/build.log)" >&2
  exit 2
fi

bash "$root/fuzz/make_corpus.sh" "$build/corpus"
mkdir -p "$build/crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for t in "${targets[@]}"; do
  args=(-runs="$runs" -max_total_time="$max_time" -max_len=65536 -timeout=10 -rss_limit_mb=2048
        -artifact_prefix="$build/crashes/$t-" -print_final_stats=1)
  [ -f "$root/fuzz/dicts/$t.dict" ] && args+=(-dict="$root/fuzz/dicts/$t.dict")
  log=$build/fuzz-logs/$t.log
  start=$SECONDS
  # The corpus directory is copied so that a smoke run never grows the seed corpus.
  work=$build/fuzz-work/$t
  rm -rf "$work" && mkdir -p "$work" && cp -r "$build/corpus/$t/." "$work/"
  if "$build/sigwarden_fuzz_$t" "${args[@]}" "$work" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "fuzz: $t: ok, ${execs:-?} runs in $((SECONDS - start))s"
  else
    echo "fuzz: $t: FAILED after $((SECONDS - start))s (log: $log)" >&2
    # What went wrong (sanitizer report, exception, failed check) without libFuzzer's progress.
    grep -v -E '^#[0-9]+|^[[:space:]]+NEW_FUNC|^INFO:' "$log" | head -40 >&2 || true
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failing targets: ${failed[*]} (inputs in $build/crashes/)" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets passed"
