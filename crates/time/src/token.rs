//! A tokenizer for the scanner: runs of letters and digits, and single
//! punctuation characters, each with its byte range and a few flags.

use crate::lexicon::{Entry, LEXICON};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters only.
    Word,
    /// ASCII digits only.
    Num,
    /// Letters and digits ("1990s", "21st", "10am").
    Alnum,
    /// One character that is neither a letter, a digit nor whitespace.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace (or the text's start) comes right before it.
    pub space_before: bool,
    /// A line break is in the whitespace before it; `para` when a blank line is.
    pub newline_before: bool,
    pub para_before: bool,
    /// The first character is uppercase.
    pub upper: bool,
    /// The value of a `Num` token of at most 9 digits.
    pub num: Option<u32>,
    /// The lexicon entry of its lowercase form.
    pub lex: Option<&'static Entry>,
    /// Index of the sentence it is in.
    pub sentence: u32,
}

impl Tok {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// The tokens of `text`, with `lower` its ASCII-lowercased copy (same byte offsets).
pub fn tokenize(text: &str, lower: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 4);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space_before = true;
    let mut newlines = 0u32;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            if b == b'\n' {
                newlines += 1;
            }
            space_before = true;
            i += 1;
            continue;
        }
        let start = i;
        let (kind, end) =
            if b.is_ascii_alphanumeric() || b >= 0x80 { scan_word(text, i) } else { (Kind::Punct, i + 1) };
        let (kind, end) = if end == start {
            // A non-ASCII character that is not a letter or digit: one punctuation token
            // (or whitespace, which we skip).
            let c = text[start..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                space_before = true;
                i = start + c.len_utf8();
                continue;
            }
            (Kind::Punct, start + c.len_utf8())
        } else {
            (kind, end)
        };
        let upper = text[start..].chars().next().is_some_and(char::is_uppercase);
        let num = (kind == Kind::Num && end - start <= 9).then(|| text[start..end].parse().ok()).flatten();
        let lex = if kind == Kind::Punct && end - start == 1 {
            None
        } else {
            lower.get(start..end).and_then(|w| LEXICON.get(w))
        };
        toks.push(Tok {
            start,
            end,
            kind,
            space_before,
            newline_before: newlines > 0,
            para_before: newlines > 1,
            upper,
            num,
            lex,
            sentence: 0,
        });
        space_before = false;
        newlines = 0;
        i = end;
    }
    mark_sentences(&mut toks, lower);
    toks
}

/// A run of letters and digits from `i` (empty when the character at `i` is neither).
fn scan_word(text: &str, i: usize) -> (Kind, usize) {
    let mut letters = false;
    let mut digits = false;
    let mut end = i;
    for c in text[i..].chars() {
        if c.is_ascii_digit() {
            digits = true;
        } else if c.is_alphabetic() || (c.is_alphanumeric() && !c.is_ascii()) {
            letters = true;
        } else {
            break;
        }
        end += c.len_utf8();
    }
    let kind = match (letters, digits) {
        (true, true) => Kind::Alnum,
        (false, true) => Kind::Num,
        _ => Kind::Word,
    };
    (kind, end)
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "sgt", "prof", "jr", "sr",
    "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "a", "p", "m", "u", "s", "k", "n", "e", "w", "mt", "ft", "rev", "adm", "gens", "reps", "sens",
];

/// Numbers sentences: a new one after `.`, `!` or `?` followed by a capital, a
/// digit or a quote, and after a blank line.
fn mark_sentences(toks: &mut [Tok], lower: &str) {
    let mut s = 0u32;
    for i in 0..toks.len() {
        if i > 0 {
            let prev = toks[i - 1];
            let cur = toks[i];
            let mut brk = cur.para_before;
            if !brk && cur.space_before && prev.kind == Kind::Punct {
                let p = &lower[prev.start..prev.end];
                let starts =
                    cur.upper || cur.kind == Kind::Num || matches!(&lower[cur.start..cur.end], "\"" | "“" | "'");
                if starts && matches!(p, "!" | "?") {
                    brk = true;
                } else if starts && p == "." {
                    let abbr = i >= 2 && {
                        let w = toks[i - 2];
                        w.kind != Kind::Punct
                            && w.end == prev.start
                            && (ABBREVIATIONS.contains(&&lower[w.start..w.end]) || (w.len() == 1 && w.upper))
                    };
                    brk = !abbr;
                } else if starts
                    && (p == "\"" || p == "”")
                    && i >= 2
                    && matches!(&lower[toks[i - 2].start..toks[i - 2].end], "." | "!" | "?")
                {
                    brk = true;
                }
            }
            if brk {
                s += 1;
            }
        }
        toks[i].sentence = s;
    }
}

/// The lowercase tokens of a short phrase (for building the lexicon).
pub fn tokenize_lower(s: &str) -> Vec<String> {
    let lower = s.to_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let (_, end) = if c.is_alphanumeric() { scan_word(&lower, i) } else { (Kind::Punct, i + c.len_utf8()) };
        let end = if end == i { i + c.len_utf8() } else { end };
        out.push(lower[i..end].to_owned());
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_sentences() {
        let text = "He said Wednesday. On Nov. 18, 2021 the 1990s ended.\n\nNext";
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words[..4], ["He", "said", "Wednesday", "."]);
        let nov = toks.iter().find(|t| &text[t.start..t.end] == "Nov").map(|t| t.sentence);
        assert_eq!(nov, Some(1));
        let the = toks.iter().find(|t| &text[t.start..t.end] == "the").map(|t| t.sentence);
        assert_eq!(the, Some(1), "no break after Nov.");
        assert_eq!(toks.last().map(|t| t.sentence), Some(2));
        assert!(toks.iter().any(|t| t.kind == Kind::Alnum));
    }

    #[test]
    fn phrase_tokens() {
        assert_eq!(tokenize_lower("New Year's Day"), ["new", "year", "'", "s", "day"]);
    }
}
