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
    from_article(&ArticleInfo::of(doc), event.clone())
}

/// What [`from_record`] needs of an article's record: a reader can deserialise
/// just these fields (and `events`) and skip the rest, which is faster.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ArticleInfo {
    pub doc: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

impl ArticleInfo {
    pub fn of(doc: &DocumentRecord) -> Self {
        ArticleInfo {
            doc: doc.doc.clone(),
            source: doc.source.clone(),
            url: doc.url.clone(),
            published: doc.published.clone(),
        }
    }
}

/// [`from_record`] from the article's fields and an owned event.
pub fn from_article(article: &ArticleInfo, event: EventRecord) -> KbEvent {
    KbEvent {
        id: format!("kb-{:016x}", fnv1a(&event.id)),
        sources: vec![EventSource {
            doc: article.doc.clone(),
            event_id: event.id.clone(),
            source: article.source.clone(),
            url: article.url.clone(),
            published: article.published.clone(),
            duplicate: false,
            evidence: event.evidence.clone(),
        }],
        event,
    }
}
