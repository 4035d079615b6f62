//! The development gold (tests/dev-gold): articles of ../shared/corpus's dev
//! pool annotated by us, scored by the shared scorer. The floors sit just under
//! today's scores, so that a regression shows; raise them as the coder improves.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{attache, shared};

fn score(corpus: &str) -> serde_json::Value {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let texts = shared().join("corpus").join(corpus);
    let out = attache(&["extract", "-q", texts.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "extract failed: {}", common::stderr(&out));
    let pred = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(pred.path(), &out.stdout).expect("write predictions");
    let score = Command::new("python3")
        .arg(shared().join("tools/score.py"))
        .arg(root.join(format!("tests/dev-gold/{corpus}.gold.json")))
        .arg(pred.path())
        .arg("--texts")
        .arg(&texts)
        .arg("--json")
        .output()
        .expect("python3 runs the shared scorer");
    assert!(score.status.success(), "the scorer failed: {}", String::from_utf8_lossy(&score.stderr));
    let v: serde_json::Value = serde_json::from_slice(&score.stdout).expect("the scorer prints JSON");
    v.get("summary").cloned().unwrap_or(v)
}

#[test]
fn dev_gold_scores_at_least_the_current_floors() {
    // (corpus, events F1 floor, with dates floor): today 0.895/0.789 and 0.674/0.587.
    for (corpus, f1, dated) in [("kcna-2024", 0.85, 0.75), ("wire-2016", 0.64, 0.55)] {
        let s = score(corpus);
        let got = (s["events_f1"].as_f64().expect("events_f1"), s["events_dated_f1"].as_f64().expect("dated"));
        assert!(
            got.0 >= f1 && got.1 >= dated,
            "{corpus}: events F1 {} (floor {f1}), with dates {} (floor {dated})",
            got.0,
            got.1
        );
    }
}
