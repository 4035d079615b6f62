//! Lemmas and morphological features, learned from the treebank: a lookup of
//! (form, XPOS) seen in training, then suffix rules per XPOS for unseen forms.

use std::collections::HashMap;

use crate::perceptron::{KeyMap, Reader, hash_str, mix, put_str, put_u32};

fn key(a: &str, b: &str) -> u64 {
    mix(hash_str(a), hash_str(b))
}

/// How to turn a form into its lemma: drop `strip` characters, add `add`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    strip: u8,
    add: String,
}

fn rule_of(form: &str, lemma: &str) -> Rule {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    Rule { strip: (f.len() - common).min(255) as u8, add: l[common..].iter().collect() }
}

fn apply(form: &str, rule: &Rule) -> Option<String> {
    let chars: Vec<char> = form.chars().collect();
    let keep = chars.len().checked_sub(rule.strip as usize)?;
    let mut s: String = chars[..keep].iter().collect();
    s.push_str(&rule.add);
    Some(s)
}

fn suffix(form: &str, k: usize) -> Option<&str> {
    let mut idx = form.char_indices().rev().map(|(i, _)| i);
    let start = idx.nth(k - 1)?;
    Some(&form[start..])
}

/// The lemmatiser and feature lookup.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Morphology {
    /// (form, xpos) -> lemma, for the exact form and its lower case.
    lemmas: KeyMap<String>,
    /// (xpos, suffix) -> rule, suffixes of 1 to 4 characters of the lower case.
    rules: KeyMap<(u8, String)>,
    /// (lower, xpos) -> FEATS.
    feats: KeyMap<String>,
    /// (xpos, "") -> its most frequent FEATS.
    default_feats: KeyMap<String>,
}

fn most_frequent<K: std::hash::Hash + Eq + Clone + Ord>(m: HashMap<K, u32>) -> Option<(K, u32)> {
    m.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
}

impl Morphology {
    /// Learns from (form, xpos, lemma, feats) of the training words.
    pub(crate) fn train<'a>(words: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)>) -> Self {
        let mut lem: HashMap<u64, HashMap<String, u32>> = HashMap::new();
        let mut rules: HashMap<u64, HashMap<Rule, u32>> = HashMap::new();
        let mut feats: HashMap<u64, HashMap<String, u32>> = HashMap::new();
        let mut dfeats: HashMap<u64, HashMap<String, u32>> = HashMap::new();
        for (form, xpos, lemma, f) in words {
            let lower = form.to_lowercase();
            *lem.entry(key(form, xpos)).or_default().entry(lemma.to_owned()).or_default() += 1;
            if lower != form {
                *lem.entry(key(&lower, xpos)).or_default().entry(lemma.to_owned()).or_default() += 1;
            }
            *feats.entry(key(&lower, xpos)).or_default().entry(f.to_owned()).or_default() += 1;
            *dfeats.entry(key(xpos, "")).or_default().entry(f.to_owned()).or_default() += 1;
            let base = if xpos.starts_with("NNP") { form.to_owned() } else { lower.clone() };
            let r = rule_of(&base, lemma);
            for k in 1..=4 {
                if let Some(s) = suffix(&lower, k) {
                    *rules.entry(key(xpos, s)).or_default().entry(r.clone()).or_default() += 1;
                }
            }
        }
        let pick = |m: HashMap<u64, HashMap<String, u32>>| -> KeyMap<String> {
            m.into_iter().filter_map(|(k, v)| most_frequent(v).map(|(l, _)| (k, l))).collect()
        };
        let rules = rules
            .into_iter()
            .filter_map(|(k, v)| {
                let total: u32 = v.values().sum();
                let (r, n) = v.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.add.cmp(&a.0.add)))?;
                (total >= 2 && n * 2 > total).then_some((k, (r.strip, r.add)))
            })
            .collect();
        Self { lemmas: pick(lem), rules, feats: pick(feats), default_feats: pick(dfeats) }
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        if let Some(l) = self.lemmas.get(&key(form, xpos)) {
            return l.clone();
        }
        let lower = form.to_lowercase();
        if let Some(l) = self.lemmas.get(&key(&lower, xpos)) {
            return l.clone();
        }
        let base = if xpos.starts_with("NNP") { form.to_owned() } else { lower.clone() };
        for k in (1..=4).rev() {
            let Some(s) = suffix(&lower, k) else { continue };
            if let Some((strip, add)) = self.rules.get(&key(xpos, s))
                && let Some(l) = apply(&base, &Rule { strip: *strip, add: add.clone() }).filter(|l| !l.is_empty())
            {
                return l;
            }
        }
        base
    }

    /// The FEATS of `form` tagged `xpos` (`_` when none).
    pub fn feats(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        self.feats
            .get(&key(&lower, xpos))
            .or_else(|| self.default_feats.get(&key(xpos, "")))
            .cloned()
            .unwrap_or_else(|| "_".to_owned())
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let map = |out: &mut Vec<u8>, m: &KeyMap<String>| {
            let mut v: Vec<(&u64, &String)> = m.iter().collect();
            v.sort();
            put_u32(out, v.len() as u32);
            for (k, val) in v {
                out.extend_from_slice(&k.to_le_bytes());
                put_str(out, val);
            }
        };
        map(out, &self.lemmas);
        let mut v: Vec<(&u64, &(u8, String))> = self.rules.iter().collect();
        v.sort();
        put_u32(out, v.len() as u32);
        for (k, (s, a)) in v {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(*s);
            put_str(out, a);
        }
        map(out, &self.feats);
        map(out, &self.default_feats);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Option<Self> {
        fn map(r: &mut Reader<'_>) -> Option<KeyMap<String>> {
            let n = r.u32()? as usize;
            (0..n).map(|_| Some((r.u64()?, r.string()?))).collect()
        }
        let lemmas = map(r)?;
        let n = r.u32()? as usize;
        let mut rules = KeyMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            let s = r.take(1)?[0];
            rules.insert(k, (s, r.string()?));
        }
        let feats = map(r)?;
        let default_feats = map(r)?;
        Some(Self { lemmas, rules, feats, default_feats })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_generalise_to_unseen_forms() {
        let words = [
            ("walked", "VBD", "walk", "Tense=Past"),
            ("talked", "VBD", "talk", "Tense=Past"),
            ("jumped", "VBD", "jump", "Tense=Past"),
            ("cities", "NNS", "city", "Number=Plur"),
            ("parties", "NNS", "party", "Number=Plur"),
            ("Seoul", "NNP", "Seoul", "Number=Sing"),
        ];
        let m = Morphology::train(words.iter().copied());
        assert_eq!(m.lemma("condemned", "VBD"), "condemn");
        assert_eq!(m.lemma("Walked", "VBD"), "walk");
        assert_eq!(m.lemma("armies", "NNS"), "army");
        assert_eq!(m.lemma("Pyongyang", "NNP"), "Pyongyang");
        assert_eq!(m.feats("marched", "VBD"), "Tense=Past");
    }
}
