//! Date filters: validation of query dates and a sortable key for event dates.

use attache_model::{civil_from_days, days_from_civil};

/// Accepts `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date) and returns
/// it unchanged; anything else is an error message for a 400.
pub fn validate(s: &str) -> Result<String, String> {
    let bad = || format!("'{s}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).map(|_| s.to_owned()).ok_or_else(bad),
        [y, m] => match (num(y, 4), num(m, 2)) {
            (Some(_), Some(m)) if (1..=12).contains(&m) => Ok(s.to_owned()),
            _ => Err(bad()),
        },
        [y, m, d] => match (num(y, 4), num(m, 2), num(d, 2)) {
            (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) => {
                Ok(s.to_owned())
            }
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A key that sorts and compares event dates of any precision: `2021`,
/// `2021-11`, `2021-11-16` (a timestamp is cut to its date), and ISO weeks
/// (`2022-W02` becomes the date of its Monday). `None` for unanchored values
/// (`XXXX-WXX-3`, `PRESENT_REF`).
pub fn key(s: &str) -> Option<String> {
    let s = s.get(..10.min(s.len()))?;
    if let Some((y, w)) = s.split_once("-W") {
        let y: i64 = y.parse().ok().filter(|_| y.len() == 4)?;
        let w: i64 = w.get(..2)?.parse().ok()?;
        let jan4 = days_from_civil(y, 1, 4);
        let monday = jan4 - (jan4 + 3).rem_euclid(7) + 7 * (w - 1);
        let (y, m, d) = civil_from_days(monday);
        return Some(format!("{y:04}-{m:02}-{d:02}"));
    }
    let ok = s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    (ok && matches!(s.len(), 4 | 7 | 10)).then(|| s.to_owned())
}

/// Whether a date key lies in `[from, to]`, each bound a validated date of any
/// precision (`to = 2021-11` covers all of November).
pub fn in_range(key: Option<&str>, from: Option<&str>, to: Option<&str>) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some(k) = key else { return false };
    if from.is_some_and(|f| k < f) {
        return false;
    }
    if let Some(t) = to {
        let cut = &k[..k.len().min(t.len())];
        if cut > t {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates() {
        for ok in ["2021", "2021-11", "2021-11-30", "2024-02-29"] {
            assert_eq!(validate(ok).as_deref(), Ok(ok));
        }
        for bad in ["", "21", "2021-13", "2021-11-31", "2023-02-29", "2021/11/01", "yesterday", "2021-1-01"] {
            assert!(validate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys() {
        assert_eq!(key("2021-11-16T09:00:00Z").as_deref(), Some("2021-11-16"));
        assert_eq!(key("2021").as_deref(), Some("2021"));
        assert_eq!(key("2022-W02").as_deref(), Some("2022-01-10"));
        assert_eq!(key("2021-W01").as_deref(), Some("2021-01-04"));
        assert_eq!(key("XXXX-WXX-3"), None);
        assert_eq!(key("PRESENT_REF"), None);
    }

    #[test]
    fn ranges() {
        assert!(in_range(Some("2021-11-16"), Some("2021-11"), Some("2021-11")));
        assert!(!in_range(Some("2021-12-01"), None, Some("2021-11")));
        assert!(!in_range(Some("2021-10-31"), Some("2021-11-01"), None));
        assert!(in_range(Some("2021"), None, Some("2021-06")));
        assert!(!in_range(None, Some("2021"), None));
        assert!(in_range(None, None, None));
    }

    proptest::proptest! {
        #[test]
        fn week_keys_are_mondays(y in 1990i64..2100, w in 1i64..53) {
            let k = key(&format!("{y}-W{w:02}")).expect("a key");
            let (yy, mm, dd) = (k[..4].parse::<i64>().unwrap_or(0), k[5..7].parse::<u32>().unwrap_or(0), k[8..].parse::<u32>().unwrap_or(0));
            let days = days_from_civil(yy, mm, dd);
            proptest::prop_assert_eq!((days + 3).rem_euclid(7), 0);
            proptest::prop_assert_eq!(civil_from_days(days), (yy, mm, dd));
        }
    }
}
