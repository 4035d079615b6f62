//! The schema as an ordered list of migrations. `PRAGMA user_version` holds the
//! number of steps applied; opening a database applies the missing ones in one
//! transaction. Never edit a step that has shipped: add one.

/// Step 1: documents, sentences (+ FTS5), actors, events and their participants.
const V1: &str = r#"
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    doc           TEXT NOT NULL UNIQUE,
    content_hash  TEXT NOT NULL,
    coder_version TEXT NOT NULL,
    origin        TEXT NOT NULL,
    url           TEXT,
    source        TEXT,
    published     TEXT,
    published_day INTEGER,
    title         TEXT,
    body          TEXT NOT NULL,
    text          TEXT NOT NULL,
    record        TEXT NOT NULL,
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_published ON documents(published_day);

CREATE TABLE sentences (
    id     INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n      INTEGER NOT NULL,
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL,
    text   TEXT NOT NULL
);
CREATE INDEX sentences_doc ON sentences(doc_id);
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content = 'sentences', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE actors (
    id       INTEGER PRIMARY KEY,
    doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    key      TEXT NOT NULL,
    kind     TEXT NOT NULL,
    country  TEXT,
    sector   TEXT,
    title    TEXT,
    kb_id    TEXT,
    mentions INTEGER NOT NULL
);
CREATE INDEX actors_doc ON actors(doc_id);
CREATE INDEX actors_key ON actors(key);
CREATE INDEX actors_kb ON actors(kb_id);

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    doc_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id      TEXT NOT NULL,
    type          TEXT NOT NULL,
    mode          TEXT,
    date          TEXT,
    day_lo        INTEGER,
    day_hi        INTEGER,
    place         TEXT,
    place_country TEXT,
    status        TEXT NOT NULL,
    confidence    REAL NOT NULL,
    record        TEXT NOT NULL,
    UNIQUE (doc_id, event_id)
);
CREATE INDEX events_type_day ON events(type, day_lo);

CREATE TABLE participants (
    event   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    name    TEXT NOT NULL,
    key     TEXT NOT NULL,
    kind    TEXT,
    country TEXT,
    kb_id   TEXT,
    title   TEXT,
    sector  TEXT
);
CREATE INDEX participants_event ON participants(event);
CREATE INDEX participants_key ON participants(key);
CREATE INDEX participants_country ON participants(country);
CREATE INDEX participants_kb ON participants(kb_id);
"#;

/// Step 2: near-duplicate groups (MinHash signatures and LSH buckets).
const V2: &str = r#"
CREATE TABLE dup_groups (
    id INTEGER PRIMARY KEY
);
ALTER TABLE documents ADD COLUMN dup_group INTEGER REFERENCES dup_groups(id);
ALTER TABLE documents ADD COLUMN dup_similarity REAL;
CREATE INDEX documents_dup_group ON documents(dup_group);
CREATE TABLE minhash (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    sig    BLOB NOT NULL
);
CREATE TABLE lsh (
    band   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX lsh_bucket ON lsh(band, bucket);
CREATE INDEX lsh_doc ON lsh(doc_id);
"#;

/// Step 3: events merged across articles.
const V3: &str = r#"
ALTER TABLE events ADD COLUMN lo INTEGER;
ALTER TABLE events ADD COLUMN hi INTEGER;
CREATE INDEX events_type_lo ON events(type, lo);
CREATE TABLE kb_events (
    id         INTEGER PRIMARY KEY,
    kb_id      TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    date       TEXT,
    day        INTEGER,
    status     TEXT NOT NULL,
    n_sources  INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    record     TEXT NOT NULL
);
CREATE INDEX kb_events_day ON kb_events(day, id);
CREATE TABLE kb_event_sources (
    kb    INTEGER NOT NULL REFERENCES kb_events(id) ON DELETE CASCADE,
    event INTEGER NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (kb, event)
);
"#;

/// The migrations, in order: `MIGRATIONS[n]` takes the schema from version `n` to `n + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
