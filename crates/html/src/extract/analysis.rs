//! Per-node facts: what each element is (dropped outright, boilerplate by
//! its names, unlikely to hold the article) and how much text it holds.

use crate::dom::{Dom, NodeData, NodeId};
use crate::meta;
use crate::patterns::{self, Hints, LineKind};
use crate::tag::{AttrName, Tag};
use crate::tokenizer::TextKind;

/// Why an element is dropped outright (`0` = not dropped).
pub(super) const KEEP: u8 = 0;
pub(super) const DROP_SCRIPT: u8 = 1;
pub(super) const DROP_NAV: u8 = 2;
pub(super) const DROP_FOOTER: u8 = 3;
pub(super) const DROP_HIDDEN: u8 = 4;
pub(super) const DROP_MEDIA: u8 = 5;
pub(super) const DROP_ASIDE: u8 = 6;

pub(super) fn drop_reason(code: u8) -> &'static str {
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
pub(super) struct Analysis<'a> {
    pub(super) dom: Dom<'a>,
    /// Own hints of each element (from its names).
    pub(super) hints: Vec<Hints>,
    /// Dropped outright, inherited (the code of the outermost reason).
    pub(super) dropped: Vec<u8>,
    /// Inside an element whose names say boilerplate (for scoring).
    pub(super) unlikely: Vec<bool>,
    /// Visible characters in the subtree.
    pub(super) text: Vec<u32>,
    /// Visible characters inside links in the subtree.
    pub(super) link: Vec<u32>,
    /// Characters of the element's own inline text (not through block children).
    pub(super) own: Vec<u32>,
    pub(super) own_link: Vec<u32>,
    pub(super) own_commas: Vec<u32>,
}

/// Block-level for text flow: the known block tags. Unknown (custom)
/// elements flow inline (`<hl-trusted-source>` wraps a citation in a sentence);
/// block children inside them still break the text.
pub(super) fn is_block(tag: Tag) -> bool {
    tag.is_block()
}

/// Elements that may hold the article when scoring: blocks, and custom
/// elements, which are mostly containers.
pub(super) fn is_container(tag: Tag) -> bool {
    tag.is_block() || tag == Tag::Other
}

pub(super) fn visible_chars(s: &[u8]) -> (u32, u32) {
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

pub(super) fn style_hidden(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

impl<'a> Analysis<'a> {
    pub(super) fn new(dom: Dom<'a>) -> Self {
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

    /// A box that opens with a "Related stories" / "Comments" heading is that
    /// kind of box, whatever its own names say.
    pub(super) fn heading_hints(&mut self) {
        let dom = &self.dom;
        for id in 1..dom.nodes.len() as NodeId {
            let Some(tag) = dom.tag(id) else { continue };
            if !tag.is_heading() {
                continue;
            }
            let parent = dom.node(id).parent;
            let first = dom.children(parent).find(|&c| match dom.node(c).data {
                NodeData::Element { .. } => true,
                NodeData::Text { .. } => {
                    let n = dom.node(c);
                    !dom.src[n.start as usize..n.end as usize].trim().is_empty()
                }
                _ => false,
            });
            // Only a heading's own short text is read (a heading left open
            // around the rest of the page is not a heading).
            let n = dom.node(id);
            if first != Some(id) || parent == 0 || n.end - n.start > 2000 {
                continue;
            }
            let mut h = dom.attr(id, AttrName::Class).map_or(0, patterns::hints);
            if h & (patterns::RELATED | patterns::COMMENTS) == 0
                && patterns::line_kind(meta::element_text(dom, id).as_str()) == LineKind::ListOpener
            {
                h |= patterns::RELATED;
            }
            if h & (patterns::RELATED | patterns::COMMENTS) != 0 {
                self.hints[parent as usize] |= h & (patterns::RELATED | patterns::COMMENTS) | patterns::LIST_BOX;
            }
        }
    }

    /// Hover cards: inline elements named as pop-ups that hold no other
    /// pop-up (`<span class="rollover-people">` wraps a name and the hidden
    /// `rollover-people-block` card; only the card goes).
    pub(super) fn popups(&self) -> Vec<bool> {
        let dom = &self.dom;
        let n = dom.nodes.len();
        let mut popup = vec![false; n];
        let mut any = false;
        for (id, p) in popup.iter_mut().enumerate().skip(1) {
            if let Some(tag) = dom.tag(id as NodeId)
                && !tag.is_block()
                && tag != Tag::A
                && dom.attr(id as NodeId, AttrName::Class).is_some_and(patterns::class_popup)
            {
                *p = true;
                any = true;
            }
        }
        if !any {
            return popup;
        }
        let mut below = vec![false; n];
        for id in (1..n).rev() {
            let parent = dom.nodes[id].parent as usize;
            if popup[id] || below[id] {
                below[parent] = true;
            }
        }
        for (p, b) in popup.iter_mut().zip(&below) {
            *p &= !b;
        }
        popup
    }

    // The loop reads and writes several parallel per-node arrays by id.
    #[allow(clippy::needless_range_loop)]
    pub(super) fn classify(&mut self) {
        self.heading_hints();
        let popups = self.popups();
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
                        hidden |= patterns::class_hidden(v) || popups[id];
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
            self.hints[id] |= h;
            let h = self.hints[id];
            let own = match tag {
                // The <head> goes with the scripts: its <title> and metadata
                // are read into fields, not body text.
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
            let negative = (h & patterns::NEGATIVE != 0 && h & patterns::POSITIVE == 0) || h & patterns::LIST_BOX != 0;
            self.unlikely[id] = self.unlikely[parent] || (negative && !matches!(tag, Tag::Body | Tag::Html | Tag::A));
        }
    }

    /// Bottom-up counts. A dropped subtree is measured too (for reporting),
    /// but does not add to its kept parent.
    pub(super) fn measure(&mut self) {
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

    pub(super) fn tag(&self, id: NodeId) -> Option<Tag> {
        self.dom.tag(id)
    }

    pub(super) fn link_density(&self, id: NodeId) -> f32 {
        let t = self.text[id as usize];
        if t == 0 { 0.0 } else { self.link[id as usize] as f32 / t as f32 }
    }
}
