//! Merging: whether two coded events are reports of the same one, and folding one
//! into the other.

use std::collections::HashSet;

use attache_model::{ActorKind, Document, Event, Participant};

use crate::code::SYMMETRIC;

pub(crate) fn keys(doc: &Document, ps: &[Participant]) -> HashSet<String> {
    ps.iter().map(|p| key(doc, p)).collect()
}

pub(crate) fn key(_doc: &Document, p: &Participant) -> String {
    p.country.clone().unwrap_or_else(|| format!("name:{}", p.name))
}

/// Whether two events name different people of one country ("Xi met Rouhani", "Xi
/// later met Khamenei"): then they are different events.
pub(crate) fn different_people(doc: &Document, a: &Event, b: &Event) -> bool {
    let people = |e: &Event| -> Vec<(Option<String>, usize)> {
        e.actor
            .iter()
            .chain(&e.recipient)
            .filter_map(|p| p.actor.map(|i| (p.country.clone(), i)))
            .filter(|(_, i)| doc.actors.get(*i).is_some_and(|x| x.kind == ActorKind::Person))
            .collect()
    };
    let (pa, pb) = (people(a), people(b));
    pa.iter().any(|(c, _)| {
        let mine: HashSet<usize> = pa.iter().filter(|(d, _)| d == c).map(|(_, i)| *i).collect();
        let theirs: HashSet<usize> = pb.iter().filter(|(d, _)| d == c).map(|(_, i)| *i).collect();
        !theirs.is_empty() && mine.is_disjoint(&theirs)
    })
}

/// Whether event `a` is about the lead event `b`'s participants: the same people when
/// the lead names people ("At the meeting, Sherman welcomed ..."), else all of its
/// countries, or one of them in an event of the same type.
pub(crate) fn shares_party(doc: &Document, a: &Event, b: &Event) -> bool {
    let people = |e: &Event| -> HashSet<usize> {
        e.actor
            .iter()
            .chain(&e.recipient)
            .filter_map(|p| p.actor)
            .filter(|&i| doc.actors.get(i).is_some_and(|x| x.kind == ActorKind::Person))
            .collect()
    };
    let pb = people(b);
    if !pb.is_empty() {
        return !people(a).is_disjoint(&pb);
    }
    let ka: HashSet<String> = keys(doc, &a.actor).union(&keys(doc, &a.recipient)).cloned().collect();
    let kb: HashSet<String> = keys(doc, &b.actor).union(&keys(doc, &b.recipient)).cloned().collect();
    // The same pair of countries ("Seoul and Tokyo agreed on Monday ... During the
    // talks, Han and Aoki discussed ..."), or the same kind of event by a party.
    (kb.len() >= 2 && kb.is_subset(&ka)) || (a.event == b.event && !ka.is_disjoint(&kb))
}

/// Whether two events' dates can be one: either is unknown, they are equal, or one
/// is a coarser form of the other ("last year" 2015 and "in November" 2015-11).
pub(crate) fn date_ok(a: &Event, b: &Event) -> bool {
    match (a.date.as_deref(), b.date.as_deref()) {
        (Some(x), Some(y)) => x == y || coarser(x, y) || coarser(y, x),
        _ => true,
    }
}

/// Whether ISO date `x` is a coarser form of `y` ("2015" of "2015-11-03").
fn coarser(x: &str, y: &str) -> bool {
    y.len() > x.len() && y.starts_with(x) && y.as_bytes()[x.len()] == b'-' && !y[x.len()..].starts_with("-W")
}

/// Whether two events are reports of the same one.
pub(crate) fn compatible(doc: &Document, a: &Event, b: &Event) -> bool {
    if a.event != b.event || a.status != b.status || !date_ok(a, b) {
        return false;
    }
    if a.mode.is_some() && b.mode.is_some() && a.mode != b.mode {
        return false;
    }
    if different_people(doc, a, b) {
        return false;
    }
    if SYMMETRIC.contains(&a.event.as_str()) {
        let ka: HashSet<String> = keys(doc, &a.actor).union(&keys(doc, &a.recipient)).cloned().collect();
        let kb: HashSet<String> = keys(doc, &b.actor).union(&keys(doc, &b.recipient)).cloned().collect();
        !ka.is_empty() && !kb.is_empty() && (ka.is_subset(&kb) || kb.is_subset(&ka))
    } else {
        keys(doc, &a.actor) == keys(doc, &b.actor)
            && (a.recipient.is_empty() || b.recipient.is_empty() || keys(doc, &a.recipient) == keys(doc, &b.recipient))
    }
}

/// Folds `b` into `a`.
pub(crate) fn absorb(a: &mut Event, b: Event) {
    for e in b.evidence {
        if !a.evidence.contains(&e) {
            a.evidence.push(e);
        }
    }
    a.evidence.sort();
    for p in b.actor {
        if !a.actor.iter().chain(&a.recipient).any(|q| q.actor == p.actor) {
            a.actor.push(p);
        }
    }
    for p in b.recipient {
        if !a.actor.iter().chain(&a.recipient).any(|q| q.actor == p.actor) {
            a.recipient.push(p);
        }
    }
    // The finer date stands ("in November" over "last year").
    let finer = match (a.date.as_deref(), b.date.as_deref()) {
        (None, Some(_)) => true,
        (Some(x), Some(y)) => coarser(x, y),
        _ => false,
    };
    if finer {
        a.date = b.date;
        a.date_text = b.date_text;
    }
    if a.location.is_none() {
        a.location = b.location;
    }
    if a.mode.is_none() {
        a.mode = b.mode;
    }
    for c in b.contexts {
        if !a.contexts.contains(&c) {
            a.contexts.push(c);
        }
    }
    for t in b.topics {
        if !a.topics.contains(&t) {
            a.topics.push(t);
        }
    }
    a.confidence = a.confidence.max(b.confidence);
    if !a.rule.contains(&b.rule) {
        a.rule = format!("{}; {}", a.rule, b.rule);
    }
}
