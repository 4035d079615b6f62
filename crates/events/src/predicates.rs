//! Predicates: whether a trigger in its clause reports an event at all, or only
//! describes something ("the deal lifting sanctions", "fighters backed by the
//! United States"), names a habit ("regularly accuses") or what a thing is for
//! ("missiles designed to deliver a warhead"). Read from the words and, where the
//! sentence was parsed, from the parse.

use attache_model::{Span, Word};

use crate::lexicon::Kind;

/// A trigger where it stands: its words, the parse's word for it, and what is around.
pub(crate) struct Site<'a> {
    /// The sentence's lower-case words.
    pub(crate) words: &'a [String],
    /// The trigger's first word, the word after it, and the first word of the verb group
    /// (before skipped adverbs).
    pub(crate) at: usize,
    pub(crate) after: usize,
    pub(crate) j: usize,
    /// The word before the verb group.
    pub(crate) prev: Option<&'a str>,
    pub(crate) event: &'a str,
    pub(crate) kind: Kind,
    /// The sentence's parse and the index of the trigger's word in it.
    pub(crate) parse: Option<&'a [Word]>,
    pub(crate) parsed_at: Option<usize>,
    /// The original spans of the sentence's actor mentions.
    pub(crate) mentions: &'a [Span],
    /// It follows "to" right after a call or meeting ("called his counterpart to express
    /// regrets"): its purpose, which was carried out.
    pub(crate) purpose_of_call: bool,
}

impl Site<'_> {
    fn parsed(&self) -> Option<&Word> {
        self.parse.zip(self.parsed_at).map(|(w, i)| &w[i])
    }

    fn prev_upos(&self) -> Option<&str> {
        self.parse.zip(self.parsed_at.and_then(|i| i.checked_sub(1))).map(|(w, i)| w[i].upos.as_str())
    }
}

/// Why the trigger reports no event, if it does not.
pub(crate) fn not_reported(s: &Site<'_>) -> Option<&'static str> {
    let verb = matches!(s.kind, Kind::Verb | Kind::Passive);
    let parsed = s.parsed();
    let prev_upos = s.prev_upos();
    let word = s.words[s.at].as_str();
    // "detained U.S. citizens", "the besieged town": a participle modifying a noun
    // describes it. (Not after a noun: "the EU lifted sanctions" misparsed as "lifted
    // sanctions". Not a word that cannot be a participle in the purpose of a call:
    // "to express regrets" misread as an adjective is still an apology.)
    let participle_form = word.ends_with("ed")
        || word.ends_with("en")
        || word.ends_with("ing")
        || past_form(word, None)
        || !s.purpose_of_call;
    if verb
        && !matches!(prev_upos, Some("NOUN" | "PROPN" | "PRON"))
        && participle_form
        && parsed.is_some_and(|w| w.deprel == "amod")
    {
        return Some("a participle modifying a noun");
    }
    // "fighters backed by the United States": support described, not given (the words
    // say so where the parse does not: "including some backed by").
    if s.event == "SUPPORT"
        && (parsed.is_some_and(|w| w.deprel == "acl" && w.xpos == "VBN")
            || (word.ends_with("ed")
                && s.words.get(s.after).is_some_and(|w| w == "by")
                && s.prev.is_some_and(|w| !PASSIVE_BEFORE.contains(&w) && !matches!(w, "has" | "have" | "had"))))
    {
        return Some("support described");
    }
    // "the deal lifting sanctions on Iran", "services warning about spies": a gerund
    // modifying a noun describes it. So does a participle without its agent ("export
    // restrictions imposed on it"), except a detention, whose only report is often the
    // description of the one held ("a student detained in Iran"). (Not words said:
    // "made comments criticizing Turkey" is the criticism. Nor a participle after a name,
    // more often a misparsed main verb: "Ban called on".)
    let described = s.parse.zip(parsed).is_some_and(|(ws, w)| {
        let head = w.head.checked_sub(1).map(|h| ws[h].lemma.to_ascii_lowercase());
        w.deprel == "acl"
            && !head.as_deref().is_some_and(|h| SAYING_NOUNS.contains(&h))
            && (w.xpos == "VBG"
                || (w.xpos == "VBN"
                    && prev_upos == Some("NOUN")
                    && !s.mentions.iter().any(|m| {
                        let head = &ws[w.head - 1].span;
                        m.start <= head.start && head.end <= m.end
                    })
                    && s.event != "COERCE"
                    && s.words.get(s.after).is_none_or(|n| n != "by")))
    });
    // The parse may miss it ("the deal lifting sanctions" read as a clause): a gerund
    // right after a common noun modifies it.
    let gerund_after_noun = s.kind == Kind::Verb
        && prev_upos == Some("NOUN")
        && word.ends_with("ing")
        && parsed.is_none_or(|w| w.deprel != "root")
        && !s
            .parse
            .zip(s.parsed_at)
            .and_then(|(ws, i)| i.checked_sub(1).map(|p| &ws[p]))
            .is_some_and(|w| SAYING_NOUNS.contains(&w.lemma.to_ascii_lowercase().as_str()));
    if verb && (described || gerund_after_noun) {
        return Some("a clause describing a noun");
    }
    // "regularly accuses both of acts of aggression": a habit, not an event.
    if (s.j.saturating_sub(2)..s.j).any(|p| {
        matches!(s.words[p].as_str(), "regularly" | "routinely" | "often" | "frequently" | "usually" | "typically")
    }) {
        return Some("a habit");
    }
    // "the U.S. have all used ICBMs to launch satellites in the past": history in
    // general, not an event.
    let near = s.j.saturating_sub(6)..(s.after + 8).min(s.words.len());
    if s.words[near].windows(3).any(|w| w[0] == "in" && w[1] == "the" && w[2] == "past") {
        return Some("the past in general");
    }
    None
}

/// Whether the infinitive at the site says what a thing is for ("the rocket used to
/// launch the satellite", "missiles designed to deliver a warhead"), not an act.
pub(crate) fn purpose_of_a_thing(s: &Site<'_>, after_to: bool) -> bool {
    after_to
        && s.j
            .checked_sub(2)
            .is_some_and(|p| matches!(s.words[p].as_str(), "used" | "designed" | "built" | "meant" | "capable"))
}

/// Words that open a subordinate clause of time or reason.
pub(crate) const SUBORDINATORS: &[&str] =
    &["after", "before", "since", "because", "when", "while", "although", "though", "until"];

/// Auxiliaries before a participle that make it passive ("was blacklisted").
pub(crate) const PASSIVE_BEFORE: &[&str] = &["was", "were", "is", "are", "been", "be", "being"];

/// Nouns of things said, whose modifying participle is the saying ("comments criticizing").
const SAYING_NOUNS: &[&str] = &[
    "comment",
    "remark",
    "statement",
    "letter",
    "message",
    "speech",
    "note",
    "article",
    "commentary",
    "editorial",
    "post",
    "tweet",
    "address",
];

/// Whether a word is a past-tense verb form (the parse's tag where there is one).
pub(crate) fn past_form(word: &str, xpos: Option<&str>) -> bool {
    xpos == Some("VBD")
        || (word.len() > 4 && word.ends_with("ed"))
        || matches!(
            word,
            "shot"
                | "met"
                | "held"
                | "took"
                | "began"
                | "fought"
                | "struck"
                | "sent"
                | "made"
                | "gave"
                | "told"
                | "won"
                | "broke"
                | "led"
                | "seized"
                | "stole"
                | "threw"
                | "flew"
                | "drove"
                | "hit"
                | "beat"
                | "fell"
                | "wrote"
        )
}
