#!/usr/bin/env python3
"""The peer for the extraction speed comparison: trafilatura 2.x's `extract` on
every page of the article-extraction benchmark, the same pages attache reads.

    python3 bench/peers/trafilatura_extract.py ../shared/bench/article-extraction [--out FILE.json]

Install: pip install "trafilatura>=2" lxml_html_clean
"""
import gzip
import json
import pathlib
import sys
import time

import trafilatura


def main():
    bench = pathlib.Path(sys.argv[1])
    out = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--out" else None
    pages = sorted((bench / "html").glob("*.html.gz"))
    started = time.perf_counter()
    results = {}
    for p in pages:
        html = gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        results[p.name.split(".")[0]] = {"articleBody": trafilatura.extract(html) or ""}
    secs = time.perf_counter() - started
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages in {secs:.2f}s ({len(pages) / secs:.1f} pages/s, in-process)",
          file=sys.stderr)
    if out:
        pathlib.Path(out).write_text(json.dumps(results))


if __name__ == "__main__":
    main()
