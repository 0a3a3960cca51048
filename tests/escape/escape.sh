#!/usr/bin/env bash
# escape.sh PRESSKIT: every text of every output through the escaper of its format (issue 17,
# item 2). hostile.py puts markup of every output format (HTML, SVG, Markdown, TeX/BibTeX, RIS,
# CSV) into every text field of the sample that presskit accepts (title, description, tasks,
# alternate titles, technology, related titles, study labels, source titles and publishers, the
# publication, the citation key template, ...); a batch makes the kit and the index; check.py
# compares each output with the same output of the plain sample: well-formed (xmllint, cmark,
# bibtool, python's csv), the same markup, and the hostile text in it as text.
set -u
pk=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for tool in python3 xmllint cmark bibtool; do
  command -v "$tool" > /dev/null || { echo "escape.sh: $tool is missing (scripts/setup.sh test installs it)"; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-escape.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
python3 "$here/hostile.py" "$root/data/sample" "$tmp/data" "$pk" || exit 1
"$pk" batch --data "$root/data/sample" --out "$tmp/plain" --jobs 1 --quiet || { echo "FAIL: the plain batch"; exit 1; }
"$pk" batch --data "$tmp/data" --out "$tmp/hostile" --jobs 1 --quiet || { echo "FAIL: the hostile batch"; exit 1; }
python3 "$here/check.py" "$tmp/plain" "$tmp/hostile" 27-4014.00
