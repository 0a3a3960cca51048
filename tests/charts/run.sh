#!/usr/bin/env bash
# run.sh PRESSKIT PNGCMP: the sample's charts and share card.
#  - goldens: every chart's SVG equals tests/charts/golden/<name>.svg byte for byte; every 1x PNG
#    and share.png match tests/charts/golden/<name>.png pixel for pixel within pngcmp's
#    tolerance (0.1% of the pixels may differ by more than 48 levels); the golden set is exactly
#    what the kit draws; the tolerance fails broken copies of each golden (pngcmp --selftest)
#  - determinism: two kits are byte-identical; each chart made alone (presskit chart NAME SOC -o
#    FILE, as .svg, .png and @2x.png) is byte-identical to the same chart inside the kit
#  - every SVG is well-formed XML (xmllint --noout; scripts/setup.sh test installs it)
#  - manifest.json lists share.png and every chart file
# After an intended change, regenerate with PK_UPDATE_GOLDEN=1, look at the PNGs and read the
# SVG diff before committing.
set -u
pk=$1
pngcmp=$2
here=$(cd "$(dirname "$0")" && pwd)
golden=$here/golden
soc=27-4014.00
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-charts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
update=${PK_UPDATE_GOLDEN:-0}

for run in a b; do
  "$pk" kit --formats svg,png --out "$tmp/$run" "$soc" > /dev/null ||
    { echo "presskit kit failed"; echo "0 passed, 1 failed"; exit 1; }
done
kit=$tmp/a/$soc

# ---- determinism: the same kit twice ----
if diff -r "$tmp/a" "$tmp/b" > /dev/null; then ok; else bad "two kits of $soc differ: $(diff -rq "$tmp/a" "$tmp/b" | head -3)"; fi

# ---- goldens ----
[ "$update" = 1 ] && { rm -f "$golden"/*.svg "$golden"/*.png; mkdir -p "$golden"; }
charts=$(cd "$kit/charts" && ls ./*.svg | sed 's|^\./||; s|\.svg$||')
[ -n "$charts" ] && ok || bad "the kit has no charts"
for c in $charts; do
  if [ "$update" = 1 ]; then
    cp "$kit/charts/$c.svg" "$golden/$c.svg"
    "$pngcmp" --write "$golden/$c.png" "$kit/charts/$c.png" || bad "cannot write $golden/$c.png"
  fi
  if cmp -s "$golden/$c.svg" "$kit/charts/$c.svg"; then
    ok
  else
    bad "charts/$c.svg differs from its golden copy:"
    diff -u "$golden/$c.svg" "$kit/charts/$c.svg" | head -20
  fi
  if "$pngcmp" "$golden/$c.png" "$kit/charts/$c.png" > "$tmp/cmp.txt"; then ok; else bad "$(cat "$tmp/cmp.txt")"; fi
done
if [ "$update" = 1 ]; then "$pngcmp" --write "$golden/share.png" "$kit/share.png" || bad "cannot write share.png"; fi
if "$pngcmp" "$golden/share.png" "$kit/share.png" > "$tmp/cmp.txt"; then ok; else bad "$(cat "$tmp/cmp.txt")"; fi
# ---- the tolerance still tells a chart drawn wrong ----
# On each golden, pngcmp --selftest fails copies broken as a painter could break them (all
# shifted a pixel, the main fill recoloured, no text) and passes one changed as far as the
# palette encoder may change pixels (reports/palette.h); and a chart drawn as another one fails.
for g in "$golden"/*.png; do
  if "$pngcmp" --selftest "$g" > "$tmp/cmp.txt"; then ok; else bad "pngcmp --selftest: $(cat "$tmp/cmp.txt")"; fi
done
read -r -a names <<< "$(echo $charts)"
if [ ${#names[@]} -ge 2 ]; then
  "$pngcmp" "$golden/${names[0]}.png" "$kit/charts/${names[1]}.png" > /dev/null
  [ $? -eq 1 ] && ok || bad "charts/${names[1]}.png matches the golden ${names[0]}.png"
fi
# no golden without its chart (a chart renamed or left out would leave a stale one behind)
want=$( (for c in $charts; do echo "$c.svg"; echo "$c.png"; done; echo share.png) | sort)
have=$(cd "$golden" && ls | sort)
if [ "$want" = "$have" ]; then ok; else bad "golden files differ from the kit's: $(diff <(echo "$want") <(echo "$have") | grep '^[<>]' | tr '\n' ' ')"; fi

# ---- one chart alone equals the same chart in the kit ----
listed=$("$pk" chart --list | awk '{print $1}')
for c in $charts; do
  echo "$listed" | grep -qx "$c" && ok || bad "chart --list does not name $c"
  for suffix in .svg .png @2x.png; do
    if ! "$pk" chart "$c" "$soc" -o "$tmp/alone/$c$suffix" 2> "$tmp/err.txt"; then
      bad "presskit chart $c $soc -o $c$suffix failed: $(cat "$tmp/err.txt")"
    elif cmp -s "$tmp/alone/$c$suffix" "$kit/charts/$c$suffix"; then
      ok
    else
      bad "$c$suffix made alone differs from the kit's"
    fi
  done
done

# ---- well-formed SVG ----
if command -v xmllint > /dev/null; then
  for f in "$kit"/charts/*.svg; do
    if xmllint --noout "$f" 2> "$tmp/xml.txt"; then ok; else bad "xmllint: $(head -3 "$tmp/xml.txt")"; fi
  done
else
  echo "note: no xmllint (scripts/setup.sh test installs libxml2-utils): SVGs not parsed"
fi

# ---- the manifest lists what was written ----
for f in share.png $(cd "$kit" && ls charts/*); do
  grep -q "\"name\": \"$f\"" "$kit/manifest.json" && ok || bad "manifest.json does not list $f"
done
grep -q charts_left_out "$kit/manifest.json" && bad "the sample's manifest leaves a chart out" || ok

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
