#!/usr/bin/env bash
# Print the path of a Python interpreter that has BeyondTrust's Password Safe library
# (beyondtrust-bips-library, module secrets_safe_library) installed, for the compatibility test
# that drives the vendor's own client against our simulator (test/contract/password-safe-python.*).
#
# The interpreter lives in a venv at ${PULUMI_BEYONDTRUST_CACHE:-$HOME/.cache/pulumi-beyondtrust}/python-compat,
# reused when it is complete (a marker file naming the library version is written last). The library
# declares Requires-Python >=3.12 but runs on 3.11 (the machine's python3), so it is installed with
# `pip install --ignore-requires-python`.
#
# Output (stdout, one line):
#   /abs/path/to/python            the venv's interpreter; exit 0
#   skipping: <reason>             no python3, or PyPI could not be reached; exit 0 (callers skip)
# Any other failure (the install or the import check broke) exits non-zero with the reason on stderr.
# Progress goes to stderr.
#
# Environment:
#   PYTHON_COMPAT_PYTHON        interpreter to build the venv from (default: python3)
#   PULUMI_BEYONDTRUST_CACHE    cache root (default $HOME/.cache/pulumi-beyondtrust)
#   PYTHON_COMPAT_REBUILD=1     throw the venv away and build it again (same as --rebuild)
set -euo pipefail

PROG="ensure-python-compat"
LIBRARY="beyondtrust-bips-library"
LIBRARY_VERSION="3.5.1"
log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: ERROR: %s\n' "$PROG" "$*" >&2; exit 1; }
skip() { printf 'skipping: %s\n' "$*"; log "skipping: $*"; exit 0; }

REBUILD="${PYTHON_COMPAT_REBUILD:-}"
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument: $arg (supported: --rebuild)" ;;
  esac
done

CACHE_ROOT="${PULUMI_BEYONDTRUST_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-beyondtrust}"
VENV="$CACHE_ROOT/python-compat"
VENV_PY="$VENV/bin/python"
MARKER="$VENV/.complete-$LIBRARY-$LIBRARY_VERSION"

venv_ready() { [ -f "$MARKER" ] && [ -x "$VENV_PY" ] && "$VENV_PY" -c 'import secrets_safe_library' >/dev/null 2>&1; }

if [ -z "$REBUILD" ] && venv_ready; then
  log "using cached venv $VENV ($LIBRARY $LIBRARY_VERSION)"
  printf '%s\n' "$VENV_PY"
  exit 0
fi

BASE_PY="${PYTHON_COMPAT_PYTHON:-python3}"
command -v "$BASE_PY" >/dev/null 2>&1 || skip "$BASE_PY not found on PATH (the Python compatibility test needs Python >= 3.11)"
"$BASE_PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null \
  || skip "$BASE_PY is $("$BASE_PY" --version 2>&1); $LIBRARY $LIBRARY_VERSION needs Python >= 3.11"
"$BASE_PY" -c 'import venv, ensurepip' >/dev/null 2>&1 \
  || skip "$BASE_PY has no venv/ensurepip module (on Debian: apt-get install python3-venv)"

mkdir -p "$CACHE_ROOT" || die "cannot create cache folder $CACHE_ROOT"
LOCK_FILE="$CACHE_ROOT/python-compat.lock"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$LOCK_FILE"
  if ! flock -n 9; then
    log "another run is building $VENV (lock $LOCK_FILE); waiting for it (up to 10 minutes)..."
    flock -w 600 9 || die "timed out waiting for lock $LOCK_FILE"
  fi
  # Someone else may have finished while we waited.
  if [ -z "$REBUILD" ] && venv_ready; then
    log "using cached venv $VENV (built by a concurrent run)"
    printf '%s\n' "$VENV_PY"
    exit 0
  fi
fi

START=$SECONDS
# An incomplete venv (no marker: an interrupted or failed build) is never patched up: start over.
rm -rf "$VENV"
log "creating venv $VENV with $("$BASE_PY" --version 2>&1)"
"$BASE_PY" -m venv "$VENV" >&2 || die "$BASE_PY -m venv $VENV failed"

PIP_LOG="$VENV/pip-install.log"
log "installing $LIBRARY==$LIBRARY_VERSION from PyPI (--ignore-requires-python: it declares >=3.12)"
# Short timeout and one retry so that a machine without PyPI skips in seconds, not minutes.
if ! "$VENV_PY" -m pip install --disable-pip-version-check --no-input --timeout 30 --retries 1 \
    --ignore-requires-python "$LIBRARY==$LIBRARY_VERSION" >"$PIP_LOG" 2>&1; then
  if grep -qiE 'NewConnectionError|Max retries exceeded|Temporary failure in name resolution|Name or service not known|Network is unreachable|ProxyError|ConnectTimeout|ReadTimeout|Could not find a version that satisfies|No matching distribution found' "$PIP_LOG"; then
    reason="$(grep -iE 'error|warning: retrying' "$PIP_LOG" | tail -n 1 | cut -c1-200)"
    rm -rf "$VENV"
    skip "PyPI is not reachable or has no $LIBRARY==$LIBRARY_VERSION (${reason:-see pip output})"
  fi
  tail -n 20 "$PIP_LOG" | sed 's/^/    /' >&2
  die "pip install $LIBRARY==$LIBRARY_VERSION failed (full log: $PIP_LOG)"
fi

got="$("$VENV_PY" -c "import importlib.metadata as m, secrets_safe_library; print(m.version('$LIBRARY'))" 2>&1)" \
  || die "$LIBRARY installed but 'import secrets_safe_library' fails: $got"
[ "$got" = "$LIBRARY_VERSION" ] || die "installed $LIBRARY is $got, expected $LIBRARY_VERSION"

touch "$MARKER"
log "venv ready in $((SECONDS - START))s: $VENV_PY ($LIBRARY $got)"
printf '%s\n' "$VENV_PY"
