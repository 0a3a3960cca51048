#!/usr/bin/env bash
# tests/errors/run.sh: the error-message corpus (see README.md in this folder).
#
#   bash tests/errors/run.sh PRESSKIT_BINARY
#
# Runs every case under tests/errors/{record,sources,cli,pack,template}, compares the exit code and the
# exact standard error with the case's .expect file (first line: exit code; the rest: stderr),
# prints a diff for each mismatch and ends with one line "N passed, N failed". Exit 0 only if all
# pass.
# Paths in messages are relative to the repository root, so the cases run from there.
set -u

if [ $# -ne 1 ]; then
    echo "usage: bash tests/errors/run.sh PRESSKIT_BINARY" >&2
    exit 2
fi
bin=$1
case $bin in
/*) ;;
*/*) bin=$PWD/$bin ;;
*) bin=$(command -v -- "$bin" || printf '%s' "$bin") ;;
esac
if [ ! -x "$bin" ]; then
    echo "run.sh: $1: not an executable presskit binary" >&2
    exit 2
fi

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)
cd -- "$root" || exit 2

# strerror() texts ("No such file or directory") and sorting must not depend on the locale.
export LC_ALL=C

work=$(mktemp -d "${TMPDIR:-/tmp}/presskit-errors.XXXXXX") || exit 2
trap 'rm -rf -- "$work"' EXIT
trap 'exit 130' INT TERM

# A case that runs longer than this is a hang, reported as a failure (timeout's exit code 124).
limit=20
run_timeout=()
if command -v timeout >/dev/null 2>&1; then run_timeout=(timeout "$limit"); fi

passed=0
failed=0

fail() { # case-name message...
    local name=$1
    shift
    echo "FAIL $name: $*"
    failed=$((failed + 1))
}

# check NAME EXPECT_FILE SCRATCH ARGS...: runs presskit ARGS and compares with EXPECT_FILE, in
# which @TMP@ stands for SCRATCH (the case's own temporary folder).
check() {
    local name=$1 expect=$2 scratch=$3
    shift 3
    local want_rc got_rc
    want_rc=$(head -n 1 -- "$expect")
    case $want_rc in
    '' | *[!0-9]*)
        fail "$name" "first line of $expect must be the exit code, got \"$want_rc\""
        return
        ;;
    esac
    tail -n +2 -- "$expect" >"$work/want.raw"
    local want_text
    want_text=$(cat -- "$work/want.raw"; printf x)
    want_text=${want_text%x}
    printf '%s' "${want_text//@TMP@/$scratch}" >"$work/want"

    ${run_timeout[@]+"${run_timeout[@]}"} "$bin" "$@" </dev/null >"${stdout_to:-$work/stdout}" 2>"$work/stderr"
    got_rc=$?

    local ok=1
    if [ "$got_rc" != "$want_rc" ]; then
        ok=0
        echo "FAIL $name: exit code $got_rc, expected $want_rc"
        if [ "$got_rc" = 124 ] && [ ${#run_timeout[@]} -gt 0 ]; then
            echo "  (presskit did not finish within ${limit}s)"
        elif [ "$got_rc" -ge 128 ]; then
            echo "  (presskit was killed by signal $((got_rc - 128)))"
        fi
    fi
    if ! cmp -s -- "$work/want" "$work/stderr"; then
        [ "$ok" = 1 ] && echo "FAIL $name: standard error differs"
        ok=0
        echo "  command: presskit $*"
        diff -u --label expected --label actual -- "$work/want" "$work/stderr" | sed 's/^/  /'
    fi
    if [ "$ok" = 1 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
}

# 1. Broken records: record/NN-name.json, read with the shared record/sources.json.
for json in tests/errors/record/*.json; do
    [ -e "$json" ] || continue
    base=${json##*/}
    [ "$base" = sources.json ] && continue
    [ -e "${json%.json}.expect" ] || fail "record/${base%.json}" "no ${json%.json}.expect"
done
for expect in tests/errors/record/*.expect; do
    [ -e "$expect" ] || continue
    name=record/$(basename -- "$expect" .expect)
    json=${expect%.expect}.json
    if [ ! -e "$json" ]; then
        fail "$name" "no $json"
        continue
    fi
    check "$name" "$expect" "$work" record --data "$json"
done

# 2. Broken sources registries: sources/NN-name/{sources.json,27-4014.00.json} + NN-name.expect.
for dir in tests/errors/sources/*/; do
    [ -d "$dir" ] || continue
    dir=${dir%/}
    [ -e "$dir.expect" ] || fail "sources/${dir##*/}" "no $dir.expect"
done
for expect in tests/errors/sources/*.expect; do
    [ -e "$expect" ] || continue
    name=sources/$(basename -- "$expect" .expect)
    dir=${expect%.expect}
    if [ ! -e "$dir/27-4014.00.json" ]; then
        fail "$name" "no $dir/27-4014.00.json"
        continue
    fi
    check "$name" "$expect" "$work" record --data "$dir/27-4014.00.json"
done

# 3. Command lines: cli/NN-name.args (one argument a line; @TMP@ is a fresh scratch folder that
# holds "existing-file", which no case may change) + cli/NN-name.expect.
for argsf in tests/errors/cli/*.args; do
    [ -e "$argsf" ] || continue
    [ -e "${argsf%.args}.expect" ] || fail "cli/$(basename -- "$argsf" .args)" "no ${argsf%.args}.expect"
done
for expect in tests/errors/cli/*.expect; do
    [ -e "$expect" ] || continue
    case_name=$(basename -- "$expect" .expect)
    name=cli/$case_name
    argsf=${expect%.expect}.args
    if [ ! -e "$argsf" ]; then
        fail "$name" "no $argsf"
        continue
    fi
    scratch=$work/$case_name
    mkdir -p -- "$scratch"
    printf 'this file must not change\n' >"$scratch/existing-file"
    args=()
    while IFS= read -r line || [ -n "$line" ]; do
        args+=("${line//@TMP@/$scratch}")
    done <"$argsf"
    # NN-name.stdout: where standard output goes instead (/dev/full: a write error)
    stdout_to=
    if [ -e "${expect%.expect}.stdout" ]; then stdout_to=$(head -n 1 -- "${expect%.expect}.stdout"); fi
    before=$failed
    check "$name" "$expect" "$scratch" ${args[@]+"${args[@]}"}
    stdout_to=
    if [ ! -f "$scratch/existing-file" ] ||
        [ "$(cat -- "$scratch/existing-file")" != "this file must not change" ]; then
        # the case already counted as passed or failed once; make it a failure
        if [ "$failed" = "$before" ]; then
            passed=$((passed - 1))
            failed=$((failed + 1))
        fi
        echo "FAIL $name: presskit changed or removed an existing file ($scratch/existing-file)"
    fi
    rm -rf -- "$scratch"
done

# 4. Broken data packs: pack/NN-name/manifest.json (+ the small files it names) + NN-name.expect.
# By default the case runs "check --data pack/NN-name/manifest.json"; an optional NN-name.args
# (one argument a line; @CASE@ is the case folder, @TMP@ its scratch folder) replaces that
# command line. A case folder with a make.sh is copied to the scratch folder and make.sh is run
# there first (for files too big to commit); presskit then reads the copy, so its messages name
# @TMP@/... An optional NN-name.stdout-grep lists lines that must each occur in standard output
# (as a fixed string, anywhere in a line); a line "!TEXT" means TEXT must not occur.
for dir in tests/errors/pack/*/; do
    [ -d "$dir" ] || continue
    dir=${dir%/}
    [ -e "$dir.expect" ] || fail "pack/${dir##*/}" "no $dir.expect"
done
for extra in tests/errors/pack/*.args tests/errors/pack/*.stdout-grep; do
    [ -e "$extra" ] || continue
    base=${extra%.*}
    [ -e "$base.expect" ] || fail "pack/${base##*/}" "$extra has no $base.expect"
done
for expect in tests/errors/pack/*.expect; do
    [ -e "$expect" ] || continue
    case_name=$(basename -- "$expect" .expect)
    name=pack/$case_name
    dir=${expect%.expect}
    if [ ! -f "$dir/manifest.json" ]; then
        fail "$name" "no $dir/manifest.json"
        continue
    fi
    scratch=$work/pack-$case_name
    mkdir -p -- "$scratch"
    casedir=$dir
    if [ -e "$dir/make.sh" ]; then
        cp -R -- "$dir/." "$scratch/"
        (cd -- "$scratch" && PRESSKIT=$bin ${run_timeout[@]+"${run_timeout[@]}"} bash make.sh) \
            >"$work/make.log" 2>&1
        make_rc=$?
        if [ "$make_rc" != 0 ]; then
            fail "$name" "$dir/make.sh exited with status $make_rc"
            sed 's/^/  /' "$work/make.log"
            rm -rf -- "$scratch"
            continue
        fi
        casedir=$scratch
    fi
    args=()
    if [ -e "$dir.args" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            line=${line//@CASE@/$casedir}
            args+=("${line//@TMP@/$scratch}")
        done <"$dir.args"
    else
        args=(check --data "$casedir/manifest.json")
    fi
    before=$failed
    check "$name" "$expect" "$scratch" ${args[@]+"${args[@]}"}
    if [ -e "$dir.stdout-grep" ]; then
        bad=0
        while IFS= read -r line || [ -n "$line" ]; do
            [ -n "$line" ] || continue
            case $line in
            '!'*)
                if grep -qF -- "${line#!}" "$work/stdout"; then
                    echo "FAIL $name: standard output has \"${line#!}\", which it must not"
                    bad=1
                fi
                ;;
            *)
                if ! grep -qF -- "$line" "$work/stdout"; then
                    echo "FAIL $name: standard output lacks \"$line\""
                    bad=1
                fi
                ;;
            esac
        done <"$dir.stdout-grep"
        # the case already counted as passed or failed once; make it a failure
        if [ "$bad" = 1 ] && [ "$failed" = "$before" ]; then
            passed=$((passed - 1))
            failed=$((failed + 1))
        fi
    fi
    rm -rf -- "$scratch"
done

# 5. Templates: template/NN-name/template.json (+ the logo files it names; an optional make.sh
# makes files too big to commit, in a scratch copy of the folder) + NN-name.expect. The command
# is "check --layout .../template.json" unless NN-name.args gives one (@CASE@: the case folder,
# @TMP@: its scratch folder). A refused template (exit not 0) must leave no folder under
# @TMP@/out: kit and batch refuse a template before they make any kit folder.
for dir in tests/errors/template/*/; do
    [ -d "$dir" ] || continue
    dir=${dir%/}
    [ -e "$dir.expect" ] || fail "template/${dir##*/}" "no $dir.expect"
done
for expect in tests/errors/template/*.expect; do
    [ -e "$expect" ] || continue
    case_name=$(basename -- "$expect" .expect)
    name=template/$case_name
    dir=${expect%.expect}
    if [ ! -f "$dir/template.json" ]; then
        fail "$name" "no $dir/template.json"
        continue
    fi
    scratch=$work/template-$case_name
    mkdir -p -- "$scratch"
    casedir=$dir
    if [ -e "$dir/make.sh" ]; then
        mkdir -p -- "$scratch/case"
        cp -R -- "$dir/." "$scratch/case/"
        (cd -- "$scratch/case" && ${run_timeout[@]+"${run_timeout[@]}"} bash make.sh) >"$work/make.log" 2>&1
        make_rc=$?
        if [ "$make_rc" != 0 ]; then
            fail "$name" "$dir/make.sh exited with status $make_rc"
            sed 's/^/  /' "$work/make.log"
            rm -rf -- "$scratch"
            continue
        fi
        casedir=$scratch/case
    fi
    args=()
    if [ -e "$dir.args" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            line=${line//@CASE@/$casedir}
            args+=("${line//@TMP@/$scratch}")
        done <"$dir.args"
    else
        args=(check --layout "$casedir/template.json")
    fi
    before=$failed
    check "$name" "$expect" "$scratch" ${args[@]+"${args[@]}"}
    if [ "$(head -n 1 -- "$expect")" != 0 ] && [ -d "$scratch/out" ] &&
        [ -n "$(find "$scratch/out" -mindepth 1 -type d)" ]; then
        echo "FAIL $name: a refused template left folders in the output: $(find "$scratch/out" -mindepth 1 -type d | head -3 | tr '\n' ' ')"
        if [ "$failed" = "$before" ]; then
            passed=$((passed - 1))
            failed=$((failed + 1))
        fi
    fi
    rm -rf -- "$scratch"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
