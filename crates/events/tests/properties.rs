//! The events stage never panics, and every piece of evidence lies in the text.

use attache_actors::ActorTagger;
use attache_clean::{Cleaner, SentenceSplitter};
use attache_events::EventCoder;
use attache_model::{Document, Format, SourceMeta, Stage};
use attache_time::{TimeConfig, TimeTagger};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "South Korea's",
    "Foreign Minister",
    "Choi",
    "the United States",
    "Seoul",
    "Pyongyang",
    "North Korea",
    "held talks with",
    "met",
    "agreed",
    "condemned",
    "blacklisted",
    "test-fired",
    "two missiles",
    "in Washington, D.C.",
    "in Vienna",
    "on Tuesday",
    "last week",
    "will",
    "did not",
    "said",
    "according to",
    "the ministry",
    "and",
    ",",
    ".",
    "\"",
    "(",
    ")",
    "trilateral talks",
    "meeting",
    "between",
    "with",
    "their",
    "vowed continued support for",
    "é",
    "\u{2019}s",
    "\n\n",
    "welcomed",
    "if",
    "would",
    "the allies",
    "the vice ministers",
    "phone talks",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn never_panics_and_spans_in_bounds(picks in prop::collection::vec(0..WORDS.len(), 0..120), noise in ".{0,40}") {
        let mut text = String::from("Title of the story\n\n");
        for (i, p) in picks.iter().enumerate() {
            text.push_str(WORDS[*p]);
            text.push(' ');
            if i == picks.len() / 2 {
                text.push_str(&noise);
            }
        }
        let meta = SourceMeta { doc: "p".into(), published: Some("2021-11-17".into()), ..SourceMeta::default() };
        let mut doc = Document::new(meta, text, Format::Text);
        Cleaner::default().run(&mut doc).expect("clean");
        SentenceSplitter::default().run(&mut doc).expect("sentences");
        TimeTagger::new(TimeConfig::default()).run(&mut doc).expect("time");
        ActorTagger::default().run(&mut doc).expect("actors");
        EventCoder::default().run(&mut doc).expect("events");
        for e in &doc.events {
            prop_assert!(!e.actor.is_empty());
            prop_assert!((0.0..=1.0).contains(&e.confidence));
            for s in &e.evidence {
                prop_assert!(s.start <= s.end && s.end <= doc.text.len());
                prop_assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
            }
            for p in e.actor.iter().chain(&e.recipient) {
                prop_assert!(p.actor.is_none_or(|a| a < doc.actors.len()));
            }
        }
    }
}

#[test]
fn no_article_no_events() {
    let mut doc = Document::new(SourceMeta::default(), "text".into(), Format::Text);
    EventCoder::default().run(&mut doc).expect("events");
    assert!(doc.events.is_empty());
}

#[test]
fn builtin_rules_parse() {
    let lex = attache_events::Lexicon::parse(
        attache_events::TRIGGERS,
        attache_events::CUES,
        attache_events::TOPICS,
        attache_events::IRREGULAR,
    );
    assert!(lex.is_ok());
}
