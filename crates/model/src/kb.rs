//! The knowledge base's vocabulary: an event as stored once across the
//! articles that report it. Shared by the store (which builds these from
//! [`DocumentRecord`](crate::DocumentRecord)s), the exports and the server, so
//! none of them depends on another.

use serde::{Deserialize, Serialize};

use crate::{EventRecord, SpanText};

/// The 16 PLOVER event types, in the manual's order.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// One real-world event, merged across every article that reports it.
///
/// `event` is the representative coding (the best-evidenced source's coding,
/// with actors, dates, place and topics unified across sources); its own `id`
/// and `evidence` are those of the representative source. `sources` lists
/// every report, the representative one included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KbEvent {
    /// Stable across re-ingests of the same articles ("kb-" and a hash).
    pub id: String,
    pub event: EventRecord,
    pub sources: Vec<EventSource>,
}

/// One article's report of a [`KbEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSource {
    /// The article's document id.
    pub doc: String,
    /// The event's id within that article's record.
    pub event_id: String,
    /// Publisher or agency, when known.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The article's publication date or timestamp.
    pub published: Option<String>,
    /// Whether the article is a near-duplicate of an earlier one (kept for
    /// evidence, not counted).
    #[serde(default)]
    pub duplicate: bool,
    /// Evidence spans, byte offsets into that article's original input.
    pub evidence: Vec<SpanText>,
}

impl KbEvent {
    /// How many distinct articles report the event, near-duplicates counted once.
    pub fn article_count(&self) -> usize {
        self.sources.iter().filter(|s| !s.duplicate).count().max(usize::from(!self.sources.is_empty()))
    }
}
