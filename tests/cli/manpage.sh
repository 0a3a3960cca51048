#!/usr/bin/env bash
# manpage.sh PRESSKIT: docs/presskit.1 covers what the binary's help names: every command, every
# option of `presskit --help` and of each `presskit COMMAND --help`, every exit code and every
# output file the kit's help lists. A new option without a line in the man page fails here.
set -u
pk=$1
here=$(cd "$(dirname "$0")" && pwd)
man=$here/../../docs/presskit.1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The man page as plain words: \- is a hyphen, font changes and \e go, \(dq is a quote.
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(dq/"/g' -e 's/\\e/\\/g' -e 's/\\(mu/x/g' "$man")
in_man() { # WORD: the word stands alone in the man page (not as part of a longer option)
  grep -qE -- "(^|[^A-Za-z0-9-])$(printf '%s' "$1" | sed 's/[.]/\\./g')([^A-Za-z0-9-]|\$)" <<<"$text"
}

top=$("$pk" --help) || { bad "presskit --help exits non-zero"; top=; }
commands=$(sed -n '/^Commands:/,/^$/p' <<<"$top" | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$commands" ] || bad "no commands found in presskit --help"
helps=$top
for c in $commands; do
  if grep -qE "^\.(B|TP)? ?\.?B $c( |\$)|^\.B presskit $c( |\$)" "$man" && in_man "$c"; then ok; else bad "command $c is not in the man page"; fi
  h=$("$pk" "$c" --help) || bad "presskit $c --help exits non-zero"
  h2=$("$pk" help "$c") || bad "presskit help $c exits non-zero"
  [ "$h" = "$h2" ] && ok || bad "presskit help $c differs from presskit $c --help"
  helps+=$'\n'$h
done

# every option: -x and --long-name where help text names one
options=$(grep -oE -- '(^|[ ,(`])(-[A-Za-z]|--[a-z][a-z0-9-]*)([ ,=)`]|$)' <<<"$helps" |
  sed -E 's/^[ ,(`]//; s/[ ,=)`]$//' | sort -u)
n=0
for opt in $options -- ; do
  n=$((n + 1))
  if in_man "$opt"; then ok; else bad "option $opt (in --help) is not in the man page"; fi
done
[ "$n" -ge 20 ] && ok || bad "only $n options found in the help texts: the parse is broken"

# every exit code of --help, in EXIT STATUS
codes=$(sed -n '/^Exit status:/,$p' <<<"$top" | sed -n 's/^  \([0-9]\)  .*/\1/p')
exit_section=$(sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$man")
for code in $codes; do
  if grep -qx "\.B $code" <<<"$exit_section"; then ok; else bad "exit code $code is not in the man page's EXIT STATUS"; fi
done
[ "$(wc -w <<<"$codes")" -ge 5 ] && ok || bad "expected exit codes 0-4 in presskit --help, got: $codes"

# every file a kit holds (kit --help), in the man page
files=$("$pk" kit --help | grep -oE '[a-z][a-z0-9@-]*\.(pdf|txt|bib|ris|json|md|csv|html|png)' | sort -u)
for f in $files; do
  if in_man "$f"; then ok; else bad "file $f (in kit --help) is not in the man page"; fi
done
for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
  grep -qx "\.SH \"\\{0,1\\}$s\"\\{0,1\\}" "$man" && ok || bad "the man page has no $s section"
done
# groff reads it without a warning, when groff is here
if command -v groff > /dev/null; then
  w=$(groff -man -ww -z "$man" 2>&1)
  [ -z "$w" ] && ok || bad "groff warns: $w"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
