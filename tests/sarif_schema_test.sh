#!/usr/bin/env bash
# Validates sigwarden's SARIF output (lint on the demo community, audit on the ownership fixture,
# check on a pull request) against the official SARIF 2.1.0 schema with a real validator from
# npm (@microsoft/jest-sarif ships the schema; ajv validates). Registered with CTest.
#   tests/sarif_schema_test.sh SIGWARDEN SOURCE_DIR WORK_DIR
set -euo pipefail
sw=$1
src=$2
work=$3
prefix="$work/sarif-validator"
if [ ! -d "$prefix/node_modules/@microsoft/jest-sarif" ]; then
  mkdir -p "$prefix"
  (cd "$prefix" && npm install --silent --no-audit --no-fund --no-save \
    @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make_repo() {  # make_repo FIXTURE DIR
  cp -R "$src/fixtures/$1/." "$2/"
  git -C "$2" init -q -b main
  git -C "$2" add -A
  git -C "$2" -c user.name=t -c user.email=t@example.org commit -q -m "$1"
}
mkdir "$tmp/demo" "$tmp/own"
make_repo demo "$tmp/demo"
make_repo ownership "$tmp/own"
"$sw" lint --repo "$tmp/demo" -q --output sarif="$tmp/lint.sarif" || [ $? -eq 1 ]
"$sw" audit --repo "$tmp/own" -q --output sarif="$tmp/audit.sarif" || [ $? -eq 1 ]
git -C "$tmp/own" branch -q base
printf 'broken\n' > "$tmp/own/sigs/docs/README.md"
printf 'x\n' > "$tmp/own/tools.sh"
git -C "$tmp/own" add -A
git -C "$tmp/own" -c user.name=t -c user.email=t@example.org commit -q -m pr
"$sw" check --repo "$tmp/own" --base base -q --output sarif="$tmp/check.sarif" || [ $? -eq 1 ]
for f in "$tmp/lint.sarif" "$tmp/audit.sarif" "$tmp/check.sarif"; do
  grep -q '"results"' "$f"
done
node "$src/tests/validate_sarif.js" "$prefix" "$tmp/lint.sarif" "$tmp/audit.sarif" "$tmp/check.sarif"
