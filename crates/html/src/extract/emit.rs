//! Walking the container: blocks of aligned text, and what is dropped on the way.

use std::ops::Range;

use attache_model::{AlignedText, Removal, Span};
use memchr::memmem;

use super::analysis::{Analysis, KEEP, drop_reason, is_block, is_container};
use crate::dom::{NONE, NodeData, NodeId};
use crate::patterns::{self, LineKind};
use crate::tag::Tag;
use crate::text::TextBuilder;
use crate::tokenizer::TextKind;
use crate::{Block, BlockKind, HtmlConfig};

pub(super) fn block_kind(tag: Tag, quote: bool) -> BlockKind {
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
pub(super) struct RawBlock {
    pub(super) kind: BlockKind,
    pub(super) text: AlignedText,
    pub(super) chars: usize,
    pub(super) link_chars: usize,
}

/// Finds `[ad_1]`-style markers in `s` (relative ranges).
pub(super) fn ad_markers(s: &[u8]) -> Vec<Range<usize>> {
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

pub(super) struct Emitter<'x, 'a> {
    pub(super) a: &'x Analysis<'a>,
    pub(super) blocks: Vec<RawBlock>,
    pub(super) removed: Vec<Removal>,
    pub(super) builder: TextBuilder,
    pub(super) link_chars: usize,
    pub(super) kinds: Vec<BlockKind>,
    pub(super) link_depth: u32,
    pub(super) quote_depth: u32,
    /// Subtrees of the container that hold more than this many characters are
    /// never dropped for their names.
    pub(super) keep_above: u32,
    pub(super) caption_nodes: Vec<NodeId>,
}

impl Emitter<'_, '_> {
    pub(super) fn flush(&mut self) {
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

    pub(super) fn remove(&mut self, id: NodeId, why: &'static str) {
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
    pub(super) fn soft_drop(&self, id: NodeId, tag: Tag) -> Option<&'static str> {
        let i = id as usize;
        let h = self.a.hints[i];
        let text = self.a.text[i];
        // Names on links and inline formatting describe a word of the text
        // (`<a id="auto-tag_x">`), not a box around it.
        if tag == Tag::A || !(is_container(tag) || tag == Tag::Span) {
            return None;
        }
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
        // Bylines, datelines and other metadata; a "title" names only
        // headline containers, not paragraphs (`<p class="title">` can be a lead).
        let meta = patterns::BYLINE | patterns::META | if tag == Tag::P { 0 } else { patterns::HEADER };
        if h & meta != 0 && h & patterns::POSITIVE == 0 && text < 300 {
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

    pub(super) fn emit(&mut self, root: NodeId) {
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

    pub(super) fn text_node(&mut self, id: NodeId) {
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
    pub(super) fn enter(&mut self, id: NodeId) -> bool {
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
        if self.a.hints[i] & patterns::CREDIT != 0 && self.a.hints[i] & patterns::POSITIVE == 0 && self.a.text[i] < 200
        {
            self.builder.space(node.start as usize..node.start as usize);
            self.remove(id, "credit");
            return false;
        }
        // A figure named "has-caption" holds a caption; it is not one.
        let caption_named = self.a.hints[i] & patterns::CAPTION != 0 && !matches!(tag, Tag::Figure | Tag::Picture);
        if tag == Tag::Figcaption || (caption_named && self.a.text[i] < 400) {
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

    pub(super) fn exit(&mut self, id: NodeId) {
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
pub(super) fn weak_block(b: &RawBlock, cfg: &HtmlConfig) -> bool {
    if b.chars == 0 {
        return true;
    }
    let ld = b.link_chars as f32 / b.chars as f32;
    let plain = b.chars.saturating_sub(b.link_chars);
    // Mostly links: a link list or a "Read more" line. A sentence with a long
    // link in it still has some words of its own.
    if ld > 0.8 {
        return true;
    }
    if ld > cfg.max_link_density && plain < 40 {
        // A sentence of the story that happens to be mostly links stays.
        let t = b.text.as_str().trim_end_matches(['"', '\'', '”', '’', ')']);
        let sentence = t.ends_with(['.', '!', '?']) && t.split_whitespace().count() >= 5;
        return !sentence;
    }
    b.chars < 40 && ld > 0.2
}

/// Drops link lines, junk lines ("Advertisement") and lists introduced by a
/// "Related stories"-style heading.
pub(super) fn filter_blocks(raw: Vec<RawBlock>, cfg: &HtmlConfig, removed: &mut Vec<Removal>) -> Vec<Block> {
    let mut out = Vec::with_capacity(raw.len());
    let mut in_list_after_opener = false;
    for b in raw {
        if in_list_after_opener && (b.kind == BlockKind::ListItem || b.link_chars * 2 >= b.chars) {
            note_block(&b, "related", removed);
            continue;
        }
        in_list_after_opener = false;
        if weak_block(&b, cfg) {
            continue;
        }
        // Table cells are data: "2019" or "Nov. 19" in a table is content.
        let kind = if b.kind == BlockKind::TableCell { LineKind::Text } else { patterns::line_kind(b.text.as_str()) };
        match kind {
            LineKind::Text => out.push(Block { kind: b.kind, text: b.text }),
            LineKind::Junk => note_block(&b, "boilerplate", removed),
            LineKind::Credit => note_block(&b, "byline", removed),
            LineKind::ListOpener => {
                note_block(&b, "related", removed);
                in_list_after_opener = true;
            }
        }
    }
    out
}

pub(super) fn note_block(b: &RawBlock, why: &'static str, removed: &mut Vec<Removal>) {
    if !b.text.is_empty() {
        removed.push(Removal { span: b.text.to_original(0..b.text.len()), why });
    }
}
