//! The Parquet writer, read back with the parquet crate's own reader.
#![cfg(feature = "parquet")]

use arrow_array::{Array, Date32Array, Float64Array, ListArray, StringArray, StructArray, UInt32Array};
use attache_export::{Format, export};
use attache_model::KbEvent;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn fixtures() -> Vec<KbEvent> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events.jsonl");
    let text = std::fs::read_to_string(path).expect("fixture file");
    text.lines().map(|l| serde_json::from_str(l).expect("a KbEvent per line")).collect()
}

fn column<'a, T: 'static>(batch: &'a arrow_array::RecordBatch, name: &str) -> &'a T {
    batch.column_by_name(name).expect("column").as_any().downcast_ref::<T>().expect("column type")
}

#[test]
fn parquet_round_trip() {
    let file = tempfile::tempfile().expect("temp file");
    let n = export(Format::Parquet, fixtures(), &file).expect("export");
    assert_eq!(n, 7);
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).expect("a Parquet file").build().expect("reader");
    let batches: Vec<_> = reader.map(|b| b.expect("batch")).collect();
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 7);
    let b = &batches[0];

    let ids = column::<StringArray>(b, "id");
    assert_eq!(ids.value(0), "kb-meeting-three");
    assert_eq!(column::<StringArray>(b, "event").value(2), "MOBILIZE");
    assert_eq!(column::<StringArray>(b, "status").value(4), "negated");

    // The meeting has three actors, the second Japanese.
    let actors = column::<ListArray>(b, "actors");
    let first = actors.value(0);
    let first = first.as_any().downcast_ref::<StructArray>().expect("struct");
    assert_eq!(first.len(), 3);
    let countries = first.column_by_name("country").expect("country");
    assert_eq!(countries.as_any().downcast_ref::<StringArray>().expect("strings").value(1), "JPN");

    // Dates: a week's range; no date is null.
    let start = column::<Date32Array>(b, "date_start");
    let end = column::<Date32Array>(b, "date_end");
    assert_eq!(end.value(1) - start.value(1), 6);
    assert!(start.is_null(4));

    let goldstein = column::<Float64Array>(b, "goldstein");
    assert_eq!(goldstein.value(2), -7.0);
    assert_eq!(column::<UInt32Array>(b, "num_articles").value(5), 2);
    assert_eq!(column::<UInt32Array>(b, "num_reports").value(5), 3);

    // Sources nest their own evidence.
    let sources = column::<ListArray>(b, "sources");
    let acc = sources.value(5);
    let acc = acc.as_any().downcast_ref::<StructArray>().expect("struct");
    assert_eq!(acc.len(), 3);
    let ev = acc.column_by_name("evidence").expect("evidence");
    let ev = ev.as_any().downcast_ref::<ListArray>().expect("list");
    assert_eq!(ev.value(0).len(), 2);
}

#[test]
fn empty_export_is_a_valid_file() {
    let file = tempfile::tempfile().expect("temp file");
    export(Format::Parquet, Vec::new(), &file).expect("export");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).expect("a Parquet file").build().expect("reader");
    assert_eq!(reader.map(|b| b.expect("batch").num_rows()).sum::<usize>(), 0);
}
