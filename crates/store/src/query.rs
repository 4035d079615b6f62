//! The queries, as a library API for the CLI and the HTTP server: plain
//! structs in, serde-serialisable structs out, `limit` + opaque `cursor`.

use std::path::Path;

use attache_model::{DocumentRecord, KbEvent};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::util::{day_range, name_key};
use crate::{SCHEMA_VERSION, open_connection};

const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 10_000;

/// One page of results; `next_cursor` fetches the next page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// An actor as asked for: a person's name, surname or kb id, an organisation,
/// a country's name or code. Country names and capitals are resolved to codes
/// by the caller (the store knows no gazetteer) and passed in `countries`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorTerm {
    pub text: String,
    /// ISO 3166-1 alpha-3 codes the term stands for.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Knowledge-base ids the term stands for (`person:choi-jong-kun`).
    #[serde(default)]
    pub kb_ids: Vec<String>,
}

impl ActorTerm {
    pub fn new(text: &str) -> Self {
        ActorTerm { text: text.to_owned(), ..ActorTerm::default() }
    }
}

/// Which merged events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    pub actor: Option<ActorTerm>,
    /// A participant's country or the place's country (ISO3).
    pub country: Option<String>,
    /// PLOVER type (`CONSULT`).
    pub event_type: Option<String>,
    /// Any of these PLOVER types (with `event_type`, which then must also match).
    #[serde(default)]
    pub event_types: Vec<String>,
    /// Newest first (undated still last) instead of oldest first.
    #[serde(default)]
    pub newest_first: bool,
    /// First day (a date, week or month: its first day).
    pub from: Option<String>,
    /// Last day (a date, week or month: its last day).
    pub to: Option<String>,
    /// `asserted`, `future`, `hypothetical`, `negated`.
    pub status: Option<String>,
    /// Words in the merged record (evidence, names, topics), case-insensitive.
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

/// Which actors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorFilter {
    pub term: Option<ActorTerm>,
    pub country: Option<String>,
    /// `person`, `government`, `country`, `organisation`, `group`.
    pub kind: Option<String>,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

/// An actor across the articles that name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorSummary {
    /// The kb id, else the name key.
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub kb_id: Option<String>,
    /// Titles and offices given in the articles.
    pub titles: Vec<String>,
    pub documents: i64,
    pub mentions: i64,
    /// Merged events it takes part in, on either side.
    #[serde(default)]
    pub events: i64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Which articles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocFilter {
    pub source: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Words in the title.
    pub text: Option<String>,
    /// Only articles in a near-duplicate group.
    #[serde(default)]
    pub duplicates: bool,
    /// Newest first (undated still last) instead of oldest first; not with `duplicates`.
    #[serde(default)]
    pub newest_first: bool,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

/// An article in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub doc: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub events: i64,
    pub dup_group: Option<i64>,
    /// A near-duplicate of an earlier article (kept, not counted).
    pub duplicate: bool,
}

/// One stored article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub record: DocumentRecord,
    /// The input text the record's byte offsets point into.
    pub text: String,
    pub content_hash: String,
    pub coder_version: String,
    pub ingested_at: String,
    pub dup_group: Option<i64>,
    pub duplicate: bool,
    /// The merged events its events belong to.
    pub kb_events: Vec<String>,
}

/// A full-text query over sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Words (all must occur), or FTS5 syntax when it uses quotes, `AND`,
    /// `OR`, `NOT`, `NEAR`, `*`, `^`, parentheses or `column:`.
    pub query: String,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

/// A sentence that matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub doc: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// Byte offsets of the sentence in the article's input.
    pub start: usize,
    pub end: usize,
    /// The sentence around the matches, matches in [brackets].
    pub snippet: String,
    /// bm25, lower is better.
    pub score: f64,
}

/// A near-duplicate group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupGroup {
    pub id: i64,
    pub docs: Vec<DupMember>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupMember {
    pub doc: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    /// Estimated similarity to the closest member when it joined.
    pub similarity: Option<f64>,
    /// The first member (counted); the others are kept as evidence.
    pub counted: bool,
}

/// Counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub schema_version: i64,
    pub documents: i64,
    /// Near-duplicates of earlier articles (not counted).
    pub duplicates: i64,
    pub dup_groups: i64,
    pub sentences: i64,
    pub actors: i64,
    /// Events as coded per article.
    pub events: i64,
    /// Events as coded in articles that are not near-duplicates.
    pub events_counted: i64,
    /// Events merged across articles.
    pub kb_events: i64,
}

/// A read connection. Cheap to open; the server opens one per worker.
#[derive(Debug)]
pub struct Reader {
    conn: Connection,
}

/// SQL text and its parameters, built together.
#[derive(Default)]
struct Sql {
    conds: Vec<String>,
    params: Vec<Value>,
}

impl Sql {
    fn cond(&mut self, sql: &str, params: impl IntoIterator<Item = Value>) {
        self.conds.push(sql.to_owned());
        self.params.extend(params);
    }

    fn where_clause(&self) -> String {
        if self.conds.is_empty() { String::new() } else { format!("WHERE {}", self.conds.join(" AND ")) }
    }

    /// A condition on participant alias `p` matching `term`.
    fn term(&mut self, term: &ActorTerm) -> String {
        let key = name_key(&term.text);
        let mut ors = vec!["p.key = ?".to_owned()];
        self.params.push(Value::Text(key.clone()));
        if !key.is_empty() && !key.contains(' ') {
            ors.push("(' ' || p.key || ' ') LIKE ?".to_owned());
            self.params.push(Value::Text(format!("% {key} %")));
        }
        let mut kb_ids = term.kb_ids.clone();
        if term.text.starts_with("person:") || term.text.starts_with("org:") {
            kb_ids.push(term.text.clone());
        }
        for id in kb_ids {
            ors.push("p.kb_id = ?".to_owned());
            self.params.push(Value::Text(id));
        }
        let mut countries = term.countries.clone();
        let t = term.text.trim();
        if t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase()) {
            countries.push(t.to_owned());
        }
        for c in countries {
            ors.push("p.country = ?".to_owned());
            self.params.push(Value::Text(c));
        }
        format!("({})", ors.join(" OR "))
    }
}

fn limit_of(limit: Option<usize>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

fn bad_cursor(c: &str) -> StoreError {
    StoreError::BadQuery(format!("cursor {c:?} is not one this store gave"))
}

/// `day:id` cursors for lists in date order.
fn parse_day_cursor(c: &str) -> Result<(i64, i64)> {
    let (d, i) = c.split_once(':').ok_or_else(|| bad_cursor(c))?;
    Ok((d.parse().map_err(|_| bad_cursor(c))?, i.parse().map_err(|_| bad_cursor(c))?))
}

fn parse_offset_cursor(c: Option<&str>) -> Result<usize> {
    c.map_or(Ok(0), |c| c.strip_prefix("o:").and_then(|n| n.parse().ok()).ok_or_else(|| bad_cursor(c)))
}

fn first_day(s: &str) -> Result<i64> {
    day_range(s)
        .map(|r| r.0)
        .ok_or_else(|| StoreError::BadQuery(format!("{s:?} is not a date (YYYY-MM-DD, YYYY-MM, YYYY-Www, YYYY)")))
}

fn last_day(s: &str) -> Result<i64> {
    day_range(s)
        .map(|r| r.1)
        .ok_or_else(|| StoreError::BadQuery(format!("{s:?} is not a date (YYYY-MM-DD, YYYY-MM, YYYY-Www, YYYY)")))
}

/// Undated rows sort last.
const NO_DAY: i64 = 999_999_999;

fn like(text: &str) -> Value {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    Value::Text(format!("%{escaped}%"))
}

/// Whether a search query is written in FTS5 syntax rather than plain words.
fn is_fts_syntax(q: &str) -> bool {
    q.contains(['"', '(', ')', '*', ':', '^'])
        || q.split_whitespace().any(|w| matches!(w, "AND" | "OR" | "NOT") || w.starts_with("NEAR"))
}

fn fts_query(q: &str) -> String {
    if is_fts_syntax(q) {
        return q.to_owned();
    }
    q.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', ""))).collect::<Vec<_>>().join(" ")
}

impl Reader {
    /// Opens the knowledge base at `path` read-only (it must exist; an older
    /// schema is migrated first through a short-lived writer connection).
    pub fn open(path: &Path) -> Result<Reader> {
        if !path.exists() {
            return Err(StoreError::Open {
                path: path.display().to_string(),
                source: Box::new(StoreError::BadQuery("no such file: ingest articles into it first".into())),
            });
        }
        match open_connection(path, true) {
            Err(StoreError::Migrate { from, .. }) if from < SCHEMA_VERSION => {
                drop(open_connection(path, false)?);
                Ok(Reader { conn: open_connection(path, true)? })
            }
            other => Ok(Reader { conn: other? }),
        }
    }

    /// The raw connection, for checks such as `PRAGMA integrity_check`.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let dup = "(d.dup_group IS NOT NULL AND EXISTS (SELECT 1 FROM documents o WHERE o.dup_group = d.dup_group AND o.id < d.id))";
        Ok(Stats {
            schema_version: count("PRAGMA user_version")?,
            documents: count("SELECT count(*) FROM documents")?,
            duplicates: count(&format!("SELECT count(*) FROM documents d WHERE {dup}"))?,
            dup_groups: count("SELECT count(*) FROM dup_groups")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            actors: count("SELECT count(*) FROM actors")?,
            events: count("SELECT count(*) FROM events")?,
            events_counted: count(&format!(
                "SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc_id WHERE NOT {dup}"
            ))?,
            kb_events: count("SELECT count(*) FROM kb_events")?,
        })
    }

    /// Merged events in date order (undated last).
    pub fn events(&self, f: &EventFilter) -> Result<Page<KbEvent>> {
        self.kb_events(f, &[])
    }

    /// Merged events with a participant matching `a` and one matching `b`, in date order.
    pub fn timeline(&self, a: &ActorTerm, b: &ActorTerm, f: &EventFilter) -> Result<Page<KbEvent>> {
        self.kb_events(f, &[a, b])
    }

    fn kb_events(&self, f: &EventFilter, terms: &[&ActorTerm]) -> Result<Page<KbEvent>> {
        let mut q = Sql::default();
        let participant = |q: &mut Sql, cond: String| {
            q.conds.push(format!(
                "EXISTS (SELECT 1 FROM kb_event_sources s JOIN participants p ON p.event = s.event WHERE s.kb = k.id AND {cond})"
            ));
        };
        for t in f.actor.iter().chain(terms.iter().copied()) {
            let cond = q.term(t);
            participant(&mut q, cond);
        }
        if let Some(c) = &f.country {
            q.params.push(Value::Text(c.clone()));
            participant(&mut q, "p.country = ?".into());
        }
        if let Some(t) = &f.event_type {
            q.cond("k.type = ?", [Value::Text(t.to_uppercase())]);
        }
        if !f.event_types.is_empty() {
            let marks = vec!["?"; f.event_types.len()].join(", ");
            q.cond(&format!("k.type IN ({marks})"), f.event_types.iter().map(|t| Value::Text(t.to_uppercase())));
        }
        if let Some(d) = &f.from {
            q.cond("k.day >= ?", [Value::Integer(first_day(d)?)]);
        }
        if let Some(d) = &f.to {
            q.cond("k.day <= ?", [Value::Integer(last_day(d)?)]);
        }
        if let Some(s) = &f.status {
            q.cond("k.status = ?", [Value::Text(s.to_lowercase())]);
        }
        if let Some(t) = &f.text {
            q.cond("k.record LIKE ? ESCAPE '\\'", [like(t)]);
        }
        // The sort key, ascending: (day, id), or (-day, -id) newest first; undated last either way.
        let (day_key, id_key) = if f.newest_first {
            (format!("IFNULL(-k.day, {NO_DAY})"), "-k.id")
        } else {
            (format!("IFNULL(k.day, {NO_DAY})"), "k.id")
        };
        if let Some(c) = &f.cursor {
            let (d, i) = parse_day_cursor(c)?;
            q.cond(&format!("({day_key}, {id_key}) > (?, ?)"), [Value::Integer(d), Value::Integer(i)]);
        }
        let limit = limit_of(f.limit);
        let sql = format!(
            "SELECT {day_key}, {id_key}, k.record FROM kb_events k {} ORDER BY {day_key}, {id_key} LIMIT {}",
            q.where_clause(),
            limit + 1
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(q.params.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut items = Vec::new();
        let mut last = None;
        let mut more = false;
        for row in rows {
            let (day, id, json) = row?;
            if items.len() == limit {
                more = true;
                break;
            }
            items.push(serde_json::from_str::<KbEvent>(&json)?);
            last = Some((day, id));
        }
        Ok(Page { items, next_cursor: if more { last.map(|(d, i)| format!("{d}:{i}")) } else { None } })
    }

    /// Every merged event in date order, one at a time (for exports).
    pub fn for_each_event(&self, mut f: impl FnMut(KbEvent) -> Result<()>) -> Result<()> {
        let mut st = self.conn.prepare(&format!("SELECT record FROM kb_events ORDER BY IFNULL(day, {NO_DAY}), id"))?;
        let mut rows = st.query([])?;
        while let Some(row) = rows.next()? {
            f(serde_json::from_str(&row.get::<_, String>(0)?)?)?;
        }
        Ok(())
    }

    /// Who appears: one row per kb id (else name key), most documents first.
    pub fn actors(&self, f: &ActorFilter) -> Result<Page<ActorSummary>> {
        let mut q = Sql::default();
        if let Some(t) = &f.term {
            let cond = q.term(t);
            q.conds.push(cond);
        }
        if let Some(c) = &f.country {
            q.cond("p.country = ?", [Value::Text(c.clone())]);
        }
        if let Some(k) = &f.kind {
            q.cond("p.kind = ?", [Value::Text(k.to_lowercase())]);
        }
        let offset = parse_offset_cursor(f.cursor.as_deref())?;
        let limit = limit_of(f.limit);
        // `p` is the actors table here: it has the columns the term matches on.
        let sql = format!(
            "SELECT IFNULL(p.kb_id, p.key) AS k, min(p.name), min(p.kind), min(p.country), max(p.kb_id),
                    group_concat(DISTINCT p.title), count(DISTINCT p.doc_id), sum(p.mentions),
                    min(d.published), max(d.published)
             FROM actors p JOIN documents d ON d.id = p.doc_id {}
             GROUP BY k ORDER BY count(DISTINCT p.doc_id) DESC, k LIMIT {} OFFSET {offset}",
            q.where_clause(),
            limit + 1
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut items: Vec<ActorSummary> = st
            .query_map(params_from_iter(q.params.iter()), |r| {
                let titles: Option<String> = r.get(5)?;
                Ok(ActorSummary {
                    key: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    country: r.get(3)?,
                    kb_id: r.get(4)?,
                    titles: titles.map(|t| t.split(',').map(str::to_owned).collect()).unwrap_or_default(),
                    documents: r.get(6)?,
                    mentions: r.get(7)?,
                    events: 0,
                    first: r.get(8)?,
                    last: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let more = items.len() > limit;
        items.truncate(limit);
        // Merged events per actor of this page only (one indexed query each).
        let mut by_kb = self.conn.prepare_cached(
            "SELECT count(DISTINCT s.kb) FROM participants pp JOIN kb_event_sources s ON s.event = pp.event WHERE pp.kb_id = ?1",
        )?;
        let mut by_key = self.conn.prepare_cached(
            "SELECT count(DISTINCT s.kb) FROM participants pp JOIN kb_event_sources s ON s.event = pp.event
             WHERE pp.key = ?1 AND pp.kb_id IS NULL",
        )?;
        for a in &mut items {
            a.events = match &a.kb_id {
                Some(id) => by_kb.query_row([id], |r| r.get(0))?,
                None => by_key.query_row([&a.key], |r| r.get(0))?,
            };
        }
        Ok(Page { items, next_cursor: more.then(|| format!("o:{}", offset + limit)) })
    }

    /// Articles in publication order (undated last).
    pub fn docs(&self, f: &DocFilter) -> Result<Page<DocSummary>> {
        let mut q = Sql::default();
        if let Some(s) = &f.source {
            q.cond("d.source = ?", [Value::Text(s.clone())]);
        }
        if let Some(d) = &f.from {
            q.cond("d.published_day >= ?", [Value::Integer(first_day(d)?)]);
        }
        if let Some(d) = &f.to {
            q.cond("d.published_day <= ?", [Value::Integer(last_day(d)?)]);
        }
        if let Some(t) = &f.text {
            q.cond("d.title LIKE ? ESCAPE '\\'", [like(t)]);
        }
        if f.duplicates {
            q.cond("d.dup_group IS NOT NULL", []);
        }
        // Duplicate listings are ordered by group and page by offset; the others by date.
        let offset = if f.duplicates { parse_offset_cursor(f.cursor.as_deref())? } else { 0 };
        let (day_key, id_key) = if f.newest_first && !f.duplicates {
            (format!("IFNULL(-d.published_day, {NO_DAY})"), "-d.id")
        } else {
            (format!("IFNULL(d.published_day, {NO_DAY})"), "d.id")
        };
        if let (false, Some(c)) = (f.duplicates, &f.cursor) {
            let (d, i) = parse_day_cursor(c)?;
            q.cond(&format!("({day_key}, {id_key}) > (?, ?)"), [Value::Integer(d), Value::Integer(i)]);
        }
        let limit = limit_of(f.limit);
        let order = if f.duplicates { "d.dup_group, d.id".to_owned() } else { format!("{day_key}, {id_key}") };
        let sql = format!(
            "SELECT {day_key}, {id_key}, d.doc, d.published, d.source, d.title, d.url,
                    (SELECT count(*) FROM events e WHERE e.doc_id = d.id), d.dup_group,
                    (d.dup_group IS NOT NULL AND EXISTS (SELECT 1 FROM documents o WHERE o.dup_group = d.dup_group AND o.id < d.id))
             FROM documents d {} ORDER BY {order} LIMIT {} OFFSET {offset}",
            q.where_clause(),
            limit + 1
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(q.params.iter()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                DocSummary {
                    doc: r.get(2)?,
                    published: r.get(3)?,
                    source: r.get(4)?,
                    title: r.get(5)?,
                    url: r.get(6)?,
                    events: r.get(7)?,
                    dup_group: r.get(8)?,
                    duplicate: r.get(9)?,
                },
            ))
        })?;
        let mut items = Vec::new();
        let mut last = None;
        let mut more = false;
        for row in rows {
            let (day, id, s) = row?;
            if items.len() == limit {
                more = true;
                break;
            }
            items.push(s);
            last = Some((day, id));
        }
        let next_cursor = match (more, f.duplicates) {
            (false, _) => None,
            (true, true) => Some(format!("o:{}", offset + limit)),
            (true, false) => last.map(|(d, i)| format!("{d}:{i}")),
        };
        Ok(Page { items, next_cursor })
    }

    /// One stored article with its record (annotations included).
    pub fn document(&self, doc: &str) -> Result<Option<StoredDocument>> {
        let row = self
            .conn
            .query_row(
                "SELECT d.id, d.record, d.text, d.content_hash, d.coder_version, d.ingested_at, d.dup_group,
                        (d.dup_group IS NOT NULL AND EXISTS (SELECT 1 FROM documents o WHERE o.dup_group = d.dup_group AND o.id < d.id))
                 FROM documents d WHERE d.doc = ?1",
                [doc],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<i64>>(6)?,
                        r.get::<_, bool>(7)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, record, text, content_hash, coder_version, ingested_at, dup_group, duplicate)) = row else {
            return Ok(None);
        };
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT k.kb_id FROM events e JOIN kb_event_sources s ON s.event = e.id JOIN kb_events k ON k.id = s.kb
             WHERE e.doc_id = ?1 ORDER BY k.kb_id",
        )?;
        let kb_events = st.query_map([id], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
        Ok(Some(StoredDocument {
            record: serde_json::from_str(&record)?,
            text,
            content_hash,
            coder_version,
            ingested_at,
            dup_group,
            duplicate,
            kb_events,
        }))
    }

    /// Sentences matching a full-text query, best first.
    pub fn search(&self, s: &SearchQuery) -> Result<Page<SearchHit>> {
        let query = fts_query(&s.query);
        if query.trim().is_empty() {
            return Err(StoreError::BadQuery("empty search".into()));
        }
        let offset = parse_offset_cursor(s.cursor.as_deref())?;
        let limit = limit_of(s.limit);
        let sql = format!(
            "SELECT d.doc, d.title, d.published, s.start, s.end,
                    snippet(sentences_fts, 0, '[', ']', '…', 24), bm25(sentences_fts)
             FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN documents d ON d.id = s.doc_id
             WHERE sentences_fts MATCH ?1 ORDER BY rank, s.id LIMIT {} OFFSET {offset}",
            limit + 1
        );
        let run = || -> rusqlite::Result<Vec<SearchHit>> {
            let mut st = self.conn.prepare(&sql)?;
            st.query_map([&query], |r| {
                let snippet: String = r.get(5)?;
                Ok(SearchHit {
                    doc: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    start: r.get::<_, i64>(3)? as usize,
                    end: r.get::<_, i64>(4)? as usize,
                    snippet: snippet.split_whitespace().collect::<Vec<_>>().join(" "),
                    score: r.get(6)?,
                })
            })?
            .collect()
        };
        let mut items = run().map_err(|e| {
            let msg = e.to_string();
            // SQLITE_ERROR from a MATCH is the query's fault (syntax, unknown column).
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::Unknown) {
                StoreError::BadQuery(format!("search {:?}: {msg}", s.query))
            } else {
                e.into()
            }
        })?;
        let more = items.len() > limit;
        items.truncate(limit);
        Ok(Page { items, next_cursor: more.then(|| format!("o:{}", offset + limit)) })
    }

    /// Every near-duplicate group with its members, counted member first.
    pub fn duplicate_groups(&self) -> Result<Vec<DupGroup>> {
        let mut st = self.conn.prepare(
            "SELECT d.dup_group, d.doc, d.title, d.published, d.source, d.dup_similarity
             FROM documents d WHERE d.dup_group IS NOT NULL ORDER BY d.dup_group, d.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                DupMember {
                    doc: r.get(1)?,
                    title: r.get(2)?,
                    published: r.get(3)?,
                    source: r.get(4)?,
                    similarity: r.get(5)?,
                    counted: false,
                },
            ))
        })?;
        let mut groups: Vec<DupGroup> = Vec::new();
        for row in rows {
            let (g, mut m) = row?;
            match groups.last_mut() {
                Some(last) if last.id == g => last.docs.push(m),
                _ => {
                    m.counted = true;
                    groups.push(DupGroup { id: g, docs: vec![m] });
                }
            }
        }
        Ok(groups)
    }
}
