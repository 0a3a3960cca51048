#!/usr/bin/env bash
# faults.sh PRESSKIT SANITIZED: presskit under faults a newsroom machine meets — a full disk, an
# unwritable folder, hostile text in the data, files far too large — must give a clear message
# and the documented exit code, never a half-written or damaged file, never unbounded memory.
# Ends with "N passed, N failed". SANITIZED=ON skips the address-space limit (ASan reserves
# terabytes of virtual memory by design).
set -u
pk=$1
sanitized=${2:-OFF}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-faults.XXXXXX")
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@"; then ok; else bad "$desc"; fi; }

# A reference kit to compare partial runs against.
"$pk" kit --out "$tmp/ref" 27-4014.00 > /dev/null || bad "reference kit"

# 1. Disk full: a file-size limit (RLIMIT_FSIZE) makes write() fail with EFBIG part-way through
# the kit. SIGXFSZ is ignored so the process sees the error instead of being killed.
desc="disk full: exit 3"
( ulimit -f 8; trap '' XFSZ; exec "$pk" kit --formats txt,md,svg,png --out "$tmp/full" 27-4014.00 ) > /dev/null 2> "$tmp/full.err"
rc=$?
check [ $rc -eq 3 ]
desc="disk full: the message names the file and the cause"
check grep -q "brief.md: error: write failed: File too large" "$tmp/full.err"
desc="disk full: no temporary file is left"
check [ -z "$(find "$tmp/full" -name '.*tmp*' 2> /dev/null)" ]
desc="disk full: every file that is there is complete (equal to the reference)"
complete=1
while IFS= read -r f; do
  cmp -s "$f" "$tmp/ref/27-4014.00/${f#"$tmp/full/27-4014.00/"}" || complete=0
done < <(find "$tmp/full/27-4014.00" -type f)
check [ "$complete" = 1 ]
desc="disk full: the file that failed is not there at all"
check [ ! -e "$tmp/full/27-4014.00/brief.md" ]
# the brief: its subset fonts go through an in-memory file, which the limit stops too
( ulimit -f 8; trap '' XFSZ; exec "$pk" kit --formats pdf --out "$tmp/fullpdf" 27-4014.00 ) > /dev/null 2> "$tmp/fullpdf.err"
rc=$?
desc="disk full during the brief: exit 3"
check [ $rc -eq 3 ]
desc="disk full during the brief: a message naming the cause"
check grep -q "File too large" "$tmp/fullpdf.err"
desc="disk full during the brief: no brief.pdf, no temporary file"
check [ ! -e "$tmp/fullpdf/27-4014.00/brief.pdf" -a -z "$(find "$tmp/fullpdf" -name '.*tmp*' 2> /dev/null)" ]

# 2. A failed run never damages what an earlier run wrote.
cp -r "$tmp/ref" "$tmp/again"
( ulimit -f 8; trap '' XFSZ; exec "$pk" kit --out "$tmp/again" 27-4014.00 ) > /dev/null 2>&1
desc="failed rerun: the earlier kit is intact"
check diff -r "$tmp/ref" "$tmp/again"

# 3. An unwritable output folder. Root ignores permission bits, so drop to nobody when root.
mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
run_unprivileged=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv > /dev/null; then
    run_unprivileged=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
fi
if [ "$(id -u)" != 0 ] || [ ${#run_unprivileged[@]} -gt 0 ]; then
  ${run_unprivileged[@]+"${run_unprivileged[@]}"} "$pk" kit --out "$tmp/ro/kits" 27-4014.00 > /dev/null 2> "$tmp/ro.err"
  rc=$?
  desc="unwritable folder: exit 3"
  check [ $rc -eq 3 ]
  desc="unwritable folder: a clear message"
  check grep -q "ro/kits/27-4014.00: error: cannot create the output folder: Permission denied" "$tmp/ro.err"
else
  echo "note: running as root without setpriv: the unwritable-folder check is skipped"
fi

# 4. Hostile text: markup, quotes, a right-to-left override, control characters, path
# separators and a 10,000-character word in the title and description.
mkdir -p "$tmp/hostile"
cp "$root/data/sample/sources.json" "$tmp/hostile/"
long=$(head -c 10000 /dev/zero | tr '\0' 'w')
cat > "$tmp/hostile/27-4014.00.json" << JSON
{ "presskit_record": 1, "soc": "27-4014.00",
  "title": "<script>alert(1)</script> & \"Quotes\" 'n' \u202Eevil\u202C \u0007bell\u001b[31m ../../etc/passwd {braces} 100% #1 \$5 _x_ ~t^ \\\\back",
  "description": "$long",
  "text_source": "onet",
  "wages": { "median": { "value": 66430, "unit": "usd", "source": "oews-2024" } } }
JSON
"$pk" kit --data "$tmp/hostile" --out "$tmp/hout" 27-4014.00 > "$tmp/hostile.out" 2> "$tmp/hostile.err"
desc="hostile text: no control character reaches the terminal"
check [ -z "$(grep -P '[\x00-\x08\x0b-\x1f\x7f]' "$tmp/hostile.out" "$tmp/hostile.err")" ]
desc="hostile text: the kit is written"
check [ "$(ls "$tmp/hout/27-4014.00" | wc -l)" -ge 9 ]
desc="hostile text: files go only under the SOC code's folder"
check [ "$(cd "$tmp/hout" && find . -type f | sed -E 's|^\./27-4014\.00/(charts/)?[^/]*$||' | sort -u | tr -d '\n')" = "" ]
desc="hostile text: no control character reaches kit.txt, cite.txt, cite-apa.txt, cite.ris or brief.md"
check [ -z "$(cd "$tmp/hout/27-4014.00" && grep -lP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]' kit.txt cite.txt cite-apa.txt cite.ris brief.md)" ]
desc="hostile text: the title stays one line in kit.txt (headline, blank, claims, source, note)"
check [ "$(head -n 1 "$tmp/hout/27-4014.00/kit.txt" | grep -c 'script')" = 1 ]
desc="hostile text: RIS keeps one tag per line"
check [ -z "$(grep -avE '^[A-Z][A-Z0-9]  - ' "$tmp/hout/27-4014.00/cite.ris")" ]
if command -v cmark > /dev/null; then
  desc="hostile text: the Markdown brief renders no HTML from the data"
  check [ -z "$(cmark "$tmp/hout/27-4014.00/brief.md" | grep -E '<script|<b>')" ]
fi
if command -v node > /dev/null; then
  desc="hostile text: cite.json and manifest.json are valid JSON with the title intact"
  check node -e '
    const fs = require("fs");
    const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    if (!c[0].title.includes("<script>alert(1)</script> & \"Quotes\"")) process.exit(1);
    if (!c[0].title.includes("\u202Eevil")) process.exit(1);' \
    "$tmp/hout/27-4014.00/cite.json" "$tmp/hout/27-4014.00/manifest.json"
fi
if command -v bibtool > /dev/null; then
  desc="hostile text: cite.bib parses cleanly in bibtool"
  out=$(cd "$tmp" && HOME="$tmp" BIBTOOLRSC= bibtool -q "$tmp/hout/27-4014.00/cite.bib" 2>&1 > /dev/null)
  check [ -z "$(echo "$out" | grep -iE 'error|warning')" ]
fi
desc="hostile text: the 10,000-character word is kept whole in brief.md"
check grep -q "$long" "$tmp/hout/27-4014.00/brief.md"

# 5. Bounded resources: files far larger than any release are refused, not read whole.
limit=()
[ "$sanitized" = ON ] || limit=(ulimit -v 262144) # 256 MB of address space at most
mkdir -p "$tmp/big"
cp "$root/data/sample/sources.json" "$tmp/big/"
truncate -s 1G "$tmp/big/27-4014.00.json"
( ${limit[@]+"${limit[@]}"}; exec "$pk" record --data "$tmp/big" 27-4014.00 ) > /dev/null 2> "$tmp/big.err"
rc=$?
desc="a 1 GB record file: exit 1, refused by size"
check [ $rc -eq 1 ]
check grep -q "27-4014.00.json: error: file is larger than the 16 MiB this reader accepts" "$tmp/big.err"
# a pack whose occupations file is 1 GB, and a scores file with a 100 MB field
mkdir -p "$tmp/bigpack"
cat > "$tmp/bigpack/manifest.json" << 'JSON'
{ "presskit_pack": 1, "name": "synthetic test fixture: huge files",
  "publication": { "publisher": "fixture" },
  "sources": [ { "id": "s", "publisher": "P", "title": "T", "short": "S" } ],
  "inputs": [ { "id": "occ", "importer": "onet-occupations", "file": "occ.txt", "source": "s" },
              { "id": "sc", "importer": "scores", "file": "scores.csv", "source": "s",
                "code_column": "SOC Code", "code_kind": "soc",
                "values": [ { "column": "Score", "target": "study", "label": "L" } ] } ] }
JSON
truncate -s 1G "$tmp/bigpack/occ.txt"
printf 'SOC Code,Score\n11-1011,"' > "$tmp/bigpack/scores.csv"
head -c 100000000 /dev/zero | tr '\0' x >> "$tmp/bigpack/scores.csv"
printf '"\n' >> "$tmp/bigpack/scores.csv"
( ${limit[@]+"${limit[@]}"}; exec "$pk" check --data "$tmp/bigpack/manifest.json" ) > /dev/null 2> "$tmp/bigpack.err"
desc="a 1 GB occupations file: refused at its first row, within 256 MB"
# (the file is NUL bytes, so its header row is refused at the first one, before its length)
check grep -qx ".*occ.txt:1:1: error: NUL byte in a field (0x00); it is in the header row, so the file is not read" "$tmp/bigpack.err"
printf 'O*NET-SOC Code\tTitle\n11-1011.00\tSynthetic Chiefs\n' > "$tmp/bigpack/occ.txt"
( ${limit[@]+"${limit[@]}"}; exec "$pk" check --data "$tmp/bigpack/manifest.json" ) > /dev/null 2> "$tmp/bigpack2.err"
desc="a 100 MB field: refused at its row, within 256 MB"
check grep -q "scores.csv:2:1: error: a row longer than 1024 KiB; the file is not read further" "$tmp/bigpack2.err"

# 6. A bad template (docs/templates.md): a font that is not installed, a logo that is missing,
# cut short or not an image, a logo outside the template's folder (written as "../x.png", as an
# absolute path, or through a symbolic link) — each one message naming the template file and
# the JSON path, exit 1 (bad input), and no kit file written or damaged: the template is read
# before any kit.
mkdir -p "$tmp/tpl/sub" "$tmp/outside"
cp "$root/layouts/templates/tribune-logo.png" "$tmp/tpl/logo.png"
cp "$root/layouts/templates/tribune-logo.png" "$tmp/outside/secret.png"
size=$(wc -c < "$tmp/tpl/logo.png")
head -c $((size / 2)) "$tmp/tpl/logo.png" > "$tmp/tpl/half.png"
printf 'not an image\n' > "$tmp/tpl/notes.png"
ln -s "$tmp/outside/secret.png" "$tmp/tpl/link.png"
ln -s ../../outside "$tmp/tpl/sub/up"
ln -s logo.png "$tmp/tpl/inside.png"
secret=$(realpath "$tmp/outside/secret.png")
cp -r "$tmp/ref" "$tmp/tplkeep"
# tpl_case NAME 'JSON KEYS' 'EXPECTED MESSAGE' [grep -E]: presskit kit --layout NAME.json
tpl_case() {
  local name=$1 keys=$2 want=$3 how=${4:-exact} t="$tmp/tpl/$1.json"
  printf '{"presskit_template": 1, "name": "%s", %s}\n' "$name" "$keys" > "$t"
  "$pk" kit --layout "$t" --out "$tmp/tplout-$name" 27-4014.00 > /dev/null 2> "$tmp/tpl-$name.err"
  local rc=$?
  desc="template $name: exit 1"
  check [ $rc -eq 1 ]
  desc="template $name: the message"
  if [ "$how" = regex ]; then
    local one=0
    [ "$(wc -l < "$tmp/tpl-$name.err")" = 1 ] && grep -qxE "$want" "$tmp/tpl-$name.err" && one=1
    check [ $one = 1 ]
  else
    check [ "$(cat "$tmp/tpl-$name.err")" = "$want" ]
  fi
  [ "$(cat "$tmp/tpl-$name.err")" = "$want" ] || [ "$how" = regex ] || sed 's/^/  got: /' "$tmp/tpl-$name.err"
  desc="template $name: no kit folder written"
  check [ ! -e "$tmp/tplout-$name" ]
  "$pk" kit --layout "$t" --out "$tmp/tplkeep" 27-4014.00 > /dev/null 2>&1
  desc="template $name: an earlier kit in the folder is intact"
  check diff -r "$tmp/ref" "$tmp/tplkeep"
}
escape_ere() { printf '%s' "$1" | sed 's/[][\.*^$(){}+?|/]/\\&/g'; }
tpl_case font '"fonts": {"body": "No Such Family PK"}' \
  "$(escape_ere "$tmp/tpl/font.json"): \\\$\\.fonts\\.body: font family \"No Such Family PK\" not found \\(fontconfig offers \"[^\"]+\"; install the font or name another family\\)" regex
tpl_case code '"fonts": {"code": "No Such Mono PK"}' \
  "$(escape_ere "$tmp/tpl/code.json"): \\\$\\.fonts\\.code: font family \"No Such Mono PK\" not found \\(fontconfig offers \"[^\"]+\"; install the font or name another family\\)" regex
if fc-list 'Nimbus Sans' file | grep -q '\.otf'; then # a family with CFF outlines only
  tpl_case cff '"fonts": {"heading": "Nimbus Sans"}' \
    "$tmp/tpl/cff.json: \$.fonts.heading: the font \"Nimbus Sans\" has no TrueType outlines (glyf table); a PDF can embed only TrueType fonts (expected a .ttf, got CFF or no outlines)"
fi
tpl_case missing '"logo": {"file": "missing.png"}' \
  "$tmp/tpl/missing.json: \$.logo.file: cannot read the logo \"missing.png\": No such file or directory"
tpl_case half '"logo": {"file": "half.png"}' \
  "$tmp/tpl/half.json: \$.logo.file: the PNG logo \"half.png\" is truncated (it does not end with IEND)"
tpl_case notpng '"logo": {"file": "notes.png"}' \
  "$tmp/tpl/notpng.json: \$.logo.file: \"notes.png\" is not a PNG or JPEG image"
tpl_case dotdot '"logo": {"file": "../outside/secret.png"}' \
  "$tmp/tpl/dotdot.json: \$.logo.file: \"../outside/secret.png\" is outside the template's folder (a template may only name a file beside it or below it)"
tpl_case absolute '"logo": {"file": "/etc/passwd"}' \
  "$tmp/tpl/absolute.json: \$.logo.file: \"/etc/passwd\" is outside the template's folder (a template may only name a file beside it or below it)"
tpl_case symlink '"logo": {"file": "link.png"}' \
  "$tmp/tpl/symlink.json: \$.logo.file: \"link.png\" is outside the template's folder: a symbolic link leads to \"$secret\" (a template may only name a file beside it or below it)"
tpl_case linkdir '"logo": {"file": "sub/up/secret.png"}' \
  "$tmp/tpl/linkdir.json: \$.logo.file: \"sub/up/secret.png\" is outside the template's folder: a symbolic link leads to \"$secret\" (a template may only name a file beside it or below it)"
# the same template read by check: the same message, exit 1
"$pk" check --layout "$tmp/tpl/symlink.json" > /dev/null 2> "$tmp/tplcheck.err"
rc=$?
desc="template check: exit 1 and the message"
same=0
grep -qF "$tmp/tpl/symlink.json: \$.logo.file: \"link.png\" is outside" "$tmp/tplcheck.err" && same=1
check [ $rc -eq 1 -a $same = 1 ]
# a control: a link that stays inside the folder is a logo like any other
printf '{"presskit_template": 1, "name": "inside", "logo": {"file": "inside.png"}, "sections": [{"id": "header"}]}\n' > "$tmp/tpl/inside.json"
"$pk" kit --quiet --layout "$tmp/tpl/inside.json" --formats pdf --out "$tmp/tplin" 27-4014.00 > /dev/null 2> "$tmp/tplin.err"
rc=$?
desc="template with a link inside its folder: the kit is written"
check [ $rc -eq 0 -a -s "$tmp/tplin/27-4014.00/brief.pdf" -a ! -s "$tmp/tplin.err" ]
if command -v pdfimages > /dev/null; then
  desc="template with a link inside its folder: the logo is in the brief"
  check [ "$(pdfimages -list "$tmp/tplin/27-4014.00/brief.pdf" | awk '$3 == "image"' | wc -l)" = 1 ]
fi

# 7. Hostile text in the PDF brief: the record of section 4 (its kit has brief.pdf). Markup,
# ampersands and quotes come out as text; the 10,000-character word is all there, broken only
# between characters; control characters are never drawn or copied (the PDF shows nothing for
# them, as the charts do; the text formats show U+FFFD); a right-to-left override does not
# reorder what is drawn; the document information is clean.
pdf="$tmp/hout/27-4014.00/brief.pdf"
if command -v pdftotext > /dev/null && command -v qpdf > /dev/null && command -v pdfinfo > /dev/null; then
  desc="hostile text in the PDF: qpdf --check passes"
  check qpdf --check "$pdf" > /dev/null
  pdftotext -enc UTF-8 "$pdf" "$tmp/hostile.txt"
  desc="hostile text in the PDF: markup, ampersand and quotes come out as text"
  check grep -qF '<script>alert(1)</script> &' "$tmp/hostile.txt"
  check grep -qF "\"Quotes\" 'n'" "$tmp/hostile.txt"
  check grep -qF '../../etc/' "$tmp/hostile.txt"
  desc="hostile text in the PDF: no control character in its text"
  check [ -z "$(grep -P '[\x00-\x08\x0b\x0e-\x1f\x7f]' "$tmp/hostile.txt")" ]
  desc="hostile text in the PDF: the override does not reorder the characters drawn"
  check grep -q "evil" "$tmp/hostile.txt"
  desc="hostile text in the PDF: the 10,000-character word, whole, broken only between characters"
  # (-raw: lines in drawing order; a page's first line starts with a form feed, and the last
  # piece of the word is followed by its source stamp)
  check [ "$(pdftotext -raw -enc UTF-8 "$pdf" - | tr -d '\f' | grep -E '^w{2,}( \[.*)?$' |
             sed -E 's/ \[.*$//' | tr -d '\n' | wc -c)" = 10000 ]
  pdfinfo -enc UTF-8 "$pdf" > "$tmp/hostile.info"
  desc="hostile text in the PDF: the Title is the title, with no control character"
  check grep -qF 'Title:           <script>alert(1)</script> & "Quotes" '"'"'n'"'" "$tmp/hostile.info"
  check [ -z "$(grep -P '[\x00-\x08\x0b-\x1f\x7f]' "$tmp/hostile.info")" ]
  desc="hostile text in the PDF: the Title ends as presskit writes it"
  check grep -qF '\back (SOC 27-4014.00): occupation brief' "$tmp/hostile.info"
else
  echo "note: poppler-utils or qpdf missing: the PDF hostile-text checks are skipped"
fi

# 6. Markup and formula injection (issue 17): a publisher with markup goes into embed.html as
# text; a title and a list item's name that a spreadsheet would run are neutralised (a leading ')
# in index.csv and data.csv, while negative numbers stay numbers.
mkdir -p "$tmp/inject"
sed -e 's|"publisher": "[^"]*",|"publisher": "Smith \& Jones <script>alert(1)</script>",|' \
  "$root/data/sample/sources.json" > "$tmp/inject/sources.json"
sed -e 's|"title": "Sound Engineering Technicians"|"title": "=HYPERLINK(\\"http://evil.example/\\",\\"x\\")"|' \
  "$root/data/sample/27-4014.00.json" > "$tmp/inject/27-4014.00.json"
"$pk" batch --data "$tmp/inject" --out "$tmp/iout" --formats txt,html,svg --quiet 2> "$tmp/inject.err"
desc="injection: the kit is written"
check [ -f "$tmp/iout/27-4014.00/embed.html" ]
desc="injection: no script element from the data in embed.html or brief.html"
check [ -z "$(grep -l '<script' "$tmp/iout/27-4014.00/embed.html" "$tmp/iout/27-4014.00/brief.html")" ]
desc="injection: the publisher is escaped text in embed.html"
check grep -qF 'Smith &amp; Jones &lt;script&gt;' "$tmp/iout/27-4014.00/embed.html"
desc="injection: index.csv writes the formula-like title as text: '="
check grep -qF "27-4014.00,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"," "$tmp/iout/index.csv"
desc="injection: no cell of index.csv or data.csv starts with = + @ (a number's - sign stays)"
check [ -z "$(grep -E '(^|,)[=+@]' "$tmp/iout/index.csv" "$tmp/iout/27-4014.00/data.csv")" ]
desc="injection: a negative number in data.csv stays a number (no quote prefix before a digit)"
check [ -z "$(grep -E "(^|,)\"?'-[0-9]" "$tmp/iout/27-4014.00/data.csv")" ]

# A brief that no page can hold (a task of 5,000 words: one table row taller than any frame) in
# a template that passes its check: the kit fails whole (exit 1, the layout's message), leaves
# no folder (not a kit of everything but brief.pdf), keeps an earlier kit as it was; a batch goes
# on to the next occupation (exit 4) and writes no folder for the failed one.
mkdir -p "$tmp/tall"
cp "$root/data/sample/sources.json" "$tmp/tall/"
python3 - "$root/data/sample/27-4014.00.json" "$tmp/tall" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
json.dump(r, open(sys.argv[2] + "/27-4014.00.json", "w"))
r["soc"] = "27-4014.01"
r["tasks"]["items"][0]["name"] = " ".join(["Confer with producers and performers"] * 900)
json.dump(r, open(sys.argv[2] + "/27-4014.01.json", "w"))
r = json.load(open(sys.argv[1]))
r["soc"] = "27-4014.02"
r["skills"]["essential"]["items"][1]["name"] = " ".join(["Active listening"] * 1500)
json.dump(r, open(sys.argv[2] + "/27-4014.02.json", "w"))
PY
"$pk" kit --data "$tmp/tall" --out "$tmp/tallout" 27-4014.01 > /dev/null 2> "$tmp/tall.err"
rc=$?
desc="a brief no page holds: exit 1"
check [ $rc -eq 1 ]
desc="a brief no page holds: the layout's message"
check grep -q "brief for 27-4014.01: layout: row 1 of Task (the record's \$.tasks.items\[0\]) is [0-9]* pt tall, more than a page's frame ([0-9]* pt)" "$tmp/tall.err"
"$pk" kit --data "$tmp/tall" --out "$tmp/tallout2" 27-4014.02 > /dev/null 2> "$tmp/tall2.err"
desc="a brief no page holds: the message names the record's item, in a nested list"
check grep -q "brief for 27-4014.02: layout: row 2 of Essential skills (the record's \$.skills.essential.items\[1\]) is [0-9]* pt tall" "$tmp/tall2.err"
desc="a brief no page holds: no kit folder (not a kit without brief.pdf)"
check [ -z "$(ls -A "$tmp/tallout" 2> /dev/null)" ]
"$pk" kit --data "$tmp/tall" --out "$tmp/tallkeep" 27-4014.00 > /dev/null 2>&1
cp -r "$tmp/tallkeep/27-4014.00" "$tmp/tallkeep/27-4014.01"
cp -r "$tmp/tallkeep" "$tmp/tallkeep.ref"
"$pk" kit --data "$tmp/tall" --out "$tmp/tallkeep" 27-4014.01 > /dev/null 2>&1
desc="a brief no page holds: an earlier kit in its place is intact"
check diff -r "$tmp/tallkeep.ref" "$tmp/tallkeep"
"$pk" batch --data "$tmp/tall" --out "$tmp/tallbatch" --jobs 1 --quiet 2> "$tmp/tallb.err"
rc=$?
desc="a brief no page holds: the batch exits 4"
check [ $rc -eq 4 ]
desc="a brief no page holds: the batch writes the other kit whole"
check [ -f "$tmp/tallbatch/27-4014.00/brief.pdf" ] && check [ -f "$tmp/tallbatch/27-4014.00/manifest.json" ]
desc="a brief no page holds: the batch leaves no folder for it"
check [ ! -e "$tmp/tallbatch/27-4014.01" ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
