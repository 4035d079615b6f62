//! Reading inputs: files, folders, stdin, gzip, WARC, JSON Lines, JSON and
//! `manifest.jsonl`; size limits; binary detection; encoding detection and
//! decoding into an [`attache_model::Document`].
//!
//! Reading has two steps. [`read_inputs`] streams [`RawInput`]s (bytes and
//! [`attache_model::SourceMeta`]) from paths, one article at a time with
//! bounded memory, yielding an `Err` for each input it cannot read and going
//! on. [`decode`] turns one `RawInput` into a `Document` (it does no IO, so it
//! can run in parallel).
//!
//! ```no_run
//! use attache_ingest::{InputConfig, decode, read_inputs};
//! let config = InputConfig::default();
//! for item in read_inputs(&["corpus".into()], &config) {
//!     match item.and_then(|raw| decode(raw, &config)) {
//!         Ok(doc) => { let _ = doc.text.len(); }
//!         Err(e) => { let _ = e.to_string(); } // names the file and what is wrong
//!     }
//! }
//! ```

mod config;
mod decode;
mod error;
mod jsonl;
mod manifest;
mod read;
mod util;
mod warc;

pub use config::{DEFAULT_MAX_BYTES, InputConfig, JsonlFields};
pub use decode::{decode, sniff_format};
pub use error::InputError;
pub use manifest::MANIFEST_NAME;
pub use read::{Inputs, RawInput, Skipped, read_inputs};
pub use util::{doc_id_from_name, is_path_listing, is_skipped_name};
