//! The word lists of `data/words.tsv` as one table: each word with the lists it is in,
//! looked up once per token.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

const WORDS: &str = include_str!("../data/words.tsv");

/// The lists a word is in, as bits.
pub(crate) type Flags = u32;

pub(crate) const DET: Flags = 1;
pub(crate) const POSS_DET: Flags = 1 << 1;
pub(crate) const SKIP_ADJ: Flags = 1 << 2;
pub(crate) const QUANT: Flags = 1 << 3;
pub(crate) const GOV_NOUN: Flags = 1 << 4;
pub(crate) const ADMIN_NOUN: Flags = 1 << 5;
pub(crate) const ORG_NOUN: Flags = 1 << 6;
pub(crate) const HONORIFIC: Flags = 1 << 7;
pub(crate) const LOC_PREP: Flags = 1 << 8;
pub(crate) const PARTICLE: Flags = 1 << 9;
pub(crate) const STOP: Flags = 1 << 10;
pub(crate) const NOT_NAME: Flags = 1 << 11;
pub(crate) const PORTFOLIO_STOP: Flags = 1 << 12;
pub(crate) const SURNAME_FIRST: Flags = 1 << 13;
pub(crate) const KOREAN_SURNAME: Flags = 1 << 14;
pub(crate) const CHINESE_SURNAME: Flags = 1 << 15;
pub(crate) const TRIGGER: Flags = 1 << 16;
pub(crate) const SENT_FROM: Flags = 1 << 17;

/// Lower-case words that may open a phrase.
pub(crate) const OPENS: Flags =
    DET | POSS_DET | SKIP_ADJ | QUANT | GOV_NOUN | ADMIN_NOUN | ORG_NOUN | HONORIFIC | TRIGGER;

fn list_flag(name: &str) -> Option<Flags> {
    Some(match name {
        "det" => DET,
        "poss-det" => POSS_DET,
        "skip-adj" => SKIP_ADJ,
        "quant" => QUANT,
        "gov-noun" => GOV_NOUN,
        "admin-noun" => ADMIN_NOUN,
        "org-noun" => ORG_NOUN,
        "honorific" => HONORIFIC,
        "loc-prep" => LOC_PREP,
        "particle" => PARTICLE,
        "stop" => STOP,
        "not-name" => NOT_NAME,
        "portfolio-stop" => PORTFOLIO_STOP,
        "surname-first" => SURNAME_FIRST,
        "korean-surname" => KOREAN_SURNAME,
        "chinese-surname" => CHINESE_SURNAME,
        "trigger" => TRIGGER,
        "sent-from" => SENT_FROM,
        _ => return None,
    })
}

/// A fast hash for short keys (FxHash, as in rustc).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

static TABLE: LazyLock<FxMap<&'static str, Flags>> = LazyLock::new(|| {
    let mut map: FxMap<&'static str, Flags> = FxMap::default();
    for line in WORDS.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, words) = line.split_once('\t').unwrap_or((line, ""));
        let flag = list_flag(name.trim()).unwrap_or_else(|| panic!("data/words.tsv: unknown list {name:?}"));
        for w in words.split_whitespace() {
            *map.entry(w).or_insert(0) |= flag;
        }
    }
    map
});

/// The lists `w` (a normalised word) is in.
pub(crate) fn flags(w: &str) -> Flags {
    TABLE.get(w).copied().unwrap_or(0)
}

/// Whether `w` is in list `f`.
pub(crate) fn has(w: &str, f: Flags) -> bool {
    flags(w) & f != 0
}

/// The word as listed (a `'static` copy), if `w` is in list `f`.
pub(crate) fn word(w: &str, f: Flags) -> Option<&'static str> {
    TABLE.get_key_value(w).filter(|(_, fl)| **fl & f != 0).map(|(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(has("the", DET) && has("the", STOP));
        assert!(has("kim", SURNAME_FIRST) && has("kim", KOREAN_SURNAME));
        assert_eq!(word("ministry", ORG_NOUN), Some("ministry"));
        assert_eq!(flags("minister") & NOT_NAME, 0);
        assert_eq!(flags("nonesuch"), 0);
    }
}
