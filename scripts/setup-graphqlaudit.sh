#!/usr/bin/env bash
# Installs the GraphQL-over-HTTP audit suite that cmd/diplograph's
# TestGraphQLOverHTTPAudit runs against the server (tools/graphqlaudit: the
# graphql-http package's auditServer from npm, pinned exactly by
# package.json and package-lock.json). Idempotent: `npm ci` runs only when node_modules is missing or was
# installed from another lock file.
set -euo pipefail
cd "$(dirname "$0")/../tools/graphqlaudit"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "setup-graphqlaudit: $tool is not installed (Debian: apt-get install nodejs npm)" >&2
    exit 1
  fi
done

stamp=node_modules/.diplograph-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
   [ -f node_modules/graphql-http/package.json ]; then
  exit 0
fi

npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
echo "setup-graphqlaudit: installed $(node -p "require('./node_modules/graphql-http/package.json').version")"
