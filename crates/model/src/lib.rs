//! The shared vocabulary of attache: the [`Document`] that flows through the
//! pipeline, its annotation layers, the [`Stage`] trait every pipeline stage
//! implements, and the [`DocumentRecord`] written as JSON Lines.
//!
//! Invariant: every span is a half-open byte range into [`Document::text`], the
//! input as read (decoded to UTF-8; identical to the file's bytes when the file
//! is UTF-8). No stage edits that text: cleaned text lives in an
//! [`AlignedText`], which remembers where each of its bytes came from.

mod aligned;
mod dates;
mod document;
mod kb;
mod layers;
mod record;
mod stage;

pub use aligned::{AlignedText, Piece};
pub use dates::{civil_from_days, days_from_civil, month_number, normalize_date};
pub use document::{
    Article, Caption, Diagnostic, Document, Field, Format, Level, PublishedFrom, Removal, Sentence, SourceMeta, Span,
    normalize_ws,
};
pub use kb::{EventSource, KbEvent, PLOVER_TYPES};
pub use layers::{
    Actor, ActorKind, Event, EventStatus, Mention, MentionKind, OfficeFact, Participant, Place, Timex, TimexKind, Word,
    Zone,
};
pub use record::{
    ActorRecord, CaptionRecord, DocumentRecord, EventRecord, MentionRecord, ParticipantRecord, RemovalRecord,
    SentenceRecord, SpanText, TimexRecord, WordRecord,
};
pub use stage::{Stage, StageError};
