//! Values derived from an event's coding: PLOVER quad class and score,
//! Goldstein scale, numeric ids.

use std::collections::HashMap;
use std::sync::LazyLock;

/// PLOVER's quad class of an event type: 1 verbal cooperation, 2 material
/// cooperation, 3 verbal conflict, 4 material conflict (the same numbering as
/// GDELT's `QuadClass`).
///
/// The manual's per-type sections place SANCTION under material conflict, as
/// its summary of event categories does; its small "Quad categories" table
/// lists it under verbal conflict. We follow the sections (4).
pub fn quad_class(event: &str) -> Option<u8> {
    Some(match event {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" => 3,
        "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return None,
    })
}

/// The quad class's name, upper case as in the PLOVER manual's headings.
pub fn quad_label(quad: u8) -> &'static str {
    match quad {
        1 => "VERBAL COOPERATION",
        2 => "MATERIAL COOPERATION",
        3 => "VERBAL CONFLICT",
        4 => "MATERIAL CONFLICT",
        _ => "",
    }
}

fn table(text: &'static str, columns: usize) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(move |l| {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), columns, "bad data line: {l}");
        f
    })
}

fn score(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("bad score in data: {s}"))
}

static PLOVER_SCORES: LazyLock<HashMap<(String, String), f64>> = LazyLock::new(|| {
    table(include_str!("../data/plover_scores.tsv"), 3)
        .map(|f| ((f[0].to_owned(), if f[1] == "-" { String::new() } else { f[1].to_owned() }), score(f[2])))
        .collect()
});

static GOLDSTEIN: LazyLock<HashMap<&'static str, f64>> =
    LazyLock::new(|| table(include_str!("../data/goldstein.tsv"), 2).map(|f| (f[0], score(f[1]))).collect());

/// The PLOVER conflict-cooperation score of a type and mode (the mode's own
/// score when the manual gives one, else the type's).
pub fn plover_score(event: &str, mode: Option<&str>) -> Option<f64> {
    let key = |m: &str| (event.to_owned(), m.to_ascii_lowercase());
    mode.and_then(|m| PLOVER_SCORES.get(&key(m))).or_else(|| PLOVER_SCORES.get(&key(""))).copied()
}

/// The Goldstein scale value of a CAMEO code: the code's own, else its
/// three-digit base code's, else its two-digit root code's.
pub fn goldstein(cameo: &str) -> Option<f64> {
    [cameo.len(), 3, 2]
        .into_iter()
        .filter(|&n| n <= cameo.len() && n >= 2)
        .find_map(|n| cameo.get(..n).and_then(|c| GOLDSTEIN.get(c)))
        .copied()
}

/// CAMEO's base (first three digits) and root (first two) codes.
pub fn cameo_base(cameo: &str) -> &str {
    cameo.get(..3).unwrap_or(cameo)
}

pub fn cameo_root(cameo: &str) -> &str {
    cameo.get(..2).unwrap_or(cameo)
}

/// FNV-1a, 64 bits: a stable hash that needs no dependency.
pub fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A numeric event id for formats whose ids are integers (GDELT's
/// `GLOBALEVENTID`): FNV-1a of the knowledge-base id, cut to 53 bits so that
/// spreadsheets and JavaScript read it exactly.
pub fn numeric_id(id: &str) -> u64 {
    fnv1a(id) & ((1 << 53) - 1)
}

/// A float as event data writes it: `4`, `-3.5`, `1.9`.
pub fn fmt_score(v: f64) -> String {
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quads_cover_the_sixteen_types() {
        let types = attache_model::PLOVER_TYPES;
        for t in types {
            assert!(quad_class(t).is_some(), "{t}");
            assert!(plover_score(t, None).is_some(), "{t}");
        }
        assert_eq!(quad_class("NONSENSE"), None);
    }

    #[test]
    fn scores_by_mode_then_type() {
        assert_eq!(plover_score("CONSULT", Some("visit")), Some(4.0));
        assert_eq!(plover_score("CONSULT", Some("Phone")), Some(1.5));
        assert_eq!(plover_score("CONSULT", Some("unknown-mode")), Some(2.5));
        assert_eq!(plover_score("ACCUSE", None), Some(-3.0));
    }

    #[test]
    fn goldstein_falls_back_to_base_and_root() {
        assert_eq!(goldstein("042"), Some(1.9));
        assert_eq!(goldstein("0874"), Some(10.0));
        assert_eq!(goldstein("1951"), Some(-10.0)); // not in the table: 195
        assert_eq!(goldstein("155"), Some(-7.2)); // not in the table: 15
        assert_eq!(goldstein("99"), None);
        assert_eq!(goldstein(""), None);
    }

    #[test]
    fn numeric_ids_are_stable_and_small() {
        assert_eq!(numeric_id("kb-1"), numeric_id("kb-1"));
        assert_ne!(numeric_id("kb-1"), numeric_id("kb-2"));
        assert!(numeric_id("kb-1") < 1 << 53);
    }
}
