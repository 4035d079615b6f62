//! The rule data: triggers, cue words and topics, parsed from the TSV files in `data/`.

use std::collections::HashMap;
use std::sync::Arc;

use attache_model::EventStatus;

/// One trigger phrase and what it codes.
#[derive(Debug, Clone)]
pub struct Trigger {
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
    /// A receiving verb ("received a message from X"): actor from "from X", the
    /// subject is the recipient.
    From,
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

/// Phrases (word sequences) in a trie of words; `*` matches any one word but
/// punctuation. The longest phrase wins; among equally long ones, the first pushed.
#[derive(Debug, Clone)]
pub struct PhraseTable<T> {
    nodes: Vec<Node>,
    values: Vec<T>,
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// foldhash: this lookup runs for every word of every sentence.
    next: foldhash::HashMap<String, u32>,
    wild: Option<u32>,
    value: Option<u32>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        Self { nodes: vec![Node::default()], values: Vec::new() }
    }
}

fn is_punct(w: &str) -> bool {
    matches!(w, "," | ";" | ":" | "." | "(" | ")" | "--")
}

impl<T> PhraseTable<T> {
    /// Adds a phrase; a phrase already present keeps its first value.
    pub fn push(&mut self, words: Vec<String>, value: T) {
        if words.is_empty() {
            return;
        }
        let mut at = 0usize;
        for w in words {
            let fresh = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
            let node = &mut self.nodes[at];
            let child = if w == "*" { *node.wild.get_or_insert(fresh) } else { *node.next.entry(w).or_insert(fresh) };
            if child == fresh {
                self.nodes.push(Node::default());
            }
            at = child as usize;
        }
        if self.nodes[at].value.is_none() {
            self.nodes[at].value = Some(u32::try_from(self.values.len()).unwrap_or(u32::MAX));
            self.values.push(value);
        }
    }

    /// Kept for callers that build a table in two steps; the trie needs no sorting.
    pub fn finish(&mut self) {}

    /// The longest phrase starting at `words[at]`: its value and length in words.
    pub fn longest_at<S: AsRef<str>>(&self, words: &[S], at: usize) -> Option<(&T, usize)> {
        // (length, value index) of the best match so far.
        let mut best: Option<(usize, u32)> = None;
        let mut stack: Vec<(u32, usize)> = vec![(0, 0)];
        while let Some((node, depth)) = stack.pop() {
            let n = &self.nodes[node as usize];
            if let Some(v) = n.value
                && depth > 0
                && best.is_none_or(|(len, bv)| depth > len || (depth == len && v < bv))
            {
                best = Some((depth, v));
            }
            let Some(w) = words.get(at + depth).map(AsRef::as_ref) else { continue };
            if let Some(&c) = n.next.get(w) {
                stack.push((c, depth + 1));
            }
            if let Some(c) = n.wild
                && !is_punct(w)
            {
                stack.push((c, depth + 1));
            }
        }
        best.and_then(|(len, v)| self.values.get(v as usize).map(|t| (t, len)))
    }
}

/// Everything the coder knows, compiled once.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub triggers: PhraseTable<Arc<Trigger>>,
    pub cues: PhraseTable<Cue>,
    pub topics: PhraseTable<String>,
}

fn words(phrase: &str) -> Vec<String> {
    crate::text::tokenize(phrase).into_iter().map(|t| t.lower).collect()
}

/// The most word sequences one pattern line may stand for.
const MAX_EXPANSIONS: usize = 8192;
/// The most words a `..` gap stands for.
const MAX_GAP: usize = 3;

/// Irregular verbs: base → (third person, past, participle, gerund).
#[derive(Debug, Default)]
pub struct Verbs {
    irregular: HashMap<String, [String; 4]>,
}

impl Verbs {
    /// Parses `irregular.tsv`: base, third person, past, participle, gerund (`-` for the
    /// regular form, `!` for none: a third person that reads as a noun, "talks").
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut irregular = HashMap::new();
        for f in lines(text) {
            if f.len() < 5 {
                return Err(format!("irregular.tsv: expected 5 fields in {:?}", f.join("\t")));
            }
            let base = f[0].trim();
            let regular = regular_forms(base);
            let pick = |i: usize| match f[i + 1].trim() {
                "-" => regular[i].clone(),
                // "!": the form reads as a noun ("talks", "sanctions"): not a trigger.
                "!" => String::new(),
                form => form.to_owned(),
            };
            irregular.insert(base.to_owned(), [pick(0), pick(1), pick(2), pick(3)]);
        }
        Ok(Self { irregular })
    }

    /// Every form of a verb: base, third person, past, participle, gerund (deduplicated).
    pub fn forms(&self, base: &str) -> Vec<String> {
        let forms = self.irregular.get(base).cloned().unwrap_or_else(|| regular_forms(base));
        let mut out = vec![base.to_owned()];
        for f in forms {
            for alt in f.split('/').filter(|a| !a.is_empty()) {
                if !out.iter().any(|o| o == alt) {
                    out.push(alt.to_owned());
                }
            }
        }
        out
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Third person, past, participle and gerund of a regular verb ("ban" → "bans",
/// "banned", "banned", "banning"; "agree" → "agreeing"; "deny" → "denied").
fn regular_forms(base: &str) -> [String; 4] {
    // Compound verbs ("test-fire") inflect their last part.
    if let Some((head, last)) = base.rsplit_once('-') {
        return regular_forms(last).map(|f| format!("{head}-{f}"));
    }
    let b = base.as_bytes();
    let n = b.len();
    let last = b.last().copied().unwrap_or(b'x');
    let before = if n >= 2 { b[n - 2] } else { b'x' };
    let stem = &base[..n.saturating_sub(1)];
    if last == b'e' {
        let gerund = if matches!(before, b'e' | b'o' | b'y') { format!("{base}ing") } else { format!("{stem}ing") };
        return [format!("{base}s"), format!("{base}d"), format!("{base}d"), gerund];
    }
    if last == b'y' && !is_vowel(before) {
        return [format!("{stem}ies"), format!("{stem}ied"), format!("{stem}ied"), format!("{base}ing")];
    }
    let third = if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
        || base.ends_with('o')
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    // One vowel, then a final consonant after it: the consonant doubles ("ban", "stop").
    let vowels = b.iter().filter(|&&c| is_vowel(c)).count();
    let doubles = vowels == 1 && is_vowel(before) && !is_vowel(last) && !matches!(last, b'w' | b'x' | b'y');
    let base2 = if doubles { format!("{base}{}", last as char) } else { base.to_owned() };
    [third, format!("{base2}ed"), format!("{base2}ed"), format!("{base2}ing")]
}

/// Expands one pattern into the word sequences it stands for:
/// `word~` every form of a verb, `word+` a noun and its plural, `a|b` either word,
/// `..` a gap of up to three words (`..2`: up to two), `*` any one word (never punctuation).
pub fn expand(pattern: &str, verbs: &Verbs) -> Result<Vec<Vec<String>>, String> {
    let mut seqs: Vec<Vec<String>> = vec![Vec::new()];
    for part in pattern.split_whitespace() {
        let gap = part.strip_prefix("..").map(|n| if n.is_empty() { Ok(MAX_GAP) } else { n.parse::<usize>() });
        let choices: Vec<Vec<String>> = if let Some(gap) = gap {
            let gap = gap.map_err(|_| format!("bad gap {part:?} in {pattern:?}"))?.min(MAX_GAP);
            (0..=gap).map(|n| vec!["*".to_owned(); n]).collect()
        } else {
            let mut out: Vec<Vec<String>> = Vec::new();
            for alt in part.split('|').filter(|a| !a.is_empty()) {
                let forms: Vec<String> = if let Some(v) = alt.strip_suffix('~') {
                    verbs.forms(v)
                } else if let Some(n) = alt.strip_suffix('+') {
                    vec![n.to_owned(), plural(n)]
                } else {
                    vec![alt.to_owned()]
                };
                for f in forms {
                    // A form may be several words once tokenized ("'s", hyphens stay).
                    let w = words(&f);
                    if !w.is_empty() && !out.contains(&w) {
                        out.push(w);
                    }
                }
            }
            out
        };
        if choices.is_empty() {
            return Err(format!("empty alternative in {pattern:?}"));
        }
        let mut next = Vec::with_capacity(seqs.len() * choices.len());
        for s in &seqs {
            for c in &choices {
                let mut v = s.clone();
                v.extend(c.iter().cloned());
                next.push(v);
            }
        }
        if next.len() > MAX_EXPANSIONS {
            return Err(format!("{pattern:?} stands for more than {MAX_EXPANSIONS} phrases"));
        }
        seqs = next;
    }
    // A pattern never starts or ends with a gap's wildcard.
    seqs.retain(|s| s.first().is_some_and(|w| w != "*") && s.last().is_some_and(|w| w != "*"));
    Ok(seqs)
}

fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if noun.ends_with('s') || noun.ends_with('x') || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else if noun.ends_with('y') && n >= 2 && !is_vowel(b[n - 2]) {
        format!("{}ies", &noun[..n - 1])
    } else {
        format!("{noun}s")
    }
}

fn opt(field: &str) -> Option<String> {
    (field != "-" && !field.is_empty()).then(|| field.to_owned())
}

fn lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

impl Lexicon {
    /// Parses the rule files; a malformed line is an error naming the file and line.
    /// `irregular` is `irregular.tsv`, the verb forms `word~` in a trigger expands to.
    pub fn parse(triggers: &str, cues: &str, topics: &str, irregular: &str) -> Result<Self, String> {
        let verbs = Verbs::parse(irregular)?;
        let mut lex =
            Lexicon { triggers: PhraseTable::default(), cues: PhraseTable::default(), topics: PhraseTable::default() };
        for (n, f) in lines(triggers).enumerate() {
            if f.len() < 7 {
                return Err(format!("triggers.tsv: entry {}: expected 7 fields, got {}", n + 1, f.len()));
            }
            let strength = f[6].trim().parse::<f32>().map_err(|e| format!("triggers.tsv: {}: {e}", f[0]))?;
            let t = Trigger {
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
                    "from" => Kind::From,
                    other => return Err(format!("triggers.tsv: {}: unknown kind {other:?}", f[0])),
                },
                strength: strength.clamp(0.0, 1.0),
                phrase: f[0].to_owned(),
            };
            let seqs = expand(f[0], &verbs).map_err(|e| format!("triggers.tsv: entry {}: {e}", n + 1))?;
            // One trigger shared by every phrase of its line; the first line to yield a
            // phrase owns it.
            let t = Arc::new(t);
            for seq in seqs {
                lex.triggers.push(seq, Arc::clone(&t));
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn verbs() -> Verbs {
        Verbs::parse(crate::IRREGULAR).unwrap_or_default()
    }

    #[test]
    fn regular_verbs_inflect() {
        let v = verbs();
        assert_eq!(v.forms("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(v.forms("urge"), ["urge", "urges", "urged", "urging"]);
        assert_eq!(v.forms("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(v.forms("stop"), ["stop", "stops", "stopped", "stopping"]);
        assert_eq!(v.forms("veto"), ["veto", "vetoed", "vetoing"], "'vetoes' reads as a noun: left out");
        assert_eq!(v.forms("test-fire"), ["test-fire", "test-fires", "test-fired", "test-firing"]);
        assert_eq!(v.forms("visit"), ["visit", "visited", "visiting"]);
    }

    #[test]
    fn irregular_verbs_come_from_the_table() {
        let v = verbs();
        assert_eq!(v.forms("meet"), ["meet", "meets", "met", "meeting"]);
        assert_eq!(v.forms("withdraw"), ["withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"]);
        assert!(
            v.forms("cancel").contains(&"canceled".to_owned()) && v.forms("cancel").contains(&"cancelled".to_owned())
        );
        assert!(!v.forms("talk").contains(&"talks".to_owned()), "'talks' is the noun");
    }

    #[test]
    fn patterns_expand_to_every_phrase() {
        let v = verbs();
        let got = expand("impose~ ..2 sanction+", &v).unwrap_or_default();
        assert!(got.contains(&vec!["imposed".to_owned(), "sanctions".to_owned()]));
        assert!(got.contains(&vec!["imposing".into(), "*".into(), "*".into(), "sanction".into()]));
        assert!(!got.iter().any(|s| s.len() > 4), "a gap of at most two words");
        let alt = expand("will|would not halt", &v).unwrap_or_default();
        assert_eq!(alt.len(), 2);
        assert!(expand("a|b|c|d|e|f|g|h ..3 a|b|c|d|e|f|g|h ..3 a|b|c|d|e|f|g|h ..3 x", &v).is_err(), "too many");
    }

    #[test]
    fn wildcards_do_not_cross_punctuation() {
        let mut t: PhraseTable<u8> = PhraseTable::default();
        t.push(vec!["met".into(), "*".into(), "demands".into()], 1);
        t.finish();
        let ok = ["met", "their", "demands"];
        let comma = ["met", ",", "demands"];
        assert!(t.longest_at(&ok, 0).is_some());
        assert!(t.longest_at(&comma, 0).is_none());
    }
}
