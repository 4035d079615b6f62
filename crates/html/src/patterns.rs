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
            "footer" | "foot" | "copyright" | "colophon" | "bottom" => FOOTER,
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
            "caption" | "captions" | "figcaption" | "credit" | "credits" | "photocredit" | "wp" => {
                if w == "wp" {
                    0
                } else {
                    CAPTION
                }
            }
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
