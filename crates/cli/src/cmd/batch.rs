//! The batch loop shared by the commands that run the pipeline over inputs.

use std::ops::ControlFlow;
use std::path::PathBuf;

use attache_ingest::{InputConfig, InputError, RawInput, decode, read_inputs};
use attache_model::{Document, DocumentRecord};
use attache_pipeline::{Pipeline, PipelineError};
use rayon::prelude::*;

/// Articles decoded and processed together; results keep input order.
const BATCH: usize = 64;

/// Reads `paths`, runs `pipeline` over each article in parallel batches, and
/// hands every result to `sink` in input order: a record, or the message of an
/// input that could not be read or processed. `sink` may stop the run early.
pub fn run_pipeline(
    paths: &[PathBuf],
    config: &InputConfig,
    pipeline: &Pipeline,
    sink: impl FnMut(Result<DocumentRecord, String>) -> anyhow::Result<ControlFlow<()>>,
) -> anyhow::Result<()> {
    run_with(paths, config, |doc| pipeline.process(doc).map_err(|e: PipelineError| e.to_string()), sink)
}

/// [`run_pipeline`] with the record and the input text its spans point into
/// (for the knowledge base, which stores both).
pub fn run_pipeline_with_text(
    paths: &[PathBuf],
    config: &InputConfig,
    pipeline: &Pipeline,
    sink: impl FnMut(Result<(DocumentRecord, String), String>) -> anyhow::Result<ControlFlow<()>>,
) -> anyhow::Result<()> {
    run_with(
        paths,
        config,
        |doc| {
            let text = doc.text.clone();
            pipeline.process(doc).map(|r| (r, text)).map_err(|e: PipelineError| e.to_string())
        },
        sink,
    )
}

/// The loop: `work` turns each decoded article into a result, in parallel batches.
fn run_with<T: Send>(
    paths: &[PathBuf],
    config: &InputConfig,
    work: impl Fn(Document) -> Result<T, String> + Sync,
    mut sink: impl FnMut(Result<T, String>) -> anyhow::Result<ControlFlow<()>>,
) -> anyhow::Result<()> {
    let mut inputs = read_inputs(paths, config);
    loop {
        let batch: Vec<Result<RawInput, InputError>> = inputs.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            return Ok(());
        }
        let results: Vec<Result<T, String>> = batch
            .into_par_iter()
            .map(|item| {
                let raw = item.map_err(|e| e.to_string())?;
                let doc = decode(raw, config).map_err(|e| e.to_string())?;
                work(doc)
            })
            .collect();
        for r in results {
            if sink(r)?.is_break() {
                return Ok(());
            }
        }
    }
}
