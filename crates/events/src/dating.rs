//! Dates: which time expressions can date an event.

use attache_model::{Document, TimexKind};

/// Whether a date value names a day, week or month that ends within a month
/// of publication (true when the publication date is unknown).
pub(crate) fn near_publication(doc: &Document, value: &str) -> bool {
    let num = |v: &str, r: std::ops::Range<usize>| v.get(r).and_then(|x| x.parse::<u32>().ok());
    let day = |v: &str| {
        let (y, m, d) = (num(v, 0..4)?, num(v, 5..7)?, num(v, 8..10)?);
        (v.as_bytes().get(4) == Some(&b'-')).then(|| attache_model::days_from_civil(i64::from(y), m, d))
    };
    let when = match value.split_once("-W") {
        None if value.len() == 10 => day(value),
        // A month: its last day ("since early January" in a story of 29 February).
        None if value.len() == 7 => num(value, 0..4).zip(num(value, 5..7)).map(|(y, m)| {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            attache_model::days_from_civil(i64::from(ny), nm, 1) - 1
        }),
        // The Monday of ISO week `w`: the week of 4 January is week 1.
        Some((y, w)) => y.parse::<i64>().ok().zip(num(w, 0..2)).map(|(y, w)| {
            let jan4 = attache_model::days_from_civil(y, 1, 4);
            let monday1 = jan4 - (jan4 + 3).rem_euclid(7);
            monday1 + 7 * (i64::from(w) - 1)
        }),
        None => None,
    };
    let Some(when) = when else { return false };
    match doc.meta.published.as_deref().and_then(day) {
        Some(p) => (p - when).abs() <= 31,
        None => true,
    }
}

/// A time expression that can date an event: a calendar value at day, week, month or
/// year precision (not "this year", nor a year used as a modifier).
pub(crate) fn usable_date(doc: &Document, x: &attache_model::Timex) -> bool {
    if x.kind != TimexKind::Date {
        return false;
    }
    let v = x.value.as_bytes();
    if v.len() < 4 || !v[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    // A range ("the 1950-53 war") dates nothing that happens in the story.
    if x.value.contains('/') {
        return false;
    }
    if v.len() == 4 {
        // A year, not used as a modifier ("the 2015 nuclear deal"), nor "this year" (too
        // vague to date an event; "last year" is fine).
        let Some(text) = doc.text.get(x.span.range()) else { return false };
        if text.trim_start().to_ascii_lowercase().starts_with("this") {
            return false;
        }
        let before = doc.text.get(..x.span.start).unwrap_or("").trim_end();
        let last = before.rsplit(char::is_whitespace).next().unwrap_or("").to_ascii_lowercase();
        let attributive =
            matches!(last.as_str(), "the" | "a" | "its" | "their" | "his" | "her") || last.ends_with("'s");
        return !attributive;
    }
    true
}

/// The date a sentence gives to the event before it: "The incident took place in
/// international airspace on Tuesday", "The attack happened on Friday". The date
/// and its words, when the sentence opens with such a noun and has one usable date.
pub(crate) fn incident_date(doc: &Document, text: &str, timexes: &[usize]) -> Option<(String, String)> {
    const NOUNS: &[&str] = &[
        "incident", "attack", "attacks", "strike", "strikes", "meeting", "talks", "launch", "test", "clash", "clashes",
    ];
    // Only the first words are read (every sentence passes here: no copy of it).
    let mut words = text.split_whitespace();
    if !words.next().is_some_and(|w| ["the", "this", "that"].iter().any(|d| w.eq_ignore_ascii_case(d))) {
        return None;
    }
    let noun = words.next()?.trim_matches(|c: char| !c.is_ascii_alphabetic()).to_ascii_lowercase();
    if !NOUNS.contains(&noun.as_str()) {
        return None;
    }
    let rest: String = words.take(3).collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    if !["took place", "happened", "occurred", "was held", "came on"].iter().any(|v| rest.starts_with(v)) {
        return None;
    }
    let mut usable = timexes.iter().filter_map(|&ti| doc.timex.get(ti)).filter(|x| usable_date(doc, x));
    let x = usable.next()?;
    if usable.next().is_some() {
        return None;
    }
    Some((x.value.clone(), doc.span_text(x.span)))
}
