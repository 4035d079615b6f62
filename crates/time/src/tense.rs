//! A small tense heuristic: the nearest tense cue in the sentence around an
//! expression ("said Wednesday" is past, "will meet on Friday" future).

use crate::lexicon::{CueStrength, Tense};
use crate::token::{Kind, Tok};

/// How far to look, in tokens, before and after the expression.
const LEFT: usize = 20;
const RIGHT: usize = 14;

/// Lowercase words ending in "-ed" that are not past forms.
const NOT_PAST: &[&str] = &[
    "indeed",
    "need",
    "speed",
    "seed",
    "feed",
    "breed",
    "proceed",
    "exceed",
    "succeed",
    "hundred",
    "red",
    "bed",
    "shed",
    "bred",
    "united",
    "limited",
    "advanced",
    "detailed",
    "related",
    "concerned",
    "alleged",
    "armed",
    "required",
    "supposed",
    "so-called",
    "called",
    "based",
    "proposed",
    "unprecedented",
    "sophisticated",
    "dedicated",
    "designated",
    "qualified",
    "specialized",
    "talented",
    "interested",
    "aged",
    "wicked",
    "naked",
    "sacred",
    "kindred",
    "hatred",
    "biased",
    "devoted",
];

/// The cue at token `k`: its tense and whether it is weak.
fn cue(toks: &[Tok], lower: &str, k: usize) -> Option<(Tense, bool)> {
    let c = cue_word(toks, lower, k)?;
    // "will be held", "could be released": a passive participle after "be"
    // carries no tense of its own; the auxiliary before it does.
    if c.0 == Tense::Past && k > 0 && matches!(&lower[toks[k - 1].start..toks[k - 1].end], "be" | "being") {
        return None;
    }
    Some(c)
}

fn cue_word(toks: &[Tok], lower: &str, k: usize) -> Option<(Tense, bool)> {
    let t = &toks[k];
    if t.kind != Kind::Word {
        return None;
    }
    let w = &lower[t.start..t.end];
    if w == "to" && k > 0 {
        let p = &toks[k - 1];
        match &lower[p.start..p.end] {
            "is" | "are" | "am" => return Some((Tense::Future, false)),
            "was" | "were" => return Some((Tense::Past, false)),
            _ => {}
        }
        return None;
    }
    // "as soon as Tuesday", "as early as next week": the earliest a thing
    // may happen, so it has not happened yet.
    if matches!(w, "soon" | "early")
        && k > 0
        && &lower[toks[k - 1].start..toks[k - 1].end] == "as"
        && toks.get(k + 1).is_some_and(|n| &lower[n.start..n.end] == "as")
    {
        return Some((Tense::Future, false));
    }
    // "effective Feb. 1": the date a change takes effect, announced ahead
    // (but "became effective in March" is told as past).
    if w == "effective"
        && toks.get(k + 1).is_some_and(|n| n.kind != Kind::Punct)
        && !(k > 0 && matches!(&lower[toks[k - 1].start..toks[k - 1].end], "was" | "were" | "became" | "been" | "had"))
    {
        return Some((Tense::Future, false));
    }
    if w == "set" && toks.get(k + 1).is_some_and(|n| &lower[n.start..n.end] == "to") {
        return Some((Tense::Future, false));
    }
    if w == "won" && toks.get(k + 1).is_some_and(|n| &lower[n.start..n.end] == "'" || &lower[n.start..n.end] == "’") {
        return Some((Tense::Future, false));
    }
    if let Some((tense, strength)) = t.lex.and_then(|e| e.tense) {
        // A plan told in the past ("had been due to expire", "was scheduled to")
        // is a past event by now, more often than not.
        if tense == Tense::Future
            && matches!(w, "due" | "scheduled" | "slated" | "expected" | "set" | "going" | "planned")
        {
            let before = |n: usize| k.checked_sub(n).map(|j| &lower[toks[j].start..toks[j].end]);
            if [1, 2].iter().any(|&n| matches!(before(n), Some("was" | "were" | "had" | "been"))) {
                return Some((Tense::Past, false));
            }
        }
        return Some((tense, strength == CueStrength::Report));
    }
    if w.len() >= 5 && w.ends_with("ed") && !t.upper && !NOT_PAST.contains(&w) {
        return Some((Tense::Past, true));
    }
    None
}

/// A clause's tense as the cues tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub tense: Tense,
    /// From a strong cue ("will", "was"), not a reporting verb or an "-ed" form.
    pub strong: bool,
}

/// The tense of the clause around tokens `s..e` (`None` when nothing tells).
pub fn tense_near(toks: &[Tok], lower: &str, s: usize, e: usize) -> Option<Cue> {
    tense_within(toks, lower, s, e, LEFT)
}

/// The tense from cues after the expression only (for "Wednesday's ruling",
/// whose own clause follows it).
pub fn tense_after(toks: &[Tok], lower: &str, s: usize, e: usize) -> Option<Cue> {
    tense_within(toks, lower, s, e, 0)
}

fn tense_within(toks: &[Tok], lower: &str, s: usize, e: usize, left: usize) -> Option<Cue> {
    if s >= toks.len() {
        return None;
    }
    let sent = toks[s].sentence;
    let mut best: Option<(usize, Cue)> = None;
    let mut consider = |score: usize, tense: Tense, weak: bool| {
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, Cue { tense, strong: !weak }));
        }
    };
    for k in (s.saturating_sub(left)..s).rev() {
        if toks[k].sentence != sent {
            break;
        }
        if let Some((t, weak)) = cue(toks, lower, k) {
            consider(s - k + if weak { 5 } else { 0 }, t, weak);
            if !weak {
                break;
            }
        }
    }
    // Does the expression open its sentence ("On Thursday, X said")? Then the
    // clause it belongs to goes on past a comma.
    let opens = (s.saturating_sub(3)..s).all(|k| {
        toks[k].sentence != sent
            || matches!(
                &lower[toks[k].start..toks[k].end],
                "on" | "in"
                    | "by"
                    | "early"
                    | "late"
                    | "since"
                    | "until"
                    | "during"
                    | "after"
                    | "before"
                    | "last"
                    | "next"
                    | "this"
                    | "and"
                    | "but"
                    | "\""
                    | "``"
            )
    });
    for k in e..(e + RIGHT).min(toks.len()) {
        if toks[k].sentence != sent {
            break;
        }
        // A subordinate clause after the expression has its own tense.
        let w = &lower[toks[k].start..toks[k].end];
        if matches!(
            w,
            "that" | "which" | "who" | "whom" | "where" | "because" | "while" | "but" | "if" | "when" | ";" | ":"
        ) || (w == "," && !opens)
        {
            break;
        }
        if let Some((t, weak)) = cue(toks, lower, k) {
            consider(k + 1 - e + 2 + if weak { 5 } else { 0 }, t, weak);
            if !weak {
                break;
            }
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn tense_of(text: &str, word: &str) -> Option<Tense> {
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower);
        let i = toks.iter().position(|t| &text[t.start..t.end] == word)?;
        tense_near(&toks, &lower, i, i + 1).map(|c| c.tense)
    }

    #[test]
    fn cues() {
        assert_eq!(tense_of("The ministry said Wednesday.", "Wednesday"), Some(Tense::Past));
        assert_eq!(tense_of("They will meet on Friday.", "Friday"), Some(Tense::Future));
        assert_eq!(tense_of("It test-fired two missiles Monday.", "Monday"), Some(Tense::Past));
        assert_eq!(tense_of("He is to visit Seoul on Friday.", "Friday"), Some(Tense::Future));
        assert_eq!(tense_of("On Thursday, the minister said so.", "Thursday"), Some(Tense::Past));
        assert_eq!(tense_of("Friday.", "Friday"), None);
        assert_eq!(tense_of("The talks will be held on Friday.", "Friday"), Some(Tense::Future));
    }
}
