//! Small helpers: bounded line reading, document ids from file names, dates.

use std::io::{self, BufRead, Cursor, Read};

/// A buffered byte stream that can be sent to another thread.
pub(crate) type Stream = Box<dyn BufRead + Send>;

/// What [`read_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// End of the stream, nothing read.
    Eof,
    /// A line (with its `\n`, if it had one) is in the buffer.
    Read,
    /// The line was longer than the limit; it was read and dropped. Its length.
    TooLong(u64),
}

/// Reads one line into `buf` (cleared first), keeping at most `limit` bytes: a
/// longer line is consumed without being kept, so memory stays bounded.
pub(crate) fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut over = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(match (total, over) {
                (0, _) => Line::Eof,
                (_, true) => Line::TooLong(total),
                _ => Line::Read,
            });
        }
        let (n, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !over {
            if buf.len() + n <= limit {
                buf.extend_from_slice(&avail[..n]);
            } else {
                over = true;
                buf.clear();
            }
        }
        total += n as u64;
        r.consume(n);
        if done {
            return Ok(if over { Line::TooLong(total) } else { Line::Read });
        }
    }
}

/// Reads the first `n` bytes of a stream (fewer at its end) and gives back a
/// stream that still starts at the beginning.
pub(crate) fn peek(mut r: Stream, n: usize) -> io::Result<(Vec<u8>, Stream)> {
    let mut head = Vec::with_capacity(n);
    (&mut r).take(n as u64).read_to_end(&mut head)?;
    let rest: Stream = Box::new(Cursor::new(head.clone()).chain(r));
    Ok((head, rest))
}

/// Reads a whole stream, failing past `limit` bytes (without keeping more than
/// `limit + 1` of them).
pub(crate) fn read_limited(r: &mut dyn Read, limit: u64) -> io::Result<Result<Vec<u8>, ()>> {
    let mut buf = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit { Ok(Err(())) } else { Ok(Ok(buf)) }
}

/// Extensions dropped from a file name to make a document id.
const KNOWN_EXTENSIONS: &[&str] =
    &["gz", "html", "htm", "xhtml", "shtml", "txt", "text", "warc", "jsonl", "ndjson", "json", "xml"];

/// The file name without its extensions: `a.html.gz` -> `a`, `001.txt` ->
/// `001`. Known extensions are dropped repeatedly; an unknown one (up to five
/// letters and digits, at least one a letter) once, when no known one was.
pub fn doc_id_from_name(name: &str) -> &str {
    let mut s = name;
    let mut stripped = false;
    while let Some((stem, ext)) = s.rsplit_once('.') {
        if !stem.is_empty() && KNOWN_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
            s = stem;
            stripped = true;
        } else {
            break;
        }
    }
    if !stripped && let Some((stem, ext)) = s.rsplit_once('.') {
        let plausible = !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
            && ext.bytes().any(|b| b.is_ascii_alphabetic());
        if plausible {
            s = stem;
        }
    }
    s
}

/// Files a folder walk passes over, with the reason: hidden files, the
/// manifest, and the README, LICENSE, SOURCE, COPYING files (the name up to
/// its first `.`, `-` or `_`, any case: `README.TXT`, `LICENSE-CC0-1.0`) and
/// Markdown notes that datasets ship beside their articles.
pub fn is_skipped_name(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if name.starts_with('.') {
        Some("hidden file")
    } else if lower == "manifest.jsonl" {
        Some("manifest")
    } else if ["readme", "license", "licence", "source", "copying"].contains(&first_word(&lower)) {
        Some("dataset notes (README, LICENSE, SOURCE, COPYING)")
    } else if lower.ends_with(".md") {
        Some("Markdown notes")
    } else {
        None
    }
}

/// The name up to its first `.`, `-` or `_`: `license` for `LICENSE-CC0-1.0`.
fn first_word(name: &str) -> &str {
    name.split(['.', '-', '_']).next().unwrap_or(name)
}

/// Whether a text lists other files rather than being an article: every
/// non-blank line is made only of relative paths with a file extension
/// (`./business/007.txt ./business/253.txt`). Such files are indexes that
/// datasets ship beside their articles (a list of duplicates, a file list).
pub fn is_path_listing(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut lines = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !line.split_whitespace().all(is_relative_file_path) {
            return false;
        }
        lines += 1;
    }
    lines > 0
}

fn is_relative_file_path(token: &str) -> bool {
    let ok_chars = token.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-/+~".contains(&b));
    let Some((_, last)) = token.rsplit_once('/') else {
        return false;
    };
    let has_ext = last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && (1..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    ok_chars && !token.starts_with('/') && has_ext
}

/// A number read as a Unix time (seconds, or milliseconds when large) in
/// RFC 3339 UTC, or `None` when it is not plausibly one.
pub(crate) fn epoch_to_iso(v: f64) -> Option<String> {
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    let secs = if v >= 1e11 { v / 1000.0 } else { v };
    if secs > 253_402_300_799.0 {
        return None;
    }
    let secs = secs as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = attache_model::civil_from_days(days);
    Some(format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60))
}

/// A value trimmed, with stray quotes around it removed; `None` when empty.
pub(crate) fn clean_value(s: &str) -> Option<String> {
    let t = s.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids() {
        assert_eq!(doc_id_from_name("a.html.gz"), "a");
        assert_eq!(doc_id_from_name("001.txt"), "001");
        assert_eq!(doc_id_from_name("story.foo"), "story");
        assert_eq!(doc_id_from_name("v1.0"), "v1.0");
        assert_eq!(doc_id_from_name("report.v1.2.html"), "report.v1.2");
        assert_eq!(doc_id_from_name(".html"), ".html");
        assert_eq!(doc_id_from_name("noext"), "noext");
    }

    #[test]
    fn skipped_names() {
        for n in [
            "README.TXT",
            "readme",
            "LICENSE-CC0-1.0",
            "SOURCE.txt",
            "COPYING",
            "notes.md",
            ".hidden",
            "manifest.jsonl",
        ] {
            assert!(is_skipped_name(n).is_some(), "{n}");
        }
        for n in ["001.txt", "a.html", "sources-of-conflict.txt.gz", "licensed-to-kill.html", "readmes.txt"] {
            assert!(is_skipped_name(n).is_none(), "{n}");
        }
    }

    #[test]
    fn listings() {
        assert!(is_path_listing(b"./business/007.txt ./business/253.txt\n./tech/1.txt ./tech/9.txt\n"));
        assert!(is_path_listing(b"a/b.html\n\n"));
        assert!(!is_path_listing(b"Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant"));
        assert!(!is_path_listing(b"see ./a/b.txt for details\n"));
        assert!(!is_path_listing(b"http://example.com/a.html\n"));
        assert!(!is_path_listing(b"   \n"));
    }

    #[test]
    fn epochs() {
        assert_eq!(epoch_to_iso(0.0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(epoch_to_iso(1_700_000_000_000.0).as_deref(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(epoch_to_iso(951_782_400.0).as_deref(), Some("2000-02-29T00:00:00Z"));
        assert_eq!(epoch_to_iso(-1.0), None);
        assert_eq!(epoch_to_iso(f64::NAN), None);
    }

    #[test]
    fn bounded_lines() {
        let mut r = Cursor::new(b"short\nthis one is long\nend".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 8).ok(), Some(Line::Read));
        assert_eq!(buf, b"short\n");
        assert_eq!(read_line(&mut r, &mut buf, 8).ok(), Some(Line::TooLong(17)));
        assert!(buf.is_empty());
        assert_eq!(read_line(&mut r, &mut buf, 8).ok(), Some(Line::Read));
        assert_eq!(buf, b"end");
        assert_eq!(read_line(&mut r, &mut buf, 8).ok(), Some(Line::Eof));
    }
}
