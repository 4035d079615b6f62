//! Every article of ../shared/corpus goes through without a panic or a skip.

mod common;

use common::{attache, records, shared};

#[test]
fn whole_corpus_extracts() {
    // The three corpora (not corpus/dev-pool.txt, the list of articles to annotate).
    let dirs: Vec<String> = ["wire-2016", "kcna-2024", "bbc-2005"]
        .iter()
        .map(|d| shared().join("corpus").join(d).to_str().expect("utf-8 path").to_owned())
        .collect();
    let mut args = vec!["extract", "-q"];
    args.extend(dirs.iter().map(String::as_str));
    let out = attache(&args);
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
