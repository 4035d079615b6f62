//! What `class`, `id` and `role` names say about an element.
//!
//! Names are split into lowercase words at non-alphanumerics and camelCase
//! humps (`relatedArticles` → `related`, `articles`; `story-body` → `story`,
//! `body`), and words are matched exactly or by prefix. Matching whole words
//! avoids the classic substring traps (`shadow` is not an ad, `canvas` is not
//! navigation, `header` is not `head`).

/// Why an element looks like boilerplate (bit set).
pub type Hints = u32;

pub const NAV: Hints = 1;
pub const FOOTER: Hints = 1 << 1;
pub const SHARE: Hints = 1 << 2;
pub const RELATED: Hints = 1 << 3;
pub const AD: Hints = 1 << 4;
pub const SUBSCRIBE: Hints = 1 << 5;
pub const COMMENTS: Hints = 1 << 6;
pub const BYLINE: Hints = 1 << 7;
pub const HIDDEN: Hints = 1 << 8;
pub const SIDEBAR: Hints = 1 << 9;
pub const CAPTION: Hints = 1 << 10;
pub const META: Hints = 1 << 11;
pub const HEADER: Hints = 1 << 12;
pub const WIDGET: Hints = 1 << 13;
/// Names of an article's body (`article-body`, `entry-content`, `story`...).
pub const POSITIVE: Hints = 1 << 16;
/// Strong names of an article's body (`articleBody`, `article-body`, `story-body`, `entry-content`).
pub const BODY: Hints = 1 << 17;
pub const DATELINE: Hints = 1 << 18;
/// A photo credit ("Reuters/Jane Doe"): neither body text nor a caption.
pub const CREDIT: Hints = 1 << 21;
/// Opens with a "Related stories"-style heading (set by the extractor, not by names).
pub const LIST_BOX: Hints = 1 << 20;
/// Embedded posts and media (`social-media-embed`, `twitter-tweet`): quoted content.
pub const EMBED: Hints = 1 << 19;

/// All the boilerplate hints.
pub const NEGATIVE: Hints = NAV | FOOTER | SHARE | RELATED | AD | SUBSCRIBE | COMMENTS | SIDEBAR | WIDGET;

/// The removal reason (for [`attache_model::Removal`]) of a set of hints.
pub fn reason(h: Hints) -> &'static str {
    if h & COMMENTS != 0 {
        "comments"
    } else if h & RELATED != 0 {
        "related"
    } else if h & FOOTER != 0 {
        "footer"
    } else if h & NAV != 0 {
        "navigation"
    } else if h & SUBSCRIBE != 0 {
        "boilerplate"
    } else if h & AD != 0 {
        "advertisement"
    } else {
        "boilerplate"
    }
}

/// Calls `f` with each lowercase word of a class/id value.
fn words(s: &str, mut f: impl FnMut(&str)) {
    let b = s.as_bytes();
    let mut buf = [0u8; 40];
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && !b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let start = i;
        let mut n = 0;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            // A lowercase→uppercase hump starts a new word.
            if i > start && b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase() {
                break;
            }
            if n < buf.len() {
                buf[n] = b[i].to_ascii_lowercase();
                n += 1;
            }
            i += 1;
        }
        if n > 0
            && let Ok(w) = std::str::from_utf8(&buf[..n])
        {
            f(w);
        }
    }
}

fn word_hints(w: &str) -> Hints {
    let exact =
        match w {
            "nav" | "navbar" | "navigation" | "menu" | "menus" | "breadcrumb" | "breadcrumbs" | "crumbs"
            | "pagination" | "pager" | "subnav" | "topnav" | "skip" | "masthead" | "toolbar" | "topbar"
            | "hamburger" | "jump" => NAV,
            "footer" | "foot" | "colophon" | "bottom" => FOOTER,
            "header" | "hed" | "headline" | "headlines" | "title" | "kicker" | "eyebrow" => HEADER,
            "share" | "shares" | "sharing" | "social" | "sharebar" | "sharetools" | "addthis" | "sharethis"
            | "shareaholic" | "print" | "tools" | "follow" => SHARE,
            "related" | "recommended" | "recommendations" | "recommend" | "popular" | "trending" | "mostread"
            | "outbrain" | "taboola" | "zergnet" | "recirc" | "recirculation" | "more" | "teaser" | "teasers"
            | "latest" | "also" | "next" | "prev" | "previous" | "rail" | "sidebar" | "aside" | "carousel"
            | "playlist" | "spotlight" | "upnext" | "recs" => {
                if w == "sidebar" || w == "rail" || w == "aside" {
                    SIDEBAR
                } else {
                    RELATED
                }
            }
            "ad" | "ads" | "adv" | "advert" | "adverts" | "advertisement" | "advertising" | "adslot" | "adunit"
            | "dfp" | "gpt" | "sponsor" | "sponsored" | "sponsors" | "promo" | "promoted" | "promotion" | "banner"
            | "commercial" | "adsense" | "googleads" | "native" | "partner" | "affiliate" | "marketing" | "dianomi"
            | "nativo" | "advertorial" | "adwrapper" | "adcontainer" | "adblock" | "mpu" | "leaderboard"
            | "skyscraper" => AD,
            "newsletter" | "newsletters" | "subscribe" | "subscription" | "subscriptions" | "signup" | "paywall"
            | "regwall" | "registration" | "optin" | "cta" | "membership" | "donate" | "donation" | "cookie"
            | "cookies" | "consent" | "gdpr" | "cmp" | "modal" | "popup" | "overlay" | "login" | "signin"
            | "register" => SUBSCRIBE,
            "comment" | "comments" | "commentlist" | "disqus" | "respond" | "replies" | "reply" | "discussion"
            | "discuss" | "conversation" | "livefyre" | "talk" | "coral" | "spot" | "openweb" => COMMENTS,
            "byline" | "bylines" | "author" | "authors" | "bio" | "contributor" | "contributors" | "writer"
            | "avatar" | "profile" => BYLINE,
            "meta" | "metadata" | "info" | "timestamp" | "date" | "dateline" | "published" | "updated" | "time"
            | "tags" | "tag" | "tagged" | "tagcloud" | "keywords" | "topics" | "categories" | "category" | "rating"
            | "ratings" | "stars" | "details" => {
                if w == "dateline" {
                    META | DATELINE
                } else {
                    META
                }
            }
            "caption" | "captions" | "figcaption" => CAPTION,
            "credit" | "credits" | "photocredit" | "copyright" => CREDIT,
            "widget" | "widgets" | "promobox" => WIDGET,
            "embed" | "embedded" | "oembed" | "tweet" => EMBED,
            "article" | "story" | "entry" | "post" | "content" | "contents" | "main" | "text" | "body" | "prose"
            | "blog" | "hentry" | "copy" | "bodycopy" | "richtext" | "paragraph" | "paragraphs" | "permalink"
            | "page" => POSITIVE,
            "articlebody" | "articletext" | "storybody" | "storytext" | "postbody" | "posttext" | "entrycontent"
            | "articlecontent" | "postcontent" | "maincontent" | "bodytext" | "storycontent" | "itemfulltext"
            | "fulltext" => POSITIVE | BODY,
            _ => 0,
        };
    if exact != 0 {
        return exact;
    }
    // Prefixes of glued words (`sharebar2`, `adsbygoogle`, `relatedlinks`).
    const PREFIXES: &[(&str, Hints)] = &[
        ("share", SHARE),
        ("social", SHARE),
        ("related", RELATED),
        ("recommend", RELATED),
        ("newsletter", SUBSCRIBE),
        ("subscri", SUBSCRIBE),
        ("breadcrumb", NAV),
        ("navbar", NAV),
        ("navigation", NAV),
        ("advert", AD),
        ("adsby", AD),
        ("sponsor", AD),
        ("outbrain", RELATED),
        ("taboola", RELATED),
        ("disqus", COMMENTS),
        ("comments", COMMENTS),
        ("footer", FOOTER),
        ("sidebar", SIDEBAR),
        ("cookie", SUBSCRIBE),
        ("byline", BYLINE),
        ("caption", CAPTION),
        ("articlebody", POSITIVE | BODY),
        ("storybody", POSITIVE | BODY),
    ];
    for &(p, h) in PREFIXES {
        if w.len() > p.len() && w.starts_with(p) {
            return h;
        }
    }
    0
}

/// Hints of a class or id value.
pub fn hints(value: &str) -> Hints {
    let mut h = 0;
    let mut prev: [u8; 16] = [0; 16];
    let mut prev_len = 0;
    words(value, |w| {
        let mut wh = word_hints(w);
        // Two-word names whose parts mean something else alone.
        let p = std::str::from_utf8(&prev[..prev_len]).unwrap_or("");
        match (p, w) {
            ("article" | "story" | "post" | "entry" | "main", "body" | "text" | "content" | "copy") => wh |= BODY,
            ("item", "body") | ("rich", "text") | ("body", "text") => wh |= BODY,
            ("most", "read" | "popular" | "viewed" | "shared") => wh |= RELATED,
            ("you", "may" | "might") | ("read", "more" | "next") | ("see", "also") => wh |= RELATED,
            ("sign", "up") | ("opt", "in") | ("pay", "wall") => wh |= SUBSCRIBE,
            ("site", "header" | "nav" | "footer" | "info") => wh |= NAV,
            _ => {}
        }
        prev_len = w.len().min(16);
        prev[..prev_len].copy_from_slice(&w.as_bytes()[..prev_len]);
        h |= wh;
    });
    h
}

/// Whether a class value names a class that hides its element (whole
/// space-separated names only: `field-label-hidden` hides a label, not the field).
pub fn class_hidden(value: &str) -> bool {
    value.split_ascii_whitespace().any(|c| {
        matches!(
            c.to_ascii_lowercase().as_str(),
            "hidden"
                | "hide"
                | "invisible"
                | "sr-only"
                | "visually-hidden"
                | "visuallyhidden"
                | "screen-reader-text"
                | "screen-reader-only"
                | "screenreader-only"
                | "offscreen"
                | "off-screen"
                | "element-invisible"
                | "element-hidden"
                | "is-hidden"
                | "u-hidden"
                | "d-none"
                | "display-none"
                | "hidden-text"
                | "a11y-hidden"
                | "visually-hidden-focusable"
        )
    })
}

/// Whether a class names a hover card or pop-up that CSS shows only on demand
/// (`tooltip`, `popover`, `rollover-people-block`): hidden when on an inline
/// element inside text.
pub fn class_popup(value: &str) -> bool {
    let mut popup = false;
    words(value, |w| popup |= matches!(w, "tooltip" | "popover" | "hovercard" | "rollover" | "flyout"));
    popup
}

/// Hints of a `role` value.
pub fn role_hints(role: &str) -> Hints {
    let mut h = 0;
    for r in role.split_ascii_whitespace() {
        h |= match r.to_ascii_lowercase().as_str() {
            "navigation" | "menu" | "menubar" | "toolbar" | "search" | "banner" | "tablist" => NAV,
            "contentinfo" => FOOTER,
            "complementary" => SIDEBAR,
            "dialog" | "alertdialog" => SUBSCRIBE,
            "main" | "article" => POSITIVE,
            _ => 0,
        };
    }
    h
}

/// Hints of an `itemprop` value.
pub fn itemprop_hints(v: &str) -> Hints {
    let mut h = 0;
    for p in v.split_ascii_whitespace() {
        h |= match p {
            "articleBody" | "articlebody" | "reviewBody" | "text" => POSITIVE | BODY,
            "author" | "creator" | "publisher" | "contributor" => BYLINE,
            "datePublished" | "dateModified" | "dateCreated" | "keywords" => META,
            "headline" | "name" | "alternativeHeadline" => HEADER,
            "comment" | "comments" => COMMENTS,
            "caption" => CAPTION,
            _ => 0,
        };
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_kinds() {
        assert_eq!(line_kind("Advertisement"), LineKind::Junk);
        assert_eq!(line_kind(" Image 1 of 5 "), LineKind::Junk);
        assert_eq!(line_kind("1 - 5 of 36"), LineKind::Junk);
        assert_eq!(line_kind("More Great WIRED Stories"), LineKind::ListOpener);
        assert_eq!(line_kind("Related:"), LineKind::ListOpener);
        assert_eq!(line_kind("(Reporting by Ana Ferreira; Editing by Mark Hale)"), LineKind::Credit);
        assert_eq!(line_kind("Jane Doe and John Roe contributed to this report."), LineKind::Credit);
        assert_eq!(line_kind("Follow us on Twitter @Spacedotcom and on Facebook."), LineKind::Credit);
        assert_eq!(line_kind("Reporters followed the minister on Twitter for hours."), LineKind::Text);
        assert_eq!(line_kind("More from the coast"), LineKind::ListOpener);
        assert_eq!(line_kind("The council voted on Tuesday."), LineKind::Text);
        assert_eq!(line_kind("November 20, 2019 - 11:28 AMT"), LineKind::Junk);
        assert_eq!(line_kind("Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET"), LineKind::Junk);
        assert_eq!(line_kind("Published 19/11/2019 10:00"), LineKind::Junk);
        assert_eq!(line_kind("May 5"), LineKind::Junk);
        assert_eq!(line_kind("May 5 is the deadline."), LineKind::Text);
        assert_eq!(line_kind("2019"), LineKind::Text);
        assert_eq!(line_kind("10 p.m."), LineKind::Text);
        assert_eq!(line_kind("5040"), LineKind::Text);
        assert_eq!(
            line_kind("More rain is expected on Sunday, forecasters said, and more after that."),
            LineKind::Text
        );
    }

    #[test]
    fn words_and_hints() {
        assert_eq!(hints("relatedArticles"), RELATED);
        assert_eq!(hints("story-body"), POSITIVE | BODY);
        assert_eq!(hints("shadow canvas header-2") & (AD | NAV), 0);
        assert!(class_hidden("x sr-only"));
        assert!(!class_hidden("field-label-hidden"));
        assert_ne!(hints("social-share-bar") & SHARE, 0);
        assert_ne!(hints("adsbygoogle") & AD, 0);
        assert_ne!(hints("most-popular") & RELATED, 0);
        assert_eq!(hints("articleBody") & BODY, BODY);
        assert_eq!(hints(""), 0);
    }
}

/// What a short line of text says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Ordinary text.
    Text,
    /// A line that is never article text ("Advertisement", "Image 1 of 5").
    Junk,
    /// A credit or sign-off line: "(Reporting by ...; Editing by ...)", "X
    /// contributed to this report.", "Follow us on Twitter", "Sign up for our
    /// newsletter".
    Credit,
    /// A heading that opens a list of other stories or comments ("Related
    /// stories", "More from the coast"): it and the list after it go.
    ListOpener,
}

/// Credit and sign-off lines (see [`LineKind::Credit`]).
fn is_credit(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['(', '[']).trim_start();
    let lower = t.to_lowercase();
    let starts = |p: &[&str]| p.iter().any(|p| lower.starts_with(p));
    if starts(&[
        "reporting by",
        "additional reporting",
        "editing by",
        "writing by",
        "compiled by",
        "reported by",
        "our standards:",
        "have a tip?",
        "sign up for",
        "subscribe to our",
        "get the latest updates",
        "follow us on",
    ]) {
        return true;
    }
    let end = lower.trim_end_matches([')', '.', ' ']);
    if end.ends_with("contributed to this report") || end.ends_with("contributed reporting") {
        return true;
    }
    // "Follow him on Twitter @x", "Email Jane at jane@example.com or follow her @jane".
    let social = lower.contains("on twitter") || lower.contains("on facebook") || lower.contains(" @");
    text.len() < 250
        && social
        && (starts(&["follow ", "email ", "you can follow", "contact "])
            || lower.contains(" follow him")
            || lower.contains(" follow her")
            || lower.contains("follow us"))
}

/// A line that is only a date or time stamp: "November 20, 2019 - 11:28 AMT",
/// "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET",
/// "Published 19/11/2019 10:00".
fn is_date_line(text: &str) -> bool {
    if text.len() > 100 {
        return false;
    }
    const MONTHS: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const WORDS: &[&str] = &[
        "updated",
        "update",
        "published",
        "posted",
        "original",
        "originally",
        "last",
        "modified",
        "on",
        "at",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "today",
        "yesterday",
        "et",
        "est",
        "edt",
        "pt",
        "pst",
        "pdt",
        "ct",
        "cst",
        "cdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "ist",
        "amt",
        "jst",
        "kst",
        "hkt",
    ];
    let (mut month, mut year, mut numbers, mut stamp_word) = (false, false, 0, false);
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if w.chars().all(|c| c.is_ascii_digit()) {
            numbers += 1;
            year |= w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y));
            continue;
        }
        // "11th", "2nd", "8am".
        if w.len() <= 4 && w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            let suffix = w.trim_start_matches(|c: char| c.is_ascii_digit()).to_ascii_lowercase();
            if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th" | "h" | "am" | "pm") {
                numbers += 1;
                continue;
            }
        }
        let l = w.to_lowercase();
        if MONTHS.contains(&l.as_str()) {
            month = true;
            continue;
        }
        if !WORDS.contains(&l.as_str()) {
            return false;
        }
        stamp_word |= matches!(l.as_str(), "updated" | "published" | "posted" | "modified");
    }
    // A month with a number, a full numeric date with a year, or a labelled stamp.
    (month && numbers > 0) || (year && numbers >= 3) || (stamp_word && year)
}

/// Classifies a short block by its text alone (lines of 60 characters or more
/// are always [`LineKind::Text`]).
pub fn line_kind(text: &str) -> LineKind {
    if text.len() < 400 && is_credit(text) {
        return LineKind::Credit;
    }
    if is_date_line(text) {
        return LineKind::Junk;
    }
    if text.len() >= 120 || text.chars().count() >= 60 {
        return LineKind::Text;
    }
    let t: String = text
        .trim()
        .trim_end_matches(|c: char| {
            matches!(c, ':' | '.' | '!' | '…' | '»' | '›' | '>' | '|' | '-') || c.is_whitespace()
        })
        .to_lowercase();
    let t = t.trim();
    match t {
        "by"
        | "text size"
        | "advertisement"
        | "advert"
        | "ad"
        | "ads"
        | "advertising"
        | "sponsored"
        | "sponsored content"
        | "paid content"
        | "promoted"
        | "promoted content"
        | "sponsored advert"
        | "story continues below"
        | "story continues below advertisement"
        | "article continues below"
        | "article continues below advertisement"
        | "continue reading below"
        | "advertisement - scroll to continue"
        | "skip advert"
        | "skip ad"
        | "this slideshow requires javascript"
        | "loading"
        | "loading.."
        | "share"
        | "share this"
        | "share this article"
        | "share this story"
        | "share article"
        | "share on facebook"
        | "share on twitter"
        | "tweet"
        | "email"
        | "print"
        | "comments"
        | "comment"
        | "leave a comment"
        | "leave a reply"
        | "post a comment"
        | "add a comment"
        | "view comments"
        | "show comments"
        | "tell us what you think"
        | "tell us what you think.."
        | "click here"
        | "subscribe"
        | "subscribe now"
        | "sign up"
        | "log in"
        | "login"
        | "register"
        | "follow us"
        | "like this"
        | "like this story? share it with a friend"
        | "back to top"
        | "read more"
        | "see more"
        | "show more"
        | "load more"
        | "view more"
        | "more"
        | "next"
        | "previous"
        | "getty images"
        | "shutterstock"
        | "close"
        | "menu"
        | "search"
        | "image"
        | "photo"
        | "video"
        | "gallery"
        | "watch"
        | "listen"
        | "play"
        | "expand"
        | "enlarge"
        | "caption"
        | "hide caption"
        | "toggle caption"
        | "view gallery"
        | "open gallery"
        | "photo gallery"
        | "skip to content"
        | "skip to main content" => LineKind::Junk,
        "related"
        | "related articles"
        | "related stories"
        | "related posts"
        | "related content"
        | "related news"
        | "related topics"
        | "related coverage"
        | "related links"
        | "related reading"
        | "related video"
        | "related videos"
        | "you may also like"
        | "you might also like"
        | "you may like"
        | "you might like"
        | "recommended"
        | "recommended for you"
        | "recommended stories"
        | "recommended articles"
        | "more stories"
        | "more news"
        | "more articles"
        | "more on this"
        | "more on this story"
        | "more on this topic"
        | "read next"
        | "what to read next"
        | "up next"
        | "most popular"
        | "most read"
        | "most viewed"
        | "popular"
        | "popular stories"
        | "trending"
        | "trending now"
        | "trending stories"
        | "editor's picks"
        | "editors' picks"
        | "top stories"
        | "latest news"
        | "latest stories"
        | "latest"
        | "topics"
        | "tags"
        | "places in this story"
        | "people in the story"
        | "people in this story"
        | "organizations in this story"
        | "see also"
        | "also read"
        | "also see"
        | "further reading"
        | "more from our network"
        | "around the web"
        | "from the web"
        | "promoted stories"
        | "don't miss"
        | "must read"
        | "must reads"
        | "more videos" => LineKind::ListOpener,
        _ => {
            let words: Vec<&str> = t.split_whitespace().collect();
            // "Image 1 of 5", "Photo 3 of 12", "1 of 5", "1 - 5 of 36", "12 comments".
            let num = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
            match words.as_slice() {
                [a, "of", b] | [_, a, "of", b] if num(a) && num(b) => LineKind::Junk,
                [a, "-", b, "of", c] if num(a) && num(b) && num(c) => LineKind::Junk,
                [n, "comment" | "comments" | "responses" | "replies"] if num(n) => LineKind::Junk,
                ["more", .., "stories" | "news" | "articles" | "videos"] => LineKind::ListOpener,
                ["more", "from", ..] if words.len() <= 5 => LineKind::ListOpener,
                ["related", ..] if words.len() <= 3 => LineKind::ListOpener,
                _ => LineKind::Text,
            }
        }
    }
}
