#!/usr/bin/env bash
# run.sh: every in-process benchmark, then whole-process timings of one kit and one brief.
# Medians, because these machines are shared and noisy. The batch over the whole release is
# bench/batch.sh.
#   bench/run.sh [BUILD_DIR]   (default build/; build it first with scripts/setup.sh sample)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "== in one process (bench_kit, 200 runs) =="
"$build/bench_kit" 200 "$tmp/inproc"
if [ -d ../shared/real-data ]; then
  echo "== the US 2024 pack over the real releases (bench_pack, 7 runs) =="
  "$build/bench_pack" data/packs/us-2024.json ../shared/real-data 7
  if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 2 --runs 10 --export-json "$tmp/r.json" \
      "$build/presskit record --data data/packs/us-2024.json --root ../shared/real-data 27-4014.00" > /dev/null
    python3 -c "import json; r=json.load(open('$tmp/r.json'))['results'][0]; \
print('presskit record 27-4014.00 on the pack: median %.0f ms (min %.0f, %d runs)' % (r['median']*1e3, r['min']*1e3, len(r['times'])))"
  fi
fi
# whole processes a user waits for: medians of 21 runs (hyperfine when installed)
timeit() { # LABEL COMMAND...
  local label=$1; shift
  for i in $(seq 21); do
    s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done | sort -n | awk -v l="$label" '{a[NR]=$1} END {printf "%-58s median %.2f ms (%d runs)\n", l, a[int((NR+1)/2)]/1000, NR}'
}
echo "== start-up and one occupation, whole process =="
timeit "presskit --version" "$build/presskit" --version
timeit "presskit chart wages 27-4014.00 -o x.svg" "$build/presskit" chart wages 27-4014.00 -o "$tmp/x.svg"
timeit "presskit kit --formats pdf 27-4014.00 (the sample's brief)" "$build/presskit" kit --formats pdf --out "$tmp/s" 27-4014.00
if [ -d ../shared/real-data ]; then
  "$build/presskit" pack build --data data/packs/us-2024.json --root ../shared/real-data -o "$tmp/us-2024.sqlite" > /dev/null
  timeit "the real 27-4014.00 brief from the compiled pack" "$build/presskit" kit --formats pdf --data "$tmp/us-2024.sqlite" --out "$tmp/r" 27-4014.00
fi
echo "== charts: scene, SVG, PNG per chart (bench_render 50) =="
"$build/bench_render" 50
echo "== charts as PDF (bench_pdf 50) =="
"$build/bench_pdf" 50
echo "== the PDF brief per template (bench_brief 100) =="
"$build/bench_brief" 100
echo "== whole process: presskit kit --formats pdf 27-4014.00 (one brief) =="
for i in $(seq 21); do
  s=$(date +%s%N); "$build/presskit" kit --formats pdf --out "$tmp/brief" 27-4014.00 > /dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "median %.2f ms (%d runs)\n", a[int((NR+1)/2)]/1000, NR}'
echo "== whole process: presskit kit 27-4014.00 =="
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 5 --runs 50 --export-json "$tmp/h.json" \
    "$build/presskit kit --out $tmp/proc 27-4014.00" > /dev/null
  python3 -c "import json,sys; r=json.load(open('$tmp/h.json'))['results'][0]; \
print('median %.2f ms  (min %.2f, max %.2f, %d runs, hyperfine)' % (r['median']*1e3, r['min']*1e3, r['max']*1e3, len(r['times'])))"
else
  for i in $(seq 50); do
    s=$(date +%s%N); "$build/presskit" kit --out "$tmp/proc" 27-4014.00 > /dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done | sort -n | awk '{a[NR]=$1} END {printf "median %.2f ms (%d runs, date)\n", a[int((NR+1)/2)]/1000, NR}'
fi
