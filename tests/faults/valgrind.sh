#!/usr/bin/env bash
# valgrind.sh PRESSKIT: a kit for the sample, and a batch over a slice of the real pack (when
# ../shared/real-data is there), under valgrind memcheck: 0 errors and 0 leaks, or the test fails.
# Skipped (77) without valgrind. Runs on the plain build only (valgrind cannot run ASan binaries).
set -u
pk=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v valgrind > /dev/null || { echo "skipped: no valgrind"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-vg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes)
pass=0 fail=0
run() { # WHAT EXPECTED_EXIT COMMAND...: valgrind's own finding exits 99
  local what=$1 want=$2
  shift 2
  "${vg[@]}" "$@" > /dev/null 2> "$tmp/vg.log"
  local rc=$?
  if [ "$rc" = "$want" ] && ! grep -q "^==[0-9]*==" "$tmp/vg.log"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $what"
    head -40 "$tmp/vg.log"
  fi
}
run "kit for the sample" 0 "$pk" kit --out "$tmp/a" 27-4014.00
run "record for the sample" 0 "$pk" record 27-4014.00
run "a bad record (error paths)" 1 "$pk" record --data "$root/tests/errors/record/27-several-problems.json"
if [ -d "$root/../shared/real-data" ]; then
  # a batch, so the forked workers are checked too (valgrind follows a fork; each worker's
  # findings are in the log with its own pid)
  run "a batch over a slice of the real pack, two workers" 0 "$pk" batch --quiet --jobs 2 \
    --data "$root/data/packs/us-2024.json" --root "$root/../shared/real-data" --out "$tmp/b" \
    --only 27-4014.00,15-1252.00,11-1011.00,29-1141.00,53-3032.00
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
