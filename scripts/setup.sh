#!/usr/bin/env bash
# setup.sh: everything a fresh Debian 12 machine needs, then one job.
#   scripts/setup.sh sample   install missing packages, build, write the sample's press kit to out/
#   scripts/setup.sh test     install missing packages, build (plain and ASan+UBSan), run every test
# Runs as root, or as a user with sudo. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-sample}
case "$mode" in sample|test) ;; *) echo "usage: scripts/setup.sh sample|test" >&2; exit 2 ;; esac

# Build and run: compiler, CMake, the libraries presskit links.
packages=(build-essential cmake pkg-config libcjson-dev libcsv-dev nettle-dev
          libcairo2-dev libfreetype-dev libfontconfig-dev libpng-dev zlib1g-dev fonts-dejavu-core
          libhpdf-dev libharfbuzz-dev libhyphen-dev hyphen-en-us libsqlite3-dev libdeflate-dev
          icc-profiles-free) # sRGB.icc, the PDF's output intent, embedded at build time
# Tests: real clients of the outputs, and the tools the test scripts use.
if [ "$mode" = test ]; then
  packages+=(cmark bibtool libxml2-utils valgrind parallel poppler-utils qpdf sqlite3 python3-pikepdf)
  # tests/pdf/pdfa.py reads the embedded font programs' widths with fontTools
  packages+=(python3-fonttools)
  # tests/escape: python3's csv, html.parser and xml.etree read every output of a hostile record
  packages+=(python3)
  # brief.html in a real browser, with axe-core (clients.web)
  packages+=(chromium)
  # cite.bib typeset by pdflatex through bibtex and through biblatex + biber (clients.latex)
  packages+=(texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber)
  # cpack -G DEB and its Depends (dpkg-shlibdeps; build-essential brings it, named for clarity)
  packages+=(dpkg-dev)
  command -v node > /dev/null || packages+=(nodejs)
  command -v npm > /dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

jobs=$(nproc 2> /dev/null || echo 2)
werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRESSKIT_WERROR=$werror > /dev/null
cmake --build build -j "$jobs"

if [ "$mode" = sample ]; then
  build/presskit kit --out out 27-4014.00
  echo "setup: the press kit for the embedded sample is in out/27-4014.00/"
  exit 0
fi

# The npm clients the tests run (citation-js; puppeteer-core and axe-core, which drive Chromium;
# pdfjs-dist, which reads brief.pdf's structure tree),
# pinned by tests/clients/package-lock.json; installed again when the lock file changes.
if command -v npm > /dev/null &&
   { [ ! -d build/npm-clients/node_modules ] ||
     ! cmp -s tests/clients/package-lock.json build/npm-clients/package-lock.json; }; then
  mkdir -p build/npm-clients
  cp tests/clients/package.json tests/clients/package-lock.json build/npm-clients/
  npm ci --prefix build/npm-clients --no-audit --no-fund --loglevel=error > /dev/null ||
    echo "setup: npm ci failed; the CSL-JSON client test will report itself skipped" >&2
fi

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer: leaks and UB fail it.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPRESSKIT_SANITIZE=ON -DPRESSKIT_WERROR=$werror > /dev/null
cmake --build build-asan -j "$jobs"

status=0
echo "== tests (release build) =="
(cd build && ctest --output-on-failure -j "$jobs") || status=1
echo "== tests (ASan + UBSan build) =="
(cd build-asan && PK_NODE_MODULES="$PWD/../build/npm-clients/node_modules" \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$jobs") || status=1
exit $status
