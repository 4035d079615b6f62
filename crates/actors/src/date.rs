//! Dates as `yyyymmdd` numbers, enough to compare terms of office.

/// A day as `yyyymmdd` (so that days compare as numbers).
pub type Day = u32;

/// Which end of a range a partial date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// "2021-05" as a start: the first of May.
    Start,
    /// "2021-05" as an end: the first of June (ends are exclusive).
    End,
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (and longer ISO 8601 strings, by their
/// date part).
pub(crate) fn parse_iso(s: &str, end: End) -> Option<Day> {
    let s = s.trim();
    let date = s.get(..10.min(s.len()))?;
    let mut parts = date.split('-');
    let y: u32 = parts.next()?.parse().ok()?;
    if !(1000..=9999).contains(&y) {
        return None;
    }
    let m: Option<u32> = match parts.next() {
        Some(p) => Some(p.get(..2).unwrap_or(p).parse().ok()?),
        None => None,
    };
    let d: Option<u32> = match parts.next() {
        Some(p) => Some(p.get(..2).unwrap_or(p).parse().ok()?),
        None => None,
    };
    match (m, d, end) {
        (Some(m), Some(d), _) if (1..=12).contains(&m) && (1..=31).contains(&d) => Some(y * 10000 + m * 100 + d),
        (Some(m), None, End::Start) if (1..=12).contains(&m) => Some(y * 10000 + m * 100 + 1),
        (Some(12), None, End::End) => Some((y + 1) * 10000 + 101),
        (Some(m), None, End::End) if (1..12).contains(&m) => Some(y * 10000 + (m + 1) * 100 + 1),
        (None, None, End::Start) => Some(y * 10000 + 101),
        (None, None, End::End) => Some((y + 1) * 10000 + 101),
        _ => None,
    }
}

/// Parses a TABARI/PETRARCH date: `YYMMDD` (years up to 30 are 20YY) or `YYYYMMDD`.
pub(crate) fn parse_tabari(s: &str) -> Option<Day> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u32 = s.parse().ok()?;
    let day = match s.len() {
        6 => {
            let yy = v / 10000;
            let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
            year * 10000 + v % 10000
        }
        8 => v,
        _ => return None,
    };
    let (m, d) = (day / 100 % 100, day % 100);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(day)
}

/// `yyyy-mm-dd` of a day.
pub(crate) fn format_day(d: Day) -> String {
    format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_tabari() {
        assert_eq!(parse_iso("2021-11-17", End::Start), Some(20211117));
        assert_eq!(parse_iso("2016-01-13T07:36:11", End::Start), Some(20160113));
        assert_eq!(parse_iso("2023-05", End::Start), Some(20230501));
        assert_eq!(parse_iso("2023-05", End::End), Some(20230601));
        assert_eq!(parse_iso("2023-12", End::End), Some(20240101));
        assert_eq!(parse_iso("2021", End::End), Some(20220101));
        assert_eq!(parse_iso("soon", End::Start), None);
        assert_eq!(parse_tabari("090120"), Some(20090120));
        assert_eq!(parse_tabari("640101"), Some(19640101));
        assert_eq!(parse_tabari("20021115"), Some(20021115));
        assert_eq!(parse_tabari("2004017"), None);
        assert_eq!(format_day(20211117), "2021-11-17");
    }
}
