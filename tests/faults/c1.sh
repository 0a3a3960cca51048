#!/usr/bin/env bash
# c1.sh PRESSKIT: C1 controls (U+0080-U+009F) and the separators U+2028/U+2029 reach no text
# output and no terminal (docs/reliability.md): a record with them raw and as \u escapes, a pack
# with them in a CSV cell and a tab file's title, and a template label. Each file of the kit is
# searched for their UTF-8 bytes, the PDF's text too (pdftotext), and so are standard output and
# standard error. Ends with "N passed, N failed".
set -u
pk=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-c1.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@"; then ok; else bad "$desc"; fi; }

# the bytes no output may hold: C2 80-9F (C1), E2 80 A8/A9 (U+2028, U+2029)
c1_re='\xC2[\x80-\x9F]|\xE2\x80[\xA8\xA9]'
# files (and PDF text) that hold any of them; empty when none
c1_files() {
    local f
    for f in $(find "$1" -type f | sort); do
        case $f in
        *.pdf)
            if command -v pdftotext > /dev/null 2>&1; then
                pdftotext -enc UTF-8 "$f" - 2> /dev/null | grep -qaP "$c1_re" && echo "$f (text)"
                pdfinfo -enc UTF-8 "$f" 2> /dev/null | grep -qaP "$c1_re" && echo "$f (info)"
            fi
            ;;
        *.png) ;;
        *) grep -qaP "$c1_re" "$f" && echo "$f" ;;
        esac
    done
}

# 1. A record: raw in the title and description, as \u escapes in a list item and the
# also-called names, U+2028 and U+2029 both ways.
mkdir -p "$tmp/rec"
cp "$root/data/sample/sources.json" "$tmp/rec/"
python3 - "$root/data/sample/27-4014.00.json" "$tmp/rec/27-4014.00.json" << 'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["title"] = "Sound \u0085Engineering\u2028Technicians \u009b2J"
r["description"] = "C1: \u0080\u009f; separators: a\u2029b"
r["also_called"] = ["Audio \u0090Engineer", "Mixer\u2028Operator"]
r["tasks"]["items"][0]["name"] = "Mix \u0084sound\u2029tracks"
with open(sys.argv[2], "w", encoding="utf-8") as f:
    # raw UTF-8 for the title and description, \u escapes for the rest
    text = json.dumps(r, ensure_ascii=False, indent=1)
    esc = json.dumps(r["also_called"], ensure_ascii=True)
    text = text.replace(json.dumps(r["also_called"], ensure_ascii=False, indent=1).replace("\n", "\n "), esc)
    f.write(text)
PY
"$pk" kit --data "$tmp/rec" --out "$tmp/rout" 27-4014.00 > "$tmp/rec.out" 2> "$tmp/rec.err"
rc=$?
desc="C1: the kit of a record with C1 controls is written (exit 0)"
check [ $rc -eq 0 ]
desc="C1: no file of the kit holds a C1 control, U+2028 or U+2029"
bad_files=$(c1_files "$tmp/rout")
check [ -z "$bad_files" ]
[ -n "$bad_files" ] && echo "  $bad_files"
desc="C1: the title shows U+FFFD where the C1 control was (kit.txt)"
check grep -qF $'Sound \xEF\xBF\xBDEngineering Technicians' "$tmp/rout/27-4014.00/kit.txt"
desc="C1: none reaches the terminal (kit)"
check [ -z "$(grep -aP "$c1_re" "$tmp/rec.out" "$tmp/rec.err")" ]
"$pk" record --data "$tmp/rec" 27-4014.00 > "$tmp/rec.json" 2> "$tmp/rec.json.err"
desc="C1: presskit record prints none, raw or escaped, and the JSON reads back"
check [ -z "$(grep -aP "$c1_re" "$tmp/rec.json")" ]
check [ -z "$(grep -aiE '\\u00(8|9)[0-9a-f]|\\u202[89]' "$tmp/rec.json")" ]
check python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/rec.json"

# 2. A pack: a C1 control in a tab file's title and a CSV cell, U+2028 in a description.
mkdir -p "$tmp/pack"
printf 'O*NET-SOC Code\tTitle\tDescription\n91-1011.00\tWidget \xC2\x85Polishers\tPolish\xE2\x80\xA8widgets.\n91-1012.00\tGadget Testers\tTest invented gadgets.\n' \
    > "$tmp/pack/occupations.txt"
printf 'OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90\n91-1011,"Widget \xC2\x9BPolishers",detailed,1200,21000,31000,41000,51000,61000\n91-1012,Gadget Testers,detailed,800,22000,32000,42000,52000,62000\n' \
    > "$tmp/pack/wages.csv"
cp "$root/tests/errors/pack/04-not-a-number/manifest.json" "$tmp/pack/"
"$pk" kit --data "$tmp/pack/manifest.json" --out "$tmp/pout" 91-1011.00 > "$tmp/pack.out" 2> "$tmp/pack.err"
rc=$?
desc="C1: the kit of a pack with C1 controls in its files is written (exit 0)"
check [ $rc -eq 0 ]
desc="C1: no file of the pack's kit holds a C1 control, U+2028 or U+2029"
bad_files=$(c1_files "$tmp/pout")
check [ -z "$bad_files" ]
[ -n "$bad_files" ] && echo "  $bad_files"
desc="C1: none reaches the terminal (pack kit, list)"
"$pk" list --data "$tmp/pack/manifest.json" >> "$tmp/pack.out" 2>> "$tmp/pack.err"
check [ -z "$(grep -aP "$c1_re" "$tmp/pack.out" "$tmp/pack.err")" ]

# 3. A template whose label and footer hold them: the PDF's text has none.
printf '{"presskit_template": 1, "name": "c1 test template", "footer": "Foot\\u0085er\\u2028line",\n "labels": {"sources": "Sour\\u009bces"}}\n' > "$tmp/c1.json"
"$pk" kit --layout "$tmp/c1.json" --formats pdf --out "$tmp/tout" 27-4014.00 > "$tmp/t.out" 2> "$tmp/t.err"
rc=$?
desc="C1: a template with C1 controls makes a brief (exit 0)"
check [ $rc -eq 0 ]
desc="C1: the brief of that template has none in its text"
check [ -z "$(c1_files "$tmp/tout")" ]

# 4. Messages that quote input: a bad record with them in an unknown key and a bad value.
mkdir -p "$tmp/badrec"
cp "$root/tests/errors/record/sources.json" "$tmp/badrec/"
printf '{"presskit_record": 1, "soc": "27-4014.00", "title": "T", "x\xC2\x9B2J\xE2\x80\xA8": 1,\n "wages": {"median": {"value": "\xC2\x85", "unit": "usd", "source": "oews-2024"}}}\n' \
    > "$tmp/badrec/27-4014.00.json"
"$pk" check --data "$tmp/badrec" > "$tmp/bad.out" 2> "$tmp/bad.err"
rc=$?
desc="C1: a message quoting them prints none (and the check fails, exit 1)"
check [ $rc -eq 1 ]
check [ -z "$(grep -aP "$c1_re" "$tmp/bad.out" "$tmp/bad.err")" ]
check grep -q 'unknown key' "$tmp/bad.err"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
