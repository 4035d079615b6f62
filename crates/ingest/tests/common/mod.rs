//! Fixture helpers: every fixture is written at test time into a temporary folder.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use attache_ingest::{InputConfig, InputError, RawInput, decode, read_inputs};
use attache_model::Document;
use flate2::Compression;
use flate2::write::GzEncoder;

pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Everything `read_inputs` yields for these paths.
pub fn read(paths: &[PathBuf], config: &InputConfig) -> Vec<Result<RawInput, InputError>> {
    read_inputs(paths, config).collect()
}

/// Read and decode, keeping errors as their messages.
pub fn read_decoded(paths: &[PathBuf], config: &InputConfig) -> Vec<Result<Document, String>> {
    read_inputs(paths, config).map(|r| r.and_then(|raw| decode(raw, config)).map_err(|e| e.to_string())).collect()
}

pub fn ok_docs(items: &[Result<Document, String>]) -> Vec<&Document> {
    items.iter().filter_map(|r| r.as_ref().ok()).collect()
}

pub fn errors(items: &[Result<Document, String>]) -> Vec<&str> {
    items.iter().filter_map(|r| r.as_ref().err().map(String::as_str)).collect()
}

/// One WARC record.
pub fn warc_record(kind: &str, extra: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n").into_bytes();
    for (k, v) in extra {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}
