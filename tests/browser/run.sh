#!/usr/bin/env bash
# Builds attache, serves the fixture records on a free loopback port, and runs
# the browser test in Debian's headless Chromium. Screenshots go to
# target/screenshots/. Needs: chromium (apt-get install -y chromium), node + npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
: "${CHROMIUM:=/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "browser test: $CHROMIUM missing (apt-get install -y chromium)" >&2; exit 1; }
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ -z "${ATTACHE_BIN:-}" ]; then
  cargo build -q -p attache-cli
  ATTACHE_BIN="$root/target/debug/attache"
fi
log="$(mktemp)"
"$ATTACHE_BIN" serve --records crates/server/tests/fixtures/records.jsonl --port 0 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q 'http://' "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
base="$(grep -o 'http://[0-9.:]*' "$log" | head -1)"
[ -n "$base" ] || { echo "browser test: server did not start" >&2; cat "$log" >&2; exit 1; }
echo "browser test: server at $base"
BASE_URL="$base" SHOT_DIR="$root/target/screenshots" CHROMIUM="$CHROMIUM" node tests/browser/e2e.mjs
