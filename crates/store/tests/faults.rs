//! Faults at the library level: a full database (SQLite's `max_page_count`,
//! as a full disk gives `SQLITE_FULL`) and a corrupt file.

use attache_model::DocumentRecord;
use attache_store::{NewDocument, Reader, Settings, StoreError, Writer};
use serde_json::json;

/// An article of its own words (no two are near-duplicates), about 3 KB.
fn article(n: usize) -> (DocumentRecord, String) {
    let text: String = (0..60).map(|i| format!("Word{n}x{i} spoke{i} to{n} delegation{i}.\n")).collect();
    let mut sentences = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        sentences.push(json!({"start": at, "end": at + line.trim_end().len()}));
        at += line.len();
    }
    let doc = format!("doc-{n}");
    let record = serde_json::from_value(json!({
        "doc": doc, "source": "Test Wire", "url": null, "published": "2024-05-01", "published_from": "manifest",
        "title": "A title", "dateline": null, "body": text, "captions": [], "removed": [],
        "actors": [], "timex": [], "events": [], "diagnostics": [], "origin": format!("{doc}.txt"),
        "format": "text", "encoding": "UTF-8", "language": "en", "title_span": null, "dateline_span": null,
        "caption_spans": [], "sentences": sentences, "learned": []
    }))
    .expect("a valid record");
    (record, text)
}

fn ingest(w: &mut Writer, n: usize) -> Result<(), StoreError> {
    let (record, text) = article(n);
    w.ingest(&NewDocument { record: &record, text: &text, coder_version: "test" }).map(|_| ())
}

fn documents(path: &std::path::Path) -> i64 {
    Reader::open(path).expect("opens").stats().expect("stats").documents
}

#[test]
fn a_full_database_keeps_the_committed_batches_and_takes_more_once_there_is_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kb.db");
    let settings = Settings { batch_size: 4, max_pages: Some(120), ..Settings::default() };
    let mut w = Writer::open(&path, settings).expect("opens");
    let mut failed = None;
    for n in 0..1000 {
        if let Err(e) = ingest(&mut w, n) {
            failed = Some((n, e));
            break;
        }
    }
    let (at, err) = failed.expect("120 pages fill up");
    assert!(matches!(err, StoreError::DiskFull(_)), "{err:?}");
    let kept = w.committed();
    assert!(kept > 0 && kept.is_multiple_of(4) && kept <= at, "{kept} committed, failed at {at}");
    drop(w);

    let r = Reader::open(&path).expect("opens after the failure");
    let check: String = r.connection().query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("check");
    assert_eq!(check, "ok");
    assert_eq!(r.stats().expect("stats").documents as usize, kept, "exactly the committed batches");
    drop(r);

    // Room again: the same articles go in, the stored ones are left alone.
    let mut w = Writer::open(&path, Settings { batch_size: 4, ..Settings::default() }).expect("opens");
    for n in 0..at + 10 {
        ingest(&mut w, n).expect("room now");
    }
    w.finish().expect("commits");
    assert_eq!(documents(&path) as usize, at + 10);
}

#[test]
fn a_writer_that_hit_a_full_database_goes_on_after_a_commit() {
    // The failed batch is rolled back; the writer itself stays usable.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kb.db");
    let mut w =
        Writer::open(&path, Settings { batch_size: 1000, max_pages: Some(100), ..Settings::default() }).expect("opens");
    let mut n = 0;
    while ingest(&mut w, n).is_ok() {
        n += 1;
        assert!(n < 1000, "100 pages fill up");
    }
    assert_eq!(w.committed(), 0);
    // A small article may still fit once the big batch is gone.
    ingest(&mut w, 5000).expect("the batch was rolled back, there is room for one");
    w.finish().expect("commits");
    assert_eq!(documents(&path), 1);
}

#[test]
fn random_bytes_and_a_truncated_file_are_reported_as_corrupt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let random = dir.path().join("random.db");
    // A fixed xorshift stream: the same bytes on every run.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..50_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(&random, bytes).expect("write");

    let good = dir.path().join("good.db");
    let mut w = Writer::open(&good, Settings::default()).expect("opens");
    for n in 0..40 {
        ingest(&mut w, n).expect("stores");
    }
    w.finish().expect("commits");
    let truncated = dir.path().join("truncated.db");
    let all = std::fs::read(&good).expect("read");
    std::fs::write(&truncated, &all[..all.len() / 2]).expect("write");

    for path in [&random, &truncated] {
        let name = path.display().to_string();
        let corrupt = |e: &StoreError| match e {
            StoreError::Corrupt(_) => true,
            StoreError::Open { path, source } => path == &name && matches!(**source, StoreError::Corrupt(_)),
            _ => false,
        };
        match Reader::open(path).and_then(|r| r.stats()) {
            Err(e) => assert!(corrupt(&e), "{name}: {e:?}"),
            Ok(s) => panic!("{name} read as a database: {s:?}"),
        }
        match Writer::open(path, Settings::default()) {
            Err(e) => assert!(corrupt(&e), "{name}: {e:?}"),
            Ok(mut w) => match ingest(&mut w, 1) {
                Err(e) => assert!(corrupt(&e), "{name}: {e:?}"),
                Ok(()) => panic!("{name} took an article"),
            },
        }
    }
}
