#!/usr/bin/env bash
# roundtrip.sh PRESSKIT: `presskit record` output reads back to the same record, and a kit is
# byte-identical across runs (with and without SOURCE_DATE_EPOCH changing only the manifest).
set -u
pk=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-rt.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

mkdir "$tmp/data"
cp data/sample/sources.json "$tmp/data/"
"$pk" record 27-4014.00 > "$tmp/data/27-4014.00.json" && ok || bad "record from the sample"
"$pk" record --data "$tmp/data" 27-4014.00 > "$tmp/again.json" && ok || bad "record from its own output"
cmp -s "$tmp/data/27-4014.00.json" "$tmp/again.json" && ok || bad "round trip changed the record"
# the kit made from the round-tripped record equals the kit made from the hand-written sample
"$pk" kit --out "$tmp/a" 27-4014.00 > /dev/null && ok || bad "kit from the sample"
"$pk" kit --data "$tmp/data" --out "$tmp/b" 27-4014.00 > /dev/null && ok || bad "kit from the round trip"
diff -r "$tmp/a" "$tmp/b" > /dev/null && ok || bad "kits differ after a round trip"
# determinism: a second run gives the same bytes
"$pk" kit --out "$tmp/c" 27-4014 > /dev/null && ok || bad "second kit"
diff -r "$tmp/a" "$tmp/c" > /dev/null && ok || bad "two runs differ"
# SOURCE_DATE_EPOCH is the only time that reaches an output: the manifest and the brief's date
SOURCE_DATE_EPOCH=1767225600 "$pk" kit --out "$tmp/d" 27-4014.00 > /dev/null && ok || bad "kit with SOURCE_DATE_EPOCH"
grep -q '"source_date_epoch": 1767225600' "$tmp/d/27-4014.00/manifest.json" && ok || bad "manifest lacks SOURCE_DATE_EPOCH"
diff -r -x manifest.json -x brief.pdf "$tmp/a" "$tmp/d" > /dev/null && ok || bad "SOURCE_DATE_EPOCH changed more than the manifest and the brief's date"
cmp -s "$tmp/a/27-4014.00/brief.pdf" "$tmp/d/27-4014.00/brief.pdf" && bad "SOURCE_DATE_EPOCH did not reach brief.pdf" || ok
pdfinfo "$tmp/d/27-4014.00/brief.pdf" 2> /dev/null | grep -q "^CreationDate:" || ! command -v pdfinfo > /dev/null && ok || bad "brief.pdf has no creation date"

# manifest hashes are of the files on disk
( cd "$tmp/a/27-4014.00" && grep -o '"name": "[^"]*", "bytes": [0-9]*, "sha256": "[0-9a-f]*"' manifest.json |
  sed -E 's/"name": "([^"]*)", "bytes": [0-9]+, "sha256": "([0-9a-f]+)"/\2  \1/' | sha256sum -c --quiet ) && ok || bad "manifest hashes"
# no temporary files left behind
[ -z "$(find "$tmp/a" -name '.*tmp*')" ] && ok || bad "temporary files left"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
