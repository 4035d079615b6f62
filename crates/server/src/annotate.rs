//! Places the record's annotations (actor mentions, time expressions, event
//! evidence) in its cleaned `body`, for the page to highlight.
//!
//! A record's offsets point into the original input. When the source gives the
//! map from body bytes to original bytes (the cleaner's pieces; the store
//! rebuilds it from the input it keeps), each annotation's original range is
//! mapped into the body exactly. Without one (a record file) each annotation
//! is found by its `text` in the body: whitespace-insensitive, in original
//! order (a per-layer cursor only moves forward), skipping what lies in the
//! title, captions or removed parts; for HTML inputs the text is first
//! stripped of tags and common entities. What cannot be placed is counted in
//! [`DocView::unlocated`].

use attache_model::{DocumentRecord, Format, Piece, Span};
use serde::Serialize;

use crate::source::Offsets;

/// What an annotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnotationKind {
    Actor,
    Timex,
    Evidence,
    /// The range asked for with `?hit=START-END` (a search hit's sentence).
    Hit,
}

/// One highlight, as a byte range into the record's `body`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    pub kind: AnnotationKind,
    /// Byte range in `body`.
    pub start: usize,
    pub end: usize,
    /// The annotated bytes in the original input.
    pub original: Offsets,
    /// Actor name, timex value, or the event types the evidence reports.
    pub label: String,
    /// For actors: the index in `record.actors`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
    /// For evidence: the ids of the events it supports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
}

/// A document with its annotations placed in the body.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    pub record: DocumentRecord,
    pub annotations: Vec<Annotation>,
    /// Annotations whose text could not be found in the body.
    pub unlocated: usize,
    /// How annotations were placed: `offsets` (exactly, through the body map)
    /// or `text` (by finding their text in the body).
    pub placement: &'static str,
}

/// The body range that original bytes `start..end` became, through the
/// cleaner's pieces: verbatim pieces map byte for byte, others only whole.
fn to_body(pieces: &[Piece], start: usize, end: usize) -> Option<(usize, usize)> {
    let mut range: Option<(usize, usize)> = None;
    for p in pieces {
        let (ps, pe) = (p.orig, p.orig + p.orig_len);
        if p.orig_len == 0 || pe <= start || ps >= end {
            continue;
        }
        let (cs, ce) = if p.copy {
            (p.clean + (start.max(ps) - ps), p.clean + (end.min(pe) - ps))
        } else if start <= ps && pe <= end {
            (p.clean, p.clean + p.clean_len)
        } else {
            continue;
        };
        if cs < ce {
            range = Some(range.map_or((cs, ce), |(s, e)| (s.min(cs), e.max(ce))));
        }
    }
    range
}

/// The body with whitespace runs collapsed to one space, and for each of its
/// bytes the body byte it came from.
struct Haystack {
    text: String,
    map: Vec<usize>,
    body_len: usize,
}

impl Haystack {
    fn new(body: &str) -> Self {
        let mut text = String::with_capacity(body.len());
        let mut map = Vec::with_capacity(body.len());
        let mut in_space = false;
        for (i, c) in body.char_indices() {
            if c.is_whitespace() {
                if !in_space && !text.is_empty() {
                    text.push(' ');
                    map.push(i);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let before = text.len();
            text.push(c);
            map.extend(std::iter::repeat_n(i, text.len() - before).enumerate().map(|(k, i)| i + k));
        }
        Self { text, map, body_len: body.len() }
    }

    /// The body range of the first match of `needle` at or after body byte `from`.
    fn find(&self, needle: &str, from: usize) -> Option<(usize, usize)> {
        if needle.is_empty() {
            return None;
        }
        let start = self.map.partition_point(|&b| b < from);
        let at = start + self.text.get(start..)?.find(needle)?;
        let last = at + needle.len() - 1;
        let end = self.map.get(last).map_or(self.body_len, |&b| b + 1);
        Some((self.map[at], end))
    }
}

/// Whitespace-collapsed text; for HTML inputs, tags dropped and common entities decoded.
fn needle(text: &str, html: bool) -> String {
    let mut s = String::with_capacity(text.len());
    if html {
        let mut rest = text;
        while let Some(i) = rest.find('<') {
            s.push_str(&rest[..i]);
            match rest[i..].find('>') {
                Some(j) => {
                    s.push(' ');
                    rest = &rest[i + j + 1..];
                }
                None => {
                    rest = &rest[i..];
                    break;
                }
            }
        }
        s.push_str(rest);
        for (from, to) in [
            ("&nbsp;", " "),
            ("&quot;", "\""),
            ("&#39;", "'"),
            ("&apos;", "'"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&amp;", "&"),
        ] {
            if s.contains(from) {
                s = s.replace(from, to);
            }
        }
    } else {
        s.push_str(text);
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Places every annotation of `record` in its body, by text.
pub fn locate(record: DocumentRecord) -> DocView {
    locate_with(record, None, None)
}

/// Places every annotation of `record` in its body: exactly through `map`
/// (the body's pieces) when given, else by text; `hit`, a range of the
/// original input, becomes a [`AnnotationKind::Hit`] annotation.
pub fn locate_with(record: DocumentRecord, map: Option<&[Piece]>, hit: Option<Offsets>) -> DocView {
    let hay = Haystack::new(&record.body);
    let html = record.format == Format::Html;
    let mut outside: Vec<Span> = Vec::new();
    outside.extend(record.title_span);
    outside.extend(record.caption_spans.iter().flat_map(|c| c.spans.iter().copied()));
    outside.extend(record.removed.iter().map(|r| Span::new(r.start, r.end)));
    let is_outside = |start: usize, end: usize| outside.iter().any(|s| s.start <= start && end <= s.end);

    let mut annotations = Vec::new();
    let mut unlocated = 0;
    // One layer at a time, each in original order with its own cursor.
    let mut place = |items: Vec<(usize, usize, &str, Annotation)>, overlapping: bool| {
        let mut cursor = 0;
        let mut last: Option<(usize, usize, usize, usize)> = None;
        for (start, end, text, mut a) in items {
            if is_outside(start, end) {
                continue;
            }
            // The same span again (a group mention of several actors): same place.
            if let Some((ls, le, bs, be)) = last
                && (ls, le) == (start, end)
            {
                a.start = bs;
                a.end = be;
                annotations.push(a);
                continue;
            }
            if let Some(pieces) = map {
                match to_body(pieces, start, end) {
                    Some((s, e)) => {
                        a.start = s;
                        a.end = e;
                        annotations.push(a);
                    }
                    None => unlocated += 1,
                }
                continue;
            }
            match hay.find(&needle(text, html), cursor) {
                Some((s, e)) => {
                    cursor = if overlapping { s } else { e };
                    a.start = s;
                    a.end = e;
                    last = Some((start, end, s, e));
                    annotations.push(a);
                }
                None => unlocated += 1,
            }
        }
    };
    let blank = |kind, start, end, label: String| Annotation {
        kind,
        start: 0,
        end: 0,
        original: Offsets { start, end },
        label,
        actor: None,
        events: Vec::new(),
    };

    let mut mentions: Vec<(usize, usize, &str, Annotation)> = Vec::new();
    for (i, actor) in record.actors.iter().enumerate() {
        for m in &actor.mentions {
            let mut a = blank(AnnotationKind::Actor, m.start, m.end, actor.name.clone());
            a.actor = Some(i);
            mentions.push((m.start, m.end, &m.text, a));
        }
    }
    mentions.sort_by_key(|m| (m.0, m.1));
    place(mentions, false);

    let mut timex: Vec<(usize, usize, &str, Annotation)> = record
        .timex
        .iter()
        .map(|t| (t.start, t.end, t.text.as_str(), blank(AnnotationKind::Timex, t.start, t.end, t.value.clone())))
        .collect();
    timex.sort_by_key(|t| (t.0, t.1));
    place(timex, false);

    // One evidence highlight per distinct span, listing every event it supports.
    let mut evidence: Vec<(usize, usize, &str, Annotation)> = Vec::new();
    for e in &record.events {
        for ev in &e.evidence {
            if let Some(prev) = evidence.iter_mut().find(|p| p.0 == ev.start && p.1 == ev.end) {
                prev.3.events.push(e.id.clone());
                if !prev.3.label.split(' ').any(|l| l == e.event) {
                    prev.3.label = format!("{} {}", prev.3.label, e.event);
                }
                continue;
            }
            let mut a = blank(AnnotationKind::Evidence, ev.start, ev.end, e.event.clone());
            a.events.push(e.id.clone());
            evidence.push((ev.start, ev.end, &ev.text, a));
        }
    }
    evidence.sort_by_key(|t| (t.0, t.1));
    place(evidence, true);

    if let Some(h) = hit {
        // Only with a map: a bare range of the original has no text to find.
        if let Some((s, e)) = map.and_then(|m| to_body(m, h.start, h.end)) {
            let mut a = blank(AnnotationKind::Hit, h.start, h.end, "search hit".into());
            a.start = s;
            a.end = e;
            annotations.push(a);
        }
    }

    annotations.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
    DocView { record, annotations, unlocated, placement: if map.is_some() { "offsets" } else { "text" } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haystack_maps_collapsed_whitespace_back() {
        let body = "Seoul  said\n\nthat   Choi met Sherman.";
        let h = Haystack::new(body);
        let (s, e) = h.find("said that Choi", 0).expect("found");
        assert_eq!(&body[s..e], "said\n\nthat   Choi");
        let (s, e) = h.find("Sherman.", 10).expect("found");
        assert_eq!(&body[s..e], "Sherman.");
        assert_eq!(h.find("Seoul", 1), None);
    }

    #[test]
    fn non_ascii_bytes_map_whole() {
        let body = "Moon Jae-in — président. Él dijo";
        let h = Haystack::new(body);
        let (s, e) = h.find("président.", 0).expect("found");
        assert_eq!(&body[s..e], "président.");
        let (s, e) = h.find("Él", 0).expect("found");
        assert_eq!(&body[s..e], "Él");
    }

    #[test]
    fn html_needles_lose_tags_and_entities() {
        assert_eq!(needle("<p>Kim &amp; Moon</p>\n<p>met</p>", true), "Kim & Moon met");
        assert_eq!(needle("a  <b", false), "a <b");
    }

    #[test]
    fn pieces_map_original_ranges_into_the_body() {
        // Original "Kim &amp; Moon  met" -> body "Kim & Moon met".
        let pieces = [
            Piece { clean: 0, clean_len: 4, orig: 0, orig_len: 4, copy: true },
            Piece { clean: 4, clean_len: 1, orig: 4, orig_len: 5, copy: false },
            Piece { clean: 5, clean_len: 5, orig: 9, orig_len: 5, copy: true },
            Piece { clean: 10, clean_len: 1, orig: 14, orig_len: 2, copy: false },
            Piece { clean: 11, clean_len: 3, orig: 16, orig_len: 3, copy: true },
        ];
        assert_eq!(to_body(&pieces, 0, 3), Some((0, 3)));
        assert_eq!(to_body(&pieces, 0, 14), Some((0, 10)));
        assert_eq!(to_body(&pieces, 10, 19), Some((6, 14)));
        assert_eq!(to_body(&pieces, 5, 7), None);
        assert_eq!(to_body(&pieces, 30, 40), None);
    }
}
