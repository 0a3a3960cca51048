#!/usr/bin/env bash
# batch.sh: presskit batch over the whole real pack (../shared/real-data), --jobs 2.
#   bench/batch.sh [BUILD_DIR] [KIND] [RUNS] [DATA]
# DATA: csv (the manifest over the CSV files, the default) or sqlite (the same pack compiled
# first with presskit pack build, untimed).
# KIND: text (the text files), pdf (brief.pdf only), full (everything: brief, every chart as
# SVG, PNG and @2x PNG, share.png, text). Medians of RUNS runs (default 5, 3 for full): wall time
# (a fresh output folder each run), the median ms per occupation from batch-report.json, and
# peak RSS (GNU time's %M: the largest single process of the batch, parent or worker). Then the
# same peak RSS for about 50 occupations (--shard 1/20), to show it does not grow with the
# batch, a rerun with every kit current, and the output's size.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
kind=${2:-text}
case $kind in
  text) formats=(--formats txt,md); runs=${3:-5} ;;
  pdf) formats=(--formats pdf); runs=${3:-5} ;;
  full) formats=(); runs=${3:-3} ;;
  *) echo "usage: bench/batch.sh [BUILD_DIR] [text|pdf|full] [RUNS] [csv|sqlite]" >&2; exit 2 ;;
esac
data=${4:-csv}
[ -d ../shared/real-data ] || { echo "no ../shared/real-data"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-bbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ "$data" = sqlite ]; then
  "$build/presskit" pack build --data data/packs/us-2024.json --root ../shared/real-data -o "$tmp/us-2024.sqlite" > /dev/null
  args=(batch "${formats[@]}" --data "$tmp/us-2024.sqlite" --jobs 2 --quiet)
else
  args=(batch "${formats[@]}" --data data/packs/us-2024.json --root ../shared/real-data --jobs 2 --quiet)
fi
timed() { # OUT_DIR EXTRA...: runs the batch, prints "wall_ms rss_kb"
  local out=$1; shift
  local s e rss=0
  s=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$tmp/rss" "$build/presskit" "${args[@]}" "$@" --out "$out" 2> /dev/null
    rss=$(tail -1 "$tmp/rss")
  else
    "$build/presskit" "${args[@]}" "$@" --out "$out" 2> /dev/null
  fi
  e=$(date +%s%N)
  echo "$(( (e - s) / 1000000 )) $rss"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
walls=() per=() rss=()
for i in $(seq "$runs"); do
  read -r w r < <(timed "$tmp/o$i")
  walls+=("$w"); rss+=("$r")
  per+=("$(grep -o '"ms": [0-9.]*' "$tmp/o$i/batch-report.json" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')")
  [ "$i" -gt 1 ] && rm -rf "$tmp/o$i"
done
n=$(ls -d "$tmp/o1"/[0-9]* | wc -l)
echo "$kind kits for $n occupations from $data, --jobs 2: wall median $(median "${walls[@]}") ms (runs: ${walls[*]})"
echo "median per occupation: $(median "${per[@]}") ms"
if [ -x /usr/bin/time ]; then
  echo "peak RSS, all $n occupations: median $(median "${rss[@]}") KB (runs: ${rss[*]})"
  read -r w r < <(timed "$tmp/s" --shard 1/20)
  echo "peak RSS, $(ls -d "$tmp/s"/[0-9]* | wc -l) occupations (--shard 1/20): $r KB"
fi
s=$(date +%s%N); "$build/presskit" "${args[@]}" --out "$tmp/o1" 2> /dev/null; e=$(date +%s%N)
echo "rerun with every kit current (all skipped): $(( (e - s) / 1000000 )) ms"
du -sk "$tmp/o1" | awk '{printf "output: %d KB, %.1f KB per occupation\n", $1, $1 / '"$n"'}'
