#!/usr/bin/env python3
"""dateparser on TimeML documents: how fast it finds dates and how many gold
TIMEX3 values it gets right, for comparison with `attache eval timeml`.

    pip install dateparser
    python3 bench/peers/dateparser_timeml.py ../shared/bench/timeml-train [--ours PRED.jsonl] [--json]

Each .tml file's TEXT element is stripped of markup (entities decoded), as
attache's scorer does; `dateparser.search.search_dates` runs on it with the
document creation time (the DCT element's TIMEX3 value) as RELATIVE_BASE.

A gold TIMEX3 counts as right when a found expression overlapping it has the
gold value at the gold granularity: the found date written as YYYY, YYYY-MM,
YYYY-MM-DD or YYYY-MM-DDTHH:MM, whichever the gold value is. Gold values that
are no calendar date (durations, sets, weeks, quarters, PRESENT_REF, ...)
cannot be matched by dateparser; they are counted separately.

--ours PRED.jsonl (from `attache eval timeml DIR --dump PRED.jsonl`) scores
attache's predictions with the same rule, so both are counted alike: an
attache value counts when its calendar prefix at the gold granularity equals
the gold value, or, for values that are no calendar date, when it is equal.
Speed is the search_dates loop alone, in documents per second on this process's
core(s); run it under `taskset -c 0` for one core (bench/time-speed.sh does).
"""
import argparse
import datetime as dt
import html
import json
import pathlib
import re
import sys
import time

GRANULARITY = [
    (re.compile(r"^\d{4}$"), "%Y"),
    (re.compile(r"^\d{4}-\d{2}$"), "%Y-%m"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"), "%Y-%m-%dT%H:%M"),
]
CALENDAR_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?")


def granularity(value):
    for rx, fmt in GRANULARITY:
        if rx.match(value):
            return fmt
    return None


def parse_tml(path):
    """(id, dct, text, gold) with gold spans as character offsets into text."""
    xml = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>.*?<TIMEX3([^>]*)>", xml, re.S)
    if m:
        v = re.search(r'value="([^"]*)"', m.group(1))
        dct = v.group(1) if v else None
    if dct is None:
        for m in re.finditer(r"<TIMEX3([^>]*)>", xml):
            if 'functionInDocument="CREATION_TIME"' in m.group(1):
                v = re.search(r'value="([^"]*)"', m.group(1))
                dct = v.group(1) if v else None
                break
    start = xml.index("<TEXT>") + len("<TEXT>")
    end = xml.find("</TEXT>", start)
    body = xml[start:end if end >= 0 else len(xml)]
    text, gold, stack, pos = [], [], [], 0
    length = 0
    for m in re.finditer(r"<[^>]*>", body):
        chunk = html.unescape(body[pos:m.start()])
        text.append(chunk)
        length += len(chunk)
        tag = m.group(0)
        if tag.startswith("<TIMEX3"):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag))
            stack.append((length, attrs))
        elif tag.startswith("</TIMEX3") and stack:
            s, attrs = stack.pop()
            gold.append((s, length, attrs.get("type", ""), attrs.get("value", "")))
        pos = m.end()
    text.append(html.unescape(body[pos:]))
    return path.stem, dct, "".join(text), sorted(gold)


def dct_datetime(dct):
    if not dct:
        return None
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):(\d{2}))?", dct)
    if not m:
        return None
    y, mo, d, h, mi = m.groups()
    return dt.datetime(int(y), int(mo), int(d), int(h or 12), int(mi or 0))


def find_spans(text, results):
    """Character spans of search_dates' substrings, in order of appearance."""
    out, cursor = [], 0
    for sub, when in results:
        i = text.find(sub, cursor)
        if i < 0:
            i = text.find(sub)
        if i < 0:
            continue
        out.append((i, i + len(sub), when))
        cursor = i + len(sub)
    return out


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def score_found(docs, found_by_doc, as_value):
    """Gold values right under the shared rule; `as_value(item, fmt)` gives a
    found item's value at a gold granularity (or its own value when fmt is None)."""
    right = right_cal = 0
    for doc_id, _, _, gold in docs:
        found = found_by_doc.get(doc_id, [])
        for g0, g1, _, gv in gold:
            fmt = granularity(gv)
            ok = any(overlaps(g0, g1, f[0], f[1]) and as_value(f, fmt) == gv for f in found)
            right += ok
            right_cal += ok and fmt is not None
    return right, right_cal


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--ours", help="attache's predictions (attache eval timeml DIR --dump FILE)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed: pip install dateparser", file=sys.stderr)
        sys.exit(2)
    docs = [parse_tml(p) for p in sorted(pathlib.Path(a.dir).rglob("*.tml"))]
    if not docs:
        print(f"no .tml files under {a.dir}", file=sys.stderr)
        sys.exit(2)
    gold_total = sum(len(d[3]) for d in docs)
    gold_calendar = sum(1 for d in docs for g in d[3] if granularity(g[3]))

    t0 = time.perf_counter()
    found_dp, n_found = {}, 0
    for doc_id, dct, text, _ in docs:
        settings = {"RETURN_AS_TIMEZONE_AWARE": False}
        base = dct_datetime(dct)
        if base:
            settings["RELATIVE_BASE"] = base
        results = search_dates(text, languages=["en"], settings=settings) or []
        spans = find_spans(text, results)
        n_found += len(spans)
        found_dp[doc_id] = spans
    seconds = time.perf_counter() - t0

    dp_right, _ = score_found(docs, found_dp, lambda f, fmt: f[2].strftime(fmt) if fmt else None)
    out = {
        "documents": len(docs), "gold": gold_total, "gold_calendar": gold_calendar,
        "dateparser": {"found": n_found, "right": dp_right, "seconds": round(seconds, 3),
                       "docs_per_s": round(len(docs) / seconds, 1) if seconds else None},
    }
    if a.ours:
        ours = {}
        by_id = {d[0]: d[2] for d in docs}
        for line in pathlib.Path(a.ours).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            text = by_id.get(r["doc"])
            if text is None:
                continue
            raw = text.encode("utf-8")
            s = len(raw[:r["start"]].decode("utf-8", "ignore"))
            e = len(raw[:r["end"]].decode("utf-8", "ignore"))
            ours.setdefault(r["doc"], []).append((s, e, r["value"]))

        def our_value(f, fmt):
            v = f[2]
            if fmt is None:
                return v
            m = CALENDAR_PREFIX.match(v)
            want = len(dt.datetime(2000, 1, 1).strftime(fmt))
            return m.group(0)[:want] if m and len(m.group(0)) >= want else v

        our_right, _ = score_found(docs, ours, our_value)
        out["attache"] = {"found": sum(len(v) for v in ours.values()), "right": our_right}
    if a.json:
        print(json.dumps(out))
        return
    print(f"{out['documents']} documents, {gold_total} gold TIMEX3 ({gold_calendar} with a calendar-date value)")
    d = out["dateparser"]
    print(f"dateparser  found {d['found']:5d}  gold values right {d['right']:5d} ({d['right'] / gold_total:.3f})"
          f"  {d['seconds']:.2f}s = {d['docs_per_s']} docs/s")
    if "attache" in out:
        o = out["attache"]
        print(f"attache     found {o['found']:5d}  gold values right {o['right']:5d} ({o['right'] / gold_total:.3f})")


if __name__ == "__main__":
    main()
