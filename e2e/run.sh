#!/usr/bin/env bash
# Run Mayak's browser tests: installs the pinned playwright-core when needed,
# then runs every tests/*.test.js with Node's built-in test runner, one file
# at a time, and exits with its status.
#
# Needs the debug binary (`cargo build -p mayak` in the repository root) or
# MAYAK_BIN=path/to/mayak, and Chromium at /usr/bin/chromium or CHROMIUM=path.
set -uo pipefail

# Relative paths given by the caller are taken from the caller's directory.
for var in MAYAK_BIN CHROMIUM; do
  val="${!var:-}"
  if [ -n "$val" ] && [ "${val#/}" = "$val" ]; then
    export "$var=$PWD/$val"
  fi
done

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1

# npm ci only when node_modules is missing or package-lock.json changed.
stamp=node_modules/.package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund || exit 1
  echo "$want" > "$stamp"
fi

node --test --test-concurrency=1 tests/
exit $?
