#!/usr/bin/env bash
# glyphs.sh PRESSKIT: code points a font lacks (U+FFFF, other noncharacters, an unassigned plane,
# private use, past the BMP) in a record's title must not break the other glyphs of the page, and are drawn as
# U+FFFD in the PDF, the PNG and the SVG alike (docs/reliability.md). The sample record with such
# a title: the brief's '·', '•', '—', '–' and '−' are real glyphs (tests/pdf/glyphs.py, on the
# CIDToGIDMap and ToUnicode of every font); pdftotext shows U+FFFD and none of the code points;
# the SVG chart holds U+FFFD, not them. Exits 77 (skipped) without qpdf or pdftotext.
set -u
pk=$1
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
for t in qpdf pdftotext python3; do
  command -v "$t" > /dev/null || { echo "skipped: no $t (scripts/setup.sh test installs it)"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-glyphs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

mkdir "$tmp/data"
cp data/sample/sources.json "$tmp/data/"
"$pk" record 27-4014.00 > "$tmp/rec.json" || { echo "FAIL: presskit record"; exit 1; }
# U+FFFF, U+FDD0, U+10FFFE (noncharacters), U+E0FFF (unassigned plane 14), U+F8FF (private use),
# U+1D538 (in DejaVu Sans, but past the BMP, which the PDF cannot encode: U+FFFD everywhere)
python3 - "$tmp/rec.json" "$tmp/data/27-4014.00.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r['title'] += ' \uffff\ufdd0\U0010fffe\U000e0fff\uf8ff\U0001d538'
json.dump(r, open(sys.argv[2], 'w'), ensure_ascii=False)
PY
"$pk" kit -q --data "$tmp/data" --formats pdf,svg -o "$tmp/out" 27-4014.00 2> "$tmp/err" ||
  bad "kit failed: $(cat "$tmp/err")"
kit=$tmp/out/27-4014.00
qpdf --qdf --object-streams=disable "$kit/brief.pdf" "$tmp/qdf.pdf" || bad "qpdf cannot read brief.pdf"
python3 "$here/glyphs.py" "$tmp/qdf.pdf" '·' '•' '—' '–' '−' '�' || bad "glyphs broken in brief.pdf"
pdftotext "$kit/brief.pdf" "$tmp/brief.txt"
grep -q 'Sound Engineering Technicians ������' "$tmp/brief.txt" ||
  bad "brief.pdf: the title is not drawn with six U+FFFD: $(grep -m1 'Sound Engineering' "$tmp/brief.txt")"
if grep -q $'\xef\xbf\xbf\|\xef\xb7\x90\|\xef\xa3\xbf\|\xf0\x9d\x94\xb8' "$tmp/brief.txt"; then bad "brief.pdf holds a code point the font lacks"; fi
grep -q 'What Sound Engineering Technicians ������ earn' "$kit/charts/wages.svg" ||
  bad "wages.svg: the title is not drawn with six U+FFFD"
# in the drawn text (the <title> and <desc> keep the record's text as it is)
if grep -o '<text[^>]*>[^<]*</text>' "$kit/charts/wages.svg" | grep -q $'\xef\xbf\xbf\|\xef\xb7\x90\|\xef\xa3\xbf\|\xf0\x9d\x94\xb8'; then
  bad "wages.svg draws a code point the font lacks"
fi
# one byte a glyph while a font has under 256 CIDs (the sample: every font "Custom", the
# one-byte CMap), two (Identity-H) for a font with more: a description of 224 characters past
# ASCII (Latin Extended-A and Cyrillic) gives the body font 224 CIDs from 128 up; its text
# still reads back whole, and its glyphs are real
python3 - "$tmp/rec.json" "$tmp/data/27-4014.00.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r['description'] = ''.join(map(chr, range(0x100, 0x180))) + ' ' + ''.join(map(chr, range(0x400, 0x460)))
json.dump(r, open(sys.argv[2], 'w'), ensure_ascii=False)
PY
"$pk" kit -q --data "$tmp/data" --formats pdf -o "$tmp/wide" 27-4014.00 2> "$tmp/err" || bad "wide kit failed: $(cat "$tmp/err")"
fonts=$(pdffonts "$tmp/wide/27-4014.00/brief.pdf" | tail -n +3)
[ "$(grep -c 'Identity-H' <<< "$fonts")" = 1 ] && [ "$(grep -c 'Custom' <<< "$fonts")" -ge 1 ] ||
  bad "want one font on Identity-H (the body's) and the rest one-byte: $fonts"
[ "$(pdffonts "$kit/brief.pdf" 2> /dev/null | tail -n +3 | grep -c 'Identity-H')" = 0 ] ||
  bad "the sample's fonts are not all one-byte"
pdftotext "$tmp/wide/27-4014.00/brief.pdf" - | tr -d '\n' | grep -qF "$(python3 -c 'print("".join(map(chr, range(0x100, 0x180))))')" ||
  bad "the Latin Extended-A description does not read back whole"
qpdf --qdf --object-streams=disable "$tmp/wide/27-4014.00/brief.pdf" "$tmp/wide.pdf"
python3 "$here/glyphs.py" "$tmp/wide.pdf" 'Ā' 'ſ' 'Ѐ' 'џ' '·' || bad "glyphs broken in the two-byte brief"
[ "$fail" = 0 ] && echo "glyphs: all passed"
[ "$fail" = 0 ]
