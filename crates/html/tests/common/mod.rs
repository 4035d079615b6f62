//! Invariants every extraction must hold, shared by the fixture tests and the
//! property tests.

use attache_html::Extracted;
use attache_model::{AlignedText, Span};

fn check_span(html: &str, span: Span, what: &str) -> Result<(), String> {
    if span.start > span.end || span.end > html.len() {
        return Err(format!("{what}: span {span:?} out of bounds (len {})", html.len()));
    }
    if !html.is_char_boundary(span.start) || !html.is_char_boundary(span.end) {
        return Err(format!("{what}: span {span:?} not on char boundaries"));
    }
    Ok(())
}

fn check_aligned(html: &str, t: &AlignedText, what: &str) -> Result<(), String> {
    let text = t.as_str();
    let mut next_clean = 0;
    for p in t.pieces() {
        if p.clean != next_clean {
            return Err(format!("{what}: pieces do not tile the text ({p:?})"));
        }
        next_clean = p.clean + p.clean_len;
        check_span(html, Span::new(p.orig, p.orig + p.orig_len), what)?;
        let clean = text.get(p.clean..p.clean + p.clean_len).ok_or_else(|| format!("{what}: bad clean range {p:?}"))?;
        if p.copy && clean != &html[p.orig..p.orig + p.orig_len] {
            return Err(format!("{what}: copy piece {p:?} maps {clean:?} to {:?}", &html[p.orig..p.orig + p.orig_len]));
        }
    }
    if next_clean != text.len() {
        return Err(format!("{what}: pieces cover {next_clean} of {} bytes", text.len()));
    }
    if !text.is_empty() {
        check_span(html, t.to_original(0..text.len()), what)?;
    }
    Ok(())
}

/// Every block's copy pieces map to identical original bytes; every span is in
/// bounds and on char boundaries; block texts are whitespace-collapsed.
pub fn check(html: &str, ex: &Extracted) -> Result<(), String> {
    for (i, b) in ex.blocks.iter().enumerate() {
        let what = format!("block {i}");
        check_aligned(html, &b.text, &what)?;
        let s = b.text.as_str();
        if s.is_empty() || s.trim() != s || s.contains("  ") || s.contains('\n') {
            return Err(format!("{what}: not collapsed: {s:?}"));
        }
    }
    for c in &ex.captions {
        for &s in &c.spans {
            check_span(html, s, "caption")?;
        }
    }
    for r in &ex.removed {
        check_span(html, r.span, r.why)?;
    }
    for f in ex.title.iter().chain(&ex.dateline) {
        if let Some(s) = f.span {
            check_span(html, s, "field")?;
        }
    }
    Ok(())
}
