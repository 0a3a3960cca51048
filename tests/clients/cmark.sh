#!/usr/bin/env bash
# shellcheck disable=SC2317 # check functions are called through pk_check/pk_reject
# brief.md renders with the CommonMark reference renderer (tests/clients/README.md).
# Usage: cmark.sh PRESSKIT_BINARY
# Client: cmark (Debian package cmark); exit 77 (skipped) without it.
# xmllint (Debian package libxml2-utils) checks the HTML and XML cmark
# produces; without it those checks are reported skipped.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

pk_need_tool cmark cmark
pk_make_kit "${1:-}"
md="$PK_KIT/brief.md"
have_xmllint=0
command -v xmllint >/dev/null 2>&1 && have_xmllint=1

# Each check takes a Markdown file and prints what went wrong.

md_renders() { # cmark exits 0 with non-empty HTML, and no raw HTML was dropped
  local html rc
  html=$(cmark "$1" 2>&1)
  rc=$?
  if [ "$rc" -ne 0 ]; then echo "cmark exited $rc: $html"; return 1; fi
  if [ -z "$html" ]; then echo "cmark rendered nothing"; return 1; fi
  # cmark omits raw HTML by default: the Markdown relies on HTML a safe renderer drops.
  if grep -F 'raw HTML omitted' <<<"$html"; then return 1; fi
}

md_one_h1() { # exactly one <h1>, holding the occupation title
  local h1
  h1=$(cmark "$1" | grep -o '<h1[^>]*>.*</h1>')
  if [ "$(printf '%s' "$h1" | grep -c '<h1')" -ne 1 ]; then echo "expected one <h1>, got:"; echo "${h1:-(none)}"; return 1; fi
  if [ "$h1" != "<h1>$PK_TITLE</h1>" ]; then echo "h1 is $h1, expected <h1>$PK_TITLE</h1>"; return 1; fi
}

md_h2_count() { # at least 10 <h2> sections
  local n
  n=$(cmark "$1" | grep -c '<h2')
  if [ "$n" -lt 10 ]; then echo "$n <h2> sections, expected at least 10"; return 1; fi
}

md_no_escapes() { # no Markdown backslash escape shows up as text
  # A backslash before ASCII punctuation in the HTML is an escape that cmark
  # did not consume (doubled escapes, escapes inside code spans or autolinks).
  # <pre> blocks are left out: a fenced code block shows its text as written
  # (brief.md's BibTeX block rightly contains \&).
  local leaks
  leaks=$(cmark "$1" | perl -0pe 's{<pre\b.*?</pre>}{}gs' | grep -n '\\[][!-/:-@^_`{-~]')
  if [ -n "$leaks" ]; then echo "backslash escapes leaked into the HTML:"; echo "$leaks"; return 1; fi
}

md_valid_utf8() { # --validate-utf8 changes nothing: brief.md is valid UTF-8
  if ! cmp -s <(cmark "$1") <(cmark --validate-utf8 "$1"); then
    echo "cmark --validate-utf8 output differs (invalid UTF-8 replaced by U+FFFD):"
    diff <(cmark "$1") <(cmark --validate-utf8 "$1") | head -n 6
    return 1
  fi
}

xml_wellformed() { # FILE: xmllint finds a well-formed XML document, silently
  local err
  if ! err=$(xmllint --noout --nonet "$1" 2>&1) || [ -n "$err" ]; then echo "xmllint: $err"; return 1; fi
}

md_xml_wellformed() { # cmark's XML rendering (CommonMark AST) is well-formed XML
  cmark --to xml "$1" >"$PK_TMP/brief.xml" || return 1
  xml_wellformed "$PK_TMP/brief.xml"
}

md_html_clean() { # xmllint's HTML parser reads cmark's HTML without an error or warning
  local err
  cmark "$1" >"$PK_TMP/brief.html" || return 1
  if ! err=$(xmllint --html --noout --nonet "$PK_TMP/brief.html" 2>&1) || [ -n "$err" ]; then
    echo "xmllint --html: $err"
    return 1
  fi
}

md_all() {
  local c
  for c in md_renders md_one_h1 md_h2_count md_no_escapes md_valid_utf8; do "$c" "$1" || return 1; done
  if [ "$have_xmllint" -eq 1 ]; then
    md_xml_wellformed "$1" || return 1
    md_html_clean "$1" || return 1
  fi
}

# Broken copies of the fresh brief.md: each must be rejected.
b="$PK_TMP/broken"
mkdir -p "$b"
{ cat "$md"; printf '\nA doubled escape: O\\\\*NET\n'; } >"$b/leaked-escape.md"
# shellcheck disable=SC2016 # literal backticks: a Markdown code span
{ cat "$md"; printf '\nCode span: `O\\*NET`\n'; } >"$b/escape-in-code-span.md"
{ cat "$md"; printf '\n# %s\n' "$PK_TITLE"; } >"$b/second-h1.md"
sed '1s/^# .*/# Some Other Occupation/' "$md" >"$b/wrong-h1.md"
sed 's/^## /### /' "$md" >"$b/no-h2.md"
{ cat "$md"; printf '\nBad byte: \xff\xfe here\n'; } >"$b/invalid-utf8.md"
{ cat "$md"; printf '\n<div class="x">raw HTML</div>\n'; } >"$b/raw-html.md"
controls="leaked-escape escape-in-code-span second-h1 wrong-h1 no-h2 invalid-utf8 raw-html"
if [ "$have_xmllint" -eq 1 ]; then
  { cat "$md"; printf '\nControl character: \001 here\n'; } >"$b/control-char.md"
  controls="$controls control-char"
fi
for f in $controls; do
  if cmp -s "$md" "$b/$f.md"; then
    pk_fail "negative control $f.md differs from brief.md" "the sed edit did not apply: brief.md's layout changed"
  else
    pk_reject "cmark check rejects a broken brief.md ($f)" md_all "$b/$f.md"
  fi
done

pk_check "cmark renders brief.md to HTML (exit 0, no raw HTML dropped)" md_renders "$md"
pk_check "HTML has exactly one <h1>: <h1>$PK_TITLE</h1>" md_one_h1 "$md"
pk_check "HTML has at least 10 <h2> sections" md_h2_count "$md"
pk_check "no Markdown backslash escape (\\*, \\[, ...) leaks into the HTML text" md_no_escapes "$md"
pk_check "brief.md is valid UTF-8 (cmark --validate-utf8 output is identical)" md_valid_utf8 "$md"
if [ "$have_xmllint" -eq 1 ]; then
  cmark --to xml "$md" | head -n 5 >"$PK_TMP/cut.xml"
  pk_reject "xmllint check rejects a cut-off XML document" xml_wellformed "$PK_TMP/cut.xml"
  pk_check "cmark --to xml output is well-formed XML (xmllint --noout)" md_xml_wellformed "$md"
  pk_check "xmllint --html reads the HTML with no error or warning" md_html_clean "$md"
else
  pk_skip "xmllint is not installed (Debian package libxml2-utils): XML and HTML checks"
fi

pk_summary
