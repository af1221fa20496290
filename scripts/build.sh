#!/usr/bin/env bash
# Configures and builds sigwarden in build/ (Release with debug info). Extra arguments go to cmake.
# Warnings are errors when CI is set, as in CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SIGWARDEN_BUILD_DIR:-$root/build}
werror=OFF
[ -n "${CI:-}" ] && werror=ON
cmake -S "$root" -B "$build" -DSIGWARDEN_WERROR="$werror" "$@" >/dev/null
cmake --build "$build" --parallel "${SIGWARDEN_JOBS:-2}"
