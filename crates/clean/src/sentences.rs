//! Sentence segmentation over the cleaned body, abbreviation-aware: "Nov. 18",
//! "Washington, D.C. on Tuesday", "U.S. officials" and quotes do not end a
//! sentence; "in the U.S. The next day" does.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use attache_model::{Diagnostic, Document, Sentence, Stage, StageError};

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");

/// Words that start sentences far more often than they follow an acronym inside one.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "However",
    "Meanwhile",
    "Also",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "Some",
    "Many",
    "Most",
    "Both",
    "Such",
    "What",
    "Who",
    "Why",
    "How",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "According",
    "Still",
    "Now",
    "Officials",
];

fn abbreviations() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ABBREVIATIONS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}')
}

/// The word before a period at byte `dot` of `text` (letters, digits and inner dots).
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.' || *c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word after byte `at` (letters only).
fn word_after(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let tail = tail.trim_start_matches(is_opening);
    let end = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
    &tail[..end]
}

/// Whether a period ending `word` can end a sentence when `next` follows.
fn period_ends_sentence(word: &str, next: &str) -> bool {
    if word.is_empty() {
        return true;
    }
    let bare = word.trim_start_matches('-');
    // Dotted acronyms (U.S, D.C, a.m) and single initials (John F. Kennedy).
    let dotted = bare.contains('.') && bare.split('.').all(|p| p.chars().count() <= 2);
    let initial = bare.chars().count() == 1 && bare.chars().all(char::is_uppercase);
    if dotted || initial {
        return STARTERS.contains(&next);
    }
    if abbreviations().contains(bare) {
        // "No. 1", "Nov. 18", "Gen. Smith": a title or a month is followed by more.
        return false;
    }
    true
}

/// Splits `text` into sentence ranges (trimmed of surrounding whitespace).
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            // A sentence end may have taken this break as its trailing whitespace already.
            if start < i {
                push_trimmed(text, start..i, &mut out);
            }
            start = start.max(i + 2);
            i += 2;
            continue;
        }
        if !matches!(b, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        // Extend over repeated terminators and closing quotes/brackets.
        let mut end = i + 1;
        while end < text.len() {
            let Some(c) = text[end..].chars().next() else { break };
            if matches!(c, '.' | '!' | '?') || is_closing(c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let after = &text[end..];
        let ws = after.len() - after.trim_start().len();
        if ws == 0 || end + ws >= text.len() {
            i = end;
            continue;
        }
        let next_start = end + ws;
        let Some(nc) = text[next_start..].chars().next() else { break };
        // A signature such as "(Yonhap)" closing the paragraph stays with its sentence.
        if is_signature(text, next_start) {
            i = end;
            continue;
        }
        let starts_ok = nc.is_uppercase() || nc.is_ascii_digit() || is_opening(nc);
        let ok = starts_ok && (b != b'.' || period_ends_sentence(word_before(text, i), word_after(text, next_start)));
        if ok {
            push_trimmed(text, start..end, &mut out);
            start = next_start;
        }
        i = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The longest paragraph tail that can be an agency signature such as "(Yonhap)".
const MAX_SIGNATURE: usize = 64;

/// Whether the rest of the paragraph from `at` is a signature: `(Word)` with no
/// space inside, alone up to the paragraph break or the end. Looks at no more
/// than [`MAX_SIGNATURE`] bytes, so that splitting stays linear.
fn is_signature(text: &str, at: usize) -> bool {
    let tail = &text[at..];
    if !tail.starts_with('(') {
        return false;
    }
    let mut end = tail.len().min(MAX_SIGNATURE + 2);
    while !tail.is_char_boundary(end) {
        end -= 1;
    }
    let window = &tail[..end];
    let rest = match window.find("\n\n") {
        Some(k) => &window[..k],
        None if end == tail.len() => window,
        None => return false,
    };
    let rest = rest.trim_end();
    rest.ends_with(')') && !rest.contains(' ')
}

/// Cuts ranges longer than `max` bytes into pieces of at most `max` bytes,
/// at the last whitespace before the limit when there is one (else at a char
/// boundary). Returns how many ranges were cut.
pub fn cap_lengths(text: &str, ranges: Vec<Range<usize>>, max: usize) -> (Vec<Range<usize>>, usize) {
    let max = max.max(16);
    if ranges.iter().all(|r| r.len() <= max) {
        return (ranges, 0);
    }
    let mut out = Vec::with_capacity(ranges.len());
    let mut cut = 0;
    for r in ranges {
        if r.len() <= max {
            out.push(r);
            continue;
        }
        cut += 1;
        let mut start = r.start;
        while r.end - start > max {
            let mut limit = start + max;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let piece = &text[start..limit];
            // Cut after the last whitespace in the second half of the piece, else at the limit.
            let at = piece
                .char_indices()
                .rev()
                .take_while(|(i, _)| *i > piece.len() / 2)
                .find(|(_, c)| c.is_whitespace())
                .map_or(limit, |(i, _)| start + i);
            push_trimmed(text, start..at, &mut out);
            start = at;
        }
        push_trimmed(text, start..r.end, &mut out);
    }
    (out, cut)
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(r.start + lead..r.start + lead + trimmed.len());
    }
}

/// The default of [`crate::CleanConfig::max_sentence_bytes`].
pub const DEFAULT_MAX_SENTENCE_BYTES: usize = 4096;

/// The sentence stage: splits each body paragraph into sentences, and cuts
/// sentences longer than its limit (a `long-sentence` diagnostic says so), so
/// that the stages after it, which work sentence by sentence, stay linear.
#[derive(Debug)]
pub struct SentenceSplitter {
    max_bytes: usize,
}

impl SentenceSplitter {
    pub fn new(config: &crate::CleanConfig) -> Self {
        Self { max_bytes: config.max_sentence_bytes }
    }
}

impl Default for SentenceSplitter {
    fn default() -> Self {
        Self { max_bytes: DEFAULT_MAX_SENTENCE_BYTES }
    }
}

impl Stage for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let Some(article) = doc.article.as_ref() else {
            return Err(StageError::MissingLayer { stage: "sentences", layer: "article" });
        };
        let body = &article.body;
        let mut sentences = Vec::new();
        let mut cut = 0;
        for para in &article.paragraphs {
            let text = &body.as_str()[para.clone()];
            let (ranges, n) = cap_lengths(text, split(text), self.max_bytes);
            cut += n;
            for r in ranges {
                let r = para.start + r.start..para.start + r.end;
                sentences.push(Sentence { span: body.to_original(r.clone()), body: r });
            }
        }
        doc.sentences = sentences;
        if cut > 0 {
            doc.diagnostics.push(Diagnostic::warning(
                "long-sentence",
                format!(
                    "{cut} sentence(s) longer than {} bytes were cut into pieces (max_sentence_bytes)",
                    self.max_bytes.max(16)
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_and_acronyms() {
        let t = "The talks in Washington, D.C. on Tuesday went well. Photo provided on Nov. 18, 2021. \
                 U.S. officials agreed. He lives in the U.S. The next day he left.";
        assert_eq!(
            sents(t),
            vec![
                "The talks in Washington, D.C. on Tuesday went well.",
                "Photo provided on Nov. 18, 2021.",
                "U.S. officials agreed.",
                "He lives in the U.S.",
                "The next day he left."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        let t = "\"We agreed,\" he said. \"It is over.\" Mr. Kim left. Gen. Smith said \"no\"! Then quiet?";
        assert_eq!(
            sents(t),
            vec![
                "\"We agreed,\" he said.",
                "\"It is over.\"",
                "Mr. Kim left.",
                "Gen. Smith said \"no\"!",
                "Then quiet?"
            ]
        );
    }

    #[test]
    fn agency_signature_stays() {
        assert_eq!(sents("They met on Wednesday. (Yonhap)"), vec!["They met on Wednesday. (Yonhap)"]);
        assert_eq!(sents("They met. (Then they left.)"), vec!["They met.", "(Then they left.)"]);
    }

    #[test]
    fn initials_and_numbers() {
        let t = "John F. Kennedy spoke. It cost $7.5 billion. Room No. 5 is open.";
        assert_eq!(sents(t), vec!["John F. Kennedy spoke.", "It cost $7.5 billion.", "Room No. 5 is open."]);
    }

    #[test]
    fn paragraph_break_ends_sentence() {
        assert_eq!(sents("Headline without period\n\nBody starts."), vec!["Headline without period", "Body starts."]);
    }

    #[test]
    fn signature_check_is_bounded() {
        // Each ". (" used to scan to the end of the paragraph: quadratic.
        let t = "a. (b ".repeat(20_000);
        assert!(!split(&t).is_empty());
        assert!(is_signature("(Yonhap)  \n\nNext", 0));
        assert!(is_signature("(KCNA)", 0));
        assert!(!is_signature("(two words)", 0));
        assert!(!is_signature(&format!("({})", "x".repeat(200)), 0));
    }

    #[test]
    fn long_sentences_are_cut_on_char_boundaries() {
        let t = format!("{} {}", "word ".repeat(100), "é".repeat(300));
        let (ranges, cut) = cap_lengths(&t, split(&t), 64);
        assert_eq!(cut, 1);
        for r in &ranges {
            assert!(r.len() <= 64 && t.is_char_boundary(r.start) && t.is_char_boundary(r.end), "{r:?}");
            assert!(!t[r.clone()].starts_with(' ') && !t[r.clone()].ends_with(' '));
        }
        let joined: String = ranges.iter().map(|r| &t[r.clone()]).collect::<Vec<_>>().join("");
        assert_eq!(joined.replace(' ', ""), t.replace(' ', ""), "nothing lost");
        let (same, cut) = cap_lengths("Short one. Two.", split("Short one. Two."), 64);
        assert_eq!((same.len(), cut), (2, 0));
    }

    #[test]
    fn break_after_a_sentence_end_and_a_space() {
        // Found by the text_clean fuzz target: the paragraph break was taken as
        // the whitespace after "A." and then sliced backwards.
        assert_eq!(sents("A. \n\nB."), vec!["A.", "B."]);
        assert_eq!(sents("Ends here.\t\n\n\nNext one."), vec!["Ends here.", "Next one."]);
    }
}
