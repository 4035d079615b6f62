//! Any event becomes exactly one well-formed row of the CSV and TSV exports,
//! whatever its names and evidence hold (commas, quotes, tabs, line breaks).

use attache_export::{Format, GDELT_COLUMNS, POLECAT_COLUMNS, export};
use attache_model::{EventRecord, EventSource, EventStatus, KbEvent, ParticipantRecord, Place, SpanText};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        "[,;\"\t\r\n a-z\u{e9}\u{4e2d}]{0,16}",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn participant() -> impl Strategy<Value = ParticipantRecord> {
    (text(), opt_text(), opt_text(), opt_text()).prop_map(|(name, country, sector, title)| ParticipantRecord {
        name,
        country,
        sector,
        title,
    })
}

fn span() -> impl Strategy<Value = SpanText> {
    (0usize..10_000, 0usize..500, text()).prop_map(|(start, len, text)| SpanText { start, end: start + len, text })
}

fn status() -> impl Strategy<Value = EventStatus> {
    prop_oneof![
        Just(EventStatus::Asserted),
        Just(EventStatus::Future),
        Just(EventStatus::Hypothetical),
        Just(EventStatus::Negated)
    ]
}

fn kb_event() -> impl Strategy<Value = KbEvent> {
    let event = (
        (text(), prop_oneof![Just("CONSULT".to_owned()), Just("ASSAULT".to_owned()), text()], opt_text()),
        (
            proptest::option::of(prop_oneof!["[0-9]{2,4}", text()]),
            proptest::collection::vec(participant(), 0..4),
            proptest::collection::vec(participant(), 0..3),
        ),
        (
            proptest::option::of(prop_oneof!["20[0-9]{2}-[01][0-9]-[0-3][0-9]", "20[0-9]{2}-W[0-5][0-9]", text()]),
            opt_text(),
            proptest::option::of((text(), opt_text()).prop_map(|(name, country)| Place { name, country })),
            status(),
        ),
        (
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(span(), 0..3),
            0.0f32..=1.0,
        ),
    )
        .prop_map(
            |(
                (id, event, mode),
                (cameo, actor, recipient),
                (date, date_text, location, status),
                (contexts, topics, evidence, confidence),
            )| {
                EventRecord {
                    id,
                    event,
                    mode,
                    cameo,
                    actor,
                    recipient,
                    date,
                    date_text,
                    location,
                    status,
                    contexts,
                    topics,
                    evidence,
                    confidence,
                    rule: String::new(),
                }
            },
        );
    let source =
        (text(), text(), opt_text(), opt_text(), opt_text(), any::<bool>(), proptest::collection::vec(span(), 0..2))
            .prop_map(|(doc, event_id, source, url, published, duplicate, evidence)| EventSource {
                doc,
                event_id,
                source,
                url,
                published,
                duplicate,
                evidence,
            });
    (text(), event, proptest::collection::vec(source, 0..4)).prop_map(|(id, event, sources)| KbEvent {
        id,
        event,
        sources,
    })
}

fn rows(format: Format, delimiter: u8, events: Vec<KbEvent>) -> Vec<csv::StringRecord> {
    let mut out = Vec::new();
    export(format, events, &mut out).expect("export");
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(out.as_slice())
        .records()
        .map(|r| r.expect("a well-formed row"))
        .collect()
}

proptest! {
    #[test]
    fn gdelt_rows_and_columns(events in proptest::collection::vec(kb_event(), 0..4)) {
        let rows = rows(Format::Gdelt, b',', events.clone());
        prop_assert_eq!(rows.len(), events.len() + 1);
        prop_assert!(rows.iter().all(|r| r.len() == GDELT_COLUMNS.len()));
        let name = GDELT_COLUMNS.iter().position(|c| c == "Actor1Name").expect("column");
        for (row, e) in rows[1..].iter().zip(&events) {
            prop_assert_eq!(&row[name], e.event.actor.first().map(|a| a.name.as_str()).unwrap_or(""));
        }
    }

    #[test]
    fn polecat_rows_and_columns(events in proptest::collection::vec(kb_event(), 0..4)) {
        let rows = rows(Format::Polecat, b'\t', events.clone());
        prop_assert_eq!(rows.len(), events.len() + 1);
        prop_assert!(rows.iter().all(|r| r.len() == POLECAT_COLUMNS.len()));
        for (row, e) in rows[1..].iter().zip(&events) {
            prop_assert_eq!(&row[0], e.id.as_str());
            // One list item per actor, however the names are written.
            prop_assert_eq!(row[8].split(';').count(), e.event.actor.len().max(1));
        }
    }

    #[test]
    fn plover_lines_parse(events in proptest::collection::vec(kb_event(), 0..4)) {
        let mut out = Vec::new();
        export(Format::Plover, events.clone(), &mut out).expect("export");
        let text = String::from_utf8(out).expect("utf-8");
        prop_assert_eq!(text.lines().count(), events.len());
        for line in text.lines() {
            prop_assert!(serde_json::from_str::<serde_json::Value>(line).is_ok());
        }
    }
}
