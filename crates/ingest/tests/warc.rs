//! WARC files: record types, HTTP payloads, gzip members, broken records.
#![allow(clippy::unwrap_used)]

mod common;

use attache_ingest::{InputConfig, InputError};
use attache_model::{Format, PublishedFrom};
use common::*;

const UUID: &str = "3ac9d2b4-5f7e-4c1a-9d3e-0b1c2d3e4f50";

fn http(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

/// warcinfo, request, response (chunked, EUC-KR), a 404 response, an image
/// response, metadata, a resource record: each its own gzip member.
fn sample_warc() -> Vec<Vec<u8>> {
    let korean =
        encoding_rs::EUC_KR.encode("<html><body><p>북한이 미사일을 발사했다.</p></body></html>").0.into_owned();
    let mut chunked = format!("{:x}\r\n", 10).into_bytes();
    chunked.extend_from_slice(&korean[..10]);
    chunked.extend_from_slice(format!("\r\n{:x}\r\n", korean.len() - 10).as_bytes());
    chunked.extend_from_slice(&korean[10..]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    vec![
        warc_record("warcinfo", &[("Content-Type", "application/warc-fields")], b"software: test\r\n"),
        warc_record(
            "request",
            &[
                ("WARC-Target-URI", "https://www.yna.co.kr/view/1"),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /view/1 HTTP/1.1\r\nHost: www.yna.co.kr\r\n\r\n",
        ),
        warc_record(
            "response",
            &[
                ("WARC-Record-ID", &format!("<urn:uuid:{UUID}>")),
                ("WARC-Date", "2021-11-17T03:04:05Z"),
                ("WARC-Target-URI", "https://www.yna.co.kr/view/1"),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http("Content-Type: text/html; charset=EUC-KR\r\nTransfer-Encoding: chunked\r\n", &chunked),
        ),
        warc_record(
            "response",
            &[("WARC-Target-URI", "https://x.test/missing"), ("Content-Type", "application/http; msgtype=response")],
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>",
        ),
        warc_record(
            "response",
            &[("WARC-Target-URI", "https://x.test/a.png"), ("Content-Type", "application/http; msgtype=response")],
            &http("Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\0\0"),
        ),
        warc_record("metadata", &[("Content-Type", "application/warc-fields")], b"via: x\r\n"),
        warc_record(
            "resource",
            &[
                ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000007>"),
                ("WARC-Target-URI", "file:///notes/a.txt"),
                ("Content-Type", "text/plain"),
            ],
            b"A plain text resource.",
        ),
        warc_record(
            "response",
            &[("Content-Type", "application/http; msgtype=response")],
            &http("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", &gzip(b"<p>compressed body</p>")),
        ),
    ]
}

#[test]
fn gzipped_warc_gives_responses_and_resources() {
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<u8> = sample_warc().iter().flat_map(|r| gzip(r)).collect();
    let path = write(dir.path(), "crawl.warc.gz", members);
    let shown = path.display().to_string();
    let items = read_decoded(&[path], &InputConfig::default());
    assert_eq!(items.len(), 3, "{:?}", errors(&items));
    let docs = ok_docs(&items);
    let news = docs[0];
    assert_eq!(news.meta.doc, UUID);
    assert_eq!(news.meta.origin, format!("{shown}#3"));
    assert_eq!(news.meta.url.as_deref(), Some("https://www.yna.co.kr/view/1"));
    assert_eq!(news.meta.published.as_deref(), Some("2021-11-17T03:04:05Z"));
    assert_eq!(news.meta.published_from, Some(PublishedFrom::Inferred));
    assert_eq!(news.format, Format::Html);
    assert_eq!(news.encoding, "EUC-KR");
    assert_eq!(news.text, "<html><body><p>북한이 미사일을 발사했다.</p></body></html>");
    assert!(news.diagnostics.iter().any(|d| d.code == "transcoded" && d.message.contains("HTTP")));
    let res = docs[1];
    assert_eq!(res.meta.doc, "00000000-0000-0000-0000-000000000007");
    assert_eq!(res.meta.origin, format!("{shown}#7"));
    assert_eq!((res.format, res.text.as_str()), (Format::Text, "A plain text resource."));
    assert_eq!(docs[2].text, "<p>compressed body</p>");
    assert_eq!(docs[2].meta.doc, "crawl#8", "no WARC-Record-ID: file stem and record number");
}

#[test]
fn plain_warc_in_one_member_and_bare_lf() {
    let dir = tempfile::tempdir().unwrap();
    let all: Vec<u8> = sample_warc().concat();
    let one = write(dir.path(), "one.warc.gz", gzip(&all));
    let plain = write(dir.path(), "plain.warc", &all);
    let lf = String::from_utf8_lossy(&warc_record("resource", &[], b"bare LF headers")).replace("\r\n", "\n");
    let lf = write(dir.path(), "lf.warc", lf);
    let items = read_decoded(&[one, plain, lf], &InputConfig::default());
    assert_eq!(items.len(), 7, "{:?}", errors(&items));
    assert_eq!(ok_docs(&items)[6].text, "bare LF headers");
}

#[test]
fn malformed_record_is_reported_and_reading_resyncs() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = warc_record("resource", &[("Content-Type", "text/plain")], b"first");
    bytes.extend_from_slice(b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: banana\r\n\r\nlost block\r\n\r\n");
    bytes.extend(warc_record("resource", &[("Content-Type", "text/plain")], b"third"));
    bytes.extend_from_slice(b"garbage between records\r\nmore garbage\r\n");
    bytes.extend(warc_record("resource", &[("Content-Type", "text/plain")], b"last"));
    let path = write(dir.path(), "bad.warc", bytes);
    let shown = path.display().to_string();
    let items = read(&[path], &InputConfig::default());
    assert_eq!(items.len(), 5, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap().bytes, b"first");
    let e = items[1].as_ref().err().unwrap();
    assert_eq!(e.origin(), format!("{shown}#2"));
    assert!(e.to_string().contains("no valid Content-Length"), "{e}");
    assert_eq!(items[2].as_ref().unwrap().bytes, b"third");
    let e = items[3].as_ref().err().unwrap();
    assert_eq!(e.origin(), format!("{shown}#4"));
    assert!(
        e.to_string().contains("expected a WARC record (a \"WARC/1.x\" line), found \"garbage between records\""),
        "{e}"
    );
    assert_eq!(items[4].as_ref().unwrap().bytes, b"last");
    assert_eq!(items[4].as_ref().unwrap().meta.origin, format!("{shown}#5"));
}

#[test]
fn truncated_gzip_warc_keeps_earlier_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes: Vec<u8> = sample_warc().iter().flat_map(|r| gzip(r)).collect();
    // Cut into the last member (the compressed response).
    bytes.truncate(bytes.len() - 20);
    let path = write(dir.path(), "cut.warc.gz", bytes);
    let items = read(&[path], &InputConfig::default());
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[0].is_ok() && items[1].is_ok());
    let e = items[2].as_ref().err().unwrap();
    assert!(matches!(e, InputError::Malformed { .. }), "{e}");
    assert!(e.to_string().contains("truncated"), "{e}");
}

#[test]
fn truncated_plain_warc_block() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = warc_record("resource", &[("Content-Type", "text/plain")], b"whole record");
    let second = warc_record("resource", &[("Content-Type", "text/plain")], b"this one is cut short");
    bytes.extend_from_slice(&second[..second.len() - 12]);
    let path = write(dir.path(), "cut.warc", bytes);
    let items = read(&[path], &InputConfig::default());
    assert_eq!(items.len(), 2);
    assert!(items[1].as_ref().err().unwrap().to_string().contains("truncated: the record says 21 bytes"));
}

#[test]
fn oversized_records_are_skipped_without_reading_them_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = warc_record("resource", &[("Content-Type", "text/plain")], &vec![b'a'; 5000]);
    bytes.extend(warc_record("request", &[], &vec![b'b'; 5000]));
    bytes.extend(warc_record("resource", &[("Content-Type", "text/plain")], b"small"));
    let path = write(dir.path(), "big.warc", bytes);
    let config = InputConfig { max_bytes: 1000, ..InputConfig::default() };
    let items = read(&[path], &config);
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().err().unwrap();
    assert!(e.to_string().contains("5000 bytes, over the 1000-byte limit (raise it with --max-bytes)"), "{e}");
    assert_eq!(items[1].as_ref().unwrap().bytes, b"small");
}
