//! Main-content extraction.
//!
//! 1. **Classify** every element once (forward pass, inherited by
//!    descendants): elements that are never content (`<script>`, `<nav>`,
//!    `<footer>`, `<aside>`, form controls, hidden elements) are *dropped*;
//!    `class`/`id`/`role`/`itemprop` names give [`patterns`] hints.
//! 2. **Measure** (reverse pass): visible characters, link characters and
//!    commas per subtree and per block's own inline text.
//! 3. **Score** in the manner of Readability: each paragraph-like block with
//!    enough text of its own scores `1 + commas + min(chars/100, 3)` and gives it
//!    to its block ancestors (parent fully, grandparent half, further ones
//!    less); ancestors start from a tag prior and ±25 for their names, and end
//!    scaled by `1 - link density`. Blocks inside elements whose names say
//!    boilerplate (and not content) do not score. The best ancestor is the
//!    container; siblings that score well (or are good paragraphs) join it.
//! 4. **Emit** the container's blocks in document order, dropping boilerplate
//!    inside it (share bars, related links, bylines, newsletter boxes...) unless
//!    that would drop most of it, link lists, and short link-only lines.
//!    Captions go to their own list; `[ad_1]`-style markers are cut out.

use std::ops::Range;

use attache_model::{AlignedText, Caption, Diagnostic, Field, Removal, Span};
use memchr::memmem;

use crate::dom::{Dom, NONE, NodeData, NodeId};
use crate::meta;
use crate::patterns::{self, Hints};
use crate::tag::{AttrName, Tag};
use crate::text::TextBuilder;
use crate::tokenizer::TextKind;
use crate::{Block, BlockKind, Extracted, HtmlConfig};

/// Why an element is dropped outright (`0` = not dropped).
const KEEP: u8 = 0;
const DROP_SCRIPT: u8 = 1;
const DROP_NAV: u8 = 2;
const DROP_FOOTER: u8 = 3;
const DROP_HIDDEN: u8 = 4;
const DROP_MEDIA: u8 = 5;
const DROP_ASIDE: u8 = 6;

fn drop_reason(code: u8) -> &'static str {
    match code {
        DROP_SCRIPT => "script",
        DROP_NAV => "navigation",
        DROP_FOOTER => "footer",
        DROP_HIDDEN => "hidden",
        DROP_ASIDE => "sidebar",
        _ => "boilerplate",
    }
}

/// Per-node facts, indexed by node id.
struct Analysis<'a> {
    dom: Dom<'a>,
    /// Own hints of each element (from its names).
    hints: Vec<Hints>,
    /// Dropped outright, inherited (the code of the outermost reason).
    dropped: Vec<u8>,
    /// Inside an element whose names say boilerplate (for scoring).
    unlikely: Vec<bool>,
    /// Visible characters in the subtree.
    text: Vec<u32>,
    /// Visible characters inside links in the subtree.
    link: Vec<u32>,
    /// Characters of the element's own inline text (not through block children).
    own: Vec<u32>,
    own_link: Vec<u32>,
    own_commas: Vec<u32>,
}

/// Block-level for text purposes: the known block tags, and unknown (custom)
/// elements, which are mostly containers.
fn is_block(tag: Tag) -> bool {
    tag.is_block() || tag == Tag::Other
}

fn visible_chars(s: &[u8]) -> (u32, u32) {
    let mut n = 0u32;
    let mut commas = 0u32;
    for &b in s {
        // Count characters (not continuation bytes) that are not whitespace.
        if (b & 0xC0) != 0x80 && !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            n += 1;
            if b == b',' {
                commas += 1;
            }
        }
    }
    (n, commas)
}

fn style_hidden(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

impl<'a> Analysis<'a> {
    fn new(dom: Dom<'a>) -> Self {
        let n = dom.nodes.len();
        let mut a = Analysis {
            dom,
            hints: vec![0; n],
            dropped: vec![KEEP; n],
            unlikely: vec![false; n],
            text: vec![0; n],
            link: vec![0; n],
            own: vec![0; n],
            own_link: vec![0; n],
            own_commas: vec![0; n],
        };
        a.classify();
        a.measure();
        a
    }

    fn classify(&mut self) {
        let dom = &self.dom;
        for id in 1..dom.nodes.len() {
            let node = &dom.nodes[id];
            let parent = node.parent as usize;
            let NodeData::Element { tag, .. } = node.data else {
                self.dropped[id] = self.dropped[parent];
                self.unlikely[id] = self.unlikely[parent];
                continue;
            };
            let mut h: Hints = 0;
            let mut hidden = false;
            for at in dom.attrs_of(id as NodeId) {
                let v = &dom.src[at.value.clone()];
                match at.name {
                    AttrName::Class => {
                        h |= patterns::hints(v);
                        hidden |= patterns::class_hidden(v);
                    }
                    AttrName::Id => h |= patterns::hints(v),
                    AttrName::Role => h |= patterns::role_hints(v),
                    AttrName::Itemprop => h |= patterns::itemprop_hints(v),
                    AttrName::Hidden => hidden = true,
                    AttrName::AriaHidden => hidden |= v.trim().eq_ignore_ascii_case("true") && tag != Tag::Body,
                    AttrName::Style => hidden |= style_hidden(v),
                    _ => {}
                }
            }
            self.hints[id] = h;
            let own = match tag {
                Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Head
                | Tag::Title
                | Tag::Meta
                | Tag::Link => DROP_SCRIPT,
                Tag::Iframe
                | Tag::Object
                | Tag::Embed
                | Tag::Svg
                | Tag::Math
                | Tag::Canvas
                | Tag::Video
                | Tag::Audio
                | Tag::Select
                | Tag::Textarea
                | Tag::Input
                | Tag::Button
                | Tag::Map
                | Tag::Dialog => DROP_MEDIA,
                Tag::Nav | Tag::Menu => DROP_NAV,
                Tag::Footer => DROP_FOOTER,
                Tag::Aside => DROP_ASIDE,
                _ if hidden => DROP_HIDDEN,
                _ => KEEP,
            };
            self.dropped[id] = if self.dropped[parent] != KEEP { self.dropped[parent] } else { own };
            let negative = h & patterns::NEGATIVE != 0 && h & patterns::POSITIVE == 0;
            self.unlikely[id] = self.unlikely[parent]
                || (negative && !matches!(tag, Tag::Body | Tag::Html | Tag::Article | Tag::Main | Tag::A));
        }
    }

    /// Bottom-up counts. A dropped subtree is measured too (for reporting),
    /// but does not add to its kept parent.
    fn measure(&mut self) {
        let dom = &self.dom;
        for id in (1..dom.nodes.len()).rev() {
            let node = &dom.nodes[id];
            let parent = node.parent as usize;
            match node.data {
                NodeData::Text { kind: TextKind::Data } => {
                    let (n, c) = visible_chars(&dom.src.as_bytes()[node.start as usize..node.end as usize]);
                    self.text[id] = n;
                    self.own[id] = n;
                    self.own_commas[id] = c;
                }
                NodeData::Element { tag, .. } => {
                    if tag == Tag::A {
                        self.link[id] = self.text[id];
                        self.own_link[id] = self.own[id];
                    }
                }
                _ => continue,
            }
            if self.dropped[id] != KEEP && self.dropped[parent] == KEEP {
                continue;
            }
            self.text[parent] += self.text[id];
            self.link[parent] += self.link[id];
            let child_is_block = dom.tag(id as NodeId).is_some_and(is_block);
            if !child_is_block {
                self.own[parent] += self.own[id];
                self.own_link[parent] += self.own_link[id];
                self.own_commas[parent] += self.own_commas[id];
            }
        }
    }

    fn tag(&self, id: NodeId) -> Option<Tag> {
        self.dom.tag(id)
    }

    fn link_density(&self, id: NodeId) -> f32 {
        let t = self.text[id as usize];
        if t == 0 { 0.0 } else { self.link[id as usize] as f32 / t as f32 }
    }
}

/// Readability-style scores; returns the chosen container elements in order.
fn choose_container(a: &Analysis<'_>, cfg: &HtmlConfig, use_unlikely: bool) -> Vec<NodeId> {
    choose_container_scored(a, cfg, use_unlikely, &mut None)
}

fn choose_container_scored(
    a: &Analysis<'_>,
    cfg: &HtmlConfig,
    use_unlikely: bool,
    explain: &mut Option<Vec<(f32, NodeId)>>,
) -> Vec<NodeId> {
    let dom = &a.dom;
    let n = dom.nodes.len();
    let mut score = vec![f32::NAN; n];
    // Class/id weights (applied at the end, bounded by the content score so
    // that a well-named element cannot win on its name alone).
    let weight = |id: NodeId| {
        let h = a.hints[id as usize];
        let mut w: f32 = 0.0;
        if h & patterns::POSITIVE != 0 {
            w += 25.0;
        }
        if h & patterns::BODY != 0 {
            w += 25.0;
        }
        if h & (patterns::NEGATIVE | patterns::BYLINE | patterns::META) != 0 {
            w -= 25.0;
        }
        w
    };
    let prior = |id: NodeId| match a.tag(id) {
        Some(Tag::Div | Tag::Article | Tag::Main | Tag::Section) => 5.0,
        Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 3.0,
        Some(Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form) => -3.0,
        Some(t) if t.is_heading() || t == Tag::Th => -5.0,
        _ => 0.0,
    };
    for id in 1..n as NodeId {
        let i = id as usize;
        let Some(tag) = a.tag(id) else { continue };
        if a.dropped[i] != KEEP || (use_unlikely && a.unlikely[i]) || !is_block(tag) {
            continue;
        }
        if matches!(tag, Tag::Li | Tag::Dt | Tag::Dd | Tag::Ul | Tag::Ol | Tag::Table | Tag::Tr | Tag::Th)
            || tag.is_heading()
        {
            continue;
        }
        let own = a.own[i];
        if (own as usize) < cfg.min_paragraph_chars || a.own_link[i] as f32 > own as f32 * 0.5 {
            continue;
        }
        let s = 1.0 + a.own_commas[i] as f32 + (own as f32 / 100.0).min(3.0);
        // Give it to block ancestors. Loose text in a container (not in a <p>)
        // counts as a paragraph of that container, as Readability wraps it.
        let mut p = if matches!(tag, Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote) { dom.node(id).parent } else { id };
        let mut level = 0;
        while p != NONE && p != 0 && level < 5 {
            if dom.tag(p).is_some_and(is_block) {
                if score[p as usize].is_nan() {
                    score[p as usize] = 0.0;
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                score[p as usize] += s / div;
                level += 1;
            }
            p = dom.node(p).parent;
        }
    }
    // Final scores and the best.
    let mut best = NONE;
    let mut best_score = f32::MIN;
    let mut ranked: Vec<(f32, NodeId)> = Vec::new();
    for (i, sc) in score.iter_mut().enumerate().skip(1) {
        if sc.is_nan() {
            continue;
        }
        let content = *sc;
        let w = weight(i as NodeId).clamp(-content, content);
        *sc = (prior(i as NodeId) + content + w) * (1.0 - a.link_density(i as NodeId));
        ranked.push((*sc, i as NodeId));
        if *sc > best_score {
            best_score = *sc;
            best = i as NodeId;
        }
    }
    if best == NONE {
        return vec![];
    }
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0));
    if let Some(e) = explain {
        e.extend(ranked.iter().take(12));
    }
    // When several of the top candidates share an ancestor with the best, the
    // article is split across them: take that ancestor.
    let ancestors = |id: NodeId| {
        let mut v = Vec::new();
        let mut p = dom.node(id).parent;
        while p != NONE && p != 0 {
            v.push(p);
            p = dom.node(p).parent;
        }
        v
    };
    let best_anc = ancestors(best);
    let alternatives: Vec<NodeId> =
        ranked.iter().skip(1).take(5).filter(|(s, _)| *s >= best_score * 0.75).map(|&(_, id)| id).collect();
    if alternatives.len() >= 3 {
        for &anc in &best_anc {
            let count = alternatives.iter().filter(|&&alt| ancestors(alt).contains(&anc)).count();
            if count >= 3 {
                best = anc;
                break;
            }
        }
    }
    // Climb while the parent scores better.
    let mut last = if score[best as usize].is_nan() { 0.0 } else { score[best as usize] };
    let threshold = last / 3.0;
    let mut p = dom.node(best).parent;
    while p != NONE && p != 0 && a.tag(p) != Some(Tag::Body) {
        let ps = score[p as usize];
        if ps.is_nan() {
            p = dom.node(p).parent;
            continue;
        }
        if ps < threshold {
            break;
        }
        if ps > last {
            best = p;
            break;
        }
        last = ps;
        p = dom.node(p).parent;
    }
    // An only child stands for its parent.
    loop {
        let parent = dom.node(best).parent;
        if parent == NONE || parent == 0 || a.tag(parent) == Some(Tag::Body) {
            break;
        }
        let elems = dom.children(parent).filter(|&c| a.tag(c).is_some() || a.text[c as usize] > 0).count();
        if elems != 1 {
            break;
        }
        best = parent;
    }
    // Siblings.
    let best_score = if score[best as usize].is_nan() { 0.0 } else { score[best as usize] };
    let threshold = (best_score * cfg.sibling_share).max(10.0);
    let parent = dom.node(best).parent;
    if parent == NONE {
        return vec![best];
    }
    let best_class = dom.attr(best, AttrName::Class).unwrap_or("");
    let mut out = Vec::new();
    for c in dom.children(parent) {
        if c == best {
            out.push(c);
            continue;
        }
        let ci = c as usize;
        if a.dropped[ci] != KEEP || a.tag(c).is_none() {
            continue;
        }
        let mut bonus = 0.0;
        if !best_class.is_empty() && dom.attr(c, AttrName::Class) == Some(best_class) {
            bonus = best_score * 0.2;
        }
        if !score[ci].is_nan() && score[ci] + bonus >= threshold {
            out.push(c);
        } else if a.tag(c) == Some(Tag::P) {
            let len = a.text[ci];
            let ld = a.link_density(c);
            if (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence(a, c)) {
                out.push(c);
            }
        }
    }
    out
}

fn ends_sentence(a: &Analysis<'_>, id: NodeId) -> bool {
    let n = a.dom.node(id);
    let s = a.dom.src[n.start as usize..n.end as usize].trim_end();
    let s = s.strip_suffix("</p>").or_else(|| s.strip_suffix("</P>")).unwrap_or(s).trim_end();
    s.ends_with('.')
}

fn block_kind(tag: Tag, quote: bool) -> BlockKind {
    match tag {
        t if t.is_heading() => BlockKind::Heading,
        Tag::Li | Tag::Dd | Tag::Dt => BlockKind::ListItem,
        Tag::Pre => BlockKind::Preformatted,
        Tag::Td | Tag::Th => BlockKind::TableCell,
        Tag::Blockquote => BlockKind::Quote,
        _ if quote => BlockKind::Quote,
        _ => BlockKind::Paragraph,
    }
}

/// A block before filtering.
struct RawBlock {
    kind: BlockKind,
    text: AlignedText,
    chars: usize,
    link_chars: usize,
}

/// Finds `[ad_1]`-style markers in `s` (relative ranges).
fn ad_markers(s: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in memmem::find_iter(s, b"[ad") {
        let mut i = p + 3;
        if s.get(i) == Some(&b'_') {
            i += 1;
        }
        let d = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if d > 0 && s.get(i + d) == Some(&b']') {
            out.push(p..i + d + 1);
        }
    }
    out
}

struct Emitter<'x, 'a> {
    a: &'x Analysis<'a>,
    blocks: Vec<RawBlock>,
    removed: Vec<Removal>,
    builder: TextBuilder,
    link_chars: usize,
    kinds: Vec<BlockKind>,
    link_depth: u32,
    quote_depth: u32,
    /// Subtrees of the container that hold more than this many characters are
    /// never dropped for their names.
    keep_above: u32,
    caption_nodes: Vec<NodeId>,
}

impl Emitter<'_, '_> {
    fn flush(&mut self) {
        if self.builder.is_empty() {
            self.link_chars = 0;
            return;
        }
        let chars = self.builder.chars();
        let text = self.builder.take();
        let kind = self.kinds.last().copied().unwrap_or(BlockKind::Paragraph);
        self.blocks.push(RawBlock { kind, text, chars, link_chars: self.link_chars });
        self.link_chars = 0;
    }

    fn remove(&mut self, id: NodeId, why: &'static str) {
        let n = self.a.dom.node(id);
        let span = Span::new(n.start as usize, n.end as usize);
        if let Some(last) = self.removed.last_mut()
            && last.why == why
            && last.span.end <= span.start
            && self.a.dom.src[last.span.end..span.start].trim().is_empty()
        {
            last.span.end = span.end;
            return;
        }
        self.removed.push(Removal { span, why });
    }

    /// Whether an element inside the container is boilerplate by its names.
    fn soft_drop(&self, id: NodeId, tag: Tag) -> Option<&'static str> {
        let i = id as usize;
        let h = self.a.hints[i];
        let text = self.a.text[i];
        // Embedded posts (`<blockquote class="twitter-tweet">`) are quoted content.
        if text > self.keep_above
            || h & patterns::BODY != 0
            || tag == Tag::Blockquote
            || (h & patterns::EMBED != 0 && h & patterns::AD == 0)
        {
            return None;
        }
        if h & patterns::NEGATIVE != 0
            && (h & patterns::POSITIVE == 0
                || h & (patterns::COMMENTS | patterns::RELATED | patterns::SHARE | patterns::AD | patterns::SUBSCRIBE)
                    != 0)
        {
            return Some(patterns::reason(h));
        }
        if h & (patterns::BYLINE | patterns::META | patterns::HEADER) != 0 && h & patterns::POSITIVE == 0 && text < 300
        {
            return Some("byline");
        }
        if tag == Tag::Header && text < 600 {
            return Some("boilerplate");
        }
        if tag == Tag::Form && text < 600 {
            return Some("boilerplate");
        }
        None
    }

    fn emit(&mut self, root: NodeId) {
        let dom = &self.a.dom;
        let root_is_block = dom.tag(root).is_some_and(is_block);
        if root_is_block {
            self.flush();
            let kind = block_kind(dom.tag(root).unwrap_or(Tag::Div), self.quote_depth > 0);
            self.kinds.push(kind);
        }
        let mut cur = dom.node(root).first_child;
        if cur == NONE {
            self.text_node(root);
        }
        while cur != NONE {
            let descend = self.enter(cur);
            let node = dom.node(cur);
            if descend && node.first_child != NONE {
                cur = node.first_child;
                continue;
            }
            if descend {
                self.exit(cur);
            }
            // Move to the next sibling, exiting finished parents.
            let mut c = cur;
            loop {
                let n = dom.node(c);
                if n.next_sibling != NONE {
                    cur = n.next_sibling;
                    break;
                }
                let p = n.parent;
                if p == root || p == NONE {
                    cur = NONE;
                    break;
                }
                self.exit(p);
                c = p;
            }
        }
        if root_is_block {
            self.flush();
            self.kinds.pop();
        }
    }

    fn text_node(&mut self, id: NodeId) {
        let dom = &self.a.dom;
        let n = dom.node(id);
        if !matches!(n.data, NodeData::Text { kind: TextKind::Data }) || self.a.dropped[id as usize] != KEEP {
            return;
        }
        let (s, e) = (n.start as usize, n.end as usize);
        let before = self.builder.chars();
        let mut pos = s;
        for m in ad_markers(&dom.src.as_bytes()[s..e]) {
            self.builder.push(dom.src, pos..s + m.start, true);
            self.builder.space(s + m.start..s + m.start);
            self.removed.push(Removal { span: Span::new(s + m.start, s + m.end), why: "ad-marker" });
            pos = s + m.end;
        }
        self.builder.push(dom.src, pos..e, true);
        if self.link_depth > 0 {
            self.link_chars += self.builder.chars() - before;
        }
    }

    /// Handles entering a node; returns whether to walk its children.
    fn enter(&mut self, id: NodeId) -> bool {
        let dom = &self.a.dom;
        let node = dom.node(id);
        let tag = match node.data {
            NodeData::Text { .. } => {
                self.text_node(id);
                return false;
            }
            NodeData::Element { tag, .. } => tag,
            _ => return false,
        };
        let i = id as usize;
        if self.a.dropped[i] != KEEP {
            let n = dom.node(id);
            if n.end - n.start >= 100 || self.a.text[i] > 0 {
                self.remove(id, drop_reason(self.a.dropped[i]));
            }
            return false;
        }
        if tag == Tag::Figcaption || (self.a.hints[i] & patterns::CAPTION != 0 && self.a.text[i] < 400) {
            self.builder.space(node.start as usize..node.start as usize);
            self.caption_nodes.push(id);
            return false;
        }
        if let Some(why) = self.soft_drop(id, tag) {
            self.builder.space(node.start as usize..node.start as usize);
            self.remove(id, why);
            return false;
        }
        match tag {
            Tag::Br | Tag::Hr | Tag::Img => {
                let n = dom.node(id);
                self.builder.space(n.start as usize..n.end as usize);
            }
            Tag::A => self.link_depth += 1,
            _ => {}
        }
        if tag == Tag::Blockquote {
            self.quote_depth += 1;
        }
        if is_block(tag) {
            self.flush();
            self.kinds.push(block_kind(tag, self.quote_depth > 0));
        }
        true
    }

    fn exit(&mut self, id: NodeId) {
        let Some(tag) = self.a.dom.tag(id) else { return };
        if tag == Tag::A {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if is_block(tag) {
            self.flush();
            self.kinds.pop();
        }
        if tag == Tag::Blockquote {
            self.quote_depth = self.quote_depth.saturating_sub(1);
        }
    }
}

/// Is a block boilerplate by its text (a link line, a share prompt...)?
fn weak_block(b: &RawBlock, cfg: &HtmlConfig) -> bool {
    if b.chars == 0 {
        return true;
    }
    let ld = b.link_chars as f32 / b.chars as f32;
    let plain = b.chars.saturating_sub(b.link_chars);
    // Mostly links: a link list or a "Read more" line. A sentence with a long
    // link in it still has some words of its own.
    if ld > 0.8 || (ld > cfg.max_link_density && plain < 40) {
        return true;
    }
    b.chars < 40 && ld > 0.2
}

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

fn collect_captions(a: &Analysis<'_>, nodes: &[NodeId]) -> Vec<Caption> {
    let mut out: Vec<Caption> = Vec::new();
    for &id in nodes {
        let Some(f) = meta::element_field(&a.dom, id) else { continue };
        let Some(span) = f.span else { continue };
        if let Some(c) = out.iter_mut().find(|c| c.text == f.text) {
            c.spans.push(span);
        } else {
            out.push(Caption { text: f.text, spans: vec![span] });
        }
    }
    out
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

    out.blocks =
        raw.into_iter().filter(|b| !weak_block(b, config)).map(|b| Block { kind: b.kind, text: b.text }).collect();

    // Headline.
    out.title = choose_title(&a, &m);
    // The headline repeated as the first block is not body text.
    if let (Some(t), Some(first)) = (&out.title, out.blocks.first())
        && first.kind == BlockKind::Heading
        && first.text.as_str() == t.text
    {
        out.blocks.remove(0);
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
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) != Some(Tag::H1) || a.dropped[id as usize] != KEEP {
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
    m.og_title.clone().or(title_tag).or(first_h1)
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
