//! The pipeline: the configured stages, in order, over one [`Document`] at a time.
//!
//! Config ([`PipelineConfig`], plain serde data) is separate from runtime
//! ([`Pipeline`], built once and shared by all threads). A stage that fails or
//! panics on one document yields a [`PipelineError`] naming the document and
//! the stage; the caller reports it and goes on with the batch.

use std::panic::{AssertUnwindSafe, catch_unwind};

use attache_actors::{ActorConfig, ActorTagger};
use attache_clean::{CleanConfig, Cleaner, SentenceSplitter};
use attache_events::{EventCoder, EventConfig};
use attache_model::{Document, DocumentRecord, Stage, StageError};
use attache_time::{TimeConfig, TimeTagger};
use serde::{Deserialize, Serialize};

/// The version of the coder that produced a record: the package version and a
/// hash of the event rule data (triggers, cues, topics). The knowledge base
/// re-codes an article stored under another version. Bump the package version
/// when code changes alter records without a rule file changing.
pub fn coder_version() -> String {
    // FNV-1a over the rule files: stable across builds and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for data in [attache_events::TRIGGERS, attache_events::CUES, attache_events::TOPICS] {
        for b in data.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{}+rules.{:08x}", env!("CARGO_PKG_VERSION"), h >> 32)
}

/// What the pipeline runs, and how each stage is set up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    pub clean: CleanConfig,
    pub time: TimeConfig,
    pub actors: ActorConfig,
    pub events: EventConfig,
}

/// Why a document could not go through.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{origin}: {source}")]
    Stage {
        origin: String,
        #[source]
        source: StageError,
    },
    #[error("{origin}: internal error in stage {stage}: {message} (please report this with the input)")]
    Panic { origin: String, stage: &'static str, message: String },
}

/// The stages, built from a [`PipelineConfig`].
#[derive(Debug)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new(config: &PipelineConfig) -> Self {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Cleaner::new(config.clean.clone())),
            Box::new(SentenceSplitter),
            Box::new(TimeTagger::new(config.time.clone())),
            Box::new(ActorTagger::new(config.actors.clone())),
            Box::new(EventCoder::new(config.events.clone())),
        ];
        Self { stages }
    }

    /// Only the cleaning stage: what the article-extraction benchmark measures.
    pub fn cleaning(config: &PipelineConfig) -> Self {
        Self { stages: vec![Box::new(Cleaner::new(config.clean.clone()))] }
    }

    /// The stage names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage over `doc`.
    pub fn run(&self, doc: &mut Document) -> Result<(), PipelineError> {
        for stage in &self.stages {
            let result = catch_unwind(AssertUnwindSafe(|| stage.run(doc)));
            match result {
                Ok(Ok(())) => {}
                Ok(Err(source)) => return Err(PipelineError::Stage { origin: doc.meta.origin.clone(), source }),
                Err(panic) => {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".to_owned());
                    return Err(PipelineError::Panic { origin: doc.meta.origin.clone(), stage: stage.name(), message });
                }
            }
        }
        Ok(())
    }

    /// Runs the pipeline and returns the document's record.
    pub fn process(&self, mut doc: Document) -> Result<DocumentRecord, PipelineError> {
        self.run(&mut doc)?;
        Ok(DocumentRecord::from_document(&doc))
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new(&PipelineConfig::default())
    }
}
