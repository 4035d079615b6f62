//! The shared corpus (`<workspace>/../shared/corpus`) reads and decodes in full.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::path::PathBuf;

use attache_ingest::{InputConfig, decode, read_inputs};
use attache_model::{Format, PublishedFrom};

fn corpus() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    assert!(
        dir.is_dir(),
        "the shared corpus is missing: expected a folder at {} (the workspace's ../shared/corpus); \
         this test needs it and does not skip",
        dir.display()
    );
    dir
}

#[test]
fn whole_corpus_reads_and_decodes() {
    let root = corpus();
    let config = InputConfig::default();
    let mut inputs = read_inputs(std::slice::from_ref(&root), &config);
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for item in inputs.by_ref() {
        match item.and_then(|raw| decode(raw, &config)) {
            Ok(doc) => docs.push(doc),
            Err(e) => errors.push(e.to_string()),
        }
    }
    assert!(errors.is_empty(), "{} inputs failed: {:#?}", errors.len(), &errors[..errors.len().min(20)]);
    // 2,225 BBC + 100 KCNA + 412 wire articles, and corpus/dev-pool.txt (a
    // text file like any other to the reader: the list of articles to annotate).
    docs.retain(|d| !d.meta.origin.ends_with("dev-pool.txt"));
    assert_eq!(docs.len(), 2737);

    // Not articles: the dataset notes, by name, and the BBC folder's list of
    // duplicate files, because it only lists paths.
    let mut skipped: Vec<String> = inputs
        .skipped()
        .iter()
        .map(|s| s.path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    skipped.sort();
    assert_eq!(
        skipped,
        [
            "bbc-2005/README.TXT",
            "bbc-2005/SOURCE.txt",
            "bbc-2005/exact-duplicate-groups.txt",
            "kcna-2024/LICENSE-CC0-1.0",
            "kcna-2024/SOURCE.txt",
            "kcna-2024/manifest.jsonl",
            "wire-2016/SOURCE.txt",
            "wire-2016/manifest.jsonl",
        ]
    );

    let ids: HashSet<&str> = docs.iter().map(|d| d.meta.doc.as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "doc ids are unique");
    assert!(ids.contains("bbc-2005/business/001") && ids.contains("bbc-2005/tech/001"));

    let from_manifest = docs.iter().filter(|d| d.meta.published_from == Some(PublishedFrom::Manifest)).count();
    assert_eq!(from_manifest, 512, "every wire and KCNA article has its manifest date");
    let html = docs.iter().filter(|d| d.format == Format::Html).count();
    assert_eq!(html, 412);
    // All UTF-8 but one BBC file with a Latin-1 pound sign.
    let transcoded: Vec<(&str, &str)> =
        docs.iter().filter(|d| d.encoding != "UTF-8").map(|d| (d.meta.doc.as_str(), d.encoding.as_str())).collect();
    assert_eq!(transcoded, [("bbc-2005/sport/199", "windows-1252")]);
    let pounds = docs.iter().find(|d| d.meta.doc == "bbc-2005/sport/199").unwrap();
    assert!(pounds.text.contains("a \u{a3}15.8m signing from Parma"));
    assert!(pounds.diagnostics.iter().any(|d| d.code == "transcoded"));

    let wire =
        docs.iter().find(|d| d.meta.doc == "2016-01-13-iran-seizes-us-sailors-amid-claims-of-spying-new-york-times");
    let url = wire.and_then(|d| d.meta.url.as_deref()).unwrap();
    assert!(url.starts_with("http://news.google.com/") && url.ends_with(".html"), "stray quotes trimmed: {url}");
}
