//! A lenient HTML tokenizer that keeps byte offsets.
//!
//! It follows the HTML standard's tokenizer where that matters for text
//! extraction (tag and attribute syntax, comments, raw-text elements such as
//! `<script>`, case-insensitive names) and simplifies the rest: attributes the
//! extractor does not read are skipped, character references are left in place
//! (they are decoded when text is built, so that offsets stay exact), and
//! malformed markup never fails. Input that ends inside a tag or comment sets
//! [`Tokenizer::truncated`]; such a partial tag is dropped, as browsers do.

use std::ops::Range;

use memchr::{memchr, memmem};

use crate::tag::{AttrName, Tag};

/// An attribute kept by the tokenizer: its name and the raw bytes of its value
/// (character references not yet decoded; empty for a bare attribute).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: AttrName,
    pub value: Range<usize>,
}

/// What kind of character data a text token holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Ordinary text: character references apply.
    Data,
    /// Content of `<title>` or `<textarea>`: no markup, references apply.
    RcData,
    /// Content of `<script>`, `<style>`...: verbatim.
    Raw,
}

/// One token. Ranges are byte offsets into the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A start tag; its attributes are in [`Tokenizer::attrs`] until the next token.
    Start {
        tag: Tag,
        name: Range<usize>,
        self_closing: bool,
        span: Range<usize>,
    },
    End {
        tag: Tag,
        name: Range<usize>,
        span: Range<usize>,
    },
    Text {
        range: Range<usize>,
        kind: TextKind,
    },
    /// A comment's content (between `<!--` and `-->`), or a bogus comment's.
    Comment {
        content: Range<usize>,
        span: Range<usize>,
    },
    Doctype {
        span: Range<usize>,
    },
}

/// Streaming tokenizer over a `&str`.
#[derive(Debug)]
pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: the element whose end tag ends the text.
    raw: Option<(Tag, Range<usize>)>,
    attrs: Vec<Attr>,
    /// Offset where the input was found to end inside a tag, comment or raw text.
    pub truncated: Option<usize>,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Self {
        Self { src, pos: 0, raw: None, attrs: Vec::with_capacity(8), truncated: None }
    }

    /// Attributes of the last start tag.
    pub fn attrs(&self) -> &[Attr] {
        &self.attrs
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Reads raw text up to the end tag of the current raw-text element.
    fn raw_text(&mut self, tag: Tag, name: Range<usize>) -> Option<Token> {
        let b = self.bytes();
        let start = self.pos;
        let name = &b[name];
        let kind = if tag.is_rcdata() { TextKind::RcData } else { TextKind::Raw };
        let mut i = start;
        let end = loop {
            let Some(p) = memchr(b'<', &b[i..]) else {
                if tag != Tag::Plaintext {
                    self.truncated.get_or_insert(b.len());
                }
                break b.len();
            };
            let lt = i + p;
            let after = lt + 2 + name.len();
            if b.get(lt + 1) == Some(&b'/')
                && b.len() >= after
                && b[lt + 2..after].eq_ignore_ascii_case(name)
                && b.get(after).is_none_or(|&c| is_ws(c) || c == b'>' || c == b'/')
                && tag != Tag::Plaintext
            {
                break lt;
            }
            i = lt + 1;
        };
        self.pos = end;
        if end > start { Some(Token::Text { range: start..end, kind }) } else { None }
    }

    /// Parses a start or end tag whose name starts at `name_start`; `lt` is the `<`.
    fn tag(&mut self, lt: usize, name_start: usize, end_tag: bool) -> Option<Token> {
        let b = self.bytes();
        let mut i = name_start;
        while i < b.len() && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name = name_start..i;
        let tag = Tag::from_name(&b[name.clone()]);
        self.attrs.clear();
        let mut self_closing = false;
        loop {
            while i < b.len() && is_ws(b[i]) {
                i += 1;
            }
            let Some(&c) = b.get(i) else {
                return self.eof_in_tag();
            };
            match c {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if b.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                _ => {}
            }
            // Attribute name: the first character may be anything (even `=`).
            let an_start = i;
            i += 1;
            while i < b.len() && !is_ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let an_end = i;
            while i < b.len() && is_ws(b[i]) {
                i += 1;
            }
            let mut value = i..i;
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && is_ws(b[i]) {
                    i += 1;
                }
                match b.get(i) {
                    None => return self.eof_in_tag(),
                    Some(&q @ (b'"' | b'\'')) => {
                        let Some(p) = memchr(q, &b[i + 1..]) else {
                            return self.eof_in_tag();
                        };
                        value = i + 1..i + 1 + p;
                        i = i + 2 + p;
                    }
                    Some(_) => {
                        let s = i;
                        while i < b.len() && !is_ws(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        value = s..i;
                    }
                }
            }
            if !end_tag
                && let Some(name) = AttrName::from_name(&b[an_start..an_end])
                && !self.attrs.iter().any(|a| a.name == name)
            {
                self.attrs.push(Attr { name, value });
            }
        }
        self.pos = i;
        let span = lt..i;
        if end_tag {
            return Some(Token::End { tag, name, span });
        }
        if tag.is_raw_text() {
            self.raw = Some((tag, name.clone()));
            self_closing = false;
        }
        Some(Token::Start { tag, name, self_closing, span })
    }

    fn eof_in_tag(&mut self) -> Option<Token> {
        self.truncated.get_or_insert(self.src.len());
        self.pos = self.src.len();
        None
    }

    /// A bogus comment (`<!x>`, `<?x>`, `</ x>`): content up to the next `>`.
    fn bogus_comment(&mut self, lt: usize, content_start: usize) -> Token {
        let b = self.bytes();
        let (content_end, end) = match memchr(b'>', &b[content_start.min(b.len())..]) {
            Some(p) => (content_start + p, content_start + p + 1),
            None => {
                self.truncated.get_or_insert(b.len());
                (b.len(), b.len())
            }
        };
        self.pos = end;
        let content = content_start.min(content_end)..content_end;
        if b[content.clone()].len() >= 7 && b[content.start..content.start + 7].eq_ignore_ascii_case(b"doctype") {
            return Token::Doctype { span: lt..end };
        }
        Token::Comment { content, span: lt..end }
    }

    fn comment(&mut self, lt: usize) -> Token {
        let b = self.bytes();
        let start = lt + 4;
        // `<!-->` and `<!--->` are complete (empty) comments.
        if b.get(start) == Some(&b'>') {
            self.pos = start + 1;
            return Token::Comment { content: start..start, span: lt..start + 1 };
        }
        if b.get(start..start + 2) == Some(b"->") {
            self.pos = start + 2;
            return Token::Comment { content: start..start, span: lt..start + 2 };
        }
        match memmem::find(&b[start..], b"-->") {
            Some(p) => {
                self.pos = start + p + 3;
                Token::Comment { content: start..start + p, span: lt..self.pos }
            }
            None => {
                self.truncated.get_or_insert(b.len());
                self.pos = b.len();
                Token::Comment { content: start..b.len(), span: lt..b.len() }
            }
        }
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        if let Some((tag, name)) = self.raw.take()
            && let Some(t) = self.raw_text(tag, name)
        {
            return Some(t);
        }
        let b = self.bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            if b[start] != b'<' {
                let end = memchr(b'<', &b[start..]).map_or(b.len(), |p| start + p);
                self.pos = end;
                return Some(Token::Text { range: start..end, kind: TextKind::Data });
            }
            let lt = start;
            match b.get(lt + 1) {
                Some(c) if c.is_ascii_alphabetic() => {
                    if let Some(t) = self.tag(lt, lt + 1, false) {
                        return Some(t);
                    }
                    return None;
                }
                Some(b'/') => match b.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => return self.tag(lt, lt + 2, true),
                    Some(b'>') => {
                        self.pos = lt + 3;
                        continue;
                    }
                    None => return self.eof_in_tag(),
                    Some(_) => return Some(self.bogus_comment(lt, lt + 2)),
                },
                Some(b'!') => {
                    if b.get(lt + 2..lt + 4) == Some(b"--") {
                        return Some(self.comment(lt));
                    }
                    return Some(self.bogus_comment(lt, lt + 2));
                }
                Some(b'?') => return Some(self.bogus_comment(lt, lt + 1)),
                None => {
                    self.pos = b.len();
                    return Some(Token::Text { range: lt..lt + 1, kind: TextKind::Data });
                }
                Some(_) => {
                    // A literal `<`: text up to the next `<` after it.
                    let end = memchr(b'<', &b[lt + 1..]).map_or(b.len(), |p| lt + 1 + p);
                    self.pos = end;
                    return Some(Token::Text { range: lt..end, kind: TextKind::Data });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Token> {
        Tokenizer::new(s).collect()
    }

    #[test]
    fn tags_text_and_attrs() {
        let s = r#"<DIV Class="a b" id=x data-q='1'>Hi &amp; <br/>there</div>"#;
        let mut t = Tokenizer::new(s);
        let Some(Token::Start { tag: Tag::Div, self_closing: false, .. }) = t.next() else { panic!() };
        assert_eq!(t.attrs().len(), 2);
        assert_eq!(&s[t.attrs()[0].value.clone()], "a b");
        assert_eq!(&s[t.attrs()[1].value.clone()], "x");
        assert!(matches!(t.next(), Some(Token::Text { kind: TextKind::Data, .. })));
        assert!(matches!(t.next(), Some(Token::Start { tag: Tag::Br, self_closing: true, .. })));
        assert!(matches!(t.next(), Some(Token::Text { .. })));
        assert!(matches!(t.next(), Some(Token::End { tag: Tag::Div, .. })));
        assert_eq!(t.next(), None);
        assert_eq!(t.truncated, None);
    }

    #[test]
    fn raw_text_and_comments() {
        let s = "<script>if (a<b) x='</p>';</SCRIPT ><!-- c -- d --><p>x";
        let v = toks(s);
        assert!(
            matches!(&v[1], Token::Text { range, kind: TextKind::Raw } if &s[range.clone()] == "if (a<b) x='</p>';")
        );
        assert!(matches!(&v[2], Token::End { tag: Tag::Script, .. }));
        assert!(matches!(&v[3], Token::Comment { content, .. } if &s[content.clone()] == " c -- d "));
        assert!(matches!(&v[4], Token::Start { tag: Tag::P, .. }));
    }

    #[test]
    fn truncation_is_reported() {
        for s in ["<p>a<a href=\"x", "<p>a<!-- never", "<script>x", "<div class", "<p>x</"] {
            let mut t = Tokenizer::new(s);
            for _ in t.by_ref() {}
            assert!(t.truncated.is_some(), "{s}");
        }
        let mut t = Tokenizer::new("a < b <3 <");
        let v: Vec<_> = t.by_ref().collect();
        assert!(v.iter().all(|t| matches!(t, Token::Text { .. })));
    }
}
