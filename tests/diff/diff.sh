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
H='claim_id,label,old,new,change,change_pct,unit,old_source,new_source,published_scope,published_as,published_title,occupations_sharing'

# ---- one pack with history ----
"$bin" diff --data "$case56/manifest.json" --out "$T/h" 2>"$T/err" && ok || bad "diff exited $?: $(cat "$T/err")"
grep -q "the changes of 4 occupations" "$T/err" && ok || bad "status line: $(cat "$T/err")"
same "$T/h/91-1014.00/changes.csv" "$H
wages.median,Median annual wage,41600,44000,2400,5.8,usd,wages-2023,wages-test,shared,SOC 91-1014,Sprocket Tuners,1
wages.p25,\"Annual wage, 25th percentile\",33000,34000,1000,3,usd,wages-2023,wages-test,shared,SOC 91-1014,Sprocket Tuners,1
wages.p75,\"Annual wage, 75th percentile\",53000,54000,1000,1.9,usd,wages-2023,wages-test,shared,SOC 91-1014,Sprocket Tuners,1
wages.hourly.median,Median hourly wage,20,21.15,1.15,5.8,usd-hour,wages-2023,wages-test,shared,SOC 91-1014,Sprocket Tuners,1
wages.employment,Employment,550,600,50,9.1,count,wages-2023,wages-test,shared,SOC 91-1014,Sprocket Tuners,1"
# a suppressed median (and hourly median) in May 2023: no change for them, the rest stands
same "$T/h/91-1011.00/changes.csv" "$H
wages.p25,\"Annual wage, 25th percentile\",30000,31000,1000,3.3,usd,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1
wages.p75,\"Annual wage, 75th percentile\",50000,51000,1000,2,usd,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1
wages.employment,Employment,900,1000,100,11.1,count,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1"
# a top-coded 75th percentile and suppressed employment: never a number, no change
same "$T/h/91-1012.00/changes.csv" "$H
wages.median,Median annual wage,40000,42000,2000,5,usd,wages-2023,wages-test,shared,SOC 91-1012,Gadget Testers,1
wages.p25,\"Annual wage, 25th percentile\",31000,32000,1000,3.2,usd,wages-2023,wages-test,shared,SOC 91-1012,Gadget Testers,1
wages.hourly.median,Median hourly wage,19.23,20.19,0.96,5,usd-hour,wages-2023,wages-test,shared,SOC 91-1012,Gadget Testers,1"
grep -qF '| Median annual wage | $41,600 | $44,000 | +5.8% | Test wages 2023 → Test wages 2024 |' "$T/h/91-1014.00/changes.md" && ok || bad "changes.md: $(cat "$T/h/91-1014.00/changes.md")"
grep -qF 'less useful for comparing two or more points in time' "$T/h/91-1014.00/changes.md" && bad "a synthetic (non-OEWS) source got the OEWS caveat" || ok
# release-wide: every row once, and the movers ranked (largest median rise first: 91-1013 +6.2%, 91-1014 +5.8%, 91-1012 +5.0%)
[ "$(tail -n +2 "$T/h/changes.csv" | wc -l)" = 16 ] && ok || bad "changes.csv has $(tail -n +2 "$T/h/changes.csv" | wc -l) rows, expected 16 (5 + 3 + 5 + 3)"
grep -qF '91-1014.00,Sprocket Tuners,wages.median,Median annual wage,41600,44000,2400,5.8,usd,wages-2023,wages-test,shared,SOC 91-1014,Sprocket Tuners,1' "$T/h/changes.csv" && ok || bad "changes.csv lacks 91-1014.00's median"
m=$(sed -n '/Median annual pay: the largest rises/,/<\/table>/p' "$T/h/changes.html")
a=$(grep -n 'Sprocket Tuners' <<<"$m" | cut -d: -f1); b=$(grep -n 'Gadget Testers' <<<"$m" | cut -d: -f1); c=$(grep -n 'Gizmo Sorters' <<<"$m" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$c" -lt "$a" ] && [ "$a" -lt "$b" ] && ok || bad "median movers out of order: $m"
grep -qF 'less useful for comparing two or more points in time' "$T/h/changes.html" && ok || bad "changes.html lacks the BLS caveat"
grep -qF 'Nominal (current) dollars' "$T/h/changes.html" && ok || bad "changes.html lacks the dollars note"

# ---- two packs: the release before, by claim id ----
"$bin" diff --data "$case56/manifest.json" --base "$src/tests/diff/base/manifest.json" --out "$T/b" 2>"$T/err" && ok || bad "diff --base exited $?: $(cat "$T/err")"
same "$T/b/91-1011.00/changes.csv" "$H
wages.p10,\"Annual wage, 10th percentile\",20000,21000,1000,5,usd,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1
wages.p25,\"Annual wage, 25th percentile\",30000,31000,1000,3.3,usd,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1
wages.median,Median annual wage,39000,41000,2000,5.1,usd,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1
wages.p75,\"Annual wage, 75th percentile\",50000,51000,1000,2,usd,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1
wages.p90,\"Annual wage, 90th percentile\",60000,61000,1000,1.7,usd,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1
wages.employment,Employment,900,1000,100,11.1,count,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1
wages.hourly.median,Median hourly wage,18.75,19.71,0.96,5.1,usd-hour,wages-2023,wages-test,shared,SOC 91-1011,Widget Polishers,1"
# a source id both packs use for two releases: each side named by its own pack's registry
mkdir -p "$T/base2"
cp "$src/tests/diff/base/occupations.txt" "$src/tests/diff/base/wages.csv" "$T/base2/"
sed -e 's/"id": "wages-2023"/"id": "wages-test"/; s/"short": "Test wages 2023"/"short": "Old wages 2023"/; s/"source": "wages-2023"/"source": "wages-test"/' \
  "$src/tests/diff/base/manifest.json" > "$T/base2/manifest.json"
"$bin" diff --data "$case56/manifest.json" --base "$T/base2/manifest.json" --out "$T/b2" -q 2>"$T/err" && ok || bad "diff --base (one id, two releases) exited $?: $(cat "$T/err")"
grep -qF '| Median annual wage | $39,000 | $41,000 | +5.1% | Old wages 2023 → Test wages 2024 |' "$T/b2/91-1011.00/changes.md" &&
  ok || bad "the old figure's source is not named by the old pack: $(grep Median "$T/b2/91-1011.00/changes.md")"
grep -qF 'Old wages 2023 → Test wages 2024' "$T/b2/changes.html" && ok || bad "changes.html names the old source by the new pack"
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
# ---- a code three occupations share (tests/diff/shared: SOC 91-2011 covers 91-2011.00, .01 and
# .02; 91-2012 is its own): the ranking shows the shared figure once, for the code, and says
# whom it describes; every CSV row names the code its figure was published under ----
shared=$src/tests/diff/shared
"$bin" diff --data "$shared/manifest.json" --out "$T/sh" -q 2>"$T/err" && ok || bad "diff of the shared fixture exited $?: $(cat "$T/err")"
m=$(sed -n '/Median annual pay: the largest rises/,/<\/table>/p' "$T/sh/changes.html")
[ "$(grep -c '<tr><td>' <<<"$m")" = 2 ] && ok || bad "median rises: expected 2 rows (SOC 91-2011 once, 91-2012), got: $m"
grep -qF '<tr><td>SOC 91-2011 Fixture Workers, All Other, which covers 3 occupations</td><td class="c">91-2011</td><td class="n">$50,000</td><td class="n">$52,000</td><td class="n">+4.0%</td>' <<<"$m" &&
  ok || bad "the shared median's row: $m"
grep -qE 'Fixture (Welders|Painters)' "$T/sh/changes.html" && bad "an occupation of the shared code has its own row: $m" || ok
e=$(sed -n '/Employment (wage and salary jobs): the largest rises/,/<\/table>/p' "$T/sh/changes.html")
[ "$(grep -c '<tr><td>SOC 91-2011' <<<"$e")" = 1 ] && ! grep -q 'Fixture Fitters' <<<"$e" && ok || bad "employment rises: $e"
f=$(sed -n '/Employment (wage and salary jobs): the largest falls/,/<\/table>/p' "$T/sh/changes.html")
grep -qF '<tr><td>Fixture Fitters</td><td class="c">91-2012.00</td><td class="n">520</td><td class="n">500</td><td class="n">-3.8%</td>' <<<"$f" && ok || bad "employment falls: $f"
grep -qF 'shown once, for that code' "$T/sh/changes.html" && ok || bad "changes.html does not say a shared figure is shown once"
[ "$(tail -n +2 "$T/sh/changes.csv" | wc -l)" = 20 ] && ok || bad "changes.csv: $(tail -n +2 "$T/sh/changes.csv" | wc -l) rows, expected 20 (5 per occupation)"
grep -qF '91-2011.01,Fixture Welders,wages.employment,Employment,3000,3300,300,10,count,wages-2023,wages-test,shared,SOC 91-2011,"Fixture Workers, All Other",3' "$T/sh/changes.csv" &&
  ok || bad "changes.csv lacks 91-2011.01's employment with its code"
grep -qF '91-2012.00,Fixture Fitters,wages.employment,Employment,520,500,-20,-3.8,count,wages-2023,wages-test,shared,SOC 91-2012,Fixture Fitters,1' "$T/sh/changes.csv" &&
  ok || bad "changes.csv lacks 91-2012.00's employment"
grep -qF 'publishes pay and employment for SOC 91-2011 Fixture Workers, All Other, which covers this and 2 other occupations.' "$T/sh/91-2011.02/changes.md" &&
  ok || bad "91-2011.02/changes.md: $(cat "$T/sh/91-2011.02/changes.md")"
# ---- two data folders whose lists stand in another order (made here from the sample record,
# whose figures are transcribed from the seed page): a list item is paired by its label, never
# by its place, and a figure published under another code in one release has no change. The
# old release lists knowledge's first two items the other way round, gives Fine Arts 3.5 (the
# new 3.8), has the studies in reverse order with Microsoft's score 0.2 (the new 0.1), and
# publishes the median wage under SOC 27-4099 ----
py=/usr/bin/python3
[ -x "$py" ] || py=python3
mkdir -p "$T/lnew" "$T/lold"
cp "$src/data/sample/sources.json" "$T/lnew/"
cp "$src/data/sample/sources.json" "$T/lold/"
"$py" - "$src/data/sample/27-4014.00.json" "$T/lold/27-4014.00.json" "$T/lnew/27-4014.00.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["wages"]["median"]["scope"] = {"kind": "shared", "system": "SOC", "code": "27-4014", "title": "Sound Engineering Technicians", "occupations": 1}
json.dump(r, open(sys.argv[3], "w"), ensure_ascii=False, indent=1)
k = r["knowledge"]["items"]
k[0], k[1] = k[1], k[0]
for it in k:
    if it["name"] == "Fine Arts": it["value"] = 3.5
st = r["exposure"]["studies"]
st.reverse()
for s in st:
    if s["id"] == "microsoft-wwai": s["score"]["value"] = 0.2
m = r["wages"]["median"]
m["value"] = m["value"] - 1000
m["scope"] = {"kind": "shared", "system": "SOC", "code": "27-4099", "title": "Media and Communication Equipment Workers, All Other", "occupations": 1}
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY
"$bin" diff --data "$T/lnew" --base "$T/lold" --out "$T/l" -q 2>"$T/err" && ok || bad "diff of the reordered lists exited $?: $(cat "$T/err")"
same "$T/l/27-4014.00/changes.csv" "$H
exposure.studies[2].score,AI assistant applicability (Microsoft),0.2,0.1,-0.1,-50,score,microsoft-wwai,microsoft-wwai,,,,
knowledge[2],Fine Arts,3.5,3.8,0.3,8.6,rating,onet,onet,,,,"
# a base that does not say whom a figure describes (a record written before scopes) is taken
# at its word: the median's change stands
"$py" -c 'import json, sys; r = json.load(open(sys.argv[1])); del r["wages"]["median"]["scope"]; json.dump(r, open(sys.argv[1], "w"))' "$T/lold/27-4014.00.json"
"$bin" diff --data "$T/lnew" --base "$T/lold" --out "$T/l2" -q 2>"$T/err" && ok || bad "diff of a base without scopes exited $?: $(cat "$T/err")"
grep -q '^wages.median,Median annual wage,65430,66430,1000,1.5,usd,' "$T/l2/27-4014.00/changes.csv" && ok ||
  bad "a base without scopes: the median's change is missing: $(cat "$T/l2/27-4014.00/changes.csv")"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
