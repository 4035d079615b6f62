//! The knowledge base commands end to end: ingest the seeds and ask for the
//! timeline of two diplomats; survive a SIGKILL in the middle of an ingest.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use attache_store::Reader;
use common::{attache, records, shared, stderr};

fn db_arg(dir: &tempfile::TempDir) -> String {
    dir.path().join("kb.db").display().to_string()
}

#[test]
fn seeds_timeline_lists_the_meeting_and_the_call_once_each() {
    let seeds = shared().join("seeds");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir);
    let o = attache(&["ingest", seeds.to_str().expect("utf-8 path"), "--db", &db]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = attache(&["timeline", "--db", &db, "Choi Jong-kun", "Wendy Sherman", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let events = records(&o);
    let count = |date: &str, mode: &str| {
        events
            .iter()
            .filter(|e| e["event"]["event"] == "CONSULT" && e["event"]["date"] == date && e["event"]["mode"] == mode)
            .count()
    };
    assert_eq!(count("2021-11-16", "visit"), 1, "the meeting in Washington: {events:#?}");
    assert_eq!(count("2022-01-19", "phone"), 1, "the phone call: {events:#?}");
    let meeting = events.iter().find(|e| e["event"]["date"] == "2021-11-16").expect("meeting");
    assert!(meeting["event"]["location"]["name"].as_str().is_some_and(|p| p.starts_with("Washington")));
    assert!(meeting["sources"].as_array().is_some_and(|s| !s.is_empty()));
    let dates: Vec<&str> = events.iter().filter_map(|e| e["event"]["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "date order: {dates:?}");

    // Countries and capitals resolve to codes: Seoul and Washington give the same two.
    let o = attache(&["timeline", "--db", &db, "Seoul", "Washington", "--format", "jsonl"]);
    assert!(records(&o).len() >= events.len(), "{}", stderr(&o));

    // A second ingest changes nothing.
    let o = attache(&["ingest", seeds.to_str().expect("utf-8 path"), "--db", &db]);
    assert!(stderr(&o).contains("0 articles stored, 0 replaced, 2 unchanged"), "{}", stderr(&o));

    // The other queries answer.
    for args in [
        vec!["events", "--type", "CONSULT"],
        vec!["actors"],
        vec!["docs"],
        vec!["docs", "--duplicates"],
        vec!["search", "end-of-war declaration"],
        vec!["export"],
    ] {
        let mut a = args.clone();
        a.extend(["--db", &db]);
        let o = attache(&a);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        if args[0] != "docs" || args.len() == 1 {
            assert!(!records(&o).is_empty(), "{args:?} printed nothing");
        }
    }
    let o = attache(&["events", "--db", &db, "--format", "csv", "--limit", "1"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("date,type,mode,actor,recipient"), "{text}");
    assert!(stderr(&o).contains("--cursor"), "a next page is offered: {}", stderr(&o));
}

#[test]
fn a_bad_input_is_skipped_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).expect("mkdir");
    std::fs::write(
        inputs.join("a.txt"),
        "Talks resume\n\nThe two foreign ministers met in Geneva on Monday to resume talks.\n",
    )
    .expect("write");
    std::fs::write(inputs.join("b.bin"), [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).expect("write");
    let db = db_arg(&dir);
    let o = attache(&["ingest", inputs.to_str().expect("utf-8"), "--db", &db]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("b.bin"), "{}", stderr(&o));
    assert_eq!(Reader::open(Path::new(&db)).expect("opens").stats().expect("stats").documents, 1);
}

fn committed(db: &Path) -> Option<Vec<String>> {
    let r = Reader::open(db).ok()?;
    let mut st = r.connection().prepare("SELECT doc FROM documents ORDER BY doc").ok()?;
    let docs = st.query_map([], |row| row.get::<_, String>(0)).ok()?.collect::<Result<Vec<_>, _>>().ok()?;
    Some(docs)
}

#[test]
fn a_killed_ingest_leaves_a_sound_database_and_a_rerun_completes_it() {
    let corpus = shared().join("corpus/wire-2016");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("kb.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["ingest", corpus.to_str().expect("utf-8"), "--db", db.to_str().expect("utf-8"), "--commit-every", "8"])
        .args(["-j", "1", "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("attache runs");
    let started = Instant::now();
    let before = loop {
        if let Some(docs) = committed(&db)
            && docs.len() >= 40
        {
            break docs;
        }
        assert!(child.try_wait().expect("wait").is_none(), "the ingest ended before it could be killed");
        assert!(started.elapsed() < Duration::from_secs(120), "no documents committed in two minutes");
        std::thread::sleep(Duration::from_millis(20));
    };
    let finished_early = child.try_wait().expect("wait").is_some();
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    assert!(!finished_early, "the ingest ended before it was killed");

    let r = Reader::open(&db).expect("the database opens after the kill");
    let check: String = r.connection().query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("check runs");
    assert_eq!(check, "ok");
    drop(r);
    let after = committed(&db).expect("readable");
    assert!(before.iter().all(|d| after.contains(d)), "every document committed before the kill is there");

    let o = attache(&["ingest", corpus.to_str().expect("utf-8"), "--db", db.to_str().expect("utf-8"), "-j", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = stderr(&o);
    // "N articles stored, 0 replaced, M unchanged, 0 inputs skipped": the rerun adds what was missing.
    let stored: usize = summary
        .split(" articles stored")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.trim_start_matches("attache:").trim().parse().ok())
        .expect(&summary);
    let stats = Reader::open(&db).expect("opens").stats().expect("stats");
    assert_eq!(stats.documents as usize, after.len() + stored, "{summary}");
    assert!(summary.contains(&format!("{} unchanged", after.len())), "{summary}");
    let total = std::fs::read_dir(&corpus)
        .expect("corpus")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html")))
        .count();
    assert!(stats.documents as usize >= total - 5, "{} of {total}", stats.documents);
}
