#!/usr/bin/env bash
# Time-expression speed, side by side with dateparser (Python), on the 256
# TimeML documents of the TempEval-3 training data: whole processes, one core
# each (taskset -c 0), wall time from date(1) and peak memory from
# /usr/bin/time -f "%e %M". attache's
# process reads, tags and scores; dateparser's reads and searches (its script
# also scores, after the timed loop it reports itself).
#
#   bash bench/time-speed.sh [../shared/bench/timeml-train]
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-../shared/bench/timeml-train}
cargo build --release -q -p attache-cli
bin=${CARGO_TARGET_DIR:-target}/release/attache
docs=$(find "$bench" -name '*.tml' | wc -l)
run() { # label, command...
  local label=$1; shift
  local t; t=$(mktemp)
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%e %M" -o "$t" taskset -c 0 "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  read -r _ kb <"$t"; rm -f "$t"
  # wall time from date(1): /usr/bin/time's %e only has 10 ms steps
  local secs; secs=$(echo "($t1 - $t0) / 1000000000" | bc -l)
  printf '%-11s %7.3f s  %9.1f docs/s  peak %6.1f MB\n' "$label" "$secs" "$(echo "$docs / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
}
echo "$docs TimeML documents, one core, whole process:"
for _ in 1 2 3; do run attache "$bin" eval timeml "$bench"; done
if python3 -c "import dateparser" 2>/dev/null; then
  for _ in 1 2 3; do run dateparser python3 bench/peers/dateparser_timeml.py "$bench"; done
  echo "gold values right (same matching for both):"
  pred=$(mktemp)
  "$bin" eval timeml "$bench" --dump "$pred" >/dev/null
  taskset -c 0 python3 bench/peers/dateparser_timeml.py "$bench" --ours "$pred"
  rm -f "$pred"
else
  echo "dateparser not installed: pip install dateparser"
fi
