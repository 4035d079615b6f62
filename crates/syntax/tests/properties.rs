//! Invariants of tokenizing and parsing any text: words are non-empty,
//! ordered, non-overlapping byte ranges of the text on char boundaries; every
//! sentence is a tree with one root.

use attache_syntax::Model;
use attache_syntax::tokenize;
use proptest::prelude::*;

fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-z]{1,8}",
            "[0-9]{1,4}([.,][0-9]{1,3})?",
            Just("U.S.".to_owned()),
            Just("don't".to_owned()),
            Just("Yonhap's".to_owned()),
            Just("Al-Zaman".to_owned()),
            "[\\.,;:!?\"'()\\-—]{1,3}",
            "\\PC{1,3}",
        ],
        0..25,
    )
    .prop_map(|ws| ws.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn words_are_ordered_ranges_of_the_text(text in texty()) {
        let toks = tokenize(&text);
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.start >= last && t.start < t.end && t.end <= text.len(), "{t:?} in {text:?}");
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert!(!text[t.start..t.end].chars().any(char::is_whitespace));
            last = t.end;
        }
        // Nothing but whitespace is left out.
        let mut covered = vec![false; text.len()];
        for t in &toks { covered[t.start..t.end].iter_mut().for_each(|c| *c = true); }
        for (i, c) in text.char_indices() {
            prop_assert!(covered[i] || c.is_whitespace(), "{c:?} at {i} dropped from {text:?}");
        }
    }

    #[test]
    fn every_parse_is_a_tree(text in texty()) {
        let parsed = Model::embedded().parse_text(&text);
        let n = parsed.len();
        let roots = parsed.iter().filter(|p| p.analysis.head == 0).count();
        prop_assert!(n == 0 || roots == 1, "{roots} roots in {text:?}");
        for (i, p) in parsed.iter().enumerate() {
            prop_assert!(p.analysis.head <= n && p.analysis.head != i + 1);
            prop_assert_eq!(p.analysis.head == 0, p.analysis.deprel == "root");
            // Following heads reaches the root without a cycle.
            let (mut at, mut steps) = (i + 1, 0);
            while at != 0 { at = parsed[at - 1].analysis.head; steps += 1; prop_assert!(steps <= n, "cycle in {text:?}"); }
        }
    }
}
