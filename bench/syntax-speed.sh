#!/usr/bin/env bash
# Tagging plus parsing speed, side by side with spaCy en_core_web_sm
# (tok2vec+tagger+parser), on the gold words of the same CoNLL-U file, one
# core each (taskset -c 0). Each side reports its in-process words/s (model
# loading excluded); /usr/bin/time gives the whole process's peak memory. A
# last line measures the model alone: resident memory of a process that only
# decodes the embedded model, minus one that does not.
#
#   bash bench/syntax-speed.sh [FILE.conllu] [PYTHON]
# PYTHON: an interpreter with spaCy and the model (see bench/peers/spacy_parse.py).
set -euo pipefail
cd "$(dirname "$0")/.."
conllu=${1:-../shared/ud/en_ewt/en_ewt-ud-dev.conllu}
py=${2:-/tmp/spacyenv/bin/python}
cargo build --release -q -p attache-cli
bin=${CARGO_TARGET_DIR:-target}/release/attache
peak() { # command... -> prints its stdout, then "peak MB" on stderr
  local t; t=$(mktemp)
  /usr/bin/time -f "%M" -o "$t" taskset -c 0 "$@"
  echo "  peak $(( $(cat "$t") / 1024 )) MB" >&2
  rm -f "$t"
}
echo "$(grep -c '^# text' "$conllu") sentences of $conllu, one core:"
for _ in 1 2 3; do
  peak "$bin" syntax eval "$conllu" --json
done
if "$py" -c "import spacy" 2>/dev/null; then
  for _ in 1 2 3; do peak "$py" bench/peers/spacy_parse.py "$conllu"; done
else
  echo "spaCy not found at $py: see bench/peers/spacy_parse.py for the setup"
fi
"$bin" syntax info
