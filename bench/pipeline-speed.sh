#!/usr/bin/env bash
# Whole-pipeline throughput of `attache extract` on the shared corpora: one core
# (taskset -c 0, -j1), whole process, articles per second and peak memory.
#
#   bash bench/pipeline-speed.sh [../shared/corpus]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
cargo build --release -q
bin=target/release/attache
printf '%-10s %8s %8s %12s %10s\n' corpus articles seconds articles/s "peak MB"
for d in wire-2016 kcna-2024 bbc-2005; do
  t=$(mktemp); out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$t" taskset -c 0 "$bin" extract -q -j1 "$corpus/$d" -o "$out"
  read -r secs kb <"$t"
  n=$(wc -l <"$out"); rm -f "$t" "$out"
  printf '%-10s %8d %8.2f %12.0f %10.1f\n' "$d" "$n" "$secs" "$(echo "$n / ($secs + 0.0001)" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
done
