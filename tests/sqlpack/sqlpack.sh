#!/usr/bin/env bash
# sqlpack.sh PRESSKIT: the compiled pack (docs/packs.md, "The compiled pack"). On the synthetic
# release tests/fixtures/release and, when ../shared/real-data is there, on a slice of the real
# one: pack build twice gives the same bytes; every command gives the same output from the
# .sqlite as from the manifest (kits, full formats, byte for byte; record; list; check; chart);
# a batch's kits are current for either; a changed input is reported, an unchanged one that was
# only touched is not; no temporary file is left.
set -u
pk=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-sqlpack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
unset SOURCE_DATE_EPOCH

# same (MANIFEST ROOT DB LABEL CODES...): every command alike from the CSVs and from DB
same() {
  local manifest=$1 rootdir=$2 db=$3 label=$4
  shift 4
  local m=(--data "$manifest" --root "$rootdir") s=(--data "$db")
  "$pk" kit "${m[@]}" --out "$tmp/$label-kc" "$@" > /dev/null && ok || bad "$label: kit from the manifest"
  "$pk" kit "${s[@]}" --out "$tmp/$label-ks" "$@" > /dev/null && ok || bad "$label: kit from the .sqlite"
  diff -r "$tmp/$label-kc" "$tmp/$label-ks" > "$tmp/diff" && ok || { bad "$label: kits differ"; head -20 "$tmp/diff"; }
  [ "$(find "$tmp/$label-ks" -type f | wc -l)" -gt 20 ] && ok || bad "$label: the kits are not full kits"
  for c in "$@"; do
    "$pk" record "${m[@]}" "$c" > "$tmp/rc" 2>&1
    "$pk" record "${s[@]}" "$c" > "$tmp/rs" 2>&1
    cmp -s "$tmp/rc" "$tmp/rs" && ok || bad "$label: record $c differs"
  done
  "$pk" chart wages "${m[@]}" "$1" -o "$tmp/$label-c.svg" > /dev/null 2>&1
  "$pk" chart wages "${s[@]}" "$1" -o "$tmp/$label-s.svg" > /dev/null 2>&1
  cmp -s "$tmp/$label-c.svg" "$tmp/$label-s.svg" && ok || bad "$label: chart wages differs"
}

fx=$root/tests/fixtures/release
"$pk" pack build --data "$fx/manifest.json" -o "$tmp/a.sqlite" > /dev/null && ok || bad "pack build"
"$pk" pack build --data "$fx/manifest.json" -o "$tmp/b.sqlite" > /dev/null && ok || bad "pack build again"
cmp -s "$tmp/a.sqlite" "$tmp/b.sqlite" && ok || bad "two builds of the same inputs differ"
SOURCE_DATE_EPOCH=1767225600 "$pk" pack build --data "$fx/manifest.json" -o "$tmp/c.sqlite" > /dev/null && ok || bad "pack build with SOURCE_DATE_EPOCH"
cmp -s "$tmp/a.sqlite" "$tmp/c.sqlite" && bad "SOURCE_DATE_EPOCH did not reach the database" || ok
# over an existing file: replaced whole, and nothing but the database is left in the folder
"$pk" pack build --data "$fx/manifest.json" -o "$tmp/a.sqlite" > /dev/null && ok || bad "pack build over an existing file"
cmp -s "$tmp/a.sqlite" "$tmp/b.sqlite" && ok || bad "the rebuilt file differs"
[ -z "$(find "$tmp" -name '.*tmp*')" ] && ok || bad "temporary files left"
[ -z "$(find "$tmp" -name '*-journal' -o -name '*-wal' -o -name '*-shm')" ] && ok || bad "SQLite side files left"

same "$fx/manifest.json" "$fx" "$tmp/a.sqlite" fixture 91-1011.00 91-2012.01 92-2011.00 "sprocket"
"$pk" list --data "$fx/manifest.json" > "$tmp/lc"
"$pk" list --data "$tmp/a.sqlite" > "$tmp/ls"
cmp -s "$tmp/lc" "$tmp/ls" && ok || bad "list differs"
"$pk" check --data "$tmp/a.sqlite" > /dev/null 2> "$tmp/check" && ok || bad "check of the .sqlite: $(cat "$tmp/check")"
grep -q "presskit check: 8 occupations, 0 with problems" "$tmp/check" && ok || bad "check's summary: $(cat "$tmp/check")"
"$pk" check --data "$fx/manifest.json" --coverage > "$tmp/cc" 2> /dev/null
"$pk" check --data "$tmp/a.sqlite" --coverage > "$tmp/cs" 2> /dev/null
cmp -s "$tmp/cc" "$tmp/cs" && ok || bad "check --coverage differs"

# batch: the same kits (and input hashes) from either form; each is current for the other
"$pk" batch --data "$fx/manifest.json" --out "$tmp/bc" --jobs 2 --quiet 2> /dev/null && ok || bad "batch from the manifest"
"$pk" batch --data "$tmp/a.sqlite" --out "$tmp/bs" --jobs 2 --quiet 2> /dev/null && ok || bad "batch from the .sqlite"
diff -r -x batch-report.json "$tmp/bc" "$tmp/bs" > /dev/null && ok || bad "batches differ"
"$pk" batch --data "$tmp/a.sqlite" --out "$tmp/bc" --jobs 2 2> "$tmp/rerun.err" > /dev/null
grep -q "presskit batch: 0 written, 8 unchanged, 0 failed" "$tmp/rerun.err" && ok || bad "kits from the manifest are not current for the .sqlite: $(tail -1 "$tmp/rerun.err")"
"$pk" batch --data "$tmp/a.sqlite" --out "$tmp/b1" --jobs 1 --formats txt --quiet 2> /dev/null && ok || bad "batch --jobs 1 from the .sqlite"

# stale detection: a copy of the release, compiled, then changed
cp -r "$fx" "$tmp/rel"
"$pk" pack build --data "$tmp/rel/manifest.json" -o "$tmp/rel.sqlite" > /dev/null && ok || bad "pack build of the copy"
"$pk" record --data "$tmp/rel.sqlite" 91-1011.00 > /dev/null 2>&1 && ok || bad "a fresh pack reads"
touch -d '+1 hour' "$tmp/rel/wages.csv" # newer, the same bytes: not stale
"$pk" record --data "$tmp/rel.sqlite" 91-1011.00 > /dev/null 2> "$tmp/err" && ok || bad "a touched input made the pack stale: $(cat "$tmp/err")"
sed -i 's/41000/41500/' "$tmp/rel/wages.csv" # the same size, other bytes
touch -d '+2 hours' "$tmp/rel/wages.csv"
"$pk" record --data "$tmp/rel.sqlite" 91-1011.00 > /dev/null 2> "$tmp/err"
[ $? = 1 ] && ok || bad "a changed input does not fail with exit 1"
grep -q "rel/wages.csv has changed since this pack was built (sha256 " "$tmp/err" && ok || bad "stale message: $(cat "$tmp/err")"
echo "91-9999,Extra,detailed,1,1,1,1,1,1" >> "$tmp/rel/projections.csv"
"$pk" kit --data "$tmp/rel.sqlite" --out "$tmp/stale" 91-1011.00 > /dev/null 2> "$tmp/err"
[ "$(grep -c 'has changed since this pack was built' "$tmp/err")" = 2 ] && ok || bad "both changed inputs named: $(cat "$tmp/err")"
[ ! -e "$tmp/stale" ] && ok || bad "a stale pack wrote a kit"
# the database alone (moved away from its inputs) still reads: nothing to compare with
mkdir "$tmp/away" && cp "$tmp/rel.sqlite" "$tmp/away/"
"$pk" record --data "$tmp/away/rel.sqlite" 91-1011.00 > /dev/null 2>&1 && ok || bad "a pack without its inputs does not read"

real=$root/../shared/real-data
if [ -d "$real" ]; then
  "$pk" pack build --data "$root/data/packs/us-2024.json" --root "$real" -o "$tmp/us.sqlite" > /dev/null && ok || bad "pack build of the real release"
  same "$root/data/packs/us-2024.json" "$real" "$tmp/us.sqlite" real 27-4014.00 15-1252.00 31-1122.00 11-1011.00 27-2042.00
  "$pk" batch --formats txt,md --data "$root/data/packs/us-2024.json" --root "$real" --only 27-,15-12 --out "$tmp/rb1" --quiet 2> /dev/null
  "$pk" batch --formats txt,md --data "$tmp/us.sqlite" --only 27-,15-12 --out "$tmp/rb2" --quiet 2> /dev/null
  diff -r -x batch-report.json "$tmp/rb1" "$tmp/rb2" > /dev/null && ok || bad "real slice: batches differ"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
