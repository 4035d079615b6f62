//! A knowledge-base event from one article's record, so that exports work on
//! `attache extract` output without a store.

use attache_model::{DocumentRecord, EventRecord, EventSource, KbEvent};

use crate::codes::fnv1a;

/// The [`KbEvent`] of one event of one article: itself as the only source.
///
/// Its id is `kb-` and the FNV-1a hash (16 hex digits) of the event's id within
/// the article (`doc#n`), so it is stable across runs over the same articles.
/// The store, which merges reports across articles, gives merged events ids of
/// its own.
pub fn from_record(doc: &DocumentRecord, event: &EventRecord) -> KbEvent {
    KbEvent {
        id: format!("kb-{:016x}", fnv1a(&event.id)),
        event: event.clone(),
        sources: vec![EventSource {
            doc: doc.doc.clone(),
            event_id: event.id.clone(),
            source: doc.source.clone(),
            url: doc.url.clone(),
            published: doc.published.clone(),
            duplicate: false,
            evidence: event.evidence.clone(),
        }],
    }
}
