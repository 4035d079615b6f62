//! What to read and how: [`InputConfig`] and the JSON Lines field map [`JsonlFields`].

use std::path::PathBuf;

use attache_model::Format;

use crate::InputError;

/// 32 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct InputConfig {
    /// Largest article (a file, a JSON Lines record, a WARC record) accepted, in
    /// bytes after decompression. Default 32 MiB.
    pub max_bytes: u64,
    /// A manifest for all inputs: entries are matched by file path relative to
    /// the manifest's folder, else by file name (when that name is unique in the
    /// manifest). Takes precedence over a `manifest.jsonl` found in a folder.
    pub manifest: Option<PathBuf>,
    /// Which JSON Lines fields hold what.
    pub jsonl: JsonlFields,
    /// Force every input to this format instead of looking at it.
    pub format: Option<Format>,
}

impl Default for InputConfig {
    fn default() -> Self {
        Self { max_bytes: DEFAULT_MAX_BYTES, manifest: None, jsonl: JsonlFields::default(), format: None }
    }
}

/// Candidate field names of a JSON Lines (or JSON) record, tried in order; the
/// first that holds a non-empty string wins. A name with dots (`meta.title`)
/// also looks into nested objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    pub id: Vec<String>,
    /// Fields holding the article as text (or HTML: the format is sniffed).
    pub text: Vec<String>,
    /// Fields holding the article as HTML (tried after `text`).
    pub html: Vec<String>,
    pub title: Vec<String>,
    pub date: Vec<String>,
    pub url: Vec<String>,
    pub source: Vec<String>,
    pub language: Vec<String>,
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

impl Default for JsonlFields {
    /// Covers news-please (`title`, `maintext`, `date_publish`, `url`,
    /// `source_domain`, `language`, `filename`) and common crawler shapes.
    fn default() -> Self {
        Self {
            id: strings(&["id", "doc", "doc_id", "docid", "uuid", "_id", "filename"]),
            text: strings(&["maintext", "text", "body", "content", "articleBody", "article", "story_text", "doc_text"]),
            html: strings(&["html", "raw_html", "content_html", "body_html", "html_content"]),
            title: strings(&["title", "headline", "post_title"]),
            date: strings(&[
                "date_publish",
                "published",
                "date",
                "publish_date",
                "date_published",
                "datePublished",
                "published_at",
                "pubdate",
                "date_iso",
                "post_date",
            ]),
            url: strings(&["url", "link", "original_link", "source_url", "uri"]),
            source: strings(&["source_domain", "source", "site", "publisher", "domain"]),
            language: strings(&["language", "lang", "language_code"]),
        }
    }
}

/// The roles a field can be assigned to, for messages.
const ROLES: &str = "id, text, html, title, date, url, source, language";

impl JsonlFields {
    /// Sets the candidate fields of one role: `set("text", "body")`, or several
    /// tried in order, `set("date", "published,date")`. An empty `field` clears
    /// the role (`set("html", "")`: never read HTML from records).
    pub fn set(&mut self, key: &str, field: &str) -> Result<(), InputError> {
        let list = match key.trim().to_ascii_lowercase().as_str() {
            "id" | "doc" => &mut self.id,
            "text" => &mut self.text,
            "html" => &mut self.html,
            "title" => &mut self.title,
            "date" | "published" => &mut self.date,
            "url" => &mut self.url,
            "source" => &mut self.source,
            "language" | "lang" => &mut self.language,
            _ => {
                return Err(InputError::Config {
                    origin: format!("{key}={field}"),
                    what: format!("unknown JSON Lines field role {key:?}; use one of {ROLES}"),
                });
            }
        };
        *list = field.split(',').map(str::trim).filter(|f| !f.is_empty()).map(str::to_owned).collect();
        Ok(())
    }

    /// Parses and applies `KEY=FIELD` (see [`JsonlFields::set`]).
    pub fn apply(&mut self, spec: &str) -> Result<(), InputError> {
        match spec.split_once('=') {
            Some((key, field)) => self.set(key, field),
            None => Err(InputError::Config {
                origin: spec.to_owned(),
                what: format!("expected KEY=FIELD, with KEY one of {ROLES}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_replaces_and_clears() {
        let mut f = JsonlFields::default();
        assert!(f.set("text", "body, story").is_ok());
        assert_eq!(f.text, vec!["body".to_owned(), "story".to_owned()]);
        assert!(f.set("HTML", "").is_ok());
        assert!(f.html.is_empty());
        assert!(f.apply("date=meta.published").is_ok());
        assert_eq!(f.date, vec!["meta.published".to_owned()]);
    }

    #[test]
    fn set_rejects_unknown_role() {
        let mut f = JsonlFields::default();
        let e = f.set("bogus", "x").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("bogus=x") && e.contains("unknown JSON Lines field role"), "{e}");
        assert!(f.apply("nokey").is_err());
    }
}
