#!/usr/bin/env bash
# shellcheck disable=SC2317 # check functions are called through pk_check/pk_reject
# cite.bib is read by real BibTeX tooling (tests/clients/README.md).
# Usage: bibtex.sh PRESSKIT_BINARY
# Client: bibtool (Debian package bibtool); exit 77 (skipped) without it.
# Optional extra client: BibTeX itself (Debian package texlive-binaries,
# plain.bst from texlive-base), used when installed, else reported skipped.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

pk_need_tool bibtool bibtool
pk_make_kit "${1:-}"
bib="$PK_KIT/cite.bib"

# bibtool, run hermetically: no user or project resource file (~/.bibtoolrsc,
# ./.bibtoolrsc, $BIBTOOLRSC) changes how it reads or prints.
bibtool_run() {
  (cd "$PK_TMP" && HOME="$PK_TMP" BIBTOOLRSC='' bibtool "$@")
}

# Field names of a .bib file, one per line, lower case, sorted (duplicates kept).
bib_field_names() {
  sed -n 's/^[[:space:]]*\([A-Za-z][A-Za-z0-9_-]*\)[[:space:]]*=.*/\1/p' "$1" |
    tr '[:upper:]' '[:lower:]' | sort
}

# Value of field NAME (outer braces removed) in a file with one field a line.
bib_field() {
  sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*{\\(.*\\)},\\{0,1\\}[[:space:]]*\$/\\1/Ip" "$1" | head -n 1
}

# bib_parse IN OUT: bibtool reads IN and reprints it to OUT, one field a line.
# bibtool repairs what it can and mostly exits 0 even after an ERROR (a missing
# closing brace at end of file exits 0; parse.exit.on.error=on only makes some
# errors exit non-zero), so a parse only counts as clean when bibtool exits 0,
# prints no ERROR or WARNING at all, reprints exactly one entry, and no field
# of IN went missing (its error recovery silently drops text after a stray '}').
bib_parse() {
  local in=$1 out=$2 err rc n
  err=$(bibtool_run -- 'parse.exit.on.error=on' -- 'print.line.length=1000000' \
    -- 'print.indent=2' -- 'print.align=0' -- 'print.align.key=0' \
    -- 'print.use.tab=off' -o "$out" "$in" 2>&1 >/dev/null)
  rc=$?
  if [ "$rc" -ne 0 ]; then echo "bibtool exited $rc: $err"; return 1; fi
  if [ -n "$err" ]; then echo "bibtool complained: $err"; return 1; fi
  n=$(grep -c '^@' "$out")
  if [ "$n" -ne 1 ]; then echo "bibtool reprinted $n entries, expected 1"; return 1; fi
  if [ "$(bib_field_names "$in")" != "$(bib_field_names "$out")" ]; then
    echo "fields read by bibtool differ from the fields written:"
    diff <(bib_field_names "$in") <(bib_field_names "$out")
    return 1
  fi
}

# bib_check FILE: the whole bibtool check; prints what went wrong.
bib_check() {
  local in=$1 out="$PK_TMP/reprint.bib" again="$PK_TMP/reprint2.bib" key f v want
  bib_parse "$in" "$out" || return 1
  key=$(sed -n 's/^@[A-Za-z]*{\([^,]*\),.*/\1/p' "$out")
  if [ "$key" != "$PK_KEY" ]; then echo "key is '$key', expected '$PK_KEY'"; return 1; fi
  if ! head -n 2 "$out" | grep -qi '^@misc{'; then echo "entry type is not @misc"; return 1; fi
  for f in title author year url; do
    case $f in
      title) want=$PK_TITLE ;;
      author) want="{$PK_PUBLISHER}" ;; # brace-protected corporate author
      year) want=$PK_YEAR ;;
      url) want=$PK_URL ;;
    esac
    v=$(bib_field "$out" "$f")
    # A title may be brace-protected against a style's case change.
    if [ "$f" = title ] && [ "$v" = "{$want}" ]; then v=$want; fi
    if [ "$v" != "$want" ]; then echo "$f after bibtool is '$v', expected '$want'"; return 1; fi
  done
  # Every value survives the round trip unchanged (not only the four above).
  while read -r f; do
    if [ "$(bib_field "$in" "$f")" != "$(bib_field "$out" "$f")" ]; then
      echo "field $f changed: '$(bib_field "$in" "$f")' -> '$(bib_field "$out" "$f")'"
      return 1
    fi
  done < <(bib_field_names "$out")
  # bibtool's reprint is a fixed point: reading it again changes nothing.
  bib_parse "$out" "$again" || return 1
  if ! cmp -s "$out" "$again"; then echo "bibtool's reprint is not stable:"; diff "$out" "$again"; return 1; fi
}

# bibtex_check FILE: real BibTeX with plain.bst formats the entry with no
# warning and no error.
bibtex_check() {
  local d="$PK_TMP/bibtex" rc
  rm -rf "$d" && mkdir -p "$d" && cp "$1" "$d/cite.bib" || return 1
  printf '\\relax\n\\citation{%s}\n\\bibstyle{plain}\n\\bibdata{cite}\n' "$PK_KEY" >"$d/t.aux"
  (cd "$d" && HOME="$d" bibtex -terse t >/dev/null 2>&1)
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "bibtex exited $rc:"
    sed -n '/^Database file/,/^You.ve used/p' "$d/t.blg" | grep -v "^You.ve used"
    return 1
  fi
  if grep -E 'Warning--|error message|---line' "$d/t.blg"; then return 1; fi
  if ! grep -qF "\\bibitem{$PK_KEY}" "$d/t.bbl"; then printf "no \\\\bibitem{%s} in t.bbl\\n" "$PK_KEY"; cat "$d/t.bbl"; return 1; fi
  # plain.bst lower-cases a @misc title after its first letter.
  if ! grep -qiF "$PK_TITLE" "$d/t.bbl" || ! grep -qF "$PK_YEAR" "$d/t.bbl"; then
    echo "title or year missing from t.bbl:"; cat "$d/t.bbl"; return 1
  fi
}

# Broken copies of the fresh cite.bib: each must be rejected.
mkdir -p "$PK_TMP/broken"
b="$PK_TMP/broken"
sed '$d' "$bib" >"$b/no-closing-brace.bib"                                # last line is the closing '}'
sed "0,/^[[:space:]]*year[[:space:]]*=.*/s//&\n  year   = {1999},/" "$bib" >"$b/duplicate-field.bib"
sed "0,/^\([[:space:]]*title[[:space:]]*=.*}\),[[:space:]]*\$/s//\1/" "$bib" >"$b/missing-comma.bib"
sed "0,/^\([[:space:]]*title[[:space:]]*=[[:space:]]*{.*}\)\(,[[:space:]]*\)\$/s//\1}\2/" "$bib" >"$b/stray-brace.bib"
for f in no-closing-brace duplicate-field missing-comma stray-brace; do
  if cmp -s "$bib" "$b/$f.bib"; then
    pk_fail "negative control $f.bib differs from cite.bib" "the sed edit did not apply: cite.bib's layout changed"
  else
    pk_reject "bibtool check rejects a broken cite.bib ($f)" bib_check "$b/$f.bib"
  fi
done

pk_check "bibtool reads cite.bib cleanly: key $PK_KEY, title/author/year/url and every other field survive the round trip" bib_check "$bib"

if command -v bibtex >/dev/null 2>&1; then
  for f in no-closing-brace duplicate-field missing-comma; do
    pk_reject "bibtex check rejects a broken cite.bib ($f)" bibtex_check "$b/$f.bib"
  done
  pk_check "bibtex (plain.bst) formats cite.bib with no warning or error" bibtex_check "$bib"
else
  pk_skip "bibtex is not installed (Debian package texlive-binaries): optional check"
fi

pk_summary
