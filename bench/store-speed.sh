#!/usr/bin/env bash
# Knowledge base: ingest wire-2016 + kcna-2024 + bbc-2005 into one database on
# one core (taskset -c 0, -j1): articles/s and peak memory (whole process);
# then near-duplicate groups and events before/after merging per corpus, and
# the latency of a timeline query and an FTS search (best of 5 runs, whole
# process, so it includes opening the database).
#
#   bash bench/store-speed.sh [../shared/corpus]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
cargo build --release -q
bin=target/release/attache
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

echo "== per corpus: duplicate groups, events coded -> merged"
for d in wire-2016 kcna-2024 bbc-2005; do
  "$bin" ingest -j1 "$corpus/$d" --db "$work/$d.db" 2>&1 | sed "s/^attache: /$d: /"
done

echo "== all three into one database (one core)"
db="$work/all.db"
/usr/bin/time -f "%e %M" -o "$work/time" taskset -c 0 "$bin" ingest -q -j1 \
  "$corpus/wire-2016" "$corpus/kcna-2024" "$corpus/bbc-2005" --db "$db"
read -r secs kb <"$work/time"
n=$(sqlite3 "$db" 'SELECT count(*) FROM documents' 2>/dev/null || "$bin" docs --db "$db" --limit 10000 --format jsonl | wc -l)
printf 'articles %d  seconds %.2f  articles/s %.0f  peak MB %.1f  db MB %.1f\n' "$n" "$secs" \
  "$(echo "$n / ($secs + 0.0001)" | bc -l)" "$(echo "$kb / 1024" | bc -l)" "$(du -m "$db" | cut -f1)"

best() { # best wall time of 5 runs, in ms
  local b=999999
  for _ in 1 2 3 4 5; do
    local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    local ms=$(( (e - s) / 1000000 )); (( ms < b )) && b=$ms
  done
  echo "$b"
}
echo "== query latency (ms, best of 5, whole process)"
echo "timeline 'United States' China: $(best "$bin" timeline --db "$db" "United States" China --format jsonl --limit 1000)"
echo "timeline 'Kim Jong Un' Russia: $(best "$bin" timeline --db "$db" "Kim Jong Un" Russia --format jsonl --limit 1000)"
echo "events --type CONSULT (1000): $(best "$bin" events --db "$db" --type CONSULT --format jsonl --limit 1000)"
echo "search 'nuclear talks': $(best "$bin" search --db "$db" "nuclear talks" --format jsonl --limit 100)"
echo "search 'election' (100): $(best "$bin" search --db "$db" election --format jsonl --limit 100)"
echo "rows: timeline US-China $("$bin" timeline --db "$db" "United States" China --format jsonl --limit 1000 | wc -l)," \
  "search 'nuclear talks' $("$bin" search --db "$db" "nuclear talks" --format jsonl --limit 100 | wc -l)"
