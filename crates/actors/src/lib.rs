//! Actors: who is named in an article, as people, governments, organisations, countries
//! and groups, each once with every mention, coded with an ISO 3166-1 alpha-3 country,
//! a PLOVER sector and a canonical title.
//!
//! The [`ActorTagger`] stage reads the title, captions and body of a cleaned article
//! (`Document::zones`) and fills `Document::actors` and `Document::facts` (person-office
//! facts read from appositions such as "Kim Yo Jong, vice department director of the WPK
//! Central Committee"). It recognises:
//!
//! - people with titles and affiliations ("South Korea's First Vice Foreign Minister
//!   Choi Jong-kun", "department spokesman Ned Price", "their Japanese counterpart,
//!   Takeo Mori", "former US President Donald Trump"), including people the knowledge
//!   base does not know, their country read from the adjective or possessive;
//! - governments and their organs ("Seoul's foreign ministry", "the State Department",
//!   "the Joe Biden administration"), international organisations ("the UN Security
//!   Council"), countries, demonyms ("six North Koreans"), capitals standing for
//!   governments ("Pyongyang test-fired": a [`MentionKind::Metonym`](attache_model::MentionKind));
//! - references within the article: surnames ("Choi"), roles ("the vice minister",
//!   "his US counterpart"), groups ("the vice ministers", "the allies", "the two sides"),
//!   "the North".
//!
//! Known people and roles are resolved by the article's date against the knowledge base
//! ([`Kb`]): "the US secretary of state" is John Kerry in 2016 and Antony Blinken in 2021;
//! someone out of office is coded ELI ("former President"). The knowledge base is a set of
//! data files compiled in (formats in their headers), and can be extended with
//! PETRARCH/Phoenix `.actors` dictionaries ([`Kb::import_petrarch`], or
//! [`ActorConfig::dictionaries`]; `attache report actors --dict FILE`):
//!
//! | file | what |
//! |---|---|
//! | `data/countries.tsv` | ISO3, names, adjectives, people, capitals and seats of government |
//! | `data/orgs.tsv` | international organisations, organs of states (fixed or generic), parties, media, armed groups, companies, phrases that are not actors |
//! | `data/offices.tsv` | canonical title and sector of each office, per country where it differs |
//! | `data/titles.tsv` | how copy names offices ("top diplomat"), with sector and implied country |
//! | `data/people.tsv` | people with the offices they held and the dates |
//! | `data/words.tsv` | word lists of the parser (stop words, name particles, ...) |
//!
//! Dictionaries are compiled once into one Aho-Corasick automaton over a normalised
//! token stream; each zone is scanned once, and every token is looked up once in the
//! word lists. No IO. `cargo run --release -p attache-actors --example stage_timing --
//! DIR...` times the stage alone.

mod date;
mod kb;
mod lexicon;
mod petrarch;
mod tagger;
mod text;
mod words;

use std::sync::{Arc, LazyLock};

use attache_model::{Document, Stage, StageError};
use serde::{Deserialize, Serialize};

pub use date::Day;
pub use kb::{Country, Kb, KbError, KbStats, Office, Org, OrgCountry, OrgKind, Person, PersonStatus, Tenure, TitleDef};
pub use petrarch::ImportReport;

/// A PETRARCH `.actors` dictionary to add to the built-in knowledge base: its text (the
/// caller reads the file) and a name for reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorDictionary {
    pub source: String,
    pub text: String,
}

/// Settings of the actors stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorConfig {
    /// Dictionaries imported into the knowledge base when the stage is built.
    pub dictionaries: Vec<ActorDictionary>,
}

static BUILTIN: LazyLock<Arc<tagger::Compiled>> =
    LazyLock::new(|| Arc::new(tagger::Compiled::new(Kb::builtin().clone())));

/// The actors stage: built once (the dictionaries compiled), shared by all threads.
pub struct ActorTagger {
    compiled: Arc<tagger::Compiled>,
    reports: Vec<ImportReport>,
    errors: Vec<KbError>,
}

impl std::fmt::Debug for ActorTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActorTagger")
            .field("kb", &self.compiled.kb.stats())
            .field("reports", &self.reports)
            .field("errors", &self.errors)
            .finish()
    }
}

impl Default for ActorTagger {
    fn default() -> Self {
        Self::new(ActorConfig::default())
    }
}

impl ActorTagger {
    /// Builds the stage. A dictionary that cannot be imported is left out; see
    /// [`errors`](Self::errors) (or use [`try_new`](Self::try_new)).
    pub fn new(config: ActorConfig) -> Self {
        if config.dictionaries.is_empty() {
            return ActorTagger { compiled: Arc::clone(&BUILTIN), reports: Vec::new(), errors: Vec::new() };
        }
        let mut kb = Kb::builtin().clone();
        let mut reports = Vec::new();
        let mut errors = Vec::new();
        for d in &config.dictionaries {
            match kb.import_petrarch(&d.text, &d.source) {
                Ok(r) => reports.push(r),
                Err(e) => errors.push(e),
            }
        }
        ActorTagger { compiled: Arc::new(tagger::Compiled::new(kb)), reports, errors }
    }

    /// Builds the stage, failing on the first dictionary that cannot be imported.
    pub fn try_new(config: ActorConfig) -> Result<Self, KbError> {
        let tagger = Self::new(config);
        match tagger.errors.first() {
            Some(e) => Err(e.clone()),
            None => Ok(tagger),
        }
    }

    /// Builds the stage over a knowledge base of the caller's.
    pub fn with_kb(kb: Kb) -> Self {
        ActorTagger { compiled: Arc::new(tagger::Compiled::new(kb)), reports: Vec::new(), errors: Vec::new() }
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &Kb {
        &self.compiled.kb
    }

    /// What each configured dictionary added.
    pub fn import_reports(&self) -> &[ImportReport] {
        &self.reports
    }

    /// Dictionaries that could not be imported.
    pub fn errors(&self) -> &[KbError] {
        &self.errors
    }
}

impl Stage for ActorTagger {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.actors.clear();
        doc.facts.clear();
        tagger::analyse(&self.compiled, doc);
        Ok(())
    }
}
