//! Paths to [`RawInput`]s: files, folders, stdin; the kind of each file.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use attache_model::{Format, PublishedFrom, SourceMeta};
use flate2::bufread::MultiGzDecoder;
use walkdir::{DirEntry, WalkDir};

use crate::jsonl::{Defaults, JsonlReader, json_file_records};
use crate::manifest::{MANIFEST_NAME, Manifest, ManifestCache, ManifestEntry, relative_to};
use crate::util::{Stream, doc_id_from_name, is_path_listing, is_skipped_name, peek, read_limited};
use crate::warc::WarcReader;
use crate::{InputConfig, InputError};

/// How much of a stream is looked at to tell what it is.
const HEAD: usize = 8 * 1024;
/// Read buffer size.
const BUF: usize = 64 * 1024;

/// One article's bytes and what is known about it, before decoding.
#[derive(Clone)]
pub struct RawInput {
    pub meta: SourceMeta,
    pub bytes: Vec<u8>,
    /// `None`: sniff the bytes (see [`crate::sniff_format`]).
    pub format: Option<Format>,
    /// The charset the transport declared (a WARC record's HTTP `Content-Type`),
    /// used when the bytes are not UTF-8.
    pub charset: Option<String>,
}

impl RawInput {
    pub fn new(meta: SourceMeta, bytes: Vec<u8>, format: Option<Format>) -> Self {
        Self { meta, bytes, format, charset: None }
    }
}

impl std::fmt::Debug for RawInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawInput")
            .field("meta", &self.meta)
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .field("format", &self.format)
            .field("charset", &self.charset)
            .finish()
    }
}

/// A file a folder walk passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: &'static str,
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One article; `None`: sniff.
    Single(Option<Format>),
    Jsonl,
    Json,
    Warc,
    /// Look at the bytes.
    Sniff,
}

/// The kind of a file by its name, and whether it is gzipped.
fn classify(name: &str) -> (bool, Kind) {
    let lower = name.to_ascii_lowercase();
    let (compressed, inner) = match lower.strip_suffix(".gz") {
        Some(inner) => (true, inner),
        None => (false, lower.as_str()),
    };
    let ext = inner.rsplit_once('.').map_or("", |(_, e)| e);
    let kind = match ext {
        "warc" => Kind::Warc,
        "jsonl" | "ndjson" => Kind::Jsonl,
        "json" => Kind::Json,
        "html" | "htm" | "xhtml" | "shtml" => Kind::Single(Some(Format::Html)),
        "txt" | "text" => Kind::Single(Some(Format::Text)),
        _ => Kind::Sniff,
    };
    (compressed, kind)
}

/// What a stream of unknown kind holds, from its first bytes. `jsonl`: a
/// first non-blank `{` means JSON Lines (for stdin, not for files).
fn sniff_kind(head: &[u8], jsonl: bool) -> Kind {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = head.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &head[i..]).unwrap_or(&[]);
    if first.starts_with(b"WARC/") {
        Kind::Warc
    } else if jsonl && first.starts_with(b"{") {
        Kind::Jsonl
    } else {
        Kind::Single(None)
    }
}

fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(b"\x1f\x8b")
}

fn gunzip(stream: Stream) -> Stream {
    Box::new(BufReader::with_capacity(BUF, MultiGzDecoder::new(stream)))
}

enum Arg {
    Path(PathBuf),
    Stdin,
    Reader(String, Box<dyn Read + Send>),
}

enum Container {
    Jsonl(JsonlReader),
    Warc(WarcReader),
}

type WalkIter = walkdir::FilterEntry<walkdir::IntoIter, fn(&DirEntry) -> bool>;

struct Walk {
    root: PathBuf,
    iter: WalkIter,
}

/// Not hidden (the folder given itself always passes).
fn visible(e: &DirEntry) -> bool {
    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
}

/// One input about to be read.
struct Source {
    /// As shown in origins.
    shown: String,
    /// The document id (manifest's, else from the path); also the prefix of
    /// made-up record ids.
    doc: String,
    stream: Stream,
    compressed: bool,
    kind: Kind,
    entry: Option<ManifestEntry>,
    /// Found by walking a folder (not named by the user).
    walked: bool,
    /// A stream (stdin): JSON Lines when it starts with `{`.
    is_stream: bool,
}

/// The articles of some paths, one at a time. See [`read_inputs`].
pub struct Inputs {
    config: InputConfig,
    args: VecDeque<Arg>,
    walk: Option<Walk>,
    current: Option<Container>,
    pending: VecDeque<Result<RawInput, InputError>>,
    manifests: ManifestCache,
    explicit: Option<Arc<Manifest>>,
    /// The explicit manifest's canonical path, so that a walk passes over it.
    explicit_path: Option<PathBuf>,
    skipped: Vec<Skipped>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("args_left", &self.args.len())
            .field("walking", &self.walk.as_ref().map(|w| &w.root))
            .field("pending", &self.pending.len())
            .field("skipped", &self.skipped.len())
            .finish_non_exhaustive()
    }
}

/// Streams the articles of `paths`: files, folders (walked recursively,
/// sorted, lazily) and `-` for stdin.
///
/// Each file's kind comes from its name: `.gz` is decompressed and the name
/// inside decides; `.warc` gives WARC records, `.jsonl`/`.ndjson` one article
/// per line, `.json` one article or an array of them, `.html`/`.htm`/`.xhtml`
/// HTML, `.txt` text; anything else is looked at (gzip, WARC, else one
/// article whose format [`crate::decode`] sniffs). Stdin is looked at the
/// same way, and is JSON Lines when its first non-blank byte is `{`.
///
/// A folder walk passes over hidden files, `manifest.jsonl`, README, LICENSE,
/// SOURCE and COPYING files, `*.md`, and plain-text files that only list
/// other files (see [`Inputs::skipped`]). A `manifest.jsonl` in a folder being
/// read applies to the files in it and below; one beside a file named on the
/// command line applies to it too.
///
/// An input that cannot be read is an `Err` item; reading goes on with the next.
pub fn read_inputs(paths: &[PathBuf], config: &InputConfig) -> Inputs {
    let args = paths.iter().map(|p| if p.as_os_str() == "-" { Arg::Stdin } else { Arg::Path(p.clone()) }).collect();
    let mut inputs = Inputs::empty(config, args);
    if let Some(path) = &config.manifest {
        inputs.load_explicit_manifest(path);
    }
    inputs
}

impl Inputs {
    fn empty(config: &InputConfig, args: VecDeque<Arg>) -> Self {
        Self {
            config: config.clone(),
            args,
            walk: None,
            current: None,
            pending: VecDeque::new(),
            manifests: ManifestCache::default(),
            explicit: None,
            explicit_path: None,
            skipped: Vec::new(),
        }
    }

    /// The articles of one stream, read like stdin (gzip, WARC, JSON Lines
    /// when it starts with `{`, else one article). `name` shows in origins.
    pub fn from_reader(name: impl Into<String>, reader: impl Read + Send + 'static, config: &InputConfig) -> Self {
        let args = VecDeque::from([Arg::Reader(name.into(), Box::new(reader))]);
        Self::empty(config, args)
    }

    /// Files that folder walks passed over so far, with the reason.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    fn load_explicit_manifest(&mut self, path: &Path) {
        let canonical = match fs::canonicalize(path) {
            Ok(c) => c,
            Err(source) => {
                let shown = path.display().to_string();
                self.pending.push_back(Err(if source.kind() == io::ErrorKind::NotFound {
                    InputError::NotFound { path: shown }
                } else {
                    InputError::Io { path: shown, source }
                }));
                return;
            }
        };
        let dir = canonical.parent().map(Path::to_path_buf).unwrap_or_default();
        match Manifest::load(path, dir) {
            Ok((m, errors)) => {
                self.pending.extend(errors.into_iter().map(Err));
                self.explicit = Some(Arc::new(m));
                self.explicit_path = Some(canonical);
            }
            Err(e) => self.pending.push_back(Err(e)),
        }
    }

    fn next_item(&mut self) -> Option<Result<RawInput, InputError>> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(container) = &mut self.current {
                let item = match container {
                    Container::Jsonl(r) => r.next_record(),
                    Container::Warc(r) => r.next_record(),
                };
                match item {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
                continue;
            }
            if let Some(walk) = &mut self.walk {
                match walk.iter.next() {
                    None => self.walk = None,
                    Some(Err(e)) => {
                        let path =
                            e.path().map_or_else(|| walk.root.display().to_string(), |p| p.display().to_string());
                        self.pending.push_back(Err(InputError::Io { path, source: io::Error::from(e) }));
                    }
                    Some(Ok(entry)) if entry.file_type().is_file() => {
                        let root = walk.root.clone();
                        self.walked_file(entry.into_path(), root);
                    }
                    Some(Ok(_)) => {}
                }
                continue;
            }
            match self.args.pop_front()? {
                Arg::Stdin => self.open_stream("-".to_owned(), Box::new(io::stdin())),
                Arg::Reader(name, reader) => self.open_stream(name, reader),
                Arg::Path(path) => self.open_arg(path),
            }
        }
    }

    fn open_arg(&mut self, path: PathBuf) {
        let shown = path.display().to_string();
        match fs::metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.pending.push_back(Err(InputError::NotFound { path: shown }));
            }
            Err(source) => self.pending.push_back(Err(InputError::Io { path: shown, source })),
            Ok(m) if m.is_dir() => {
                let iter = WalkDir::new(&path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(visible as fn(&DirEntry) -> bool);
                self.walk = Some(Walk { root: path, iter });
            }
            Ok(_) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if name.eq_ignore_ascii_case(MANIFEST_NAME) {
                    self.pending.push_back(Err(InputError::Config {
                        origin: shown,
                        what: "this is a manifest, not articles: name its folder, or pass it with --manifest"
                            .to_owned(),
                    }));
                    return;
                }
                let entry = self.manifest_entry(&path, None);
                let doc =
                    entry.as_ref().and_then(|e| e.doc.clone()).unwrap_or_else(|| doc_id_from_name(&name).to_owned());
                self.open_file(path, name, doc, entry, false);
            }
        }
    }

    fn walked_file(&mut self, path: PathBuf, root: PathBuf) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(reason) = is_skipped_name(&name) {
            self.skipped.push(Skipped { path, reason });
            return;
        }
        if let Some(explicit) = &self.explicit_path
            && explicit.file_name() == path.file_name()
            && fs::canonicalize(&path).is_ok_and(|c| &c == explicit)
        {
            self.skipped.push(Skipped { path, reason: "manifest" });
            return;
        }
        let entry = self.manifest_entry(&path, Some(&root));
        let doc = entry.as_ref().and_then(|e| e.doc.clone()).unwrap_or_else(|| walked_doc_id(&path, &root));
        self.open_file(path, name, doc, entry, true);
    }

    /// The manifest entry for a file: the explicit manifest's, else that of the
    /// nearest folder (from the file's up to `root`) whose manifest lists it.
    fn manifest_entry(&mut self, path: &Path, root: Option<&Path>) -> Option<ManifestEntry> {
        if let Some(m) = &self.explicit {
            let by_path = fs::canonicalize(path).ok().and_then(|c| m.get(&relative_to(&c, &m.dir)).cloned());
            let found = by_path.or_else(|| path.file_name().and_then(|n| m.get_by_name(&n.to_string_lossy()).cloned()));
            if found.is_some() {
                return found;
            }
        }
        let mut errors = Vec::new();
        let mut found = None;
        let mut dir = path.parent();
        while let Some(d) = dir {
            if let Some(m) = self.manifests.get(d, &mut errors)
                && let Some(e) = path.strip_prefix(d).ok().and_then(|rel| m.get(rel))
            {
                found = Some(e.clone());
                break;
            }
            match root {
                Some(root) if d != root => dir = d.parent(),
                _ => break,
            }
        }
        self.pending.extend(errors.into_iter().map(Err));
        found
    }

    fn open_file(&mut self, path: PathBuf, name: String, doc: String, entry: Option<ManifestEntry>, walked: bool) {
        let shown = path.display().to_string();
        let (compressed, kind) = classify(&name);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(source) => {
                self.pending.push_back(Err(InputError::Io { path: shown, source }));
                return;
            }
        };
        if !compressed && matches!(kind, Kind::Single(_) | Kind::Json) {
            let len = file.metadata().map(|m| m.len()).unwrap_or(0);
            if len > self.config.max_bytes {
                self.pending.push_back(Err(InputError::TooLarge {
                    origin: shown,
                    size: Some(len),
                    limit: self.config.max_bytes,
                }));
                return;
            }
        }
        let mut stream: Stream = Box::new(BufReader::with_capacity(BUF, file));
        if compressed {
            stream = gunzip(stream);
        }
        self.start(Source { shown, doc, stream, compressed, kind, entry, walked, is_stream: false });
    }

    fn open_stream(&mut self, name: String, reader: Box<dyn Read + Send>) {
        let doc = if name == "-" { "stdin".to_owned() } else { doc_id_from_name(&name).to_owned() };
        let stream: Stream = Box::new(BufReader::with_capacity(BUF, reader));
        self.start(Source {
            shown: name,
            doc,
            stream,
            compressed: false,
            kind: Kind::Sniff,
            entry: None,
            walked: false,
            is_stream: true,
        });
    }

    /// Reads a source according to its kind (looking at it first if need be).
    fn start(&mut self, mut src: Source) {
        let mut head = Vec::new();
        if matches!(src.kind, Kind::Sniff | Kind::Jsonl | Kind::Json) {
            match self.peek(&mut src) {
                Some(h) => head = h,
                None => return,
            }
        }
        if src.kind == Kind::Sniff && !src.compressed && is_gzip(&head) {
            src.stream = gunzip(src.stream);
            src.compressed = true;
            match self.peek(&mut src) {
                Some(h) => head = h,
                None => return,
            }
        }
        if src.kind == Kind::Sniff {
            src.kind = sniff_kind(&head, src.is_stream);
        }
        if matches!(src.kind, Kind::Jsonl | Kind::Json) && memchr::memchr(0, &head).is_some() {
            self.pending.push_back(Err(InputError::Binary {
                origin: src.shown,
                what: "NUL bytes in what should be JSON".to_owned(),
            }));
            return;
        }
        let defaults = Defaults {
            source: src.entry.as_ref().and_then(|e| e.source.clone()),
            language: src.entry.as_ref().and_then(|e| e.language.clone()),
        };
        let max = self.config.max_bytes;
        match src.kind {
            Kind::Jsonl => {
                let mut r = JsonlReader::new(src.stream, src.shown, src.doc, &self.config, src.compressed);
                r.defaults = defaults;
                self.current = Some(Container::Jsonl(r));
            }
            Kind::Warc => {
                let r = WarcReader::new(src.stream, src.shown, src.doc, defaults, max, src.compressed);
                self.current = Some(Container::Warc(r));
            }
            Kind::Json => {
                if let Some(bytes) = self.read_whole(&mut src) {
                    let records = json_file_records(&bytes, &src.shown, &src.doc, &self.config.jsonl, &defaults, max);
                    self.pending.extend(records);
                }
            }
            Kind::Single(format) => {
                let Some(bytes) = self.read_whole(&mut src) else { return };
                if src.walked && format != Some(Format::Html) && is_path_listing(&bytes) {
                    self.skipped.push(Skipped {
                        path: PathBuf::from(&src.shown),
                        reason: "lists other files (an index of the folder, not an article)",
                    });
                    return;
                }
                let entry = src.entry.unwrap_or_default();
                let meta = SourceMeta {
                    doc: src.doc,
                    origin: src.shown,
                    source: entry.source,
                    url: entry.url,
                    published_from: entry.published.as_ref().map(|_| PublishedFrom::Manifest),
                    published: entry.published,
                    language: entry.language,
                    title: None,
                };
                self.pending.push_back(Ok(RawInput::new(meta, bytes, format)));
            }
            // Sniffing settled the kind above.
            Kind::Sniff => {}
        }
    }

    /// The first bytes of a source; `None` (with an error queued) on failure.
    fn peek(&mut self, src: &mut Source) -> Option<Vec<u8>> {
        let stream = std::mem::replace(&mut src.stream, Box::new(io::empty()));
        match peek(stream, HEAD) {
            Ok((head, stream)) => {
                src.stream = stream;
                Some(head)
            }
            Err(e) => {
                self.pending.push_back(Err(InputError::stream(&src.shown, src.compressed, e)));
                None
            }
        }
    }

    /// All of a source, within the size limit; `None` (with an error queued) on failure.
    fn read_whole(&mut self, src: &mut Source) -> Option<Vec<u8>> {
        let limit = self.config.max_bytes;
        match read_limited(&mut src.stream, limit) {
            Ok(Ok(bytes)) => Some(bytes),
            Ok(Err(())) => {
                self.pending.push_back(Err(InputError::TooLarge { origin: src.shown.clone(), size: None, limit }));
                None
            }
            Err(e) => {
                self.pending.push_back(Err(InputError::stream(&src.shown, src.compressed, e)));
                None
            }
        }
    }
}

/// A walked file's id: its path below the folder given, without extensions
/// (`business/001` for `bbc/business/001.txt` read as `bbc`), so that files of
/// the same name in different subfolders keep distinct ids.
fn walked_doc_id(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.last_mut() {
        *last = doc_id_from_name(last).to_owned();
    }
    parts.join("/")
}

impl Iterator for Inputs {
    type Item = Result<RawInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let forced = self.config.format;
        self.next_item().map(|item| {
            item.map(|mut raw| {
                raw.format = forced.or(raw.format);
                raw
            })
        })
    }
}

impl std::iter::FusedIterator for Inputs {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        assert_eq!(classify("a.warc.gz"), (true, Kind::Warc));
        assert_eq!(classify("A.WARC"), (false, Kind::Warc));
        assert_eq!(classify("x.jsonl.gz"), (true, Kind::Jsonl));
        assert_eq!(classify("x.ndjson"), (false, Kind::Jsonl));
        assert_eq!(classify("x.json"), (false, Kind::Json));
        assert_eq!(classify("a.html.gz"), (true, Kind::Single(Some(Format::Html))));
        assert_eq!(classify("a.txt"), (false, Kind::Single(Some(Format::Text))));
        assert_eq!(classify("a"), (false, Kind::Sniff));
        assert_eq!(classify("a.gz"), (true, Kind::Sniff));
    }

    #[test]
    fn stream_sniffing() {
        assert_eq!(sniff_kind(b"  \n{\"text\": 1}", true), Kind::Jsonl);
        assert_eq!(sniff_kind(b"\xEF\xBB\xBF{\"text\": 1}", true), Kind::Jsonl);
        assert_eq!(sniff_kind(b"{\"text\": 1}", false), Kind::Single(None));
        assert_eq!(sniff_kind(b"WARC/1.1\r\n", false), Kind::Warc);
        assert_eq!(sniff_kind(b"<html>", true), Kind::Single(None));
        assert_eq!(sniff_kind(b"", true), Kind::Single(None));
    }

    #[test]
    fn walked_ids() {
        assert_eq!(walked_doc_id(Path::new("bbc/business/001.txt"), Path::new("bbc")), "business/001");
        assert_eq!(walked_doc_id(Path::new("bbc/a.html.gz"), Path::new("bbc/")), "a");
    }

    #[test]
    fn inputs_are_send() {
        fn send<T: Send>() {}
        send::<Inputs>();
        send::<RawInput>();
    }
}
