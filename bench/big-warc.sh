#!/usr/bin/env bash
# Peak memory of `attache extract` streaming 1 GB inputs: a WARC (plain and
# gzip members) and a JSON Lines file, generated in /tmp (never committed).
# Each file is ~900 MB of records attache must read past without keeping them
# (WARC image records; JSON Lines lines over --max-bytes) plus ~100 MB of small
# articles that go through the whole pipeline.
#
#   bash bench/big-warc.sh [OUTDIR]     (default /tmp/attache-big)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/attache-big}
mkdir -p "$dir"
cargo build --release -q
bin=target/release/attache

python3 - "$dir" <<'PY'
import gzip, json, os, random, sys
d = sys.argv[1]
random.seed(1)
SUBJ = ["The foreign minister", "The defence ministry", "Officials", "The council", "The president", "Negotiators"]
VERB = ["met", "agreed to talk with", "criticised", "visited", "called on", "signed a deal with"]
OBJ = ["their counterparts", "the delegation", "the neighbouring government", "the envoy", "the committee"]
WHEN = ["on Monday", "on Tuesday", "last week", "in March", "on Friday", "earlier this month"]
def article(i):
    paras = []
    for _ in range(8):
        paras.append(" ".join(f"{random.choice(SUBJ)} {random.choice(VERB)} {random.choice(OBJ)} {random.choice(WHEN)}." for _ in range(5)))
    return f"Talks number {i}\n\n" + "\n\n".join(paras) + "\n"
def warc(kind, ct, block, i):
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:big-{i}>\r\n"
            f"WARC-Date: 2021-11-17T09:00:00Z\r\nWARC-Target-URI: https://news.example/{i}\r\n"
            f"Content-Type: {ct}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"
blob = os.urandom(8 << 20)  # an 8 MiB "image", repeated
n_art = 0
with open(f"{d}/big.warc", "wb") as plain, open(f"{d}/big.warc.gz", "wb") as gz:
    size = 0
    i = 0
    while size < 1_000_000_000:
        i += 1
        if i % 200 == 0:
            rec = warc("resource", "image/jpeg", blob, i)
            plain.write(rec)
            size += len(rec)
        else:
            a = article(i).encode()
            body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><p>" + a.replace(b"\n\n", b"</p><p>") + b"</p></article></body></html>"
            rec = warc("response", "application/http; msgtype=response", body, i)
            plain.write(rec)
            size += len(rec)
            n_art += 1
        # gzip: one member per record, as crawlers write them
        gz.write(gzip.compress(rec, compresslevel=1))
print(f"big.warc: {n_art} articles", file=sys.stderr)
with open(f"{d}/big.jsonl", "w") as f:
    size = 0
    i = 0
    huge = "x" * (20 << 20)
    while size < 1_000_000_000:
        i += 1
        if i % 400 == 0:
            line = json.dumps({"id": f"huge-{i}", "text": huge}) + "\n"
        else:
            line = json.dumps({"id": f"a{i}", "text": article(i), "date": "2021-11-17"}) + "\n"
        f.write(line)
        size += len(line)
PY
ls -l "$dir"
for f in big.warc big.warc.gz big.jsonl; do
  t=$(mktemp)
  /usr/bin/time -v -o "$t" "$bin" extract -q --max-bytes 1000000 "$dir/$f" -o /dev/null 2>"$dir/$f.err" || true
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$t")
  secs=$(awk -F': ' '/Elapsed \(wall/ {print $2}' "$t")
  skipped=$(wc -l <"$dir/$f.err")
  printf '%-12s %8.1f MB peak RSS, %s wall, %s inputs reported\n' "$f" "$(echo "$rss / 1024" | bc -l)" "$secs" "$skipped"
  rm -f "$t"
done
