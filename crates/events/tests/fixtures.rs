//! Articles written for these tests, run through cleaning, sentences, time, actors and
//! events; the snapshot lists each event with its type, mode, participants, date, status,
//! place and evidence. Review changes with `cargo insta review`.

use std::path::Path;

use attache_actors::ActorTagger;
use attache_clean::{Cleaner, SentenceSplitter};
use attache_events::EventCoder;
use attache_model::{Document, DocumentRecord, Format, SourceMeta, Stage};
use attache_time::{TimeConfig, TimeTagger};
use serde_json::json;

fn run(name: &str, published: &str) -> Document {
    run_with(name, published, false)
}

/// With the syntax stage before time, actors and events, as the pipeline runs them.
fn run_parsed(name: &str, published: &str) -> Document {
    run_with(name, published, true)
}

fn run_with(name: &str, published: &str, parse: bool) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let meta = SourceMeta { doc: name.into(), published: Some(published.to_owned()), ..SourceMeta::default() };
    let mut doc = Document::new(meta, text, Format::Text);
    Cleaner::default().run(&mut doc).expect("clean");
    SentenceSplitter::default().run(&mut doc).expect("sentences");
    if parse {
        let config = attache_syntax::SyntaxConfig { scope: attache_syntax::Scope::All };
        attache_syntax::SyntaxParser::new(config, None).run(&mut doc).expect("syntax");
    }
    TimeTagger::new(TimeConfig::default()).run(&mut doc).expect("time");
    ActorTagger::default().run(&mut doc).expect("actors");
    EventCoder::default().run(&mut doc).expect("events");
    for e in &doc.events {
        for s in &e.evidence {
            assert!(s.start < s.end && s.end <= doc.text.len(), "{e:?}");
        }
    }
    doc
}

fn summary(doc: &Document) -> serde_json::Value {
    let record = DocumentRecord::from_document(doc);
    json!(
        record
            .events
            .iter()
            .map(|e| json!({
                "event": e.event,
                "mode": e.mode,
                "actor": e.actor.iter().map(|p| format!("{} ({})", p.name, p.country.as_deref().unwrap_or("-"))).collect::<Vec<_>>(),
                "recipient": e.recipient.iter().map(|p| format!("{} ({})", p.name, p.country.as_deref().unwrap_or("-"))).collect::<Vec<_>>(),
                "date": e.date,
                "status": e.status,
                "location": e.location.as_ref().map(|l| &l.name),
                "evidence": e.evidence.iter().map(|s| s.text.clone()).collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>()
    )
}

#[test]
fn envoys_talks() {
    insta::assert_json_snapshot!(summary(&run("envoys-talks.txt", "2024-03-12")));
}

#[test]
fn missile_sanctions() {
    insta::assert_json_snapshot!(summary(&run("missile-sanctions.txt", "2022-05-06")));
}

#[test]
fn phone_call() {
    insta::assert_json_snapshot!(summary(&run("phone-call.txt", "2023-08-07")));
}

#[test]
fn status_and_visit() {
    insta::assert_json_snapshot!(summary(&run("status-visit.txt", "2016-01-11")));
}

/// Wire-copy pitfalls: future "due to meet", passives with "by X" (without it, and no
/// place whose state acts, "Syria was sanctioned again" names no actor and is no
/// event record), a date in another clause, a visit by its visitors, figurative "met"
/// and a photo caption.
#[test]
fn wire_rules() {
    insta::assert_json_snapshot!(summary(&run("wire-rules.txt", "2016-01-18")));
}

/// Pattern triggers ("test-fired ..3 missiles"), "drawing criticism from X", "deplored
/// the launch" (recipient from the earlier event), "their call", "urged X to halt"
/// (one REQUEST, not a second event), "would not halt" (REJECT), a conditional
/// sanction (THREATEN), a passive arrest placed in Seoul.
#[test]
fn patterns() {
    insta::assert_json_snapshot!(summary(&run("patterns.txt", "2023-03-17")));
}

/// A KCNA-style statement: the speaker acts ("we", unattributed threats and
/// accusations), on the statement's day, against the one it is about; calling them
/// "warmongers" is the speaker's accusation, one with holding them responsible.
#[test]
fn statement_speaker_and_adversary() {
    insta::assert_json_snapshot!(summary(&run_parsed("statement.txt", "2024-03-05")));
}

/// Clauses the parse decides: a passive with its agent, a negated meeting, a
/// light verb ("launched air strikes on X"), missiles fired "on Tuesday".
#[test]
fn clauses_from_the_parse() {
    insta::assert_json_snapshot!(summary(&run_parsed("clauses.txt", "2016-03-08")));
}

/// The clause a word belongs to: a modal of the main clause is not the
/// status of an adverbial one ("could strain ... after Turkey shot down"), a
/// participle modifying a noun is no event ("detained U.S. citizens"), an
/// event noun takes its clause's status ("were set to be joined ... for
/// talks"), one who visits relatives pays no visit to a state, and
/// "militias backed by Iran" is no act of support.
#[test]
fn clause_status_and_modifiers() {
    insta::assert_json_snapshot!(summary(&run_parsed("modifiers.txt", "2016-03-09")));
}

/// What a clause describes is not reported: a gerund or agentless participle
/// modifying a noun ("the deal lifting sanctions", "restrictions imposed on
/// the company"), the reason for a sanction ("for its nuclear tests"), the
/// act a request asks for however long its object; a call to a counterpart
/// is a phone call and its purpose is addressed to the counterpart; a student
/// held in North Korea is its recipient, not North Korea; a coarse and a fine
/// date of one event merge ("last year", "in November"); history recalled (a bombing
/// in 1945) is not news.
#[test]
fn descriptions_reasons_and_purposes() {
    insta::assert_json_snapshot!(summary(&run_parsed("descriptions.txt", "2016-03-09")));
}

/// Reactions and what they react to: criticism of "the export restrictions"
/// is against whoever imposed them; "a protest by X" is X's, after "sparking"
/// against the act before; a warning about spies threatens no one; deals
/// among companies are not events; a withdrawal is from where the troops
/// are; a person named in full with a patronymic is the known person, and a
/// comma alone does not join the country before to the speaker; "The incident took
/// place ... on Tuesday" dates the intercept reported before it; NATO and the EU
/// inside ", which joined ... ," did not ask anything; "speakers accused Yoon" is no
/// accusation by the Yoon of the rally's quoted theme.
#[test]
fn reactions_alarms_and_deals() {
    insta::assert_json_snapshot!(summary(&run_parsed("reactions.txt", "2016-03-09")));
}
