//! Building aligned text from text nodes: character references are decoded and
//! runs of whitespace collapse to one space, each as a `push_replaced` piece;
//! everything else is copied verbatim, so copy pieces map byte for byte.

use std::ops::Range;

use attache_model::AlignedText;

use crate::entities::decode_at;

/// Appends text to an [`AlignedText`], collapsing whitespace across calls and
/// dropping it at the start and (with [`finish`](Self::finish)) at the end.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: AlignedText,
    /// Whitespace seen since the last visible character (its original bytes).
    pending: Option<Range<usize>>,
    /// Visible characters (not bytes) added so far.
    chars: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The byte length of the Unicode whitespace character starting at `i`, if
/// one does (only lead bytes of multi-byte characters can start one).
fn unicode_space(src: &str, i: usize) -> Option<usize> {
    let b = src.as_bytes();
    // Every non-ASCII White_Space character starts with 0xC2, 0xE1, 0xE2 or 0xE3.
    if !matches!(b[i], 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return None;
    }
    let c = src.get(i..)?.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

impl TextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Characters of visible text so far (whitespace collapsed).
    pub fn chars(&self) -> usize {
        self.chars
    }

    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// Marks a word break that stands for `at` (e.g. a `<br>` tag, or an empty
    /// range for a break between elements).
    pub fn space(&mut self, at: Range<usize>) {
        if self.pending.is_none() {
            self.pending = Some(at);
        }
    }

    fn flush_space(&mut self, src: &str) {
        if let Some(ws) = self.pending.take()
            && !self.text.is_empty()
        {
            if ws.len() == 1 && src.as_bytes()[ws.start] == b' ' {
                self.text.push_copy(" ", ws.start);
            } else {
                self.text.push_replaced(" ", ws);
            }
            self.chars += 1;
        }
    }

    /// Appends the text `src[range]`, decoding character references when `decode`.
    pub fn push(&mut self, src: &str, range: Range<usize>, decode: bool) {
        let b = src.as_bytes();
        let end = range.end;
        let mut i = range.start;
        let mut buf = [0u8; 4];
        while i < end {
            let c = b[i];
            if is_ws(c) {
                let s = i;
                while i < end && is_ws(b[i]) {
                    i += 1;
                }
                self.space(s..i);
                continue;
            }
            if c >= 0x80
                && let Some(w) = unicode_space(src, i)
            {
                // U+00A0, U+2009, U+3000...: a word break like any other.
                self.space(i..i + w);
                i += w;
                continue;
            }
            if c == b'&' && decode {
                let stop = end.min(i + 40);
                if let Some((d, n)) = decode_at(&b[i..stop.max(i + 1)], false) {
                    let s = d.as_str(&mut buf);
                    if s.chars().all(char::is_whitespace) {
                        self.space(i..i + n);
                    } else {
                        self.flush_space(src);
                        self.text.push_replaced(s, i..i + n);
                        self.chars += s.chars().count();
                    }
                    i += n;
                    continue;
                }
            }
            // A run of ordinary bytes, copied verbatim.
            let s = i;
            i += 1;
            while i < end {
                let c = b[i];
                if is_ws(c) || (c == b'&' && decode) || (c >= 0x80 && unicode_space(src, i).is_some()) {
                    break;
                }
                i += 1;
            }
            // `i` may sit inside a multi-byte character only if the range
            // itself ends there; callers pass char-aligned ranges.
            self.flush_space(src);
            let piece = &src[s..i];
            self.chars += piece.chars().count();
            self.text.push_copy(piece, s);
        }
    }

    /// Appends already decoded text that stands for `orig` as a whole.
    pub fn push_replaced(&mut self, src: &str, s: &str, orig: Range<usize>) {
        if s.is_empty() {
            return;
        }
        self.flush_space(src);
        self.chars += s.chars().count();
        self.text.push_replaced(s, orig);
    }

    /// The text, without trailing whitespace.
    pub fn finish(self) -> AlignedText {
        self.text
    }

    /// Takes the text out, leaving the builder empty.
    pub fn take(&mut self) -> AlignedText {
        self.pending = None;
        self.chars = 0;
        std::mem::take(&mut self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_and_decodes() {
        let src = "  Caf&eacute;\n\t au&nbsp;lait &amp; more ";
        let mut t = TextBuilder::new();
        t.push(src, 0..src.len(), true);
        let a = t.finish();
        assert_eq!(a.as_str(), "Café au lait & more");
        for p in a.pieces() {
            if p.copy {
                assert_eq!(&src[p.orig..p.orig + p.orig_len], &a.as_str()[p.clean..p.clean + p.clean_len]);
            }
        }
        let sp = a.to_original(0..4);
        assert_eq!(&src[sp.range()], "Caf&eacute;");
    }

    #[test]
    fn spaces_across_pushes() {
        let src = "one <b>two</b><br>three";
        let mut t = TextBuilder::new();
        t.push(src, 0..4, true);
        t.push(src, 7..10, true);
        t.space(14..18);
        t.push(src, 18..23, true);
        assert_eq!(t.as_str(), "one two three");
        assert_eq!(t.chars(), 13);
    }
}
