#!/usr/bin/env bash
# pdf.sh PRESSKIT IMGCMP: every chart of the embedded sample through `presskit chart NAME SOC -o
# x.pdf`, checked with real clients: qpdf --check; pdffonts (every font embedded and subset, with
# a ToUnicode map, and no warnings); pdftotext holds every text run the SVG of the same chart
# holds (its title and all its numbers); pdfinfo's title and creator; the same bytes twice, and a
# creation date only with SOURCE_DATE_EPOCH; at most 60 KB; and the PDF as poppler draws it
# (pdftoppm at 96 dpi: 1 pt = 4/3 px, the pixel grid of the 1x PNG, so nothing is resampled)
# against the cairo PNG of the same scene, within IMGCMP's tolerance. Exits 77 (skipped) without
# poppler-utils or qpdf.
set -u
pk=$1
imgcmp=$2
soc=27-4014.00
for t in qpdf pdffonts pdftotext pdftoppm pdfinfo; do
  command -v "$t" > /dev/null || { echo "skipped: no $t (scripts/setup.sh test installs it)"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# the text of an SVG's <text> elements, one run a line, entities decoded; a minus sign as the
# PDF copies it, a hyphen-minus (its /ActualText), so that a copied figure pastes as a number
svg_texts() {
  grep -o '<text[^>]*>[^<]*</text>' "$1" | sed -e 's/<[^>]*>//g' -e 's/&lt;/</g' -e 's/&gt;/>/g' \
    -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&amp;/\&/g' -e 's/−/-/g'
}

unset SOURCE_DATE_EPOCH
charts=$("$pk" chart --list | awk '{print $1}')
[ -n "$charts" ] && ok || bad "chart --list"
n=0
for c in $charts; do
  d=$tmp/$c
  mkdir -p "$d"
  if ! "$pk" chart "$c" "$soc" -o "$d/c.svg" 2> "$d/err"; then
    # a chart the sample has no data for is left out the same way in every format
    "$pk" chart "$c" "$soc" -o "$d/c.pdf" 2> "$d/err.pdf" && bad "$c: PDF made without data" || ok
    continue
  fi
  n=$((n + 1))
  "$pk" chart "$c" "$soc" -o "$d/c.pdf" 2> "$d/err" && ok || { bad "$c: presskit chart -o c.pdf: $(cat "$d/err")"; continue; }
  "$pk" chart "$c" "$soc" -o "$d/c.png" 2> /dev/null && ok || bad "$c: PNG"
  "$pk" chart "$c" "$soc" -o "$d/again.pdf" 2> /dev/null && cmp -s "$d/c.pdf" "$d/again.pdf" && ok ||
    bad "$c: two runs differ"
  size=$(stat -c %s "$d/c.pdf")
  [ "$size" -le 61440 ] && ok || bad "$c: $size bytes (subset fonts should keep a chart under 60 KB)"

  qpdf --check "$d/c.pdf" > "$d/qpdf" 2>&1 && grep -q "No syntax or stream encoding errors" "$d/qpdf" &&
    ok || bad "$c: qpdf --check: $(tail -3 "$d/qpdf")"

  pdffonts "$d/c.pdf" > "$d/fonts" 2>&1 || bad "$c: pdffonts"
  fonts=$(tail -n +3 "$d/fonts" | grep -c .)
  # Identity-H, or the one-byte CMap of a font with under 256 CIDs (poppler: "Custom")
  good=$(tail -n +3 "$d/fonts" | grep -cE '\+[^ ]+ +CID TrueType +(Identity-H|Custom) +yes +yes +yes')
  [ "$fonts" -ge 1 ] && [ "$fonts" = "$good" ] && ok || bad "$c: fonts not all embedded and subset: $(cat "$d/fonts")"

  pdftotext "$d/c.pdf" "$d/text" 2> "$d/text.err" && ok || bad "$c: pdftotext"
  [ ! -s "$d/text.err" ] && ok || bad "$c: pdftotext warns: $(head -2 "$d/text.err")"
  tr -s ' \n' '  ' < "$d/text" > "$d/flat"
  missing=0
  while IFS= read -r run; do
    [ -z "$run" ] && continue
    grep -qF -- "$run" "$d/flat" || { missing=$((missing + 1)); echo "  $c: not in the PDF's text: $run"; }
  done < <(svg_texts "$d/c.svg")
  [ "$missing" = 0 ] && ok || bad "$c: $missing text runs missing from pdftotext"

  pdfinfo "$d/c.pdf" > "$d/info" 2>&1
  title=$(sed -n 's/^Title: *//p' "$d/info")
  [ -n "$title" ] && grep -qF -- "$title" "$d/flat" && ok || bad "$c: title \"$title\" not drawn"
  grep -q "^Creator: *presskit " "$d/info" && ok || bad "$c: creator"
  ! grep -q "^CreationDate:" "$d/info" && ok || bad "$c: a creation date without SOURCE_DATE_EPOCH"

  pdftoppm -r 96 -png -singlefile "$d/c.pdf" "$d/pdf" 2> /dev/null && ok || bad "$c: pdftoppm"
  if "$imgcmp" "$d/pdf.png" "$d/c.png" 2 "$d/diff.png" > "$d/cmp"; then
    ok
  else
    bad "$c: the PDF's raster differs from the PNG: $(cat "$d/cmp")"
  fi
done
[ "$n" -ge 5 ] && ok || bad "only $n charts drawn for the sample"

SOURCE_DATE_EPOCH=1700000000 "$pk" chart wages "$soc" -o "$tmp/dated.pdf" 2> /dev/null
TZ=UTC pdfinfo "$tmp/dated.pdf" 2> /dev/null | grep -q "^CreationDate: *Tue Nov 14 22:13:20 2023" && ok ||
  bad "SOURCE_DATE_EPOCH: $(pdfinfo "$tmp/dated.pdf" 2>&1 | grep -i date)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
