# Shared by bibtex.sh, csl.sh and cmark.sh (sourced, not run).
# Each client script: checks that its client is installed (else exit 77,
# which CTest reports as skipped), writes a fresh kit with the presskit
# binary it is given, runs negative controls (deliberately broken copies the
# check must reject, so it cannot pass vacuously) and then the real checks.
# Output: one "ok - ..." / "FAIL - ..." / "skip - ..." line per check and
# exactly one closing "N passed, N failed" line (optional sub-checks that
# were skipped show only as "skip - ..." lines); exit 1 if anything failed.

# The occupation every client check uses, and what its citation must carry.
# shellcheck disable=SC2034 # used by the scripts that source this file
PK_SOC="27-4014.00"
PK_KEY="singulariki-role-27-4014-00"
PK_TITLE="Sound Engineering Technicians"
PK_PUBLISHER="Singulariki"
PK_YEAR="2026"
PK_URL="https://singulariki.com/roles/role-27-4014-00"

pk_passed=0
pk_failed=0
pk_skipped=0

pk_ok() { pk_passed=$((pk_passed + 1)); printf 'ok - %s\n' "$1"; }
pk_fail() {
  pk_failed=$((pk_failed + 1))
  printf 'FAIL - %s\n' "$1"
  if [ -n "${2:-}" ]; then printf '%s\n' "$2" | sed 's/^/    /' | head -n 20; fi
}
pk_skip() { pk_skipped=$((pk_skipped + 1)); printf 'skip - %s\n' "$1"; }

# pk_check NAME CMD...: pass when CMD exits 0; its output is shown on failure.
pk_check() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then pk_ok "$name"; else pk_fail "$name" "$out"; fi
}

# pk_reject NAME CMD...: negative control, pass when CMD exits non-zero.
pk_reject() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    pk_fail "$name" "the check accepted a broken file:
$out"
  else
    pk_ok "$name"
    # PK_VERBOSE=1 shows why the broken copy was rejected.
    if [ -n "${PK_VERBOSE:-}" ]; then printf '%s\n' "$out" | sed 's/^/    # /' | head -n 8; fi
  fi
}

# pk_need_tool TOOL DEBIAN_PACKAGE: exit 77 (skipped) when TOOL is missing.
pk_need_tool() {
  if ! command -v "$1" >/dev/null 2>&1; then
    printf 'skip - %s is not installed (Debian package %s)\n' "$1" "$2"
    exit 77
  fi
}

# pk_make_kit PRESSKIT_BINARY: writes a fresh kit under a private temp folder
# (removed on exit) and sets PK_TMP and PK_KIT (the kit folder).
pk_make_kit() {
  local bin=$1 out
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    printf 'FAIL - presskit binary not given or not executable: %s\n' "${bin:-<none>}"
    printf '0 passed, 1 failed\n'
    exit 1
  fi
  PK_TMP=$(mktemp -d "${TMPDIR:-/tmp}/pk-clients.XXXXXX")
  trap 'rm -rf "$PK_TMP"' EXIT
  PK_KIT="$PK_TMP/kit/$PK_SOC"
  if out=$("$bin" kit --out "$PK_TMP/kit" "$PK_SOC" 2>&1) && [ -d "$PK_KIT" ]; then
    pk_ok "presskit kit --out DIR $PK_SOC writes $PK_SOC/"
  else
    pk_fail "presskit kit --out DIR $PK_SOC writes $PK_SOC/" "$out"
    pk_summary
  fi
}

# pk_summary: closing line and exit status.
pk_summary() {
  printf '%d passed, %d failed\n' "$pk_passed" "$pk_failed"
  [ "$pk_failed" -eq 0 ] && exit 0
  exit 1
}
