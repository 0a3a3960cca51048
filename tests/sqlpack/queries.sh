#!/usr/bin/env bash
# queries.sh PRESSKIT: the example queries of docs/packs.md ("Example queries"), each run with
# the sqlite3 shell on the synthetic pack tests/fixtures/release compiled by presskit, and its
# answer compared with queries.expect; then each on the real 2024 pack, when ../shared/real-data
# is there, where it must run and answer something. Exit 77 (skipped) without sqlite3.
# After an intended change: PK_UPDATE_GOLDEN=1, then read the diff before committing.
set -u
pk=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
command -v sqlite3 > /dev/null || { echo "sqlite3 is not installed: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-queries.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# the ```sql blocks of the "Example queries" section, one file each
awk -v dir="$tmp" '
  /^### Example queries/ { inside = 1; next }
  /^##/ && inside { inside = 0 }
  inside && /^```sql/ { n++; file = sprintf("%s/q%d.sql", dir, n); sql = 1; next }
  sql && /^```/ { sql = 0; close(file); next }
  sql { print > file }
' "$root/docs/packs.md"
n=$(ls "$tmp"/q*.sql 2> /dev/null | wc -l)
[ "$n" = 5 ] && ok || bad "docs/packs.md has $n example queries, expected 5"

"$pk" pack build --data "$root/tests/fixtures/release/manifest.json" -o "$tmp/fixture.sqlite" > /dev/null ||
  bad "pack build of the synthetic release"
out=$tmp/answers
: > "$out"
for q in "$tmp"/q*.sql; do
  name=$(basename "$q" .sql)
  { echo "-- $name"; sqlite3 -batch -header "$tmp/fixture.sqlite" < "$q" 2>&1; } >> "$out" ||
    bad "$name fails on the synthetic pack"
done
if [ "${PK_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$out" "$here/queries.expect"; fi
if cmp -s "$here/queries.expect" "$out"; then
  ok
else
  bad "the answers on the synthetic pack differ from queries.expect:"
  diff -u "$here/queries.expect" "$out" | head -60
fi

real=$root/../shared/real-data
if [ -d "$real" ]; then
  "$pk" pack build --data "$root/data/packs/us-2024.json" --root "$real" -o "$tmp/us-2024.sqlite" > /dev/null &&
    ok || bad "pack build of the real release"
  for q in "$tmp"/q*.sql; do
    name=$(basename "$q" .sql)
    rows=$(sqlite3 -batch "$tmp/us-2024.sqlite" < "$q" 2> "$tmp/err" | wc -l)
    [ -s "$tmp/err" ] && bad "$name on the real pack: $(cat "$tmp/err")"
    [ "$rows" -gt 0 ] && ok || bad "$name answers nothing on the real pack"
  done
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
