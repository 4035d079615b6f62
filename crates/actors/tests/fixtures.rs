//! Articles written for these tests, each with the actors a reader expects: the
//! assertions name what matters, the snapshots (`cargo insta review`) show the rest.

mod common;

use attache_actors::ActorTagger;
use attache_model::{ActorKind, Document, MentionKind};
use common::{actor, coding, fixture, mentions, run_text, summary};

fn tagger() -> ActorTagger {
    ActorTagger::default()
}

fn vice_ministers() -> Document {
    run_text(&tagger(), &fixture("vice-ministers.txt"), Some("2021-11-16"), Some("Yonhap"))
}

#[test]
fn people_with_titles_affiliations_and_appositions() {
    let doc = vice_ministers();
    // Title before name, with the country from the possessive; a misspelt title word.
    let choi = actor(&doc, "Choi Jong-kun");
    assert_eq!(coding(choi), (Some("KOR"), Some("GOV"), Some("First Vice Foreign Minister")));
    assert!(mentions(&doc, choi, MentionKind::Name).iter().any(|m| m.contains("Foriegn")));
    let sherman = actor(&doc, "Wendy Sherman");
    assert_eq!(coding(sherman), (Some("USA"), Some("GOV"), Some("Deputy Secretary of State")));
    // "top diplomat" is the foreign minister.
    assert_eq!(coding(actor(&doc, "Chung Eui-yong")), (Some("KOR"), Some("GOV"), Some("Foreign Minister")));
    // "department spokesman": the State Department named before.
    let price = actor(&doc, "Ned Price");
    assert_eq!((price.country.as_deref(), price.sector.as_deref()), (Some("USA"), Some("GOV")));
    // A counterpart the knowledge base does not know: country from the adjective,
    // office from the people "their" refers to.
    assert_eq!(coding(actor(&doc, "Takeo Mori")), (Some("JPN"), Some("GOV"), Some("Vice Foreign Minister")));
    // Apposition after the name, learned as a fact.
    let kim = actor(&doc, "Kim Yo Jong");
    assert_eq!((kim.country.as_deref(), kim.sector.as_deref()), (Some("PRK"), Some("GOV")));
    assert!(doc.facts.iter().any(|f| f.person == "Kim Yo Jong"
        && f.title == "Vice Department Director"
        && f.date.as_deref() == Some("2021-11-16")
        && doc.span_text(f.evidence) == "Kim Yo Jong, vice department director of the WPK Central Committee"));
    // A former office holder is ELI.
    assert_eq!(coding(actor(&doc, "Donald Trump")), (Some("USA"), Some("ELI"), Some("former President")));
    // An administration is a government actor; its head a person.
    let admin = actor(&doc, "Joe Biden administration");
    assert_eq!(
        (admin.kind, admin.country.as_deref(), admin.sector.as_deref()),
        (ActorKind::Government, Some("USA"), Some("GOV"))
    );
    assert_eq!(coding(actor(&doc, "Joe Biden")), (Some("USA"), Some("GOV"), Some("President")));
    insta::assert_json_snapshot!("vice_ministers", summary(&doc));
}

#[test]
fn coreference_within_the_article() {
    let doc = vice_ministers();
    let choi = actor(&doc, "Choi Jong-kun");
    // A role before the name is known, a surname, a role after.
    let roles = mentions(&doc, choi, MentionKind::Role);
    assert!(roles.contains(&"South Korea's vice foreign minister".to_owned()), "{roles:?}");
    assert!(roles.contains(&"The vice minister".to_owned()), "{roles:?}");
    assert!(mentions(&doc, choi, MentionKind::Partial).contains(&"Choi".to_owned()));
    // "his US counterpart" is Sherman.
    let sherman = actor(&doc, "Wendy Sherman");
    assert!(mentions(&doc, sherman, MentionKind::Role).contains(&"his US counterpart".to_owned()));
    assert!(mentions(&doc, sherman, MentionKind::Partial).contains(&"Sherman".to_owned()));
    // Groups: the vice ministers, the allies, the two sides.
    let vms = actor(&doc, "vice ministers");
    assert_eq!(vms.kind, ActorKind::Group);
    let names: Vec<&str> = vms.members.iter().map(|&m| doc.actors[m].name.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"Choi Jong-kun") && names.contains(&"Wendy Sherman"), "{names:?}");
    assert!(mentions(&doc, choi, MentionKind::Group).contains(&"The vice ministers".to_owned()));
    let allies = actor(&doc, "allies");
    let members: Vec<&str> = allies.members.iter().map(|&m| doc.actors[m].name.as_str()).collect();
    assert!(members.contains(&"United States") && members.contains(&"South Korea"), "{members:?}");
    // Capitals and "the North" stand for governments.
    let nk = actor(&doc, "North Korea");
    let metonyms = mentions(&doc, nk, MentionKind::Metonym);
    assert!(metonyms.contains(&"Pyongyang".to_owned()) && metonyms.contains(&"the North".to_owned()), "{metonyms:?}");
    assert_eq!(nk.kind, ActorKind::Government);
    // "Seoul's foreign ministry", then "the ministry".
    let ministry = actor(&doc, "South Korean Foreign Ministry");
    assert_eq!(ministry.country.as_deref(), Some("KOR"));
    assert!(mentions(&doc, ministry, MentionKind::Role).contains(&"the ministry".to_owned()));
    // "six North Koreans": a group of people of a country.
    let six = actor(&doc, "six North Koreans");
    assert_eq!((six.kind, six.country.as_deref()), (ActorKind::Group, Some("PRK")));
    // The dateline and "back to Seoul" are places, not actors.
    let kor = actor(&doc, "South Korea");
    assert!(mentions(&doc, kor, MentionKind::Metonym).is_empty());
    let usa = actor(&doc, "United States");
    assert!(mentions(&doc, usa, MentionKind::Metonym).is_empty());
}

#[test]
fn offices_resolve_by_the_date_of_the_story() {
    let text = fixture("roles-by-date.txt");
    let tagger = tagger();
    let y2016 = run_text(&tagger, &text, Some("2016-05-13"), Some("Reuters"));
    let y2021 = run_text(&tagger, &text, Some("2021-06-11"), Some("Reuters"));
    let role = |doc: &Document, name: &str| {
        let a = actor(doc, name);
        assert!(!mentions(doc, a, MentionKind::Role).is_empty(), "{name} has no role mention");
        (a.country.clone(), a.title.clone())
    };
    assert_eq!(role(&y2016, "John Kerry"), (Some("USA".into()), Some("Secretary of State".into())));
    assert_eq!(role(&y2021, "Antony Blinken"), (Some("USA".into()), Some("Secretary of State".into())));
    assert_eq!(role(&y2016, "Fumio Kishida").1.as_deref(), Some("Foreign Minister"));
    assert_eq!(role(&y2021, "Toshimitsu Motegi").1.as_deref(), Some("Foreign Minister"));
    assert_eq!(role(&y2016, "Park Geun-hye").1.as_deref(), Some("President"));
    assert_eq!(role(&y2021, "Moon Jae-in").1.as_deref(), Some("President"));
    assert_eq!(role(&y2016, "Shinzo Abe").1.as_deref(), Some("Prime Minister"));
    assert_eq!(role(&y2021, "Yoshihide Suga").1.as_deref(), Some("Prime Minister"));
    // An international post: no country, IGO.
    assert_eq!(role(&y2016, "Ban Ki-moon"), (None, Some("UN Secretary-General".into())));
    assert_eq!(role(&y2021, "António Guterres"), (None, Some("UN Secretary-General".into())));
    assert_eq!(actor(&y2021, "António Guterres").sector.as_deref(), Some("IGO"));
    insta::assert_json_snapshot!("roles_2016", summary(&y2016));
    insta::assert_json_snapshot!("roles_2021", summary(&y2021));
}

#[test]
fn state_media_statement() {
    let doc = run_text(&tagger(), &fixture("state-media.txt"), Some("2024-03-05"), Some("KCNA"));
    let kim = actor(&doc, "Kim Yo Jong");
    assert_eq!(kim.country.as_deref(), Some("PRK"));
    assert!(
        doc.facts.iter().any(|f| f.person == "Choe Son Hui"
            && f.title == "Foreign Minister"
            && f.country.as_deref() == Some("PRK"))
    );
    assert_eq!(coding(actor(&doc, "Choe Son Hui")), (Some("PRK"), Some("GOV"), Some("Foreign Minister")));
    assert_eq!(actor(&doc, "North Korean Foreign Ministry").country.as_deref(), Some("PRK"));
    assert_eq!(coding(actor(&doc, "Korean People's Army")), (Some("PRK"), Some("MIL"), None));
    assert_eq!(actor(&doc, "Kim Jong Un").country.as_deref(), Some("PRK"));
    assert_eq!(actor(&doc, "South Korean Military").sector.as_deref(), Some("MIL"));
    // Whose presidential office: the owner's country.
    assert_eq!(actor(&doc, "South Korean Presidential Office").country.as_deref(), Some("KOR"));
    // The dateline "Pyongyang, March 5 (KCNA)" is not a mention of the government.
    assert!(doc.actors.iter().all(|a| a.mentions.iter().all(|m| doc.span_text(m.span) != "Pyongyang")));
    insta::assert_json_snapshot!("state_media", summary(&doc));
}

#[test]
fn officials_the_knowledge_base_does_not_know() {
    let doc = run_text(&tagger(), &fixture("unknown-officials.txt"), Some("2016-06-12"), Some("Reuters"));
    assert_eq!(coding(actor(&doc, "Elsa Lindqvist")), (Some("SWE"), Some("GOV"), Some("Foreign Minister")));
    assert_eq!(coding(actor(&doc, "Mikko Aaltonen")), (Some("FIN"), Some("GOV"), Some("Foreign Minister")));
    // No country in the text: the dateline's (the article is about Sweden); the surname
    // and a role with the country refer back.
    let holmgren = actor(&doc, "Per Holmgren");
    assert_eq!(coding(holmgren), (Some("SWE"), Some("GOV"), Some("Defence Minister")));
    assert!(mentions(&doc, holmgren, MentionKind::Partial).contains(&"Holmgren".to_owned()));
    assert!(mentions(&doc, holmgren, MentionKind::Role).contains(&"The Swedish defence minister".to_owned()));
    // Apposition with an organisation: the armed forces' spokeswoman is MIL.
    assert_eq!(coding(actor(&doc, "Anna Berg")), (Some("SWE"), Some("MIL"), Some("Spokesperson")));
    // A misspelt title ("Secertary of State") and a known person.
    assert_eq!(coding(actor(&doc, "John Kerry")), (Some("USA"), Some("GOV"), Some("Secretary of State")));
    // "Deputy" before a title.
    assert_eq!(actor(&doc, "Robert Work").title.as_deref(), Some("Deputy Secretary of Defense"));
    // A portfolio before a generic title.
    assert_eq!(coding(actor(&doc, "Vitaly Mutko")), (Some("RUS"), Some("GOV"), Some("Sports Minister")));
    assert_eq!(coding(actor(&doc, "Lars Eriksson")), (None, Some("EDU"), Some("Professor")));
    assert_eq!(coding(actor(&doc, "Kim Son Gyong")), (Some("PRK"), Some("GOV"), Some("Vice Foreign Minister")));
    insta::assert_json_snapshot!("unknown_officials", summary(&doc));
}

#[test]
fn no_article_no_actors() {
    let mut doc = Document::new(attache_model::SourceMeta::default(), "text".into(), attache_model::Format::Text);
    attache_model::Stage::run(&tagger(), &mut doc).expect("runs");
    assert!(doc.actors.is_empty() && doc.facts.is_empty());
}
