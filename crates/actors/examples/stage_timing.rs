//! Times the actors stage alone over folders of articles (cleaning excluded):
//! `cargo run --release -p attache-actors --example stage_timing -- DIR...`

use std::time::{Duration, Instant};

use attache_actors::ActorTagger;
use attache_clean::{Cleaner, SentenceSplitter};
use attache_ingest::{InputConfig, decode, read_inputs};
use attache_model::Stage;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let config = InputConfig::default();
    let tagger = ActorTagger::default();
    let cleaner = Cleaner::default();
    let mut docs = Vec::new();
    for item in read_inputs(&paths, &config) {
        let Ok(raw) = item else { continue };
        let Ok(mut doc) = decode(raw, &config) else { continue };
        if cleaner.run(&mut doc).is_ok() && SentenceSplitter::default().run(&mut doc).is_ok() {
            docs.push(doc);
        }
    }
    let mut total = Duration::ZERO;
    let rounds = 5;
    for _ in 0..rounds {
        for doc in &docs {
            let mut d = doc.clone();
            let t = Instant::now();
            tagger.run(&mut d).ok();
            total += t.elapsed();
        }
    }
    let n = docs.len() * rounds;
    #[allow(clippy::print_stdout)]
    {
        println!("knowledge base: {:?}", tagger.kb().stats());
        println!(
            "{} articles x {rounds}: actors stage {:.1} µs/article ({:.0} articles/s on one core)",
            docs.len(),
            total.as_secs_f64() * 1e6 / n as f64,
            n as f64 / total.as_secs_f64()
        );
    }
}
