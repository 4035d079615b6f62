//! Our own gold set (tests/gold): six short articles written for the project in the
//! styles of the 2016 wire and 2024 KCNA corpora, annotated by hand in the
//! attache-gold/1 format and scored by the shared scorer. The floors sit just under
//! what attache reaches today, so that a regression shows; raise them as rules improve.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{attache, records};

/// "x/n" from the scorer's summary, as (x, n).
fn ratio(summary: &serde_json::Value, key: &str) -> (u64, u64) {
    let s = summary[key].as_str().unwrap_or_else(|| panic!("{key} is not a string in {summary}"));
    let (x, n) = s.split_once('/').unwrap_or_else(|| panic!("{key} is not x/n in {summary}"));
    (x.parse().expect("count"), n.parse().expect("total"))
}

fn number(summary: &serde_json::Value, key: &str) -> f64 {
    summary[key].as_f64().unwrap_or_else(|| panic!("{key} is not a number in {summary}"))
}

#[test]
fn own_gold_scores_at_least_the_current_floors() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gold_dir = root.join("tests/gold");
    let articles = gold_dir.join("articles");
    let shared = root.join("../shared");
    let scorer = shared.join("tools/score.py");
    assert!(
        scorer.is_file(),
        "this test runs the shared scorer at {} (../shared beside the repository), which is missing: \
         put the shared folder there to run it",
        scorer.display()
    );

    let out = attache(&["extract", "-q", articles.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "extract failed: {}", common::stderr(&out));
    assert_eq!(records(&out).len(), 6, "one record per article of tests/gold/articles");

    let pred = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(pred.path(), &out.stdout).expect("write predictions");
    let score = Command::new("python3")
        .arg(&scorer)
        .arg(gold_dir.join("events.gold.json"))
        .arg(pred.path())
        .arg("--texts")
        .arg(&articles)
        .arg("--json")
        .output()
        .expect("python3 runs the shared scorer");
    assert!(score.status.success(), "score.py failed: {}", String::from_utf8_lossy(&score.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&score.stdout).expect("score.py --json prints JSON");

    assert_eq!(summary["offset_problems"], 0, "{summary}");
    assert_eq!(summary["required"], 41, "the gold file changed: update the floors ({summary})");
    // Floors just under the scores of the day this set was written (F1 0.377, P 0.833,
    // R 0.244, with dates 0.340, timex 28/30 = 0.933, body 18/18, actors 19/19).
    assert!(number(&summary, "events_f1") >= 0.74, "events F1 fell: {summary}");
    assert!(number(&summary, "events_p") >= 0.73, "events precision fell: {summary}");
    assert!(number(&summary, "events_dated_f1") >= 0.70, "events-with-dates F1 fell: {summary}");
    assert!(number(&summary, "timex_value_acc") >= 0.9, "timex accuracy fell: {summary}");
    let (body, body_n) = ratio(&summary, "body_checks");
    assert!(body + 1 > body_n, "body checks fell: {summary}");
    let (actors, actors_n) = ratio(&summary, "actors");
    assert!(actors + 1 > actors_n, "actors fell: {summary}");
}
