#!/usr/bin/env bash
# Print the path of the Go compatibility driver (test/contract/go: BeyondTrust's Go client for
# Password Safe, go-client-library-passwordsafe, driving a server), built from the Go module proxy into
# ${PULUMI_BEYONDTRUST_CACHE:-$HOME/.cache/pulumi-beyondtrust}/go-compat/<hash of the sources>/ps-go-driver
# and reused while the driver's sources (main.go, go.mod, go.sum) are unchanged.
#
# Output (stdout, one line): the binary's absolute path (exit 0), or `skipping: <reason>` (exit 0) when
# there is no Go toolchain or the module proxy cannot be reached. Progress goes to stderr.
set -euo pipefail

PROG="ensure-go-compat"
log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
skip() { printf 'skipping: %s\n' "$*"; log "skipping: $*"; exit 0; }

SRC="$(cd "$(dirname "$0")/.." && pwd)/test/contract/go"
CACHE_ROOT="${PULUMI_BEYONDTRUST_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-beyondtrust}"
command -v go >/dev/null 2>&1 || skip "no Go toolchain on PATH (the Go compatibility driver is built with it)"
HASH="$(cat "$SRC/main.go" "$SRC/go.mod" "$SRC/go.sum" | sha256sum | cut -c1-16)"
OUT_DIR="$CACHE_ROOT/go-compat/$HASH"
BIN="$OUT_DIR/ps-go-driver"

if [ -x "$BIN" ]; then
  log "using cached build $BIN"
  printf '%s\n' "$BIN"
  exit 0
fi

mkdir -p "$OUT_DIR"
START=$SECONDS
LOG="$OUT_DIR/build.log"
log "building the Go driver ($(go version | awk '{print $3}')) from $SRC"
if ! (cd "$SRC" && GOFLAGS=-mod=readonly GOWORK=off CGO_ENABLED=0 go build -trimpath -o "$BIN.tmp" .) >"$LOG" 2>&1; then
  if grep -qiE 'dial tcp|proxyconnect|no such host|i/o timeout|connection refused|403 Forbidden|410 Gone' "$LOG"; then
    skip "the Go module proxy is not reachable ($(grep -iE 'dial tcp|no such host|timeout|refused|403|410' "$LOG" | tail -n 1 | cut -c1-160))"
  fi
  tail -n 20 "$LOG" | sed 's/^/    /' >&2
  log "ERROR: go build failed (full log: $LOG)"
  exit 1
fi
mv -f "$BIN.tmp" "$BIN"
log "built $BIN in $((SECONDS - START))s"
printf '%s\n' "$BIN"
