//! Bytes to text: binary detection, encoding detection, decoding, format sniffing.

use attache_model::{Diagnostic, Document, Format};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::{InputConfig, InputError, RawInput};

/// How much of the start is looked at for binary data.
const SNIFF_BINARY: usize = 8 * 1024;
/// How much of the start is searched for `<meta charset>`.
const SNIFF_META: usize = 2 * 1024;
/// How much chardetng is fed.
const SNIFF_GUESS: usize = 1 << 20;

/// Turns raw bytes into a [`Document`]: rejects binary and empty inputs,
/// finds the encoding and decodes to UTF-8, and settles the format.
///
/// The encoding is, in order: a byte order mark (UTF-8, UTF-16LE/BE); UTF-8
/// when the bytes are valid UTF-8 (the bytes become the text without a copy,
/// a UTF-8 byte order mark included so that offsets are the file's); UTF-16
/// without a byte order mark when the NUL bytes say so; the charset of the HTTP
/// `Content-Type` ([`RawInput::charset`]); a `<meta charset>` or
/// `http-equiv` declaration (or `<?xml encoding>`) in the first 2 KiB; a guess
/// by chardetng, hinted by the top-level domain of the URL. Transcoding adds
/// a warning `transcoded`; replaced malformed bytes a warning `invalid-bytes`.
pub fn decode(raw: RawInput, config: &InputConfig) -> Result<Document, InputError> {
    let RawInput { meta, bytes, format, charset } = raw;
    let origin = meta.origin.clone();
    if bytes.len() as u64 > config.max_bytes {
        return Err(InputError::TooLarge { origin, size: Some(bytes.len() as u64), limit: config.max_bytes });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Empty { origin });
    }
    let mut diagnostics = Vec::new();
    let (text, encoding) = match Encoding::for_bom(&bytes) {
        Some((enc, _)) if enc == UTF_8 => {
            check_binary(&bytes[3..]).map_err(|what| InputError::Binary { origin: origin.clone(), what })?;
            utf8(bytes, &mut diagnostics)
        }
        Some((enc, bom)) => {
            let text = transcode(enc, &bytes[bom..], "a byte order mark", &mut diagnostics);
            (text, enc)
        }
        None => match check_binary(&bytes) {
            Err(what) => return Err(InputError::Binary { origin, what }),
            Ok(Some(enc)) => (transcode(enc, &bytes, "its NUL bytes (no byte order mark)", &mut diagnostics), enc),
            Ok(None) => match String::from_utf8(bytes) {
                Ok(text) => (text, UTF_8),
                Err(e) => {
                    let bytes = e.into_bytes();
                    if mostly_utf8(&bytes) {
                        utf8(bytes, &mut diagnostics)
                    } else {
                        let (enc, how) = legacy_encoding(&bytes, charset.as_deref(), meta.url.as_deref());
                        (transcode(enc, &bytes, how, &mut diagnostics), enc)
                    }
                }
            },
        },
    };
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(InputError::Empty { origin });
    }
    let format = config.format.or(format).unwrap_or_else(|| sniff_format(text.as_bytes()));
    let mut doc = Document::new(meta, text, format);
    doc.encoding = encoding.name().to_owned();
    doc.diagnostics = diagnostics;
    Ok(doc)
}

/// UTF-8 text, replacing malformed sequences when there are any.
fn utf8(bytes: Vec<u8>, diagnostics: &mut Vec<Diagnostic>) -> (String, &'static Encoding) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, UTF_8),
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            diagnostics.push(Diagnostic::warning(
                "invalid-bytes",
                "the input is UTF-8 with some malformed byte sequences; they were replaced by U+FFFD, \
                 so offsets after them differ from the file's",
            ));
            (text, UTF_8)
        }
    }
}

/// Decodes with a legacy or UTF-16 encoding and says so.
fn transcode(enc: &'static Encoding, bytes: &[u8], how: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    diagnostics.push(Diagnostic::warning(
        "transcoded",
        format!("decoded from {} (found by {how}); offsets are into the UTF-8 text, not the file's bytes", enc.name()),
    ));
    if had_errors {
        diagnostics.push(Diagnostic::warning(
            "invalid-bytes",
            format!("some bytes are not valid {}; they were replaced by U+FFFD", enc.name()),
        ));
    }
    text.into_owned()
}

/// Invalid UTF-8 that is still mostly UTF-8: many valid multi-byte sequences,
/// few broken ones (a stray Latin-1 byte in a UTF-8 page). Legacy encodings
/// almost never form valid multi-byte UTF-8 sequences by chance.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multi, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    multi >= 8 && multi >= bad * 8
}

/// The encoding of bytes that are not UTF-8, and how it was found.
fn legacy_encoding(bytes: &[u8], charset: Option<&str>, url: Option<&str>) -> (&'static Encoding, &'static str) {
    let usable = |label: &str| {
        Encoding::for_label(label.trim().as_bytes())
            .map(|e| if e.name() == "x-user-defined" { encoding_rs::WINDOWS_1252 } else { e })
            .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE && *e != encoding_rs::REPLACEMENT)
    };
    if let Some(enc) = charset.and_then(usable) {
        return (enc, "the HTTP Content-Type");
    }
    if let Some(enc) = declared_charset(&bytes[..bytes.len().min(SNIFF_META)]).as_deref().and_then(usable) {
        return (enc, "a charset declaration in the markup");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(SNIFF_GUESS)], true);
    let tld = url.and_then(tld_of);
    let tld = tld.as_deref().map(str::as_bytes);
    let guess = detector.guess(tld, chardetng::Utf8Detection::Allow);
    // A few stray high bytes are too little to tell single-byte encodings apart
    // (chardetng reads a lone Latin-1 pound sign as windows-1250's Ł): then the
    // default for unlabelled Western text wins, unless the domain suggests otherwise.
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii < THIN_EVIDENCE
        && guess.is_single_byte()
        && guess != encoding_rs::WINDOWS_1252
        && !chardetng::EncodingDetector::tld_may_affect_guess(tld)
    {
        return (encoding_rs::WINDOWS_1252, "guessing (too few non-ASCII bytes to tell; the Western default)");
    }
    (guess, "guessing (chardetng)")
}

/// Fewer non-ASCII bytes than this are too few for a guess between single-byte encodings.
const THIN_EVIDENCE: usize = 8;

/// The last label of a URL's host, lower-case, when it is a plain DNS label.
fn tld_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.');
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    let plain = !tld.is_empty()
        && tld.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && tld.bytes().any(|b| b.is_ascii_lowercase());
    (plain && host.contains('.')).then_some(tld)
}

/// A charset declared by `<meta charset=...>`, `<meta http-equiv ... content="...; charset=...">`
/// or `<?xml ... encoding="..."?>`.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta").map(|i| i + from) {
        let end = memchr::memchr(b'>', &lower[i..]).map_or(lower.len(), |e| i + e);
        let tag = &lower[i..end];
        if let Some(label) = value_after(tag, b"charset") {
            return Some(label);
        }
        from = end.max(i + 1);
    }
    let start = lower.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    if lower[start..].starts_with(b"<?xml") {
        let end = memchr::memmem::find(&lower[start..], b"?>").map_or(lower.len(), |e| start + e);
        return value_after(&lower[start..end], b"encoding");
    }
    None
}

/// The value after `name` `=` in a tag: quoted or bare.
fn value_after(tag: &[u8], name: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&tag[from..], name).map(|i| i + from) {
        let mut j = i + name.len();
        while j < tag.len() && tag[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < tag.len() && tag[j] == b'=' {
            j += 1;
            while j < tag.len() && (tag[j].is_ascii_whitespace() || tag[j] == b'"' || tag[j] == b'\'') {
                j += 1;
            }
            let k = tag[j..]
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.+".contains(b)))
                .map_or(tag.len(), |k| j + k);
            if k > j {
                return Some(String::from_utf8_lossy(&tag[j..k]).into_owned());
            }
        }
        from = i + 1;
    }
    None
}

/// Binary data is rejected before decoding. `Ok(Some(utf-16))` when NUL bytes
/// are those of UTF-16 text without a byte order mark.
fn check_binary(bytes: &[u8]) -> Result<Option<&'static Encoding>, String> {
    let head = &bytes[..bytes.len().min(SNIFF_BINARY)];
    if let Some(kind) = magic(head) {
        return Err(kind.to_owned());
    }
    let nuls = memchr::memchr_iter(0, head).count();
    if nuls > 0 {
        if let Some(enc) = utf16_without_bom(head) {
            return Ok(Some(enc));
        }
        return Err(format!("{nuls} NUL bytes in the first {} bytes", head.len()));
    }
    let controls =
        head.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f).count();
    if controls * 10 > head.len() {
        return Err(format!("{controls} control bytes in the first {} bytes", head.len()));
    }
    Ok(None)
}

/// Known binary formats, by their first bytes.
fn magic(head: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x1f\x8b", "gzip-compressed data; name the file .gz to have it decompressed"),
        (b"%PDF-", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"BZh", "bzip2-compressed data; decompress it first"),
        (b"\xfd7zXZ\x00", "xz-compressed data; decompress it first"),
        (b"\x28\xb5\x2f\xfd", "zstd-compressed data; decompress it first"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (b"\x7fELF", "an executable"),
        (b"SQLite format 3\x00", "an SQLite database"),
    ];
    MAGIC.iter().find(|(m, _)| head.starts_with(m)).map(|(_, what)| *what)
}

/// UTF-16 without a byte order mark: NUL bytes at one parity only, and many.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let enc = if even == 0 && odd * 10 >= pairs * 3 {
        UTF_16LE
    } else if odd == 0 && even * 10 >= pairs * 3 {
        UTF_16BE
    } else {
        return None;
    };
    // The text must decode cleanly (a final odd byte aside) into few control characters.
    let (text, had_errors) = enc.decode_without_bom_handling(&head[..pairs * 2 - 2]);
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')).count();
    (!had_errors && controls * 10 <= text.chars().count()).then_some(enc)
}

/// HTML tags that mark a document as HTML when one appears near its start.
const HTML_TAGS: &[&[u8]] = &[
    b"!doctype",
    b"html",
    b"head",
    b"body",
    b"div",
    b"p",
    b"br",
    b"span",
    b"article",
    b"meta",
    b"title",
    b"table",
    b"section",
    b"h1",
    b"h2",
    b"h3",
    b"ul",
    b"ol",
    b"li",
    b"script",
    b"link",
    b"main",
    b"header",
    b"footer",
    b"nav",
    b"!--",
];

/// How far from the start an HTML tag is looked for.
const SNIFF_HTML: usize = 1024;

/// HTML when one of [`HTML_TAGS`] opens in the first KiB, else text.
pub fn sniff_format(bytes: &[u8]) -> Format {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + SNIFF_HTML)];
    for i in memchr::memchr_iter(b'<', head) {
        let rest = &head[i + 1..];
        for tag in HTML_TAGS {
            let Some(after) = rest.get(..tag.len()) else { continue };
            if !after.eq_ignore_ascii_case(tag) {
                continue;
            }
            let next = rest.get(tag.len()).copied();
            let boundary =
                tag.starts_with(b"!") || matches!(next, None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'));
            if boundary {
                return Format::Html;
            }
        }
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(sniff_format(b" [ad_1]\n<br><div id=\"x\">"), Format::Html);
        assert_eq!(sniff_format(b"<!DOCTYPE html>"), Format::Html);
        assert_eq!(sniff_format(b"<P>Hello"), Format::Html);
        assert_eq!(sniff_format(b"a <pi> b and x<y"), Format::Text);
        assert_eq!(sniff_format(b"Plain words."), Format::Text);
        assert_eq!(sniff_format(b""), Format::Text);
    }

    #[test]
    fn charsets_in_markup() {
        assert_eq!(declared_charset(b"<html><META CHARSET=\"EUC-KR\">").as_deref(), Some("euc-kr"));
        assert_eq!(
            declared_charset(b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(declared_charset(b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>").as_deref(), Some("shift_jis"));
        assert_eq!(declared_charset(b"<meta name=x>"), None);
        assert_eq!(declared_charset(b"<meta charset="), None);
    }

    #[test]
    fn tlds() {
        assert_eq!(tld_of("http://www.yna.co.kr/a?b").as_deref(), Some("kr"));
        assert_eq!(tld_of("https://user@Example.JP:8080/").as_deref(), Some("jp"));
        assert_eq!(tld_of("http://127.0.0.1/"), None);
        assert_eq!(tld_of("localhost"), None);
        assert_eq!(tld_of("http://xn--p1ai.xn--p1ai/").as_deref(), Some("xn--p1ai"));
    }

    #[test]
    fn binary_checks() {
        assert!(check_binary(b"%PDF-1.4\n").is_err());
        assert!(check_binary(b"abc\0def").is_err());
        assert!(check_binary(b"a\0b\0c\0d\0\x01\0\x02\0\x03\0\x04\0\x05\0").is_err());
        assert!(check_binary(b"\x01\x02\x03abc").is_err());
        assert_eq!(check_binary(b"plain\ttext\n").ok(), Some(None));
        let le: Vec<u8> = "Hello, world".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(check_binary(&le).ok(), Some(Some(UTF_16LE)));
        let be: Vec<u8> = "Hello, world".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(check_binary(&be).ok(), Some(Some(UTF_16BE)));
    }
}
