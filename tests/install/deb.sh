#!/usr/bin/env bash
# deb.sh BUILD_DIR: `cpack -G DEB` makes a Debian package of the install (bin/presskit, the man
# page, the templates and pack, libpresskit, its header and pkg-config file) that declares what
# it needs, and apt-get would install it on this machine (a simulation: nothing is installed).
# Needs dpkg-deb and dpkg-shlibdeps (Debian's dpkg and dpkg-dev); exit 77 (skipped) without them.
set -u
build=$(cd "$1" && pwd)
for t in cpack dpkg-deb dpkg-shlibdeps; do
  command -v $t > /dev/null || { echo "skip - $t is not installed (Debian packages cmake, dpkg, dpkg-dev)"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! (cd "$build" && cpack -G DEB -B "$tmp/out" > "$tmp/cpack.log" 2>&1); then
  bad "cpack -G DEB failed:"; sed 's/^/    /' "$tmp/cpack.log" | tail -20
  echo "$pass passed, $fail failed"; exit 1
fi
deb=$(ls "$tmp"/out/presskit_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && ok || { bad "no presskit_*.deb in cpack's output: $(ls "$tmp/out")"; echo "$pass passed, $fail failed"; exit 1; }
case ${deb##*/} in presskit_[0-9]*_"$(dpkg --print-architecture)".deb) ok ;; *) bad "file name ${deb##*/}" ;; esac
echo "# ${deb##*/}: $(stat -c %s "$deb") bytes"

dpkg-deb -c "$deb" > "$tmp/list"
awk '{print ($(NF-1) == "->") ? $(NF-2) : $NF}' "$tmp/list" | sed 's|^\./|/|' > "$tmp/files"
for f in /usr/bin/presskit /usr/share/man/man1/presskit.1 /usr/share/presskit/templates/default.json \
    /usr/share/presskit/templates/newsroom-a4.json /usr/share/presskit/templates/factsheet.json \
    /usr/share/presskit/packs/us-2024.json /usr/include/presskit/presskit.h /usr/share/doc/presskit/README.md; do
  grep -qx "$f" "$tmp/files" && ok || bad "$f is not in the package"
done
for re in '/usr/lib[^ ]*/libpresskit\.so\.0\.[0-9.]*$' '/usr/lib[^ ]*/libpresskit\.a$' '/usr/lib[^ ]*/pkgconfig/presskit\.pc$'; do
  grep -qE "^$re" "$tmp/files" && ok || bad "nothing like $re in the package"
done
grep -q 'libpresskit.so.0 -> libpresskit.so.0.' "$tmp/list" && ok || bad "no libpresskit.so.0 symlink"
# the package's pkg-config file names /usr
dpkg-deb -x "$deb" "$tmp/x"
grep -q '^prefix=/usr$' "$tmp"/x/usr/lib*/pkgconfig/presskit.pc && ok || bad "presskit.pc in the package: $(grep ^prefix "$tmp"/x/usr/lib*/pkgconfig/presskit.pc)"

# Depends: the libraries it links (dpkg-shlibdeps) and the data it reads at run time
depends=$(dpkg-deb -f "$deb" Depends)
echo "# Depends: $depends"
for p in libc6 libcairo2 libcjson1 libcsv3 libhpdf-2.3.0 libhyphen0 libharfbuzz-subset0 libnettle8 \
    libfontconfig1 libfreetype6 libpng16-16 libsqlite3-0 libdeflate0 fonts-dejavu-core hyphen-en-us; do
  grep -qE "(^|, )$p( |,|$)" <<< "$depends" && ok || bad "Depends lacks $p"
done
for field in Package Version Architecture Maintainer Description Section; do
  [ -n "$(dpkg-deb -f "$deb" $field)" ] && ok || bad "no $field field"
done

# apt-get would install it with its dependencies (simulated: -s changes nothing)
if command -v apt-get > /dev/null; then
  if apt-get install -s -q "$deb" > "$tmp/apt" 2>&1 && grep -q '^Inst presskit ' "$tmp/apt"; then ok
  else bad "apt-get install -s ./presskit.deb:"; grep -E '^E:|unmet|Depends' "$tmp/apt" | head -10 | sed 's/^/    /'; fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
