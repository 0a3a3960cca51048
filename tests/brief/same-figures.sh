#!/usr/bin/env bash
# same-figures.sh PRESSKIT: brief.pdf, brief.md and brief.html, three renderers of one brief
# tree, show the same figures (same-figures.js says how it compares them), for the sample and,
# when ../shared/real-data is there, real occupations of the 2024 release: a combined code with
# top-coded pay (11-1011.00), five studies with wider codes (15-1252.00), hourly-only pay
# (27-2042.00). Broken copies (one number changed in one renderer) must be caught.
set -u
pk=$1
for tool in node pdftotext; do
  command -v $tool > /dev/null || { echo "skip - $tool missing (scripts/setup.sh test installs it)"; exit 77; }
done
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-same.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { fail=$((fail + 1)); echo "FAIL - $*"; }
export SOURCE_DATE_EPOCH=1767225600

same() { # DIR: the kit folder of one occupation
  pdftotext -layout "$1/brief.pdf" "$1/brief.pdf.txt" &&
    node "$here/same-figures.js" "$1/brief.html" "$1/brief.md" "$1/brief.pdf.txt"
}

"$pk" kit --quiet --formats pdf,md,html --out "$tmp/kit" 27-4014.00 > /dev/null || { bad "presskit kit failed"; echo "$pass passed, $fail failed"; exit 1; }
dirs=("$tmp/kit/27-4014.00")
real=../shared/real-data
if [ -d "$real" ]; then
  if "$pk" kit --quiet --data data/packs/us-2024.json --root "$real" --formats pdf,md,html --out "$tmp/kit" \
      11-1011.00 15-1252.00 27-2042.00 > /dev/null 2>&1; then
    dirs+=("$tmp/kit/11-1011.00" "$tmp/kit/15-1252.00" "$tmp/kit/27-2042.00")
  else
    bad "presskit kit of the real occupations failed"
  fi
else
  echo "skip - real occupations: no real data at $real"
fi
for d in "${dirs[@]}"; do
  if out=$(same "$d" 2>&1); then ok "$(basename "$d"): the PDF, brief.md and brief.html show the same figures"
  else bad "$(basename "$d"): the renderers differ"; printf '%s\n' "$out" | grep -v '^ok' | sed 's/^/    /' | head -20; fi
done

# broken copies of the sample: each must be caught
s=$tmp/kit/27-4014.00
broken() { # NAME FILE SED
  mkdir -p "$tmp/b/$1" && cp "$s"/brief.html "$s"/brief.md "$s"/brief.pdf.txt "$tmp/b/$1/" &&
    sed -i "$3" "$tmp/b/$1/$2"
  if cmp -s "$s/$2" "$tmp/b/$1/$2"; then bad "negative control $1: the edit did not apply"; return; fi
  if node "$here/same-figures.js" "$tmp/b/$1/brief.html" "$tmp/b/$1/brief.md" "$tmp/b/$1/brief.pdf.txt" > /dev/null 2>&1
  then bad "a broken copy passed: $1"; else ok "a broken copy is caught: $1"; fi
}
broken md-median brief.md 's/\$66,430/$66,431/g'
broken html-figure brief.html 's/data-claim="wages.p90">\$134,980/data-claim="wages.p90">$134,990/'
broken pdf-extra brief.pdf.txt 's/\$66,430/$66,430 and $12,345/'
broken html-minus brief.html 's|data-claim="outlook.change">-1.7%|data-claim="outlook.change">\xE2\x88\x921.7%|'
broken md-number brief.md '0,/1,200/s/1,200/1,300/'
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
