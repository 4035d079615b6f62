pub mod batch;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod output;
pub mod report;
