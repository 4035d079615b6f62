//! attache's knowledge base: SQLite (rusqlite, bundled, FTS5) holding every
//! article's record, its sentences for full-text search, actors and events,
//! near-duplicate groups, and events merged across articles
//! ([`attache_model::KbEvent`]). The only crate that knows SQL.
//!
//! - [`Writer`]: the one writer (batches of articles per transaction,
//!   idempotent ingest, replacement on a new text or coder version, dedup and
//!   merging as articles arrive).
//! - [`Reader`]: the queries, plain structs in and serde structs out, with
//!   limit + cursor pagination.
//!
//! Schema and merge rule: `docs/STORE.md`.

pub mod error;
pub mod merge;
pub mod minhash;
mod query;
pub mod schema;
mod util;
mod writer;

use std::path::Path;
use std::time::Duration;

use attache_model::EventStatus;
use rusqlite::{Connection, OpenFlags};

pub use error::{Result, StoreError};
pub use merge::MergeSettings;
pub use query::{
    ActorFilter, ActorSummary, ActorTerm, DocFilter, DocSummary, DupGroup, DupMember, EventFilter, Page, Reader,
    SearchHit, SearchQuery, Stats, StoredDocument,
};
pub use schema::SCHEMA_VERSION;
pub use util::{day_range, name_key};
pub use writer::{Ingested, NewDocument, Outcome, Writer};

/// Knowledge base settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Articles per transaction (a kill loses at most this many).
    pub batch_size: usize,
    /// Estimated Jaccard similarity of word 5-shingles from which two articles
    /// are near-duplicates.
    pub dup_threshold: f64,
    pub merge: MergeSettings,
    /// Largest size of the database file, in pages (`PRAGMA max_page_count`):
    /// past it SQLite fails with `SQLITE_FULL` as on a full disk. `None`: no
    /// limit but the disk. Meant for tests of the full-disk path.
    pub max_pages: Option<u64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { batch_size: 64, dup_threshold: 0.8, merge: MergeSettings::default(), max_pages: None }
    }
}

pub(crate) fn status_str(s: EventStatus) -> &'static str {
    match s {
        EventStatus::Asserted => "asserted",
        EventStatus::Future => "future",
        EventStatus::Hypothetical => "hypothetical",
        EventStatus::Negated => "negated",
    }
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies the missing migrations in one transaction.
fn migrate(conn: &mut Connection) -> Result<()> {
    let from = user_version(conn)?;
    if from > SCHEMA_VERSION {
        return Err(StoreError::TooNew { found: from, known: SCHEMA_VERSION });
    }
    if from == SCHEMA_VERSION {
        return Ok(());
    }
    let wrap = |e: StoreError| StoreError::Migrate { from, to: SCHEMA_VERSION, source: Box::new(e) };
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(|e| wrap(e.into()))?;
    // Another writer may have migrated while we waited for the lock.
    let now = user_version(&tx).map_err(wrap)?;
    for (n, step) in schema::MIGRATIONS.iter().enumerate().skip(usize::try_from(now).unwrap_or(0)) {
        tx.execute_batch(step).map_err(|e| wrap(e.into()))?;
        tx.pragma_update(None, "user_version", n as i64 + 1).map_err(|e| wrap(e.into()))?;
    }
    tx.commit().map_err(|e| wrap(e.into()))
}

/// Opens a connection: read-write (created, WAL, migrated) or read-only.
///
/// Read-write fails with [`StoreError::ReadOnly`] at once when SQLite can only
/// open the file read-only (no write permission on it or its folder, a
/// read-only file system). Read-only falls back on SQLite's `immutable` mode
/// when the folder is read-only and holds no `-wal` file: SQLite cannot create
/// the `-shm` file a WAL database needs, but with no `-wal` the main file is
/// the whole database.
pub(crate) fn open_connection(path: &Path, read_only: bool) -> Result<Connection> {
    let wrap = |e: StoreError| StoreError::Open { path: path.display().to_string(), source: Box::new(e) };
    let setup = || -> Result<Connection> {
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        if read_only {
            let v = match user_version(&conn) {
                Err(StoreError::Sql(e)) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => {
                    let wal = wal_path(path);
                    if wal.exists() {
                        return Err(StoreError::ReadOnly(format!(
                            "its folder cannot be written, so SQLite cannot create the -shm file it needs to read \
                             the write-ahead log {}: open it once with write access (an ingest, or any query where \
                             the folder is writable) to fold the log into the file",
                            wal.display()
                        )));
                    }
                    conn = Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?;
                    user_version(&conn)?
                }
                other => other?,
            };
            conn.pragma_update(None, "foreign_keys", true)?;
            if v != SCHEMA_VERSION {
                return Err(StoreError::Migrate {
                    from: v,
                    to: SCHEMA_VERSION,
                    source: Box::new(StoreError::ReadOnly("open it once for writing to migrate it".into())),
                });
            }
        } else {
            if conn.is_readonly(rusqlite::MAIN_DB)? {
                return Err(StoreError::ReadOnly(
                    "the file or its folder cannot be written (permissions, or a read-only file system); \
                     queries still work"
                        .into(),
                ));
            }
            conn.pragma_update(None, "foreign_keys", true)?;
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::ReadOnly(format!("cannot switch to WAL mode (journal mode is {mode})")));
            }
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            migrate(&mut conn)?;
        }
        Ok(conn)
    };
    setup().map_err(|e| match e {
        e @ (StoreError::Migrate { .. } | StoreError::TooNew { .. }) => e,
        e => wrap(e),
    })
}

/// The write-ahead log beside a database file.
fn wal_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    name.into()
}

/// `file:PATH?immutable=1`, with the characters URIs reserve escaped.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii() && !matches!(b, b'%' | b'?' | b'#') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri + "?immutable=1"
}
