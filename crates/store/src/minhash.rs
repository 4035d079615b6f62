//! MinHash signatures over word shingles and LSH banding, for near-duplicate
//! articles. Pure: no IO, no SQL.
//!
//! A signature holds, for each of [`HASHES`] hash functions, the least hash of
//! any shingle (`SHINGLE` consecutive lowercase words) of the text; the share
//! of equal positions in two signatures estimates the Jaccard similarity of the
//! two shingle sets. LSH cuts a signature in [`BANDS`] bands of [`ROWS`]: two
//! texts are compared only when some band is equal, which happens with
//! probability `1 - (1 - s^ROWS)^BANDS` for similarity `s` (0.95 at s = 0.8,
//! 0.06 at s = 0.5).

use crate::util::{hash64, mix64};

pub const SHINGLE: usize = 5;
pub const HASHES: usize = 128;
pub const BANDS: usize = 16;
pub const ROWS: usize = HASHES / BANDS;
/// Texts with fewer shingles than this are not compared (a headline-only
/// article would look like every other one).
pub const MIN_SHINGLES: usize = 8;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u64>);

fn words(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                hash64(w.to_lowercase().as_bytes(), 0x5eed)
            } else {
                hash64(w.as_bytes(), 0x5eed)
            }
        })
        .collect()
}

/// The signature of `text`, or `None` when it is too short to compare.
pub fn signature(text: &str) -> Option<Signature> {
    let words = words(text);
    if words.len() < SHINGLE + MIN_SHINGLES - 1 {
        return None;
    }
    let mut sig = vec![u64::MAX; HASHES];
    for w in words.windows(SHINGLE) {
        let mut h = 0u64;
        for &x in w {
            h = mix64(h.rotate_left(5) ^ x);
        }
        // Hash function i is h mixed with a per-function constant.
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = mix64(h ^ SEEDS[i]);
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(Signature(sig))
}

const SEEDS: [u64; HASHES] = {
    let mut s = [0u64; HASHES];
    let mut i = 0;
    let mut x: u64 = 0x243f_6a88_85a3_08d3;
    while i < HASHES {
        // splitmix64 stepping, written out for const evaluation.
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        s[i] = z ^ (z >> 31);
        i += 1;
    }
    s
};

impl Signature {
    /// The estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len().max(1) as f64
    }

    /// One bucket key per band.
    pub fn bands(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .map(|band| hash64(&band.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<_>>(), 7) as i64)
            .collect()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 8 {
            return None;
        }
        Some(Signature(
            bytes
                .chunks_exact(8)
                .map(|c| {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(c);
                    u64::from_le_bytes(w)
                })
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The foreign ministers of the two countries met in the capital on Tuesday and agreed to \
        resume talks on the disputed border, according to a statement released after the meeting by the \
        ministry, which said both sides hoped to finish a draft before the end of the year.";

    fn exact(a: &str, b: &str) -> f64 {
        use std::collections::HashSet;
        let sh = |t: &str| -> HashSet<Vec<String>> {
            let w: Vec<String> =
                t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
            w.windows(SHINGLE).map(<[String]>::to_vec).collect()
        };
        let (x, y) = (sh(a), sh(b));
        x.intersection(&y).count() as f64 / x.union(&y).count() as f64
    }

    #[test]
    fn identical_texts_are_one() {
        let s = signature(A).expect("long enough");
        assert!((s.similarity(&signature(&A.to_uppercase()).expect("sig")) - 1.0).abs() < 1e-9);
        assert_eq!(s.bands().len(), BANDS);
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
    }

    #[test]
    fn estimate_is_close_to_the_exact_jaccard() {
        let edited = A.replace("Tuesday", "Wednesday").replace("end of the year", "end of next month");
        let other = "Heavy rain closed schools across the northern provinces for a second day, and officials \
            warned that rivers could rise further before the weekend as more storms moved in from the sea.";
        for b in [edited.as_str(), other] {
            let est = signature(A).expect("sig").similarity(&signature(b).expect("sig"));
            let ex = exact(A, b);
            assert!((est - ex).abs() < 0.15, "estimate {est} vs exact {ex}");
        }
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert_eq!(signature("Talks resume on Tuesday"), None);
    }
}
