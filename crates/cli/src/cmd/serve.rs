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
use attache_server::{IngestItem, MemorySource, ServerConfig};

/// Serve the API (/api/) and the web page (/) over extracted records.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON Lines of document records (the output of `attache extract`), held in memory.
    #[arg(long, value_name = "FILE")]
    records: PathBuf,
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
    let records = read_records(&args.records)?;
    let n = records.len();
    let pipeline = Arc::new(Pipeline::new(&PipelineConfig::default()));
    let analyzer = move |item: &IngestItem| analyze(&pipeline, item);
    let source = MemorySource::from_records(records).with_analyzer(Box::new(analyzer));
    let token = args.token.or_else(|| std::env::var("ATTACHE_TOKEN").ok()).filter(|t| !t.is_empty());
    let config = ServerConfig { token, max_body: args.max_body_mib.saturating_mul(1024 * 1024) };
    let ingest = if config.token.is_some() { "ingest enabled" } else { "ingest disabled (no token)" };
    attache_server::serve(SocketAddr::new(args.host, args.port), Arc::new(source), config, |addr| {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("attache: serving {n} records on http://{addr}/ ({ingest})");
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

fn read_records(path: &PathBuf) -> anyhow::Result<Vec<DocumentRecord>> {
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

/// Runs the pipeline over one posted article.
fn analyze(pipeline: &Pipeline, item: &IngestItem) -> Result<DocumentRecord, String> {
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
    let doc = decode(raw, &InputConfig::default()).map_err(|e| e.to_string())?;
    pipeline.process(doc).map_err(|e| e.to_string())
}
