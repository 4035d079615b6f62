//! `attache serve`: the HTTP API under `/api/` and the web page at `/`, over any
//! [`KbSource`]. This crate knows HTTP (axum, tokio), not SQL: the store plugs
//! in by implementing [`KbSource`]; [`MemorySource`] serves records from memory.
//!
//! The page's assets (`assets/`) and the OpenAPI description (`openapi.json`)
//! are compiled into the binary; nothing is fetched at build or run time.

mod annotate;
mod dates;
mod http;
mod memory;
mod source;

use std::net::SocketAddr;
use std::sync::Arc;

pub use annotate::{Annotation, AnnotationKind, DocView, locate, locate_with};
pub use http::router;
pub use memory::{Analyzer, MemorySource};
pub use source::{
    ActorQuery, ActorSummary, DocQuery, DocSummary, EventQuery, IngestItem, IngestOutcome, IngestReport, KbSource,
    MappedRecord, OfficeHeld, Offsets, Page, SearchHit, SourceError,
};

/// The largest `limit` a list request may ask for; larger ones are capped.
pub const MAX_PAGE: usize = 500;
/// The page size when a request gives no `limit`.
pub const DEFAULT_PAGE: usize = 50;

/// The OpenAPI 3.1 description of the API, served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Every route, as `METHOD path` (axum syntax), for the OpenAPI test.
pub const ROUTES: &[&str] = &[
    "GET /api/docs",
    "GET /api/docs/{id}",
    "GET /api/events",
    "GET /api/timeline",
    "GET /api/actors",
    "GET /api/search",
    "POST /api/ingest",
    "GET /api/openapi.json",
];

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Bearer token that `POST /api/ingest` requires; `None` disables ingest (403).
    pub token: Option<String>,
    /// The largest request body accepted, in bytes (larger: 413).
    pub max_body: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self { token: None, max_body: 10 * 1024 * 1024 }
    }
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot bind {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Binds `addr` (port 0: any free port), calls `on_bound` with the address
/// actually bound, and serves until Ctrl-C. Blocks; runs its own tokio runtime.
pub fn serve(
    addr: SocketAddr,
    source: Arc<dyn KbSource>,
    config: ServerConfig,
    on_bound: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
        on_bound(listener.local_addr()?);
        let app = router(source, config);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                // If the signal cannot be installed, serve until killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await?;
        Ok(())
    })
}
