//! Sizes, gzip bombs, truncated gzip, binary and empty inputs.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;

use attache_ingest::{InputConfig, InputError, RawInput, decode};
use attache_model::SourceMeta;
use common::*;
use flate2::Compression;
use flate2::write::GzEncoder;

#[test]
fn file_over_max_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.txt", vec![b'x'; 2000]);
    let config = InputConfig { max_bytes: 1000, ..InputConfig::default() };
    let items = read(std::slice::from_ref(&path), &config);
    let e = items[0].as_ref().err().unwrap();
    assert!(matches!(e, InputError::TooLarge { size: Some(2000), limit: 1000, .. }));
    assert_eq!(
        e.to_string(),
        format!("{}: 2000 bytes, over the 1000-byte limit (raise it with --max-bytes)", path.display())
    );
    // decode() checks too, for inputs built by hand.
    let raw = RawInput::new(SourceMeta { origin: "x".into(), ..SourceMeta::default() }, vec![b'x'; 2000], None);
    assert!(matches!(decode(raw, &config), Err(InputError::TooLarge { .. })));
}

#[test]
fn jsonl_line_over_the_limit_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!("{{\"text\": \"{}\"}}\n{{\"text\": \"ok\"}}\n", "y".repeat(5000));
    let path = write(dir.path(), "big.jsonl", big);
    let config = InputConfig { max_bytes: 1000, ..InputConfig::default() };
    let items = read(&[path], &config);
    assert_eq!(items.len(), 2);
    assert!(matches!(items[0], Err(InputError::TooLarge { .. })), "{items:?}");
    assert!(items[1].is_ok());
}

/// 1 MiB of zeros as one gzip member.
fn zeros_member() -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(&vec![0u8; 1 << 20]).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzip_bomb_is_rejected_while_decompressing() {
    // 200 members of 1 MiB of zeros: 200 MiB once decompressed, about 200 KiB on disk.
    let member = zeros_member();
    let bomb: Vec<u8> = std::iter::repeat_n(member.as_slice(), 200).flatten().copied().collect();
    assert!(bomb.len() < 1 << 20);
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "bomb.txt.gz", &bomb);
    let jsonl = write(dir.path(), "bomb.jsonl.gz", &bomb);
    let warc = write(dir.path(), "bomb.warc.gz", &bomb);
    let config = InputConfig { max_bytes: 4 << 20, ..InputConfig::default() };
    let started = std::time::Instant::now();
    let items = read(&[txt.clone(), jsonl, warc], &config);
    let e = items[0].as_ref().err().unwrap();
    assert!(matches!(e, InputError::TooLarge { size: None, .. }), "{e}");
    assert_eq!(
        e.to_string(),
        format!(
            "{}: more than 4194304 bytes after decompression, over the limit (raise it with --max-bytes)",
            txt.display()
        )
    );
    // The JSON Lines and WARC readers reject the containers as binary or not WARC,
    // reading through the rest with bounded memory.
    assert!(items[1..].iter().all(Result::is_err), "{items:?}");
    assert!(started.elapsed().as_secs() < 60);
    // With the default limit (32 MiB) too.
    let items = read(&[txt], &InputConfig::default());
    assert!(matches!(items[0], Err(InputError::TooLarge { .. })));
}

#[test]
fn truncated_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = (0..2000).map(|i| format!("Line {i} of a long article.\n")).collect();
    let mut gz = gzip(text.as_bytes());
    gz.truncate(gz.len() / 2);
    let path = write(dir.path(), "cut.txt.gz", &gz);
    let jsonl_text: String = (0..2000).map(|i| format!("{{\"text\": \"article {i}\"}}\n")).collect();
    let mut jgz = gzip(jsonl_text.as_bytes());
    jgz.truncate(jgz.len() - 10);
    let jpath = write(dir.path(), "cut.jsonl.gz", &jgz);
    let not_gzip = write(dir.path(), "fake.txt.gz", "not gzip at all");
    let items = read(&[path.clone(), jpath, not_gzip], &InputConfig::default());
    let e = items[0].as_ref().err().unwrap();
    assert!(matches!(e, InputError::Malformed { .. }), "{e}");
    assert_eq!(e.origin(), path.display().to_string());
    assert!(e.to_string().contains("gzip data is truncated or corrupt"), "{e}");
    let (ok, bad): (Vec<_>, Vec<_>) = items[1..items.len() - 1].iter().partition(|r| r.is_ok());
    assert!(ok.len() > 1000, "records before the cut are read");
    assert_eq!(bad.len(), 1, "one error at the cut");
    assert!(matches!(items.last(), Some(Err(InputError::Malformed { .. }))), "{:?}", items.last());
}

#[test]
fn binary_and_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let bin = write(dir.path(), "image.txt", b"\x00\x01\x02\x03binary\x00\xff\xfe\x00\x00");
    let pdf = write(dir.path(), "paper", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    let empty = write(dir.path(), "empty.txt", b"");
    let blank = write(dir.path(), "blank.html", b" \n\t\r\n ");
    let bom_only = write(dir.path(), "bom.txt", b"\xEF\xBB\xBF  \n");
    let nul_json = write(dir.path(), "x.jsonl", b"\x00\x00\x00{");
    let items = read_decoded(&[bin.clone(), pdf, empty.clone(), blank, bom_only, nul_json], &InputConfig::default());
    let errs = errors(&items);
    assert_eq!(errs.len(), 6, "{items:?}");
    assert!(errs[0].starts_with(&format!("{}: binary data", bin.display())), "{}", errs[0]);
    assert!(errs[1].contains("a PDF file"), "{}", errs[1]);
    assert_eq!(errs[2], format!("{}: empty (no text, or only whitespace); skipped", empty.display()));
    assert!(errs[3].contains("empty"));
    assert!(errs[4].contains("empty"));
    assert!(errs[5].contains("binary"));
}
