//! Main-content extraction.
//!
//! 1. **Classify** every element once ([`analysis`], forward pass, inherited by
//!    descendants): elements that are never content (`<script>`, `<nav>`,
//!    `<footer>`, `<aside>`, form controls, `hidden`, `display:none`,
//!    `sr-only`-style classes, hover cards) are *dropped*; `class`/`id`/
//!    `role`/`itemprop` names give [`patterns`] hints (navigation, share bar,
//!    related stories, comments, byline, article body...). A box that opens
//!    with a "Related stories" / "Comments" heading counts as such a box.
//! 2. **Measure** (reverse pass): visible characters, link characters and
//!    commas per subtree and per block's own inline text.
//! 3. **Score** ([`score`]) in the manner of Readability: each paragraph-like
//!    block with enough text of its own scores `1 + commas + min(chars/100, 3)`
//!    and gives it to its container ancestors (parent fully, grandparent half,
//!    further ones less; loose text in a `<div>` counts for the div itself).
//!    Names add up to ±50, bounded by the content score so that a well-named
//!    but empty box cannot win; the total is scaled by `1 - link density`.
//!    Blocks inside boxes named as boilerplate do not score. The best candidate
//!    climbs to a better-scoring parent or an only-child wrapper; siblings join
//!    it when they score well themselves, hold a strong candidate deeper down
//!    (an article split by figures), or are good paragraphs.
//! 4. **Emit** ([`emit`]) the container's blocks in document order: boilerplate
//!    boxes inside it go (unless they hold half of it), links and inline
//!    formatting never do; captions go to their own list, photo credits and
//!    `[ad_1]`-style markers are cut out. Then blocks go when they are mostly
//!    links, junk lines ("Advertisement", "Image 1 of 5"), credits ("Reporting
//!    by ...", "... contributed to this report"), or a "Related stories"
//!    heading with the list after it.
//!
//! Every step is a loop over the arena or an explicit walk: nothing recurses on
//! the input's depth.

mod analysis;
mod emit;
mod score;

use attache_model::{AlignedText, Caption, Diagnostic, Field, Removal, Span};

use analysis::{Analysis, KEEP, drop_reason};
use emit::{Emitter, ad_markers, filter_blocks};
use score::{choose_container, choose_container_scored};

use crate::dom::{Dom, NONE, NodeData, NodeId};
use crate::meta;
use crate::patterns;
use crate::tag::{AttrName, Tag};
use crate::text::TextBuilder;
use crate::tokenizer::TextKind;
use crate::{Extracted, HtmlConfig};

/// Adds the captions of figures next to the container (a lead photo above the
/// body) to those found inside it: figcaptions in the subtree of the
/// container's grandparent that are neither dropped nor boilerplate.
fn caption_nodes_near(a: &Analysis<'_>, containers: &[NodeId], mut found: Vec<NodeId>) -> Vec<NodeId> {
    let dom = &a.dom;
    let Some(&first) = containers.first() else { return found };
    let mut scope = first;
    for _ in 0..2 {
        let p = dom.node(scope).parent;
        if p == NONE || p == 0 || matches!(dom.tag(p), Some(Tag::Body | Tag::Html)) {
            break;
        }
        scope = p;
    }
    if scope == first {
        return found;
    }
    let end = dom.subtree_end(scope);
    let mut id = scope + 1;
    while id < end {
        let i = id as usize;
        let caption = dom.tag(id) == Some(Tag::Figcaption);
        if caption && a.dropped[i] == KEEP && !a.unlikely[i] {
            if !found.contains(&id) {
                found.push(id);
            }
            id = dom.subtree_end(id);
            continue;
        }
        id += 1;
    }
    found.sort_unstable();
    found
}

/// A caption's text, without what the page hides and without photo credits.
fn caption_text(a: &Analysis<'_>, id: NodeId) -> AlignedText {
    let dom = &a.dom;
    let mut t = TextBuilder::new();
    let end = dom.subtree_end(id);
    let mut i = id + 1;
    while i < end {
        let n = dom.node(i);
        match n.data {
            NodeData::Element { tag, .. } => {
                let skip = a.dropped[i as usize] != KEEP
                    || (a.hints[i as usize] & patterns::CREDIT != 0 && a.hints[i as usize] & patterns::CAPTION == 0);
                if skip {
                    i = dom.subtree_end(i);
                    continue;
                }
                if tag.is_block() || tag == Tag::Br {
                    t.space(n.start as usize..n.start as usize);
                }
            }
            NodeData::Text { kind: TextKind::Data } => t.push(dom.src, n.start as usize..n.end as usize, true),
            _ => {}
        }
        i += 1;
    }
    t.finish()
}

fn collect_captions(a: &Analysis<'_>, nodes: &[NodeId]) -> Vec<Caption> {
    let mut out: Vec<Caption> = Vec::new();
    for &id in nodes {
        let t = caption_text(a, id);
        if t.is_empty() {
            continue;
        }
        let span = t.to_original(0..t.len());
        if let Some(c) = out.iter_mut().find(|c| c.text == t.as_str()) {
            c.spans.push(span);
        } else {
            out.push(Caption { text: t.as_str().to_owned(), spans: vec![span] });
        }
    }
    out
}

/// Whether a whole page (not a fragment) ends without `</body>` or `</html>`.
fn ends_unclosed(html: &str) -> bool {
    let has = |needles: &[&str]| needles.iter().any(|n| memchr::memmem::find(html.as_bytes(), n.as_bytes()).is_some());
    let head = &html[..html.floor_char_boundary(4096.min(html.len()))];
    let opened = ["<html", "<HTML", "<body", "<BODY"].iter().any(|n| head.contains(n));
    opened && !has(&["</html", "</HTML", "</Html", "</body", "</BODY", "</Body"])
}

/// Extracts the article from an HTML page or fragment.
pub fn extract(html: &str, config: &HtmlConfig) -> Extracted {
    let dom = Dom::parse(html, config.max_depth);
    let mut out = Extracted::default();
    if let Some(at) = dom.truncated {
        out.diagnostics.push(Diagnostic::warning(
            "truncated-html",
            format!("the input ends inside a tag or comment (at byte {at})"),
        ));
    } else if ends_unclosed(html) {
        out.diagnostics.push(Diagnostic::warning(
            "truncated-html",
            "the page opens <html> or <body> but ends before closing them: it may be cut short",
        ));
    }
    if let Some(at) = dom.depth_limited {
        out.diagnostics.push(Diagnostic::warning(
            "depth-limit",
            format!("elements nest deeper than {} (first at byte {at}); deeper ones were flattened", config.max_depth),
        ));
    }
    let m = meta::read(&dom);
    let a = Analysis::new(dom);

    let mut containers = choose_container(&a, config, true);
    let total: u32 = containers.iter().map(|&c| a.text[c as usize]).sum();
    if total < 250 {
        let again = choose_container(&a, config, false);
        let t2: u32 = again.iter().map(|&c| a.text[c as usize]).sum();
        if t2 > total {
            containers = again;
        }
    }
    if containers.is_empty() {
        containers.push(0);
    }
    let container_text: u32 = containers.iter().map(|&c| a.text[c as usize]).sum();
    let mut em = Emitter {
        a: &a,
        blocks: Vec::new(),
        removed: Vec::new(),
        builder: TextBuilder::new(),
        link_chars: 0,
        kinds: Vec::new(),
        link_depth: 0,
        quote_depth: 0,
        keep_above: container_text / 2,
        caption_nodes: Vec::new(),
    };
    for &c in &containers {
        em.emit(c);
    }
    em.flush();
    let Emitter { blocks: raw, mut removed, caption_nodes, .. } = em;

    out.blocks = filter_blocks(raw, config, &mut removed);

    // Headline.
    out.title = choose_title(&a, &m);
    // The headline repeated as the first block is not body text.
    if let (Some(t), Some(first)) = (&out.title, out.blocks.first())
        && first.text.len() < 300
        && norm(first.text.as_str()) == norm(&t.text)
    {
        let b = out.blocks.remove(0);
        removed.push(Removal { span: b.text.to_original(0..b.text.len()), why: "title" });
    }
    out.published = m.published.map(|(_, d)| d);
    out.dateline = find_dateline(&a, &containers);
    out.captions = collect_captions(&a, &caption_nodes_near(&a, &containers, caption_nodes));

    // Ad markers and boilerplate outside the container.
    note_outside(&a, &containers, &mut removed);
    removed.sort_by_key(|r| (r.span.start, r.span.end));
    removed.dedup();
    out.removed = removed;
    if out.blocks.is_empty() {
        out.diagnostics.push(Diagnostic::info("no-content", "no article text was found"));
    }
    out
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn choose_title(a: &Analysis<'_>, m: &meta::Meta) -> Option<Field> {
    let dom = &a.dom;
    // The <title> without its site name, keeping the span of what is left.
    let title_tag = m.title_tag.as_ref().map(|t| {
        let full = t.as_str();
        let trimmed = meta::trim_title(full);
        let start = full.find(trimmed).unwrap_or(0);
        let span = t.to_original(start..start + trimmed.len());
        Field { text: trimmed.to_owned(), span: Some(span) }
    });
    let reference = m.og_title.as_ref().or(title_tag.as_ref()).map(|f| norm(&f.text));
    let mut first_h1 = None;
    // A few headings suffice (and bound the work on nested, unclosed <h1>s).
    let h1s = (1..dom.nodes.len() as NodeId).filter(|&id| dom.tag(id) == Some(Tag::H1)).take(8);
    for id in h1s {
        if a.dropped[id as usize] != KEEP {
            continue;
        }
        let Some(f) = meta::element_field(dom, id) else { continue };
        if let Some(r) = &reference {
            let h = norm(&f.text);
            if !h.is_empty() && (r.contains(&h) || h.contains(r.as_str())) {
                return Some(f);
            }
        }
        if first_h1.is_none() {
            first_h1 = Some(f);
        }
    }
    let best = m.og_title.clone().or(title_tag).or(first_h1)?;
    // Cut the site's name when the page names its site.
    let Some(site) = &m.site_name else { return Some(best) };
    let keep = meta::strip_site_name(&best.text, site);
    if keep.len() == best.text.len() {
        return Some(best);
    }
    // The span narrows only when the text maps byte for byte (no references).
    let span =
        best.span.filter(|s| s.len() == best.text.len()).map(|s| Span::new(s.start + keep.start, s.start + keep.end));
    Some(Field { text: best.text[keep].to_owned(), span })
}

fn find_dateline(a: &Analysis<'_>, containers: &[NodeId]) -> Option<Field> {
    let dom = &a.dom;
    for &c in containers {
        let end = dom.subtree_end(c);
        for id in c..end {
            let Some(tag) = dom.tag(id) else { continue };
            if tag.is_block() && tag != Tag::P {
                continue;
            }
            let marked = a.hints[id as usize] & patterns::DATELINE != 0
                || dom.attr(id, AttrName::Class).is_some_and(|c| {
                    c.split_ascii_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("articleLocation") || w.eq_ignore_ascii_case("location"))
                });
            if marked
                && let Some(f) = meta::element_field(dom, id)
                && f.text.chars().count() <= 60
            {
                return Some(f);
            }
        }
    }
    None
}

/// Records ad markers and notable boilerplate that lie outside the container.
fn note_outside(a: &Analysis<'_>, containers: &[NodeId], removed: &mut Vec<Removal>) {
    let dom = &a.dom;
    let inside: Vec<(NodeId, NodeId)> = containers.iter().map(|&c| (c, dom.subtree_end(c))).collect();
    let mut id: NodeId = 1;
    let n = dom.nodes.len() as NodeId;
    while id < n {
        if let Some(&(_, end)) = inside.iter().find(|(s, _)| *s == id) {
            id = end;
            continue;
        }
        let node = dom.node(id);
        let i = id as usize;
        match node.data {
            NodeData::Text { kind: TextKind::Data } if a.dropped[i] == KEEP => {
                let s = node.start as usize;
                for m in ad_markers(&dom.src.as_bytes()[s..node.end as usize]) {
                    removed.push(Removal { span: Span::new(s + m.start, s + m.end), why: "ad-marker" });
                }
            }
            NodeData::Element { .. } => {
                let reason = if a.dropped[i] != KEEP && a.dropped[node.parent as usize] == KEEP {
                    Some(drop_reason(a.dropped[i]))
                } else if a.dropped[i] == KEEP && a.hints[i] & patterns::NEGATIVE != 0 && a.text[i] >= 20 {
                    Some(patterns::reason(a.hints[i]))
                } else {
                    None
                };
                if let Some(why) = reason
                    && (node.end - node.start >= 100 || a.text[i] > 0)
                    && !inside.iter().any(|&(s, e)| s > id && e <= dom.subtree_end(id))
                {
                    removed.push(Removal { span: Span::new(node.start as usize, node.end as usize), why });
                    id = dom.subtree_end(id);
                    continue;
                }
            }
            _ => {}
        }
        id += 1;
    }
}

/// Describes the extractor's decisions on a page (for debugging).
#[doc(hidden)]
pub fn explain(html: &str, config: &HtmlConfig, needle: Option<&str>) -> String {
    use std::fmt::Write;
    let dom = Dom::parse(html, config.max_depth);
    let a = Analysis::new(dom);
    let mut ranked = Some(Vec::new());
    let chosen = choose_container_scored(&a, config, true, &mut ranked);
    let mut out = String::new();
    let describe = |id: NodeId| {
        let d = &a.dom;
        format!(
            "#{id} <{} class={:?} id={:?}> text={} link={} hints={:#x} dropped={} unlikely={}",
            d.name(id),
            d.attr(id, AttrName::Class).unwrap_or(""),
            d.attr(id, AttrName::Id).unwrap_or(""),
            a.text[id as usize],
            a.link[id as usize],
            a.hints[id as usize],
            a.dropped[id as usize],
            a.unlikely[id as usize]
        )
    };
    for (s, id) in ranked.unwrap_or_default() {
        let _ = writeln!(out, "cand {s:.1} {}", describe(id));
    }
    if let Some(pos) = needle.and_then(|n| html.find(n)) {
        let _ = writeln!(out, "needle at {pos}");
        let mut node = NONE;
        for id in 0..a.dom.nodes.len() as NodeId {
            let n = a.dom.node(id);
            if (n.start as usize) <= pos && pos < n.end as usize {
                node = id;
            }
        }
        while node != NONE && node != 0 {
            let _ = writeln!(out, "   in {}", describe(node));
            node = a.dom.node(node).parent;
        }
    }
    for id in chosen {
        let _ = writeln!(out, "chosen {}", describe(id));
        // its ancestors
        let mut p = a.dom.node(id).parent;
        while p != NONE && p != 0 {
            let _ = writeln!(out, "   ^ {}", describe(p));
            p = a.dom.node(p).parent;
        }
    }
    out
}
