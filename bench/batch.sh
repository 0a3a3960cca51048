#!/usr/bin/env bash
# batch.sh: presskit batch over the whole real pack (../shared/real-data), text kits, --jobs 2.
# Medians of 5 runs: wall time (fresh output folder each run), the median ms per occupation from
# batch-report.json, and peak RSS per process (GNU time, when installed).
#   bench/batch.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[ -d ../shared/real-data ] || { echo "no ../shared/real-data"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-bbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
args=(batch --formats txt,md --data data/packs/us-2024.json --root ../shared/real-data --jobs 2 --quiet)
walls=() per=() rss=()
for i in 1 2 3 4 5; do
  s=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$tmp/rss" "$build/presskit" "${args[@]}" --out "$tmp/o$i" 2> /dev/null
    rss+=("$(cat "$tmp/rss")")
  else
    "$build/presskit" "${args[@]}" --out "$tmp/o$i" 2> /dev/null
  fi
  e=$(date +%s%N)
  walls+=($(( (e - s) / 1000000 )))
  per+=("$(grep -o '"ms": [0-9]*' "$tmp/o$i/batch-report.json" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
n=$(ls -d "$tmp/o1"/[0-9]* | wc -l)
echo "text kits for $n occupations, --jobs 2: wall median $(median "${walls[@]}") ms (runs: ${walls[*]})"
echo "median per occupation: $(median "${per[@]}") ms"
[ ${#rss[@]} -gt 0 ] && echo "peak RSS (the parent; workers share its pages): median $(median "${rss[@]}") KB"
s=$(date +%s%N); "$build/presskit" "${args[@]}" --out "$tmp/o1" 2> /dev/null; e=$(date +%s%N)
echo "rerun with every kit current (all skipped): $(( (e - s) / 1000000 )) ms"
du -sk "$tmp/o1" | awk '{printf "output: %d KB, %.1f KB per occupation\n", $1, $1 / '"$n"'}'
