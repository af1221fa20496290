#!/usr/bin/env bash
# The README's second command: installs what is missing, builds sigwarden and its tests, and runs
# every test with CTest. CI runs exactly this (through .ci/run) with CI=true.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh" --tests
bash "$root/scripts/build.sh"
ctest --test-dir "${SIGWARDEN_BUILD_DIR:-$root/build}" --output-on-failure --parallel "${SIGWARDEN_JOBS:-2}"
