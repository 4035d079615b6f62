//! What a matched expression means, before it is anchored.

use crate::calendar::Date;
use crate::lexicon::{Anchor, HolidayRule, Unit};

/// A count: exact, or left unspecified ("several").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    N(f64),
    Vague,
}

/// Which year a month, quarter, season or holiday is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    /// Written out ("March 2021").
    Abs(i32),
    /// The DCT's year moved by n ("March next year").
    Dct(i32),
    /// The reference date's year moved by n ("the third quarter of that year").
    Ref(i32),
    /// From the tense of the clause ("in March").
    Infer,
    /// The last one before the DCT ("last November").
    Last,
    /// The next one after the DCT ("next March").
    Next,
    /// The one in the DCT's year ("this summer").
    This,
}

/// A part of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Month(u32),
    MonthDay(u32, u32),
    Quarter(u32),
    Half(u32),
    Season(&'static str),
    Holiday(HolidayRule),
}

/// Which occurrence of a weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WdRel {
    /// From the tense of the clause.
    Infer,
    Last,
    Next,
    This,
}

/// A clock time or a part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOfDay {
    Clock(u32, u32),
    Part(&'static str),
}

/// The meaning of an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A full date ("Nov. 18, 2021", "2021-11-18").
    Date(Date),
    Year(i32),
    /// "1950-53".
    YearRange(i32, i32),
    /// First three digits of the years ("the 1990s" = 199).
    Decade(i32),
    /// Hundreds ("the 21st century" = 20).
    Century(i32),
    /// A month, day, quarter, season or holiday in some year.
    Part {
        part: Part,
        year: YearSpec,
    },
    Weekday {
        wd: u32,
        rel: WdRel,
    },
    /// A weekday before (dir -1) or after (dir 1) the date the text last
    /// named ("the previous Friday", "the following Monday").
    RefWeekday {
        wd: u32,
        dir: i32,
    },
    /// A weekend ("the weekend", "last weekend").
    Weekend(WdRel),
    /// Days from the DCT ("yesterday" = -1).
    Deictic(i64),
    /// The week of a day ("the week of March 6").
    WeekOf(Box<Sem>),
    /// Days before or after a day named in the expression ("the day before
    /// last Tuesday", "the day after Christmas").
    DayShift {
        base: Box<Sem>,
        days: i64,
    },
    /// A calendar unit moved by n from the DCT or the reference date ("last week").
    RelUnit {
        unit: Unit,
        n: i32,
        anchor: Anchor,
    },
    /// n units before (dir -1) or after (dir 1) the DCT or the reference ("two years ago").
    Offset {
        n: Num,
        unit: Unit,
        dir: i32,
        anchor: Anchor,
    },
    /// "the year-earlier period": the reference period a year before.
    YearAgoRef,
    /// "the quarter", "the latest quarter".
    AnaphoricQuarter,
    /// "the 1988 period", "the 1988 quarter": the quarter last named, in that year.
    QuarterOfYear(i32),
    /// A length of time ("three years", "PXY").
    Duration {
        n: Num,
        unit: Unit,
    },
    /// A length of time already written as TIMEX3 ("P2Y6M").
    DurationIso(String),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// A frequency, already written as TIMEX3 ("P1W", "XXXX-WXX-1").
    Set(String),
    /// A time of day on a day (the DCT's when `day` is `None`).
    Time {
        day: Option<Box<Sem>>,
        time: TimeOfDay,
    },
    /// Words that look like a time expression but are not one here (an
    /// age: "a 6-year-old"): consumed, never reported.
    Ignore,
}

impl Sem {
    /// Whether a preceding "the" belongs to the expression ("the third quarter").
    pub fn takes_the(&self) -> bool {
        match self {
            Sem::Part { part, .. } => matches!(part, Part::Quarter(_) | Part::Half(_) | Part::Season(_)),
            Sem::Decade(_)
            | Sem::Century(_)
            | Sem::YearAgoRef
            | Sem::AnaphoricQuarter
            | Sem::QuarterOfYear(_)
            | Sem::Duration { .. }
            | Sem::DurationIso(_)
            | Sem::Weekend(_)
            | Sem::RefWeekday { .. } => true,
            Sem::RelUnit { .. } => true,
            // "the next morning"
            Sem::Time { day: Some(d), .. } => matches!(**d, Sem::RelUnit { anchor: Anchor::Ref, .. }),
            _ => false,
        }
    }

    /// Whether it is a count of time (so "about", "more than" may precede it).
    pub fn is_numeric(&self) -> bool {
        matches!(self, Sem::Duration { .. } | Sem::DurationIso(_) | Sem::Offset { .. } | Sem::Time { .. })
    }

    /// Whether it is placed relative to the DCT (so "earlier", "later" may precede it).
    pub fn is_relative(&self) -> bool {
        matches!(
            self,
            Sem::Deictic(_)
                | Sem::RelUnit { .. }
                | Sem::Weekday { .. }
                | Sem::Weekend(_)
                | Sem::Part { year: YearSpec::Dct(_) | YearSpec::This | YearSpec::Last | YearSpec::Next, .. }
                | Sem::Time { .. }
        )
    }

    /// Whether it names a point or period of the calendar (so "early", "the end of" may precede it).
    pub fn is_calendar(&self) -> bool {
        !matches!(
            self,
            Sem::Duration { .. } | Sem::DurationIso(_) | Sem::Ref(_) | Sem::Set(_) | Sem::Offset { .. } | Sem::Ignore
        )
    }
}
