//! The one error type of this crate.

use std::io;

/// Why an input (a file, a JSON Lines line, a WARC record) could not be read.
///
/// Every variant's message starts with where the input came from (a path,
/// `path:LINE` for a JSON Lines record, `path#N` for a WARC record, `-` for
/// stdin), so that it can be printed as is.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The operating system refused to read a file or folder.
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    /// A path given on the command line does not exist.
    #[error("{path}: no such file or folder")]
    NotFound { path: String },
    /// The bytes are not text (NUL bytes, control bytes, a known binary format).
    #[error("{origin}: binary data, not text or HTML ({what}); skipped")]
    Binary { origin: String, what: String },
    /// Nothing but whitespace.
    #[error("{origin}: empty (no text, or only whitespace); skipped")]
    Empty { origin: String },
    /// Over [`InputConfig::max_bytes`](crate::InputConfig::max_bytes).
    #[error("{origin}: {}", too_large(.size, .limit))]
    TooLarge {
        origin: String,
        /// The size when known (a gzip stream is not decompressed to find out).
        size: Option<u64>,
        limit: u64,
    },
    /// The container is broken: a bad JSON line, a bad WARC header, a truncated
    /// or corrupt gzip stream, a record without text.
    #[error("{origin}: {what}")]
    Malformed { origin: String, what: String },
    /// A line of a manifest that could not be used. The rest of the manifest applies.
    #[error("{path}:{line}: bad manifest line: {message}; the line is ignored, the rest of the manifest applies")]
    Manifest { path: String, line: u64, message: String },
    /// A setting that cannot be used (an unknown JSON Lines field role, ...).
    #[error("{origin}: {what}")]
    Config { origin: String, what: String },
}

fn too_large(size: &Option<u64>, limit: &u64) -> String {
    match size {
        Some(size) => format!("{size} bytes, over the {limit}-byte limit (raise it with --max-bytes)"),
        None => format!("more than {limit} bytes after decompression, over the limit (raise it with --max-bytes)"),
    }
}

impl InputError {
    /// Where the failing input came from: a path, `path:LINE`, `path#N`, `-`.
    pub fn origin(&self) -> &str {
        match self {
            Self::Io { path, .. } | Self::NotFound { path } | Self::Manifest { path, .. } => path,
            Self::Binary { origin, .. }
            | Self::Empty { origin }
            | Self::TooLarge { origin, .. }
            | Self::Malformed { origin, .. }
            | Self::Config { origin, .. } => origin,
        }
    }

    pub(crate) fn malformed(origin: impl Into<String>, what: impl Into<String>) -> Self {
        Self::Malformed { origin: origin.into(), what: what.into() }
    }

    /// An error met while reading a stream: a broken gzip stream is
    /// [`InputError::Malformed`], anything else [`InputError::Io`].
    pub(crate) fn stream(origin: &str, compressed: bool, e: io::Error) -> Self {
        let gz_kind =
            matches!(e.kind(), io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData);
        if compressed && gz_kind {
            Self::malformed(origin, format!("gzip data is truncated or corrupt ({e}); what came before it was read"))
        } else {
            Self::Io { path: origin.to_owned(), source: e }
        }
    }
}
