use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::AlignedText;

/// A half-open byte range into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// What kind of markup the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PublishedFrom {
    /// A `manifest.jsonl` beside the input.
    Manifest,
    /// A field of the JSON Lines record the article came in.
    Record,
    /// `<meta>` tags, JSON-LD or `<time>` in the HTML.
    HtmlMeta,
    /// The article's own text (a dateline such as "SEOUL, Nov. 17, 2021 (Yonhap) --").
    Text,
    /// A weaker cue, such as the date a crawler fetched the page (WARC-Date).
    Inferred,
}

/// Facts about an article that come from outside its text: the manifest, the
/// crawler's record, the path it was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMeta {
    /// The document id: the manifest's, else the file name without extensions.
    pub doc: String,
    /// Where the bytes were read: a path, `-` for stdin, `file.warc.gz#record-3`.
    pub origin: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<PublishedFrom>,
    pub language: Option<String>,
    /// A title given by the record (JSON Lines input), used when the text has none.
    pub title: Option<String>,
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// Something a stage noticed about a document and wants a user to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: Level,
    /// A stable, kebab-case identifier (`truncated-html`, `no-title`, ...).
    pub code: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(level: Level, code: &str, message: impl Into<String>) -> Self {
        Self { level, code: code.to_owned(), message: message.into() }
    }
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(Level::Warning, code, message)
    }
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Self::new(Level::Info, code, message)
    }
}

/// A short piece of metadata read from the text, with the bytes it came from
/// when it has them (a title from `<title>` has them; one from a record does not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub span: Option<Span>,
}

/// A photo caption, kept once however often the page repeats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    pub text: String,
    /// Every place it occurred.
    pub spans: Vec<Span>,
}

/// Something cleaning dropped, and why (`navigation`, `footer`, `repeated-caption`,
/// `foreign-script`, `boilerplate`, `script`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub span: Span,
    pub why: &'static str,
}

/// The cleaning layer: the article as a reader would see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub title: Option<Field>,
    /// Place name of the dateline ("WASHINGTON"), with the span of the whole
    /// dateline lead-in when there is one.
    pub dateline: Option<Field>,
    /// The news agency named in the text ("Yonhap", "KCNA", "Reuters").
    pub agency: Option<String>,
    /// A publication date read from the markup or the text, if any.
    pub published: Option<(String, crate::PublishedFrom)>,
    /// The body: paragraphs separated by blank lines, aligned to the original.
    pub body: AlignedText,
    /// Paragraph ranges in `body` coordinates.
    pub paragraphs: Vec<Range<usize>>,
    pub captions: Vec<Caption>,
    pub removed: Vec<Removal>,
}

/// A sentence of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Range in `Article::body` coordinates.
    pub body: Range<usize>,
    /// The same sentence in the original input.
    pub span: Span,
}

/// One article on its way through the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub meta: SourceMeta,
    /// The input as read, decoded to UTF-8. Never modified.
    pub text: String,
    pub format: Format,
    /// Name of the encoding the bytes were decoded from (`UTF-8`, `EUC-KR`, ...).
    pub encoding: String,
    pub article: Option<Article>,
    pub sentences: Vec<Sentence>,
    /// The actors layer (empty until the actors stage runs).
    pub actors: Vec<crate::Actor>,
    /// The time layer (empty until the time stage runs).
    pub timex: Vec<crate::Timex>,
    /// The syntax layer: the words of `sentences[i]` at `words[i]`, empty for
    /// a sentence the syntax stage did not parse (or before it runs).
    pub words: Vec<Vec<crate::Word>>,
    /// The events layer (empty until the events stage runs).
    pub events: Vec<crate::Event>,
    /// Person-office facts the actors stage learned from this article.
    pub facts: Vec<crate::OfficeFact>,
    pub diagnostics: Vec<Diagnostic>,
    /// When the pipeline's time budget for this document runs out. Stages with
    /// long loops check [`Document::past_deadline`] and stop early; the
    /// pipeline then reports a `time-limit` diagnostic.
    pub deadline: Option<std::time::Instant>,
}

impl Document {
    /// Whether the time budget of this document has run out.
    pub fn past_deadline(&self) -> bool {
        self.deadline.is_some_and(|d| std::time::Instant::now() >= d)
    }

    pub fn new(meta: SourceMeta, text: String, format: Format) -> Self {
        Self {
            meta,
            text,
            format,
            encoding: "UTF-8".to_owned(),
            article: None,
            sentences: Vec::new(),
            words: Vec::new(),
            actors: Vec::new(),
            timex: Vec::new(),
            events: Vec::new(),
            facts: Vec::new(),
            diagnostics: Vec::new(),
            deadline: None,
        }
    }

    /// The text of each zone as aligned text, in reading order: the title, the
    /// captions and the body. A title or caption is included only when its
    /// first span holds exactly its text (so not one taken from a `<meta>`
    /// attribute or spread over markup).
    pub fn zones(&self) -> Vec<(crate::Zone, AlignedText)> {
        let mut out = Vec::new();
        let Some(article) = &self.article else { return out };
        let mut field = |zone, text: &str, span: Option<Span>| {
            let Some(span) = span else { return };
            let Some(raw) = self.text.get(span.range()) else { return };
            let mut aligned = AlignedText::new();
            aligned.push_collapsed(raw, span.start);
            if aligned.as_str() == normalize_ws(text) {
                out.push((zone, aligned));
            }
        };
        if let Some(t) = &article.title {
            field(crate::Zone::Title, &t.text, t.span);
        }
        for c in &article.captions {
            field(crate::Zone::Caption, &c.text, c.spans.first().copied());
        }
        out.push((crate::Zone::Body, article.body.clone()));
        out
    }

    /// The original text of a span, with runs of whitespace collapsed to one space.
    pub fn span_text(&self, span: Span) -> String {
        let raw = self.text.get(span.range()).unwrap_or("");
        normalize_ws(raw)
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
