#!/usr/bin/env bash
# run.sh PRESSKIT: the sample's text press kit equals tests/golden/27-4014.00/ byte for byte.
# After an intended change, regenerate with PK_UPDATE_GOLDEN=1 and read the diff before committing.
set -u
pk=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
"$pk" kit --quiet --formats txt,md,html --out "$tmp" 27-4014.00 > /dev/null || { echo "presskit kit failed"; echo "0 passed, 1 failed"; exit 1; }
for f in kit.txt cite.txt cite-apa.txt cite.bib cite.ris cite.json brief.md brief.html data.csv manifest.json; do
  if [ "${PK_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/27-4014.00/$f" "$here/27-4014.00/$f"; fi
  if cmp -s "$here/27-4014.00/$f" "$tmp/27-4014.00/$f"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $f differs from the golden copy:"
    diff -u "$here/27-4014.00/$f" "$tmp/27-4014.00/$f" | head -40
  fi
done
# the kit holds exactly the files the golden set names
extra=$(cd "$tmp/27-4014.00" && ls | grep -vxF -f <(ls "$here/27-4014.00"))
if [ -n "$extra" ]; then fail=$((fail + 1)); echo "FAIL: files without a golden copy: $extra"; else pass=$((pass + 1)); fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
