//! Files, folders, manifests, JSON Lines, JSON and stdin-like streams.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use attache_ingest::{InputConfig, InputError, Inputs, decode, read_inputs};
use attache_model::{Format, PublishedFrom};
use common::*;

#[test]
fn text_and_html_files_by_extension_and_by_sniffing() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "story.txt", "Seoul talks\n\nThe ministers met on Tuesday.\n");
    let html = write(dir.path(), "page.html", "<p>Hello</p>");
    let sniffed_html = write(dir.path(), "page.dat", "\n  <!DOCTYPE html><html><body>x</body></html>");
    let sniffed_text = write(dir.path(), "note", "Just words, a <b and a > sign.");
    let forced_txt = write(dir.path(), "tags.txt", "<div>markup in a .txt</div>");
    let config = InputConfig::default();
    let items = read_decoded(&[txt.clone(), html, sniffed_html, sniffed_text, forced_txt], &config);
    let docs = ok_docs(&items);
    assert_eq!(docs.len(), 5, "{:?}", errors(&items));
    assert_eq!(docs[0].meta.doc, "story");
    assert_eq!(docs[0].meta.origin, txt.display().to_string());
    assert_eq!(docs[0].format, Format::Text);
    assert_eq!(docs[0].encoding, "UTF-8");
    assert_eq!(docs[0].text, "Seoul talks\n\nThe ministers met on Tuesday.\n");
    assert_eq!(docs[1].format, Format::Html);
    assert_eq!(docs[2].format, Format::Html);
    assert_eq!(docs[2].meta.doc, "page");
    assert_eq!(docs[3].format, Format::Text);
    assert_eq!(docs[3].meta.doc, "note");
    assert_eq!(docs[4].format, Format::Text, ".txt decides, not the markup inside");
}

#[test]
fn forced_format_wins() {
    let dir = tempfile::tempdir().unwrap();
    let html = write(dir.path(), "page.html", "<p>Hello</p>");
    let config = InputConfig { format: Some(Format::Text), ..InputConfig::default() };
    let items = read_decoded(&[html], &config);
    assert_eq!(ok_docs(&items)[0].format, Format::Text);
}

#[test]
fn gzipped_files_use_the_inner_extension() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.html.gz", gzip(b"<p>zipped</p>"));
    let b = write(dir.path(), "b.gz", gzip(b"plain zipped words"));
    let c = write(dir.path(), "c.bin", gzip(b"<div>gzip without the name</div>"));
    let items = read_decoded(&[a, b, c], &InputConfig::default());
    let docs = ok_docs(&items);
    assert_eq!(docs.len(), 3, "{:?}", errors(&items));
    assert_eq!(
        (docs[0].meta.doc.as_str(), docs[0].format, docs[0].text.as_str()),
        ("a", Format::Html, "<p>zipped</p>")
    );
    assert_eq!((docs[1].meta.doc.as_str(), docs[1].format), ("b", Format::Text));
    assert_eq!((docs[2].meta.doc.as_str(), docs[2].format), ("c", Format::Html));
}

#[test]
fn folders_are_walked_sorted_and_skip_notes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "b.txt", "second file");
    write(&root, "a.txt", "first file");
    write(&root, "sub/001.txt", "in a subfolder");
    write(&root, "other/001.txt", "same name, other subfolder");
    write(&root, ".hidden.txt", "hidden");
    write(&root, ".git/config.txt", "hidden folder");
    write(&root, "README.TXT", "about the data");
    write(&root, "LICENSE-CC0-1.0", "license");
    write(&root, "SOURCE.txt", "where it came from");
    write(&root, "COPYING", "copying");
    write(&root, "notes.md", "# notes");
    write(&root, "duplicates.txt", "./sub/001.txt ./other/001.txt\n./a.txt ./b.txt\n");
    let config = InputConfig::default();
    let mut inputs = read_inputs(std::slice::from_ref(&root), &config);
    let items: Vec<_> = inputs.by_ref().map(|r| r.and_then(|raw| decode(raw, &config))).collect();
    let docs: Vec<String> = items.iter().map(|r| r.as_ref().map(|d| d.meta.doc.clone()).unwrap()).collect();
    assert_eq!(docs, ["a", "b", "other/001", "sub/001"]);
    let mut skipped: Vec<String> =
        inputs.skipped().iter().map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned()).collect();
    skipped.sort();
    assert_eq!(skipped, ["COPYING", "LICENSE-CC0-1.0", "README.TXT", "SOURCE.txt", "duplicates.txt", "notes.md"]);
    // Named on the command line, a file is read whatever its name.
    let named = read_decoded(&[root.join("README.TXT")], &config);
    assert_eq!(ok_docs(&named)[0].meta.doc, "README");
}

#[test]
fn missing_paths_are_errors_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", "text");
    let missing = dir.path().join("nope.txt");
    let items = read(&[missing.clone(), a], &InputConfig::default());
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().err().unwrap();
    assert!(matches!(e, InputError::NotFound { .. }));
    assert_eq!(e.origin(), missing.display().to_string());
    assert!(e.to_string().ends_with("no such file or folder"), "{e}");
    assert!(items[1].is_ok());
}

#[test]
fn folder_manifest_gives_doc_date_url_and_bad_lines_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("wire");
    write(&root, "2016-01-13-sailors.html", "<p>Iran holds sailors.</p>");
    write(&root, "sub/b.txt", "A story in a subfolder.");
    write(&root, "c.txt", "Not in the manifest.");
    let manifest = write(
        &root,
        "manifest.jsonl",
        concat!(
            "{\"file\": \"2016-01-13-sailors.html\", \"doc\": \"wire-0001\", \"published\": \"2016-01-13T07:36:11\", ",
            "\"url\": \"'http://news.example/story?a=1'\", \"source\": \"Reuters\", \"language\": \"en\", \"extra\": 1}\n",
            "{\"file\": \"sub/b.txt\", \"published\": \"2016-02-01\"\n",
            "{\"file\": \"sub/b.txt\", \"doc\": \"wire-0002\"}\n",
        ),
    );
    let items = read_decoded(&[root], &InputConfig::default());
    let errs = errors(&items);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let expected = format!("{}:2: bad manifest line", manifest.display());
    assert!(errs[0].starts_with(&expected), "{}", errs[0]);
    let docs = ok_docs(&items);
    assert_eq!(docs.len(), 3);
    let a = docs[0];
    assert_eq!(a.meta.doc, "wire-0001");
    assert_eq!(a.meta.published.as_deref(), Some("2016-01-13T07:36:11"));
    assert_eq!(a.meta.published_from, Some(PublishedFrom::Manifest));
    assert_eq!(a.meta.url.as_deref(), Some("http://news.example/story?a=1"));
    assert_eq!(a.meta.source.as_deref(), Some("Reuters"));
    assert_eq!(a.meta.language.as_deref(), Some("en"));
    assert_eq!((docs[1].meta.doc.as_str(), docs[1].meta.published_from), ("c", None));
    assert_eq!(docs[2].meta.doc, "wire-0002", "the line after the bad one still applies");
}

#[test]
fn manifest_beside_a_single_file_applies() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", "Text.");
    write(dir.path(), "manifest.jsonl", "{\"file\": \"a.txt\", \"doc\": \"doc-a\", \"published\": \"2024-03-04\"}\n");
    let items = read_decoded(&[a], &InputConfig::default());
    let d = ok_docs(&items)[0];
    assert_eq!((d.meta.doc.as_str(), d.meta.published.as_deref()), ("doc-a", Some("2024-03-04")));
    // The manifest itself is not an article.
    let m = read(&[dir.path().join("manifest.jsonl")], &InputConfig::default());
    assert!(matches!(m[0], Err(InputError::Config { .. })));
}

#[test]
fn explicit_manifest_by_relative_path_then_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "data/x/a.txt", "Text a.");
    let b = write(dir.path(), "elsewhere/b.txt", "Text b.");
    let c = write(dir.path(), "data/x/c.txt", "Text c.");
    write(
        dir.path(),
        "data/x/manifest.jsonl",
        "{\"file\": \"a.txt\", \"doc\": \"folder-a\"}\n{\"file\": \"c.txt\", \"doc\": \"folder-c\"}\n",
    );
    let m = write(
        dir.path(),
        "meta/list.jsonl",
        concat!(
            "{\"file\": \"../data/x/a.txt\", \"doc\": \"explicit-a\"}\n",
            "{\"file\": \"b.txt\", \"doc\": \"explicit-b\", \"published\": \"2020-01-01\"}\n",
        ),
    );
    let config = InputConfig { manifest: Some(m), ..InputConfig::default() };
    let items = read_decoded(&[a, b, c], &config);
    let docs = ok_docs(&items);
    assert_eq!(docs.len(), 3, "{:?}", errors(&items));
    assert_eq!(
        docs[0].meta.doc, "explicit-a",
        "by path relative to the manifest's folder, before the folder's manifest"
    );
    assert_eq!(docs[1].meta.doc, "explicit-b", "by file name");
    assert_eq!(docs[1].meta.published_from, Some(PublishedFrom::Manifest));
    assert_eq!(docs[2].meta.doc, "folder-c", "not in the explicit manifest: the folder's applies");

    let missing = InputConfig { manifest: Some(dir.path().join("none.jsonl")), ..InputConfig::default() };
    let items = read(&[dir.path().join("elsewhere")], &missing);
    assert!(matches!(items[0], Err(InputError::NotFound { .. })));
    assert!(items[1].is_ok());
}

#[test]
fn json_lines_news_please_shape() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"title": "Talks resume", "maintext": "SEOUL, Nov. 17 (Yonhap) -- Talks resumed.", "date_publish": "2021-11-17 09:00:00", "url": "https://en.yna.co.kr/view/1", "source_domain": "en.yna.co.kr", "language": "en", "filename": "https%3A%2F%2Fen.yna.co.kr%2Fview%2F1.json", "date_download": "2021-11-18 00:00:00"}"#,
        "",
        r#"{"title": "broken", "maintext": "#,
        r#"{"id": 42, "html": "<p>An HTML record.</p>", "published": "2021-11-18"}"#,
        r#"{"text": "No id here."}"#,
        r#"{"headline": "no text at all"}"#,
    ];
    let path = write(dir.path(), "crawl.jsonl", lines.join("\n"));
    let gz = write(dir.path(), "crawl2.ndjson.gz", gzip(lines.join("\r\n").as_bytes()));
    let shown = path.display().to_string();
    let items = read_decoded(&[path, gz], &InputConfig::default());
    assert_eq!(items.len(), 10);
    let first = items[0].as_ref().unwrap();
    assert_eq!(first.meta.doc, "https%3A%2F%2Fen.yna.co.kr%2Fview%2F1.json");
    assert_eq!(first.meta.origin, format!("{shown}:1"));
    assert_eq!(first.meta.title.as_deref(), Some("Talks resume"));
    assert_eq!(first.meta.published.as_deref(), Some("2021-11-17 09:00:00"));
    assert_eq!(first.meta.published_from, Some(PublishedFrom::Record));
    assert_eq!(first.meta.source.as_deref(), Some("en.yna.co.kr"));
    assert_eq!(first.text, "SEOUL, Nov. 17 (Yonhap) -- Talks resumed.");
    assert_eq!(first.format, Format::Text);
    let bad = items[1].as_ref().err().unwrap();
    assert!(bad.starts_with(&format!("{shown}:3: not a JSON line")), "{bad}");
    let html = items[2].as_ref().unwrap();
    assert_eq!((html.meta.doc.as_str(), html.format), ("42", Format::Html));
    assert_eq!(items[3].as_ref().unwrap().meta.doc, "crawl#5");
    let none = items[4].as_ref().err().unwrap();
    assert!(none.contains(":6: no article text") && none.contains("text=FIELD"), "{none}");
    assert_eq!(items[8].as_ref().unwrap().meta.doc, "crawl2#5");
}

#[test]
fn json_lines_field_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.jsonl", r#"{"story": "The body.", "when": "2020-05-05", "maintext": "not this"}"#);
    let mut config = InputConfig::default();
    config.jsonl.set("text", "story").unwrap();
    config.jsonl.set("date", "when").unwrap();
    let items = read_decoded(&[path], &config);
    let d = ok_docs(&items)[0];
    assert_eq!((d.text.as_str(), d.meta.published.as_deref()), ("The body.", Some("2020-05-05")));
}

#[test]
fn json_files_hold_one_record_or_an_array() {
    let dir = tempfile::tempdir().unwrap();
    let one = write(dir.path(), "one.json", r#"{"title": "T", "maintext": "Body.", "date_publish": "2017-01-15"}"#);
    let many =
        write(dir.path(), "many.json", r#"[{"story_text": "A."}, {"story_text": "B.", "link": "http://x.test/b"}, 3]"#);
    let items = read_decoded(&[one, many], &InputConfig::default());
    assert_eq!(items.len(), 4);
    assert_eq!(items[0].as_ref().unwrap().meta.doc, "one");
    assert_eq!(items[1].as_ref().unwrap().meta.doc, "many#1");
    assert_eq!(items[2].as_ref().unwrap().meta.url.as_deref(), Some("http://x.test/b"));
    assert!(items[3].as_ref().err().unwrap().contains("many.json#3"));
}

#[test]
fn stdin_like_streams_are_sniffed() {
    let config = InputConfig::default();
    let decoded = |bytes: Vec<u8>| -> Vec<Result<attache_model::Document, String>> {
        Inputs::from_reader("-", std::io::Cursor::new(bytes), &config)
            .map(|r| r.and_then(|raw| decode(raw, &config)).map_err(|e| e.to_string()))
            .collect()
    };
    let jsonl = decoded(b"\n{\"text\": \"one\"}\n{\"text\": \"two\"}\n".to_vec());
    let docs = ok_docs(&jsonl);
    assert_eq!(docs.len(), 2);
    assert_eq!((docs[0].meta.doc.as_str(), docs[0].meta.origin.as_str()), ("stdin#2", "-:2"));

    let text = decoded(b"Plain text from a pipe.".to_vec());
    let d = ok_docs(&text)[0];
    assert_eq!((d.meta.doc.as_str(), d.meta.origin.as_str(), d.format), ("stdin", "-", Format::Text));

    let html = decoded(gzip(b"<html><p>zipped html on stdin</p></html>"));
    assert_eq!(ok_docs(&html)[0].format, Format::Html);

    let warc = decoded(warc_record("resource", &[("Content-Type", "text/plain")], b"From a WARC on stdin."));
    assert_eq!(ok_docs(&warc)[0].text, "From a WARC on stdin.");

    let empty = decoded(Vec::new());
    assert!(empty[0].as_ref().err().unwrap().starts_with("-: empty"));
}

#[test]
fn read_inputs_reads_stdin_for_dash() {
    // Only checks that "-" is accepted as stdin; under `cargo test` stdin is
    // empty or a terminal, so nothing more can be said about what it holds.
    let inputs = read_inputs(&[PathBuf::from("-")], &InputConfig::default());
    assert!(format!("{inputs:?}").contains("args_left: 1"));
}
