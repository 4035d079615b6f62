//! attache-html: a fast, lenient HTML tokenizer that keeps byte offsets, a light
//! tree over it, and main-content extraction for news pages.
//!
//! Nothing here edits the input: every text we return is an [`AlignedText`] or
//! a [`Field`] whose spans are byte offsets into the original HTML string.
//! Block texts are whitespace-collapsed; decoded character references and
//! collapsed whitespace runs are `push_replaced` pieces, everything else is
//! copied, so a copy piece's clean bytes equal its original bytes.
//!
//! * [`tokenizer`]: tags (with the attributes the extractor reads), text,
//!   comments, doctypes, raw-text elements (`script`, `style`, `noscript`,
//!   `textarea`, `title`...); case-insensitive; never fails, reports truncation.
//! * [`dom`]: an arena tree in document order with implied end tags and a depth
//!   limit (a diagnostic, never a stack overflow: nothing recurses on input depth).
//! * [`extract()`]: the headline, publication date, dateline, the article's
//!   blocks, captions, what was removed and why, and diagnostics.
//!
//! ```
//! use attache_html::{HtmlConfig, extract};
//! let html = "<nav><a href='/'>Home</a></nav><article><p>Officials met on Friday to \
//!             discuss the budget, which parliament must pass by March.</p></article>";
//! let ex = extract(html, &HtmlConfig::default());
//! assert_eq!(ex.blocks.len(), 1);
//! let b = &ex.blocks[0].text;
//! assert!(b.as_str().starts_with("Officials met"));
//! assert_eq!(&html[b.to_original(0..9).range()], "Officials");
//! ```
//!
//! Speed: about 600 MB/s of HTML on one core (the 181-page benchmark, 31 MB,
//! extracts in about 55 ms).

pub mod dom;
mod entities;
mod entity_table;
mod extract;
mod meta;
pub mod patterns;
pub mod tag;
mod text;
pub mod tokenizer;

pub use dom::{Dom, Node, NodeData, NodeId};
pub use entities::decode_str;
pub use extract::{explain, extract};
pub use tag::{AttrName, Tag};
pub use text::TextBuilder;

use attache_model::{AlignedText, Caption, Diagnostic, Field, Removal};

/// Thresholds of the extractor.
#[derive(Debug, Clone)]
pub struct HtmlConfig {
    /// Elements nested deeper than this are flattened (with a `depth-limit` diagnostic).
    pub max_depth: usize,
    /// A block needs this many characters of its own text to count as a paragraph
    /// when looking for the article's container.
    pub min_paragraph_chars: usize,
    /// Blocks whose text is more than this share link text are dropped.
    pub max_link_density: f32,
    /// Siblings of the chosen container join it when they score at least this
    /// share of its score.
    pub sibling_share: f32,
}

impl Default for HtmlConfig {
    fn default() -> Self {
        Self { max_depth: 256, min_paragraph_chars: 25, max_link_density: 0.5, sibling_share: 0.2 }
    }
}

/// What a [`Block`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Preformatted,
    TableCell,
}

/// One block of the article's text, whitespace collapsed, aligned to the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: AlignedText,
}

/// What [`extract`] found in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The best headline: `<h1>` when it agrees with the page's metadata, else
    /// `og:title`, else `<title>` without its ` | Site` suffix.
    pub title: Option<Field>,
    /// Publication date (`YYYY-MM-DD`) from the page's metadata.
    pub published: Option<String>,
    /// A dateline the markup marks as such (`<span class="articleLocation">`).
    pub dateline: Option<Field>,
    /// The article's text, in document order.
    pub blocks: Vec<Block>,
    /// Photo captions, each distinct text once with every place it occurs.
    pub captions: Vec<Caption>,
    /// Notable regions left out, in document order, with the reason: `script`
    /// (scripts, styles, `<noscript>`, and the `<head>`, whose `<title>` and
    /// metadata are read into the fields above), `navigation`, `footer`, `sidebar`
    /// (`<aside>`), `hidden`, `advertisement`, `ad-marker` (`[ad_1]`),
    /// `comments`, `related`, `byline` (bylines, dates, credit lines such as
    /// "Reporting by ..."), `credit` (photo credits), `title` (the headline
    /// repeated in the body) and `boilerplate` (share bars, newsletter and
    /// cookie boxes, forms, junk lines). Coarse: whole regions, adjacent
    /// regions with the same reason merged; small empty tags are not listed.
    pub removed: Vec<Removal>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Extracted {
    /// The blocks' texts joined by blank lines.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(b.text.as_str());
        }
        out
    }
}
