#!/usr/bin/env bash
# Installs the headless browser that the explorer's browser tests drive
# (cmd/diplograph/explore_e2e_test.go, web/explore_test.go): Debian's chromium at
# /usr/bin/chromium. Idempotent: does nothing when it is already there.
# Set DIPLOGRAPH_SKIP_BROWSER=1 to skip both this and the test.
set -euo pipefail

if [ "${DIPLOGRAPH_SKIP_BROWSER:-}" = 1 ]; then
  echo "setup-explore-test: DIPLOGRAPH_SKIP_BROWSER=1, not installing chromium"
  exit 0
fi
if [ -x /usr/bin/chromium ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "setup-explore-test: /usr/bin/chromium is missing; as root run: apt-get install -y chromium" >&2
    exit 1
  fi
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# fonts-liberation gives the page's sans-serif text metric-compatible
# glyphs, so screenshots read the same on every machine.
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "setup-explore-test: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
