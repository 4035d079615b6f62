//! `attache report`: summaries over many articles, for a person to eyeball.

use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use attache_actors::{ActorConfig, ActorDictionary, ActorTagger};
use attache_ingest::InputConfig;
use attache_model::ActorKind;
use attache_pipeline::{Pipeline, PipelineConfig};

use super::{batch, output};

/// Summaries over many articles.
#[derive(Debug, clap::Subcommand)]
pub enum Report {
    /// The most frequent actors: name, kind, country, sector, title, and in how many
    /// articles and mentions they occur.
    Actors(ActorsArgs),
}

#[derive(Debug, clap::Args)]
pub struct ActorsArgs {
    /// Files or folders (read recursively), as for `attache extract`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How many actors to list.
    #[arg(long, value_name = "N", default_value_t = 50)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    /// Only actors of this kind.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// A PETRARCH/Phoenix `.actors` dictionary to add to the knowledge base (repeatable).
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
    /// A manifest.jsonl (doc id, published, url, source per file) for all inputs.
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// No summary line on stderr.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    Table,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum KindArg {
    Person,
    Government,
    Country,
    Organisation,
    Group,
}

impl KindArg {
    fn matches(self, k: ActorKind) -> bool {
        matches!(
            (self, k),
            (Self::Person, ActorKind::Person)
                | (Self::Government, ActorKind::Government)
                | (Self::Country, ActorKind::Country)
                | (Self::Organisation, ActorKind::Organisation)
                | (Self::Group, ActorKind::Group)
        )
    }
}

pub fn run(report: Report) -> anyhow::Result<ExitCode> {
    match report {
        Report::Actors(args) => actors(args),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    name: String,
    kind: String,
    country: Option<String>,
    sector: Option<String>,
    title: Option<String>,
}

fn kind_name(k: ActorKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn actors(args: ActorsArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let config = InputConfig { manifest: args.manifest.clone(), ..InputConfig::default() };
    let mut pipeline_config = PipelineConfig::default();
    for path in &args.dicts {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        pipeline_config.actors.dictionaries.push(ActorDictionary { source: path.display().to_string(), text });
    }
    let bar = output::progress(!args.quiet);
    if !args.dicts.is_empty() {
        // Import once up front to report what the dictionaries add (and fail early).
        let tagger = ActorTagger::try_new(ActorConfig { dictionaries: pipeline_config.actors.dictionaries.clone() })?;
        if !args.quiet {
            for r in tagger.import_reports() {
                output::report(
                    &bar,
                    &format!(
                        "{}: {} entries: {} people added, {} merged, {} countries, {} country names, {} organisations, {} skipped, {} warnings",
                        r.source,
                        r.entries,
                        r.people,
                        r.people_merged,
                        r.countries,
                        r.country_forms,
                        r.orgs,
                        r.skipped,
                        r.warning_count
                    ),
                );
            }
        }
    }
    let pipeline = Pipeline::new(&pipeline_config);
    let started = Instant::now();
    let (mut ok, mut skipped) = (0usize, 0usize);
    // Per actor: articles, mentions.
    let mut counts: HashMap<Key, (usize, usize)> = HashMap::new();
    batch::run_pipeline(&args.paths, &config, &pipeline, |result| {
        bar.inc(1);
        match result {
            Ok(record) => {
                ok += 1;
                for a in &record.actors {
                    if args.kind.is_some_and(|k| !k.matches(a.kind)) {
                        continue;
                    }
                    let key = Key {
                        name: a.name.clone(),
                        kind: kind_name(a.kind),
                        country: a.country.clone(),
                        sector: a.sector.clone(),
                        title: a.title.clone(),
                    };
                    let e = counts.entry(key).or_insert((0, 0));
                    e.0 += 1;
                    e.1 += a.mentions.len();
                }
            }
            Err(message) => {
                output::report(&bar, &message);
                skipped += 1;
            }
        }
        Ok(ControlFlow::Continue(()))
    })?;
    bar.finish_and_clear();
    let mut rows: Vec<(Key, (usize, usize))> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let distinct = rows.len();
    rows.truncate(args.top);
    let mut out = output::writer(None)?;
    let written = match args.format {
        ReportFormat::Jsonl => write_jsonl(&mut out, &rows),
        ReportFormat::Table => write_table(&mut out, &rows),
    };
    if let Err(e) = written.and_then(|()| out.flush().map_err(anyhow::Error::from)) {
        if output::is_broken_pipe(&e) {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(e.context("cannot write the report"));
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        output::report(
            &bar,
            &format!(
                "{ok} articles, {distinct} distinct actors, {skipped} inputs skipped, in {secs:.2}s ({:.0} articles/s)",
                ok as f64 / secs.max(1e-9)
            ),
        );
    }
    Ok(if skipped == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn write_jsonl(out: &mut dyn Write, rows: &[(Key, (usize, usize))]) -> anyhow::Result<()> {
    for (k, (articles, mentions)) in rows {
        let v = serde_json::json!({
            "name": k.name, "kind": k.kind, "country": k.country, "sector": k.sector, "title": k.title,
            "articles": articles, "mentions": mentions,
        });
        serde_json::to_writer(&mut *out, &v)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn cell(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width { format!("{s:<width$}") } else { format!("{}…", s.chars().take(width - 1).collect::<String>()) }
}

fn write_table(out: &mut dyn Write, rows: &[(Key, (usize, usize))]) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:>4} {:>8} {:>8}  {:<12} {:<7} {:<6} {:<34} TITLE",
        "#", "ARTICLES", "MENTIONS", "KIND", "COUNTRY", "SECTOR", "NAME"
    )?;
    for (i, (k, (articles, mentions))) in rows.iter().enumerate() {
        writeln!(
            out,
            "{:>4} {:>8} {:>8}  {:<12} {:<7} {:<6} {} {}",
            i + 1,
            articles,
            mentions,
            k.kind,
            k.country.as_deref().unwrap_or("-"),
            k.sector.as_deref().unwrap_or("-"),
            cell(&k.name, 34),
            k.title.as_deref().unwrap_or("-"),
        )?;
    }
    Ok(())
}
