//! Sentence suites for the event coder: the PETRARCH validation records
//! (`PETR.UnitTest.records.xml`: sentences with their expected CAMEO events,
//! source and target codes, or none) and the PLOVER example records
//! (`PLOVER_GSR_CAMEO.txt`: sentences with a PLOVER type and source/target
//! countries). Each record is scored as PETRARCH reports its validation: it
//! passes when one coded event has the expected type, actor and recipient, and
//! a record that must code nothing passes when nothing is coded. Pure: the
//! caller reads the files and runs the coder.

use std::collections::BTreeMap;

use regex::Regex;

/// One expected event: PLOVER type and actor codes (`GON`, `DAGGOV`, `USA`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub event: String,
    pub cameo: Option<String>,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
}

/// One sentence of a suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: String,
    pub category: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub text: String,
    /// Empty: the sentence must code nothing.
    pub expected: Vec<Expected>,
}

/// One coded event, as the suite compares it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coded {
    pub event: String,
    /// (country code, sector) of each actor and recipient.
    pub actors: Vec<(Option<String>, Option<String>)>,
    pub recipients: Vec<(Option<String>, Option<String>)>,
}

/// CAMEO code -> PLOVER type, from `CAMEO2PLOVER-2021.txt` (`064: CONSULT, ...`).
pub fn cameo_to_plover(table: &str) -> BTreeMap<String, String> {
    table
        .lines()
        .filter_map(|l| {
            let l = l.split('#').next()?.trim();
            let (code, rest) = l.split_once(':')?;
            let event = rest.split(',').next()?.trim();
            (!code.trim().is_empty() && !event.is_empty()).then(|| (code.trim().to_owned(), event.to_owned()))
        })
        .collect()
}

/// The PLOVER type of a CAMEO code: its own entry, else its parent's.
pub fn plover_of(map: &BTreeMap<String, String>, cameo: &str) -> Option<String> {
    let mut c = cameo.trim().to_owned();
    while !c.is_empty() {
        if let Some(e) = map.get(&c) {
            return Some(e.clone());
        }
        c.pop();
    }
    None
}

fn attrs(tag: &str) -> BTreeMap<String, String> {
    #[allow(clippy::unwrap_used)] // a constant pattern
    let re = Regex::new(r#"(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).unwrap();
    re.captures_iter(tag)
        .map(|c| (c[1].to_owned(), c.get(2).or(c.get(3)).map_or("", |m| m.as_str()).to_owned()))
        .collect()
}

/// The records of a PETRARCH validation file. Records whose expected coding is
/// an `error` (the parser is meant to reject them) are left out.
pub fn read_petrarch(xml: &str, cameo: &BTreeMap<String, String>) -> Vec<Case> {
    #[allow(clippy::unwrap_used)] // constant patterns
    let (sent_re, code_re, text_re) = (
        Regex::new(r"(?s)<Sentence\b([^>]*)>(.*?)</Sentence>").unwrap(),
        Regex::new(r"<EventCoding\b([^>]*)>").unwrap(),
        Regex::new(r"(?s)<Text>(.*?)</Text>").unwrap(),
    );
    let mut out = Vec::new();
    for s in sent_re.captures_iter(xml) {
        let a = attrs(&s[1]);
        let body = &s[2];
        let Some(text) = text_re.captures(body).map(|t| t[1].split_whitespace().collect::<Vec<_>>().join(" ")) else {
            continue;
        };
        let mut expected = Vec::new();
        let mut error = false;
        for c in code_re.captures_iter(body) {
            let e = attrs(&c[1]);
            if e.contains_key("error") {
                error = true;
            }
            if let (Some(src), Some(tgt), Some(code)) = (e.get("sourcecode"), e.get("targetcode"), e.get("eventcode")) {
                let event = plover_of(cameo, code).unwrap_or_else(|| format!("CAMEO {code}"));
                expected.push(Expected {
                    event,
                    cameo: Some(code.clone()),
                    sources: vec![src.clone()],
                    targets: vec![tgt.clone()],
                });
            }
        }
        if error {
            continue;
        }
        let date = a.get("date").map_or_else(String::new, |d| {
            if d.len() == 8 { format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]) } else { d.clone() }
        });
        out.push(Case {
            id: a.get("id").cloned().unwrap_or_default(),
            category: a.get("category").cloned().unwrap_or_default(),
            date,
            text,
            expected,
        });
    }
    out
}

/// The records of the PLOVER examples file (a JSON array); the category is
/// the expected type. The `DOCUMENT` record is left out.
pub fn read_plover(json: &str) -> Result<Vec<Case>, serde_json::Error> {
    let v: Vec<serde_json::Value> = serde_json::from_str(json)?;
    let codes = |x: &serde_json::Value| -> Vec<String> {
        x.as_array()
            .map(|a| a.iter().filter_map(|p| p["code"].as_str().map(str::to_owned)).filter(|c| !c.is_empty()).collect())
            .unwrap_or_default()
    };
    Ok(v.iter()
        .filter(|r| r["event"].as_str().is_some_and(|e| e != "DOCUMENT") && r["text"].is_string())
        .map(|r| {
            let event = r["event"].as_str().unwrap_or_default().to_owned();
            Case {
                id: r["id"].as_str().unwrap_or_default().to_owned(),
                category: event.clone(),
                date: r["date"].as_str().unwrap_or("2000-01-01").to_owned(),
                text: r["text"].as_str().unwrap_or_default().to_owned(),
                expected: vec![Expected {
                    event,
                    cameo: None,
                    sources: codes(&r["source"]),
                    targets: codes(&r["target"]),
                }],
            }
        })
        .collect())
}

/// Does a coded participant match an expected code? The code's first three
/// letters are a country (or `---` for none); what follows, a sector.
fn matches(code: &str, p: &(Option<String>, Option<String>)) -> bool {
    // International and non-state actors are coded by their sector ("IGO", "NGO").
    if p.0.is_none() && p.1.as_deref().is_some_and(|s| code.starts_with(s)) {
        return true;
    }
    let (country, rest) = code.split_at(code.len().min(3));
    let country_ok = country == "---" || p.0.as_deref() == Some(country);
    let sector_ok = rest.is_empty() || country != "---" || p.1.as_deref().is_some_and(|s| rest.starts_with(s));
    country_ok && sector_ok
}

fn side_ok(expected: &[String], coded: &[(Option<String>, Option<String>)]) -> bool {
    let expected: Vec<&String> = expected.iter().filter(|c| !c.is_empty() && c.as_str() != "---").collect();
    expected.is_empty() || expected.iter().any(|c| coded.iter().any(|p| matches(c, p)))
}

/// How one case went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Type, actor and recipient right (or nothing coded when nothing should be).
    pub pass: bool,
    /// An event of the expected type was coded (or none, when none should be).
    pub type_right: bool,
}

/// Scores a case against what was coded for it.
pub fn judge(case: &Case, coded: &[Coded]) -> Outcome {
    if case.expected.is_empty() {
        return Outcome { pass: coded.is_empty(), type_right: coded.is_empty() };
    }
    let type_right = case.expected.iter().any(|e| coded.iter().any(|c| c.event == e.event));
    let pass = case.expected.iter().any(|e| {
        coded.iter().any(|c| c.event == e.event && side_ok(&e.sources, &c.actors) && side_ok(&e.targets, &c.recipients))
    });
    Outcome { pass, type_right }
}

/// Pass and type counts per category.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub records: usize,
    pub pass: usize,
    pub type_right: usize,
}

/// Tallies per category, and over all (`""`).
pub fn tally(cases: &[Case], outcomes: &[Outcome]) -> BTreeMap<String, Tally> {
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for (c, o) in cases.iter().zip(outcomes) {
        for key in [c.category.clone(), String::new()] {
            let t = out.entry(key).or_default();
            t.records += 1;
            t.pass += usize::from(o.pass);
            t.type_right += usize::from(o.type_right);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_and_judges() {
        let cameo = cameo_to_plover("036: CONSULT,  , diplomatic # x\n04: CONSULT\n11: DISAPPROVE\n");
        assert_eq!(plover_of(&cameo, "0361").as_deref(), Some("CONSULT"));
        let xml = r#"<Sentence date="19950101" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode='GONGOV' eventcode="036"></EventCoding>
<Text>
Arnor wants to meet
Gondor.
</Text></Sentence>
<Sentence date = "19950102" id ="T-2" category="DEMO" sentence="true">
<EventCoding noevents = "true"></EventCoding><Text>Nothing here.</Text></Sentence>"#;
        let cases = read_petrarch(xml, &cameo);
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].text, "Arnor wants to meet Gondor.");
        assert_eq!(cases[0].date, "1995-01-01");
        assert_eq!(cases[0].expected[0].event, "CONSULT");
        assert!(cases[1].expected.is_empty());
        let p = |c: &str| (Some(c.to_owned()), Some("GOV".to_owned()));
        let right = Coded { event: "CONSULT".into(), actors: vec![p("ARN")], recipients: vec![p("GON")] };
        assert_eq!(judge(&cases[0], std::slice::from_ref(&right)), Outcome { pass: true, type_right: true });
        let swapped = Coded { event: "CONSULT".into(), actors: vec![p("GON")], recipients: vec![p("ARN")] };
        assert_eq!(judge(&cases[0], &[swapped]), Outcome { pass: false, type_right: true });
        assert_eq!(judge(&cases[1], &[right]), Outcome { pass: false, type_right: false });
        assert!(judge(&cases[1], &[]).pass);
    }
}
