#!/usr/bin/env bash
# shellcheck disable=SC2317 # check functions are called through pk_check/pk_reject
# cite.json is read by a real CSL processor (tests/clients/README.md).
# Usage: csl.sh PRESSKIT_BINARY
# Client: citation-js (@citation-js/core + @citation-js/plugin-csl, which runs
# citeproc-js) from the folder PK_NODE_MODULES (default
# build/npm-clients/node_modules, relative to the working directory), installed
# by the set-up script with npm ci; exit 77 (skipped) without node or without
# that folder.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

pk_need_tool node nodejs
nm=${PK_NODE_MODULES:-build/npm-clients/node_modules}
for p in @citation-js/core @citation-js/plugin-csl @citation-js/plugin-ris; do
  if [ ! -f "$nm/$p/package.json" ]; then
    printf 'skip - %s is not installed in %s (see tests/clients/README.md for the npm ci command; PK_NODE_MODULES overrides the folder)\n' "$p" "$nm"
    exit 77
  fi
done
nm=$(cd "$nm" && pwd)
pk_make_kit "${1:-}"
json="$PK_KIT/cite.json"

csl_check() { # MODE FILE [CITE_APA [CITE_RIS]]
  node "$here/csl-check.js" "$1" "$nm" "$2" "$PK_KEY" "$PK_TITLE" "$PK_PUBLISHER" "$PK_YEAR" "$PK_URL" "${3:-}" "${4:-}"
}
# A kit of data sets (no publisher, page URL or compile date): every item, any ids.
many_check() { # MODE CITE_JSON CITE_APA [CITE_RIS]
  node "$here/csl-check.js" "$1" "$nm" "$2" - - - - - "$3" "${4:-}"
}

# Broken copies of the fresh cite.json (presskit writes one field a line):
# each must be rejected.
b="$PK_TMP/broken"
mkdir -p "$b"
head -c "$(($(wc -c <"$json") / 2))" "$json" >"$b/truncated-json.json"
sed 's/"issued": *{[^}]*}/"issued": "2026"/' "$json" >"$b/date-as-string.json"
sed 's/"author": *\[[^]]*\]/"author": "Singulariki"/' "$json" >"$b/author-as-string.json"
sed 's/"type": *"webpage"/"type": "web-page"/' "$json" >"$b/unknown-type.json"
sed '/"id":/d' "$json" >"$b/missing-id.json"
sed 's/"URL":/"url":/' "$json" >"$b/lower-case-url-field.json"
# Valid CSL-JSON with the wrong title: only the rendering assertions catch it.
sed 's/"title": *"[^"]*"/"title": "Some Other Occupation"/' "$json" >"$b/wrong-title.json"
for f in truncated-json date-as-string author-as-string unknown-type missing-id lower-case-url-field wrong-title; do
  if cmp -s "$json" "$b/$f.json"; then
    pk_fail "negative control $f.json differs from cite.json" "the sed edit did not apply: cite.json's layout changed"
  else
    pk_reject "citation-js check rejects a broken cite.json ($f)" csl_check all "$b/$f.json"
  fi
done

pk_check "citation-js reads cite.json as CSL-JSON: one item, id $PK_KEY, no field dropped or rewritten by its CSL cleaner" csl_check parse "$json"
want="bibliography entry has title, $PK_PUBLISHER, $PK_YEAR and URL and is cite-apa.txt; citation is ($PK_PUBLISHER, $PK_YEAR)"
if out=$(csl_check render "$json" "$PK_KIT/cite-apa.txt" 2>&1); then
  pk_ok "citeproc-js renders cite.json as APA: $want"
  printf '%s\n' "$out" | sed 's/^/    /'
else
  pk_fail "citeproc-js renders cite.json as APA: $want" "$out"
fi

# cite-apa.txt says what the reader's tool says, and cite.ris what cite.json says.
sed 's/(2026)/(2025)/' "$PK_KIT/cite-apa.txt" > "$b/wrong-year-apa.txt"
pk_reject "the APA comparison rejects a cite-apa.txt with another year" csl_check apa "$json" "$b/wrong-year-apa.txt"
sed '/^Y2  -/d; /^M1  -/d' "$PK_KIT/cite.ris" > "$b/no-access-date.ris"
pk_reject "the RIS check rejects a cite.ris without its access date" csl_check ris "$json" "$PK_KIT/cite-apa.txt" "$b/no-access-date.ris"
sed 's/^PY  - 2026/PY  - 2025/; s/^DA  - 2026/DA  - 2025/' "$PK_KIT/cite.ris" > "$b/wrong-year.ris"
pk_reject "the RIS check rejects a cite.ris with another year" csl_check ris "$json" "$PK_KIT/cite-apa.txt" "$b/wrong-year.ris"
pk_check "citation-js's RIS reader reads cite.ris as cite.json's item (title, year, access date, URL, site) and renders cite-apa.txt" \
  csl_check ris "$json" "$PK_KIT/cite-apa.txt" "$PK_KIT/cite.ris"

# Without a publisher, page URL and compile date, a kit cites its data sets (APA 7's data-set
# form): the sample's data with the publication block cut down to the access date.
mkdir -p "$PK_TMP/ds-data"
cp data/sample/*.json "$PK_TMP/ds-data/"
node -e 'const f=process.argv[1], fs=require("fs"); const s=JSON.parse(fs.readFileSync(f,"utf8"));
s.publication={accessed: s.publication.accessed}; fs.writeFileSync(f, JSON.stringify(s, null, 2));' "$PK_TMP/ds-data/sources.json"
if out=$("$1" kit --quiet --formats txt --data "$PK_TMP/ds-data" --out "$PK_TMP/ds" "$PK_SOC" 2>&1); then
  k=$PK_TMP/ds/$PK_SOC
  pk_check "data-set citations: citation-js reads cite.json, one dataset item per source, no field rewritten" many_check parse "$k/cite.json" "$k/cite-apa.txt"
  pk_check "data-set citations: citeproc-js's APA of cite.json is cite-apa.txt, reference by reference" many_check apa "$k/cite.json" "$k/cite-apa.txt"
  pk_check "data-set citations: citation-js's RIS reader reads cite.ris as cite.json's items" many_check ris "$k/cite.json" "$k/cite-apa.txt" "$k/cite.ris"
  if grep -qi 'presskit' "$k/cite-apa.txt" "$k/cite.json"; then pk_fail "data-set citations never name the tool" "$(grep -i presskit "$k/cite-apa.txt" | head -3)"; else pk_ok "data-set citations never name the tool"; fi
else
  pk_fail "presskit kit writes a kit from a registry without a publisher" "$out"
fi

# The real 2024 pack, when its files are here: a kit of data sets.
real=data/packs/us-2024.json
root=${PK_REAL_DATA:-../shared/real-data}
if [ -d "$root" ] && out=$("$1" kit --quiet --formats txt --data "$real" --root "$root" --out "$PK_TMP/real" 29-1141 2>&1); then
  k=$PK_TMP/real/29-1141.00
  pk_check "real pack (29-1141): citeproc-js's APA of cite.json is cite-apa.txt" many_check apa "$k/cite.json" "$k/cite-apa.txt"
  pk_check "real pack (29-1141): citation-js's RIS reader reads cite.ris as cite.json's items" many_check ris "$k/cite.json" "$k/cite-apa.txt" "$k/cite.ris"
else
  pk_skip "the real 2024 release is not in $root: real-pack citation checks"
fi

pk_summary
