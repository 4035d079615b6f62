//! `attache export` end to end: the seed articles extracted, then exported in
//! every format.

mod common;

use common::{attache, shared, stderr};

fn seed_records(dir: &std::path::Path) -> std::path::PathBuf {
    let seeds = shared().join("seeds");
    let path = dir.join("seeds.jsonl");
    let out = attache(&["extract", "-q", seeds.to_str().expect("utf-8"), "-o", path.to_str().expect("utf-8")]);
    assert!(out.status.success(), "extract failed: {}", stderr(&out));
    path
}

fn events_in(records: &std::path::Path) -> usize {
    std::fs::read_to_string(records)
        .expect("records")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("record")["events"].as_array().map_or(0, Vec::len))
        .sum()
}

#[test]
fn every_format_from_seed_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = seed_records(dir.path());
    let n = events_in(&records);
    assert!(n > 0, "the seeds have events");
    let rec = records.to_str().expect("utf-8");

    for (format, header) in [("gdelt", 1), ("polecat", 1), ("plover", 0), ("jsonl", 0)] {
        let out = attache(&["export", "-q", "--records", rec, "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let rows = if format == "gdelt" || format == "polecat" {
            let delim = if format == "gdelt" { b',' } else { b'\t' };
            csv::ReaderBuilder::new().delimiter(delim).has_headers(false).from_reader(text.as_bytes()).records().count()
        } else {
            text.lines().count()
        };
        assert_eq!(rows, n + header, "{format}: one row per event");
    }

    let array = attache(&["export", "-q", "--records", rec, "--format", "plover", "--array"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&array.stdout).expect("a JSON array");
    assert_eq!(all.len(), n);

    let parquet = dir.path().join("events.parquet");
    let out =
        attache(&["export", "-q", "--records", rec, "--format", "parquet", "-o", parquet.to_str().expect("utf-8")]);
    assert!(out.status.success(), "parquet: {}", stderr(&out));
    let bytes = std::fs::read(&parquet).expect("parquet file");
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}

#[test]
fn parquet_needs_a_file_and_bad_lines_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = seed_records(dir.path());
    let rec = records.to_str().expect("utf-8");

    let out = attache(&["export", "--records", rec, "--format", "parquet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-o FILE"), "{}", stderr(&out));

    let mut text = std::fs::read_to_string(&records).expect("records");
    text.push_str("{not json\n");
    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, text).expect("write");
    let out = attache(&["export", "-q", "--records", broken.to_str().expect("utf-8"), "--format", "gdelt"]);
    assert_eq!(out.status.code(), Some(1), "a skipped line gives status 1");
    assert!(stderr(&out).contains("broken.jsonl:3:"), "{}", stderr(&out));
}
