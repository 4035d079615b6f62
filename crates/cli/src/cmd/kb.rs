//! The knowledge base commands: `attache ingest`, `events`, `timeline`,
//! `actors`, `docs`, `search`, `export`. The store does the work; this file
//! parses arguments, resolves place and country names to codes through the
//! actors knowledge base, and writes results.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The knowledge base when `--db` is not given.
pub const DEFAULT_DB: &str = "attache.db";

use anyhow::Context;
use attache_actors::Kb;
use attache_ingest::InputConfig;
use attache_model::KbEvent;
use attache_pipeline::{Pipeline, PipelineConfig, coder_version};
use attache_store::{
    ActorFilter, ActorSummary, ActorTerm, DocFilter, DocSummary, EventFilter, NewDocument, Outcome, Reader, SearchHit,
    SearchQuery, Settings, StoreError, Writer,
};

use super::table::{self, OutFormat, Row};
use super::{batch, output};

/// The knowledge base commands.
#[derive(Debug, clap::Subcommand)]
pub enum KbCommand {
    Ingest(IngestArgs),
    Events(EventsArgs),
    Timeline(TimelineArgs),
    Actors(ActorsArgs),
    Docs(DocsArgs),
    Search(SearchArgs),
}

pub fn run(c: KbCommand) -> anyhow::Result<ExitCode> {
    match c {
        KbCommand::Ingest(a) => ingest(a),
        KbCommand::Events(a) => events(a),
        KbCommand::Timeline(a) => timeline(a),
        KbCommand::Actors(a) => actors(a),
        KbCommand::Docs(a) => docs(a),
        KbCommand::Search(a) => search(a),
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct DbArg {
    /// The knowledge base (an SQLite file).
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    db: PathBuf,
}

#[derive(Debug, Clone, clap::Args)]
pub struct OutArgs {
    /// Output: a table on a terminal, JSON Lines in a pipe, unless given.
    #[arg(long, value_enum)]
    format: Option<OutFormat>,
    /// How many results.
    #[arg(long, value_name = "N", default_value_t = 100)]
    limit: usize,
    /// Continue after the cursor a previous page printed on stderr.
    #[arg(long, value_name = "CURSOR")]
    cursor: Option<String>,
}

/// Read articles, run the pipeline and store the records in the knowledge
/// base (idempotent: articles stored with the same text and coder version are
/// left alone; others are re-coded and replaced). Inputs that cannot be read
/// are reported and skipped; exit status 1 when some were.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files or folders (read recursively), as for `attache extract`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    /// A manifest.jsonl for all inputs (one in a folder is used without this).
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Articles per transaction: a crash loses at most this many.
    #[arg(long, value_name = "N", default_value_t = 64)]
    commit_every: usize,
    /// Estimated Jaccard similarity (word 5-shingles) from which articles are near-duplicates.
    #[arg(long, value_name = "X", default_value_t = 0.8)]
    dup_threshold: f64,
    /// Worker threads for the pipeline (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// No progress and no summary.
    #[arg(short, long)]
    quiet: bool,
}

fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let settings = Settings {
        batch_size: args.commit_every,
        dup_threshold: args.dup_threshold,
        max_pages: test_max_pages()?,
        ..Settings::default()
    };
    let db = &args.db.db;
    let mut writer = Writer::open(db, settings)?;
    let config = InputConfig { manifest: args.manifest.clone(), ..InputConfig::default() };
    let pipeline = Pipeline::new(&PipelineConfig::default());
    let version = coder_version();
    let bar = output::progress(!args.quiet);
    let started = Instant::now();
    let (mut inserted, mut replaced, mut unchanged, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    batch::run_pipeline_with_text(&args.paths, &config, &pipeline, |result| {
        bar.inc(1);
        match result {
            Ok((record, text)) => {
                let done = match writer.ingest(&NewDocument { record: &record, text: &text, coder_version: &version }) {
                    Ok(done) => done,
                    Err(e) => return Err(store_failed(db, &format!("cannot store {}", record.origin), &e, &writer)),
                };
                match done.outcome {
                    Outcome::Inserted => inserted += 1,
                    Outcome::Replaced => replaced += 1,
                    Outcome::Unchanged => unchanged += 1,
                }
            }
            Err(message) => {
                output::report(&bar, &message);
                skipped += 1;
            }
        }
        Ok(ControlFlow::Continue(()))
    })?;
    if let Err(e) = writer.commit() {
        return Err(store_failed(db, "cannot commit the last articles", &e, &writer));
    }
    writer.finish().with_context(|| format!("cannot close {}", db.display()))?;
    bar.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let stats = Reader::open(db)?.stats()?;
        output::report(
            &bar,
            &format!(
                "{inserted} articles stored, {replaced} replaced, {unchanged} unchanged, {skipped} inputs skipped, \
                 in {secs:.2}s ({:.0} articles/s); {}: {} articles ({} near-duplicates in {} groups), \
                 {} events coded -> {} merged",
                (inserted + replaced + unchanged) as f64 / secs.max(1e-9),
                db.display(),
                stats.documents,
                stats.duplicates,
                stats.dup_groups,
                stats.events,
                stats.kb_events
            ),
        );
    }
    Ok(if skipped == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `ATTACHE_TEST_MAX_PAGES`: a cap on the database's size in pages, so that
/// tests can fill "the disk" (SQLite's `max_page_count`) without filling one.
fn test_max_pages() -> anyhow::Result<Option<u64>> {
    match std::env::var("ATTACHE_TEST_MAX_PAGES") {
        Ok(v) => {
            Ok(Some(v.parse().with_context(|| format!("ATTACHE_TEST_MAX_PAGES={v}: expected a number of pages"))?))
        }
        Err(_) => Ok(None),
    }
}

/// One line for a write that failed: what, where, why, and what is kept.
fn store_failed(db: &Path, what: &str, e: &StoreError, writer: &Writer) -> anyhow::Error {
    let kept = writer.committed();
    let hint = match e {
        StoreError::DiskFull(_) => "; free some space and run the same ingest again: stored articles are skipped",
        _ => "",
    };
    anyhow::anyhow!(
        "{what} in {}: {e}; the {kept} articles committed before are kept, the open batch was rolled back{hint}",
        db.display()
    )
}

/// Resolves a term: a country's code, name, other name, adjective or capital
/// gives its code; a known person or organisation gives its kb id.
pub fn resolve(text: &str) -> ActorTerm {
    let kb = Kb::builtin();
    let mut term = ActorTerm::new(text);
    let t = text.trim();
    let same = |s: &str| s.eq_ignore_ascii_case(t);
    for c in kb.countries() {
        if same(&c.iso3)
            || same(&c.name)
            || c.aliases.iter().any(|a| same(a))
            || c.adjectives.iter().any(|a| same(a))
            || c.capitals.iter().any(|a| same(a))
        {
            term.countries.push(c.iso3.clone());
        }
    }
    if let Some(p) = kb.person(t) {
        term.kb_ids.push(p.id.clone());
    }
    for o in kb.orgs() {
        if same(&o.id) || same(&o.name) || o.forms.iter().any(|f| same(f)) {
            term.kb_ids.push(o.id.clone());
        }
    }
    term
}

fn country_code(text: &str) -> anyhow::Result<String> {
    resolve(text)
        .countries
        .first()
        .cloned()
        .with_context(|| format!("{text:?} is not a country this knowledge base knows"))
}

#[derive(Debug, Clone, clap::Args)]
pub struct EventFilterArgs {
    /// A participant: person (name, surname or kb id), organisation, country or capital.
    #[arg(long, value_name = "TERM")]
    actor: Option<String>,
    /// A participant's or the place's country (code, name or capital).
    #[arg(long, value_name = "COUNTRY")]
    country: Option<String>,
    /// PLOVER event type (CONSULT, AGREE, ...).
    #[arg(long = "type", value_name = "TYPE")]
    event_type: Option<String>,
    /// From this day (YYYY-MM-DD, or a month or week: its first day).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Until this day (inclusive).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// asserted, future, hypothetical or negated.
    #[arg(long)]
    status: Option<String>,
    /// Words in the merged record.
    #[arg(long, value_name = "WORDS")]
    text: Option<String>,
}

impl EventFilterArgs {
    fn filter(&self, out: &OutArgs) -> anyhow::Result<EventFilter> {
        Ok(EventFilter {
            actor: self.actor.as_deref().map(resolve),
            country: self.country.as_deref().map(country_code).transpose()?,
            event_type: self.event_type.clone(),
            event_types: Vec::new(),
            newest_first: false,
            from: self.from.clone(),
            to: self.to.clone(),
            status: self.status.clone(),
            text: self.text.clone(),
            limit: Some(out.limit),
            cursor: out.cursor.clone(),
        })
    }
}

/// Events merged across articles, in date order.
#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    #[command(flatten)]
    filter: EventFilterArgs,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutArgs,
}

/// The events between two actors (people, organisations, countries or
/// capitals), in date order.
#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    a: String,
    b: String,
    #[command(flatten)]
    filter: EventFilterArgs,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutArgs,
}

fn names(ps: &[attache_model::ParticipantRecord]) -> String {
    ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("; ")
}

impl Row for KbEvent {
    fn headers() -> &'static [&'static str] {
        &["date", "type", "mode", "actor", "recipient", "place", "status", "articles", "id"]
    }
    fn cells(&self) -> Vec<String> {
        let e = &self.event;
        vec![
            e.date.clone().unwrap_or_default(),
            e.event.clone(),
            e.mode.clone().unwrap_or_default(),
            names(&e.actor),
            names(&e.recipient),
            e.location.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            serde_json::to_value(e.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            self.article_count().to_string(),
            self.id.clone(),
        ]
    }
}

impl Row for ActorSummary {
    fn headers() -> &'static [&'static str] {
        &["name", "kind", "country", "titles", "docs", "mentions", "first", "last", "key"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.kind.clone(),
            self.country.clone().unwrap_or_default(),
            self.titles.join("; "),
            self.documents.to_string(),
            self.mentions.to_string(),
            self.first.clone().unwrap_or_default(),
            self.last.clone().unwrap_or_default(),
            self.key.clone(),
        ]
    }
}

impl Row for DocSummary {
    fn headers() -> &'static [&'static str] {
        &["published", "source", "title", "events", "dup_group", "duplicate", "doc"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.published.clone().unwrap_or_default(),
            self.source.clone().unwrap_or_default(),
            self.title.clone().unwrap_or_default(),
            self.events.to_string(),
            self.dup_group.map(|g| g.to_string()).unwrap_or_default(),
            if self.duplicate { "yes".into() } else { String::new() },
            self.doc.clone(),
        ]
    }
}

impl Row for SearchHit {
    fn headers() -> &'static [&'static str] {
        &["published", "doc", "start", "end", "snippet"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.published.clone().unwrap_or_default(),
            self.doc.clone(),
            self.start.to_string(),
            self.end.to_string(),
            self.snippet.clone(),
        ]
    }
}

/// Writes a page and, when there is more, the cursor for the next one on stderr.
fn print_page<R: Row>(items: &[R], next: Option<&str>, out: &OutArgs) -> anyhow::Result<ExitCode> {
    let mut w = output::writer(None)?;
    let written = table::write(&mut *w, table::choose(out.format), items).and_then(|()| Ok(w.flush()?));
    if let Err(e) = written {
        if output::is_broken_pipe(&e) {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(e);
    }
    if let Some(c) = next {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("attache: more results: --cursor {c}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn reader(db: &Path) -> anyhow::Result<Reader> {
    Ok(Reader::open(db)?)
}

/// Names the database in a query's error (opening names it already).
fn read_failed(db: &Path) -> impl FnOnce() -> String + '_ {
    move || format!("cannot read {}", db.display())
}

fn events(args: EventsArgs) -> anyhow::Result<ExitCode> {
    let page = reader(&args.db.db)?.events(&args.filter.filter(&args.out)?).with_context(read_failed(&args.db.db))?;
    print_page(&page.items, page.next_cursor.as_deref(), &args.out)
}

fn timeline(args: TimelineArgs) -> anyhow::Result<ExitCode> {
    let (a, b) = (resolve(&args.a), resolve(&args.b));
    let page = reader(&args.db.db)?
        .timeline(&a, &b, &args.filter.filter(&args.out)?)
        .with_context(read_failed(&args.db.db))?;
    print_page(&page.items, page.next_cursor.as_deref(), &args.out)
}

/// Who appears in the stored articles, with titles and first and last dates.
#[derive(Debug, clap::Args)]
pub struct ActorsArgs {
    /// Only actors matching this term (name, surname, kb id, country).
    term: Option<String>,
    /// Only actors of this country (code, name or capital).
    #[arg(long)]
    country: Option<String>,
    /// person, government, country, organisation or group.
    #[arg(long)]
    kind: Option<String>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutArgs,
}

fn actors(args: ActorsArgs) -> anyhow::Result<ExitCode> {
    let f = ActorFilter {
        term: args.term.as_deref().map(ActorTerm::new),
        country: args.country.as_deref().map(country_code).transpose()?,
        kind: args.kind.clone(),
        limit: Some(args.out.limit),
        cursor: args.out.cursor.clone(),
    };
    let page = reader(&args.db.db)?.actors(&f).with_context(read_failed(&args.db.db))?;
    print_page(&page.items, page.next_cursor.as_deref(), &args.out)
}

/// The stored articles in publication order, or their near-duplicate groups.
#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// Only articles in near-duplicate groups, group by group.
    #[arg(long)]
    duplicates: bool,
    /// Only articles from this source.
    #[arg(long)]
    source: Option<String>,
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Words in the title.
    #[arg(long, value_name = "WORDS")]
    text: Option<String>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutArgs,
}

fn docs(args: DocsArgs) -> anyhow::Result<ExitCode> {
    let f = DocFilter {
        source: args.source.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        text: args.text.clone(),
        duplicates: args.duplicates,
        newest_first: false,
        limit: Some(args.out.limit),
        cursor: args.out.cursor.clone(),
    };
    let page = reader(&args.db.db)?.docs(&f).with_context(read_failed(&args.db.db))?;
    print_page(&page.items, page.next_cursor.as_deref(), &args.out)
}

/// Full-text search over the stored sentences (words, or FTS5 syntax).
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    query: String,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutArgs,
}

fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let q = SearchQuery { query: args.query.clone(), limit: Some(args.out.limit), cursor: args.out.cursor.clone() };
    let page = reader(&args.db.db)?.search(&q).with_context(read_failed(&args.db.db))?;
    print_page(&page.items, page.next_cursor.as_deref(), &args.out)
}
