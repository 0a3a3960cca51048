#!/usr/bin/env bash
# brief.pdf is read by pdf.js and poppler as a tagged PDF (tests/clients/README.md).
# Usage: pdfjs.sh PRESSKIT_BINARY
# Client: pdf.js (npm pdfjs-dist, legacy build for node) from the folder PK_NODE_MODULES (default
# build/npm-clients/node_modules), installed by the set-up script with npm ci, and poppler's
# pdfinfo -struct-text; exit 77 (skipped) without node, pdfinfo or that folder.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

pk_need_tool node nodejs
pk_need_tool pdfinfo poppler-utils
nm=${PK_NODE_MODULES:-build/npm-clients/node_modules}
if [ ! -f "$nm/pdfjs-dist/package.json" ]; then
  printf 'skip - pdfjs-dist is not installed in %s (see tests/clients/README.md for the npm ci command; PK_NODE_MODULES overrides the folder)\n' "$nm"
  exit 77
fi
nm=$(cd "$nm" && pwd)
pk_make_kit "${1:-}"

# PDF ALT_DIR: getStructTree() on every page, the roles, the Figures' alt texts, every text run
# in an owned MCID or an artifact, and each MCID's text in poppler's pdfinfo -struct-text
pdfjs_check() {
  pdfinfo -struct-text "$1" > "$PK_TMP/struct.txt" 2>&1 || { cat "$PK_TMP/struct.txt"; return 1; }
  node "$here/pdfjs-check.mjs" "$nm" "$1" "$2" "$PK_TMP/struct.txt"
}

# Negative controls: the brief untagged (a template with "pdf": {"tagged": false}), and a
# chart's alt text that is not the brief's Figure's
tpl=$PK_TMP/untagged.json
node -e 'const fs=require("fs"); const t=JSON.parse(fs.readFileSync(process.argv[1],"utf8"));
t.name="untagged"; t.pdf={tagged: false}; fs.writeFileSync(process.argv[2], JSON.stringify(t));' \
  "$here/../../layouts/templates/default.json" "$tpl"
if out=$("$1" kit -q --layout "$tpl" --formats pdf --out "$PK_TMP/untagged" "$PK_SOC" 2>&1); then
  pk_reject "pdf.js + poppler reject the untagged brief (\"pdf\": {\"tagged\": false})" \
    pdfjs_check "$PK_TMP/untagged/$PK_SOC/brief.pdf" "$PK_KIT/charts"
else
  pk_fail "presskit kit writes the untagged brief" "$out"
fi
mkdir -p "$PK_TMP/alts"
cp "$PK_KIT"/charts/*.alt.txt "$PK_TMP/alts/"
sed -i 's/median/middle/' "$PK_TMP/alts/wages.alt.txt"
if cmp -s "$PK_KIT/charts/wages.alt.txt" "$PK_TMP/alts/wages.alt.txt"; then
  pk_fail "negative control wages.alt.txt differs" "the sed edit did not apply"
else
  pk_reject "the check rejects a Figure whose alt text is not its chart's .alt.txt" \
    pdfjs_check "$PK_KIT/brief.pdf" "$PK_TMP/alts"
fi

# poppler's half alone: its -struct-text without the summary paragraph's text
pdfinfo -struct-text "$PK_KIT/brief.pdf" | sed '/"Assemble and operate/d' > "$PK_TMP/no-p.txt"
pk_reject "the check rejects a poppler structure without a paragraph's text" \
  node "$here/pdfjs-check.mjs" "$nm" "$PK_KIT/brief.pdf" "$PK_KIT/charts" "$PK_TMP/no-p.txt"

if out=$(pdfjs_check "$PK_KIT/brief.pdf" "$PK_KIT/charts" 2>&1); then
  pk_ok "pdf.js getStructTree() and poppler -struct-text read brief.pdf's tree"
  printf '%s\n' "$out" | sed 's/^/    /'
else
  pk_fail "pdf.js getStructTree() and poppler -struct-text read brief.pdf's tree" "$out"
fi
pk_summary
