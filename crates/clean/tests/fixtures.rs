//! Cleaning fixtures (articles written for these tests) with snapshot output.
//! A snapshot shows what a reader gets: title, dateline, agency, body
//! paragraphs, captions, removals with reasons, sentences. Review changes with
//! `cargo insta review`.

use std::path::Path;

use attache_clean::{Cleaner, SentenceSplitter};
use attache_model::{Document, Format, SourceMeta, Stage};
use serde_json::json;

fn summarize(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let format = if name.ends_with(".html") { Format::Html } else { Format::Text };
    let mut doc = Document::new(SourceMeta { doc: name.into(), ..SourceMeta::default() }, text, format);
    Cleaner::default().run(&mut doc).expect("clean");
    SentenceSplitter::default().run(&mut doc).expect("sentences");
    let a = doc.article.as_ref().expect("article");
    // Offsets hold their text: every sentence maps back to the same words.
    for s in &doc.sentences {
        let clean = &a.body.as_str()[s.body.clone()];
        assert_eq!(doc.span_text(s.span), attache_model::normalize_ws(clean), "sentence offsets in {name}");
    }
    json!({
        "title": a.title.as_ref().map(|t| &t.text),
        "title_holds": a.title.as_ref().and_then(|t| t.span).map(|s| doc.span_text(s)),
        "dateline": a.dateline.as_ref().map(|d| &d.text),
        "agency": a.agency,
        "published": a.published.as_ref().map(|p| &p.0),
        "paragraphs": a.paragraphs.iter().map(|p| &a.body.as_str()[p.clone()]).collect::<Vec<_>>(),
        "captions": a.captions.iter().map(|c| json!({"text": c.text, "times": c.spans.len()})).collect::<Vec<_>>(),
        "removed": a.removed.iter().map(|r| json!([r.why, doc.span_text(r.span)])).collect::<Vec<_>>(),
        "sentences": doc.sentences.iter().map(|s| doc.span_text(s.span)).collect::<Vec<_>>(),
    })
}

macro_rules! fixture {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            insta::assert_json_snapshot!(stringify!($test), summarize($file));
        }
    };
}

fixture!(wire_doubled_caption, "wire-doubled-caption.txt");
fixture!(state_media_dateline, "state-media-dateline.txt");
fixture!(hard_wrapped, "hard-wrapped.txt");
fixture!(no_title_one_paragraph, "no-title-one-paragraph.txt");
