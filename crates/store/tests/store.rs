//! The knowledge base on records written here: migrations, idempotent ingest,
//! replacement, near-duplicates, merging, queries.

use attache_model::DocumentRecord;
use attache_store::{
    ActorTerm, DocFilter, EventFilter, NewDocument, Outcome, Reader, SCHEMA_VERSION, SearchQuery, Settings, StoreError,
    Writer, schema::MIGRATIONS,
};
use serde_json::{Value, json};

/// A participant: (name, country, kind).
type P = (&'static str, &'static str, &'static str);

fn party(p: &P) -> Value {
    json!({"name": p.0, "country": p.1, "sector": "GOV", "title": null})
}

/// An event: (type, mode, actors, recipients, date, place country).
fn event(
    n: usize,
    doc: &str,
    ty: &str,
    mode: Option<&str>,
    actors: &[P],
    recipients: &[P],
    date: Option<&str>,
) -> Value {
    json!({
        "id": format!("{doc}#{n}"), "event": ty, "mode": mode, "cameo": null,
        "actor": actors.iter().map(party).collect::<Vec<_>>(),
        "recipient": recipients.iter().map(party).collect::<Vec<_>>(),
        "date": date, "date_text": date.map(|_| "on Tuesday"), "location": null, "status": "asserted",
        "contexts": [], "topics": [], "evidence": [{"start": 0, "end": 10, "text": "evidence"}],
        "confidence": 0.9, "rule": "test"
    })
}

/// A record over `text` (one sentence per line), with actors from the events' participants.
fn record(doc: &str, published: &str, text: &str, events: Vec<Value>, people: &[P]) -> DocumentRecord {
    let mut sentences = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if !t.is_empty() {
            sentences.push(json!({"start": at, "end": at + t.len()}));
        }
        at += line.len();
    }
    let actors: Vec<Value> = people
        .iter()
        .map(|p| {
            json!({"name": p.0, "country": p.1, "sector": "GOV", "title": null, "kind": p.2,
                   "kb_id": if p.2 == "person" { Some(format!("person:{}", p.0.to_lowercase().replace(' ', "-"))) } else { None },
                   "mentions": []})
        })
        .collect();
    serde_json::from_value(json!({
        "doc": doc, "source": "Test Wire", "url": null, "published": published, "published_from": "manifest",
        "title": text.lines().next(), "dateline": null, "body": text, "captions": [], "removed": [],
        "actors": actors, "timex": [], "events": events, "diagnostics": [], "origin": format!("{doc}.txt"),
        "format": "text", "encoding": "UTF-8", "language": "en", "title_span": null, "dateline_span": null,
        "caption_spans": [], "sentences": sentences, "learned": []
    }))
    .expect("a valid record")
}

const CHOI: P = ("Choi Jong-kun", "KOR", "person");
const SHERMAN: P = ("Wendy Sherman", "USA", "person");
const BLINKEN: P = ("Antony Blinken", "USA", "person");
const WANG: P = ("Wang Yi", "CHN", "person");
const LAVROV: P = ("Sergei Lavrov", "RUS", "person");

const MEETING_A: &str = "Vice ministers meet in Washington\n\
    South Korea's first vice foreign minister met his American counterpart in Washington on Tuesday.\n\
    The two discussed a declaration formally ending the war and ways to restart dialogue with the North.\n\
    They also talked about supply chains, vaccines and the situation in Myanmar, the ministry said.\n";
const MEETING_B: &str = "Sherman hosts Choi for talks\n\
    The deputy secretary of state received the visiting South Korean diplomat on Wednesday, Seoul time.\n\
    Officials described the talks as candid and said another round was planned for next month in Seoul.\n";

fn store(dir: &tempfile::TempDir) -> (std::path::PathBuf, Writer) {
    let path = dir.path().join("kb.db");
    let w = Writer::open(&path, Settings { batch_size: 2, ..Settings::default() }).expect("opens");
    (path, w)
}

fn put(w: &mut Writer, r: &DocumentRecord, text: &str, version: &str) -> Outcome {
    w.ingest(&NewDocument { record: r, text, coder_version: version }).expect("ingests").outcome
}

fn meeting_a() -> DocumentRecord {
    record(
        "a",
        "2021-11-17",
        MEETING_A,
        vec![event(1, "a", "CONSULT", Some("visit"), &[CHOI], &[SHERMAN], Some("2021-11-16"))],
        &[CHOI, SHERMAN],
    )
}

/// The same meeting, sides swapped and dated by the other side's calendar ("Wednesday").
fn meeting_b() -> DocumentRecord {
    record(
        "b",
        "2021-11-17",
        MEETING_B,
        vec![event(1, "b", "CONSULT", None, &[SHERMAN], &[CHOI], Some("2021-11-17"))],
        &[CHOI, SHERMAN],
    )
}

#[test]
fn a_version_1_database_is_migrated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        conn.execute_batch(MIGRATIONS[0]).expect("v1 schema");
        conn.pragma_update(None, "user_version", 1).expect("version");
        let r = serde_json::to_string(&meeting_a()).expect("json");
        conn.execute(
            "INSERT INTO documents (doc, content_hash, coder_version, origin, body, text, record) VALUES ('a', 'h', 'v0', 'a.txt', '', ?1, ?2)",
            [MEETING_A, &r],
        )
        .expect("row");
    }
    let w = Writer::open(&path, Settings::default()).expect("migrates");
    w.finish().expect("finish");
    let r = Reader::open(&path).expect("reads");
    assert_eq!(r.stats().expect("stats").schema_version, SCHEMA_VERSION);
    let d = r.document("a").expect("query").expect("kept across the migration");
    assert_eq!(d.coder_version, "v0");
    assert_eq!(d.dup_group, None);
    // Re-ingesting under a new coder version replaces it and codes its events.
    let mut w = Writer::open(&path, Settings::default()).expect("opens");
    assert_eq!(put(&mut w, &meeting_a(), MEETING_A, "v1"), Outcome::Replaced);
    w.finish().expect("finish");
    assert_eq!(Reader::open(&path).expect("reads").stats().expect("stats").kb_events, 1);
}

#[test]
fn newer_and_broken_files_are_typed_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let newer = dir.path().join("newer.db");
    rusqlite::Connection::open(&newer).expect("sqlite").pragma_update(None, "user_version", 99).expect("version");
    assert!(matches!(Writer::open(&newer, Settings::default()), Err(StoreError::TooNew { found: 99, .. })));
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 8192]).expect("write");
    let err = Writer::open(&junk, Settings::default()).expect_err("not a database");
    assert!(matches!(&err, StoreError::Open { source, .. } if matches!(**source, StoreError::Corrupt(_))), "{err:?}");
    assert!(matches!(Reader::open(&dir.path().join("missing.db")), Err(StoreError::Open { .. })));
}

#[test]
fn ingest_is_idempotent_and_a_new_coder_version_replaces() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut w) = store(&dir);
    assert_eq!(put(&mut w, &meeting_a(), MEETING_A, "v1"), Outcome::Inserted);
    assert_eq!(put(&mut w, &meeting_b(), MEETING_B, "v1"), Outcome::Inserted);
    w.commit().expect("commit");
    let before = Reader::open(&path).expect("reads");
    let (stats, events) = (before.stats().expect("stats"), before.events(&EventFilter::default()).expect("events"));
    assert_eq!(put(&mut w, &meeting_a(), MEETING_A, "v1"), Outcome::Unchanged);
    w.commit().expect("commit");
    assert_eq!(before.stats().expect("stats"), stats);
    assert_eq!(before.events(&EventFilter::default()).expect("events"), events);

    // v2 codes article b without its event: the merged event loses that source.
    let mut b2 = meeting_b();
    b2.events.clear();
    assert_eq!(put(&mut w, &b2, MEETING_B, "v2"), Outcome::Replaced);
    // A changed text under the same version replaces too.
    let edited = MEETING_A.replace("Tuesday", "Tuesday afternoon");
    assert_eq!(put(&mut w, &meeting_a(), &edited, "v1"), Outcome::Replaced);
    w.finish().expect("finish");
    let r = Reader::open(&path).expect("reads");
    let s = r.stats().expect("stats");
    assert_eq!((s.documents, s.events, s.kb_events), (2, 1, 1));
    let e = &r.events(&EventFilter::default()).expect("events").items[0];
    assert_eq!(e.sources.len(), 1);
    assert_eq!(r.document("b").expect("query").expect("stored").coder_version, "v2");
    assert_eq!(r.document("a").expect("query").expect("stored").text, edited);
}

#[test]
fn one_meeting_reported_twice_with_different_date_words_is_one_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut w) = store(&dir);
    put(&mut w, &meeting_a(), MEETING_A, "v1");
    put(&mut w, &meeting_b(), MEETING_B, "v1");
    w.finish().expect("finish");
    let r = Reader::open(&path).expect("reads");
    let page =
        r.timeline(&ActorTerm::new("Sherman"), &ActorTerm::new("Choi Jong-kun"), &EventFilter::default()).expect("q");
    assert_eq!(page.items.len(), 1, "{page:#?}");
    let e = &page.items[0];
    assert_eq!(e.sources.len(), 2);
    assert_eq!(e.article_count(), 2);
    assert_eq!(e.event.mode.as_deref(), Some("visit"));
    assert!(e.id.starts_with("kb-"));
    // Ids are stable: the same articles ingested in the other order give the same merged id.
    let dir2 = tempfile::tempdir().expect("tempdir");
    let (path2, mut w2) = store(&dir2);
    put(&mut w2, &meeting_b(), MEETING_B, "v1");
    put(&mut w2, &meeting_a(), MEETING_A, "v1");
    w2.finish().expect("finish");
    let again = Reader::open(&path2).expect("reads").events(&EventFilter::default()).expect("q");
    assert_eq!(again.items.iter().map(|e| e.id.clone()).collect::<Vec<_>>(), vec![e.id.clone()]);
}

#[test]
fn different_meetings_the_same_day_stay_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut w) = store(&dir);
    let day = Some("2023-06-19");
    let docs = [
        (
            "c",
            "Blinken meets Wang in Beijing\nThe secretary of state met the foreign minister on Monday.\n",
            vec![BLINKEN, WANG],
        ),
        (
            "d",
            "Blinken meets Lavrov\nThe secretary of state met the Russian foreign minister on Monday.\n",
            vec![BLINKEN, LAVROV],
        ),
    ];
    for (id, text, people) in &docs {
        let ev = event(1, id, "CONSULT", None, &people[..1], &people[1..], day);
        put(&mut w, &record(id, "2023-06-19", text, vec![ev], people), text, "v1");
    }
    // The same pair by phone the same day is another event (modes differ).
    let text = "Blinken calls Wang\nThe two spoke by phone on Monday.\n";
    let phone = event(1, "e", "CONSULT", Some("phone"), &[WANG], &[BLINKEN], day);
    put(&mut w, &record("e", "2023-06-19", text, vec![phone], &[BLINKEN, WANG]), text, "v1");
    let text = "Blinken visits Beijing\nHe met Wang Yi during the visit on Monday.\n";
    let visit = event(1, "f", "CONSULT", Some("visit"), &[BLINKEN], &[WANG], day);
    put(&mut w, &record("f", "2023-06-19", text, vec![visit], &[BLINKEN, WANG]), text, "v1");
    w.finish().expect("finish");
    let r = Reader::open(&path).expect("reads");
    let s = r.stats().expect("stats");
    assert_eq!((s.events, s.kb_events), (4, 3), "c and f merge; d and e stay apart");
    let china = ActorTerm { text: "China".into(), countries: vec!["CHN".into()], kb_ids: vec![] };
    let page = r.timeline(&ActorTerm::new("Blinken"), &china, &EventFilter::default()).expect("q");
    assert_eq!(page.items.len(), 2);
}

const STORY: &str = "Storm closes ports along the coast\n\
    Heavy rain and strong winds forced the closure of three ports along the southern coast on Thursday, \
    the transport ministry said, as forecasters warned that the storm would bring more flooding to low-lying towns.\n\
    Fishing boats were ordered to stay in harbour and ferry services to the islands were cancelled until further notice.\n\
    Officials said emergency teams had been sent to the worst-hit districts and that schools would stay closed on Friday.\n";

#[test]
fn near_duplicates_are_grouped_and_counted_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut w) = store(&dir);
    let copy =
        STORY.replace("Thursday", "Thursday morning").replace("Storm closes ports", "UPDATE 1-Storm closes ports");
    let other = "Parliament passes budget\nLawmakers approved the annual budget after a long debate on Wednesday, \
        with the governing coalition voting in favour and the opposition walking out before the final count.\n";
    let ev = |doc: &str| {
        vec![event(1, doc, "COERCE", None, &[("Transport Ministry", "XYZ", "government")], &[], Some("2024-03-07"))]
    };
    put(&mut w, &record("s1", "2024-03-07", STORY, ev("s1"), &[]), STORY, "v1");
    put(&mut w, &record("s2", "2024-03-07", &copy, ev("s2"), &[]), &copy, "v1");
    put(&mut w, &record("s3", "2024-03-07", other, vec![], &[]), other, "v1");
    w.finish().expect("finish");
    let r = Reader::open(&path).expect("reads");
    let groups = r.duplicate_groups().expect("groups");
    assert_eq!(groups.len(), 1);
    let docs: Vec<(&str, bool)> = groups[0].docs.iter().map(|d| (d.doc.as_str(), d.counted)).collect();
    assert_eq!(docs, vec![("s1", true), ("s2", false)]);
    let s = r.stats().expect("stats");
    assert_eq!((s.duplicates, s.dup_groups, s.events, s.events_counted, s.kb_events), (1, 1, 2, 1, 1));
    let e = &r.events(&EventFilter::default()).expect("q").items[0];
    assert_eq!((e.sources.len(), e.article_count()), (2, 1), "the copy is evidence, counted once");
    let dups = r.docs(&DocFilter { duplicates: true, ..DocFilter::default() }).expect("docs");
    assert_eq!(dups.items.len(), 2);
}

#[test]
fn queries_page_and_search() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut w) = store(&dir);
    for i in 0..5 {
        let doc = format!("p{i}");
        let text = format!("Talks number {i}\nThe envoys held round {i} of talks about the border on Monday.\n");
        let date = format!("2020-01-{:02}", 10 + i * 5);
        let ev = event(1, &doc, "CONSULT", None, &[BLINKEN], &[WANG], Some(&date));
        put(&mut w, &record(&doc, &date, &text, vec![ev], &[BLINKEN, WANG]), &text, "v1");
    }
    w.finish().expect("finish");
    let r = Reader::open(&path).expect("reads");
    let mut seen = Vec::new();
    let mut f = EventFilter { limit: Some(2), ..EventFilter::default() };
    loop {
        let page = r.events(&f).expect("page");
        seen.extend(page.items.iter().map(|e| e.event.date.clone().unwrap_or_default()));
        match page.next_cursor {
            Some(c) => f.cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen, ["2020-01-10", "2020-01-15", "2020-01-20", "2020-01-25", "2020-01-30"]);
    // Newest first, paged the same way; docs too.
    let mut newest = Vec::new();
    let mut f = EventFilter { limit: Some(2), newest_first: true, ..EventFilter::default() };
    loop {
        let page = r.events(&f).expect("page");
        newest.extend(page.items.iter().map(|e| e.event.date.clone().unwrap_or_default()));
        match page.next_cursor {
            Some(c) => f.cursor = Some(c),
            None => break,
        }
    }
    seen.reverse();
    assert_eq!(newest, seen);
    let mut docs = Vec::new();
    let mut f = DocFilter { limit: Some(3), newest_first: true, ..DocFilter::default() };
    loop {
        let page = r.docs(&f).expect("page");
        docs.extend(page.items.iter().map(|d| d.doc.clone()));
        match page.next_cursor {
            Some(c) => f.cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(docs, ["p4", "p3", "p2", "p1", "p0"]);
    let several = EventFilter { event_types: vec!["consult".into(), "AGREE".into()], ..EventFilter::default() };
    assert_eq!(r.events(&several).expect("q").items.len(), 5);
    let f = EventFilter { from: Some("2020-01-15".into()), to: Some("2020-01-25".into()), ..EventFilter::default() };
    assert_eq!(r.events(&f).expect("q").items.len(), 3);
    let hits = r.search(&SearchQuery { query: "round 3".into(), ..SearchQuery::default() }).expect("search");
    assert_eq!(hits.items.len(), 1);
    assert_eq!(hits.items[0].doc, "p3");
    assert!(hits.items[0].snippet.contains("[round] [3]"), "{}", hits.items[0].snippet);
    let err = r.search(&SearchQuery { query: "\"unclosed".into(), ..SearchQuery::default() }).expect_err("bad");
    assert!(err.is_bad_request());
    let actors = r.actors(&attache_store::ActorFilter::default()).expect("actors");
    assert_eq!(actors.items.len(), 2);
    assert_eq!(actors.items[0].documents, 5);
    assert_eq!(actors.items[0].first.as_deref(), Some("2020-01-10"));
}
