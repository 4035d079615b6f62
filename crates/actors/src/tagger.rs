//! The per-article analysis, in two passes.
//!
//! Pass 1 reads each zone (title, captions, body) into phrases: a person with a title
//! and a name, a role without a name, a country, a capital standing for a government,
//! an organisation, an administration, a group, a word referring back ("the ministry").
//! Pass 2 resolves them over the whole article, in reading order: people are merged by
//! name, surnames and roles are tied to people of the article (or, by date, to office
//! holders of the knowledge base), groups to their members; then each actor gets its
//! country, sector and title.

use std::collections::HashMap;
use std::ops::Range;

use attache_model::{Actor, ActorKind, AlignedText, Document, Mention, MentionKind, OfficeFact, Zone};

use crate::date::{Day, End, format_day, parse_iso};
use crate::kb::{Kb, OrgCountry, OrgKind, office_compatible, surname_first};
use crate::lexicon::{CForm, Hit, Lexicon, Target};
use crate::text::{TokKind, Tokens, name_key, tokenize};
use crate::words;

/// The knowledge base and its compiled matcher.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub kb: Kb,
    pub lex: Lexicon,
    /// Normalised capital and country names → country (for datelines).
    places: HashMap<String, usize>,
    /// Normalised names of national news agencies → their country (an article's "home").
    agencies: HashMap<String, usize>,
    /// (first name, surname) → person, for names written with a middle name or a
    /// patronymic ("Dmitri Anatoliyevich Medvedev"); only when one person has them.
    first_surname: HashMap<(String, String), Option<usize>>,
}

impl Compiled {
    pub fn new(kb: Kb) -> Self {
        let lex = Lexicon::build(&kb);
        let mut places = HashMap::new();
        for (i, c) in kb.countries.iter().enumerate() {
            for f in std::iter::once(&c.name).chain(&c.aliases).chain(&c.capitals) {
                places.entry(name_key(f)).or_insert(i);
            }
        }
        let mut agencies = HashMap::new();
        for o in &kb.orgs {
            if o.kind == OrgKind::Media
                && let OrgCountry::Fixed(c) = &o.country
                && let Some(&ci) = kb.country_index.get(c)
            {
                for f in &o.forms {
                    agencies.insert(name_key(f), ci);
                }
            }
        }
        let mut first_surname: HashMap<(String, String), Option<usize>> = HashMap::new();
        for (i, p) in kb.people.iter().enumerate() {
            // The name and its other full forms ("Dmitri Medvedev" of Dmitry Medvedev,
            // for "Dmitri Anatoliyevich Medvedev").
            let mut firsts: Vec<String> = Vec::new();
            for name in std::iter::once(&p.name).chain(p.forms.iter().map(|(f, _)| f)) {
                let key = name_key(name);
                let words: Vec<&str> = key.split(' ').collect();
                if words.len() < 2 || surname_first(words[0]) || words[words.len() - 1] != p.surname {
                    continue;
                }
                if !firsts.iter().any(|f| f == words[0]) {
                    firsts.push(words[0].to_owned());
                }
            }
            for first in firsts {
                first_surname.entry((first, p.surname.clone())).and_modify(|v| *v = None).or_insert(Some(i));
            }
        }
        Compiled { kb, lex, places, agencies, first_surname }
    }

    /// The person whose first name and surname a longer name has.
    fn by_first_and_surname(&self, key: &str) -> Option<usize> {
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() < 3 {
            return None;
        }
        let first = words[0].to_owned();
        // The surname may be one word or two (hyphenated).
        for k in [1, 2] {
            if words.len() > k {
                let surname = words[words.len() - k..].join(" ");
                if let Some(Some(p)) = self.first_surname.get(&(first.clone(), surname)) {
                    return Some(*p);
                }
            }
        }
        None
    }
}

// ---------------------------------------------------------------------------------------
// Word lists (normalised forms).

/// Offices one person holds at a time in a country: a role naming one with a country
/// ("the Japanese foreign minister") is an actor even when nobody in the knowledge base
/// holds it then.
const UNIQUE_OFFICES: &[&str] = &[
    "president",
    "vice-president",
    "prime-minister",
    "leader",
    "supreme-leader",
    "king",
    "crown-prince",
    "foreign-minister",
    "defense-minister",
    "finance-minister",
    "interior-minister",
    "justice-minister",
    "trade-minister",
    "unification-minister",
    "national-security-adviser",
    "chief-cabinet-secretary",
    "un-ambassador",
    "nuclear-envoy",
    "intelligence-chief",
    "military-chief",
    "speaker",
    "attorney-general",
    "press-secretary",
];

/// A weak guess at a person's country from the way the name is written, when the
/// text says nothing: "Kim Son Gyong" (three separate syllables) is North Korean,
/// "Choi Jong-kun" (hyphenated given name) South Korean, "Sun Jianguo" Chinese.
fn name_origin(name: &str) -> Option<&'static str> {
    let t = tokenize(name);
    let words: Vec<usize> = (0..t.len()).filter(|&i| t.toks[i].kind == TokKind::Word).collect();
    let first = t.norm(*words.first()?);
    let units = words.iter().filter(|&&i| !t.toks[i].hyph).count();
    if words::has(first, words::KOREAN_SURNAME) {
        return match (units, words.len()) {
            (3, 3) => Some("PRK"),
            (2, 3) => Some("KOR"),
            _ => None,
        };
    }
    if words::has(first, words::CHINESE_SURNAME) && units == 2 && words.len() == 2 && t.norm(words[1]).len() >= 3 {
        return Some("CHN");
    }
    None
}

/// Offices whose title takes a portfolio before it ("Sports Minister").
const GENERIC_OFFICES: &[&str] = &["minister", "vice-minister", "director", "official", "spokesperson"];

/// A title's office counts as a leader's for "the two leaders".
fn leaderish(office: &str) -> bool {
    matches!(
        office,
        "president" | "prime-minister" | "leader" | "supreme-leader" | "king" | "chairman" | "general-secretary"
    )
}

// ---------------------------------------------------------------------------------------
// Pass 1: phrases.

#[derive(Debug, Clone)]
enum NameRef {
    None,
    Kb { p: usize, standalone: bool, toks: Range<usize> },
    Chunk { toks: Range<usize>, units: usize },
}

#[derive(Debug, Clone, Copy)]
enum OrgRef {
    Org(usize),
    /// "department spokesman": the organisation named before.
    Coref(&'static str),
}

#[derive(Debug, Clone)]
struct PersonDesc {
    name: NameRef,
    title: Option<usize>,
    former: bool,
    country: Option<usize>,
    org: Option<OrgRef>,
    counterpart: bool,
    definite: bool,
    /// Read from a pattern that marks a person (title, apposition, honorific, counterpart).
    pattern: bool,
    /// The apposition or title phrase a fact is read from.
    evidence: Option<Range<usize>>,
    /// A portfolio before a generic title ("Sports" in "Sports Minister").
    portfolio: Option<String>,
    /// "Deputy" before the title.
    deputy: bool,
    /// "their counterpart": the owner is a group.
    plural_owner: bool,
    /// An unknown organisation before the title: no sector from the title alone.
    unknown_org: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupCue {
    Allies,
    TwoSides,
    TwoCountries,
    TwoKoreas,
}

#[derive(Debug, Clone)]
enum PKind {
    Person(PersonDesc),
    /// A plural title ("the vice ministers").
    Roles {
        title: usize,
        country: Option<usize>,
    },
    Country {
        c: usize,
        mk: MentionKind,
        gov: bool,
    },
    /// An organisation; `owner`: the phrase of a person whose it is ("Yoon's presidential office").
    Org {
        o: usize,
        country: Option<usize>,
        owner: Option<usize>,
    },
    /// "the Joe Biden administration": the person's phrase index and the head noun.
    Admin {
        person: usize,
        head: &'static str,
    },
    Demonyms {
        c: usize,
    },
    Group(GroupCue),
    Coref(&'static str),
}

#[derive(Debug, Clone)]
struct Phrase {
    zone: usize,
    toks: Range<usize>,
    kind: PKind,
}

struct ZoneData {
    zone: Zone,
    text: AlignedText,
    toks: Tokens,
    hits: Vec<Hit>,
    /// Per token: 1 + index of the hit starting there, or 0.
    hit_at: Vec<u32>,
    /// Per token: 1 + index of the hit covering it, or 0.
    in_hit: Vec<u32>,
    /// A headline or a line in title case: unknown names are not trusted.
    title_case: bool,
    /// Per token: the word lists it is in.
    flags: Vec<words::Flags>,
}

impl ZoneData {
    fn new(zone: Zone, text: AlignedText, lex: &Lexicon) -> Self {
        let mut toks = tokenize(text.as_str());
        let hits = lex.scan(&mut toks);
        let n = toks.len();
        let mut hit_at = vec![0u32; n];
        let mut in_hit = vec![0u32; n];
        for (k, h) in hits.iter().enumerate() {
            hit_at[h.t0] = k as u32 + 1;
            for x in &mut in_hit[h.t0..h.t1] {
                *x = k as u32 + 1;
            }
        }
        let words = toks.toks.iter().filter(|t| t.kind == TokKind::Word).count();
        let caps = toks.toks.iter().filter(|t| t.kind == TokKind::Word && t.cap).count();
        let title_case = zone == Zone::Title || (words >= 4 && caps * 10 >= words * 7);
        let flags = (0..n).map(|i| words::flags(toks.norm(i))).collect();
        ZoneData { zone, text, toks, hits, hit_at, in_hit, title_case, flags }
    }

    fn hit(&self, i: usize) -> Option<Hit> {
        let k = *self.hit_at.get(i)?;
        (k > 0).then(|| self.hits[k as usize - 1])
    }

    fn covered(&self, i: usize) -> bool {
        self.in_hit.get(i).is_some_and(|&k| k > 0)
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.toks.get(i).map(|t| t.kind)
    }

    /// Clean-text byte range of tokens `r`.
    fn bytes(&self, r: &Range<usize>) -> Range<usize> {
        let s = self.toks.toks.get(r.start).map_or(0, |t| t.start);
        let e = r.end.checked_sub(1).and_then(|i| self.toks.toks.get(i)).map_or(s, |t| t.end);
        s..e.max(s)
    }

    fn text_of(&self, r: &Range<usize>) -> String {
        attache_model::normalize_ws(&self.text.as_str()[self.bytes(r)])
    }

    /// Normalised words of tokens `r` (no punctuation).
    fn key_of(&self, r: &Range<usize>) -> String {
        let mut out = String::new();
        for i in r.clone() {
            if matches!(self.kind(i), Some(TokKind::Word | TokKind::Num)) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(self.toks.norm(i));
            }
        }
        out
    }
}

struct Parser<'a> {
    c: &'a Compiled,
    z: &'a ZoneData,
    zi: usize,
    korea: bool,
    out: &'a mut Vec<Phrase>,
}

/// An apposition after a name: title, country, organisation, "former", end.
type Apposition = (usize, Option<usize>, Option<OrgRef>, bool, usize);

struct Mods {
    det: Option<&'static str>,
    former: bool,
    quant: Option<usize>,
    country: Option<(usize, Range<usize>)>,
    org: Option<OrgRef>,
    /// First token after the determiner.
    first: usize,
    /// The head: the first token the modifiers do not cover.
    head: usize,
    /// Capitalised words naming a portfolio before a generic title ("Sports Minister").
    portfolio: Option<Range<usize>>,
    /// "deputy" or "vice" right before the title ("Deputy Defense Secretary").
    deputy: bool,
    /// An unknown capitalised name before "President", "Chairman", "CEO": a company or
    /// another body the knowledge base does not know ("Qualcomm President").
    unknown_org: bool,
}

impl Parser<'_> {
    fn n(&self) -> usize {
        self.z.toks.len()
    }

    fn w(&self, i: usize) -> &str {
        self.z.toks.norm(i)
    }

    /// The word lists token `i` is in.
    fn fl(&self, i: usize) -> words::Flags {
        self.z.flags.get(i).copied().unwrap_or(0)
    }

    /// Whether a phrase can start at token `i`: a dictionary phrase, a capitalised
    /// word, a number, or a word that opens one ("the", "former", "six").
    fn may_open(&self, i: usize) -> bool {
        let t = &self.z.toks.toks[i];
        self.z.hit_at[i] > 0
            || t.kind == TokKind::Num
            || (t.kind == TokKind::Word && (t.cap || self.fl(i) & words::OPENS != 0))
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.z.toks.is(i, w)
    }

    fn push(&mut self, toks: Range<usize>, kind: PKind) -> usize {
        self.out.push(Phrase { zone: self.zi, toks, kind });
        self.out.len() - 1
    }

    fn run(&mut self) {
        let n = self.n();
        let mut i = 0;
        while i < n {
            if !self.may_open(i) {
                i += 1;
                continue;
            }
            match self.parse_at(i) {
                Some(next) => i = next.max(i + 1),
                None => {
                    // A country that modified nothing after all ("Washington diplomats").
                    if let Some(h) = self.z.hit(i)
                        && let Target::Country(..) = h.target
                    {
                        let mods = Mods {
                            det: None,
                            former: false,
                            quant: None,
                            country: None,
                            org: None,
                            first: i,
                            head: i,
                            portfolio: None,
                            deputy: false,
                            unknown_org: false,
                        };
                        i = self.country_head(i, h, &mods).max(i + 1);
                    } else {
                        i += 1;
                    }
                }
            }
        }
    }

    /// A capitalised name that is not a dictionary phrase: tokens and name units.
    fn name_chunk(&self, i: usize) -> Option<(usize, usize)> {
        let toks = &self.z.toks.toks;
        let t = toks.get(i)?;
        if t.kind != TokKind::Word
            || !t.cap
            || t.hyph
            || self.z.covered(i)
            || (self.fl(i) & words::STOP != 0)
            || (self.fl(i) & words::NOT_NAME != 0)
        {
            return None;
        }
        if t.upper && t.end - t.start > 1 && !self.z.title_case {
            return None;
        }
        let n = self.n();
        let mut units = 1;
        let mut j = i + 1;
        let max_units = if self.z.title_case { 1 } else { 4 };
        while j < n && j - i < 9 {
            let t = toks[j];
            if t.line_before {
                break;
            }
            if self.z.covered(j) {
                // "Vladimir Vladimirovich Putin": a known surname ends a longer name.
                let surname = self.z.hit(j).is_some_and(|h| h.t1 == j + 1 && matches!(h.target, Target::Person { .. }));
                if surname && t.cap && units < max_units {
                    units += 1;
                    j += 1;
                }
                break;
            }
            match t.kind {
                TokKind::Word if t.hyph => {
                    j += 1;
                }
                TokKind::Word if t.cap && (self.fl(j) & words::NOT_NAME != 0) => return None,
                TokKind::Word if t.cap && self.fl(j) & words::STOP == 0 && units < max_units => {
                    if t.upper && t.end - t.start > 1 && !self.z.title_case {
                        break;
                    }
                    units += 1;
                    j += 1;
                }
                TokKind::Word
                    if (self.fl(j) & words::PARTICLE != 0)
                        && units < max_units
                        && toks.get(j + 1).is_some_and(|n| n.cap && n.kind == TokKind::Word)
                        && !self.z.covered(j + 1) =>
                {
                    j += 1;
                }
                TokKind::Punct
                    if self.w(j) == "."
                        && toks[j - 1].kind == TokKind::Word
                        && toks[j - 1].end - toks[j - 1].start == 1
                        && toks[j - 1].cap
                        && toks.get(j + 1).is_some_and(|n| n.cap && n.kind == TokKind::Word && !n.line_before) =>
                {
                    // An initial: "George W. Bush".
                    j += 1;
                }
                _ => break,
            }
        }
        // "Merchants Bank", "Sharp Corp": a run that goes on with an organisation word.
        if let Some(t) = toks.get(j)
            && t.kind == TokKind::Word
            && t.cap
            && !t.line_before
            && (self.fl(j) & words::NOT_NAME != 0)
        {
            return None;
        }
        Some((j, units))
    }

    /// One or two capitalised words before a generic title ("Sports Minister", "Press
    /// Secretary"): where the title starts.
    fn portfolio_at(&self, k: usize) -> Option<usize> {
        let plain =
            |i: usize| {
                self.z.toks.toks.get(i).is_some_and(|t| {
                    t.kind == TokKind::Word && t.cap && !t.upper && !t.line_before && !self.z.covered(i)
                }) && self.fl(i) & words::PORTFOLIO_STOP == 0
                    && self.fl(i) & words::HONORIFIC == 0
            };
        let generic = |i: usize| {
            self.z.hit(i).is_some_and(|h| match h.target {
                Target::Title(t) => {
                    let d = &self.c.kb.titles[t as usize];
                    !d.plural && GENERIC_OFFICES.contains(&d.office.as_str()) && d.title.is_none()
                }
                _ => false,
            })
        };
        if self.z.title_case || !plain(k) {
            return None;
        }
        if generic(k + 1) {
            return Some(k + 1);
        }
        (plain(k + 1) && generic(k + 2)).then_some(k + 2)
    }

    /// An unknown capitalised word right before "President", "Chairman", "CEO",
    /// "Director": most often a company or a body ("Qualcomm President Derek Aberle").
    fn org_word_before_title(&self, k: usize) -> bool {
        let t = self.z.toks.toks.get(k);
        let plain = t.is_some_and(|t| t.kind == TokKind::Word && t.cap && !t.line_before)
            && !self.z.covered(k)
            && !self.z.title_case
            && self.fl(k) & words::STOP == 0
            && self.fl(k) & words::HONORIFIC == 0;
        plain
            && self.z.hit(k + 1).is_some_and(|h| match h.target {
                Target::Title(t) => {
                    let d = &self.c.kb.titles[t as usize];
                    !d.plural
                        && matches!(
                            d.office.as_str(),
                            "president" | "chairman" | "executive" | "director" | "managing-director"
                        )
                }
                _ => false,
            })
    }

    /// A name after a title or a comma: a person of the knowledge base or a chunk.
    fn name_at(&self, k: usize, min_units: usize) -> Option<(NameRef, usize)> {
        if let Some(h) = self.z.hit(k)
            && let Target::Person { p, standalone } = h.target
        {
            return Some(self.known_name(h, p as usize, standalone));
        }
        let (e, units) = self.name_chunk(k)?;
        (units >= min_units).then_some((NameRef::Chunk { toks: k..e, units }, e))
    }

    /// Whether what starts at `k` takes a country modifier; a name only after a
    /// possessive ("North Korea's Kim Jong Un", not "Syria Support Group").
    fn head_follows(&self, k: usize, poss: bool) -> bool {
        if let Some(h) = self.z.hit(k) {
            return match h.target {
                Target::Title(_) => true,
                Target::Org(o) => self.c.kb.orgs[o as usize].kind != OrgKind::Block,
                Target::Person { .. } => poss,
                Target::Country(..) => false,
            };
        }
        let w = self.w(k);
        matches!(w, "counterpart" | "counterparts")
            || words::has(w, words::GOV_NOUN)
            || self.portfolio_at(k).is_some()
            || (poss && self.name_chunk(k).is_some_and(|(_, u)| u >= 2))
    }

    fn mods(&self, i: usize) -> Mods {
        let n = self.n();
        let mut m = Mods {
            det: None,
            former: false,
            quant: None,
            country: None,
            org: None,
            first: i,
            head: i,
            portfolio: None,
            deputy: false,
            unknown_org: false,
        };
        let mut j = i;
        while j < n {
            let w = self.w(j);
            if self.z.hit(j).is_none() {
                let next_hyph = self.z.toks.toks.get(j + 1).is_some_and(|t| t.hyph);
                if j == i
                    && let Some(d) = words::word(w, words::DET)
                {
                    m.det = Some(d);
                    j += 1;
                    m.first = j;
                    continue;
                }
                if w == "former" || (matches!(w, "ex" | "then") && next_hyph) || (w == "late" && m.det == Some("the")) {
                    m.former = true;
                    j += 1;
                    continue;
                }
                if matches!(w, "deputy" | "vice")
                    && self.z.hit(j + 1).is_some_and(|h| matches!(h.target, Target::Title(_)))
                {
                    m.deputy = true;
                    j += 1;
                    continue;
                }
                if words::has(w, words::SKIP_ADJ) {
                    j += 1;
                    continue;
                }
                if (words::has(w, words::QUANT) || self.z.kind(j) == Some(TokKind::Num)) && m.country.is_none() {
                    m.quant = Some(j);
                    j += 1;
                    continue;
                }
                if let Some(noun) = words::word(w, words::ORG_NOUN)
                    && m.org.is_none()
                    && self.z.hit(j + 1).is_some_and(|h| matches!(h.target, Target::Title(_)))
                {
                    m.org = Some(OrgRef::Coref(noun));
                    j += 1;
                    continue;
                }
                if m.portfolio.is_none()
                    && let Some(t) = self.portfolio_at(j)
                {
                    m.portfolio = Some(j..t);
                    j = t;
                    continue;
                }
                if !m.unknown_org && self.org_word_before_title(j) {
                    m.unknown_org = true;
                    j += 1;
                    continue;
                }
                break;
            }
            let Some(h) = self.z.hit(j) else { break };
            match h.target {
                Target::Country(c, form) if form != CForm::Plural && m.country.is_none() => {
                    let first = self.z.toks.toks[j];
                    if form == CForm::Capital && first.upper && (j == 0 || first.line_before) {
                        break;
                    }
                    let mut k = h.t1;
                    let poss = self.z.kind(k) == Some(TokKind::Poss);
                    if poss {
                        k += 1;
                    }
                    let mut former = false;
                    while k < n && self.z.hit(k).is_none() {
                        let w = self.w(k);
                        if w == "former" || (w == "then" && self.z.toks.toks.get(k + 1).is_some_and(|t| t.hyph)) {
                            former = true;
                        } else if !words::has(w, words::SKIP_ADJ) {
                            break;
                        }
                        k += 1;
                    }
                    if self.head_follows(k, poss) {
                        m.country = Some((c as usize, j..h.t1));
                        m.former |= former;
                        j = k;
                        continue;
                    }
                    break;
                }
                Target::Org(o) if m.org.is_none() && self.c.kb.orgs[o as usize].kind != OrgKind::Block => {
                    let mut k = h.t1;
                    if self.z.kind(k) == Some(TokKind::Poss) {
                        k += 1;
                    }
                    while k < n && self.z.hit(k).is_none() && (self.fl(k) & words::SKIP_ADJ != 0) {
                        k += 1;
                    }
                    let title_next = |k: usize| self.z.hit(k).is_some_and(|h| matches!(h.target, Target::Title(_)));
                    let country_then_title = self.z.hit(k).is_some_and(|h| {
                        matches!(h.target, Target::Country(_, CForm::Name | CForm::Adj)) && title_next(h.t1)
                    });
                    if title_next(k) || country_then_title {
                        m.org = Some(OrgRef::Org(o as usize));
                        j = k;
                        continue;
                    }
                    break;
                }
                _ => break,
            }
        }
        m.first = m.first.min(j);
        m.head = j;
        m
    }

    /// Parses the phrase starting at token `i`; returns the token after it.
    fn parse_at(&mut self, i: usize) -> Option<usize> {
        let m = self.mods(i);
        let j = m.head;
        if j >= self.n() {
            return None;
        }
        if let Some(h) = self.z.hit(j) {
            return match h.target {
                Target::Title(t) => self.title_head(j, h, t as usize, &m),
                Target::Person { .. } => self.person_head(j, h, &m),
                Target::Org(o) => self.org_head(j, h, o as usize, &m),
                Target::Country(..) => Some(self.country_head(j, h, &m)),
            };
        }
        let w = self.w(j).to_owned();
        if matches!(w.as_str(), "counterpart" | "counterparts") && m.det.is_some_and(|d| words::has(d, words::POSS_DET))
        {
            return Some(self.counterpart_head(j, &m));
        }
        if let Some((c, r)) = &m.country
            && words::has(w.as_str(), words::GOV_NOUN)
        {
            let _ = r;
            self.push(m.first..j + 1, PKind::Country { c: *c, mk: MentionKind::Role, gov: true });
            return Some(j + 1);
        }
        if m.det == Some("the") && m.country.is_none() {
            if let Some(noun) = words::word(&w, words::ORG_NOUN) {
                if self.z.hit(j + 1).is_none() && self.name_chunk(j + 1).is_none() {
                    self.push(i..j + 1, PKind::Coref(noun));
                    return Some(j + 1);
                }
                return None;
            }
            if let Some(noun) = words::word(&w, words::ADMIN_NOUN) {
                if self.is(j + 1, "of") {
                    // "the administration of former US President Donald Trump"
                    let before = self.out.len();
                    let end = self.parse_at(j + 2)?;
                    let person = (before..self.out.len())
                        .find(|&k| matches!(&self.out[k].kind, PKind::Person(d) if !matches!(d.name, NameRef::None)));
                    if let Some(p) = person {
                        self.push(i..end, PKind::Admin { person: p, head: noun });
                    }
                    return Some(end);
                }
                if noun == "administration" {
                    self.push(i..j + 1, PKind::Coref("administration"));
                    return Some(j + 1);
                }
                return None;
            }
            if w == "allies" {
                self.push(i..j + 1, PKind::Group(GroupCue::Allies));
                return Some(j + 1);
            }
            if self.korea && (w == "north" || w == "south") && self.z.toks.toks[j].cap && self.z.hit(j + 1).is_none() {
                let iso = if w == "north" { "PRK" } else { "KOR" };
                if let Some(&c) = self.c.kb.country_index.get(iso) {
                    self.push(i..j + 1, PKind::Country { c, mk: MentionKind::Metonym, gov: false });
                    return Some(j + 1);
                }
            }
        }
        if let Some(q) = m.quant
            && (m.det == Some("the") || self.is(q, "both"))
            && matches!(self.w(q), "two" | "both")
        {
            let cue = match w.as_str() {
                "sides" => Some(GroupCue::TwoSides),
                "countries" | "nations" | "governments" | "neighbours" | "neighbors" => Some(GroupCue::TwoCountries),
                "koreas" => Some(GroupCue::TwoKoreas),
                _ => None,
            };
            if let Some(cue) = cue {
                self.push(i..j + 1, PKind::Group(cue));
                return Some(j + 1);
            }
        }
        if words::has(w.as_str(), words::HONORIFIC) {
            let mut k = j + 1;
            if self.is(k, ".") {
                k += 1;
            }
            if let Some((name, e)) = self.name_at(k, 1) {
                let d = PersonDesc {
                    name,
                    title: None,
                    former: m.former,
                    country: m.country.as_ref().map(|c| c.0),
                    org: None,
                    counterpart: false,
                    definite: true,
                    pattern: true,
                    evidence: None,
                    portfolio: None,
                    deputy: false,
                    plural_owner: false,
                    unknown_org: false,
                };
                self.push(j..e, PKind::Person(d));
                return Some(e);
            }
            return None;
        }
        if let Some((e, units)) = self.name_chunk(j) {
            return Some(self.chunk_head(j, e, units, &m));
        }
        None
    }

    /// "of/for/at [the] ORGANISATION|COUNTRY" after a title.
    fn affiliation(&self, k: usize) -> (Option<usize>, Option<usize>, usize) {
        if !(self.is(k, "of") || self.is(k, "for") || self.is(k, "at")) {
            return (None, None, k);
        }
        let n = self.n();
        let mut m = k + 1;
        while m < n && m <= k + 14 {
            match self.z.hit(m).map(|h| (h, h.target)) {
                Some((h, Target::Org(o))) if self.c.kb.orgs[o as usize].kind != OrgKind::Block => {
                    return (Some(o as usize), None, h.t1);
                }
                Some((h, Target::Country(c, CForm::Name | CForm::Adj | CForm::Capital)))
                    if self.z.hit(h.t1).is_some_and(
                        |x| matches!(x.target, Target::Org(o) if self.c.kb.orgs[o as usize].kind != OrgKind::Block),
                    ) =>
                {
                    // "for the Swedish Armed Forces": an organ of that country.
                    let x = self.z.hit(h.t1).map_or(h, |x| x);
                    let Target::Org(o) = x.target else { return (None, None, k) };
                    return (Some(o as usize), Some(c as usize), x.t1);
                }
                Some((h, Target::Country(c, CForm::Name | CForm::Capital))) => {
                    // "the Lebanon Federation of Workers": part of a name.
                    let part_of_name = self.z.toks.toks.get(h.t1).is_some_and(|t| t.kind == TokKind::Word && t.cap);
                    if part_of_name {
                        return (None, None, k);
                    }
                    return (None, Some(c as usize), h.t1);
                }
                Some(_) => return (None, None, k),
                None => {}
            }
            let w = self.w(m);
            // "of Digital Development, Post and Telecommunications ... of the Russian Federation"
            let list_comma = w == "," && self.z.toks.toks.get(m + 1).is_some_and(|t| t.kind == TokKind::Word && t.cap);
            if list_comma {
                m += 1;
                continue;
            }
            if self.z.kind(m) == Some(TokKind::Punct)
                || self.z.kind(m) == Some(TokKind::Poss)
                || matches!(
                    w,
                    "who"
                        | "which"
                        | "that"
                        | "said"
                        | "says"
                        | "told"
                        | "on"
                        | "in"
                        | "during"
                        | "after"
                        | "before"
                        | "with"
                        | "to"
                )
            {
                break;
            }
            m += 1;
        }
        (None, None, k)
    }

    /// The country of the group a person heads: "a delegation of the Supreme
    /// Prosecutor's Office of the Russian Federation headed by Director X", "a group of
    /// Koreans in Japan led by X". `first` is the first token of the title phrase.
    fn leader_of(&self, first: usize) -> Option<usize> {
        if first < 2 || !self.is(first - 1, "by") || !(self.is(first - 2, "headed") || self.is(first - 2, "led")) {
            return None;
        }
        let lo = first.saturating_sub(24);
        for i in (lo..first - 2).rev() {
            if let Some(h) = self.z.hit(i)
                && h.t1 <= first - 2
                && let Target::Country(c, CForm::Name | CForm::Adj) = h.target
            {
                return Some(c as usize);
            }
            let w = self.w(i);
            if self.z.kind(i) == Some(TokKind::Punct) && w != "," && w != "'" && w != "\u{2019}" {
                return None;
            }
        }
        None
    }

    fn title_head(&mut self, j: usize, h: Hit, t: usize, m: &Mods) -> Option<usize> {
        let def = &self.c.kb.titles[t];
        let (aff_org, aff_country, mut k) = self.affiliation(h.t1);
        let country = m.country.as_ref().map(|c| c.0).or(aff_country).or_else(|| self.leader_of(m.first.min(j)));
        let org = m.org.or(aff_org.map(OrgRef::Org));
        if def.plural {
            let group = m.det == Some("the") || m.quant.is_some_and(|q| matches!(self.w(q), "two" | "both" | "three"));
            if group {
                let start = if m.det.is_some() { m.first.saturating_sub(1) } else { m.first };
                self.push(start.min(j)..k, PKind::Roles { title: t, country });
                return Some(k);
            }
            return None;
        }
        let mut name = NameRef::None;
        let mut end = k;
        if let Some((nm, e)) = self.name_at(k, 1) {
            name = nm;
            end = e;
        } else if self.is(k, ",")
            && (m.det.is_some() || m.country.is_some())
            && let Some((nm, e)) = self.name_at(k + 1, 2)
            && (self.is(e, ",") || self.is(e, ".") || e >= self.n() || self.is(e, "said"))
        {
            // "the foreign minister, Wang Yi,"
            name = nm;
            end = e;
            k = e;
        }
        let named = !matches!(name, NameRef::None);
        let indefinite = m.det.is_some_and(|d| d == "a" || d == "an");
        let definite = named || (!indefinite && (m.det.is_some() || m.country.is_some() || m.org.is_some()));
        let start = if named {
            m.first.min(j)
        } else {
            m.first.min(j).min(if m.det.is_some() { m.first - 1 } else { m.first })
        };
        let d = PersonDesc {
            name,
            title: Some(t),
            former: m.former,
            country,
            org,
            counterpart: false,
            definite,
            pattern: true,
            evidence: Some(m.first.min(j)..end),
            portfolio: m.portfolio.as_ref().map(|r| self.z.text_of(r)),
            deputy: m.deputy,
            plural_owner: false,
            unknown_org: m.unknown_org,
        };
        self.push(start..end, PKind::Person(d));
        Some(end.max(k))
    }

    /// An apposition after a name: ", [the] [modifiers] TITLE [of ORG]".
    fn apposition(&self, k: usize) -> Option<Apposition> {
        if !self.is(k, ",") {
            return None;
        }
        let n = self.n();
        let mut m = k + 1;
        if matches!(self.w(m), "the" | "a" | "an") {
            m += 1;
        }
        let mut country = None;
        let mut org = None;
        let mut former = false;
        while m < n {
            if let Some(h) = self.z.hit(m) {
                match h.target {
                    Target::Country(c, form) if form != CForm::Plural && country.is_none() => {
                        country = Some(c as usize);
                        m = h.t1;
                        if self.z.kind(m) == Some(TokKind::Poss) {
                            m += 1;
                        }
                        continue;
                    }
                    Target::Org(o) if org.is_none() && self.c.kb.orgs[o as usize].kind != OrgKind::Block => {
                        if self.z.hit(h.t1).is_some_and(|x| matches!(x.target, Target::Title(_))) {
                            org = Some(OrgRef::Org(o as usize));
                            m = h.t1;
                            continue;
                        }
                        return None;
                    }
                    _ => break,
                }
            }
            let w = self.w(m);
            if w == "former" {
                former = true;
            } else if let Some(noun) = words::word(w, words::ORG_NOUN)
                && self.z.hit(m + 1).is_some_and(|x| matches!(x.target, Target::Title(_)))
            {
                org = Some(OrgRef::Coref(noun));
            } else if !words::has(w, words::SKIP_ADJ) {
                return None;
            }
            m += 1;
        }
        let h = self.z.hit(m)?;
        let Target::Title(t) = h.target else { return None };
        if self.c.kb.titles[t as usize].plural {
            return None;
        }
        let (aff_org, aff_country, end) = self.affiliation(h.t1);
        Some((t as usize, country.or(aff_country), org.or(aff_org.map(OrgRef::Org)), former, end))
    }

    /// A name of the knowledge base, unless capitalised words go on after it: "Kim Song"
    /// is known, "Kim Song Nam" is someone else.
    fn known_name(&self, h: Hit, p: usize, standalone: bool) -> (NameRef, usize) {
        let next = self.z.toks.toks.get(h.t1);
        let goes_on = next.is_some_and(|t| t.kind == TokKind::Word && t.cap && !t.line_before && !t.upper);
        if goes_on
            && !self.z.title_case
            && let Some((e, units)) = self.name_chunk(h.t1)
        {
            let own = self.c.kb.people[p].name.split_whitespace().count();
            return (NameRef::Chunk { toks: h.t0..e, units: own + units }, e);
        }
        (NameRef::Kb { p, standalone, toks: h.t0..h.t1 }, h.t1)
    }

    fn person_head(&mut self, j: usize, h: Hit, m: &Mods) -> Option<usize> {
        let Target::Person { p, standalone } = h.target else { return None };
        let (name, end) = self.known_name(h, p as usize, standalone);
        Some(self.named(j, end, name, m))
    }

    fn chunk_head(&mut self, j: usize, e: usize, units: usize, m: &Mods) -> usize {
        let name = NameRef::Chunk { toks: j..e, units };
        self.named(j, e, name, m)
    }

    /// A name (known or not) with what may follow it: an administration, an apposition.
    fn named(&mut self, j: usize, e: usize, name: NameRef, m: &Mods) -> usize {
        let units = match &name {
            NameRef::Chunk { units, .. } => *units,
            _ => 2,
        };
        if let Some(head) = words::word(self.w(e), words::ADMIN_NOUN)
            && !self.z.covered(e)
        {
            let d = PersonDesc {
                name,
                title: None,
                former: m.former,
                country: m.country.as_ref().map(|c| c.0),
                org: None,
                counterpart: false,
                definite: true,
                pattern: false,
                evidence: None,
                portfolio: None,
                deputy: false,
                plural_owner: false,
                unknown_org: false,
            };
            let p = self.push(j..e, PKind::Person(d));
            let mut end = e + 1;
            let (_, aff_country, after) = self.affiliation(end);
            if aff_country.is_some() {
                end = after;
            }
            let start = if m.det.is_some() { m.first.saturating_sub(1).min(j) } else { m.first.min(j) };
            self.push(start..end, PKind::Admin { person: p, head });
            return end;
        }
        if !self.z.title_case
            && let Some((t, country, org, former, end)) = self.apposition(e)
        {
            let d = PersonDesc {
                name,
                title: Some(t),
                former: former || m.former,
                country: country.or(m.country.as_ref().map(|c| c.0)),
                org,
                counterpart: false,
                definite: true,
                pattern: true,
                evidence: Some(j..end),
                portfolio: None,
                deputy: false,
                plural_owner: false,
                unknown_org: false,
            };
            self.push(m.first.min(j)..e, PKind::Person(d));
            return end;
        }
        let pattern = m.country.is_some() && units >= 2;
        let d = PersonDesc {
            name,
            title: None,
            former: m.former,
            country: m.country.as_ref().map(|c| c.0),
            org: None,
            counterpart: false,
            definite: true,
            pattern,
            evidence: None,
            portfolio: None,
            deputy: false,
            plural_owner: false,
            unknown_org: false,
        };
        let start = if m.country.is_some() { m.first.min(j) } else { j };
        let p = self.push(start..e, PKind::Person(d));
        // "Yoon's presidential office": the organ of the person's country.
        if self.z.kind(e) == Some(TokKind::Poss)
            && let Some(h) = self.z.hit(e + 1)
            && let Target::Org(o) = h.target
            && self.c.kb.orgs[o as usize].country == OrgCountry::Generic
        {
            self.push(e + 1..h.t1, PKind::Org { o: o as usize, country: None, owner: Some(p) });
            return h.t1;
        }
        e
    }

    fn counterpart_head(&mut self, j: usize, m: &Mods) -> usize {
        let mut k = j + 1;
        let mut name = NameRef::None;
        let mut end = k;
        if self.is(k, ",") {
            if let Some((nm, e)) = self.name_at(k + 1, 1) {
                name = nm;
                end = e;
                k = e;
            }
        } else if let Some((nm, e)) = self.name_at(k, 2) {
            name = nm;
            end = e;
            k = e;
        }
        let start = m.first.saturating_sub(1);
        let d = PersonDesc {
            name,
            title: None,
            former: false,
            country: m.country.as_ref().map(|c| c.0),
            org: None,
            counterpart: true,
            definite: true,
            pattern: true,
            evidence: Some(start..end),
            portfolio: None,
            deputy: false,
            plural_owner: m.det == Some("their"),
            unknown_org: false,
        };
        self.push(start..end, PKind::Person(d));
        k
    }

    fn org_head(&mut self, j: usize, h: Hit, o: usize, m: &Mods) -> Option<usize> {
        let org = &self.c.kb.orgs[o];
        if org.kind == OrgKind::Block {
            return Some(h.t1);
        }
        let mut end = h.t1;
        let mut country = m.country.as_ref().map(|c| c.0);
        if org.country == OrgCountry::Generic && country.is_none() {
            let (_, c, after) = self.affiliation(end);
            if c.is_some() {
                country = c;
                end = after;
            }
        }
        if org.country == OrgCountry::Generic
            && country.is_none()
            && m.det.is_none()
            && org.forms.iter().all(|f| f.chars().next().is_some_and(char::is_lowercase))
        {
            // "troops", "military" with no article and no country: too vague.
            if !self.z.toks.toks[j].cap {
                return Some(end);
            }
        }
        let start = m.country.as_ref().map_or(j, |c| c.1.start).min(j);
        self.push(start..end, PKind::Org { o, country, owner: None });
        Some(end)
    }

    fn country_head(&mut self, j: usize, h: Hit, m: &Mods) -> usize {
        let Target::Country(c, form) = h.target else { return h.t1 };
        let c = c as usize;
        let toks = &self.z.toks;
        let mut end = h.t1;
        match form {
            CForm::Plural => {
                let start = m.quant.map_or(j, |q| q.min(j));
                self.push(start..end, PKind::Demonyms { c });
            }
            CForm::Adj => {
                let w = self.w(j);
                let nounish = w.ends_with("ese") || matches!(w, "french" | "british" | "dutch" | "irish" | "swiss");
                let next = self.w(end);
                let ends = self.z.kind(end).is_none_or(|k| k == TokKind::Punct)
                    || matches!(
                        next,
                        "and"
                            | "or"
                            | "said"
                            | "say"
                            | "says"
                            | "have"
                            | "has"
                            | "had"
                            | "are"
                            | "were"
                            | "will"
                            | "would"
                            | "who"
                            | "to"
                    );
                if m.det == Some("the") && nounish && ends {
                    self.push(m.first.saturating_sub(1)..end, PKind::Demonyms { c });
                } else if words::has(next, words::GOV_NOUN) {
                    end += 1;
                    self.push(j..end, PKind::Country { c, mk: MentionKind::Role, gov: true });
                } else {
                    self.push(j..end, PKind::Country { c, mk: MentionKind::Name, gov: false });
                }
            }
            CForm::Capital => {
                let prev = j.checked_sub(1).map(|p| self.w(p)).unwrap_or("");
                let first = &toks.toks[j];
                let dateline = first.upper && (j == 0 || first.line_before);
                let based = toks.toks.get(end).is_some_and(|t| t.hyph);
                // ("a protest from Tokyo": the government sends it.)
                let sent_from =
                    prev == "from" && j.checked_sub(2).is_some_and(|p| words::has(self.w(p), words::SENT_FROM));
                if (words::has(prev, words::LOC_PREP) && !sent_from) || dateline || based {
                    return end;
                }
                let gov = self.fl(end) & words::GOV_NOUN != 0;
                if gov {
                    end += 1;
                }
                self.push(j..end, PKind::Country { c, mk: MentionKind::Metonym, gov });
            }
            CForm::Name => {
                if (self.fl(end) & words::GOV_NOUN != 0) && self.z.hit(end).is_none() {
                    end += 1;
                    self.push(j..end, PKind::Country { c, mk: MentionKind::Role, gov: true });
                } else {
                    self.push(j..end, PKind::Country { c, mk: MentionKind::Name, gov: false });
                }
            }
        }
        end
    }
}

// ---------------------------------------------------------------------------------------
// Pass 2: actors.

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Person(String),
    Country(usize),
    Org(usize, Option<usize>),
    Admin(usize),
    Role(Option<usize>, String),
    Group(Vec<usize>),
    Demonyms(usize, String),
}

/// A title as read for one mention, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TitleUse {
    office: String,
    title: String,
    sector: Option<String>,
    country: Option<usize>,
    igo: bool,
    former: bool,
}

#[derive(Debug, Clone)]
struct Build {
    key: Key,
    name: String,
    kind: ActorKind,
    country: Option<usize>,
    sector: Option<String>,
    title: Option<String>,
    kb_id: Option<String>,
    members: Vec<usize>,
    /// (reading order, mention)
    mentions: Vec<(usize, Mention)>,
    // People:
    kb_person: Option<usize>,
    surname: String,
    name_words: Vec<String>,
    titles: Vec<TitleUse>,
    former: bool,
    org: Option<String>,
}

impl Build {
    fn new(key: Key, name: String, kind: ActorKind) -> Self {
        Build {
            key,
            name,
            kind,
            country: None,
            sector: None,
            title: None,
            kb_id: None,
            members: Vec::new(),
            mentions: Vec::new(),
            kb_person: None,
            surname: String::new(),
            name_words: Vec::new(),
            titles: Vec::new(),
            former: false,
            org: None,
        }
    }
}

struct Fact {
    actor: usize,
    zone: usize,
    toks: Range<usize>,
    title: TitleUse,
}

struct Resolver<'a> {
    c: &'a Compiled,
    zones: &'a [ZoneData],
    sentences: &'a [attache_model::Sentence],
    day: Option<Day>,
    home: Option<usize>,
    dateline: Option<usize>,
    dateline_span: Option<attache_model::Span>,
    actors: Vec<Build>,
    index: HashMap<Key, usize>,
    /// (order, actor) of every person mention so far, in reading order.
    person_mentions: Vec<(usize, usize)>,
    /// (order, actor) of every full name in the article, in reading order.
    named: Vec<(usize, usize)>,
    /// Mentions per country actor: (count, last order).
    country_counts: HashMap<usize, (usize, usize)>,
    facts: Vec<Fact>,
}

const STOP_TITLE_WORDS: &[&str] = &["of", "the", "for", "to", "and"];

fn title_words(s: &str) -> Vec<String> {
    name_key(s).split(' ').filter(|w| !w.is_empty() && !STOP_TITLE_WORDS.contains(w)).map(str::to_owned).collect()
}

/// US allies, for "the allies".
const ALLIES: &[&str] = &["KOR", "JPN", "GBR", "FRA", "DEU", "AUS", "CAN", "PHL", "ITA", "NLD", "POL", "ISR", "NZL"];

impl<'a> Resolver<'a> {
    fn kb(&self) -> &'a Kb {
        &self.c.kb
    }

    fn iso(&self, c: usize) -> &'a str {
        &self.c.kb.countries[c].iso3
    }

    fn country_idx(&self, iso: &str) -> Option<usize> {
        self.c.kb.country_index.get(iso).copied()
    }

    fn actor(&mut self, key: Key, make: impl FnOnce() -> Build) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        self.actors.push(make());
        let i = self.actors.len() - 1;
        self.index.insert(key, i);
        i
    }

    /// Keeps a person-office fact when an apposition pattern named the title.
    fn learn(&mut self, a: usize, zone: usize, d: &PersonDesc, ph: &Phrase, tu: Option<TitleUse>) {
        if let Some(title) = tu
            && d.pattern
        {
            let toks = d.evidence.clone().unwrap_or(ph.toks.clone());
            self.facts.push(Fact { actor: a, zone, toks, title });
        }
    }

    fn mention(&mut self, a: usize, ph: &Phrase, order: usize, toks: Range<usize>, kind: MentionKind) {
        let z = &self.zones[ph.zone];
        let bytes = z.bytes(&toks);
        if bytes.is_empty() {
            return;
        }
        let span = z.text.to_original(bytes.clone());
        if span.is_empty() {
            return;
        }
        let sentence = if z.zone == Zone::Body {
            let s = self.sentences.partition_point(|s| s.body.end <= bytes.start);
            self.sentences.get(s).filter(|s| s.body.start <= bytes.start).map(|_| s)
        } else {
            None
        };
        let m = Mention { span, kind, zone: z.zone, sentence };
        let b = &mut self.actors[a];
        if !b.mentions.iter().any(|(_, x)| x.span == m.span) {
            b.mentions.push((order, m));
        }
        let is_person = b.kind == ActorKind::Person;
        let is_country = matches!(b.key, Key::Country(_));
        let kb = &self.c.kb;
        let country = b
            .kb_person
            .and_then(|p| kb.people[p].country.as_deref())
            .and_then(|c| kb.country_index.get(c).copied())
            .or(b.country);
        if is_person {
            self.person_mentions.push((order, a));
            // A person's mention makes their country more salient too.
            if kind != MentionKind::Group {
                self.bump_country(country, order);
            }
        }
        if is_country {
            let e = self.country_counts.entry(a).or_insert((0, 0));
            e.0 += 1;
            e.1 = order;
        }
    }

    /// Whether a phrase is the dateline ("Pyongyang, August 20 (KCNA) --").
    fn in_dateline(&self, ph: &Phrase) -> bool {
        let Some(d) = self.dateline_span else { return false };
        let z = &self.zones[ph.zone];
        let span = z.text.to_original(z.bytes(&ph.toks));
        span.start < d.end && d.start < span.end
    }

    /// Whether a phrase is the agency's credit right after the dateline
    /// ("Pyongyang, August 20 (KCNA) --").
    fn dateline_credit(&self, ph: &Phrase) -> bool {
        let Some(d) = self.dateline_span else { return false };
        let z = &self.zones[ph.zone];
        let span = z.text.to_original(z.bytes(&ph.toks));
        span.start >= d.start && span.start <= d.end + 40
    }

    /// Counts a country named as a modifier ("South Korea's vice foreign minister")
    /// towards its salience, without a mention of its own.
    fn bump_country(&mut self, c: Option<usize>, order: usize) {
        let Some(c) = c else { return };
        let a = self.country_actor(c);
        let e = self.country_counts.entry(a).or_insert((0, 0));
        e.0 += 1;
        e.1 = e.1.max(order);
    }

    fn title_use(&self, t: usize, country: Option<usize>, org: Option<&str>, former: bool) -> TitleUse {
        let kb = self.kb();
        let def = &kb.titles[t];
        let iso = country.map(|c| self.iso(c));
        let office = kb.office(&def.office, iso);
        let title = def.title.clone().or_else(|| office.map(|o| o.title.clone())).unwrap_or_else(|| def.phrase.clone());
        let org_def = org.and_then(|o| kb.org(o));
        let igo = org_def.is_some_and(|o| o.kind == OrgKind::Igo);
        let sector = def.sector.clone().or_else(|| {
            if let Some(o) = org_def {
                match o.kind {
                    OrgKind::Company => return Some("BUS".to_owned()),
                    OrgKind::Party => return Some("PTY".to_owned()),
                    OrgKind::Armed => return Some("REB".to_owned()),
                    OrgKind::Ngo => return Some("SOC".to_owned()),
                    OrgKind::Igo | OrgKind::Media | OrgKind::Body => {
                        if let Some(s) = &o.sector {
                            return Some(s.clone());
                        }
                    }
                    OrgKind::Block => {}
                }
            }
            office.map(|o| o.sector.clone())
        });
        // An international post is coded as the organisation ("U.N. envoy": IGO); a
        // leader of an armed group, a party, a company as such.
        let sector = match org_def.map(|o| o.kind) {
            _ if !matches!(sector.as_deref(), None | Some("GOV")) => sector,
            Some(OrgKind::Igo) => org_def.and_then(|o| o.sector.clone()).or(sector),
            Some(OrgKind::Armed) => Some("REB".to_owned()),
            Some(OrgKind::Party) => Some("PTY".to_owned()),
            Some(OrgKind::Company) => Some("BUS".to_owned()),
            Some(OrgKind::Ngo) => org_def.and_then(|o| o.sector.clone()).or(sector),
            _ => sector,
        };
        TitleUse { office: def.office.clone(), title, sector, country, igo, former }
    }

    fn org_country(&self, o: usize) -> Option<usize> {
        match &self.kb().orgs[o].country {
            OrgCountry::Fixed(c) => self.country_idx(c),
            _ => None,
        }
    }

    /// The organisation an `OrgRef` points to, with its country.
    fn org_ref(&self, r: OrgRef, order: usize) -> Option<(usize, Option<usize>)> {
        match r {
            OrgRef::Org(o) => Some((o, self.org_country(o))),
            OrgRef::Coref(noun) => self.recent_org(noun, order).and_then(|a| match &self.actors[a].key {
                Key::Org(o, c) => Some((*o, *c)),
                _ => None,
            }),
        }
    }

    /// The organisation actor mentioned last before `order` whose name has `noun`.
    fn recent_org(&self, noun: &str, order: usize) -> Option<usize> {
        let kb = self.kb();
        let mut best: Option<(usize, usize)> = None;
        for (i, a) in self.actors.iter().enumerate() {
            let Key::Org(o, _) = a.key else { continue };
            let org = &kb.orgs[o];
            if !org.forms.iter().any(|f| name_key(f).split(' ').any(|w| w == noun)) {
                continue;
            }
            if let Some(last) = a.mentions.iter().map(|(k, _)| *k).filter(|&k| k < order).max()
                && best.is_none_or(|(b, _)| last > b)
            {
                best = Some((last, i));
            }
        }
        best.map(|(_, i)| i)
    }

    fn person_kb(&mut self, p: usize) -> usize {
        let person = &self.c.kb.people[p];
        let key = Key::Person(person.id.clone());
        self.actor(key.clone(), || {
            let mut b = Build::new(key, person.name.clone(), ActorKind::Person);
            b.kb_person = Some(p);
            b.kb_id = Some(person.id.clone());
            b.surname = person.surname.clone();
            b.name_words = name_key(&person.name).split(' ').map(str::to_owned).collect();
            b
        })
    }

    fn person_named(&mut self, zone: usize, toks: &Range<usize>) -> usize {
        let z = &self.zones[zone];
        let key = z.key_of(toks);
        if let Some(p) = self.kb().person_idx(&key).or_else(|| self.c.by_first_and_surname(&key)) {
            return self.person_kb(p);
        }
        let text = z.text_of(toks);
        let k = Key::Person(key.clone());
        self.actor(k.clone(), || {
            let mut b = Build::new(k, text.clone(), ActorKind::Person);
            b.surname = crate::kb::surname_of(&text);
            b.name_words = key.split(' ').map(str::to_owned).collect();
            b
        })
    }

    /// The person matching `f` mentioned nearest before `order`, else named first after it.
    fn nearest(&self, order: usize, f: impl Fn(usize) -> bool) -> Option<usize> {
        if let Some(&(_, a)) = self.person_mentions.iter().rev().find(|(o, a)| *o < order && f(*a)) {
            return Some(a);
        }
        self.named.iter().find(|(o, a)| *o > order && f(*a)).map(|&(_, a)| a)
    }

    /// The person of the article a surname (or another part of a name) stands for.
    fn by_surname(&self, part: &str, order: usize) -> Option<usize> {
        let full = |a: usize| self.actors[a].kind == ActorKind::Person && self.actors[a].name_words.len() >= 2;
        self.nearest(order, |a| full(a) && self.actors[a].surname == part).or_else(|| {
            if part.contains(' ') || surname_first(part) {
                return None;
            }
            self.nearest(order, |a| full(a) && self.actors[a].name_words.iter().skip(1).any(|w| w == part))
        })
    }

    /// Title words, office keys, country and organisation of a person of the article.
    fn person_offices(&self, a: usize) -> (Vec<String>, Vec<String>, Option<usize>, Option<String>) {
        let b = &self.actors[a];
        let kb = self.kb();
        let mut words: Vec<String> = Vec::new();
        let mut offices: Vec<String> = Vec::new();
        let mut country = None;
        let mut org = b.org.clone();
        if let Some(p) = b.kb_person {
            let st = kb.people[p].status(self.day);
            if st.active {
                if let Some(t) = &st.title {
                    words.extend(title_words(t));
                }
                offices.extend(st.offices.iter().cloned());
                org = org.or(st.org.clone());
            }
            country = kb.people[p].country.as_ref().and_then(|c| self.country_idx(c));
        }
        for t in &b.titles {
            words.extend(title_words(&t.title));
            offices.push(t.office.clone());
            country = country.or(t.country);
        }
        (words, offices, country.or(b.country), org)
    }

    /// People of the article a role refers to: the nearest that fits, for a singular
    /// role ("the vice minister"); all that fit, for a plural one ("the vice ministers").
    fn role_in_article(
        &self,
        office: &str,
        words: &[String],
        country: Option<usize>,
        order: usize,
        group: bool,
    ) -> Vec<usize> {
        let fits_country = |a: usize| {
            let (_, _, c, _) = self.person_offices(a);
            let igo = self.actors[a].titles.iter().any(|t| t.igo);
            country.is_none() || (c.is_none() && !igo) || c == country
        };
        let person = |a: usize| self.actors[a].kind == ActorKind::Person;
        let by_words = |a: usize| {
            let (tw, _, _, _) = self.person_offices(a);
            !words.is_empty() && words.iter().all(|w| tw.contains(w))
        };
        let by_office = |a: usize| self.person_offices(a).1.iter().any(|o| o == office);
        let by_rank = |a: usize| {
            self.person_offices(a)
                .1
                .iter()
                .any(|o| office_compatible(office, o) || (office == "leader" && leaderish(o)))
        };
        if group {
            return (0..self.actors.len()).filter(|&a| person(a) && fits_country(a) && by_rank(a)).collect();
        }
        let levels: [&dyn Fn(usize) -> bool; 3] = [&by_words, &by_office, &by_rank];
        for level in levels {
            if let Some(a) = self.nearest(order, |a| person(a) && fits_country(a) && level(a)) {
                return vec![a];
            }
        }
        Vec::new()
    }

    fn country_actor(&mut self, c: usize) -> usize {
        let country = &self.c.kb.countries[c];
        self.actor(Key::Country(c), || {
            let mut b = Build::new(Key::Country(c), country.name.clone(), ActorKind::Country);
            b.country = Some(c);
            b.sector = Some("GOV".to_owned());
            b.kb_id = Some(format!("country:{}", country.iso3));
            b
        })
    }

    fn run(&mut self, phrases: &[Phrase]) {
        // Full names first, so that surnames and roles can refer to people named later.
        for (order, ph) in phrases.iter().enumerate() {
            let PKind::Person(d) = &ph.kind else { continue };
            let a = match &d.name {
                NameRef::Kb { p, standalone: true, .. } => Some(self.person_kb(*p)),
                NameRef::Chunk { toks, units } if *units >= 2 && d.pattern => Some(self.person_named(ph.zone, toks)),
                _ => None,
            };
            if let Some(a) = a {
                self.named.push((order, a));
                // Their titles, so that a role earlier in the article can find them.
                if d.title.is_some() {
                    let org = match d.org {
                        Some(OrgRef::Org(o)) => Some(o),
                        _ => None,
                    };
                    let country = d.country.or(org.and_then(|o| self.org_country(o)));
                    let org_id = org.map(|o| self.kb().orgs[o].id.clone());
                    let (tu, title_country) = self.desc_title(d, country, org_id.as_deref());
                    self.attach(a, d, tu.as_ref(), title_country, org_id);
                }
            }
        }
        let mut person_of: HashMap<usize, usize> = HashMap::new();
        for (order, ph) in phrases.iter().enumerate() {
            match &ph.kind {
                PKind::Person(d) => {
                    self.bump_country(d.country, order);
                    if let Some(a) = self.person(order, ph, d) {
                        person_of.insert(order, a);
                    }
                }
                PKind::Roles { title, country } => {
                    self.bump_country(*country, order);
                    self.roles(order, ph, *title, *country);
                }
                PKind::Country { c, mk, gov } => {
                    if *mk == MentionKind::Metonym && self.in_dateline(ph) {
                        continue;
                    }
                    let a = self.country_actor(*c);
                    if *gov || *mk == MentionKind::Metonym {
                        self.actors[a].kind = ActorKind::Government;
                    }
                    self.mention(a, ph, order, ph.toks.clone(), *mk);
                }
                PKind::Org { o, .. } if self.kb().orgs[*o].kind == OrgKind::Media && self.dateline_credit(ph) => {
                    // The agency's credit in the dateline ("Pyongyang, May 3 (KCNA) --").
                }
                PKind::Org { o, country, owner } => {
                    let owner_country =
                        owner.and_then(|p| person_of.get(&p).copied()).and_then(|a| self.person_offices(a).2);
                    let country = country.or(owner_country);
                    self.bump_country(country, order);
                    self.org(order, ph, *o, country);
                }
                PKind::Admin { person, head } => {
                    if let Some(&p) = person_of.get(person) {
                        let name = format!("{} {}", self.actors[p].name, head);
                        let a = self.actor(Key::Admin(p), || {
                            let mut b = Build::new(Key::Admin(p), name, ActorKind::Government);
                            b.members = vec![p];
                            b.sector = Some("GOV".to_owned());
                            b
                        });
                        self.mention(a, ph, order, ph.toks.clone(), MentionKind::Name);
                    }
                }
                PKind::Demonyms { c } => {
                    let full = self.zones[ph.zone].text_of(&ph.toks);
                    let text =
                        full.strip_prefix("the ").or_else(|| full.strip_prefix("The ")).unwrap_or(&full).to_owned();
                    let key = Key::Demonyms(*c, text.to_lowercase());
                    let a = self.actor(key.clone(), || {
                        let mut b = Build::new(key, text, ActorKind::Group);
                        b.country = Some(*c);
                        b
                    });
                    self.mention(a, ph, order, ph.toks.clone(), MentionKind::Name);
                }
                PKind::Group(cue) => self.group(order, ph, *cue),
                PKind::Coref(noun) => {
                    let target = if *noun == "administration" {
                        self.actors
                            .iter()
                            .enumerate()
                            .filter(|(_, a)| matches!(a.key, Key::Admin(_)))
                            .filter_map(|(i, a)| {
                                a.mentions.iter().map(|(o, _)| *o).filter(|&o| o < order).max().map(|o| (o, i))
                            })
                            .max()
                            .map(|(_, i)| i)
                    } else {
                        self.recent_org(noun, order)
                    };
                    if let Some(a) = target {
                        self.mention(a, ph, order, ph.toks.clone(), MentionKind::Role);
                    }
                }
            }
        }
    }

    /// The title a counterpart has: the office of the person "his/her/their" refers to,
    /// as it is called in the counterpart's country.
    fn counterpart_title(&self, country: Option<usize>, order: usize, plural_owner: bool) -> Option<TitleUse> {
        let kb = self.kb();
        let fits = |a: usize| {
            let (_, offs, c, _) = self.person_offices(a);
            !offs.is_empty() && (country.is_none() || c != country)
        };
        // "their counterpart": the people of the last group of people named.
        let group_member = || {
            self.actors
                .iter()
                .filter(|b| matches!(b.key, Key::Group(_)))
                .filter_map(|b| b.mentions.iter().map(|(o, _)| *o).filter(|&o| o < order).max().map(|o| (o, b)))
                .filter(|(_, b)| b.members.iter().all(|&m| self.actors[m].kind == ActorKind::Person))
                .max_by_key(|(o, _)| *o)
                .and_then(|(o, b)| b.members.iter().copied().find(|&m| fits(m)).map(|m| (o, m)))
        };
        let person = self.person_mentions.iter().rev().find(|(o, a)| *o < order && fits(*a)).copied();
        let referent = match (plural_owner, group_member()) {
            (true, Some(g)) => g,
            _ => person?,
        };
        let (_, offices, _, _) = self.person_offices(referent.1);
        // Prefer the office the text gave; the knowledge base's otherwise.
        let office =
            self.actors[referent.1].titles.first().map(|t| t.office.clone()).or_else(|| offices.first().cloned())?;
        let def = kb.office(&office, country.map(|c| self.iso(c)))?;
        Some(TitleUse {
            office: office.clone(),
            title: def.title.clone(),
            sector: Some(def.sector.clone()),
            country,
            igo: false,
            former: false,
        })
    }

    fn attach(&mut self, a: usize, d: &PersonDesc, tu: Option<&TitleUse>, country: Option<usize>, org: Option<String>) {
        let b = &mut self.actors[a];
        if let Some(tu) = tu
            && !b.titles.contains(tu)
        {
            b.titles.push(tu.clone());
        }
        if d.former {
            b.former = true;
        }
        if b.country.is_none() {
            b.country = country;
        }
        if b.org.is_none() {
            b.org = org;
        }
    }

    /// The title a phrase gives, resolved for the country the text, the title itself or
    /// the named person's entry says; and that country.
    fn desc_title(
        &self,
        d: &PersonDesc,
        country: Option<usize>,
        org_id: Option<&str>,
    ) -> (Option<TitleUse>, Option<usize>) {
        let kb = self.kb();
        let Some(t) = d.title else { return (None, country) };
        let implied = kb.titles[t].country.as_deref().and_then(|c| self.country_idx(c));
        let own = match &d.name {
            NameRef::Kb { p, .. } => kb.people[*p].country.as_deref().and_then(|c| self.country_idx(c)),
            _ => None,
        };
        let title_country = country.or(implied).or(own);
        let mut tu = self.title_use(t, title_country, org_id, d.former);
        if let Some(p) = &d.portfolio {
            tu.title = format!("{p} {}", tu.title);
        }
        if d.deputy && !tu.office.split('-').any(|w| matches!(w, "vice" | "deputy")) {
            tu.title = format!("Deputy {}", tu.title);
            tu.office = format!("deputy-{}", tu.office);
        }
        if d.unknown_org && kb.titles[t].sector.is_none() && org_id.is_none() {
            tu.sector = None;
        }
        (Some(tu), country.or(implied))
    }

    fn person(&mut self, order: usize, ph: &Phrase, d: &PersonDesc) -> Option<usize> {
        let kb = self.kb();
        let zone = ph.zone;
        let org_res = d.org.and_then(|r| self.org_ref(r, order));
        let org_id = org_res.map(|(o, _)| kb.orgs[o].id.clone());
        let country = d.country.or(org_res.and_then(|(_, c)| c));
        let (tu, title_country) = if d.counterpart {
            (self.counterpart_title(country, order, d.plural_owner), country)
        } else {
            self.desc_title(d, country, org_id.as_deref())
        };
        let z = &self.zones[zone];
        match &d.name {
            NameRef::Kb { p, standalone, toks } => {
                let key = z.key_of(toks);
                let a = if *standalone {
                    self.person_kb(*p)
                } else if let Some(&a) = self.index.get(&Key::Person(kb.people[*p].id.clone())) {
                    a
                } else {
                    self.by_surname(&key, order)?
                };
                let kind = if key.contains(' ') { MentionKind::Name } else { MentionKind::Partial };
                let span = if d.pattern || d.title.is_some() || d.counterpart { ph.toks.clone() } else { toks.clone() };
                self.attach(a, d, tu.as_ref(), title_country, org_id);
                self.mention(a, ph, order, span, kind);
                self.learn(a, zone, d, ph, tu);
                Some(a)
            }
            NameRef::Chunk { toks, units } => {
                let key = z.key_of(toks);
                let (a, kind) = if *units >= 2 {
                    let existing = kb
                        .person_idx(&key)
                        .map(|p| Key::Person(kb.people[p].id.clone()))
                        .and_then(|k| self.index.get(&k).copied())
                        .or_else(|| self.index.get(&Key::Person(key.clone())).copied());
                    let a = match existing {
                        Some(a) => a,
                        None if d.pattern => self.person_named(zone, toks),
                        None => return None,
                    };
                    (a, MentionKind::Name)
                } else {
                    let found = self.by_surname(&key, order).or_else(|| {
                        // "President Park": the holder of the office with that surname.
                        let (tu, day) = (tu.as_ref()?, self.day?);
                        let iso = tu.country.map(|c| self.iso(c));
                        let org = org_id.as_deref();
                        let hits: Vec<usize> = kb
                            .holder_indices(&tu.office, iso, org, day)
                            .into_iter()
                            .filter(|&p| kb.people[p].surname == key)
                            .collect();
                        (hits.len() == 1).then(|| hits[0])
                    });
                    let a = match found {
                        Some(a)
                            if self.actors.get(a).is_some_and(|b| b.kind == ActorKind::Person)
                                && self.by_surname(&key, order) == Some(a) =>
                        {
                            a
                        }
                        Some(p) => self.person_kb(p),
                        None if d.pattern
                            && !z.title_case
                            && (tu.is_some() || d.counterpart)
                            && ph.toks.start < toks.start
                            && z.toks.toks[toks.start - 1].cap =>
                        {
                            self.person_named(zone, toks)
                        }
                        None => return None,
                    };
                    (a, MentionKind::Partial)
                };
                let span = if d.pattern { ph.toks.clone() } else { toks.clone() };
                self.attach(a, d, tu.as_ref(), title_country, org_id);
                self.mention(a, ph, order, span, kind);
                self.learn(a, zone, d, ph, tu);
                Some(a)
            }
            NameRef::None => {
                if !d.definite {
                    return None;
                }
                let tu = tu?;
                let words = if d.counterpart { Vec::new() } else { title_words(&tu.title) };
                let mut found = self.role_in_article(&tu.office, &words, tu.country, order, false);
                // "Choe Son Hui received messages from her counterparts": a counterpart is
                // never the one whose counterpart it is, nor of that one's country.
                if d.counterpart
                    && let Some(&(_, owner)) = self.person_mentions.iter().rev().find(|(o, _)| *o < order)
                {
                    let owner_country = self.person_offices(owner).2.or(self.actors[owner].country);
                    found.retain(|&a| {
                        a != owner && (owner_country.is_none() || self.actors[a].country != owner_country)
                    });
                }
                let a = if let Some(&a) = found.first() {
                    let b = &mut self.actors[a];
                    if b.kb_person.is_none() && b.country.is_none() && !b.titles.iter().any(|t| t.igo) {
                        b.country = tu.country;
                    }
                    a
                } else {
                    let iso = tu.country.map(|c| self.iso(c));
                    let holders = match self.day {
                        Some(day) if iso.is_some() || org_id.is_some() => {
                            kb.holder_indices(&tu.office, iso, org_id.as_deref(), day)
                        }
                        _ => Vec::new(),
                    };
                    if holders.len() == 1 {
                        self.person_kb(holders[0])
                    } else if let (Some(c), false, true) =
                        (tu.country, d.counterpart, UNIQUE_OFFICES.contains(&tu.office.as_str()))
                    {
                        let key = Key::Role(Some(c), tu.title.clone());
                        let name = format!("{} {}", kb.countries[c].adjective(), tu.title);
                        let a = self.actor(key.clone(), || {
                            let mut b = Build::new(key, name, ActorKind::Person);
                            b.country = Some(c);
                            b
                        });
                        self.attach(a, d, Some(&tu), Some(c), org_id);
                        a
                    } else {
                        return None;
                    }
                };
                self.mention(a, ph, order, ph.toks.clone(), MentionKind::Role);
                Some(a)
            }
        }
    }

    fn roles(&mut self, order: usize, ph: &Phrase, title: usize, country: Option<usize>) {
        let tu = self.title_use(title, country, None, false);
        let members = self.role_in_article(&tu.office, &[], country, order, true);
        if members.len() < 2 {
            return;
        }
        self.group_of(order, ph, members);
    }

    fn group_of(&mut self, order: usize, ph: &Phrase, members: Vec<usize>) {
        let mut members = members;
        members.sort_unstable();
        members.dedup();
        let text = self.zones[ph.zone].text_of(&ph.toks);
        let name = text.strip_prefix("the ").or_else(|| text.strip_prefix("The ")).unwrap_or(&text).to_owned();
        let key = Key::Group(members.clone());
        let m2 = members.clone();
        let a = self.actor(key.clone(), || {
            let mut b = Build::new(key, name, ActorKind::Group);
            b.members = m2;
            b
        });
        self.mention(a, ph, order, ph.toks.clone(), MentionKind::Role);
        for m in members {
            self.mention(m, ph, order, ph.toks.clone(), MentionKind::Group);
        }
    }

    fn top_countries(&self, n: usize) -> Vec<usize> {
        let mut v: Vec<(usize, (usize, usize))> = self.country_counts.iter().map(|(a, c)| (*a, *c)).collect();
        v.sort_by_key(|b| std::cmp::Reverse(b.1));
        v.into_iter().take(n).map(|(a, _)| a).collect()
    }

    fn group(&mut self, order: usize, ph: &Phrase, cue: GroupCue) {
        let members: Vec<usize> = match cue {
            GroupCue::Allies => {
                let Some(usa) = self.country_idx("USA").and_then(|c| self.index.get(&Key::Country(c)).copied()) else {
                    return;
                };
                let mut others: Vec<(usize, (usize, usize))> = ALLIES
                    .iter()
                    .filter_map(|iso| self.country_idx(iso))
                    .filter_map(|c| self.index.get(&Key::Country(c)).copied())
                    .filter_map(|a| self.country_counts.get(&a).map(|n| (a, *n)))
                    .collect();
                others.sort_by_key(|b| std::cmp::Reverse(b.1));
                std::iter::once(usa).chain(others.into_iter().take(2).map(|(a, _)| a)).collect()
            }
            GroupCue::TwoCountries => self.top_countries(2),
            GroupCue::TwoSides => {
                let top = self.top_countries(2);
                if top.len() == 2 {
                    top
                } else {
                    let mut people = Vec::new();
                    for &(o, a) in self.person_mentions.iter().rev() {
                        if o < order && !people.contains(&a) {
                            people.push(a);
                        }
                        if people.len() == 2 {
                            break;
                        }
                    }
                    people
                }
            }
            GroupCue::TwoKoreas => {
                let (Some(k), Some(p)) = (self.country_idx("KOR"), self.country_idx("PRK")) else { return };
                vec![self.country_actor(k), self.country_actor(p)]
            }
        };
        if members.len() >= 2 {
            self.group_of(order, ph, members);
        }
    }

    fn org(&mut self, order: usize, ph: &Phrase, o: usize, country: Option<usize>) {
        let kb = self.kb();
        let org = &kb.orgs[o];
        let country = match &org.country {
            OrgCountry::Fixed(c) => self.country_idx(c),
            OrgCountry::None => None,
            OrgCountry::Generic => {
                let prior = || {
                    self.actors
                        .iter()
                        .filter_map(|a| match a.key {
                            Key::Org(x, Some(c)) if x == o => {
                                a.mentions.iter().map(|(k, _)| *k).filter(|&k| k < order).max().map(|k| (k, c))
                            }
                            _ => None,
                        })
                        .max()
                        .map(|(_, c)| c)
                };
                // "Russia will complete the withdrawal of its military contingent": the
                // country "its" stands for, the last named before.
                let possessor = || {
                    let z = &self.zones[ph.zone];
                    if !(ph.toks.start.saturating_sub(1)..=ph.toks.start)
                        .any(|i| i < z.toks.toks.len() && matches!(z.toks.norm(i), "its" | "their"))
                    {
                        return None;
                    }
                    self.actors
                        .iter()
                        .filter(|a| matches!(a.kind, ActorKind::Country | ActorKind::Government))
                        .filter_map(|a| {
                            let c = a.country?;
                            a.mentions.iter().map(|(k, _)| *k).filter(|&k| k < order).max().map(|k| (k, c))
                        })
                        .max()
                        .map(|(_, c)| c)
                };
                let Some(c) = country.or_else(possessor).or_else(prior).or_else(|| self.home_country()) else { return };
                Some(c)
            }
        };
        let key = Key::Org(o, country);
        let name = match (&org.country, country) {
            (OrgCountry::Generic, Some(c)) => format!("{} {}", kb.countries[c].adjective(), org.name),
            _ => org.name.clone(),
        };
        let kind = match org.kind {
            OrgKind::Body => ActorKind::Government,
            OrgKind::Media if org.sector.as_deref() == Some("GOV") => ActorKind::Government,
            _ => ActorKind::Organisation,
        };
        let a = self.actor(key.clone(), || {
            let mut b = Build::new(key, name, kind);
            b.country = country;
            b.sector = org.sector.clone();
            b.kb_id = Some(format!("org:{}", org.id));
            b
        });
        self.mention(a, ph, order, ph.toks.clone(), MentionKind::Name);
    }

    /// Whose an organ named without a country is ("the foreign ministry said"): the
    /// news agency's country when the article is about it (Yonhap: South Korea), else
    /// the country the article names most, else the dateline's.
    fn home_country(&self) -> Option<usize> {
        let top: Vec<usize> = self.top_countries(2).into_iter().filter_map(|a| self.actors[a].country).collect();
        match (self.home, self.dateline) {
            (Some(h), _) if top.contains(&h) || top.is_empty() => Some(h),
            (_, Some(d)) if top.contains(&d) => Some(d),
            _ => top.first().copied().or(self.dateline),
        }
    }

    /// The country of an official the text does not place: the dateline's when the
    /// article is about it (among its two most named countries), else the most named.
    fn fallback_country(&self) -> Option<usize> {
        let top: Vec<usize> = self.top_countries(2).into_iter().filter_map(|a| self.actors[a].country).collect();
        match self.dateline {
            Some(d) if top.contains(&d) || top.is_empty() => Some(d),
            _ => top.first().copied(),
        }
    }

    /// Each person's country, sector and title.
    fn settle_person(&mut self, a: usize) {
        let kb = self.kb();
        let b = &self.actors[a];
        let text_title = b.titles.iter().find(|t| t.country.is_some()).or(b.titles.first()).cloned();
        let strip = |t: &str| t.strip_prefix("former ").unwrap_or(t).to_owned();
        let (mut title, mut sector, mut country);
        if let Some(p) = b.kb_person {
            let person = &kb.people[p];
            let st = person.status(self.day);
            let own = person.country.as_deref().and_then(|c| self.country_idx(c));
            if b.former && (!st.active || text_title.as_ref().is_some_and(|t| t.former)) {
                let last =
                    person.tenures.iter().filter(|t| !t.offices.is_empty()).max_by_key(|t| t.to.unwrap_or(u32::MAX));
                title = text_title
                    .as_ref()
                    .map(|t| t.title.clone())
                    .or_else(|| st.title.as_deref().map(strip))
                    .or_else(|| last.and_then(|t| t.title.clone()))
                    .map(|t| format!("former {}", strip(&t)));
                sector = Some("ELI".to_owned());
                country = own;
            } else if st.active {
                // Imported terms say the sector, not the title: the text's then.
                title = st.title.clone().or_else(|| text_title.as_ref().map(|t| t.title.clone()));
                sector = st.sector.clone();
                country = st.country.as_deref().and_then(|c| self.country_idx(c));
            } else if let Some(t) = &text_title {
                // "President Kim Il Sung" in 2024: an office the knowledge base says ended.
                let ended = self.day.is_some_and(|day| {
                    person.tenures.iter().any(|x| {
                        x.to.is_some_and(|e| e <= day)
                            && x.offices
                                .iter()
                                .any(|o| office_compatible(&t.office, o) || office_compatible(o, &t.office))
                    })
                });
                if ended {
                    title = Some(format!("former {}", strip(&t.title)));
                    sector = Some("ELI".to_owned());
                    country = own;
                } else {
                    title = Some(t.title.clone());
                    sector = t.sector.clone();
                    country = if t.igo { None } else { t.country.or(own) };
                }
            } else if !st.former && self.day.is_some() && !person.tenures.is_empty() {
                // Only later terms (Donald Trump in 2016): not yet in office.
                title = None;
                sector = None;
                country = own;
            } else {
                title = st.title.clone();
                sector = st.sector.clone();
                country = st.country.as_deref().and_then(|c| self.country_idx(c));
            }
        } else {
            title = text_title.as_ref().map(|t| t.title.clone());
            sector = text_title.as_ref().and_then(|t| t.sector.clone());
            country = if text_title.as_ref().is_some_and(|t| t.igo) {
                None
            } else {
                b.country.or(text_title.as_ref().and_then(|t| t.country))
            };
            if b.former {
                sector = Some("ELI".to_owned());
                title = title.map(|t| format!("former {}", strip(&t)));
            }
            let state_sector = matches!(sector.as_deref(), Some("GOV" | "MIL" | "LEG" | "JUD" | "COP" | "SPY"));
            let igo = text_title.as_ref().is_some_and(|t| t.igo);
            if country.is_none() && !igo {
                country = name_origin(&b.name).and_then(|iso| self.country_idx(iso));
            }
            if country.is_none() && state_sector && !igo {
                country = self.fallback_country();
            }
        }
        let b = &mut self.actors[a];
        b.title = title;
        b.sector = sector;
        b.country = country;
    }

    fn finish(mut self, doc_day: Option<&str>) -> (Vec<Actor>, Vec<OfficeFact>) {
        for a in 0..self.actors.len() {
            if self.actors[a].kind == ActorKind::Person {
                self.settle_person(a);
            }
        }
        for a in 0..self.actors.len() {
            if let Key::Admin(p) = self.actors[a].key {
                self.actors[a].country = self.actors[p].country;
            }
        }
        // Reading order of first mention; actors without mentions go.
        let mut order: Vec<usize> = (0..self.actors.len()).filter(|&a| !self.actors[a].mentions.is_empty()).collect();
        order.sort_by_key(|&a| {
            let b = &self.actors[a];
            b.mentions.iter().map(|(o, m)| (*o, m.span.start)).min()
        });
        let mut new_index = vec![usize::MAX; self.actors.len()];
        for (n, &a) in order.iter().enumerate() {
            new_index[a] = n;
        }
        let kb = &self.c.kb;
        let iso = |c: Option<usize>| c.map(|c| kb.countries[c].iso3.clone());
        let actors: Vec<Actor> = order
            .iter()
            .map(|&a| {
                let b = &self.actors[a];
                let mut mentions: Vec<(usize, Mention)> = b.mentions.clone();
                mentions.sort_by_key(|(o, m)| (*o, m.span.start));
                Actor {
                    name: b.name.clone(),
                    kind: b.kind,
                    country: iso(b.country),
                    sector: b.sector.clone(),
                    title: b.title.clone(),
                    kb_id: b.kb_id.clone(),
                    members: b.members.iter().map(|&m| new_index[m]).filter(|&m| m != usize::MAX).collect(),
                    mentions: mentions.into_iter().map(|(_, m)| m).collect(),
                }
            })
            .collect();
        let mut facts: Vec<OfficeFact> = Vec::new();
        for f in &self.facts {
            let b = &self.actors[f.actor];
            let z = &self.zones[f.zone];
            let bytes = z.bytes(&f.toks);
            let title = if f.title.former { format!("former {}", f.title.title) } else { f.title.title.clone() };
            let fact = OfficeFact {
                person: b.name.clone(),
                title,
                country: if f.title.igo { None } else { iso(f.title.country.or(b.country)) },
                sector: if f.title.former { Some("ELI".to_owned()) } else { f.title.sector.clone() },
                date: doc_day.map(str::to_owned),
                evidence: z.text.to_original(bytes),
            };
            if !facts.contains(&fact) {
                facts.push(fact);
            }
        }
        (actors, facts)
    }
}

/// Runs the analysis over `doc`, filling `doc.actors` and `doc.facts`.
pub(crate) fn analyse(c: &Compiled, doc: &mut Document) {
    let zones: Vec<ZoneData> = doc.zones().into_iter().map(|(z, t)| ZoneData::new(z, t, &c.lex)).collect();
    if zones.is_empty() {
        return;
    }
    let korea = zones.iter().any(|z| z.toks.stream.contains("korea"));
    let mut phrases = Vec::new();
    for (zi, z) in zones.iter().enumerate() {
        Parser { c, z, zi, korea, out: &mut phrases }.run();
    }
    let article = doc.article.as_ref();
    let published =
        doc.meta.published.clone().or_else(|| article.and_then(|a| a.published.as_ref().map(|p| p.0.clone())));
    let day = published.as_deref().and_then(|p| parse_iso(p, End::Start));
    let source = doc.meta.source.clone().or_else(|| article.and_then(|a| a.agency.clone()));
    let home = source.and_then(|s| c.agencies.get(&name_key(&s)).copied());
    let dateline = article
        .and_then(|a| a.dateline.as_ref())
        .and_then(|d| d.text.split(',').next().map(name_key))
        .and_then(|k| c.places.get(&k).copied());
    let dateline_span = article.and_then(|a| a.dateline.as_ref()).and_then(|d| d.span);
    let mut r = Resolver {
        c,
        zones: &zones,
        sentences: &doc.sentences,
        day,
        home,
        dateline,
        dateline_span,
        actors: Vec::new(),
        index: HashMap::new(),
        person_mentions: Vec::new(),
        named: Vec::new(),
        country_counts: HashMap::new(),
        facts: Vec::new(),
    };
    r.run(&phrases);
    let day_str = day.map(format_day);
    let (actors, facts) = r.finish(day_str.as_deref());
    doc.actors = actors;
    doc.facts = facts;
}
