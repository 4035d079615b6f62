//! Typed errors, mapped from SQLite's result codes so that a caller (the CLI,
//! later the HTTP server) can tell a corrupt file from a full disk.

use rusqlite::ErrorCode;

/// `Open` and `Migrate` say where and keep the cause as their `source()`:
/// print them with the chain (anyhow's `{:#}`) to see why.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the knowledge base {path}")]
    Open {
        path: String,
        #[source]
        source: Box<StoreError>,
    },
    #[error("cannot migrate the knowledge base from schema version {from} to {to}")]
    Migrate {
        from: i64,
        to: i64,
        #[source]
        source: Box<StoreError>,
    },
    #[error(
        "the knowledge base has schema version {found}, newer than this attache knows ({known}): use a newer attache"
    )]
    TooNew { found: i64, known: i64 },
    #[error("the knowledge base is corrupt or not a database: {0}")]
    Corrupt(String),
    #[error("the knowledge base is read-only: {0}")]
    ReadOnly(String),
    #[error("the disk is full: {0}")]
    DiskFull(String),
    #[error("the knowledge base is locked by another writer: {0}")]
    Busy(String),
    #[error("bad query: {0}")]
    BadQuery(String),
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
    #[error("a stored record cannot be read: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        let msg = e.to_string();
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt(msg),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(msg),
            Some(ErrorCode::DiskFull) => StoreError::DiskFull(msg),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy(msg),
            _ => StoreError::Sql(e),
        }
    }
}

impl StoreError {
    /// Whether the error is the caller's (a bad query or cursor), not the store's.
    pub fn is_bad_request(&self) -> bool {
        matches!(self, StoreError::BadQuery(_))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
