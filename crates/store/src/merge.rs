//! When two coded events are reports of one real-world event. Pure: the writer
//! loads [`MergeKey`]s and asks [`compatible`].
//!
//! Phoenix's one-a-day filter keys on (date, source actor, target actor,
//! type): it merges different events of one day that share the key and keeps
//! apart the same event dated a day apart or with its sides named differently.
//! Here two events merge when all of these hold:
//! - same PLOVER type, and modes that do not differ (`visit` vs `phone` do);
//! - compatible status (asserted and future reports merge; negated and
//!   hypothetical ones only with their own kind);
//! - dates within `date_tolerance_days` of each other (week ranges overlap);
//!   an undated event uses its article's publication date, widened by
//!   `publication_window_days` before it, and must also agree in wording
//!   (topics or evidence words); events dated coarser than a week ("2015",
//!   "last month") are never merged;
//! - places in the same country, when both are known;
//! - participants that agree: for symmetric types (CONSULT, AGREE, COOPERATE,
//!   FIGHT) both sides form one unordered set, otherwise actor and recipient
//!   are compared apart; the countries of one side must be a subset of the
//!   other's, no country may be represented by named people on both sides who
//!   are all different, and the named parties overlap enough;
//! - not two events of the same article (the coder already merges those).
//!
//! Topics and evidence words add to the score, which picks the best cluster
//! and lets weakly named reports merge when their wording agrees.

use std::collections::HashSet;

use attache_model::EventStatus;

/// PLOVER types where both sides are parties alike.
pub const SYMMETRIC: &[&str] = &["CONSULT", "AGREE", "COOPERATE", "FIGHT"];

/// Merging settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MergeSettings {
    /// Days two event dates may differ by (time zones, "Tuesday (local time)").
    pub date_tolerance_days: i64,
    /// How many days before its publication an undated event may have happened.
    pub publication_window_days: i64,
}

impl Default for MergeSettings {
    fn default() -> Self {
        MergeSettings { date_tolerance_days: 1, publication_window_days: 3 }
    }
}

/// One participant as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// `kb_id` when known, else the name key.
    pub key: String,
    pub country: Option<String>,
    pub person: bool,
}

/// What merging looks at in one event.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeKey {
    /// The article's row.
    pub doc: i64,
    pub event_type: String,
    pub mode: Option<String>,
    pub status: EventStatus,
    /// The event's own date as a day range, when it is a day or a week.
    pub range: Option<(i64, i64)>,
    /// Dated, but coarser than a week: never merged.
    pub coarse: bool,
    pub published: Option<i64>,
    pub place_country: Option<String>,
    pub actors: Vec<Party>,
    pub recipients: Vec<Party>,
    pub topics: Vec<String>,
    /// Hashes of the evidence's content words.
    pub words: HashSet<u64>,
}

impl MergeKey {
    /// The days the event may lie in: its date, else before its publication.
    pub fn window(&self, s: &MergeSettings) -> Option<(i64, i64)> {
        if self.coarse {
            return None;
        }
        self.range.or_else(|| self.published.map(|p| (p - s.publication_window_days, p)))
    }

    fn symmetric(&self) -> bool {
        SYMMETRIC.contains(&self.event_type.as_str())
    }
}

fn status_class(s: EventStatus) -> u8 {
    match s {
        EventStatus::Asserted | EventStatus::Future => 0,
        EventStatus::Hypothetical => 1,
        EventStatus::Negated => 2,
    }
}

fn jaccard<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    a.intersection(b).count() as f64 / a.union(b).count() as f64
}

/// How well two participant lists agree: `None` when they contradict, else a
/// score in 0..=1 (0 when one side is empty: nothing to compare).
fn sides(p: &[&Party], q: &[&Party]) -> Option<f64> {
    if p.is_empty() || q.is_empty() {
        return Some(0.0);
    }
    let countries = |x: &[&Party]| x.iter().filter_map(|p| p.country.clone()).collect::<HashSet<_>>();
    let (cp, cq) = (countries(p), countries(q));
    if !cp.is_empty() && !cq.is_empty() && !cp.is_subset(&cq) && !cq.is_subset(&cp) {
        return None;
    }
    for c in cp.intersection(&cq) {
        fn people<'a>(x: &[&'a Party], c: &str) -> HashSet<&'a str> {
            x.iter().filter(|p| p.person && p.country.as_deref() == Some(c)).map(|p| p.key.as_str()).collect()
        }
        let (pp, pq) = (people(p, c), people(q, c));
        if !pp.is_empty() && !pq.is_empty() && pp.is_disjoint(&pq) {
            return None;
        }
    }
    // Overlap of the parties, a party standing for itself and for its country.
    let tokens = |x: &[&Party]| {
        let mut t: HashSet<String> = x.iter().map(|p| p.key.clone()).collect();
        t.extend(x.iter().filter_map(|p| p.country.as_ref().map(|c| format!("country:{c}"))));
        t
    };
    let (tp, tq) = (tokens(p), tokens(q));
    // Dice, not the overlap coefficient: a lone "Iran" must not match any list holding Iran.
    let shared = tp.intersection(&tq).count() as f64;
    Some(2.0 * shared / (tp.len() + tq.len()) as f64)
}

/// Whether `a` and `b` report one event, with a score (higher is closer).
pub fn compatible(a: &MergeKey, b: &MergeKey, s: &MergeSettings) -> Option<f64> {
    if a.doc == b.doc || a.event_type != b.event_type || status_class(a.status) != status_class(b.status) {
        return None;
    }
    if let (Some(x), Some(y)) = (&a.mode, &b.mode)
        && x != y
    {
        return None;
    }
    let (wa, wb) = (a.window(s)?, b.window(s)?);
    let tol = s.date_tolerance_days;
    if wa.0 > wb.1 + tol || wb.0 > wa.1 + tol {
        return None;
    }
    if let (Some(x), Some(y)) = (&a.place_country, &b.place_country)
        && x != y
    {
        return None;
    }
    let party = if a.symmetric() {
        let pa: Vec<&Party> = a.actors.iter().chain(&a.recipients).collect();
        let pb: Vec<&Party> = b.actors.iter().chain(&b.recipients).collect();
        sides(&pa, &pb)?
    } else {
        let x = sides(&a.actors.iter().collect::<Vec<_>>(), &b.actors.iter().collect::<Vec<_>>())?;
        let y = sides(&a.recipients.iter().collect::<Vec<_>>(), &b.recipients.iter().collect::<Vec<_>>())?;
        let both_recipients = !a.recipients.is_empty() && !b.recipients.is_empty();
        if both_recipients { (x + y) / 2.0 } else { x }
    };
    let topics = jaccard(&a.topics.iter().collect(), &b.topics.iter().collect());
    let wording = jaccard(&a.words, &b.words);
    let content = topics.max(wording);
    let no_parties = a.actors.is_empty() && a.recipients.is_empty() || b.actors.is_empty() && b.recipients.is_empty();
    // An undated report leans on its publication date: its wording must agree too.
    let undated = a.range.is_none() || b.range.is_none();
    let accept = if undated {
        party >= 0.5 && content >= 0.3 || (no_parties && content >= 0.5)
    } else {
        party >= 0.5 || (party >= 0.25 && content >= 0.2) || (no_parties && content >= 0.5)
    };
    if !accept {
        return None;
    }
    let same_day = a.range.is_some() && a.range == b.range;
    Some(party + 0.5 * content + if same_day { 0.2 } else { 0.0 })
}

/// Hashes of the content words (four letters or more) of evidence texts.
pub fn evidence_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<u64> {
    texts
        .into_iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .map(|w| crate::util::hash64(w.to_lowercase().as_bytes(), 11))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(key: &str, country: &str, person: bool) -> Party {
        Party { key: key.into(), country: Some(country.into()), person }
    }

    fn key(doc: i64, ty: &str, day: Option<i64>, actors: Vec<Party>, recipients: Vec<Party>) -> MergeKey {
        MergeKey {
            doc,
            event_type: ty.into(),
            mode: None,
            status: EventStatus::Asserted,
            range: day.map(|d| (d, d)),
            coarse: false,
            published: Some(100),
            place_country: None,
            actors,
            recipients,
            topics: vec![],
            words: HashSet::new(),
        }
    }

    #[test]
    fn symmetric_sides_are_unordered() {
        let s = MergeSettings::default();
        let a = key(1, "CONSULT", Some(99), vec![p("choi", "KOR", true)], vec![p("sherman", "USA", true)]);
        let b = key(2, "CONSULT", Some(100), vec![p("sherman", "USA", true)], vec![p("choi", "KOR", true)]);
        assert!(compatible(&a, &b, &s).is_some());
        let mut c = b.clone();
        c.event_type = "ACCUSE".into();
        let mut d = a.clone();
        d.event_type = "ACCUSE".into();
        d.doc = 3;
        assert!(compatible(&c, &d, &s).is_none(), "asymmetric sides keep their roles");
    }

    #[test]
    fn different_pairs_or_people_do_not_merge() {
        let s = MergeSettings::default();
        let a = key(1, "CONSULT", Some(99), vec![p("blinken", "USA", true), p("wang", "CHN", true)], vec![]);
        let b = key(2, "CONSULT", Some(99), vec![p("blinken", "USA", true), p("lavrov", "RUS", true)], vec![]);
        assert!(compatible(&a, &b, &s).is_none());
        let c = key(3, "CONSULT", Some(99), vec![p("sullivan", "USA", true), p("wang", "CHN", true)], vec![]);
        assert!(compatible(&a, &c, &s).is_none());
        let d = key(4, "CONSULT", Some(101), vec![p("blinken", "USA", true), p("wang", "CHN", true)], vec![]);
        assert!(compatible(&a, &d, &s).is_none(), "two days apart");
        let mut e = d.clone();
        e.range = None;
        e.published = Some(100);
        assert!(compatible(&a, &e, &s).is_none(), "undated, published the next day, worded otherwise");
        let mut a = a.clone();
        a.topics = vec!["border".into()];
        e.topics = vec!["border".into()];
        assert!(compatible(&a, &e, &s).is_some(), "undated, published the next day, same topic");
        e.coarse = true;
        assert!(compatible(&a, &e, &s).is_none(), "dated only by a month or year");
    }
}
