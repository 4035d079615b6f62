//! attache-eval: evaluation against shared benchmarks.
//!
//! * [`extraction`]: the article-extraction benchmark metric (scrapinghub's
//!   `evaluate.py`): word 4-gram shingle precision, recall and F1.

pub mod extraction;
pub mod suite;
pub mod timeml;

pub use extraction::{EvalError, PageScore, Report, evaluate, evaluate_peer};
