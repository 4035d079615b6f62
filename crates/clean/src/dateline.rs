//! Datelines: "WASHINGTON -- ", "SEOUL, Nov. 17 (Yonhap) -- ",
//! "Pyongyang, February 23 (KCNA) -- ", "BEIJING (Reuters) - ".

use std::ops::Range;

/// A dateline at the start of a paragraph. Ranges are into the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place ("WASHINGTON", "Pyongyang").
    pub place: Range<usize>,
    /// The agency inside parentheses, when given.
    pub agency: Option<Range<usize>>,
    /// The date when it has a year, as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The whole lead-in, separator included.
    pub lead: Range<usize>,
}

/// What ends a dateline; a space after the dash is optional except after a hyphen
/// ("Pyongyang, July 27 (KCNA) --Kim Jong Un").
const SEPARATORS: &[&str] = &[" --", " \u{2014}", " \u{2013}", " - ", " \u{2015}"];

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n)
}

/// A line that is only a date: "[2024.11.01.]", "2024-11-01", "(2024.11.01)".
pub fn date_stamp(s: &str) -> Option<String> {
    let t = s.trim().trim_start_matches(['[', '(']).trim_end_matches([']', ')']).trim_end_matches('.');
    let parts: Vec<&str> = t.split(['.', '-', '/']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1800..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// "Nov. 17", "February 23, 2024", "Jan 19": (is a date, ISO when it has a year).
fn parse_date(s: &str) -> Option<Option<String>> {
    let mut words = s.split_whitespace();
    let m = month(words.next()?)?;
    let day: u32 = words.next()?.trim_end_matches(',').parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    match words.next() {
        None => Some(None),
        Some(y) => {
            let year: u32 = y.parse().ok()?;
            Some(Some(format!("{year:04}-{m:02}-{day:02}")).filter(|_| (1800..=2200).contains(&year)))
        }
    }
}

fn is_place_word(w: &str, caps_only: bool) -> bool {
    let w = w.trim_end_matches(['.', ',']);
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    let letters_ok = w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''));
    letters_ok && (!caps_only || w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
}

/// Parses a dateline at the start of `s`.
pub fn parse(s: &str) -> Option<Dateline> {
    let mut cut = s.len().min(120);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &s[..cut];
    let (sep_at, sep) =
        SEPARATORS.iter().filter_map(|sep| window.find(sep).map(|i| (i, *sep))).min_by_key(|(i, _)| *i)?;
    let prefix = &s[..sep_at];
    let after = sep_at + sep.len();
    let lead = 0..after + usize::from(s[after..].starts_with(' '));
    // "(Agency)" at the end of the prefix.
    let (head, agency) = match prefix.strip_suffix(')').and_then(|p| p.rfind('(').map(|o| (o, p))) {
        Some((open, p)) => (p[..open].trim_end(), Some(open + 1..p.len())),
        None => (prefix, None),
    };
    let (place_str, rest) = match head.find(',') {
        Some(c) => (&head[..c], head[c + 1..].trim()),
        None => (head, ""),
    };
    let date = if rest.is_empty() { None } else { parse_date(rest) };
    let qualified = agency.is_some() || date.is_some();
    let words: Vec<&str> = place_str.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || !words.iter().all(|w| is_place_word(w, !qualified)) {
        return None;
    }
    // Text after a comma that is neither a date nor a region name spoils it.
    if !rest.is_empty() && date.is_none() && !rest.split_whitespace().all(|w| is_place_word(w, false)) {
        return None;
    }
    let place_start = s.len() - s.trim_start().len();
    let place = place_start..place_str.trim_end().len();
    Some(Dateline { place, agency, date: date.flatten(), lead })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(s: &str) -> Option<String> {
        parse(s).map(|d| s[d.place].to_owned())
    }

    #[test]
    fn forms() {
        assert_eq!(place("WASHINGTON -- South Korea's vice minister"), Some("WASHINGTON".into()));
        assert_eq!(place("NEW YORK \u{2014} Talks began"), Some("NEW YORK".into()));
        let d = parse("SEOUL, Nov. 17, 2021 (Yonhap) -- The talks").expect("dateline");
        assert_eq!(d.date.as_deref(), Some("2021-11-17"));
        let s = "Pyongyang, February 23 (KCNA) -- The UN";
        let d = parse(s).expect("dateline");
        assert_eq!(&s[d.place.clone()], "Pyongyang");
        assert_eq!(&s[d.agency.clone().expect("agency")], "KCNA");
        assert_eq!(d.date, None);
        assert_eq!(place("BEIJING (Reuters) - China said"), Some("BEIJING".into()));
        assert_eq!(place("Pyongyang, July 27 (KCNA) --Kim Jong Un said"), Some("Pyongyang".into()));
    }

    #[test]
    fn date_stamps() {
        assert_eq!(date_stamp("[2024.11.01.]").as_deref(), Some("2024-11-01"));
        assert_eq!(date_stamp("2016-01-13").as_deref(), Some("2016-01-13"));
        assert_eq!(date_stamp("[ad_1]"), None);
        assert_eq!(date_stamp("1.2.3"), None);
    }

    #[test]
    fn not_datelines() {
        assert_eq!(place("Kim said - and he meant it - no"), None);
        assert_eq!(place("The minister -- who arrived Sunday -- said"), None);
        assert_eq!(place("Seoul -- a lowercase-free but mixed place"), None);
        // A multi-byte character across the search window's edge.
        let long = format!("{}\u{a3}64m went missing", "x".repeat(119));
        assert_eq!(place(&long), None);
    }
}
