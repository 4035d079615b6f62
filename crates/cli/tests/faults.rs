//! Faults end to end (docs/ROBUSTNESS.md, "Faults"): a full database and a full
//! file system during ingest, a read-only database, a SIGKILL during export and
//! extract, a corrupt database file. The file-system cases mount a small tmpfs
//! of their own (never the real disk) and so need root; when not root they fail
//! with a message saying so, unless ATTACHE_SKIP_ROOT_TESTS=1 is set, which they
//! then print.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use attache_store::{NewDocument, Reader, Settings, Writer};
use common::{attache, shared, stderr};

fn kcna() -> PathBuf {
    shared().join("corpus/kcna-2024")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn attache_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_attache"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the attache binary runs")
}

/// The one error line of a failed command: exit status 2, no panic, one line.
fn one_error_line(o: &Output, what: &str) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{what}: exit status 2 expected: {err}");
    assert!(!err.contains("panicked") && !err.contains("internal error"), "{what}: {err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{what}: one line expected: {err}");
    assert!(lines[0].starts_with("attache: "), "{what}: {err}");
    lines[0].to_owned()
}

fn integrity(db: &Path) -> String {
    let r = Reader::open(db).expect("the database opens");
    r.connection().query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("the check runs")
}

fn documents(db: &Path) -> i64 {
    Reader::open(db).expect("opens").stats().expect("stats").documents
}

/// "... the N articles committed before are kept ...": N.
fn kept(line: &str) -> i64 {
    line.split("the ")
        .filter_map(|p| p.strip_suffix_once(" articles committed before"))
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of kept articles in: {line}"))
}

trait StripOnce {
    fn strip_suffix_once(&self, pat: &str) -> Option<&str>;
}
impl StripOnce for str {
    fn strip_suffix_once(&self, pat: &str) -> Option<&str> {
        self.find(pat).map(|i| &self[..i])
    }
}

/// The articles of kcna-2024 in a database of their own, as a reference.
fn reference_count(dir: &Path) -> i64 {
    let db = dir.join("reference.db");
    let o = attache(&["ingest", s(&kcna()), "--db", s(&db), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    documents(&db)
}

#[test]
fn a_full_database_fails_with_one_line_keeps_committed_batches_and_a_rerun_completes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("kb.db");
    let o = attache_env(
        &["ingest", s(&kcna()), "--db", s(&db), "--commit-every", "8", "-j", "1", "-q"],
        &[("ATTACHE_TEST_MAX_PAGES", "400")],
    );
    let line = one_error_line(&o, "ingest into a full database");
    assert!(line.contains("the disk is full") && line.contains(s(&db)), "{line}");
    let n = kept(&line);
    assert!(n > 0 && n.unsigned_abs().is_multiple_of(8), "whole batches kept: {line}");
    assert_eq!(integrity(&db), "ok");
    assert_eq!(documents(&db), n, "every committed article, and only those");

    let o = attache(&["ingest", s(&kcna()), "--db", s(&db), "-j", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("{n} unchanged")), "{}", stderr(&o));
    assert_eq!(documents(&db), reference_count(dir.path()));
    assert_eq!(integrity(&db), "ok");
}

/// Whether this process may mount file systems; when not, a loud failure (or,
/// with ATTACHE_SKIP_ROOT_TESTS=1, a loud notice and `false`).
fn can_mount(test: &str) -> bool {
    let uid = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    if uid.as_ref().is_ok_and(|u| u == "0") {
        return true;
    }
    if std::env::var_os("ATTACHE_SKIP_ROOT_TESTS").is_some() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("NOT RUN: {test} mounts a tmpfs and needs root (ATTACHE_SKIP_ROOT_TESTS is set)");
        }
        return false;
    }
    panic!(
        "{test} mounts a small tmpfs to fill a real file system and needs root (uid {uid:?}); \
         run as root, or set ATTACHE_SKIP_ROOT_TESTS=1 to skip it knowingly"
    );
}

/// A tmpfs mounted on a fresh folder, unmounted when dropped.
struct Tmpfs {
    dir: PathBuf,
    _parent: tempfile::TempDir,
}

impl Tmpfs {
    fn new(size: &str) -> Tmpfs {
        let parent = tempfile::tempdir().expect("tempdir");
        let dir = parent.path().join("fs");
        std::fs::create_dir(&dir).expect("mkdir");
        let t = Tmpfs { dir, _parent: parent };
        t.mount(&["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]);
        t
    }

    fn mount(&self, args: &[&str]) {
        let o = Command::new("mount").args(args).arg(&self.dir).output().expect("mount runs");
        assert!(o.status.success(), "mount {args:?}: {}", stderr(&o));
    }

    fn remount(&self, options: &str) {
        self.mount(&["-o", &format!("remount,{options}")]);
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

#[test]
fn a_full_file_system_fails_with_one_line_keeps_committed_batches_and_a_rerun_completes() {
    if !can_mount("a_full_file_system_...") {
        return;
    }
    // 1.5 MB: the schema and a few batches fit, kcna-2024 (~3 MB) does not. The
    // write-ahead log is what grows until the file system is full.
    let fs = Tmpfs::new("1536k");
    let db = fs.dir.join("kb.db");
    let o = attache(&["ingest", s(&kcna()), "--db", s(&db), "--commit-every", "8", "-j", "1", "-q"]);
    let line = one_error_line(&o, "ingest into a full file system");
    assert!(line.contains("the disk is full") && line.contains(s(&db)), "{line}");
    let n = kept(&line);
    assert!(n > 0, "{line}");
    assert_eq!(integrity(&db), "ok");
    assert_eq!(documents(&db), n, "every committed article, and only those");

    // Still full: a rerun fails the same way and loses nothing.
    let o = attache(&["ingest", s(&kcna()), "--db", s(&db), "--commit-every", "8", "-j", "1", "-q"]);
    one_error_line(&o, "a second ingest into a full file system");
    assert!(documents(&db) >= n);
    assert_eq!(integrity(&db), "ok");

    fs.remount("size=64m");
    let o = attache(&["ingest", s(&kcna()), "--db", s(&db), "-j", "1", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reference = tempfile::tempdir().expect("tempdir");
    assert_eq!(documents(&db), reference_count(reference.path()));
    assert_eq!(integrity(&db), "ok");
}

/// The seeds in a database, closed cleanly (no -wal left).
fn seeds_db(dir: &Path) -> PathBuf {
    let db = dir.join("kb.db");
    let o = attache(&["ingest", s(&shared().join("seeds")), "--db", s(&db), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    db
}

#[test]
fn a_read_only_database_refuses_ingest_unchanged_and_still_answers_queries() {
    if !can_mount("a_read_only_database_...") {
        return;
    }
    let work = tempfile::tempdir().expect("tempdir");
    let db = seeds_db(work.path());
    // A read-only file system: root ignores file permissions, not this.
    let fs = Tmpfs::new("16m");
    let ro = fs.dir.join("kb.db");
    std::fs::copy(&db, &ro).expect("copy");
    fs.remount("ro");
    let before = std::fs::read(&ro).expect("read");

    let o = attache(&["ingest", s(&kcna()), "--db", s(&ro), "-q"]);
    let line = one_error_line(&o, "ingest into a read-only database");
    assert!(line.contains("read-only") && line.contains(s(&ro)), "{line}");
    assert_eq!(std::fs::read(&ro).expect("read"), before, "the file is unchanged");

    // Queries work: SQLite cannot create kb.db-shm here, so the store opens
    // the file as immutable (there is no -wal beside it).
    let out = work.path().join("events.parquet");
    for args in [
        vec!["events", "--format", "jsonl"],
        vec!["timeline", "Choi Jong-kun", "Wendy Sherman", "--format", "jsonl"],
        vec!["docs", "--format", "jsonl"],
        vec!["search", "declaration", "--format", "jsonl"],
        vec!["export", "--format", "gdelt", "-q"],
        vec!["export", "--format", "parquet", "-q", "-o", s(&out)],
    ] {
        let mut a = args.clone();
        a.extend(["--db", s(&ro)]);
        let o = attache(&a);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!o.stdout.is_empty() || args.contains(&"parquet"), "{args:?} printed nothing");
    }
    assert!(std::fs::read(&out).expect("parquet").starts_with(b"PAR1"));
    let names: Vec<_> = std::fs::read_dir(&fs.dir).expect("ls").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names, ["kb.db"], "nothing created beside it");
    drop(fs);

    // A database left with a -wal (its writer never closed) in a read-only
    // folder cannot be read: SQLite needs the -shm it cannot create. Said so.
    let dir = tempfile::tempdir().expect("tempdir");
    let open = dir.path().join("open.db");
    std::fs::copy(&db, &open).expect("copy");
    let mut w = Writer::open(&open, Settings::default()).expect("opens");
    let record = Reader::open(&db).expect("opens").document("000_470db29249154f46").expect("query");
    let stored = record.expect("a seed article");
    let mut r = stored.record.clone();
    r.doc = "another".into();
    w.ingest(&NewDocument { record: &r, text: &stored.text, coder_version: "x" }).expect("stores");
    w.commit().expect("commits");
    let fs = Tmpfs::new("16m");
    for suffix in ["", "-wal"] {
        std::fs::copy(format!("{}{suffix}", open.display()), format!("{}/kb.db{suffix}", fs.dir.display()))
            .expect("copy");
    }
    drop(w);
    fs.remount("ro");
    let o = attache(&["events", "--db", s(&fs.dir.join("kb.db"))]);
    let line = one_error_line(&o, "a query on a -wal in a read-only folder");
    assert!(line.contains("read-only") && line.contains("-wal"), "{line}");
}

/// Spawns `args` and kills it once `ready` holds, before it ends; returns
/// whether it was still running when killed.
fn kill_when(args: &[&str], env: &[(&str, &str)], ready: impl Fn() -> bool) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_attache"));
    c.args(args).stdout(Stdio::null()).stderr(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c.spawn().expect("attache runs");
    let started = Instant::now();
    while !ready() {
        assert!(child.try_wait().expect("wait").is_none(), "{args:?} ended before it could be killed");
        assert!(started.elapsed() < Duration::from_secs(60), "{args:?}: no output in a minute");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(child.try_wait().expect("wait").is_none(), "{args:?} ended before it was killed");
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
}

/// The temporary files (`.NAME.XXXX.part`) beside `path`, with their sizes.
fn parts(path: &Path) -> Vec<(PathBuf, u64)> {
    let prefix = format!(".{}.", path.file_name().and_then(|n| n.to_str()).expect("name"));
    std::fs::read_dir(path.parent().expect("dir"))
        .expect("ls")
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().into_string().ok()?;
            let len = e.metadata().ok()?.len();
            (name.starts_with(&prefix) && name.ends_with(".part")).then(|| (e.path(), len))
        })
        .collect()
}

#[test]
fn a_killed_export_leaves_the_database_untouched_and_never_a_truncated_file() {
    let work = tempfile::tempdir().expect("tempdir");
    let db = work.path().join("kb.db");
    let o = attache(&["ingest", s(&kcna()), "--db", s(&db), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&db).expect("read");
    let stats = Reader::open(&db).expect("opens").stats().expect("stats");

    for format in ["parquet", "gdelt", "jsonl"] {
        let out_dir = work.path().join(format);
        std::fs::create_dir(&out_dir).expect("mkdir");
        let out = out_dir.join(format!("events.{format}"));
        let args = ["export", "--db", s(&db), "--format", format, "-o", s(&out), "-q"];
        // 10 ms an event: ~1.5 s for kcna's ~150 merged events.
        let slow = [("ATTACHE_TEST_EXPORT_DELAY_US", "10000")];
        // Output has started: JSON Lines has flushed bytes; the other two
        // (under 64 KiB here, Parquet buffers a row group) have their file open.
        let started = |min_wait: Duration| {
            let t = Instant::now();
            let out = out.clone();
            move || {
                parts(&out).first().is_some_and(|(_, n)| format != "jsonl" || *n > 0)
                    && (format == "jsonl" || t.elapsed() >= min_wait)
            }
        };

        // No previous file: a killed export leaves none.
        kill_when(&args, &slow, started(Duration::from_millis(400)));
        assert!(!out.exists(), "{format}: a killed export left {}", out.display());
        assert_eq!(parts(&out).len(), 1, "{format}: the temporary file a SIGKILL leaves behind");
        for (p, _) in parts(&out) {
            std::fs::remove_file(p).expect("rm");
        }

        // A complete export: the file, and nothing else.
        let o = attache(&args);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        let complete = std::fs::read(&out).expect("the export");
        assert!(!complete.is_empty());
        assert!(parts(&out).is_empty(), "{format}: no temporary file after a complete export");

        // A previous file: a killed export leaves it as it was.
        kill_when(&args, &slow, started(Duration::from_millis(400)));
        assert_eq!(std::fs::read(&out).expect("the export"), complete, "{format}: the previous export is intact");
    }

    assert_eq!(std::fs::read(&db).expect("read"), bytes, "the database file is untouched");
    assert_eq!(integrity(&db), "ok");
    assert_eq!(Reader::open(&db).expect("opens").stats().expect("stats"), stats);
}

#[test]
fn a_killed_extract_leaves_no_truncated_file() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("records.jsonl");
    let corpus = kcna();
    let args = ["extract", s(&corpus), "-o", s(&out), "-j", "1", "-q"];
    kill_when(&args, &[], || parts(&out).first().is_some_and(|(_, n)| *n > 0));
    assert!(!out.exists(), "a killed extract left {}", out.display());
    let o = attache(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out).expect("records").lines().count() > 50);
}

#[test]
fn a_corrupt_database_gives_one_line_naming_it_in_every_command() {
    let work = tempfile::tempdir().expect("tempdir");
    let good = seeds_db(work.path());
    let random = work.path().join("random.db");
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let noise: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(&random, noise).expect("write");
    let truncated = work.path().join("truncated.db");
    let all = std::fs::read(&good).expect("read");
    std::fs::write(&truncated, &all[..all.len() / 2]).expect("write");

    let seeds = shared().join("seeds");
    let out = work.path().join("out.parquet");
    for db in [&random, &truncated] {
        let before = std::fs::read(db).expect("read");
        for args in [
            vec!["ingest", s(&seeds)],
            vec!["events"],
            vec!["timeline", "Seoul", "Washington"],
            vec!["actors"],
            vec!["docs"],
            vec!["search", "talks"],
            vec!["export", "--format", "jsonl"],
            vec!["export", "--format", "parquet", "-o", s(&out)],
        ] {
            let mut a = args.clone();
            a.extend(["--db", s(db)]);
            let o = attache(&a);
            let line = one_error_line(&o, &format!("{args:?} on {}", db.display()));
            assert!(line.contains(s(db)) && line.contains("corrupt"), "{args:?}: {line}");
            assert!(!out.exists() && parts(&out).is_empty(), "{args:?}: no output file");
        }
        assert_eq!(std::fs::read(db).expect("read"), before, "{}: left as it was", db.display());
    }
}
