//! `attache serve`: the HTTP API and the web page over a knowledge base.

use std::io::BufRead;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use attache_ingest::{InputConfig, RawInput, decode};
use attache_model::{DocumentRecord, PublishedFrom, SourceMeta};
use attache_pipeline::{Pipeline, PipelineConfig};
use attache_server::{IngestItem, KbSource, MemorySource, ServerConfig};

use super::serve_store::StoreSource;

/// Serve the API (/api/) and the web page (/) over the knowledge base (or
/// over extracted records held in memory, with --records).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The knowledge base (an SQLite file written by `attache ingest`).
    #[arg(long, value_name = "FILE", default_value = super::kb::DEFAULT_DB)]
    db: PathBuf,
    /// Instead of the knowledge base: JSON Lines of document records (the
    /// output of `attache extract`), held in memory.
    #[arg(long, value_name = "FILE")]
    records: Option<PathBuf>,
    /// Port to listen on (0: any free port; the bound address is printed on stderr).
    #[arg(long, value_name = "N", default_value_t = 7878)]
    port: u16,
    /// Address to bind. Anything but loopback exposes the API to the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    host: IpAddr,
    /// Bearer token that POST /api/ingest requires (or env ATTACHE_TOKEN);
    /// without one, ingest is disabled.
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    /// Largest request body accepted, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 10)]
    max_body_mib: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (source, what): (Arc<dyn KbSource>, String) = match &args.records {
        Some(path) => {
            let records = read_records(path)?;
            let n = records.len();
            let pipeline = Arc::new(Pipeline::new(&PipelineConfig::default()));
            let analyzer = move |item: &IngestItem| analyze(&pipeline, item);
            (Arc::new(MemorySource::from_records(records).with_analyzer(Box::new(analyzer))), format!("{n} records"))
        }
        None => {
            let store = StoreSource::open(&args.db)?;
            let stats = store.stats().map_err(|e| anyhow::anyhow!("{}: {e}", args.db.display()))?;
            let what =
                format!("{} ({} articles, {} merged events)", args.db.display(), stats.documents, stats.kb_events);
            (Arc::new(store), what)
        }
    };
    let token = args.token.or_else(|| std::env::var("ATTACHE_TOKEN").ok()).filter(|t| !t.is_empty());
    let config = ServerConfig { token, max_body: args.max_body_mib.saturating_mul(1024 * 1024) };
    let ingest = if config.token.is_some() { "ingest enabled" } else { "ingest disabled (no token)" };
    attache_server::serve(SocketAddr::new(args.host, args.port), source, config, |addr| {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("attache: serving {what} on http://{addr}/ ({ingest})");
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

fn read_records(path: &std::path::Path) -> anyhow::Result<Vec<DocumentRecord>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record =
            serde_json::from_str(&line).with_context(|| format!("{}:{}: not a record", path.display(), i + 1))?;
        out.push(record);
    }
    Ok(out)
}

/// A posted article as a decoded document, ready for the pipeline.
pub(super) fn posted_document(item: &IngestItem) -> Result<attache_model::Document, String> {
    let meta = SourceMeta {
        doc: item.doc.clone(),
        origin: format!("ingest:{}", item.doc),
        source: item.source.clone(),
        url: item.url.clone(),
        published: item.published.clone(),
        published_from: item.published.as_ref().map(|_| PublishedFrom::Record),
        language: None,
        title: item.title.clone(),
    };
    let raw = RawInput::new(meta, item.text.clone().into_bytes(), None);
    decode(raw, &InputConfig::default()).map_err(|e| e.to_string())
}

/// Runs the pipeline over one posted article.
fn analyze(pipeline: &Pipeline, item: &IngestItem) -> Result<DocumentRecord, String> {
    pipeline.process(posted_document(item)?).map_err(|e| e.to_string())
}
