#!/usr/bin/env bash
# Builds attache, ingests ../shared/seeds and ../shared/corpus/wire-2016 into a
# temp knowledge base, serves it (attache serve --db) on a free loopback port, and runs
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
# The knowledge base: the seeds and the wire-2016 corpus, ingested into a temp db.
: "${SHARED:=$root/../shared}"
[ -d "$SHARED/seeds" ] || { echo "browser test: $SHARED/seeds missing (../shared beside the repo)" >&2; exit 1; }
tmp="$(mktemp -d)"
log="$tmp/serve.log"
"$ATTACHE_BIN" ingest -q --db "$tmp/kb.db" "$SHARED/seeds" "$SHARED/corpus/wire-2016"
token="browser-test-$$"
"$ATTACHE_BIN" serve --db "$tmp/kb.db" --port 0 --token "$token" 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do
  grep -q 'http://' "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
base="$(grep -o 'http://[0-9.:]*' "$log" | head -1)"
[ -n "$base" ] || { echo "browser test: server did not start" >&2; cat "$log" >&2; exit 1; }
echo "browser test: $(head -1 "$log" | sed 's/^attache: //')"
BASE_URL="$base" TOKEN="$token" SHOT_DIR="$root/target/screenshots" CHROMIUM="$CHROMIUM" node tests/browser/e2e.mjs
