#!/usr/bin/env bash
# pdfa.sh PRESSKIT: brief.pdf is PDF/A-2 (level A when tagged, U when not) in every built-in
# template, and `presskit chart NAME -o x.pdf` too: tests/pdf/pdfa.py (pikepdf) finds none of the
# conditions it checks broken (docs/accessibility.md), then is shown to catch each one on copies
# of the default brief each broken once (pdfa.py --selftest). The output intent's profile is
# Debian's sRGB.icc byte for byte; the information dictionary and the XMP agree for a title of
# markup and non-ASCII text; the /ID follows the content and nothing else; a CMYK JPEG logo is a
# located warning and a brief that does not claim PDF/A.
# Exits 77 (skipped) without qpdf or Debian's python3-pikepdf and python3-fonttools.
set -u
pk=$1
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
py=/usr/bin/python3 # Debian's, where python3-pikepdf is installed
for t in qpdf $py; do
  command -v "$t" > /dev/null || { echo "skipped: no $t (scripts/setup.sh test installs it)"; exit 77; }
done
$py -c 'import pikepdf' 2> /dev/null || { echo "skipped: no python3-pikepdf (scripts/setup.sh test)"; exit 77; }
$py -c 'import fontTools' 2> /dev/null || { echo "skipped: no python3-fonttools (scripts/setup.sh test)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-pdfa.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
export SOURCE_DATE_EPOCH=1767225600
xmp() { $py -c 'import sys, pikepdf; print(pikepdf.open(sys.argv[1]).Root.Metadata.read_bytes().decode())' "$1" 2> /dev/null; }
for tpl in default newsroom-a4 factsheet; do
  "$pk" kit -q 27-4014.00 --layout $tpl --formats pdf -o "$tmp/$tpl" > /dev/null 2> "$tmp/err" ||
    { bad "$tpl: kit failed: $(cat "$tmp/err")"; continue; }
  pdf=$tmp/$tpl/27-4014.00/brief.pdf
  if res=$($py "$here/pdfa.py" "$pdf"); then ok "$tpl: pdfa.py passes"; else bad "$tpl: pdfa.py: $res"; fi
  xmp "$pdf" | grep -q '<pdfaid:conformance>A</pdfaid:conformance>' && ok "$tpl: claims PDF/A-2A" ||
    bad "$tpl: the XMP does not claim conformance A"
  out=$(qpdf --check "$pdf" 2>&1) && ! grep -qi warning <<< "$out" && ok "$tpl: qpdf --check clean" ||
    bad "$tpl: qpdf --check: $out"
done
pdf=$tmp/default/27-4014.00/brief.pdf
# the output intent's profile is the one Debian ships, whole
icc=/usr/share/color/icc/sRGB.icc
if [ -f "$icc" ]; then
  $py -c 'import sys, pikepdf; sys.stdout.buffer.write(pikepdf.open(sys.argv[1]).Root.OutputIntents[0].DestOutputProfile.read_bytes())' \
    "$pdf" > "$tmp/got.icc"
  cmp -s "$tmp/got.icc" "$icc" && ok "the output intent is $icc, byte for byte" || bad "the embedded profile is not $icc"
fi
# the checker catches each broken condition
if res=$($py "$here/pdfa.py" --selftest "$pdf"); then
  ok "pdfa.py catches every broken copy ($(grep -c '^selftest ok' <<< "$res") conditions)"
else
  bad "pdfa.py --selftest: $res"
fi
echo "$res" | sed 's/^/  /'
# untagged: level U; a chart alone: level A
tp() { $py -c 'import json, sys; t = json.load(open(sys.argv[1])); t["name"] = "t"; t.update(json.loads(sys.argv[2])); json.dump(t, open(sys.argv[3], "w"), indent=1)' \
  "$here/../../layouts/templates/default.json" "$1" "$tmp/t.json"; }
tp '{"pdf": {"tagged": false}}'
"$pk" kit -q 27-4014.00 --layout "$tmp/t.json" --formats pdf -o "$tmp/u" > /dev/null 2>&1 || bad "untagged kit failed"
if res=$($py "$here/pdfa.py" "$tmp/u/27-4014.00/brief.pdf"); then ok "untagged: pdfa.py passes"; else bad "untagged: $res"; fi
xmp "$tmp/u/27-4014.00/brief.pdf" | grep -q '<pdfaid:conformance>U</pdfaid:conformance>' && ok "untagged: claims PDF/A-2U" ||
  bad "untagged: the XMP does not claim conformance U"
xmp "$tmp/u/27-4014.00/brief.pdf" | grep -q 'pdfuaid' && bad "untagged: the XMP claims PDF/UA" || ok "untagged: no pdfuaid"
"$pk" chart wages 27-4014.00 -o "$tmp/wages.pdf" > /dev/null 2>&1 || bad "presskit chart -o x.pdf failed"
if res=$($py "$here/pdfa.py" "$tmp/wages.pdf"); then ok "chart -o x.pdf passes pdfa.py"; else bad "chart -o x.pdf: $res"; fi
# a title of markup and non-ASCII text: the XMP escapes it, the information dictionary holds it
# as UTF-16, and the two agree (pdfa.py); the /ID changes with the content, not between runs
mkdir -p "$tmp/rd"
cp "$here/../../data/sample/sources.json" "$tmp/rd/"
"$pk" record 27-4014.00 > "$tmp/r.json"
$py -c 'import json, sys; r = json.load(open(sys.argv[1])); r["title"] = "Técnicos & <Mixers> \"Ω\" de Sonido"; json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False)' \
  "$tmp/r.json" "$tmp/rd/27-4014.00.json"
"$pk" kit -q 27-4014.00 --data "$tmp/rd" --formats pdf -o "$tmp/m" > /dev/null 2>&1 || bad "the markup title kit failed"
if res=$($py "$here/pdfa.py" "$tmp/m/27-4014.00/brief.pdf"); then ok "markup title: Info and XMP agree"; else bad "markup title: $res"; fi
xmp "$tmp/m/27-4014.00/brief.pdf" | grep -qF 'Técnicos &amp; &lt;Mixers&gt; &quot;Ω&quot; de Sonido' &&
  ok "markup title: escaped in the XMP" || bad "markup title: not escaped in the XMP"
id() { $py -c 'import sys, pikepdf; print(bytes(pikepdf.open(sys.argv[1]).trailer.ID[0]).hex())' "$1"; }
"$pk" kit -q 27-4014.00 --formats pdf -o "$tmp/again" > /dev/null 2>&1
cmp -s "$tmp/again/27-4014.00/brief.pdf" "$pdf" && ok "same input, same bytes (the /ID too)" || bad "two runs differ"
[ "$(id "$pdf")" != "$(id "$tmp/m/27-4014.00/brief.pdf")" ] && ok "another title, another /ID" ||
  bad "two different briefs have the same /ID"
# a CMYK JPEG logo (a minimal baseline 8 x 8 one, Adobe APP14, made here): a warning naming the
# template and the JSON path, the brief written with a DeviceCMYK image, and no PDF/A claim
$py - "$tmp/cmyk.jpg" <<'PY'
import struct, sys
seg = lambda m, b: b"\xff" + bytes([m]) + struct.pack(">H", len(b) + 2) + b
jpg = b"\xff\xd8" + seg(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x00")  # transform 0: CMYK
jpg += seg(0xDB, b"\x00" + b"\x01" * 64)
jpg += seg(0xC0, b"\x08\x00\x08\x00\x08\x04" + b"".join(bytes([i, 0x11, 0]) for i in range(1, 5)))
jpg += seg(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00")  # DC: one code, category 0
jpg += seg(0xC4, b"\x10" + b"\x01" + b"\x00" * 15 + b"\x00")  # AC: one code, end of block
jpg += seg(0xDA, b"\x04" + b"".join(bytes([i, 0]) for i in range(1, 5)) + b"\x00\x3f\x00")
jpg += b"\x00\xff\xd9"  # four blocks of "DC 0, EOB": eight 0 bits
open(sys.argv[1], "wb").write(jpg)
PY
tp '{"logo": {"file": "cmyk.jpg", "width": 60}}'
"$pk" kit -q 27-4014.00 --layout "$tmp/t.json" --formats pdf -o "$tmp/c" > /dev/null 2> "$tmp/err" ||
  bad "the CMYK logo kit failed: $(cat "$tmp/err")"
want="$tmp/t.json: \$.logo.file: warning: the JPEG logo \"cmyk.jpg\" is CMYK, which the PDF's sRGB output intent does not cover: the brief is written, but not as PDF/A-2 (save the logo as RGB)"
grep -qxF "$want" "$tmp/err" && ok "CMYK logo: the warning" || bad "CMYK logo: stderr is: $(cat "$tmp/err")"
cpdf=$tmp/c/27-4014.00/brief.pdf
if [ -f "$cpdf" ]; then
  xmp "$cpdf" | grep -q pdfaid && bad "CMYK logo: the XMP still claims PDF/A" || ok "CMYK logo: no PDF/A claim"
  res=$($py "$here/pdfa.py" "$cpdf") && bad "CMYK logo: pdfa.py passes it" ||
    { grep -q '6.2.4.3.*DeviceCMYK' <<< "$res" && ok "CMYK logo: pdfa.py fails it on DeviceCMYK" || bad "CMYK logo: pdfa.py says: $res"; }
fi
[ "$fail" = 0 ] && echo "pdfa: all passed"
[ "$fail" = 0 ]
