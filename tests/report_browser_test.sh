#!/usr/bin/env bash
# The HTML report in a real browser: builds the history fixture, renders `sigwarden report
# --format html`, and opens the page in headless Chromium twice, once dumping the DOM after the
# inline script has run and once taking a phone-sized screenshot. Checks that the script made the
# overview table sortable, that every fixture SIG has a row, that both SVG charts drew bars, and
# that the screenshot is a real picture. The DOM and the screenshot are kept in
# BUILD_DIR/report-browser/ for inspection.
#
# usage: report_browser_test.sh SIGWARDEN MAKE_HISTORY_REPO CHROMIUM BUILD_DIR
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 SIGWARDEN MAKE_HISTORY_REPO CHROMIUM BUILD_DIR" >&2
  exit 2
fi
sigwarden=$1
make_history_repo=$2
chromium=$3
build_dir=$4

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
keep="$build_dir/report-browser"
sigs=(compiler docs data serving)

fail() {
  echo "report_browser_test: FAILED: $*" >&2
  if [ -s "$tmp/dom.html" ]; then
    echo "--- first lines of the DOM ($keep/dom.html) ---" >&2
    head -n 40 "$tmp/dom.html" >&2
  fi
  exit 1
}

# The text of the first element matching the Perl regex $2 up to its closing tag $3 in file $1.
extract() {
  perl -0777 -ne "print \$1 if /($2.*?$3)/s" "$1"
}

"$make_history_repo" "$tmp/repo" >"$tmp/make_repo.log" 2>&1 ||
  { cat "$tmp/make_repo.log" >&2; fail "$make_history_repo $tmp/repo"; }

# Exit 1 means the report found something that needs attention; both are a rendered report.
rc=0
"$sigwarden" report --repo "$tmp/repo" --as-of 2026-06-30 --format html \
  --output "html=$tmp/report.html" -q 2>"$tmp/report.err" || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  cat "$tmp/report.err" >&2
  fail "sigwarden report exited with $rc"
fi
[ -s "$tmp/report.html" ] || fail "sigwarden report wrote no $tmp/report.html"

# Debian's chromium runs the new headless mode for plain --headless; it supports --dump-dom and
# --screenshot. --no-sandbox because tests may run as root or in a container without user
# namespaces; --disable-dev-shm-usage because containers often have a tiny /dev/shm. Chromium's
# own log (D-Bus, GPU noise) goes to files, shown only when it fails.
browser=("$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage
  "--user-data-dir=$tmp/profile")
url="file://$tmp/report.html"
(cd "$tmp" && timeout 120 "${browser[@]}" --dump-dom "$url" >"$tmp/dom.html" 2>"$tmp/dom.log") ||
  { tail -n 20 "$tmp/dom.log" >&2; fail "chromium --dump-dom"; }
(cd "$tmp" && timeout 120 "${browser[@]}" "--screenshot=$tmp/shot.png" --window-size=412,915 \
  "$url" >"$tmp/shot.log" 2>&1) ||
  { tail -n 20 "$tmp/shot.log" >&2; fail "chromium --screenshot"; }

mkdir -p "$keep"
cp "$tmp/report.html" "$tmp/dom.html" "$keep/"
[ -f "$tmp/shot.png" ] && cp "$tmp/shot.png" "$keep/"

# The inline script ran and attached its handlers.
table=$(extract "$tmp/dom.html" '<table[^>]*id="overview"' '<\/table>')
[ -n "$table" ] || fail "no overview table (<table id=\"overview\">) in the DOM"
grep -Eq '^<table[^>]*data-sortable="ready"' <<<"$table" ||
  fail "the overview table has no data-sortable=\"ready\" (the inline script did not run)"

# A row per fixture SIG.
rows=$(perl -0777 -ne 'print "$1\n" while /(<tr\b.*?<\/tr>)/gs' <<<"$table" | tr '\n' ' ' |
  sed 's/<tr\b/\n<tr/g')
for sig in "${sigs[@]}"; do
  grep -Eqi "^<tr.*<td[^>]*>(<a[^>]*>)?[^<]*\\b$sig\\b" <<<"$rows" ||
    fail "no row for SIG $sig in the overview table"
done

# Both charts drew bars.
for chart in activity leads; do
  svg=$(extract "$tmp/dom.html" "<svg[^>]*class=\"chart $chart\"" '<\/svg>')
  [ -n "$svg" ] || fail "no <svg class=\"chart $chart\"> in the DOM"
  grep -q '<rect' <<<"$svg" || fail "the $chart chart has no <rect> elements"
done

# A PNG of some substance (an empty or failed page is a few kB).
[ -f "$tmp/shot.png" ] || fail "chromium wrote no screenshot"
magic=$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')
[ "$magic" = "89504e470d0a1a0a" ] || fail "the screenshot is not a PNG (starts with $magic)"
size=$(wc -c <"$tmp/shot.png")
[ "$size" -gt 10240 ] || fail "the screenshot has only $size bytes"

echo "report_browser_test: ok (DOM and screenshot in $keep)"
