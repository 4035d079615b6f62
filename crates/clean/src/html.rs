//! The HTML path: main content from attache-html, then the shared rules.

use attache_html::{BlockKind, HtmlConfig};
use attache_model::{Article, Diagnostic};

use crate::CleanConfig;
use crate::paras::Para;
use crate::rules::{self, Known};

pub fn clean(html: &str, html_config: &HtmlConfig, config: &CleanConfig) -> (Article, Vec<Diagnostic>) {
    let ex = attache_html::extract(html, html_config);
    let paras: Vec<Para> = ex
        .blocks
        .into_iter()
        .filter_map(|b| Para::from_aligned(b.text, matches!(b.kind, BlockKind::Heading)))
        .collect();
    let known = Known {
        title: ex.title,
        dateline: ex.dateline,
        published: ex.published,
        captions: ex.captions,
        removed: ex.removed,
    };
    (rules::assemble(paras, known, config, false, false), ex.diagnostics)
}
