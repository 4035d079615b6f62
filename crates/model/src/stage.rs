use crate::Document;

/// One step of the pipeline. A stage reads the layers earlier stages left on the
/// document and adds its own; it never changes [`Document::text`].
///
/// Stages are built from their own config (a plain `serde` struct) and hold only
/// immutable state afterwards, so one instance serves many threads.
pub trait Stage: Send + Sync + std::fmt::Debug {
    /// A short, stable name used in diagnostics and `explain` output.
    fn name(&self) -> &'static str;
    /// Annotate `doc`. Problems that leave the document usable are pushed to
    /// `doc.diagnostics`; an `Err` means the document cannot go further.
    fn run(&self, doc: &mut Document) -> Result<(), StageError>;
}

/// Why a stage gave up on a document.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// The stage needs a layer that an earlier stage should have produced.
    #[error("stage {stage} needs the {layer} layer, which no earlier stage produced")]
    MissingLayer { stage: &'static str, layer: &'static str },
    /// The input is not something this stage can work on.
    #[error("{stage}: {message}")]
    Unusable { stage: &'static str, message: String },
    /// A configured limit was hit (size, depth, time).
    #[error("{stage}: limit exceeded: {message}")]
    Limit { stage: &'static str, message: String },
}
