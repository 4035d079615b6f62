//! Scoring a model on gold-tokenised CoNLL-U, as the CoNLL 2018 shared task
//! scorer counts with gold words: every word, punctuation included; LAS
//! compares the universal part of the relation (before the colon).

use std::time::Instant;

use crate::{GoldSentence, Model, universal};

/// Scores over a treebank.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    /// Tagging plus parsing (lemmas and features included), one thread.
    pub words_per_s: f64,
}

/// Tags and parses the gold words of every sentence and compares.
pub fn evaluate(model: &Model, gold: &[GoldSentence]) -> Scores {
    let mut counts = [0usize; 5];
    let mut words = 0usize;
    let started = Instant::now();
    let parsed: Vec<_> = gold
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            model.analyse(&forms)
        })
        .collect();
    let secs = started.elapsed().as_secs_f64();
    for (s, p) in gold.iter().zip(&parsed) {
        for (g, a) in s.words.iter().zip(p) {
            words += 1;
            counts[0] += usize::from(g.upos == a.upos);
            counts[1] += usize::from(g.xpos == a.xpos);
            counts[2] += usize::from(g.lemma == a.lemma);
            if g.head == a.head {
                counts[3] += 1;
                counts[4] += usize::from(universal(&g.deprel) == universal(&a.deprel));
            }
        }
    }
    let frac = |c: usize| if words == 0 { 0.0 } else { c as f64 / words as f64 };
    Scores {
        sentences: gold.len(),
        words,
        upos: frac(counts[0]),
        xpos: frac(counts[1]),
        lemma: frac(counts[2]),
        uas: frac(counts[3]),
        las: frac(counts[4]),
        words_per_s: if secs > 0.0 { words as f64 / secs } else { 0.0 },
    }
}
