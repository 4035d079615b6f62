//! Training a [`Model`] from CoNLL-U treebanks.
//!
//! 1. The tagger learns joint UPOS+XPOS tags (averaged perceptron).
//! 2. The parser must learn from tags like those it will see, so the training
//!    sentences are tagged by jackknifing: `folds` taggers, each trained
//!    without one fold, tag that fold.
//! 3. The parser (arc-eager, dynamic oracle, exploration from the second
//!    epoch) trains on those tags; after each epoch the averaged model is
//!    scored on the dev treebank and the best epoch by LAS is kept.
//! 4. Lemma and feature tables come from the training words.

use std::collections::HashMap;

use crate::eval::{Scores, evaluate};
use crate::lexical::Lex;
use crate::parser::{Example, Parser, Token};
use crate::tagger::Tagger;
use crate::{GoldSentence, Model, Morphology, SyntaxError};

/// How to train.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TrainConfig {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Jackknife folds for the parser's training tags (1 = gold tags).
    pub folds: usize,
    /// A second tagging pass that reads the first pass's tags to the right.
    pub two_pass: bool,
    /// Feature rows updated fewer times than this are dropped from the
    /// tagger and the parser (rare features: much of the size, little of the accuracy).
    pub tagger_prune: u32,
    pub parser_prune: u32,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            tagger_epochs: 8,
            parser_epochs: 12,
            folds: 4,
            two_pass: true,
            tagger_prune: 1,
            parser_prune: 2,
            seed: 20_261_207,
        }
    }
}

/// A jackknife fold's tags: (fold, [(sentence, tags)]).
type FoldTags = (usize, Vec<(usize, Vec<String>)>);

/// What training reports as it goes.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A tagger finished (the `fold`th of the jackknife, or the final one when `fold` is None).
    Tagger { fold: Option<usize>, folds: usize },
    /// A parser epoch finished, with its dev scores when there is a dev set.
    ParserEpoch { epoch: usize, epochs: usize, dev: Option<Scores>, seconds: f64 },
}

fn joint(w: &crate::GoldWord) -> String {
    format!("{}\t{}", w.upos, w.xpos)
}

fn tagger_data(sents: &[&GoldSentence]) -> Vec<(Vec<String>, Vec<String>)> {
    sents
        .iter()
        .map(|s| (s.words.iter().map(|w| w.form.clone()).collect(), s.words.iter().map(joint).collect()))
        .collect()
}

/// Trains a model on `train`, choosing the parser epoch by LAS on `dev`.
pub fn train(
    train: &[GoldSentence],
    dev: Option<&[GoldSentence]>,
    config: &TrainConfig,
    provenance: &str,
    mut progress: impl FnMut(Progress),
) -> Result<Model, SyntaxError> {
    if train.is_empty() {
        return Err(SyntaxError::Empty("training treebank".to_owned()));
    }
    let all: Vec<&GoldSentence> = train.iter().collect();
    let folds = config.folds.max(1);
    // Jackknifed tags for the parser's training data (in parallel).
    let mut predicted: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
    let final_tagger;
    {
        let results: Vec<FoldTags> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..folds)
                .filter(|_| folds > 1)
                .map(|k| {
                    let all = &all;
                    scope.spawn(move || {
                        let train_part: Vec<&GoldSentence> =
                            all.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, s)| *s).collect();
                        let tagger = Tagger::train(
                            &tagger_data(&train_part),
                            config.tagger_epochs,
                            config.seed + k as u64,
                            config.two_pass,
                            config.tagger_prune,
                        );
                        let mut out = Vec::new();
                        let mut tags = Vec::new();
                        for (i, s) in all.iter().enumerate().filter(|(i, _)| i % folds == k) {
                            let lex: Vec<Lex> = s.words.iter().map(|w| Lex::of(&w.form)).collect();
                            tagger.tag(&lex, &mut tags);
                            out.push((i, tags.iter().map(|&t| tagger.tags[t as usize].clone()).collect()));
                        }
                        (k, out)
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        final_tagger =
            Tagger::train(&tagger_data(&all), config.tagger_epochs, config.seed, config.two_pass, config.tagger_prune);
        let id: HashMap<&str, u16> =
            final_tagger.tags.iter().enumerate().map(|(i, t)| (t.as_str(), i as u16)).collect();
        for (k, out) in results {
            for (i, tags) in out {
                // A fold's tag unseen by the final tagger cannot happen (same data); fall back to 0.
                predicted[i] = tags.iter().map(|t| id.get(t.as_str()).copied().unwrap_or(0)).collect();
            }
            progress(Progress::Tagger { fold: Some(k), folds });
        }
        progress(Progress::Tagger { fold: None, folds });
        if folds == 1 {
            for (i, s) in train.iter().enumerate() {
                predicted[i] = s.words.iter().map(|w| id.get(joint(w).as_str()).copied().unwrap_or(0)).collect();
            }
        }
    }
    // Labels, root first so its id is stable.
    let mut labels: Vec<String> = vec!["root".to_owned()];
    let mut label_id: HashMap<String, u16> = HashMap::from([("root".to_owned(), 0)]);
    let examples: Vec<Example> = train
        .iter()
        .zip(&predicted)
        .map(|(s, tags)| {
            let n = s.words.len();
            let toks = s
                .words
                .iter()
                .zip(tags)
                .map(|(w, &t)| Token::new(&Lex::of(&w.form), u64::from(t), final_tagger.upos_id(t)))
                .collect();
            let heads = s.words.iter().map(|w| if w.head == 0 { n as u32 } else { (w.head - 1) as u32 }).collect();
            let labels = s
                .words
                .iter()
                .map(|w| {
                    let rel = if w.head == 0 { "root".to_owned() } else { w.deprel.clone() };
                    *label_id.entry(rel.clone()).or_insert_with(|| {
                        labels.push(rel);
                        (labels.len() - 1) as u16
                    })
                })
                .collect();
            Example { toks, heads, labels }
        })
        .collect();
    let morph = Morphology::train(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str(), w.feats.as_str())),
    );
    let mut best: Option<(f64, Parser, usize, Option<Scores>)> = None;
    let mut started = std::time::Instant::now();
    let parser =
        Parser::train(&examples, labels, config.parser_epochs, config.seed, config.parser_prune, |epoch, parser| {
            let scores = dev.map(|d| {
                let m = Model {
                    tagger: final_tagger.clone(),
                    parser: parser.clone(),
                    morph: morph.clone(),
                    provenance: String::new(),
                };
                evaluate(&m, d)
            });
            let las = scores.map_or(epoch as f64, |s| s.las);
            if best.as_ref().is_none_or(|(b, ..)| las > *b) {
                best = Some((las, parser.clone(), epoch, scores));
            }
            progress(Progress::ParserEpoch {
                epoch,
                epochs: config.parser_epochs,
                dev: scores,
                seconds: started.elapsed().as_secs_f64(),
            });
            started = std::time::Instant::now();
        });
    let (parser, note) = match best {
        Some((_, p, epoch, scores)) => {
            let s = scores
                .map(|s| format!("; dev UPOS {:.4} UAS {:.4} LAS {:.4}", s.upos, s.uas, s.las))
                .unwrap_or_default();
            (p, format!("parser epoch {} of {} kept{s}", epoch + 1, config.parser_epochs))
        }
        None => (parser, String::new()),
    };
    let provenance = format!(
        "{provenance}\ntrained: {} sentences, {} words; tagger epochs {}, parser epochs {}, jackknife folds {}, seed {}; {note}",
        train.len(),
        train.iter().map(|s| s.words.len()).sum::<usize>(),
        config.tagger_epochs,
        config.parser_epochs,
        folds,
        config.seed
    );
    Ok(Model { tagger: final_tagger, parser, morph, provenance })
}
