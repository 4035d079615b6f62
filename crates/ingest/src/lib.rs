//! attache-ingest
