//! The rule data: triggers, cue words and topics, parsed from the TSV files in `data/`.

use std::collections::HashMap;

use attache_model::EventStatus;

/// One trigger phrase and what it codes.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub words: Vec<String>,
    pub event: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub contexts: Vec<String>,
    pub kind: Kind,
    pub strength: f32,
    /// The phrase as written, for `rule`.
    pub phrase: String,
}

/// How a trigger finds its participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Actor before (the subject), recipient after (the object).
    Verb,
    /// Actor before; recipient only from "with X".
    With,
    /// Participants from "between X and Y", "with X" or a possessive; without them it
    /// only adds to an event of its type nearby ("At Tuesday's meeting, ...").
    Noun,
    /// A noun naming a gathering of several ("trilateral talks"): as `Noun`, else every
    /// participant of its clause.
    Group,
    /// A passive participle after its patient ("sanctions imposed by X on Y"): actor from
    /// "by X", recipient from "on X" / "against X", else the subject.
    Passive,
}

/// What a cue word means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Status(EventStatus),
    Attribution,
    /// "according to": what follows is a source.
    Source,
    Place,
    Pronoun,
    Skip,
    /// "in this undated photo": a caption, not the story's events; the sentence is skipped.
    Caption,
}

/// Phrases (word sequences) indexed by their first word; `*` matches any one word.
#[derive(Debug, Clone)]
pub struct PhraseTable<T> {
    items: Vec<(Vec<String>, T)>,
    by_first: HashMap<String, Vec<usize>>,
    wild_first: Vec<usize>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        Self { items: Vec::new(), by_first: HashMap::new(), wild_first: Vec::new() }
    }
}

impl<T> PhraseTable<T> {
    pub fn push(&mut self, words: Vec<String>, value: T) {
        if words.is_empty() {
            return;
        }
        let i = self.items.len();
        if words[0] == "*" {
            self.wild_first.push(i);
        } else {
            self.by_first.entry(words[0].clone()).or_default().push(i);
        }
        self.items.push((words, value));
    }

    /// Sorts each bucket longest phrase first, so that the first match is the longest.
    pub fn finish(&mut self) {
        let items = &self.items;
        for v in self.by_first.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(items[i].0.len()));
        }
    }

    /// The longest phrase starting at `words[at]`: its value and length in words.
    pub fn longest_at<S: AsRef<str>>(&self, words: &[S], at: usize) -> Option<(&T, usize)> {
        let first = words.get(at)?.as_ref();
        let bucket = self.by_first.get(first)?;
        for &i in bucket {
            let (phrase, value) = &self.items[i];
            if at + phrase.len() > words.len() {
                continue;
            }
            if phrase.iter().zip(&words[at..]).all(|(p, w)| p == "*" || p == w.as_ref()) {
                return Some((value, phrase.len()));
            }
        }
        None
    }
}

/// Everything the coder knows, compiled once.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub triggers: PhraseTable<Trigger>,
    pub cues: PhraseTable<Cue>,
    pub topics: PhraseTable<String>,
}

fn words(phrase: &str) -> Vec<String> {
    crate::text::tokenize(phrase).into_iter().map(|t| t.lower).collect()
}

fn opt(field: &str) -> Option<String> {
    (field != "-" && !field.is_empty()).then(|| field.to_owned())
}

fn lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

impl Lexicon {
    /// Parses the rule files; a malformed line is an error naming the file and line.
    pub fn parse(triggers: &str, cues: &str, topics: &str) -> Result<Self, String> {
        let mut lex =
            Lexicon { triggers: PhraseTable::default(), cues: PhraseTable::default(), topics: PhraseTable::default() };
        for (n, f) in lines(triggers).enumerate() {
            if f.len() < 7 {
                return Err(format!("triggers.tsv: entry {}: expected 7 fields, got {}", n + 1, f.len()));
            }
            let strength = f[6].trim().parse::<f32>().map_err(|e| format!("triggers.tsv: {}: {e}", f[0]))?;
            let t = Trigger {
                words: words(f[0]),
                event: f[1].to_owned(),
                mode: opt(f[2]),
                cameo: opt(f[3]),
                contexts: opt(f[4]).map(|c| c.split('|').map(str::to_owned).collect()).unwrap_or_default(),
                kind: match f[5] {
                    "noun" => Kind::Noun,
                    "group" => Kind::Group,
                    "with" => Kind::With,
                    "verb" => Kind::Verb,
                    "passive" => Kind::Passive,
                    other => return Err(format!("triggers.tsv: {}: unknown kind {other:?}", f[0])),
                },
                strength: strength.clamp(0.0, 1.0),
                phrase: f[0].to_owned(),
            };
            lex.triggers.push(t.words.clone(), t);
        }
        for f in lines(cues) {
            if f.len() < 2 {
                return Err(format!("cues.tsv: bad line {:?}", f.join("\t")));
            }
            let cue = match f[0] {
                "future" => Cue::Status(EventStatus::Future),
                "hypothetical" => Cue::Status(EventStatus::Hypothetical),
                "negated" => Cue::Status(EventStatus::Negated),
                "attribution" => Cue::Attribution,
                "source" => Cue::Source,
                "place" => Cue::Place,
                "pronoun" => Cue::Pronoun,
                "skip" => Cue::Skip,
                "caption" => Cue::Caption,
                other => return Err(format!("cues.tsv: unknown kind {other:?}")),
            };
            lex.cues.push(words(f[1]), cue);
        }
        for f in lines(topics) {
            if f.len() < 2 {
                return Err(format!("topics.tsv: bad line {:?}", f.join("\t")));
            }
            lex.topics.push(words(f[0]), f[1].to_owned());
        }
        lex.triggers.finish();
        lex.cues.finish();
        lex.topics.finish();
        Ok(lex)
    }
}
