//! UD-style words from raw text, each a byte range of it, following the
//! English Web Treebank's conventions: clitics split ("don't" -> do + n't,
//! "Yonhap's" -> Yonhap + 's, "cannot" -> can + not), hyphenated compounds
//! split at the hyphen ("Al-Zaman" -> Al - Zaman), punctuation split off, and
//! abbreviations, initials and dotted acronyms ("U.S.", "Nov.", "J.") kept
//! whole, as are numbers ("1,000", "3.5"), URLs and e-mail addresses.

/// A word of raw text: its byte range in the text given to [`tokenize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// Abbreviations that keep their period (lower case, without it).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol", "pp", "approx", "dept", "est", "fig", "mt", "ft", "rev",
    "hon", "pres", "supt", "univ", "ave", "blvd", "rd", "messrs", "mme", "mlle",
];

const OPENING: &[char] = &['"', '\'', '“', '‘', '«', '(', '[', '{', '$', '£', '€', '¥', '`', '¿', '¡', '#', '*'];
const CLOSING: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '}', ',', ';', ':', '!', '?', '%', '*', '…'];
const DASHES: &[char] = &['—', '–', '―'];

/// Splits `text` into words.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;

    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < text.len() {
            let Some(c) = text[i..].chars().next() else { break };
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        chunk(text, start, i, &mut out);
    }
    out
}

fn is_url(s: &str) -> bool {
    s.contains("://") || s.starts_with("www.") || (s.contains('@') && s.contains('.') && !s.starts_with('@'))
}

/// One whitespace-delimited chunk `text[a..b]`.
fn chunk(text: &str, mut a: usize, mut b: usize, out: &mut Vec<Token>) {
    let mut tail: Vec<Token> = Vec::new();
    // Leading punctuation.
    loop {
        let s = &text[a..b];
        let Some(c) = s.chars().next() else { break };
        if s.starts_with("--") {
            out.push(Token { start: a, end: a + 2 });
            a += 2;
        } else if OPENING.contains(&c) || DASHES.contains(&c) {
            // "$5" -> $ 5, "'s" alone stays a clitic.
            if (c == '\'' || c == '’') && is_clitic(&s[c.len_utf8()..]) && s.len() <= 4 {
                break;
            }
            if s.len() == c.len_utf8() {
                break;
            }
            out.push(Token { start: a, end: a + c.len_utf8() });
            a += c.len_utf8();
        } else {
            break;
        }
    }
    if a >= b {
        return;
    }
    if is_url(&text[a..b]) {
        // Only sentence punctuation comes off a URL.
        while b > a + 1 && matches!(text.as_bytes()[b - 1], b'.' | b',' | b')' | b';' | b'"' | b'!' | b'?') {
            tail.push(Token { start: b - 1, end: b });
            b -= 1;
        }
        out.push(Token { start: a, end: b });
        out.extend(tail.into_iter().rev());
        return;
    }
    // Trailing punctuation.
    loop {
        let s = &text[a..b];
        let Some(c) = s.chars().next_back() else { break };
        if s.len() == c.len_utf8() {
            break;
        }
        if s.ends_with("...") && s.len() > 3 {
            tail.push(Token { start: b - 3, end: b });
            b -= 3;
        } else if s.ends_with("--") && s.len() > 2 {
            tail.push(Token { start: b - 2, end: b });
            b -= 2;
        } else if c == '.' {
            let core = &s[..s.len() - 1];
            if keeps_period(core) {
                break;
            }
            tail.push(Token { start: b - 1, end: b });
            b -= 1;
        } else if (c == '\'' || c == '’') && s.len() > 1 {
            // "parents'" -> parents ', a closing quote likewise.
            tail.push(Token { start: b - c.len_utf8(), end: b });
            b -= c.len_utf8();
        } else if CLOSING.contains(&c) || DASHES.contains(&c) {
            tail.push(Token { start: b - c.len_utf8(), end: b });
            b -= c.len_utf8();
        } else {
            break;
        }
    }
    // Clitics.
    let s = &text[a..b];
    let lower = s.to_lowercase();
    let mut clitic: Option<Token> = None;
    if lower.len() == s.len() {
        if lower == "cannot" {
            clitic = Some(Token { start: b - 3, end: b });
        } else if lower.len() > 3 && (lower.ends_with("n't") || lower.ends_with("n’t")) {
            let n = if lower.ends_with("n't") { 3 } else { 5 };
            clitic = Some(Token { start: b - n, end: b });
        } else if let Some(pos) = s.rfind(['\'', '’'])
            && pos > 0
            && is_clitic(&s[pos + s[pos..].chars().next().map_or(1, char::len_utf8)..])
        {
            clitic = Some(Token { start: a + pos, end: b });
        }
    }
    let core_end = clitic.map_or(b, |c| c.start);
    split_inner(text, a, core_end, out);
    if let Some(c) = clitic {
        out.push(c);
    }
    out.extend(tail.into_iter().rev());
}

fn is_clitic(rest: &str) -> bool {
    matches!(rest.to_lowercase().as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
}

/// Whether `core` + "." is one word: an abbreviation, an initial, a dotted acronym.
fn keeps_period(core: &str) -> bool {
    if core.is_empty() {
        return false;
    }
    let mut chars = core.chars();
    let first = chars.next();
    if chars.next().is_none() && first.is_some_and(char::is_alphabetic) {
        return true;
    }
    if core.contains('.') && core.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    ABBREVIATIONS.contains(&core.to_lowercase().as_str())
}

/// Splits a core at hyphens between letters or digits, and at dashes.
fn split_inner(text: &str, a: usize, b: usize, out: &mut Vec<Token>) {
    if a >= b {
        return;
    }
    let s = &text[a..b];
    let mut start = a;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (off, c) = chars[k];
        let at = a + off;
        let prev_ok = k > 0 && chars[k - 1].1.is_alphanumeric();
        let next_ok = chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if (c == '-' && prev_ok && next_ok) || (DASHES.contains(&c) && k > 0) {
            if at > start {
                out.push(Token { start, end: at });
            }
            out.push(Token { start: at, end: at + c.len_utf8() });
            start = at + c.len_utf8();
        }
        k += 1;
    }
    if b > start {
        out.push(Token { start, end: b });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn ud_conventions() {
        assert_eq!(words("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(words("Yonhap's report"), ["Yonhap", "'s", "report"]);
        assert_eq!(words("the U.S. and U.N. said"), ["the", "U.S.", "and", "U.N.", "said"]);
        assert_eq!(words("Al-Zaman, (Reuters)"), ["Al", "-", "Zaman", ",", "(", "Reuters", ")"]);
        assert_eq!(words("\"We can't,\" he said."), ["\"", "We", "ca", "n't", ",", "\"", "he", "said", "."]);
        assert_eq!(words("Mr. Kim met on Nov. 16."), ["Mr.", "Kim", "met", "on", "Nov.", "16", "."]);
        assert_eq!(words("$5.5 billion, 40% of 1,000"), ["$", "5.5", "billion", ",", "40", "%", "of", "1,000"]);
        assert_eq!(words("the parents' cars"), ["the", "parents", "'", "cars"]);
        assert_eq!(words("You cannot go"), ["You", "can", "not", "go"]);
        assert_eq!(words("see www.example.com."), ["see", "www.example.com", "."]);
        assert_eq!(words("talks—again"), ["talks", "—", "again"]);
        assert_eq!(words("Wait..."), ["Wait", "..."]);
        assert_eq!(words("It’s"), ["It", "’s"]);
    }

    #[test]
    fn offsets_cover_non_space() {
        let s = "  Choi Jong-kun’s “talks” (in D.C.) ended. ";
        for t in tokenize(s) {
            assert!(t.start < t.end);
            assert!(!s[t.start..t.end].contains(' '));
        }
        let joined: String = tokenize(s).iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(joined, s.split_whitespace().collect::<String>());
    }
}
