//! The examples shipped in the repo (the quick start's input), end to end.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{attache, records};
use serde_json::json;

fn examples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

#[test]
fn examples_extract() {
    let dir = examples();
    let out = attache(&[
        "extract",
        "-q",
        dir.join("articles").to_str().expect("utf-8"),
        dir.join("records").to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let summary: Vec<_> = records(&out)
        .iter()
        .map(|r| {
            json!({
                "doc": r["doc"], "title": r["title"], "dateline": r["dateline"], "source": r["source"],
                "published": r["published"], "published_from": r["published_from"], "format": r["format"],
                "captions": r["captions"],
                "removed": r["removed"].as_array().map(|a| a.iter().map(|x| x["why"].clone()).collect::<Vec<_>>()),
                "paragraphs": r["body"].as_str().map(|b| b.split("\n\n").collect::<Vec<_>>()),
                "sentences": r["sentences"].as_array().map(Vec::len),
                "actors": r["actors"].as_array().map(|a| a.iter().map(|x| {
                    format!("{} | {} {} {}", x["name"].as_str().unwrap_or(""), x["country"].as_str().unwrap_or("-"),
                        x["sector"].as_str().unwrap_or("-"), x["title"].as_str().unwrap_or("-"))
                }).collect::<Vec<_>>()),
                "timex": r["timex"].as_array().map(|a| a.iter().map(|x| {
                    format!("{} = {}", x["text"].as_str().unwrap_or(""), x["value"].as_str().unwrap_or(""))
                }).collect::<Vec<_>>()),
            })
        })
        .collect();
    insta::assert_json_snapshot!("examples", summary);
}

#[test]
fn stdin_and_output_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("out.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["extract", "-q", "-", "-o", target.to_str().expect("utf-8")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn attache");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"Talks resume\n\nGENEVA -- Envoys met on Monday. They agreed to meet again.\n")
        .expect("write stdin");
    let out = child.wait_with_output().expect("attache finishes");
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "records go to the file, not stdout");
    let text = std::fs::read_to_string(&target).expect("output file");
    let rec: serde_json::Value = serde_json::from_str(text.trim()).expect("one JSON record");
    assert_eq!(rec["title"], "Talks resume");
    assert_eq!(rec["dateline"], "GENEVA");
    assert_eq!(rec["sentences"].as_array().map(Vec::len), Some(2));
}

#[test]
fn help_everywhere() {
    for args in [&["--help"][..], &["extract", "--help"], &["eval", "--help"], &["eval", "extraction", "--help"]] {
        let out = attache(args);
        assert!(out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"), "{args:?}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = examples();
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["extract", "-q", dir.join("articles").to_str().expect("utf-8")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn attache");
    // Close the reading end at once, as `| head -c 0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("attache finishes");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn explain_lists_and_explains_events() {
    let article = examples().join("articles");
    let list = attache(&["explain", article.to_str().expect("utf-8")]);
    assert!(list.status.success(), "{}", common::stderr(&list));
    let listing = String::from_utf8_lossy(&list.stdout).into_owned();
    let first_id = listing.split_whitespace().next().expect("at least one event listed").to_owned();
    assert!(first_id.contains('#'), "events are listed by id: {listing}");

    let out = attache(&["explain", article.to_str().expect("utf-8"), &first_id]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    for field in ["rules ", "actor ", "date ", "evidence"] {
        assert!(text.contains(field), "no {field:?} in:\n{text}");
    }

    let json = attache(&["explain", article.to_str().expect("utf-8"), &first_id, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("--json prints JSON");
    assert_eq!(v["event"]["id"], first_id.as_str());
    assert!(v["event"]["rule"].as_str().is_some_and(|r| !r.is_empty()), "the rule that fired is named");

    let missing = attache(&["explain", article.to_str().expect("utf-8"), "nope#9"]);
    assert!(!missing.status.success());
    assert!(common::stderr(&missing).contains("no event nope#9"));
}
