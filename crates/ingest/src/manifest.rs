//! `manifest.jsonl`: per-file metadata (doc id, publication date, url, source,
//! language) given beside the articles.

use std::collections::HashMap;
use std::collections::hash_map::Entry as MapEntry;
use std::fs::File;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::InputError;
use crate::util::{Line, clean_value, epoch_to_iso, read_line};

/// The file name a folder's manifest has.
pub const MANIFEST_NAME: &str = "manifest.jsonl";

/// Longest manifest line kept.
const MAX_LINE: usize = 1 << 20;

/// What a manifest says about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ManifestEntry {
    pub doc: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub language: Option<String>,
}

/// A parsed manifest.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    /// The folder the manifest's `file` paths are relative to.
    pub dir: PathBuf,
    by_path: HashMap<String, ManifestEntry>,
    /// By bare file name; `None` when two entries share the name.
    by_name: HashMap<String, Option<ManifestEntry>>,
}

/// `./a/b.html`, `a\\b.html` and `a/x/../b.html` -> `a/b.html`.
fn normalize_key(s: &str) -> String {
    let s = s.trim().replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    for p in s.split('/') {
        match p {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            _ => parts.push(p),
        }
    }
    parts.join("/")
}

/// `path` relative to `base`, both absolute: `/m/../d/a.txt` from `/m` is `../d/a.txt`.
pub(crate) fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &p[common..] {
        rel.push(c);
    }
    rel
}

/// A relative path as a manifest key.
pub(crate) fn path_key(rel: &Path) -> String {
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    normalize_key(&parts.join("/"))
}

impl Manifest {
    /// Reads a manifest; lines that cannot be used come back as errors beside it.
    pub fn load(path: &Path, dir: PathBuf) -> Result<(Manifest, Vec<InputError>), InputError> {
        let shown = path.display().to_string();
        let file = File::open(path).map_err(|source| InputError::Io { path: shown.clone(), source })?;
        let mut reader = BufReader::new(file);
        Self::parse(&mut reader, &shown, dir).map_err(|source| InputError::Io { path: shown, source })
    }

    fn parse(reader: &mut dyn io::BufRead, shown: &str, dir: PathBuf) -> io::Result<(Manifest, Vec<InputError>)> {
        let mut m = Manifest { dir, ..Manifest::default() };
        let mut errors = Vec::new();
        let mut buf = Vec::new();
        let mut line_no = 0u64;
        let mut first_line: HashMap<String, u64> = HashMap::new();
        loop {
            line_no += 1;
            let bad = |message: String| InputError::Manifest { path: shown.to_owned(), line: line_no, message };
            match read_line(reader, &mut buf, MAX_LINE)? {
                Line::Eof => break,
                Line::TooLong(n) => {
                    errors.push(bad(format!("line is {n} bytes long, over {MAX_LINE}")));
                    continue;
                }
                Line::Read => {}
            }
            let mut bytes = buf.as_slice();
            if line_no == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match parse_line(bytes) {
                Ok((file, entry)) => {
                    let key = normalize_key(&file);
                    match first_line.entry(key.clone()) {
                        MapEntry::Occupied(first) => {
                            errors.push(bad(format!(
                                "a second entry for {file:?} (the first is on line {}, and is the one used)",
                                first.get()
                            )));
                            continue;
                        }
                        MapEntry::Vacant(v) => {
                            v.insert(line_no);
                        }
                    }
                    let name = key.rsplit('/').next().unwrap_or(&key).to_owned();
                    m.by_name.entry(name).and_modify(|e| *e = None).or_insert_with(|| Some(entry.clone()));
                    m.by_path.insert(key, entry);
                }
                Err(message) => errors.push(bad(message)),
            }
        }
        Ok((m, errors))
    }

    /// The entry for a path relative to [`Manifest::dir`].
    pub fn get(&self, rel: &Path) -> Option<&ManifestEntry> {
        self.by_path.get(&path_key(rel))
    }

    /// The entry whose file has this name, if only one has.
    pub fn get_by_name(&self, name: &str) -> Option<&ManifestEntry> {
        self.by_name.get(name).and_then(Option::as_ref)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.by_path.len()
    }
}

fn parse_line(bytes: &[u8]) -> Result<(String, ManifestEntry), String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| format!("not JSON ({e})"))?;
    let Value::Object(obj) = value else {
        return Err("not a JSON object".to_owned());
    };
    let file = match obj.get("file") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) | None | Some(Value::Null) => return Err("no \"file\" field".to_owned()),
        Some(_) => return Err("\"file\" is not a string".to_owned()),
    };
    let field = |name: &str| -> Result<Option<String>, String> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(clean_value(s)),
            Some(Value::Number(n)) if name == "published" => Ok(n.as_f64().and_then(epoch_to_iso)),
            Some(Value::Number(n)) if name == "doc" => Ok(Some(n.to_string())),
            Some(_) => Err(format!("{name:?} is not a string")),
        }
    };
    let entry = ManifestEntry {
        doc: field("doc")?,
        published: field("published")?,
        url: field("url")?,
        source: field("source")?,
        language: field("language")?,
    };
    Ok((file, entry))
}

/// Manifests found in folders, loaded once each.
#[derive(Debug, Default)]
pub(crate) struct ManifestCache {
    by_dir: HashMap<PathBuf, Option<Arc<Manifest>>>,
}

impl ManifestCache {
    /// The manifest of a folder, if it has one. Errors reading it (and its bad
    /// lines) are pushed to `errors` the first time it is asked for.
    pub fn get(&mut self, dir: &Path, errors: &mut Vec<InputError>) -> Option<Arc<Manifest>> {
        if let Some(m) = self.by_dir.get(dir) {
            return m.clone();
        }
        let path = if dir.as_os_str().is_empty() { PathBuf::from(MANIFEST_NAME) } else { dir.join(MANIFEST_NAME) };
        let loaded = if path.is_file() {
            match Manifest::load(&path, dir.to_path_buf()) {
                Ok((m, errs)) => {
                    errors.extend(errs);
                    Some(Arc::new(m))
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        } else {
            None
        };
        self.by_dir.insert(dir.to_path_buf(), loaded.clone());
        loaded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_reports_bad_ones() {
        let text = concat!(
            "{\"file\": \"a.html\", \"doc\": \"doc-a\", \"published\": \"2016-01-10\", \"url\": \"'http://x.test/a'\"}\n",
            "\n",
            "{\"file\": \"sub/b.txt\", \"source\": \"KCNA\", \"section\": \"ignored\"}\n",
            "not json\n",
            "{\"doc\": \"no-file\"}\n",
            "{\"file\": \"./a.html\", \"doc\": \"again\"}\n",
            "{\"file\": \"c.txt\", \"url\": 3}\n",
            "{\"file\": \"other/b.txt\"}\n",
            "{\"file\": \"../up/x/../c.txt\"}\n",
        );
        let mut r = io::Cursor::new(text.as_bytes().to_vec());
        let (m, errors) = Manifest::parse(&mut r, "m.jsonl", PathBuf::from("d")).expect("reads");
        assert_eq!(m.len(), 4);
        assert!(m.get(Path::new("../up/c.txt")).is_some());
        assert_eq!(relative_to(Path::new("/m/n"), Path::new("/m/o/p")), PathBuf::from("../../n"));
        let a = m.get(Path::new("a.html")).expect("a");
        assert_eq!(a.doc.as_deref(), Some("doc-a"));
        assert_eq!(a.url.as_deref(), Some("http://x.test/a"));
        assert_eq!(m.get(Path::new("sub/b.txt")).and_then(|e| e.source.as_deref()), Some("KCNA"));
        assert!(m.get_by_name("b.txt").is_none(), "ambiguous name");
        assert!(m.get_by_name("a.html").is_some());
        let lines: Vec<u64> = errors
            .iter()
            .map(|e| match e {
                InputError::Manifest { line, .. } => *line,
                _ => 0,
            })
            .collect();
        assert_eq!(lines, vec![4, 5, 6, 7]);
        assert!(errors[0].to_string().starts_with("m.jsonl:4: bad manifest line"), "{}", errors[0]);
    }
}
