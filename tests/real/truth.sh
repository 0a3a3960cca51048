#!/usr/bin/env bash
# truth.sh PRESSKIT: a text-only batch of every occupation of the real 2024 release (the
# ../shared/real-data copies; skipped, exit 77, without them), read the way a reporter reads
# it: no rank outside the 1st-99th scale, every figure of a wider code said to be one, the
# occupations BLS publishes only under a combined code given their wages. About 2 s.
set -u
pk=$1
root=${PK_REAL_DATA:-../shared/real-data}
[ -d "$root" ] || { echo "skipped: no real data at $root"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-truth.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$pk" batch --data data/packs/us-2024.json --root "$root" --formats txt,md,changes --out "$tmp/kits" \
  --quiet 2> "$tmp/err" || { bad "the batch failed: $(head -3 "$tmp/err")"; echo "$pass passed, $fail failed"; exit 1; }
n=$(ls -d "$tmp"/kits/*/ | wc -l)
[ "$n" -eq 1016 ] && ok || bad "expected 1016 kits, got $n"

# ranks: never 0th or 100th, in any text a reporter copies
hits=$(grep -lE '(^|[^0-9.])0th|100th' "$tmp"/kits/*/kit.txt "$tmp"/kits/*/brief.md | head -5)
[ -z "$hits" ] && ok || bad "a rank off the 1st-99th scale in: $hits"
# no figure the record lacks becomes a clause: a missing pay rank is said to be missing
hits=$(grep -L '^wages.median,[^,]*,[^,]*[0-9],' "$tmp"/kits/*/data.csv | sed 's/data.csv$/brief.md/' |
       xargs grep -l "percentile of median pay" 2> /dev/null | head -3)
[ -z "$hits" ] && ok || bad "a pay percentile without a median wage in: $hits"

# every wage or projection figure of a shared or combined code carries its disclosure, in
# brief.md (the figure's note), kit.txt (the factoid's subject) and changes.md (a sentence under
# the table, when pay or employment moved)
shared=0 changed=0 undisclosed=""
for d in "$tmp"/kits/*/; do
  line=$(grep -m1 '^wages.median,' "$d/data.csv" | tr -d '\r')
  [ -n "$line" ] || continue
  occ=${line##*,}
  case "$line" in *,combined,*) kind=combined ;; *) kind=shared ;; esac
  [ "$kind" = combined ] || [ "${occ:-1}" -gt 1 ] || continue
  shared=$((shared + 1))
  grep -q "publishes pay and employment .*for SOC " "$d/brief.md" || undisclosed="$undisclosed ${d%/}"
  if grep -q "^• Median annual pay" "$d/kit.txt"; then
    grep -q "^• Median annual pay for SOC " "$d/kit.txt" || undisclosed="$undisclosed ${d%/}(kit)"
  fi
  if [ -f "$d/changes.md" ] && grep -q '^| \(Median\|Annual wage\|Employment\|Median hourly\)' "$d/changes.md"; then
    changed=$((changed + 1))
    grep -q "publishes pay and employment .*for SOC " "$d/changes.md" || undisclosed="$undisclosed ${d%/}(changes)"
  fi
done
# the batch index shows every such kit's pay as the wider code's, as the brief's key figure does
missing=""
for d in "$tmp"/kits/*/; do
  line=$(grep -m1 '^wages.median,' "$d/data.csv" | tr -d '\r')
  [ -n "$line" ] || continue
  occ=${line##*,}
  case "$line" in *,combined,*) ;; *) [ "${occ:-1}" -gt 1 ] || continue ;; esac
  soc=$(basename "$d")
  code=$(echo "$line" | grep -o ',SOC [0-9-]*,' | head -1 | tr -d ',')
  grep "^$soc," "$tmp/kits/index.csv" | grep -q ",$code," || missing="$missing $soc"
done
[ -z "$missing" ] && ok || bad "index.csv gives a wider code's pay with no word whose:$(echo "$missing" | cut -c1-80)"
grep -q '^29-1229.02,Hospitalists,.*,SOC 29-1229,7,SOC 29-1229,7,,' "$tmp/kits/index.csv" && ok ||
  bad "index.csv: Hospitalists' pay and outlook are not said to be SOC 29-1229's (7 occupations)"
grep -q '<td class="num">$239,200 or more<br><span class="pop">for all of SOC 29-1229, 7 occupations</span></td>' "$tmp/kits/index-by-pay.html" &&
  ok || bad "index-by-pay.html: the Physicians subtypes' pay is not said to be SOC 29-1229's"
[ "$changed" -ge 100 ] && ok || bad "expected at least 100 shared-code kits whose pay or employment moved, got $changed"
[ "$shared" -ge 200 ] && ok || bad "expected at least 200 kits with shared wage codes, got $shared"
[ -z "$undisclosed" ] && ok || bad "shared wages without the disclosure:$(echo "$undisclosed" | tr ' ' '\n' | head -5 | xargs -n1 basename | tr '\n' ' ')"
hits=$(grep -L "publishes projections" $(grep -l '^outlook.change,.*,combined,' "$tmp"/kits/*/data.csv | sed 's/data.csv$/brief.md/') 2> /dev/null | head -3)
[ -z "$hits" ] && ok || bad "combined-code projections without the disclosure: $hits"

# the occupations BLS publishes only under a combined code (the NEM crosswalk) have wages
for c in 13-1021.00 13-1022.00 13-1023.00 13-2022.00 13-2023.00 21-1011.00 21-1014.00 \
         25-2055.00 25-2056.00 25-9042.00 25-9043.00 25-9049.00 29-2011.00 29-2011.01 \
         29-2011.02 29-2011.04 29-2012.00 29-2012.01 31-1121.00 31-1122.00 39-7011.00 \
         39-7012.00 47-4091.00 47-4099.00 47-4099.03 51-2022.00 51-2023.00 51-2092.00 \
         51-2099.00 53-1042.00 53-1042.01 53-1043.00 53-1044.00 53-1049.00; do
  if grep -q '^wages.median,.*,combined,' "$tmp/kits/$c/data.csv" && grep -q "only for SOC" "$tmp/kits/$c/brief.md"; then
    ok
  else
    bad "$c: no combined-code wages, or no word that they are"
  fi
done

# hourly-only occupations show hourly pay, not "not available"
for c in 27-2011.00 27-2031.00 27-2042.00 27-2091.00; do
  grep -q '^| Median (50th) | [$][0-9.]* |' "$tmp/kits/$c/brief.md" && grep -q "^| Hourly wage |" "$tmp/kits/$c/brief.md" &&
    grep -q "^• Median hourly pay is" "$tmp/kits/$c/kit.txt" && ok || bad "$c: no hourly pay"
done
# the history of a wider code says whom every release shown describes, never one release's
# publisher for a table of several
if grep -q "^## Pay and jobs over time" "$tmp/kits/21-1011.00/brief.md"; then
  grep -q "^Source: BLS OEWS (May 2020) + .*BLS OEWS, in every release shown, publishes pay and employment only for SOC 21-1018 " \
    "$tmp/kits/21-1011.00/brief.md" && ok || bad "21-1011.00: the history table does not say every release shown is SOC 21-1018"
  hits=$(for f in "$tmp"/kits/*/brief.md; do
    awk '/^## /{on = /^## (Pay and jobs over time|Changes since the last release)/} on' "$f" |
      grep -q "BLS OEWS (May 20[0-9][0-9]) publishes pay and employment .*for SOC " && echo "$f"
  done | head -3)
  [ -z "$hits" ] && ok || bad "one release named as the publisher of a series or change: $hits"
  # an hourly-only occupation's history: release, hourly median, jobs, no empty column
  grep -q "^| Release | Median hourly | Jobs |$" "$tmp/kits/27-2042.00/brief.md" && ok || bad "27-2042.00: the history table's columns"
else
  bad "21-1011.00 has no history section (the pack's OEWS history)"
fi
# a related occupation's pay rank is its median's, and says so when that is a wider code's:
# Hospitalists' related table gives the four 29-1141 nursing occupations SOC 29-1141's rank
b=$tmp/kits/29-1229.02/brief.md
[ "$(grep -c '^| [A-Za-z ]* 29-1141\.0[0-9] | [0-9]*[a-z][a-z] | 77th · SOC 29-1141 |$' "$b")" = 4 ] &&
  grep -q '^| Emergency Medicine Physicians 29-1214.00 | 65th | 99th |$' "$b" &&
  grep -q "A pay percentile with a code is that code's" "$b" && ok ||
  bad "29-1229.02: the related occupations' pay ranks do not say which are a wider code's: $(grep '29-1141' "$b" | head -2)"
# and the quadrant chart says the same of its dots, in its alt text and its note
"$pk" chart quadrant 29-1229.02 --data data/packs/us-2024.json --root "$root" -o "$tmp/q.svg" 2> /dev/null
grep -q "Registered Nurses, 50th and 77th (SOC 29-1141&apos;s)\|Registered Nurses, 50th and 77th (SOC 29-1141's)" "$tmp/q.svg" &&
  grep -q "publishes pay for SOC 29-1229 Physicians, All Other" "$tmp/q.svg" && ok ||
  bad "29-1229.02: the quadrant chart does not say whose a pay rank is"
hits=$(grep -l '^| .* | [0-9]*[a-z][a-z] · SOC [0-9-]* |$' "$tmp"/kits/*/brief.md | xargs -r grep -L "A pay percentile with a code is that code's" | head -3)
[ -z "$hits" ] && ok || bad "a related table marks a wider code's rank without saying what the mark means: $hits"
[ "$(grep -l '[0-9][a-z][a-z] · SOC [0-9-]* |$' "$tmp"/kits/*/brief.md | wc -l)" -ge 200 ] && ok ||
  bad "fewer than 200 briefs mark a related occupation's wider-code pay rank"
# presskit diff's release-wide ranking: a figure several occupations share is one row, for its
# code, never one row per occupation (seven Physicians subtypes each with SOC 29-1229's figure);
# SOC 19-3039 Psychologists, All Other (3 occupations): employment 14,480 (May 2023) -> 17,790
# (May 2024), +22.9%, from the two OEWS files
"$pk" diff --data data/packs/us-2024.json --root "$root" --out "$tmp/diff" --quiet 2> "$tmp/err" &&
  ok || bad "presskit diff failed: $(head -3 "$tmp/err")"
dups=$(awk '/<h2>/{t++} /^<tr><td>/{if (match($0, /<td class="c">[^<]*/)) print t "\t" substr($0, RSTART + 14, 7)}' "$tmp/diff/changes.html" | sort | uniq -d | head -3)
[ "$(grep -c '^<tr><td>.*<td class="c">[0-9][0-9]-[0-9]' "$tmp/diff/changes.html")" -ge 50 ] && ok || bad "changes.html: the SOC cells are not where the check looks"
[ -z "$dups" ] && ok || bad "changes.html ranks one code twice in a table: $dups"
grep -qE '<td class="c">29-1229\.0[1-6]</td>' "$tmp/diff/changes.html" && bad "changes.html lists a Physicians subtype with SOC 29-1229's figure" || ok
grep -qF '<tr><td>SOC 19-3039 Psychologists, All Other, which covers 3 occupations</td><td class="c">19-3039</td><td class="n">14,480</td><td class="n">17,790</td><td class="n">+22.9%</td>' "$tmp/diff/changes.html" &&
  ok || bad "changes.html lacks SOC 19-3039's employment row, said once for its 3 occupations"
grep -qF '29-1229.02,Hospitalists,wages.employment,Employment,310080,315360,5280,1.7,count,oews-2023,oews-2024,shared,SOC 29-1229,"Physicians, All Other",7' "$tmp/diff/changes.csv" &&
  ok || bad "changes.csv: Hospitalists' employment row does not name SOC 29-1229 and its 7 occupations"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
