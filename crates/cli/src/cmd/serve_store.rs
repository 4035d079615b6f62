//! [`StoreSource`]: the server's [`KbSource`] over the SQLite knowledge base.
//! The adapter between the two crates that must not know each other's
//! business: the server knows no SQL, the store no HTTP.
//!
//! Reads take a [`Reader`] from a small pool (SQLite in WAL mode serves
//! concurrent readers; each reader is one connection, used by one blocking
//! call at a time). Ingests are serialised behind one mutex, each opening the
//! store's one [`Writer`] for its batch (the writer is not `Send`, and holding
//! it only while writing leaves the file free for `attache ingest`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use attache_ingest::{InputConfig, RawInput, decode};
use attache_model::{DocumentRecord, KbEvent, Piece, SourceMeta};
use attache_pipeline::{Pipeline, PipelineConfig, coder_version};
use attache_server::{
    ActorQuery, ActorSummary, DocQuery, DocSummary, EventQuery, IngestItem, IngestOutcome, IngestReport, KbSource,
    MappedRecord, OfficeHeld, Offsets, Page, SearchHit, SourceError,
};
use attache_store::{
    ActorFilter, ActorTerm, DocFilter, EventFilter, NewDocument, Outcome, Reader, SearchQuery, Settings, StoreError,
    Writer,
};

use super::kb::resolve;

/// Readers kept open between calls; more are opened under load and dropped after.
const POOL: usize = 8;

/// A [`KbSource`] over the knowledge base at a path.
pub struct StoreSource {
    db: PathBuf,
    readers: Mutex<Vec<Reader>>,
    writing: Mutex<()>,
    pipeline: Pipeline,
    cleaner: Pipeline,
    version: String,
}

impl std::fmt::Debug for StoreSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreSource").field("db", &self.db).finish()
    }
}

/// The HTTP meaning of a store error.
pub fn source_error(e: StoreError) -> SourceError {
    match e {
        StoreError::BadQuery(m) => SourceError::BadRequest(m),
        StoreError::Busy(_) | StoreError::ReadOnly(_) | StoreError::DiskFull(_) => {
            SourceError::Unavailable(e.to_string())
        }
        StoreError::Open { ref source, .. }
            if matches!(**source, StoreError::Busy(_) | StoreError::ReadOnly(_) | StoreError::DiskFull(_)) =>
        {
            SourceError::Unavailable(e.to_string())
        }
        e => SourceError::Internal(e.to_string()),
    }
}

impl StoreSource {
    /// Opens the knowledge base at `db` (it must exist: one reader is opened
    /// now, so that a missing or corrupt file fails at start).
    pub fn open(db: &Path) -> Result<Self, StoreError> {
        let first = Reader::open(db)?;
        let config = PipelineConfig::default();
        Ok(Self {
            db: db.to_owned(),
            readers: Mutex::new(vec![first]),
            writing: Mutex::new(()),
            pipeline: Pipeline::new(&config),
            cleaner: Pipeline::cleaning(&config),
            version: coder_version(),
        })
    }

    /// Counts for the start-up line.
    pub fn stats(&self) -> Result<attache_store::Stats, SourceError> {
        self.read(|r| r.stats())
    }

    /// Runs `f` with a pooled reader.
    fn read<T>(&self, f: impl FnOnce(&Reader) -> Result<T, StoreError>) -> Result<T, SourceError> {
        let pooled = self.readers.lock().map_err(|_| SourceError::Internal("reader pool poisoned".into()))?.pop();
        let reader = match pooled {
            Some(r) => r,
            None => Reader::open(&self.db).map_err(source_error)?,
        };
        let result = f(&reader).map_err(source_error);
        if let Ok(mut pool) = self.readers.lock()
            && pool.len() < POOL
        {
            pool.push(reader);
        }
        result
    }

    /// The cleaner's pieces for a stored article, rebuilt from the input the
    /// store keeps; `None` when the rebuilt body is not the stored one (the
    /// article was coded by another version of the cleaner).
    fn body_map(&self, record: &DocumentRecord, text: &str) -> Option<Vec<Piece>> {
        let meta = SourceMeta {
            doc: record.doc.clone(),
            origin: record.origin.clone(),
            source: record.source.clone(),
            url: record.url.clone(),
            published: record.published.clone(),
            published_from: record.published_from,
            language: record.language.clone(),
            title: None,
        };
        let raw = RawInput::new(meta, text.as_bytes().to_vec(), Some(record.format));
        let mut doc = decode(raw, &InputConfig::default()).ok()?;
        self.cleaner.run(&mut doc).ok()?;
        let body = &doc.article.as_ref()?.body;
        (body.as_str() == record.body).then(|| body.pieces().to_vec())
    }

    /// Runs the pipeline over one posted article: its record and input text.
    fn analyze(&self, item: &IngestItem) -> Result<(DocumentRecord, String), String> {
        let doc = super::serve::posted_document(item)?;
        let text = doc.text.clone();
        let record = self.pipeline.process(doc).map_err(|e| e.to_string())?;
        Ok((record, text))
    }
}

/// Cursors are the store's own, passed through; "" is the first page.
fn cursor(c: &Option<String>) -> Option<String> {
    c.clone().filter(|c| !c.is_empty())
}

fn event_filter(q: &EventQuery, newest_first: bool) -> EventFilter {
    EventFilter {
        actor: q.actor.as_deref().map(resolve),
        country: q.country.clone(),
        event_type: None,
        event_types: q.event_types.clone(),
        newest_first,
        from: q.from.clone(),
        to: q.to.clone(),
        status: q.status.and_then(|s| serde_json::to_value(s).ok()).and_then(|v| v.as_str().map(str::to_owned)),
        text: q.text.clone(),
        limit: Some(q.limit),
        cursor: cursor(&q.cursor),
    }
}

fn page<T, U>(p: attache_store::Page<T>, f: impl FnMut(T) -> U) -> Page<U> {
    Page::new(p.items.into_iter().map(f).collect(), p.next_cursor)
}

impl KbSource for StoreSource {
    fn docs(&self, q: &DocQuery) -> Result<Page<DocSummary>, SourceError> {
        let f = DocFilter {
            source: q.source.clone(),
            from: q.from.clone(),
            to: q.to.clone(),
            text: q.text.clone(),
            duplicates: false,
            newest_first: true,
            limit: Some(q.limit),
            cursor: cursor(&q.cursor),
        };
        let p = self.read(|r| r.docs(&f))?;
        Ok(page(p, |d| DocSummary {
            duplicate_group: d.dup_group.map(|g| format!("group-{g}")),
            doc: d.doc,
            title: d.title,
            published: d.published,
            source: d.source,
            url: d.url,
            event_count: usize::try_from(d.events).unwrap_or(0),
        }))
    }

    fn document(&self, doc: &str) -> Result<Option<DocumentRecord>, SourceError> {
        Ok(self.read(|r| r.document(doc))?.map(|d| d.record))
    }

    fn document_with_map(&self, doc: &str) -> Result<Option<MappedRecord>, SourceError> {
        let Some(stored) = self.read(|r| r.document(doc))? else {
            return Ok(None);
        };
        let map = self.body_map(&stored.record, &stored.text);
        Ok(Some((stored.record, map)))
    }

    fn events(&self, q: &EventQuery) -> Result<Page<KbEvent>, SourceError> {
        let f = event_filter(q, true);
        self.read(|r| r.events(&f)).map(|p| page(p, |e| e))
    }

    fn timeline(&self, a: &str, b: Option<&str>, q: &EventQuery) -> Result<Page<KbEvent>, SourceError> {
        let mut f = event_filter(q, false);
        let a = resolve(a);
        let p = match (b.map(resolve), f.actor.take()) {
            (Some(b), actor) => {
                f.actor = actor;
                self.read(|r| r.timeline(&a, &b, &f))?
            }
            (None, Some(actor)) => self.read(|r| r.timeline(&a, &actor, &f))?,
            (None, None) => {
                f.actor = Some(a);
                self.read(|r| r.events(&f))?
            }
        };
        Ok(page(p, |e| e))
    }

    fn actors(&self, q: &ActorQuery) -> Result<Page<ActorSummary>, SourceError> {
        let f = ActorFilter {
            term: q.name.as_deref().or(q.q.as_deref()).map(ActorTerm::new),
            country: q.country.clone(),
            kind: q.kind.and_then(|k| serde_json::to_value(k).ok()).and_then(|v| v.as_str().map(str::to_owned)),
            limit: Some(q.limit),
            cursor: cursor(&q.cursor),
        };
        let p = self.read(|r| r.actors(&f))?;
        let mut items = Vec::new();
        for a in p.items {
            // The store matches a term on the whole name or the surname; an
            // exact `name` wants the whole name.
            if q.name.as_ref().is_some_and(|n| !n.eq_ignore_ascii_case(&a.name)) {
                continue;
            }
            let kind = serde_json::from_value(serde_json::Value::String(a.kind.clone()))
                .map_err(|_| SourceError::Internal(format!("stored actor kind {:?}", a.kind)))?;
            items.push(ActorSummary {
                offices: a
                    .titles
                    .iter()
                    .map(|t| OfficeHeld { title: t.clone(), country: a.country.clone(), from: None, to: None })
                    .collect(),
                name: a.name,
                kind,
                country: a.country,
                sector: None,
                kb_id: a.kb_id,
                event_count: usize::try_from(a.events).unwrap_or(0),
                doc_count: usize::try_from(a.documents).unwrap_or(0),
                // Publication timestamps, as dates.
                first_seen: a.first.map(|d| d.chars().take(10).collect()),
                last_seen: a.last.map(|d| d.chars().take(10).collect()),
            });
        }
        Ok(Page::new(items, p.next_cursor))
    }

    fn search(&self, q: &str, limit: usize, c: Option<&str>) -> Result<Page<SearchHit>, SourceError> {
        let s = SearchQuery {
            query: q.to_owned(),
            limit: Some(limit),
            cursor: c.filter(|c| !c.is_empty()).map(str::to_owned),
        };
        let p = self.read(|r| r.search(&s))?;
        Ok(page(p, |h| SearchHit {
            doc: h.doc,
            title: h.title,
            published: h.published,
            sentence: Some(Offsets { start: h.start, end: h.end }),
            // The store marks matches with [brackets]; the API's snippet is plain.
            snippet: h.snippet.replace(['[', ']'], ""),
            score: -(h.score as f32),
        }))
    }

    fn ingest(&self, items: Vec<IngestItem>) -> Result<IngestReport, SourceError> {
        let analysed: Vec<_> = items.iter().map(|i| self.analyze(i)).collect();
        let _guard = self.writing.lock().map_err(|_| SourceError::Internal("a writer panicked".into()))?;
        let settings = Settings { batch_size: analysed.len().max(1), ..Settings::default() };
        let mut writer = Writer::open(&self.db, settings).map_err(source_error)?;
        let mut report = IngestReport { added: 0, replaced: 0, failed: 0, documents: Vec::new() };
        for (item, result) in items.iter().zip(analysed) {
            let outcome = match result {
                Ok((record, text)) => {
                    let events = record.events.len();
                    let done = writer
                        .ingest(&NewDocument { record: &record, text: &text, coder_version: &self.version })
                        .map_err(source_error)?;
                    let status = match done.outcome {
                        Outcome::Inserted => {
                            report.added += 1;
                            "added"
                        }
                        Outcome::Replaced => {
                            report.replaced += 1;
                            "replaced"
                        }
                        Outcome::Unchanged => "unchanged",
                    };
                    IngestOutcome { doc: item.doc.clone(), status: status.into(), events, error: None }
                }
                Err(error) => {
                    report.failed += 1;
                    IngestOutcome { doc: item.doc.clone(), status: "failed".into(), events: 0, error: Some(error) }
                }
            };
            report.documents.push(outcome);
        }
        writer.finish().map_err(source_error)?;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_map_to_source_errors() {
        let status = |e: StoreError| source_error(e).status();
        assert_eq!(status(StoreError::BadQuery("cursor".into())), 400);
        assert_eq!(status(StoreError::Busy("locked".into())), 503);
        assert_eq!(status(StoreError::ReadOnly("ro".into())), 503);
        assert_eq!(status(StoreError::DiskFull("full".into())), 503);
        let open = |e| StoreError::Open { path: "kb.db".into(), source: Box::new(e) };
        assert_eq!(status(open(StoreError::ReadOnly("ro".into()))), 503);
        assert_eq!(status(open(StoreError::Corrupt("bad".into()))), 500);
        assert_eq!(status(StoreError::Corrupt("bad".into())), 500);
    }
}
