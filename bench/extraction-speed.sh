#!/usr/bin/env bash
# Extraction speed, side by side with trafilatura, on the 181 pages of the
# article-extraction benchmark: whole processes, one core each (taskset -c 0),
# wall time and peak memory from /usr/bin/time.
#
#   bash bench/extraction-speed.sh [../shared/bench/article-extraction]
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-../shared/bench/article-extraction}
cargo build --release -q
bin=target/release/attache
run() { # label, command...
  local label=$1; shift
  local t; t=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$t" taskset -c 0 "$@" >/dev/null 2>&1
  read -r secs kb <"$t"; rm -f "$t"
  printf '%-12s %6.2f s  %7.1f pages/s  peak %6.1f MB\n' "$label" "$secs" "$(echo "181 / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
}
echo "181 pages, one core, whole process (read + gunzip + extract + score):"
for _ in 1 2 3; do run attache "$bin" eval extraction "$bench"; done
if python3 -c "import trafilatura" 2>/dev/null; then
  for _ in 1 2 3; do run trafilatura python3 bench/peers/trafilatura_extract.py "$bench"; done
else
  echo "trafilatura not installed: pip install 'trafilatura>=2' lxml_html_clean"
fi
