#!/usr/bin/env bash
# lowmem.sh PRESSKIT SANITIZED: presskit under an address-space limit (ulimit -v) at many
# sizes, from where the program can just be loaded to where everything fits: kit (three
# templates), chart, record, check --layout, and batch with one and two workers (the sample and,
# when ../shared/real-data is there, eight occupations of the real pack). Each run either
# succeeds (exit 0, no message) or prints exactly "presskit: error: out of memory" and exits 3
# (docs/reliability.md): never an abort, a sanitizer report, a library's message, a template
# blamed for a font it could not map, or another exit status. A kit folder that had a complete
# kit keeps it whole (every file as it was, no temporary file). Runs the dynamic loader itself
# cannot start (exit 127, before presskit's first line) are not counted. SANITIZED=ON skips the
# test (exit 77): ASan reserves terabytes of address space, so ulimit -v stops it at once.
#
# The runs never write a font cache: fontconfig short of memory cannot read its caches, scans
# the font folders again, cannot open most fonts and writes what it found as the cache, and as
# root that is the system's (/var/cache/fontconfig: every program on the machine then lacks
# DejaVu). So as root the runs are made as nobody (setpriv; without it the test is skipped),
# with HOME and XDG_CACHE_HOME in the scratch folder, and the end checks the fonts still match.
set -u
pk=$1
sanitized=${2:-OFF}
if [ "$sanitized" = ON ]; then
    echo "skip - ulimit -v cannot limit an ASan build"
    exit 77
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
priv=()
if [ "$(id -u)" = 0 ]; then
    if ! command -v setpriv > /dev/null; then
        echo "skip - as root without setpriv (a limited run could rewrite the system font cache)"
        exit 77
    fi
    priv=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pk-lowmem.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
# outputs in w/; the home and cache folders are writable too, as a user's are: fontconfig and
# presskit write their caches there, and the end checks that fontconfig's still finds DejaVu
mkdir -m 777 "$tmp/w" "$tmp/w/home" "$tmp/w/cache"
export LC_ALL=C HOME=$tmp/w/home XDG_CACHE_HOME=$tmp/w/cache
sys_font=$(env -u HOME -u XDG_CACHE_HOME fc-match -f '%{file}' 'DejaVu Sans' 2> /dev/null)
font_before=$(fc-match -f '%{file}' 'DejaVu Sans' 2> /dev/null)
pass=0 fail=0 n_ok=0 n_oom=0 n_skip=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$pk" kit --out "$tmp/ref" 27-4014.00 > /dev/null 2>&1 || bad "reference kit"

# run KB NAME ARGS...: presskit ARGS under a limit of KB kilobytes of address space
run() {
    local kb=$1 name=$2
    shift 2
    (ulimit -v "$kb" && exec ${priv[@]+"${priv[@]}"} "$pk" "$@") > "$tmp/out" 2> "$tmp/err" < /dev/null
    local rc=$?
    if [ $rc = 127 ] && grep -q 'error while loading shared libraries' "$tmp/err"; then
        n_skip=$((n_skip + 1))
        return
    fi
    if [ $rc = 0 ] && ! grep -qi 'error' "$tmp/err"; then
        n_ok=$((n_ok + 1))
        pass=$((pass + 1))
    elif [ $rc = 3 ] && [ "$(cat "$tmp/err")" = "presskit: error: out of memory" ]; then
        n_oom=$((n_oom + 1))
        pass=$((pass + 1))
    else
        bad "$name at ulimit -v $kb: exit $rc, $(head -c 300 "$tmp/err" | tr '\n' '|')"
    fi
}

# kit into a folder that holds a complete kit: what is left is that kit, whole
kit_intact() {
    local kb=$1
    [ -z "$(find "$tmp/w/k" -name '.*tmp*' 2> /dev/null)" ] || bad "kit at $kb: a temporary file is left"
    local f
    for f in $(cd "$tmp/w/k" && find . -type f); do
        cmp -s "$tmp/w/k/$f" "$tmp/ref/$f" || bad "kit at $kb: $f differs from the complete kit"
    done
}

for kb in $(seq 16000 1500 56000); do
    rm -rf "$tmp/w/k" && cp -R "$tmp/ref" "$tmp/w/k" && chmod -R a+rwX "$tmp/w/k"
    run "$kb" kit kit --out "$tmp/w/k" 27-4014.00
    kit_intact "$kb"
    rm -rf "$tmp/w/k2" "$tmp/w/b" "$tmp/w/b2" "$tmp/w/c.png"
    run "$kb" "kit --layout factsheet" kit --layout factsheet --formats pdf --out "$tmp/w/k2" 27-4014.00
    run "$kb" "kit --layout newsroom-a4" kit --layout newsroom-a4 --formats pdf,png --out "$tmp/w/k2" 27-4014.00
    run "$kb" chart chart wages 27-4014.00 -o "$tmp/w/c.png"
    run "$kb" "chart svg" chart quadrant 27-4014.00 -o "$tmp/w/c.svg"
    run "$kb" record record 27-4014.00
    run "$kb" "check --layout" check --layout newsroom-a4
    run "$kb" "batch --jobs 1" batch --out "$tmp/w/b" --jobs 1 -q
    run "$kb" "batch --jobs 2" batch --out "$tmp/w/b2" --jobs 2 -q
done

real=$root/../shared/real-data
if [ -d "$real/onet-29.2" ]; then
    for kb in 60000 75000 85000 95000 140000; do
        rm -rf "$tmp/w/rb"
        run "$kb" "batch of the real pack" batch --data "$root/data/packs/us-2024.json" --root "$real" \
            --out "$tmp/w/rb" --only 27-40 --jobs 2 -q
    done
fi

# as the runs' user (a cache they wrote) and as the system answers (run as root, they must not
# have written the system's)
[ "$(fc-match -f '%{file}' 'DejaVu Sans' 2> /dev/null)" = "$font_before" ] ||
    bad "fontconfig's answer for DejaVu Sans changed in the runs' own cache"
[ "$(env -u HOME -u XDG_CACHE_HOME fc-match -f '%{file}' 'DejaVu Sans' 2> /dev/null)" = "$sys_font" ] ||
    bad "fontconfig's answer for DejaVu Sans changed for the system (run fc-cache -f)"
echo "runs: $n_ok succeeded, $n_oom out of memory, $n_skip not loaded"
# not a test that cannot fail: the limits must have reached both outcomes
[ "$n_ok" -gt 0 ] || bad "no run succeeded: the limits are all too low"
[ "$n_oom" -gt 0 ] || bad "no run ran out of memory: the limits are all too high"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
