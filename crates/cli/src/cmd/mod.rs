pub mod batch;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod output;
pub mod report;
pub mod serve;
