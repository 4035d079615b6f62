use serde::{Deserialize, Serialize};

use crate::{
    ActorKind, Diagnostic, Document, EventStatus, Format, MentionKind, Place, PublishedFrom, Span, TimexKind, Zone,
    document::normalize_ws,
};

/// One side of an event as written in records (contract: name, country, sector, title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRecord {
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
}

/// An event as written in records (contract: `shared/design/document-record.md`,
/// "The event record"); `rule` is beyond the contract, for `explain`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub event: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub actor: Vec<ParticipantRecord>,
    pub recipient: Vec<ParticipantRecord>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub location: Option<Place>,
    pub status: EventStatus,
    pub contexts: Vec<String>,
    pub topics: Vec<String>,
    pub evidence: Vec<SpanText>,
    pub confidence: f32,
    #[serde(default)]
    pub rule: String,
}

impl EventRecord {
    fn from_event(doc: &Document, e: &crate::Event) -> Self {
        let people = |ps: &[crate::Participant]| {
            ps.iter()
                .map(|p| ParticipantRecord {
                    name: p.name.clone(),
                    country: p.country.clone(),
                    sector: p.sector.clone(),
                    title: p.title.clone(),
                })
                .collect()
        };
        EventRecord {
            id: e.id.clone(),
            event: e.event.clone(),
            mode: e.mode.clone(),
            cameo: e.cameo.clone(),
            actor: people(&e.actor),
            recipient: people(&e.recipient),
            date: e.date.clone(),
            date_text: e.date_text.clone(),
            location: e.location.clone(),
            status: e.status,
            contexts: e.contexts.clone(),
            topics: e.topics.clone(),
            evidence: e
                .evidence
                .iter()
                .map(|s| SpanText { start: s.start, end: s.end, text: doc.span_text(*s) })
                .collect(),
            confidence: e.confidence,
            rule: e.rule.clone(),
        }
    }
}

/// A mention as written in records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: MentionKind,
}

/// An actor as written in records (contract: name, country, sector, title, mentions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub title: Option<String>,
    pub kind: ActorKind,
    pub kb_id: Option<String>,
    pub mentions: Vec<MentionRecord>,
}

/// A time expression as written in records (contract: start, end, text, type, value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimexRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexKind,
    pub value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none", default)]
    pub modifier: Option<String>,
    pub zone: Zone,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub anchor: Option<String>,
}

/// A span with the text it holds (whitespace collapsed), as written in records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanText {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovalRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptionRecord {
    pub text: String,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRecord {
    pub start: usize,
    pub end: usize,
    /// The sentence's words with their syntax, when asked for (`--words`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordRecord>,
}

/// A word of a sentence: byte offsets, tags, lemma and its dependency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordRecord {
    pub start: usize,
    pub end: usize,
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head in the sentence.
    pub head: usize,
    pub deprel: String,
}

impl From<&crate::Word> for WordRecord {
    fn from(w: &crate::Word) -> Self {
        Self {
            start: w.span.start,
            end: w.span.end,
            upos: w.upos.clone(),
            xpos: w.xpos.clone(),
            lemma: w.lemma.clone(),
            feats: w.feats.clone(),
            head: w.head,
            deprel: w.deprel.clone(),
        }
    }
}

/// The per-article output contract (`shared/design/document-record.md`): one of
/// these per line of `attache extract`'s JSON Lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub doc: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<PublishedFrom>,
    pub title: Option<String>,
    pub dateline: Option<String>,
    pub body: String,
    pub captions: Vec<String>,
    pub removed: Vec<RemovalRecord>,
    pub actors: Vec<ActorRecord>,
    pub timex: Vec<TimexRecord>,
    pub events: Vec<EventRecord>,
    pub diagnostics: Vec<Diagnostic>,
    // Fields beyond the contract's minimum.
    /// Where the input was read from.
    pub origin: String,
    pub format: Format,
    pub encoding: String,
    pub language: Option<String>,
    pub title_span: Option<Span>,
    pub dateline_span: Option<Span>,
    /// Every place each caption occurred.
    pub caption_spans: Vec<CaptionRecord>,
    pub sentences: Vec<SentenceRecord>,
    /// Person-office facts learned from this article's appositions.
    pub learned: Vec<crate::OfficeFact>,
}

impl DocumentRecord {
    /// [`DocumentRecord::from_document`] with the words of each parsed sentence.
    pub fn from_document_with_words(doc: &Document) -> Self {
        let mut r = Self::from_document(doc);
        for (s, words) in r.sentences.iter_mut().zip(&doc.words) {
            s.words = words.iter().map(WordRecord::from).collect();
        }
        r
    }

    /// The record of a document in whatever state the pipeline left it.
    pub fn from_document(doc: &Document) -> Self {
        let article = doc.article.as_ref();
        let (published, published_from) = match (&doc.meta.published, article.and_then(|a| a.published.clone())) {
            (Some(p), _) => (Some(p.clone()), doc.meta.published_from),
            (None, Some((p, from))) => (Some(p), Some(from)),
            (None, None) => (None, None),
        };
        let source = doc.meta.source.clone().or_else(|| article.and_then(|a| a.agency.clone()));
        let title = article.and_then(|a| a.title.as_ref().map(|t| t.text.clone())).or_else(|| doc.meta.title.clone());
        DocumentRecord {
            doc: doc.meta.doc.clone(),
            source,
            url: doc.meta.url.clone(),
            published,
            published_from,
            title,
            dateline: article.and_then(|a| a.dateline.as_ref().map(|d| d.text.clone())),
            body: article.map(|a| a.body.as_str().to_owned()).unwrap_or_default(),
            captions: article.map(|a| a.captions.iter().map(|c| c.text.clone()).collect()).unwrap_or_default(),
            removed: article
                .map(|a| {
                    a.removed
                        .iter()
                        .map(|r| RemovalRecord {
                            start: r.span.start,
                            end: r.span.end,
                            text: normalize_ws(doc.text.get(r.span.range()).unwrap_or("")),
                            why: r.why.to_owned(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            actors: doc
                .actors
                .iter()
                .map(|a| ActorRecord {
                    name: a.name.clone(),
                    country: a.country.clone(),
                    sector: a.sector.clone(),
                    title: a.title.clone(),
                    kind: a.kind,
                    kb_id: a.kb_id.clone(),
                    mentions: a
                        .mentions
                        .iter()
                        .map(|m| MentionRecord {
                            start: m.span.start,
                            end: m.span.end,
                            text: doc.span_text(m.span),
                            kind: m.kind,
                        })
                        .collect(),
                })
                .collect(),
            timex: doc
                .timex
                .iter()
                .map(|t| TimexRecord {
                    start: t.span.start,
                    end: t.span.end,
                    text: doc.span_text(t.span),
                    kind: t.kind,
                    value: t.value.clone(),
                    modifier: t.modifier.clone(),
                    zone: t.zone,
                    anchor: t.anchor.clone(),
                })
                .collect(),
            events: doc.events.iter().map(|e| EventRecord::from_event(doc, e)).collect(),
            diagnostics: doc.diagnostics.clone(),
            origin: doc.meta.origin.clone(),
            format: doc.format,
            encoding: doc.encoding.clone(),
            language: doc.meta.language.clone(),
            title_span: article.and_then(|a| a.title.as_ref().and_then(|t| t.span)),
            dateline_span: article.and_then(|a| a.dateline.as_ref().and_then(|d| d.span)),
            caption_spans: article
                .map(|a| {
                    a.captions.iter().map(|c| CaptionRecord { text: c.text.clone(), spans: c.spans.clone() }).collect()
                })
                .unwrap_or_default(),
            sentences: doc
                .sentences
                .iter()
                .map(|s| SentenceRecord { start: s.span.start, end: s.span.end, words: Vec::new() })
                .collect(),
            learned: doc.facts.clone(),
        }
    }
}
