//! A light document tree built from the tokens, robust to broken markup.
//!
//! Nodes live in an arena in document order (a node's id is larger than its
//! parent's and than its previous siblings'), so bottom-up passes are a reverse
//! loop over the arena and top-down passes a forward loop: nothing recurses on
//! the input's depth.
//!
//! The builder applies the standard's implied end tags that matter for text
//! (`<p>` closed by block starts, `<li>`, `<dt>`/`<dd>`, `<option>`, table rows
//! and cells, nested `<a>` and headings), honours `<x/>` on non-void elements
//! (XHTML habit, common in feeds), bounds end-tag matching by table scope, and
//! stops nesting at a depth limit: deeper elements are not created (their text
//! goes to the deepest element kept) and a diagnostic is raised.

use std::ops::Range;

use crate::tag::{AttrName, Tag};
use crate::tokenizer::{Attr, TextKind, Token, Tokenizer};

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;
/// "No node" in the links of a [`Node`].
pub const NONE: NodeId = u32::MAX;

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeData {
    Document,
    /// `attrs` indexes [`Dom::attrs`]; `name` is the name's bytes in the source.
    Element {
        tag: Tag,
        name: Range<u32>,
        attrs: Range<u32>,
    },
    Text {
        kind: TextKind,
    },
    Comment,
}

/// One node; `start..end` are the bytes it covers in the source (an element
/// from its start tag to the end of its end tag, or to where it was implicitly
/// closed).
#[derive(Debug, Clone)]
pub struct Node {
    pub data: NodeData,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
    pub start: u32,
    pub end: u32,
}

/// The tree of a document.
#[derive(Debug)]
pub struct Dom<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
    /// Where the input ended inside a tag, comment or raw text.
    pub truncated: Option<usize>,
    /// Offset of the first element dropped by the depth limit.
    pub depth_limited: Option<usize>,
}

impl<'a> Dom<'a> {
    /// Parses `src`, nesting at most `max_depth` elements deep.
    pub fn parse(src: &'a str, max_depth: usize) -> Dom<'a> {
        assert!(src.len() < u32::MAX as usize, "input larger than 4 GiB");
        let mut b = Builder {
            dom: Dom {
                src,
                nodes: Vec::with_capacity(src.len() / 40 + 8),
                attrs: Vec::with_capacity(src.len() / 80 + 8),
                truncated: None,
                depth_limited: None,
            },
            stack: Vec::with_capacity(64),
            phantoms: Vec::new(),
            max_depth: max_depth.max(1),
        };
        b.dom.nodes.push(Node {
            data: NodeData::Document,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start: 0,
            end: src.len() as u32,
        });
        let mut tok = Tokenizer::new(src);
        while let Some(t) = tok.next() {
            b.token(t, tok.attrs());
        }
        let end = src.len() as u32;
        while let Some((id, _)) = b.stack.pop() {
            b.dom.nodes[id as usize].end = end;
        }
        b.dom.truncated = tok.truncated;
        b.dom
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The element's tag, if `id` is an element.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match self.nodes[id as usize].data {
            NodeData::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// The element's name as written (any case).
    pub fn name(&self, id: NodeId) -> &'a str {
        match &self.nodes[id as usize].data {
            NodeData::Element { name, .. } => &self.src[name.start as usize..name.end as usize],
            _ => "",
        }
    }

    /// Raw value of an attribute (character references not decoded).
    pub fn attr(&self, id: NodeId, name: AttrName) -> Option<&'a str> {
        let NodeData::Element { attrs, .. } = &self.nodes[id as usize].data else {
            return None;
        };
        self.attrs[attrs.start as usize..attrs.end as usize]
            .iter()
            .find(|a| a.name == name)
            .map(|a| &self.src[a.value.clone()])
    }

    /// The attributes of an element.
    pub fn attrs_of(&self, id: NodeId) -> &[Attr] {
        match &self.nodes[id as usize].data {
            NodeData::Element { attrs, .. } => &self.attrs[attrs.start as usize..attrs.end as usize],
            _ => &[],
        }
    }

    /// Children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        Children { dom: self, next: self.nodes[id as usize].first_child }
    }

    /// One past the last node of `id`'s subtree (arena order).
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        // The first next sibling found climbing up from `id` follows its whole subtree.
        let mut n = id;
        while n != NONE {
            let node = &self.nodes[n as usize];
            if node.next_sibling != NONE {
                return node.next_sibling;
            }
            n = node.parent;
        }
        self.nodes.len() as NodeId
    }
}

/// Iterator over a node's children.
#[derive(Debug)]
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next_sibling;
        Some(id)
    }
}

struct Builder<'a> {
    dom: Dom<'a>,
    /// Open elements (not counting the document), with their tags.
    stack: Vec<(NodeId, Tag)>,
    /// Elements opened beyond the depth limit: only their tags (and names) are
    /// kept, to match their end tags.
    phantoms: Vec<(Tag, Range<usize>)>,
    max_depth: usize,
}

impl Builder<'_> {
    fn current(&self) -> NodeId {
        self.stack.last().map_or(0, |&(id, _)| id)
    }

    fn append(&mut self, data: NodeData, span: Range<usize>) -> NodeId {
        let parent = self.current();
        let id = self.dom.nodes.len() as NodeId;
        self.dom.nodes.push(Node {
            data,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start: span.start as u32,
            end: span.end as u32,
        });
        let p = &mut self.dom.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.dom.nodes[prev as usize].next_sibling = id;
        }
        id
    }

    /// Pops the open elements above and including stack index `i`; they end at `end`.
    fn pop_to(&mut self, i: usize, end: usize) {
        while self.stack.len() > i {
            if let Some((id, _)) = self.stack.pop() {
                self.dom.nodes[id as usize].end = end as u32;
            }
        }
    }

    /// Index in the stack of the nearest open `tag` within scope, if any.
    /// `stop` lists extra tags that end the search.
    fn find_open(&self, tag: Tag, stop: &[Tag]) -> Option<usize> {
        for i in (0..self.stack.len()).rev() {
            let t = self.stack[i].1;
            if t == tag {
                return Some(i);
            }
            if t.is_scope_boundary() || stop.contains(&t) {
                return None;
            }
        }
        None
    }

    fn close_implied(&mut self, tag: Tag, at: usize) {
        if tag.closes_p()
            && let Some(i) = self.find_open(Tag::P, &[Tag::Button])
        {
            self.pop_to(i, at);
        }
        match tag {
            Tag::Li => self.close_list_item(&[Tag::Li], &[Tag::Ul, Tag::Ol, Tag::Menu], at),
            Tag::Dt | Tag::Dd => self.close_list_item(&[Tag::Dt, Tag::Dd], &[Tag::Dl], at),
            _ if tag.is_heading() => {
                if let Some(&(_, t)) = self.stack.last()
                    && t.is_heading()
                {
                    self.pop_to(self.stack.len() - 1, at);
                }
            }
            Tag::Option | Tag::Optgroup => {
                if let Some(&(_, Tag::Option)) = self.stack.last() {
                    self.pop_to(self.stack.len() - 1, at);
                }
                if tag == Tag::Optgroup
                    && let Some(&(_, Tag::Optgroup)) = self.stack.last()
                {
                    self.pop_to(self.stack.len() - 1, at);
                }
            }
            Tag::Tr => self.close_table_part(
                &[Tag::Tr, Tag::Td, Tag::Th],
                &[Tag::Table, Tag::Thead, Tag::Tbody, Tag::Tfoot],
                at,
            ),
            Tag::Td | Tag::Th => self.close_table_part(&[Tag::Td, Tag::Th], &[Tag::Tr, Tag::Table], at),
            Tag::Thead | Tag::Tbody | Tag::Tfoot => self.close_table_part(
                &[Tag::Tr, Tag::Td, Tag::Th, Tag::Thead, Tag::Tbody, Tag::Tfoot],
                &[Tag::Table],
                at,
            ),
            Tag::A | Tag::Nobr | Tag::Button | Tag::Form => {
                if let Some(i) = self.find_open(tag, &[]) {
                    self.pop_to(i, at);
                }
            }
            _ => {}
        }
    }

    /// Closes an open `items` element unless a `lists` element (or a block
    /// other than div/p/address) comes first.
    fn close_list_item(&mut self, items: &[Tag], lists: &[Tag], at: usize) {
        for i in (0..self.stack.len()).rev() {
            let t = self.stack[i].1;
            if items.contains(&t) {
                self.pop_to(i, at);
                return;
            }
            if lists.contains(&t)
                || t.is_scope_boundary()
                || (t.is_block() && !matches!(t, Tag::Div | Tag::P | Tag::Address))
            {
                return;
            }
        }
    }

    /// Closes the innermost of `parts` if it is open inside the nearest `within`.
    fn close_table_part(&mut self, parts: &[Tag], within: &[Tag], at: usize) {
        for i in (0..self.stack.len()).rev() {
            let t = self.stack[i].1;
            if within.contains(&t) || t == Tag::Table || t == Tag::Html {
                // Close everything above the table part we stopped at.
                return;
            }
            if parts.contains(&t) {
                // The outermost consecutive part (a cell inside a row closes both for `<tr>`).
                let mut j = i;
                while j > 0 && parts.contains(&self.stack[j - 1].1) {
                    j -= 1;
                }
                self.pop_to(j, at);
                return;
            }
        }
    }

    fn token(&mut self, t: Token, attrs: &[Attr]) {
        match t {
            Token::Text { range, kind } => {
                if let Some((tag, _)) = self.phantoms.last()
                    && tag.is_raw_text()
                {
                    return;
                }
                // Merge with a preceding text node (a literal `<` splits text tokens).
                let cur = self.current();
                let last = self.dom.nodes[cur as usize].last_child;
                if last != NONE {
                    let n = &mut self.dom.nodes[last as usize];
                    if matches!(n.data, NodeData::Text { kind: k } if k == kind) && n.end as usize == range.start {
                        n.end = range.end as u32;
                        return;
                    }
                }
                self.append(NodeData::Text { kind }, range);
            }
            Token::Comment { span, .. } => {
                self.append(NodeData::Comment, span);
            }
            Token::Doctype { .. } => {}
            Token::Start { tag, name, self_closing, span } => self.start(tag, name, self_closing, span, attrs),
            Token::End { tag, name, span } => self.end(tag, name, span),
        }
    }

    fn start(&mut self, tag: Tag, name: Range<usize>, self_closing: bool, span: Range<usize>, attrs: &[Attr]) {
        let at = span.start;
        if matches!(tag, Tag::Html | Tag::Body | Tag::Head) && self.stack.iter().any(|&(_, t)| t == tag) {
            return;
        }
        let leaf = tag.is_void() || self_closing;
        if !self.phantoms.is_empty() || (!leaf && self.stack.len() >= self.max_depth) {
            if leaf {
                // Leaves do not nest: keep them (without implied end tags).
                let a0 = self.dom.attrs.len() as u32;
                self.dom.attrs.extend_from_slice(attrs);
                let a1 = self.dom.attrs.len() as u32;
                let data = NodeData::Element { tag, name: name.start as u32..name.end as u32, attrs: a0..a1 };
                self.append(data, span);
                return;
            }
            self.dom.depth_limited.get_or_insert(at);
            self.break_mark(tag, &name, span);
            self.phantoms.push((tag, name));
            return;
        }
        if tag == Tag::Body
            && let Some(i) = self.find_open(Tag::Head, &[])
        {
            self.pop_to(i, at);
        }
        self.close_implied(tag, at);
        let a0 = self.dom.attrs.len() as u32;
        self.dom.attrs.extend_from_slice(attrs);
        let a1 = self.dom.attrs.len() as u32;
        let data = NodeData::Element { tag, name: name.start as u32..name.end as u32, attrs: a0..a1 };
        let id = self.append(data, span);
        if !leaf {
            self.stack.push((id, tag));
        }
    }

    /// Where an element beyond the depth limit starts or ends, a block element
    /// still separates words: it leaves a `<br>`-like leaf in the tree.
    fn break_mark(&mut self, tag: Tag, name: &Range<usize>, span: Range<usize>) {
        if tag.is_block() || tag == Tag::Other {
            let a = self.dom.attrs.len() as u32;
            let data = NodeData::Element { tag: Tag::Br, name: name.start as u32..name.end as u32, attrs: a..a };
            self.append(data, span);
        }
    }

    fn end(&mut self, tag: Tag, name: Range<usize>, span: Range<usize>) {
        let src = self.dom.src.as_bytes();
        let same = |t: Tag, n: &Range<usize>| {
            t == tag && (tag != Tag::Other || src[n.clone()].eq_ignore_ascii_case(&src[name.clone()]))
        };
        if !self.phantoms.is_empty() {
            let n = self.phantoms.len();
            if let Some(k) = (n.saturating_sub(16)..n).rev().find(|&k| same(self.phantoms[k].0, &self.phantoms[k].1)) {
                self.phantoms.truncate(k);
                self.break_mark(tag, &name, span);
            }
            return;
        }
        match tag {
            Tag::Br => {
                let a = self.dom.attrs.len() as u32;
                let data = NodeData::Element { tag, name: name.start as u32..name.end as u32, attrs: a..a };
                self.append(data, span);
                return;
            }
            Tag::Html | Tag::Body => return,
            _ => {}
        }
        let mut found = None;
        for i in (0..self.stack.len()).rev() {
            let (id, t) = self.stack[i];
            let hit = if tag.is_heading() {
                t.is_heading()
            } else if tag == Tag::Other {
                t == Tag::Other && {
                    let NodeData::Element { name: n, .. } = &self.dom.nodes[id as usize].data else { break };
                    src[n.start as usize..n.end as usize].eq_ignore_ascii_case(&src[name.clone()])
                }
            } else {
                t == tag
            };
            if hit {
                found = Some(i);
                break;
            }
            if t.is_scope_boundary() {
                // Table structure may close past a cell; nothing else crosses a scope boundary.
                let crosses = matches!(t, Tag::Td | Tag::Th)
                    && matches!(tag, Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot | Tag::Tr);
                if !crosses {
                    break;
                }
            }
        }
        if let Some(i) = found {
            self.pop_to(i, span.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the tree as `tag(children)` for compact assertions.
    fn shape(dom: &Dom<'_>) -> String {
        let mut out = String::new();
        // Iterative pre-order with explicit close markers.
        let mut stack: Vec<(NodeId, bool)> =
            dom.children(0).collect::<Vec<_>>().into_iter().rev().map(|c| (c, false)).collect();
        while let Some((id, closing)) = stack.pop() {
            if closing {
                out.push(')');
                continue;
            }
            let n = dom.node(id);
            match &n.data {
                NodeData::Element { .. } => {
                    out.push_str(&dom.name(id).to_ascii_lowercase());
                    out.push('(');
                    stack.push((id, true));
                    let kids: Vec<_> = dom.children(id).collect();
                    for k in kids.into_iter().rev() {
                        stack.push((k, false));
                    }
                }
                NodeData::Text { .. } => out.push_str(dom.src[n.start as usize..n.end as usize].trim()),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn implied_end_tags() {
        let d = Dom::parse("<p>a<p>b<div>c</div><ul><li>1<li>2</ul><table><tr><td>x<td>y<tr><td>z</table>", 256);
        assert_eq!(shape(&d), "p(a)p(b)div(c)ul(li(1)li(2))table(tr(td(x)td(y))tr(td(z)))");
    }

    #[test]
    fn misnested_and_stray_end_tags() {
        let d = Dom::parse("<div><b>x</div>y</b></p><span/>z<a>1<a>2</a>", 256);
        assert_eq!(shape(&d), "div(b(x))yspan()za(1)a(2)");
    }

    #[test]
    fn end_tag_does_not_cross_a_table_cell() {
        let d = Dom::parse("<div><table><tr><td>a</div>b</td></tr></table>c</div>d", 256);
        assert_eq!(shape(&d), "div(table(tr(td(ab)))c)d");
    }

    #[test]
    fn depth_limit_flattens() {
        let mut s = String::new();
        for _ in 0..1000 {
            s.push_str("<div>");
        }
        s.push_str("deep");
        for _ in 0..1000 {
            s.push_str("</div>");
        }
        s.push_str("<p>after</p>");
        let d = Dom::parse(&s, 256);
        assert!(d.depth_limited.is_some());
        // No node is deeper than the limit (plus the text inside the deepest element).
        let depth = |mut id: NodeId| {
            let mut n = 0;
            while id != 0 {
                id = d.node(id).parent;
                n += 1;
            }
            n
        };
        assert!((0..d.nodes.len() as NodeId).all(|id| depth(id) <= 257));
        assert!(shape(&d).ends_with("p(after)"));
    }

    #[test]
    fn spans_cover_elements() {
        let s = "<div id=a><p>x</p></div>";
        let d = Dom::parse(s, 256);
        let div = d.children(0).next().unwrap_or(NONE);
        assert_eq!((d.node(div).start, d.node(div).end), (0, s.len() as u32));
        assert_eq!(d.attr(div, AttrName::Id), Some("a"));
    }
}
