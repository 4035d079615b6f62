//! [`MemorySource`]: a [`KbSource`] over document records held in memory, for
//! tests and for serving an `attache extract` JSON Lines file. Each article's
//! event becomes a [`KbEvent`] with one source (no cross-article merging);
//! articles with the same body form a duplicate group.

use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;

use attache_model::{DocumentRecord, EventSource, KbEvent};

use crate::dates;
use crate::source::{
    ActorQuery, ActorSummary, DocQuery, DocSummary, EventQuery, IngestItem, IngestOutcome, IngestReport, KbSource,
    OfficeHeld, Page, SearchHit, SourceError,
};

/// Turns one article into its record (the analysis pipeline, given by the caller).
pub type Analyzer = Box<dyn Fn(&IngestItem) -> Result<DocumentRecord, String> + Send + Sync>;

/// A knowledge base in memory. Reads take a shared lock; an ingest rebuilds
/// the derived indexes under the write lock.
pub struct MemorySource {
    inner: RwLock<Inner>,
    analyzer: Option<Analyzer>,
}

impl std::fmt::Debug for MemorySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.inner.read().map(|i| i.docs.len()).unwrap_or(0);
        f.debug_struct("MemorySource").field("docs", &n).field("writable", &self.analyzer.is_some()).finish()
    }
}

#[derive(Default)]
struct Inner {
    docs: Vec<DocumentRecord>,
    by_id: HashMap<String, usize>,
    /// Per doc: its duplicate group, when it has duplicates.
    groups: Vec<Option<String>>,
    /// Newest first, undated last.
    events: Vec<Indexed>,
    /// Most events first.
    actors: Vec<ActorSummary>,
}

/// Per actor: (title, country) -> first and last date attested.
type Offices = BTreeMap<(String, Option<String>), (Option<String>, Option<String>)>;

/// A KbEvent with what the filters need, computed once.
struct Indexed {
    event: KbEvent,
    date: Option<String>,
    /// Lower-cased participant names.
    names: Vec<String>,
    countries: Vec<String>,
    /// Lower-cased evidence.
    text: String,
}

impl MemorySource {
    /// A read-only source over these records (later records with the same
    /// `doc` id replace earlier ones).
    pub fn from_records(records: Vec<DocumentRecord>) -> Self {
        let mut inner = Inner::default();
        for r in records {
            inner.put(r);
        }
        inner.rebuild();
        Self { inner: RwLock::new(inner), analyzer: None }
    }

    /// Makes the source writable: `ingest` runs `analyzer` on each item.
    pub fn with_analyzer(mut self, analyzer: Analyzer) -> Self {
        self.analyzer = Some(analyzer);
        self
    }

    fn read(&self) -> Result<std::sync::RwLockReadGuard<'_, Inner>, SourceError> {
        self.inner.read().map_err(|_| SourceError::Internal("a writer panicked".into()))
    }
}

impl Inner {
    /// Adds or replaces a record; true if it replaced one.
    fn put(&mut self, r: DocumentRecord) -> bool {
        match self.by_id.get(&r.doc) {
            Some(&i) => {
                self.docs[i] = r;
                true
            }
            None => {
                self.by_id.insert(r.doc.clone(), self.docs.len());
                self.docs.push(r);
                false
            }
        }
    }

    fn rebuild(&mut self) {
        // Duplicate groups: identical bodies (whitespace-insensitive).
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut group_of = vec![None; self.docs.len()];
        for (i, d) in self.docs.iter().enumerate() {
            let key = d.body.split_whitespace().collect::<Vec<_>>().join(" ");
            if key.is_empty() {
                continue;
            }
            match first.get(&key) {
                Some(&j) => {
                    group_of[i] = Some(self.docs[j].doc.clone());
                    group_of[j] = Some(self.docs[j].doc.clone());
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
        self.groups = group_of;

        let mut events = Vec::new();
        for (i, d) in self.docs.iter().enumerate() {
            let duplicate = self.groups[i].as_ref().is_some_and(|g| *g != d.doc);
            for e in &d.events {
                let names = e.actor.iter().chain(&e.recipient).map(|p| p.name.to_lowercase()).collect();
                let mut countries: Vec<String> =
                    e.actor.iter().chain(&e.recipient).filter_map(|p| p.country.clone()).collect();
                countries.extend(e.location.as_ref().and_then(|l| l.country.clone()));
                let text = e.evidence.iter().map(|s| s.text.to_lowercase()).collect::<Vec<_>>().join(" ");
                let kb = KbEvent {
                    id: format!("kb-{}", e.id),
                    event: e.clone(),
                    sources: vec![EventSource {
                        doc: d.doc.clone(),
                        event_id: e.id.clone(),
                        source: d.source.clone(),
                        url: d.url.clone(),
                        published: d.published.clone(),
                        duplicate,
                        evidence: e.evidence.clone(),
                    }],
                };
                events.push(Indexed {
                    date: e.date.as_deref().and_then(dates::key),
                    event: kb,
                    names,
                    countries,
                    text,
                });
            }
        }
        events.sort_by(|a, b| {
            b.date
                .is_some()
                .cmp(&a.date.is_some())
                .then_with(|| b.date.cmp(&a.date))
                .then_with(|| a.event.id.cmp(&b.event.id))
        });
        self.events = events;
        self.actors = self.build_actors();
    }

    fn build_actors(&self) -> Vec<ActorSummary> {
        let mut by_name: BTreeMap<String, ActorSummary> = BTreeMap::new();
        let mut offices: HashMap<String, Offices> = HashMap::new();
        let mut attest = |name: &str, title: &str, country: &Option<String>, date: Option<String>| {
            let span =
                offices.entry(name.to_lowercase()).or_default().entry((title.to_owned(), country.clone())).or_default();
            if let Some(d) = date {
                if span.0.as_ref().is_none_or(|f| d < *f) {
                    span.0 = Some(d.clone());
                }
                if span.1.as_ref().is_none_or(|t| d > *t) {
                    span.1 = Some(d);
                }
            }
        };
        for d in &self.docs {
            let published = d.published.as_deref().and_then(dates::key);
            for a in &d.actors {
                let s = by_name.entry(a.name.to_lowercase()).or_insert_with(|| ActorSummary {
                    name: a.name.clone(),
                    kind: a.kind,
                    country: a.country.clone(),
                    sector: a.sector.clone(),
                    kb_id: None,
                    offices: Vec::new(),
                    event_count: 0,
                    doc_count: 0,
                    first_seen: None,
                    last_seen: None,
                });
                s.doc_count += 1;
                s.country = s.country.take().or_else(|| a.country.clone());
                s.sector = s.sector.take().or_else(|| a.sector.clone());
                s.kb_id = s.kb_id.take().or_else(|| a.kb_id.clone());
                if let Some(p) = &published {
                    if s.first_seen.as_ref().is_none_or(|f| p < f) {
                        s.first_seen = Some(p.clone());
                    }
                    if s.last_seen.as_ref().is_none_or(|l| p > l) {
                        s.last_seen = Some(p.clone());
                    }
                }
                if let Some(t) = &a.title {
                    attest(&a.name, t, &a.country, published.clone());
                }
            }
            for f in &d.learned {
                let date = f.date.as_deref().and_then(dates::key).or_else(|| published.clone());
                attest(&f.person, &f.title, &f.country, date);
            }
        }
        for e in &self.events {
            let mut seen: Vec<&str> = Vec::new();
            for n in &e.names {
                if !seen.contains(&n.as_str()) {
                    seen.push(n);
                    if let Some(s) = by_name.get_mut(n) {
                        s.event_count += 1;
                    }
                }
            }
        }
        let mut actors: Vec<ActorSummary> = by_name
            .into_iter()
            .map(|(key, mut s)| {
                if let Some(o) = offices.remove(&key) {
                    s.offices = o
                        .into_iter()
                        .map(|((title, country), (from, to))| OfficeHeld { title, country, from, to })
                        .collect();
                    s.offices.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.title.cmp(&b.title)));
                }
                s
            })
            .collect();
        actors.sort_by(|a, b| {
            b.event_count
                .cmp(&a.event_count)
                .then_with(|| b.doc_count.cmp(&a.doc_count))
                .then_with(|| a.name.cmp(&b.name))
        });
        actors
    }
}

/// The offset a cursor stands for ("" or none: the start).
fn offset(cursor: Option<&str>) -> Result<usize, SourceError> {
    match cursor {
        None | Some("") => Ok(0),
        Some(c) => c.parse().map_err(|_| SourceError::BadRequest(format!("invalid cursor '{c}'"))),
    }
}

/// One page out of an iterator of matches.
fn paginate<T>(matches: impl Iterator<Item = T>, cursor: Option<&str>, limit: usize) -> Result<Page<T>, SourceError> {
    let start = offset(cursor)?;
    let mut items: Vec<T> = matches.skip(start).take(limit + 1).collect();
    let next = (items.len() > limit).then(|| (start + limit).to_string());
    items.truncate(limit);
    Ok(Page::new(items, next))
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

impl Indexed {
    fn matches(&self, q: &EventQuery, actor_words: Option<&str>, text_words: &[String]) -> bool {
        let e = &self.event.event;
        (q.event_types.is_empty() || q.event_types.contains(&e.event))
            && q.status.is_none_or(|s| s == e.status)
            && q.country.as_ref().is_none_or(|c| self.countries.iter().any(|x| x.eq_ignore_ascii_case(c)))
            && actor_words.is_none_or(|a| self.names.iter().any(|n| n.contains(a)))
            && text_words.iter().all(|w| self.text.contains(w.as_str()))
            && dates::in_range(self.date.as_deref(), q.from.as_deref(), q.to.as_deref())
    }
}

impl KbSource for MemorySource {
    fn docs(&self, q: &DocQuery) -> Result<Page<DocSummary>, SourceError> {
        let inner = self.read()?;
        let text = q.text.as_deref().map(words).unwrap_or_default();
        let mut order: Vec<usize> = (0..inner.docs.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&inner.docs[a], &inner.docs[b]);
            b.published.cmp(&a.published).then_with(|| a.doc.cmp(&b.doc))
        });
        let matches = order.into_iter().filter_map(|i| {
            let d = &inner.docs[i];
            let published = d.published.as_deref().and_then(dates::key);
            let ok = q.source.as_ref().is_none_or(|s| d.source.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(s)))
                && dates::in_range(published.as_deref(), q.from.as_deref(), q.to.as_deref())
                && (text.is_empty() || {
                    let hay = format!("{} {}", d.title.as_deref().unwrap_or(""), d.body).to_lowercase();
                    text.iter().all(|w| hay.contains(w.as_str()))
                });
            ok.then(|| DocSummary {
                doc: d.doc.clone(),
                title: d.title.clone(),
                published: d.published.clone(),
                source: d.source.clone(),
                url: d.url.clone(),
                event_count: d.events.len(),
                duplicate_group: inner.groups[i].clone(),
            })
        });
        paginate(matches, q.cursor.as_deref(), q.limit)
    }

    fn document(&self, doc: &str) -> Result<Option<DocumentRecord>, SourceError> {
        let inner = self.read()?;
        Ok(inner.by_id.get(doc).map(|&i| inner.docs[i].clone()))
    }

    fn events(&self, q: &EventQuery) -> Result<Page<KbEvent>, SourceError> {
        let inner = self.read()?;
        let actor = q.actor.as_deref().map(str::to_lowercase);
        let text = q.text.as_deref().map(words).unwrap_or_default();
        let matches = inner.events.iter().filter(|e| e.matches(q, actor.as_deref(), &text)).map(|e| e.event.clone());
        paginate(matches, q.cursor.as_deref(), q.limit)
    }

    fn timeline(&self, a: &str, b: Option<&str>, q: &EventQuery) -> Result<Page<KbEvent>, SourceError> {
        let inner = self.read()?;
        let (a, b) = (a.to_lowercase(), b.map(str::to_lowercase));
        let actor = q.actor.as_deref().map(str::to_lowercase);
        let text = q.text.as_deref().map(words).unwrap_or_default();
        // Oldest first: the dated events reversed, then the undated ones.
        let dated = inner.events.iter().filter(|e| e.date.is_some()).rev();
        let undated = inner.events.iter().filter(|e| e.date.is_none());
        let matches = dated
            .chain(undated)
            .filter(|e| e.names.contains(&a) && b.as_ref().is_none_or(|b| e.names.contains(b)))
            .filter(|e| e.matches(q, actor.as_deref(), &text))
            .map(|e| e.event.clone());
        paginate(matches, q.cursor.as_deref(), q.limit)
    }

    fn actors(&self, q: &ActorQuery) -> Result<Page<ActorSummary>, SourceError> {
        let inner = self.read()?;
        let name = q.name.as_deref().map(str::to_lowercase);
        let sub = q.q.as_deref().map(str::to_lowercase);
        let matches = inner
            .actors
            .iter()
            .filter(|a| {
                let lower = a.name.to_lowercase();
                name.as_ref().is_none_or(|n| *n == lower)
                    && sub.as_ref().is_none_or(|s| lower.contains(s.as_str()))
                    && q.country.as_ref().is_none_or(|c| a.country.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(c)))
                    && q.kind.is_none_or(|k| k == a.kind)
            })
            .cloned();
        paginate(matches, q.cursor.as_deref(), q.limit)
    }

    fn search(&self, q: &str, limit: usize, cursor: Option<&str>) -> Result<Page<SearchHit>, SourceError> {
        let inner = self.read()?;
        let terms = words(q);
        if terms.is_empty() {
            return Err(SourceError::BadRequest("empty query".into()));
        }
        let mut hits = Vec::new();
        for d in &inner.docs {
            for sentence in split_sentences(&d.body) {
                let lower = sentence.to_lowercase();
                if !terms.iter().all(|t| lower.contains(t.as_str())) {
                    continue;
                }
                let count: usize = terms.iter().map(|t| lower.matches(t.as_str()).count()).sum();
                let score = count as f32 / (1.0 + (sentence.len() as f32 / 100.0));
                hits.push(SearchHit {
                    doc: d.doc.clone(),
                    title: d.title.clone(),
                    published: d.published.clone(),
                    sentence: None,
                    snippet: sentence.to_owned(),
                    score,
                });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| b.published.cmp(&a.published)));
        paginate(hits.into_iter(), cursor, limit)
    }

    fn ingest(&self, items: Vec<IngestItem>) -> Result<IngestReport, SourceError> {
        let Some(analyze) = &self.analyzer else {
            return Err(SourceError::Unavailable("this knowledge base is read-only".into()));
        };
        let mut report = IngestReport { added: 0, replaced: 0, failed: 0, documents: Vec::new() };
        let mut records = Vec::new();
        for item in &items {
            match analyze(item) {
                Ok(r) => records.push((item.doc.clone(), Some(r), None)),
                Err(e) => records.push((item.doc.clone(), None, Some(e))),
            }
        }
        let mut inner = self.inner.write().map_err(|_| SourceError::Internal("a writer panicked".into()))?;
        for (doc, record, error) in records {
            let outcome = match record {
                Some(r) => {
                    let events = r.events.len();
                    let status = if inner.put(r) {
                        report.replaced += 1;
                        "replaced"
                    } else {
                        report.added += 1;
                        "added"
                    };
                    IngestOutcome { doc, status: status.into(), events, error: None }
                }
                None => {
                    report.failed += 1;
                    IngestOutcome { doc, status: "failed".into(), events: 0, error }
                }
            };
            report.documents.push(outcome);
        }
        inner.rebuild();
        Ok(report)
    }
}

/// Sentences of a cleaned body, roughly: paragraphs split after `.`, `!` or
/// `?` followed by a space and an upper-case letter or a quote.
fn split_sentences(body: &str) -> impl Iterator<Item = &str> {
    body.split("\n\n").flat_map(|para| {
        let mut out = Vec::new();
        let mut start = 0;
        let b = para.as_bytes();
        for i in 1..b.len().saturating_sub(1) {
            if matches!(b[i - 1], b'.' | b'!' | b'?')
                && b[i] == b' '
                && (b[i + 1].is_ascii_uppercase() || b[i + 1] == b'"')
            {
                out.push(para[start..i].trim());
                start = i + 1;
            }
        }
        out.push(para[start..].trim());
        out.into_iter().filter(|s| !s.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let s: Vec<&str> = split_sentences("One. Two went? \"Three.\"\n\nFour i.e. five").collect();
        assert_eq!(s, vec!["One.", "Two went?", "\"Three.\"", "Four i.e. five"]);
    }

    #[test]
    fn cursors() {
        let p = paginate(0..10, None, 4).expect("page");
        assert_eq!((p.items, p.next_cursor.as_deref()), (vec![0, 1, 2, 3], Some("4")));
        let p = paginate(0..10, Some("8"), 4).expect("page");
        assert_eq!((p.items, p.next_cursor), (vec![8, 9], None));
        assert!(matches!(paginate(0..10, Some("x"), 4), Err(SourceError::BadRequest(_))));
    }
}
