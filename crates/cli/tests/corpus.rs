//! Every article of ../shared/corpus goes through without a panic or a skip.

mod common;

use common::{attache, records, shared};

#[test]
fn whole_corpus_extracts() {
    let corpus = shared().join("corpus");
    let out = attache(&["extract", "-q", corpus.to_str().expect("utf-8 path")]);
    let err = common::stderr(&out);
    assert!(!err.contains("internal error"), "a stage panicked:\n{err}");
    assert!(out.status.success(), "some inputs were skipped:\n{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 2737, "one record per article file");
    let empty: Vec<&str> = recs
        .iter()
        .filter(|r| r["body"].as_str().is_none_or(str::is_empty))
        .filter_map(|r| r["doc"].as_str())
        .collect();
    assert!(empty.is_empty(), "articles with an empty body: {empty:?}");
}
