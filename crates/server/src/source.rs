//! What the server asks of a knowledge base: the [`KbSource`] trait and the
//! types it speaks. The store implements it over SQLite; [`crate::MemorySource`]
//! implements it over records held in memory. The server knows nothing else
//! about where the data live.

use attache_model::{ActorKind, DocumentRecord, EventStatus, KbEvent, Piece};
use serde::{Deserialize, Serialize};

/// Why a source could not answer. Each kind maps to one HTTP status
/// ([`SourceError::status`]).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The thing asked for does not exist (404).
    #[error("not found: {0}")]
    NotFound(String),
    /// The request is malformed: a bad cursor, an unknown filter value (400).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The source cannot do this now or at all (read-only, busy) (503).
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or an IO failure inside the source (500).
    #[error("internal error: {0}")]
    Internal(String),
}

impl SourceError {
    /// The HTTP status code this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound(_) => 404,
            Self::BadRequest(_) => 400,
            Self::Unavailable(_) => 503,
            Self::Internal(_) => 500,
        }
    }

    /// A stable machine-readable code for the JSON error body.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not_found",
            Self::BadRequest(_) => "bad_request",
            Self::Unavailable(_) => "unavailable",
            Self::Internal(_) => "internal",
        }
    }
}

/// One page of results. `next_cursor` is opaque to clients: pass it back as
/// `cursor` to get the next page; `None` means this was the last page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, next_cursor: Option<String>) -> Self {
        Self { items, next_cursor }
    }
}

/// Filters of the article list. Dates are already validated ISO 8601 prefixes
/// (`2021`, `2021-11`, `2021-11-17`); `limit` is already capped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocQuery {
    /// Publisher or agency, exact (case-insensitive).
    pub source: Option<String>,
    /// Published on or after.
    pub from: Option<String>,
    /// Published on or before (a prefix date covers its whole period).
    pub to: Option<String>,
    /// Words that must all occur in the title or body.
    pub text: Option<String>,
    pub limit: usize,
    pub cursor: Option<String>,
}

/// One article in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSummary {
    pub doc: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Events coded from the article.
    pub event_count: usize,
    /// Near-duplicate group (the id of the group's first article), if the
    /// article has near-duplicates.
    pub duplicate_group: Option<String>,
}

/// Filters of the event list and the timeline. Dates and limit as in [`DocQuery`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventQuery {
    /// An actor or recipient whose name contains this (case-insensitive).
    pub actor: Option<String>,
    /// ISO 3166-1 alpha-3 of an actor, a recipient or the place.
    pub country: Option<String>,
    /// PLOVER types, any of them (`CONSULT`, `ACCUSE`, ...), upper case.
    pub event_types: Vec<String>,
    /// Event date on or after.
    pub from: Option<String>,
    /// Event date on or before (a prefix date covers its whole period).
    pub to: Option<String>,
    pub status: Option<EventStatus>,
    /// Words that must all occur in the evidence.
    pub text: Option<String>,
    pub limit: usize,
    pub cursor: Option<String>,
}

/// Filters of the actor list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorQuery {
    /// Exact name (case-insensitive): one actor's profile.
    pub name: Option<String>,
    /// Name contains (case-insensitive).
    pub q: Option<String>,
    pub country: Option<String>,
    pub kind: Option<ActorKind>,
    pub limit: usize,
    pub cursor: Option<String>,
}

/// A title or office an actor held, with the dates it is attested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeHeld {
    pub title: String,
    pub country: Option<String>,
    /// First and last date the articles attest it.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// An actor across the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorSummary {
    pub name: String,
    pub kind: ActorKind,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub kb_id: Option<String>,
    pub offices: Vec<OfficeHeld>,
    /// Events it takes part in, on either side.
    pub event_count: usize,
    /// Articles that mention it.
    pub doc_count: usize,
    /// Earliest and latest publication date of those articles.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// A byte range into a document's original input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offsets {
    pub start: usize,
    pub end: usize,
}

/// A sentence that matches a full-text query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub doc: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The matching sentence in the original input, when the source knows it.
    pub sentence: Option<Offsets>,
    /// The matching text, plain (not HTML): highlight client-side.
    pub snippet: String,
    /// Higher is better; comparable within one result list only.
    pub score: f32,
}

/// One article to analyse and add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestItem {
    /// The document id; ingesting an id again replaces that article.
    pub doc: String,
    /// The article: plain text or HTML.
    pub text: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
}

/// What happened to one ingested article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestOutcome {
    pub doc: String,
    /// `added`, `replaced` or `failed`.
    pub status: String,
    pub events: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
}

/// The answer to an ingest: one outcome per item, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestReport {
    pub added: usize,
    pub replaced: usize,
    pub failed: usize,
    pub documents: Vec<IngestOutcome>,
}

/// A document record with, when known, the map of its body to the original
/// input (the cleaner's pieces, in body order).
pub type MappedRecord = (DocumentRecord, Option<Vec<Piece>>);

/// A knowledge base the server can read (and, optionally, write).
///
/// Methods are synchronous: the server calls them on tokio's blocking pool
/// (`spawn_blocking`), so an implementation may block on SQLite or a lock.
/// Queries arrive validated (dates parse, `limit` in `1..=MAX_PAGE`); a source
/// returns [`SourceError::BadRequest`] for what only it can check (a cursor).
pub trait KbSource: Send + Sync + 'static {
    /// Articles, newest first.
    fn docs(&self, q: &DocQuery) -> Result<Page<DocSummary>, SourceError>;
    /// One article's full record, or `None` when the id is unknown.
    fn document(&self, doc: &str) -> Result<Option<DocumentRecord>, SourceError>;
    /// One article's record with, when the source can rebuild it, the map of
    /// its `body` to the original input (the cleaner's [`Piece`]s, in body
    /// order), which places highlights exactly. By default: no map.
    fn document_with_map(&self, doc: &str) -> Result<Option<MappedRecord>, SourceError> {
        Ok(self.document(doc)?.map(|r| (r, None)))
    }
    /// Events, newest first (undated last).
    fn events(&self, q: &EventQuery) -> Result<Page<KbEvent>, SourceError>;
    /// Events involving actor `a` (and `b`, when given, on any side), oldest
    /// first, further filtered by `q`. Names are matched exactly (case-insensitive).
    fn timeline(&self, a: &str, b: Option<&str>, q: &EventQuery) -> Result<Page<KbEvent>, SourceError>;
    /// Actors, most events first.
    fn actors(&self, q: &ActorQuery) -> Result<Page<ActorSummary>, SourceError>;
    /// Sentences matching all words of `q`, best first.
    fn search(&self, q: &str, limit: usize, cursor: Option<&str>) -> Result<Page<SearchHit>, SourceError>;
    /// Analyses and adds articles. A source that cannot write returns
    /// [`SourceError::Unavailable`].
    fn ingest(&self, items: Vec<IngestItem>) -> Result<IngestReport, SourceError>;
}
