//! Scores `attache_html::extract` on the article-extraction benchmark.
//!
//! ```text
//! cargo run --release -p attache-eval --example extraction -- [--bench DIR] [--worst N]
//!     [--page ID] [--peer FILE] [--json OUT] [--repeat N]
//! ```
//! `--page ID` prints our body and the gold body of one page; `--json OUT`
//! writes our predictions as `{id: {"articleBody": ...}}`; `--repeat N` times N
//! runs and reports the fastest.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

use std::path::PathBuf;

use attache_eval::extraction::{self, evaluate, evaluate_peer, read_page};
use attache_html::{HtmlConfig, extract};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut bench = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/article-extraction");
    let (mut worst, mut page, mut peer, mut json, mut repeat) = (15usize, None, None, None, 1usize);
    let mut explain = None;
    let mut file: Option<String> = None;
    let mut gunzip_only = false;
    let mut needle: Option<String> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => bench = PathBuf::from(args.next().unwrap()),
            "--worst" => worst = args.next().unwrap().parse().unwrap(),
            "--page" => page = args.next(),
            "--file" => file = args.next(),
            "--explain" => explain = args.next(),
            "--needle" => needle = args.next(),
            "--peer" => peer = args.next().map(PathBuf::from),
            "--json" => json = args.next().map(PathBuf::from),
            "--repeat" => repeat = args.next().unwrap().parse().unwrap(),
            "--gunzip-only" => gunzip_only = true,
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let config = HtmlConfig::default();
    if let Some(path) = file {
        let html = read_page(std::path::Path::new(&path)).unwrap();
        let ex = extract(&html, &config);
        println!("title: {:?}\npublished: {:?}\ndateline: {:?}", ex.title, ex.published, ex.dateline);
        for c in &ex.captions {
            println!("caption: {:?} {:?}", c.text, c.spans);
        }
        for r in &ex.removed {
            let s: String = html[r.span.range()].chars().take(60).collect();
            println!("removed {} {:?}: {:?}", r.why, r.span, s.replace('\n', " "));
        }
        for d in &ex.diagnostics {
            println!("diagnostic {}: {}", d.code, d.message);
        }
        for b in &ex.blocks {
            println!("[{:?}] {}", b.kind, b.text.as_str());
        }
        return;
    }
    if let Some(id) = explain {
        let path = if std::path::Path::new(&id).exists() {
            PathBuf::from(&id)
        } else {
            bench.join("html").join(format!("{id}.html.gz"))
        };
        let html = read_page(&path).unwrap();
        println!("{}", attache_html::explain(&html, &config, needle.as_deref()));
        return;
    }
    if let Some(id) = page {
        let html = read_page(&bench.join("html").join(format!("{id}.html.gz"))).unwrap();
        let ex = extract(&html, &config);
        let gold: serde_json::Value =
            serde_json::from_slice(&std::fs::read(bench.join("ground-truth.json")).unwrap()).unwrap();
        println!(
            "title: {:?}\npublished: {:?}\ndateline: {:?}",
            ex.title.as_ref().map(|t| &t.text),
            ex.published,
            ex.dateline
        );
        for c in &ex.captions {
            println!("caption: {:?} x{}", c.text, c.spans.len());
        }
        for r in &ex.removed {
            let s: String = html[r.span.range()].chars().take(80).collect();
            println!("removed {} {:?}: {:?}", r.why, r.span, s.replace('\n', " "));
        }
        for d in &ex.diagnostics {
            println!("diagnostic {}: {}", d.code, d.message);
        }
        println!("===== ours");
        for b in &ex.blocks {
            println!("[{:?}] {}", b.kind, b.text.as_str());
        }
        println!("===== gold");
        println!("{}", gold[&id]["articleBody"].as_str().unwrap_or(""));
        let s = extraction::score_page(&id, gold[&id]["articleBody"].as_str().unwrap_or(""), &ex.body_text());
        println!("===== P {:.3} R {:.3}", s.precision, s.recall);
        return;
    }
    if let Some(peer) = peer {
        let r = evaluate_peer(&bench, &peer).unwrap();
        println!("peer {}: P {:.4} R {:.4} F1 {:.4}", peer.display(), r.precision, r.recall, r.f1);
        return;
    }
    let mut best = f64::MAX;
    let mut report = None;
    for _ in 0..repeat.max(1) {
        let r = if gunzip_only {
            evaluate(&bench, |html| html[..0].to_owned()).unwrap()
        } else {
            evaluate(&bench, |html| extract(html, &config).body_text()).unwrap()
        };
        best = best.min(r.seconds);
        report = Some(r);
    }
    let r = report.unwrap();
    let n = r.pages.len();
    println!(
        "pages {n}  P {:.4}  R {:.4}  F1 {:.4}  time {:.3}s ({:.0} pages/s)",
        r.precision,
        r.recall,
        r.f1,
        best,
        n as f64 / best
    );
    let mut pages = r.pages.clone();
    pages.sort_by(|a, b| {
        let fa = 2.0 * a.precision * a.recall / (a.precision + a.recall).max(1e-9);
        let fb = 2.0 * b.precision * b.recall / (b.precision + b.recall).max(1e-9);
        fa.total_cmp(&fb)
    });
    for p in pages.iter().take(worst) {
        println!("  {}  P {:.3}  R {:.3}", p.id, p.precision, p.recall);
    }
    if let Some(out) = json {
        let mut m = serde_json::Map::new();
        for (id, path) in extraction::pages(&bench).unwrap() {
            let html = read_page(&path).unwrap();
            let body = extract(&html, &config).body_text();
            m.insert(id, serde_json::json!({ "articleBody": body }));
        }
        std::fs::write(out, serde_json::to_string_pretty(&m).unwrap()).unwrap();
    }
}
