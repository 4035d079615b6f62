//! The scanner: finds time expressions in the tokens, left to right, longest
//! match first, and says what each means ([`Sem`]). Anchoring comes later.

use crate::calendar::Date;
use crate::lexicon::{Anchor, Entry, LEXICON, ModWhere, PhraseKind, Unit};
use crate::sem::{Num, Part, Sem, TimeOfDay, WdRel, YearSpec};
use crate::token::{Kind, Tok};

/// One expression found: tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
}

/// Words that may start an expression without being in the lexicon.
const TRIGGERS: &[&str] = &["the", "every", "each", "once", "twice", "fiscal", "'", "’", "per", "year", "thrice"];

/// Words before a bare month name ("in May") or season that show it is one.
const MONTH_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "of",
    "during",
    "last",
    "next",
    "this",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "from",
    "through",
    "to",
    "between",
    "end",
    "beginning",
    "-",
    "and",
    "or",
    "the",
    "on",
    "as",
    "that",
    "for",
    "throughout",
    "into",
    "past",
    "coming",
    "following",
    "previous",
];

/// Words before a bare hour that show it is a clock time ("at 4 in the morning").
const CLOCK_CONTEXT: &[&str] = &["at", "by", "until", "till", "before", "after", "around", "about", "from", "since"];

/// Units a bare plural may stand for as a vague duration ("for years").
fn vague_unit(u: Unit) -> bool {
    matches!(
        u,
        Unit::Year | Unit::Month | Unit::Week | Unit::Day | Unit::Decade | Unit::Century | Unit::Hour | Unit::Minute
    )
}

pub struct Scanner<'a> {
    pub lower: &'a str,
    pub toks: &'a [Tok],
}

impl<'a> Scanner<'a> {
    pub fn new(lower: &'a str, toks: &'a [Tok]) -> Self {
        Self { lower, toks }
    }

    /// Every expression, in text order, none overlapping.
    pub fn scan(&self) -> Vec<Cand> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if self.may_start(i)
                && let Some(c) = self.match_at(i)
                && c.end > i
            {
                i = c.end;
                if c.sem != Sem::Ignore && !self.quoted_title(&c) {
                    let second = self.second_day(&c);
                    out.push(c);
                    if let Some(d) = second {
                        i = d.end;
                        out.push(d);
                    }
                }
                continue;
            }
            i += 1;
        }
        out
    }

    /// A programme's or a column's title in quotes ("This Week", "60
    /// Minutes"): a time word capitalized past the first word of a quote.
    fn quoted_title(&self, c: &Cand) -> bool {
        c.start > 0
            && (matches!(self.w(c.start - 1), "\"" | "“" | "``" | "''" | "‘")
                // '' typed as two apostrophes
                || (c.start > 1 && self.is(c.start - 1, "'") && self.is(c.start - 2, "'") && self.adj(c.start - 1)))
            && (self.upper(c.start) || self.kind(c.start) == Some(Kind::Num))
            && (c.start + 1..c.end)
                .any(|k| self.upper(k) && self.lex(k).is_some_and(|e| e.unit.is_some() || e.deictic.is_some()))
    }

    /// The second day of "April 24 and 25", "March 3-4": a date of its own,
    /// in the first one's month.
    fn second_day(&self, c: &Cand) -> Option<Cand> {
        let (m, d1) = match c.sem {
            Sem::Part { part: Part::MonthDay(m, d), .. } => (m, d),
            Sem::Date(d) => (d.m, d.d),
            _ => return None,
        };
        let j = c.end;
        let joiner = matches!(self.w(j), "and" | "or" | "to" | "through") || (self.is(j, "-") && self.adj(j));
        if !joiner || self.ndigits(j + 1) == 0 || self.ndigits(j + 1) > 2 {
            return None;
        }
        let d2 = self.num(j + 1)?;
        // "April 24 and 25 percent", "March 3 and 4 p.m.", "May 5 to 10 days"
        let next = self.w(j + 2);
        if d2 <= d1
            || d2 > 31
            || (matches!(next, "," | ":" | "." | "/") && self.adj(j + 2) && self.kind(j + 3) == Some(Kind::Num))
            || self.lex(j + 2).is_some_and(|e| e.unit.is_some() || e.month.is_some() || e.count_noun)
            || matches!(next, "%" | "percent" | "a" | "p" | "am" | "pm" | "million" | "billion")
        {
            return None;
        }
        let sem = match &c.sem {
            Sem::Date(d) => Sem::Date(Date::new(d.y, m, d2)?),
            Sem::Part { year, .. } => Sem::Part { part: Part::MonthDay(m, d2), year: *year },
            _ => return None,
        };
        Some(Cand { start: j + 1, end: j + 2, sem, modifier: None })
    }

    // ---- token access ----

    fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.lower[t.start..t.end])
    }

    fn lex(&self, i: usize) -> Option<&'static Entry> {
        self.toks.get(i).and_then(|t| t.lex)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    /// Token `i` exists and touches the token before it.
    fn adj(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn upper(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.upper)
    }

    fn num(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(|t| t.num)
    }

    fn ndigits(&self, i: usize) -> usize {
        self.toks.get(i).filter(|t| t.kind == Kind::Num).map_or(0, Tok::len)
    }

    fn prev(&self, i: usize) -> &'a str {
        if i == 0 { "" } else { self.w(i - 1) }
    }

    fn may_start(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.lex.is_some()
            || matches!(t.kind, Kind::Num | Kind::Alnum)
            || TRIGGERS.contains(&self.w(i))
            || (t.upper && self.w(i).ends_with("ays")) // "Sundays"
    }

    /// The phrase tokens match at `i`; returns the end.
    fn phrase_at(&self, i: usize, words: &[String]) -> Option<usize> {
        for (k, w) in words.iter().enumerate() {
            if self.w(i + k) != w {
                return None;
            }
            // Words of a phrase stay in one sentence.
            if k > 0 && self.toks[i + k].sentence != self.toks[i].sentence {
                return None;
            }
        }
        Some(i + words.len())
    }

    // ---- the frame: modifiers, "the", then a core expression ----

    fn match_at(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut offer = |c: Option<Cand>| {
            if let Some(c) = c
                && best.as_ref().is_none_or(|b| c.end > b.end)
            {
                best = Some(c);
            }
        };
        offer(self.core(i).map(|(end, sem)| Cand { start: i, end, sem, modifier: None }));
        offer(self.with_modifier(i));
        if self.is(i, "the") {
            let inner = self.core(i + 1).map(|(end, sem)| Cand { start: i, end, sem, modifier: None });
            // "the years" keeps its "the" out, as TimeML does for bare plurals,
            // and so does an adjective ("the 60-minute talks", "the third-quarter loss").
            let bare = self.lex(i + 1).is_some_and(|e| e.unit.is_some_and(|(_, plural)| plural));
            let adjective = |c: &Cand| {
                self.is(i + 2, "-")
                    && self.adj(i + 2)
                    && !(c.sem == Sem::YearAgoRef && matches!(self.w(c.end - 1), "period" | "quarter" | "months"))
            };
            offer(inner.filter(|c| c.sem.takes_the() && !bare && !adjective(c)));
            offer(self.with_modifier(i + 1).filter(|c| c.sem.takes_the()).map(|c| Cand { start: i, ..c }));
        }
        let mut best = best?;
        best.end = self.suffix(best.end);
        Some(best)
    }

    fn with_modifier(&self, i: usize) -> Option<Cand> {
        for p in LEXICON.phrases(self.w(i)) {
            let PhraseKind::Mod(m, wh) = p.kind else { continue };
            let Some(mut j) = self.phrase_at(i, &p.words) else { continue };
            if self.is(j, "-") && self.adj(j) {
                j += 1;
            }
            let core = self.core(j).or_else(|| {
                if self.is(j, "the") && wh != ModWhere::Num {
                    self.core(j + 1).filter(|(_, s)| s.takes_the())
                } else {
                    None
                }
            });
            let Some((end, sem)) = core else { continue };
            let ok = match wh {
                ModWhere::Num => sem.is_numeric(),
                ModWhere::Rel => sem.is_relative(),
                ModWhere::Any => sem.is_calendar() || (m == "APPROX" && sem.is_numeric()),
            };
            if ok {
                return Some(Cand { start: i, end, sem, modifier: Some(m) });
            }
        }
        None
    }

    /// Extends a match over "(local time)" or "local time".
    fn suffix(&self, end: usize) -> usize {
        if self.is(end, "(") && self.is(end + 1, "local") && self.is(end + 2, "time") && self.is(end + 3, ")") {
            return end + 4;
        }
        end
    }

    /// The longest core expression at `i`.
    fn core(&self, i: usize) -> Option<(usize, Sem)> {
        if i >= self.toks.len() {
            return None;
        }
        let mut best: Option<(usize, Sem)> = None;
        let mut offer = |c: Option<(usize, Sem)>| {
            if let Some(c) = c
                && best.as_ref().is_none_or(|b| c.0 > b.0)
            {
                best = Some(c);
            }
        };
        match self.toks[i].kind {
            Kind::Num => {
                offer(self.frequency(i));
                offer(self.numeric_date(i));
                offer(self.year_expr(i));
                offer(self.clock(i));
                offer(self.count_expr(i));
                offer(self.day_month(i));
            }
            Kind::Alnum => {
                offer(self.alnum(i));
                offer(self.clock(i));
                offer(self.day_month(i));
            }
            Kind::Punct => {
                offer(self.apostrophe_decade(i));
            }
            Kind::Word => {
                let e = self.lex(i);
                if e.is_some_and(|e| e.month.is_some()) {
                    offer(self.month_expr(i));
                }
                if e.is_some_and(|e| e.weekday.is_some()) {
                    offer(self.weekday_expr(i));
                }
                if e.is_some_and(|e| e.relative.is_some()) {
                    offer(self.relative(i));
                }
                if e.is_some_and(|e| e.deictic.is_some()) {
                    offer(self.deictic(i));
                }
                if e.is_some_and(|e| e.season.is_some()) {
                    offer(self.season(i));
                }
                if e.is_some_and(|e| e.cardinal.is_some() || e.vague) {
                    offer(self.count_expr(i));
                    offer(self.word_year(i));
                }
                if e.is_some_and(|e| e.ordinal.is_some()) {
                    offer(self.ordinal_expr(i));
                }
                if e.is_some_and(|e| e.unit.is_some()) {
                    offer(self.unit_word(i));
                }
                if e.is_some_and(|e| e.set.is_some()) {
                    offer(self.set_word(i));
                }
                if e.is_some_and(|e| e.daypart.is_some_and(|p| p.contains(':'))) {
                    offer(self.clock_word(i));
                }
                if e.is_some_and(|e| e.daypart.is_some_and(|p| !p.contains(':'))) {
                    offer(self.daypart_expr(i));
                }
                if e.is_some() {
                    offer(self.phrase_expr(i));
                    offer(self.det_duration(i));
                }
                offer(self.frequency(i));
                offer(self.fiscal(i));
                offer(self.same_period(i));
                offer(self.the_noun(i));
                offer(self.the_day_before(i));
                offer(self.week_of(i));
                if let Some(d) = e.and_then(|e| e.decade) {
                    offer(Some((i + 1, Sem::Decade(d))));
                }
                if e.is_none() && self.w(i).ends_with('s') {
                    offer(self.plural_weekday(i));
                }
            }
        }
        best
    }

    // ---- numbers ----

    /// A count at `i`: digits (with a fraction), number words, "a", "several".
    /// Returns the end, the number, and whether it was the article "a"/"an".
    fn number(&self, i: usize) -> Option<(usize, Num, bool)> {
        let w = self.w(i);
        if self.kind(i) == Some(Kind::Num) {
            let mut v = f64::from(self.num(i)?);
            let mut j = i + 1;
            // 1,000
            while self.is(j, ",") && self.adj(j) && self.adj(j + 1) && self.ndigits(j + 1) == 3 {
                v = v * 1000.0 + f64::from(self.num(j + 1)?);
                j += 2;
            }
            // 2.5
            if self.is(j, ".") && self.adj(j) && self.adj(j + 1) && self.kind(j + 1) == Some(Kind::Num) {
                let frac = self.w(j + 1);
                if let Ok(f) = format!("0.{frac}").parse::<f64>() {
                    v += f;
                    j += 2;
                }
            }
            // 2 1/2
            if let (Some(a), true, Some(b)) =
                (self.num(j), self.is(j + 1, "/") && self.adj(j + 1) && self.adj(j + 2), self.num(j + 2))
                && b > a
                && b <= 4
                && !self.adj(j)
            {
                v += f64::from(a) / f64::from(b);
                j += 3;
            }
            // "2 million": not a count of time units.
            if matches!(self.w(j), "million" | "billion" | "trillion") {
                return None;
            }
            return Some((j, Num::N(v), false));
        }
        let e = self.lex(i)?;
        if w == "a" || w == "an" {
            match self.w(i + 1) {
                "few" => return Some((i + 2, Num::Vague, false)),
                "couple" if self.is(i + 2, "of") => return Some((i + 3, Num::N(2.0), false)),
                "couple" => return Some((i + 2, Num::N(2.0), false)),
                "dozen" => return Some((i + 2, Num::N(12.0), false)),
                "hundred" => return Some((i + 2, Num::N(100.0), false)),
                "thousand" => return Some((i + 2, Num::N(1000.0), false)),
                "number" if self.is(i + 2, "of") => return Some((i + 3, Num::Vague, false)),
                _ => return Some((i + 1, Num::N(1.0), true)),
            }
        }
        if e.vague {
            let mut j = i + 1;
            if matches!(w, "dozens" | "hundreds" | "thousands") {
                if !self.is(j, "of") {
                    return None;
                }
                j += 1;
            }
            return Some((j, Num::Vague, false));
        }
        if w == "half" {
            return matches!(self.w(i + 1), "a" | "an").then_some((i + 2, Num::N(0.5), false));
        }
        let mut v = e.cardinal?;
        let mut j = i + 1;
        // twenty-five, twenty five
        if (20.0..100.0).contains(&v) {
            let k = if self.is(j, "-") && self.adj(j) { j + 1 } else { j };
            if let Some(u) = self.lex(k).and_then(|e| e.cardinal).filter(|u| *u >= 1.0 && *u < 10.0)
                && !matches!(self.w(k), "a" | "an")
            {
                v += u;
                j = k + 1;
            }
        }
        // "the next couple of years"
        if w == "couple" && self.is(j, "of") {
            j += 1;
        }
        // two hundred, two thousand
        while let Some(m) = self.lex(j).and_then(|e| e.cardinal).filter(|m| *m == 100.0 || *m == 1000.0) {
            v *= m;
            j += 1;
        }
        Some((j, Num::N(v), false))
    }

    /// A unit at `i`, allowing the hyphenated adjective form when `hyphen` ("60-minute").
    fn unit_at(&self, i: usize) -> Option<(usize, Unit, bool)> {
        let (u, plural) = self.lex(i)?.unit?;
        Some((i + 1, u, plural))
    }

    /// A count of units: "three years", "60-minute", "two years ago", "a year
    /// earlier", "the 45-year-old", "2 1/2 hours", "several weeks".
    fn count_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let (j, n, article) = self.number(i)?;
        let digits = self.kind(i) == Some(Kind::Num);
        // Year-like numbers are years, not counts ("1990 years" is rare).
        if digits && self.ndigits(i) == 4 && !self.adj(j) {
            return None;
        }
        let mut k = j;
        let hyphen = self.is(k, "-") && self.adj(k) && self.adj(k + 1);
        if hyphen {
            k += 1;
        }
        // "two more weeks", "three full years"
        if !hyphen
            && matches!(
                self.w(k),
                "more"
                    | "additional"
                    | "full"
                    | "straight"
                    | "consecutive"
                    | "long"
                    | "extra"
                    | "trading"
                    | "business"
                    | "working"
            )
        {
            k += 1;
        }
        let (mut end, unit, plural) = self.unit_at(k)?;
        // "a year-earlier loss": the article belongs to the noun, the
        // expression is the adjective "year-earlier".
        if article && !hyphen && self.is(end, "-") && self.adj(end) && matches!(self.w(end + 1), "earlier" | "ago") {
            return None;
        }
        // "$2 million a year", "four flights a week": a rate, not a time.
        if article && !plural && self.after_quantity(i) && !self.places_in_time(end) {
            return Some((end, Sem::Ignore));
        }
        if unit == Unit::Second && !plural && (article || !hyphen && !digits) {
            return None; // "a second", "the second" are ordinals
        }
        if unit == Unit::Quarter {
            return None; // "three quarters of" is a fraction; quarters come with past/next
        }
        if unit == Unit::Minute && self.w(k) == "min" && !digits {
            return None;
        }
        if matches!(n, Num::N(v) if v == 1.0) && plural && !hyphen && article {
            return None;
        }
        if n == Num::Vague && !plural {
            return None;
        }
        // "and a half"
        let mut value = n;
        if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            if let Num::N(v) = value {
                value = Num::N(v + 0.5);
            }
            end += 3;
        }
        // Ages are not time expressions: "a 45-year-old", "six months old".
        if hyphen && self.is(end, "-") && self.adj(end) && self.is(end + 1, "old") {
            return Some((end + 2, Sem::Ignore));
        }
        if !hyphen && self.is(end, "old") && matches!(unit, Unit::Year | Unit::Month | Unit::Week | Unit::Day) {
            return Some((end + 1, Sem::Ignore));
        }
        // "the 10-day-long"
        if hyphen && self.is(end, "-") && self.adj(end) && self.is(end + 1, "long") {
            end += 2;
        }
        // "a week or so ago"
        if !hyphen && self.is(end, "or") && self.is(end + 1, "so") && self.places_in_time(end + 2) {
            end += 2;
        }
        // ago, earlier, later, from now
        if !hyphen {
            let (dir, anchor, len) = match (self.w(end), self.w(end + 1)) {
                ("ago", _) => (-1, Anchor::Dct, 1),
                ("back", _) if !self.is(end + 1, "to") => (-1, Anchor::Dct, 1),
                ("from", "now") => (1, Anchor::Dct, 2),
                ("hence", _) => (1, Anchor::Dct, 1),
                ("earlier", x) if x != "than" => (-1, Anchor::Ref, 1),
                ("later", x) if x != "than" => (1, Anchor::Ref, 1),
                ("before", x) if self.kind(end + 1) == Some(Kind::Punct) || x.is_empty() => (-1, Anchor::Ref, 1),
                ("after", x) if self.kind(end + 1) == Some(Kind::Punct) || x.is_empty() => (1, Anchor::Ref, 1),
                _ => (0, Anchor::Dct, 0),
            };
            // "an hour later", "three days later": a length of time from
            // some event, not a date worth anchoring.
            let short = matches!(unit, Unit::Hour | Unit::Minute | Unit::Second | Unit::Day | Unit::Week);
            if dir != 0 && anchor == Anchor::Ref && short {
                return Some((end, duration(value, unit)));
            }
            if dir != 0 && !matches!(unit, Unit::Weekend) {
                return Some((end + len, Sem::Offset { n: value, unit, dir, anchor }));
            }
        }
        if unit == Unit::Weekend {
            return None;
        }
        Some((end, duration(value, unit)))
    }

    /// Whether the token before `i` ends a quantity ("$2 million", "20%",
    /// "four flights", "700 seats"), so "a year" after it is a rate.
    fn after_quantity(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = i - 1;
        let number = |k: usize| {
            self.kind(k) == Some(Kind::Num)
                || self.lex(k).is_some_and(|e| e.cardinal.is_some_and(|v| v >= 2.0))
                || matches!(self.w(k), "million" | "billion" | "trillion" | "%" | "percent")
        };
        if number(p) {
            return true;
        }
        // a plural noun counted by a number: "four flights", "700 seats"
        let w = self.w(p);
        p >= 1
            && self.kind(p) == Some(Kind::Word)
            && w.len() > 3
            && w.ends_with('s')
            && self.lex(p).is_none_or(|e| e.count_noun || e.unit.is_some_and(|(_, plural)| plural))
            && number(p - 1)
    }

    /// Whether the word at `k` places a count of time on the calendar ("ago",
    /// "earlier", "later", "from now"), rather than measuring a length.
    fn places_in_time(&self, k: usize) -> bool {
        matches!(self.w(k), "ago" | "earlier" | "later" | "before" | "after" | "back" | "hence")
            || (self.is(k, "from") && self.is(k + 1, "now"))
    }

    /// "the past two months", "the first nine months", "next 14 months",
    /// "the past several quarters".
    fn det_duration(&self, i: usize) -> Option<(usize, Sem)> {
        if !matches!(
            self.w(i),
            "past"
                | "last"
                | "next"
                | "first"
                | "previous"
                | "coming"
                | "recent"
                | "following"
                | "final"
                | "latest"
                | "initial"
                | "remaining"
                | "ensuing"
                | "preceding"
                | "further"
                | "additional"
                | "subsequent"
        ) {
            return None;
        }
        // "the coming weeks", "the past months", "in recent years": a vague length of time
        if let Some((u, true)) = self.lex(i + 1).and_then(|e| e.unit)
            && vague_unit(u)
            && matches!(
                self.w(i),
                "coming" | "next" | "past" | "last" | "following" | "ensuing" | "preceding" | "previous" | "recent"
            )
        {
            return Some((i + 2, duration(Num::Vague, u)));
        }
        let (j, n, article) = self.number(i + 1)?;
        if article {
            return None;
        }
        let mut k = j;
        if matches!(self.w(k), "more" | "full" | "straight" | "consecutive") {
            k += 1;
        }
        let (end, unit, plural) = self.unit_at(k)?;
        if unit == Unit::Weekend || (n == Num::Vague && !plural) {
            return None;
        }
        Some((end, duration(n, unit)))
    }

    /// A 4-digit number as a year ("2015", "since 2019"), a range ("1950-53"),
    /// or a year before a quarter ("the 1988 third quarter").
    fn year_expr(&self, i: usize) -> Option<(usize, Sem)> {
        if self.ndigits(i) != 4 {
            return None;
        }
        let y = self.num(i)? as i32;
        if !self.plausible_year(i, y) {
            return None;
        }
        // 1950-53, 1998-2000, 1950–1953
        if matches!(self.w(i + 1), "-" | "–" | "/") && self.adj(i + 1) && self.adj(i + 2) {
            let d = self.ndigits(i + 2);
            if let Some(b) = self.num(i + 2)
                && (d == 2 || d == 4)
                && !(self.is(i + 3, "-") && self.adj(i + 3))
            {
                let b = if d == 2 { y / 100 * 100 + b as i32 } else { b as i32 };
                if b > y && b - y < 100 {
                    return Some((i + 3, Sem::YearRange(y, b)));
                }
            }
        }
        // "1990's"
        if matches!(self.w(i + 1), "'" | "’")
            && self.adj(i + 1)
            && self.is(i + 2, "s")
            && self.adj(i + 2)
            && y % 10 == 0
        {
            return Some((i + 3, Sem::Decade(y / 10)));
        }
        // the 1988 third quarter
        if let Some((end, part)) = self.quarter_word(i + 1) {
            return Some((end, Sem::Part { part, year: YearSpec::Abs(y) }));
        }
        // the 1988 period
        if self.prev(i) == "the" && matches!(self.w(i + 1), "period" | "quarter") {
            return Some((i + 2, Sem::QuarterOfYear(y)));
        }
        Some((i + 1, Sem::Year(y)))
    }

    /// Whether the 4-digit number at `i` is a year here.
    fn plausible_year(&self, i: usize, y: i32) -> bool {
        if !(1000..=2100).contains(&y) {
            return false;
        }
        let prev = self.prev(i);
        if !(1800..=2100).contains(&y)
            && !matches!(
                prev,
                "in" | "since" | "of" | "by" | "until" | "from" | "year" | "during" | "before" | "after" | "to"
            )
        {
            return false;
        }
        if matches!(prev, "$" | "€" | "£" | "¥" | "#" | "no" | "." | "," | "+" | "-" | "/" | "number" | "nos" | "route")
            && self.adj(i)
            && !(prev == "-" && i >= 2 && matches!(self.w(i - 2), "mid" | "pre" | "post" | "early" | "late"))
        {
            return false;
        }
        if matches!(
            prev,
            "no" | "nos" | "number" | "flight" | "resolution" | "model" | "room" | "route" | "article" | "page"
        ) {
            return false;
        }
        let next = self.w(i + 1);
        if matches!(next, "%" | ":" | "." | "," | "/")
            && self.adj(i + 1)
            && self.kind(i + 2) == Some(Kind::Num)
            && self.adj(i + 2)
        {
            return false; // 2000,000 / 2000.5 / 2000:30
        }
        if next == "%" || self.lex(i + 1).is_some_and(|e| e.count_noun) {
            return false;
        }
        if matches!(next, "hours" | "gmt" | "utc" | "local" | "hrs" | "h")
            || self.lex(i + 1).is_some_and(|e| e.zone.is_some())
        {
            return false; // a clock time "1000 GMT"
        }
        true
    }

    /// Dates written with digits: 2021-11-18, 11/18/2021.
    fn numeric_date(&self, i: usize) -> Option<(usize, Sem)> {
        let sep = self.w(i + 1);
        if !matches!(sep, "-" | "/" | ".")
            || !self.adj(i + 1)
            || !self.adj(i + 2)
            || self.w(i + 3) != sep
            || !self.adj(i + 3)
            || !self.adj(i + 4)
        {
            return None;
        }
        let (a, b, c) = (self.num(i)?, self.num(i + 2)?, self.num(i + 4)?);
        let (da, db, dc) = (self.ndigits(i), self.ndigits(i + 2), self.ndigits(i + 4));
        let date = if da == 4 && db <= 2 && dc <= 2 {
            Date::new(a as i32, b, c)
        } else if da <= 2 && db <= 2 && (dc == 4 || dc == 2) && sep == "/" {
            let y = if dc == 2 { if c >= 50 { 1900 + c } else { 2000 + c } } else { c };
            Date::new(y as i32, a, b).or_else(|| Date::new(y as i32, b, a))
        } else if da <= 2 && db <= 2 && dc == 4 {
            // 18.11.2021, 18-11-2021: day first
            Date::new(c as i32, b, a)
        } else {
            None
        }?;
        Some((i + 5, Sem::Date(date)))
    }

    /// "1990s", "21st century", "Q3", "10am", "18th".
    fn alnum(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i);
        // 1990s
        if w.len() == 5 && w.ends_with('s') && w[..4].bytes().all(|b| b.is_ascii_digit()) && w.as_bytes()[3] == b'0' {
            let y: i32 = w[..4].parse().ok()?;
            if (1000..=2100).contains(&y) {
                return Some((i + 1, Sem::Decade(y / 10)));
            }
        }
        // Q3, Q3 2021
        if w.len() == 2 && w.starts_with('q') && self.upper(i) {
            let q = w[1..].parse::<u32>().ok().filter(|q| (1..=4).contains(q))?;
            if self.ndigits(i + 1) == 4 {
                return Some((
                    i + 2,
                    Sem::Part { part: Part::Quarter(q), year: YearSpec::Abs(self.num(i + 1)? as i32) },
                ));
            }
            return Some((i + 1, Sem::Part { part: Part::Quarter(q), year: YearSpec::Infer }));
        }
        self.ordinal_expr(i)
    }

    /// An ordinal at `i` ("third", "21st"): its value and end.
    fn ordinal(&self, i: usize) -> Option<(usize, i32)> {
        let w = self.w(i);
        if let Some(o) = self.lex(i).and_then(|e| e.ordinal) {
            return Some((i + 1, o));
        }
        // twenty-first
        if let Some(t) = self.lex(i).and_then(|e| e.cardinal).filter(|v| *v >= 20.0 && *v < 100.0)
            && self.is(i + 1, "-")
            && let Some(o) = self.lex(i + 2).and_then(|e| e.ordinal).filter(|o| (1..10).contains(o))
        {
            return Some((i + 3, t as i32 + o));
        }
        if self.kind(i) == Some(Kind::Alnum) {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if matches!(suffix, "st" | "nd" | "rd" | "th")
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Some((i + 1, digits.parse().ok()?));
            }
        }
        None
    }

    /// "the 21st century", "third quarter", "first half of 2021".
    fn ordinal_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let (j, o) = self.ordinal(i)?;
        if matches!(self.w(j), "century" | "centuries") && o > 0 {
            return Some((j + 1, Sem::Century(o - 1)));
        }
        let (end, part) = self.quarter_word(i)?;
        let (end, year) = self.of_year(end);
        Some((end, Sem::Part { part, year }))
    }

    /// "third quarter", "third-quarter", "fourth quarters", "first half", at `i`.
    fn quarter_word(&self, i: usize) -> Option<(usize, Part)> {
        let (mut j, o) = self.ordinal(i)?;
        if self.is(j, "-") && self.adj(j) {
            j += 1;
        }
        match self.w(j) {
            "quarter" if (1..=4).contains(&o) => Some((j + 1, Part::Quarter(o as u32))),
            "quarter" if o == -1 => Some((j + 1, Part::Quarter(4))),
            "half" if (1..=2).contains(&o) => Some((j + 1, Part::Half(o as u32))),
            "half" if o == -1 => Some((j + 1, Part::Half(2))),
            _ => None,
        }
    }

    /// "of 1990", "of last year", "next year", "1990": which year a part is in.
    fn of_year(&self, j: usize) -> (usize, YearSpec) {
        let has_of = self.is(j, "of");
        let k = if has_of { j + 1 } else { j };
        let k2 = if self.is(k, "fiscal") { k + 1 } else { k };
        if self.ndigits(k2) == 4
            && let Some(y) = self.num(k2)
            && (1000..=2100).contains(&y)
            && self.toks.get(k2).is_some_and(|t| !t.newline_before)
        {
            return (k2 + 1, YearSpec::Abs(y as i32));
        }
        // spoken: "the winter of nineteen ninety-four"
        if let Some((e, Sem::Year(y))) = self.word_year(k2) {
            return (e, YearSpec::Abs(y));
        }
        let spec = match (self.w(k), self.w(k + 1)) {
            ("last", "year") => YearSpec::Dct(-1),
            ("next", "year") => YearSpec::Dct(1),
            ("this", "year") => YearSpec::Dct(0),
            ("that" | "the", "year") if has_of => YearSpec::Ref(0),
            _ => return (j, YearSpec::Infer),
        };
        (k + 2, spec)
    }

    /// "'90s", "’80s".
    fn apostrophe_decade(&self, i: usize) -> Option<(usize, Sem)> {
        if !matches!(self.w(i), "'" | "’") || !self.adj(i + 1) {
            return None;
        }
        let w = self.w(i + 1);
        if w.len() == 3 && w.ends_with('s') && w.as_bytes()[1] == b'0' {
            let d: i32 = w[..2].parse().ok()?;
            let century = if d >= 30 { 190 } else { 200 };
            return Some((i + 2, Sem::Decade(century + d / 10)));
        }
        None
    }

    /// "nineteen ninety-six", "the year two thousand".
    fn word_year(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i);
        let base = match w {
            "nineteen" => 1900,
            "eighteen" => 1800,
            _ => return None,
        };
        let (j, n, _) = self.number(i + 1)?;
        let Num::N(v) = n else { return None };
        if !(10.0..100.0).contains(&v) || v.fract() != 0.0 {
            return None;
        }
        Some((j, Sem::Year(base + v as i32)))
    }

    // ---- months, days, weekdays ----

    /// A month name usable at `i`: (month, end after its optional full stop).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let (m, abbr) = self.lex(i)?.month?;
        if !self.upper(i) {
            return None;
        }
        let dot = self.is(i + 1, ".") && self.adj(i + 1);
        if abbr {
            let before_num = self.kind(i + 1 + usize::from(dot)) == Some(Kind::Num);
            if !dot && !before_num {
                return None;
            }
            // "Mar." as the last word of a sentence is unlikely; accept.
        }
        Some((m, i + 1 + usize::from(dot && abbr)))
    }

    /// "Nov. 18, 2021", "November 18", "March 2021", "March next year", "March".
    fn month_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let (m, j) = self.month_at(i)?;
        // Day.
        let day = if self.kind(j) == Some(Kind::Num) && self.ndigits(j) <= 2 {
            self.num(j).filter(|d| (1..=31).contains(d)).map(|d| (j + 1, d))
        } else if self.kind(j) == Some(Kind::Alnum) {
            self.ordinal(j).filter(|(_, d)| (1..=31).contains(d)).map(|(e, d)| (e, d as u32))
        } else {
            None
        };
        if let Some((k, d)) = day {
            // "Nov. 18-19": keep the first day.
            let comma = self.is(k, ",");
            let yk = k + usize::from(comma);
            if self.ndigits(yk) == 4
                && let Some(y) = self.num(yk)
                && (1000..=2100).contains(&y)
                && let Some(date) = Date::new(y as i32, m, d)
            {
                return Some((yk + 1, Sem::Date(date)));
            }
            return Some((k, Sem::Part { part: Part::MonthDay(m, d), year: YearSpec::Infer }));
        }
        // Year: "March 2021", "March of 2021", "March, 2021".
        let yk = if matches!(self.w(j), "of" | ",") { j + 1 } else { j };
        if self.ndigits(yk) == 4
            && let Some(y) = self.num(yk)
            && (1000..=2100).contains(&y)
        {
            return Some((yk + 1, Sem::Part { part: Part::Month(m), year: YearSpec::Abs(y as i32) }));
        }
        let (end, year) = self.of_year(j);
        if end > j {
            return Some((end, Sem::Part { part: Part::Month(m), year }));
        }
        // A month alone: "May" and "March" only where the context says so.
        let (_, abbr) = self.lex(i)?.month?;
        if abbr {
            return None;
        }
        if matches!(m, 3 | 5) && !MONTH_CONTEXT.contains(&self.prev(i)) {
            return None;
        }
        if m == 5 && self.is(i + 1, "be") {
            return None;
        }
        Some((j, Sem::Part { part: Part::Month(m), year: YearSpec::Infer }))
    }

    /// "18 November 2021", "the 18th of November".
    fn day_month(&self, i: usize) -> Option<(usize, Sem)> {
        let (j, d) = if self.kind(i) == Some(Kind::Num) && self.ndigits(i) <= 2 {
            (i + 1, self.num(i)?)
        } else {
            let (j, d) = self.ordinal(i)?;
            (j, u32::try_from(d).ok()?)
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        let j = if self.is(j, "of") { j + 1 } else { j };
        let (m, k) = self.month_at(j)?;
        let yk = if self.is(k, ",") { k + 1 } else { k };
        if self.ndigits(yk) == 4
            && let Some(y) = self.num(yk)
            && let Some(date) = Date::new(y as i32, m, d)
        {
            return Some((yk + 1, Sem::Date(date)));
        }
        Some((k, Sem::Part { part: Part::MonthDay(m, d), year: YearSpec::Infer }))
    }

    /// "Wednesday", "Friday morning", "Monday, Oct. 26", "Tuesday night".
    fn weekday_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let (wd, abbr) = self.lex(i)?.weekday?;
        if !self.upper(i) {
            return None;
        }
        let mut j = i + 1;
        if abbr {
            if self.is(j, ".") && self.adj(j) {
                j += 1;
            } else if !self.is(j, ",") {
                return None;
            }
        }
        // "Monday, Oct. 26": the date decides.
        let k = if self.is(j, ",") { j + 1 } else { j };
        if let Some((end, sem)) = self.month_expr(k).or_else(|| self.day_month(k))
            && matches!(sem, Sem::Date(_) | Sem::Part { part: Part::MonthDay(..), .. })
        {
            return Some((end, sem));
        }
        if abbr && self.is(j, ",") {
            return None;
        }
        let day = Sem::Weekday { wd, rel: WdRel::Infer };
        Some(self.with_daypart(j, day))
    }

    /// A day followed by a part of the day ("Friday morning") or a clock time.
    fn with_daypart(&self, j: usize, day: Sem) -> (usize, Sem) {
        if let Some(p) = self.lex(j).and_then(|e| e.daypart)
            && !p.contains(':')
            && !self.w(j).ends_with('s')
        {
            return (j + 1, Sem::Time { day: Some(Box::new(day)), time: TimeOfDay::Part(p) });
        }
        (j, day)
    }

    /// "Sundays" (a set).
    fn plural_weekday(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i);
        let (wd, abbr) = LEXICON.get(&w[..w.len() - 1])?.weekday?;
        if abbr || !self.upper(i) {
            return None;
        }
        Some((i + 1, Sem::Set(format!("XXXX-WXX-{wd}"))))
    }

    /// "today", "yesterday morning", "tonight".
    fn deictic(&self, i: usize) -> Option<(usize, Sem)> {
        let (days, part) = self.lex(i)?.deictic?;
        if self.generic_deictic(i) {
            return Some((i + 1, Sem::Ignore));
        }
        let day = Sem::Deictic(days);
        if let Some(p) = part {
            return Some((i + 1, Sem::Time { day: Some(Box::new(day)), time: TimeOfDay::Part(p) }));
        }
        Some(self.with_daypart(i + 1, day))
    }

    /// "today's world", "today's youth", "the people of tomorrow": the
    /// present or the future as an era, not a day.
    fn generic_deictic(&self, i: usize) -> bool {
        let w = self.w(i);
        if matches!(w, "today" | "tomorrow")
            && self.prev(i) == "of"
            && i >= 2
            && self.kind(i - 2) == Some(Kind::Word)
            && !matches!(self.w(i - 2), "morning" | "afternoon" | "evening" | "night" | "end" | "start" | "rest")
        {
            return true;
        }
        let possessive = matches!(self.w(i + 1), "'" | "’") && self.is(i + 2, "s") && self.adj(i + 2);
        possessive
            && w == "today"
            && matches!(
                self.w(i + 3),
                "world"
                    | "youth"
                    | "young"
                    | "society"
                    | "generation"
                    | "children"
                    | "kids"
                    | "people"
                    | "personal"
                    | "modern"
                    | "global"
                    | "standards"
                    | "culture"
                    | "technology"
            )
    }

    /// "last week", "next year", "this month", "the following day", "last
    /// Friday", "next March", "last summer", "this past weekend", "last night".
    fn relative(&self, i: usize) -> Option<(usize, Sem)> {
        let (mut n, anchor) = self.lex(i)?.relative?;
        let w = self.w(i);
        let mut j = i + 1;
        // "this past", "this coming"
        if w == "this" {
            match self.w(j) {
                "past" => {
                    n = -1;
                    j += 1;
                }
                "coming" => {
                    n = 1;
                    j += 1;
                }
                _ => {}
            }
        }
        // "that same day", "that same year"
        if w == "that" && self.is(j, "same") {
            j += 1;
        }
        // "the previous Friday", "the following Monday": from the date the text last named
        if anchor == Anchor::Ref
            && n != 0
            && let Some((wd, false)) = self.lex(j).and_then(|e| e.weekday)
            && self.upper(j)
        {
            return Some((j + 1, Sem::RefWeekday { wd, dir: n.signum() }));
        }
        // "the next morning", "that evening", "the following night": a part
        // of the day before or after the one the text last named.
        if (anchor == Anchor::Ref || w == "next")
            && let Some(p) = self.lex(j).and_then(|e| e.daypart)
            && !p.contains(':')
            && !self.w(j).ends_with('s')
            && !(self.is(j + 1, "-") && self.adj(j + 1))
        {
            let day = Sem::RelUnit { unit: Unit::Day, n, anchor: Anchor::Ref };
            return Some((j + 1, Sem::Time { day: Some(Box::new(day)), time: TimeOfDay::Part(p) }));
        }
        let wrel = match (n, w) {
            (-1, _) => WdRel::Last,
            (1, _) => WdRel::Next,
            (0, "this") => WdRel::This,
            _ => return self.relative_unit(i, j, n, anchor),
        };
        if anchor == Anchor::Dct || w == "this" {
            let e = self.lex(j);
            if let Some((wd, abbr)) = e.and_then(|e| e.weekday)
                && !abbr
                && self.upper(j)
            {
                return Some(self.with_daypart(j + 1, Sem::Weekday { wd, rel: wrel }));
            }
            let ys = match wrel {
                WdRel::Last => YearSpec::Last,
                WdRel::Next => YearSpec::Next,
                _ => YearSpec::This,
            };
            if let Some((m, abbr)) = e.and_then(|e| e.month)
                && !abbr
                && self.upper(j)
            {
                return Some((j + 1, Sem::Part { part: Part::Month(m), year: ys }));
            }
            if let Some(s) = e.and_then(|e| e.season) {
                return Some((j + 1, Sem::Part { part: Part::Season(s), year: ys }));
            }
            if let Some((end, part)) = self.holiday_at(j) {
                return Some((end, Sem::Part { part, year: ys }));
            }
            if let Some(p) = e.and_then(|e| e.daypart)
                && !p.contains(':')
                && !self.w(j).ends_with('s')
            {
                // "last night" = yesterday's; "this morning" = today's.
                let day = if n == -1 && p == "NI" {
                    -1
                } else if n == 0 {
                    0
                } else {
                    return None;
                };
                return Some((j + 1, Sem::Time { day: Some(Box::new(Sem::Deictic(day))), time: TimeOfDay::Part(p) }));
            }
            if self.is(j, "weekend") {
                return Some((j + 1, Sem::Weekend(wrel)));
            }
        }
        self.relative_unit(i, j, n, anchor)
    }

    /// The unit part of a relative expression: "week" in "last week".
    fn relative_unit(&self, i: usize, j: usize, n: i32, anchor: Anchor) -> Option<(usize, Sem)> {
        let w = self.w(i);
        let mut j = j;
        if self.is(j, "fiscal") {
            j += 1;
        }
        let (unit, plural) = self.lex(j)?.unit?;
        if plural || matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
            return None;
        }
        // "past year" with no "the" is a date; "the past year" a duration (see count_expr's caller).
        if w == "past" && self.prev(i) == "the" {
            return Some((j + 1, duration(Num::N(1.0), unit)));
        }
        if w == "that" && !matches!(unit, Unit::Day | Unit::Year | Unit::Month | Unit::Week | Unit::Quarter) {
            return None;
        }
        if unit == Unit::Weekend {
            return Some((
                j + 1,
                Sem::Weekend(if n < 0 {
                    WdRel::Last
                } else if n > 0 {
                    WdRel::Next
                } else {
                    WdRel::This
                }),
            ));
        }
        let mut end = j + 1;
        // "last year's third quarter", "next year's first half"
        if unit == Unit::Year
            && matches!(self.w(end), "'" | "’")
            && self.is(end + 1, "s")
            && let Some((e2, part)) = self.quarter_word(end + 2)
        {
            let year = if anchor == Anchor::Ref { YearSpec::Ref(n) } else { YearSpec::Dct(n) };
            return Some((e2, Sem::Part { part, year }));
        }
        if unit == Unit::Day && n == 1 && anchor == Anchor::Dct && w == "next" {
            // "next day" is the day after the reference.
            return Some((end, Sem::RelUnit { unit, n, anchor: Anchor::Ref }));
        }
        if self.is(end, "after") && self.is(end + 1, "next") {
            end += 2;
            return Some((end, Sem::RelUnit { unit, n: 2, anchor }));
        }
        Some((end, Sem::RelUnit { unit, n, anchor }))
    }

    /// "summer", "the summer of 2019", "winter 2020".
    fn season(&self, i: usize) -> Option<(usize, Sem)> {
        let s = self.lex(i)?.season?;
        let (end, year) = self.of_year(i + 1);
        if year == YearSpec::Infer && !MONTH_CONTEXT.contains(&self.prev(i)) {
            return None;
        }
        if year == YearSpec::Infer
            && matches!(self.w(i), "fall" | "spring")
            && !matches!(self.prev(i), "the" | "this" | "last" | "next" | "early" | "late" | "in" | "-" | "mid")
        {
            return None;
        }
        Some((end, Sem::Part { part: Part::Season(s), year }))
    }

    fn holiday_at(&self, i: usize) -> Option<(usize, Part)> {
        if !self.upper(i) {
            return None;
        }
        for p in LEXICON.phrases(self.w(i)) {
            if let PhraseKind::Holiday(rule) = p.kind
                && let Some(end) = self.phrase_at(i, &p.words)
            {
                return Some((end, Part::Holiday(rule)));
            }
        }
        None
    }

    /// Phrases: "the future", "recently", holidays ("Christmas 2020").
    fn phrase_expr(&self, i: usize) -> Option<(usize, Sem)> {
        if let Some((end, part)) = self.holiday_at(i) {
            let (end, year) = if self.ndigits(end) == 4 {
                (end + 1, YearSpec::Abs(self.num(end)? as i32))
            } else {
                self.of_year(end)
            };
            return Some((end, Sem::Part { part, year }));
        }
        for p in LEXICON.phrases(self.w(i)) {
            if let PhraseKind::Ref(v) = p.kind
                && let Some(end) = self.phrase_at(i, &p.words)
            {
                if p.words.len() == 1 && !self.ref_word_ok(i) {
                    continue;
                }
                return Some((end, Sem::Ref(v)));
            }
        }
        None
    }

    /// Context checks for one-word references ("now", "current").
    fn ref_word_ok(&self, i: usize) -> bool {
        match self.w(i) {
            "now" => !matches!(self.w(i + 1), "-"),
            "current" | "recent" => !self.upper(i) || self.toks[i].space_before,
            _ => true,
        }
    }

    /// Bare plural units ("for years") and "year-earlier", "year-ago".
    fn unit_word(&self, i: usize) -> Option<(usize, Sem)> {
        let (unit, plural) = self.lex(i)?.unit?;
        let w = self.w(i);
        if w == "year" && self.is(i + 1, "-") && self.adj(i + 1) && matches!(self.w(i + 2), "earlier" | "ago") {
            let mut end = i + 3;
            if let Some((e, _)) = self.quarter_word(end) {
                end = e;
            } else if matches!(self.w(end), "period" | "quarter" | "month" | "week" | "year") {
                end += 1;
            } else if let Some((e, Sem::Duration { .. })) = self.count_expr(end) {
                end = e;
            }
            return Some((end, Sem::YearAgoRef));
        }
        // "year-end", "year end", "year's end"
        if w == "year" {
            let e = match (self.w(i + 1), self.w(i + 2), self.w(i + 3)) {
                ("-", "end", _) | ("'" | "’", "s", "end") if self.adj(i + 1) => {
                    Some(i + 3 + usize::from(self.is(i + 3, "end")))
                }
                ("end", _, _) => Some(i + 2),
                _ => None,
            };
            if let Some(e) = e {
                return Some((e, Sem::RelUnit { unit: Unit::Year, n: 0, anchor: Anchor::Dct }));
            }
        }
        if !plural || !vague_unit(unit) {
            return None;
        }
        if self.is(i + 1, "-") && self.adj(i + 1) && self.is(i + 2, "old") {
            return Some((i + 3, Sem::Ignore));
        }
        // "in the days before the shooting", "weeks after the vote": a vague
        // stretch of time anchored on an event, not a length of time; and "a
        // matter of days" means "soon".
        if matches!(self.w(i + 1), "before" | "after" | "following")
            && !self.places_in_time(i + 2)
            && self.kind(i + 2) != Some(Kind::Punct)
            && i + 2 < self.toks.len()
        {
            return Some((i + 1, Sem::Ignore));
        }
        if self.prev(i) == "of" && i >= 2 && self.w(i - 2) == "matter" {
            return Some((i + 1, Sem::Ignore));
        }
        // "years-long", "decades-long"
        let end = if self.is(i + 1, "-") && self.adj(i + 1) && self.is(i + 2, "long") { i + 3 } else { i + 1 };
        if self.is(end, "ago") {
            return Some((end + 1, Sem::Ref("PAST_REF")));
        }
        // "the weeks ahead"
        let end = if self.is(end, "ahead") { end + 1 } else { end };
        Some((end, duration(Num::Vague, unit)))
    }

    /// "daily", "annually".
    fn set_word(&self, i: usize) -> Option<(usize, Sem)> {
        let v = self.lex(i)?.set?;
        // "to rise 8% annually", "10,000 units annually": a rate
        if self.after_quantity(i) {
            return Some((i + 1, Sem::Ignore));
        }
        Some((i + 1, Sem::Set(v.to_owned())))
    }

    /// "every week", "each Thursday", "twice a year", "three times a week".
    fn frequency(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i);
        let j;
        match w {
            "every" | "each" | "per" => {
                j = i + 1;
                if self.is(j, "other") {
                    let (end, v) = self.set_target(j + 1, 2.0)?;
                    return Some((end, Sem::Set(v)));
                }
                let (n, k) = match self.number(j) {
                    Some((k, Num::N(v), false)) if self.lex(k).is_some_and(|e| e.unit.is_some()) => (v, k),
                    _ => (1.0, j),
                };
                if w != "per" || n == 1.0 {
                    let (end, v) = self.set_target(k, n)?;
                    // "15 million instructions per second": a rate
                    if w == "per" && self.after_quantity(i) {
                        return Some((end, Sem::Ignore));
                    }
                    return Some((end, Sem::Set(v)));
                }
                None
            }
            "once" | "twice" | "thrice" => {
                j = i + 1;
                if !matches!(self.w(j), "a" | "an" | "per" | "every" | "each") {
                    return None;
                }
                let (end, v) = self.set_target(j + 1, 1.0)?;
                Some((end, Sem::Set(v)))
            }
            _ => {
                let (k, Num::N(_), false) = self.number(i)? else { return None };
                if !self.is(k, "times") || !matches!(self.w(k + 1), "a" | "an" | "per" | "every" | "each") {
                    return None;
                }
                let (end, v) = self.set_target(k + 2, 1.0)?;
                Some((end, Sem::Set(v)))
            }
        }
    }

    /// What comes after "every": a unit, a weekday, a month, a part of the day.
    fn set_target(&self, j: usize, n: f64) -> Option<(usize, String)> {
        let e = self.lex(j)?;
        if let Some((u, _)) = e.unit {
            if u == Unit::Weekend {
                return Some((j + 1, "XXXX-WXX-WE".to_owned()));
            }
            return Some((j + 1, duration_value(Num::N(n), u)));
        }
        if let Some((wd, false)) = e.weekday {
            return Some((j + 1, format!("XXXX-WXX-{wd}")));
        }
        if let Some((m, false)) = e.month {
            return Some((j + 1, format!("XXXX-{m:02}")));
        }
        if let Some(p) = e.daypart.filter(|p| !p.contains(':')) {
            return Some((j + 1, format!("XXXX-XX-XXT{p}")));
        }
        if let Some(s) = e.season {
            return Some((j + 1, format!("XXXX-{s}")));
        }
        None
    }

    /// "fiscal 1990", "fiscal 1989's third quarter", "fiscal year 1990", "fiscal second-quarter".
    fn fiscal(&self, i: usize) -> Option<(usize, Sem)> {
        if !self.is(i, "fiscal") {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, "-") && self.adj(j) {
            j += 1;
        }
        if self.is(j, "year") {
            j += 1;
        }
        if self.ndigits(j) == 4 {
            let y = self.num(j)? as i32;
            return Some((j + 1, Sem::Year(y)));
        }
        if let Some((end, part)) = self.quarter_word(j) {
            let (end, year) = self.of_year(end);
            return Some((end, Sem::Part { part, year }));
        }
        None
    }

    /// "the year 2000", "the year two thousand", "the weekend", "the year",
    /// "the full year", "the fiscal year ended Sept. 30".
    fn the_noun(&self, i: usize) -> Option<(usize, Sem)> {
        if !self.is(i, "the") {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, "weekend") {
            return Some((j + 1, Sem::Weekend(WdRel::Infer)));
        }
        if self.is(j, "year")
            && let Some((e, Num::N(v), false)) = self.number(j + 1)
            && (1000.0..=2100.0).contains(&v)
            && v.fract() == 0.0
        {
            return Some((e, Sem::Year(v as i32)));
        }
        while matches!(self.w(j), "full" | "fiscal" | "whole" | "entire" | "calendar") {
            j += 1;
        }
        if !self.is(j, "year") || matches!(self.w(j + 1), "-" | "'" | "’" | "before" | "after" | "earlier" | "later")
        {
            return None;
        }
        if matches!(self.w(j + 1), "ended" | "ending" | "ends" | "through" | "to") {
            return Some((j + 1, Sem::Duration { n: Num::N(1.0), unit: Unit::Year }));
        }
        Some((j + 1, Sem::RelUnit { unit: Unit::Year, n: 0, anchor: Anchor::Dct }))
    }

    /// A day at `i` ("March 6", "Nov. 18, 2021", "Christmas", "Tuesday").
    fn day_at(&self, i: usize) -> Option<(usize, Sem)> {
        self.core(i).filter(|(_, s)| {
            matches!(
                s,
                Sem::Date(_) | Sem::Weekday { .. } | Sem::Part { part: Part::MonthDay(..) | Part::Holiday(_), .. }
            )
        })
    }

    /// "the week of March 6": the calendar week that day is in.
    fn week_of(&self, i: usize) -> Option<(usize, Sem)> {
        if !(self.is(i, "the") && self.is(i + 1, "week") && self.is(i + 2, "of")) {
            return None;
        }
        let (end, day) = self.day_at(i + 3)?;
        Some((end, Sem::WeekOf(Box::new(day))))
    }

    /// "the day before", "the day after" closing a clause: the day before or
    /// after the one the text last named ("He was arrested on Jan. 16; the
    /// day before, police had searched his home"). "the day before
    /// yesterday" and "the day after tomorrow" are from the DCT. "the day
    /// before the vote" is anchored on an event and left alone.
    fn the_day_before(&self, i: usize) -> Option<(usize, Sem)> {
        if !self.is(i, "the") {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, "very") {
            j += 1;
        }
        if !self.is(j, "day") {
            return None;
        }
        let n = match self.w(j + 1) {
            "before" => -1,
            "after" => 1,
            _ => return None,
        };
        let end = j + 2;
        if self.toks.get(end).is_some_and(|t| t.sentence == self.toks[i].sentence) {
            // "the day before last Tuesday", "the day after Christmas"
            if let Some((e, base)) = self.day_at(end) {
                return Some((e, Sem::DayShift { base: Box::new(base), days: i64::from(n) }));
            }
            match (self.kind(end), self.w(end)) {
                (_, "yesterday") if n < 0 => return Some((end + 1, Sem::Deictic(-2))),
                (_, "tomorrow") if n > 0 => return Some((end + 1, Sem::Deictic(2))),
                (Some(Kind::Punct), "," | "." | ";" | ":" | ")" | "--" | "-" | "!" | "?") => {}
                _ => return None,
            }
        }
        Some((end, Sem::RelUnit { unit: Unit::Day, n, anchor: Anchor::Ref }))
    }

    /// "the same period last year", "the comparable year-ago quarter",
    /// "the latest quarter", "the quarter", "the latest period".
    fn same_period(&self, i: usize) -> Option<(usize, Sem)> {
        if !self.is(i, "the") {
            return None;
        }
        let mut j = i + 1;
        let mut year_ago = false;
        let mut latest = false;
        loop {
            match self.w(j) {
                "same" | "comparable" | "corresponding" | "year-ago" => j += 1,
                "latest" | "most" | "recent" | "just" | "ended" | "completed" => {
                    latest = true;
                    j += 1;
                }
                "fiscal" => j += 1,
                "year" if self.is(j + 1, "-") && matches!(self.w(j + 2), "ago" | "earlier") => {
                    year_ago = true;
                    j += 3;
                }
                _ => break,
            }
        }
        let noun = self.w(j);
        if !matches!(noun, "quarter" | "period") {
            return None;
        }
        let mut end = j + 1;
        match (self.w(end), self.w(end + 1), self.w(end + 2)) {
            ("last" | "a", "year", "ago" | "earlier") => {
                year_ago = true;
                end += 3;
            }
            ("last", "year", _) | ("a", "year", _) | ("of", "last", "year") => {
                year_ago = true;
                end += if self.is(end, "of") { 3 } else { 2 };
            }
            _ => {}
        }
        if year_ago {
            return Some((end, Sem::YearAgoRef));
        }
        if noun == "period" && !latest {
            return None;
        }
        if latest {
            // the last quarter reported: the one before the DCT's
            return Some((end, Sem::RelUnit { unit: Unit::Quarter, n: -1, anchor: Anchor::Dct }));
        }
        Some((end, Sem::AnaphoricQuarter))
    }

    // ---- clock times ----

    /// "7 p.m.", "10:35 a.m. EST", "7 p.m. (1000 GMT)", "1000 GMT", "14:30
    /// local time", "10 p.m. Wednesday".
    fn clock(&self, i: usize) -> Option<(usize, Sem)> {
        let (mut h, mut min);
        let mut j;
        let mut ok = false;
        // "4 in the morning": a restatement in parentheses is an expression of its own
        let mut daypart = false;
        if self.kind(i) == Some(Kind::Alnum) {
            // 10am, 7pm
            let w = self.w(i);
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if !matches!(suffix, "am" | "pm") || digits.is_empty() || digits.len() > 2 {
                return None;
            }
            h = digits.parse().ok()?;
            min = 0;
            j = i + 1;
            if suffix == "pm" && h < 12 {
                h += 12;
            }
            if suffix == "am" && h == 12 {
                h = 0;
            }
            ok = h <= 24;
        } else {
            let d = self.ndigits(i);
            let v = self.num(i)?;
            if d == 4 {
                // military / GMT style "1000 GMT"
                h = v / 100;
                min = v % 100;
                j = i + 1;
                if h > 24 || min > 59 || self.zone_at(j).is_none() {
                    return None;
                }
                ok = true;
            } else if d <= 2 {
                h = v;
                min = 0;
                j = i + 1;
                if self.is(j, ":") && self.adj(j) && self.adj(j + 1) && self.ndigits(j + 1) == 2 {
                    min = self.num(j + 1)?;
                    j += 2;
                    if min > 59 {
                        return None;
                    }
                    // HH:MM with no a.m./p.m. is a time after "at" or before a zone
                    ok = self.prev(i) == "at" || self.zone_at(j).is_some() || matches!(self.w(j), "local" | "hours");
                }
                if let Some((e, pm)) = self.ampm(j) {
                    if h == 0 || h > 12 {
                        return None;
                    }
                    if pm && h < 12 {
                        h += 12;
                    }
                    if !pm && h == 12 {
                        h = 0;
                    }
                    j = e;
                    ok = true;
                } else {
                    if self.is(j, "o") && matches!(self.w(j + 1), "'" | "’") && self.is(j + 2, "clock") {
                        j += 3;
                        ok = h <= 12;
                    }
                    // "at 4 in the morning", "at 9:30 in the evening"
                    if (1..=12).contains(&h)
                        && (ok || CLOCK_CONTEXT.contains(&self.prev(i)))
                        && self.is(j, "in")
                        && self.is(j + 1, "the")
                    {
                        let pm = match self.w(j + 2) {
                            "morning" => Some(false),
                            "afternoon" | "evening" => Some(true),
                            _ => None,
                        };
                        if let Some(pm) = pm {
                            daypart = true;
                            if pm && h < 12 {
                                h += 12;
                            }
                            if !pm && h == 12 {
                                h = 0;
                            }
                            j += 3;
                            ok = true;
                        }
                    }
                }
                if h > 24 {
                    return None;
                }
            } else {
                return None;
            }
        }
        if !ok {
            return None;
        }
        // zone
        if let Some(e) = self.zone_at(j) {
            j = e;
        } else if self.is(j, "local") && self.is(j + 1, "time") {
            j += 2;
        }
        // "(1000 GMT)", "(0100 GMT Friday)"
        if self.is(j, "(") && !daypart {
            let k = j + 1;
            if self.kind(k) == Some(Kind::Num) {
                let mut e = k + 1;
                if self.is(e, ":") && self.ndigits(e + 1) == 2 {
                    e += 2;
                }
                if let Some((e2, _)) = self.ampm(e) {
                    e = e2;
                }
                if let Some(e2) = self.zone_at(e) {
                    e = e2;
                    if self.lex(e).is_some_and(|x| x.weekday.is_some()) {
                        e += 1;
                    }
                    if self.is(e, ")") {
                        j = e + 1;
                    }
                }
            }
        }
        let time = TimeOfDay::Clock(h, min);
        // A day after it: "10 p.m. Wednesday", "5 p.m. EST Nov. 9", "9 a.m. today".
        let k = if self.is(j, "on") || self.is(j, ",") { j + 1 } else { j };
        if let Some((end, day)) = self.day_after(k) {
            return Some((end, Sem::Time { day: Some(Box::new(day)), time }));
        }
        // "4 in the morning"
        Some((j, Sem::Time { day: None, time }))
    }

    /// "a.m.", "am", "p.m.", "pm" at `j`: (end, is_pm).
    fn ampm(&self, j: usize) -> Option<(usize, bool)> {
        match self.w(j) {
            "am" => Some((j + 1 + usize::from(self.is(j + 1, ".") && self.adj(j + 1)), false)),
            "pm" => Some((j + 1 + usize::from(self.is(j + 1, ".") && self.adj(j + 1)), true)),
            "a" | "p" if self.is(j + 1, ".") && self.adj(j + 1) && self.is(j + 2, "m") && self.adj(j + 2) => {
                let e = if self.is(j + 3, ".") && self.adj(j + 3) { j + 4 } else { j + 3 };
                Some((e, self.is(j, "p")))
            }
            _ => None,
        }
    }

    fn zone_at(&self, j: usize) -> Option<usize> {
        let e = self.lex(j)?;
        e.zone?;
        // "z" alone only right after the digits
        if self.is(j, "z") && !self.adj(j) {
            return None;
        }
        if !self.toks[j].upper {
            return None;
        }
        Some(j + 1)
    }

    /// A day right after a clock time.
    fn day_after(&self, k: usize) -> Option<(usize, Sem)> {
        let e = self.lex(k)?;
        if e.weekday.is_some_and(|(_, abbr)| !abbr) && self.upper(k) {
            return Some((k + 1, Sem::Weekday { wd: e.weekday?.0, rel: WdRel::Infer }));
        }
        if let Some((days, None)) = e.deictic {
            return Some((k + 1, Sem::Deictic(days)));
        }
        if e.month.is_some()
            && let Some((end, sem)) = self.month_expr(k)
            && matches!(sem, Sem::Date(_) | Sem::Part { part: Part::MonthDay(..), .. })
        {
            return Some((end, sem));
        }
        None
    }

    /// A part of the day before its day ("afternoon yesterday", "evening
    /// Friday"), or after "mid" alone ("by mid-afternoon": the day the text
    /// is about).
    fn daypart_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let p = self.lex(i)?.daypart.filter(|p| !p.contains(':'))?;
        if self.w(i).ends_with('s') || self.is(i, "overnight") {
            return None;
        }
        let time = TimeOfDay::Part(p);
        if let Some((end, day)) = self.day_after(i + 1) {
            return Some((end, Sem::Time { day: Some(Box::new(day)), time }));
        }
        let mid = self.prev(i) == "mid" || (self.prev(i) == "-" && i >= 2 && self.w(i - 2) == "mid");
        mid.then_some((i + 1, Sem::Time { day: None, time }))
    }

    /// "noon", "midnight Friday".
    fn clock_word(&self, i: usize) -> Option<(usize, Sem)> {
        let p = self.lex(i)?.daypart?;
        let (h, m) = p.split_once(':')?;
        let time = TimeOfDay::Clock(h.parse().ok()?, m.parse().ok()?);
        let k = if self.is(i + 1, "on") { i + 2 } else { i + 1 };
        if let Some((end, day)) = self.day_after(k) {
            return Some((end, Sem::Time { day: Some(Box::new(day)), time }));
        }
        if self.w(i) == "midday" {
            return Some((i + 1, Sem::Time { day: None, time }));
        }
        None
    }
}

/// The TIMEX3 duration for `n` `unit`s.
pub fn duration(n: Num, unit: Unit) -> Sem {
    match n {
        Num::N(v) if v.fract() != 0.0 => Sem::DurationIso(duration_value(n, unit)),
        _ => Sem::Duration { n, unit },
    }
}

/// The TIMEX3 value of a duration: `P3Y`, `PT60M`, `PXY`, `P2Y6M`.
pub fn duration_value(n: Num, unit: Unit) -> String {
    let (time, letter, mult) = match unit {
        Unit::Year => (false, "Y", 1.0),
        Unit::Month => (false, "M", 1.0),
        Unit::Week => (false, "W", 1.0),
        Unit::Day => (false, "D", 1.0),
        Unit::Hour => (true, "H", 1.0),
        Unit::Minute => (true, "M", 1.0),
        Unit::Second => (true, "S", 1.0),
        Unit::Quarter => (false, "Q", 1.0),
        Unit::Decade => (false, "Y", 10.0),
        Unit::Century => (false, "Y", 100.0),
        Unit::Millennium => (false, "Y", 1000.0),
        Unit::Fortnight => (false, "W", 2.0),
        Unit::Weekend => (false, "D", 2.0),
    };
    let t = if time { "T" } else { "" };
    match n {
        Num::Vague => {
            // TimeBank's letters for an unspecified number of decades,
            // centuries, millennia
            let l = match unit {
                Unit::Decade => "E",
                Unit::Century => "C",
                Unit::Millennium => "L",
                _ => letter,
            };
            format!("P{t}X{l}")
        }
        Num::N(v) => {
            let v = v * mult;
            if v.fract() == 0.0 {
                return format!("P{t}{}{letter}", v as i64);
            }
            let whole = v.trunc() as i64;
            let frac = v.fract();
            // the fraction in the next smaller unit
            let next = match unit {
                Unit::Year => Some((12.0, "M", false)),
                Unit::Day => Some((24.0, "H", true)),
                Unit::Hour => Some((60.0, "M", true)),
                Unit::Minute => Some((60.0, "S", true)),
                Unit::Week => Some((7.0, "D", false)),
                _ => None,
            };
            match next {
                Some((k, l2, t2)) if (frac * k).fract().abs() < 1e-9 => {
                    let sub = (frac * k).round() as i64;
                    let head = if whole > 0 { format!("{whole}{letter}") } else { String::new() };
                    if t2 && !time { format!("P{head}T{sub}{l2}") } else { format!("P{t}{head}{sub}{l2}") }
                }
                _ => format!("P{t}{v}{letter}"),
            }
        }
    }
}
