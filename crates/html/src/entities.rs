//! Character references: `&amp;`, `&eacute;`, `&#8217;`, `&#x2014;`, and the
//! legacy forms browsers accept without a `;` (`&amp`, `&copy`).

use std::borrow::Cow;

use crate::entity_table::NAMED;

/// What a character reference stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    Static(&'static str),
    Char(char),
}

impl Decoded {
    /// The decoded text (`buf` holds a numeric reference's character).
    pub fn as_str<'a>(&'a self, buf: &'a mut [u8; 4]) -> &'a str {
        match self {
            Decoded::Static(s) => s,
            Decoded::Char(c) => c.encode_utf8(buf),
        }
    }
}

/// Windows-1252 meanings of the C1 controls, as the HTML standard maps `&#128;`..`&#159;`.
const C1: [u16; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D,
    0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
    0x017E, 0x0178,
];

fn lookup(name: &[u8]) -> Option<(&'static str, bool)> {
    NAMED.binary_search_by(|(n, _, _)| n.as_bytes().cmp(name)).ok().map(|i| (NAMED[i].1, NAMED[i].2))
}

/// Decodes the character reference at the start of `s` (which must start with
/// `&`). Returns what it stands for and how many bytes it spans, or `None` when
/// the `&` is literal. `in_attr` applies the attribute-value rule for legacy
/// names (`&copy=` stays literal).
pub fn decode_at(s: &[u8], in_attr: bool) -> Option<(Decoded, usize)> {
    debug_assert_eq!(s.first(), Some(&b'&'));
    let rest = s.get(1..)?;
    if rest.first() == Some(&b'#') {
        return decode_numeric(s);
    }
    let alnum = rest.iter().take(33).take_while(|b| b.is_ascii_alphanumeric()).count();
    if alnum == 0 {
        return None;
    }
    if alnum <= 32
        && rest.get(alnum) == Some(&b';')
        && let Some((v, _)) = lookup(&rest[..alnum])
    {
        return Some((Decoded::Static(v), alnum + 2));
    }
    // Legacy names without `;`: the longest one that prefixes the run (at most 6 bytes).
    for len in (2..=alnum.min(6)).rev() {
        if let Some((v, true)) = lookup(&rest[..len]) {
            if in_attr && len < alnum {
                return None;
            }
            if in_attr && rest.get(len) == Some(&b'=') {
                return None;
            }
            return Some((Decoded::Static(v), len + 1));
        }
    }
    None
}

fn decode_numeric(s: &[u8]) -> Option<(Decoded, usize)> {
    // s = "&#..."
    let (hex, start) = match s.get(2) {
        Some(b'x' | b'X') => (true, 3),
        _ => (false, 2),
    };
    let digits = s[start.min(s.len())..]
        .iter()
        .take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() })
        .count();
    if digits == 0 {
        return None;
    }
    let mut value: u32 = 0;
    for &b in &s[start..start + digits] {
        let d = (b as char).to_digit(if hex { 16 } else { 10 }).unwrap_or(0);
        value = value.saturating_mul(if hex { 16 } else { 10 }).saturating_add(d);
    }
    let mut end = start + digits;
    if s.get(end) == Some(&b';') {
        end += 1;
    }
    let c = match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => char::from_u32(u32::from(C1[(value - 0x80) as usize])).unwrap_or('\u{FFFD}'),
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    Some((Decoded::Char(c), end))
}

/// Decodes every character reference in `s` (an attribute value, or RCDATA
/// such as a `<title>`).
pub fn decode_str(s: &str, in_attr: bool) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    let mut buf = [0u8; 4];
    while i < bytes.len() {
        if bytes[i] == b'&' {
            if let Some((d, n)) = decode_at(&bytes[i..], in_attr) {
                out.push_str(d.as_str(&mut buf));
                i += n;
                continue;
            }
            out.push('&');
            i += 1;
            continue;
        }
        let next = memchr::memchr(b'&', &bytes[i..]).map_or(bytes.len(), |p| i + p);
        out.push_str(&s[i..next]);
        i = next;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        decode_str(s, false).into_owned()
    }

    #[test]
    fn named_and_numeric() {
        assert_eq!(d("A &amp; B"), "A & B");
        assert_eq!(d("caf&eacute; &ndash; &#8217;&#x2014;&#X41;"), "café – ’—A");
        assert_eq!(d("&copy 2019"), "© 2019");
        assert_eq!(d("&notit;"), "¬it;");
        assert_eq!(d("&bogus; & &#; &#x;"), "&bogus; & &#; &#x;");
        assert_eq!(d("&#150;&#0;&#99999999;"), "–\u{FFFD}\u{FFFD}");
        assert_eq!(d("&NotNestedGreaterGreater;"), "\u{2AA2}\u{338}");
    }

    #[test]
    fn attribute_rule() {
        assert_eq!(decode_str("?a=1&copy=2", true), "?a=1&copy=2");
        assert_eq!(decode_str("?a=1&amp;copy=2", true), "?a=1&copy=2");
        assert_eq!(decode_str("x&copyz", true), "x&copyz");
    }
}
