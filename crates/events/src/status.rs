//! Status from the clause: whether a trigger is asserted, future, hypothetical
//! or negated.
//!
//! The status cues of `data/cues.tsv` ("will", "plans to", "if", "could",
//! "failed to") are looked for before the trigger in its clause. Where the
//! sentence was parsed, a cue counts only when it belongs to the trigger's own
//! clause: it is one of the words that govern the trigger (the trigger, the
//! verbs it is the open complement of: "plans to visit", "refused to meet"; the
//! light verb of an event noun: "will hold talks") or a dependent of one of
//! them (an auxiliary, a mark, a modifier). So in "a move that could strain
//! relations after Turkey shot down a warplane", "could" is the status of
//! "strain", not of "shot down".

use attache_model::Word;

/// The word at byte `at`, if the parse has one there.
pub(crate) fn word_at(words: &[Word], at: usize) -> Option<usize> {
    words.iter().position(|w| w.span.start <= at && at < w.span.end)
}

/// The trigger's word and the words that govern it, innermost first: up from
/// a compound or adjective to its head ("missile test", "trilateral talks"),
/// from an event noun to the verb whose object, subject or oblique it is
/// ("held talks", "talks will take place", "set to meet for talks"), and from
/// a verb to the verb it complements or is conjoined with ("agreed to meet",
/// "will meet and discuss").
pub(crate) fn governors(words: &[Word], at: usize) -> Vec<usize> {
    let Some(mut v) = word_at(words, at) else { return Vec::new() };
    // Only nouns and their modifiers so far: no clause of its own yet.
    let nominal = |chain: &[usize]| chain.iter().all(|&c| !matches!(words[c].upos.as_str(), "VERB" | "AUX"));
    let mut chain = vec![v];
    for _ in 0..6 {
        let w = &words[v];
        if w.head == 0 || w.head > words.len() {
            break;
        }
        let head = w.head - 1;
        let up = match w.deprel.as_str() {
            "compound" | "amod" | "xcomp" | "conj" => true,
            // An event noun takes the status of the clause it sits in ("were set
            // to be joined ... for trilateral talks").
            "obj" | "nsubj" | "nsubj:pass" | "obl" | "nmod" => w.upos == "NOUN" && nominal(&chain),
            // "will hold a press event following their meeting": a participle
            // used as a preposition (EWT parses it as a verb) is not a clause.
            "advcl" => {
                matches!(w.lemma.as_str(), "follow" | "precede")
                    && w.feats.contains("VerbForm=Ger")
                    && nominal(&chain[..chain.len() - 1])
            }
            _ => false,
        };
        if !up || chain.contains(&head) {
            break;
        }
        chain.push(head);
        v = head;
    }
    chain
}

/// Whether the cue word at byte `cue` belongs to the clause of the trigger
/// whose governors are `chain`: it is one of them or depends on one.
pub(crate) fn in_clause(words: &[Word], chain: &[usize], cue: usize) -> bool {
    let Some(c) = word_at(words, cue) else { return true };
    chain.contains(&c) || (words[c].head > 0 && chain.contains(&(words[c].head - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::Span;

    fn w(start: usize, end: usize, upos: &str, head: usize, deprel: &str) -> Word {
        Word {
            span: Span { start, end },
            upos: upos.into(),
            xpos: String::new(),
            lemma: String::new(),
            feats: String::new(),
            head,
            deprel: deprel.into(),
        }
    }

    #[test]
    fn a_modal_of_the_main_clause_is_not_the_status_of_an_adverbial_clause() {
        // "it could strain ties after Turkey shot"
        //  0  3     9      16   21     28
        let s = [
            w(0, 2, "PRON", 3, "nsubj"),
            w(3, 8, "AUX", 3, "aux"),
            w(9, 15, "VERB", 0, "root"),
            w(16, 20, "NOUN", 3, "obj"),
            w(21, 26, "SCONJ", 7, "mark"),
            w(27, 33, "PROPN", 7, "nsubj"),
            w(34, 38, "VERB", 3, "advcl"),
        ];
        let shot = governors(&s, 34);
        assert_eq!(shot, [6]);
        assert!(!in_clause(&s, &shot, 3), "'could' is the main clause's");
        let strain = governors(&s, 9);
        assert!(in_clause(&s, &strain, 3));
        // "will hold talks": the light verb's auxiliary is the noun's status.
        let s = [w(0, 4, "AUX", 2, "aux"), w(5, 9, "VERB", 0, "root"), w(10, 15, "NOUN", 2, "obj")];
        let talks = governors(&s, 10);
        assert_eq!(talks, [2, 1]);
        assert!(in_clause(&s, &talks, 0));
    }
}
