//! A small tokenizer: words (letters and digits, with inner hyphens and dots), the
//! possessive "'s" as a word of its own, and each other non-space character alone.

use std::ops::Range;

/// A word of a sentence: its range in the text it was read from and its lower-case form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub lower: String,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    ranges(text)
        .into_iter()
        .map(|r| Token { lower: word(&text[r.clone()].to_lowercase()).to_owned(), range: r })
        .collect()
}

/// The token ranges of `text`, without allocating their text.
pub fn ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let char_at = |i: usize| text.get(i..).and_then(|t| t.chars().next());
    let mut i = 0;
    while i < bytes.len() {
        let Some(c) = char_at(i) else { break };
        let w = c.len_utf8();
        if c.is_whitespace() {
            i += w;
            continue;
        }
        if is_word(c) {
            let start = i;
            i += w;
            while let Some(cj) = char_at(i) {
                if is_word(cj) {
                    i += cj.len_utf8();
                } else if (cj == '-' || cj == '.') && char_at(i + 1).is_some_and(is_word) {
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(start..i);
            continue;
        }
        if c == '\'' || c == '\u{2019}' {
            let j = i + w;
            if char_at(j).is_some_and(|n| n == 's' || n == 'S') && char_at(j + 1).is_none_or(|n| !is_word(n)) {
                out.push(i..j + 1);
                i = j + 1;
                continue;
            }
        }
        out.push(i..i + w);
        i += w;
    }
    out
}

/// The lower-case form the lexicon uses for a token: "'s" for both apostrophes.
pub fn word(lower: &str) -> &str {
    if lower == "\u{2019}s" { "'s" } else { lower }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_possessives_and_punctuation() {
        let t: Vec<String> =
            tokenize("Korea's test-fired, in Washington, D.C. now").into_iter().map(|t| t.lower).collect();
        assert_eq!(t, ["korea", "'s", "test-fired", ",", "in", "washington", ",", "d.c", ".", "now"]);
    }
}
