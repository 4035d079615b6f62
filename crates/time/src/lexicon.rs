//! The word lists of `crates/time/data/`, compiled in and indexed once.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::token::tokenize_lower;

/// Calendar and clock units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Quarter,
    Decade,
    Century,
    Weekend,
    Fortnight,
    Millennium,
}

impl Unit {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "Y" => Unit::Year,
            "M" => Unit::Month,
            "W" => Unit::Week,
            "D" => Unit::Day,
            "H" => Unit::Hour,
            "MIN" => Unit::Minute,
            "S" => Unit::Second,
            "Q" => Unit::Quarter,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "WE" => Unit::Weekend,
            "FN" => Unit::Fortnight,
            "ML" => Unit::Millennium,
            _ => return None,
        })
    }
}

/// Past or future, as a clause tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

/// How sure a tense cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStrength {
    Strong,
    /// A reporting verb ("said"): past, but it dates the report.
    Report,
}

/// What the anchor of a relative word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Dct,
    Ref,
}

/// Where a modifier may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModWhere {
    /// Before a number or duration ("about two years").
    Num,
    /// Before any date ("early next year").
    Any,
    /// Before a date relative to the DCT ("earlier this year").
    Rel,
}

/// A holiday's date rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    Fixed(u32, u32),
    /// The first ISO weekday on or after month-day.
    WeekdayOnOrAfter(u32, u32, u32),
    Easter(i32),
}

/// What a multi-word phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    Ref(&'static str),
    Holiday(HolidayRule),
    Mod(&'static str, ModWhere),
}

/// A phrase of lowercase tokens.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<String>,
    pub kind: PhraseKind,
}

/// What one lowercase word can be. A word may be several things ("may",
/// "second", "last").
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Month 1-12, and whether only as an abbreviation.
    pub month: Option<(u32, bool)>,
    /// ISO weekday 1-7, and whether only as an abbreviation.
    pub weekday: Option<(u32, bool)>,
    pub cardinal: Option<f64>,
    pub ordinal: Option<i32>,
    /// "several", "few": a number left unspecified.
    pub vague: bool,
    /// A unit, and whether the form is plural.
    pub unit: Option<(Unit, bool)>,
    pub season: Option<&'static str>,
    /// A part of day code (`MO`, `NI`, ...) or a clock time (`12:00`).
    pub daypart: Option<&'static str>,
    pub set: Option<&'static str>,
    pub tense: Option<(Tense, CueStrength)>,
    pub count_noun: bool,
    /// Time zone offset in minutes.
    pub zone: Option<i32>,
    pub relative: Option<(i32, Anchor)>,
    /// A day relative to the DCT ("yesterday" = -1), with a part of day.
    pub deictic: Option<(i64, Option<&'static str>)>,
    /// A decade written as a word ("nineties" = 199).
    pub decade: Option<i32>,
}

/// A small, fast hasher for short keys (FNV-1a).
#[derive(Debug, Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// All word lists, indexed.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: FastMap<String, Entry>,
    /// Phrases by their first word.
    phrases: FastMap<String, Vec<Phrase>>,
}

const MONTHS: &str = include_str!("../data/months.tsv");
const WEEKDAYS: &str = include_str!("../data/weekdays.tsv");
const NUMBERS: &str = include_str!("../data/numbers.tsv");
const UNITS: &str = include_str!("../data/units.tsv");
const SEASONS: &str = include_str!("../data/seasons.tsv");
const DAYPARTS: &str = include_str!("../data/dayparts.tsv");
const HOLIDAYS: &str = include_str!("../data/holidays.tsv");
const REFS: &str = include_str!("../data/refs.tsv");
const SETS: &str = include_str!("../data/sets.tsv");
const MODIFIERS: &str = include_str!("../data/modifiers.tsv");
const ZONES: &str = include_str!("../data/zones.tsv");
const TENSE: &str = include_str!("../data/tense.tsv");
const COUNT_NOUNS: &str = include_str!("../data/count-nouns.txt");
const RELATIVES: &str = include_str!("../data/relatives.tsv");
const DEICTIC: &str = include_str!("../data/deictic.tsv");
const DECADES: &str = include_str!("../data/decades.tsv");

/// The data lines of a file: not blank, not `#` comments, split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| {
        let cols: Vec<&'static str> = l.split('\t').map(str::trim).collect();
        cols
    })
}

fn col<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

fn holiday_rule(s: &str) -> Option<HolidayRule> {
    if let Some(n) = s.strip_prefix("easter") {
        let n = if n.is_empty() { 0 } else { n.trim_start_matches('+').parse().ok()? };
        return Some(HolidayRule::Easter(n));
    }
    let (md, wd) = match s.split_once('+') {
        Some((md, wd)) => (md, Some(wd.parse().ok()?)),
        None => (s, None),
    };
    let (m, d) = md.split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    Some(match wd {
        Some(w) => HolidayRule::WeekdayOnOrAfter(m, d, w),
        None => HolidayRule::Fixed(m, d),
    })
}

impl Lexicon {
    fn entry(&mut self, w: &str) -> &mut Entry {
        self.words.entry(w.to_owned()).or_default()
    }

    fn phrase(&mut self, text: &str, kind: PhraseKind) {
        let words = tokenize_lower(text);
        let Some(first) = words.first().cloned() else { return };
        // "new year's day" also matches "new year day"; "valentine's" also "valentines".
        let mut variants = vec![words.clone()];
        if let Some(p) = words.windows(2).position(|w| w[0] == "'" && w[1] == "s") {
            let mut v = words.clone();
            v.drain(p..p + 2);
            variants.push(v);
        }
        for v in variants {
            self.phrases.entry(first.clone()).or_default().push(Phrase { words: v, kind });
        }
        self.entry(&first);
    }

    fn build() -> Self {
        let mut lx = Lexicon::default();
        for r in rows(MONTHS) {
            if let Ok(m) = col(&r, 1).parse() {
                lx.entry(col(&r, 0)).month = Some((m, col(&r, 2) == "abbr"));
            }
        }
        for r in rows(WEEKDAYS) {
            if let Ok(d) = col(&r, 1).parse() {
                lx.entry(col(&r, 0)).weekday = Some((d, col(&r, 2) == "abbr"));
            }
        }
        for r in rows(NUMBERS) {
            let e = lx.entry(col(&r, 0));
            match col(&r, 2) {
                "card" => e.cardinal = col(&r, 1).parse().ok(),
                "ord" => e.ordinal = col(&r, 1).parse().ok(),
                "vague" => e.vague = true,
                _ => {}
            }
        }
        for r in rows(UNITS) {
            if let Some(u) = Unit::parse(col(&r, 1)) {
                lx.entry(col(&r, 0)).unit = Some((u, col(&r, 2) == "plural"));
            }
        }
        for r in rows(SEASONS) {
            lx.entry(col(&r, 0)).season = Some(col(&r, 1));
        }
        for r in rows(DAYPARTS) {
            lx.entry(col(&r, 0)).daypart = Some(col(&r, 1));
        }
        for r in rows(SETS) {
            lx.entry(col(&r, 0)).set = Some(col(&r, 1));
        }
        for r in rows(ZONES) {
            if let Ok(z) = col(&r, 1).parse() {
                lx.entry(col(&r, 0)).zone = Some(z);
            }
        }
        for r in rows(TENSE) {
            let t = match col(&r, 1) {
                "past" => (Tense::Past, CueStrength::Strong),
                "report" => (Tense::Past, CueStrength::Report),
                "future" => (Tense::Future, CueStrength::Strong),
                _ => continue,
            };
            let w = tokenize_lower(col(&r, 0)).last().cloned().unwrap_or_default();
            lx.entry(&w).tense = Some(t);
        }
        for r in rows(COUNT_NOUNS) {
            lx.entry(col(&r, 0)).count_noun = true;
        }
        for r in rows(RELATIVES) {
            let anchor = if col(&r, 2) == "ref" { Anchor::Ref } else { Anchor::Dct };
            if let Ok(n) = col(&r, 1).parse() {
                lx.entry(col(&r, 0)).relative = Some((n, anchor));
            }
        }
        for r in rows(DEICTIC) {
            let part = Some(col(&r, 2)).filter(|p| *p != "-" && !p.is_empty());
            if let Ok(n) = col(&r, 1).parse() {
                lx.entry(col(&r, 0)).deictic = Some((n, part));
            }
        }
        for r in rows(DECADES) {
            if let Ok(d) = col(&r, 1).parse() {
                lx.entry(col(&r, 0)).decade = Some(d);
            }
        }
        for r in rows(HOLIDAYS) {
            if let Some(rule) = holiday_rule(col(&r, 1)) {
                lx.phrase(col(&r, 0), PhraseKind::Holiday(rule));
            }
        }
        for r in rows(REFS) {
            lx.phrase(col(&r, 0), PhraseKind::Ref(col(&r, 1)));
        }
        for r in rows(MODIFIERS) {
            let w = match col(&r, 2) {
                "num" => ModWhere::Num,
                "rel" => ModWhere::Rel,
                _ => ModWhere::Any,
            };
            lx.phrase(col(&r, 0), PhraseKind::Mod(col(&r, 1), w));
        }
        // Longest phrases first, so the first that matches is the longest.
        for v in lx.phrases.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        lx
    }

    /// The entry of a lowercase word.
    pub fn get(&self, w: &str) -> Option<&Entry> {
        self.words.get(w)
    }

    /// Phrases starting with a lowercase word.
    pub fn phrases(&self, first: &str) -> &[Phrase] {
        self.phrases.get(first).map_or(&[], Vec::as_slice)
    }
}

/// The lexicon, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_loads() {
        let lx = &*LEXICON;
        assert_eq!(lx.get("november").and_then(|e| e.month), Some((11, false)));
        assert_eq!(lx.get("sept").and_then(|e| e.month), Some((9, true)));
        assert_eq!(lx.get("wednesday").and_then(|e| e.weekday), Some((3, false)));
        assert_eq!(lx.get("years").and_then(|e| e.unit), Some((Unit::Year, true)));
        assert_eq!(lx.get("second").and_then(|e| e.ordinal), Some(2));
        assert!(lx.get("second").and_then(|e| e.unit).is_some());
        assert!(lx.phrases("the").iter().any(|p| p.words == ["the", "future"]));
        assert!(lx.phrases("thanksgiving").iter().any(|p| matches!(p.kind, PhraseKind::Holiday(_))));
        assert_eq!(lx.get("said").and_then(|e| e.tense), Some((Tense::Past, CueStrength::Strong)));
        assert_eq!(lx.get("yesterday").and_then(|e| e.deictic), Some((-1, None)));
    }
}
