//! The pipeline: the configured stages, in order, over one [`Document`] at a time.
//!
//! Config ([`PipelineConfig`], plain serde data) is separate from runtime
//! ([`Pipeline`], built once and shared by all threads). A stage that fails or
//! panics on one document yields a [`PipelineError`] naming the document and
//! the stage; the caller reports it and goes on with the batch.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use attache_actors::{ActorConfig, ActorTagger};
pub use attache_clean::DEFAULT_MAX_SENTENCE_BYTES;
use attache_clean::{CleanConfig, Cleaner, SentenceSplitter};
use attache_events::{EventCoder, EventConfig};
use attache_model::{Diagnostic, Document, DocumentRecord, Level, Stage, StageError};
use attache_syntax::SyntaxParser;
pub use attache_syntax::{Scope as SyntaxScope, SyntaxConfig};
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
    pub syntax: SyntaxConfig,
    /// Records carry the words of each parsed sentence (`--words`).
    pub words_in_records: bool,
    pub time: TimeConfig,
    pub actors: ActorConfig,
    pub events: EventConfig,
    pub limits: Limits,
}

/// The default of [`Limits::time_budget_ms`]: 30 seconds.
pub const DEFAULT_TIME_BUDGET_MS: u64 = 30_000;

/// Resource limits per document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Wall-clock time one document may take through all stages, in
    /// milliseconds; 0 means no limit. Checked between stages and inside long
    /// loops; when it runs out the document keeps the layers done so far and
    /// gets a `time-limit` diagnostic, and the batch goes on. Default 30 000.
    pub time_budget_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { time_budget_ms: DEFAULT_TIME_BUDGET_MS }
    }
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
    budget: Option<Duration>,
    words_in_records: bool,
}

fn budget(limits: &Limits) -> Option<Duration> {
    (limits.time_budget_ms > 0).then(|| Duration::from_millis(limits.time_budget_ms))
}

impl Pipeline {
    pub fn new(config: &PipelineConfig) -> Self {
        let events = EventCoder::new(config.events.clone());
        let reader = events.clone();
        let select: attache_syntax::Selector = std::sync::Arc::new(move |s: &str| reader.reads(s));
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Cleaner::new(config.clean.clone())),
            Box::new(SentenceSplitter::new(&config.clean)),
            Box::new(SyntaxParser::new(config.syntax.clone(), Some(select))),
            Box::new(TimeTagger::new(config.time.clone())),
            Box::new(ActorTagger::new(config.actors.clone())),
            Box::new(events),
        ];
        Self { stages, budget: budget(&config.limits), words_in_records: config.words_in_records }
    }

    /// A pipeline of the given stages (tests and tools).
    pub fn from_stages(stages: Vec<Box<dyn Stage>>, limits: &Limits) -> Self {
        Self { stages, budget: budget(limits), words_in_records: false }
    }

    /// Only the cleaning stage: what the article-extraction benchmark measures.
    pub fn cleaning(config: &PipelineConfig) -> Self {
        Self {
            stages: vec![Box::new(Cleaner::new(config.clean.clone()))],
            budget: budget(&config.limits),
            words_in_records: false,
        }
    }

    /// The stage names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage over `doc`. When the time budget runs out, the stages
    /// left are skipped and `doc` gets a `time-limit` diagnostic (not an error:
    /// the layers done so far are kept).
    pub fn run(&self, doc: &mut Document) -> Result<(), PipelineError> {
        let started = Instant::now();
        doc.deadline = self.budget.map(|b| started + b);
        let result = self.run_stages(doc, started);
        doc.deadline = None;
        result
    }

    fn run_stages(&self, doc: &mut Document, started: Instant) -> Result<(), PipelineError> {
        for (i, stage) in self.stages.iter().enumerate() {
            if doc.past_deadline() {
                let ms = self.budget.map_or(0, |b| b.as_millis());
                let last = i.checked_sub(1).and_then(|p| self.stages.get(p)).map_or("none", |s| s.name());
                let skipped: Vec<&str> = self.stages[i..].iter().map(|s| s.name()).collect();
                doc.diagnostics.push(Diagnostic::new(
                    Level::Warning,
                    "time-limit",
                    format!(
                        "the {ms} ms time budget ran out after {} ms (in stage {last}, whose layer may be partial); \
                         stages not run: {} (raise it with --time-limit)",
                        started.elapsed().as_millis(),
                        skipped.join(", ")
                    ),
                ));
                return Ok(());
            }
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
        if doc.past_deadline() {
            let ms = self.budget.map_or(0, |b| b.as_millis());
            let last = self.stages.last().map_or("none", |s| s.name());
            doc.diagnostics.push(Diagnostic::new(
                Level::Warning,
                "time-limit",
                format!("the {ms} ms time budget ran out in the last stage ({last}), whose layer may be partial"),
            ));
        }
        Ok(())
    }

    /// Runs the pipeline and returns the document's record.
    pub fn process(&self, mut doc: Document) -> Result<DocumentRecord, PipelineError> {
        self.run(&mut doc)?;
        Ok(if self.words_in_records {
            DocumentRecord::from_document_with_words(&doc)
        } else {
            DocumentRecord::from_document(&doc)
        })
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new(&PipelineConfig::default())
    }
}
