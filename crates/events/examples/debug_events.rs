//! Prints the events of one text file: `cargo run -p attache-events --example debug_events -- FILE [DATE]`.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use attache_actors::ActorTagger;
use attache_clean::{Cleaner, SentenceSplitter};
use attache_events::EventCoder;
use attache_model::{Document, Format, SourceMeta, Stage};
use attache_time::{TimeConfig, TimeTagger};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read");
    let meta = SourceMeta { doc: "debug".into(), published: args.get(2).cloned(), ..SourceMeta::default() };
    let mut doc = Document::new(meta, text, Format::Text);
    Cleaner::default().run(&mut doc).unwrap();
    SentenceSplitter::default().run(&mut doc).unwrap();
    TimeTagger::new(TimeConfig::default()).run(&mut doc).unwrap();
    ActorTagger::default().run(&mut doc).unwrap();
    EventCoder::default().run(&mut doc).unwrap();
    for e in &doc.events {
        let a: Vec<&str> = e.actor.iter().map(|p| p.name.as_str()).collect();
        let r: Vec<&str> = e.recipient.iter().map(|p| p.name.as_str()).collect();
        println!(
            "{} {} {:?} {:?} -> {:?} {:?} {:?} {:?} [{}]",
            e.id,
            e.event,
            e.mode,
            a,
            r,
            e.date,
            e.status,
            e.location.as_ref().map(|l| &l.name),
            e.rule
        );
    }
}
