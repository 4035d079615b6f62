//! Hostile inputs, all in one batch: each is reported by file name (skipped,
//! or a record with a warning), none panics, and the good files of the batch
//! still give their records. Inputs are generated here; nothing big is committed.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;

use common::{attache, records};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

/// Gzip members, each expanding to 1 MiB of `byte`, concatenated `n` times:
/// a decompression bomb of `n` MiB that costs a few KB to build.
fn gzip_bomb(byte: u8, n: usize) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(&vec![byte; 1 << 20]).expect("gzip");
    let member = gz.finish().expect("gzip");
    member.repeat(n)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip")
}

fn warc_record(kind: &str, content_type: &str, id: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2021-11-17T09:00:00Z\r\n\
         WARC-Target-URI: https://news.example/{id}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

const GOOD: &str =
    "Talks resume\n\nSEOUL -- The foreign ministers met on Monday in Seoul. They agreed to talk again.\n";

fn write_inputs(p: &Path) {
    let w = |name: &str, bytes: &[u8]| fs::write(p.join(name), bytes).expect("write input");
    w("00-good.txt", GOOD.as_bytes());
    // Binary: random-looking bytes with NULs, and a PNG header.
    let noise: Vec<u8> = (0u32..20_000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    w("01-binary.txt", &noise);
    w("02-image.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    // A .txt.gz expanding to 4 GiB: reading stops at the size limit.
    w("03-bomb.txt.gz", &gzip_bomb(b'a', 4096));
    // A WARC whose HTTP body is gzip expanding to 4 GiB, then a good record.
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend(gzip_bomb(b' ', 4096));
    let mut warc = warc_record("response", "application/http; msgtype=response", "bomb", &http);
    let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>WASHINGTON -- Officials met on Friday and agreed to meet again next month.</p>";
    warc.extend(warc_record("response", "application/http; msgtype=response", "after-bomb", page));
    w("04-http-bomb.warc", &warc);
    // A .warc.gz whose one record is 256 MiB of zeros once decompressed (over
    // the limit, skipped without being kept), then a good record.
    let mut big =
        gzip(b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 268435456\r\n\r\n");
    big.extend(gzip_bomb(0, 256));
    big.extend(gzip(b"\r\n\r\n"));
    big.extend(gzip(&warc_record("resource", "text/plain", "after-big", GOOD.as_bytes())));
    w("05-member-bomb.warc.gz", &big);
    // Invalid UTF-8 (Latin-1), and mixed encodings in one file.
    w("06-latin1.txt", b"Caf\xe9 talks\n\nThe minister visited a caf\xe9 in Paris on Monday.\n");
    let mut mixed = "Café talks — “quoted” in UTF-8. Über Ärger, naïve façade, déjà vu.\n\n".as_bytes().to_vec();
    mixed.extend_from_slice(b"Then Latin-1: caf\xe9 and na\xefve. Then cp1251: \xcc\xee\xf1\xea\xe2\xe0.\n");
    w("07-mixed.txt", &mixed);
    // 10 MB on a single line, no sentence end.
    w("08-one-line.txt", "the minister met officials and ".repeat(330_000).as_bytes());
    // 100 000 levels of nesting.
    let nested = format!(
        "{}<p>The council met on Tuesday to discuss the crisis in full.</p>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    w("09-nested.html", nested.as_bytes());
    w(
        "10-script-only.html",
        b"<html><head><style>p { color: red }</style><script>var a = '<p>not text</p>';</script></head>\
          <body><script>document.write('x')</script><noscript></noscript></body></html>",
    );
    w(
        "11-arabic.txt",
        "محادثات\n\nاجتمع وزير الخارجية مع نظيره يوم الاثنين في القاهرة. واتفقا على مواصلة المحادثات.\n".as_bytes(),
    );
    w("12-hebrew.txt", "שיחות\n\nשר החוץ נפגש עם עמיתו ביום שני בירושלים. הם הסכימו להמשיך בשיחות.\n".as_bytes());
    w(
        "13-cjk.txt",
        "会谈\n\n外交部长周一在北京会见了他的同行。双方同意继续会谈。韓国の外相は月曜日にソウルで会談した。\n"
            .as_bytes(),
    );
    w("14-empty.txt", b"");
    w("15-blank.txt", b" \n\t\r\n   \n");
    w("16-truncated.txt.gz", &gzip(GOOD.as_bytes())[..30]);
    w("17-good.html", b"<p>WASHINGTON -- Officials met on Friday and agreed to meet again next month.</p>");
}

#[test]
fn hostile_inputs_are_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    write_inputs(p);

    // A short time budget keeps the 10 MB line quick on a slow debug build; an
    // article over it still gives a record (with a time-limit warning).
    let out = attache(&["extract", "--max-bytes", "12000000", "--time-limit", "5", p.to_str().expect("utf-8 path")]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit 1 when inputs were skipped; stderr:\n{err}");
    assert!(!err.contains("internal error") && !err.contains("panicked"), "{err}");
    let recs = records(&out);
    let by_origin = |name: &str| -> Vec<&Value> {
        recs.iter().filter(|r| r["origin"].as_str().is_some_and(|o| o.contains(name))).collect()
    };
    let says = |name: &str, what: &str| {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(what)),
            "no line naming {name} with {what:?}:\n{err}"
        );
    };

    // Skipped, with the reason.
    says("01-binary.txt", "binary data");
    says("02-image.html", "a PNG image");
    says("03-bomb.txt.gz", "over the limit");
    says("04-http-bomb.warc#1", "over the limit");
    says("05-member-bomb.warc.gz#1", "over the 12000000-byte limit");
    says("14-empty.txt", "empty");
    says("15-blank.txt", "empty");
    says("16-truncated.txt.gz", "truncated or corrupt");
    // Read, with a warning.
    // Mixed encodings: read as one encoding (mostly UTF-8 with replacements, or
    // transcoded as a whole), and said so.
    assert!(
        err.lines()
            .any(|l| l.contains("07-mixed.txt") && (l.contains("[invalid-bytes]") || l.contains("[transcoded]"))),
        "{err}"
    );
    // Cut into sentences, or (on a slow debug build) stopped by the time budget.
    assert!(
        err.lines()
            .any(|l| l.contains("08-one-line.txt") && (l.contains("[long-sentence]") || l.contains("[time-limit]"))),
        "{err}"
    );
    says("09-nested.html", "[depth-limit]");
    says("10-script-only.html", "[empty-body]");

    // The readable ones give records, in input order.
    let origins: Vec<&str> = recs.iter().filter_map(|r| r["origin"].as_str()).collect();
    let names: Vec<String> = origins
        .iter()
        .map(|o| Path::new(o).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        vec![
            "00-good.txt",
            "04-http-bomb.warc#2",
            "05-member-bomb.warc.gz#2",
            "06-latin1.txt",
            "07-mixed.txt",
            "08-one-line.txt",
            "09-nested.html",
            "10-script-only.html",
            "11-arabic.txt",
            "12-hebrew.txt",
            "13-cjk.txt",
            "17-good.html"
        ],
        "stderr:\n{err}"
    );
    let body = |name: &str| by_origin(name)[0]["body"].as_str().unwrap_or("").to_owned();
    assert!(body("00-good.txt").contains("foreign ministers met on Monday"));
    assert!(body("04-http-bomb.warc#2").contains("Officials met on Friday"));
    assert!(body("05-member-bomb.warc.gz#2").contains("foreign ministers met"));
    assert!(body("06-latin1.txt").contains("café"));
    assert!(body("09-nested.html").contains("The council met on Tuesday"));
    assert!(body("10-script-only.html").is_empty(), "script and style are not text");
    assert!(body("11-arabic.txt").contains("اجتمع وزير الخارجية"));
    assert!(body("12-hebrew.txt").contains("שר החוץ נפגש"));
    assert!(body("13-cjk.txt").contains("外交部长周一在北京会见了他的同行"));
    assert!(body("17-good.html").contains("Officials met on Friday"));
    // The long line: every sentence capped, every span within the text.
    let long = by_origin("08-one-line.txt")[0];
    let sentences = long["sentences"].as_array().map_or(0, Vec::len);
    let timed_out = long["diagnostics"].as_array().is_some_and(|d| d.iter().any(|x| x["code"] == "time-limit"));
    assert!(timed_out || sentences > 2000, "{sentences} sentences");
    // Dates in RTL and CJK text do not break offsets (spans are checked when
    // records are built); the Latin-script date in the good file is found.
    assert!(recs.iter().all(|r| r["doc"].is_string()));
}
