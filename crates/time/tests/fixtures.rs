//! Articles written for these tests, run through cleaning, sentences and the
//! time stage; the snapshot lists every time expression with its zone, text,
//! type, value and anchor. Review changes with `cargo insta review`.

use std::path::Path;

use attache_clean::{Cleaner, SentenceSplitter};
use attache_model::{Document, Format, SourceMeta, Stage, Zone};
use attache_time::{TimeConfig, TimeTagger};
use serde_json::json;

fn run(name: &str, published: Option<&str>) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let meta = SourceMeta { doc: name.into(), published: published.map(str::to_owned), ..SourceMeta::default() };
    let mut doc = Document::new(meta, text, Format::Text);
    Cleaner::default().run(&mut doc).expect("clean");
    SentenceSplitter::default().run(&mut doc).expect("sentences");
    TimeTagger::new(TimeConfig::default()).run(&mut doc).expect("time");
    // Every span holds its expression in the original text.
    for t in &doc.timex {
        let held = doc.text.get(t.span.range()).expect("span inside the text");
        assert!(!held.trim().is_empty(), "{t:?}");
        if t.zone == Zone::Body {
            let s = t.sentence.expect("body timexes have a sentence");
            let sent = doc.sentences[s].span;
            assert!(sent.start <= t.span.start && t.span.end <= sent.end, "{t:?} outside sentence {s}");
        }
    }
    doc
}

fn summary(doc: &Document) -> serde_json::Value {
    json!(
        doc.timex
            .iter()
            .map(|t| json!([
                format!("{:?}", t.zone),
                doc.span_text(t.span),
                format!("{:?}", t.kind),
                t.value,
                t.anchor
            ]))
            .collect::<Vec<_>>()
    )
}

#[test]
fn article_with_dct() {
    // 2023-11-09 is a Thursday.
    let doc = run("envoys-caption.txt", Some("2023-11-09"));
    insta::assert_json_snapshot!("envoys_caption_dct", summary(&doc));
    let value = |text: &str| doc.timex.iter().find(|t| doc.span_text(t.span) == text).map(|t| t.value.as_str());
    assert_eq!(value("Thursday"), Some("2023-11-09"));
    assert_eq!(value("Wednesday (local time)"), Some("2023-11-08"));
    assert_eq!(value("Monday"), Some("2023-11-13"));
    assert_eq!(value("February next year"), Some("2024-02"));
    assert_eq!(value("Last week"), Some("2023-W44"));
    assert_eq!(value("Nov. 3, 2023"), Some("2023-11-03"));
}

#[test]
fn article_without_dct_never_anchors_on_the_caption() {
    let doc = run("envoys-caption.txt", None);
    insta::assert_json_snapshot!("envoys_caption_no_dct", summary(&doc));
    let caption: Vec<_> = doc.timex.iter().filter(|t| t.zone == Zone::Caption).collect();
    assert!(caption.iter().any(|t| t.value == "2023-11-03"), "the caption's own date is absolute");
    for t in doc.timex.iter().filter(|t| t.zone == Zone::Body) {
        assert!(
            !t.value.starts_with("2023-11") && !t.value.starts_with("2023-W"),
            "{} = {} was anchored on the caption's date",
            doc.span_text(t.span),
            t.value
        );
    }
    let value = |text: &str| doc.timex.iter().find(|t| doc.span_text(t.span) == text).map(|t| t.value.as_str());
    assert_eq!(value("Thursday"), Some("XXXX-WXX-4"));
    assert_eq!(value("Last week"), Some("XXXX-WXX"));
    assert_eq!(value("1965"), Some("1965"));
}

#[test]
fn captions_can_be_left_out() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/envoys-caption.txt");
    let text = std::fs::read_to_string(path).expect("fixture");
    let meta = SourceMeta { published: Some("2023-11-09".into()), ..SourceMeta::default() };
    let mut doc = Document::new(meta, text, Format::Text);
    Cleaner::default().run(&mut doc).expect("clean");
    SentenceSplitter::default().run(&mut doc).expect("sentences");
    let config = TimeConfig { titles_and_captions: false, ..TimeConfig::default() };
    TimeTagger::new(config).run(&mut doc).expect("time");
    assert!(doc.timex.iter().all(|t| t.zone == Zone::Body));
    assert!(!doc.timex.is_empty());
}

#[test]
fn narrative_days_follow_the_story() {
    // 2016-01-18 is a Monday.
    let doc = run("sanctions-narrative.txt", Some("2016-01-18"));
    insta::assert_json_snapshot!("sanctions_narrative", summary(&doc));
    let value = |text: &str| doc.timex.iter().find(|t| doc.span_text(t.span) == text).map(|t| t.value.as_str());
    // "the same day" is the day the text last named, not the DCT's.
    assert_eq!(value("the same day"), Some("2016-01-16"));
    assert_eq!(value("The day before"), Some("2016-01-15"));
    // A look back does not move the story: "the following day" follows Jan. 16.
    assert_eq!(value("The following day"), Some("2016-01-17"));
    assert_eq!(value("that same day"), Some("2016-01-17"));
    // A day of a month the text named: which day is not known.
    assert_eq!(value("that day"), Some("2015-10-XX"));
    assert_eq!(value("The day after"), Some("2015-10-XX"));
    // A report dated in a sentence with no other date is the story's date.
    let same: Vec<&str> =
        doc.timex.iter().filter(|t| doc.span_text(t.span) == "the same day").map(|t| t.value.as_str()).collect();
    assert_eq!(same, ["2016-01-16", "2016-01-12"]);
    assert_eq!(value("the day after tomorrow"), Some("2016-01-20"));
}
