#!/usr/bin/env bash
# Installs everything `make test` needs beyond Go, from this repository's own
# pinned manifests. Safe to run again: it does nothing when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
for s in scripts/setup-*.sh; do
  [ "$s" = scripts/setup-test.sh ] && continue
  echo "setup: $s"
  "$s"
done
