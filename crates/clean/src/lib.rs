//! attache-clean
