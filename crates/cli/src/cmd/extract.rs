//! `attache extract`: one document record per article, as JSON Lines.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use attache_ingest::InputConfig;
use attache_model::{Format, Level};
use attache_pipeline::{Pipeline, PipelineConfig};

use super::{batch, output};

/// Extract clean articles (and, as stages are added, actors, times and events)
/// from files, folders, WARC, JSON Lines or stdin, one JSON record per line.
///
/// Inputs that cannot be read (binary, empty, too large, malformed) are reported
/// on stderr with their file name and skipped; the batch goes on. Exit status:
/// 0 when every input gave a record, 1 when some were skipped, 2 on a usage or
/// output error.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (read recursively); `-` reads stdin. Plain text, HTML,
    /// JSON Lines (.jsonl), WARC (.warc), each possibly gzipped (.gz).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write records to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// A manifest.jsonl (doc id, published, url, source per file) for all inputs.
    /// One found in a folder being read is used without this.
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Treat every input as this format instead of looking at it.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Which JSON Lines field holds what, e.g. `--field text=maintext --field date=date_publish`
    /// (keys: id, text, html, title, date, url, source, language).
    #[arg(long = "field", value_name = "KEY=FIELD")]
    fields: Vec<String>,
    /// Largest article accepted, in bytes (after decompression).
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    max_bytes: u64,
    /// Time one article may take through the pipeline, in seconds (0: no
    /// limit). An article over it keeps the layers done so far and gets a
    /// `time-limit` warning; the batch goes on.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    time_limit: f64,
    /// Longest sentence, in bytes: longer ones are cut at whitespace (a
    /// `long-sentence` warning), so that later stages stay fast.
    #[arg(long, value_name = "BYTES", default_value_t = attache_pipeline::DEFAULT_MAX_SENTENCE_BYTES)]
    max_sentence_bytes: usize,
    /// HTML elements nested deeper than this are flattened (their text is
    /// kept; a `depth-limit` warning).
    #[arg(long, value_name = "N", default_value_t = 256)]
    max_html_depth: usize,
    /// Add the words of every sentence to each record: byte offsets, UPOS,
    /// XPOS, lemma, FEATS, head and UD relation (off by default: records stay small).
    #[arg(long)]
    words: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar, no warnings about readable inputs, no summary line
    /// (inputs that are skipped are still reported).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Text,
    Html,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        // Fails only if a global pool exists already, which it cannot here.
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let mut config = InputConfig {
        max_bytes: args.max_bytes,
        manifest: args.manifest.clone(),
        format: args.format.map(|f| match f {
            FormatArg::Text => Format::Text,
            FormatArg::Html => Format::Html,
        }),
        ..InputConfig::default()
    };
    for f in &args.fields {
        let (key, field) = f.split_once('=').with_context(|| format!("--field {f}: expected KEY=FIELD"))?;
        config.jsonl.set(key, field)?;
    }
    let mut pipeline_config = PipelineConfig::default();
    anyhow::ensure!(
        args.time_limit.is_finite() && args.time_limit >= 0.0,
        "--time-limit {}: expected a number of seconds, 0 or more",
        args.time_limit
    );
    pipeline_config.limits.time_budget_ms = (args.time_limit * 1000.0).round() as u64;
    pipeline_config.clean.max_sentence_bytes = args.max_sentence_bytes;
    pipeline_config.clean.max_html_depth = args.max_html_depth;
    if args.words {
        pipeline_config.syntax.scope = attache_pipeline::SyntaxScope::All;
        pipeline_config.words_in_records = true;
    }
    let pipeline = Pipeline::new(&pipeline_config);
    let mut out = output::Sink::open(args.output.as_deref())?;
    let bar = output::progress(!args.quiet);
    let started = Instant::now();
    let (mut ok, mut skipped) = (0usize, 0usize);

    let mut broken_pipe = false;
    batch::run_pipeline(&args.paths, &config, &pipeline, |result| {
        bar.inc(1);
        match result {
            Ok(record) => {
                if !args.quiet {
                    for d in record.diagnostics.iter().filter(|d| d.level != Level::Info) {
                        output::report(&bar, &format!("{}: warning: {} [{}]", record.origin, d.message, d.code));
                    }
                }
                let written = serde_json::to_writer(&mut out, &record)
                    .map_err(anyhow::Error::from)
                    .and_then(|()| out.write_all(b"\n").map_err(anyhow::Error::from));
                if let Err(e) = written {
                    if output::is_broken_pipe(&e) {
                        broken_pipe = true;
                        return Ok(ControlFlow::Break(()));
                    }
                    return Err(e.context("cannot write records"));
                }
                ok += 1;
            }
            Err(message) => {
                output::report(&bar, &message);
                skipped += 1;
            }
        }
        Ok(ControlFlow::Continue(()))
    })?;
    if broken_pipe {
        return Ok(ExitCode::SUCCESS);
    }
    if let Err(e) = out.commit()
        && !output::is_broken_pipe(&e)
    {
        return Err(e.context("cannot write records"));
    }
    bar.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        output::report(
            &bar,
            &format!(
                "{ok} articles extracted, {skipped} inputs skipped, in {secs:.2}s ({:.0} articles/s)",
                ok as f64 / secs.max(1e-9)
            ),
        );
    }
    Ok(if skipped == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
