//! Time expressions: TIMEX3 tagging and normalisation against the document
//! creation time (DCT).
//!
//! A hand-written scanner walks the tokens of a text once, matching the
//! longest time expression at each position against word lists compiled in
//! from `crates/time/data/` (months, weekdays, number words, units, seasons,
//! holidays, references, frequencies, modifiers, tense cues). Each match is
//! then anchored:
//!
//! * absolute expressions ("Nov. 18, 2021", "2015", "the 1990s") stand alone;
//! * relative ones ("Wednesday", "last week", "March next year") are resolved
//!   against the DCT, with a small tense heuristic over the sentence deciding
//!   between the previous and the next occurrence ("said Wednesday" vs "will
//!   meet on Friday");
//! * anaphoric ones ("a year earlier", "the following day") against the last
//!   date the text mentioned, never one from a photo caption.
//!
//! Without a DCT, relative expressions stay unresolved (`XXXX-WXX-3`,
//! `XXXX-11-18`): they are never anchored on a date found in the text.
//!
//! [`tag_text`] works on any text; [`TimeTagger`] is the pipeline stage that
//! fills [`Document::timex`] for the title, the captions and the body.

mod calendar;
mod lexicon;
mod resolve;
mod scan;
mod sem;
mod tense;
mod token;

use std::ops::Range;

use attache_model::{Document, Stage, StageError, Timex, TimexKind, Zone};
use serde::{Deserialize, Serialize};

pub use calendar::Date;
pub use resolve::Dct;

use resolve::{Ctx, Hints, resolve};
use sem::Sem;

/// Settings of the time stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimeConfig {
    /// Resolve anaphoric expressions ("a year earlier", "the following day")
    /// against the last date the body mentioned (else against the DCT).
    pub anchor_on_text: bool,
    /// Tag the title and the captions too (the body always is).
    pub titles_and_captions: bool,
}

impl Default for TimeConfig {
    fn default() -> Self {
        Self { anchor_on_text: true, titles_and_captions: true }
    }
}

/// A time expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// Byte range in the text.
    pub range: Range<usize>,
    pub kind: TimexKind,
    /// The TIMEX3 value (`2021-11-16`, `2022-W02`, `P3Y`, `XXXX-WXX-3`, ...).
    pub value: String,
    /// The TIMEX3 `mod` (`START`, `END`, `APPROX`, ...).
    pub modifier: Option<String>,
    /// How the value was found: `absolute`, `dct`, `dct+tense-past`,
    /// `dct+tense-future`, `dct+timezone`, `reference`, `unanchored`.
    pub anchor: &'static str,
}

/// How to tag one text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TagOptions {
    pub dct: Option<Dct>,
    /// Use dates found earlier in this text as the reference for anaphoric
    /// expressions (only ever with a DCT; never for captions).
    pub anchor_on_text: bool,
}

/// Tags `text`: every time expression with its type and normalised value.
/// `dct` is the document creation time (`2021-11-17`, `2021-11-17T09:30:00Z`);
/// when it is `None` or unreadable, relative expressions stay unresolved.
pub fn tag_text(text: &str, dct: Option<&str>) -> Vec<(Range<usize>, TimexKind, String)> {
    let opts = TagOptions { dct: dct.and_then(Dct::parse), anchor_on_text: true };
    tag(text, &opts).into_iter().map(|t| (t.range, t.kind, t.value)).collect()
}

/// Tags `text` with the full detail of each expression.
pub fn tag(text: &str, opts: &TagOptions) -> Vec<Tagged> {
    let lower = text.to_ascii_lowercase();
    let toks = token::tokenize(text, &lower);
    let scanner = scan::Scanner::new(&lower, &toks);
    let cands = scanner.scan();
    let mut ctx = Ctx { dct: opts.dct, reference: None, quarter: None, day: None };
    // The sentence the last day was named in.
    let mut day_sentence = 0u32;
    let mut out = Vec::with_capacity(cands.len());
    // The sentence the reference date was named in.
    let mut ref_sentence = None;
    for c in cands {
        let possessive =
            toks.get(c.end).is_some_and(|t| matches!(&lower[t.start..t.end], "'" | "’") && !t.space_before)
                && toks.get(c.end + 1).is_some_and(|t| &lower[t.start..t.end] == "s" && !t.space_before);
        let mut tense = || {
            if possessive {
                tense::tense_after(&toks, &lower, c.start, c.end)
            } else {
                tense::tense_near(&toks, &lower, c.start, c.end)
            }
        };
        let early =
            (c.start..c.end).any(|k| matches!(&lower[toks[k].start..toks[k].end], "early" | "dawn" | "morning"));
        if ctx.day.is_some() && day_sentence + 1 < toks[c.start].sentence {
            ctx.day = None;
        }
        let r = resolve(&c.sem, &ctx, &mut tense, Hints { early });
        if opts.anchor_on_text
            && opts.dct.is_some()
            && let Some(v) = r.val
            && updates_reference(&c.sem)
            && !(ref_sentence == Some(toks[c.start].sentence) && dates_a_report(&toks, &lower, c.start, &c.sem))
        {
            ctx.reference = Some(v);
            ref_sentence = Some(toks[c.start].sentence);
            if matches!(v, resolve::Val::Day(_)) {
                ctx.day = Some(v);
                day_sentence = toks[c.start].sentence;
            }
            if matches!(v, resolve::Val::Quarter(..)) && names_quarter(&c.sem) {
                ctx.quarter = Some(v);
            }
        }
        let range = toks[c.start].start..toks[c.end - 1].end;
        out.push(Tagged {
            range,
            kind: r.kind,
            value: r.value,
            modifier: c.modifier.map(str::to_owned),
            anchor: r.anchor,
        });
    }
    out
}

/// Whether an expression's date becomes the reference for later ones.
/// Offsets and anaphoric expressions ("two years ago", "a year earlier") do
/// not: they are read off the DCT or the reference, and chaining them would
/// drift from the story's own time; nor do looks back from the reference.
fn updates_reference(sem: &Sem) -> bool {
    // A look back from the story's date ("the day before", "the previous
    // year") is a flashback: what follows ("the following day") is still
    // told from the story's date.
    let day = match sem {
        Sem::Time { day: Some(d), .. } => d,
        _ => sem,
    };
    if let Sem::RelUnit { n, anchor: lexicon::Anchor::Ref, .. } = day
        && *n < 0
    {
        return false;
    }
    !matches!(
        sem,
        Sem::Duration { .. }
            | Sem::DurationIso(_)
            | Sem::Ref(_)
            | Sem::Set(_)
            | Sem::YearRange(..)
            | Sem::YearAgoRef
            | Sem::AnaphoricQuarter
            | Sem::QuarterOfYear(_)
            | Sem::Offset { .. }
            | Sem::Ignore
    )
}

/// Whether a day near the DCT dates the report rather than the story
/// ("officials said Monday", "told reporters on Thursday"). After a date of
/// the story in the same sentence ("... lifted sanctions on Jan. 16,
/// officials said Monday") it does not become the date later expressions
/// ("the same day") are read from; alone, the report is the story ("North
/// Korea said Monday it fired a missile. The same day, ...").
fn dates_a_report(toks: &[token::Tok], lower: &str, start: usize, sem: &Sem) -> bool {
    if !matches!(sem, Sem::Weekday { .. } | Sem::Deictic(_)) {
        return false;
    }
    let w = |k: usize| &lower[toks[k].start..toks[k].end];
    let mut k = start;
    if k > 0 && w(k - 1) == "on" {
        k -= 1;
    }
    if k > 0 && w(k - 1) == "reporters" {
        k -= 1;
    }
    k > 0 && matches!(w(k - 1), "said" | "says" | "told" | "added" | "announced" | "stated" | "reported")
}

/// Whether an expression names a quarter itself ("the third quarter", "last quarter").
fn names_quarter(sem: &Sem) -> bool {
    matches!(sem, Sem::Part { part: sem::Part::Quarter(_), .. } | Sem::RelUnit { unit: lexicon::Unit::Quarter, .. })
}

/// The time stage: fills [`Document::timex`].
#[derive(Debug, Default)]
pub struct TimeTagger {
    config: TimeConfig,
}

impl TimeTagger {
    pub fn new(config: TimeConfig) -> Self {
        Self { config }
    }
}

/// The document creation time of a document: its metadata's, else the one the
/// cleaning stage read from the article.
pub fn document_dct(doc: &Document) -> Option<Dct> {
    doc.meta
        .published
        .as_deref()
        .and_then(Dct::parse)
        .or_else(|| doc.article.as_ref().and_then(|a| a.published.as_ref()).and_then(|(p, _)| Dct::parse(p)))
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let dct = document_dct(doc);
        let mut timex = Vec::new();
        for (zone, aligned) in doc.zones() {
            if zone != Zone::Body && !self.config.titles_and_captions {
                continue;
            }
            // A caption's or a headline's dates never anchor anything.
            let opts = TagOptions { dct, anchor_on_text: self.config.anchor_on_text && zone == Zone::Body };
            for t in tag(aligned.as_str(), &opts) {
                let span = aligned.to_original(t.range.clone());
                if span.is_empty() {
                    continue;
                }
                let sentence = if zone == Zone::Body {
                    let i = doc.sentences.partition_point(|s| s.body.end <= t.range.start);
                    doc.sentences.get(i).filter(|s| s.body.start <= t.range.start).map(|_| i)
                } else {
                    None
                };
                timex.push(Timex {
                    span,
                    kind: t.kind,
                    value: t.value,
                    modifier: t.modifier,
                    zone,
                    sentence,
                    anchor: Some(t.anchor.to_owned()),
                });
            }
        }
        doc.timex = timex;
        Ok(())
    }
}
