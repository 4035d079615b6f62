//! Import of PETRARCH / TABARI `.actors` dictionaries (the Phoenix files).
//!
//! The format: an entry is a phrase line (`BARACK_OBAMA`, words joined by `_`), with
//! optional codes in brackets on the same line (`UN_ [IGOUNO]`), followed by synonym
//! lines starting with `+` and restriction lines starting with white space
//! (`\t[USAGOV >090120]`, `\t[USAELI 640101-010120]`, `\t[KORELI]`). Dates are `YYMMDD`
//! or `YYYYMMDD`; `<d` applies before d, `>d` after, `a-b` between (inclusive).
//! Comments start with `#` or `;`; `<!-- ... -->` blocks are comments too.
//!
//! CAMEO codes are read as a country (the first three letters: `USA`, `PRK`) and a
//! sector (the first known three-letter part after it: `GOV`, `MIL`, `ELI`, ...), or an
//! international code (`IGO...`, `NGO`, `IMG...`, `MNC`).

use std::collections::HashSet;

use crate::date::{Day, parse_tabari};
use crate::kb::{Country, Kb, KbError, Org, OrgCountry, OrgKind, Person, Tenure, surname_of};
use crate::text::name_key;

/// What an import added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The name given by the caller (a file name).
    pub source: String,
    /// Entries read (phrase lines).
    pub entries: usize,
    /// People added.
    pub people: usize,
    /// Entries that named people already known (their forms were added).
    pub people_merged: usize,
    /// Countries added (codes the knowledge base did not have).
    pub countries: usize,
    /// Names added to countries already known.
    pub country_forms: usize,
    /// Organisations and groups added.
    pub orgs: usize,
    /// Entries left out: no usable code, or a role phrase ("AMERICAN_VICE_PRESIDENT").
    pub skipped: usize,
    /// Problems with single lines (at most 20 kept; `warning_count` has them all).
    pub warnings: Vec<String>,
    pub warning_count: usize,
}

impl ImportReport {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warning_count += 1;
        if self.warnings.len() < 20 {
            self.warnings.push(format!("{}:{line}: {}", self.source, message.into()));
        }
    }
}

/// A code with the dates it applies between (`to` exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Code {
    code: String,
    from: Option<Day>,
    to: Option<Day>,
    dated: bool,
}

#[derive(Debug, Default)]
struct Entry {
    line: usize,
    phrases: Vec<String>,
    codes: Vec<Code>,
}

/// What a CAMEO code says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cameo {
    pub country: Option<String>,
    pub sector: Option<String>,
    pub kind: CameoKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CameoKind {
    /// A bare country code.
    Country,
    /// A country and a sector.
    Domestic,
    Igo,
    Ngo,
    Armed,
    Company,
    /// Just a sector (`[ELI]`).
    Sector,
}

/// PLOVER sector of a CAMEO sector code.
fn sector_of(part: &str) -> Option<&'static str> {
    Some(match part {
        "GOV" => "GOV",
        "MIL" => "MIL",
        "COP" => "COP",
        "JUD" => "JUD",
        "LEG" => "LEG",
        "PTY" => "PTY",
        "REB" | "INS" | "SEP" | "IMG" => "REB",
        "SPY" => "SPY",
        "BUS" | "MNC" => "BUS",
        "CVL" => "CVL",
        "ELI" => "ELI",
        "MED" => "JRN",
        "HLH" => "MED",
        "EDU" => "EDU",
        "LAB" => "LAB",
        "REF" => "REF",
        "OPP" => "OPP",
        "REL" => "REL",
        "AGR" => "AGR",
        "CRM" => "CRM",
        "UAF" => "UAF",
        "HRI" | "ENV" | "NGO" | "NGM" => "SOC",
        "IGO" => "IGO",
        _ => return None,
    })
}

/// Reads a CAMEO actor code (`USAGOV`, `KORMIL`, `PRKGOV`, `IGOUNO`, `IMGMUSALQ`, `AFG`).
pub(crate) fn parse_cameo(code: &str) -> Option<Cameo> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let prefix = &code[..3];
    let rest: Vec<&str> = (3..code.len()).step_by(3).filter_map(|i| code.get(i..(i + 3).min(code.len()))).collect();
    let first_sector = || rest.iter().find_map(|p| sector_of(p)).map(str::to_owned);
    Some(match prefix {
        "IGO" => Cameo { country: None, sector: Some("IGO".to_owned()), kind: CameoKind::Igo },
        "NGO" | "NGM" => Cameo { country: None, sector: Some("SOC".to_owned()), kind: CameoKind::Ngo },
        "IMG" => Cameo { country: None, sector: Some("REB".to_owned()), kind: CameoKind::Armed },
        "MNC" => Cameo { country: None, sector: Some("BUS".to_owned()), kind: CameoKind::Company },
        p if rest.is_empty() && sector_of(p).is_some() => {
            Cameo { country: None, sector: sector_of(p).map(str::to_owned), kind: CameoKind::Sector }
        }
        p if p.bytes().all(|b| b.is_ascii_uppercase()) => {
            if rest.is_empty() {
                Cameo { country: Some(p.to_owned()), sector: None, kind: CameoKind::Country }
            } else {
                let sector = first_sector();
                let kind = match sector.as_deref() {
                    Some("REB") => CameoKind::Armed,
                    Some("BUS") => CameoKind::Company,
                    _ => CameoKind::Domestic,
                };
                Cameo { country: Some(p.to_owned()), sector, kind }
            }
        }
        _ => return None,
    })
}

/// "BARACK_OBAMA_" → "Barack Obama", "BAN_KI-MOON" → "Ban Ki-moon", "U.N._" → "U.N.".
fn phrase_text(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| if c == '_' { ' ' } else { c })
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '.' | '`' | '&'))
        .collect();
    let mut out = Vec::new();
    for word in cleaned.split_whitespace() {
        let roman = matches!(word, "II" | "III" | "IV" | "VI" | "VII" | "VIII");
        if roman || (word.contains('.') && word.len() <= 6) {
            out.push(word.to_owned());
            continue;
        }
        let mut w = String::with_capacity(word.len());
        let mut start = true;
        for c in word.chars() {
            if start {
                w.extend(c.to_uppercase());
            } else {
                w.extend(c.to_lowercase());
            }
            start = c == '\'' && w.len() <= 2;
        }
        out.push(w);
    }
    out.join(" ")
}

const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "dr", "sir", "lord", "lady", "sheikh", "gen", "col"];

const ORG_WORDS: &[&str] = &[
    "ministry",
    "party",
    "army",
    "forces",
    "force",
    "council",
    "committee",
    "organization",
    "organisation",
    "agency",
    "bank",
    "union",
    "front",
    "movement",
    "brigade",
    "brigades",
    "group",
    "association",
    "commission",
    "court",
    "university",
    "government",
    "police",
    "navy",
    "guard",
    "guards",
    "corps",
    "league",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "institute",
    "foundation",
    "fund",
    "program",
    "programme",
    "office",
    "department",
    "service",
    "services",
    "authority",
    "tribunal",
    "panel",
    "mission",
    "center",
    "centre",
    "network",
    "coalition",
    "alliance",
    "regime",
    "administration",
    "troops",
    "soldiers",
    "rebels",
    "militants",
    "people",
    "citizens",
    "company",
    "corporation",
    "inc",
    "ltd",
    "news",
    "times",
    "radio",
    "television",
    "tv",
    "press",
    "airlines",
    "state",
    "states",
    "republic",
    "kingdom",
    "federation",
    "national",
    "international",
    "islamic",
    "liberation",
    "revolutionary",
    "communist",
    "democratic",
    "socialist",
    "workers",
    "students",
    "forum",
    "society",
    "bureau",
    "secretariat",
    "staff",
    "command",
    "division",
    "battalion",
    "regiment",
    "unit",
    "initiative",
    "conference",
    "summit",
    "club",
    "world",
    "global",
    "unicef",
    "the",
    "of",
    "and",
    "for",
];

impl Kb {
    /// Imports a PETRARCH/TABARI `.actors` dictionary (its text; the caller reads the
    /// file): people with their dated roles, countries' other names, organisations.
    /// People already in the knowledge base keep their curated terms and gain the
    /// dictionary's name forms. `source` names the input in the report and in warnings.
    pub fn import_petrarch(&mut self, text: &str, source: &str) -> Result<ImportReport, KbError> {
        let mut report = ImportReport { source: source.to_owned(), ..ImportReport::default() };
        if text.contains('\0') {
            return Err(KbError::NotADictionary { source_name: source.to_owned(), message: "binary data".to_owned() });
        }
        let entries = read_entries(text, &mut report);
        if entries.is_empty() {
            return Err(KbError::NotADictionary {
                source_name: source.to_owned(),
                message: "no actor entries found".to_owned(),
            });
        }
        // Words of titles ("president", "ambassador") and of organisations ("party").
        let mut titles: HashSet<String> = HashSet::new();
        for t in &self.titles {
            for w in name_key(&t.phrase).split(' ') {
                if !matches!(w, "of" | "the" | "for" | "to" | "and" | "a") {
                    titles.insert(w.to_owned());
                }
            }
        }
        let mut vocab = titles.clone();
        for w in ORG_WORDS {
            vocab.insert((*w).to_owned());
        }
        let vocab = (titles, vocab);
        report.entries = entries.len();
        for e in entries {
            self.import_entry(e, &vocab, &mut report);
        }
        Ok(report)
    }

    fn import_entry(&mut self, e: Entry, vocab: &(HashSet<String>, HashSet<String>), report: &mut ImportReport) {
        let (titles, vocab) = vocab;
        let parsed: Vec<(Code, Cameo)> =
            e.codes.iter().filter_map(|c| parse_cameo(&c.code).map(|p| (c.clone(), p))).collect();
        if parsed.is_empty() || e.phrases.is_empty() {
            report.skipped += 1;
            return;
        }
        let phrases: Vec<String> = e.phrases.iter().map(|p| phrase_text(p)).filter(|p| !p.is_empty()).collect();
        let Some(primary) = phrases.first().cloned() else {
            report.skipped += 1;
            return;
        };
        // A country and its other names.
        if parsed.iter().all(|(c, p)| p.kind == CameoKind::Country && !c.dated)
            && let Some(iso) = parsed[0].1.country.clone()
        {
            match self.country_index.get(&iso).copied() {
                Some(ci) => {
                    let known: HashSet<String> = {
                        let c = &self.countries[ci];
                        std::iter::once(&c.name)
                            .chain(&c.aliases)
                            .chain(&c.adjectives)
                            .chain(&c.plurals)
                            .chain(&c.capitals)
                            .map(|s| name_key(s))
                            .collect()
                    };
                    for p in &phrases {
                        if !known.contains(&name_key(p)) {
                            self.countries[ci].aliases.push(p.clone());
                            report.country_forms += 1;
                        }
                    }
                }
                None => {
                    self.add_country(Country {
                        iso3: iso,
                        name: primary.clone(),
                        aliases: phrases[1..].to_vec(),
                        adjectives: Vec::new(),
                        plurals: Vec::new(),
                        capitals: Vec::new(),
                    });
                    report.countries += 1;
                }
            }
            return;
        }
        // A person's name: two to five words none of which is a title or an
        // organisation word, or one word after a title ("AMBASSADOR_TRENTINO_").
        let as_name = |p: &str| -> Option<String> {
            let words: Vec<&str> = p.split_whitespace().collect();
            let is_vocab = |w: &str| {
                let k = name_key(w);
                !k.is_empty() && k.split(' ').all(|x| vocab.contains(x) || HONORIFICS.contains(&x))
            };
            let is_title = |w: &str| {
                let k = name_key(w);
                !k.is_empty() && k.split(' ').all(|x| titles.contains(x) || HONORIFICS.contains(&x))
            };
            let lead = words.iter().take_while(|w| is_title(w)).count();
            let rest = &words[lead..];
            let plain = rest.iter().all(|w| !is_vocab(w) && !w.chars().all(|c| c.is_ascii_digit() || c == '.'));
            let ok = plain && if lead == 0 { (2..=5).contains(&rest.len()) } else { (1..=5).contains(&rest.len()) };
            ok.then(|| rest.join(" "))
        };
        // An undated business or media code names a company or an outlet ("THOMSON_REUTERS").
        let undated_company = !parsed.iter().any(|(c, _)| c.dated)
            && parsed.iter().any(|(_, p)| matches!(p.sector.as_deref(), Some("BUS" | "JRN")));
        let person_name = if undated_company { None } else { phrases.iter().find_map(|p| as_name(p)) };
        let default = parsed.iter().find(|(c, _)| !c.dated).map(|(_, p)| p.clone());
        if let Some(name) = person_name {
            let country_code = default
                .as_ref()
                .and_then(|d| d.country.clone())
                .or_else(|| parsed.iter().rev().find_map(|(_, p)| p.country.clone()))
                .filter(|c| self.country_index.contains_key(c));
            let tenures: Vec<Tenure> = parsed
                .iter()
                .filter(|(c, _)| c.dated)
                .map(|(c, p)| Tenure {
                    offices: Vec::new(),
                    title: None,
                    from: c.from,
                    to: c.to,
                    org: None,
                    country: p.country.clone().filter(|c| self.country_index.contains_key(c)),
                    sector: p.sector.clone(),
                })
                .collect();
            // Forms with a title or an organisation word ("PRESIDENT_OBAMA_",
            // "THE_OBAMA_ADMINISTRATION") are left to the patterns of the stage, which
            // also read the title and the administration.
            let has_vocab = |p: &str| name_key(p).split(' ').any(|w| vocab.contains(w));
            let forms: Vec<(String, bool)> =
                phrases.iter().filter(|p| **p != name && !has_vocab(p)).map(|p| (p.clone(), true)).collect();
            if let Some(pi) = self.person_idx(&name) {
                let curated = self.people[pi].tenures.iter().any(|t| !t.offices.is_empty());
                for (f, s) in forms {
                    let key = name_key(&f);
                    if let std::collections::hash_map::Entry::Vacant(v) = self.person_index.entry(key) {
                        v.insert(pi);
                        self.people[pi].forms.push((f, s));
                    }
                }
                if !curated {
                    self.people[pi].tenures.extend(tenures);
                }
                report.people_merged += 1;
                return;
            }
            let slug: String = name_key(&name).replace(' ', "-");
            self.add_person(Person {
                id: format!("person:{slug}"),
                name: name.clone(),
                country: country_code,
                sector: default.and_then(|d| d.sector),
                forms,
                tenures,
                surname: surname_of(&name),
                source: report.source.clone(),
            });
            report.people += 1;
            return;
        }
        // An organisation or group, unless it only names a role ("AMERICAN_VICE_PRESIDENT").
        let first = default.unwrap_or_else(|| parsed[0].1.clone());
        let title_words: HashSet<String> = self
            .titles
            .iter()
            .flat_map(|t| name_key(&t.phrase).split(' ').map(str::to_owned).collect::<Vec<_>>())
            .collect();
        let role_only = phrases.iter().all(|p| name_key(p).split(' ').any(|w| title_words.contains(w)));
        if role_only || first.kind == CameoKind::Sector {
            report.skipped += 1;
            return;
        }
        let kind = match first.kind {
            CameoKind::Igo => OrgKind::Igo,
            CameoKind::Ngo => OrgKind::Ngo,
            CameoKind::Armed => OrgKind::Armed,
            CameoKind::Company => OrgKind::Company,
            _ => match first.sector.as_deref() {
                Some("PTY") => OrgKind::Party,
                Some("JRN") => OrgKind::Media,
                _ => OrgKind::Body,
            },
        };
        let country = match &first.country {
            Some(c) if self.country_index.contains_key(c) => OrgCountry::Fixed(c.clone()),
            _ => OrgCountry::None,
        };
        let id = format!("{}:{}", report.source, name_key(&primary).replace(' ', "-"));
        if self.org_index.contains_key(&id) {
            report.skipped += 1;
            return;
        }
        self.add_org(Org { id, kind, country, sector: first.sector.clone(), name: primary, forms: phrases });
        report.orgs += 1;
    }
}

/// Splits the text into entries.
fn read_entries(text: &str, report: &mut ImportReport) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let mut line = raw.trim_end_matches('\r');
        if in_comment {
            match line.find("-->") {
                Some(p) => {
                    in_comment = false;
                    line = &line[p + 3..];
                }
                None => continue,
            }
        }
        if let Some(p) = line.find("<!--") {
            match line[p..].find("-->") {
                Some(_) => continue,
                None => {
                    in_comment = true;
                    line = &line[..p];
                }
            }
        }
        let content = match line.find(['#', ';']) {
            Some(p) => &line[..p],
            None => line,
        };
        if content.trim().is_empty() {
            continue;
        }
        let indented = content.starts_with([' ', '\t']);
        let trimmed = content.trim();
        let (phrase_part, codes) = split_codes(trimmed, line_no, report);
        if let Some(rest) = trimmed.strip_prefix('+') {
            let (syn, codes) = split_codes(rest, line_no, report);
            match out.last_mut() {
                Some(e) => {
                    if !syn.trim().is_empty() {
                        e.phrases.push(syn.trim().to_owned());
                    }
                    e.codes.extend(codes);
                }
                None => report.warn(line_no, "a synonym before any entry"),
            }
            continue;
        }
        if indented && phrase_part.trim().is_empty() || trimmed.starts_with('[') {
            match out.last_mut() {
                Some(e) => e.codes.extend(codes),
                None => report.warn(line_no, "a code line before any entry"),
            }
            continue;
        }
        out.push(Entry { line: line_no, phrases: vec![phrase_part.trim().to_owned()], codes });
    }
    out.retain(|e| !e.phrases.iter().all(String::is_empty) || e.line == 0);
    out
}

/// The text before the first `[`, and the codes in brackets.
fn split_codes(s: &str, line: usize, report: &mut ImportReport) -> (String, Vec<Code>) {
    let phrase = s.split('[').next().unwrap_or("").to_owned();
    let mut codes = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            report.warn(line, "an unclosed '['");
            break;
        };
        let inner = rest[open + 1..close].trim();
        rest = &rest[close + 1..];
        let mut parts = inner.split_whitespace();
        let Some(code) = parts.next() else { continue };
        let restriction: String = parts.collect::<Vec<_>>().join("");
        let (from, to, dated) = if restriction.is_empty() {
            (None, None, false)
        } else if let Some(d) = restriction.strip_prefix('<') {
            match parse_tabari(d) {
                Some(d) => (None, Some(d + 1), true),
                None => {
                    report.warn(line, format!("bad date {d:?}"));
                    continue;
                }
            }
        } else if let Some(d) = restriction.strip_prefix('>') {
            match parse_tabari(d) {
                Some(d) => (Some(d), None, true),
                None => {
                    report.warn(line, format!("bad date {d:?}"));
                    continue;
                }
            }
        } else if let Some((a, b)) = restriction.split_once('-') {
            match (parse_tabari(a), parse_tabari(b)) {
                (Some(a), Some(b)) => (Some(a), Some(b + 1), true),
                _ => {
                    report.warn(line, format!("bad date range {restriction:?}"));
                    continue;
                }
            }
        } else {
            report.warn(line, format!("bad restriction {restriction:?}"));
            continue;
        };
        codes.push(Code { code: code.to_owned(), from, to, dated });
    }
    (phrase, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes() {
        let c = parse_cameo("USAGOV").expect("code");
        assert_eq!((c.country.as_deref(), c.sector.as_deref()), (Some("USA"), Some("GOV")));
        let c = parse_cameo("KORGOVBUS").expect("code");
        assert_eq!(c.sector.as_deref(), Some("GOV"));
        let c = parse_cameo("IGOUNOIAE").expect("code");
        assert_eq!((c.country, c.sector.as_deref(), c.kind), (None, Some("IGO"), CameoKind::Igo));
        assert_eq!(parse_cameo("AFG").map(|c| c.kind), Some(CameoKind::Country));
        assert_eq!(parse_cameo("ELI").map(|c| c.kind), Some(CameoKind::Sector));
        assert_eq!(parse_cameo("---"), None);
        assert_eq!(parse_cameo("USAMED").and_then(|c| c.sector).as_deref(), Some("JRN"));
    }

    #[test]
    fn phrases() {
        assert_eq!(phrase_text("BARACK_OBAMA_"), "Barack Obama");
        assert_eq!(phrase_text("BAN_KI-MOON"), "Ban Ki-moon");
        assert_eq!(phrase_text("U.N._"), "U.N.");
        assert_eq!(phrase_text("D'ARTAGNAN"), "D'Artagnan");
    }
}
