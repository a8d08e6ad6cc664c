#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a bounded time each
# (FUZZTIME, default 10s), one after the other: `go test -fuzz` takes one
# target at a time. A crasher is written by Go to the package's
# testdata/fuzz/<Target>/ and from then on runs as a regression case in
# plain `go test`; commit it with the fix. Exits non-zero if any target
# failed, after running them all.
#
#   make fuzz                      # every target, 10s each
#   FUZZTIME=1m make fuzz
#   scripts/fuzz.sh ./ingest/...   # only these packages
set -uo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
FUZZTIME=${FUZZTIME:-10s}
# Minimizing a new input can stall a short run for a minute (the default);
# crashers are still minimized for up to this long.
MINIMIZE=${FUZZMINIMIZETIME:-5s}
pkgs=("$@")
[ ${#pkgs[@]} -eq 0 ] && pkgs=(./...)

failed=()
ran=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pkg in $($GO list "${pkgs[@]}"); do
  targets=$($GO test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
  for t in $targets; do
    ran=$((ran + 1))
    echo "fuzz: $pkg $t ($FUZZTIME)"
    ok=0
    for attempt in 1 2 3; do
      if $GO test -run '^$' -fuzz "^$t\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$MINIMIZE" "$pkg" >"$log" 2>&1; then
        ok=1
        break
      fi
      # Go's fuzzing engine can end a run with a bare "context deadline
      # exceeded" when the time runs out while it is minimizing a new
      # interesting input: no input failed and none was written. That is
      # the engine's, not the target's, so the run is tried again; any
      # other failure (a crasher is written to testdata/fuzz) counts.
      if grep -q 'Failing input written to' "$log" || ! grep -q 'context deadline exceeded' "$log"; then
        break
      fi
      echo "fuzz: $pkg $t stopped by the engine's deadline with no failing input; again ($attempt)"
    done
    [ $ok -eq 1 ] || failed+=("$pkg $t")
    grep '^fuzz: elapsed' "$log" | tail -n 1
    grep -v '^fuzz: elapsed' "$log" | tail -n 40
  done
done
echo "fuzz: $ran targets, ${#failed[@]} failed"
for f in "${failed[@]}"; do echo "  FAILED $f"; done
[ ${#failed[@]} -eq 0 ]
