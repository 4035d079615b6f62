//! attache's time tagger on the TempEval-3 training data (TimeBank and
//! AQUAINT, TBAQ-cleaned), scored as TempEval-3 does. Reads
//! `<workspace>/../shared/bench/timeml-train`, and fails (never skips) when it
//! is missing.

use std::path::PathBuf;

use attache_eval::timeml::{evaluate, load_dir};

fn bench_dir() -> PathBuf {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let dir = shared.join("bench/timeml-train");
    assert!(
        dir.join("TimeBank").is_dir() && dir.join("AQUAINT").is_dir(),
        "the TimeML benchmark is missing: expected {} (the workspace's ../shared) with TimeBank/ and AQUAINT/",
        dir.display()
    );
    dir
}

#[test]
fn reads_every_document_with_its_dct() {
    let docs = load_dir(&bench_dir()).expect("benchmark reads");
    assert_eq!(docs.len(), 256);
    assert!(docs.iter().all(|d| d.dct.is_some()), "every document has a creation time");
    let gold: usize = docs.iter().map(|d| d.gold.len()).sum();
    assert_eq!(gold, 1822, "non-DCT TIMEX3 in the TEXT elements");
    for d in &docs {
        for g in &d.gold {
            assert!(d.text.get(g.range.clone()).is_some_and(|t| !t.trim().is_empty()), "{}: {:?}", d.id, g);
        }
    }
}

/// The bar: relaxed span F1 0.90 and value F1 0.82, which the tagger
/// reaches (0.820, value accuracy 0.866). Most of the rest are annotation
/// choices the gold makes one way here and another there ("Friday night" as
/// a date or as `TNI`, "last week" as `1989-WXX`, years as `1949-XX`,
/// decades as `199` or `199X`), so the test holds the level reached, to
/// catch regressions.
const RELAXED_F1: f64 = 0.90;
const VALUE_F1: f64 = 0.82;

#[test]
fn time_tagger_meets_the_bar() {
    let r = evaluate(&bench_dir()).expect("benchmark scores");
    let summary = r.render(15, 2);
    assert!(r.relaxed.f1 >= RELAXED_F1, "relaxed span F1 {:.3} < {RELAXED_F1}\n{summary}", r.relaxed.f1);
    assert!(r.value_f1 >= VALUE_F1, "value F1 {:.3} < {VALUE_F1}\n{summary}", r.value_f1);
    assert!(r.type_accuracy >= 0.90, "type accuracy {:.3} < 0.90\n{summary}", r.type_accuracy);
}
