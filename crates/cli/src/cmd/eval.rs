//! `attache eval`: measure attache against benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use attache_eval::extraction::{self, Report};
use attache_eval::suite;
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
    /// The event coder on sentence suites: the PETRARCH validation records
    /// (with their validation actor dictionary) and the PLOVER example
    /// records; pass rate (type, actor and recipient right) and type accuracy
    /// per category.
    Suites(SuitesArgs),
}

#[derive(Debug, clap::Args)]
pub struct SuitesArgs {
    /// The shared folder (petrarch/ and plover/ in it).
    #[arg(value_name = "SHARED", default_value = "../shared")]
    shared: PathBuf,
    /// List this many failed records per suite (text, expected, coded).
    #[arg(long, value_name = "N", default_value_t = 0)]
    failures: usize,
    /// Print one JSON object: suite -> category -> {records, pass, type_right}.
    #[arg(long)]
    json: bool,
    /// Ablation: actors and recipients from word windows only
    /// (`EventConfig::parse_arguments` off).
    #[arg(long)]
    no_parse_arguments: bool,
    /// Ablation: no negation from the parse.
    #[arg(long)]
    no_parse_negation: bool,
    /// Ablation: status cues counted anywhere before the trigger, not only in its clause.
    #[arg(long)]
    no_parse_status: bool,
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
        Eval::Suites(args) => suites_cmd(&args),
    }
}

fn coded_of(doc: &Document) -> Vec<suite::Coded> {
    let side = |ps: &[attache_model::Participant]| ps.iter().map(|p| (p.country.clone(), p.sector.clone())).collect();
    doc.events
        .iter()
        .filter(|e| e.status == attache_model::EventStatus::Asserted || e.status == attache_model::EventStatus::Future)
        .map(|e| suite::Coded { event: e.event.clone(), actors: side(&e.actor), recipients: side(&e.recipient) })
        .collect()
}

#[allow(clippy::print_stdout)]
fn suites_cmd(args: &SuitesArgs) -> anyhow::Result<ExitCode> {
    let read = |rel: &str| {
        let p = args.shared.join(rel);
        std::fs::read_to_string(&p).with_context(|| format!("cannot read {} (the shared folder)", p.display()))
    };
    let cameo = suite::cameo_to_plover(&read("plover/CAMEO2PLOVER-2021.txt")?);
    let petrarch = suite::read_petrarch(&read("petrarch/text/PETR.UnitTest.records.xml")?, &cameo);
    let plover = suite::read_plover(&read("plover/PLOVER_GSR_CAMEO.txt")?).context("PLOVER_GSR_CAMEO.txt")?;
    let mut plain = PipelineConfig::default();
    plain.events.parse_arguments = !args.no_parse_arguments;
    plain.events.parse_negation = !args.no_parse_negation;
    plain.events.parse_status = !args.no_parse_status;
    // Sentence suites have no publication date of their own: every event counts.
    plain.events.max_age_years = None;
    let mut with_dict = plain.clone();
    with_dict.actors.dictionaries.push(attache_actors::ActorDictionary {
        source: "PETR.Validate.actors.txt".to_owned(),
        text: read("petrarch/dictionaries/PETR.Validate.actors.txt")?,
    });
    let mut report = serde_json::Map::new();
    for (name, cases, config) in [("petrarch", &petrarch, with_dict), ("plover", &plover, plain)] {
        let pipeline = Pipeline::new(&config);
        let mut outcomes = Vec::with_capacity(cases.len());
        let mut failed = Vec::new();
        for c in cases {
            let meta = SourceMeta { doc: c.id.clone(), published: Some(c.date.clone()), ..SourceMeta::default() };
            let mut doc = Document::new(meta, c.text.clone(), Format::Text);
            let coded = match pipeline.run(&mut doc) {
                Ok(()) => coded_of(&doc),
                Err(_) => Vec::new(),
            };
            let o = suite::judge(c, &coded);
            if !o.pass && failed.len() < args.failures {
                failed.push((c, coded));
            }
            outcomes.push(o);
        }
        let tally = suite::tally(cases, &outcomes);
        if args.json {
            report.insert(name.to_owned(), serde_json::to_value(&tally)?);
            continue;
        }
        println!("{name}: {} records", cases.len());
        println!("  {:<12} {:>7} {:>6} {:>7} {:>6} {:>7}", "category", "records", "pass", "", "type", "");
        for (cat, t) in &tally {
            let pct = |x: usize| 100.0 * x as f64 / t.records.max(1) as f64;
            let cat = if cat.is_empty() { "all" } else { cat };
            println!(
                "  {cat:<12} {:>7} {:>6} {:>6.1}% {:>6} {:>6.1}%",
                t.records,
                t.pass,
                pct(t.pass),
                t.type_right,
                pct(t.type_right)
            );
        }
        for (c, coded) in failed {
            println!("  FAIL {} [{}] {}", c.id, c.category, c.text);
            for e in &c.expected {
                println!("       expected {} {:?} -> {:?}", e.event, e.sources, e.targets);
            }
            for e in &coded {
                println!("       coded    {} {:?} -> {:?}", e.event, e.actors, e.recipients);
            }
        }
    }
    if args.json {
        println!("{}", serde_json::Value::Object(report));
    }
    Ok(ExitCode::SUCCESS)
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
