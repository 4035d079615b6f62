//! Syntax: UD-style words with byte offsets, part-of-speech tags, lemmas,
//! morphological features and labelled dependency trees (UD v2 relations).
//!
//! - [`tokenize`] splits raw text into UD words ("don't" -> do + n't,
//!   "Yonhap's" -> Yonhap + 's, "U.S." one word), each a byte range of the input;
//! - [`Model`] tags, lemmatises and parses a sentence of words: an averaged
//!   perceptron tagger over joint UPOS+XPOS tags and a greedy arc-eager parser
//!   trained with a dynamic oracle;
//! - [`train`](train::train) learns a model from CoNLL-U and
//!   [`evaluate`](eval::evaluate) scores one as the CoNLL 2018 scorer does.
//!
//! Pure: no IO. The model trained on UD English EWT ships in `model/` and is
//! embedded in the binary ([`Model::embedded`]).

mod conllu;
pub mod eval;
mod lemma;
mod lexical;
mod parser;
mod perceptron;
mod stage;
mod tagger;
mod tokenize;
pub mod train;

use std::sync::OnceLock;

pub use conllu::{GoldSentence, GoldWord, read_conllu, universal};
pub use lemma::Morphology;
pub use stage::{Parsed, Scope, Selector, SyntaxConfig, SyntaxParser, conllu_sentence};
pub use tokenize::{Token as RawToken, tokenize};

/// What can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("{name}:{line}: {message}")]
    Conllu { name: String, line: usize, message: String },
    #[error("not an attache syntax model, or a damaged one ({0})")]
    BadModel(&'static str),
    #[error("{0}: no sentences")]
    Empty(String),
}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    /// UD FEATS (`Mood=Ind|Tense=Past|VerbForm=Fin`, `_` when none), with
    /// `Voice=Pass` added to verbs that have a passive subject or auxiliary.
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// The UD relation, with its subtype (`nsubj:pass`, `obl:tmod`).
    pub deprel: String,
}

/// A trained tagger, parser and morphology.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    tagger: tagger::Tagger,
    parser: parser::Parser,
    morph: Morphology,
    /// Where the model came from (training files, epochs, dev scores).
    pub provenance: String,
}

const MAGIC: &[u8; 8] = b"ATTSYN01";

/// The model trained on UD English EWT, shipped in `model/` (see its README).
static EMBEDDED: &[u8] = include_bytes!("../model/en_ewt.model");

impl Model {
    /// The shipped English model, decoded once.
    pub fn embedded() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        #[allow(clippy::expect_used)]
        MODEL.get_or_init(|| Model::from_bytes(EMBEDDED).expect("the embedded syntax model decodes"))
    }

    /// Tags, lemmatises and parses one sentence of words.
    pub fn analyse<S: AsRef<str>>(&self, words: &[S]) -> Vec<Analysis> {
        if words.is_empty() {
            return Vec::new();
        }
        let lex: Vec<lexical::Lex> = words.iter().map(|w| lexical::Lex::of(w.as_ref())).collect();
        let mut tags = Vec::with_capacity(words.len());
        self.tagger.tag(&lex, &mut tags);
        let toks: Vec<parser::Token> =
            lex.iter().zip(&tags).map(|(l, &t)| parser::Token::new(l, u64::from(t), self.tagger.upos_id(t))).collect();
        let (heads, labels) = self.parser.parse(&toks);
        let n = words.len();
        let mut out: Vec<Analysis> = words
            .iter()
            .zip(&tags)
            .zip(heads.iter().zip(&labels))
            .map(|((w, &t), (&h, &l))| {
                let (upos, xpos) = self.tagger.tag_name(t);
                let w = w.as_ref();
                Analysis {
                    upos: upos.to_owned(),
                    xpos: xpos.to_owned(),
                    lemma: self.morph.lemma(w, xpos),
                    feats: self.morph.feats(w, xpos),
                    head: if h as usize >= n { 0 } else { h as usize + 1 },
                    deprel: self.parser.label_name(l).to_owned(),
                }
            })
            .collect();
        // Voice from the tree: a verb with a passive subject or auxiliary.
        let passive: Vec<usize> = out
            .iter()
            .filter(|a| a.head > 0 && (a.deprel == "nsubj:pass" || a.deprel == "aux:pass" || a.deprel == "csubj:pass"))
            .map(|a| a.head - 1)
            .collect();
        for h in passive {
            let a = &mut out[h];
            if a.upos == "VERB" && !a.feats.contains("Voice=") {
                a.feats = if a.feats == "_" { "Voice=Pass".to_owned() } else { add_feat(&a.feats, "Voice=Pass") };
            }
        }
        news_time(words, &mut out);
        agree(&mut out);
        out
    }

    /// Decodes a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, SyntaxError> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(SyntaxError::BadModel("wrong magic"));
        }
        let mut r = perceptron::Reader::new(&bytes[8..]);
        let provenance = r.string().ok_or(SyntaxError::BadModel("provenance"))?;
        let tagger = tagger::Tagger::read(&mut r).ok_or(SyntaxError::BadModel("tagger"))?;
        let parser = parser::Parser::read(&mut r).ok_or(SyntaxError::BadModel("parser"))?;
        let morph = Morphology::read(&mut r).ok_or(SyntaxError::BadModel("morphology"))?;
        if !r.done() {
            return Err(SyntaxError::BadModel("trailing bytes"));
        }
        Ok(Self { tagger, parser, morph, provenance })
    }

    /// The model as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        perceptron::put_str(&mut out, &self.provenance);
        self.tagger.write(&mut out);
        self.parser.write(&mut out);
        self.morph.write(&mut out);
        out
    }

    /// Sizes, for reports: (tagger rows, tagger weights, parser rows, parser weights).
    /// The shipped model's encoded size in bytes.
    pub fn embedded_bytes() -> usize {
        EMBEDDED.len()
    }

    pub fn size(&self) -> (usize, usize, usize, usize) {
        let (a, b) = self.tagger.size();
        let (c, d) = self.parser.size();
        (a, b, c, d)
    }
}

/// News writes "said Sunday" and "met Tuesday": a weekday right after its
/// verb, rare in the web text the parser learned from, which takes it for the
/// subject or object. It is a bare time modifier (obl:tmod).
fn news_time<S: AsRef<str>>(words: &[S], out: &mut [Analysis]) {
    const DAYS: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "today",
        "yesterday",
        "tonight",
    ];
    for i in 0..out.len() {
        let a = &out[i];
        let after_verb = a.head > 0 && a.head == i && out[i - 1].upos == "VERB";
        if after_verb && DAYS.contains(&words[i].as_ref()) && matches!(a.deprel.as_str(), "nsubj" | "obj" | "iobj") {
            out[i].deprel = "obl:tmod".to_owned();
        }
    }
}

/// Person and Number of finite verbs from their subject (the tables give a
/// form's most frequent features, which for "met" or "said" is a guess).
fn agree(out: &mut [Analysis]) {
    for i in 0..out.len() {
        let subj = &out[i];
        if subj.head == 0 || !subj.deprel.starts_with("nsubj") {
            continue;
        }
        let feat = |key: &str| subj.feats.split('|').find_map(|f| f.strip_prefix(key)).map(str::to_owned);
        let person = if subj.upos == "PRON" { feat("Person=") } else { Some("3".to_owned()) };
        let number = feat("Number=");
        let verb = subj.head - 1;
        // The finite word of the clause: the verb or one of its auxiliaries.
        let finite: Vec<usize> = std::iter::once(verb)
            .chain((0..out.len()).filter(|&j| out[j].head == verb + 1 && out[j].deprel.starts_with("aux")))
            .filter(|&j| out[j].feats.contains("VerbForm=Fin") && out[j].feats.contains("Person="))
            .collect();
        for j in finite {
            for (key, value) in [("Person=", &person), ("Number=", &number)] {
                if let Some(v) = value {
                    out[j].feats = set_feat(&out[j].feats, key, v);
                }
            }
        }
    }
}

/// `feats` with `key` (e.g. `Person=`) set to `value`.
fn set_feat(feats: &str, key: &str, value: &str) -> String {
    let kept: Vec<&str> = feats.split('|').filter(|f| *f != "_" && !f.starts_with(key)).collect();
    add_feat(&kept.join("|"), &format!("{key}{value}"))
}

/// Adds a feature to a FEATS string, keeping the names in order.
fn add_feat(feats: &str, f: &str) -> String {
    let mut v: Vec<&str> = feats.split('|').filter(|x| *x != "_" && !x.is_empty()).collect();
    v.push(f);
    v.sort_by_key(|x| x.split('=').next().unwrap_or("").to_lowercase());
    v.join("|")
}

/// A small deterministic generator (xorshift64*) for shuffling and exploration.
#[derive(Debug, Clone)]
pub(crate) struct Rng(pub u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0 | 1;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
