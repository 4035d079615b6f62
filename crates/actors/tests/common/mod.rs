//! Helpers shared by the actors tests: run the stages that come before the actors
//! stage, and summarise what it found.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use attache_actors::ActorTagger;
use attache_clean::{Cleaner, SentenceSplitter};
use attache_model::{Document, Format, SourceMeta, Stage};
use serde_json::{Value, json};

/// `../shared` from the project's root; fails (never skips) when it is missing.
pub fn shared() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        p.join("corpus").is_dir() && p.join("petrarch").is_dir(),
        "this test reads ../shared (expected at {}); it is missing",
        p.display()
    );
    p
}

pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// A plain-text article through cleaning, sentences and actors.
pub fn run_text(tagger: &ActorTagger, text: &str, published: Option<&str>, source: Option<&str>) -> Document {
    let meta = SourceMeta {
        doc: "test".into(),
        published: published.map(str::to_owned),
        source: source.map(str::to_owned),
        ..SourceMeta::default()
    };
    let mut doc = Document::new(meta, text.to_owned(), Format::Text);
    Cleaner::default().run(&mut doc).expect("clean");
    SentenceSplitter::default().run(&mut doc).expect("sentences");
    tagger.run(&mut doc).expect("actors");
    doc
}

/// Every mention span is in bounds, on character boundaries, and holds text that the
/// cleaned article holds too.
pub fn check_spans(doc: &Document) {
    let zones: Vec<String> = doc.zones().iter().map(|(_, t)| attache_model::normalize_ws(t.as_str())).collect();
    for a in &doc.actors {
        for m in &a.mentions {
            let s = m.span;
            assert!(s.start < s.end && s.end <= doc.text.len(), "{}: span {s:?} out of bounds", a.name);
            assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end), "{}: {s:?}", a.name);
            let held = doc.span_text(s);
            assert!(!held.is_empty(), "{}: empty mention", a.name);
            // In HTML a span may cover markup between its words; in text it holds them.
            if doc.format == attache_model::Format::Text {
                assert!(
                    zones.iter().any(|z| z.contains(&held)),
                    "{}: mention {held:?} ({s:?}) is not text of the article",
                    a.name
                );
            }
        }
        for &m in &a.members {
            assert!(m < doc.actors.len(), "{}: member {m} out of range", a.name);
        }
    }
    for f in &doc.facts {
        assert!(f.evidence.end <= doc.text.len() && f.evidence.start < f.evidence.end, "fact {f:?}");
    }
}

/// What a reader checks: each actor with its coding and mentions, and the facts.
pub fn summary(doc: &Document) -> Value {
    check_spans(doc);
    json!({
        "actors": doc.actors.iter().map(|a| json!({
            "name": a.name,
            "kind": a.kind,
            "country": a.country,
            "sector": a.sector,
            "title": a.title,
            "kb_id": a.kb_id,
            "members": a.members.iter().map(|&m| doc.actors[m].name.clone()).collect::<Vec<_>>(),
            "mentions": a.mentions.iter().map(|m| format!("{:?}: {}", m.kind, doc.span_text(m.span))).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "facts": doc.facts.iter().map(|f| json!({
            "person": f.person, "title": f.title, "country": f.country, "sector": f.sector, "date": f.date,
            "evidence": doc.span_text(f.evidence),
        })).collect::<Vec<_>>(),
    })
}

/// The actor named `name`, with a clear failure.
pub fn actor<'a>(doc: &'a Document, name: &str) -> &'a attache_model::Actor {
    doc.actors.iter().find(|a| a.name == name).unwrap_or_else(|| {
        let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
        panic!("no actor {name:?}; found {names:?}")
    })
}

/// (country, sector, title) of an actor.
pub fn coding(a: &attache_model::Actor) -> (Option<&str>, Option<&str>, Option<&str>) {
    (a.country.as_deref(), a.sector.as_deref(), a.title.as_deref())
}

/// The texts of an actor's mentions of one kind.
pub fn mentions(doc: &Document, a: &attache_model::Actor, kind: attache_model::MentionKind) -> Vec<String> {
    a.mentions.iter().filter(|m| m.kind == kind).map(|m| doc.span_text(m.span)).collect()
}
