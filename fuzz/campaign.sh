#!/usr/bin/env bash
# Runs each given fuzz target (default: all six) until it has used at least NEED
# CPU seconds (default 620), in chunks of 3 minutes, and prints the CPU time,
# executions and coverage of each. Logs go to fuzz/logs/ (git-ignored).
#
#   cargo install cargo-fuzz --locked
#   NEED=620 bash fuzz/campaign.sh text_clean html_clean   # two lanes: run two of these at once
set -uo pipefail
cd "$(dirname "$0")"
mkdir -p logs
NEED=${NEED:-620}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(text_clean html_clean time_normalise warc_reader jsonl_reader pipeline)
for t in "${targets[@]}"; do
  total=0
  chunk=0
  while [ "$total" -lt "$NEED" ]; do
    chunk=$((chunk + 1))
    /usr/bin/time -f "%U %S" -o "logs/$t.cpu.$chunk" cargo fuzz run -s none "$t" -- \
      -max_total_time=180 -max_len=65536 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
      >"logs/$t.log.$chunk" 2>&1
    rc=$?
    read -r u s <"logs/$t.cpu.$chunk"
    total=$(awk -v t="$total" -v u="$u" -v s="$s" 'BEGIN { printf "%d", t + u + s }')
    if [ $rc -ne 0 ]; then
      echo "$t: crashed in chunk $chunk (see fuzz/logs/$t.log.$chunk and fuzz/artifacts/$t/)"
      break
    fi
  done
  execs=$(cat logs/"$t".log.* | awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}')
  cov=$(cat logs/"$t".log.* | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -1)
  echo "$t: ${total} CPU s, $execs execs, $cov"
done
