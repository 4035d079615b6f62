//! Publication dates as ISO 8601, from the shapes crawlers and feeds write.

/// The proleptic Gregorian date `days` days after 1970-01-01, as (year, month,
/// day) (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the inverse of
/// [`civil_from_days`]).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The month a word names ("Feb.", "sept", "December"): 1..=12.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']).to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| w.starts_with(m)).map(|i| i as u32 + 1)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    (1000..=2999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[zone]` for the date forms news metadata
/// uses: ISO 8601 (with a space or `T`), RFC 2822 ("Tue, 13 Jan 2016 07:36:11
/// GMT"), "January 13, 2016", "13 January 2016", "2016/01/13". `None` when `s`
/// is none of them.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim().trim_matches(['"', '\'']);
    // ISO-like: 2016-01-13, 2016/01/13, 2016.01.13, then an optional time.
    if s.len() >= 10 && s.as_bytes()[4] == s.as_bytes()[7] && matches!(s.as_bytes()[4], b'-' | b'/' | b'.') {
        let (y, m, d) = (digits(s.get(0..4)?)?, digits(s.get(5..7)?)?, digits(s.get(8..10)?)?);
        if !valid(y, m, d) {
            return None;
        }
        let date = format!("{y:04}-{m:02}-{d:02}");
        let rest = &s[10..];
        let time = rest.strip_prefix(['T', ' ']).map(str::trim).unwrap_or("");
        let t = time.as_bytes();
        if t.len() >= 5 && t[2] == b':' && digits(&time[0..2]).is_some() && digits(&time[3..5]).is_some() {
            let end = time.find(|c: char| c.is_whitespace()).unwrap_or(time.len());
            let clock = &time[..end];
            let zone = time[end..].trim();
            let zone = match zone {
                "" => "",
                "UTC" | "GMT" | "Z" => "Z",
                z if z.starts_with(['+', '-']) => z,
                _ => "",
            };
            return Some(format!("{date}T{clock}{zone}"));
        }
        return Some(date);
    }
    // Words: "Tue, 13 Jan 2016 07:36:11 GMT", "January 13, 2016", "13 January 2016".
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = month_number(w) else { continue };
        let before = i.checked_sub(1).and_then(|j| digits(words[j]));
        let after = words.get(i + 1).and_then(|w| digits(w.trim_end_matches(['.', 's', 't', 'h', 'n', 'r', 'd'])));
        let (d, y) = match (before, after) {
            (Some(d), Some(y)) if d <= 31 && y > 31 => (d, y),
            (_, Some(d)) if d <= 31 => (d, words.get(i + 2).and_then(|w| digits(w))?),
            _ => continue,
        };
        if valid(y, m, d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalize_date as n;

    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(18_948), (2021, 11, 17));
        assert_eq!(super::civil_from_days(-1), (1969, 12, 31));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn forms() {
        assert_eq!(n("2021-11-17").as_deref(), Some("2021-11-17"));
        assert_eq!(n("2023-05-12 08:10:00").as_deref(), Some("2023-05-12T08:10:00"));
        assert_eq!(n("2016-01-10T20:43:09").as_deref(), Some("2016-01-10T20:43:09"));
        assert_eq!(n("2024-06-12T09:30:00Z").as_deref(), Some("2024-06-12T09:30:00Z"));
        assert_eq!(n("2024-06-12T09:30:00+09:00").as_deref(), Some("2024-06-12T09:30:00+09:00"));
        assert_eq!(n("Tue, 13 Jan 2016 07:36:11 GMT").as_deref(), Some("2016-01-13"));
        assert_eq!(n("January 13, 2016").as_deref(), Some("2016-01-13"));
        assert_eq!(n("13 January 2016").as_deref(), Some("2016-01-13"));
        assert_eq!(n("2016/01/13").as_deref(), Some("2016-01-13"));
        assert_eq!(n("yesterday"), None);
        assert_eq!(n("2016-13-45"), None);
    }
}
