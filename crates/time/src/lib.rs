//! Time expressions (stub; being written).

use attache_model::{Document, Stage, StageError};
use serde::{Deserialize, Serialize};

/// Settings of the time stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeConfig {}

/// The time stage.
#[derive(Debug, Default)]
pub struct TimeTagger {
    #[allow(dead_code)]
    config: TimeConfig,
}

impl TimeTagger {
    pub fn new(config: TimeConfig) -> Self {
        Self { config }
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }
    fn run(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
