//! The actors stage over every article of ../shared/corpus/kcna-2024 and wire-2016:
//! no panic, every span sound, and the actors one expects of these corpora.

mod common;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use attache_actors::ActorTagger;
use attache_clean::{Cleaner, SentenceSplitter};
use attache_ingest::{InputConfig, decode, read_inputs};
use attache_model::Stage;
use common::{check_spans, shared};

#[test]
fn kcna_and_wire_corpora() {
    let corpus = shared().join("corpus");
    let paths = vec![corpus.join("kcna-2024"), corpus.join("wire-2016")];
    let config = InputConfig::default();
    let tagger = ActorTagger::default();
    let cleaner = Cleaner::default();
    let mut docs = 0;
    let mut panics = Vec::new();
    // Articles per actor name and coding.
    let mut seen: HashMap<(String, Option<String>, Option<String>), usize> = HashMap::new();
    for item in read_inputs(&paths, &config) {
        let raw = item.expect("every corpus input reads");
        let mut doc = decode(raw, &config).expect("every corpus input decodes");
        let origin = doc.meta.origin.clone();
        cleaner.run(&mut doc).expect("clean");
        SentenceSplitter::default().run(&mut doc).expect("sentences");
        let result = catch_unwind(AssertUnwindSafe(|| tagger.run(&mut doc)));
        match result {
            Ok(r) => r.expect("the actors stage does not fail"),
            Err(_) => {
                panics.push(origin);
                continue;
            }
        }
        check_spans(&doc);
        docs += 1;
        for a in &doc.actors {
            *seen.entry((a.name.clone(), a.country.clone(), a.sector.clone())).or_default() += 1;
        }
    }
    assert!(panics.is_empty(), "the actors stage panicked on: {panics:?}");
    assert_eq!(docs, 512, "articles read from kcna-2024 and wire-2016");
    let count = |name: &str, country: Option<&str>, sector: &str| {
        seen.get(&(name.to_owned(), country.map(str::to_owned), Some(sector.to_owned()))).copied().unwrap_or(0)
    };
    // Sanity: the leaders these corpora are about, coded as of their stories' dates.
    assert!(
        count("Kim Jong Un", Some("PRK"), "GOV") >= 40,
        "Kim Jong Un: {}",
        count("Kim Jong Un", Some("PRK"), "GOV")
    );
    assert!(count("Barack Obama", Some("USA"), "GOV") >= 40);
    assert!(count("John Kerry", Some("USA"), "GOV") >= 30);
    assert!(count("Yoon Suk Yeol", Some("KOR"), "GOV") >= 5);
    assert!(count("UN Security Council", None, "IGO") >= 30);
    assert!(count("North Korea", Some("PRK"), "GOV") >= 150);
}
