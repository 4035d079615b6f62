//! `attache export`: events in the formats event-data users read.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use attache_export::ArticleInfo;
use attache_export::{ExportError, Exporter, Format};
use attache_model::{EventRecord, EventStatus};

use super::output::{self, Sink};

/// Export events as PLOVER JSON, a POLECAT-style TSV, a GDELT-style CSV,
/// Parquet, or attache's own JSON Lines (columns: docs/EXPORTS.md).
///
/// By default the merged events of the knowledge base (`--db`, default
/// `attache.db`) are exported, each with all the articles that report it.
/// `--records` reads the document records that `attache extract` writes instead;
/// each event of each article becomes one exported event with that article as
/// its only source. Records that cannot be read are reported with their line and
/// skipped. Exit status: 0 when every record was read, 1 when some were
/// skipped, 2 on a usage or output error.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Export from document records (JSON Lines from `attache extract`; `-` reads
    /// stdin) instead of the knowledge base: each article's events as they are,
    /// not merged across articles.
    #[arg(long, value_name = "FILE", conflicts_with = "db")]
    records: Option<PathBuf>,
    /// The knowledge base (an SQLite file) whose merged events are exported, in
    /// date order.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: FormatArg,
    /// Write to FILE instead of stdout (required for parquet).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With `--format plover`: one JSON array instead of one record per line.
    #[arg(long)]
    array: bool,
    /// Only events reported as having happened (no future, hypothetical or
    /// negated ones): GDELT's columns cannot say which is which.
    #[arg(long)]
    asserted_only: bool,
    /// No summary line.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    /// PLOVER JSON records, one per line (or an array with --array).
    Plover,
    /// POLECAT-style tab-separated values.
    Polecat,
    /// GDELT-style comma-separated values (GDELT 2.0 event columns).
    Gdelt,
    /// Apache Parquet (needs -o).
    Parquet,
    /// attache's knowledge-base events as JSON Lines.
    Jsonl,
}

/// The parts of a document record that exports use; the rest of each line
/// (body, actors, time expressions, ...) is skipped unread.
/// (Not `#[serde(flatten)]`: that would buffer every skipped field.)
#[derive(serde::Deserialize)]
struct RecordEvents {
    doc: String,
    source: Option<String>,
    url: Option<String>,
    published: Option<String>,
    events: Vec<EventRecord>,
}

fn broken_pipe(e: &ExportError) -> bool {
    e.is_broken_pipe()
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = match (args.format, args.array) {
        (FormatArg::Plover, true) => Format::PloverArray,
        (_, true) => bail!("--array goes with --format plover"),
        (FormatArg::Plover, false) => Format::Plover,
        (FormatArg::Polecat, _) => Format::Polecat,
        (FormatArg::Gdelt, _) => Format::Gdelt,
        (FormatArg::Parquet, _) => Format::Parquet,
        (FormatArg::Jsonl, _) => Format::Jsonl,
    };
    if !format.available() {
        bail!("this build of attache has no Parquet support (cargo feature `parquet` of attache-cli)");
    }
    if format.is_binary() && args.output.is_none() {
        bail!("Parquet is binary: give a file to write it to with -o FILE");
    }
    let out = output::Sink::open(args.output.as_deref())?;
    let Some(records_path) = args.records.clone() else {
        let db = args.db.clone().unwrap_or_else(|| PathBuf::from(super::kb::DEFAULT_DB));
        return from_db(&db, format, out, &args);
    };
    let name = records_path.display().to_string();
    let input: Box<dyn BufRead> = if records_path.as_os_str() == "-" {
        Box::new(BufReader::with_capacity(1 << 16, io::stdin().lock()))
    } else {
        Box::new(BufReader::with_capacity(
            1 << 16,
            File::open(&records_path).with_context(|| format!("cannot open {name}"))?,
        ))
    };
    let bar = output::progress(false);
    let started = Instant::now();
    let mut exporter = Exporter::new(format, out)?;
    let (mut records, mut events, mut skipped) = (0usize, 0usize, 0usize);
    for (i, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {name}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: RecordEvents = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                output::report(&bar, &format!("{name}:{}: not a document record: {e}", i + 1));
                skipped += 1;
                continue;
            }
        };
        records += 1;
        let article =
            ArticleInfo { doc: record.doc, source: record.source, url: record.url, published: record.published };
        for event in record.events {
            if args.asserted_only && event.status != EventStatus::Asserted {
                continue;
            }
            match exporter.write(&attache_export::from_article(&article, event)) {
                Ok(()) => events += 1,
                Err(e) if broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
                Err(e) => return Err(e).context("cannot write the export"),
            }
        }
    }
    finish(exporter)?;
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        output::report(
            &bar,
            &format!(
                "{events} events from {records} records exported, {skipped} lines skipped, in {secs:.2}s ({:.0} events/s)",
                events as f64 / secs.max(1e-9)
            ),
        );
    }
    Ok(if skipped == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Ends the export and puts the file in place (a broken pipe is not an error).
fn finish(exporter: Exporter<Sink>) -> anyhow::Result<()> {
    let sink = match exporter.finish() {
        Ok(sink) => sink,
        Err(e) if broken_pipe(&e) => return Ok(()),
        Err(e) => return Err(e).context("cannot write the export"),
    };
    match sink.commit() {
        Err(e) if !output::is_broken_pipe(&e) => Err(e.context("cannot write the export")),
        _ => Ok(()),
    }
}

/// `ATTACHE_TEST_EXPORT_DELAY_US`: a pause before each exported event, so
/// that a test can kill an export of a small database in the middle.
fn test_delay() -> anyhow::Result<Option<std::time::Duration>> {
    match std::env::var("ATTACHE_TEST_EXPORT_DELAY_US") {
        Ok(v) => {
            let us: u64 =
                v.parse().with_context(|| format!("ATTACHE_TEST_EXPORT_DELAY_US={v}: expected microseconds"))?;
            Ok(Some(std::time::Duration::from_micros(us)))
        }
        Err(_) => Ok(None),
    }
}

/// The knowledge base's merged events, each with all its sources.
fn from_db(db: &Path, format: Format, out: Sink, args: &Args) -> anyhow::Result<ExitCode> {
    if !db.is_file() {
        bail!("no knowledge base at {} (create it with `attache ingest --db {0} PATH...`)", db.display());
    }
    let reader = attache_store::Reader::open(db)?;
    let delay = test_delay()?;
    let bar = output::progress(false);
    let started = Instant::now();
    let mut exporter = Exporter::new(format, out)?;
    let mut events = 0usize;
    let mut failed: Option<ExportError> = None;
    let done = reader.for_each_event(|e| {
        if args.asserted_only && e.event.status != EventStatus::Asserted {
            return Ok(());
        }
        if let Some(d) = delay {
            std::thread::sleep(d);
        }
        match exporter.write(&e) {
            Ok(()) => {
                events += 1;
                Ok(())
            }
            Err(err) => {
                failed = Some(err);
                Err(attache_store::StoreError::BadQuery("the export stopped".into()))
            }
        }
    });
    match failed {
        Some(e) if broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
        Some(e) => return Err(e).context("cannot write the export"),
        None => done.with_context(|| format!("cannot read {}", db.display()))?,
    }
    finish(exporter)?;
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        output::report(
            &bar,
            &format!(
                "{events} merged events exported from {}, in {secs:.2}s ({:.0} events/s)",
                db.display(),
                events as f64 / secs.max(1e-9)
            ),
        );
    }
    Ok(ExitCode::SUCCESS)
}
