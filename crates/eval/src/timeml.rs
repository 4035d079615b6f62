//! TempEval-3 scoring of time expressions on TimeML files.
//!
//! * Each `.tml` file under the folder is read; its document creation time is
//!   the `value` of the TIMEX3 inside `<DCT>` (or of any TIMEX3 with
//!   `functionInDocument="CREATION_TIME"`).
//! * Only the `<TEXT>` element is tagged. Offsets are byte offsets into its
//!   text content with the markup stripped and the XML entities decoded; the
//!   gold TIMEX3 spans are measured on the same string.
//! * Strict match: the same span. Relaxed match: any overlap (one to one,
//!   greedy by overlap). Precision, recall and F1 for both.
//! * Attributes as TempEval-3 scores them: over the relaxed-matched pairs,
//!   value (type) accuracy is the share with the gold value (type), and value
//!   (type) F1 is relaxed F1 × that accuracy.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use attache_model::TimexKind;

/// What can go wrong reading a TimeML folder.
#[derive(Debug, thiserror::Error)]
pub enum TimemlError {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: {message}", path.display())]
    Format { path: PathBuf, message: String },
}

/// A gold time expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    pub range: Range<usize>,
    pub kind: String,
    pub value: String,
}

/// One TimeML document: the text to tag, its DCT and its gold expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    pub id: String,
    pub dct: Option<String>,
    pub text: String,
    pub gold: Vec<GoldTimex>,
}

/// A predicted time expression.
pub type Predicted = (Range<usize>, TimexKind, String);

/// Precision, recall, F1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(tp: usize, predicted: usize, gold: usize) -> Self {
        let precision = if predicted == 0 { 0.0 } else { tp as f64 / predicted as f64 };
        let recall = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Self { precision, recall, f1 }
    }
}

/// Scores of one TIMEX3 type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeRow {
    pub kind: String,
    pub gold: usize,
    pub predicted: usize,
    /// Gold expressions of this type relaxed-matched.
    pub matched: usize,
    /// Of those, with the gold value.
    pub value_correct: usize,
    /// Predictions of this type relaxed-matched.
    pub predicted_matched: usize,
}

/// One kind of error, with how often it happened and a few examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCategory {
    pub name: String,
    pub count: usize,
    /// Every occurrence, in document order.
    pub examples: Vec<String>,
}

/// The scores of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct TimemlReport {
    pub documents: usize,
    pub gold: usize,
    pub predicted: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value_accuracy: f64,
    pub value_f1: f64,
    pub type_accuracy: f64,
    pub type_f1: f64,
    /// Gold expressions with a relaxed match and the gold value.
    pub value_correct: usize,
    pub by_type: Vec<TypeRow>,
    /// Error categories, most frequent first.
    pub errors: Vec<ErrorCategory>,
    /// Seconds spent tagging (not reading).
    pub seconds: f64,
}

/// Decodes the XML entities of `s`.
fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p..];
        let Some(semi) = after.find(';').filter(|&n| n <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let name = &after[1..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The attributes of a start tag (`<TIMEX3 tid="t1" type="DATE" ...>`).
fn attributes(tag: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].split_whitespace().last().unwrap_or("").to_owned();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else { break };
        let body = &after[1..];
        let Some(end) = body.find(q) else { break };
        let mut v = String::new();
        decode_entities(&body[..end], &mut v);
        out.insert(name, v);
        rest = &body[end + 1..];
    }
    out
}

/// Reads one TimeML document.
pub fn parse_timeml(id: &str, xml: &str) -> Result<TimemlDoc, String> {
    // DCT
    let mut dct = None;
    if let Some(p) = xml.find("<DCT>") {
        let after = &xml[p..];
        if let Some(t) = after.find("<TIMEX3") {
            let end = after[t..].find('>').map_or(after.len(), |e| t + e);
            dct = attributes(&after[t..end]).get("value").cloned();
        }
    }
    if dct.is_none() {
        let mut rest = xml;
        while let Some(t) = rest.find("<TIMEX3") {
            let end = rest[t..].find('>').map_or(rest.len(), |e| t + e);
            let a = attributes(&rest[t..end]);
            if a.get("functionInDocument").map(String::as_str) == Some("CREATION_TIME") {
                dct = a.get("value").cloned();
                break;
            }
            rest = &rest[end..];
        }
    }
    let start = xml.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let end = xml[start..].find("</TEXT>").map_or(xml.len(), |e| start + e);
    let body = &xml[start..end];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Vec<(usize, BTreeMap<String, String>)> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        decode_entities(&rest[..lt], &mut text);
        let gt = rest[lt..].find('>').map(|g| lt + g).ok_or("unclosed tag")?;
        let tag = &rest[lt + 1..gt];
        if let Some(name) = tag.strip_prefix('/') {
            if name.trim() == "TIMEX3" {
                let (s, a) = open.pop().ok_or("</TIMEX3> without <TIMEX3>")?;
                gold.push(GoldTimex {
                    range: s..text.len(),
                    kind: a.get("type").cloned().unwrap_or_default(),
                    value: a.get("value").cloned().unwrap_or_default(),
                });
            }
        } else if tag.starts_with("TIMEX3") && !tag.ends_with('/') {
            open.push((text.len(), attributes(tag)));
        }
        rest = &rest[gt + 1..];
    }
    decode_entities(rest, &mut text);
    gold.sort_by_key(|g| (g.range.start, g.range.end));
    Ok(TimemlDoc { id: id.to_owned(), dct, text, gold })
}

fn tml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), TimemlError> {
    let io = |source| TimemlError::Io { path: dir.to_owned(), source };
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(io)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            tml_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads every `.tml` file under `dir` (sorted by path).
pub fn load_dir(dir: &Path) -> Result<Vec<TimemlDoc>, TimemlError> {
    let mut files = Vec::new();
    tml_files(dir, &mut files)?;
    if files.is_empty() {
        return Err(TimemlError::Format { path: dir.to_owned(), message: "no .tml files".to_owned() });
    }
    files
        .iter()
        .map(|p| {
            let xml = std::fs::read_to_string(p).map_err(|source| TimemlError::Io { path: p.clone(), source })?;
            let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            parse_timeml(&id, &xml).map_err(|message| TimemlError::Format { path: p.clone(), message })
        })
        .collect()
}

fn kind_name(k: TimexKind) -> &'static str {
    match k {
        TimexKind::Date => "DATE",
        TimexKind::Time => "TIME",
        TimexKind::Duration => "DURATION",
        TimexKind::Set => "SET",
    }
}

/// The shape of a value, for grouping errors: digits become `9`.
fn shape(v: &str) -> String {
    v.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect()
}

/// Relaxed one-to-one matching: for each gold (in order), the unmatched
/// prediction overlapping it most.
fn match_relaxed(gold: &[GoldTimex], pred: &[Predicted]) -> Vec<(usize, usize)> {
    let mut taken = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let mut best: Option<(usize, usize)> = None;
        for (pi, p) in pred.iter().enumerate() {
            if taken[pi] {
                continue;
            }
            let ov = g.range.end.min(p.0.end).saturating_sub(g.range.start.max(p.0.start));
            if ov > 0 && best.is_none_or(|(_, b)| ov > b) {
                best = Some((pi, ov));
            }
        }
        if let Some((pi, _)) = best {
            taken[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

#[derive(Default)]
struct Errors(BTreeMap<String, (usize, Vec<String>)>);

impl Errors {
    fn add(&mut self, name: String, example: impl FnOnce() -> String) {
        let e = self.0.entry(name).or_default();
        e.0 += 1;
        e.1.push(example());
    }
}

/// Scores predictions for documents (`preds[i]` for `docs[i]`).
pub fn score(docs: &[TimemlDoc], preds: &[Vec<Predicted>], seconds: f64) -> TimemlReport {
    let (mut gold_n, mut pred_n, mut strict_tp, mut relaxed_tp, mut value_ok, mut type_ok) = (0, 0, 0, 0, 0, 0);
    let mut by_type: BTreeMap<String, TypeRow> = BTreeMap::new();
    let mut errors = Errors::default();
    for (doc, pred) in docs.iter().zip(preds) {
        gold_n += doc.gold.len();
        pred_n += pred.len();
        let snippet =
            |r: &Range<usize>| doc.text.get(r.clone()).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        for g in &doc.gold {
            by_type
                .entry(g.kind.clone())
                .or_insert_with(|| TypeRow { kind: g.kind.clone(), ..TypeRow::default() })
                .gold += 1;
            if pred.iter().any(|p| p.0 == g.range) {
                strict_tp += 1;
            }
        }
        for p in pred {
            let k = kind_name(p.1);
            by_type
                .entry(k.to_owned())
                .or_insert_with(|| TypeRow { kind: k.to_owned(), ..TypeRow::default() })
                .predicted += 1;
        }
        let pairs = match_relaxed(&doc.gold, pred);
        relaxed_tp += pairs.len();
        let mut gold_hit = vec![false; doc.gold.len()];
        let mut pred_hit = vec![false; pred.len()];
        for &(gi, pi) in &pairs {
            gold_hit[gi] = true;
            pred_hit[pi] = true;
            let (g, p) = (&doc.gold[gi], &pred[pi]);
            let pk = kind_name(p.1);
            if let Some(row) = by_type.get_mut(&g.kind) {
                row.matched += 1;
                row.value_correct += usize::from(g.value == p.2);
            }
            if let Some(row) = by_type.get_mut(pk) {
                row.predicted_matched += 1;
            }
            if g.value == p.2 {
                value_ok += 1;
            } else {
                errors.add(format!("wrong value: gold {} {} -> ours {}", g.kind, shape(&g.value), shape(&p.2)), || {
                    format!(
                        "{}: {:?} gold {} ours {:?} {} (DCT {})",
                        doc.id,
                        snippet(&g.range),
                        g.value,
                        snippet(&p.0),
                        p.2,
                        doc.dct.as_deref().unwrap_or("?")
                    )
                });
            }
            if g.kind == pk {
                type_ok += 1;
            } else {
                errors.add(format!("wrong type: gold {} -> ours {pk}", g.kind), || {
                    format!("{}: {:?}", doc.id, snippet(&g.range))
                });
            }
            if g.range != p.0 {
                let kind = if p.0.start <= g.range.start && p.0.end >= g.range.end {
                    "ours longer"
                } else if p.0.start >= g.range.start && p.0.end <= g.range.end {
                    "ours shorter"
                } else {
                    "ours shifted"
                };
                errors.add(format!("span: {kind}"), || {
                    format!("{}: gold {:?} ours {:?}", doc.id, snippet(&g.range), snippet(&p.0))
                });
            }
        }
        for (gi, g) in doc.gold.iter().enumerate() {
            if !gold_hit[gi] {
                errors.add(format!("missed {} {}", g.kind, shape(&g.value)), || {
                    format!("{}: {:?} {}", doc.id, snippet(&g.range), g.value)
                });
            }
        }
        for (pi, p) in pred.iter().enumerate() {
            if !pred_hit[pi] {
                errors.add(format!("spurious {} {}", kind_name(p.1), shape(&p.2)), || {
                    format!("{}: {:?} {}", doc.id, snippet(&p.0), p.2)
                });
            }
        }
    }
    let strict = Prf::new(strict_tp, pred_n, gold_n);
    let relaxed = Prf::new(relaxed_tp, pred_n, gold_n);
    let value_accuracy = if relaxed_tp == 0 { 0.0 } else { value_ok as f64 / relaxed_tp as f64 };
    let type_accuracy = if relaxed_tp == 0 { 0.0 } else { type_ok as f64 / relaxed_tp as f64 };
    let mut errors: Vec<ErrorCategory> =
        errors.0.into_iter().map(|(name, (count, examples))| ErrorCategory { name, count, examples }).collect();
    errors.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    TimemlReport {
        documents: docs.len(),
        gold: gold_n,
        predicted: pred_n,
        strict,
        relaxed,
        value_accuracy,
        value_f1: relaxed.f1 * value_accuracy,
        type_accuracy,
        type_f1: relaxed.f1 * type_accuracy,
        value_correct: value_ok,
        by_type: by_type.into_values().collect(),
        errors,
        seconds,
    }
}

/// Tags every document with `tagger` (text, DCT) and scores it.
pub fn evaluate_with(docs: &[TimemlDoc], tagger: impl Fn(&str, Option<&str>) -> Vec<Predicted>) -> TimemlReport {
    let t0 = Instant::now();
    let preds: Vec<Vec<Predicted>> = docs.iter().map(|d| tagger(&d.text, d.dct.as_deref())).collect();
    score(docs, &preds, t0.elapsed().as_secs_f64())
}

/// Reads the TimeML folder and scores attache's time tagger on it.
pub fn evaluate(dir: &Path) -> Result<TimemlReport, TimemlError> {
    let docs = load_dir(dir)?;
    Ok(evaluate_with(&docs, attache_time::tag_text))
}

/// attache's predictions for each document.
pub fn predict(docs: &[TimemlDoc]) -> Vec<Vec<Predicted>> {
    docs.iter().map(|d| attache_time::tag_text(&d.text, d.dct.as_deref())).collect()
}

/// Predictions as JSON Lines: `{"doc", "start", "end", "type", "value", "text"}`,
/// offsets in bytes of the document's stripped TEXT content.
pub fn write_predictions(
    docs: &[TimemlDoc],
    preds: &[Vec<Predicted>],
    mut w: impl std::io::Write,
) -> std::io::Result<()> {
    for (d, pred) in docs.iter().zip(preds) {
        for (r, k, v) in pred {
            let line = serde_json::json!({
                "doc": d.id, "start": r.start, "end": r.end, "type": kind_name(*k), "value": v,
                "text": d.text.get(r.clone()).unwrap_or(""),
            });
            writeln!(w, "{line}")?;
        }
    }
    w.flush()
}

impl TimemlReport {
    /// A human-readable report: the scores, a per-type table and the `errors`
    /// most frequent error categories with up to `examples` examples each.
    pub fn render(&self, errors: usize, examples: usize) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "documents {} | gold {} | predicted {} | {:.2}s tagging ({:.0} docs/s)",
            self.documents,
            self.gold,
            self.predicted,
            self.seconds,
            if self.seconds > 0.0 { self.documents as f64 / self.seconds } else { 0.0 }
        );
        let _ =
            writeln!(s, "strict   P {:.3} R {:.3} F1 {:.3}", self.strict.precision, self.strict.recall, self.strict.f1);
        let _ = writeln!(
            s,
            "relaxed  P {:.3} R {:.3} F1 {:.3}",
            self.relaxed.precision, self.relaxed.recall, self.relaxed.f1
        );
        let _ = writeln!(
            s,
            "value    accuracy {:.3} F1 {:.3} ({} gold values right)",
            self.value_accuracy, self.value_f1, self.value_correct
        );
        let _ = writeln!(s, "type     accuracy {:.3} F1 {:.3}", self.type_accuracy, self.type_f1);
        let _ = writeln!(s, "by type   gold  pred  recall  precision  value-acc");
        for r in &self.by_type {
            let rate = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
            let _ = writeln!(
                s,
                "  {:<8} {:>5} {:>5}  {:>6.3}  {:>9.3}  {:>9.3}",
                r.kind,
                r.gold,
                r.predicted,
                rate(r.matched, r.gold),
                rate(r.predicted_matched, r.predicted),
                rate(r.value_correct, r.matched)
            );
        }
        if errors > 0 {
            let _ = writeln!(s, "worst error categories:");
            for e in self.errors.iter().take(errors) {
                let _ = writeln!(s, "  {:>4}  {}", e.count, e.name);
                for x in e.examples.iter().take(examples) {
                    let _ = writeln!(s, "          {x}");
                }
            }
        }
        s
    }

    /// The summary as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "documents": self.documents, "gold": self.gold, "predicted": self.predicted,
            "strict": {"precision": self.strict.precision, "recall": self.strict.recall, "f1": self.strict.f1},
            "relaxed": {"precision": self.relaxed.precision, "recall": self.relaxed.recall, "f1": self.relaxed.f1},
            "value_accuracy": self.value_accuracy, "value_f1": self.value_f1, "value_correct": self.value_correct,
            "type_accuracy": self.type_accuracy, "type_f1": self.type_f1, "seconds": self.seconds,
            "by_type": self.by_type.iter().map(|r| serde_json::json!({
                "type": r.kind, "gold": r.gold, "predicted": r.predicted, "matched": r.matched,
                "value_correct": r.value_correct, "predicted_matched": r.predicted_matched,
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-11-17" functionInDocument="CREATION_TIME">Nov 17</TIMEX3></DCT>
<TITLE>Talks &amp; more</TITLE>
<TEXT>
Officials <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-11-16">Tuesday</TIMEX3> &amp; agreed to meet again <TIMEX3 tid="t2" type="DATE" value="2022-03">in March next year</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn parses_text_dct_and_gold() {
        let d = parse_timeml("x", DOC).expect("parses");
        assert_eq!(d.dct.as_deref(), Some("2021-11-17"));
        assert_eq!(d.gold.len(), 2);
        assert_eq!(&d.text[d.gold[0].range.clone()], "Tuesday");
        assert_eq!(&d.text[d.gold[1].range.clone()], "in March next year");
        assert!(d.text.contains("Tuesday & agreed"));
    }

    #[test]
    fn scores_strict_relaxed_and_values() {
        let d = parse_timeml("x", DOC).expect("parses");
        let g1 = d.gold[0].range.clone();
        let g2 = d.gold[1].range.clone();
        let preds = vec![vec![
            (g1, TimexKind::Date, "2021-11-16".to_owned()),
            (g2.start + 3..g2.end, TimexKind::Date, "2021-03".to_owned()),
            (0..9, TimexKind::Date, "PRESENT_REF".to_owned()),
        ]];
        let r = score(std::slice::from_ref(&d), &preds, 0.0);
        assert_eq!((r.gold, r.predicted), (2, 3));
        assert!((r.strict.recall - 0.5).abs() < 1e-9);
        assert!((r.relaxed.recall - 1.0).abs() < 1e-9);
        assert!((r.relaxed.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((r.value_accuracy - 0.5).abs() < 1e-9);
        assert!((r.value_f1 - r.relaxed.f1 * 0.5).abs() < 1e-9);
        assert!(r.errors.iter().any(|e| e.name.starts_with("spurious")));
    }
}
