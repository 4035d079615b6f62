//! Annotation layers added after cleaning: actors and time expressions.

use serde::{Deserialize, Serialize};

use crate::Span;

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

/// Where a piece of text sits in the article: its role matters (a caption's
/// date is never the story's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    Title,
    Body,
    Caption,
}

/// A time expression, TIMEX3-style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// The expression in the original input ("Tuesday (local time)").
    pub span: Span,
    pub kind: TimexKind,
    /// The normalised value: `2021-11-16`, `2022-W02`, `2022-03`, `PT60M`,
    /// `1950/1953`, `XXXX-WXX-3` when it cannot be anchored, `PRESENT_REF`, ...
    pub value: String,
    /// TIMEX3 `mod` (`START`, `END`, `APPROX`, `BEFORE`, `AFTER`, ...), if any.
    pub modifier: Option<String>,
    pub zone: Zone,
    /// Index of the sentence it is in (`Document::sentences`), for body timexes.
    pub sentence: Option<usize>,
    /// How the value was found (`absolute`, `dct`, `tense-past`, `previous-timex`, ...),
    /// for `explain`.
    pub anchor: Option<String>,
}

/// What kind of thing an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    /// A state's government or one of its organs ("Seoul", "the State Department").
    Government,
    /// A country as such ("South Korea" when not its government), or its people.
    Country,
    /// An international or non-state organisation ("the UN Security Council").
    Organisation,
    /// A group of people or actors ("six North Koreans", "the allies").
    Group,
}

/// How an actor is referred to at one mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    /// The full name ("Choi Jong-kun", "the State Department").
    Name,
    /// A part of the name ("Choi", "Sherman").
    Partial,
    /// A role or description ("the vice minister", "his US counterpart").
    Role,
    /// A capital or country name standing for the government ("Seoul said").
    Metonym,
    /// A pronoun.
    Pronoun,
    /// A plural that includes the actor ("the vice ministers", "the allies").
    Group,
}

/// One place an actor is mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    pub zone: Zone,
    /// Index of the sentence it is in, for body mentions.
    pub sentence: Option<usize>,
}

/// An actor of the article, once, with every mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name ("Choi Jong-kun", "United States", "UN Security Council").
    pub name: String,
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3; `None` for international organisations.
    pub country: Option<String>,
    /// PLOVER sector code (`GOV`, `MIL`, `IGO`, ...).
    pub sector: Option<String>,
    /// Canonical title ("First Vice Foreign Minister").
    pub title: Option<String>,
    /// Identifier in the knowledge base, when matched (`person:choi-jong-kun`, `country:KOR`).
    pub kb_id: Option<String>,
    /// For groups: indices of member actors in `Document::actors`.
    pub members: Vec<usize>,
    pub mentions: Vec<Mention>,
}

/// A person-office fact read from the text ("South Korea's First Vice Foreign
/// Minister Choi Jong-kun"), with where it was learned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeFact {
    pub person: String,
    pub title: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The date the text says it held (usually the publication date).
    pub date: Option<String>,
    /// The apposition it was read from.
    pub evidence: Span,
}

/// Whether an event happened, per the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// Reported as having happened.
    #[default]
    Asserted,
    /// Planned or scheduled ("will", "were set to").
    Future,
    /// Conditional or possible ("if issued", "would").
    Hypothetical,
    /// Reported as not having happened ("did not").
    Negated,
}

/// One side of an event: an actor of the article as it takes part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub title: Option<String>,
    /// Index into `Document::actors`.
    pub actor: Option<usize>,
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// ISO 3166-1 alpha-3, when known.
    pub country: Option<String>,
}

/// A PLOVER event coded from the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `doc#n`.
    pub id: String,
    /// PLOVER event type (`CONSULT`, `AGREE`, ...).
    pub event: String,
    /// PLOVER mode (`visit`, `phone`, `weapons`, ...), if any.
    pub mode: Option<String>,
    /// The nearest CAMEO code.
    pub cameo: Option<String>,
    pub actor: Vec<Participant>,
    pub recipient: Vec<Participant>,
    /// When it happened (ISO 8601 at the text's precision), if known.
    pub date: Option<String>,
    /// The expression the date came from, or why there is none.
    pub date_text: Option<String>,
    pub location: Option<Place>,
    pub status: EventStatus,
    pub contexts: Vec<String>,
    pub topics: Vec<String>,
    /// The sentences (or parts) that report it, in the original text.
    pub evidence: Vec<Span>,
    pub confidence: f32,
    /// Which rule fired, for `explain`.
    pub rule: String,
}

// `confidence` is never NaN (it is computed from rule strengths in 0..=1).
impl Eq for Event {}

/// A word of a sentence with its syntax (the syntax layer, UD v2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    /// The word in the original input.
    pub span: Span,
    pub upos: String,
    /// Penn Treebank tag (`VBD`, `NNP`).
    pub xpos: String,
    pub lemma: String,
    /// UD FEATS (`Mood=Ind|Tense=Past|VerbForm=Fin`), `_` when none.
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head word in its sentence.
    pub head: usize,
    /// UD relation with its subtype (`nsubj:pass`, `obl:tmod`).
    pub deprel: String,
}
