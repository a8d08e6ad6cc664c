#!/usr/bin/env bash
# Installs the Cypher linter that store/neo4j's tests run (tools/cypherlint:
# Neo4j's own Cypher front end from npm, pinned by package-lock.json).
# Idempotent: `npm ci` runs only when node_modules is missing or was
# installed from another lock file.
set -euo pipefail
cd "$(dirname "$0")/../tools/cypherlint"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "setup-cypherlint: $tool is not installed (Debian: apt-get install nodejs npm)" >&2
    exit 1
  fi
done

stamp=node_modules/.diplograph-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
   [ -f node_modules/@neo4j-cypher/language-support/package.json ]; then
  exit 0
fi

# The package declares a newer Node than Debian ships; it runs on Node 20
# all the same (the lint tests prove it), so engine warnings are silenced.
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
echo "setup-cypherlint: installed $(node -p "require('./node_modules/@neo4j-cypher/language-support/package.json').version")"
