#!/usr/bin/env bash
# pdfua.sh PRESSKIT: brief.pdf is a tagged PDF (PDF/UA-1) in every built-in template: pdfinfo says
# "Tagged: yes", qpdf --check is clean, and tests/pdf/pdfua.py (pikepdf) finds none of the
# Matterhorn conditions it checks broken (docs/accessibility.md); then the checker is shown to
# catch each condition, on copies of the default brief each broken once (pdfua.py --selftest).
# `presskit chart NAME -o x.pdf` is one Figure with the chart's alt text.
# Exits 77 (skipped) without pdfinfo, qpdf or Debian's python3-pikepdf.
set -u
pk=$1
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
py=/usr/bin/python3 # Debian's, where python3-pikepdf is installed
for t in pdfinfo qpdf $py; do
  command -v "$t" > /dev/null || { echo "skipped: no $t (scripts/setup.sh test installs it)"; exit 77; }
done
$py -c 'import pikepdf' 2> /dev/null || { echo "skipped: no python3-pikepdf (scripts/setup.sh test)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-pdfua.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
export SOURCE_DATE_EPOCH=1767225600
for tpl in default newsroom-a4 factsheet; do
  "$pk" kit -q 27-4014.00 --layout $tpl --formats pdf -o "$tmp/$tpl" > /dev/null 2> "$tmp/err" ||
    { bad "$tpl: kit failed: $(cat "$tmp/err")"; continue; }
  pdf=$tmp/$tpl/27-4014.00/brief.pdf
  pdfinfo "$pdf" | grep -q '^Tagged: *yes' && ok "$tpl: Tagged: yes" || bad "$tpl: pdfinfo does not say Tagged: yes"
  out=$(qpdf --check "$pdf" 2>&1) && ! grep -qi warning <<< "$out" && ok "$tpl: qpdf --check clean" ||
    bad "$tpl: qpdf --check: $out"
  if res=$($py "$here/pdfua.py" "$pdf"); then ok "$tpl: pdfua.py passes"; else bad "$tpl: pdfua.py: $res"; fi
  # poppler reads the same tree: the title is text of the H1, a figure's words of a Figure
  st=$(pdfinfo -struct-text "$pdf")
  grep -A1 '^ *H1' <<< "$st" | grep -q 'Sound Engineering Technicians' && ok "$tpl: poppler: the H1 holds the title" ||
    bad "$tpl: poppler -struct-text has no H1 with the title"
  if grep -q 'Page [0-9]* of' <<< "$st"; then bad "$tpl: the page number is in the structure (an artifact)"; else ok "$tpl: page numbers are artifacts"; fi
done
# "pdf": {"tagged": false} turns tagging off; an empty "pdf" object leaves it on; a wrong type
# and an unknown key are refused by JSON path
tp() { $py -c 'import json, sys; t = json.load(open(sys.argv[1])); t["name"] = "t"; t["pdf"] = json.loads(sys.argv[2]); json.dump(t, open(sys.argv[3], "w"), indent=1)' \
  "$here/../../layouts/templates/default.json" "$1" "$tmp/t.json"; }
for v in '{"tagged": false}:no' '{"tagged": true}:yes' '{}:yes'; do
  tp "${v%:*}"
  rm -rf "$tmp/t"
  if "$pk" kit -q 27-4014.00 --layout "$tmp/t.json" --formats pdf -o "$tmp/t" > /dev/null 2> "$tmp/err"; then
    pdfinfo "$tmp/t/27-4014.00/brief.pdf" | grep -q "^Tagged: *${v##*:}\$" && ok "pdf ${v%:*}: Tagged: ${v##*:}" ||
      bad "pdf ${v%:*}: pdfinfo does not say Tagged: ${v##*:}"
  else
    bad "pdf ${v%:*}: kit failed: $(cat "$tmp/err")"
  fi
done
for v in '{"tagged": 1}|$.pdf.tagged: expected true or false, got 1' \
         '{"taged": false}|$.pdf.taged: unknown key "taged"' '"no"|$.pdf: expected an object'; do
  tp "${v%%|*}"
  if "$pk" kit -q 27-4014.00 --layout "$tmp/t.json" --formats pdf -o "$tmp/t2" > /dev/null 2> "$tmp/err"; then
    bad "pdf ${v%%|*}: accepted"
  else
    grep -qF "t.json: ${v#*|}" "$tmp/err" && ok "pdf ${v%%|*}: refused by path" || bad "pdf ${v%%|*}: $(cat "$tmp/err")"
  fi
done
# the checker catches each broken condition
if res=$($py "$here/pdfua.py" --selftest "$tmp/default/27-4014.00/brief.pdf"); then
  ok "pdfua.py catches every broken copy"
else
  bad "pdfua.py --selftest: $res"
fi
echo "$res" | sed 's/^/  /'
# a chart alone is one Figure with the chart's alt text and a BBox, and passes the checker
"$pk" chart wages 27-4014.00 -o "$tmp/wages.pdf" > /dev/null 2>&1 || bad "presskit chart -o x.pdf failed"
if res=$($py "$here/pdfua.py" "$tmp/wages.pdf"); then ok "chart -o x.pdf passes pdfua.py"; else bad "chart -o x.pdf: $res"; fi
if res=$($py - "$tmp/wages.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
doc = pdf.Root.StructTreeRoot.K
kids = doc.K if isinstance(doc.K, pikepdf.Array) else [doc.K]
figs = [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Figure"]
if str(doc.S) != "/Document" or len(kids) != 1 or len(figs) != 1:
    sys.exit("want Document > one Figure, got %s > %s" % (doc.S, [str(k.get("/S")) for k in kids]))
alt = str(figs[0].get("/Alt", ""))
if "Sound Engineering Technicians" not in alt or len(alt) < 40:
    sys.exit("the Figure's /Alt is not the chart's alt text: %r" % alt[:80])
bb = [float(v) for v in figs[0].A.BBox]
if not (bb[2] > bb[0] and bb[3] > bb[1]):
    sys.exit("the Figure's BBox is empty: %s" % bb)
print("one Figure, /Alt %d characters, BBox %s" % (len(alt), bb))
PY
); then ok "chart -o x.pdf: $res"; else bad "chart -o x.pdf: $res"; fi
# an untagged PDF ("pdf": {"tagged": false}) fails the checker
tp '{"tagged": false}'
rm -rf "$tmp/t"
"$pk" kit -q 27-4014.00 --layout "$tmp/t.json" --formats pdf -o "$tmp/t" > /dev/null 2>&1 || bad "untagged kit failed"
if $py "$here/pdfua.py" "$tmp/t/27-4014.00/brief.pdf" > /dev/null; then bad "an untagged PDF passes the checker"; else ok "an untagged PDF fails the checker"; fi
[ "$fail" = 0 ] && echo "pdfua: all passed"
[ "$fail" = 0 ]
