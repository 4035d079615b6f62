//! Tagging never panics, and every span is a non-empty, in-order range of the
//! text on character boundaries, whatever the text and the DCT.

use attache_time::tag_text;
use proptest::prelude::*;

/// Words and pieces that reach the scanner's rules, mixed with anything.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Monday".to_owned()),
        Just("Nov.".to_owned()),
        Just("May".to_owned()),
        Just("18,".to_owned()),
        Just("2021".to_owned()),
        Just("1950-53".to_owned()),
        Just("the".to_owned()),
        Just("last".to_owned()),
        Just("next".to_owned()),
        Just("week".to_owned()),
        Just("years".to_owned()),
        Just("ago".to_owned()),
        Just("a".to_owned()),
        Just("two-day".to_owned()),
        Just("7 p.m. (1000 GMT)".to_owned()),
        Just("third-quarter".to_owned()),
        Just("'90s".to_owned()),
        Just("(local time)".to_owned()),
        Just("every".to_owned()),
        Just("mid-".to_owned()),
        Just("Christmas".to_owned()),
        Just("2 1/2".to_owned()),
        Just("said".to_owned()),
        Just("will".to_owned()),
        Just("’s".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("한국어".to_owned()),
        "[0-9]{1,5}",
        "[a-zA-Z]{1,9}",
        "[-.,:/()'’ \n]{1,3}",
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|v| v.join(" "))
}

fn dct() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("2021-11-17".to_owned())),
        Just(Some("2022-01-20T22:30:00Z".to_owned())),
        Just(Some("1998-02-29".to_owned())),
        any::<String>().prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_well_formed(text in text(), dct in dct()) {
        let got = tag_text(&text, dct.as_deref());
        let mut last_end = 0;
        for (r, _, value) in &got {
            prop_assert!(r.start < r.end, "empty span {r:?}");
            prop_assert!(r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.start >= last_end, "overlapping spans");
            prop_assert!(!value.is_empty());
            last_end = r.end;
        }
    }

    #[test]
    fn any_string_is_safe(text in any::<String>(), dct in dct()) {
        let _ = tag_text(&text, dct.as_deref());
    }
}
