#!/usr/bin/env bash
# Installs the Debian packages sigwarden needs to build and test. Idempotent: when every
# package is already installed it prints nothing and does nothing.
#   scripts/setup.sh           what building and running sigwarden needs
#   scripts/setup.sh --tests   also what the tests need (node and npm, Chromium)
#   scripts/setup.sh --fuzz    also what the fuzz targets need (clang, libFuzzer, llvm-symbolizer)
set -euo pipefail

packages=(
  cmake g++ git pkg-config
  libgit2-dev libyaml-cpp-dev libre2-dev libfmt-dev zlib1g-dev
  googletest libgtest-dev libgmock-dev
  libcli11-dev nlohmann-json3-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${1:-}" = "--tests" ]; then
  # node and npm validate the SARIF output against the official schema in the tests; any node
  # on PATH will do (Debian's or another).
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
  fi
  # The HTML health report is opened in headless Chromium by tests/report_browser_test.sh.
  if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    missing+=(chromium)
  fi
fi
if [ "${1:-}" = "--fuzz" ]; then
  # libFuzzer and the sanitizer runtimes are in libclang-rt-dev, which Debian's clang only
  # recommends; llvm gives llvm-symbolizer for readable stack traces.
  command -v clang++ >/dev/null 2>&1 || missing+=(clang)
  compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null ||
    compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/*/libclang_rt.fuzzer*.a" >/dev/null ||
    missing+=(libclang-rt-dev)
  command -v llvm-symbolizer >/dev/null 2>&1 || missing+=(llvm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >/dev/null
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
