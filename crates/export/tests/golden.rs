//! Each text format over the fixture events (written for attache), compared
//! with golden files. `ATTACHE_BLESS=1 cargo test -p attache-export` rewrites
//! them; review the diff before committing.

use std::path::PathBuf;

use attache_export::{Format, GDELT_COLUMNS, POLECAT_COLUMNS, export};
use attache_model::KbEvent;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn fixtures() -> Vec<KbEvent> {
    let text = std::fs::read_to_string(dir().join("fixtures/events.jsonl")).expect("fixture file");
    text.lines().map(|l| serde_json::from_str(l).expect("a KbEvent per line")).collect()
}

fn render(format: Format) -> String {
    let mut out = Vec::new();
    let n = export(format, fixtures(), &mut out).expect("export");
    assert_eq!(n, 7);
    String::from_utf8(out).expect("text formats are UTF-8")
}

fn check_golden(format: Format, file: &str) -> String {
    let got = render(format);
    let path = dir().join("golden").join(file);
    if std::env::var_os("ATTACHE_BLESS").is_some() {
        std::fs::write(&path, &got).expect("write golden file");
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (ATTACHE_BLESS=1 creates it)", path.display()));
    assert!(got == want, "{file} differs from its golden file; ATTACHE_BLESS=1 rewrites it:\n{got}");
    got
}

fn parse(text: &str, delimiter: u8) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a well-formed row"))
        .collect()
}

#[test]
fn plover_jsonl() {
    let text = check_golden(Format::Plover, "events.plover.jsonl");
    let recs: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert_eq!(recs.len(), 7);
    let meeting = &recs[0];
    assert_eq!(meeting["event"], serde_json::json!(["CONSULT"]));
    assert_eq!(meeting["actor"].as_array().map(Vec::len), Some(3));
    assert_eq!(meeting["quad_code"], 1);
    assert_eq!(meeting["event_scale"], 4.0);
    // A week: its Monday to its Sunday.
    assert_eq!((recs[1]["date"].as_str(), recs[1]["enddate"].as_str()), (Some("2022-01-10"), Some("2022-01-16")));
    assert_eq!(recs[4]["status"], "negated");
    assert_eq!(recs[4]["date"], serde_json::Value::Null);
    assert_eq!(recs[5]["num_articles"], 2);
}

#[test]
fn plover_array() {
    let text = check_golden(Format::PloverArray, "events.plover.json");
    let all: Vec<serde_json::Value> = serde_json::from_str(&text).expect("one JSON array");
    assert_eq!(all.len(), 7);
    let mut empty = Vec::new();
    export(Format::PloverArray, Vec::new(), &mut empty).expect("export");
    assert_eq!(serde_json::from_slice::<Vec<serde_json::Value>>(&empty).expect("empty array").len(), 0);
}

#[test]
fn polecat_tsv() {
    let text = check_golden(Format::Polecat, "events.polecat.tsv");
    let rows = parse(&text, b'\t');
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r.len() == POLECAT_COLUMNS.len()));
    let col = |name: &str| POLECAT_COLUMNS.iter().position(|c| *c == name).expect("column");
    assert_eq!(&rows[1][col("Actor Name")], "Park Min-ho;Sato Haruki;Grace Whitfield");
    assert_eq!(&rows[1][col("Actor Country")], "KOR;JPN;AUS");
    assert_eq!(&rows[1][col("Quad Code")], "VERBAL COOPERATION");
    // Aligned lists keep their positions; an item's own ';' became ','.
    assert_eq!(&rows[6][col("Recipient Country")], ";USA");
    assert_eq!(&rows[6][col("Source")], "Harbour Wire;Capital Courier, Evening;Harbour Wire");
    assert_eq!(&rows[6][col("Actor Name")], "Ministry of Foreign Affairs, \"Central\" Office");
    assert!(rows[6][col("Event Text")].contains("measures\nwould"));
    assert_eq!(&rows[7][col("Recipient Name")], "Committee of\nNine\tStates");
}

#[test]
fn gdelt_csv() {
    let text = check_golden(Format::Gdelt, "events.gdelt.csv");
    let rows = parse(&text, b',');
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r.len() == 61));
    let col = |name: &str| GDELT_COLUMNS.iter().position(|c| c == name).expect("column");
    let missile = &rows[3];
    assert_eq!(&missile[col("SQLDATE")], "20220101");
    assert_eq!(&missile[col("EventCode")], "1382");
    assert_eq!(&missile[col("EventBaseCode")], "138");
    assert_eq!(&missile[col("EventRootCode")], "13");
    assert_eq!(&missile[col("QuadClass")], "4");
    assert_eq!(&missile[col("GoldsteinScale")], "-7");
    assert_eq!(&missile[col("Actor1Code")], "PRKMIL");
    assert_eq!(&missile[col("ActionGeo_FullName")], "Sinpo");
    // No event date: the publication date stands in; none either: empty.
    assert_eq!(&rows[5][col("SQLDATE")], "");
    let accusation = &rows[6];
    assert_eq!(&accusation[col("Actor1Name")], "Ministry of Foreign Affairs, \"Central\" Office");
    assert_eq!(
        (&accusation[col("NumMentions")], &accusation[col("NumSources")], &accusation[col("NumArticles")]),
        ("5", "2", "2")
    );
    assert_eq!(&accusation[col("DATEADDED")], "20230512140500");
    assert_eq!(&rows[7][col("Actor2Name")], "Committee of\nNine\tStates");
}

#[test]
fn jsonl_round_trips() {
    let text = check_golden(Format::Jsonl, "events.kb.jsonl");
    let back: Vec<KbEvent> = text.lines().map(|l| serde_json::from_str(l).expect("KbEvent")).collect();
    assert_eq!(back, fixtures());
}
