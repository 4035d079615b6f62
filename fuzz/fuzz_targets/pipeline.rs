#![no_main]
//! The whole pipeline on arbitrary text or HTML with a publication date.

use std::sync::OnceLock;

use attache_model::{DocumentRecord, Format};
use attache_pipeline::{Pipeline, PipelineConfig};
use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&PipelineConfig::default()))
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let format = if first & 1 == 0 { Format::Text } else { Format::Html };
    let published = (first & 2 == 2).then(|| format!("20{:02}-{:02}-{:02}", first % 30, 1 + first % 12, 1 + first % 28));
    let mut doc = attache_fuzz::document(&text, format, published);
    pipeline().run(&mut doc).expect("no stage fails or panics");
    attache_fuzz::check_document(&doc);
    let record = DocumentRecord::from_document(&doc);
    assert_eq!(record.doc, "fuzz");
});
