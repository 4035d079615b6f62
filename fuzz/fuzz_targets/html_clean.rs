#![no_main]
//! HTML extraction and cleaning through the real `Cleaner` stage.

use attache_clean::Cleaner;
use attache_model::{Format, Stage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut doc = attache_fuzz::document(&text, Format::Html, None);
    Cleaner::default().run(&mut doc).expect("the cleaner never fails");
    assert!(doc.article.is_some());
    attache_fuzz::check_document(&doc);
});
