//! Page metadata: headline candidates and the publication date, from `<meta>`
//! tags, JSON-LD, `<time>` and `<title>`.

use attache_model::{AlignedText, Field, Span};
use memchr::memmem;

use crate::dom::{Dom, NodeData, NodeId};
use crate::entities::decode_str;
use crate::tag::{AttrName, Tag};
use crate::text::TextBuilder;
use crate::tokenizer::TextKind;

/// What the metadata pass found.
#[derive(Debug, Default)]
pub struct Meta {
    pub og_title: Option<Field>,
    og_seen: bool,
    /// `og:site_name` or `application-name`, to cut from headlines.
    pub site_name: Option<String>,
    pub title_tag: Option<AlignedText>,
    /// (priority, date): lower priority wins.
    pub published: Option<(u8, String)>,
}

/// Normalises a date-ish string to `YYYY-MM-DD` (from ISO 8601, `YYYY/MM/DD`,
/// `YYYYMMDD` or an embedded ISO date).
pub fn iso_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |i: usize, n: usize| b.get(i..i + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let num = |i: usize, n: usize| s[i..i + n].parse::<u32>().ok();
    for i in 0..b.len().saturating_sub(7) {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        if !digits(i, 4) {
            continue;
        }
        let (m, d) = if matches!(b.get(i + 4), Some(b'-' | b'/' | b'.'))
            && digits(i + 5, 2)
            && b.get(i + 7) == b.get(i + 4)
            && digits(i + 8, 2)
        {
            (num(i + 5, 2), num(i + 8, 2))
        } else if digits(i, 8) && !b.get(i + 8).is_some_and(u8::is_ascii_digit) {
            (num(i + 4, 2), num(i + 6, 2))
        } else {
            continue;
        };
        let y = num(i, 4)?;
        let (m, d) = (m?, d?);
        if (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

fn consider(meta: &mut Meta, prio: u8, value: &str) {
    if meta.published.as_ref().is_some_and(|(p, _)| *p <= prio) {
        return;
    }
    if let Some(d) = iso_date(value) {
        meta.published = Some((prio, d));
    }
}

/// A field from an attribute value (its span is the raw value's bytes).
fn attr_field(dom: &Dom<'_>, value: &str) -> Option<Field> {
    let text = attache_model::normalize_ws(&decode_str(value, true));
    if text.is_empty() {
        return None;
    }
    let start = value.as_ptr() as usize - dom.src.as_ptr() as usize;
    Some(Field { text, span: Some(Span::new(start, start + value.len())) })
}

/// Text of an element's subtree as a field (skipping scripts and the like).
pub fn element_field(dom: &Dom<'_>, id: NodeId) -> Option<Field> {
    let a = element_text(dom, id);
    if a.is_empty() {
        return None;
    }
    let span = a.to_original(0..a.len());
    Some(Field { text: a.as_str().to_owned(), span: Some(span) })
}

/// Text of an element's subtree, aligned (skipping scripts and the like).
pub fn element_text(dom: &Dom<'_>, id: NodeId) -> AlignedText {
    let mut t = TextBuilder::new();
    let end = dom.subtree_end(id);
    let mut i = id + 1;
    while i < end {
        let n = dom.node(i);
        match n.data {
            NodeData::Text { kind } => {
                if kind != TextKind::Raw {
                    t.push(dom.src, n.start as usize..n.end as usize, true);
                } else if let Some(p) = dom.tag(n.parent)
                    && p == Tag::Title
                {
                    t.push(dom.src, n.start as usize..n.end as usize, true);
                }
            }
            NodeData::Element { tag, .. } if tag.is_block() => t.space(n.start as usize..n.start as usize),
            NodeData::Element { tag: Tag::Br, .. } => t.space(n.start as usize..n.end as usize),
            _ => {}
        }
        i += 1;
    }
    t.finish()
}

/// Reads `<meta>`, `<title>`, `<time>` and JSON-LD.
pub fn read(dom: &Dom<'_>) -> Meta {
    let mut meta = Meta::default();
    for id in 1..dom.nodes.len() as NodeId {
        let NodeData::Element { tag, .. } = dom.node(id).data else { continue };
        match tag {
            Tag::Meta => {
                let key = dom.attr(id, AttrName::Property).or_else(|| dom.attr(id, AttrName::Name));
                let itemprop = dom.attr(id, AttrName::Itemprop);
                let Some(content) = dom.attr(id, AttrName::Content) else { continue };
                if let Some(k) = key {
                    let k = k.trim().to_ascii_lowercase();
                    match k.as_str() {
                        "og:title" if !meta.og_seen => {
                            meta.og_seen = true;
                            meta.og_title = attr_field(dom, content);
                        }
                        "twitter:title" if meta.og_title.is_none() => meta.og_title = attr_field(dom, content),
                        "og:site_name" | "application-name" if meta.site_name.is_none() => {
                            let name = attache_model::normalize_ws(&decode_str(content, true));
                            if !name.is_empty() {
                                meta.site_name = Some(name);
                            }
                        }
                        "article:published_time" | "og:published_time" | "article:published" => {
                            consider(&mut meta, 0, content)
                        }
                        "parsely-pub-date"
                        | "sailthru.date"
                        | "pubdate"
                        | "publishdate"
                        | "publish-date"
                        | "publish_date"
                        | "dc.date.issued"
                        | "dcterms.issued"
                        | "dc.date"
                        | "dcterms.created"
                        | "date"
                        | "article.published"
                        | "cxenseparse:recs:publishtime"
                        | "originalpublicationdate"
                        | "article_date_original"
                        | "datepublished"
                        | "og:pubdate"
                        | "pdate"
                        | "displaydate"
                        | "dc.date.created" => consider(&mut meta, 2, content),
                        "parsely-page" => {
                            if let Some(p) = content.find("pub_date") {
                                consider(&mut meta, 3, &content[p..]);
                            }
                        }
                        _ => {}
                    }
                }
                if itemprop.is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "datePublished")) {
                    consider(&mut meta, 1, content);
                }
            }
            Tag::Title if meta.title_tag.is_none() => {
                let t = element_text(dom, id);
                if !t.is_empty() {
                    meta.title_tag = Some(t);
                }
            }
            Tag::Time => {
                let pub_prop = dom.attr(id, AttrName::Itemprop).is_some_and(|p| p.contains("datePublished"));
                if let Some(dt) = dom.attr(id, AttrName::Datetime) {
                    consider(&mut meta, if pub_prop { 1 } else { 5 }, dt);
                }
            }
            Tag::Script => {
                if dom.attr(id, AttrName::Type).is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
                    let n = dom.node(id);
                    let body = &dom.src[n.start as usize..n.end as usize];
                    if let Some(p) = memmem::find(body.as_bytes(), b"\"datePublished\"") {
                        let rest = &body[p + 15..];
                        let rest = &rest[..rest.len().min(60)];
                        consider(&mut meta, 2, rest);
                    }
                }
            }
            _ => {
                if let Some(p) = dom.attr(id, AttrName::Itemprop)
                    && p.split_ascii_whitespace().any(|p| p == "datePublished")
                {
                    let n = dom.node(id);
                    if let Some(v) = dom.attr(id, AttrName::Datetime).or_else(|| dom.attr(id, AttrName::Content)) {
                        consider(&mut meta, 1, v);
                    } else if n.end - n.start < 1000
                        && let Some(f) = element_field(dom, id)
                    {
                        consider(&mut meta, 4, &f.text);
                    }
                }
            }
        }
    }
    meta
}

/// Cuts a known site name off a headline ("Headline | Site", "Site: Headline");
/// returns the byte range of what is left.
pub fn strip_site_name(title: &str, site: &str) -> std::ops::Range<usize> {
    let full = 0..title.len();
    if site.is_empty() || site.len() >= title.len() {
        return full;
    }
    const SEPS: &[char] = &['|', '-', '–', '—', ':', '»', '·', '•'];
    if let Some(head) = title.strip_suffix(site) {
        let cut = head.trim_end();
        if let Some(c) = cut.chars().last()
            && SEPS.contains(&c)
        {
            let end = cut[..cut.len() - c.len_utf8()].trim_end().len();
            if end > 0 {
                return 0..end;
            }
        }
    }
    if let Some(tail) = title.strip_prefix(site) {
        let cut = tail.trim_start();
        if let Some(c) = cut.chars().next()
            && SEPS.contains(&c)
        {
            let rest = cut[c.len_utf8()..].trim_start();
            if !rest.is_empty() {
                return title.len() - rest.len()..title.len();
            }
        }
    }
    full
}

/// Cuts a site name off a `<title>`: "Headline | Site", "Headline - Site".
pub fn trim_title(title: &str) -> &str {
    let mut best = title;
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » ", " · "] {
        if let Some(p) = title.rfind(sep) {
            let head = &title[..p];
            // Keep the longer side when the site name comes first.
            let tail = &title[p + sep.len()..];
            let cand = if head.len() >= tail.len() { head } else { tail };
            if cand.len() < best.len() && cand.split_whitespace().count() >= 3 {
                best = cand;
            }
        }
    }
    best.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso_date("2019-11-19T10:00:00Z").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("\": \"2016/01/13 04:00\"").as_deref(), Some("2016-01-13"));
        assert_eq!(iso_date("20161231").as_deref(), Some("2016-12-31"));
        assert_eq!(iso_date("Nov 19, 2019"), None);
        assert_eq!(iso_date("2019-13-01"), None);
    }

    #[test]
    fn site_names() {
        let t = "Spiced Honey Pear Jam Recipe | The Anti-June Cleaver";
        assert_eq!(&t[strip_site_name(t, "The Anti-June Cleaver")], "Spiced Honey Pear Jam Recipe");
        let t = "BBC News - Turkey says Russia violated its airspace";
        assert_eq!(&t[strip_site_name(t, "BBC News")], "Turkey says Russia violated its airspace");
        assert_eq!(strip_site_name("Reuters", "Reuters"), 0..7);
    }

    #[test]
    fn titles() {
        assert_eq!(trim_title("Iran frees sailors | Reuters"), "Iran frees sailors");
        assert_eq!(
            trim_title("BBC News - Turkey says Russia violated its airspace"),
            "Turkey says Russia violated its airspace"
        );
        assert_eq!(trim_title("Short - Title"), "Short - Title");
    }
}
