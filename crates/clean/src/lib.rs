//! Cleaning: from what a crawler saw to the article a reader sees.
//!
//! [`Cleaner`] is the pipeline stage. It turns the input (plain text or HTML)
//! into candidate paragraphs, each aligned to the original bytes, and applies
//! the same rules to both: page furniture from `data/boilerplate.tsv`, ad
//! markers, captions kept once, repeated lines, the title, the dateline, the
//! agency's signature and the footer. Every paragraph it drops is listed in
//! `Article::removed` with its reason. [`SentenceSplitter`] then splits the
//! body into sentences.
//!
//! No IO: data files are compiled in; user additions come through the config.

mod dateline;
mod html;
mod paras;
mod rules;
mod sentences;

use attache_model::{Document, Format, Stage, StageError};
use serde::{Deserialize, Serialize};

pub use dateline::{Dateline, parse as parse_dateline};
pub use sentences::{DEFAULT_MAX_SENTENCE_BYTES, SentenceSplitter, cap_lengths, split as split_sentences};

/// Settings of the cleaning stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CleanConfig {
    /// Take a short first line of plain text as the title.
    pub detect_title: bool,
    /// The longest title, in words.
    pub max_title_words: usize,
    /// More whole-line furniture, in addition to the built-in list: (line, reason).
    pub extra_boilerplate: Vec<(String, String)>,
    /// The longest sentence, in bytes: longer ones are cut at whitespace (a
    /// `long-sentence` diagnostic), so that later stages stay linear. Default 4096.
    pub max_sentence_bytes: usize,
    /// HTML elements nested deeper than this are flattened (their text kept, a
    /// `depth-limit` diagnostic). Default 256.
    pub max_html_depth: usize,
}

impl Default for CleanConfig {
    fn default() -> Self {
        Self {
            detect_title: true,
            max_title_words: 30,
            extra_boilerplate: Vec::new(),
            max_sentence_bytes: sentences::DEFAULT_MAX_SENTENCE_BYTES,
            max_html_depth: attache_html::HtmlConfig::default().max_depth,
        }
    }
}

impl CleanConfig {
    fn boilerplate_reason(&self, key: &str) -> Option<&'static str> {
        // User-supplied reasons are folded into a fixed vocabulary so that
        // `Removal::why` stays a static string.
        self.extra_boilerplate.iter().find(|(line, _)| line.eq_ignore_ascii_case(key)).map(|(_, why)| {
            match why.as_str() {
                "navigation" => "navigation",
                "advertisement" => "advertisement",
                "subscribe" => "subscribe",
                "footer" => "footer",
                _ => "boilerplate",
            }
        })
    }
}

/// The cleaning stage.
#[derive(Debug, Default)]
pub struct Cleaner {
    config: CleanConfig,
    html: attache_html::HtmlConfig,
}

impl Cleaner {
    pub fn new(config: CleanConfig) -> Self {
        let html = attache_html::HtmlConfig { max_depth: config.max_html_depth, ..attache_html::HtmlConfig::default() };
        Self { config, html }
    }

    /// Cleans `doc` and returns the article (also what `run` stores).
    pub fn clean(&self, doc: &Document) -> (attache_model::Article, Vec<attache_model::Diagnostic>) {
        match doc.format {
            Format::Text => {
                let paras = paras::from_text(&doc.text);
                // A record that brings its own title (JSON Lines) has none in its text.
                let detect_title = self.config.detect_title && doc.meta.title.is_none();
                (rules::assemble(paras, rules::Known::default(), &self.config, detect_title, true), vec![])
            }
            Format::Html => html::clean(&doc.text, &self.html, &self.config),
        }
    }
}

impl Stage for Cleaner {
    fn name(&self) -> &'static str {
        "clean"
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let (mut article, diagnostics) = self.clean(doc);
        doc.diagnostics.extend(diagnostics);
        // Dates from records and markup come in many shapes; the record says ISO 8601.
        if let Some(p) = doc.meta.published.take() {
            doc.meta.published = Some(attache_model::normalize_date(&p).unwrap_or_else(|| {
                doc.diagnostics.push(attache_model::Diagnostic::warning(
                    "unparsed-date",
                    format!("published date {p:?} is not a date attache reads; kept as given"),
                ));
                p
            }));
        }
        if let Some((p, from)) = article.published.take() {
            article.published = attache_model::normalize_date(&p).map(|d| (d, from));
        }
        if article.body.is_empty() {
            doc.diagnostics.push(attache_model::Diagnostic::warning("empty-body", "no article text was found"));
        }
        doc.article = Some(article);
        Ok(())
    }
}
