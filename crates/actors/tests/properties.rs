//! Whatever the text, the stage does not panic, and every mention span is in bounds,
//! on character boundaries, and holds text of the article.

mod common;

use attache_actors::ActorTagger;
use common::{check_spans, run_text};
use proptest::prelude::*;

/// Pieces that trigger the patterns, mixed with noise.
const PIECES: &[&str] = &[
    "South Korea's",
    "North Korea",
    "the North",
    "Seoul",
    "Pyongyang",
    "Washington's",
    "U.S.",
    "US",
    "ROK",
    "DPRK",
    "First Vice Foriegn Minister",
    "Deputy Secretary of State",
    "top diplomat",
    "spokesman",
    "department",
    "the",
    "ministry",
    "foreign ministry",
    "State Department",
    "Choi Jong-kun",
    "Choi",
    "Wendy Sherman",
    "Sherman",
    "Kim Yo Jong",
    "Kim",
    "Jong",
    "Un",
    "their",
    "his",
    "Japanese",
    "counterpart",
    ",",
    ".",
    "'s",
    "’s",
    "\"",
    "(",
    ")",
    "—",
    "-",
    "former",
    "President",
    "Donald Trump",
    "administration",
    "of",
    "six",
    "North Koreans",
    "allies",
    "two",
    "sides",
    "vice",
    "ministers",
    "minister",
    "said",
    "Mr.",
    "Gen.",
    "Sports",
    "Minister",
    "Takeo Mori",
    "UN Security Council",
    "IAEA",
    "Korean War",
    "\n\n",
    "\n",
    "é",
    "Ünïcödé",
    "李",
    "🙂",
    "O'Brien",
    "toKim",
    "Joe Biden",
    "Moon Jae-in",
    "vice department director of the WPK Central Committee",
    "a",
    "an",
    "Secertary",
];

fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => "[A-Za-z'’.\\-]{1,9}",
        1 => "\\PC{1,4}",
    ];
    (proptest::collection::vec((piece, proptest::bool::weighted(0.85)), 0..120)).prop_map(|parts| {
        let mut s = String::new();
        for (p, space) in parts {
            s.push_str(&p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_hold_their_text(text in article(), dated in proptest::bool::ANY) {
        let tagger = ActorTagger::default();
        let doc = run_text(&tagger, &text, dated.then_some("2021-11-17"), Some("Yonhap"));
        check_spans(&doc);
    }

    #[test]
    fn arbitrary_text_does_not_panic(text in "\\PC{0,400}") {
        let tagger = ActorTagger::default();
        let doc = run_text(&tagger, &text, None, None);
        check_spans(&doc);
    }
}
