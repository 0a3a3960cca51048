#!/usr/bin/env bash
# pdfua_real.sh PRESSKIT [SHARD]: every brief of a shard of the real 2024 release (the
# ../shared/real-data copies; skipped, exit 77, without them) in each built-in template passes
# tests/pdf/pdfua.py, the Matterhorn checker, and tests/pdf/pdfa.py, the PDF/A-2 checker
# (docs/accessibility.md), and pdfinfo says Tagged: yes. SHARD defaults to 1/20 (the ASan build runs a smaller one). Exits 77 without pdfinfo or
# Debian's python3-pikepdf.
set -u
pk=$1
shard=${2:-1/20}
root=${PK_REAL_DATA:-../shared/real-data}
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
py=/usr/bin/python3
[ -d "$root" ] || { echo "skipped: no real data at $root"; exit 77; }
command -v pdfinfo > /dev/null || { echo "skipped: no pdfinfo"; exit 77; }
$py -c 'import pikepdf' 2> /dev/null || { echo "skipped: no python3-pikepdf"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-pdfua-real.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for t in default newsroom-a4 factsheet; do
  if ! "$pk" batch --data data/packs/us-2024.json --root "$root" --formats pdf --layout "$t" \
       --shard "$shard" --out "$tmp/$t" --quiet 2> "$tmp/err"; then
    fail=$((fail + 1)); echo "FAIL: $t: the batch failed: $(head -3 "$tmp/err")"; continue
  fi
  n=0
  for pdf in "$tmp/$t"/*/brief.pdf; do
    [ -f "$pdf" ] || continue
    n=$((n + 1))
    soc=$(basename "$(dirname "$pdf")")
    if ! res=$($py "$here/pdfua.py" "$pdf" 2>&1); then
      fail=$((fail + 1)); echo "FAIL: $t $soc: $res"
    elif ! res=$($py "$here/pdfa.py" "$pdf" 2>&1); then
      fail=$((fail + 1)); echo "FAIL: $t $soc: $res"
    elif ! pdfinfo "$pdf" | grep -q '^Tagged: *yes'; then
      fail=$((fail + 1)); echo "FAIL: $t $soc: pdfinfo does not say Tagged: yes"
    else
      pass=$((pass + 1))
    fi
  done
  [ "$n" -gt 0 ] || { fail=$((fail + 1)); echo "FAIL: $t: the shard wrote no brief"; }
  echo "$t: $n briefs of shard $shard checked"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
