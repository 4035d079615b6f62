//! Tokens of a zone's text and the normalised stream the dictionaries are matched on.
//!
//! The stream holds one normalised form per token (lower case, accents folded, dots of
//! abbreviations dropped: "U.S." is `us`), separated by single spaces. Hyphens between
//! letters separate tokens ("Choi Jong-kun" is `choi jong kun`), so "Kim Jong-un" and
//! "Kim Jong Un" read the same. Possessive `'s` is a token of its own.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Num,
    Punct,
    /// `'s` or a bare `'` after a plural ("Koreans'").
    Poss,
}

/// One token: its bytes in the text and its normalised form in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub s_start: usize,
    pub s_end: usize,
    pub kind: TokKind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// All its letters are upper case, and it has at least two ("US", "U.S.", "DPRK").
    pub upper: bool,
    /// Joined to the previous token by a hyphen ("kun" in "Jong-kun").
    pub hyph: bool,
    /// A line break comes before it (a paragraph or line boundary).
    pub line_before: bool,
}

/// The tokens of a text and their normalised stream.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    pub toks: Vec<Tok>,
    pub stream: String,
}

/// Function words that copy sometimes runs into the next name ("toKim").
const SPLIT_PREFIXES: &[&str] = &["to", "of", "and", "the", "by", "for", "with", "in", "on", "at", "from"];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Folds common Latin accents and lower-cases.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let f = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => {
            'a'
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => 'i',
        'ñ' | 'ń' | 'ň' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ğ' | 'Ğ' => 'g',
        'ş' | 'ś' | 'š' | 'Ş' | 'Š' => 's',
        'ž' | 'ź' | 'ż' | 'Ž' => 'z',
        'ł' | 'Ł' => 'l',
        'ř' => 'r',
        'đ' => 'd',
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push(f);
}

/// Tokenises `text`.
pub(crate) fn tokenize(text: &str) -> Tokens {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut stream = String::with_capacity(text.len() + 16);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let pos = |k: usize| chars.get(k).map_or(text.len(), |&(p, _)| p);
    let mut i = 0;
    let mut hyph_next = false;
    let mut line_before = false;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                line_before = true;
            }
            hyph_next = false;
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            // A word: letters and digits, apostrophes inside names, dots inside abbreviations.
            let start_i = i;
            let mut seg_len = 0usize; // letters since the last dot
            let mut has_dot = false;
            let mut j = i;
            while j < n {
                let d = chars[j].1;
                if d.is_alphanumeric() {
                    seg_len += 1;
                    j += 1;
                    continue;
                }
                // "30,000", "1.5": one number.
                if matches!(d, ',' | '.')
                    && j > start_i
                    && chars[j - 1].1.is_ascii_digit()
                    && at(j + 1).is_some_and(|c| c.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                if is_apostrophe(d) && at(j + 1).is_some_and(char::is_alphabetic) {
                    let next = at(j + 1).unwrap_or(' ');
                    let after = at(j + 2);
                    let possessive = matches!(next, 's' | 'S') && !after.is_some_and(char::is_alphanumeric);
                    if possessive {
                        break;
                    }
                    seg_len = 0;
                    j += 1;
                    continue;
                }
                if d == '.' && seg_len == 1 && at(j + 1).is_some_and(|c| c.is_alphabetic()) && {
                    // "U.S", "D.C": the next segment is one letter too.
                    let after = at(j + 2);
                    !after.is_some_and(char::is_alphabetic)
                } {
                    has_dot = true;
                    seg_len = 0;
                    j += 1;
                    continue;
                }
                break;
            }
            // "toKim Jong Un": a function word run into a name.
            if let Some(p) = (1..(j - start_i).min(6))
                .find(|&p| chars[start_i + p - 1].1.is_lowercase() && chars[start_i + p].1.is_uppercase())
            {
                let prefix: String = chars[start_i..start_i + p].iter().map(|c| c.1).collect();
                if SPLIT_PREFIXES.contains(&prefix.as_str()) {
                    j = start_i + p;
                    has_dot = false;
                }
            }
            // "U.S." keeps its last dot.
            if has_dot && seg_len == 1 && at(j) == Some('.') {
                j += 1;
            }
            let s = pos(start_i);
            let e = pos(j);
            let word = &text[s..e];
            let s_start = if stream.is_empty() { 0 } else { stream.len() + 1 };
            if !stream.is_empty() {
                stream.push(' ');
            }
            let mut letters = 0;
            let mut uppers = 0;
            let mut all_digits = true;
            for ch in word.chars() {
                if ch == '.' || ch == ',' {
                    continue;
                }
                if ch.is_alphabetic() {
                    letters += 1;
                    if ch.is_uppercase() {
                        uppers += 1;
                    }
                }
                if !ch.is_ascii_digit() {
                    all_digits = false;
                }
                if is_apostrophe(ch) {
                    stream.push('\'');
                } else {
                    fold_char(ch, &mut stream);
                }
            }
            let cap = word.chars().next().is_some_and(char::is_uppercase);
            let tok = Tok {
                start: s,
                end: e,
                s_start,
                s_end: stream.len(),
                kind: if all_digits { TokKind::Num } else { TokKind::Word },
                cap,
                upper: letters >= 2 && uppers == letters,
                hyph: hyph_next,
                line_before,
            };
            toks.push(tok);
            hyph_next = false;
            line_before = false;
            i = j;
            continue;
        }
        if is_apostrophe(c) {
            // Possessive: "'s" after a word, or "'" after a plural.
            let prev_word = i > 0 && chars[i - 1].1.is_alphanumeric();
            if prev_word {
                let next = at(i + 1);
                let (len, norm) = if matches!(next, Some('s' | 'S')) && !at(i + 2).is_some_and(char::is_alphanumeric) {
                    (2, "'s")
                } else {
                    (1, "'")
                };
                let s = pos(i);
                let e = pos(i + len);
                let s_start = if stream.is_empty() { 0 } else { stream.len() + 1 };
                if !stream.is_empty() {
                    stream.push(' ');
                }
                stream.push_str(norm);
                toks.push(Tok {
                    start: s,
                    end: e,
                    s_start,
                    s_end: stream.len(),
                    kind: TokKind::Poss,
                    cap: false,
                    upper: false,
                    hyph: false,
                    line_before,
                });
                line_before = false;
                hyph_next = false;
                i += len;
                continue;
            }
        }
        if is_hyphen(c) && i > 0 && chars[i - 1].1.is_alphanumeric() && at(i + 1).is_some_and(char::is_alphanumeric) {
            hyph_next = true;
            i += 1;
            continue;
        }
        // Punctuation: one token per character.
        let s = pos(i);
        let e = pos(i + 1);
        let s_start = if stream.is_empty() { 0 } else { stream.len() + 1 };
        if !stream.is_empty() {
            stream.push(' ');
        }
        let norm = match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2018}' => '\'',
            '\u{2013}' | '\u{2014}' => '-',
            other => other,
        };
        stream.push(norm);
        toks.push(Tok {
            start: s,
            end: e,
            s_start,
            s_end: stream.len(),
            kind: TokKind::Punct,
            cap: false,
            upper: false,
            hyph: false,
            line_before,
        });
        line_before = false;
        hyph_next = false;
        i += 1;
    }
    Tokens { toks, stream }
}

impl Tokens {
    /// The normalised form of token `i`.
    pub fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.stream[t.s_start..t.s_end])
    }

    /// Whether token `i` is the word `w` (normalised).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.norm(i) == w
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Replaces the normalised form of token `i` (shifting the stream after it).
    pub fn replace_norm(&mut self, i: usize, new: &str) {
        let Some(t) = self.toks.get(i).copied() else { return };
        let old_len = t.s_end - t.s_start;
        self.stream.replace_range(t.s_start..t.s_end, new);
        let delta = new.len() as isize - old_len as isize;
        self.toks[i].s_end = t.s_start + new.len();
        for tok in &mut self.toks[i + 1..] {
            tok.s_start = (tok.s_start as isize + delta) as usize;
            tok.s_end = (tok.s_end as isize + delta) as usize;
        }
    }

    /// Index of the token starting at stream offset `s`, if one does.
    pub fn tok_starting(&self, s: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.s_start < s);
        (self.toks.get(i)?.s_start == s).then_some(i)
    }

    /// Index of the token ending at stream offset `e`, if one does.
    pub fn tok_ending(&self, e: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.s_end < e);
        (self.toks.get(i)?.s_end == e).then_some(i)
    }
}

/// The normalised words of a name, without punctuation: "J.D. Vance" is `jd vance`.
pub(crate) fn name_key(s: &str) -> String {
    let t = tokenize(s);
    let mut out = String::with_capacity(t.stream.len());
    for (i, tok) in t.toks.iter().enumerate() {
        if matches!(tok.kind, TokKind::Word | TokKind::Num) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t.norm(i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        let t = tokenize(s);
        (0..t.len()).map(|i| t.norm(i).to_owned()).collect()
    }

    #[test]
    fn abbreviations_possessives_hyphens() {
        assert_eq!(norms("U.S. and S. Korea's"), ["us", "and", "s", ".", "korea", "'s"]);
        assert_eq!(norms("Choi Jong-kun (L)"), ["choi", "jong", "kun", "(", "l", ")"]);
        assert_eq!(norms("Workers’ Party"), ["workers", "'", "party"]);
        assert_eq!(norms("O'Brien said."), ["o'brien", "said", "."]);
        assert_eq!(norms("Côte d'Ivoire"), ["cote", "d'ivoire"]);
        assert_eq!(norms("Washington, D.C."), ["washington", ",", "dc"]);
        assert_eq!(norms("support toKim Jong Un"), ["support", "to", "kim", "jong", "un"]);
        assert_eq!(norms("30,000 North Koreans, 1.5 million"), ["30000", "north", "koreans", ",", "15", "million"]);
        assert_eq!(norms("iPhone McMaster"), ["iphone", "mcmaster"]);
        let t = tokenize("Jong-kun");
        assert!(t.toks[1].hyph);
        assert!(tokenize("US").toks[0].upper);
        assert!(!tokenize("Us").toks[0].upper);
    }

    #[test]
    fn replace_shifts_stream() {
        let mut t = tokenize("First Vice Foriegn Minister Choi");
        t.replace_norm(2, "foreign");
        assert_eq!(t.stream, "first vice foreign minister choi");
        assert_eq!(t.norm(4), "choi");
        assert_eq!(t.tok_starting(11), Some(2));
        assert_eq!(t.tok_ending(18), Some(2));
    }
}
