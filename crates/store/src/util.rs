//! Small pure helpers: a 64-bit hash, name keys, day numbers from date values.

/// The splitmix64 finaliser: a bijective 64-bit mix with good avalanche.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A fast non-cryptographic 64-bit hash of bytes (8 bytes a step, then mixed).
pub fn hash64(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in chunks.by_ref() {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ mix64(u64::from_le_bytes(w))).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h ^ mix64(u64::from_le_bytes(w))).wrapping_mul(K).rotate_left(29);
    }
    mix64(h)
}

/// The hex form of [`hash64`] with seed 0, as stored for content hashes and ids.
pub fn hash_hex(text: &str) -> String {
    format!("{:016x}", hash64(text.as_bytes(), 0))
}

/// A name as matched: lowercase words, hyphens and apostrophes joined
/// ("Choi Jong-kun" and "choi jongkun" give "choi jongkun").
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if !matches!(c, '-' | '\'' | '\u{2019}' | '.') {
            space = true;
        }
    }
    out
}

pub use attache_model::days_from_civil;

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The first and last day (inclusive) a date value covers: `2021-11-16`
/// (a day; a time after it is ignored), `2022-W02` (a week), `2022-01` (a
/// month), `2022` (a year). `None` for anything else (`PRESENT_REF`, seasons).
pub fn day_range(value: &str) -> Option<(i64, i64)> {
    let v = value.trim();
    let num = |s: &str| -> Option<i64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let y = num(v.get(0..4)?)?;
    let rest = &v[4..];
    if rest.is_empty() {
        return Some((days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)));
    }
    let rest = rest.strip_prefix('-')?;
    if let Some(w) = rest.strip_prefix('W') {
        let w = num(w.get(0..2)?)?;
        if !(1..=53).contains(&w) {
            return None;
        }
        // ISO week 1 holds January 4th; weeks start on Monday (1970-01-01 was a Thursday).
        let jan4 = days_from_civil(y, 1, 4);
        let monday1 = jan4 - (jan4 + 3).rem_euclid(7);
        let start = monday1 + (w - 1) * 7;
        return Some((start, start + 6));
    }
    let m = u32::try_from(num(rest.get(0..2)?)?).ok()?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let rest = &rest[2..];
    if rest.is_empty() {
        return Some((days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m))));
    }
    let d = u32::try_from(num(rest.strip_prefix('-')?.get(0..2)?)?).ok()?;
    if d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let day = days_from_civil(y, m, d);
    Some((day, day))
}

/// The day a date or timestamp starts with.
pub fn day_of(value: &str) -> Option<i64> {
    day_range(value.get(0..10)?).filter(|(lo, hi)| lo == hi).map(|(lo, _)| lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_match_the_model_calendar() {
        for d in [-800_000i64, -1, 0, 1, 18_000, 19_000, 20_000, 60_000] {
            let (y, m, dd) = attache_model::civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }

    #[test]
    fn ranges() {
        let day = |s| day_of(s).expect("a day");
        assert_eq!(day_range("2021-11-16"), Some((day("2021-11-16"), day("2021-11-16"))));
        assert_eq!(day_range("2022-W02"), Some((day("2022-01-10"), day("2022-01-16"))));
        assert_eq!(day_range("2020-W01"), Some((day("2019-12-30"), day("2020-01-05"))));
        assert_eq!(day_range("2024-02"), Some((day("2024-02-01"), day("2024-02-29"))));
        assert_eq!(day_range("2022"), Some((day("2022-01-01"), day("2022-12-31"))));
        assert_eq!(day_of("2021-11-17T09:00:00+09:00"), Some(day("2021-11-17")));
        assert_eq!(day_range("PRESENT_REF"), None);
        assert_eq!(day_range("2021-02-30"), None);
    }

    #[test]
    fn keys() {
        assert_eq!(name_key("Choi Jong-kun"), "choi jongkun");
        assert_eq!(name_key("  the U.S.  State Department "), "the us state department");
        assert_eq!(hash_hex("abc"), hash_hex("abc"));
        assert_ne!(hash_hex("abc"), hash_hex("abd"));
    }
}
