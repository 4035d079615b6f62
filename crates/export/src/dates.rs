//! Event dates at the text's precision (`2021-11-16`, `2022-W02`, `2022-01`,
//! `2021`, `1950/1953`, `2021-11-16T10:00`) as the day ranges that formats with
//! day-only dates need.

use attache_model::civil_from_days;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Day {
    fn new(year: i64, month: u32, day: u32) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Day { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = if self.month <= 2 { self.year - 1 } else { self.year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(days: i64) -> Self {
        let (year, month, day) = civil_from_days(days);
        Day { year, month, day }
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `YYYYMMDD`.
    pub fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The days an ISO 8601 date covers, and the time of day when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    pub start: Day,
    /// The last day covered (inclusive); equal to `start` for a day.
    pub end: Day,
    /// The time of day after `T`, as written (`10:00`, `10:00:00Z`).
    pub time: Option<String>,
}

impl DateRange {
    pub fn is_day(&self) -> bool {
        self.start == self.end
    }
}

fn num(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// The range of one date form (no `/`).
fn single(s: &str) -> Option<DateRange> {
    let (date, time) = match s.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t.to_owned())),
        Some(_) => return None,
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let year = i64::from(num(parts.first()?, 4)?);
    let (start, end) = match parts.as_slice() {
        [_] => (Day::new(year, 1, 1)?, Day::new(year, 12, 31)?),
        [_, w] if w.starts_with('W') => {
            let monday = week_monday(year, num(&w[1..], 2)?)?;
            (monday, Day::from_days(monday.days() + 6))
        }
        [_, w, d] if w.starts_with('W') => {
            let weekday = num(d, 1).filter(|d| (1..=7).contains(d))?;
            let day = Day::from_days(week_monday(year, num(&w[1..], 2)?)?.days() + i64::from(weekday) - 1);
            (day, day)
        }
        [_, q] if q.starts_with('Q') => {
            let q = num(&q[1..], 1).filter(|q| (1..=4).contains(q))?;
            (Day::new(year, q * 3 - 2, 1)?, Day::new(year, q * 3, days_in_month(year, q * 3))?)
        }
        [_, m] => {
            let m = num(m, 2)?;
            (Day::new(year, m, 1)?, Day::new(year, m, days_in_month(year, m))?)
        }
        [_, m, d] => {
            let day = Day::new(year, num(m, 2)?, num(d, 2)?)?;
            (day, day)
        }
        _ => return None,
    };
    if time.is_some() && start != end {
        return None;
    }
    Some(DateRange { start, end, time })
}

/// The Monday of ISO week `week` of `year`.
fn week_monday(year: i64, week: u32) -> Option<Day> {
    // 4 January is always in week 1.
    let jan4 = Day::new(year, 1, 4)?.days();
    let weekday = (jan4 + 3).rem_euclid(7); // 0 = Monday (1970-01-01 was a Thursday)
    // A week 53 exists when its Thursday is still in `year`.
    let weeks = if Day::from_days(jan4 - weekday + 7 * 52 + 3).year == year { 53 } else { 52 };
    (1..=weeks).contains(&week).then(|| Day::from_days(jan4 - weekday + 7 * (i64::from(week) - 1)))
}

/// The days `value` covers; `None` for values that are not dates (`PRESENT_REF`,
/// `XXXX-WXX-3`, durations, seasons).
pub fn date_range(value: &str) -> Option<DateRange> {
    match value.split_once('/') {
        Some((a, b)) => {
            let (a, b) = (single(a)?, single(b)?);
            (a.start <= b.end).then_some(DateRange { start: a.start, end: b.end, time: None })
        }
        None => single(value),
    }
}

/// The date part and the time part (`HHMMSS`) of a publication timestamp, for
/// GDELT's `DATEADDED`.
pub fn timestamp_compact(published: &str) -> Option<String> {
    let r = single(published.get(..10)?)?;
    let rest = published.get(10..).unwrap_or("");
    let clock: String =
        rest.strip_prefix(['T', ' ']).unwrap_or("").chars().take(8).filter(char::is_ascii_digit).collect();
    let clock = if clock.len() == 6 || clock.len() == 4 { format!("{clock:0<6}") } else { "000000".to_owned() };
    Some(format!("{}{clock}", r.start.compact()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(v: &str) -> Option<(String, String)> {
        date_range(v).map(|r| (r.start.iso(), r.end.iso()))
    }

    #[test]
    fn precisions() {
        let r = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
        assert_eq!(range("2021-11-16"), r("2021-11-16", "2021-11-16"));
        assert_eq!(range("2024-02"), r("2024-02-01", "2024-02-29"));
        assert_eq!(range("2021"), r("2021-01-01", "2021-12-31"));
        assert_eq!(range("2022-W02"), r("2022-01-10", "2022-01-16"));
        assert_eq!(range("2020-W53"), r("2020-12-28", "2021-01-03"));
        assert_eq!(range("2021-W53"), None);
        assert_eq!(range("2022-W02-3"), r("2022-01-12", "2022-01-12"));
        assert_eq!(range("2016-Q1"), r("2016-01-01", "2016-03-31"));
        assert_eq!(range("1950/1953"), r("1950-01-01", "1953-12-31"));
        assert_eq!(range("2021-11-16T10:00").map(|x| x.0), Some("2021-11-16".to_owned()));
        for bad in ["XXXX-WXX-3", "PRESENT_REF", "PT60M", "2021-02-30", "2021-SU", "", "2021-11-16T"] {
            assert_eq!(range(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 2_000_000] {
            assert_eq!(Day::from_days(days).days(), days);
        }
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp_compact("2016-01-13").as_deref(), Some("20160113000000"));
        assert_eq!(timestamp_compact("2016-01-13T07:36:11Z").as_deref(), Some("20160113073611"));
        assert_eq!(timestamp_compact("2016-01-13T07:36").as_deref(), Some("20160113073600"));
        assert_eq!(timestamp_compact("soon"), None);
    }
}
