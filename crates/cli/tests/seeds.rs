//! The mission's two seed articles, end to end, scored by the shared scorer.

mod common;

use std::process::Command;

use common::{attache, records, shared};

#[test]
fn seeds_score_full_body_and_no_offset_problems() {
    let shared = shared();
    let seeds = shared.join("seeds");
    let out = attache(&["extract", "-q", seeds.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "extract failed: {}", common::stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2, "one record per seed article");

    // Fields the gold file names directly.
    let first = recs.iter().find(|r| r["doc"] == "000_470db29249154f46").expect("first seed");
    assert_eq!(first["title"], "Senior S. Korean, US diplomats discuss N. Korea, end-of-war declaration: ministry");
    assert_eq!(first["dateline"], "WASHINGTON");
    assert_eq!(first["published"], "2021-11-17");
    assert_eq!(first["published_from"], "manifest");
    assert_eq!(first["source"], "Yonhap");
    assert_eq!(first["captions"].as_array().map(Vec::len), Some(1));
    let second = recs.iter().find(|r| r["doc"] == "002_a35b3999dfbbaa59").expect("second seed");
    assert_eq!(second["dateline"], serde_json::Value::Null);
    assert_eq!(second["captions"].as_array().map(Vec::len), Some(1));

    // Every removal holds the text it claims, and says why.
    for r in &recs {
        let raw = std::fs::read(seeds.join(format!("{}.txt", r["doc"].as_str().expect("doc id")))).expect("seed file");
        for rem in r["removed"].as_array().expect("removed") {
            let (s, e) = (rem["start"].as_u64().expect("start") as usize, rem["end"].as_u64().expect("end") as usize);
            let got = String::from_utf8_lossy(&raw[s..e]).split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(got, rem["text"].as_str().expect("text"));
            assert!(!rem["why"].as_str().expect("why").is_empty());
        }
    }

    // The shared scorer: body 17/17 and no offset problems.
    let pred = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(pred.path(), &out.stdout).expect("write predictions");
    let score = Command::new("python3")
        .arg(shared.join("tools/score.py"))
        .arg(shared.join("gold/seeds.gold.json"))
        .arg(pred.path())
        .arg("--texts")
        .arg(&seeds)
        .arg("--json")
        .output()
        .expect("python3 runs the shared scorer");
    assert!(score.status.success(), "score.py failed: {}", String::from_utf8_lossy(&score.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&score.stdout).expect("score.py --json prints JSON");
    assert_eq!(summary["body_checks"], "17/17", "{summary}");
    assert_eq!(summary["offset_problems"], 0, "{summary}");
}
