//! The metric against the published numbers, and our extractor against the bar.
//! These read `<workspace>/../shared`, and fail (never skip) when it is missing.

use std::path::PathBuf;

use attache_eval::{evaluate, evaluate_peer};
use attache_html::{HtmlConfig, extract};

fn bench_dir() -> PathBuf {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let dir = shared.join("bench/article-extraction");
    assert!(
        dir.join("ground-truth.json").is_file(),
        "the benchmark is missing: expected {} (the workspace's ../shared)",
        dir.display()
    );
    dir
}

#[test]
fn trafilatura_peer_scores_as_published() {
    let dir = bench_dir();
    let r = evaluate_peer(&dir, &dir.join("peer-outputs/trafilatura.json")).expect("peer output scores");
    assert_eq!(r.pages.len(), 181);
    assert_eq!(format!("{:.3}", r.f1), "0.958", "F1 {} (P {}, R {})", r.f1, r.precision, r.recall);
}

#[test]
fn other_peers_score_as_published() {
    let dir = bench_dir();
    for (name, f1) in [("readability_js", "0.947"), ("rs_trafilatura", "0.970")] {
        let r = evaluate_peer(&dir, &dir.join(format!("peer-outputs/{name}.json"))).expect("peer output scores");
        assert_eq!(format!("{:.3}", r.f1), f1, "{name}: F1 {} (P {}, R {})", r.f1, r.precision, r.recall);
    }
}

#[test]
fn our_extractor_meets_the_bar() {
    let dir = bench_dir();
    let cfg = HtmlConfig::default();
    let r = evaluate(&dir, |html| extract(html, &cfg).body_text()).expect("benchmark runs");
    assert_eq!(r.pages.len(), 181);
    assert!(r.f1 >= 0.96, "F1 {:.4} (P {:.4}, R {:.4}) is below 0.96", r.f1, r.precision, r.recall);
}

/// On every real page (and a truncated copy of it), every copy piece of every
/// block maps to identical original bytes and every span is in bounds.
#[test]
fn extraction_stays_aligned_on_real_pages() {
    let dir = bench_dir();
    let cfg = HtmlConfig::default();
    for (id, path) in attache_eval::extraction::pages(&dir).expect("pages") {
        let html = attache_eval::extraction::read_page(&path).expect("page");
        let mut cut = html.len() * 2 / 3;
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        for src in [html.as_str(), &html[..cut]] {
            let ex = extract(src, &cfg);
            for b in &ex.blocks {
                for p in b.text.pieces() {
                    let orig = src.get(p.orig..p.orig + p.orig_len);
                    assert!(orig.is_some(), "{id}: piece {p:?} out of bounds or off a char boundary");
                    if p.copy {
                        assert_eq!(Some(&b.text.as_str()[p.clean..p.clean + p.clean_len]), orig, "{id}: {p:?}");
                    }
                }
            }
            let spans = ex
                .removed
                .iter()
                .map(|r| r.span)
                .chain(ex.captions.iter().flat_map(|c| c.spans.iter().copied()))
                .chain(ex.title.iter().chain(&ex.dateline).filter_map(|f| f.span));
            for s in spans {
                assert!(src.get(s.range()).is_some(), "{id}: span {s:?} out of bounds or off a char boundary");
            }
        }
    }
}
