//! Cleaning limits: HTML depth, sentence length.

use attache_clean::{CleanConfig, Cleaner, SentenceSplitter};
use attache_model::{Document, Format, SourceMeta, Stage};

fn doc(text: &str, format: Format) -> Document {
    let meta = SourceMeta { doc: "d".into(), origin: "d".into(), ..SourceMeta::default() };
    Document::new(meta, text.to_owned(), format)
}

#[test]
fn html_depth_limit_is_a_setting_and_a_diagnostic() {
    let html = format!(
        "{}<p>The council met on Tuesday to discuss the crisis.</p>{}",
        "<div>".repeat(40),
        "</div>".repeat(40)
    );
    let config = CleanConfig { max_html_depth: 8, ..CleanConfig::default() };
    let mut d = doc(&html, Format::Html);
    Cleaner::new(config).run(&mut d).expect("clean");
    assert!(d.diagnostics.iter().any(|x| x.code == "depth-limit"), "{:?}", d.diagnostics);
    assert!(d.article.as_ref().is_some_and(|a| a.body.as_str().contains("The council met on Tuesday")));

    let mut d = doc(&html, Format::Html);
    Cleaner::default().run(&mut d).expect("clean");
    assert!(!d.diagnostics.iter().any(|x| x.code == "depth-limit"), "40 levels are within the default");
}

#[test]
fn sentence_cap_is_a_setting() {
    let config = CleanConfig { max_sentence_bytes: 100, ..CleanConfig::default() };
    let mut d = doc(&"one two three four five six seven ".repeat(30), Format::Text);
    Cleaner::new(config.clone()).run(&mut d).expect("clean");
    SentenceSplitter::new(&config).run(&mut d).expect("sentences");
    assert!(d.sentences.len() >= 10);
    assert!(d.sentences.iter().all(|s| s.body.len() <= 100));
    assert!(d.diagnostics.iter().any(|x| x.code == "long-sentence"));
}
