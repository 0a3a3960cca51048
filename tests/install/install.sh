#!/usr/bin/env bash
# install.sh BUILD_DIR SOURCE_DIR [SANITIZE]: presskit installs like a C tool. cmake --install into
# a temporary prefix (and with DESTDIR) puts every file where GNUInstallDirs says; the installed
# binary makes a kit from another folder; libpresskit has its SONAME and exports only its API; the
# header stands alone; docs/example/embed.c builds through pkg-config against the prefix, shared
# and static, and runs. SANITIZE=ON: the library is built with ASan+UBSan, so is the example.
set -u
build=$1 src=$(cd "$2" && pwd) sanitize=${3:-OFF}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@" > "$tmp/out" 2>&1; then ok; else bad "$what"; sed 's/^/    /' "$tmp/out" | head -20; fi; }

prefix=$tmp/prefix
check "cmake --install --prefix" cmake --install "$build" --prefix "$prefix"
libdir=$(cd "$prefix" && ls -d lib*/libpresskit.so.0 2>/dev/null | head -1 | xargs -r dirname)
[ -n "$libdir" ] && ok || { bad "no lib*/libpresskit.so.0 under the prefix"; libdir=lib; }
for f in bin/presskit share/man/man1/presskit.1 include/presskit/presskit.h \
    "$libdir/libpresskit.so" "$libdir/libpresskit.a" "$libdir/pkgconfig/presskit.pc" \
    share/presskit/templates/default.json share/presskit/templates/newsroom-a4.json \
    share/presskit/templates/factsheet.json share/presskit/templates/tribune-logo.png \
    share/presskit/packs/us-2024.json share/doc/presskit/README.md share/doc/presskit/library.md \
    share/doc/presskit/kit.md share/doc/presskit/example/embed.c; do
  [ -e "$prefix/$f" ] && ok || bad "$f is not installed"
done
[ -x "$prefix/bin/presskit" ] && ok || bad "bin/presskit is not executable"
grep -q "^prefix=$prefix\$" "$prefix/$libdir/pkgconfig/presskit.pc" && ok ||
  bad "presskit.pc does not name the prefix: $(grep ^prefix= "$prefix/$libdir/pkgconfig/presskit.pc")"

# DESTDIR: the same tree under it, and presskit.pc names the prefix without it
check "DESTDIR=... cmake --install" env DESTDIR="$tmp/dest" cmake --install "$build" --prefix /opt/pk
[ -x "$tmp/dest/opt/pk/bin/presskit" ] && [ -f "$tmp/dest/opt/pk/share/man/man1/presskit.1" ] && ok ||
  bad "DESTDIR install lacks bin/presskit or the man page"
grep -q '^prefix=/opt/pk$' "$tmp/dest/opt/pk/$libdir/pkgconfig/presskit.pc" && ok ||
  bad "DESTDIR's presskit.pc does not say prefix=/opt/pk"

# the installed binary, from another folder: built-in sample and templates, fonts by fontconfig
mkdir -p "$tmp/elsewhere"
(cd "$tmp/elsewhere" && "$prefix/bin/presskit" --version) | grep -q '^presskit [0-9]' && ok || bad "presskit --version"
if (cd "$tmp/elsewhere" && "$prefix/bin/presskit" kit --quiet --layout newsroom-a4 --out kits 27-4014.00); then
  for f in brief.pdf kit.txt cite.bib brief.md data.csv charts/wages.svg share.png manifest.json; do
    [ -s "$tmp/elsewhere/kits/27-4014.00/$f" ] && ok || bad "the installed binary's kit lacks $f"
  done
else
  bad "the installed binary cannot make the sample's kit from another folder"
fi
# the installed pack manifest, over the real files when they are here
real=$src/../shared/real-data
if [ -d "$real" ]; then
  (cd "$tmp/elsewhere" && "$prefix/bin/presskit" record --data "$prefix/share/presskit/packs/us-2024.json" \
    --root "$real" 27-4014 > rec.json) && grep -q '"Sound Engineering Technicians"' "$tmp/elsewhere/rec.json" && ok ||
    bad "the installed pack manifest does not read the real release"
fi

# libpresskit: the SONAME, only the API exported
so=$prefix/$libdir/libpresskit.so
readelf -d "$so" | grep -q 'Library soname: \[libpresskit.so.0\]' && ok || bad "no SONAME libpresskit.so.0"
others=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRW]$/ {print $3}' | grep -v '^presskit_')
[ -z "$others" ] && ok || bad "libpresskit.so exports more than presskit_*: $(echo $others | head -c 300)"
n_api=$(nm -D --defined-only "$so" | awk '$2 == "T" && $3 ~ /^presskit_/' | wc -l)
[ "$n_api" -ge 15 ] && ok || bad "only $n_api presskit_* functions exported"
# every function the header declares is exported
for fn in $(grep -oE '\bpresskit_[a-z_]+\(' "$prefix/include/presskit/presskit.h" | tr -d '(' | sort -u); do
  nm -D --defined-only "$so" | grep -qw "$fn" && ok || bad "$fn is declared but not exported"
done

cc=${CC:-cc}
san=()
[ "$sanitize" = ON ] && san=(-fsanitize=address,undefined)
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
# the header stands alone: C99 and C++, pedantic
check "the header compiles alone (C99)" "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only \
  $(pkg-config --cflags presskit) -x c - <<< '#include <presskit/presskit.h>'
if command -v c++ > /dev/null; then
  check "the header compiles alone (C++)" c++ -Wall -Wextra -Wpedantic -Werror -fsyntax-only \
    $(pkg-config --cflags presskit) -x c++ - <<< '#include <presskit/presskit.h>'
fi

# the example, shared: it needs libpresskit.so.0 and runs with it
ex=$src/docs/example/embed.c
check "cc embed.c \$(pkg-config --cflags --libs presskit)" "$cc" -Wall -Wextra -Werror "${san[@]}" \
  $(pkg-config --cflags presskit) -o "$tmp/embed" "$ex" $(pkg-config --libs presskit)
readelf -d "$tmp/embed" 2>/dev/null | grep -q 'NEEDED.*\[libpresskit.so.0\]' && ok || bad "embed does not link libpresskit.so.0"
export LD_LIBRARY_PATH=$prefix/$libdir
if (cd "$tmp/elsewhere" && "$tmp/embed" 27-4014.00 ex > embed.out 2> embed.err); then
  grep -q '^wrote [0-9]* files to ex/27-4014.00/ (Sound Engineering Technicians)' "$tmp/elsewhere/embed.out" && ok ||
    bad "embed's output: $(cat "$tmp/elsewhere/embed.out")"
  [ -s "$tmp/elsewhere/ex/27-4014.00/brief.pdf" ] && [ -s "$tmp/elsewhere/ex/27-4014.00/cite.bib" ] && ok ||
    bad "embed wrote no brief.pdf or cite.bib"
  [ ! -s "$tmp/elsewhere/embed.err" ] && ok || bad "embed reported problems: $(cat "$tmp/elsewhere/embed.err")"
else
  bad "embed 27-4014.00 failed: $(cat "$tmp/elsewhere/embed.err")"
fi
# errors come back through the API, with their kind, and the library prints nothing itself
(cd "$tmp/elsewhere" && "$tmp/embed" 99-9999.00 ex > bad.out 2> bad.err)
rc=$?
[ $rc -eq 1 ] && ok || bad "embed with an unknown code exits $rc, not 1"
grep -q '^embed: data/sample/: error: no occupation 99-9999.00 in this data .* (kind 1)$' "$tmp/elsewhere/bad.err" && ok ||
  bad "the API's message: $(cat "$tmp/elsewhere/bad.err")"
[ "$(grep -vc '^embed: ' "$tmp/elsewhere/bad.err")" = 0 ] && ok || bad "something but embed printed: $(cat "$tmp/elsewhere/bad.err")"
(cd "$tmp/elsewhere" && "$tmp/embed" --data /no/such/folder x > /dev/null 2> io.err)
rc=$?
[ $rc -eq 3 ] && grep -q '(kind 3)$' "$tmp/elsewhere/io.err" && ok || bad "embed with missing data: exit $rc, $(cat "$tmp/elsewhere/io.err")"
unset LD_LIBRARY_PATH

# the example, static: libpresskit.a and what pkg-config --static names
check "cc embed.c against libpresskit.a (pkg-config --static)" "$cc" -Wall -Wextra -Werror "${san[@]}" \
  $(pkg-config --cflags presskit) -o "$tmp/embed-static" "$ex" \
  $(pkg-config --static --libs presskit | sed 's/-lpresskit\b/-l:libpresskit.a/')
if readelf -d "$tmp/embed-static" 2>/dev/null | grep -q 'libpresskit'; then bad "the static embed needs libpresskit.so"; else ok; fi
(cd "$tmp/elsewhere" && "$tmp/embed-static" 27-4014.00 ex-static > /dev/null 2> static.err) &&
  [ -s "$tmp/elsewhere/ex-static/27-4014.00/brief.pdf" ] && ok || bad "the static embed failed: $(cat "$tmp/elsewhere/static.err")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
