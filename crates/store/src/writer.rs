//! The one writer: every change to the knowledge base goes through [`Writer`].

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use attache_model::{DocumentRecord, EventRecord, EventSource, EventStatus, KbEvent, ParticipantRecord};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::merge::{self, MergeKey, Party};
use crate::minhash::{self, Signature};
use crate::util::{day_of, day_range, hash_hex, name_key};
use crate::{Settings, open_connection, status_str};

/// One article to store: its record, the input text its spans point into,
/// and the version of the coder that produced the record.
#[derive(Debug, Clone, Copy)]
pub struct NewDocument<'a> {
    pub record: &'a DocumentRecord,
    pub text: &'a str,
    pub coder_version: &'a str,
}

/// What ingesting one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new article.
    Inserted,
    /// The article was stored with another text or coder version: its rows were replaced.
    Replaced,
    /// The same article, text and coder version are stored already: nothing changed.
    Unchanged,
}

/// The result of [`Writer::ingest`].
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    pub outcome: Outcome,
    /// The near-duplicate group the article joined, if any.
    pub dup_group: Option<i64>,
}

/// Owns the read-write connection. Articles are written in transactions of
/// `Settings::batch_size` articles; [`Writer::commit`] ends one early and
/// [`Writer::finish`] ends the last. Dropping a writer without finishing rolls
/// back the open transaction (at most one batch).
#[derive(Debug)]
pub struct Writer {
    conn: Connection,
    settings: Settings,
    pending: usize,
    committed: usize,
    in_tx: bool,
    keys: HashMap<i64, Rc<MergeKey>>,
}

/// An event's row as read for its merge key.
struct KeyRow {
    doc: i64,
    event_type: String,
    mode: Option<String>,
    status: String,
    lo: Option<i64>,
    hi: Option<i64>,
    published: Option<i64>,
    place_country: Option<String>,
    record: String,
}

/// Members of a cluster as read for rebuilding it.
struct Member {
    record: EventRecord,
    source: EventSource,
    published_day: Option<i64>,
}

impl Writer {
    /// Opens (creating and migrating as needed) the knowledge base at `path`.
    pub fn open(path: &Path, settings: Settings) -> Result<Writer> {
        let conn = open_connection(path, false)?;
        if let Some(n) = settings.max_pages {
            conn.query_row(&format!("PRAGMA max_page_count = {n}"), [], |_| Ok(())).map_err(|e| {
                crate::StoreError::Open { path: path.display().to_string(), source: Box::new(e.into()) }
            })?;
        }
        Ok(Writer { conn, settings, pending: 0, committed: 0, in_tx: false, keys: HashMap::new() })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn begin(&mut self) -> Result<()> {
        if !self.in_tx {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_tx = true;
        }
        Ok(())
    }

    /// How many articles this writer has committed (stored, replaced or
    /// found unchanged): after an error, these are in the file, and the
    /// articles of the open batch are not.
    pub fn committed(&self) -> usize {
        self.committed
    }

    /// Commits the articles written since the last commit. On failure (a full
    /// disk) the batch is rolled back and the writer can go on with the next.
    pub fn commit(&mut self) -> Result<()> {
        if self.in_tx {
            if let Err(e) = self.conn.execute_batch("COMMIT") {
                self.abandon_batch();
                return Err(e.into());
            }
            self.in_tx = false;
        }
        self.committed += self.pending;
        self.pending = 0;
        Ok(())
    }

    /// Rolls back the open transaction (SQLite may have done it already, as
    /// after `SQLITE_FULL`) and forgets what was cached from it.
    fn abandon_batch(&mut self) {
        if !self.conn.is_autocommit() {
            // If even the rollback fails, dropping the connection rolls back.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        self.in_tx = false;
        self.pending = 0;
        self.keys.clear();
    }

    /// Commits and closes.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.conn.execute_batch("PRAGMA optimize")?;
        Ok(())
    }

    /// Stores one article (see [`Outcome`]): its document, sentences, actors
    /// and events, its near-duplicate group, and the merged events it touches.
    ///
    /// Each article is written under a savepoint: when one fails, its rows are
    /// rolled back and the batch's other articles stay pending. When SQLite
    /// has rolled back the whole transaction itself (a full disk can do that),
    /// the open batch is lost and [`Writer::committed`] says what is kept.
    pub fn ingest(&mut self, doc: &NewDocument<'_>) -> Result<Ingested> {
        self.begin()?;
        self.conn.execute_batch("SAVEPOINT article")?;
        let result = self.ingest_in_tx(doc);
        match &result {
            Ok(_) => {
                self.conn.execute_batch("RELEASE article")?;
                self.pending += 1;
                if self.pending >= self.settings.batch_size.max(1) {
                    self.commit()?;
                }
            }
            Err(_) => {
                self.keys.clear();
                // SQLite may have rolled back the whole transaction itself.
                if self.conn.is_autocommit() || self.conn.execute_batch("ROLLBACK TO article; RELEASE article").is_err()
                {
                    self.abandon_batch();
                }
            }
        }
        result
    }

    fn ingest_in_tx(&mut self, doc: &NewDocument<'_>) -> Result<Ingested> {
        let r = doc.record;
        let hash = hash_hex(doc.text);
        let existing: Option<(i64, String, String, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT id, content_hash, coder_version, dup_group FROM documents WHERE doc = ?1",
                [&r.doc],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?;
        let published_day = r.published.as_deref().and_then(day_of);
        let record_json = serde_json::to_string(r)?;
        let mut affected: BTreeSet<i64> = BTreeSet::new();
        let (id, outcome) = match existing {
            Some((_, h, v, group)) if h == hash && v == doc.coder_version => {
                return Ok(Ingested { outcome: Outcome::Unchanged, dup_group: group });
            }
            Some((id, _, _, group)) => {
                let mut st = self.conn.prepare_cached(
                    "SELECT DISTINCT s.kb FROM kb_event_sources s JOIN events e ON e.id = s.event WHERE e.doc_id = ?1",
                )?;
                affected.extend(st.query_map([id], |row| row.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?);
                drop(st);
                for table in ["sentences", "actors", "events", "minhash", "lsh"] {
                    self.conn.execute(&format!("DELETE FROM {table} WHERE doc_id = ?1"), [id])?;
                }
                self.leave_group(id, group)?;
                self.keys.clear();
                self.conn.execute(
                    "UPDATE documents SET content_hash = ?2, coder_version = ?3, origin = ?4, url = ?5, source = ?6,
                     published = ?7, published_day = ?8, title = ?9, body = ?10, text = ?11, record = ?12,
                     ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                    params![
                        id,
                        hash,
                        doc.coder_version,
                        r.origin,
                        r.url,
                        r.source,
                        r.published,
                        published_day,
                        r.title,
                        r.body,
                        doc.text,
                        record_json
                    ],
                )?;
                (id, Outcome::Replaced)
            }
            None => {
                self.conn.execute(
                    "INSERT INTO documents (doc, content_hash, coder_version, origin, url, source, published,
                     published_day, title, body, text, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        r.doc,
                        hash,
                        doc.coder_version,
                        r.origin,
                        r.url,
                        r.source,
                        r.published,
                        published_day,
                        r.title,
                        r.body,
                        doc.text,
                        record_json
                    ],
                )?;
                (self.conn.last_insert_rowid(), Outcome::Inserted)
            }
        };
        self.insert_rows(id, doc, published_day)?;
        let dup_group = self.dedup(id, &r.body)?;
        self.remerge(id, &affected)?;
        Ok(Ingested { outcome, dup_group })
    }

    fn insert_rows(&mut self, id: i64, doc: &NewDocument<'_>, published_day: Option<i64>) -> Result<()> {
        let r = doc.record;
        {
            let mut st = self
                .conn
                .prepare_cached("INSERT INTO sentences (doc_id, n, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for (n, s) in r.sentences.iter().enumerate() {
                let text = doc.text.get(s.start..s.end).unwrap_or("");
                st.execute(params![id, n as i64, s.start as i64, s.end as i64, text])?;
            }
        }
        let mut known: HashMap<&str, (Option<&str>, &'static str)> = HashMap::new();
        {
            let mut st = self.conn.prepare_cached(
                "INSERT INTO actors (doc_id, name, key, kind, country, sector, title, kb_id, mentions)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for a in &r.actors {
                let kind = kind_str(a.kind);
                st.execute(params![
                    id,
                    a.name,
                    name_key(&a.name),
                    kind,
                    a.country,
                    a.sector,
                    a.title,
                    a.kb_id,
                    a.mentions.len() as i64
                ])?;
                known.insert(a.name.as_str(), (a.kb_id.as_deref(), kind));
            }
        }
        // Undated events fall back on the publication date; events dated
        // coarser than a week ("2015", "last month") are never merged.
        let window = |date: Option<&str>, range: Option<(i64, i64)>| {
            let s = &self.settings.merge;
            match (date.and_then(day_range), range) {
                (_, Some(r)) => Some(r),
                (Some(_), None) => None,
                (None, None) => published_day.map(|p| (p - s.publication_window_days, p)),
            }
        };
        let mut ev = self.conn.prepare_cached(
            "INSERT INTO events (doc_id, event_id, type, mode, date, day_lo, day_hi, place, place_country, status,
             confidence, record, lo, hi) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        let mut pt = self.conn.prepare_cached(
            "INSERT INTO participants (event, role, name, key, kind, country, kb_id, title, sector)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for e in &r.events {
            let range = event_range(e.date.as_deref());
            let (lo, hi) = window(e.date.as_deref(), range).unzip();
            ev.execute(params![
                id,
                e.id,
                e.event,
                e.mode,
                e.date,
                range.map(|r| r.0),
                range.map(|r| r.1),
                e.location.as_ref().map(|p| &p.name),
                e.location.as_ref().and_then(|p| p.country.as_ref()),
                status_str(e.status),
                f64::from(e.confidence),
                serde_json::to_string(e)?,
                lo,
                hi
            ])?;
            let eid = self.conn.last_insert_rowid();
            for (role, people) in [("actor", &e.actor), ("recipient", &e.recipient)] {
                for p in people {
                    let (kb_id, kind) = known.get(p.name.as_str()).copied().unwrap_or((None, "unknown"));
                    pt.execute(params![
                        eid,
                        role,
                        p.name,
                        name_key(&p.name),
                        kind,
                        p.country,
                        kb_id,
                        p.title,
                        p.sector
                    ])?;
                }
            }
        }
        Ok(())
    }

    /// Takes a replaced article out of its group, dissolving a group left with one member.
    fn leave_group(&mut self, id: i64, group: Option<i64>) -> Result<()> {
        let Some(g) = group else { return Ok(()) };
        self.conn.execute("UPDATE documents SET dup_group = NULL, dup_similarity = NULL WHERE id = ?1", [id])?;
        let left: i64 =
            self.conn.query_row("SELECT count(*) FROM documents WHERE dup_group = ?1", [g], |r| r.get(0))?;
        if left < 2 {
            self.conn
                .execute("UPDATE documents SET dup_group = NULL, dup_similarity = NULL WHERE dup_group = ?1", [g])?;
            self.conn.execute("DELETE FROM dup_groups WHERE id = ?1", [g])?;
        }
        Ok(())
    }

    /// Signs the article, finds near-duplicates through LSH buckets, and joins
    /// (or founds, or fuses) their group.
    fn dedup(&mut self, id: i64, body: &str) -> Result<Option<i64>> {
        let Some(sig) = minhash::signature(body) else { return Ok(None) };
        self.conn.execute("INSERT INTO minhash (doc_id, sig) VALUES (?1, ?2)", params![id, sig.to_bytes()])?;
        let bands = sig.bands();
        let mut candidates: BTreeSet<i64> = BTreeSet::new();
        {
            let mut find = self.conn.prepare_cached("SELECT doc_id FROM lsh WHERE band = ?1 AND bucket = ?2")?;
            let mut add = self.conn.prepare_cached("INSERT INTO lsh (band, bucket, doc_id) VALUES (?1, ?2, ?3)")?;
            for (b, bucket) in bands.iter().enumerate() {
                for d in find.query_map(params![b as i64, bucket], |r| r.get::<_, i64>(0))? {
                    candidates.insert(d?);
                }
                add.execute(params![b as i64, bucket, id])?;
            }
        }
        candidates.remove(&id);
        let mut matches: Vec<(i64, f64, Option<i64>)> = Vec::new();
        {
            let mut st = self.conn.prepare_cached(
                "SELECT m.sig, d.dup_group FROM minhash m JOIN documents d ON d.id = m.doc_id WHERE m.doc_id = ?1",
            )?;
            for c in candidates {
                let (bytes, group): (Vec<u8>, Option<i64>) = st.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let Some(other) = Signature::from_bytes(&bytes) else { continue };
                let sim = sig.similarity(&other);
                if sim >= self.settings.dup_threshold {
                    matches.push((c, sim, group));
                }
            }
        }
        if matches.is_empty() {
            return Ok(None);
        }
        let best = matches.iter().map(|m| m.1).fold(0.0, f64::max);
        let group = match matches.iter().filter_map(|m| m.2).min() {
            Some(g) => g,
            None => {
                self.conn.execute("INSERT INTO dup_groups DEFAULT VALUES", [])?;
                self.conn.last_insert_rowid()
            }
        };
        for (c, sim, g) in &matches {
            match g {
                Some(old) if *old != group => {
                    self.conn
                        .execute("UPDATE documents SET dup_group = ?1 WHERE dup_group = ?2", params![group, old])?;
                    self.conn.execute("DELETE FROM dup_groups WHERE id = ?1", [old])?;
                }
                Some(_) => {}
                None => {
                    self.conn.execute(
                        "UPDATE documents SET dup_group = ?1, dup_similarity = ?2 WHERE id = ?3",
                        params![group, sim, c],
                    )?;
                }
            }
        }
        self.conn.execute(
            "UPDATE documents SET dup_group = ?1, dup_similarity = ?2 WHERE id = ?3",
            params![group, best, id],
        )?;
        Ok(Some(group))
    }

    /// Dissolves the clusters the article was in before, then places its
    /// events and the orphans one by one, and rebuilds every cluster touched.
    fn remerge(&mut self, id: i64, affected: &BTreeSet<i64>) -> Result<()> {
        let mut todo: Vec<i64> = Vec::new();
        for kb in affected {
            let mut st = self.conn.prepare_cached("SELECT event FROM kb_event_sources WHERE kb = ?1 ORDER BY event")?;
            todo.extend(st.query_map([kb], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?);
            drop(st);
            self.conn.execute("DELETE FROM kb_events WHERE id = ?1", [kb])?;
        }
        {
            let mut st = self.conn.prepare_cached("SELECT id FROM events WHERE doc_id = ?1 ORDER BY id")?;
            todo.extend(st.query_map([id], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?);
        }
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        for e in todo {
            touched.insert(self.assign(e)?);
        }
        for kb in touched {
            self.rebuild(kb)?;
        }
        Ok(())
    }

    fn key(&mut self, event: i64) -> Result<Rc<MergeKey>> {
        if let Some(k) = self.keys.get(&event) {
            return Ok(k.clone());
        }
        if self.keys.len() > 500_000 {
            self.keys.clear();
        }
        let row = self
            .conn
            .prepare_cached(
                "SELECT e.doc_id, e.type, e.mode, e.status, e.day_lo, e.day_hi, d.published_day, e.place_country, e.record
                 FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.id = ?1",
            )?
            .query_row([event], |r| {
                Ok(KeyRow {
                    doc: r.get(0)?,
                    event_type: r.get(1)?,
                    mode: r.get(2)?,
                    status: r.get(3)?,
                    lo: r.get(4)?,
                    hi: r.get(5)?,
                    published: r.get(6)?,
                    place_country: r.get(7)?,
                    record: r.get(8)?,
                })
            })?;
        let KeyRow { doc, event_type, mode, status, lo, hi, published, place_country, record } = row;
        let rec: EventRecord = serde_json::from_str(&record)?;
        let mut actors = Vec::new();
        let mut recipients = Vec::new();
        {
            let mut st = self
                .conn
                .prepare_cached("SELECT role, key, kb_id, country, kind FROM participants WHERE event = ?1")?;
            let rows = st.query_map([event], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            for row in rows {
                let (role, key, kb_id, country, kind) = row?;
                let party = Party { key: kb_id.unwrap_or(key), country, person: kind == "person" };
                if role == "actor" { actors.push(party) } else { recipients.push(party) }
            }
        }
        let key = Rc::new(MergeKey {
            doc,
            event_type,
            mode,
            status: parse_status(&status),
            range: lo.zip(hi),
            coarse: rec.date.as_deref().and_then(day_range).is_some() && lo.is_none(),
            published,
            place_country,
            actors,
            recipients,
            topics: rec.topics.clone(),
            words: merge::evidence_words(rec.evidence.iter().map(|s| s.text.as_str())),
        });
        self.keys.insert(event, key.clone());
        Ok(key)
    }

    /// Puts one event into the best compatible cluster, or a new one; returns the cluster.
    fn assign(&mut self, event: i64) -> Result<i64> {
        let key = self.key(event)?;
        let ms = self.settings.merge;
        let mut clusters: BTreeSet<i64> = BTreeSet::new();
        if let Some((lo, hi)) = key.window(&ms) {
            let tol = ms.date_tolerance_days;
            let mut st = self.conn.prepare_cached(
                "SELECT DISTINCT s.kb FROM events e JOIN kb_event_sources s ON s.event = e.id
                 WHERE e.type = ?1 AND e.lo BETWEEN ?2 AND ?3 AND e.hi >= ?4 AND e.doc_id != ?5",
            )?;
            let rows =
                st.query_map(params![key.event_type, lo - 40, hi + tol, lo - tol, key.doc], |r| r.get::<_, i64>(0))?;
            for kb in rows {
                clusters.insert(kb?);
            }
        }
        let mut best: Option<(f64, i64)> = None;
        for kb in clusters {
            let members: Vec<i64> = {
                let mut st = self.conn.prepare_cached("SELECT event FROM kb_event_sources WHERE kb = ?1")?;
                st.query_map([kb], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?
            };
            let mut total = 0.0;
            let mut ok = true;
            for m in &members {
                let other = self.key(*m)?;
                match merge::compatible(&key, &other, &ms) {
                    Some(score) => total += score,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && !members.is_empty() {
                let score = total / members.len() as f64;
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, kb));
                }
            }
        }
        let kb = match best {
            Some((_, kb)) => kb,
            None => {
                self.conn.execute(
                    "INSERT INTO kb_events (kb_id, type, status, n_sources, n_articles, record)
                     VALUES (?1, ?2, 'asserted', 0, 0, '{}')",
                    params![format!("pending-{event}"), key.event_type],
                )?;
                self.conn.last_insert_rowid()
            }
        };
        self.conn.execute("INSERT INTO kb_event_sources (kb, event) VALUES (?1, ?2)", params![kb, event])?;
        Ok(kb)
    }

    /// Writes a cluster's merged record from its members.
    fn rebuild(&mut self, kb: i64) -> Result<()> {
        let members: Vec<Member> = {
            let mut st = self.conn.prepare_cached(
                "SELECT e.record, d.doc, d.source, d.url, d.published, d.published_day,
                        (d.dup_group IS NOT NULL AND EXISTS (SELECT 1 FROM documents o WHERE o.dup_group = d.dup_group AND o.id < d.id))
                 FROM kb_event_sources s JOIN events e ON e.id = s.event JOIN documents d ON d.id = e.doc_id
                 WHERE s.kb = ?1",
            )?;
            let rows = st.query_map([kb], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (json, doc, source, url, published, published_day, duplicate) = row?;
                let record: EventRecord = serde_json::from_str(&json)?;
                out.push(Member {
                    source: EventSource {
                        doc,
                        event_id: record.id.clone(),
                        source,
                        url,
                        published,
                        duplicate,
                        evidence: record.evidence.clone(),
                    },
                    record,
                    published_day,
                });
            }
            out
        };
        if members.is_empty() {
            self.conn.execute("DELETE FROM kb_events WHERE id = ?1", [kb])?;
            return Ok(());
        }
        let merged = merge_members(members);
        let day = merged.event.date.as_deref().and_then(|d| day_range(d).map(|r| r.0));
        let articles = merged.article_count() as i64;
        self.conn.execute(
            "UPDATE kb_events SET kb_id = ?2, type = ?3, date = ?4, day = ?5, status = ?6, n_sources = ?7,
             n_articles = ?8, record = ?9 WHERE id = ?1",
            params![
                kb,
                merged.id,
                merged.event.event,
                merged.event.date,
                day,
                status_str(merged.event.status),
                merged.sources.len() as i64,
                articles,
                serde_json::to_string(&merged)?
            ],
        )?;
        Ok(())
    }
}

/// The day range of an event date, when it is a day or a week.
fn event_range(date: Option<&str>) -> Option<(i64, i64)> {
    date.and_then(day_range).filter(|(lo, hi)| hi - lo <= 6)
}

fn parse_status(s: &str) -> EventStatus {
    match s {
        "future" => EventStatus::Future,
        "hypothetical" => EventStatus::Hypothetical,
        "negated" => EventStatus::Negated,
        _ => EventStatus::Asserted,
    }
}

fn kind_str(k: attache_model::ActorKind) -> &'static str {
    use attache_model::ActorKind as K;
    match k {
        K::Person => "person",
        K::Government => "government",
        K::Country => "country",
        K::Organisation => "organisation",
        K::Group => "group",
    }
}

/// The merged event of a cluster: the best-evidenced report as representative
/// (not a near-duplicate, highest confidence, most evidence, a day date,
/// earliest published, smallest id), its participants, topics, date and place
/// completed from the other reports.
fn merge_members(mut members: Vec<Member>) -> KbEvent {
    let rank = |m: &Member| {
        let day_date = m.record.date.as_deref().and_then(day_range).is_some_and(|(a, b)| a == b);
        (
            !m.source.duplicate,
            (m.record.confidence * 1000.0) as i64,
            m.record.evidence.len(),
            day_date,
            std::cmp::Reverse(m.published_day.unwrap_or(i64::MAX)),
            std::cmp::Reverse(m.record.id.clone()),
        )
    };
    let rep_at = (0..members.len()).max_by_key(|&i| rank(&members[i])).unwrap_or(0);
    let rep = members.swap_remove(rep_at);
    let mut event = rep.record.clone();
    let symmetric = merge::SYMMETRIC.contains(&event.event.as_str());
    let mut seen: HashSet<String> = event.actor.iter().chain(&event.recipient).map(|p| name_key(&p.name)).collect();
    let mut dates: HashMap<String, usize> = HashMap::new();
    for m in &members {
        let add = |into: &mut Vec<ParticipantRecord>, from: &[ParticipantRecord], seen: &mut HashSet<String>| {
            for p in from {
                if seen.insert(name_key(&p.name)) {
                    into.push(p.clone());
                }
            }
        };
        if symmetric {
            add(&mut event.actor, &m.record.actor, &mut seen);
            add(&mut event.actor, &m.record.recipient, &mut seen);
        } else {
            add(&mut event.actor, &m.record.actor, &mut seen);
            add(&mut event.recipient, &m.record.recipient, &mut seen);
        }
        for t in &m.record.topics {
            if !event.topics.contains(t) {
                event.topics.push(t.clone());
            }
        }
        if event.location.is_none() {
            event.location.clone_from(&m.record.location);
        }
        event.confidence = event.confidence.max(m.record.confidence);
        if let Some(d) = &m.record.date
            && day_range(d).is_some_and(|(a, b)| a == b)
        {
            *dates.entry(d.clone()).or_default() += 1;
        }
    }
    let rep_is_day = event.date.as_deref().and_then(day_range).is_some_and(|(a, b)| a == b);
    if !rep_is_day && let Some((d, _)) = dates.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))) {
        event.date_text = Some(format!("from another report ({})", event.date_text.as_deref().unwrap_or("undated")));
        event.date = Some(d);
    }
    let id = format!("kb-{}", hash_hex(&rep.record.id));
    let mut sources: Vec<EventSource> =
        std::iter::once(rep.source).chain(members.into_iter().map(|m| m.source)).collect();
    sources.sort_by(|a, b| a.published.cmp(&b.published).then(a.doc.cmp(&b.doc)).then(a.event_id.cmp(&b.event_id)));
    KbEvent { id, event, sources }
}
