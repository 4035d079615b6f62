//! PETRARCH `.actors` import: a small dictionary written for these tests, and the real
//! Phoenix dictionaries from ../shared/petrarch.

mod common;

use attache_actors::{ActorConfig, ActorDictionary, ActorTagger, Kb, KbError};
use common::{actor, coding, fixture, run_text, shared};

fn day(s: &str) -> u32 {
    s.replace('-', "").parse().expect("a date")
}

#[test]
fn small_dictionary_imports_people_countries_and_organisations() {
    let mut kb = Kb::builtin().clone();
    let before = kb.stats();
    let r = kb.import_petrarch(&fixture("small.actors"), "small.actors").expect("imports");
    // FREEDONIA, SOUTH_KOREA, RUFUS_T._FIREFLY_, AMBASSADOR_TRENTINO_, MARY_ANNE_SILVER_,
    // WORLD_SPORTS_LEAGUE_, FREEDONIA_LIBERATION_FRONT_, AMERICAN_VICE_PRESIDENT_,
    // ORPHAN_LINE_WITHOUT_CODE_.
    assert_eq!(r.entries, 9, "{r:?}");
    assert_eq!((r.people, r.countries, r.country_forms, r.orgs, r.skipped), (3, 1, 1, 2, 2), "{r:?}");
    assert_eq!(r.warning_count, 0, "{r:?}");
    assert_eq!(kb.stats().people, before.people + 3);

    // A new country with its demonym forms as names.
    assert_eq!(kb.country("FRD").map(|c| c.name.as_str()), Some("Freedonia"));
    // A known country gains a name.
    assert!(kb.country("KOR").is_some_and(|c| c.aliases.iter().any(|a| a == "Southern Korea")));
    // A person with dated roles: ELI, then GOV, then ELI again by default.
    let firefly = kb.person("Rufus T. Firefly").expect("Firefly");
    assert_eq!(firefly.country.as_deref(), Some("FRD"));
    let at = |d: &str| firefly.status(Some(day(d))).sector;
    assert_eq!(at("2005-01-01").as_deref(), Some("ELI"));
    assert_eq!(at("2012-06-01").as_deref(), Some("GOV"));
    assert_eq!(at("2020-06-01").as_deref(), Some("ELI"));
    assert!(kb.person("Firefly").is_some(), "a synonym finds the person");
    // A name after a title ("AMBASSADOR_TRENTINO_") is the person's name.
    let trentino = kb.person("Trentino").expect("Trentino");
    assert_eq!(trentino.status(Some(day("2013-01-01"))).sector.as_deref(), Some("GOV"));
    assert_eq!(trentino.status(Some(day("2013-01-01"))).country.as_deref(), Some("KOR"));
    // An international post: no country while it lasts.
    let silver = kb.person("Mary Anne Silver").expect("Silver");
    let st = silver.status(Some(day("2015-01-01")));
    assert_eq!((st.country, st.sector.as_deref()), (None, Some("IGO")));
    assert_eq!(silver.status(Some(day("2019-06-01"))).sector.as_deref(), Some("ELI"));
    // Organisations: an NGO and a rebel group; the role phrase is left out.
    assert!(kb.orgs().iter().any(|o| o.name == "World Sports League" && o.forms.iter().any(|f| f == "Wsl")));
    assert!(kb.orgs().iter().any(|o| o.name == "Freedonia Liberation Front" && o.sector.as_deref() == Some("REB")));
    assert!(!kb.orgs().iter().any(|o| o.name == "American Vice President"));

    // The imported entries are used by the stage.
    let tagger = ActorTagger::with_kb(kb);
    let doc = run_text(
        &tagger,
        "Firefly warns rebels\n\nPresident Firefly met Trentino on Monday. The Freedonia Liberation Front rejected the talks.\n",
        Some("2012-06-01"),
        None,
    );
    assert_eq!(coding(actor(&doc, "Rufus T. Firefly")), (Some("FRD"), Some("GOV"), Some("President")));
    assert_eq!(actor(&doc, "Trentino").country.as_deref(), Some("KOR"));
    assert_eq!(actor(&doc, "Freedonia Liberation Front").sector.as_deref(), Some("REB"));
}

#[test]
fn not_a_dictionary_is_an_error() {
    let mut kb = Kb::builtin().clone();
    let err = kb.import_petrarch("# only comments\n\n", "empty.actors").expect_err("no entries");
    assert!(matches!(err, KbError::NotADictionary { .. }), "{err}");
    assert!(err.to_string().contains("empty.actors"));
    // Bad dates are warnings, not errors, and name the line.
    let r = kb.import_petrarch("SOMEONE_ELSE_\n\t[USAGOV 2004017-20061201]\n", "bad.actors").expect("imports");
    assert_eq!(r.warning_count, 1);
    assert!(r.warnings[0].starts_with("bad.actors:2:"), "{:?}", r.warnings);
}

#[test]
fn phoenix_dictionaries_import() {
    let dir = shared().join("petrarch/dictionaries");
    let mut kb = Kb::builtin().clone();
    let before = kb.stats();
    let mut people = 0;
    for file in ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"] {
        let text = std::fs::read_to_string(dir.join(file)).expect("a Phoenix dictionary");
        let r = kb.import_petrarch(&text, file).expect("imports");
        assert!(r.entries > 100, "{r:?}");
        people += r.people;
        if file == "Phoenix.Countries.actors.txt" {
            assert!(r.people > 5000, "people imported from the country file: {}", r.people);
            assert!(r.people_merged > 50, "entries merged into known people: {}", r.people_merged);
            assert!(r.country_forms > 500, "{r:?}");
        }
        if file == "Phoenix.MilNonState.actors.txt" {
            assert!(r.orgs > 300, "{r:?}");
        }
    }
    assert_eq!(kb.stats().people, before.people + people);
    // Known entries: imported people keep their CAMEO roles by date.
    let hu = kb.person("Hu Jintao").expect("Hu Jintao");
    assert_eq!(hu.status(Some(day("2008-06-01"))).sector.as_deref(), Some("GOV"));
    let lee = kb.person("Lee Hoi Chang").expect("Lee Hoi-chang");
    assert_eq!(lee.status(Some(day("1994-01-01"))).sector.as_deref(), Some("GOV"));
    assert_eq!(lee.status(Some(day("1994-01-01"))).country.as_deref(), Some("KOR"));
    assert_eq!(lee.status(Some(day("2001-01-01"))).sector.as_deref(), Some("ELI"));
    // A person already curated keeps curated terms and gains the dictionary's forms.
    let obama = kb.person("Barack Obama").expect("Obama");
    assert_eq!(obama.source, "builtin");
    assert!(obama.forms.iter().any(|(f, _)| f == "Mr Obama"), "{:?}", obama.forms);
    assert!(!obama.forms.iter().any(|(f, _)| f.contains("Administration")), "{:?}", obama.forms);
    assert_eq!(obama.status(Some(day("2018-01-01"))).sector.as_deref(), Some("ELI"));
    // Organisations of the international file: the IAEA is IGO.
    assert!(kb.orgs().iter().any(|o| o.forms.iter().any(|f| f == "Iaea") && o.sector.as_deref() == Some("IGO")));
    // Groups of the non-state file: armed groups are REB.
    let abu_nidal = kb.orgs().iter().find(|o| o.name == "Abu Nidal Organization").expect("Abu Nidal");
    assert_eq!(abu_nidal.sector.as_deref(), Some("REB"));

    // Through the configuration, as the CLI does with --dict.
    let text = std::fs::read_to_string(dir.join("Phoenix.Countries.actors.txt")).expect("a Phoenix dictionary");
    let tagger = ActorTagger::try_new(ActorConfig {
        dictionaries: vec![ActorDictionary { source: "Phoenix.Countries.actors.txt".into(), text }],
    })
    .expect("builds");
    assert_eq!(tagger.import_reports().len(), 1);
    let doc = run_text(&tagger, "Talks\n\nLee Hoi Chang met reporters in Seoul on Monday.\n", Some("1994-01-05"), None);
    assert_eq!(
        (actor(&doc, "Lee Hoi Chang").country.as_deref(), actor(&doc, "Lee Hoi Chang").sector.as_deref()),
        (Some("KOR"), Some("GOV"))
    );
}
