//! JSON Lines (one article per line) and JSON (one article, or an array of
//! them) records.

use attache_model::{Format, PublishedFrom, SourceMeta};
use serde_json::{Map, Value};

use crate::util::{Line, Stream, epoch_to_iso, read_line};
use crate::{InputError, JsonlFields, RawInput};

/// Values a file's manifest entry gives every record of the file that lacks them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Defaults {
    pub source: Option<String>,
    pub language: Option<String>,
}

/// Looks up a field; a dotted name also walks into nested objects.
fn lookup<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    if let Some(v) = obj.get(name) {
        return Some(v);
    }
    if !name.contains('.') {
        return None;
    }
    let mut parts = name.split('.');
    let mut cur = obj.get(parts.next()?)?;
    for p in parts {
        cur = cur.as_object()?.get(p)?;
    }
    Some(cur)
}

/// The first candidate holding a non-blank string.
fn first_string(obj: &Map<String, Value>, names: &[String]) -> Option<String> {
    names.iter().find_map(|n| match lookup(obj, n) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    })
}

/// The record's id: a string, or a number written out.
fn first_id(obj: &Map<String, Value>, names: &[String]) -> Option<String> {
    names.iter().find_map(|n| match lookup(obj, n) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Number(x)) => Some(x.to_string()),
        _ => None,
    })
}

/// A date: the first string candidate, else the first number read as a Unix time.
fn first_date(obj: &Map<String, Value>, names: &[String]) -> Option<String> {
    first_string(obj, names).or_else(|| {
        names.iter().find_map(|n| match lookup(obj, n) {
            Some(Value::Number(x)) => x.as_f64().and_then(epoch_to_iso),
            _ => None,
        })
    })
}

/// Turns one parsed record into a [`RawInput`].
pub(crate) fn record_to_raw(
    value: Value,
    fields: &JsonlFields,
    origin: String,
    default_id: String,
    defaults: &Defaults,
    max_bytes: u64,
) -> Result<RawInput, InputError> {
    let Value::Object(mut obj) = value else {
        let kind = match value {
            Value::Array(_) => "an array",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "a boolean",
            _ => "null",
        };
        return Err(InputError::malformed(origin, format!("the record is {kind}, not a JSON object")));
    };
    // Take the text out of the record rather than copying it.
    let mut body: Option<(String, Option<Format>)> = None;
    let mut blank_seen = false;
    for (names, format) in [(&fields.text, None), (&fields.html, Some(Format::Html))] {
        for n in names {
            let found = match obj.get_mut(n.as_str()) {
                Some(v) => Some(v),
                None if n.contains('.') => lookup_mut(&mut obj, n),
                None => None,
            };
            if let Some(Value::String(s)) = found {
                if s.trim().is_empty() {
                    blank_seen = true;
                } else {
                    body = Some((std::mem::take(s), format));
                    break;
                }
            }
        }
        if body.is_some() {
            break;
        }
    }
    let (text, format) = match body {
        Some(b) => b,
        None if blank_seen => (String::new(), None),
        None => {
            let mut present: Vec<&str> = obj.keys().map(String::as_str).take(12).collect();
            if obj.len() > 12 {
                present.push("...");
            }
            return Err(InputError::malformed(
                origin,
                format!(
                    "no article text: none of the fields {} (text) or {} (HTML) holds a string; the record has {}; \
                     name the field with text=FIELD",
                    fields.text.join(", "),
                    fields.html.join(", "),
                    if present.is_empty() { "no fields".to_owned() } else { format!("fields {}", present.join(", ")) }
                ),
            ));
        }
    };
    if text.len() as u64 > max_bytes {
        return Err(InputError::TooLarge { origin, size: Some(text.len() as u64), limit: max_bytes });
    }
    let published = first_date(&obj, &fields.date);
    let meta = SourceMeta {
        doc: first_id(&obj, &fields.id).unwrap_or(default_id),
        origin,
        source: first_string(&obj, &fields.source).or_else(|| defaults.source.clone()),
        url: first_string(&obj, &fields.url),
        published_from: published.as_ref().map(|_| PublishedFrom::Record),
        published,
        language: first_string(&obj, &fields.language).or_else(|| defaults.language.clone()),
        title: first_string(&obj, &fields.title),
    };
    Ok(RawInput { meta, bytes: text.into_bytes(), format, charset: None })
}

fn lookup_mut<'a>(obj: &'a mut Map<String, Value>, name: &str) -> Option<&'a mut Value> {
    let mut parts = name.split('.');
    let mut cur = obj.get_mut(parts.next()?)?;
    for p in parts {
        cur = cur.as_object_mut()?.get_mut(p)?;
    }
    Some(cur)
}

/// Reads a JSON Lines stream one line at a time.
pub(crate) struct JsonlReader {
    pub reader: Stream,
    /// The path as shown in origins.
    pub shown: String,
    /// Prefix of ids made up for records without one (`<stem>#<line>`).
    pub stem: String,
    pub fields: JsonlFields,
    pub defaults: Defaults,
    pub max_bytes: u64,
    pub compressed: bool,
    pub line_no: u64,
    pub buf: Vec<u8>,
    pub done: bool,
}

impl std::fmt::Debug for JsonlReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonlReader").field("path", &self.shown).field("line", &self.line_no).finish_non_exhaustive()
    }
}

impl JsonlReader {
    pub fn new(reader: Stream, shown: String, stem: String, config: &crate::InputConfig, compressed: bool) -> Self {
        Self {
            reader,
            shown,
            stem,
            fields: config.jsonl.clone(),
            defaults: Defaults::default(),
            max_bytes: config.max_bytes,
            compressed,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    pub fn next_record(&mut self) -> Option<Result<RawInput, InputError>> {
        // JSON escapes make a line longer than its text; allow for some of that.
        let limit = usize::try_from(self.max_bytes.saturating_mul(2).saturating_add(4096)).unwrap_or(usize::MAX);
        while !self.done {
            self.line_no += 1;
            let origin = format!("{}:{}", self.shown, self.line_no);
            match read_line(&mut *self.reader, &mut self.buf, limit) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::stream(&origin, self.compressed, e)));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong(n)) => {
                    return Some(Err(InputError::TooLarge { origin, size: Some(n), limit: self.max_bytes }));
                }
                Ok(Line::Read) => {
                    let mut bytes = self.buf.as_slice();
                    if self.line_no == 1 {
                        bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let value: Value = match serde_json::from_slice(bytes) {
                        Ok(v) => v,
                        Err(e) => {
                            return Some(Err(InputError::malformed(origin, format!("not a JSON line ({e})"))));
                        }
                    };
                    let default_id = format!("{}#{}", self.stem, self.line_no);
                    return Some(record_to_raw(
                        value,
                        &self.fields,
                        origin,
                        default_id,
                        &self.defaults,
                        self.max_bytes,
                    ));
                }
            }
        }
        None
    }
}

/// The records of a whole JSON file: one object, or an array of objects.
pub(crate) fn json_file_records(
    bytes: &[u8],
    shown: &str,
    doc: &str,
    fields: &JsonlFields,
    defaults: &Defaults,
    max_bytes: u64,
) -> Vec<Result<RawInput, InputError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match serde_json::from_slice::<Value>(bytes) {
        Err(e) => vec![Err(InputError::malformed(shown, format!("not valid JSON ({e})")))],
        Ok(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                record_to_raw(v, fields, format!("{shown}#{}", i + 1), format!("{doc}#{}", i + 1), defaults, max_bytes)
            })
            .collect(),
        Ok(v) => vec![record_to_raw(v, fields, shown.to_owned(), doc.to_owned(), defaults, max_bytes)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputConfig;

    fn reader(text: &str) -> JsonlReader {
        let stream: Stream = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        JsonlReader::new(stream, "in.jsonl".into(), "in".into(), &InputConfig::default(), false)
    }

    #[test]
    fn news_please_shape() {
        let line = r#"{"title": "T", "maintext": "Body text.", "date_publish": "2017-01-15 12:00:00", "url": "https://x.test/a", "source_domain": "x.test", "language": "en", "filename": "x.json", "date_download": "2020-01-01"}"#;
        let mut r = reader(line);
        let raw = r.next_record().expect("one").expect("ok");
        assert_eq!(raw.bytes, b"Body text.");
        assert_eq!(raw.meta.doc, "x.json");
        assert_eq!(raw.meta.title.as_deref(), Some("T"));
        assert_eq!(raw.meta.published.as_deref(), Some("2017-01-15 12:00:00"));
        assert_eq!(raw.meta.published_from, Some(PublishedFrom::Record));
        assert_eq!(raw.meta.source.as_deref(), Some("x.test"));
        assert_eq!(raw.meta.origin, "in.jsonl:1");
        assert!(r.next_record().is_none());
    }

    #[test]
    fn epoch_dates_nested_fields_and_html() {
        let mut r = reader(
            "{\"meta\": {\"t\": \"<p>x</p>\"}, \"date\": 1700000000000, \"date_iso\": \"2023-11-14\"}\n{\"html\": \"<p>y</p>\", \"date\": 1700000000000}\n",
        );
        r.fields.text = vec!["meta.t".into()];
        let a = r.next_record().expect("a").expect("ok");
        assert_eq!(a.bytes, b"<p>x</p>");
        assert_eq!(a.format, None);
        assert_eq!(a.meta.published.as_deref(), Some("2023-11-14"));
        assert_eq!(a.meta.doc, "in#1");
        let b = r.next_record().expect("b").expect("ok");
        assert_eq!(b.format, Some(Format::Html));
        assert_eq!(b.meta.published.as_deref(), Some("2023-11-14T22:13:20Z"));
    }

    #[test]
    fn bad_lines_are_errors_and_reading_goes_on() {
        let mut r = reader("{bad\n[1]\n{\"x\": 1}\n{\"text\": \"ok\"}\n");
        let e1 = r.next_record().expect("1").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e1.starts_with("in.jsonl:1: not a JSON line"), "{e1}");
        let e2 = r.next_record().expect("2").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e2.contains("an array"), "{e2}");
        let e3 = r.next_record().expect("3").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e3.contains("no article text") && e3.contains("fields x"), "{e3}");
        assert!(r.next_record().expect("4").is_ok());
        assert!(r.next_record().is_none());
    }
}
