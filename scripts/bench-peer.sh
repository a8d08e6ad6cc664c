#!/usr/bin/env bash
# bench-peer.sh — diplograph against the benchmark peer (PostGraphile 5 over
# PostgreSQL 15, ../shared/bench/peer), on the same graph: SCALE renamed
# copies of the gold annotations, loaded into the peer by its setup.sh and
# into diplograph by `diplograph import --scale SCALE` (the same copy rule,
# scale.py's). Then the peer's side-by-side.sh: every question of
# bench/peer (both servers' spellings), interleaved, -c 16, one Markdown
# table with req/s, p50/p99 and the ratio ours/peer. `make bench-peer` runs
# it; it is no part of `make test`.
#
#   SCALE      copies of the gold (default 1)
#   PEER_DIR   the peer harness (default ../shared/bench/peer beside the repository)
#   GOLD       the annotations (default the peer's shared/gold)
#   QUERIES    question stems (default every bench/peer/ours/*.graphql)
#   BENCH_C, BENCH_D, BENCH_RUNS   passed to side-by-side.sh (16, 10s, 2)
#   KEEP_UP=1  leave both servers running afterwards
#   OURS_FLAGS more flags for diplograph serve, e.g. "--response-cache 1000"
#              for the table with our cache on (the default is off)
#   OURS_BIN   a diplograph binary to run instead of building this tree's
#              (a before/after comparison: build the other commit's first)
#
# Everything lives under /tmp/peer-pg (the peer's own folder); diplograph
# serves 127.0.0.1:18555 from /tmp/peer-pg/dg-scale$SCALE, imported afresh
# when the scale or the binary's input changed. Processes started here are
# stopped by their pid on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER_DIR="${PEER_DIR:-$ROOT/../shared/bench/peer}"
SCALE="${SCALE:-1}"
GO="${GO:-go}"
BASE=/tmp/peer-pg
OURS_ADDR=127.0.0.1:18555

fail() { echo "bench-peer: $*" >&2; exit 1; }

# -- prerequisites, each with what to do about it
[[ "$SCALE" =~ ^[0-9]+$ ]] && (( SCALE >= 1 && SCALE <= 10000 )) || fail "SCALE must be an integer in 1..10000, got '$SCALE'"
[[ -d "$PEER_DIR" && -x "$PEER_DIR/setup.sh" ]] || fail "no peer harness at $PEER_DIR (set PEER_DIR to shared/bench/peer)"
GOLD="${GOLD:-$(cd "$PEER_DIR/../.." && pwd)/gold}"
[[ -d "$GOLD" ]] || fail "no gold annotations at $GOLD (set GOLD)"
if [[ -z "${PGBIN:-}" ]]; then
  PGBIN=/usr/lib/postgresql/15/bin
  [[ -x "$PGBIN/initdb" ]] || PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
fi
[[ -n "$PGBIN" && -x "$PGBIN/initdb" ]] || fail "PostgreSQL server binaries not found (apt-get install postgresql postgresql-contrib, or set PGBIN)"
PGSHARE="$(dirname "$(dirname "$PGBIN")")"; PGSHARE="/usr/share/postgresql/$(basename "$PGSHARE")"
for ext in pg_trgm unaccent; do
  [[ ! -d "$PGSHARE/extension" || -f "$PGSHARE/extension/$ext.control" ]] || fail "PostgreSQL extension $ext missing (apt-get install postgresql-contrib)"
done
command -v node >/dev/null || fail "node not found (the peer needs Node >= 18 with npm)"
command -v npm >/dev/null || fail "npm not found (the peer needs Node >= 18 with npm)"
command -v python3 >/dev/null || fail "python3 not found (the peer's setup.sh and tables use it)"
command -v curl >/dev/null || fail "curl not found (start.sh waits with it)"
command -v "$GO" >/dev/null || fail "go not found"

# -- the questions: every stem ours has, each with the peer's spelling
if [[ -z "${QUERIES:-}" ]]; then
  QUERIES="$(cd "$ROOT/bench/peer/ours" && ls ./*.graphql | sed 's|^\./||; s|\.graphql$||' | tr '\n' ' ')"
fi

OURS_PID=""
cleanup() {
  if [[ -n "$OURS_PID" && "${KEEP_UP:-0}" != 1 ]]; then
    kill "$OURS_PID" 2>/dev/null && wait "$OURS_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP_UP:-0}" != 1 ]]; then "$PEER_DIR/stop.sh" || true; fi
}
trap cleanup EXIT

# -- the peer
"$PEER_DIR/install.sh"
"$PEER_DIR/setup.sh" "$SCALE" "$GOLD"
# (e) filters dialogues by year; connection-filter offers only indexed
# columns, so the peer gets the index that question needs (setup.sh
# recreates the tables, so this follows every load, before PostGraphile
# reads the schema).
"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 55432 -U postgres kg \
  -c "CREATE INDEX IF NOT EXISTS entity_date_idx ON entity (date)" -c "ANALYZE entity"
"$PEER_DIR/start.sh"

# -- diplograph: build, import the same graph, serve
mkdir -p "$BASE"
if [[ -n "${OURS_BIN:-}" ]]; then
  [[ -x "$OURS_BIN" ]] || fail "OURS_BIN=$OURS_BIN is not an executable"
  BIN="$OURS_BIN"
else
  BIN="$BASE/diplograph"
  (cd "$ROOT" && "$GO" build -o "$BIN" ./cmd/diplograph)
fi
DATA="$BASE/dg-scale$SCALE"
rm -rf "$DATA"
"$BIN" import --data "$DATA" --scale "$SCALE" "$GOLD"
EMPTY="$BASE/empty-corpus"; mkdir -p "$EMPTY"
# shellcheck disable=SC2086
"$BIN" serve --addr "$OURS_ADDR" --data "$DATA" --corpus "$EMPTY" ${OURS_FLAGS:-} >"$BASE/diplograph.log" 2>&1 &
OURS_PID=$!
echo "$OURS_PID" >"$BASE/diplograph.pid"
for _ in $(seq 1 100); do
  kill -0 "$OURS_PID" 2>/dev/null || { tail -20 "$BASE/diplograph.log" >&2; fail "diplograph exited"; }
  curl -fsS -m 2 "http://$OURS_ADDR/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS -m 2 "http://$OURS_ADDR/readyz" >/dev/null || fail "diplograph did not get ready; log: $BASE/diplograph.log"
echo "bench-peer: diplograph pid $OURS_PID serving http://$OURS_ADDR/graphql from $DATA"

# -- side by side
# shellcheck disable=SC2086
PEER_QUERIES="$ROOT/bench/peer/queries" OURS_QUERIES="$ROOT/bench/peer/ours" \
  PEER_NAME=PostGraphile5 OURS_NAME=diplograph \
  "$PEER_DIR/side-by-side.sh" "scale$SCALE" $QUERIES
echo "bench-peer: diplograph RSS $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' "/proc/$OURS_PID/status"), peak $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' "/proc/$OURS_PID/status") (anonymous $(awk '/RssAnon/ {printf "%.1f MiB", $2/1024}' "/proc/$OURS_PID/status"), file-backed $(awk '/RssFile/ {printf "%.1f MiB", $2/1024}' "/proc/$OURS_PID/status"))"
