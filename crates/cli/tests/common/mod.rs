//! Helpers shared by the CLI's integration tests.
#![allow(dead_code)] // each test binary uses part of it

use std::path::PathBuf;
use std::process::{Command, Output};

/// `../shared` beside the repository. Tests that need it fail, loudly, without it.
pub fn shared() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        dir.join("seeds").is_dir(),
        "these tests read the shared corpora at {} (../shared beside the repository), which is missing: \
         put the shared folder there to run them",
        dir.display()
    );
    dir
}

pub fn attache(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attache")).args(args).output().expect("the attache binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn records(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("every output line is a JSON record"))
        .collect()
}
