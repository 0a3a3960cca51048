#!/usr/bin/env bash
# compare.sh PRESSKIT: presskit compare (docs/compare.md) on the synthetic release fixture, on
# its compiled pack, and on two real occupations when ../shared/real-data is there:
#   - every file of the folder, compare.pdf of two to four pages, tagged, passing qpdf --check
#     and tests/pdf/pdfua.py and pdfa.py (when pikepdf is here, as for brief.pdf);
#   - figure by figure the occupations' own kits: each data.csv row of the comparison, without
#     its soc column, is that figure's row in the kit's data.csv (same number, same source);
#   - the same pair in either order: the same kit.txt and data.csv rows, and every table row of
#     compare.md with its two columns swapped;
#   - the same bytes twice; the same comparison from the compiled pack as from the CSVs;
#   - --pairs goes on past a bad row to the next pair.
set -u
pk=$(realpath "$1")
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd -- "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
export SOURCE_DATE_EPOCH=1767225600
py=/usr/bin/python3
ua=no
command -v qpdf > /dev/null && $py -c 'import pikepdf' 2> /dev/null && ua=yes

# check_pair DATA... -- A B LABEL: every check of one pair
check_pair() {
  local data=() a b label
  while [ "$1" != "--" ]; do data+=("$1"); shift; done
  a=$2 b=$3 label=$4
  local out=$tmp/$label
  "$pk" compare -q "${data[@]}" -o "$out/ab" "$a" "$b" 2> "$tmp/err" || { bad "$label: compare failed: $(cat "$tmp/err")"; return; }
  "$pk" compare -q "${data[@]}" -o "$out/ab2" "$a" "$b" 2> /dev/null
  "$pk" compare -q "${data[@]}" -o "$out/ba" "$b" "$a" 2> /dev/null || { bad "$label: B A failed"; return; }
  local d1 d2
  d1=$(ls -d "$out"/ab/compare/*_vs_*) d2=$(ls -d "$out"/ba/compare/*_vs_*)
  [ "$(basename "$d1")" != "$(basename "$d2")" ] && ok "$label: A B and B A are two folders" || bad "$label: one folder for both orders"
  for f in compare.pdf compare.md compare.html kit.txt cite.txt cite-apa.txt cite.bib cite.ris cite.json data.csv manifest.json \
           charts/compare-wages.svg charts/compare-wages.png charts/compare-wages@2x.png charts/compare-wages.alt.txt; do
    [ -s "$d1/$f" ] || bad "$label: no $f"
  done
  [ -z "$(ls -A "$out/ab/compare" | grep -v _vs_)" ] && ok "$label: no temporary left" || bad "$label: a temporary is left: $(ls -A "$out/ab/compare")"
  diff -r "$d1" "$(ls -d "$out"/ab2/compare/*_vs_*)" > /dev/null && ok "$label: the same bytes twice" || bad "$label: two runs differ"
  # every file the manifest lists, with its size
  $py - "$d1" <<'PY' && ok "$label: manifest lists every file with its size" || bad "$label: manifest does not match the folder"
import json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
names = {f["name"] for f in m["files"]}
on_disk = {os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs} - {"manifest.json"}
assert names == on_disk, (names ^ on_disk)
assert all(os.path.getsize(os.path.join(d, f["name"])) == f["bytes"] for f in m["files"])
assert len(m["compare"]) == 2
PY
  local pages
  pages=$(pdfinfo "$d1/compare.pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
  [ -n "$pages" ] && [ "$pages" -ge 2 ] && [ "$pages" -le 4 ] && ok "$label: compare.pdf has $pages pages" || bad "$label: compare.pdf has ${pages:-no} pages (2 to 4)"
  pdfinfo "$d1/compare.pdf" | grep -q '^Tagged: *yes' && ok "$label: compare.pdf is tagged" || bad "$label: compare.pdf is not tagged"
  if [ $ua = yes ]; then
    o=$(qpdf --check "$d1/compare.pdf" 2>&1) && ! grep -qi warning <<< "$o" && ok "$label: qpdf --check clean" || bad "$label: qpdf --check: $o"
    if res=$($py "$repo/tests/pdf/pdfua.py" "$d1/compare.pdf"); then ok "$label: pdfua.py passes"; else bad "$label: pdfua.py: $res"; fi
    if res=$($py "$repo/tests/pdf/pdfa.py" "$d1/compare.pdf"); then ok "$label: pdfa.py passes"; else bad "$label: pdfa.py: $res"; fi
  fi
  # the same pair in either order: the same kit, the same figures, the columns swapped
  cmp -s "$d1/kit.txt" "$d2/kit.txt" && ok "$label: the same kit.txt in either order" || bad "$label: kit.txt differs with the order"
  diff <(sort "$d1/data.csv") <(sort "$d2/data.csv") > /dev/null && ok "$label: the same data.csv rows in either order" || bad "$label: data.csv rows differ with the order"
  $py - "$d1/compare.md" "$d2/compare.md" <<'PY' && ok "$label: compare.md mirrored (A | B swapped)" || bad "$label: compare.md is not the mirror of B A"
import sys
def rows(p):
    out = []
    for line in open(p, encoding="utf-8"):
        if line.startswith("| ") and not line.startswith("| ---"):
            out.append([c.strip() for c in line.strip().strip("|").split(" | ")])
    return out
ab, ba = rows(sys.argv[1]), rows(sys.argv[2])
assert len(ab) == len(ba) and len(ab) > 10, (len(ab), len(ba))
for x, y in zip(ab, ba):
    assert len(x) == 3 and [x[0], x[2], x[1]] == y, (x, y)
def prose(p):  # everything but the tables, the title and the line of codes
    return [l for l in open(p, encoding="utf-8") if not l.startswith("|") and not l.startswith("# ")
            and not l.startswith("Side by side")]
assert prose(sys.argv[1]) == prose(sys.argv[2])
PY
  # figure by figure against the occupations' own kits
  "$pk" kit -q "${data[@]}" --formats txt -o "$out/kits" "$a" "$b" 2> /dev/null || bad "$label: the kits failed"
  $py - "$d1/data.csv" "$out/kits" <<'PY' && ok "$label: every figure is its kit's (same number, same source, same population)" || bad "$label: a figure differs from its kit's"
import csv, os, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0][0] == "soc"
kit_rows = {}
n = 0
for r in rows[1:]:
    soc = r[0]
    if soc not in kit_rows:
        kit = list(csv.reader(open(os.path.join(sys.argv[2], soc, "data.csv"), newline="", encoding="utf-8")))
        assert kit[0] == rows[0][1:], "the columns differ"
        kit_rows[soc] = {tuple(k) for k in kit[1:]}
    assert tuple(r[1:]) in kit_rows[soc], r
    n += 1
assert len(kit_rows) == 2 and n >= 10, (len(kit_rows), n)
PY
  # what every figure the document shows is: in compare.md, each figure of data.csv's median
  $py - "$d1/data.csv" "$d1/compare.md" <<'PY' || bad "$label: a median in data.csv is not in compare.md"
import csv, sys
md = open(sys.argv[2], encoding="utf-8").read()
for r in list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))[1:]:
    if r[1] == "wages.median" and r[5] == "ok":
        v = "${:,.0f}".format(float(r[3]))
        assert v in md, v
PY
}

# ---- the synthetic release, from its CSVs and compiled ----
fx=$repo/tests/fixtures/release/manifest.json
check_pair --data "$fx" -- 91-1011.00 92-1021.00 fixture
d=$tmp/fixture/ab/compare/91-1011.00_vs_92-1021.00
grep -q 'not available' "$d/compare.md" && ok "fixture: a study one lacks is not available for it" || bad "fixture: no 'not available' in compare.md"
"$pk" pack build -q --data "$fx" -o "$tmp/fx.sqlite" 2> "$tmp/err" || bad "pack build: $(cat "$tmp/err")"
"$pk" compare -q --data "$tmp/fx.sqlite" -o "$tmp/sq" 91-1011.00 92-1021.00 2> "$tmp/err" || bad "compare from the compiled pack: $(cat "$tmp/err")"
for f in compare.md data.csv kit.txt compare.html; do
  cmp -s "$d/$f" "$tmp/sq/compare/91-1011.00_vs_92-1021.00/$f" && ok "compiled pack: the same $f" || bad "compiled pack: $f differs"
done

# ---- --pairs: a bad row between two good ones ----
printf 'a,b\n91-1011.00,91-1012.00\n91-1011.00,91-1011\n91-2011.00,92-2011.00\n' > "$tmp/pairs.csv"
"$pk" compare --data "$fx" -o "$tmp/pairs" --pairs "$tmp/pairs.csv" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc = 1 ] && ok "--pairs: exit 1 for a bad row" || bad "--pairs: exit $rc"
grep -q "^$tmp/pairs.csv:3:12: error: b: \"91-1011.00\" and \"91-1011\" are both 91-1011.00 (Widget Polishers)" "$tmp/err" &&
  ok "--pairs: the bad row located" || bad "--pairs: $(cat "$tmp/err")"
grep -qx "presskit compare: 2 of 3 comparisons written" "$tmp/err" && ok "--pairs: the batch went on" || bad "--pairs: $(tail -1 "$tmp/err")"
[ -d "$tmp/pairs/compare/91-2011.00_vs_92-2011.00" ] && ok "--pairs: the pair after the bad row is written" || bad "--pairs: no folder after the bad row"

# ---- --pairs --jobs 2: the same folders, messages, order and exit as one process ----
# good rows, a row of one occupation twice, an empty field, more good rows, and a malformed line
# last: each message comes where one process puts it, whatever order the workers finish in
{
  printf 'a,b\n91-1011.00,91-1012.00\n91-2011.00,92-2011.00\n91-1011.00,91-1011\n'
  printf '92-1021.00,91-1011.00\n,91-1012.00\n91-1012.00,92-1021.00\n92-2011.00,91-1011.00\n'
  printf '91-1012.00,91-2011.00\n"91-1011.00,92-1021.00\n'
} > "$tmp/pj.csv"
for j in 1 2 3; do
  "$pk" compare --data "$fx" -o "$tmp/pj$j" --pairs "$tmp/pj.csv" --jobs $j > "$tmp/pj$j.out" 2> "$tmp/pj$j.err"
  echo $? > "$tmp/pj$j.rc"
  sed "s|$tmp/pj$j/|OUT/|" "$tmp/pj$j.err" > "$tmp/pj$j.msg"
done
[ "$(cat "$tmp/pj1.rc")" = 1 ] && ok "--pairs --jobs 1: exit 1 for the bad rows" || bad "--pairs --jobs 1: exit $(cat "$tmp/pj1.rc")"
grep -qx "presskit compare: 6 of 8 comparisons written" "$tmp/pj1.err" && ok "--pairs --jobs 1: 6 of 8" || bad "--pairs --jobs 1: $(tail -1 "$tmp/pj1.err")"
for j in 2 3; do
  cmp -s "$tmp/pj1.rc" "$tmp/pj$j.rc" && ok "--pairs --jobs $j: the same exit" || bad "--pairs --jobs $j: exit $(cat "$tmp/pj$j.rc")"
  cmp -s "$tmp/pj1.msg" "$tmp/pj$j.msg" && ok "--pairs --jobs $j: the same messages in the same order" ||
    bad "--pairs --jobs $j: messages differ: $(diff "$tmp/pj1.msg" "$tmp/pj$j.msg" | head -5)"
  diff -r "$tmp/pj1" "$tmp/pj$j" > /dev/null && ok "--pairs --jobs $j: the same folders, byte for byte" ||
    bad "--pairs --jobs $j: the folders differ: $(diff -r "$tmp/pj1" "$tmp/pj$j" | head -3)"
done
"$pk" compare --data "$fx" -o "$tmp/pj" --jobs 2 91-1011.00 91-1012.00 > /dev/null 2> "$tmp/err"
rc=$?
[ $rc = 2 ] && grep -q "^presskit: error: --jobs is for --pairs" "$tmp/err" && ok "--jobs without --pairs: usage, exit 2" ||
  bad "--jobs without --pairs: exit $rc, $(cat "$tmp/err")"

# ---- --formats ----
"$pk" compare -q --data "$fx" --formats md,txt -o "$tmp/fm" 91-1011.00 91-1012.00 2> /dev/null
f=$tmp/fm/compare/91-1011.00_vs_91-1012.00
[ -f "$f/compare.md" ] && [ -f "$f/data.csv" ] && [ ! -e "$f/compare.pdf" ] && [ ! -e "$f/charts" ] &&
  ok "--formats md,txt: those files only" || bad "--formats md,txt: $(ls "$f" 2>&1)"

# ---- two real occupations ----
real=$repo/../shared/real-data
if [ -d "$real" ]; then
  check_pair --data "$repo/data/packs/us-2024.json" --root "$real" -- 29-1141.00 29-1171.00 real
  d=$tmp/real/ab/compare/29-1141.00_vs_29-1171.00
  grep -q 'covers this and 4 other occupations' "$d/compare.md" && ok "real: the shared-code disclosure of Registered Nurses" || bad "real: no shared-code disclosure"
  grep -q 'O\\\*NET lists Nurse Practitioners among the occupations related to Registered Nurses' "$d/compare.md" &&
    ok "real: O*NET's related occupations" || bad "real: the related occupations are not said"
  # two occupations of one wider code: its figure is said once, for both; two of two codes: each
  # said, one full stop apiece
  "$pk" compare -q --data "$repo/data/packs/us-2024.json" --root "$real" --formats md -o "$tmp/both" 29-1229.01 29-1229.02 2> /dev/null
  m=$tmp/both/compare/29-1229.01_vs_29-1229.02/compare.md
  grep -qF 'Both: BLS OEWS (May 2024) publishes pay for SOC 29-1229 Physicians, All Other, which covers both and 5 other occupations.' "$m" &&
    ! grep -q 'covers this and 6 other' "$m" && ok "real: one wider code's pay said once for both" || bad "real: the shared code of both sides: $(grep -n 29-1229 "$m" | head -3)"
  "$pk" compare -q --data "$repo/data/packs/us-2024.json" --root "$real" --formats md -o "$tmp/two" 29-1229.01 11-1011.00 2> /dev/null
  m=$tmp/two/compare/11-1011.00_vs_29-1229.01/compare.md
  [ -f "$m" ] || m=$(find "$tmp/two" -name compare.md | head -1)
  grep -qF 'which covers this and 1 other occupation. Allergists and Immunologists: BLS OEWS (May 2024) publishes pay for SOC 29-1229' "$m" &&
    ! grep -q 'occupations\.\.' "$m" && ok "real: two wider codes, each said, one full stop each" || bad "real: two sides' codes: $(grep -n 'Source: BLS OEWS' "$m")"
else
  echo "skip - two real occupations: no ../shared/real-data"
fi
echo "$fail failed"
[ $fail = 0 ]
