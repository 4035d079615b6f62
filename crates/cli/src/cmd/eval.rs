//! `attache eval`: measure attache against benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use attache_eval::extraction::{self, Report};
use attache_eval::timeml;
use attache_model::{Document, Format, SourceMeta};
use attache_pipeline::{Pipeline, PipelineConfig};

/// Measure attache against a benchmark.
#[derive(Debug, clap::Subcommand)]
pub enum Eval {
    /// The article-extraction benchmark (scrapinghub's metric: word 4-gram
    /// shingles, precision and recall averaged over pages, F1 of the two).
    Extraction(ExtractionArgs),
    /// Time expressions on TimeML files (TempEval-3 scoring: strict and
    /// relaxed span P/R/F1, value and type accuracy and F1).
    Timeml(TimemlArgs),
}

#[derive(Debug, clap::Args)]
pub struct TimemlArgs {
    /// A folder of TimeML (.tml) files, searched recursively.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// How many error categories to list (most frequent first).
    #[arg(long, value_name = "N", default_value_t = 12)]
    errors: usize,
    /// How many examples to show per error category.
    #[arg(long, value_name = "N", default_value_t = 3)]
    examples: usize,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
    /// Also write the predictions as JSON Lines (doc, start, end, type, value, text).
    #[arg(long, value_name = "FILE")]
    dump: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExtractionArgs {
    /// The benchmark folder: html/*.html.gz and ground-truth.json.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Score a peer's output file ({id: {articleBody}}) instead of attache.
    #[arg(long, value_name = "FILE")]
    peer: Option<PathBuf>,
    /// Also list the N worst pages by F1.
    #[arg(long, value_name = "N", default_value_t = 0)]
    worst: usize,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(eval: Eval) -> anyhow::Result<ExitCode> {
    match eval {
        Eval::Extraction(args) => extraction_cmd(args),
        Eval::Timeml(args) => timeml_cmd(args),
    }
}

#[allow(clippy::print_stdout)]
fn timeml_cmd(args: TimemlArgs) -> anyhow::Result<ExitCode> {
    let docs = timeml::load_dir(&args.dir)?;
    let t0 = std::time::Instant::now();
    let preds = timeml::predict(&docs);
    let report = timeml::score(&docs, &preds, t0.elapsed().as_secs_f64());
    if let Some(path) = &args.dump {
        let file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
        timeml::write_predictions(&docs, &preds, std::io::BufWriter::new(file))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if args.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.render(args.errors, args.examples));
    }
    Ok(ExitCode::SUCCESS)
}

fn extraction_cmd(args: ExtractionArgs) -> anyhow::Result<ExitCode> {
    let report = match &args.peer {
        Some(peer) => extraction::evaluate_peer(&args.dir, peer)?,
        None => {
            let pipeline = Pipeline::cleaning(&PipelineConfig::default());
            extraction::evaluate(&args.dir, |html: &str| {
                let doc = Document::new(SourceMeta::default(), html.to_owned(), Format::Html);
                pipeline.process(doc).map(|r| r.body).unwrap_or_default()
            })?
        }
    };
    print_report(&report, &args);
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::print_stdout)]
fn print_report(report: &Report, args: &ExtractionArgs) {
    if args.json {
        let v = serde_json::json!({
            "pages": report.pages.len(), "precision": report.precision, "recall": report.recall,
            "f1": report.f1, "seconds": report.seconds,
        });
        println!("{v}");
        return;
    }
    println!(
        "pages {} | precision {:.3} | recall {:.3} | F1 {:.3} | {:.2}s",
        report.pages.len(),
        report.precision,
        report.recall,
        report.f1,
        report.seconds
    );
    if args.worst > 0 {
        let mut pages: Vec<_> = report.pages.iter().collect();
        let f = |p: &extraction::PageScore| {
            if p.precision + p.recall == 0.0 { 0.0 } else { 2.0 * p.precision * p.recall / (p.precision + p.recall) }
        };
        pages.sort_by(|a, b| f(a).total_cmp(&f(b)));
        for p in pages.into_iter().take(args.worst) {
            println!("  {:.3}  P {:.3} R {:.3}  {}", f(p), p.precision, p.recall, p.id);
        }
    }
}
