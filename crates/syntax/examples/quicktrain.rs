//! Development helper: trains on a treebank and prints dev scores per epoch.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::print_stderr)]
use attache_syntax::{read_conllu, train};

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let tr = read_conllu(&std::fs::read_to_string(&a[1]).unwrap(), &a[1]).unwrap();
    let dv = read_conllu(&std::fs::read_to_string(&a[2]).unwrap(), &a[2]).unwrap();
    let mut cfg = train::TrainConfig::default();
    if let Some(e) = a.get(4) {
        cfg.parser_epochs = e.parse().unwrap();
    }
    if let Some(f) = a.get(5) {
        cfg.folds = f.parse().unwrap();
    }
    if let Ok(e) = std::env::var("TE") {
        cfg.tagger_epochs = e.parse().unwrap();
    }
    cfg.two_pass = std::env::var("TP").is_ok();
    if let Ok(e) = std::env::var("PR") {
        cfg.parser_prune = e.parse().unwrap();
    }
    let t0 = std::time::Instant::now();
    let m =
        train::train(&tr, Some(&dv), &cfg, "dev", |p| eprintln!("{:.0}s {p:?}", t0.elapsed().as_secs_f64())).unwrap();
    println!("{}", m.provenance);
    println!("{:?}", m.size());
    let b = m.to_bytes();
    println!("bytes {}", b.len());
    std::fs::write(&a[3], b).unwrap();
    let s = attache_syntax::eval::evaluate(&m, &dv);
    println!("{s:?}");
}
