//! PLOVER JSON records (the PLOVER manual's "Data Fields" chapter) and
//! attache's own JSON Lines.

use std::io::Write;

use attache_model::{EventSource, KbEvent, ParticipantRecord};
use serde::Serialize;

use crate::{Derived, ExportError};

/// The name and version written in `coder`.
pub const CODER: &str = concat!("attache ", env!("CARGO_PKG_VERSION"));

/// An entity object (the manual's "Information object for entities").
#[derive(Serialize)]
struct Entity<'a> {
    /// 3-character top-level code: the ISO 3166-1 alpha-3 country.
    code: Option<&'a str>,
    sector: Option<&'a str>,
    /// The canonical name.
    identifier_text: &'a str,
    office: Option<&'a str>,
}

impl<'a> Entity<'a> {
    fn of(p: &'a ParticipantRecord) -> Self {
        Entity {
            code: p.country.as_deref(),
            sector: p.sector.as_deref(),
            identifier_text: &p.name,
            office: p.title.as_deref(),
        }
    }
}

/// The manual's location object, the fields we know.
#[derive(Serialize)]
struct Location<'a> {
    extracted_place: &'a str,
    country_code: Option<&'a str>,
}

/// The manual's citeInfo object, for the representative report.
#[derive(Serialize)]
struct CiteInfo<'a> {
    /// The article's document id.
    citation: &'a str,
    url: Option<&'a str>,
    publication: Option<&'a str>,
    codebook: &'static str,
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    date: Option<String>,
    enddate: Option<String>,
    time: Option<&'a str>,
    actor: Vec<Entity<'a>>,
    recipient: Vec<Entity<'a>>,
    event: [&'a str; 1],
    event_loc: Option<Location<'a>>,
    event_text: Vec<&'a str>,
    quad_code: Option<u8>,
    event_scale: Option<f64>,
    mode: Option<[&'a str; 1]>,
    context: Option<&'a [String]>,
    cite_info: Option<CiteInfo<'a>>,
    coder: &'static str,
    // Beyond the manual's fields.
    date_value: Option<&'a str>,
    date_text: Option<&'a str>,
    status: attache_model::EventStatus,
    cameo: Option<&'a str>,
    goldstein: Option<f64>,
    topics: &'a [String],
    confidence: f32,
    num_articles: usize,
    sources: &'a [EventSource],
}

fn record<'a>(d: &'a Derived<'a>) -> Record<'a> {
    let e = &d.e.event;
    Record {
        id: &d.e.id,
        date: d.range.as_ref().map(|r| r.start.iso()),
        enddate: d.range.as_ref().filter(|r| !r.is_day()).map(|r| r.end.iso()),
        time: d.range.as_ref().and_then(|r| r.time.as_deref()),
        actor: e.actor.iter().map(Entity::of).collect(),
        recipient: e.recipient.iter().map(Entity::of).collect(),
        event: [&e.event],
        event_loc: e
            .location
            .as_ref()
            .map(|p| Location { extracted_place: &p.name, country_code: p.country.as_deref() }),
        event_text: e.evidence.iter().map(|s| s.text.as_str()).collect(),
        quad_code: d.quad,
        event_scale: d.score,
        mode: e.mode.as_deref().map(|m| [m]),
        context: (!e.contexts.is_empty()).then_some(e.contexts.as_slice()),
        cite_info: d.rep.map(|s| CiteInfo {
            citation: &s.doc,
            url: s.url.as_deref(),
            publication: s.source.as_deref(),
            codebook: "plover",
        }),
        coder: CODER,
        date_value: e.date.as_deref(),
        date_text: e.date_text.as_deref(),
        status: e.status,
        cameo: e.cameo.as_deref(),
        goldstein: d.goldstein,
        topics: &e.topics,
        confidence: e.confidence,
        num_articles: d.e.article_count(),
        sources: &d.e.sources,
    }
}

/// PLOVER JSON records: one per line, or (`array`) one JSON array.
#[derive(Debug)]
pub struct PloverWriter<W: Write> {
    out: W,
    array: bool,
    written: u64,
}

impl<W: Write> PloverWriter<W> {
    pub fn new(out: W, array: bool) -> Self {
        PloverWriter { out, array, written: 0 }
    }

    pub fn write(&mut self, event: &KbEvent) -> Result<(), ExportError> {
        let d = Derived::new(event);
        if self.array {
            self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        }
        serde_json::to_writer(&mut self.out, &record(&d))?;
        if !self.array {
            self.out.write_all(b"\n")?;
        }
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<W, ExportError> {
        if self.array {
            self.out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// [`KbEvent`]s as attache writes them, one per line.
#[derive(Debug)]
pub struct JsonlWriter<W: Write> {
    out: W,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter { out }
    }

    pub fn write(&mut self, event: &KbEvent) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.out, event)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<W, ExportError> {
        self.out.flush()?;
        Ok(self.out)
    }
}
