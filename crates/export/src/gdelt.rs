//! A GDELT-style CSV: the 61 columns of GDELT 2.0's event table, in order,
//! one row per event (its first actor as Actor1, its first recipient as
//! Actor2).

use std::io::Write;

use attache_model::{KbEvent, ParticipantRecord};

use crate::codes::{cameo_base, cameo_root, fmt_score, numeric_id};
use crate::dates::{Day, date_range, timestamp_compact};
use crate::{Derived, ExportError};

const ACTOR: [&str; 10] = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
];
const GEO: [&str; 8] = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"];

/// The header row: GDELT 2.0's event table column names.
pub static GDELT_COLUMNS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut c: Vec<String> = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"].map(String::from).into();
    for a in ["Actor1", "Actor2"] {
        c.extend(ACTOR.iter().map(|f| format!("{a}{f}")));
    }
    c.extend(
        [
            "IsRootEvent",
            "EventCode",
            "EventBaseCode",
            "EventRootCode",
            "QuadClass",
            "GoldsteinScale",
            "NumMentions",
            "NumSources",
            "NumArticles",
            "AvgTone",
        ]
        .map(String::from),
    );
    for g in ["Actor1Geo_", "Actor2Geo_", "ActionGeo_"] {
        c.extend(GEO.iter().map(|f| format!("{g}{f}")));
    }
    c.extend(["DATEADDED", "SOURCEURL"].map(String::from));
    c
});

/// The ten actor columns of one participant (or ten empty ones).
fn actor(p: Option<&ParticipantRecord>, row: &mut Vec<String>) {
    let Some(p) = p else {
        row.extend(std::iter::repeat_n(String::new(), ACTOR.len()));
        return;
    };
    let code = format!("{}{}", p.country.as_deref().unwrap_or(""), p.sector.as_deref().unwrap_or(""));
    row.push(code);
    row.push(p.name.clone());
    row.push(p.country.clone().unwrap_or_default());
    row.extend(std::iter::repeat_n(String::new(), 4)); // known group, ethnic, religion 1 and 2
    row.push(p.sector.clone().unwrap_or_default());
    row.extend(std::iter::repeat_n(String::new(), 2)); // type 2 and 3
}

/// GDELT's `FractionDate`: the year plus (month × 30 + day) / 365, four decimals.
fn fraction_date(d: Day) -> String {
    format!("{:.4}", d.year as f64 + f64::from(d.month * 30 + d.day) / 365.0)
}

/// GDELT-style comma-separated values with a header row (GDELT's own files
/// are tab-separated without one); fields are quoted when they need it.
#[derive(Debug)]
pub struct GdeltWriter<W: Write> {
    out: csv::Writer<W>,
    row: Vec<String>,
}

impl<W: Write> GdeltWriter<W> {
    pub fn new(out: W) -> Result<Self, ExportError> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(GDELT_COLUMNS.iter())?;
        Ok(GdeltWriter { out, row: Vec::with_capacity(GDELT_COLUMNS.len()) })
    }

    pub fn write(&mut self, event: &KbEvent) -> Result<(), ExportError> {
        let d = Derived::new(event);
        let e = &event.event;
        let published = d.first_published();
        // The event's day, else the first report's publication day.
        let day = d.range.as_ref().map(|r| r.start).or_else(|| published.and_then(date_range).map(|r| r.start));
        let row = &mut self.row;
        row.clear();
        row.push(numeric_id(&event.id).to_string());
        match day {
            Some(day) => {
                let ymd = day.compact();
                row.push(ymd.clone());
                row.push(ymd[..6].to_owned());
                row.push(ymd[..4].to_owned());
                row.push(fraction_date(day));
            }
            None => row.extend(std::iter::repeat_n(String::new(), 4)),
        }
        actor(e.actor.first(), row);
        actor(e.recipient.first(), row);
        row.push(String::new()); // IsRootEvent: unknown
        let cameo = e.cameo.as_deref().unwrap_or("");
        row.push(cameo.to_owned());
        row.push(cameo_base(cameo).to_owned());
        row.push(cameo_root(cameo).to_owned());
        row.push(d.quad.map(|q| q.to_string()).unwrap_or_default());
        row.push(d.goldstein.map(fmt_score).unwrap_or_default());
        row.push(d.mentions.to_string());
        row.push(d.publishers().to_string());
        row.push(event.article_count().to_string());
        row.push(String::new()); // AvgTone: not computed
        // Actor geography: unknown.
        row.extend(std::iter::repeat_n(String::new(), 2 * GEO.len()));
        match &e.location {
            Some(place) => {
                row.push(String::new());
                row.push(place.name.clone());
                row.push(place.country.clone().unwrap_or_default());
                row.extend(std::iter::repeat_n(String::new(), GEO.len() - 3));
            }
            None => row.extend(std::iter::repeat_n(String::new(), GEO.len())),
        }
        row.push(published.and_then(timestamp_compact).unwrap_or_default());
        row.push(d.rep.and_then(|s| s.url.clone()).unwrap_or_default());
        debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
        self.out.write_record(row.iter())?;
        Ok(())
    }

    pub fn finish(self) -> Result<W, ExportError> {
        self.out.into_inner().map_err(|e| ExportError::Io(e.into_error()))
    }
}
