//! Bad inputs are reported by name and skipped; the rest of the batch goes on.

mod common;

use std::fs;

use common::{attache, records};

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    fs::write(p.join("a-good.txt"), "A title\n\nSEOUL -- The ministers met on Monday. They agreed to talk again.\n")
        .expect("write");
    let mut binary = vec![0u8; 4096];
    binary.extend((0..=255u8).cycle().take(8192));
    fs::write(p.join("b-binary.txt"), &binary).expect("write");
    fs::write(p.join("c-empty.txt"), "").expect("write");
    fs::write(p.join("d-blank.txt"), " \n\t\n").expect("write");
    // Latin-1 bytes that are not UTF-8: decoded, not rejected.
    fs::write(p.join("e-latin1.txt"), b"Caf\xe9 talks\n\nThe minister visited a caf\xe9 in Paris on Monday.\n")
        .expect("write");
    fs::write(
        p.join("f-truncated.html"),
        "<html><body><article><p>The council met on Tuesday to discuss the crisis in full.</p><p>It ended with",
    )
    .expect("write");
    // 100 MB without writing 100 MB: a sparse file.
    let big = fs::File::create(p.join("g-huge.txt")).expect("create");
    big.set_len(100 * 1024 * 1024).expect("set_len");
    drop(big);
    fs::write(
        p.join("h-good.html"),
        "<p>WASHINGTON -- Officials met on Friday and agreed to meet again next month.</p>",
    )
    .expect("write");

    let out = attache(&["extract", p.to_str().expect("utf-8 path")]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit status 1 when inputs were skipped; stderr:\n{err}");
    assert!(!err.contains("internal error") && !err.contains("panicked"), "{err}");
    for name in ["b-binary.txt", "c-empty.txt", "d-blank.txt", "g-huge.txt"] {
        assert!(err.lines().any(|l| l.contains(name)), "no diagnostic naming {name}:\n{err}");
    }
    let docs: Vec<String> = records(&out).iter().map(|r| r["doc"].as_str().unwrap_or("").to_owned()).collect();
    assert_eq!(docs, vec!["a-good", "e-latin1", "f-truncated", "h-good"], "records for the readable inputs, in order");
    let recs = records(&out);
    let latin = &recs[1];
    assert!(latin["body"].as_str().is_some_and(|b| b.contains("café")), "Latin-1 decoded: {latin}");
    assert_ne!(latin["encoding"], "UTF-8");
    assert!(err.lines().any(|l| l.contains("f-truncated.html") && l.contains("truncated")), "{err}");
    let truncated = &recs[2];
    assert!(truncated["body"].as_str().is_some_and(|b| b.contains("The council met on Tuesday")), "{truncated}");
}
