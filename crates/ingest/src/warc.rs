//! WARC 1.0/1.1 files, read one record at a time.

use std::io::{self, Read};

use attache_model::{Format, PublishedFrom, SourceMeta};
use flate2::read::{MultiGzDecoder, ZlibDecoder};

use crate::jsonl::Defaults;
use crate::util::{Line, Stream, read_limited, read_line};
use crate::{InputError, RawInput};

/// Longest header line kept.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Most header lines in one record.
const MAX_HEADER_LINES: usize = 1024;

/// Reads a WARC stream record by record.
pub(crate) struct WarcReader {
    reader: Stream,
    shown: String,
    stem: String,
    defaults: Defaults,
    max_bytes: u64,
    compressed: bool,
    /// Records seen so far (the last one's number).
    record_no: u64,
    /// Looking for the next `WARC/` line after a broken record.
    resyncing: bool,
    done: bool,
    line: Vec<u8>,
}

impl std::fmt::Debug for WarcReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcReader").field("path", &self.shown).field("record", &self.record_no).finish_non_exhaustive()
    }
}

/// What became of one record.
enum Outcome {
    Take(RawInput),
    Skip,
    Fail(InputError),
}

struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl WarcReader {
    pub fn new(
        reader: Stream,
        shown: String,
        stem: String,
        defaults: Defaults,
        max_bytes: u64,
        compressed: bool,
    ) -> Self {
        Self {
            reader,
            shown,
            stem,
            defaults,
            max_bytes,
            compressed,
            record_no: 0,
            resyncing: false,
            done: false,
            line: Vec::new(),
        }
    }

    fn origin(&self) -> String {
        format!("{}#{}", self.shown, self.record_no)
    }

    /// Stops reading this file with an error for the stream.
    fn fail_stream(&mut self, e: io::Error) -> Option<Result<RawInput, InputError>> {
        self.done = true;
        let origin = if self.record_no == 0 { self.shown.clone() } else { self.origin() };
        Some(Err(InputError::stream(&origin, self.compressed, e)))
    }

    pub fn next_record(&mut self) -> Option<Result<RawInput, InputError>> {
        while !self.done {
            // The version line, after any blank lines.
            match read_line(&mut *self.reader, &mut self.line, MAX_HEADER_LINE) {
                Err(e) => return self.fail_stream(e),
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::TooLong(_)) => {}
                Ok(Line::Read) if self.line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) if self.line.starts_with(b"WARC/") => {
                    self.resyncing = false;
                    self.record_no += 1;
                    match self.read_record() {
                        Outcome::Take(raw) => return Some(Ok(raw)),
                        Outcome::Skip => continue,
                        Outcome::Fail(e) => return Some(Err(e)),
                    }
                }
                Ok(Line::Read) => {}
            }
            // Something other than a version line where one should be.
            if !self.resyncing {
                self.resyncing = true;
                self.record_no += 1;
                let found = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]).trim().to_owned();
                return Some(Err(InputError::malformed(
                    self.origin(),
                    format!(
                        "expected a WARC record (a \"WARC/1.x\" line), found {found:?}; skipping to the next record"
                    ),
                )));
            }
        }
        None
    }

    /// Reads the headers and block of a record whose version line was just read.
    fn read_record(&mut self) -> Outcome {
        let origin = self.origin();
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let got = match read_line(&mut *self.reader, &mut self.line, MAX_HEADER_LINE) {
                Err(e) => {
                    self.done = true;
                    return Outcome::Fail(InputError::stream(&origin, self.compressed, e));
                }
                Ok(got) => got,
            };
            match got {
                Line::Eof => {
                    self.done = true;
                    return Outcome::Fail(InputError::malformed(origin, "the file ends inside a WARC record's header"));
                }
                Line::TooLong(n) => return self.bad_header(origin, format!("a header line of {n} bytes")),
                Line::Read => {}
            }
            let line = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                break;
            }
            if headers.len() >= MAX_HEADER_LINES {
                return self.bad_header(origin, format!("more than {MAX_HEADER_LINES} header lines"));
            }
            let line = String::from_utf8_lossy(line);
            if line.starts_with([' ', '\t'])
                && let Some((_, v)) = headers.last_mut()
            {
                v.push(' ');
                v.push_str(line.trim());
                continue;
            }
            match line.split_once(':') {
                Some((k, v)) if !k.trim().is_empty() => headers.push((k.trim().to_owned(), v.trim().to_owned())),
                _ => {
                    let shown: String = line.chars().take(40).collect();
                    return self.bad_header(origin, format!("a header line without a name (\"{shown}\")"));
                }
            }
        }
        let headers = Headers(headers);
        let Some(length) = headers.get("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            return self.bad_header(origin, "no valid Content-Length".to_owned());
        };
        let kind = headers.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = match kind.as_str() {
            "response" => {
                headers.get("Content-Type").is_none_or(|ct| ct.to_ascii_lowercase().starts_with("application/http"))
            }
            "resource" | "conversion" => headers.get("Content-Type").is_none_or(|ct| content_kind(ct).is_some()),
            _ => false,
        };
        if !wanted || length > self.max_bytes {
            if let Err(e) = self.skip_block(length, &origin) {
                return Outcome::Fail(e);
            }
            return if wanted {
                Outcome::Fail(InputError::TooLarge { origin, size: Some(length), limit: self.max_bytes })
            } else {
                Outcome::Skip
            };
        }
        let mut block = Vec::with_capacity(usize::try_from(length).unwrap_or(0).min(1 << 20));
        if let Err(e) = (&mut *self.reader).take(length).read_to_end(&mut block) {
            self.done = true;
            return Outcome::Fail(InputError::stream(&origin, self.compressed, e));
        }
        if (block.len() as u64) < length {
            self.done = true;
            return Outcome::Fail(InputError::malformed(
                origin,
                format!("truncated: the record says {length} bytes, the file ends after {}", block.len()),
            ));
        }
        let record_id = headers.get("WARC-Record-ID").map(record_doc_id);
        let url =
            headers.get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_owned()).filter(|u| !u.is_empty());
        let published = headers.get("WARC-Date").map(str::to_owned).filter(|d| !d.is_empty());
        let meta = SourceMeta {
            doc: record_id.unwrap_or_else(|| format!("{}#{}", self.stem, self.record_no)),
            origin: origin.clone(),
            source: self.defaults.source.clone(),
            url,
            published_from: published.as_ref().map(|_| PublishedFrom::Inferred),
            published,
            language: self.defaults.language.clone(),
            title: None,
        };
        if kind == "response" {
            response_payload(block, meta, self.max_bytes)
        } else {
            let ct = headers.get("Content-Type");
            let format = ct.and_then(content_kind).flatten();
            let charset = ct.and_then(charset_param);
            Outcome::Take(RawInput { meta, bytes: block, format, charset })
        }
    }

    /// Reports a broken header and looks for the next record.
    fn bad_header(&mut self, origin: String, what: String) -> Outcome {
        self.resyncing = true;
        Outcome::Fail(InputError::malformed(origin, format!("bad WARC header: {what}; skipping to the next record")))
    }

    /// Reads past a block without keeping it.
    fn skip_block(&mut self, length: u64, origin: &str) -> Result<(), InputError> {
        match io::copy(&mut (&mut *self.reader).take(length), &mut io::sink()) {
            Ok(n) if n == length => Ok(()),
            Ok(n) => {
                self.done = true;
                Err(InputError::malformed(
                    origin,
                    format!("truncated: the record says {length} bytes, the file ends after {n}"),
                ))
            }
            Err(e) => {
                self.done = true;
                Err(InputError::stream(origin, self.compressed, e))
            }
        }
    }
}

/// `<urn:uuid:0f5c...>` -> `0f5c...`; other ids lose their brackets and `urn:`.
fn record_doc_id(id: &str) -> String {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    let lower = id.to_ascii_lowercase();
    if lower.starts_with("urn:uuid:") {
        id["urn:uuid:".len()..].to_owned()
    } else if lower.starts_with("urn:") {
        id["urn:".len()..].to_owned()
    } else {
        id.to_owned()
    }
}

/// `Some(Some(format))` for HTML and plain text media types, `Some(None)` for
/// none given, `None` for anything else (images, scripts, ...).
fn content_kind(ct: &str) -> Option<Option<Format>> {
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match mime.as_str() {
        "" => Some(None),
        "text/html" | "application/xhtml+xml" => Some(Some(Format::Html)),
        "text/plain" => Some(Some(Format::Text)),
        _ => None,
    }
}

/// The `charset` parameter of a media type.
pub(crate) fn charset_param(ct: &str) -> Option<String> {
    ct.split(';')
        .skip(1)
        .find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']).to_owned())
        })
        .filter(|c| !c.is_empty())
}

/// The payload of an HTTP response record, or why not.
fn response_payload(mut block: Vec<u8>, meta: SourceMeta, max_bytes: u64) -> Outcome {
    let origin = meta.origin.clone();
    if !block.starts_with(b"HTTP/") {
        return Outcome::Fail(InputError::malformed(origin, "the response record does not hold an HTTP response"));
    }
    let Some((head_len, body_start)) = find_header_end(&block) else {
        return Outcome::Fail(InputError::malformed(origin, "the HTTP response headers never end"));
    };
    let head = String::from_utf8_lossy(&block[..head_len]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    if !(200..300).contains(&code) {
        return Outcome::Skip;
    }
    let mut http = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = http.last_mut() {
                let v: &mut String = v;
                v.push(' ');
                v.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            http.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let http = Headers(http);
    let ct = http.get("Content-Type");
    let format = match ct.map(content_kind) {
        None => None,
        Some(Some(f)) => f,
        Some(None) => return Outcome::Skip,
    };
    let charset = ct.and_then(charset_param);
    block.drain(..body_start);
    let mut body = block;
    if http.get("Transfer-Encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked")) {
        match dechunk(&body) {
            Ok(b) => body = b,
            Err(what) => return Outcome::Fail(InputError::malformed(origin, format!("bad chunked HTTP body: {what}"))),
        }
    }
    let encoding = http.get("Content-Encoding").unwrap_or("").trim().to_ascii_lowercase();
    match encoding.as_str() {
        "" | "identity" => {}
        "gzip" | "x-gzip" | "deflate" => {
            let decoded = if encoding == "deflate" {
                read_limited(&mut ZlibDecoder::new(body.as_slice()), max_bytes)
                    .or_else(|_| read_limited(&mut flate2::read::DeflateDecoder::new(body.as_slice()), max_bytes))
            } else {
                read_limited(&mut MultiGzDecoder::new(body.as_slice()), max_bytes)
            };
            match decoded {
                Ok(Ok(b)) => body = b,
                Ok(Err(())) => return Outcome::Fail(InputError::TooLarge { origin, size: None, limit: max_bytes }),
                Err(e) => {
                    return Outcome::Fail(InputError::malformed(
                        origin,
                        format!("the HTTP body (Content-Encoding: {encoding}) does not decompress: {e}"),
                    ));
                }
            }
        }
        other => {
            return Outcome::Fail(InputError::malformed(
                origin,
                format!("the HTTP body is compressed with {other:?}, which is not supported"),
            ));
        }
    }
    if body.len() as u64 > max_bytes {
        return Outcome::Fail(InputError::TooLarge { origin, size: Some(body.len() as u64), limit: max_bytes });
    }
    Outcome::Take(RawInput { meta, bytes: body, format, charset })
}

/// Where the HTTP headers end: (length of the header text, start of the body).
fn find_header_end(block: &[u8]) -> Option<(usize, usize)> {
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Undoes `Transfer-Encoding: chunked`. The result is never longer than the input.
fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    loop {
        let Some(nl) = memchr::memchr(b'\n', &body[pos..]) else {
            return Err("a chunk size line is missing".to_owned());
        };
        let line = String::from_utf8_lossy(&body[pos..pos + nl]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| format!("bad chunk size {size_text:?}"))?;
        pos += nl + 1;
        if size == 0 {
            return Ok(out);
        }
        let end =
            pos.checked_add(size).filter(|&e| e <= body.len()).ok_or("a chunk runs past the end of the record")?;
        out.extend_from_slice(&body[pos..end]);
        pos = end;
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if body[pos..].starts_with(b"\n") {
            pos += 1;
        }
        if pos >= body.len() {
            // No terminating zero chunk: accept what there is.
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").ok(), Some(b"Wikipedia".to_vec()));
        assert!(dechunk(b"zz\r\nabc").is_err());
        assert!(dechunk(b"ff\r\nabc").is_err());
        assert!(dechunk(b"ffffffffffffffffff\r\nabc").is_err());
    }

    #[test]
    fn ids_and_types() {
        assert_eq!(record_doc_id("<urn:uuid:0f5c-11>"), "0f5c-11");
        assert_eq!(record_doc_id("<urn:x:1>"), "x:1");
        assert_eq!(content_kind("text/html; charset=EUC-KR"), Some(Some(Format::Html)));
        assert_eq!(content_kind("image/png"), None);
        assert_eq!(charset_param("text/html; charset=\"EUC-KR\"").as_deref(), Some("EUC-KR"));
    }
}
