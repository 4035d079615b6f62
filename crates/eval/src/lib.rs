//! attache-eval
