#!/usr/bin/env bash
# Load test of `attache serve` on loopback with wrk: requests/s and p50/p99
# latency of /api/events, /api/timeline and /api/search at 16 and 64
# connections, over the seeds and wire-2016: by default ingested into a temp
# knowledge base and served with --db (the store); with --records FILE.jsonl,
# extracted records held in memory (MemorySource).
# wrk and the server share this machine's cores; each run is bounded (-d).
#
#   bash bench/serve-load.sh [--records FILE.jsonl | --db FILE.db] [SECONDS]
# Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=db
src=
case "${1:-}" in
  --records) mode=records; src=${2:?}; shift 2 ;;
  --db) src=${2:?}; shift 2 ;;
esac
secs=${1:-10}
command -v wrk >/dev/null || { echo "serve-load: wrk missing (apt-get install -y wrk)" >&2; exit 1; }
cargo build --release -q -p attache-cli
bin=target/release/attache
tmp=$(mktemp -d)
if [ -z "$src" ]; then
  if [ "$mode" = db ]; then
    src=$tmp/kb.db
    "$bin" ingest -q --db "$src" ../shared/seeds ../shared/corpus/wire-2016
  else
    src=$tmp/records.jsonl
    "$bin" extract -q ../shared/seeds ../shared/corpus/wire-2016 -o "$src"
  fi
fi
log=$tmp/serve.log
"$bin" serve "--$mode" "$src" --port 0 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do grep -q 'http://' "$log" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
[ -n "$base" ] || { cat "$log" >&2; exit 1; }
read -r n_events actor < <(python3 - "$base" <<'PY'
import json, sys, urllib.parse, urllib.request
base = sys.argv[1]
ev = json.load(urllib.request.urlopen(base + "/api/events?limit=500"))
actors = json.load(urllib.request.urlopen(base + "/api/actors?limit=1"))["items"]
n = len(ev["items"]) + (0 if ev["next_cursor"] is None else 1)
print(f"{len(ev['items'])}{'+' if ev['next_cursor'] else ''}", urllib.parse.quote(actors[0]["name"]))
PY
)
echo "$(head -1 "$log" | sed 's/^attache: //'); events on the first page of 500: $n_events, top actor: $actor"
printf '%-44s %6s %10s %9s %9s\n' path conns "req/s" "p50 ms" "p99 ms"
for path in "/api/events" "/api/events?type=CONSULT,AGREE&from=2016-01&limit=100" "/api/timeline?a=$actor" "/api/search?q=nuclear%20test"; do
  for c in 16 64; do
    out=$(wrk -t2 -c"$c" -d"${secs}s" --latency "$base$path")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
    printf '%-44s %6d %10.0f %9s %9s\n' "${path:0:44}" "$c" "$rps" "$(ms "$p50")" "$(ms "$p99")"
    grep -q "Non-2xx" <<<"$out" && { echo "serve-load: non-2xx answers on $path" >&2; exit 1; }
  done
done
