//! Extraction on hand-written pages with known answers.

mod common;

use attache_html::{BlockKind, Extracted, HtmlConfig, extract};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn run(html: &str) -> Extracted {
    let ex = extract(html, &HtmlConfig::default());
    if let Err(e) = common::check(html, &ex) {
        panic!("invariant broken: {e}");
    }
    ex
}

fn texts(ex: &Extracted) -> Vec<&str> {
    ex.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn has_diag(ex: &Extracted, code: &str) -> bool {
    ex.diagnostics.iter().any(|d| d.code == code)
}

#[test]
fn news_page_keeps_the_article_and_nothing_else() {
    let html = fixture("news_page.html");
    let ex = run(&html);
    assert_eq!(
        texts(&ex),
        [
            "The harbour council voted on Tuesday to build a new flood wall along the eastern quay, ending three years of debate over how to protect the old town from winter storms.",
            "The wall, which will rise 1.8 metres above the current promenade, is expected to cost £14 million and take two years to complete, council officials said.",
            "“We cannot keep sandbagging the same streets every January,” said councillor Amir Patel, who chairs the planning committee. “This is the only plan that protects homes and keeps the harbour working.”",
            "Objections from traders",
            "Some shop owners on Quay Street objected that construction would block access to their businesses during the summer season, when most of their trade is done.",
            "The council said work would pause between June and September, and that temporary walkways would keep every shop reachable.",
            "Construction is due to begin in the autumn.",
        ]
    );
    assert_eq!(ex.blocks[3].kind, BlockKind::Heading);
    assert_eq!(ex.blocks[0].kind, BlockKind::Paragraph);

    // The headline is the <h1>, which agrees with og:title; its span is the h1's text.
    let title = ex.title.as_ref().expect("a title");
    assert_eq!(title.text, "Harbour council approves flood wall plan");
    let span = title.span.expect("a span");
    assert_eq!(&html[span.range()], "Harbour council approves flood wall plan");
    assert!(html[..span.start].ends_with("<h1 class=\"headline\">"));
    // article:published_time wins over JSON-LD (a day earlier in UTC) and <time>.
    assert_eq!(ex.published.as_deref(), Some("2023-04-05"));

    // One caption, seen twice.
    assert_eq!(ex.captions.len(), 1);
    assert_eq!(ex.captions[0].text, "Waves break over the old sea wall at Eastbay in February.");
    assert_eq!(ex.captions[0].spans.len(), 2);
    for s in &ex.captions[0].spans {
        assert_eq!(&html[s.range()], ex.captions[0].text);
    }

    let body = ex.body_text();
    for junk in [
        "cookies",
        "Sport",
        "Jane Marsh",
        "Share on",
        "Advertisement",
        "Related stories",
        "Storm damage",
        "newsletter",
        "Subscribe",
        "More from the coast",
        "Ferry",
        "cellar",
        "Most read",
        "Lifeboat",
        "All rights reserved",
        "not text",
        "Eastbay",
    ] {
        assert!(!body.contains(junk), "{junk:?} leaked into the body");
    }
    let why: Vec<&str> = ex.removed.iter().map(|r| r.why).collect();
    for reason in ["script", "navigation", "advertisement", "related", "comments", "footer", "sidebar"] {
        assert!(why.contains(&reason), "no removal for {reason}: {why:?}");
    }
    // Removals are disjoint and in order.
    for w in ex.removed.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{:?} overlaps {:?}", w[0], w[1]);
    }
    assert!(ex.diagnostics.is_empty(), "{:?}", ex.diagnostics);
}

#[test]
fn entity_and_whitespace_decoding_stays_aligned() {
    let html = fixture("entities.html");
    let ex = run(&html);
    assert_eq!(
        texts(&ex),
        [
            "The café on Rue d'Athènes serves crème brûlée & espresso — “the best in town,” says its owner, Renée Müller.",
            "Prices rose 5 % last year – a coffee now costs €2.50 … still less than £3. © 2021 & Co <not a tag> ¬anentity; 😀!",
            "Tabs and newlines collapse to single spaces, and no-break spaces too.",
        ]
    );
    let b = &ex.blocks[0].text;
    // "café": the é is a decoded reference and maps to its whole source.
    let at = b.as_str().find("café").unwrap_or(0);
    let span = b.to_original(at..at + "café".len());
    assert_eq!(&html[span.range()], "caf&eacute;");
    let dash = b.as_str().find('—').unwrap_or(0);
    let span = b.to_original(dash..dash + '—'.len_utf8());
    assert_eq!(&html[span.range()], "&mdash;");
    // A collapsed whitespace run maps to the whole run.
    let third = &ex.blocks[2].text;
    let sp = third.as_str().find(' ').unwrap_or(0);
    assert_eq!(&html[third.to_original(sp..sp + 1).range()], "\t");
    let sp2 = third.as_str().find("and newlines").unwrap_or(0) + 3;
    assert_eq!(&html[third.to_original(sp2..sp2 + 1).range()], "\n   ");
    // The <title> loses its " — Review" suffix? No: it has no site separator
    // with enough words after it, so only the decoded text is compared.
    assert!(ex.title.as_ref().is_some_and(|t| t.text.starts_with("Café society & its discontents")));
}

#[test]
fn wire_fragment_drops_ad_markers_and_keeps_paragraphs() {
    let html = fixture("wire_fragment.html");
    let ex = run(&html);
    assert_eq!(
        texts(&ex),
        [
            "LISBON Portugal's government said on Monday it would sell a minority stake in the national water utility, drawing criticism from unions who said the sale would raise household bills.",
            "The finance ministry said the sale of up to 30 percent of Aguas do Norte would be completed by the end of the year.",
            "Unions called a protest for Thursday outside parliament.",
        ]
    );
    // The sign-off is a credit, not story text.
    assert!(ex.removed.iter().any(|r| r.why == "byline" && html[r.span.range()].contains("Reporting by Ana Ferreira")));
    let markers: Vec<&str> =
        ex.removed.iter().filter(|r| r.why == "ad-marker").map(|r| &html[r.span.range()]).collect();
    assert_eq!(markers, ["[ad_1]", "[ad_2]"]);
    let dateline = ex.dateline.as_ref().expect("a dateline");
    assert_eq!(dateline.text, "LISBON");
    assert_eq!(dateline.span.map(|s| &html[s.range()]), Some("LISBON"));
    assert!(!ex.body_text().contains("Source"));
    // "Portugal&#39;s": the apostrophe maps to the reference.
    let t = &ex.blocks[0].text;
    let at = t.as_str().find('\'').unwrap_or(0);
    assert_eq!(&html[t.to_original(at..at + 1).range()], "&#39;");
}

#[test]
fn ad_markers_inside_text_are_cut_out() {
    let html = "<div><p>First paragraph of the story, long enough to count as text. [ad_1] It goes on after the marker.</p>\
                <p>Second paragraph, also long enough to be a real paragraph of the story.</p></div>";
    let ex = run(html);
    assert_eq!(
        texts(&ex)[0],
        "First paragraph of the story, long enough to count as text. It goes on after the marker."
    );
    assert!(ex.removed.iter().any(|r| r.why == "ad-marker" && &html[r.span.range()] == "[ad_1]"));
}

#[test]
fn truncated_html_is_reported_and_read() {
    let html = fixture("truncated.html");
    let ex = run(&html);
    assert!(has_diag(&ex, "truncated-html"));
    assert_eq!(
        texts(&ex),
        [
            "Trade ministers from twelve countries met in Geneva on Friday to discuss new rules for digital commerce, officials said.",
            "The talks are expected to continue until Sunday, when a joint statement is due.",
        ]
    );
    assert_eq!(ex.title.as_ref().map(|t| t.text.as_str()), Some("Ministers meet on trade"));

    let html = fixture("truncated_tag.html");
    let ex = run(&html);
    assert!(has_diag(&ex, "truncated-html"));
    assert_eq!(texts(&ex), ["Second case: the file stops inside a tag"]);

    // Every prefix of a page extracts without panicking.
    let page = fixture("news_page.html");
    for end in (0..page.len()).filter(|&i| page.is_char_boundary(i)).step_by(7) {
        let ex = extract(&page[..end], &HtmlConfig::default());
        if let Err(e) = common::check(&page[..end], &ex) {
            panic!("prefix {end}: {e}");
        }
    }
}

#[test]
fn deep_nesting_is_flattened_with_a_diagnostic() {
    let html = fixture("deep.html");
    let ex = run(&html);
    assert!(has_diag(&ex, "depth-limit"));
    let body = ex.body_text();
    for t in [
        "Opening paragraph",
        "Text at depth 100",
        "Text at depth 300",
        "The innermost paragraph",
        "Closing paragraph after all the wrappers",
    ] {
        assert!(body.contains(t), "{t:?} missing from {body:?}");
    }
    // Words on either side of a flattened block boundary stay apart.
    assert!(body.contains("read. The innermost"));
}

#[test]
fn pathological_depth_does_not_overflow() {
    for open in ["<div>", "<span>", "<b><i>", "<table><tr><td>", "<ul><li>", "<p><a>"] {
        let mut html = String::new();
        for _ in 0..50_000 {
            html.push_str(open);
        }
        html.push_str("<p>Deep text that is long enough to be a paragraph of its own, surely.</p>");
        let ex = run(&html);
        assert!(ex.body_text().contains("Deep text"), "{open}");
    }
    // Unclosed then closed, many times.
    let html = "<div>".repeat(20_000) + "text" + &"</div>".repeat(20_000) + &"<p>x</p>".repeat(1000);
    let ex = run(&html);
    assert!(has_diag(&ex, "depth-limit"));
}

#[test]
fn script_only_page_has_no_content() {
    let html = fixture("script_only.html");
    let ex = run(&html);
    assert!(ex.blocks.is_empty(), "{:?}", texts(&ex));
    assert!(has_diag(&ex, "no-content"));
    assert!(ex.removed.iter().any(|r| r.why == "script"));
}

#[test]
fn empty_and_text_inputs() {
    let ex = run("");
    assert!(ex.blocks.is_empty());
    let plain = "Just a line of plain text without any markup at all, which is still text.";
    let ex = run(plain);
    assert_eq!(texts(&ex), [plain]);
}

#[test]
fn embedded_posts_are_kept_and_link_lists_dropped() {
    let html = r#"<article><div class="entry-content">
        <p>The governor announced the campaign on Monday, and the reaction online was swift and mostly mocking.</p>
        <div class="social-media-embed"><blockquote class="twitter-tweet"><p>Yes this is real and the state paid for it, which is remarkable.</p>&mdash; A Person (@someone) <a href="https://twitter.com/x">November 18, 2019</a></blockquote></div>
        <ul><li><a href="/1">Another story entirely</a></li><li><a href="/2">Yet another story</a></li></ul>
        <p>Officials defended the slogan, saying it was meant to draw attention, <a href="/x">according to a statement</a>.</p>
        <p><a href="/more">Read more: the full list of state slogans that went wrong</a></p>
        </div></article>"#;
    let ex = run(html);
    let body = ex.body_text();
    assert!(body.contains("Yes this is real"));
    assert!(body.contains("according to a statement"));
    assert!(!body.contains("Another story"));
    assert!(!body.contains("Read more"));
}

/// Inputs built to trigger quadratic behaviour finish quickly.
#[test]
fn adversarial_inputs_stay_linear() {
    let cases: Vec<(&str, String)> = vec![
        ("nested headings", "<h1><div>".repeat(20_000) + "text"),
        ("open list items", "<ul>".to_owned() + &"<li>item text".repeat(50_000)),
        ("open links", "<a href=x>link ".repeat(50_000)),
        ("nested tables", "<table><tr><td>".repeat(20_000)),
        ("many attributes", format!("<p {}>text</p>", "class=a id=b ".repeat(50_000))),
        ("stray end tags", "</div></p></span>".repeat(50_000) + "<p>text</p>"),
        ("entities", "&amp;&#x41;&bogus;&".repeat(50_000)),
        ("unclosed comment", "<!--".to_owned() + &"x".repeat(500_000)),
        ("captions", "<figure><figcaption>A caption</figcaption></figure>".repeat(20_000)),
        ("related boxes", "<div><h3>Related</h3><p>text text text text</p></div>".repeat(20_000)),
    ];
    for (name, html) in cases {
        let t = std::time::Instant::now();
        let ex = extract(&html, &HtmlConfig::default());
        if let Err(e) = common::check(&html, &ex) {
            panic!("{name}: {e}");
        }
        // Generous: a debug build on a busy machine; linear work takes well under a second.
        assert!(t.elapsed().as_secs_f64() < 20.0, "{name} took {:?}", t.elapsed());
    }
}
