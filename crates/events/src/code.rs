//! The coder: one pass over each sentence's words, then arguments, dates, places,
//! status and merging.

use std::collections::HashSet;

use attache_actors::Kb;
use attache_model::{ActorKind, Document, Event, EventStatus, MentionKind, Participant, Place, Span, Zone};

use crate::EventConfig;
use crate::arguments;
use crate::dating::{self, near_publication, usable_date};
use crate::lexicon::{Cue, Kind, Lexicon, PhraseTable, Trigger};
use crate::merging::{absorb, compatible, date_ok, key, keys, shares_party};
use crate::predicates::{self, PASSIVE_BEFORE, SUBORDINATORS, past_form};
use crate::statement::{SPEECH_ACTS, Statement, state_participant, statement_speaker};
use crate::status;
use crate::text::{ranges, tokenize, word};

/// Types whose participants are interchangeable ("X and Y held talks").
pub(crate) const SYMMETRIC: &[&str] = &["CONSULT", "AGREE", "COOPERATE"];
/// How many words before a trigger a status cue may stand.
const STATUS_WINDOW: usize = 14;

/// The lexicon plus the place names of the knowledge base.
#[derive(Debug)]
pub struct Compiled {
    lex: Lexicon,
    /// Capitals and seats of government → (ISO3).
    places: PhraseTable<String>,
}

impl Compiled {
    /// Whether `text` holds a trigger that codes something: the sentences
    /// [`Compiled::read`] goes on with.
    pub fn has_trigger(&self, text: &str) -> bool {
        let lower = text.to_ascii_lowercase();
        let ranges = ranges(text);
        let slices: Vec<&str> = ranges.iter().map(|r| word(&lower[r.clone()])).collect();
        (0..slices.len()).any(|i| self.lex.triggers.longest_at(&slices, i).is_some_and(|(t, _)| t.event != "-"))
    }

    pub fn new(lex: Lexicon) -> Self {
        let mut places = PhraseTable::default();
        for c in Kb::builtin().countries() {
            for cap in &c.capitals {
                let words: Vec<String> = tokenize(cap).into_iter().map(|t| t.lower).collect();
                // Seats of government such as "White House" are not places events happen "in".
                if words.len() <= 2 && cap.chars().next().is_some_and(char::is_uppercase) {
                    places.push(words, c.iso3.clone());
                }
            }
            // "detained in North Korea", "talks in the United States".
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                let words: Vec<String> = tokenize(name).into_iter().map(|t| t.lower).collect();
                let words = if words.first().is_some_and(|w| w == "the") { words[1..].to_vec() } else { words };
                if !words.is_empty() && name.chars().next().is_some_and(char::is_uppercase) {
                    places.push(words, c.iso3.clone());
                }
            }
        }
        places.finish();
        Self { lex, places }
    }
}

/// A mention of an actor in one sentence, in token coordinates.
#[derive(Debug, Clone)]
struct Ment {
    start: usize,
    end: usize,
    actor: usize,
    /// A source ("the ministry said") or a place ("in Washington"): not a participant.
    excluded: bool,
}

#[derive(Debug, Clone)]
struct Hit<'a> {
    at: usize,
    len: usize,
    trigger: &'a Trigger,
}

/// One sentence, tokenized, with its lookups done.
struct Sent<'a> {
    words: Vec<String>,
    /// Original spans of the tokens.
    orig: Vec<Span>,
    span: Span,
    ments: Vec<Ment>,
    cues: Vec<(usize, usize, Cue)>,
    hits: Vec<Hit<'a>>,
    topics: Vec<String>,
    /// (token index, timex index)
    timex: Vec<(usize, usize)>,
}

impl Compiled {
    pub fn code(&self, doc: &Document, config: &EventConfig) -> Vec<Event> {
        let Some(article) = doc.article.as_ref() else { return Vec::new() };
        let body = &article.body;
        let mut events: Vec<Event> = Vec::new();
        // Index of the sentence each event was last extended in.
        let mut last_sentence: Vec<usize> = Vec::new();
        // Body mentions and time expressions by sentence, in one pass each.
        let mut mentions: Vec<Vec<(usize, &attache_model::Mention)>> = vec![Vec::new(); doc.sentences.len()];
        for (ai, a) in doc.actors.iter().enumerate() {
            for m in &a.mentions {
                if m.zone == Zone::Body
                    && let Some(v) = m.sentence.and_then(|s| mentions.get_mut(s))
                {
                    v.push((ai, m));
                }
            }
        }
        let mut timexes: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
        for (ti, t) in doc.timex.iter().enumerate() {
            if t.zone == Zone::Body
                && let Some(v) = t.sentence.and_then(|s| timexes.get_mut(s))
            {
                v.push(ti);
            }
        }
        // Who "he"/"she" and "it"/"they" at the start of a sentence are: the last
        // person, and the last other actor, named as a sentence's subject.
        let mut carried: [Option<usize>; 2] = [None, None];
        let statement = statement_speaker(doc, &mentions, &timexes);
        for (si, sentence) in doc.sentences.iter().enumerate() {
            if si % 16 == 0 && doc.past_deadline() {
                // The pipeline reports the time limit; what was coded so far is kept.
                break;
            }
            let Some(text) = body.as_str().get(sentence.body.clone()) else { continue };
            if let Some(sent) = self.read(doc, &mentions[si], &timexes[si], sentence.body.start, text, sentence.span) {
                let statement = statement.as_ref().filter(|st| si > st.opens);
                self.code_sentence(doc, config, si, &sent, carried, statement, &mut events, &mut last_sentence);
            }
            // "The incident took place in international airspace on Tuesday": the date
            // of the event just reported.
            if let Some(day) = dating::incident_date(doc, text, &timexes[si])
                && let Some(i) = events.len().checked_sub(1)
                && last_sentence[i] + 2 >= si
                && events[i].date.is_none()
                && events[i].status == EventStatus::Asserted
            {
                events[i].date = Some(day.0);
                events[i].date_text = Some(day.1);
            }
            let opens_with_pronoun = text
                .split_whitespace()
                .next()
                .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "he" | "she" | "it" | "they"));
            let subject = mentions[si]
                .iter()
                .filter(|(_, m)| m.span.start < sentence.span.start + SUBJECT_BYTES)
                .min_by_key(|(_, m)| m.span.start);
            if !opens_with_pronoun && let Some(&(ai, _)) = subject {
                let person = doc.actors.get(ai).is_some_and(|a| a.kind == ActorKind::Person);
                carried[usize::from(!person)] = Some(ai);
            }
        }
        self.discourse(doc, config, &mut events);
        events.retain(|e| (e.confidence * 100.0).round() >= f32::from(config.min_confidence));
        // History recalled ("a city destroyed by a U.S. atomic bomb in 1945") is not news.
        if let Some(max) = config.max_age_years
            && let Some(year) =
                doc.meta.published.as_deref().and_then(|p| p.get(..4)).and_then(|y| y.parse::<u16>().ok())
        {
            events.retain(|e| {
                e.date
                    .as_deref()
                    .and_then(|d| d.get(..4))
                    .and_then(|y| y.parse::<u16>().ok())
                    .is_none_or(|y| y + max >= year)
            });
        }
        // A meeting of one ("his weekly Cabinet meeting", "held a crisis meeting") is no
        // consultation between actors, once the discourse found no one else in it.
        events.retain(|e| !(e.event == "CONSULT" && e.actor.len() == 1 && e.recipient.is_empty() && e.mode.is_none()));
        // Event data says who did it: an act nobody is named for ("had been demanded by
        // the West", "was accused of acting as a spotter") is not an event record.
        events.retain(|e| !e.actor.is_empty());
        for (n, e) in events.iter_mut().enumerate() {
            e.id = format!("{}#{}", doc.meta.doc, n + 1);
        }
        events
    }

    /// Tokenizes a sentence and does every lookup.
    /// `None` when the sentence holds no trigger (most sentences: the rest is skipped).
    fn read(
        &self,
        doc: &Document,
        mentions: &[(usize, &attache_model::Mention)],
        timexes: &[usize],
        base: usize,
        text: &str,
        span: Span,
    ) -> Option<Sent<'_>> {
        let body = doc.article.as_ref().map(|a| &a.body);
        // ASCII lower-casing keeps byte offsets: no allocation per word.
        let lower = text.to_ascii_lowercase();
        let ranges = ranges(text);
        let slices: Vec<&str> = ranges.iter().map(|r| word(&lower[r.clone()])).collect();
        // Triggers first; cues and topics only when there is one.
        let mut hits = Vec::new();
        let mut next_trigger = 0;
        for i in 0..slices.len() {
            if i >= next_trigger
                && let Some((t, len)) = self.lex.triggers.longest_at(&slices, i)
            {
                // A blocking phrase (event "-": "met expectations", "were met") codes nothing.
                if t.event != "-" {
                    hits.push(Hit { at: i, len, trigger: t });
                }
                next_trigger = i + len;
            }
        }
        if hits.is_empty() {
            return None;
        }
        let words: Vec<String> = slices.iter().map(|w| (*w).to_owned()).collect();
        let mut cues = Vec::new();
        let mut topics: Vec<String> = Vec::new();
        for i in 0..words.len() {
            if let Some((cue, len)) = self.lex.cues.longest_at(&words, i) {
                if *cue == Cue::Caption {
                    return None;
                }
                cues.push((i, len, *cue));
            }
            if let Some((topic, _)) = self.lex.topics.longest_at(&words, i)
                && !topics.contains(topic)
            {
                topics.push(topic.clone());
            }
        }
        let orig: Vec<Span> =
            ranges.iter().map(|r| body.map_or(span, |b| b.to_original(base + r.start..base + r.end))).collect();
        // Mentions of this sentence, in token coordinates; nested ones dropped.
        let mut ments: Vec<Ment> = Vec::new();
        for &(ai, m) in mentions {
            let a = &doc.actors[ai];
            {
                // A mention inside a hyphenated word names an actor there too ("a
                // Korean-American man", "a dual U.S.-Iranian citizen"), but not after a
                // prefix ("anti-American sentiment", "pro-Russian rebels").
                let inside = || {
                    orig.iter().position(|o| o.start < m.span.start && m.span.start < o.end).filter(|&i| {
                        let w = words[i].as_str();
                        w.contains('-')
                            && !["anti-", "pro-", "non-", "ex-", "post-", "pre-", "un-", "all-", "inter-"]
                                .iter()
                                .any(|p| w.starts_with(p))
                    })
                };
                let Some(start) =
                    orig.iter().position(|o| o.start >= m.span.start && o.start < m.span.end).or_else(inside)
                else {
                    continue;
                };
                let end = orig
                    .iter()
                    .rposition(|o| o.end <= m.span.end && o.start >= m.span.start)
                    .map_or(start + 1, |e| e + 1);
                let excluded =
                    self.excluded(doc, a.kind, a.sector.as_deref(), m.kind, &words, &cues, start, end.max(start + 1));
                ments.push(Ment { start, end: end.max(start + 1), actor: ai, excluded });
            }
        }
        ments.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut kept: Vec<Ment> = Vec::new();
        for m in ments {
            // The same words may name several actors ("the vice ministers"): keep them all.
            if kept.last().is_some_and(|k| m.start < k.end && !(m.start == k.start && m.end == k.end)) {
                continue;
            }
            kept.push(m);
        }
        // Triggers inside a mention ("the Foreign Ministry meeting room" is fine, but
        // "Summit" in an organisation's name is not a summit).
        hits.retain(|h| !kept.iter().any(|m| h.at >= m.start && h.at < m.end));
        let timex = timexes
            .iter()
            .filter_map(|&ti| doc.timex.get(ti).map(|t| (ti, t)))
            .filter_map(|(ti, t)| orig.iter().position(|o| o.end > t.span.start).map(|p| (p, ti)))
            .collect();
        Some(Sent { words, orig, span, ments: kept, cues, hits, topics, timex })
    }

    #[allow(clippy::too_many_arguments)]
    fn excluded(
        &self,
        _doc: &Document,
        kind: ActorKind,
        sector: Option<&str>,
        mkind: MentionKind,
        words: &[String],
        cues: &[(usize, usize, Cue)],
        start: usize,
        end: usize,
    ) -> bool {
        if matches!(sector, Some("JRN" | "MED")) {
            return true;
        }
        let cue_at = |i: usize| cues.iter().find(|c| c.0 == i).map(|c| (c.1, c.2));
        // "said it", "said that it", "said on Monday it": the speaker acts.
        let speaker_acts = |j: usize, len: usize| {
            let mut after = j + len;
            let mut skipped = 0;
            while skipped < 5 && words.get(after).is_some_and(|w| SAID_WHEN.contains(&w.as_str()) || is_day_word(w)) {
                after += 1;
                skipped += 1;
            }
            if words.get(after).is_some_and(|w| w == "that") {
                after += 1;
            }
            matches!(cue_at(after), Some((_, Cue::Pronoun)))
        };
        // "the ministry said" (but "Pyongyang said it test-fired": the speaker acts).
        let mut j = end;
        if words.get(j).is_some_and(|w| w == ",") {
            j += 1;
        }
        if let Some((len, Cue::Attribution)) = cue_at(j)
            && !speaker_acts(j, len)
        {
            return true;
        }
        // "Taiwan and U.S. officials said": every speaker of a coordinated subject.
        if words.get(end).is_some_and(|w| w == "and")
            && let Some((i, len)) = (end + 1..(end + 6).min(words.len()))
                .take_while(|&i| !matches!(words[i].as_str(), "," | ";" | "."))
                .find_map(|i| match cue_at(i) {
                    Some((len, Cue::Attribution)) => Some((i, len)),
                    _ => None,
                })
            && !speaker_acts(i, len)
        {
            return true;
        }
        // "according to the ministry".
        if cues.iter().any(|&(i, len, c)| c == Cue::Source && i + len == start) {
            return true;
        }
        // "in Washington", "in South Korea": a place.
        // (Not after people of the place: "criticizing political leaders in Turkey".)
        // ("in southern Russia": a direction between.)
        // (Or "the" and KCNA's "puppet": "in the puppet ROK".)
        let mut place_at = start;
        while place_at > 1
            && start - place_at < 2
            && matches!(
                words[place_at - 1].as_str(),
                "southern"
                    | "northern"
                    | "eastern"
                    | "western"
                    | "central"
                    | "northeastern"
                    | "northwestern"
                    | "southeastern"
                    | "southwestern"
                    | "the"
                    | "puppet"
            )
        {
            place_at -= 1;
        }
        let people_of_place =
            (2..=3).filter(|&k| place_at >= k).map(|k| words[place_at - k].as_str()).find(|w| *w != "\"").is_some_and(
                |w| {
                    matches!(
                        w,
                        "leaders"
                            | "officials"
                            | "authorities"
                            | "politicians"
                            | "diplomats"
                            | "lawmakers"
                            | "leadership"
                            | "rebels"
                            | "insurgents"
                            | "protesters"
                            | "demonstrators"
                            | "opposition"
                    )
                },
            );
        if place_at > 0
            && !people_of_place
            && matches!(cue_at(place_at - 1), Some((1, Cue::Place)))
            // ("at the North Korean delegation" is a target, not a place.)
            && (place_at == start || words[place_at - 1] == "in")
            && (mkind == MentionKind::Metonym
                || kind == ActorKind::Country
                // "held in North Korea" where the country also acts as a government.
                || (kind == ActorKind::Government && mkind == MentionKind::Name))
        {
            return true;
        }
        false
    }

    fn participant(&self, doc: &Document, ai: usize, out: &mut Vec<Participant>) {
        let Some(a) = doc.actors.get(ai) else { return };
        if a.kind == ActorKind::Group && !a.members.is_empty() {
            for &m in &a.members {
                if m != ai {
                    self.participant(doc, m, out);
                }
            }
            return;
        }
        if out.iter().any(|p| p.actor == Some(ai)) {
            return;
        }
        out.push(Participant {
            name: a.name.clone(),
            country: a.country.clone(),
            sector: a.sector.clone(),
            title: a.title.clone(),
            actor: Some(ai),
        });
    }

    /// Mentions coordinated with `ments[i]` ("X and Y", "X, Y and Z"), walking back or forward.
    fn coordinated(sent: &Sent, usable: &[usize], at: usize, forward: bool) -> Vec<usize> {
        let mut out = vec![at];
        let mut k = at;
        let mut with_and = false;
        loop {
            let next = if forward { k + 1 } else { k.wrapping_sub(1) };
            let Some(&n) = usable.get(next) else { break };
            let (a, b) = if forward {
                (&sent.ments[usable[k]], &sent.ments[n])
            } else {
                (&sent.ments[n], &sent.ments[usable[k]])
            };
            let between = &sent.words[a.end.min(b.start)..b.start];
            let joined = match between {
                [] => true,
                // ("U.S.-Iranian", "Japan-South Korea talks": a hyphen joins two.)
                [w] => w == "and" || w == "," || w == "-",
                [c, w] => (c == "," && w == "and") || ((c == "and" || c == ",") && w == "the"),
                [c, w, d] => c == "," && w == "and" && d == "the",
                _ => false,
            };
            if !joined {
                break;
            }
            if between.iter().any(|w| w == "and" || w == "-") || between.is_empty() {
                with_and = true;
            }
            out.push(next);
            k = next;
        }
        // Commas alone make no list ("in the region of the DPRK, President Medvedev
        // expressed"): "X, Y and Z" does.
        if !with_and {
            out.truncate(1);
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        doc: &Document,
        config: &EventConfig,
        si: usize,
        sent: &Sent,
        carried: [Option<usize>; 2],
        statement: Option<&Statement>,
        events: &mut Vec<Event>,
        last_sentence: &mut Vec<usize>,
    ) {
        let speaker = statement.map(|st| st.speaker);
        let usable: Vec<usize> = (0..sent.ments.len()).filter(|&i| !sent.ments[i].excluded).collect();
        let mut consumed: HashSet<usize> = HashSet::new();
        let mut here: Vec<(Event, bool, bool, bool)> = Vec::new();
        let mut prev_subject: Option<Vec<usize>> = None;
        let relative = relative_clauses(&sent.words);
        // The mentions' original spans, for the predicates.
        let mention_spans: Vec<Span> = sent
            .ments
            .iter()
            .map(|m| Span { start: sent.orig[m.start].start, end: sent.orig[m.end - 1].end })
            .collect();
        for (hi, hit) in sent.hits.iter().enumerate() {
            let t = hit.trigger;
            let seg_start = if hi == 0 { 0 } else { sent.hits[hi - 1].at + sent.hits[hi - 1].len };
            let seg_end = sent.hits.get(hi + 1).map_or(sent.words.len(), |h| h.at);
            let after = hit.at + hit.len;
            // Subject: "and"-coordinated verbs share the previous verb's subject.
            let mut j = hit.at;
            while j > 0 && matches!(self.cue_at(sent, j - 1), Some((1, Cue::Skip))) {
                j -= 1;
            }
            // "X held talks and discussed ...", "had a phone conversation to discuss ...".
            let prev = j.checked_sub(1).map(|p| sent.words[p].as_str());
            // "a visit to Taiwan by Sharp executives", "his planned visit": a verb used as a noun.
            // The parse's word for the trigger, where the sentence was parsed.
            let sentence_words = doc.words.get(si).filter(|_| config.parse_arguments);
            let parsed_at = sentence_words.and_then(|w| status::word_at(w, sent.orig[hit.at].start));
            let parsed = sentence_words.zip(parsed_at).map(|(w, i)| &w[i]);
            let prev_upos =
                sentence_words.zip(parsed_at.and_then(|i| i.checked_sub(1))).map(|(w, i)| w[i].upos.as_str());
            // The word before it in the parse is a determiner or adjective ("a U.S.
            // atomic bomb"), so a noun reading is not a tagging slip ("Turkey shot").
            // (Or a common noun compounded with it: "a U.S. atomic bomb" with "atomic"
            // read as a noun.)
            let after_determiner = matches!(prev_upos, Some("DET" | "ADJ" | "NUM"))
                || sentence_words.zip(parsed_at).is_some_and(|(w, i)| {
                    i > 0 && w[i - 1].upos == "NOUN" && w[i - 1].deprel == "compound" && w[i - 1].head == i + 1
                });
            // Whether it reports an event at all (predicates.rs).
            let site = predicates::Site {
                words: &sent.words,
                at: hit.at,
                after,
                j,
                prev,
                event: &t.event,
                kind: t.kind,
                parse: sentence_words.map(Vec::as_slice),
                parsed_at,
                mentions: &mention_spans,
                purpose_of_call: prev == Some("to")
                    && hi > 0
                    && sent.hits[hi - 1].trigger.event == "CONSULT"
                    && !matches!(sent.hits[hi - 1].trigger.kind, Kind::Noun | Kind::Group),
            };
            if predicates::not_reported(&site).is_some() {
                continue;
            }
            // "a U.S. atomic bomb": a trigger verb the parse reads as a noun.
            let nominal = t.kind == Kind::Verb
                && (prev.is_some_and(|w| NOMINAL_BEFORE.contains(&w))
                    || (after_determiner && parsed.is_some_and(|w| matches!(w.xpos.as_str(), "NN" | "NNS"))));
            // "X was blacklisted (by Y)": X is the recipient, Y the actor.
            // ... or a participle with its agent right after ("The government, backed by
            // Iranian forces, ...", "a move condemned by Beijing").
            let participle = sent.words[hit.at].ends_with("ed") || sent.words[hit.at] == "met";
            let passive = t.kind == Kind::Passive
                || (t.kind == Kind::Verb
                    && !nominal
                    && prev.is_some_and(|w| PASSIVE_BEFORE.contains(&w))
                    && !sent.words[hit.at].ends_with("ing"))
                || (t.kind == Kind::Verb && !nominal && participle && sent.words.get(after).is_some_and(|w| w == "by"));
            let noun = matches!(t.kind, Kind::Noun | Kind::Group) || nominal;
            // "urged Beijing to lift the ban", "agreed to continue talks", "threatened to
            // impose sanctions": the infinitive is the content of the request, agreement
            // or threat before it, not an event of its own.
            // An adverb may stand between ("urged Beijing to promptly lift").
            let before_adverb = j
                .checked_sub(1)
                .filter(|&p| sent.words[p].len() > 4 && sent.words[p].ends_with("ly"))
                .and_then(|p| p.checked_sub(1))
                .map(|p| sent.words[p].as_str());
            let after_to = prev == Some("to") || before_adverb == Some("to");
            // Names called ("the scum in the ROK") accuse only in a statement, by its
            // speaker and against its adversary.
            let pejorative = PEJORATIVES.contains(&sent.words[hit.at].as_str());
            if pejorative && statement.is_none_or(|st| st.adversary.is_none()) {
                continue;
            }
            // "the rocket used to launch the satellite": what a thing is for, not an act.
            if predicates::purpose_of_a_thing(&site, after_to) {
                continue;
            }
            let content_of_request = nominal
                && hi > 0
                && sent.hits[hi - 1].trigger.event == "REQUEST"
                && hit.at <= sent.hits[hi - 1].at + sent.hits[hi - 1].len + 8;
            if content_of_request {
                continue;
            }
            // "sanctions slapped on the country for its nuclear tests": the reason for
            // another act is referred to, not reported.
            if matches!(t.kind, Kind::Noun | Kind::Group)
                && sentence_words.is_some_and(|w| arguments::is_reason(w, sent.orig[hit.at].start))
            {
                continue;
            }
            // "resume talks with the North", "stalled denuclearization talks": talks
            // spoken of, not held.
            if matches!(t.kind, Kind::Noun | Kind::Group)
                && (hit.at.saturating_sub(3)..hit.at).any(|i| TALKED_OF.contains(&sent.words[i].as_str()))
            {
                continue;
            }
            // "talks on deploying missiles", "accused X of launching": a gerund after a
            // preposition is what is talked about, not an event.
            if sent.words[hit.at].ends_with("ing")
                && prev.is_some_and(|w| {
                    matches!(
                        w,
                        "on" | "about" | "over" | "for" | "of" | "against" | "toward" | "towards" | "with" | "without"
                    )
                })
            {
                continue;
            }
            // The parse says so where the object is long ("urged the United States Trade
            // Representative (USTR) to blacklist ..."): the infinitive is the previous
            // trigger's open complement.
            let complement_of_previous = hi > 0
                // (An infinitive the parser attached as a purpose clause is one too.)
                && parsed.is_some_and(|w| (w.deprel == "xcomp" || (after_to && w.deprel == "advcl")) && w.head > 0)
                && sentence_words.zip(parsed).is_some_and(|(ws, w)| {
                    let prev_start = sent.orig[sent.hits[hi - 1].at].start;
                    ws[w.head - 1].span.start == prev_start
                });
            let near_previous = |reach: usize| {
                hi > 0 && (hit.at <= sent.hits[hi - 1].at + sent.hits[hi - 1].len + reach || complement_of_previous)
            };
            if after_to
                && !noun
                && hi > 0
                && sent.hits[hi - 1].trigger.event == "REQUEST"
                && near_previous(8)
                && let Some((req, _, _, _)) = here.last_mut()
                && req.event == "REQUEST"
                && req.mode.is_none()
            {
                // "urged Beijing to lift the ban": what is asked for sets the mode.
                req.mode = request_mode(&t.event).map(str::to_owned);
            }
            if after_to
                && !noun
                && hi > 0
                && COMPLEMENT_TAKERS.contains(&sent.hits[hi - 1].trigger.event.as_str())
                && near_previous(8)
            {
                continue;
            }
            let coordinated_verb = j > 0 && matches!(sent.words[j - 1].as_str(), "and" | "to") && !noun;
            // "The Baltic states, which joined NATO and the EU in 2004, have asked NATO":
            // a mention inside a relative clause between commas is not the subject of a
            // verb after it.
            let in_relative = |i: usize| relative.iter().any(|r| r.contains(&i));
            let before: Vec<usize> = (0..usable.len())
                .filter(|&k| sent.ments[usable[k]].end <= j && !consumed.contains(&usable[k]))
                .filter(|&k| in_relative(hit.at) || !in_relative(sent.ments[usable[k]].start))
                .collect();
            let nearest_before =
                |from: usize| before.iter().rev().copied().find(|&k| sent.ments[usable[k]].start >= from);
            let mut actor_m: Vec<usize> = Vec::new();
            let mut recip_m: Vec<usize> = Vec::new();
            let mut pronoun_actor: Option<usize> = None;
            let following = |from: usize| {
                (0..usable.len())
                    .find(|&k| sent.ments[usable[k]].start >= from && sent.ments[usable[k]].start < seg_end)
            };
            // "denounces and rejects the drills of the U.S.": verbs joined by "and" share
            // the object after the last of them.
            let obj_end = match sent.hits.get(hi + 1) {
                Some(n)
                    if matches!(
                        sent.words[after.min(n.at)..n.at].iter().map(String::as_str).collect::<Vec<_>>()[..],
                        ["and"] | [","] | [",", "and"]
                    ) =>
                {
                    sent.hits.get(hi + 2).map_or(sent.words.len(), |h| h.at)
                }
                _ => seg_end,
            };
            // The object stands near its verb ("urged Beijing", "condemned North Korea's
            // launch", "agreed with his US counterpart"): a mention far down the clause
            // is something else.
            let object = |from: usize| {
                (0..usable.len()).find(|&k| {
                    let st = sent.ments[usable[k]].start;
                    st >= from && st < obj_end && st <= from + OBJECT_REACH
                })
            };
            let subject = |actor_m: &mut Vec<usize>| {
                if let Some(k) = nearest_before(seg_start).or_else(|| nearest_before(0)) {
                    actor_m.extend(Self::coordinated(sent, &usable, k, false).into_iter().map(|k| usable[k]));
                }
            };
            // A mention starting just after word `i` ("by the Treasury").
            let mention_after = |i: usize| {
                (0..usable.len()).find(|&k| {
                    let st = sent.ments[usable[k]].start;
                    st > i && st <= i + 3 && st < seg_end
                })
            };
            // "by X", "on X": the first such phrase after the trigger in its clause.
            let agent = |preps: &[&str], upto: usize| {
                (after..seg_end.min(upto))
                    .filter(|&i| preps.contains(&sent.words[i].as_str()))
                    .find_map(&mention_after)
                    .map(|k| Self::coordinated(sent, &usable, k, true).into_iter().map(|k| usable[k]))
            };
            match t.kind {
                _ if nominal => {
                    if sent.words.get(after).is_some_and(|w| w == "to")
                        && let Some(k) = mention_after(after)
                    {
                        recip_m.extend(Self::coordinated(sent, &usable, k, true).into_iter().map(|k| usable[k]));
                    }
                    if let Some(by) = agent(&["by", "of"], after + 10) {
                        actor_m.extend(by);
                    } else if prev.is_some_and(|w| matches!(w, "his" | "her" | "their" | "its" | "'s")) {
                        subject(&mut actor_m);
                    }
                }
                _ if passive => {
                    if let Some(by) = agent(&["by"], after + 6) {
                        actor_m.extend(by);
                    }
                    match agent(&["on", "against"], seg_end) {
                        Some(on) if t.kind == Kind::Passive => recip_m.extend(on),
                        _ if t.kind == Kind::Passive => {}
                        _ => subject(&mut recip_m),
                    }
                }
                Kind::From => {
                    if let Some(from) = agent(&["from"], seg_end) {
                        actor_m.extend(from);
                    }
                    subject(&mut recip_m);
                }
                Kind::Verb | Kind::With | Kind::Passive => {
                    // "..., and it would impose sanctions": a pronoun subject is the
                    // subject of the clause before.
                    if coordinated_verb && let Some(s) = &prev_subject {
                        actor_m.clone_from(s);
                    } else if let Some(pronoun) = pronoun_subject(&sent.words, j)
                        && (pronoun == "we" && speaker.is_some()
                            || (matches!(pronoun, "he" | "she")
                                && !before.iter().any(|&k| {
                                    doc.actors
                                        .get(sent.ments[usable[k]].actor)
                                        .is_some_and(|a| a.kind == ActorKind::Person)
                                })))
                    {
                        // "..., we resolutely denounce it": the pronoun right before the verb
                        // is its subject, not the nearest name ("the Korean peninsula");
                        // "we" in a statement is its speaker, "he" with no person named
                        // before it in the sentence the last person of the story.
                        pronoun_actor = if pronoun == "we" { speaker } else { carried[0] };
                    } else {
                        subject(&mut actor_m);
                        if actor_m.is_empty()
                            && let Some(pronoun) = pronoun_subject(&sent.words, j)
                        {
                            match &prev_subject {
                                Some(s) if !s.is_empty() => actor_m.clone_from(s),
                                // "We give the scum a stern warning": in a statement, its speaker.
                                _ if pronoun == "we" && speaker.is_some() => pronoun_actor = speaker,
                                // "It strongly denounces ...": the previous sentences' subject
                                // ("we" in a quote is its speaker: not resolved).
                                _ if pronoun != "we" => {
                                    // ("they" is people, not the country named last:
                                    // "they had accused Moscow of disowning them".)
                                    pronoun_actor =
                                        carried[usize::from(!matches!(pronoun, "he" | "she"))].filter(|&a| {
                                            pronoun != "they"
                                                || doc.actors.get(a).is_some_and(|x| x.kind == ActorKind::Group)
                                        });
                                }
                                _ => {}
                            }
                        }
                    }
                    let with_at = (after..seg_end).find(|&i| sent.words[i] == "with");
                    let obj_from = match t.kind {
                        Kind::With => with_at.filter(|&w| w <= after + 1).map(|w| w + 1),
                        _ => Some(after),
                    };
                    if let Some(k) = obj_from.and_then(object) {
                        recip_m.extend(Self::coordinated(sent, &usable, k, true).into_iter().map(|k| usable[k]));
                    }
                }
                // "her release by Russia", "an intercept of a U.S. aircraft": a noun
                // trigger ending in "by" is followed by its actor, one ending in "of" by
                // its patient.
                Kind::Noun | Kind::Group
                    if after > 0
                        && matches!(sent.words[after - 1].as_str(), "by" | "of")
                        && following(after).is_some_and(|k| sent.ments[usable[k]].start <= after + 4) =>
                {
                    let k = following(after).unwrap_or_default();
                    let group = Self::coordinated(sent, &usable, k, true).into_iter().map(|k| usable[k]);
                    if sent.words[after - 1] == "by" {
                        actor_m.extend(group);
                        // "Savchenko arrived home after her release by Russia": "her" is the
                        // one released, named before.
                        if prev.is_some_and(|w| matches!(w, "his" | "her" | "their")) {
                            subject(&mut recip_m);
                        }
                    } else {
                        recip_m.extend(group);
                        subject(&mut actor_m);
                    }
                }
                Kind::Noun | Kind::Group => {
                    let next = sent.words.get(after).map(String::as_str);
                    if let Some(k) = matches!(next, Some("between" | "among" | "with" | "from" | "by"))
                        .then(|| following(after + 1))
                        .flatten()
                    {
                        let group = Self::coordinated(sent, &usable, k, true).into_iter().map(|k| usable[k]);
                        // "condemnation from the Security Council": the actor.
                        if next == Some("with") {
                            recip_m.extend(group);
                        } else {
                            actor_m.extend(group);
                        }
                    }
                    // (A day's is no one's: "Thursday's air strikes", "last week's launch".)
                    let possessive = (seg_start..hit.at).rev().take(4).any(|i| match sent.words[i].as_str() {
                        "his" | "her" | "their" | "its" => true,
                        "'s" => !i.checked_sub(1).is_some_and(|p| {
                            let w = sent.words[p].as_str();
                            is_day_word(w) || matches!(w, "week" | "month" | "year" | "today" | "yesterday")
                        }),
                        _ => false,
                    });
                    if actor_m.is_empty() && (possessive || !recip_m.is_empty()) {
                        subject(&mut actor_m);
                    } else if actor_m.is_empty() && recip_m.is_empty() && t.kind == Kind::Group {
                        actor_m.extend(usable.iter().copied().filter(|&m| {
                            let mm = &sent.ments[m];
                            mm.start >= seg_start && mm.end <= seg_end && !consumed.contains(&m)
                        }));
                    }
                }
            }
            // "held the United States responsible": a mention inside a gapped
            // trigger is its object.
            if recip_m.is_empty() && hit.len > 2 {
                recip_m.extend(usable.iter().copied().filter(|&m| {
                    let mm = &sent.ments[m];
                    mm.start > hit.at && mm.end < after && !actor_m.contains(&m)
                }));
            }
            // The parse, where the sentence has one, decides who did it and to whom.
            let mut parsed_negation = false;
            // The verb's object names no actor ("while visiting family").
            let mut object_not_actor = false;
            if (config.parse_arguments || config.parse_negation)
                && t.kind != Kind::From
                && let Some(words) = doc.words.get(si).filter(|w| !w.is_empty())
                && let Some(f) = arguments::frame(words, sent.orig[hit.at].start)
            {
                parsed_negation = f.negated && config.parse_negation;
                let spans: Vec<Span> = usable
                    .iter()
                    .map(|&m| Span {
                        start: sent.orig[sent.ments[m].start].start,
                        end: sent.orig[sent.ments[m].end - 1].end,
                    })
                    .collect();
                let by_parse = |args: &[arguments::Arg]| -> Vec<usize> {
                    arguments::fill(args, &spans)
                        .into_iter()
                        .map(|k| usable[k])
                        .filter(|m| !consumed.contains(m))
                        .collect()
                };
                // Where the word-window choice already sits in the parse's
                // argument, it stands (it knows coordination, titles and
                // symmetric events); where it contradicts the parse, the parse wins.
                let within = |args: &[arguments::Arg], m: usize| {
                    let k = usable.iter().position(|&u| u == m);
                    k.is_some_and(|k| {
                        args.iter().any(|a| a.subtree.start <= spans[k].start && spans[k].end <= a.subtree.end)
                    })
                };
                let a = by_parse(&f.actor);
                // "the countries that signed the deal": a relative clause's subject is
                // the noun it modifies; a mention outside that noun did not act.
                // "..., speakers accused Yoon": a common noun right before the verb that
                // the parse makes its subject is the subject, though no actor; a name
                // further back (in the rally's quoted theme) did not act.
                let noun_subject = f.actor.iter().any(|arg| {
                    arg.rel.starts_with("nsubj")
                        && j > 0
                        && arg.heads.first().is_some_and(|h| {
                            h.start == sent.orig[j - 1].start
                                && words.iter().any(|w| w.span.start == h.start && w.upos == "NOUN")
                        })
                });
                if config.parse_arguments && a.is_empty() && (f.relative || noun_subject) {
                    actor_m.retain(|&m| within(&f.actor, m));
                }
                if config.parse_arguments && !a.is_empty() {
                    if actor_m.iter().any(|&m| within(&f.actor, m)) {
                        // ... but a mention the window joined to it from outside the
                        // subject goes ("In his call to Nakatani, Carter extended").
                        let parsed_actor: Vec<usize> =
                            actor_m.iter().copied().filter(|&m| within(&f.actor, m)).collect();
                        actor_m = parsed_actor;
                    } else {
                        actor_m = a;
                    }
                }
                // "discussed ways with Y": for a with-verb, the recipient is the with-phrase.
                let recipients: Vec<arguments::Arg> = f
                    .recipient
                    .iter()
                    .filter(|a| t.kind != Kind::With || a.case.as_deref() == Some("with"))
                    .cloned()
                    .collect();
                let r = by_parse(&recipients);
                let objects: Vec<arguments::Arg> = f.recipient.iter().filter(|a| a.rel == "obj").cloned().collect();
                object_not_actor = !objects.is_empty() && by_parse(&objects).is_empty();
                if config.parse_arguments
                    && !r.is_empty()
                    && !recip_m.iter().any(|&m| within(&recipients, m) || within(&f.actor, m))
                {
                    recip_m = r;
                }
            }
            recip_m.retain(|r| !actor_m.contains(r));
            consumed.extend(actor_m.iter().copied());
            consumed.extend(recip_m.iter().copied());
            if !noun {
                prev_subject = Some(actor_m.clone());
            }
            if pejorative {
                actor_m.clear();
                recip_m.clear();
            }
            let mut actor = Vec::new();
            for &m in &actor_m {
                self.participant(doc, sent.ments[m].actor, &mut actor);
            }
            if actor.is_empty()
                && let Some(ai) = pronoun_actor
            {
                self.participant(doc, ai, &mut actor);
            }
            // In the body of a statement, an accusation, threat or demand without an
            // actor of its own is the speaker's ("The provocateurs will have to pay a
            // dear price").
            // (Not a passive: in "what they had been urged not to do" the urging is someone else's.)
            if actor.is_empty()
                && !passive
                && let Some(ai) = speaker
                && SPEECH_ACTS.contains(&t.event.as_str())
            {
                self.participant(doc, ai, &mut actor);
            }
            // "The U.S. ambassador said the launches were provocative": a verdict said is
            // the speaker's accusation (the speaker of a report is otherwise no participant).
            if actor.is_empty()
                && !passive
                && matches!(t.event.as_str(), "ACCUSE" | "THREATEN" | "REJECT" | "SUPPORT")
                && t.cameo.as_deref() == Some("111")
                && let Some(m) = sent.ments.iter().rev().find(|m| {
                    m.excluded
                        && m.end <= hit.at
                        && sent.cues.iter().any(|&(i, len, c)| {
                            c == Cue::Attribution && (i == m.end || i == m.end + 1) && i + len <= hit.at
                        })
                })
            {
                self.participant(doc, m.actor, &mut actor);
            }
            // ... or after the quote that holds it ("'... a serious provocation,' Japanese
            // Prime Minister Shinzo Abe told a committee").
            if actor.is_empty()
                && !passive
                && t.cameo.as_deref() == Some("111")
                && let Some(m) = sent.ments.iter().find(|m| {
                    m.excluded
                        && m.start > after
                        && sent.words[after..m.start].iter().any(|w| w == "\"")
                        && sent.cues.iter().any(|&(i, _, c)| c == Cue::Attribution && i == m.end)
                })
            {
                self.participant(doc, m.actor, &mut actor);
            }
            let mut recipient: Vec<Participant> = Vec::new();
            for &m in &recip_m {
                self.participant(doc, sent.ments[m].actor, &mut recipient);
            }
            recipient.retain(|r| !actor.iter().any(|a| a.actor == r.actor));
            // "The launch is a clear violation of the UN resolution": a verdict on an act
            // is against whoever did it, not the body whose rule it breaks.
            if t.cameo.as_deref() == Some("111")
                && matches!(sent.words[hit.at].as_str(), "is" | "are" | "was" | "were")
                && (hit.at.saturating_sub(4)..hit.at).any(|k| anaphoric_event(&sent.words, k).is_some())
            {
                recipient.clear();
            }
            // "China regretted the launch": the recipient is who launched, from the last
            // event of that kind.
            if !noun
                && !passive
                && recipient.is_empty()
                && let Some(kind) = anaphoric_event(&sent.words, after).or_else(|| {
                    // "The export restrictions against ZTE drew fire from the Chinese
                    // government, which said it was opposed": a reaction to the subject.
                    // ... or to the act named just before the verdict ("said the launches
                    // were provocative").
                    matches!(t.event.as_str(), "ACCUSE" | "REJECT")
                        .then(|| {
                            anaphoric_event(&sent.words, 0).or_else(|| {
                                (hit.at.saturating_sub(4)..hit.at).find_map(|k| anaphoric_event(&sent.words, k))
                            })
                        })
                        .flatten()
                        .filter(|k| !k.contains(&t.event.as_str()))
                })
            {
                let earlier = here.iter().rev().map(|h| &h.0).chain(events.iter().rev());
                if let Some(prev_ev) =
                    earlier.take(12).find(|e| kind.contains(&e.event.as_str()) && !e.actor.is_empty())
                {
                    recipient = prev_ev
                        .actor
                        .iter()
                        .filter(|p| !actor.iter().any(|a| a.actor == p.actor && a.country == p.country))
                        .cloned()
                        .collect();
                }
            }
            // "North Korea launched a rocket, drawing condemnation from the Security
            // Council": the condemnation is of the one who drew it.
            if noun
                && recipient.is_empty()
                && sent.words.get(after).is_some_and(|w| w == "from" || w == "by")
                && let Some(draw) =
                    (seg_start..hit.at).rev().take(3).find(|&i| DRAW_WORDS.contains(&sent.words[i].as_str()))
            {
                if let Some((prev_ev, _, _, _)) = here.last() {
                    recipient = prev_ev.actor.clone();
                } else if let Some(&m) = usable.iter().find(|&&m| sent.ments[m].end <= draw && !actor_m.contains(&m)) {
                    // "U.S. Navy warships have sailed close to the islands, drawing
                    // protests from Beijing": whoever the sentence opens with drew them.
                    self.participant(doc, sent.ments[m].actor, &mut recipient);
                }
            }
            // "Wang reiterated China's opposition": an actor's own country is not its recipient.
            recipient.retain(|r| {
                let state = doc
                    .actors
                    .get(r.actor.unwrap_or(usize::MAX))
                    .is_some_and(|a| matches!(a.kind, ActorKind::Country | ActorKind::Government));
                !(state && r.country.is_some() && actor.iter().any(|a| a.country == r.country))
            });
            // "X called his counterpart to express regrets", "met Y to discuss": the
            // purpose of a meeting or call is addressed to whom it was with.
            if after_to
                && !noun
                && recipient.is_empty()
                && let Some((prev_ev, _, _, _)) = here.last()
                && prev_ev.event == "CONSULT"
                && hi > 0
                && hit.at <= sent.hits[hi - 1].at + sent.hits[hi - 1].len + 6
                && (actor.is_empty() || actor.iter().all(|a| prev_ev.actor.iter().any(|p| p.actor == a.actor)))
            {
                recipient = prev_ev.recipient.clone();
                if actor.is_empty() {
                    actor = prev_ev.actor.clone();
                }
            }
            if t.event == "MOBILIZE" && t.mode.as_deref() == Some("weapons") {
                for a in &mut actor {
                    if matches!(
                        doc.actors.get(a.actor.unwrap_or(usize::MAX)).map(|x| x.kind),
                        Some(ActorKind::Government | ActorKind::Country)
                    ) {
                        a.sector = Some("MIL".to_owned());
                    }
                }
            }
            // A company "meets" only people or authorities ("Apple met Chinese officials"),
            // never on its own ("services were met with a message", "met demand").
            let business = |p: &Participant| {
                p.sector.as_deref() == Some("BUS")
                    && doc.actors.get(p.actor.unwrap_or(usize::MAX)).is_some_and(|a| a.kind == ActorKind::Organisation)
            };
            if t.event == "CONSULT"
                && !noun
                && !actor.is_empty()
                && actor.iter().all(business)
                && recipient.iter().all(business)
            {
                continue;
            }
            // Companies making deals among themselves ("Foxconn was close to signing a
            // deal to take over Sharp") is business news, not political event data.
            if matches!(t.event.as_str(), "SUPPORT" | "AGREE" | "COOPERATE")
                && !actor.is_empty()
                && actor.iter().all(business)
                && recipient.iter().all(business)
            {
                continue;
            }
            // Status: the last cue in the clause before the trigger.
            let window_start = seg_start.max(hit.at.saturating_sub(STATUS_WINDOW));
            // Where the sentence was parsed, only a cue of the trigger's own clause.
            let clause = doc
                .words
                .get(si)
                .filter(|_| config.parse_status)
                .map(|w| (w, status::governors(w, sent.orig[hit.at].start)))
                .filter(|(_, chain)| !chain.is_empty());
            let own = sent
                .cues
                .iter()
                .filter(|c| c.0 >= window_start && c.0 + c.1 <= hit.at)
                .filter(|c| clause.as_ref().is_none_or(|(w, chain)| status::in_clause(w, chain, sent.orig[c.0].start)))
                // "a move that could strain relations after Turkey shot down a warplane": a
                // past tense after a subordinator is not under the modal before it.
                .filter(|c| {
                    !(past_form(&sent.words[hit.at], parsed.map(|w| w.xpos.as_str()))
                        && sent.words[c.0 + c.1..hit.at].iter().any(|w| SUBORDINATORS.contains(&w.as_str())))
                })
                .filter_map(|c| if let Cue::Status(s) = c.2 { Some(s) } else { None })
                .next_back();
            // "reached no deal", "made no commitment": a negation inside the trigger.
            // (In "would not halt" the negation is the rejection.)
            let own = if t.event != "REJECT"
                && sent.words[hit.at..after].iter().any(|w| matches!(w.as_str(), "no" | "not" | "never"))
            {
                Some(EventStatus::Negated)
            } else {
                own
            };
            // "will hold talks ... to discuss": a coordinated verb shares the first one's status.
            let status = match (own, coordinated_verb, here.last()) {
                (Some(s), _, _) => s,
                (None, true, Some((prev, _, _, _))) => prev.status,
                _ => EventStatus::Asserted,
            };
            // "did not meet", "never condemned": the parse's negation of the verb
            // (a negated rejection is the lexicon's business: "would not halt").
            let status = if parsed_negation && t.event != "REJECT" { EventStatus::Negated } else { status };
            // A name called is called, whatever the clause ("If the ROK scum persist ...").
            let status = if pejorative { EventStatus::Asserted } else { status };
            // "The provocateurs will have to pay a dear price": the future is what is
            // threatened; the threat is made now.
            let status =
                if t.event == "THREATEN" && status == EventStatus::Future { EventStatus::Asserted } else { status };
            // Date: the time expression of the clause nearest the trigger, not one dating a report.
            let date = sent
                .timex
                .iter()
                .filter(|(p, _)| *p >= seg_start && *p < seg_end)
                .filter(|(p, _)| !self.reports_date(sent, *p))
                // "on the occasion of Liberation Day": what is marked, not when.
                .filter(|(p, _)| !sent.words[p.saturating_sub(6)..*p].iter().any(|w| w == "occasion"))
                .filter(|(p, _)| same_clause(sent, seg_start, hit.at, after, *p))
                .filter_map(|&(p, ti)| doc.timex.get(ti).map(|x| (p, x)))
                .filter(|(_, x)| usable_date(doc, x))
                .min_by_key(|(p, _)| if *p >= hit.at { p - hit.at } else { hit.at - p });
            // What is said happens when it is said: "China's foreign ministry said on
            // Monday it regretted ..." is Monday's.
            let verbal = VERBAL.contains(&t.event.as_str());
            let date = date.or_else(|| {
                sent.timex
                    .iter()
                    .filter(|(p, _)| verbal && *p < hit.at && self.reports_date(sent, *p))
                    .filter_map(|&(p, ti)| doc.timex.get(ti).map(|x| (p, x)))
                    .rfind(|(_, x)| usable_date(doc, x))
            });
            let (mut date, mut date_text) = match date {
                Some((_, x)) => (Some(x.value.clone()), Some(doc.span_text(x.span))),
                None => (None, None),
            };
            // "The DPRK strongly denounces ...": a statement in the present tense is made
            // the day it is published. (A name called, "curs", is no verb.)
            if date.is_none()
                && verbal
                && !pejorative
                && status == EventStatus::Asserted
                && {
                    let w = &sent.words[hit.at];
                    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
                }
                && let Some(day) = doc.meta.published.as_deref().and_then(|p| p.get(..10)).filter(|d| d.len() == 10)
            {
                date = Some(day.to_owned());
                date_text = Some("present tense: the day of publication".to_owned());
            }
            // A statement's accusation, threat or rejection without a recipient of
            // its own is against the one the statement is about.
            if recipient.is_empty()
                && matches!(t.event.as_str(), "ACCUSE" | "THREATEN" | "REJECT")
                && let Some(st) = statement
                && actor.iter().any(|a| a.actor == Some(st.speaker))
                && let Some(adv) = st.adversary
            {
                self.participant(doc, adv, &mut recipient);
            }
            // A speech act of a statement's speaker is made the day of the statement.
            if date.is_none()
                && verbal
                && status == EventStatus::Asserted
                && let Some(st) = statement
                && actor.iter().any(|a| a.actor == Some(st.speaker))
                && let Some(day) = &st.date
            {
                date = Some(day.clone());
                date_text = Some("the day of the statement".to_owned());
            }
            let location = self.place(doc, sent, seg_start, seg_end, hit.at);
            // "complete the withdrawal of its contingent in Syria": withdrawn from there.
            if t.mode.as_deref() == Some("withdraw")
                && t.event == "RETREAT"
                && recipient.is_empty()
                && let Some(iso) = location.as_ref().and_then(|l| l.country.as_deref())
            {
                recipient.extend(state_participant(doc, iso));
                recipient.retain(|r| !actor.iter().any(|a| a.country == r.country));
            }
            if t.mode.as_deref() == Some("visit")
                && recipient.is_empty()
                && !noun
                && let Some((iso, _)) = self.places.longest_at(&sent.words, after)
            {
                recipient.extend(state_participant(doc, iso));
            }
            // "X arrived here": the host is the country of the dateline ("Pyongyang, July 23 (KCNA)").
            if t.mode.as_deref() == Some("visit")
                && recipient.is_empty()
                && !noun
                && sent.words.get(after.wrapping_sub(1)).is_some_and(|w| w == "here")
                && let Some(place) = doc.article.as_ref().and_then(|a| a.dateline.as_ref())
            {
                let words: Vec<String> = place.text.split_whitespace().map(|w| w.to_lowercase()).collect();
                if let Some((iso, _)) = self.places.longest_at(&words, 0) {
                    recipient.extend(state_participant(doc, iso));
                }
            }
            // "a rally was held in Seoul": the people of the place protest, against the
            // government their clause names ("the resignation of the Yoon regime").
            if t.event == "PROTEST"
                && t.mode.as_deref() == Some("demo")
                && actor.is_empty()
                && let Some(iso) = location.as_ref().and_then(|l| l.country.as_deref())
                && let Some(mut people) = state_participant(doc, iso)
            {
                // (Only against their own government: a rally "in the Argentine city of
                // Cordoba" with no Argentine authority named is not coded.)
                people.sector = Some("CVL".to_owned());
                let target = usable.iter().copied().find(|&m| {
                    let a = &doc.actors[sent.ments[m].actor];
                    a.sector.as_deref() == Some("GOV") && a.country.as_deref() == Some(iso)
                });
                if let Some(m) = target {
                    actor.push(people);
                    if recipient.is_empty() {
                        self.participant(doc, sent.ments[m].actor, &mut recipient);
                    }
                }
            }
            // "was detained in Beijing": without "by X", the state where it happened acts.
            if passive
                && actor.is_empty()
                && matches!(t.event.as_str(), "COERCE" | "SANCTION")
                && let Some(iso) = location.as_ref().and_then(|l| l.country.as_deref())
            {
                actor.extend(state_participant(doc, iso));
                // ... and the place is not also the one held ("a dual U.S.-Iranian citizen").
                recipient.retain(|r| !actor.iter().any(|a| a.actor == r.actor));
            }
            let complete = if !actor.is_empty() { 0.15 } else { 0.0 }
                + if !recipient.is_empty() || SYMMETRIC.contains(&t.event.as_str()) { 0.15 } else { 0.0 };
            let confidence = ((t.strength * (0.7 + complete)) * 100.0).round() / 100.0;
            // PLOVER codes one category, not a category plus an auxiliary mode: a
            // conditional sanction or attack is THREATEN (a planned meeting is AGREE,
            // once the discourse has settled who visits whom).
            // ("if a member is attacked" is a condition, not a threat: passives stay.)
            let (event, mode, cameo) = match (t.event.as_str(), status) {
                _ if passive => (t.event.as_str(), t.mode.as_deref(), t.cameo.as_deref()),
                ("SANCTION", EventStatus::Hypothetical) => ("THREATEN", Some("restrict"), Some("1312")),
                ("COERCE", EventStatus::Hypothetical) => ("THREATEN", Some("restrict"), Some("132")),
                ("ASSAULT", EventStatus::Hypothetical) => ("THREATEN", Some("violence"), Some("138")),
                (e, _) => (e, t.mode.as_deref(), t.cameo.as_deref()),
            };
            let mode = match (event, mode) {
                ("REQUEST", None) => request_mode_noun(&sent.words[after.min(sent.words.len())..]),
                (_, m) => m,
            };
            let ev = Event {
                id: String::new(),
                event: event.to_owned(),
                mode: mode.map(str::to_owned),
                cameo: cameo.map(str::to_owned),
                actor,
                recipient,
                date,
                date_text,
                location,
                status,
                contexts: t.contexts.clone(),
                topics: sent.topics.clone(),
                evidence: vec![sent.span],
                confidence,
                rule: format!("{}:{:?} \"{}\"", t.event, t.kind, t.phrase),
            };
            // A visit needs a host: "visited the shrine" is not diplomacy.
            // ... and one who visits something that is not an actor ("visiting family") is not a visit.
            if ev.mode.as_deref() == Some("visit")
                && !noun
                && ev.recipient.is_empty()
                && (ev.location.is_none() || object_not_actor)
            {
                continue;
            }
            let empty = ev.actor.is_empty() && ev.recipient.is_empty();
            // A passive without "by X" keeps its recipient with the actor unknown.
            let kept = !ev.actor.is_empty() || (passive && !ev.recipient.is_empty());
            // "During their talks": the participants are those of the story so far.
            let theirs = noun && hit.at > 0 && (hit.at.saturating_sub(4)..hit.at).any(|i| sent.words[i] == "their");
            here.push((ev, empty && noun, kept, theirs));
        }
        // A participant-less noun ("At Tuesday's meeting, ...", "following their
        // meeting") joins an event of its type in this sentence, else the last one before.
        let mut placed: Vec<Event> = Vec::new();
        let mut dangling: Vec<Event> = Vec::new();
        for (ev, empty, kept, theirs) in here {
            if empty {
                if theirs
                    && SYMMETRIC.contains(&ev.event.as_str())
                    && !placed.iter().chain(events.iter()).any(|p| p.event == ev.event && p.status == ev.status)
                    && let Some(i) = (0..events.len()).rev().find(|&i| {
                        last_sentence[i] + 2 >= si
                            && SYMMETRIC.contains(&events[i].event.as_str())
                            && events[i].actor.len() + events[i].recipient.len() >= 2
                    })
                {
                    let mut ev = ev;
                    ev.actor = events[i].actor.iter().chain(&events[i].recipient).cloned().collect();
                    if ev.date.is_none() {
                        ev.date.clone_from(&events[i].date);
                        ev.date_text.clone_from(&events[i].date_text);
                    }
                    placed.push(ev);
                    continue;
                }
                dangling.push(ev);
            } else if kept {
                placed.push(ev);
            }
        }
        for d in dangling {
            if let Some(p) = placed.iter_mut().find(|p| p.event == d.event && p.status == d.status) {
                absorb(p, d);
            } else if let Some(i) = (0..events.len()).rev().find(|&i| {
                events[i].event == d.event
                    && events[i].status == d.status
                    && last_sentence[i] + 3 >= si
                    && date_ok(&events[i], &d)
            }) {
                absorb(&mut events[i], d);
                last_sentence[i] = si;
            }
        }
        for ev in placed {
            // An undated report joins a dated one only nearby ("The North last test-launched
            // a missile on Dec. 25" is not the launch of the lead).
            let near = |i: usize| events[i].date.is_some() == ev.date.is_some() || last_sentence[i] + 3 >= si;
            if let Some(i) = (0..events.len()).rev().find(|&i| near(i) && compatible(doc, &events[i], &ev)) {
                absorb(&mut events[i], ev);
                last_sentence[i] = si;
            } else {
                events.push(ev);
                last_sentence.push(si);
            }
        }
    }

    fn cue_at(&self, sent: &Sent, i: usize) -> Option<(usize, Cue)> {
        sent.cues.iter().find(|c| c.0 == i).map(|c| (c.1, c.2))
    }

    /// A time expression right after a reporting verb ("said Wednesday", "said on Wednesday").
    fn reports_date(&self, sent: &Sent, p: usize) -> bool {
        let mut q = p;
        if q > 0 && sent.words[q - 1] == "on" {
            q -= 1;
        }
        sent.cues.iter().any(|&(i, len, c)| matches!(c, Cue::Attribution | Cue::Source) && i + len == q)
    }

    /// "in Vienna", "in Washington, D.C." in the clause, nearest the trigger.
    fn place(&self, _doc: &Document, sent: &Sent, from: usize, to: usize, at: usize) -> Option<Place> {
        let mut best: Option<(usize, Place)> = None;
        for &(i, len, c) in &sent.cues {
            if c != Cue::Place || len != 1 || i < from || i >= to {
                continue;
            }
            // "in the United States": the article is not part of the name.
            let i = if sent.words.get(i + 1).is_some_and(|w| w == "the") { i + 1 } else { i };
            let Some((iso, n)) = self.places.longest_at(&sent.words, i + 1) else { continue };
            let mut last = i + n;
            // "Washington, D.C.": an abbreviation after a comma belongs to the name.
            if sent.words.get(last + 1).is_some_and(|w| w == ",")
                && sent.words.get(last + 2).is_some_and(|w| w.contains('.') && w.len() <= 5)
            {
                last += 2;
                if sent.words.get(last + 1).is_some_and(|w| w == ".") {
                    last += 1;
                }
            }
            let (Some(s), Some(e)) = (sent.orig.get(i + 1), sent.orig.get(last)) else { continue };
            let name = _doc.span_text(Span::new(s.start, e.end));
            let dist = i.abs_diff(at);
            if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                best = Some((dist, Place { name, country: Some(iso.clone()) }));
            }
        }
        best.map(|(_, p)| p)
    }

    fn discourse(&self, doc: &Document, config: &EventConfig, events: &mut [Event]) {
        // The lead event: the first asserted, dated one of the story's first sentences.
        let early = |e: &Event| e.evidence.iter().any(|s| doc.sentences.iter().take(3).any(|x| x.span == *s));
        // A lead dated to a day, week or month near publication: "after Turkey shot down a
        // warplane in November" is background, and dates nothing else.
        let recent = |e: &Event| e.date.as_deref().is_some_and(|d| near_publication(doc, d));
        let lead = events.iter().position(|e| e.status == EventStatus::Asserted && recent(e) && early(e));
        let lead_consult = events.iter().position(|e| e.event == "CONSULT" && e.status == EventStatus::Asserted);
        for i in 0..events.len() {
            // "Sherman agreed on the need to ...": agreed with the other side of the talks.
            if events[i].event == "AGREE"
                && events[i].recipient.is_empty()
                && let Some(c) = lead_consult
            {
                let mine = keys(doc, &events[i].actor);
                let theirs: Vec<Participant> = events[c].actor.iter().chain(&events[c].recipient).cloned().collect();
                if mine.len() == 1 && theirs.iter().any(|p| mine.contains(&key(doc, p))) {
                    let mut others: Vec<Participant> =
                        theirs.into_iter().filter(|p| !mine.contains(&key(doc, p))).collect();
                    // A person of the other side stands for it ("agreed with his counterpart").
                    let is_person = |p: &Participant| {
                        p.actor.and_then(|a| doc.actors.get(a)).is_some_and(|a| a.kind == ActorKind::Person)
                    };
                    if others.iter().any(is_person) {
                        others.retain(is_person);
                    }
                    for o in others {
                        if !events[i].recipient.iter().any(|r| key(doc, r) == key(doc, &o)) {
                            events[i].recipient.push(o);
                        }
                    }
                }
            }
            // CONSULT in a foreign capital is a visit; three countries or more, multilateral.
            if events[i].event == "CONSULT" {
                let all = keys(doc, &events[i].actor)
                    .union(&keys(doc, &events[i].recipient))
                    .cloned()
                    .collect::<HashSet<_>>();
                let countries = all.iter().filter(|k| !k.starts_with("name:")).count();
                if countries >= 3 && events[i].mode.as_deref() != Some("visit") {
                    events[i].mode = Some("multilateral".to_owned());
                } else if events[i].mode.is_none()
                    && let Some(loc) = events[i].location.as_ref().and_then(|l| l.country.clone())
                    && all.iter().any(|k| *k != loc)
                {
                    events[i].mode = Some("visit".to_owned());
                    events[i].cameo = Some("042".to_owned());
                    // The visitor is the actor, the host the recipient.
                    let e = &mut events[i];
                    let host = |p: &Participant| p.country.as_deref() == Some(loc.as_str());
                    if e.recipient.is_empty() && e.actor.iter().any(host) && !e.actor.iter().all(host) {
                        // "Officials from South Korea and China met in Seoul": China visits.
                        let (hosts, visitors): (Vec<_>, Vec<_>) = e.actor.drain(..).partition(host);
                        e.actor = visitors;
                        e.recipient = hosts;
                    } else if e.actor.iter().all(|a| a.country.as_deref() == Some(loc.as_str()))
                        && e.recipient.iter().any(|r| r.country.as_deref() != Some(loc.as_str()))
                    {
                        std::mem::swap(&mut e.actor, &mut e.recipient);
                    }
                }
            }
            // A planned or conditional meeting is AGREE (PLOVER); the mode says how it
            // is to take place.
            if events[i].event == "CONSULT"
                && matches!(events[i].status, EventStatus::Future | EventStatus::Hypothetical)
            {
                events[i].event = "AGREE".to_owned();
                events[i].cameo = Some("036".to_owned());
            }
            if events[i].date.is_none() {
                match lead {
                    // Only to events about the lead's participants ("At the meeting, Sherman
                    // welcomed ..."), not to whatever else the story mentions.
                    Some(l)
                        if config.carry_dates
                            && l != i
                            && events[i].status == EventStatus::Asserted
                            && shares_party(doc, &events[i], &events[l]) =>
                    {
                        events[i].date = events[l].date.clone();
                        events[i].date_text = Some(format!(
                            "carried from the lead event ({})",
                            events[l].date_text.clone().unwrap_or_default()
                        ));
                    }
                    _ => {
                        events[i].date_text = Some(if events[i].status == EventStatus::Asserted {
                            "no time expression in its clause".to_owned()
                        } else {
                            "not asserted: no date carried".to_owned()
                        });
                    }
                }
            }
        }
    }
}

/// Words before a verb trigger that make it a noun ("a visit", "his visit").
const NOMINAL_BEFORE: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "our",
    "'s",
    "this",
    "planned",
    "upcoming",
    "proposed",
    "state",
    "official",
    "recent",
    "latest",
    "first",
    "rare",
    "reported",
    "alleged",
    "apparent",
    "possible",
    "further",
    "such",
    "any",
    "another",
    "second",
    "third",
    "fourth",
    "fifth",
    "failed",
    "successful",
];
/// The pronoun that is the subject of a verb starting at `at` ("it would impose",
/// "they also agreed"), across modals, auxiliaries and adverbs.
fn pronoun_subject(words: &[String], at: usize) -> Option<&str> {
    let mut i = at;
    for _ in 0..4 {
        let p = i.checked_sub(1)?;
        let w = words[p].as_str();
        match w {
            "it" | "he" | "she" | "they" | "we" => return Some(w),
            "would" | "will" | "could" | "can" | "may" | "might" | "should" | "must" | "also" | "not" | "has"
            | "have" | "had" | "was" | "is" | "were" | "are" | "did" | "does" | "do" | "never" | "then" | "later" => {
                i = p
            }
            _ if w.len() > 4 && w.ends_with("ly") => i = p,
            _ => return None,
        }
    }
    None
}

/// How many words after a verb its object may start.
const OBJECT_REACH: usize = 8;

/// How far into a sentence its subject may start, in bytes.
const SUBJECT_BYTES: usize = 48;

/// "the launch", "Pyongyang's latest test", "the veto": an object naming an earlier
/// event, and the event types it may name.
fn anaphoric_event(words: &[String], at: usize) -> Option<&'static [&'static str]> {
    // "expressed \"deep concern\" over the launch": past a closing quote and a preposition.
    let mut at = at;
    while words.get(at).is_some_and(|w| matches!(w.as_str(), "\"" | "over" | "about" | "at" | "against" | "regarding"))
    {
        at += 1;
    }
    let det = words.get(at)?;
    if !matches!(det.as_str(), "the" | "this" | "that" | "its" | "their" | "his" | "her") {
        return None;
    }
    for w in words.iter().skip(at + 1).take(3) {
        let kinds: &'static [&'static str] = match w.as_str() {
            "launch" | "launches" | "test" | "tests" | "test-firing" | "test-launch" | "deployment" => &["MOBILIZE"],
            "drills" | "exercises" => &["MOBILIZE", "COOPERATE"],
            "veto" => &["REJECT"],
            "attack" | "attacks" | "strike" | "strikes" | "shelling" | "bombing" | "raid" => &["ASSAULT"],
            "sanctions" | "measures" | "blacklisting" | "curbs" | "restrictions" | "embargo" | "ban" => &["SANCTION"],
            "arrest" | "detention" | "seizure" | "blocking" | "closure" => &["COERCE"],
            "," | "." | ";" => return None,
            _ => continue,
        };
        return Some(kinds);
    }
    None
}

/// Words that may stand between a reporting verb and its clause ("said on Monday it").
const SAID_WHEN: &[&str] = &["on", "late", "early", "last", "this", "in", "a", "statement", ","];

/// A weekday, month or number ("Monday", "Feb.", "8").
fn is_day_word(w: &str) -> bool {
    const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let w = w.trim_end_matches('.');
    WEEKDAYS.contains(&w)
        || attache_model::month_number(w).is_some()
        || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
}

/// Words before "condemnation from X" that make the condemnation one of what came before.
const DRAW_WORDS: &[&str] =
    &["drawing", "drew", "draws", "drawn", "prompting", "prompted", "sparking", "sparked", "triggering", "triggered"];
/// The REQUEST mode (PLOVER) for what is asked: to yield, to meet, or for help.
fn request_mode(asked: &str) -> Option<&'static str> {
    match asked {
        "RETREAT" | "CONCEDE" => Some("yield"),
        "CONSULT" | "AGREE" => Some("meet"),
        "AID" | "COOPERATE" => Some("assist"),
        _ => None,
    }
}

/// The REQUEST mode for a noun asked for ("called for a cease-fire").
fn request_mode_noun(words: &[String]) -> Option<&'static str> {
    words.iter().take(6).find_map(|w| match w.as_str() {
        "cease-fire" | "ceasefire" | "truce" | "release" | "withdrawal" | "lifting" | "end" | "halt" => Some("yield"),
        "talks" | "dialogue" | "negotiations" | "meeting" | "summit" => Some("meet"),
        "aid" | "assistance" | "help" | "support" | "cooperation" => Some("assist"),
        _ => None,
    })
}

/// Words before a meeting noun that make it one spoken of, not one held.
const TALKED_OF: &[&str] = &[
    "resume",
    "resuming",
    "resumption",
    "restart",
    "restarting",
    "return",
    "returning",
    "revive",
    "reviving",
    "rejoin",
    "stalled",
    "suspended",
    "deadlocked",
    "stalemated",
    "future",
    "potential",
    "possible",
];

/// Verbal event types: what is said ("said on Monday it regretted").
const VERBAL: &[&str] = &["AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"];
/// The word ranges of relative clauses set off by commas (", which ... ,", ", who ... ,").
fn relative_clauses(words: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < words.len() {
        if words[i] == "," && matches!(words[i + 1].as_str(), "which" | "who") {
            let end = (i + 2..words.len()).find(|&k| words[k] == ",").unwrap_or(words.len());
            out.push(i + 1..end);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Names a statement calls its adversary (triggers.tsv codes them as accusations).
const PEJORATIVES: &[&str] =
    &["scum", "warmongers", "gangsters", "riff-raff", "curs", "mongrels", "lackeys", "stooges"];
/// Event types whose infinitive complement is their content ("urged X to lift").
const COMPLEMENT_TAKERS: &[&str] = &["REQUEST", "AGREE", "THREATEN", "REJECT"];
/// Words that open a new clause after a comma.
const CLAUSE_WORDS: &[&str] =
    &["who", "which", "that", "where", "when", "while", "after", "before", "since", "because", "as", "but", "although"];

/// Whether a time expression at token `p` belongs to the clause of the trigger at
/// `at..after`: no comma between them, unless it opens the sentence ("On Monday, X did").
fn same_clause(sent: &Sent, seg_start: usize, at: usize, after: usize, p: usize) -> bool {
    let comma = |r: &[String]| r.iter().any(|w| w == "," || w == ";");
    if p >= after {
        // After a comma, a new clause ("..., a pastor sentenced in 2013", "..., who ...",
        // "..., and a spokesman told reporters on Wednesday"); a list of objects is fine.
        let Some(c) = sent.words[after..p].iter().position(|w| w == "," || w == ";").map(|c| c + after) else {
            return true;
        };
        let clause = (c..p).any(|i| {
            let w = sent.words[i].as_str();
            CLAUSE_WORDS.contains(&w)
                || (w.len() > 4 && w.ends_with("ed"))
                || sent.cues.iter().any(|&(ci, _, cue)| ci == i && matches!(cue, Cue::Attribution | Cue::Source))
        });
        !clause
    } else if p < at {
        !comma(&sent.words[p..at]) || !comma(&sent.words[seg_start.min(p)..p])
    } else {
        true
    }
}
