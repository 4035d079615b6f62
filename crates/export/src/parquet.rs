//! Apache Parquet: one flat row per event, with list columns for the lists
//! (actors, recipients, evidence, sources). Events are held one batch at a
//! time; row groups hold [`ROW_GROUP`] rows.

use std::io::Write;
use std::sync::{Arc, LazyLock};

use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float32Array, Float64Array, Int8Array, ListArray, RecordBatch, StringArray,
    StructArray, UInt32Array, UInt64Array,
};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use attache_model::{KbEvent, ParticipantRecord, SpanText};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::{Derived, ExportError, status_str};

/// Events per Arrow batch (what is held in memory before encoding).
const BATCH: usize = 4096;
/// Rows per Parquet row group.
pub const ROW_GROUP: usize = 65_536;

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn list_of(name: &str, item: DataType) -> Field {
    Field::new(name, DataType::List(Arc::new(Field::new("item", item, false))), false)
}

fn participant_fields() -> Fields {
    Fields::from(vec![utf8("name", false), utf8("country", true), utf8("sector", true), utf8("title", true)])
}

fn span_fields() -> Fields {
    Fields::from(vec![
        Field::new("start", DataType::UInt64, false),
        Field::new("end", DataType::UInt64, false),
        utf8("text", false),
    ])
}

fn source_fields() -> Fields {
    Fields::from(vec![
        utf8("doc", false),
        utf8("event_id", false),
        utf8("source", true),
        utf8("url", true),
        utf8("published", true),
        Field::new("duplicate", DataType::Boolean, false),
        list_of("evidence", DataType::Struct(span_fields())),
    ])
}

/// The file's schema (documented column by column in `docs/EXPORTS.md`).
pub static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        utf8("id", false),
        utf8("event_id", false),
        utf8("date", true),
        Field::new("date_start", DataType::Date32, true),
        Field::new("date_end", DataType::Date32, true),
        utf8("date_text", true),
        utf8("event", false),
        utf8("mode", true),
        utf8("cameo", true),
        Field::new("quad_code", DataType::Int8, true),
        Field::new("plover_score", DataType::Float64, true),
        Field::new("goldstein", DataType::Float64, true),
        utf8("status", false),
        Field::new("confidence", DataType::Float32, false),
        list_of("contexts", DataType::Utf8),
        list_of("topics", DataType::Utf8),
        list_of("actors", DataType::Struct(participant_fields())),
        list_of("recipients", DataType::Struct(participant_fields())),
        utf8("place_name", true),
        utf8("place_country", true),
        list_of("evidence", DataType::Struct(span_fields())),
        Field::new("num_articles", DataType::UInt32, false),
        Field::new("num_reports", DataType::UInt32, false),
        utf8("first_published", true),
        list_of("sources", DataType::Struct(source_fields())),
    ]))
});

fn item_field(schema_field: &Field) -> FieldRef {
    match schema_field.data_type() {
        DataType::List(f) => f.clone(),
        _ => unreachable!("list fields only"),
    }
}

/// A list column from per-row item counts and the flattened items.
fn list(field: &Field, lengths: impl Iterator<Item = usize>, values: ArrayRef) -> Result<ArrayRef, ExportError> {
    Ok(Arc::new(ListArray::try_new(item_field(field), OffsetBuffer::from_lengths(lengths), values, None)?))
}

fn strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.collect::<StringArray>())
}

fn participants(ps: &[&ParticipantRecord]) -> Result<ArrayRef, ExportError> {
    Ok(Arc::new(StructArray::try_new(
        participant_fields(),
        vec![
            strings(ps.iter().map(|p| Some(p.name.as_str()))),
            strings(ps.iter().map(|p| p.country.as_deref())),
            strings(ps.iter().map(|p| p.sector.as_deref())),
            strings(ps.iter().map(|p| p.title.as_deref())),
        ],
        None,
    )?))
}

fn spans(ss: &[&SpanText]) -> Result<ArrayRef, ExportError> {
    Ok(Arc::new(StructArray::try_new(
        span_fields(),
        vec![
            Arc::new(ss.iter().map(|s| s.start as u64).collect::<UInt64Array>()),
            Arc::new(ss.iter().map(|s| s.end as u64).collect::<UInt64Array>()),
            strings(ss.iter().map(|s| Some(s.text.as_str()))),
        ],
        None,
    )?))
}

fn field(name: &str) -> &'static Field {
    SCHEMA.field_with_name(name).unwrap_or_else(|_| unreachable!("{name} is in the schema"))
}

fn batch(events: &[KbEvent]) -> Result<RecordBatch, ExportError> {
    let d: Vec<Derived> = events.iter().map(Derived::new).collect();
    let ev = |f: fn(&KbEvent) -> Option<&str>| strings(events.iter().map(f));
    let participant_list = |name: &str, side: fn(&KbEvent) -> &[ParticipantRecord]| {
        let flat: Vec<&ParticipantRecord> = events.iter().flat_map(|e| side(e).iter()).collect();
        list(field(name), events.iter().map(|e| side(e).len()), participants(&flat)?)
    };
    let string_list = |name: &str, items: fn(&KbEvent) -> &[String]| {
        let flat = strings(events.iter().flat_map(|e| items(e).iter().map(|s| Some(s.as_str()))));
        list(field(name), events.iter().map(|e| items(e).len()), flat)
    };
    let evidence: Vec<&SpanText> = events.iter().flat_map(|e| e.event.evidence.iter()).collect();
    let sources: Vec<_> = events.iter().flat_map(|e| e.sources.iter()).collect();
    let source_evidence: Vec<&SpanText> = sources.iter().flat_map(|s| s.evidence.iter()).collect();
    let source_struct = StructArray::try_new(
        source_fields(),
        vec![
            strings(sources.iter().map(|s| Some(s.doc.as_str()))),
            strings(sources.iter().map(|s| Some(s.event_id.as_str()))),
            strings(sources.iter().map(|s| s.source.as_deref())),
            strings(sources.iter().map(|s| s.url.as_deref())),
            strings(sources.iter().map(|s| s.published.as_deref())),
            Arc::new(sources.iter().map(|s| Some(s.duplicate)).collect::<BooleanArray>()),
            list(&source_fields()[6], sources.iter().map(|s| s.evidence.len()), spans(&source_evidence)?)?,
        ],
        None,
    )?;
    let days = |end: bool| -> ArrayRef {
        Arc::new(
            d.iter()
                .map(|d| d.range.as_ref().map(|r| (if end { r.end } else { r.start }).days() as i32))
                .collect::<Date32Array>(),
        )
    };
    let columns: Vec<ArrayRef> = vec![
        strings(events.iter().map(|e| Some(e.id.as_str()))),
        strings(events.iter().map(|e| Some(e.event.id.as_str()))),
        ev(|e| e.event.date.as_deref()),
        days(false),
        days(true),
        ev(|e| e.event.date_text.as_deref()),
        strings(events.iter().map(|e| Some(e.event.event.as_str()))),
        ev(|e| e.event.mode.as_deref()),
        ev(|e| e.event.cameo.as_deref()),
        Arc::new(d.iter().map(|d| d.quad.map(|q| q as i8)).collect::<Int8Array>()),
        Arc::new(d.iter().map(|d| d.score).collect::<Float64Array>()),
        Arc::new(d.iter().map(|d| d.goldstein).collect::<Float64Array>()),
        strings(events.iter().map(|e| Some(status_str(e.event.status)))),
        Arc::new(events.iter().map(|e| Some(e.event.confidence)).collect::<Float32Array>()),
        string_list("contexts", |e| &e.event.contexts)?,
        string_list("topics", |e| &e.event.topics)?,
        participant_list("actors", |e| &e.event.actor)?,
        participant_list("recipients", |e| &e.event.recipient)?,
        ev(|e| e.event.location.as_ref().map(|p| p.name.as_str())),
        ev(|e| e.event.location.as_ref().and_then(|p| p.country.as_deref())),
        list(field("evidence"), events.iter().map(|e| e.event.evidence.len()), spans(&evidence)?)?,
        Arc::new(events.iter().map(|e| Some(e.article_count() as u32)).collect::<UInt32Array>()),
        Arc::new(events.iter().map(|e| Some(e.sources.len() as u32)).collect::<UInt32Array>()),
        strings(d.iter().map(Derived::first_published)),
        list(field("sources"), events.iter().map(|e| e.sources.len()), Arc::new(source_struct))?,
    ];
    Ok(RecordBatch::try_new(SCHEMA.clone(), columns)?)
}

/// Parquet (Snappy-compressed), one row per event.
pub struct ParquetWriter<W: Write + Send> {
    writer: ArrowWriter<W>,
    pending: Vec<KbEvent>,
}

impl<W: Write + Send> std::fmt::Debug for ParquetWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter").field("pending", &self.pending.len()).finish_non_exhaustive()
    }
}

impl<W: Write + Send> ParquetWriter<W> {
    pub fn new(out: W) -> Result<Self, ExportError> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .set_created_by(crate::plover::CODER.to_owned())
            .build();
        Ok(ParquetWriter { writer: ArrowWriter::try_new(out, SCHEMA.clone(), Some(props))?, pending: Vec::new() })
    }

    pub fn write(&mut self, event: &KbEvent) -> Result<(), ExportError> {
        self.pending.push(event.clone());
        if self.pending.len() >= BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), ExportError> {
        if !self.pending.is_empty() {
            self.writer.write(&batch(&self.pending)?)?;
            self.pending.clear();
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<W, ExportError> {
        self.flush_batch()?;
        let mut out = self.writer.into_inner()?;
        out.flush()?;
        Ok(out)
    }
}
