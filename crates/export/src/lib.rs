//! Exports of knowledge-base events ([`KbEvent`]) in the formats that users of
//! event data already read: PLOVER JSON (JSON Lines or an array), a
//! POLECAT-style TSV, a GDELT-style CSV, Parquet (feature `parquet`), and
//! attache's own JSON Lines.
//!
//! Every writer streams: it takes one event at a time and writes to any
//! [`io::Write`]; only the Parquet writer holds events, one row group at a
//! time. No files are opened here and no SQL is known: the caller (the CLI, the
//! store) supplies the events and the output. Every column of every format is
//! described in `docs/EXPORTS.md`.

mod codes;
mod dates;
mod gdelt;
#[cfg(feature = "parquet")]
mod parquet;
mod plover;
mod polecat;
mod record;

use std::io::{self, Write};

use attache_model::{EventSource, KbEvent};

pub use codes::{goldstein, numeric_id, plover_score, quad_class, quad_label};
pub use dates::{DateRange, Day, date_range};
pub use gdelt::{GDELT_COLUMNS, GdeltWriter};
#[cfg(feature = "parquet")]
pub use parquet::ParquetWriter;
pub use plover::{JsonlWriter, PloverWriter};
pub use polecat::{POLECAT_COLUMNS, PolecatWriter};
pub use record::{ArticleInfo, from_article, from_record};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PLOVER JSON records, one per line.
    Plover,
    /// PLOVER JSON records as one JSON array.
    PloverArray,
    /// POLECAT-style tab-separated values.
    Polecat,
    /// GDELT-style comma-separated values (GDELT 2.0 event table columns).
    Gdelt,
    /// [`KbEvent`] as attache writes it, one per line.
    Jsonl,
    /// Apache Parquet, one flat row per event (feature `parquet`).
    Parquet,
}

impl Format {
    /// Whether this build can write the format.
    pub fn available(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }

    /// Whether the output is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Parquet
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export: {0}")]
    Io(#[from] io::Error),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[cfg(feature = "parquet")]
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    #[cfg(feature = "parquet")]
    #[error("cannot build Arrow arrays: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("this build of attache has no Parquet support (cargo feature `parquet`)")]
    ParquetUnavailable,
}

impl ExportError {
    /// Whether the reader of the output went away (`| head`): not a failure of
    /// the export.
    pub fn is_broken_pipe(&self) -> bool {
        let kind = match self {
            ExportError::Io(e) => Some(e.kind()),
            ExportError::Json(e) => e.io_error_kind(),
            ExportError::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(e) => Some(e.kind()),
                _ => None,
            },
            _ => None,
        };
        kind == Some(io::ErrorKind::BrokenPipe)
    }
}

/// A writer of one format, chosen at run time.
#[derive(Debug)]
pub enum Exporter<W: Write + Send> {
    Plover(PloverWriter<W>),
    Polecat(PolecatWriter<W>),
    Gdelt(GdeltWriter<W>),
    Jsonl(JsonlWriter<W>),
    #[cfg(feature = "parquet")]
    Parquet(ParquetWriter<W>),
}

impl<W: Write + Send> Exporter<W> {
    pub fn new(format: Format, out: W) -> Result<Self, ExportError> {
        Ok(match format {
            Format::Plover => Exporter::Plover(PloverWriter::new(out, false)),
            Format::PloverArray => Exporter::Plover(PloverWriter::new(out, true)),
            Format::Polecat => Exporter::Polecat(PolecatWriter::new(out)?),
            Format::Gdelt => Exporter::Gdelt(GdeltWriter::new(out)?),
            Format::Jsonl => Exporter::Jsonl(JsonlWriter::new(out)),
            #[cfg(feature = "parquet")]
            Format::Parquet => Exporter::Parquet(ParquetWriter::new(out)?),
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => return Err(ExportError::ParquetUnavailable),
        })
    }

    pub fn write(&mut self, event: &KbEvent) -> Result<(), ExportError> {
        match self {
            Exporter::Plover(w) => w.write(event),
            Exporter::Polecat(w) => w.write(event),
            Exporter::Gdelt(w) => w.write(event),
            Exporter::Jsonl(w) => w.write(event),
            #[cfg(feature = "parquet")]
            Exporter::Parquet(w) => w.write(event),
        }
    }

    /// Writes what is pending (closing brackets, the last row group, the
    /// Parquet footer), flushes, and gives the output back.
    pub fn finish(self) -> Result<W, ExportError> {
        match self {
            Exporter::Plover(w) => w.finish(),
            Exporter::Polecat(w) => w.finish(),
            Exporter::Gdelt(w) => w.finish(),
            Exporter::Jsonl(w) => w.finish(),
            #[cfg(feature = "parquet")]
            Exporter::Parquet(w) => w.finish(),
        }
    }
}

/// Writes every event of `events` to `out` in `format`; returns how many.
pub fn export<W, I>(format: Format, events: I, out: W) -> Result<u64, ExportError>
where
    W: Write + Send,
    I: IntoIterator<Item = KbEvent>,
{
    let mut exporter = Exporter::new(format, out)?;
    let mut n = 0;
    for e in events {
        exporter.write(&e)?;
        n += 1;
    }
    exporter.finish()?;
    Ok(n)
}

/// The status as records write it (`asserted`, `future`, `hypothetical`, `negated`).
pub(crate) fn status_str(s: attache_model::EventStatus) -> &'static str {
    use attache_model::EventStatus::*;
    match s {
        Asserted => "asserted",
        Future => "future",
        Hypothetical => "hypothetical",
        Negated => "negated",
    }
}

/// What every format derives from an event, computed once.
pub(crate) struct Derived<'a> {
    pub e: &'a KbEvent,
    pub quad: Option<u8>,
    pub score: Option<f64>,
    pub goldstein: Option<f64>,
    pub range: Option<DateRange>,
    /// The source whose coding the event carries (else the first).
    pub rep: Option<&'a EventSource>,
    /// Every report's evidence spans, summed (at least one per report).
    pub mentions: usize,
}

impl<'a> Derived<'a> {
    pub fn new(e: &'a KbEvent) -> Self {
        let ev = &e.event;
        Derived {
            e,
            quad: quad_class(&ev.event),
            score: plover_score(&ev.event, ev.mode.as_deref()),
            goldstein: ev.cameo.as_deref().and_then(goldstein),
            range: ev.date.as_deref().and_then(date_range),
            rep: e.sources.iter().find(|s| s.event_id == ev.id).or_else(|| e.sources.first()),
            mentions: e.sources.iter().map(|s| s.evidence.len().max(1)).sum(),
        }
    }

    /// The earliest publication date among the reports (ISO 8601 strings of one
    /// shape compare as text).
    pub fn first_published(&self) -> Option<&'a str> {
        self.e.sources.iter().filter_map(|s| s.published.as_deref()).min()
    }

    /// How many distinct publishers report it (a report whose publisher is
    /// unknown counts as its own).
    pub fn publishers(&self) -> usize {
        let mut names: Vec<&str> =
            self.e.sources.iter().filter(|s| !s.duplicate).map(|s| s.source.as_deref().unwrap_or(&s.doc)).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }

    /// The representative evidence, sentence after sentence.
    pub fn evidence_text(&self) -> String {
        let parts: Vec<&str> = self.e.event.evidence.iter().map(|s| s.text.as_str()).collect();
        parts.join(" ")
    }
}
