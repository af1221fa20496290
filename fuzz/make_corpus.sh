#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets (docs/fuzzing.md) in OUT_DIR/<target>/ from the
# fixture trees, the rule files, the report golden file and the hand-written seeds in
# fuzz/seeds/<target>/. Nothing is checked in under OUT_DIR: it is rebuilt from scratch each time
# (a fuzzing run adds the inputs it finds to the same directories, so a rebuild also drops them).
#   fuzz/make_corpus.sh OUT_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: fuzz/make_corpus.sh OUT_DIR}
fixtures=$root/fixtures

targets=(apply_delta catalogue codeowners config glob maintainers markdown markdown_index
         prow_aliases prow_owners raw_commit readme report_json sig_info sigs_yaml tree)
rm -rf "$out"
for t in "${targets[@]}"; do mkdir -p "$out/$t"; done

# add TARGET FILE...: copies each file under a name made from its path (flat, unique).
add() {
  local target=$1
  shift
  local f name
  for f in "$@"; do
    name=${f#"$root"/}
    cp "$f" "$out/$target/${name//\//_}"
  done
}

# fixture_files PREDICATE...: fixture files matching find(1) predicates, NUL-separated, sorted.
fixture_files() { find "$fixtures" -type f "$@" -print0 | sort -z; }

while IFS= read -r -d '' f; do add markdown "$f"; done < <(fixture_files -name '*.md')
while IFS= read -r -d '' f; do add readme "$f"; done < <(fixture_files -name 'README*.md')
while IFS= read -r -d '' f; do
  add markdown_index "$f"
done < <(fixture_files \( -path '*/sigs/README*.md' -o -name 'sig-list.md' \))
while IFS= read -r -d '' f; do add sig_info "$f"; done < <(fixture_files -name 'sig-info.yaml')
while IFS= read -r -d '' f; do add sig_info "$f"; done < <(fixture_files -path '*/openeuler/*OWNERS')
while IFS= read -r -d '' f; do add sigs_yaml "$f"; done < <(fixture_files -name 'sigs.yaml')
while IFS= read -r -d '' f; do add codeowners "$f"; done < <(fixture_files -name 'CODEOWNERS')
while IFS= read -r -d '' f; do add prow_owners "$f"; done < <(fixture_files -name 'OWNERS')
while IFS= read -r -d '' f; do add prow_aliases "$f"; done < <(fixture_files -name 'OWNERS_ALIASES')
while IFS= read -r -d '' f; do add maintainers "$f"; done < <(fixture_files -name 'MAINTAINERS')
while IFS= read -r -d '' f; do add config "$f"; done < <(fixture_files -name '.sigwarden.yaml')
add catalogue "$root"/rules/*.yaml
add report_json "$root/tests/golden/report_history.json"

# Glob patterns: the pattern column of every CODEOWNERS file, one seed per file.
while IFS= read -r -d '' f; do
  name=${f#"$root"/}
  grep -v '^[[:space:]]*#' "$f" | awk 'NF { print $1 }' >"$out/glob/${name//\//_}"
done < <(fixture_files -name 'CODEOWNERS')

# Whole trees for the tree target: the text files of each fixture, in the "==> path <==" format
# of fuzz_common.h's split_files.
for dir in "$fixtures"/*/; do
  name=$(basename "$dir")
  (
    cd "$dir"
    find . -type f -print0 | sort -z | while IFS= read -r -d '' f; do
      printf '==> %s <==\n' "${f#./}"
      cat "$f"
    done
  ) >"$out/tree/$name"
done

# git deltas for apply_delta: a 2-byte little-endian base length, the base, then the delta (the
# cases of tests/pack_reader_test.cc, and one with every copy-offset and copy-length byte).
delta() { printf %b "$2" >"$out/apply_delta/$1"; }
delta copy_world '\x0b\x00hello world\x0b\x05\x91\x06\x05'
delta insert_abc '\x0b\x00hello world\x0b\x03\x03abc'
delta wrong_source_size '\x0b\x00hello world\x0c\x05\x91\x06\x05'
delta copy_past_base '\x0b\x00hello world\x0b\x05\x91\x08\x05'
delta short_result '\x0b\x00hello world\x0b\x06\x91\x06\x05'
delta insert_past_end '\x0b\x00hello world\x0b\x03\x05abc'
delta copy_and_insert '\x0b\x00hello world\x0b\x0c\xff\x00\x00\x00\x00\x05\x00\x00\x01!\x90\x06'
delta zero_opcode '\x0b\x00hello world\x0b\x01\x00'

# Hand-written seeds for what no fixture has (GitLab CODEOWNERS, configuration keys, ...).
for t in "${targets[@]}"; do
  if [ -d "$root/fuzz/seeds/$t" ]; then
    for f in "$root/fuzz/seeds/$t"/*; do cp "$f" "$out/$t/seed_$(basename "$f")"; done
  fi
done

for t in "${targets[@]}"; do
  n=$(find "$out/$t" -type f | wc -l)
  if [ "$n" -eq 0 ]; then
    echo "make_corpus: no seeds for $t" >&2
    exit 1
  fi
done
