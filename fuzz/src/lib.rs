//! Invariants the fuzz targets assert on what attache produces.
//!
//! Every check panics with a message naming the broken invariant, which
//! libFuzzer reports as a crash.

use attache_ingest::{InputConfig, Inputs, decode};
use attache_model::{AlignedText, Document, Format, SourceMeta, Span};

/// `span` lies in `text` and starts and ends on char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: span {span:?} is reversed");
    assert!(span.end <= text.len(), "{what}: span {span:?} past the end ({})", text.len());
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// An aligned text maps back into `original`: pieces are in order, cover the
/// clean text, lie in the original, and verbatim pieces equal the original bytes.
pub fn check_aligned(original: &str, aligned: &AlignedText, what: &str) {
    let clean = aligned.as_str();
    let mut at = 0;
    for p in aligned.pieces() {
        assert_eq!(p.clean, at, "{what}: pieces are not contiguous: {p:?}");
        at += p.clean_len;
        assert!(p.orig + p.orig_len <= original.len(), "{what}: piece {p:?} past the original");
        if p.copy {
            assert_eq!(p.clean_len, p.orig_len, "{what}: copy piece of unequal lengths {p:?}");
            assert_eq!(
                clean.as_bytes().get(p.clean..p.clean + p.clean_len),
                original.as_bytes().get(p.orig..p.orig + p.orig_len),
                "{what}: copy piece {p:?} differs from the original"
            );
        }
    }
    assert_eq!(at, clean.len(), "{what}: pieces do not cover the clean text");
    // Every char-aligned clean range maps to a span on char boundaries of the original.
    let bounds: Vec<usize> = clean.char_indices().map(|(i, _)| i).chain([clean.len()]).collect();
    let step = (bounds.len() / 64).max(1);
    for (k, &a) in bounds.iter().enumerate().step_by(step) {
        for &b in bounds[k..].iter().step_by(step).take(8) {
            check_span(original, aligned.to_original(a..b), what);
        }
    }
}

/// A clean range lies in `text` on char boundaries.
pub fn check_range(text: &str, r: &std::ops::Range<usize>, what: &str) {
    check_span(text, Span::new(r.start, r.end), what);
}

/// Every layer of a document points into its text.
pub fn check_document(doc: &Document) {
    let text = doc.text.as_str();
    if let Some(a) = &doc.article {
        check_aligned(text, &a.body, "body");
        let body = a.body.as_str();
        for p in &a.paragraphs {
            check_range(body, p, "paragraph");
        }
        for f in [&a.title, &a.dateline].into_iter().flatten() {
            if let Some(s) = f.span {
                check_span(text, s, "title/dateline");
            }
        }
        for c in &a.captions {
            for s in &c.spans {
                check_span(text, *s, "caption");
            }
        }
        for r in &a.removed {
            check_span(text, r.span, "removed");
        }
        for s in &doc.sentences {
            check_range(body, &s.body, "sentence body");
            check_span(text, s.span, "sentence span");
        }
    } else {
        assert!(doc.sentences.is_empty(), "sentences without an article");
    }
    for t in &doc.timex {
        check_span(text, t.span, "timex");
        assert!(!t.span.is_empty(), "empty timex span");
        if let Some(i) = t.sentence {
            assert!(i < doc.sentences.len(), "timex sentence index {i} out of range");
        }
    }
    for a in &doc.actors {
        for m in &a.mentions {
            check_span(text, m.span, "mention");
        }
        for &i in &a.members {
            assert!(i < doc.actors.len(), "member index {i} out of range");
        }
    }
    for f in &doc.facts {
        check_span(text, f.evidence, "fact evidence");
    }
    for e in &doc.events {
        for s in &e.evidence {
            check_span(text, *s, "event evidence");
        }
        assert!(e.confidence.is_finite(), "confidence is not finite");
        for p in e.actor.iter().chain(&e.recipient) {
            if let Some(i) = p.actor {
                assert!(i < doc.actors.len(), "participant index {i} out of range");
            }
        }
    }
}

/// A document of the given format, with an optional publication date.
pub fn document(text: &str, format: Format, published: Option<String>) -> Document {
    let meta = SourceMeta { doc: "fuzz".into(), origin: "fuzz".into(), published, ..SourceMeta::default() };
    Document::new(meta, text.to_owned(), format)
}

/// The most records one reader input may give (a guard against endless loops).
const MAX_RECORDS: usize = 100_000;

/// Reads `data` as a stream (gzip, WARC and JSON Lines are sniffed), decodes
/// every record, and checks: the reader ends, every error names the input,
/// no record is over the size limit, decoded text is non-empty.
pub fn read_all(data: &[u8], name: &str) {
    let config = InputConfig { max_bytes: 256 * 1024, ..InputConfig::default() };
    let inputs = Inputs::from_reader(name, std::io::Cursor::new(data.to_vec()), &config);
    let mut n = 0;
    for item in inputs {
        n += 1;
        assert!(n <= MAX_RECORDS, "more records than the input could hold");
        match item {
            Err(e) => assert!(e.to_string().starts_with(name), "error does not name the input: {e}"),
            Ok(raw) => {
                assert!(raw.bytes.len() as u64 <= config.max_bytes, "record over max_bytes");
                assert!(raw.meta.origin.starts_with(name), "origin {:?}", raw.meta.origin);
                let bytes = raw.bytes.clone();
                match decode(raw, &config) {
                    Ok(doc) => {
                        assert!(!doc.text.trim().is_empty(), "decoded an empty text");
                        if doc.encoding == "UTF-8" && doc.diagnostics.is_empty() {
                            assert_eq!(doc.text.as_bytes(), bytes.as_slice(), "UTF-8 text is not the bytes");
                        }
                    }
                    Err(e) => assert!(e.to_string().starts_with(name), "error does not name the input: {e}"),
                }
            }
        }
    }
}
