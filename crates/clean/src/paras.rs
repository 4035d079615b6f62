//! Paragraph candidates: the unit cleaning rules work on. Plain text gives one
//! per line (hard-wrapped lines joined); HTML gives one per content block.

use attache_model::{AlignedText, Span};

/// A candidate paragraph: whitespace-collapsed text aligned to the original,
/// and the original span it covers.
#[derive(Debug, Clone)]
pub struct Para {
    pub text: AlignedText,
    pub span: Span,
    pub heading: bool,
}

impl Para {
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    pub fn from_aligned(text: AlignedText, heading: bool) -> Option<Self> {
        if text.as_str().trim().is_empty() {
            return None;
        }
        let span = text.to_original(0..text.len());
        Some(Self { text, span, heading })
    }
}

fn ends_clause(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', ';', '"', '\u{201d}', '\u{2019}', ')', ']'])
}

/// Length of the last line of `span` (hard wraps happen on long lines only).
fn last_line_len(text: &str, span: Span) -> usize {
    let s = &text[span.range()];
    s.len() - s.rfind('\n').map_or(0, |i| i + 1)
}

/// Lines of plain text as paragraphs. A line is joined to the one before it only
/// when that one does not end a clause and this one starts in lower case (a hard
/// wrap), so headlines and captions stay apart.
pub fn from_text(text: &str) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut pos = 0;
    let mut prev_blank = true;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if trimmed.is_empty() {
            prev_blank = true;
            continue;
        }
        let lead = body.len() - body.trim_start().len();
        let orig = start + lead;
        let content = body.trim();
        let join = !prev_blank
            && out.last().is_some_and(|p| !ends_clause(p.as_str()) && last_line_len(text, p.span) >= 40)
            && content.chars().next().is_some_and(char::is_lowercase);
        if join && let Some(last) = out.last_mut() {
            last.text.push_replaced(" ", last.span.end..orig);
            last.text.push_collapsed(content, orig);
            last.span.end = orig + content.len();
        } else {
            let mut t = AlignedText::new();
            t.push_collapsed(content, orig);
            out.push(Para { text: t, span: Span::new(orig, orig + content.len()), heading: false });
        }
        prev_blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_wraps() {
        let text = "Title here\n\nThe first line of a long paragraph goes on and on\nthat wraps.\nLATEST NEWS\nsubscribe\nSecond  para.\r\n";
        let paras = from_text(text);
        let got: Vec<&str> = paras.iter().map(Para::as_str).collect();
        assert_eq!(
            got,
            vec![
                "Title here",
                "The first line of a long paragraph goes on and on that wraps.",
                "LATEST NEWS",
                "subscribe",
                "Second para."
            ]
        );
        for p in &paras {
            assert_eq!(&text[p.span.range()].split_whitespace().collect::<Vec<_>>().join(" "), p.as_str());
        }
    }
}
