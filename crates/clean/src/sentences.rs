//! Sentence segmentation over the cleaned body, abbreviation-aware: "Nov. 18",
//! "Washington, D.C. on Tuesday", "U.S. officials" and quotes do not end a
//! sentence; "in the U.S. The next day" does.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use attache_model::{Document, Sentence, Stage, StageError};

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
            push_trimmed(text, start..i, &mut out);
            start = i + 2;
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
        let rest = text[next_start..].split("\n\n").next().unwrap_or("").trim_end();
        if rest.starts_with('(') && rest.ends_with(')') && !rest.contains(' ') {
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

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(r.start + lead..r.start + lead + trimmed.len());
    }
}

/// The sentence stage: splits each body paragraph into sentences.
#[derive(Debug, Default)]
pub struct SentenceSplitter;

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
        for para in &article.paragraphs {
            for r in split(&body.as_str()[para.clone()]) {
                let r = para.start + r.start..para.start + r.end;
                sentences.push(Sentence { span: body.to_original(r.clone()), body: r });
            }
        }
        doc.sentences = sentences;
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
}
