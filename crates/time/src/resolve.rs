//! Anchoring: from what an expression means ([`Sem`]) to its TIMEX3 value,
//! given the document creation time, the tense of its clause and the last
//! date the text mentioned.

use attache_model::TimexKind;

use crate::calendar::{Date, add_months, add_quarters, add_weeks, easter};
use crate::lexicon::{Anchor, HolidayRule, Tense, Unit};
use crate::scan::duration_value;
use crate::sem::{Num, Part, Sem, TimeOfDay, WdRel, YearSpec};
use crate::tense::Cue;

/// The document creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dct {
    pub date: Date,
    /// The hour in UTC, when the DCT is a timestamp with a zone.
    pub utc_hour: Option<u32>,
}

impl Dct {
    /// Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` and the other
    /// shapes [`attache_model::normalize_date`] knows.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let norm = attache_model::normalize_date(s).or_else(|| {
            // TimeML's "19980807" and "1998-08-07T06:18"
            let b = s.as_bytes();
            (b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit))
                .then(|| format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8]))
        })?;
        let date =
            Date::new(norm.get(0..4)?.parse().ok()?, norm.get(5..7)?.parse().ok()?, norm.get(8..10)?.parse().ok()?)?;
        let mut utc_hour = None;
        if let Some(time) = norm.get(11..) {
            let h: i32 = time.get(0..2).and_then(|h| h.parse().ok()).unwrap_or(0);
            let m: i32 = time.get(3..5).and_then(|m| m.parse().ok()).unwrap_or(0);
            let zone = time.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
            let offset = if zone == "Z" {
                Some(0)
            } else if let Some(z) = zone.strip_prefix(['+', '-']) {
                let sign = if zone.starts_with('-') { -1 } else { 1 };
                let zh: i32 = z.get(0..2).and_then(|x| x.parse().ok()).unwrap_or(0);
                let zm: i32 = z.get(2..).map(|x| x.trim_start_matches(':')).and_then(|x| x.parse().ok()).unwrap_or(0);
                Some(sign * (zh * 60 + zm))
            } else {
                None
            };
            if let Some(off) = offset {
                let mins = (h * 60 + m - off).rem_euclid(24 * 60);
                utc_hour = Some((mins / 60) as u32);
            }
        }
        Some(Self { date, utc_hour })
    }
}

/// A resolved calendar value, kept as the reference for later expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    Day(Date),
    Week(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, &'static str),
    Year(i32),
}

impl Val {
    pub fn value(&self) -> String {
        match *self {
            Val::Day(d) => d.iso(),
            Val::Week(y, w) => format!("{y:04}-W{w:02}"),
            Val::Month(y, m) => format!("{y:04}-{m:02}"),
            Val::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Val::Half(y, h) => format!("{y:04}-H{h}"),
            Val::Season(y, s) => format!("{y:04}-{s}"),
            Val::Year(y) => format!("{y:04}"),
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            Val::Day(d) => d.y,
            Val::Week(y, _)
            | Val::Month(y, _)
            | Val::Quarter(y, _)
            | Val::Half(y, _)
            | Val::Season(y, _)
            | Val::Year(y) => y,
        }
    }

    /// The same period `n` years later.
    fn shift_years(&self, n: i32) -> Val {
        match *self {
            Val::Day(d) => Val::Day(Date::new(d.y + n, d.m, d.d).unwrap_or(Date { y: d.y + n, m: d.m, d: 28 })),
            Val::Week(y, w) => Val::Week(y + n, w),
            Val::Month(y, m) => Val::Month(y + n, m),
            Val::Quarter(y, q) => Val::Quarter(y + n, q),
            Val::Half(y, h) => Val::Half(y + n, h),
            Val::Season(y, s) => Val::Season(y + n, s),
            Val::Year(y) => Val::Year(y + n),
        }
    }

    /// A day in it (its first), to anchor day-level arithmetic.
    fn first_day(&self) -> Date {
        let d = |y, m| Date { y, m, d: 1 };
        match *self {
            Val::Day(x) => x,
            Val::Week(y, w) => Date::from_iso_week(y, w),
            Val::Month(y, m) => d(y, m),
            Val::Quarter(y, q) => d(y, (q - 1) * 3 + 1),
            Val::Half(y, h) => d(y, (h - 1) * 6 + 1),
            Val::Season(y, s) => d(y, season_start(s)),
            Val::Year(y) => d(y, 1),
        }
    }
}

/// What anchoring may use.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ctx {
    pub dct: Option<Dct>,
    /// The last date the text mentioned (never one from a caption).
    pub reference: Option<Val>,
    /// The last quarter the text named ("the third quarter").
    pub quarter: Option<Val>,
    /// The last day the text named, in this sentence or the one before: what "the
    /// same day" refers to when a month came after it ("confirmed on Jan. 16 that
    /// Iran met the deal it reached in July, and the U.S. lifted sanctions the same day").
    pub day: Option<Val>,
}

/// An anchored expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub value: String,
    pub kind: TimexKind,
    /// The calendar value, when it can serve as a reference.
    pub val: Option<Val>,
    pub anchor: &'static str,
}

fn date_of(value: String, val: Option<Val>, anchor: &'static str) -> Resolved {
    Resolved { value, kind: TimexKind::Date, val, anchor }
}

fn val(v: Val, anchor: &'static str) -> Resolved {
    date_of(v.value(), Some(v), anchor)
}

fn unresolved(value: impl Into<String>) -> Resolved {
    date_of(value.into(), None, "unanchored")
}

fn season_start(s: &str) -> u32 {
    match s {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// The season (its year and code) a date falls in; January and February
/// belong to the winter that started the December before.
fn season_of(d: Date) -> (i32, &'static str) {
    match d.m {
        3..=5 => (d.y, "SP"),
        6..=8 => (d.y, "SU"),
        9..=11 => (d.y, "FA"),
        12 => (d.y, "WI"),
        _ => (d.y - 1, "WI"),
    }
}

fn holiday_date(rule: HolidayRule, y: i32) -> Option<Date> {
    match rule {
        HolidayRule::Fixed(m, d) => Date::new(y, m, d),
        HolidayRule::WeekdayOnOrAfter(m, d, wd) => {
            let start = Date::new(y, m, d)?;
            let delta = (i64::from(wd) - i64::from(start.weekday())).rem_euclid(7);
            Some(start.add_days(delta))
        }
        HolidayRule::Easter(n) => Some(easter(y).add_days(i64::from(n))),
    }
}

/// The position of a part within year `y` as a sortable day, to compare with the DCT.
fn part_key(part: Part, y: i32) -> Option<i64> {
    let d = match part {
        Part::Month(m) => Date::new(y, m, 1)?,
        Part::MonthDay(m, d) => Date::new(y, m, d).or_else(|| Date::new(y, m, 28))?,
        Part::Quarter(q) => Date::new(y, (q - 1) * 3 + 1, 1)?,
        Part::Half(h) => Date::new(y, (h - 1) * 6 + 1, 1)?,
        Part::Season(s) => Date::new(y, season_start(s), 1)?,
        Part::Holiday(r) => holiday_date(r, y)?,
    };
    Some(d.days())
}

/// The DCT's own period of the same granularity as `part`, as a sortable day.
fn dct_key(part: Part, dct: Date) -> i64 {
    let d = match part {
        Part::Month(_) => Date { d: 1, ..dct },
        Part::MonthDay(..) | Part::Holiday(_) => dct,
        Part::Quarter(_) => Date { m: (dct.quarter() - 1) * 3 + 1, d: 1, ..dct },
        Part::Half(_) => Date { m: if dct.m <= 6 { 1 } else { 7 }, d: 1, ..dct },
        Part::Season(_) => {
            let (y, s) = season_of(dct);
            Date { y, m: season_start(s), d: 1 }
        }
    };
    d.days()
}

/// The year of a part relative to the DCT: `dir` -1 the last one before
/// (strictly when `strict`), 1 the next one after.
fn year_around(part: Part, dct: Date, dir: i32, strict: bool) -> i32 {
    let now = dct_key(part, dct);
    for y in [dct.y + 1, dct.y, dct.y - 1] {
        if dir < 0
            && let Some(k) = part_key(part, y)
            && (k < now || (!strict && k <= now))
        {
            return y;
        }
    }
    for y in [dct.y - 1, dct.y, dct.y + 1] {
        if dir > 0
            && let Some(k) = part_key(part, y)
            && (k > now || (!strict && k >= now))
        {
            return y;
        }
    }
    dct.y
}

/// The first and last day of a part in year `y`.
fn part_bounds(part: Part, y: i32) -> Option<(i64, i64)> {
    let month = |m: u32, n: u32| -> Option<(i64, i64)> {
        let (y2, m2) = add_months(y, m, n as i32 - 1);
        Some((Date::new(y, m, 1)?.days(), Date::new(y2, m2, crate::calendar::days_in_month(y2, m2))?.days()))
    };
    match part {
        Part::Month(m) => month(m, 1),
        Part::MonthDay(..) | Part::Holiday(_) => part_key(part, y).map(|k| (k, k)),
        Part::Quarter(q) => month((q - 1) * 3 + 1, 3),
        Part::Half(h) => month((h - 1) * 6 + 1, 6),
        Part::Season(s) => month(season_start(s), 3),
    }
}

/// Days a clause's tense costs an occurrence on the wrong side of the DCT
/// (a strong cue, then a weak one: a reporting verb or an "-ed" form).
const TENSE_CONFLICT: i64 = 180;
const WEAK_CONFLICT: i64 = 180;
/// Days an occurrence after the DCT costs when the clause has no tense cue
/// (news reports mostly look back).
const FUTURE_BIAS: i64 = 120;

/// The year of a part with no year written ("in March", "Nov. 18"): the
/// occurrence nearest the DCT, where one on the side the tense points to is
/// preferred.
fn nearest_year(part: Part, dct: Date, cue: Option<Cue>) -> i32 {
    let now = dct.days();
    let mut best = (i64::MAX, dct.y);
    for y in [dct.y, dct.y - 1, dct.y + 1] {
        let Some((a, b)) = part_bounds(part, y) else { continue };
        let delta = if now < a {
            a - now
        } else if now > b {
            b - now
        } else {
            0
        };
        let conflict = |c: Cue| if c.strong { TENSE_CONFLICT } else { WEAK_CONFLICT };
        let penalty = match cue {
            Some(c) if c.tense == Tense::Past && delta > 0 => conflict(c),
            Some(c) if c.tense == Tense::Future && delta < 0 => conflict(c),
            None if delta > 0 => FUTURE_BIAS,
            _ => 0,
        };
        let cost = delta.abs() + penalty;
        if cost < best.0 {
            best = (cost, y);
        }
    }
    best.1
}

fn part_val(part: Part, y: i32) -> Val {
    match part {
        Part::Month(m) => Val::Month(y, m),
        Part::MonthDay(m, d) => Val::Day(Date::new(y, m, d).unwrap_or(Date { y, m, d })),
        Part::Quarter(q) => Val::Quarter(y, q),
        Part::Half(h) => Val::Half(y, h),
        Part::Season(s) => Val::Season(y, s),
        Part::Holiday(r) => Val::Day(holiday_date(r, y).unwrap_or(Date { y, m: 1, d: 1 })),
    }
}

fn part_unresolved(part: Part) -> String {
    match part {
        Part::Month(m) => format!("XXXX-{m:02}"),
        Part::MonthDay(m, d) => format!("XXXX-{m:02}-{d:02}"),
        Part::Quarter(q) => format!("XXXX-Q{q}"),
        Part::Half(h) => format!("XXXX-H{h}"),
        Part::Season(s) => format!("XXXX-{s}"),
        Part::Holiday(HolidayRule::Fixed(m, d)) => format!("XXXX-{m:02}-{d:02}"),
        Part::Holiday(_) => "XXXX-XX-XX".to_owned(),
    }
}

/// Hints from the expression's own words.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    /// "early", "morning", "dawn": the expression is about the start of a day.
    pub early: bool,
}

/// Anchors `sem`. `tense` is asked only when the value depends on it.
pub fn resolve(sem: &Sem, ctx: &Ctx, cue: &mut dyn FnMut() -> Option<Cue>, hints: Hints) -> Resolved {
    let tense = &mut || cue().map(|c| c.tense);
    let dct = ctx.dct.map(|d| d.date);
    match sem {
        Sem::Date(d) => val(Val::Day(*d), "absolute"),
        Sem::Year(y) => val(Val::Year(*y), "absolute"),
        Sem::YearRange(a, b) => date_of(format!("{a:04}/{b:04}"), None, "absolute"),
        Sem::Decade(d) => date_of(format!("{d:03}"), None, "absolute"),
        Sem::Century(c) => date_of(format!("{c:02}"), None, "absolute"),
        Sem::Part { part, year } => {
            let (y, anchor) = match (*year, dct) {
                (YearSpec::Abs(y), _) => (y, "absolute"),
                (YearSpec::Ref(n), Some(d)) => match ctx.reference {
                    Some(r) => (r.year() + n, "reference"),
                    None => (d.y + n, "dct"),
                },
                (_, None) => return unresolved(part_unresolved(*part)),
                (YearSpec::Dct(n), Some(d)) => (d.y + n, "dct"),
                (YearSpec::This, Some(d)) => (d.y, "dct"),
                (YearSpec::Last, Some(d)) => (year_around(*part, d, -1, true), "dct"),
                (YearSpec::Next, Some(d)) => (year_around(*part, d, 1, true), "dct"),
                (YearSpec::Infer, Some(d)) => {
                    let c = cue();
                    let anchor = match c.map(|c| c.tense) {
                        Some(Tense::Past) => "dct+tense-past",
                        Some(Tense::Future) => "dct+tense-future",
                        None => "dct",
                    };
                    (nearest_year(*part, d, c), anchor)
                }
            };
            val(part_val(*part, y), anchor)
        }
        Sem::Weekday { wd, rel } => {
            let Some(d) = ctx.dct else { return unresolved(format!("XXXX-WXX-{wd}")) };
            let (day, anchor) = weekday(d, *wd, *rel, tense, hints);
            val(Val::Day(day), anchor)
        }
        Sem::RefWeekday { wd, dir } => {
            let Some(d) = dct else { return unresolved(format!("XXXX-WXX-{wd}")) };
            let (base, how) = match ctx.reference {
                Some(r) => (r.first_day(), "reference"),
                None => (d, "dct"),
            };
            let bw = i64::from(base.weekday());
            let wd = i64::from(*wd);
            let delta = if *dir < 0 { -(bw - wd - 1).rem_euclid(7) - 1 } else { (wd - bw - 1).rem_euclid(7) + 1 };
            val(Val::Day(base.add_days(delta)), how)
        }
        Sem::Weekend(rel) => {
            let Some(d) = dct else { return unresolved("XXXX-WXX-WE") };
            let (y, w) = d.iso_week();
            let weekend_now = d.weekday() >= 6;
            let n = match rel {
                WdRel::Last => -1,
                WdRel::Next => i32::from(weekend_now),
                WdRel::This => 0,
                WdRel::Infer => match tense() {
                    Some(Tense::Future) => 0,
                    _ if weekend_now => 0,
                    _ => -1,
                },
            };
            let (y, w) = add_weeks(y, w, n);
            date_of(format!("{y:04}-W{w:02}-WE"), Some(Val::Week(y, w)), "dct")
        }
        Sem::Deictic(n) => match dct {
            Some(d) => val(Val::Day(d.add_days(*n)), "dct"),
            None => unresolved("XXXX-XX-XX"),
        },
        Sem::WeekOf(day) => {
            let r = resolve(day, ctx, cue, hints);
            match r.val {
                Some(Val::Day(d)) => {
                    let (y, w) = d.iso_week();
                    val(Val::Week(y, w), r.anchor)
                }
                _ => unresolved("XXXX-WXX"),
            }
        }
        Sem::DayShift { base, days } => {
            let r = resolve(base, ctx, cue, hints);
            match r.val {
                Some(Val::Day(d)) => val(Val::Day(d.add_days(*days)), r.anchor),
                _ => r,
            }
        }
        Sem::RelUnit { unit, n, anchor } => rel_unit(*unit, *n, *anchor, ctx),
        Sem::Offset { n, unit, dir, anchor } => offset(*n, *unit, *dir, *anchor, ctx),
        Sem::Ignore => date_of(String::new(), None, "ignored"),
        Sem::YearAgoRef => {
            let Some(d) = dct else { return unresolved("XXXX") };
            match ctx.quarter.or(ctx.reference) {
                Some(r @ (Val::Quarter(..) | Val::Half(..) | Val::Month(..) | Val::Year(_))) => {
                    val(r.shift_years(-1), "reference")
                }
                Some(r) => val(Val::Year(r.year() - 1), "reference"),
                None => val(Val::Year(d.y - 1), "dct"),
            }
        }
        Sem::QuarterOfYear(y) => match ctx.quarter {
            Some(Val::Quarter(_, q)) => val(Val::Quarter(*y, q), "reference"),
            _ => val(Val::Year(*y), "absolute"),
        },
        Sem::AnaphoricQuarter => {
            let Some(d) = dct else { return unresolved("XXXX-QX") };
            if let Some(r) = ctx.quarter {
                return val(r, "reference");
            }
            let n = if tense() == Some(Tense::Future) { 0 } else { -1 };
            let (y, q) = add_quarters(d.y, d.quarter(), n);
            val(Val::Quarter(y, q), "dct")
        }
        Sem::Duration { n, unit } => {
            Resolved { value: duration_value(*n, *unit), kind: TimexKind::Duration, val: None, anchor: "absolute" }
        }
        Sem::DurationIso(v) => Resolved { value: v.clone(), kind: TimexKind::Duration, val: None, anchor: "absolute" },
        Sem::Ref(v) => date_of((*v).to_owned(), None, "absolute"),
        Sem::Set(v) => Resolved { value: v.clone(), kind: TimexKind::Set, val: None, anchor: "absolute" },
        Sem::Time { day, time } => {
            let t = match time {
                TimeOfDay::Clock(h, m) => format!("T{h:02}:{m:02}"),
                TimeOfDay::Part(p) => format!("T{p}"),
            };
            let hints = Hints { early: hints.early || matches!(time, TimeOfDay::Part("MO")) };
            let base = match day {
                Some(s) => resolve(s, ctx, cue, hints),
                // A bare clock time is on the day the text last named, else the DCT's.
                None => match (dct, ctx.reference) {
                    (Some(_), Some(Val::Day(r))) => val(Val::Day(r), "reference"),
                    (Some(d), _) => val(Val::Day(d), "dct"),
                    (None, _) => unresolved("XXXX-XX-XX"),
                },
            };
            let date = match base.val {
                Some(Val::Day(d)) => d.iso(),
                _ if base.value.starts_with("XXXX") => base.value.clone(),
                _ => "XXXX-XX-XX".to_owned(),
            };
            Resolved { value: format!("{date}{t}"), kind: TimexKind::Time, val: base.val, anchor: base.anchor }
        }
    }
}

/// The day a weekday names.
fn weekday(
    dct: Dct,
    wd: u32,
    rel: WdRel,
    tense: &mut dyn FnMut() -> Option<Tense>,
    hints: Hints,
) -> (Date, &'static str) {
    let d = dct.date;
    let dw = i64::from(d.weekday());
    let wd = i64::from(wd);
    let back = (dw - wd).rem_euclid(7); // days back to the last such day (0 = today)
    let fwd = (wd - dw).rem_euclid(7); // days on to the next (0 = today)
    match rel {
        WdRel::Last => (d.add_days(-(if back == 0 { 7 } else { back })), "dct"),
        WdRel::Next => (d.add_days(if fwd == 0 { 7 } else { fwd }), "dct"),
        WdRel::This => (d.add_days(wd - dw), "dct"),
        WdRel::Infer => {
            let t = tense();
            if t == Some(Tense::Future) {
                return (d.add_days(fwd), "dct+tense-future");
            }
            // A late timestamp in UTC or the Americas is already the next day
            // in East Asia: a past report of "early Friday morning" stamped
            // late on Thursday is about that Friday, not the week before.
            if fwd == 1
                && let Some(h) = dct.utc_hour
                && (h >= 15 || (h >= 12 && hints.early))
            {
                return (d.add_days(1), "dct+timezone");
            }
            (d.add_days(-back), if t == Some(Tense::Past) { "dct+tense-past" } else { "dct" })
        }
    }
}

fn rel_unit(unit: Unit, n: i32, anchor: Anchor, ctx: &Ctx) -> Resolved {
    let Some(dct) = ctx.dct.map(|d| d.date) else {
        return unresolved(match unit {
            Unit::Day => "XXXX-XX-XX",
            Unit::Week | Unit::Fortnight | Unit::Weekend => "XXXX-WXX",
            Unit::Month => "XXXX-XX",
            Unit::Quarter => "XXXX-QX",
            Unit::Decade => "XXX",
            Unit::Century => "XX",
            _ => "XXXX",
        });
    };
    let reference = if unit == Unit::Quarter { ctx.quarter.or(ctx.reference) } else { ctx.reference };
    let (base, how) = match (anchor, reference) {
        (Anchor::Ref, Some(r)) if unit == Unit::Day && !matches!(r, Val::Day(_)) && ctx.day.is_some() => {
            (ctx.day.unwrap_or(r), "reference")
        }
        (Anchor::Ref, Some(r)) => (r, "reference"),
        _ => (Val::Day(dct), "dct"),
    };
    let day = base.first_day();
    let out = match unit {
        Unit::Day => match base {
            Val::Day(d) => Val::Day(d.add_days(i64::from(n))),
            // A day of a month, a season or a year the text named ("last
            // October ... that same day"): which day is not known.
            Val::Week(..) | Val::Month(..) => return date_of(format!("{:04}-{:02}-XX", day.y, day.m), None, how),
            _ => return date_of(format!("{:04}-XX-XX", base.year()), None, how),
        },
        Unit::Week | Unit::Fortnight | Unit::Weekend => {
            let (y, w) = day.iso_week();
            let (y, w) = add_weeks(y, w, n);
            Val::Week(y, w)
        }
        Unit::Month => {
            let (y, m) = add_months(day.y, day.m, n);
            Val::Month(y, m)
        }
        Unit::Quarter => {
            let (y, q) = match base {
                Val::Quarter(y, q) => (y, q),
                _ => (day.y, day.quarter()),
            };
            let (y, q) = add_quarters(y, q, n);
            Val::Quarter(y, q)
        }
        Unit::Decade => return date_of(format!("{:03}", day.y.div_euclid(10) + n), None, how),
        Unit::Century => return date_of(format!("{:02}", day.y.div_euclid(100) + n), None, how),
        Unit::Millennium => return date_of(format!("{}", day.y.div_euclid(1000) + n), None, how),
        Unit::Year | Unit::Hour | Unit::Minute | Unit::Second => Val::Year(base.year() + n),
    };
    val(out, how)
}

fn offset(n: Num, unit: Unit, dir: i32, anchor: Anchor, ctx: &Ctx) -> Resolved {
    let Num::N(v) = n else {
        return date_of(if dir < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_owned(), None, "absolute");
    };
    let Some(dct) = ctx.dct.map(|d| d.date) else {
        return unresolved(match unit {
            Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => "XXXX-XX-XX",
            Unit::Week | Unit::Fortnight | Unit::Weekend => "XXXX-WXX",
            Unit::Month => "XXXX-XX",
            _ => "XXXX",
        });
    };
    let k = (v.round() as i32) * dir;
    let (base, how) = match (anchor, ctx.reference) {
        (Anchor::Ref, Some(r)) => (r, "reference"),
        _ => match ctx.quarter {
            // "a year ago" in a quarterly report is the same quarter a year before
            Some(q) if unit == Unit::Year && v == 1.0 => (q, "reference"),
            _ => (Val::Day(dct), "dct"),
        },
    };
    let day = base.first_day();
    let out = match unit {
        Unit::Year => match base {
            Val::Quarter(..) | Val::Half(..) | Val::Month(..) | Val::Year(_) if how == "reference" => {
                base.shift_years(k)
            }
            _ => Val::Year(day.y + k),
        },
        Unit::Decade => Val::Year(day.y + 10 * k),
        Unit::Century => Val::Year(day.y + 100 * k),
        Unit::Millennium => Val::Year(day.y + 1000 * k),
        Unit::Month => {
            let (y, m) = add_months(day.y, day.m, k);
            Val::Month(y, m)
        }
        Unit::Quarter => {
            let (y, q) = add_quarters(day.y, day.quarter(), k);
            Val::Quarter(y, q)
        }
        Unit::Week | Unit::Fortnight | Unit::Weekend => {
            let (y, w) = day.iso_week();
            let (y, w) = add_weeks(y, w, if unit == Unit::Fortnight { 2 * k } else { k });
            Val::Week(y, w)
        }
        Unit::Day => Val::Day(day.add_days(i64::from(k))),
        Unit::Hour | Unit::Minute | Unit::Second => Val::Day(day),
    };
    val(out, how)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dct_shapes() {
        let d = Dct::parse("2021-11-17").expect("date");
        assert_eq!(d.date, Date { y: 2021, m: 11, d: 17 });
        assert_eq!(d.utc_hour, None);
        let d = Dct::parse("2022-01-20T22:30:00Z").expect("timestamp");
        assert_eq!(d.utc_hour, Some(22));
        let d = Dct::parse("2022-01-20T10:30:00-05:00").expect("timestamp");
        assert_eq!(d.utc_hour, Some(15));
        assert!(Dct::parse("yesterday").is_none());
        assert_eq!(Dct::parse("19980807").map(|d| d.date), Some(Date { y: 1998, m: 8, d: 7 }));
    }

    #[test]
    fn years_around() {
        let dct = Date { y: 1998, m: 2, d: 6 };
        assert_eq!(year_around(Part::Month(12), dct, -1, false), 1997);
        assert_eq!(year_around(Part::Month(4), dct, 1, false), 1998);
        assert_eq!(year_around(Part::Season("FA"), dct, -1, true), 1997);
        assert_eq!(year_around(Part::Month(2), dct, -1, true), 1997);
    }
}
