//! Encodings: UTF-8 (without copying), byte order marks, UTF-16, EUC-KR,
//! Windows-1252, declared and guessed charsets, malformed bytes.
#![allow(clippy::unwrap_used)]

mod common;

use attache_ingest::{InputConfig, RawInput, decode};
use attache_model::{Document, Format, SourceMeta};
use common::*;
use encoding_rs::{EUC_KR, WINDOWS_1252};

const KOREAN: &str = "북한이 17일 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다. \
    합참은 이날 오전 평양 일대에서 발사된 미사일의 비행거리와 고도 등 세부 제원을 분석하고 있다고 설명했다. \
    정부는 국가안전보장회의를 열어 대응 방안을 논의했다.";

fn raw(bytes: Vec<u8>) -> RawInput {
    RawInput::new(SourceMeta { doc: "t".into(), origin: "t.bin".into(), ..SourceMeta::default() }, bytes, None)
}

fn dec(raw: RawInput) -> Document {
    decode(raw, &InputConfig::default()).unwrap()
}

fn codes(doc: &Document) -> Vec<&str> {
    doc.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn utf8_is_kept_without_copying() {
    let r = raw(format!("<p>{KOREAN}</p>").into_bytes());
    let ptr = r.bytes.as_ptr();
    let doc = dec(r);
    assert_eq!(doc.text.as_ptr(), ptr, "the Vec became the String");
    assert_eq!((doc.encoding.as_str(), doc.format), ("UTF-8", Format::Html));
    assert!(doc.diagnostics.is_empty());
}

#[test]
fn utf8_bom_is_kept_so_offsets_stay_the_files() {
    let doc = dec(raw(b"\xEF\xBB\xBFHello".to_vec()));
    assert_eq!(doc.text, "\u{feff}Hello");
    assert_eq!(doc.encoding, "UTF-8");
    assert!(doc.diagnostics.is_empty());
}

#[test]
fn utf16_with_byte_order_marks() {
    let text = format!("Seoul, {KOREAN}");
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let dir = tempfile::tempdir().unwrap();
    let le_path = write(dir.path(), "le.txt", &le);
    let be_path = write(dir.path(), "be.html", &be);
    let items = read_decoded(&[le_path, be_path], &InputConfig::default());
    let docs = ok_docs(&items);
    assert_eq!(docs.len(), 2, "{:?}", errors(&items));
    assert_eq!((docs[0].text.as_str(), docs[0].encoding.as_str()), (text.as_str(), "UTF-16LE"));
    assert_eq!((docs[1].text.as_str(), docs[1].encoding.as_str()), (text.as_str(), "UTF-16BE"));
    assert_eq!(codes(docs[0]), ["transcoded"]);
}

#[test]
fn utf16_without_byte_order_mark() {
    let text = "Pyongyang, October 9 (KCNA) -- A message of greeting was received.";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let doc = dec(raw(le));
    assert_eq!((doc.text.as_str(), doc.encoding.as_str()), (text, "UTF-16LE"));
}

#[test]
fn euc_kr_declared_in_meta() {
    let html = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"></head><body><p>{KOREAN}</p></body></html>"
    );
    let bytes = EUC_KR.encode(&html).0.into_owned();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "yonhap.html", &bytes);
    let items = read_decoded(&[path], &InputConfig::default());
    let doc = ok_docs(&items)[0];
    assert_eq!(doc.text, html);
    assert_eq!(doc.encoding, "EUC-KR");
    assert_eq!(codes(doc), ["transcoded"]);
    assert!(doc.diagnostics[0].message.contains("charset declaration"), "{:?}", doc.diagnostics);
}

#[test]
fn euc_kr_guessed() {
    let bytes = EUC_KR.encode(KOREAN).0.into_owned();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "korean.txt", &bytes);
    let items = read_decoded(&[path], &InputConfig::default());
    let doc = ok_docs(&items)[0];
    assert_eq!((doc.text.as_str(), doc.encoding.as_str(), doc.format), (KOREAN, "EUC-KR", Format::Text));
    assert!(doc.diagnostics[0].message.contains("guessing"));
    // With the URL's top-level domain as a hint.
    let mut r = raw(bytes);
    r.meta.url = Some("https://www.yna.co.kr/view/AKR2021".into());
    assert_eq!(dec(r).encoding, "EUC-KR");
}

#[test]
fn windows_1252() {
    let text = "Caf\u{e9} society in S\u{e3}o Paulo: the \u{201c}smart\u{201d} set \u{2013} na\u{ef}ve, r\u{e9}sum\u{e9}s and all. \
                The minister\u{2019}s d\u{e9}j\u{e0} vu.";
    let bytes = WINDOWS_1252.encode(text).0.into_owned();
    let doc = dec(raw(bytes));
    assert_eq!(doc.text, text);
    assert_eq!(doc.encoding, "windows-1252");
    assert_eq!(codes(&doc), ["transcoded"]);
}

#[test]
fn http_charset_is_used_for_non_utf8_bytes() {
    let text = "Москва заявила о переговорах.";
    let mut r = raw(encoding_rs::WINDOWS_1251.encode(text).0.into_owned());
    r.charset = Some("windows-1251".into());
    let doc = dec(r);
    assert_eq!((doc.text.as_str(), doc.encoding.as_str()), (text, "windows-1251"));
    assert!(doc.diagnostics[0].message.contains("HTTP"));
}

#[test]
fn malformed_sequences_are_replaced_and_reported() {
    // Mostly UTF-8 with one stray byte: stays UTF-8.
    let mut bytes = format!("{KOREAN} ").into_bytes();
    bytes.push(0xFF);
    bytes.extend_from_slice(" end".as_bytes());
    let doc = dec(raw(bytes));
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(codes(&doc), ["invalid-bytes"]);
    assert!(doc.text.contains('\u{fffd}') && doc.text.ends_with(" end"));
    // Declared EUC-KR with an invalid sequence.
    let mut bytes = b"<meta charset=\"euc-kr\">".to_vec();
    bytes.extend(EUC_KR.encode(KOREAN).0.iter());
    bytes.extend_from_slice(b"\xA1\x20 tail");
    let doc = dec(raw(bytes));
    assert_eq!(doc.encoding, "EUC-KR");
    assert_eq!(codes(&doc), ["transcoded", "invalid-bytes"]);
}
