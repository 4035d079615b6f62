//! The knowledge base: countries, organisations, offices, titles and people with the
//! offices they held, read from the data files in `crates/actors/data/` (compiled in)
//! and, optionally, from PETRARCH `.actors` dictionaries ([`Kb::import_petrarch`]).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::date::{Day, End, parse_iso};
use crate::text::name_key;

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const ORGS: &str = include_str!("../data/orgs.tsv");
const OFFICES: &str = include_str!("../data/offices.tsv");
const TITLES: &str = include_str!("../data/titles.tsv");
const PEOPLE: &str = include_str!("../data/people.tsv");

/// Why knowledge-base data could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KbError {
    /// A line of a data file is malformed.
    #[error("{file}:{line}: {message}")]
    Data { file: String, line: usize, message: String },
    /// The text given to [`Kb::import_petrarch`] holds no actor entries.
    #[error("{source_name}: not a PETRARCH .actors dictionary: {message}")]
    NotADictionary { source_name: String, message: String },
}

/// A country or territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    pub name: String,
    /// Other names ("Republic of Korea", "ROK").
    pub aliases: Vec<String>,
    /// Adjectives ("South Korean").
    pub adjectives: Vec<String>,
    /// Its people ("South Koreans").
    pub plurals: Vec<String>,
    /// Capitals and seats of government that stand for the government ("Seoul", "Blue House").
    pub capitals: Vec<String>,
}

impl Country {
    /// The adjective used to name its organs ("South Korean"), else its name.
    pub fn adjective(&self) -> &str {
        self.adjectives.first().map_or(&self.name, String::as_str)
    }
}

/// What an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgKind {
    /// An international (intergovernmental) organisation.
    Igo,
    /// An organ of a state: ministry, agency, armed force, legislature, court.
    Body,
    Party,
    Media,
    /// A non-state armed group.
    Armed,
    Ngo,
    Company,
    /// A phrase that is not an actor ("Korean War", "South China Sea").
    Block,
}

impl OrgKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "igo" => Self::Igo,
            "body" => Self::Body,
            "party" => Self::Party,
            "media" => Self::Media,
            "armed" => Self::Armed,
            "ngo" => Self::Ngo,
            "company" => Self::Company,
            "block" => Self::Block,
            _ => return None,
        })
    }
}

/// The country of an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgCountry {
    /// International: no country.
    None,
    Fixed(String),
    /// A kind of organ every state has ("foreign ministry"): the text says whose.
    Generic,
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub id: String,
    pub kind: OrgKind,
    pub country: OrgCountry,
    pub sector: Option<String>,
    pub name: String,
    /// Every form it is written in, the name included.
    pub forms: Vec<String>,
}

/// The canonical title and sector of an office in a country (or everywhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    pub key: String,
    pub country: Option<String>,
    pub title: String,
    pub sector: String,
}

/// How the text names an office ("top diplomat" is the foreign minister).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleDef {
    /// The phrase as written in the data.
    pub phrase: String,
    pub office: String,
    /// The canonical title; `None` takes the office's title for the country.
    pub title: Option<String>,
    /// The sector; `None` takes the organisation's or the office's.
    pub sector: Option<String>,
    /// The country the title implies by itself ("Secretary of State": USA).
    pub country: Option<String>,
    /// A plural form ("vice ministers").
    pub plural: bool,
}

/// A term in an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenure {
    /// Office keys (the first is the office); empty for imported terms, which only say
    /// the sector.
    pub offices: Vec<String>,
    pub title: Option<String>,
    /// First day (inclusive); `None`: unknown, from the start.
    pub from: Option<Day>,
    /// Last day (exclusive); `None`: still held.
    pub to: Option<Day>,
    /// The international organisation or organ the office belongs to.
    pub org: Option<String>,
    /// The country the holder is coded with during the term (`None` for an
    /// international post).
    pub country: Option<String>,
    pub sector: Option<String>,
}

impl Tenure {
    pub fn active(&self, day: Day) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day < t)
    }
}

/// A person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// `person:choi-jong-kun`.
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    /// Sector when no term applies.
    pub sector: Option<String>,
    /// Other forms of the name; `true` when the form may stand alone in any article.
    pub forms: Vec<(String, bool)>,
    pub tenures: Vec<Tenure>,
    /// The normalised surname ("choi" for Choi Jong-kun, "sherman" for Wendy Sherman).
    pub surname: String,
    /// Where the entry came from (`builtin`, or the source given to an import).
    pub source: String,
}

/// What a person was on a day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonStatus {
    pub title: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    /// Office keys of the term that applies.
    pub offices: Vec<String>,
    pub org: Option<String>,
    /// In an office on that day.
    pub active: bool,
    /// Out of office after holding one ("former President").
    pub former: bool,
}

impl Person {
    /// What the person was on `day` (with no day: in the latest known term).
    pub fn status(&self, day: Option<Day>) -> PersonStatus {
        let base =
            PersonStatus { sector: self.sector.clone(), country: self.country.clone(), ..PersonStatus::default() };
        let from_tenure = |t: &Tenure, active: bool| PersonStatus {
            title: t.title.clone(),
            sector: t.sector.clone().or_else(|| self.sector.clone()),
            country: if t.org.is_some() || t.country.is_some() || t.sector.as_deref() == Some("IGO") {
                t.country.clone()
            } else {
                self.country.clone()
            },
            offices: t.offices.clone(),
            org: t.org.clone(),
            active,
            former: false,
        };
        let Some(day) = day else {
            return match self.tenures.iter().filter(|t| !t.offices.is_empty()).max_by_key(|t| t.from) {
                Some(t) => from_tenure(t, true),
                None => base,
            };
        };
        // Curated terms (with offices) first; imported ones only say the sector.
        let active: Vec<&Tenure> = self.tenures.iter().filter(|t| t.active(day)).collect();
        if let Some(t) = active
            .iter()
            .filter(|t| !t.offices.is_empty())
            .max_by_key(|t| t.from)
            .or_else(|| active.iter().find(|t| t.sector.as_deref() != Some("ELI")))
            .or_else(|| active.first())
        {
            let mut s = from_tenure(t, !t.offices.is_empty() || t.sector.as_deref() != Some("ELI"));
            if s.sector.as_deref() == Some("ELI") {
                s.active = false;
                s.former = true;
            }
            return s;
        }
        let past = self.tenures.iter().filter(|t| t.to.is_some_and(|e| e <= day)).max_by_key(|t| t.to);
        if let Some(t) = past {
            return PersonStatus {
                title: t.title.as_ref().map(|x| format!("former {x}")),
                sector: Some("ELI".to_owned()),
                country: self.country.clone().or_else(|| t.country.clone()),
                offices: t.offices.clone(),
                org: None,
                active: false,
                former: true,
            };
        }
        base
    }
}

/// Sizes of a knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KbStats {
    pub countries: usize,
    pub orgs: usize,
    pub offices: usize,
    pub titles: usize,
    pub people: usize,
    /// Terms in office held by those people.
    pub tenures: usize,
}

/// The knowledge base.
#[derive(Debug, Clone, Default)]
pub struct Kb {
    pub(crate) countries: Vec<Country>,
    pub(crate) country_index: HashMap<String, usize>,
    pub(crate) orgs: Vec<Org>,
    pub(crate) org_index: HashMap<String, usize>,
    pub(crate) offices: Vec<Office>,
    pub(crate) titles: Vec<TitleDef>,
    pub(crate) people: Vec<Person>,
    /// Normalised name forms → person.
    pub(crate) person_index: HashMap<String, usize>,
}

static BUILTIN: LazyLock<Kb> = LazyLock::new(|| {
    Kb::load(COUNTRIES, ORGS, OFFICES, TITLES, PEOPLE).expect("the built-in knowledge base data are valid")
});

fn field<'a>(fields: &[&'a str], i: usize) -> Option<&'a str> {
    fields.get(i).map(|s| s.trim()).filter(|s| !s.is_empty() && *s != "-")
}

fn list(s: Option<&str>) -> Vec<String> {
    s.map(|s| s.split('|').map(str::trim).filter(|x| !x.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
}

/// Lines of a data file that hold data, with their line numbers.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end_matches('\r'))).filter(|(_, l)| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// Whether a normalised token is a family name that comes first.
pub(crate) fn surname_first(tok: &str) -> bool {
    crate::words::has(tok, crate::words::SURNAME_FIRST)
}

/// The normalised surname of a full name: the first word of East Asian names, else the
/// last name unit (hyphenated parts together: "thomas greenfield").
pub(crate) fn surname_of(name: &str) -> String {
    let t = crate::text::tokenize(name);
    // Name units: words joined by hyphens form one unit.
    let mut units: Vec<Vec<usize>> = Vec::new();
    for (i, tok) in t.toks.iter().enumerate() {
        if tok.kind != crate::text::TokKind::Word {
            continue;
        }
        match units.last_mut() {
            Some(u) if tok.hyph => u.push(i),
            _ => units.push(vec![i]),
        }
    }
    let drop_suffix = |u: &&Vec<usize>| !matches!(t.norm(u[0]), "jr" | "sr" | "ii" | "iii" | "iv");
    let units: Vec<&Vec<usize>> = units.iter().filter(drop_suffix).collect();
    let Some(first) = units.first() else { return String::new() };
    let pick = if units.len() >= 2 && first.len() == 1 && surname_first(t.norm(first[0])) {
        first
    } else {
        units.last().unwrap_or(first)
    };
    pick.iter().map(|&i| t.norm(i)).collect::<Vec<_>>().join(" ")
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for w in name_key(s).split(' ') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(w.chars().filter(|c| c.is_alphanumeric()));
    }
    out
}

/// The plural of a title phrase ("vice ministers", "secretaries of state", "spokesmen").
fn pluralize(phrase: &str) -> Option<String> {
    if phrase.ends_with('.') || phrase.chars().all(|c| !c.is_lowercase()) {
        return None;
    }
    let words: Vec<&str> = phrase.split(' ').collect();
    let head = words.iter().position(|w| matches!(*w, "of" | "for" | "to")).map_or(words.len() - 1, |p| p.max(1) - 1);
    let w = words[head];
    let plural = if let Some(stem) = w.strip_suffix("man") {
        format!("{stem}men")
    } else if let Some(stem) = w.strip_suffix("woman") {
        format!("{stem}women")
    } else if w.ends_with("person") {
        format!("{w}s")
    } else if w.ends_with('y') && !w.ends_with("ey") && !w.ends_with("ay") && !w.ends_with("oy") {
        format!("{}ies", &w[..w.len() - 1])
    } else if w.ends_with('s') || w.ends_with('x') || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else {
        format!("{w}s")
    };
    let mut out: Vec<String> = words.iter().map(|s| (*s).to_owned()).collect();
    out[head] = plural;
    Some(out.join(" "))
}

impl Kb {
    /// The built-in knowledge base (the data files in `crates/actors/data/`), built once.
    pub fn builtin() -> &'static Kb {
        &BUILTIN
    }

    /// Builds a knowledge base from the texts of the five data files (formats in their
    /// header comments).
    pub fn load(countries: &str, orgs: &str, offices: &str, titles: &str, people: &str) -> Result<Kb, KbError> {
        let mut kb = Kb::default();
        kb.load_countries(countries)?;
        kb.load_orgs(orgs)?;
        kb.load_offices(offices)?;
        kb.load_titles(titles)?;
        kb.load_people(people, "builtin")?;
        Ok(kb)
    }

    fn err(file: &str, line: usize, message: impl Into<String>) -> KbError {
        KbError::Data { file: file.to_owned(), line, message: message.into() }
    }

    fn load_countries(&mut self, text: &str) -> Result<(), KbError> {
        for (n, line) in data_lines(text) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 6 {
                return Err(Self::err("countries.tsv", n, format!("expected 6 fields, found {}", f.len())));
            }
            let iso3 = f[0].trim();
            if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(Self::err("countries.tsv", n, format!("bad ISO3 code {iso3:?}")));
            }
            let name = field(&f, 1).ok_or_else(|| Self::err("countries.tsv", n, "no name"))?;
            self.add_country(Country {
                iso3: iso3.to_owned(),
                name: name.to_owned(),
                aliases: list(field(&f, 2)),
                adjectives: list(field(&f, 3)),
                plurals: list(field(&f, 4)),
                capitals: list(field(&f, 5)),
            });
        }
        Ok(())
    }

    pub(crate) fn add_country(&mut self, c: Country) -> usize {
        let i = self.countries.len();
        self.country_index.insert(c.iso3.clone(), i);
        self.countries.push(c);
        i
    }

    fn load_orgs(&mut self, text: &str) -> Result<(), KbError> {
        for (n, line) in data_lines(text) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 6 {
                return Err(Self::err("orgs.tsv", n, format!("expected 6 fields, found {}", f.len())));
            }
            let id = field(&f, 0).ok_or_else(|| Self::err("orgs.tsv", n, "no id"))?;
            let kind = OrgKind::parse(f[1].trim()).ok_or_else(|| Self::err("orgs.tsv", n, "bad kind"))?;
            let country = match f[2].trim() {
                "-" | "" => OrgCountry::None,
                "*" => OrgCountry::Generic,
                c if self.country_index.contains_key(c) => OrgCountry::Fixed(c.to_owned()),
                c => return Err(Self::err("orgs.tsv", n, format!("unknown country {c}"))),
            };
            let name = field(&f, 4).ok_or_else(|| Self::err("orgs.tsv", n, "no name"))?;
            let mut forms = vec![name.to_owned()];
            for form in list(field(&f, 5)) {
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
            if self.org_index.contains_key(id) {
                return Err(Self::err("orgs.tsv", n, format!("duplicate id {id}")));
            }
            self.add_org(Org {
                id: id.to_owned(),
                kind,
                country,
                sector: field(&f, 3).map(str::to_owned),
                name: name.to_owned(),
                forms,
            });
        }
        Ok(())
    }

    pub(crate) fn add_org(&mut self, o: Org) -> usize {
        let i = self.orgs.len();
        self.org_index.insert(o.id.clone(), i);
        self.orgs.push(o);
        i
    }

    fn load_offices(&mut self, text: &str) -> Result<(), KbError> {
        for (n, line) in data_lines(text) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 4 {
                return Err(Self::err("offices.tsv", n, format!("expected 4 fields, found {}", f.len())));
            }
            let key = field(&f, 0).ok_or_else(|| Self::err("offices.tsv", n, "no office"))?;
            let country = match f[1].trim() {
                "*" => None,
                c if self.country_index.contains_key(c) => Some(c.to_owned()),
                c => return Err(Self::err("offices.tsv", n, format!("unknown country {c}"))),
            };
            self.offices.push(Office {
                key: key.to_owned(),
                country,
                title: field(&f, 2).ok_or_else(|| Self::err("offices.tsv", n, "no title"))?.to_owned(),
                sector: field(&f, 3).ok_or_else(|| Self::err("offices.tsv", n, "no sector"))?.to_owned(),
            });
        }
        Ok(())
    }

    fn load_titles(&mut self, text: &str) -> Result<(), KbError> {
        for (n, line) in data_lines(text) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 5 {
                return Err(Self::err("titles.tsv", n, format!("expected 5 fields, found {}", f.len())));
            }
            let phrase = field(&f, 0).ok_or_else(|| Self::err("titles.tsv", n, "no phrase"))?;
            let office = field(&f, 1).ok_or_else(|| Self::err("titles.tsv", n, "no office"))?;
            if self.office(office, None).is_none() {
                return Err(Self::err("titles.tsv", n, format!("office {office} is not in offices.tsv")));
            }
            let country = field(&f, 4).map(str::to_owned);
            if let Some(c) = &country
                && !self.country_index.contains_key(c)
            {
                return Err(Self::err("titles.tsv", n, format!("unknown country {c}")));
            }
            let def = TitleDef {
                phrase: phrase.to_owned(),
                office: office.to_owned(),
                title: field(&f, 2).map(str::to_owned),
                sector: field(&f, 3).map(str::to_owned),
                country,
                plural: false,
            };
            if let Some(p) = pluralize(phrase) {
                self.titles.push(TitleDef { phrase: p, plural: true, ..def.clone() });
            }
            self.titles.push(def);
        }
        Ok(())
    }

    /// The office `key` in `country` (or its general form).
    pub fn office(&self, key: &str, country: Option<&str>) -> Option<&Office> {
        let specific =
            country.and_then(|c| self.offices.iter().find(|o| o.key == key && o.country.as_deref() == Some(c)));
        specific.or_else(|| self.offices.iter().find(|o| o.key == key && o.country.is_none()))
    }

    fn load_people(&mut self, text: &str, source: &str) -> Result<(), KbError> {
        let mut current: Option<usize> = None;
        for (n, line) in data_lines(text) {
            let f: Vec<&str> = line.split('\t').collect();
            if line.starts_with('\t') {
                let Some(p) = current else {
                    return Err(Self::err("people.tsv", n, "an office line before any person"));
                };
                if f.len() != 6 {
                    return Err(Self::err("people.tsv", n, format!("expected 6 fields, found {}", f.len())));
                }
                let offices = list(field(&f, 1));
                let Some(office) = offices.first() else {
                    return Err(Self::err("people.tsv", n, "no office"));
                };
                let org = field(&f, 5).map(str::to_owned);
                let org_def = match &org {
                    Some(id) => Some(
                        self.org_index
                            .get(id)
                            .map(|&i| self.orgs[i].clone())
                            .ok_or_else(|| Self::err("people.tsv", n, format!("unknown organisation {id}")))?,
                    ),
                    None => None,
                };
                let person_country = self.people[p].country.clone();
                let (country, org_sector) = match &org_def {
                    Some(o) => match &o.country {
                        OrgCountry::Fixed(c) => (Some(c.clone()), None),
                        _ if o.kind == OrgKind::Igo => (None, o.sector.clone()),
                        _ => (person_country.clone(), None),
                    },
                    None => (person_country.clone(), None),
                };
                let def = self
                    .office(office, country.as_deref())
                    .ok_or_else(|| Self::err("people.tsv", n, format!("office {office} is not in offices.tsv")))?;
                let title = field(&f, 2).map_or_else(|| def.title.clone(), str::to_owned);
                let sector = org_sector.unwrap_or_else(|| def.sector.clone());
                let from = match field(&f, 3) {
                    Some(d) => Some(
                        parse_iso(d, End::Start).ok_or_else(|| Self::err("people.tsv", n, format!("bad date {d}")))?,
                    ),
                    None => None,
                };
                let to = match field(&f, 4) {
                    Some(d) => Some(
                        parse_iso(d, End::End).ok_or_else(|| Self::err("people.tsv", n, format!("bad date {d}")))?,
                    ),
                    None => None,
                };
                if let (Some(a), Some(b)) = (from, to)
                    && b <= a
                {
                    return Err(Self::err("people.tsv", n, "the term ends before it starts"));
                }
                self.people[p].tenures.push(Tenure {
                    offices,
                    title: Some(title),
                    from,
                    to,
                    org,
                    country,
                    sector: Some(sector),
                });
                continue;
            }
            if f.len() != 4 {
                return Err(Self::err("people.tsv", n, format!("expected 4 fields, found {}", f.len())));
            }
            let name = field(&f, 0).ok_or_else(|| Self::err("people.tsv", n, "no name"))?;
            let country = field(&f, 1).map(str::to_owned);
            if let Some(c) = &country
                && !self.country_index.contains_key(c)
            {
                return Err(Self::err("people.tsv", n, format!("unknown country {c}")));
            }
            let forms = list(field(&f, 3))
                .into_iter()
                .map(|s| match s.strip_prefix('!') {
                    Some(s) => (s.to_owned(), true),
                    None => (s, false),
                })
                .collect();
            if self.person_index.contains_key(&name_key(name)) {
                return Err(Self::err("people.tsv", n, format!("{name} is listed twice")));
            }
            current = Some(self.add_person(Person {
                id: format!("person:{}", slug(name)),
                name: name.to_owned(),
                country,
                sector: field(&f, 2).map(str::to_owned),
                forms,
                tenures: Vec::new(),
                surname: surname_of(name),
                source: source.to_owned(),
            }));
        }
        Ok(())
    }

    pub(crate) fn add_person(&mut self, p: Person) -> usize {
        let i = self.people.len();
        self.person_index.entry(name_key(&p.name)).or_insert(i);
        for (form, _) in &p.forms {
            self.person_index.entry(name_key(form)).or_insert(i);
        }
        self.people.push(p);
        i
    }

    /// Sizes.
    pub fn stats(&self) -> KbStats {
        KbStats {
            countries: self.countries.len(),
            orgs: self.orgs.iter().filter(|o| o.kind != OrgKind::Block).count(),
            offices: self.offices.iter().map(|o| &o.key).collect::<HashSet<_>>().len(),
            titles: self.titles.iter().filter(|t| !t.plural).count(),
            people: self.people.len(),
            tenures: self.people.iter().map(|p| p.tenures.len()).sum(),
        }
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    pub fn orgs(&self) -> &[Org] {
        &self.orgs
    }

    pub fn titles(&self) -> &[TitleDef] {
        &self.titles
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// The country with ISO3 code `iso3`.
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.country_index.get(iso3).map(|&i| &self.countries[i])
    }

    /// The organisation with id `id`.
    pub fn org(&self, id: &str) -> Option<&Org> {
        self.org_index.get(id).map(|&i| &self.orgs[i])
    }

    /// The person named `name` (any of their forms, case and hyphens aside).
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.person_index.get(&name_key(name)).map(|&i| &self.people[i])
    }

    pub(crate) fn person_idx(&self, name: &str) -> Option<usize> {
        self.person_index.get(&name_key(name)).copied()
    }

    /// The people holding an office that `office` names (an office key: exactly, or by
    /// its words, "vice-minister" for "vice-foreign-minister") in `country` or for
    /// organisation `org` on `day`.
    pub fn holders(&self, office: &str, country: Option<&str>, org: Option<&str>, day: Day) -> Vec<&Person> {
        self.holder_indices(office, country, org, day).into_iter().map(|i| &self.people[i]).collect()
    }

    pub(crate) fn holder_indices(
        &self,
        office: &str,
        country: Option<&str>,
        org: Option<&str>,
        day: Day,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, p) in self.people.iter().enumerate() {
            let hit = p.tenures.iter().any(|t| {
                t.active(day)
                    && t.offices.iter().any(|k| office_compatible(office, k))
                    && match (country, org) {
                        (_, Some(o)) => {
                            t.org.as_deref() == Some(o)
                                || (t.org.is_none() && country.is_some() && t.country.as_deref() == country)
                        }
                        (Some(c), None) => t.country.as_deref() == Some(c),
                        (None, None) => false,
                    }
            });
            if hit {
                out.push(i);
            }
        }
        out
    }
}

/// Whether a role naming office `role` can refer to a holder of office `held`: the same
/// key, or the role's words all in the held office's with the same rank ("vice-minister"
/// for "vice-foreign-minister", "minister" for "foreign-minister" but not for a vice minister).
pub(crate) fn office_compatible(role: &str, held: &str) -> bool {
    if role == held {
        return true;
    }
    let sub = |k: &str| k.split('-').any(|w| matches!(w, "vice" | "deputy" | "under" | "assistant"));
    if sub(role) != sub(held) {
        return false;
    }
    let held_words: Vec<&str> = held.split('-').collect();
    role.split('-').all(|w| held_words.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads() {
        let kb = Kb::builtin();
        let s = kb.stats();
        assert!(s.countries > 190, "{s:?}");
        assert!(s.people > 200, "{s:?}");
        assert!(kb.country("PRK").is_some());
        assert_eq!(kb.person("Kim Jong-un").map(|p| p.name.as_str()), Some("Kim Jong Un"));
    }

    #[test]
    fn surnames() {
        assert_eq!(surname_of("Choi Jong-kun"), "choi");
        assert_eq!(surname_of("Kim Yo Jong"), "kim");
        assert_eq!(surname_of("Xi Jinping"), "xi");
        assert_eq!(surname_of("Wendy Sherman"), "sherman");
        assert_eq!(surname_of("Takeo Mori"), "mori");
        assert_eq!(surname_of("Linda Thomas-Greenfield"), "thomas greenfield");
        assert_eq!(surname_of("Ferdinand Marcos Jr."), "marcos");
    }

    #[test]
    fn plurals() {
        assert_eq!(pluralize("vice minister").as_deref(), Some("vice ministers"));
        assert_eq!(pluralize("secretary of state").as_deref(), Some("secretaries of state"));
        assert_eq!(pluralize("spokesman").as_deref(), Some("spokesmen"));
        assert_eq!(pluralize("Gen."), None);
    }

    #[test]
    fn offices_by_date() {
        let kb = Kb::builtin();
        let names =
            |d| kb.holders("foreign-minister", Some("USA"), None, d).iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(20160601), ["John Kerry"]);
        assert_eq!(names(20211117), ["Antony Blinken"]);
        let trump = kb.person("Donald Trump").expect("Trump");
        let st = trump.status(Some(20220119));
        assert_eq!((st.sector.as_deref(), st.title.as_deref()), (Some("ELI"), Some("former President")));
        let guterres = kb.person("Guterres").expect("Guterres").status(Some(20200101));
        assert_eq!((guterres.country, guterres.sector.as_deref()), (None, Some("IGO")));
        assert!(office_compatible("vice-minister", "vice-foreign-minister"));
        assert!(!office_compatible("minister", "vice-foreign-minister"));
        assert!(office_compatible("minister", "foreign-minister"));
    }
}
