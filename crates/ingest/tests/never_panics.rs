//! Arbitrary bytes never make decoding or reading panic.
#![allow(clippy::unwrap_used)]

use attache_ingest::{InputConfig, Inputs, RawInput, decode};
use attache_model::SourceMeta;
use proptest::prelude::*;

fn raw(bytes: Vec<u8>, url: Option<String>, charset: Option<String>) -> RawInput {
    let mut r = RawInput::new(SourceMeta { origin: "p".into(), url, ..SourceMeta::default() }, bytes, None);
    r.charset = charset;
    r
}

/// Bytes that look a little like the inputs decode sees: text, markup, byte
/// order marks, legacy encodings, NULs.
fn texty() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(b"\xFE\xFF".to_vec()),
        Just(b"<meta charset=\"euc-kr\">".to_vec()),
        Just(b"<?xml encoding='x-user-defined'?>".to_vec()),
        Just(b"<p>".to_vec()),
        Just(vec![0]),
        "[a-z ]{0,12}".prop_map(String::into_bytes),
        "\\PC{0,6}".prop_map(String::into_bytes),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decode_never_panics(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        url in proptest::option::of("[ -~]{0,30}"),
        charset in proptest::option::of("[ -~]{0,12}"),
    ) {
        let _ = decode(raw(bytes, url, charset), &InputConfig::default());
    }

    #[test]
    fn decode_never_panics_on_texty_bytes(bytes in texty()) {
        if let Ok(doc) = decode(raw(bytes, None, None), &InputConfig::default()) {
            prop_assert!(!doc.text.trim().is_empty());
        }
    }

    #[test]
    fn reading_streams_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048), prefix in 0usize..4) {
        let heads: [&[u8]; 4] = [b"", b"WARC/1.1\r\n", b"{", b"\x1f\x8b"];
        let mut input = heads[prefix].to_vec();
        input.extend(bytes);
        let config = InputConfig { max_bytes: 512, ..InputConfig::default() };
        for raw in Inputs::from_reader("-", std::io::Cursor::new(input), &config).take(10_000).flatten() {
            let _ = decode(raw, &config);
        }
    }
}
