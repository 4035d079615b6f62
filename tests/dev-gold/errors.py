#!/usr/bin/env python3
"""Error kinds of the event coder on the dev gold, counted as issue 13 counts them.

    python3 tests/dev-gold/errors.py tests/dev-gold/kcna-2024.gold.json kcna.jsonl --texts ../shared/corpus/kcna-2024

For each required gold event not matched by the shared scorer's rule, the
closest prediction whose evidence overlaps it decides the kind: wrong type,
wrong actor, wrong recipient; none: missed. Predictions matched to nothing are
spurious (negated/hypothetical ones counted apart). Also prints the confusion
of types (gold -> predicted) over evidence-overlapping pairs. Uses the shared
scorer's functions (../shared/tools/score.py).
"""
import argparse
import collections
import importlib.util
import json
import pathlib

here = pathlib.Path(__file__).resolve()
spec = importlib.util.spec_from_file_location("score", here.parents[3] / "shared/tools/score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--texts", required=True)
    a = ap.parse_args()
    gold = json.loads(pathlib.Path(a.gold).read_text(encoding="utf-8"))
    preds = {}
    for line in pathlib.Path(a.pred).read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            preds[r["doc"]] = r
    kinds = collections.Counter()
    confusion = collections.Counter()
    for gd in gold["documents"]:
        raw = score.load_text(a.texts, gd["doc"])
        pd = preds.get(gd["doc"], {})
        ps = pd.get("events") or []
        problems, detail = [], []
        score.score_events(gd, pd, raw, problems, detail)
        granges = {g["id"]: [r for s in g["evidence"] for r in score.occurrences(raw, s)] for g in gd["events"]}
        pranges = [score.evidence_ranges(p, raw, problems) for p in ps]
        missed = {line.split()[1] for line in detail if line.strip().startswith("missed")}
        overlapping = collections.defaultdict(list)
        for g in gd["events"]:
            for pi, p in enumerate(ps):
                if any(score.overlaps(x, y) for x in pranges[pi] for y in granges[g["id"]]):
                    overlapping[g["id"]].append(p)
                    confusion[(g["event"][0], p["event"] if p["event"] not in g["event"] else g["event"][0])] += 1
        for g in gd["events"]:
            if g["id"] not in missed:
                continue
            near = overlapping[g["id"]]
            if not near:
                kinds["missed"] += 1
            elif not any(p["event"] in g["event"] for p in near):
                kinds["wrong type"] += 1
            else:
                same = [p for p in near if p["event"] in g["event"]]
                ga, pa = score.keys(g.get("actor")), [score.keys(p.get("actor")) for p in same]
                if not any(score.common(ga, x) for x in pa):
                    kinds["wrong actor"] += 1
                else:
                    kinds["wrong recipient"] += 1
        for line in detail:
            if line.strip().startswith("extra"):
                kinds["spurious"] += 1
        kinds["spurious, not asserted"] += sum(
            1 for p in ps if p.get("status") in ("negated", "hypothetical") and not any(p is q for v in overlapping.values() for q in v)
        )
    print("error kinds:", ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    off = [(k, v) for k, v in confusion.most_common() if k[0] != k[1]]
    print("type confusion (gold -> coded, overlapping evidence):", ", ".join(f"{g}->{p} {n}" for (g, p), n in off) or "none")


if __name__ == "__main__":
    main()
