#!/bin/bash
# presskit diff on synthetic packs (every figure invented; see the manifests' names): one pack
# with history (tests/errors/pack/56-history-series: its May 2023 and May 2024 releases), and
# two packs (tests/diff/base, the release before, against the same pack). The expected rows are
# worked out by hand from the fixture files: change = new - old, change_pct rounded to one
# decimal half away from zero. Usage: diff.sh PRESSKIT
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
case56=$src/tests/errors/pack/56-history-series
T=$(mktemp -d "${TMPDIR:-/tmp}/pk-diff.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
same() { # file, expected text
    if [ "$(tr -d '\r' <"$1")" = "$2" ]; then ok; else bad "$1 differs:"; diff <(printf '%s\n' "$2") <(tr -d '\r' <"$1") | sed 's/^/  /'; fi
}
H='claim_id,label,old,new,change,change_pct,unit,old_source,new_source'

# ---- one pack with history ----
"$bin" diff --data "$case56/manifest.json" --out "$T/h" 2>"$T/err" && ok || bad "diff exited $?: $(cat "$T/err")"
grep -q "the changes of 4 occupations" "$T/err" && ok || bad "status line: $(cat "$T/err")"
same "$T/h/91-1014.00/changes.csv" "$H
wages.median,Median annual wage,41600,44000,2400,5.8,usd,wages-2023,wages-test
wages.p25,\"Annual wage, 25th percentile\",33000,34000,1000,3,usd,wages-2023,wages-test
wages.p75,\"Annual wage, 75th percentile\",53000,54000,1000,1.9,usd,wages-2023,wages-test
wages.hourly.median,Median hourly wage,20,21.15,1.15,5.8,usd-hour,wages-2023,wages-test
wages.employment,Employment,550,600,50,9.1,count,wages-2023,wages-test"
# a suppressed median (and hourly median) in May 2023: no change for them, the rest stands
same "$T/h/91-1011.00/changes.csv" "$H
wages.p25,\"Annual wage, 25th percentile\",30000,31000,1000,3.3,usd,wages-2023,wages-test
wages.p75,\"Annual wage, 75th percentile\",50000,51000,1000,2,usd,wages-2023,wages-test
wages.employment,Employment,900,1000,100,11.1,count,wages-2023,wages-test"
# a top-coded 75th percentile and suppressed employment: never a number, no change
same "$T/h/91-1012.00/changes.csv" "$H
wages.median,Median annual wage,40000,42000,2000,5,usd,wages-2023,wages-test
wages.p25,\"Annual wage, 25th percentile\",31000,32000,1000,3.2,usd,wages-2023,wages-test
wages.hourly.median,Median hourly wage,19.23,20.19,0.96,5,usd-hour,wages-2023,wages-test"
grep -qF '| Median annual wage | $41,600 | $44,000 | +5.8% | Test wages 2023 → Test wages 2024 |' "$T/h/91-1014.00/changes.md" && ok || bad "changes.md: $(cat "$T/h/91-1014.00/changes.md")"
grep -qF 'less useful for comparing two or more points in time' "$T/h/91-1014.00/changes.md" && bad "a synthetic (non-OEWS) source got the OEWS caveat" || ok
# release-wide: every row once, and the movers ranked (largest median rise first: 91-1013 +6.2%, 91-1014 +5.8%, 91-1012 +5.0%)
[ "$(tail -n +2 "$T/h/changes.csv" | wc -l)" = 16 ] && ok || bad "changes.csv has $(tail -n +2 "$T/h/changes.csv" | wc -l) rows, expected 16 (5 + 3 + 5 + 3)"
grep -qF '91-1014.00,Sprocket Tuners,wages.median,Median annual wage,41600,44000,2400,5.8,usd,wages-2023,wages-test' "$T/h/changes.csv" && ok || bad "changes.csv lacks 91-1014.00's median"
m=$(sed -n '/Median annual pay: the largest rises/,/<\/table>/p' "$T/h/changes.html")
a=$(grep -n 'Sprocket Tuners' <<<"$m" | cut -d: -f1); b=$(grep -n 'Gadget Testers' <<<"$m" | cut -d: -f1); c=$(grep -n 'Gizmo Sorters' <<<"$m" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$c" -lt "$a" ] && [ "$a" -lt "$b" ] && ok || bad "median movers out of order: $m"
grep -qF 'less useful for comparing two or more points in time' "$T/h/changes.html" && ok || bad "changes.html lacks the BLS caveat"
grep -qF 'Nominal (current) dollars' "$T/h/changes.html" && ok || bad "changes.html lacks the dollars note"

# ---- two packs: the release before, by claim id ----
"$bin" diff --data "$case56/manifest.json" --base "$src/tests/diff/base/manifest.json" --out "$T/b" 2>"$T/err" && ok || bad "diff --base exited $?: $(cat "$T/err")"
same "$T/b/91-1011.00/changes.csv" "$H
wages.p10,\"Annual wage, 10th percentile\",20000,21000,1000,5,usd,wages-2023,wages-test
wages.p25,\"Annual wage, 25th percentile\",30000,31000,1000,3.3,usd,wages-2023,wages-test
wages.median,Median annual wage,39000,41000,2000,5.1,usd,wages-2023,wages-test
wages.p75,\"Annual wage, 75th percentile\",50000,51000,1000,2,usd,wages-2023,wages-test
wages.p90,\"Annual wage, 90th percentile\",60000,61000,1000,1.7,usd,wages-2023,wages-test
wages.employment,Employment,900,1000,100,11.1,count,wages-2023,wages-test
wages.hourly.median,Median hourly wage,18.75,19.71,0.96,5.1,usd-hour,wages-2023,wages-test"
# the base has no 91-1012 or 91-1013: no change for them; 91-1014 moved in every figure
[ ! -e "$T/b/91-1012.00" ] && [ ! -e "$T/b/91-1013.00" ] && ok || bad "an occupation the base lacks got changes"
[ -e "$T/b/91-1014.00/changes.csv" ] && ok || bad "91-1014.00 has no changes.csv"
# the same inputs, the same bytes
"$bin" diff --data "$case56/manifest.json" --out "$T/h2" -q 2>"$T/err"
diff -r "$T/h" "$T/h2" >/dev/null && ok || bad "two runs differ"
# a batch writes the same per-occupation files alongside its kits (--formats ...,changes), for
# the occupations whose figures moved and no others; without "changes" it writes none
"$bin" batch --data "$case56/manifest.json" --formats txt,changes --out "$T/k" --jobs 1 -q 2>"$T/err" &&
  ok || bad "batch --formats txt,changes exited $?: $(cat "$T/err")"
n=0
for f in "$T"/h/*/changes.md; do
  soc=$(basename "$(dirname "$f")")
  n=$((n + 1))
  cmp -s "$f" "$T/k/$soc/changes.md" && cmp -s "$T/h/$soc/changes.csv" "$T/k/$soc/changes.csv" && ok ||
    bad "$soc: the batch's changes files differ from presskit diff's"
  grep -q '"changes.md"' "$T/k/$soc/manifest.json" && ok || bad "$soc: manifest.json does not list changes.md"
done
[ "$n" -gt 0 ] && ok || bad "presskit diff wrote no changes.md to compare"
for d in "$T"/k/*/; do
  soc=$(basename "$d")
  [ -e "$T/h/$soc/changes.md" ] || { [ ! -e "$d/changes.md" ] && ok || bad "$soc: changes.md though nothing moved"; }
done
"$bin" batch --data "$case56/manifest.json" --formats txt --out "$T/k2" --jobs 1 -q 2>"$T/err"
[ -z "$(find "$T/k2" -name 'changes.*')" ] && ok || bad "a batch without the changes format wrote changes files"
# a kit of the sample (one OEWS release, the ILO's two vintages): the ILO line alone
"$bin" kit --formats txt,changes --out "$T/s" 27-4014.00 -q 2>"$T/err" || bad "kit --formats txt,changes: $(cat "$T/err")"
[ "$(grep -c '^| [A-Z]' "$T/s/27-4014.00/changes.md")" = 2 ] &&
  grep -q '^| ILO mean task exposure to generative AI | 36.0% | 35.0% | -1.0 pts |' "$T/s/27-4014.00/changes.md" &&
  ok || bad "the sample's changes.md: $(cat "$T/s/27-4014.00/changes.md")"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
