//! Arguments from the parse: the subject, object and obliques of a trigger
//! verb in the syntax layer's dependency tree (UD v2), as byte ranges of the
//! original text, for the coder to match against actor mentions.

use attache_model::{Span, Word};

/// One argument: the span of its subtree and of its head words (the head
/// and the heads of phrases conjoined with it: "Seoul and Tokyo").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Arg {
    pub(crate) subtree: Span,
    pub(crate) heads: Vec<Span>,
    /// The relation to the verb (`nsubj`, `obj`, `obl`) and the case word of an oblique.
    pub(crate) rel: String,
    pub(crate) case: Option<String>,
}

/// Who the parse says did it and to whom, for one trigger word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Frame {
    /// The agent: the subject, or the "by" phrase of a passive.
    pub(crate) actor: Vec<Arg>,
    /// The patient: the object, the indirect object, an oblique with "with",
    /// "to", "against", "on" or "at", or the passive subject.
    pub(crate) recipient: Vec<Arg>,
    /// The word whose parse gave the frame (`head` of each subtree's root).
    pub(crate) verb: usize,
    /// "not", "never", "n't" modifying the verb.
    pub(crate) negated: bool,
    /// The subject is a relative pronoun, resolved to the noun the clause modifies
    /// ("the countries that signed the deal"): the actor is that noun or no one.
    pub(crate) relative: bool,
}

const RECIPIENT_CASES: &[&str] = &["with", "to", "against", "on", "at", "toward", "towards", "upon"];

fn children(words: &[Word], i: usize) -> impl Iterator<Item = usize> + '_ {
    words.iter().enumerate().filter(move |(_, w)| w.head == i + 1).map(|(j, _)| j)
}

/// The byte range covered by the subtree of word `i` (its head and every
/// word below it), without a trailing or leading punctuation word.
fn subtree(words: &[Word], i: usize) -> Span {
    let mut inside = vec![false; words.len()];
    inside[i] = true;
    // Heads come before or after; iterate until no change (trees are small).
    let mut changed = true;
    while changed {
        changed = false;
        for (j, w) in words.iter().enumerate() {
            if !inside[j] && w.head > 0 && inside[w.head - 1] && w.upos != "PUNCT" {
                inside[j] = true;
                changed = true;
            }
        }
    }
    let picked: Vec<&Word> = words.iter().zip(&inside).filter(|(_, x)| **x).map(|(w, _)| w).collect();
    let start = picked.iter().map(|w| w.span.start).min().unwrap_or(words[i].span.start);
    let end = picked.iter().map(|w| w.span.end).max().unwrap_or(words[i].span.end);
    Span { start, end }
}

/// The argument headed by word `i`: its head words are the head, the heads
/// conjoined with it, and their possessors, compounds and adjectives ("North
/// Korea's launch", "the U.S. envoy", "Syrian fighters"), where actor names
/// sit in a noun phrase.
fn arg(words: &[Word], i: usize) -> Arg {
    let mut roots = vec![i];
    roots.extend(children(words, i).filter(|&c| words[c].deprel == "conj"));
    let mut heads = Vec::new();
    for &r in &roots {
        heads.push(words[r].span);
        heads.extend(
            children(words, r)
                .filter(|&c| matches!(words[c].deprel.as_str(), "nmod:poss" | "compound" | "appos" | "flat" | "amod"))
                .map(|c| words[c].span),
        );
    }
    Arg { subtree: subtree(words, i), heads, rel: words[i].deprel.clone(), case: case_of(words, i) }
}

/// An event noun's own recipients: its "on"/"against"/"with"/"to" phrases.
fn noun_recipients_of(words: &[Word], v: usize) -> Vec<Arg> {
    children(words, v)
        .filter(|&c| words[c].deprel.starts_with("nmod") && words[c].deprel != "nmod:poss")
        .filter(|&c| case_of(words, c).is_some_and(|p| RECIPIENT_CASES.contains(&p.as_str())))
        .map(|c| arg(words, c))
        .collect()
}

fn case_of(words: &[Word], i: usize) -> Option<String> {
    children(words, i).find(|&c| words[c].deprel == "case").map(|c| words[c].lemma.to_ascii_lowercase())
}

/// The mentions (indices into `spans`, the mentions' original ranges) that
/// fill the arguments: those at one of their head words (not deeper in the
/// subtree, where "ways to bring North Korea back" names no recipient).
pub(crate) fn fill(args: &[Arg], spans: &[Span]) -> Vec<usize> {
    let mut out = Vec::new();
    for a in args {
        // A mention that covers a head word, or one that a head word covers
        // ("U.S." of "U.S. envoy" when only the country is a mention).
        out.extend((0..spans.len()).filter(|&m| {
            a.heads.iter().any(|h| {
                (spans[m].start <= h.start && h.end <= spans[m].end)
                    || (h.start <= spans[m].start && spans[m].end <= h.end)
            })
        }));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether the event noun at byte `at` (or the noun its compound or adjective
/// modifies: "nuclear and rocket tests") is the reason given for another
/// predicate ("sanctions slapped on the country for its tests", "criticized
/// over the launch"): an event referred to, not reported.
pub(crate) fn is_reason(words: &[Word], at: usize) -> bool {
    let Some(mut v) = crate::status::word_at(words, at) else { return false };
    for _ in 0..3 {
        if matches!(words[v].deprel.as_str(), "compound" | "amod" | "conj") && words[v].head > v + 1 {
            v = words[v].head - 1;
        } else {
            break;
        }
    }
    // ("for" with a possessor only: "joined for trilateral talks" is a purpose.)
    let possessed = children(words, v).any(|c| words[c].deprel == "nmod:poss");
    words[v].upos == "NOUN"
        && matches!(words[v].deprel.as_str(), "obl" | "nmod")
        && case_of(words, v).is_some_and(|c| c == "over" || (c == "for" && possessed))
}

/// The frame of the verb at byte `at` of the original (the trigger's first
/// word), when the sentence was parsed and that word is a verb.
pub(crate) fn frame(words: &[Word], at: usize) -> Option<Frame> {
    let mut v = crate::status::word_at(words, at)?;
    // "air strike", "missile test": a trigger that starts with a compound is its head's.
    if words[v].deprel == "compound" && words[v].head > v {
        v = words[v].head - 1;
    }
    // "launched an air strike on X", "held talks with X", "carried out a test":
    // an event noun as the object of a light verb takes the verb's subject,
    // and its own "on"/"against"/"with"/"to" phrase as the recipient.
    let mut noun_recipients = Vec::new();
    let mut light_verb = false;
    if words[v].upos == "NOUN" {
        let w = &words[v];
        if w.deprel != "obj" || w.head == 0 || words[w.head - 1].upos != "VERB" {
            // "Israel's attack against Lebanon", "North Korea's launch": an event
            // noun on its own takes its possessor as the actor.
            let actor: Vec<Arg> =
                children(words, v).filter(|&c| words[c].deprel == "nmod:poss").map(|c| arg(words, c)).collect();
            let recipient = noun_recipients_of(words, v);
            if actor.is_empty() {
                return None;
            }
            return Some(Frame { actor, recipient, verb: v, negated: false, relative: false });
        }
        noun_recipients = noun_recipients_of(words, v);
        v = w.head - 1;
        light_verb = true;
    } else if words[v].upos != "VERB" {
        return None;
    }
    let mut f = Frame { verb: v, recipient: noun_recipients, ..Frame::default() };
    let light = light_verb;
    let passive = words[v].feats.contains("Voice=Pass");
    for c in children(words, v) {
        let w = &words[c];
        let rel = w.deprel.as_str();
        match rel.split(':').next().unwrap_or(rel) {
            "nsubj" if rel == "nsubj:pass" || passive => f.recipient.push(arg(words, c)),
            // "the countries that signed the deal": the noun the relative clause modifies.
            "nsubj"
                if words[v].deprel == "acl:relcl"
                    && words[v].head > 0
                    && matches!(w.lemma.to_ascii_lowercase().as_str(), "that" | "which" | "who") =>
            {
                f.actor.push(arg(words, words[v].head - 1));
                f.relative = true;
            }
            "nsubj" => f.actor.push(arg(words, c)),
            // A light verb's object is the event itself, not its recipient.
            "obj" | "iobj" if !light => f.recipient.push(arg(words, c)),
            "obl" => match case_of(words, c).as_deref() {
                Some("by") if passive => f.actor.push(arg(words, c)),
                Some(p) if RECIPIENT_CASES.contains(&p) => f.recipient.push(arg(words, c)),
                _ => {}
            },
            "advmod" if matches!(w.lemma.to_ascii_lowercase().as_str(), "not" | "never" | "n't") => f.negated = true,
            _ => {}
        }
    }
    // "X met Y and signed Z", "X agreed to meet Y": a verb without a subject of
    // its own shares the one of the verb it is conjoined with or controlled by.
    if f.actor.is_empty() && !passive {
        let mut at = v;
        for _ in 0..3 {
            let w = &words[at];
            if w.head == 0 || !matches!(w.deprel.as_str(), "conj" | "xcomp") {
                break;
            }
            at = w.head - 1;
            if let Some(s) = children(words, at).find(|&c| words[c].deprel == "nsubj") {
                f.actor.push(arg(words, s));
                break;
            }
        }
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(start: usize, end: usize, upos: &str, lemma: &str, head: usize, deprel: &str, feats: &str) -> Word {
        Word {
            span: Span { start, end },
            upos: upos.into(),
            xpos: String::new(),
            lemma: lemma.into(),
            feats: feats.into(),
            head,
            deprel: deprel.into(),
        }
    }

    #[test]
    fn active_passive_and_shared_subjects() {
        // "Seoul met Tokyo" (0..5 6..9 10..15)
        let s = [
            w(0, 5, "PROPN", "Seoul", 2, "nsubj", "_"),
            w(6, 9, "VERB", "meet", 0, "root", "_"),
            w(10, 15, "PROPN", "Tokyo", 2, "obj", "_"),
        ];
        let f = frame(&s, 6).expect("a verb");
        assert_eq!(f.actor[0].subtree, Span { start: 0, end: 5 });
        assert_eq!(f.recipient[0].subtree, Span { start: 10, end: 15 });
        // "Tokyo was condemned by Seoul"
        let s = [
            w(0, 5, "PROPN", "Tokyo", 3, "nsubj:pass", "_"),
            w(6, 9, "AUX", "be", 3, "aux:pass", "_"),
            w(10, 19, "VERB", "condemn", 0, "root", "Voice=Pass"),
            w(20, 22, "ADP", "by", 5, "case", "_"),
            w(23, 28, "PROPN", "Seoul", 3, "obl", "_"),
        ];
        let f = frame(&s, 10).expect("a verb");
        assert_eq!(f.actor[0].subtree, Span { start: 20, end: 28 });
        assert_eq!(f.actor[0].heads, [Span { start: 23, end: 28 }]);
        assert_eq!(f.recipient[0].subtree, Span { start: 0, end: 5 });
        // "Seoul did not meet Tokyo and condemned Beijing"
        let s = [
            w(0, 5, "PROPN", "Seoul", 4, "nsubj", "_"),
            w(6, 9, "AUX", "do", 4, "aux", "_"),
            w(10, 13, "PART", "not", 4, "advmod", "_"),
            w(14, 18, "VERB", "meet", 0, "root", "_"),
            w(19, 24, "PROPN", "Tokyo", 4, "obj", "_"),
            w(25, 28, "CCONJ", "and", 7, "cc", "_"),
            w(29, 38, "VERB", "condemn", 4, "conj", "_"),
            w(39, 46, "PROPN", "Beijing", 7, "obj", "_"),
        ];
        assert!(frame(&s, 14).expect("a verb").negated);
        let f = frame(&s, 29).expect("a verb");
        assert_eq!(f.actor[0].subtree, Span { start: 0, end: 5 });
        assert_eq!(f.recipient[0].subtree, Span { start: 39, end: 46 });
        assert!(!f.negated);
        assert!(frame(&s, 19).is_none(), "a noun that is not a light verb's object has no frame");
        // "Russia launched strikes on Syria": the light verb's subject, the noun's "on" phrase.
        let s = [
            w(0, 6, "PROPN", "Russia", 2, "nsubj", "_"),
            w(7, 15, "VERB", "launch", 0, "root", "_"),
            w(16, 23, "NOUN", "strike", 2, "obj", "_"),
            w(24, 26, "ADP", "on", 5, "case", "_"),
            w(27, 32, "PROPN", "Syria", 3, "nmod", "_"),
        ];
        // "Israel's attack on Gaza": the possessor acts.
        let p = [
            w(0, 6, "PROPN", "Israel", 3, "nmod:poss", "_"),
            w(6, 8, "PART", "'s", 1, "case", "_"),
            w(9, 15, "NOUN", "attack", 0, "root", "_"),
            w(16, 18, "ADP", "on", 5, "case", "_"),
            w(19, 23, "PROPN", "Gaza", 3, "nmod", "_"),
        ];
        let f = frame(&p, 9).expect("a possessed event noun");
        assert_eq!(f.actor[0].heads, [Span { start: 0, end: 6 }]);
        assert_eq!(f.recipient[0].subtree, Span { start: 16, end: 23 });
        let f = frame(&s, 16).expect("a light verb's object");
        assert_eq!(f.actor[0].subtree, Span { start: 0, end: 6 });
        assert_eq!(f.recipient.len(), 1);
        assert_eq!(f.recipient[0].subtree, Span { start: 24, end: 32 });
    }
}
