use std::ops::Range;

use crate::Span;

/// One run of an [`AlignedText`]: `clean_len` bytes of cleaned text starting at
/// `clean` came from `orig_len` bytes of the original starting at `orig`.
/// A `copy` run is verbatim and maps byte for byte; any other run (a decoded
/// entity, collapsed whitespace, an inserted separator) maps as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub clean: usize,
    pub clean_len: usize,
    pub orig: usize,
    pub orig_len: usize,
    pub copy: bool,
}

/// Text derived from the original input that remembers, for every byte, the
/// original bytes it came from (in the manner of tokenizers' `NormalizedString`).
///
/// Build it by appending: [`push_copy`](Self::push_copy) for verbatim slices,
/// [`push_replaced`](Self::push_replaced) for text standing for other bytes, and
/// [`push_inserted`](Self::push_inserted) for separators that stand for nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlignedText {
    text: String,
    pieces: Vec<Piece>,
}

impl AlignedText {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// End of the original bytes covered so far (0 when empty).
    pub fn orig_end(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.orig + p.orig_len)
    }

    /// Appends `s`, a verbatim copy of the original bytes starting at `orig`.
    pub fn push_copy(&mut self, s: &str, orig: usize) {
        if s.is_empty() {
            return;
        }
        let clean = self.text.len();
        self.text.push_str(s);
        if let Some(last) = self.pieces.last_mut()
            && last.copy
            && last.orig + last.orig_len == orig
        {
            last.clean_len += s.len();
            last.orig_len += s.len();
            return;
        }
        self.pieces.push(Piece { clean, clean_len: s.len(), orig, orig_len: s.len(), copy: true });
    }

    /// Appends `s`, which stands for the original bytes `orig` as a whole.
    pub fn push_replaced(&mut self, s: &str, orig: Range<usize>) {
        if s.is_empty() {
            return;
        }
        let clean = self.text.len();
        self.text.push_str(s);
        self.pieces.push(Piece { clean, clean_len: s.len(), orig: orig.start, orig_len: orig.len(), copy: false });
    }

    /// Appends `s`, a separator that stands for no original bytes (it maps to the
    /// empty range where the previous piece ended).
    pub fn push_inserted(&mut self, s: &str) {
        let orig = self.orig_end();
        self.push_replaced(s, orig..orig);
    }

    /// Appends another aligned text over the same original (its pieces are
    /// shifted into this text's coordinates).
    pub fn append(&mut self, other: &AlignedText) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        for p in &other.pieces {
            if p.copy
                && let Some(last) = self.pieces.last_mut()
                && last.copy
                && last.clean + last.clean_len == base + p.clean
                && last.orig + last.orig_len == p.orig
            {
                last.clean_len += p.clean_len;
                last.orig_len += p.orig_len;
                continue;
            }
            self.pieces.push(Piece { clean: base + p.clean, ..*p });
        }
    }

    /// Appends `s` (which starts at original offset `orig`) with runs of
    /// whitespace collapsed to one space; leading and trailing whitespace is
    /// dropped, and one space separates it from text already held.
    pub fn push_collapsed(&mut self, s: &str, orig: usize) {
        let mut i = 0;
        while i < s.len() {
            let ws_start = i;
            for c in s[i..].chars() {
                if !c.is_whitespace() {
                    break;
                }
                i += c.len_utf8();
            }
            if i > ws_start {
                if !self.is_empty() && i < s.len() {
                    if &s[ws_start..i] == " " {
                        self.push_copy(" ", orig + ws_start);
                    } else {
                        self.push_replaced(" ", orig + ws_start..orig + i);
                    }
                }
                continue;
            }
            let word_start = i;
            for c in s[i..].chars() {
                if c.is_whitespace() {
                    break;
                }
                i += c.len_utf8();
            }
            self.push_copy(&s[word_start..i], orig + word_start);
        }
    }

    /// Removes trailing whitespace (and the pieces that only held it).
    pub fn trim_end(&mut self) {
        let keep = self.text.trim_end().len();
        self.truncate(keep);
    }

    /// Cuts the clean text to `len` bytes (a char boundary).
    pub fn truncate(&mut self, len: usize) {
        if len >= self.text.len() {
            return;
        }
        self.text.truncate(len);
        while let Some(last) = self.pieces.last_mut() {
            if last.clean >= len {
                self.pieces.pop();
                continue;
            }
            let over = last.clean + last.clean_len - len.min(last.clean + last.clean_len);
            if over > 0 {
                last.clean_len -= over;
                if last.copy {
                    last.orig_len -= over;
                }
            }
            break;
        }
    }

    fn piece_index(&self, pos: usize) -> Option<usize> {
        self.pieces.partition_point(|p| p.clean <= pos).checked_sub(1)
    }

    /// Original offset where clean byte `pos` starts.
    pub fn orig_start(&self, pos: usize) -> usize {
        let Some(i) = self.piece_index(pos) else {
            return self.pieces.first().map_or(0, |p| p.orig);
        };
        let p = &self.pieces[i];
        if pos >= p.clean + p.clean_len {
            return p.orig + p.orig_len;
        }
        if p.copy {
            return p.orig + (pos - p.clean);
        }
        if p.orig_len == 0 {
            // An inserted separator: the span really starts at the next real text.
            if let Some(next) = self.pieces[i + 1..].iter().find(|p| p.orig_len > 0) {
                return next.orig;
            }
        }
        p.orig
    }

    /// Original offset where clean byte `pos - 1` ends (the end of a half-open span).
    pub fn orig_end_of(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.pieces.first().map_or(0, |p| p.orig);
        }
        let Some(i) = self.piece_index(pos - 1) else {
            return 0;
        };
        let p = &self.pieces[i];
        if p.copy { p.orig + (pos - p.clean).min(p.clean_len) } else { p.orig + p.orig_len }
    }

    /// The original span behind the clean range `range`.
    pub fn to_original(&self, range: Range<usize>) -> Span {
        let start = self.orig_start(range.start);
        if range.is_empty() {
            return Span::new(start, start);
        }
        let end = self.orig_end_of(range.end).max(start);
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn entity_maps_as_a_whole() {
        // original: "A &amp; B"
        let mut t = AlignedText::new();
        t.push_copy("A ", 0);
        t.push_replaced("&", 2..7);
        t.push_copy(" B", 7);
        assert_eq!(t.as_str(), "A & B");
        assert_eq!(t.to_original(0..5), Span::new(0, 9));
        assert_eq!(t.to_original(2..3), Span::new(2, 7));
        assert_eq!(t.to_original(4..5), Span::new(8, 9));
    }

    #[test]
    fn inserted_separator_is_skipped() {
        let mut t = AlignedText::new();
        t.push_copy("one", 10);
        t.push_inserted("\n\n");
        t.push_copy("two", 20);
        assert_eq!(t.to_original(3..8), Span::new(20, 23));
        assert_eq!(t.to_original(0..5), Span::new(10, 13));
    }

    proptest! {
        /// Copies of arbitrary slices, joined by separators, always map back to
        /// bytes that hold the same text.
        #[test]
        fn copies_round_trip(orig in "[a-z ]{1,60}", cuts in proptest::collection::vec(0usize..60, 0..6), a in 0usize..80, b in 0usize..80) {
            let mut cuts: Vec<usize> = cuts.into_iter().filter(|c| *c < orig.len()).collect();
            cuts.push(0);
            cuts.push(orig.len());
            cuts.sort();
            cuts.dedup();
            let mut t = AlignedText::new();
            for w in cuts.windows(2) {
                t.push_copy(&orig[w[0]..w[1]], w[0]);
            }
            prop_assert_eq!(t.as_str(), orig.as_str());
            let (a, b) = (a.min(b).min(orig.len()), a.max(b).min(orig.len()));
            let s = t.to_original(a..b);
            prop_assert_eq!(&orig[s.start..s.end], &t.as_str()[a..b]);
        }
    }
}
