//! What the tagger and parser know of a word form on its own: hashed lower
//! case, affixes and shape, computed once per word.

use crate::perceptron::hash_str;

/// The hashed lexical attributes of one word.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Lex {
    /// Lower case, digits folded to 9.
    pub norm: u64,
    /// The form exactly as written.
    pub exact: u64,
    pub suf: [u64; 4],
    pub pre: [u64; 3],
    pub shape: u64,
}

/// Lower case with every ASCII digit folded to 9, so numbers share features.
pub(crate) fn normalise(form: &str) -> String {
    let mut s = String::with_capacity(form.len());
    for c in form.chars() {
        if c.is_ascii_digit() {
            s.push('9');
        } else {
            s.extend(c.to_lowercase());
        }
    }
    s
}

/// A compressed shape: `Obama` -> `Xx`, `U.S.` -> `X.X.`, `2016` -> `d`,
/// `F-16` -> `X-d`. Runs of a class count once.
#[cfg(test)]
pub(crate) fn shape(form: &str) -> String {
    let mut s = String::new();
    let mut last = '\0';
    for c in form.chars().take(12) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
        }
    }
    s
}

impl Lex {
    pub(crate) fn of(form: &str) -> Self {
        let norm = normalise(form);
        // Char boundaries from the end and from the start, for affixes.
        let n = norm.chars().count();
        let mut suf = [0u64; 4];
        let mut ends = norm.char_indices().rev().map(|(i, _)| i);
        let mut last = norm.len();
        for (k, slot) in suf.iter_mut().enumerate() {
            if k < n {
                last = ends.next().unwrap_or(0);
            }
            *slot = hash_str(&norm[last..]) ^ (k as u64 + 1);
        }
        let mut pre = [0u64; 3];
        let mut starts = norm.char_indices().map(|(i, c)| i + c.len_utf8());
        let mut first = 0;
        for (k, slot) in pre.iter_mut().enumerate() {
            if k < n {
                first = starts.next().unwrap_or(norm.len());
            }
            *slot = hash_str(&norm[..first]) ^ ((k as u64 + 1) << 8);
        }
        Self { norm: hash_str(&norm), exact: hash_str(form) ^ 0x5555, suf, pre, shape: shape_hash(form) ^ 0xaaaa }
    }
}

/// The hash of [`shape`] without building the string.
fn shape_hash(form: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = '\0';
    for c in form.chars().take(12) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            let mut buf = [0u8; 4];
            for &b in k.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            last = k;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_compress_runs() {
        assert_eq!(shape("Obama"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("2016"), "d");
        assert_eq!(shape("F-16"), "X-d");
        assert_eq!(normalise("F-16s"), "f-99s");
        assert_eq!(shape_hash("Obama"), hash_str("Xx"));
    }
}
