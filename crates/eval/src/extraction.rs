//! The article-extraction benchmark metric of scrapinghub's
//! `article-extraction-benchmark` (`evaluate.py`), reproduced exactly.
//!
//! * Tokens are the matches of `\w+` with Python's Unicode semantics, where a
//!   word character is a letter (`\p{L}`), a number (`\p{N}`) or `_`. (The
//!   regex crate's `\w` also takes combining marks and joiners, so it would
//!   split some words differently from the reference; we spell the class out.)
//!   Case is kept.
//! * Shingles are the word 4-grams, counted as a multiset. A text with fewer
//!   than 4 tokens has one shingle, its whole token sequence (as `evaluate.py`
//!   does: `range(0, max(1, len(tokens) - n + 1))` yields index 0 and
//!   `tokens[0:4]` is then the short sequence); an empty text has none.
//! * Per page, `tp = Σ min(gold, pred)`, `fp = Σ (pred - gold)+`,
//!   `fn = Σ (gold - pred)+`, each divided by `tp + fp + fn` when that is not 0.
//! * Page precision is `tp / (tp + fp)` and recall `tp / (tp + fn)`; a page with
//!   `fp = fn = 0` scores 1 on both (so does a page where both texts are empty).
//! * The benchmark's precision is the mean of page precisions over the pages
//!   where `tp + fp > 0` (the prediction has shingles), its recall the mean of
//!   page recalls over pages where `tp + fn > 0` (the gold has shingles): this is
//!   what `evaluate.py` averages, so a page with an empty prediction counts
//!   against recall only, and a page where both are empty counts in neither.
//!   F1 is the harmonic mean of the two means.
//!
//! With this, `evaluate_peer` on the benchmark's `trafilatura.json` gives
//! F1 0.958 as published.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use regex::Regex;
use serde_json::Value;

/// Scores of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
    /// Normalised true positives, false positives and false negatives.
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

/// Scores of a run over the benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Pages in id order.
    pub pages: Vec<PageScore>,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Wall time spent decompressing pages and predicting (0 for a peer file).
    pub seconds: f64,
}

/// What can go wrong reading a benchmark.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} is not valid JSON: {source}", path.display())]
    Json { path: PathBuf, source: serde_json::Error },
    #[error("{}: {message}", path.display())]
    Format { path: PathBuf, message: String },
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r"[\p{L}\p{N}_]+").unwrap()
});

/// The benchmark's tokens of a text.
pub fn tokenize(text: &str) -> Vec<&str> {
    TOKEN.find_iter(text).map(|m| m.as_str()).collect()
}

/// Word 4-gram shingles of a text, counted.
fn shingles<'t>(tokens: &'t [&'t str]) -> HashMap<&'t [&'t str], u32> {
    let mut out = HashMap::with_capacity(tokens.len());
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        out.insert(tokens, 1);
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w).or_insert(0) += 1;
    }
    out
}

/// Normalised (tp, fp, fn) of a prediction against the gold text.
pub fn shingle_matching(gold: &str, pred: &str) -> (f64, f64, f64) {
    let gt = tokenize(gold);
    let pt = tokenize(pred);
    let g = shingles(&gt);
    let p = shingles(&pt);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += u64::from(gc.min(pc));
        fn_ += u64::from(gc.saturating_sub(pc));
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        fp += u64::from(pc.saturating_sub(gc));
    }
    let s = (tp + fp + fn_) as f64;
    if s > 0.0 { (tp as f64 / s, fp as f64 / s, fn_ as f64 / s) } else { (0.0, 0.0, 0.0) }
}

fn precision_score(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall_score(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

/// Scores one page.
pub fn score_page(id: &str, gold: &str, pred: &str) -> PageScore {
    let (tp, fp, fn_) = shingle_matching(gold, pred);
    PageScore {
        id: id.to_owned(),
        precision: precision_score(tp, fp, fn_),
        recall: recall_score(tp, fp, fn_),
        tp,
        fp,
        fn_,
    }
}

/// Averages page scores as `evaluate.py` does.
pub fn report(mut pages: Vec<PageScore>, seconds: f64) -> Report {
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    let mean = |v: Vec<f64>| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let precision = mean(pages.iter().filter(|p| p.tp + p.fp > 0.0).map(|p| p.precision).collect());
    let recall = mean(pages.iter().filter(|p| p.tp + p.fn_ > 0.0).map(|p| p.recall).collect());
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Report { pages, precision, recall, f1, seconds }
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io { path: path.to_owned(), source })?;
    serde_json::from_slice(&bytes).map_err(|source| EvalError::Json { path: path.to_owned(), source })
}

/// Reads `{id: {"articleBody": text}}`, or the same wrapped as `{"output": {...}}`.
fn read_bodies(path: &Path) -> Result<HashMap<String, String>, EvalError> {
    let v = read_json(path)?;
    let format = |message: &str| EvalError::Format { path: path.to_owned(), message: message.to_owned() };
    let map = match v.get("output") {
        Some(Value::Object(o)) => o,
        _ => v.as_object().ok_or_else(|| format("expected an object of {id: {\"articleBody\": ...}}"))?,
    };
    let mut out = HashMap::with_capacity(map.len());
    for (id, item) in map {
        let body = match item.get("articleBody") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(_) => return Err(format(&format!("articleBody of {id} is not a string"))),
        };
        out.insert(id.clone(), body);
    }
    Ok(out)
}

/// The document id of a benchmark file: its name without extensions.
pub fn doc_id(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match name.find('.') {
        Some(p) if p > 0 => name[..p].to_owned(),
        _ => name,
    }
}

/// Decompresses a gzip file (or reads a plain one) into a string.
pub fn read_page(path: &Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io { path: path.to_owned(), source })?;
    decode_page(path, &bytes)
}

fn decode_page(path: &Path, bytes: &[u8]) -> Result<String, EvalError> {
    let raw = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(bytes.len() * 6);
        flate2::read::MultiGzDecoder::new(bytes)
            .read_to_end(&mut out)
            .map_err(|source| EvalError::Io { path: path.to_owned(), source })?;
        out
    } else {
        bytes.to_vec()
    };
    Ok(match String::from_utf8(raw) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The benchmark's pages: `(id, path)` sorted by id.
pub fn pages(bench_dir: &Path) -> Result<Vec<(String, PathBuf)>, EvalError> {
    let dir = bench_dir.join("html");
    let rd = std::fs::read_dir(&dir).map_err(|source| EvalError::Io { path: dir.clone(), source })?;
    let mut out = Vec::new();
    for e in rd {
        let e = e.map_err(|source| EvalError::Io { path: dir.clone(), source })?;
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".html.gz") || name.ends_with(".html") {
            out.push((doc_id(&path), path));
        }
    }
    out.sort();
    Ok(out)
}

/// Runs `predict` on every page of the benchmark in `bench_dir` (which holds
/// `ground-truth.json` and `html/*.html.gz`) and scores it. `predict` gets the
/// decoded HTML and returns the article body. Pages run one after another on
/// the calling thread, so `seconds` is a single-core time.
pub fn evaluate<F: Fn(&str) -> String + Sync>(bench_dir: &Path, predict: F) -> Result<Report, EvalError> {
    let gt_path = bench_dir.join("ground-truth.json");
    let gold = read_bodies(&gt_path)?;
    let files = pages(bench_dir)?;
    // Read the files first so that the timing covers decompression and
    // extraction, not the disk.
    let mut compressed = Vec::with_capacity(files.len());
    for (id, path) in &files {
        if !gold.contains_key(id) {
            return Err(EvalError::Format { path: gt_path, message: format!("no ground truth for page {id}") });
        }
        let bytes = std::fs::read(path).map_err(|source| EvalError::Io { path: path.clone(), source })?;
        compressed.push(bytes);
    }
    if files.len() != gold.len() {
        return Err(EvalError::Format {
            path: bench_dir.join("html"),
            message: format!("{} pages for {} ground-truth entries", files.len(), gold.len()),
        });
    }
    let mut elapsed = Duration::ZERO;
    let mut scores = Vec::with_capacity(files.len());
    for ((id, path), bytes) in files.iter().zip(&compressed) {
        let t = Instant::now();
        let html = decode_page(path, bytes)?;
        let pred = predict(&html);
        elapsed += t.elapsed();
        scores.push(score_page(id, &gold[id], &pred));
    }
    Ok(report(scores, elapsed.as_secs_f64()))
}

/// Scores a peer extractor's output file (`{id: {"articleBody": ...}}`, or
/// wrapped as `{"version": ..., "output": {...}}`) against the ground truth.
pub fn evaluate_peer(bench_dir: &Path, peer_json: &Path) -> Result<Report, EvalError> {
    let gold = read_bodies(&bench_dir.join("ground-truth.json"))?;
    let peer = read_bodies(peer_json)?;
    if let Some(id) = gold.keys().find(|k| !peer.contains_key(*k)) {
        return Err(EvalError::Format { path: peer_json.to_owned(), message: format!("no prediction for page {id}") });
    }
    if let Some(id) = peer.keys().find(|k| !gold.contains_key(*k)) {
        return Err(EvalError::Format {
            path: peer_json.to_owned(),
            message: format!("page {id} is not in the ground truth"),
        });
    }
    let scores = gold.iter().map(|(id, g)| score_page(id, g, &peer[id])).collect();
    Ok(report(scores, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python() {
        assert_eq!(tokenize("It's 20% off—e.g. naïve_x ½"), vec!["It", "s", "20", "off", "e", "g", "naïve_x", "½"]);
    }

    #[test]
    fn perfect_and_disjoint() {
        let (tp, fp, fn_) = shingle_matching("a b c d e", "a b c d e");
        assert_eq!((tp, fp, fn_), (1.0, 0.0, 0.0));
        let (tp, fp, fn_) = shingle_matching("a b c d e", "v w x y z");
        assert_eq!((tp, fp, fn_), (0.0, 0.5, 0.5));
    }

    #[test]
    fn partial_overlap_counts_multisets() {
        // gold shingles: abcd bcde; pred: abcd abcd(dup? no) -> "a b c d a b c d" = abcd bcda cdab dabc abcd
        let (tp, fp, fn_) = shingle_matching("a b c d e", "a b c d a b c d");
        // tp = 1 (abcd once), fp = 4, fn = 1 -> normalised by 6
        assert!((tp - 1.0 / 6.0).abs() < 1e-12 && (fp - 4.0 / 6.0).abs() < 1e-12 && (fn_ - 1.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingle_matching("one two", "one two"), (1.0, 0.0, 0.0));
        assert_eq!(shingle_matching("one two", "one two three"), (0.0, 0.5, 0.5));
        assert_eq!(shingle_matching("", ""), (0.0, 0.0, 0.0));
    }

    #[test]
    fn averaging_skips_empty_denominators() {
        let pages = vec![
            score_page("a", "w x y z", "w x y z"),
            score_page("b", "w x y z q", ""), // empty prediction: recall 0, no precision
            score_page("c", "", ""),          // both empty: counted nowhere
            score_page("d", "w x y z", "w x y z q"), // precision 0 (the one shingle differs... )
        ];
        assert_eq!(pages[2].precision, 1.0);
        assert_eq!(pages[2].recall, 1.0);
        let r = report(pages, 0.0);
        // precision over a and d; recall over a, b, d.
        let d = &r.pages[3];
        assert!((r.precision - (1.0 + d.precision) / 2.0).abs() < 1e-12);
        assert!((r.recall - (1.0 + 0.0 + d.recall) / 3.0).abs() < 1e-12);
    }

    #[test]
    fn doc_ids() {
        assert_eq!(doc_id(Path::new("x/abc.html.gz")), "abc");
        assert_eq!(doc_id(Path::new("abc")), "abc");
    }
}
