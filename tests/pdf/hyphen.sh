#!/usr/bin/env bash
# hyphen.sh PRESSKIT: a word broken by a hyphen at a line end reads whole. A brief in a narrow,
# justified three-column copy of the default template (which hyphenates often) carries each
# broken word's two parts in one span with the whole word as /ActualText (or, split by a page or
# column, the second part with an empty one): pdftotext gives the whole word and no line that
# ends "letter-" before a line going on in lower case; pdftotext and pdfinfo print nothing on
# stderr (poppler's warnings, about a ToUnicode CMap for one); qpdf --check has no warning; the
# brief passes tests/pdf/pdfua.py. Exits 77 (skipped) without poppler, qpdf or python3-pikepdf.
set -u
pk=$1
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
py=/usr/bin/python3
for t in pdftotext pdfinfo qpdf $py; do
  command -v "$t" > /dev/null || { echo "skipped: no $t"; exit 77; }
done
$py -c 'import pikepdf' 2> /dev/null || { echo "skipped: no python3-pikepdf"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-hyphen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
export SOURCE_DATE_EPOCH=1767225600
$py - "$here/../../layouts/templates/default.json" "$tmp/narrow.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["name"] = "narrow"
t["justify"] = True
t["page"]["columns"] = 3
t["page"]["column_gap"] = 12
json.dump(t, open(sys.argv[2], "w"))
PY
"$pk" kit -q 27-4014.00 --layout "$tmp/narrow.json" --formats pdf -o "$tmp/k" > /dev/null 2> "$tmp/err" ||
  { bad "kit failed: $(cat "$tmp/err")"; exit 1; }
pdf=$tmp/k/27-4014.00/brief.pdf
pdftotext "$pdf" "$tmp/t.txt" 2> "$tmp/e1"
pdfinfo "$pdf" > /dev/null 2> "$tmp/e2"
pdfinfo -struct-text "$pdf" > /dev/null 2>> "$tmp/e2"
[ -s "$tmp/e1" ] || [ -s "$tmp/e2" ] && bad "poppler warns: $(cat "$tmp/e1" "$tmp/e2" | head -3)" || ok "poppler: no warnings"
out=$(qpdf --check "$pdf" 2>&1) && ! grep -qi warning <<< "$out" && ok "qpdf --check clean" || bad "qpdf --check: $out"
if res=$($py "$here/pdfua.py" "$pdf"); then ok "pdfua.py passes"; else bad "pdfua.py: $res"; fi
# the broken words: each span whose /ActualText is a word of letters and whose text ends in "-"
# (the part before the break), read from the content streams with pikepdf
if res=$($py - "$pdf" "$tmp/t.txt" <<'PY'
import re, sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
words, empty = [], 0
for page in pdf.pages:
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "BDC" and str(operands[0]) == "/Span" and "/ActualText" in operands[1]:
            a = str(operands[1].ActualText)
            if a == "": empty += 1
            elif re.fullmatch(r"[A-Za-z]{4,}[,.;:)]*", a): words.append(re.sub(r"[^A-Za-z]", "", a))
if len(words) < 3:
    sys.exit(f"only {len(words)} hyphenated words in the narrow brief (want 3 or more)")
tokens = set(re.findall(r"[A-Za-z]+", text))
missing = [w for w in words if w not in tokens]
if missing:
    sys.exit(f"pdftotext lacks whole words: {missing[:5]}")
broken = re.findall(r"[a-z]-\n[a-z]+", text)
if broken:
    sys.exit(f"pdftotext has words broken at a hyphen: {broken[:5]}")
print(f"{len(words)} hyphenated words read whole, {empty} second parts after a page or column")
PY
); then ok "$res"; else bad "$res"; fi
[ "$fail" = 0 ] && echo "hyphen: all passed"
[ "$fail" = 0 ]
