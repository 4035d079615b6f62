//! Property tests: `extract` never panics, and what it returns is aligned to
//! its input, whatever the input.

mod common;

use attache_html::{Dom, HtmlConfig, extract};
use proptest::prelude::*;

/// Pieces of markup, good and broken, to glue into near-HTML.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<div class=\"article-body\">".to_owned()),
        Just("<div class='related'>".to_owned()),
        Just("</div>".to_owned()),
        Just("<nav>".to_owned()),
        Just("<li>".to_owned()),
        Just("<table><tr><td>".to_owned()),
        Just("</td></tr></table>".to_owned()),
        Just("<a href=\"x\">".to_owned()),
        Just("</a>".to_owned()),
        Just("<br/>".to_owned()),
        Just("<span/>".to_owned()),
        Just("<script>".to_owned()),
        Just("</script>".to_owned()),
        Just("<title>".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<!DOCTYPE html>".to_owned()),
        Just("<figcaption>".to_owned()),
        Just("<h1>".to_owned()),
        Just("<span class=\"articleLocation\">".to_owned()),
        Just("[ad_1]".to_owned()),
        Just("&amp;".to_owned()),
        Just("&eacute;".to_owned()),
        Just("&#x1F600;".to_owned()),
        Just("&#99999999;".to_owned()),
        Just("&".to_owned()),
        Just("<".to_owned()),
        Just(">".to_owned()),
        Just("\"".to_owned()),
        Just("é".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("  \n\t".to_owned()),
        "[a-zA-Z ,.]{1,40}",
        "\\PC{0,12}",
    ]
}

fn near_html() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in "\\PC*") {
        let ex = extract(&s, &HtmlConfig::default());
        prop_assert!(common::check(&s, &ex).is_ok(), "{:?}", common::check(&s, &ex));
    }

    #[test]
    fn near_html_strings(s in near_html()) {
        let ex = extract(&s, &HtmlConfig::default());
        prop_assert!(common::check(&s, &ex).is_ok(), "{:?}", common::check(&s, &ex));
    }

    #[test]
    fn small_depth_limits(s in near_html(), depth in 1usize..6) {
        let cfg = HtmlConfig { max_depth: depth, ..HtmlConfig::default() };
        let ex = extract(&s, &cfg);
        prop_assert!(common::check(&s, &ex).is_ok(), "{:?}", common::check(&s, &ex));
    }

    /// The tree's nodes are in document order with consistent links and spans.
    #[test]
    fn tree_is_consistent(s in near_html()) {
        let dom = Dom::parse(&s, 8);
        for (i, n) in dom.nodes.iter().enumerate().skip(1) {
            prop_assert!((n.parent as usize) < i);
            prop_assert!(n.start <= n.end && n.end as usize <= s.len());
            if n.next_sibling != attache_html::dom::NONE {
                prop_assert!(n.next_sibling as usize > i);
            }
        }
    }
}
