//! Actors (stub; being written).

use attache_model::{Document, Stage, StageError};
use serde::{Deserialize, Serialize};

/// Settings of the actors stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorConfig {}

/// The actors stage.
#[derive(Debug, Default)]
pub struct ActorTagger {
    #[allow(dead_code)]
    config: ActorConfig,
}

impl ActorTagger {
    pub fn new(config: ActorConfig) -> Self {
        Self { config }
    }
}

impl Stage for ActorTagger {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn run(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
