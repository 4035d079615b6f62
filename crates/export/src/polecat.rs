//! A POLECAT-style TSV: POLECAT's public column names and order for what we
//! have, then attache's own columns.

use std::io::Write;

use attache_model::{KbEvent, ParticipantRecord};

use crate::codes::{fmt_score, quad_label};
use crate::{Derived, ExportError};

/// The header row.
pub const POLECAT_COLUMNS: [&str; 28] = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor Sectors",
    "Actor Title",
    "Recipient Name",
    "Recipient Country",
    "Recipient Sectors",
    "Recipient Title",
    "Placename",
    "Country",
    "Source",
    "Publication Date",
    "Story IDs",
    "URLs",
    // attache's own.
    "Event Status",
    "CAMEO Code",
    "Goldstein",
    "Confidence",
    "Num Articles",
    "Topics",
    "Event Text",
];

/// Joins list items with `;`; an item's own `;` becomes `,` so that positions
/// stay aligned across the columns of one list (names, countries, ...).
pub(crate) fn join<'a>(items: impl Iterator<Item = Option<&'a str>>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(';');
        }
        let item = item.unwrap_or("");
        if item.contains(';') {
            out.push_str(&item.replace(';', ","));
        } else {
            out.push_str(item);
        }
    }
    out
}

fn people(ps: &[ParticipantRecord]) -> [String; 4] {
    [
        join(ps.iter().map(|p| Some(p.name.as_str()))),
        join(ps.iter().map(|p| p.country.as_deref())),
        join(ps.iter().map(|p| p.sector.as_deref())),
        join(ps.iter().map(|p| p.title.as_deref())),
    ]
}

/// POLECAT-style tab-separated values with a header row. A field holding a
/// tab, a quote or a line break is quoted as in CSV (`"..."`, quotes doubled),
/// which readr, pandas and Python's csv read back.
#[derive(Debug)]
pub struct PolecatWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> PolecatWriter<W> {
    pub fn new(out: W) -> Result<Self, ExportError> {
        let mut out = csv::WriterBuilder::new().delimiter(b'\t').from_writer(out);
        out.write_record(POLECAT_COLUMNS)?;
        Ok(PolecatWriter { out })
    }

    pub fn write(&mut self, event: &KbEvent) -> Result<(), ExportError> {
        let d = Derived::new(event);
        let e = &event.event;
        let [an, ac, asec, at] = people(&e.actor);
        let [rn, rc, rsec, rt] = people(&e.recipient);
        let src = &event.sources;
        let row: [String; 28] = [
            event.id.clone(),
            e.date.clone().unwrap_or_default(),
            e.event.clone(),
            e.mode.clone().unwrap_or_default(),
            d.score.map(fmt_score).unwrap_or_default(),
            d.quad.map(quad_label).unwrap_or_default().to_owned(),
            join(e.contexts.iter().map(|c| Some(c.as_str()))),
            an,
            ac,
            asec,
            at,
            rn,
            rc,
            rsec,
            rt,
            e.location.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            e.location.as_ref().and_then(|p| p.country.clone()).unwrap_or_default(),
            join(src.iter().map(|s| s.source.as_deref())),
            join(src.iter().map(|s| s.published.as_deref())),
            join(src.iter().map(|s| Some(s.doc.as_str()))),
            join(src.iter().map(|s| s.url.as_deref())),
            crate::status_str(e.status).to_owned(),
            e.cameo.clone().unwrap_or_default(),
            d.goldstein.map(fmt_score).unwrap_or_default(),
            format!("{:.2}", e.confidence),
            event.article_count().to_string(),
            join(e.topics.iter().map(|t| Some(t.as_str()))),
            d.evidence_text(),
        ];
        self.out.write_record(&row)?;
        Ok(())
    }

    pub fn finish(self) -> Result<W, ExportError> {
        self.out.into_inner().map_err(|e| ExportError::Io(e.into_error()))
    }
}
