#!/usr/bin/env bash
# The README's first command: installs what is missing, builds sigwarden, turns the bundled demo
# community (fixtures/demo) into a real git repository in a temporary directory, and lints it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"

demo=$(mktemp -d "${TMPDIR:-/tmp}/sigwarden-demo-XXXXXX")
trap 'rm -rf "$demo"' EXIT
cp -R "$root/fixtures/demo/." "$demo/"
git -C "$demo" init -q -b main
git -C "$demo" add -A
git -C "$demo" -c user.name="Demo" -c user.email="demo@example.org" commit -q -m "MindLoom community"

echo "== sigwarden lint on the demo community (fixtures/demo) =="
echo
set +e
"$root/build/sigwarden" lint --repo "$demo" "$@"
status=$?
set -e
echo
case $status in
  0) echo "sigwarden exited 0: no findings at the failing level." ;;
  1) echo "sigwarden exited 1: the demo community has findings at the failing level (it is built to)." ;;
  *) echo "sigwarden exited $status: it could not run."; exit "$status" ;;
esac
