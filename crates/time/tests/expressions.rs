//! One sentence per expression kind, written for these tests, with the value
//! expected for a given document creation time (DCT).

use attache_model::TimexKind;
use attache_time::{Dct, TagOptions, tag, tag_text};

/// The expressions found in `text`: (text, type, value).
fn found(text: &str, dct: Option<&str>) -> Vec<(String, TimexKind, String)> {
    tag_text(text, dct).into_iter().map(|(r, k, v)| (text[r].to_owned(), k, v)).collect()
}

/// Asserts that `text` holds an expression covering `expr` with `value`.
#[track_caller]
fn expect(text: &str, dct: Option<&str>, expr: &str, value: &str) {
    let got = found(text, dct);
    assert!(
        got.iter().any(|(t, _, v)| t.contains(expr) && v == value),
        "in {text:?} (DCT {dct:?}) expected {expr:?} = {value}, got {got:?}"
    );
}

#[track_caller]
fn expect_kind(text: &str, dct: Option<&str>, expr: &str, kind: TimexKind, value: &str) {
    let got = found(text, dct);
    assert!(
        got.iter().any(|(t, k, v)| t.contains(expr) && *k == kind && v == value),
        "in {text:?} expected {expr:?} = {kind:?} {value}, got {got:?}"
    );
}

// 2021-11-17 is a Wednesday; 2022-01-19 too.
const WED: Option<&str> = Some("2021-11-17");

#[test]
fn weekdays_follow_the_tense() {
    expect("The ministry said Wednesday that talks went well.", WED, "Wednesday", "2021-11-17");
    expect("The envoys met in Geneva on Tuesday (local time), officials said.", WED, "Tuesday", "2021-11-16");
    expect("The two leaders will meet on Friday in Hanoi.", WED, "Friday", "2021-11-19");
    expect("On Thursday, the foreign minister said the plan was final.", WED, "Thursday", "2021-11-11");
    expect("The two leaders are scheduled to meet Monday.", WED, "Monday", "2021-11-22");
    expect("The rebels fired two rockets Monday, the army said.", WED, "Monday", "2021-11-15");
    expect("The court will rule next Friday.", WED, "next Friday", "2021-11-19");
    expect("Protests began last Saturday.", WED, "last Saturday", "2021-11-13");
}

#[test]
fn plans_and_earliest_dates_look_ahead() {
    // A plan reported in the past tense is still to come.
    expect("The delegation planned to leave Nairobi on Thursday.", WED, "Thursday", "2021-11-18");
    // ...unless the plan itself is told as over.
    expect("The vote had been planned for Tuesday.", WED, "Tuesday", "2021-11-16");
    // "as soon as", "as early as": the earliest a thing may happen.
    expect("The father could arrive as early as Friday, his lawyer said.", WED, "Friday", "2021-11-19");
    expect("Funds were likely to buy the stock as soon as trading opened Monday.", WED, "Monday", "2021-11-22");
}

#[test]
fn weekday_span_keeps_local_time() {
    let text = "The talks were held on Tuesday (local time) in Washington.";
    let got = found(text, WED);
    assert!(got.iter().any(|(t, _, v)| t == "Tuesday (local time)" && v == "2021-11-16"), "{got:?}");
}

#[test]
fn calendar_units_relative_to_the_dct() {
    let dct = Some("2022-01-19");
    expect("Last week, the ministry imposed new sanctions.", dct, "Last week", "2022-W02");
    expect("It was the fourth launch this month alone.", dct, "this month", "2022-01");
    expect("Exports rose this year.", dct, "this year", "2022");
    expect("Earlier this year the two sides met in Vienna.", dct, "this year", "2022");
    expect("Elections are due next year.", dct, "next year", "2023");
    expect("The election is slated for March next year.", WED, "March next year", "2022-03");
    expect("Prices fell last month.", dct, "last month", "2021-12");
    expect("The envoy arrived yesterday.", dct, "yesterday", "2022-01-18");
    expect("The envoy leaves today.", dct, "today", "2022-01-19");
    expect("The envoy leaves tomorrow.", dct, "tomorrow", "2022-01-20");
    expect_kind("The president will speak tonight.", dct, "tonight", TimexKind::Time, "2022-01-19TNI");
    expect("Talks resume next week.", dct, "next week", "2022-W04");
}

#[test]
fn explicit_dates() {
    expect("The photo was taken on Nov. 18, 2021.", WED, "Nov. 18, 2021", "2021-11-18");
    expect("The summit ends November 18.", WED, "November 18", "2021-11-18");
    expect("It was signed on 18 November 2021 in Seoul.", WED, "18 November 2021", "2021-11-18");
    expect("The filing is dated 2021-11-18.", WED, "2021-11-18", "2021-11-18");
    expect("The deadline is Jan 19.", WED, "Jan 19", "2022-01-19");
    expect("The ceasefire began on Oct. 2.", WED, "Oct. 2", "2021-10-02");
    expect("Parliament adjourned in March.", WED, "March", "2021-03");
}

#[test]
fn years_ranges_decades_centuries() {
    expect("They want to restore the 2015 nuclear deal.", WED, "2015", "2015");
    expect("Talks have stalled since 2019.", WED, "2019", "2019");
    expect("The 1950-53 Korean War ended in a truce.", WED, "1950-53", "1950/1953");
    expect("Relations thawed in the 1990s.", WED, "the 1990s", "199");
    expect("The challenges of the 21st century are many.", WED, "21st century", "20");
    expect("Trade grew from 2019 to 2021.", WED, "2021", "2021");
}

#[test]
fn seasons_and_quarters() {
    expect("The drills took place last summer.", WED, "last summer", "2021-SU");
    expect("A visit is planned for spring 2022.", WED, "spring 2022", "2022-SP");
    expect("Growth slowed in the third quarter.", WED, "third quarter", "2021-Q3");
    expect("Output in Q2 2020 fell.", WED, "Q2 2020", "2020-Q2");
    expect("Sales in the first half of 2021 rose.", WED, "first half", "2021-H1");
}

#[test]
fn durations() {
    expect_kind("During the 60-minute talks, they agreed.", WED, "60-minute", TimexKind::Duration, "PT60M");
    expect_kind("The conflict lasted three years.", WED, "three years", TimexKind::Duration, "P3Y");
    expect_kind("He began a two-day visit to Tokyo.", WED, "two-day", TimexKind::Duration, "P2D");
    expect_kind("Negotiations went on for several weeks.", WED, "several weeks", TimexKind::Duration, "PXW");
    expect_kind("The meeting lasted 2 1/2 hours.", WED, "2 1/2 hours", TimexKind::Duration, "PT2H30M");
    expect_kind("Over the past two months, prices rose.", WED, "the past two months", TimexKind::Duration, "P2M");
}

#[test]
fn ages_are_not_time_expressions() {
    let got = found("A 45-year-old man and his six-year-old son were hurt.", WED);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn offsets_from_the_dct_and_the_text() {
    expect("The treaty was signed two years ago.", WED, "two years ago", "2019");
    expect("The envoy visited 10 days ago.", WED, "10 days ago", "2021-11-07");
    expect("Troops left in 2015. A year earlier, they had arrived.", WED, "A year earlier", "2014");
    expect("The vote was on March 3, 2020. The next day, protests began.", WED, "The next day", "2020-03-04");
    expect("The vote was on March 3, 2020. The day before, police closed roads.", WED, "The day before", "2020-03-02");
    expect("The vote was on March 3, 2020. Protests began the day after.", WED, "the day after", "2020-03-04");
    expect("It began on March 3, 2020, and ended that same day.", WED, "that same day", "2020-03-03");
    // A month named after the day ("the deal it reached in July") is not the day meant.
    expect(
        "The agency confirmed on Jan. 16 that Iran had met the deal it reached in July, and the allies lifted \
         sanctions the same day.",
        Some("2016-01-23"),
        "the same day",
        "2016-01-16",
    );
    expect("Talks ended the day before yesterday.", WED, "the day before yesterday", "2021-11-15");
    expect("The day before last Tuesday's hearing, he met them.", WED, "The day before last Tuesday", "2021-11-15");
    expect("Troops will be home the day after Christmas.", WED, "the day after Christmas", "2021-12-26");
    expect("A hearing is set for the week of March 6, 2022.", WED, "the week of March 6, 2022", "2022-W09");
    expect_kind(
        "The vote was on March 3, 2020. The next morning, police left.",
        WED,
        "The next morning",
        TimexKind::Time,
        "2020-03-04TMO",
    );
    expect_kind(
        "The vote was on March 3, 2020. That night, crowds gathered.",
        WED,
        "That night",
        TimexKind::Time,
        "2020-03-03TNI",
    );
    // Anchored on an event, not on a date: left alone.
    let got = found("The vote was on March 3, 2020. The day before the vote, police closed roads.", WED);
    assert!(!got.iter().any(|(t, _, _)| t.contains("day")), "{got:?}");
}

#[test]
fn times_with_zones() {
    expect_kind(
        "The missile was fired at 7 p.m. (1000 GMT) Friday, the military said.",
        WED,
        "7 p.m. (1000 GMT)",
        TimexKind::Time,
        "2021-11-12T19:00",
    );
    expect_kind("The meeting starts at 10:30 a.m. today.", WED, "10:30 a.m.", TimexKind::Time, "2021-11-17T10:30");
    expect_kind(
        "The launch came early Friday morning, officials said.",
        WED,
        "Friday morning",
        TimexKind::Time,
        "2021-11-12TMO",
    );
    expect_kind("Leaders met at noon Saturday.", WED, "noon Saturday", TimexKind::Time, "2021-11-13T12:00");
    expect_kind(
        "The envoy will fly home Friday. He will leave at 4 in the morning (4 a.m. EST Friday).",
        WED,
        "4 in the morning",
        TimexKind::Time,
        "2021-11-19T04:00",
    );
    expect_kind("The vote closed at 9 in the evening.", WED, "9 in the evening", TimexKind::Time, "2021-11-17T21:00");
    // A score is not a time.
    let got = found("The index rose 4 in the morning session.", WED);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn sets() {
    expect_kind("The two sides will meet every week.", WED, "every week", TimexKind::Set, "P1W");
    expect_kind("The report is published annually.", WED, "annually", TimexKind::Set, "P1Y");
    expect_kind("Ministers meet twice a year.", WED, "twice a year", TimexKind::Set, "P1Y");
    expect_kind("Markets close on Sundays.", WED, "Sundays", TimexKind::Set, "XXXX-WXX-7");
    expect_kind("Patrols go out each Thursday.", WED, "each Thursday", TimexKind::Set, "XXXX-WXX-4");
}

#[test]
fn references() {
    expect("The talks are now stalled.", WED, "now", "PRESENT_REF");
    expect("Officials recently met in Seoul.", WED, "recently", "PAST_REF");
    expect("They hope to meet again in the future.", WED, "the future", "FUTURE_REF");
    // "recent years", like "the past few years", is a vague length of time.
    expect_kind("Tensions rose in recent years.", WED, "recent years", TimexKind::Duration, "PXY");
    expect_kind("Prices fell in recent weeks.", WED, "recent weeks", TimexKind::Duration, "PXW");
}

#[test]
fn holidays() {
    expect("Troops will be home by Christmas.", WED, "Christmas", "2021-12-25");
    expect("The truce held over Thanksgiving last year.", WED, "Thanksgiving", "2020-11-26");
}

#[test]
fn unknown_dct_leaves_relative_values_unresolved() {
    expect("The ministry said Wednesday.", None, "Wednesday", "XXXX-WXX-3");
    expect("The summit ends November 18.", None, "November 18", "XXXX-11-18");
    expect("Last week, sanctions were imposed.", None, "Last week", "XXXX-WXX");
    expect("Exports rose this year.", None, "this year", "XXXX");
    expect("The envoy arrived yesterday.", None, "yesterday", "XXXX-XX-XX");
    // Absolute expressions do not need a DCT.
    expect("It was signed on Nov. 18, 2021.", None, "Nov. 18, 2021", "2021-11-18");
    expect("Relations thawed in the 1990s.", None, "1990s", "199");
}

#[test]
fn unknown_dct_never_anchors_on_text_dates() {
    // With no DCT the date in the first sentence must not anchor the others.
    let text = "The accord was signed on Nov. 18, 2021. The next day, both sides met again on Friday.";
    let got = found(text, None);
    assert!(got.iter().any(|(t, _, v)| t == "Friday" && v == "XXXX-WXX-5"), "{got:?}");
    assert!(got.iter().any(|(t, _, v)| t.contains("next day") && v == "XXXX-XX-XX"), "{got:?}");
}

#[test]
fn unreadable_dct_is_unknown() {
    expect("The ministry said Wednesday.", Some("not a date"), "Wednesday", "XXXX-WXX-3");
}

#[test]
fn timestamp_late_in_utc_may_be_the_next_day_in_asia() {
    // 22:30 UTC on Thursday 2022-01-20 is Friday morning in Seoul.
    let dct = Some("2022-01-20T22:30:00Z");
    expect("North Korea fired a missile early Friday morning, the military said.", dct, "Friday", "2022-01-21TMO");
    // Without that cue and with a date-only DCT, a past Friday is the one before.
    expect("North Korea fired a missile Friday, the military said.", Some("2022-01-20"), "Friday", "2022-01-14");
}

#[test]
fn anchors_are_reported() {
    let opts = TagOptions { dct: Dct::parse("2021-11-17"), anchor_on_text: true };
    let text = "The ministry said Wednesday that the envoys will meet on Friday and signed a deal in 2015.";
    let got = tag(text, &opts);
    let anchor = |w: &str| got.iter().find(|t| &text[t.range.clone()] == w).map(|t| t.anchor);
    assert_eq!(anchor("Wednesday"), Some("dct+tense-past"));
    assert_eq!(anchor("Friday"), Some("dct+tense-future"));
    assert_eq!(anchor("2015"), Some("absolute"));
}

#[test]
fn words_that_only_look_like_dates() {
    for text in [
        "She may attend the meeting.",
        "Protesters march through the city.",
        "Prices fall in the spring of hope.", // "spring" here is a noun of its own
        "He won 2000 votes.",
        "The price was $2015 per ton.",
        "Room 1999 was empty.",
    ] {
        let got = found(text, WED);
        assert!(
            got.iter().all(|(t, _, _)| t != "may" && t != "march" && t != "2000" && t != "2015" && t != "1999"),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn rates_are_not_time_expressions() {
    // A quantity "a year" / "per second" is a rate, not a length of time.
    for text in [
        "The plan saves the ministry $40 million a year.",
        "The airline runs four flights a week to Hanoi.",
        "The chip handles 20 million instructions per second.",
        "Guards stand outside 24 hours a day.",
    ] {
        let got = found(text, WED);
        assert!(got.iter().all(|(t, _, _)| !t.starts_with("a ") && !t.starts_with("per")), "{text}: {got:?}");
    }
    // ...but a count placed in time still is one.
    expect("Exports reached $3 billion, up from $2 billion a year earlier.", WED, "a year earlier", "2020");
    expect_kind("The ceasefire lasted a year.", WED, "a year", TimexKind::Duration, "P1Y");
}

#[test]
fn year_earlier_as_an_adjective() {
    let text = "The firm posted a loss in the third quarter of 2020, compared with a year-earlier profit.";
    let got = found(text, WED);
    assert!(got.iter().any(|(t, _, v)| t == "year-earlier" && v == "2019-Q3"), "{got:?}");
}

#[test]
fn approximate_offsets_and_couples() {
    expect("Then, a week or so ago, the general changed his plan.", WED, "a week or so ago", "2021-W45");
    expect_kind(
        "Over the next couple of years, sales should double.",
        WED,
        "couple of years",
        TimexKind::Duration,
        "P2Y",
    );
}

#[test]
fn weekdays_relative_to_the_text() {
    // Friday 2021-11-12 is the reference; the previous Friday is a week before.
    let text = "Markets fell on Nov. 12, 2021, down 4% from the previous Friday.";
    expect(text, WED, "the previous Friday", "2021-11-05");
    let text = "The deal was signed on Nov. 3, 2021. Troops left the following Monday.";
    expect(text, WED, "the following Monday", "2021-11-08");
}

#[test]
fn titles_in_quotes_are_not_dates() {
    let got = found("The minister said on \"This Week\" that talks would go on.", WED);
    assert!(got.iter().all(|(t, _, _)| !t.contains("Week")), "{got:?}");
    let got = found("He told CBS's \"60 Minutes\" the plan was dead.", WED);
    assert!(got.iter().all(|(t, _, _)| !t.contains("Minutes")), "{got:?}");
    // Wire copy types the quote as two apostrophes.
    let got = found("He said on CBS's ''60 Minutes.'' that the plan was dead.", WED);
    assert!(got.iter().all(|(t, _, _)| !t.contains("Minutes")), "{got:?}");
    // An ordinary quote keeps its dates.
    expect("\"This week was hard,\" the minister said.", WED, "This week", "2021-W46");
}

#[test]
fn parts_of_days_before_their_day() {
    expect_kind(
        "Shares slipped by mid-afternoon yesterday.",
        WED,
        "afternoon yesterday",
        TimexKind::Time,
        "2021-11-16TAF",
    );
    expect_kind(
        "By mid afternoon, officials said the fire was out.",
        WED,
        "afternoon",
        TimexKind::Time,
        "2021-11-17TAF",
    );
}

#[test]
fn rates_per_year_are_not_sets() {
    let got = found("The firm expects sales to rise 8% annually.", WED);
    assert!(got.is_empty(), "{got:?}");
    expect_kind("The festival is held here annually.", WED, "annually", TimexKind::Set, "P1Y");
}

#[test]
fn stretches_anchored_on_events_are_not_durations() {
    for text in [
        "The car was seen near the clinic in the days before the shooting.",
        "Police searched the area in the weeks after the attack.",
        "The deal should close in a matter of months.",
    ] {
        let got = found(text, WED);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    // A count of trading days is still a length of time.
    expect_kind(
        "Eight trading days later, the index recovered.",
        WED,
        "Eight trading days",
        TimexKind::Duration,
        "P8D",
    );
}

#[test]
fn spoken_years_after_months_and_seasons() {
    expect("January nineteen ninety-seven. The city was hit again.", WED, "January nineteen ninety-seven", "1997-01");
    expect(
        "Prices fell to levels seen in the winter of nineteen ninety-four.",
        WED,
        "winter of nineteen ninety-four",
        "1994-WI",
    );
}

#[test]
fn effective_dates_look_ahead() {
    // DCT 2021-11-17: an appointment "effective Feb. 1" is next year's.
    expect("The board named a new chairman, effective May 1.", WED, "May 1", "2022-05-01");
    expect("The rule became effective May 1, officials said.", WED, "May 1", "2021-05-01");
}

#[test]
fn generic_today_and_tomorrow_are_not_days() {
    for text in [
        "Such barriers have no place in today's world.",
        "The chips power many of today's personal computers.",
        "He wanted to choose the leaders of tomorrow.",
        "The plant makes 10,000 units annually.",
    ] {
        let got = found(text, WED);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    expect("Shares fell in today's session.", WED, "today", "2021-11-17");
    expect("The vote is set for the morning of tomorrow.", WED, "tomorrow", "2021-11-18");
}

#[test]
fn second_day_of_a_pair() {
    let text = "The summit will be held in Washington on April 24 and 25.";
    expect(text, WED, "April 24", "2022-04-24");
    expect(text, WED, "25", "2022-04-25");
    let got = found("Turnout rose on March 3 and 4 percent fewer voters stayed home.", WED);
    assert!(got.iter().all(|(t, _, _)| t != "4"), "{got:?}");
}
