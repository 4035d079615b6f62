//! attache-pipeline
