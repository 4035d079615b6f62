//! CoNLL-U: reading gold treebank sentences and writing parses.
//!
//! Multiword-token lines (`1-2`) and empty nodes (`8.1`) are skipped on
//! reading: the tagger and parser work on syntactic words.

use crate::SyntaxError;

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head.
    pub head: usize,
    pub deprel: String,
}

/// A sentence of a treebank.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldSentence {
    pub text: Option<String>,
    pub words: Vec<GoldWord>,
}

/// Reads every sentence of a CoNLL-U text. `name` is used in error messages.
pub fn read_conllu(text: &str, name: &str) -> Result<Vec<GoldSentence>, SyntaxError> {
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    for (lineno, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur = GoldSentence::default();
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(t) = c.trim_start().strip_prefix("text = ") {
                cur.text = Some(t.to_owned());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(SyntaxError::Conllu {
                name: name.to_owned(),
                line: lineno + 1,
                message: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let head = cols[6].parse::<usize>().map_err(|_| SyntaxError::Conllu {
            name: name.to_owned(),
            line: lineno + 1,
            message: format!("HEAD '{}' is not a number", cols[6]),
        })?;
        cur.words.push(GoldWord {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            upos: cols[3].to_owned(),
            xpos: cols[4].to_owned(),
            feats: cols[5].to_owned(),
            head,
            deprel: cols[7].to_owned(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &out {
        if s.words.iter().any(|w| w.head > s.words.len()) {
            return Err(SyntaxError::Conllu {
                name: name.to_owned(),
                line: 0,
                message: "a HEAD points past the end of its sentence".to_owned(),
            });
        }
    }
    Ok(out)
}

/// The universal part of a relation (`nsubj:pass` -> `nsubj`).
pub fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}
