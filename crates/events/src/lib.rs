//! Events: PLOVER coding of what the actors of an article did, said or planned.
//!
//! The [`EventCoder`] stage reads the sentences, actors (`Document::actors`, with their
//! mentions and sentence indices) and time expressions (`Document::timex`) and fills
//! `Document::events`. Each sentence is tokenized once; every word is looked up once in
//! the trigger, cue and topic tables (phrases indexed by their first word). For each
//! trigger it finds:
//!
//! - the participants among the actor mentions of its clause: the subject before a verb
//!   (with "X and Y" coordination, "and"-coordinated verbs sharing their subject), the
//!   object after it (or "with X" only, for verbs such as "discussed" whose object is a
//!   topic), "between X and Y" / "with X" after a noun; reporting sources ("the ministry
//!   said", "according to") and places ("in Washington") are not participants;
//! - the date: the time expression of the trigger's clause (not one that dates the
//!   report: "said Wednesday"), else the article's lead event's date (discourse), else none,
//!   with `date_text` saying which;
//! - the place ("in Vienna"), the status (future, hypothetical, negated cues before the
//!   trigger), the topics of its sentences.
//!
//! Sentences about the same event (same type and status, participants one a subset of
//! the other's for symmetric types or equal otherwise, compatible dates) are merged into
//! one event with several pieces of evidence.
//!
//! | file | what |
//! |---|---|
//! | `arguments.rs` | who the parse says did it and to whom |
//! | `status.rs` | which status cues belong to the trigger's clause |
//! | `dating.rs` | which time expressions can date an event |
//! | `statement.rs` | articles that are one speaker's statement, and their speaker |
//! | `merging.rs` | whether two coded events are one, and folding them together |
//! | `predicates.rs` | whether a trigger reports an event at all: not a description ("the deal lifting sanctions"), a habit or what a thing is for |
//! | `data/triggers.tsv` | trigger phrases → PLOVER type, mode, CAMEO code, contexts, kind, strength |
//! | `data/cues.tsv` | status cues, reporting verbs, place prepositions, pronouns, skippable adverbs |
//! | `data/topics.tsv` | topic phrases → topic names |
//! | `data/irregular.tsv` | irregular verb forms, for `word~` in trigger patterns |

mod arguments;
mod code;
mod dating;
mod lexicon;
mod merging;
mod predicates;
mod statement;
mod status;
mod text;

use std::sync::{Arc, LazyLock};

use attache_model::{Document, Stage, StageError};
use serde::{Deserialize, Serialize};

pub use lexicon::{Cue, Kind, Lexicon, Trigger};
pub use text::{Token, tokenize};

/// The built-in rule files.
pub const TRIGGERS: &str = include_str!("../data/triggers.tsv");
pub const CUES: &str = include_str!("../data/cues.tsv");
pub const TOPICS: &str = include_str!("../data/topics.tsv");
pub const IRREGULAR: &str = include_str!("../data/irregular.tsv");

/// Settings of the events stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventConfig {
    /// Give an undated, asserted event the date of the article's lead event.
    pub carry_dates: bool,
    /// Drop events whose confidence (in percent) is below this.
    pub min_confidence: u8,
    /// Where a sentence was parsed, let the subject, object and obliques of
    /// the trigger verb overrule the word-window choice of actor and recipient
    /// when the two disagree; an event noun that is a light verb's object ("launched
    /// an air strike on X") takes the verb's subject. On the dev gold it lifts wire
    /// F1 from 0.304 to 0.329 (KCNA unchanged); `attache eval suites
    /// --no-parse-arguments` is the ablation on the sentence suites.
    pub parse_arguments: bool,
    /// Where a sentence was parsed, a "not"/"never" on the trigger verb negates it.
    pub parse_negation: bool,
    /// Where a sentence was parsed, a status cue ("will", "could", "if") counts
    /// only in the trigger's own clause (see `status.rs`).
    pub parse_status: bool,
    /// Drop events dated more than this many calendar years before the article's
    /// year ("destroyed by a U.S. atomic bomb in 1945", "an agreement signed in
    /// 1972"): history recalled, not news. `None` keeps them all.
    pub max_age_years: Option<u16>,
}

impl Default for EventConfig {
    fn default() -> Self {
        Self {
            carry_dates: true,
            min_confidence: 0,
            parse_arguments: true,
            parse_negation: true,
            parse_status: true,
            max_age_years: Some(2),
        }
    }
}

#[allow(clippy::expect_used)]
static BUILTIN: LazyLock<Arc<code::Compiled>> = LazyLock::new(|| {
    let lex = Lexicon::parse(TRIGGERS, CUES, TOPICS, IRREGULAR).expect("the built-in event rules parse");
    Arc::new(code::Compiled::new(lex))
});

/// The events stage: built once, shared by all threads.
#[derive(Debug, Clone)]
pub struct EventCoder {
    config: EventConfig,
    compiled: Arc<code::Compiled>,
}

impl EventCoder {
    pub fn new(config: EventConfig) -> Self {
        Self { config, compiled: BUILTIN.clone() }
    }

    /// Whether the coder reads this sentence (it holds a trigger): the
    /// syntax stage parses only these by default.
    pub fn reads(&self, sentence: &str) -> bool {
        self.compiled.has_trigger(sentence)
    }
}

impl Default for EventCoder {
    fn default() -> Self {
        Self::new(EventConfig::default())
    }
}

impl Stage for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let events = self.compiled.code(doc, &self.config);
        doc.events = events;
        Ok(())
    }
}
