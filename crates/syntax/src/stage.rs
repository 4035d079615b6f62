//! The syntax stage: parses the sentences later stages read and adds the
//! words layer ([`Document::words`]).

use std::sync::Arc;

use attache_model::{Document, Span, Stage, StageError, Word};
use serde::{Deserialize, Serialize};

use crate::{Analysis, Model, tokenize};

/// Which sentences to parse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// None: no words layer.
    Off,
    /// The sentences the stage's selector picks (those the event coder reads).
    #[default]
    Selected,
    /// Every sentence.
    All,
}

/// The syntax stage's config.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyntaxConfig {
    pub scope: Scope,
}

/// Picks the sentences worth parsing from their text.
pub type Selector = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// The stage: the shipped model, or another.
pub struct SyntaxParser {
    config: SyntaxConfig,
    model: &'static Model,
    select: Option<Selector>,
}

impl std::fmt::Debug for SyntaxParser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyntaxParser").field("config", &self.config).field("select", &self.select.is_some()).finish()
    }
}

impl SyntaxParser {
    /// The stage over the embedded model; `select` decides under [`Scope::Selected`]
    /// (no selector: every sentence).
    pub fn new(config: SyntaxConfig, select: Option<Selector>) -> Self {
        Self { config, model: Model::embedded(), select }
    }
}

/// A word of parsed text: its byte range in that text and its analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub start: usize,
    pub end: usize,
    pub analysis: Analysis,
}

/// How many leading words of a sentence belong to a dateline lead-in
/// ("BEIJING", "SEOUL, South Korea —", "Pyongyang, August 11 (KCNA) --"),
/// given the byte offset in `text` where the dateline's place name ends: the
/// words up to that offset, and up to the dash that closes the lead-in when
/// one follows within a few words. A dateline is not part of the clause; left
/// in, it is parsed as the subject ("BEIJING China aims").
pub fn dateline_words(text: &str, toks: &[crate::RawToken], place_end: usize) -> usize {
    let mut k = toks.iter().take_while(|t| t.start < place_end).count();
    if k == 0 {
        return 0;
    }
    let is_dash = |t: &crate::RawToken| matches!(&text[t.start..t.end], "-" | "--" | "—" | "–" | "―" | ":");
    if let Some(d) = toks.iter().skip(k).take(10).position(is_dash) {
        k += d + 1;
    }
    k.min(toks.len())
}

impl Model {
    /// Tokenizes and parses `text` as one sentence.
    pub fn parse_text(&self, text: &str) -> Vec<Parsed> {
        self.parse_from(text, 0)
    }

    /// Parses the sentence at `range` of the article's body, leaving out a
    /// dateline lead-in it starts with; the words' ranges are into the sentence.
    pub fn parse_sentence(&self, article: &attache_model::Article, range: std::ops::Range<usize>) -> Vec<Parsed> {
        let body = &article.body;
        let text = body.as_str().get(range.clone()).unwrap_or("");
        let orig = body.to_original(range.clone());
        // Where the dateline's place name ends, in the original.
        let dateline_end = article.dateline.as_ref().and_then(|d| d.span.as_ref()).map(|span| span.end);
        let from = match dateline_end {
            Some(end) if orig.start < end && end <= orig.end => {
                let toks = tokenize(text);
                // The place name's end, as a byte of the sentence.
                let place_end = toks
                    .iter()
                    .take_while(|t| body.to_original(range.start + t.start..range.start + t.end).end <= end)
                    .last()
                    .map_or(0, |t| t.end);
                let k = dateline_words(text, &toks, place_end);
                toks.get(k).map_or(text.len(), |t| t.start)
            }
            _ => 0,
        };
        self.parse_from(text, from)
    }

    /// Tokenizes `text` and parses it from the word at byte `from` on (the
    /// words before it are left out: a dateline lead-in).
    pub fn parse_from(&self, text: &str, from: usize) -> Vec<Parsed> {
        let toks: Vec<crate::RawToken> = tokenize(text).into_iter().filter(|t| t.start >= from).collect();
        let forms: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        self.analyse(&forms)
            .into_iter()
            .zip(toks)
            .map(|(analysis, t)| Parsed { start: t.start, end: t.end, analysis })
            .collect()
    }
}

impl Stage for SyntaxParser {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        if self.config.scope == Scope::Off {
            return Ok(());
        }
        let Some(article) = &doc.article else {
            return Err(StageError::MissingLayer { stage: "syntax", layer: "article" });
        };
        let body = &article.body;
        let mut layer = Vec::with_capacity(doc.sentences.len());
        for s in &doc.sentences {
            let text = body.as_str().get(s.body.clone()).unwrap_or("");
            let wanted = match (&self.config.scope, &self.select) {
                (Scope::All, _) | (Scope::Selected, None) => true,
                (Scope::Selected, Some(f)) => f(text),
                (Scope::Off, _) => false,
            };
            if !wanted || doc.deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                layer.push(Vec::new());
                continue;
            }
            let words = self
                .model
                .parse_sentence(article, s.body.clone())
                .into_iter()
                .map(|p| {
                    let span: Span = body.to_original(s.body.start + p.start..s.body.start + p.end);
                    let a = p.analysis;
                    Word {
                        span,
                        upos: a.upos,
                        xpos: a.xpos,
                        lemma: a.lemma,
                        feats: a.feats,
                        head: a.head,
                        deprel: a.deprel,
                    }
                })
                .collect();
            layer.push(words);
        }
        doc.words = layer;
        Ok(())
    }
}

/// One sentence as CoNLL-U: `# sent_id`, `# text`, a line per word (forms
/// from `text`, the words' ranges being into it) with the byte offsets that
/// `original` gives for each word in MISC as `Offset=START:END`.
pub fn conllu_sentence(
    id: &str,
    text: &str,
    words: &[Parsed],
    original: impl Fn(usize, usize) -> (usize, usize),
) -> String {
    let mut out = format!("# sent_id = {id}\n# text = {}\n", attache_model::normalize_ws(text));
    for (i, p) in words.iter().enumerate() {
        let a = &p.analysis;
        let space =
            if text[p.end..].starts_with(char::is_whitespace) || p.end == text.len() { "" } else { "SpaceAfter=No|" };
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{space}Offset={}:{}\n",
            i + 1,
            &text[p.start..p.end],
            a.lemma,
            a.upos,
            a.xpos,
            a.feats,
            a.head,
            a.deprel,
            original(p.start, p.end).0,
            original(p.start, p.end).1
        ));
    }
    out.push('\n');
    out
}
