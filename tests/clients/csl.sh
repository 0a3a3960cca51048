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
for p in @citation-js/core @citation-js/plugin-csl; do
  if [ ! -f "$nm/$p/package.json" ]; then
    printf 'skip - %s is not installed in %s (see tests/clients/README.md for the npm ci command; PK_NODE_MODULES overrides the folder)\n' "$p" "$nm"
    exit 77
  fi
done
nm=$(cd "$nm" && pwd)
pk_make_kit "${1:-}"
json="$PK_KIT/cite.json"

csl_check() { # MODE FILE
  node "$here/csl-check.js" "$1" "$nm" "$2" "$PK_KEY" "$PK_TITLE" "$PK_PUBLISHER" "$PK_YEAR" "$PK_URL"
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
if out=$(csl_check render "$json" 2>&1); then
  pk_ok "citeproc-js renders cite.json as APA: bibliography entry has title, $PK_PUBLISHER, $PK_YEAR and URL; citation is ($PK_PUBLISHER, $PK_YEAR)"
  printf '%s\n' "$out" | sed 's/^/    /'
else
  pk_fail "citeproc-js renders cite.json as APA: bibliography entry has title, $PK_PUBLISHER, $PK_YEAR and URL; citation is ($PK_PUBLISHER, $PK_YEAR)" "$out"
fi

pk_summary
