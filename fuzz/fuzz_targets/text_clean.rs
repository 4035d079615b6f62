#![no_main]
//! Plain-text cleaning and sentence splitting (with a small sentence cap half the time).

use attache_clean::{CleanConfig, Cleaner, SentenceSplitter, cap_lengths, split_sentences};
use attache_model::{Format, Stage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (first, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let mut config = CleanConfig::default();
    if first & 1 == 1 {
        config.max_sentence_bytes = 16 + usize::from(first);
    }
    let mut doc = attache_fuzz::document(&text, Format::Text, None);
    Cleaner::new(config.clone()).run(&mut doc).expect("the cleaner never fails");
    SentenceSplitter::new(&config).run(&mut doc).expect("sentences after cleaning");
    attache_fuzz::check_document(&doc);
    for s in &doc.sentences {
        assert!(s.body.len() <= config.max_sentence_bytes.max(16), "sentence over the cap");
    }
    // The splitter alone, on the raw text: ranges in order, trimmed, on char boundaries.
    let (ranges, _) = cap_lengths(&text, split_sentences(&text), config.max_sentence_bytes);
    let mut end = 0;
    for r in &ranges {
        attache_fuzz::check_range(&text, r, "sentence");
        assert!(r.start >= end && r.start < r.end, "sentences overlap or are empty: {r:?}");
        end = r.end;
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "sentence not trimmed");
    }
});
