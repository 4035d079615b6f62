//! Rules over candidate paragraphs, shared by the plain-text and HTML paths:
//! page furniture, captions and their repeats, the title, the footer, the
//! dateline and the agency signature.

use std::collections::HashMap;
use std::sync::OnceLock;

use attache_model::{AlignedText, Article, Caption, Field, PublishedFrom, Removal};

use crate::CleanConfig;
use crate::dateline::{self, Dateline};
use crate::paras::Para;

const BOILERPLATE: &str = include_str!("../data/boilerplate.tsv");
const AGENCIES: &str = include_str!("../data/agencies.txt");

/// Phrases that mark a paragraph as a photo caption (compared in lower case).
const CAPTION_CUES: &[&str] = &[
    "in this photo",
    "in this file photo",
    "in this handout photo",
    "in this undated photo",
    "poses for a photo",
    "pose for a photo",
    "posing for a photo",
    "pose for photos",
    "poses for photos",
    "photo provided by",
    "photo courtesy of",
    "photo released by",
    "(photo:",
    "photo credit",
    "file photo)",
    "this photo taken",
    "this picture taken",
    "(yonhap photo)",
];

/// The data files, parsed once.
#[derive(Debug)]
pub struct Lexicon {
    boilerplate: HashMap<String, &'static str>,
    /// (as written, canonical)
    agencies: Vec<(&'static str, &'static str)>,
}

pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let boilerplate = data_lines(BOILERPLATE)
            .filter_map(|l| {
                let (k, why) = l.split_once('\t')?;
                Some((line_key(k), why.trim()))
            })
            .collect();
        let agencies = data_lines(AGENCIES)
            .map(|l| match l.split_once('\t') {
                Some((k, v)) => (k.trim(), v.trim()),
                None => (l, l),
            })
            .collect();
        Lexicon { boilerplate, agencies }
    })
}

fn data_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The canonical agency name for `s` as written ("AP" -> "Associated Press").
    pub fn agency(&self, s: &str) -> Option<&'static str> {
        self.agencies.iter().find(|(k, _)| k.eq_ignore_ascii_case(s.trim())).map(|(_, v)| *v)
    }
}

/// How a line is compared with the boilerplate list.
fn line_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.join(" ").trim_end_matches([':', '\u{bb}', '\u{203a}', '|', '>', '\u{2192}']).trim().to_owned()
}

/// How paragraphs are compared with each other for repeats.
fn repeat_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn is_ad_marker(key: &str) -> bool {
    let k = key.trim_matches(['[', ']']);
    let rest = k.strip_prefix("ad").map(|r| r.trim_start_matches(['_', ' ', '-']));
    rest.is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()))
}

/// Repeats shorter than this (in letters and digits) are not evidence of anything.
const MIN_REPEAT_KEY: usize = 20;

fn is_caption_like(s: &str) -> bool {
    let lower = s.to_lowercase();
    CAPTION_CUES.iter().any(|c| lower.contains(c))
}

/// Letters of Latin script vs others.
fn script_counts(s: &str) -> (usize, usize) {
    let (mut latin, mut other) = (0, 0);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if (c as u32) < 0x250 {
            latin += 1;
        } else {
            other += 1;
        }
    }
    (latin, other)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

#[derive(Debug, Clone, PartialEq)]
enum Fate {
    Keep,
    Title,
    Caption,
    Remove(&'static str),
}

/// What the HTML path knows before the paragraph rules run.
#[derive(Debug, Default)]
pub struct Known {
    pub title: Option<Field>,
    pub dateline: Option<Field>,
    pub published: Option<String>,
    pub captions: Vec<Caption>,
    pub removed: Vec<Removal>,
}

/// Turns candidate paragraphs into an article.
///
/// `crawled` is true for plain text as a crawler saw it: there, repeated lines
/// and caption phrases are page furniture. In HTML the markup already says
/// what is a caption, and a repeated paragraph may be content.
pub fn assemble(paras: Vec<Para>, known: Known, config: &CleanConfig, detect_title: bool, crawled: bool) -> Article {
    let lex = lexicon();
    // The article's main script, from its paragraphs (not from markup).
    let (latin, other) = paras.iter().map(|p| script_counts(p.as_str())).fold((0, 0), |(a, b), (l, o)| (a + l, b + o));
    let latin_doc = latin > 2 * other;
    let mut fates: Vec<Fate> = Vec::with_capacity(paras.len());

    // 1. Furniture, ad markers, copyright lines, stray lines in another script.
    for p in &paras {
        let key = line_key(p.as_str());
        let fate = if let Some(why) = lex.boilerplate.get(&key).copied().or_else(|| config.boilerplate_reason(&key)) {
            Fate::Remove(why)
        } else if is_ad_marker(&key) {
            Fate::Remove("ad-marker")
        } else if (key.starts_with('\u{a9}') || key.starts_with("copyright")) && word_count(&key) <= 30 {
            Fate::Remove("footer")
        } else if latin_doc && {
            let (l, o) = script_counts(p.as_str());
            o > l
        } {
            Fate::Remove("foreign-script")
        } else {
            Fate::Keep
        };
        fates.push(fate);
    }

    // 2. Captions and repeats.
    let mut captions: Vec<Caption> = known.captions;
    // Short captions ("1", "Change") are too common to recognise elsewhere.
    let mut caption_keys: HashMap<String, usize> = captions
        .iter()
        .enumerate()
        .map(|(i, c)| (repeat_key(&c.text), i))
        .filter(|(k, _)| k.len() > MIN_REPEAT_KEY)
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let keys: Vec<String> = paras.iter().map(|p| repeat_key(p.as_str())).collect();
    for i in 0..paras.len() {
        if fates[i] != Fate::Keep || keys[i].is_empty() {
            continue;
        }
        if let Some(&c) = caption_keys.get(&keys[i]) {
            captions[c].spans.push(paras[i].span);
            fates[i] = Fate::Remove("repeated-caption");
        } else if crawled && seen.contains_key(&keys[i]) && keys[i].len() > MIN_REPEAT_KEY {
            fates[i] = Fate::Remove("repeated-line");
        } else if crawled
            && (is_caption_like(paras[i].as_str())
                || (keys[i].len() > MIN_REPEAT_KEY
                    && keys.get(i + 1) == Some(&keys[i])
                    && fates.get(i + 1) == Some(&Fate::Keep)))
        {
            fates[i] = Fate::Caption;
            caption_keys.insert(keys[i].clone(), captions.len());
            captions.push(Caption { text: paras[i].as_str().to_owned(), spans: vec![paras[i].span] });
        } else {
            seen.insert(keys[i].clone(), i);
        }
    }

    // 3. The title: a short first line without a full stop, with text after it.
    let mut title = known.title;
    let kept: Vec<usize> = (0..paras.len()).filter(|&i| fates[i] == Fate::Keep).collect();
    if detect_title
        && title.is_none()
        && let [first, _, ..] = kept.as_slice()
    {
        let s = paras[*first].as_str();
        let words = word_count(s);
        if words <= config.max_title_words && !s.trim_end().ends_with('.') && s.len() <= 300 {
            fates[*first] = Fate::Title;
            title = Some(Field { text: s.to_owned(), span: Some(paras[*first].span) });
        }
    } else if title.is_none()
        && let Some(&first) = kept.first()
        && paras[first].heading
    {
        fates[first] = Fate::Title;
        title = Some(Field { text: paras[first].as_str().to_owned(), span: Some(paras[first].span) });
    }

    // 4. The footer: everything after the agency's signature or an end
    //    marker, and shouting lines at the very end ("MORE LOCAL NEWS").
    //    Short lines alone are not enough: lists and fixtures end articles too.
    let kept: Vec<usize> = (0..paras.len()).filter(|&i| fates[i] == Fate::Keep).collect();
    let mut agency = None;
    let mut signed = None;
    for (k, &i) in kept.iter().enumerate().rev() {
        if let Some(sig) = signature(paras[i].as_str()) {
            agency = sig.agency;
            signed = Some((k, i, sig.marker));
            break;
        }
    }
    let mut end_marker = None;
    if let Some((k, i, marker)) = signed {
        for &j in &kept[k + 1..] {
            fates[j] = Fate::Remove("footer");
        }
        // A marker at the end of a real paragraph ("... atmosphere. -0-") is cut off it.
        if let Some(len) = marker
            && len < paras[i].text.len()
        {
            end_marker = Some((i, len));
        } else if marker.is_some() {
            fates[i] = Fate::Remove("end-marker");
        }
    }
    for &i in kept.iter().rev() {
        if fates[i] != Fate::Keep {
            continue;
        }
        if !shouting(paras[i].as_str()) {
            break;
        }
        fates[i] = Fate::Remove("footer");
    }
    let mut paras = paras;
    let mut removed = known.removed;
    if let Some((i, len)) = end_marker {
        let keep = paras[i].text.len() - len;
        let cut = paras[i].text.to_original(keep..paras[i].text.len());
        removed.push(Removal { span: cut, why: "end-marker" });
        paras[i].text.truncate(keep);
        paras[i].text.trim_end();
        paras[i].span.end = paras[i].text.orig_end();
    }

    // A line that is only a date near the top ("[2024.11.01.]") is a stamp.
    let mut stamp_date = None;
    let top: Vec<usize> = (0..paras.len()).filter(|&i| fates[i] == Fate::Keep).take(3).collect();
    for i in top {
        if let Some(d) = dateline::date_stamp(paras[i].as_str()) {
            fates[i] = Fate::Remove("date-stamp");
            stamp_date.get_or_insert(d);
        }
    }

    // 5. The dateline, from the first body paragraph.
    let mut dateline_field = known.dateline;
    let mut published =
        known.published.map(|p| (p, PublishedFrom::HtmlMeta)).or(stamp_date.map(|d| (d, PublishedFrom::Text)));
    if let Some(first) = (0..paras.len()).find(|&i| fates[i] == Fate::Keep)
        && let Some(Dateline { place, agency: a, date, .. }) = dateline::parse(paras[first].as_str())
    {
        let text = &paras[first].text;
        if dateline_field.is_none() {
            dateline_field = Some(Field {
                text: paras[first].as_str()[place.clone()].to_owned(),
                span: Some(text.to_original(place)),
            });
        }
        if let Some(a) = a {
            agency = Some(lex.agency(&paras[first].as_str()[a.clone()]).unwrap_or("").to_owned())
                .filter(|s| !s.is_empty())
                .or(agency);
        }
        if published.is_none()
            && let Some(d) = date
        {
            published = Some((d, PublishedFrom::Text));
        }
    }

    // 6. The body.
    let mut body = AlignedText::new();
    let mut paragraphs = Vec::new();
    for (p, fate) in paras.iter().zip(&fates) {
        match fate {
            Fate::Keep => {
                if !body.is_empty() {
                    body.push_inserted("\n\n");
                }
                let start = body.len();
                body.append(&p.text);
                paragraphs.push(start..body.len());
            }
            Fate::Remove(why) => removed.push(Removal { span: p.span, why }),
            Fate::Caption => removed.push(Removal { span: p.span, why: "caption" }),
            Fate::Title => {}
        }
    }
    removed.sort_by_key(|r| r.span);
    Article { title, dateline: dateline_field, agency, published, body, paragraphs, captions, removed }
}

/// How a paragraph signs off the story.
struct Signature {
    /// The agency, for "... (Yonhap)".
    agency: Option<String>,
    /// Length in bytes of an end marker to cut off ("(END)", "-0-"), if any.
    marker: Option<usize>,
}

fn signature(s: &str) -> Option<Signature> {
    let t = s.trim_end();
    for m in ["-0-", "(END)", "(end)", "- END -", "(ends)"] {
        if let Some(head) = t.strip_suffix(m) {
            return Some(Signature { agency: None, marker: Some(s.len() - head.trim_end().len()) });
        }
    }
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let agency = lexicon().agency(&inner[open + 1..])?;
    Some(Signature { agency: Some(agency.to_owned()), marker: None })
}

/// An all-capitals line of a few words ("MORE LOCAL NEWS", "LATEST").
fn shouting(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    word_count(s) <= 6 && letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}
