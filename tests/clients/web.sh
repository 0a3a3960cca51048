#!/usr/bin/env bash
# shellcheck disable=SC2317 # check functions are called through pk_check/pk_reject
# brief.html in a real browser with a real accessibility checker (tests/clients/README.md).
# Usage: web.sh PRESSKIT_BINARY
# Client: Chromium (Debian package chromium), driven by puppeteer-core, running axe-core, both
# from the folder PK_NODE_MODULES (default build/npm-clients/node_modules, relative to the
# working directory), installed by the set-up script with npm ci; exit 77 (skipped) without
# node, Chromium or that folder. PK_WEB_SHOTS=DIR keeps the screenshots (else they go with the
# temporary folder).
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

pk_need_tool node nodejs
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  printf 'skip - chromium is not installed (Debian package chromium)\n'
  exit 77
fi
nm=${PK_NODE_MODULES:-build/npm-clients/node_modules}
for p in puppeteer-core axe-core; do
  if [ ! -f "$nm/$p/package.json" ]; then
    printf 'skip - %s is not installed in %s (see tests/clients/README.md for the npm ci command; PK_NODE_MODULES overrides the folder)\n' "$p" "$nm"
    exit 77
  fi
done
nm=$(cd "$nm" && pwd)
pk_make_kit "${1:-}"
page="$PK_KIT/brief.html"
shots=${PK_WEB_SHOTS:-$PK_TMP/shots}
mkdir -p "$shots"

web_check() { # [--quick] PAGE...
  local q=()
  if [ "$1" = --quick ]; then q=(--quick); shift; fi
  node "$here/web-check.js" "${q[@]}" "$nm" "$chromium" "$shots" "$@"
}

# Broken copies of the fresh page, each in a folder of its own (the check names a page by its
# folder): each must be rejected.
b="$PK_TMP/broken"
broken() { # NAME SED-SCRIPT: a copy of brief.html edited by SED-SCRIPT
  mkdir -p "$b/$1"
  sed "$2" "$page" > "$b/$1/brief.html"
  if cmp -s "$page" "$b/$1/brief.html"; then
    pk_fail "negative control $1 differs from brief.html" "the sed edit did not apply: brief.html's layout changed"
    return 1
  fi
}
broken no-lang 's/ lang="[^"]*"//; s/ xml:lang="[^"]*"//' &&
  pk_reject "the browser check rejects a page without a language (no-lang)" web_check --quick "$b/no-lang/brief.html"
broken wide-element 's|<main id="main">|<main id="main"><div style="width:1600px">wide</div>|' &&
  pk_reject "the browser check rejects a page that scrolls sideways on a phone (wide-element)" web_check --quick "$b/wide-element/brief.html"
broken unnamed-chart 's|<title id="pk-[^"]*">[^<]*</title>||g; s| aria-labelledby="pk-[^"]*"||g; s| aria-describedby="pk-[^"]*"||g' &&
  pk_reject "the browser check rejects charts without a name (unnamed-chart)" web_check --quick "$b/unnamed-chart/brief.html"
broken low-contrast 's|--muted:#595959|--muted:#c8c8c8|' &&
  pk_reject "the browser check rejects muted text too pale to read (low-contrast)" web_check --quick "$b/low-contrast/brief.html"
broken one-drawing 's|\.narrow{display:block}||' &&
  pk_reject "the browser check rejects a phone shown the desktop's drawing (one-drawing)" web_check --quick "$b/one-drawing/brief.html"

# The sample, and real occupations of the 2024 release when ../shared/real-data is there:
# five studies with wider codes (15-1252.00), hourly-only pay (27-2042.00), top-coded wages
# (29-1216.00), a military occupation with almost no data (55-1011.00).
pages=("$page")
# embed.html is a snippet for a CMS page: pasted into a bare page beside the kit's charts, it
# must pass too (images that shrink to a phone, short alt text, a caption that links)
mkdir -p "$PK_TMP/embed/charts"
cp "$PK_KIT"/charts/*.svg "$PK_TMP/embed/charts/"
{ printf '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
  printf '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>A newsroom page</title>\n</head>\n<body>\n<main>\n<h1>A story</h1>\n'
  cat "$PK_KIT/embed.html"
  printf '</main>\n</body>\n</html>\n'; } > "$PK_TMP/embed/brief.html"
pages+=("$PK_TMP/embed/brief.html")
real=${PK_REAL_DATA:-../shared/real-data}
if [ -d "$real" ] && [ -f data/packs/us-2024.json ]; then
  if out=$("$1" batch --data data/packs/us-2024.json --root "$real" --formats html --quiet \
      --only 15-1252.00,27-2042.00,29-1216.00,55-1011.00 --out "$PK_TMP/real" 2>&1); then
    for d in "$PK_TMP"/real/*/; do pages+=("$d/brief.html"); done
    pages+=("$PK_TMP/real/index.html") # the batch's index of them, too
    pk_ok "presskit batch --formats html writes the real occupations' pages and their index"
  else
    pk_fail "presskit batch --formats html writes the real occupations' pages and their index" "$out"
  fi
else
  pk_skip "real occupations: no real data at $real"
fi

out=$(web_check "${pages[@]}" 2>&1)
status=$?
# the sample's page has all ten charts and its figures, as the browser sees them
n_charts=$(grep -c '^<figure class="chart"' "$page")
if [ "$n_charts" -eq 10 ] &&
   printf '%s\n' "$out" | grep -q "^ok - $PK_SOC/brief.html at 390 px, light: 10 charts, each shown once" &&
   printf '%s\n' "$out" | grep -Eq "^ok - $PK_SOC/brief.html at 1280 px, light: [1-9][0-9]{2,} figures on screen"; then
  pk_ok "the browser shows the sample's 10 charts and its figures"
else
  pk_fail "the browser shows the sample's 10 charts and its figures" "$n_charts figures in the file; $(printf '%s\n' "$out" | grep "$PK_SOC/brief.html at" | head -4)"
fi
if [ $status -eq 0 ]; then
  pk_ok "Chromium + axe-core: ${#pages[@]} pages at 390 and 1280 px, light and dark: no WCAG 2.1 AA or best-practice violation, no sideways scrolling, every chart named and drawn once for its screen, every figure on screen"
  printf '%s\n' "$out" | grep -c '^ok' | sed 's/^/    checks passed: /'
else
  pk_fail "Chromium + axe-core on brief.html" "$(printf '%s\n' "$out" | grep -v '^ok' | head -n 40)"
fi

pk_summary
