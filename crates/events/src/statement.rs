//! Statements: an article that is one speaker's statement ("Kim Yo Jong ... issued the
//! following press statement"), whose speech acts are the speaker's.

use attache_actors::Kb;
use attache_model::{ActorKind, Document, Participant};

/// Events a statement's speaker does by saying so.
pub(crate) const SPEECH_ACTS: &[&str] = &["ACCUSE", "THREATEN", "REJECT", "REQUEST", "SUPPORT", "AGREE"];

/// An article that is a statement: "Kim Yo Jong, vice department director of
/// ..., issued the following press statement on Tuesday:", "A spokesperson for
/// the Foreign Ministry ... gave the following answer".
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    /// The sentence that opens it (within the first two).
    pub(crate) opens: usize,
    /// The first person (else the first actor) it names after the dateline.
    pub(crate) speaker: usize,
    /// The day it was made: the opening sentence's last date, else none.
    pub(crate) date: Option<String>,
    /// Whom it is against: the actor of another country named most often after
    /// the opening ("the ROK", "the U.S."), if any.
    pub(crate) adversary: Option<usize>,
}

pub(crate) fn statement_speaker(
    doc: &Document,
    mentions: &[Vec<(usize, &attache_model::Mention)>],
    timexes: &[Vec<usize>],
) -> Option<Statement> {
    let article = doc.article.as_ref()?;
    let after_dateline = article.dateline.as_ref().and_then(|d| d.span).map_or(0, |s| s.end);
    doc.sentences.iter().enumerate().take(2).find_map(|(si, s)| {
        let text = article.body.as_str().get(s.body.clone())?.to_ascii_lowercase();
        let opens = text.contains("the following")
            && ["statement", "answer", "commentary", "article", "speech", "press release", "interview"]
                .iter()
                .any(|w| text.contains(w));
        if !opens {
            return None;
        }
        let named: Vec<&(usize, &attache_model::Mention)> =
            mentions.get(si)?.iter().filter(|(_, m)| m.span.start >= after_dateline).collect();
        let first = |person: bool| {
            named
                .iter()
                .filter(|(ai, _)| !person || doc.actors.get(*ai).is_some_and(|a| a.kind == ActorKind::Person))
                .min_by_key(|(_, m)| m.span.start)
                .map(|(ai, _)| *ai)
        };
        let date = timexes
            .get(si)?
            .iter()
            .filter_map(|&ti| doc.timex.get(ti))
            .filter(|x| x.span.start >= after_dateline && x.value.len() == 10)
            .map(|x| x.value.clone())
            // The last: "Pyongyang, October 28 (KCNA) -- ... issued the following press
            // statement on Sunday" was made on Sunday, not on the dateline's day.
            .next_back();
        let speaker = first(true).or_else(|| first(false))?;
        let own = doc.actors.get(speaker).and_then(|a| a.country.clone());
        let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (count, -first sentence, actor)
        for (sj, ms) in mentions.iter().enumerate().skip(si + 1) {
            for &(ai, _) in ms {
                let Some(a) = doc.actors.get(ai) else { continue };
                if a.country.is_none() || a.country == own {
                    continue;
                }
                match counts.iter_mut().find(|c| c.2 == ai) {
                    Some(c) => c.0 += 1,
                    None => counts.push((1, usize::MAX - sj, ai)),
                }
            }
        }
        let adversary = counts.into_iter().max().map(|c| c.2);
        Some(Statement { opens: si, speaker, date, adversary })
    })
}

/// A state as a participant: the article's own actor for it when there is one, else
/// the country from the knowledge base.
pub(crate) fn state_participant(doc: &Document, iso: &str) -> Option<Participant> {
    let found = doc
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.country.as_deref() == Some(iso))
        .find(|(_, a)| matches!(a.kind, ActorKind::Country | ActorKind::Government));
    if let Some((i, a)) = found {
        return Some(Participant {
            name: a.name.clone(),
            country: a.country.clone(),
            sector: a.sector.clone(),
            title: a.title.clone(),
            actor: Some(i),
        });
    }
    Kb::builtin().country(iso).map(|c| Participant {
        name: c.name.clone(),
        country: Some(c.iso3.clone()),
        sector: Some("GOV".to_owned()),
        title: None,
        actor: None,
    })
}
