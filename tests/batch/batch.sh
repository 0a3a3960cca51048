#!/usr/bin/env bash
# batch.sh PRESSKIT: presskit batch over a synthetic data folder (copies of the sample under
# made-up codes; generated here, not committed) and, when ../shared/real-data is there, a slice
# of the real pack. Checks: --jobs 1 and 2 give identical trees; one broken occupation is
# reported and the rest written (exit 4); a rerun skips current kits and repairs damaged ones;
# SIGKILL mid-batch leaves no half-written file and a rerun finishes the rest; three shards (by
# GNU parallel when it is installed) equal one run; --only; index.
set -u
pk=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The batch logic is tested on text kits (--formats txt,md), which keeps this quick under the
# sanitizers; a small run below makes the full kits with charts.
# 120 synthetic occupations: the sample's figures under made-up codes 91-0000.00 .. 91-0119.00
data=$tmp/data
mkdir -p "$data"
cp "$root/data/sample/sources.json" "$data/"
for i in $(seq 0 119); do
  code=$(printf '91-%04d.00' "$i")
  sed -e "s/\"soc\": \"27-4014.00\"/\"soc\": \"$code\"/" \
      -e "s/\"title\": \"Sound Engineering Technicians\"/\"title\": \"Synthetic Occupation $i\"/" \
      "$root/data/sample/27-4014.00.json" > "$data/$code.json"
done

"$pk" batch --formats txt,md --data "$data" --out "$tmp/j1" --jobs 1 --quiet 2> /dev/null && ok || bad "batch --jobs 1"
"$pk" batch --formats txt,md --data "$data" --out "$tmp/j2" --jobs 2 --quiet 2> /dev/null && ok || bad "batch --jobs 2"
[ "$(ls -d "$tmp/j1"/91-* | wc -l)" = 120 ] && ok || bad "120 kits"
diff -r -x batch-report.json "$tmp/j1" "$tmp/j2" > /dev/null && ok || bad "--jobs 1 and --jobs 2 differ"
grep -q '"written": 120, "unchanged": 0, "failed": 0' "$tmp/j2/batch-report.json" && ok || bad "report totals"
[ "$(wc -l < "$tmp/j1/index.csv")" = 121 ] && ok || bad "index.csv has a row per kit"
grep -q '<a href="91-0007.00/brief.md">' "$tmp/j1/index.html" && ok || bad "index.html links the briefs"
grep -q '<meta name="viewport"' "$tmp/j1/index.html" && ok || bad "index.html has a viewport meta"

# the index links only what each kit holds, and sorts by its key figures without a script
dead() { # DIR: every href of every index page names a file that is there
  for page in "$1"/index*.html; do
    grep -o 'href="[^"]*"' "$page" | sed 's/href="//; s/"$//' | while read -r f; do
      [ -e "$1/$f" ] || echo "$(basename "$page"): $f"
    done
  done
}
[ -z "$(dead "$tmp/j1")" ] && ok || bad "index links a file that is not there: $(dead "$tmp/j1" | head -3)"
pay=$tmp/pay
mkdir -p "$pay"
cp "$data/sources.json" "$pay/"
for v in 30000 90000 60000; do  # synthetic: three medians, in no order
  sed -e "s/\"soc\": \"27-4014.00\"/\"soc\": \"92-00${v:0:2}.00\"/" -e "s/\"value\": 66430,/\"value\": $v,/" \
      "$root/data/sample/27-4014.00.json" > "$pay/92-00${v:0:2}.00.json"
done
"$pk" batch --formats pdf --data "$pay" --out "$tmp/pdfonly" --quiet 2> /dev/null && ok || bad "batch --formats pdf"
[ -z "$(dead "$tmp/pdfonly")" ] && ok || bad "with --formats pdf the index links a file that is not there: $(dead "$tmp/pdfonly" | head -3)"
grep -q 'href="92-0090.00/brief.pdf"' "$tmp/pdfonly/index.html" && ! grep -q 'brief.md' "$tmp/pdfonly/index.html" &&
  ok || bad "with --formats pdf the index links brief.pdf and nothing else"
order=$(grep -o '<tr><td class="soc">92-[0-9.]*' "$tmp/pdfonly/index-by-pay.html" | sed 's/<tr><td class="soc">//' | tr '\n' ' ')
[ "$order" = "92-0090.00 92-0060.00 92-0030.00 " ] && ok || bad "index-by-pay.html lists the highest median first: $order"
grep -q '<th scope="col" class="num" aria-sort="descending"><a href="index-by-pay.html">Median pay' "$tmp/pdfonly/index-by-pay.html" &&
  ok || bad "index-by-pay.html marks its sort"
grep -q '^92-0090.00,.*,"\$90,000",90000,' "$tmp/pdfonly/index.csv" && ok || bad "index.csv has the key figures: $(grep 92-0090 "$tmp/pdfonly/index.csv")"

# the full kits (charts as SVG and PNG too) of 12 occupations: --jobs 1 and 2 give the same bytes
"$pk" batch --data "$data" --only 91-000,91-0010,91-0011 --out "$tmp/c1" --jobs 1 --quiet 2> /dev/null && ok || bad "charts --jobs 1"
"$pk" batch --data "$data" --only 91-000,91-0010,91-0011 --out "$tmp/c2" --jobs 2 --quiet 2> /dev/null && ok || bad "charts --jobs 2"
[ "$(find "$tmp/c1" -name '*.png' | wc -l)" -ge 60 ] && ok || bad "full kits have their PNG charts"
diff -r -x batch-report.json "$tmp/c1" "$tmp/c2" > /dev/null && ok || bad "full kits differ between --jobs 1 and 2"

# a rerun skips what is current and repairs what was damaged
rm "$tmp/j2/91-0003.00/brief.md"
printf 'damaged\n' > "$tmp/j2/91-0004.00/kit.txt"
"$pk" batch --formats txt,md --data "$data" --out "$tmp/j2" --jobs 2 2> "$tmp/rerun.err" > /dev/null && ok || bad "rerun"
grep -q "presskit batch: 2 written, 118 unchanged, 0 failed" "$tmp/rerun.err" && ok || bad "rerun skips current kits: $(tail -1 "$tmp/rerun.err")"
diff -r -x batch-report.json "$tmp/j1" "$tmp/j2" > /dev/null && ok || bad "rerun did not repair"
"$pk" batch --formats txt,md --data "$data" --out "$tmp/j2" --force --quiet 2> "$tmp/force.err"
grep -q "120 written" "$tmp/force.err" && ok || bad "--force redoes every kit"

# one broken occupation: reported, the others written, exit 4
cp -r "$data" "$tmp/bad"
printf '{ "presskit_record": 1, "soc": "91-0050.00", "title": 7 }\n' > "$tmp/bad/91-0050.00.json"
"$pk" batch --formats txt,md --data "$tmp/bad" --out "$tmp/b" --jobs 2 --quiet 2> "$tmp/bad.err"
[ $? = 4 ] && ok || bad "a failed occupation gives exit 4"
grep -q '91-0050.00: .*91-0050.00.json: $.title: expected a string, got 7' "$tmp/bad.err" && ok || bad "the failure is reported: $(cat "$tmp/bad.err")"
grep -q "119 written, 0 unchanged, 1 failed" "$tmp/bad.err" && ok || bad "the others are written"
grep -q '"soc": "91-0050.00", "status": "failed"' "$tmp/b/batch-report.json" && ok || bad "batch-report.json lists the failure"
grep -q "91-0050.00" "$tmp/b/index.csv" && bad "index lists a failed kit" || ok

# --only by code and by prefix
"$pk" batch --formats txt,md --data "$data" --out "$tmp/only" --only 91-0001.00,91-001 --quiet 2> /dev/null
[ "$(ls -d "$tmp/only"/91-* | wc -l)" = 11 ] && ok || bad "--only 91-0001.00,91-001 gives 11 kits"

# shards: three runs (in parallel by GNU parallel when there: shards share a folder) equal one run
if command -v parallel > /dev/null; then
  parallel --will-cite "$pk" batch --formats txt,md --data "$data" --out "$tmp/shards" --shard {}/3 --quiet ::: 1 2 3 2> /dev/null
else
  for k in 1 2 3; do "$pk" batch --formats txt,md --data "$data" --out "$tmp/shards" --shard "$k/3" --quiet 2> /dev/null; done
fi
"$pk" index "$tmp/shards" && ok || bad "presskit index"
diff -r -x batch-report.json "$tmp/j1" "$tmp/shards" > /dev/null && ok || bad "three shards differ from one run"

# a partial batch (--shard, --only) into a folder of kits: its index covers every complete kit
# there, not only its own (issue 17)
for k in 1 2 3; do "$pk" batch --formats txt,md --data "$data" --out "$tmp/seq" --shard "$k/3" --quiet 2> /dev/null; done
diff -r -x batch-report.json "$tmp/j1" "$tmp/seq" > /dev/null && ok || bad "three shards run one after another into one folder differ from one run"
cp -R "$tmp/j1" "$tmp/part"
"$pk" batch --formats txt,md --data "$data" --out "$tmp/part" --only 91-0007 --force --quiet 2> /dev/null && ok || bad "batch --only into a full folder"
cmp -s "$tmp/j1/index.csv" "$tmp/part/index.csv" && cmp -s "$tmp/j1/index.html" "$tmp/part/index.html" &&
  ok || bad "a batch --only 91-0007 rewrote the index with only its own kit: $(wc -l < "$tmp/part/index.csv") lines"
"$pk" batch --formats txt,md --data "$data" --out "$tmp/part" --only 91-0007,91-9999 --quiet 2> "$tmp/typo.err"
[ $? = 1 ] && ok || bad "an --only code that no occupation has is not exit 1"
grep -qF -- '--only: "91-9999" is not the code or code prefix of any occupation' "$tmp/typo.err" && ok || bad "--only typo message: $(cat "$tmp/typo.err")"
cmp -s "$tmp/j1/index.csv" "$tmp/part/index.csv" && ok || bad "a refused --only changed the index"

# two batches on one folder: the second is refused while the first holds the folder (flock(1)
# holds the same lock presskit takes, on the folder itself), and nothing is touched
if command -v flock > /dev/null; then
  sleep 30 & holder=$!
  # a live writer's temporaries: a file in a kit, and a kit being written (presskit kit stages
  # a kit in a hidden folder beside it and renames it into place)
  touch "$tmp/part/91-0002.00/.kit.txt.tmp-$holder"
  mkdir -p "$tmp/part/.91-0003.00.tmp-$holder/charts"
  touch "$tmp/part/.91-0003.00.tmp-$holder/kit.txt" "$tmp/part/.91-0003.00.tmp-$holder/charts/.wages.svg.tmp-$holder"
  flock -n "$tmp/part" sleep 3 &
  locker=$!
  sleep 0.5
  before=$(cd "$tmp/part" && find . -type f | sort | xargs sha256sum)
  "$pk" batch --formats txt,md --data "$data" --out "$tmp/part" --force --quiet 2> "$tmp/lock.err"
  rc=$?
  [ "$rc" = 3 ] && ok || bad "a second batch on a locked folder: exit $rc, expected 3"
  grep -qxF "$tmp/part: error: another presskit batch is writing this folder; wait for it to finish, or give another --out" "$tmp/lock.err" &&
    ok || bad "locked folder message: $(cat "$tmp/lock.err")"
  "$pk" index "$tmp/part" 2> /dev/null
  [ $? = 3 ] && ok || bad "presskit index on a locked folder is not refused"
  [ "$before" = "$(cd "$tmp/part" && find . -type f | sort | xargs sha256sum)" ] && ok || bad "a refused batch changed the folder"
  "$pk" batch --formats txt,md --data "$data" --out "$tmp/part" --shard 1/3 --quiet 2> /dev/null
  [ $? = 3 ] && ok || bad "a shard is not refused while a whole batch holds the folder"
  wait "$locker"
  # a shard runs beside the other shards, not beside a second run of itself
  flock -s -n "$tmp/part" flock -n "$tmp/part/.presskit-shard-1-of-3.lock" sleep 3 &
  locker=$!
  sleep 0.5
  "$pk" batch --formats txt,md --data "$data" --out "$tmp/part" --shard 1/3 --quiet 2> "$tmp/lock.err"
  rc=$?
  [ "$rc" = 3 ] && grep -qxF "$tmp/part: error: another presskit batch of shard 1/3 is writing this folder; wait for it to finish, or give another --out" "$tmp/lock.err" &&
    ok || bad "a second run of shard 1/3: exit $rc, $(cat "$tmp/lock.err")"
  "$pk" batch --formats txt,md --data "$data" --out "$tmp/part" --shard 2/3 --quiet 2> /dev/null && ok || bad "shard 2/3 is refused beside shard 1/3"
  "$pk" batch --formats txt,md --data "$data" --out "$tmp/part" --quiet 2> /dev/null
  [ $? = 3 ] && ok || bad "a whole batch is not refused while a shard runs"
  wait "$locker"
  rm -f "$tmp/part/.presskit-shard-1-of-3.lock"
  [ -z "$(find "$tmp/part" -name '.presskit-shard-*')" ] && ok || bad "a shard left its lock file"
  # once the folder is free: a dead writer's temporaries go, in the kit and in charts/; a live one's stay
  mkdir -p "$tmp/part/91-0004.00/charts"
  sh -c 'exit 0' & dead=$!
  wait "$dead"
  touch "$tmp/part/91-0004.00/.kit.txt.tmp-$dead" "$tmp/part/91-0004.00/charts/.wages.svg.tmp-$dead" "$tmp/part/.index.csv.tmp-$dead"
  mkdir -p "$tmp/part/.91-0005.00.tmp-$dead/charts" # a kit a killed run was writing
  touch "$tmp/part/.91-0005.00.tmp-$dead/kit.txt" "$tmp/part/.91-0005.00.tmp-$dead/charts/wages.svg"
  "$pk" batch --formats txt,md --data "$data" --out "$tmp/part" --only 91-0003,91-0004 --force --quiet 2> /dev/null && ok || bad "batch after the lock is free"
  [ -z "$(find "$tmp/part" -name "*.tmp-$dead")" ] && ok || bad "a dead writer's temporaries are left: $(find "$tmp/part" -name "*.tmp-$dead")"
  [ -e "$tmp/part/91-0002.00/.kit.txt.tmp-$holder" ] && [ -e "$tmp/part/.91-0003.00.tmp-$holder/charts/.wages.svg.tmp-$holder" ] &&
    ok || bad "a live writer's temporary was removed"
  rm -rf "$tmp/part/.91-0003.00.tmp-$holder" "$tmp/part/91-0002.00/.kit.txt.tmp-$holder"
  kill "$holder" 2> /dev/null
  wait "$holder" 2> /dev/null
else
  echo "note: flock(1) missing: the two-batch lock check is skipped"
fi

# a kit that fails (its brief needs more pages than the template allows) leaves no folder, not
# even an empty one, and an earlier kit in its place stays whole
printf '{"presskit_template": 1, "name": "one page (synthetic)", "page": {"max_pages": 1}}\n' > "$tmp/one-page.json"
"$pk" batch --formats txt,pdf --data "$data" --only 91-0001,91-0002,91-0003 --layout "$tmp/one-page.json" \
  --out "$tmp/nofit" --quiet 2> "$tmp/nofit.err"
rc=$?
[ "$rc" = 4 ] && grep -q 'max_pages' "$tmp/nofit.err" && ok || bad "a brief that cannot fit: exit $rc, $(head -c 300 "$tmp/nofit.err")"
[ -z "$(find "$tmp/nofit" -mindepth 1 -maxdepth 1 -name '*91-*')" ] && ok ||
  bad "failed kits left folders: $(find "$tmp/nofit" -mindepth 1 -maxdepth 1 -name '*91-*' | head -3)"
cp -R "$tmp/j1" "$tmp/keep"
"$pk" batch --formats txt,pdf --data "$data" --only 91-0001 --layout "$tmp/one-page.json" --force \
  --out "$tmp/keep" --quiet 2> /dev/null
diff -r "$tmp/j1/91-0001.00" "$tmp/keep/91-0001.00" > /dev/null && ok || bad "a failed kit damaged the earlier kit in its place"
[ -z "$(find "$tmp/keep" -name '.*tmp*')" ] && ok || bad "a failed kit left a temporary: $(find "$tmp/keep" -name '.*tmp*' | head -3)"
"$pk" kit --formats txt,pdf --data "$data" --layout "$tmp/one-page.json" --out "$tmp/keep" 91-0002.00 2> /dev/null
[ $? = 1 ] && diff -r "$tmp/j1/91-0002.00" "$tmp/keep/91-0002.00" > /dev/null && ok || bad "presskit kit: a failed kit damaged the earlier one"
# and a kit that succeeds replaces the earlier one whole: no file of the old formats is left
"$pk" kit --formats txt --data "$data" --out "$tmp/keep" 91-0003.00 2> /dev/null && ok || bad "kit --formats txt over a kit"
[ ! -e "$tmp/keep/91-0003.00/brief.md" ] && [ -e "$tmp/keep/91-0003.00/kit.txt" ] && ok || bad "a rewritten kit kept files of the earlier one"

# SIGKILL mid-batch: no half-written file; a rerun finishes the rest
big=$tmp/big
mkdir -p "$big"
cp "$data/sources.json" "$big/"
for i in $(seq 0 399); do
  code=$(printf '92-%04d.00' "$i")
  sed -e "s/\"soc\": \"27-4014.00\"/\"soc\": \"$code\"/" "$root/data/sample/27-4014.00.json" > "$big/$code.json"
done
"$pk" batch --formats txt,md --data "$big" --out "$tmp/ref" --jobs 2 --quiet 2> /dev/null
setsid "$pk" batch --formats txt,md --data "$big" --out "$tmp/killed" --jobs 2 --quiet 2> /dev/null &
victim=$!
sleep 0.4
kill -KILL -- "-$victim" 2> /dev/null || kill -KILL "$victim"
wait "$victim" 2> /dev/null
done_before=$(ls "$tmp/killed"/92-*/manifest.json 2> /dev/null | wc -l)
[ "$done_before" -lt 400 ] || echo "note: the batch finished before SIGKILL; the kill check tested nothing"
half=0
while IFS= read -r f; do
  cmp -s "$f" "$tmp/ref/${f#"$tmp/killed/"}" || half=$((half + 1))
done < <(find "$tmp/killed" -path "$tmp/killed/92-*" -type f ! -name ".*") # a temporary name is not a kit file: the next run removes it
[ "$half" = 0 ] && ok || bad "$half files differ from a complete run after SIGKILL"
# a kit folder is complete or absent (docs/scale-out.md): every one there has its manifest
partial=0
for d in "$tmp/killed"/92-*/; do [ -e "$d/manifest.json" ] || partial=$((partial + 1)); done
[ "$partial" = 0 ] && ok || bad "$partial kit folders without a manifest after SIGKILL"
"$pk" batch --formats txt,md --data "$big" --out "$tmp/killed" --jobs 2 --quiet 2> "$tmp/resume.err" && ok || bad "resume after SIGKILL"
diff -r -x batch-report.json "$tmp/ref" "$tmp/killed" > /dev/null && ok || bad "resumed batch differs from a complete one"
[ -z "$(find "$tmp/killed" -name '.*.tmp-*')" ] && ok || bad "temporary files left after the resume"

# a slice of the real pack, when it is there: jobs 1 == jobs 2
if [ -d "$root/../shared/real-data" ]; then
  for j in 1 2; do
    "$pk" batch --formats txt,md --data "$root/data/packs/us-2024.json" --root "$root/../shared/real-data" \
      --out "$tmp/real$j" --jobs "$j" --only 27-,15-12 --quiet 2> /dev/null || bad "real slice --jobs $j"
  done
  diff -r -x batch-report.json "$tmp/real1" "$tmp/real2" > /dev/null && ok || bad "real slice: --jobs 1 and 2 differ"
fi

# a figure published for a wider code (tests/diff/shared: SOC 91-2011 covers three
# occupations): the index says whose it is, in index.csv's columns and under the value
"$pk" batch --data "$root/tests/diff/shared/manifest.json" --formats txt --out "$tmp/shared" --jobs 1 -q 2> /dev/null
grep -q '^91-2011.01,Fixture Welders,.*,"\$52,000",52000,,,,,SOC 91-2011,3,,,,' "$tmp/shared/index.csv" && ok ||
  bad "index.csv: 91-2011.01's pay is not said to be SOC 91-2011's: $(grep 91-2011.01 "$tmp/shared/index.csv")"
grep -q '^91-2012.00,Fixture Fitters,.*,"\$41,600",41600,,,,,,,,,,' "$tmp/shared/index.csv" && ok ||
  bad "index.csv: 91-2012.00 (its own code) got a wider code: $(grep 91-2012.00 "$tmp/shared/index.csv")"
[ "$(grep -c '<span class="pop">for all of SOC 91-2011, 3 occupations</span>' "$tmp/shared/index.html")" = 3 ] && ok ||
  bad "index.html: the three occupations of SOC 91-2011 do not each say whose their pay is"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
