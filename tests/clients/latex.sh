#!/usr/bin/env bash
# shellcheck disable=SC2317 # check functions are called through pk_check/pk_reject
# cite.bib typesets: Debian's TeX Live runs a two-line document that cites the entries, through
# pdflatex + bibtex (plain.bst) and through pdflatex + biblatex + biber (tests/clients/README.md).
# Usage: latex.sh PRESSKIT_BINARY
# Clients: pdflatex (texlive-latex-base), bibtex (texlive-binaries), biblatex
# (texlive-bibtex-extra, with etoolbox from texlive-latex-recommended) and biber (biber);
# exit 77 (skipped) when one is missing.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

pk_need_tool pdflatex texlive-latex-base
pk_need_tool bibtex texlive-binaries
pk_need_tool biber biber
for sty in biblatex.sty etoolbox.sty; do
  if [ -z "$(kpsewhich "$sty" 2>/dev/null)" ]; then
    printf 'skip - %s is not installed (Debian packages texlive-bibtex-extra, texlive-latex-recommended)\n' "$sty"
    exit 77
  fi
done
pk_make_kit "${1:-}"
# TeX writes its caches (fonts it generates, biber's) into the scratch folder, not $HOME
export TEXMFVAR="$PK_TMP/texmf-var" HOME="$PK_TMP"

# A kit of data sets (no publisher, page URL or compile date): several entries.
mkdir -p "$PK_TMP/ds-data"
cp data/sample/*.json "$PK_TMP/ds-data/"
sed -i '/"url_template"\|"key_template"\|"compiled"\|"publisher": "Singulariki"\|"container"/d' "$PK_TMP/ds-data/sources.json"
ds_ok=0
if out=$("$1" kit --quiet --formats txt --data "$PK_TMP/ds-data" --out "$PK_TMP/ds" "$PK_SOC" 2>&1); then ds_ok=1; fi
# A title with the characters LaTeX's default (OT1) text fonts set as other glyphs: "<", ">" and
# "|" typed as text come out as "¡", "¿" and "—", and biber turns \textless back into "<".
mkdir -p "$PK_TMP/sym-data"
cp "$PK_TMP"/ds-data/*.json "$PK_TMP/sym-data/" # one entry a data set, with its title
sed -i 's/"title": "Working with AI"/"title": "Working <with> AI | 2025"/' "$PK_TMP/sym-data/sources.json"
sym_ok=0
if sym_out=$("$1" kit --quiet --formats txt --data "$PK_TMP/sym-data" --out "$PK_TMP/sym" "$PK_SOC" 2>&1); then sym_ok=1; fi

run_tex() { # DIR JOB: pdflatex that stops at the first error
  (cd "$1" && pdflatex -interaction=nonstopmode -halt-on-error "$2" > "$2.out" 2>&1) && return 0
  grep -A4 '^!' "$1/$2.log" 2>/dev/null | head -n 8
  return 1
}

# bibtex_doc BIB: \cite the entries with plain.bst; pdflatex, bibtex, pdflatex.
bibtex_doc() {
  local d
  d=$(mktemp -d "$PK_TMP/bibtex.XXXXXX")
  cp "$1" "$d/cite.bib"
  printf '\\documentclass{article}\n\\begin{document}\n\\nocite{*}\\bibliographystyle{plain}\\bibliography{cite}\n\\end{document}\n' > "$d/doc.tex"
  run_tex "$d" doc || return 1
  if ! (cd "$d" && bibtex doc > bibtex.out 2>&1); then echo "bibtex failed:"; cat "$d/bibtex.out"; return 1; fi
  if grep -E 'Warning--|error message' "$d/doc.blg"; then return 1; fi
  run_tex "$d" doc || return 1 # the bibliography is set from the .bbl on this run
  check_pdf "$d/doc" "$1"
}

# biber_doc BIB: the same with biblatex and biber.
biber_doc() {
  local d
  d=$(mktemp -d "$PK_TMP/biber.XXXXXX")
  cp "$1" "$d/cite.bib"
  printf '\\documentclass{article}\n\\usepackage[backend=biber]{biblatex}\\addbibresource{cite.bib}\n\\begin{document}\n\\nocite{*}\\printbibliography\n\\end{document}\n' > "$d/doc.tex"
  run_tex "$d" doc || return 1
  if ! (cd "$d" && biber doc > biber.out 2>&1); then echo "biber failed:"; grep -E 'ERROR|WARN' "$d/biber.out"; return 1; fi
  if grep -E 'ERROR|WARN' "$d/biber.out"; then return 1; fi
  run_tex "$d" doc || return 1 # the bibliography is set from the .bbl on this run
  check_pdf "$d/doc" "$1"
}

# The PDF has every entry's title as text, its dashes and arrows typeset (not "--" or "\").
check_pdf() { # JOB BIB
  local job=$1 bib=$2 n entries
  n=$(grep -c '^@' "$bib")
  entries=$(grep -cE '^\\bibitem|^ *\\entry\{' "$job.bbl")
  if [ "$entries" -ne "$n" ]; then echo "$job.bbl has $entries entries, cite.bib $n"; return 1; fi
  command -v pdftotext > /dev/null || return 0
  pdftotext -enc UTF-8 "$job.pdf" "$job.txt" || return 1
  if grep -n -- '--\|\\\|\$' "$job.txt"; then echo "TeX markup reached the page"; return 1; fi
  if [ "$bib" = "$PK_TMP/sym/$PK_SOC/cite.bib" ] && ! tr '\n' ' ' < "$job.txt" | grep -qF -- "Working <with> AI | 2025"; then
    echo "the typeset title is not \"Working <with> AI | 2025\":"; grep -F 'Working' "$job.txt"; return 1
  fi
  if [ "$bib" = "$PK_KIT/cite.bib" ]; then
    for want in "Sound Engineering" "2024–2034" "↔" "“Working with AI”"; do
      if ! tr '\n' ' ' < "$job.txt" | grep -qF -- "$want"; then echo "the typeset entry lacks $want"; cat "$job.txt"; return 1; fi
    done
  fi
}

# Broken copies: the old UTF-8 arrow (pdflatex stops on U+2194), a missing brace.
mkdir -p "$PK_TMP/broken"
b=$PK_TMP/broken
bib=$PK_KIT/cite.bib
sed 's/\$\\leftrightarrow\$/↔/' "$bib" > "$b/utf8-arrow.bib"
sed '$d' "$bib" > "$b/no-closing-brace.bib"
for f in utf8-arrow no-closing-brace; do
  if cmp -s "$bib" "$b/$f.bib"; then
    pk_fail "negative control $f.bib differs from cite.bib" "the sed edit did not apply: cite.bib's layout changed"
  else
    pk_reject "pdflatex + bibtex rejects a broken cite.bib ($f)" bibtex_doc "$b/$f.bib"
    pk_reject "pdflatex + biblatex + biber rejects a broken cite.bib ($f)" biber_doc "$b/$f.bib"
  fi
done

if LC_ALL=C grep -n '[^ -~]' "$bib"; then pk_fail "cite.bib is ASCII" "$(LC_ALL=C grep -n '[^ -~]' "$bib" | head -3)"; else pk_ok "cite.bib is ASCII (LaTeX commands for the rest)"; fi
pk_check "pdflatex + bibtex (plain.bst) typeset cite.bib with no error or warning" bibtex_doc "$bib"
pk_check "pdflatex + biblatex + biber typeset cite.bib with no error or warning" biber_doc "$bib"
if [ "$ds_ok" = 1 ]; then
  pk_check "pdflatex + bibtex typeset a data-set cite.bib ($(grep -c '^@' "$PK_TMP/ds/$PK_SOC/cite.bib") entries)" bibtex_doc "$PK_TMP/ds/$PK_SOC/cite.bib"
  pk_check "pdflatex + biblatex + biber typeset a data-set cite.bib" biber_doc "$PK_TMP/ds/$PK_SOC/cite.bib"
else
  pk_fail "presskit kit writes a kit from a registry without a publisher" "$out"
fi
if [ "$sym_ok" = 1 ] && grep -qF 'Working {$<$}with{$>$} AI {$|$} 2025' "$PK_TMP/sym/$PK_SOC/cite.bib"; then
  pk_check "pdflatex + bibtex set a title's <, > and | as themselves" bibtex_doc "$PK_TMP/sym/$PK_SOC/cite.bib"
  pk_check "pdflatex + biblatex + biber set a title's <, > and | as themselves" biber_doc "$PK_TMP/sym/$PK_SOC/cite.bib"
else
  pk_fail "cite.bib writes a title's <, > and | in math" "${sym_out:-}$(grep -F 'Working' "$PK_TMP/sym/$PK_SOC/cite.bib" 2>/dev/null)"
fi
# The real 2024 pack, when its files are here: every data set the release's kits cite.
root=${PK_REAL_DATA:-../shared/real-data}
if [ -d "$root" ] && "$1" kit --quiet --formats txt --data data/packs/us-2024.json --root "$root" \
  --out "$PK_TMP/real" 29-1141 > /dev/null 2>&1; then
  pk_check "pdflatex + bibtex typeset the real pack's cite.bib (29-1141)" bibtex_doc "$PK_TMP/real/29-1141.00/cite.bib"
  pk_check "pdflatex + biblatex + biber typeset the real pack's cite.bib (29-1141)" biber_doc "$PK_TMP/real/29-1141.00/cite.bib"
else
  pk_skip "the real 2024 release is not in $root: real-pack BibTeX checks"
fi
pk_summary
