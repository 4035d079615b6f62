//! attache-html
