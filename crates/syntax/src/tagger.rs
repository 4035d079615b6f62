//! The part-of-speech tagger: greedy left to right, an averaged perceptron
//! over joint UPOS+XPOS tags, with a tag dictionary for frequent unambiguous
//! words and ambiguity classes (the tags a word was seen with) as features.

use std::collections::HashMap;

use crate::lexical::Lex;
use crate::perceptron::{Frozen, KeyMap, Reader, Trainer, mix, put_strings, put_u32};

/// A trained tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    /// Joint tags, `UPOS` and `XPOS` separated by a tab.
    pub(crate) tags: Vec<String>,
    weights: Frozen,
    /// The second pass, which also reads the first pass's tags to the right.
    second: Option<Frozen>,
    /// Normalised form -> the only tag it takes (frequent words).
    tagdict: KeyMap<u16>,
    /// Normalised form -> hash of the set of tags it was seen with.
    ambiguity: KeyMap<u64>,
}

const START: u64 = 0x1234_5678;

/// The features of word `i`, given the tags already chosen before it.
fn features(lex: &[Lex], amb: &[u64], i: usize, t1: u64, t2: u64, out: &mut Vec<u64>) {
    out.clear();
    let n = lex.len();
    let w = |j: isize| -> Option<&Lex> { (j >= 0 && (j as usize) < n).then(|| &lex[j as usize]) };
    let i_ = i as isize;
    let cur = &lex[i];
    let norm = |j: isize| w(j).map_or(START ^ (j - i_) as u64, |l| l.norm);
    let suf3 = |j: isize| w(j).map_or(START ^ 7 ^ (j - i_) as u64, |l| l.suf[2]);
    let shp = |j: isize| w(j).map_or(START ^ 9 ^ (j - i_) as u64, |l| l.shape);
    let am = |j: isize| if j >= 0 && (j as usize) < n { amb[j as usize] } else { START ^ 11 ^ (j - i_) as u64 };
    let mut f = |t: u64, v: u64| out.push(mix(t, v));
    f(1, 0);
    f(2, cur.norm);
    f(3, cur.exact);
    for (k, s) in cur.suf.iter().enumerate() {
        f(4 + k as u64, *s);
    }
    for (k, p) in cur.pre.iter().enumerate() {
        f(8 + k as u64, *p);
    }
    f(11, cur.shape);
    f(12, t1);
    f(13, t2);
    f(14, mix(t1, t2));
    f(15, mix(t1, cur.norm));
    f(16, norm(i_ - 1));
    f(17, suf3(i_ - 1));
    f(18, norm(i_ - 2));
    f(19, norm(i_ + 1));
    f(20, suf3(i_ + 1));
    f(21, norm(i_ + 2));
    f(22, shp(i_ + 1));
    f(23, shp(i_ - 1));
    f(24, mix(norm(i_ - 1), cur.norm));
    f(25, mix(cur.norm, norm(i_ + 1)));
    f(26, mix(t1, norm(i_ + 1)));
    f(27, am(i_));
    f(28, am(i_ + 1));
    f(29, am(i_ + 2));
    f(30, mix(am(i_), am(i_ + 1)));
    f(31, mix(t1, am(i_)));
    f(32, mix(t1, cur.suf[2]));
    f(33, mix(u64::from(i == 0), cur.shape));
    f(34, mix(cur.shape, norm(i_ + 1)));
    f(35, mix(am(i_ + 1), cur.norm));
    let lx = |j: isize| w(j).copied();
    if let Some(nx) = lx(i_ + 1) {
        f(36, nx.suf[0]);
        f(37, nx.suf[1]);
        f(38, nx.pre[0]);
        f(39, nx.exact);
    }
    f(40, shp(i_ + 2));
    f(41, mix(norm(i_ - 1), norm(i_ + 1)));
    f(42, mix(norm(i_ + 1), norm(i_ + 2)));
    f(43, mix(mix(t1, t2), cur.norm));
    f(44, mix(am(i_ - 1), am(i_)));
    f(45, mix(t1, mix(cur.suf[1], am(i_ + 1))));
    f(46, w(i_ - 1).map_or(5, |l| l.exact));
}

fn ambiguity_of(ambiguity: &KeyMap<u64>, lex: &[Lex]) -> Vec<u64> {
    lex.iter().map(|l| ambiguity.get(&l.norm).copied().unwrap_or(0xdead)).collect()
}

/// Tag ids as feature values (distinct from word hashes).
fn tag_value(t: usize) -> u64 {
    0x7a67_0000 + t as u64
}

/// Pass-1 tags of the right context, as pass-2 features.
fn second_features(base: &mut Vec<u64>, first: &[u16], i: usize, t1: u64, norm: u64) {
    let tv = |j: usize| first.get(j).map_or(START ^ 99 ^ j.saturating_sub(i) as u64, |&t| tag_value(t as usize));
    let (c0, r1, r2) = (tv(i), tv(i + 1), tv(i + 2));
    for (t, v) in [
        (50, r1),
        (51, r2),
        (52, mix(r1, r2)),
        (53, c0),
        (54, mix(c0, r1)),
        (55, mix(t1, r1)),
        (56, mix(norm, r1)),
        (57, mix(mix(t1, c0), r1)),
        (58, mix(norm, c0)),
    ] {
        base.push(mix(t, v));
    }
}

impl Tagger {
    /// Tags the words of one sentence; returns indices into the tag table.
    pub(crate) fn tag(&self, lex: &[Lex], out: &mut Vec<u16>) {
        let amb = ambiguity_of(&self.ambiguity, lex);
        let mut first = Vec::with_capacity(lex.len());
        let mut margins = Vec::with_capacity(lex.len());
        tag_pass(&self.weights, None, &self.tagdict, self.tags.len(), lex, &amb, &mut first, &mut margins);
        match &self.second {
            Some(w2) => {
                // The second pass only where the first was unsure.
                let sure = self.sure_margin();
                let keep: Vec<bool> = margins.iter().map(|&m| m >= sure).collect();
                tag_second(w2, &first, &keep, self.tags.len(), lex, &amb, out);
            }
            None => {
                out.clear();
                out.extend_from_slice(&first);
            }
        }
    }

    /// A stable id of the UPOS part of tag `t`.
    pub(crate) fn upos_id(&self, t: u16) -> u64 {
        crate::perceptron::hash_str(self.tag_name(t).0)
    }

    /// A first-pass margin (best minus runner-up, in quantised units) above
    /// which the second pass is skipped.
    fn sure_margin(&self) -> i32 {
        // Chosen on EWT dev: at 10 averaged-perceptron units UPOS is unchanged
        // (0.9496 against 0.9497 with both passes everywhere) and tagging is faster.
        const SURE: f32 = 10.0;
        (SURE / self.weights.scale) as i32
    }

    pub(crate) fn tag_name(&self, t: u16) -> (&str, &str) {
        let s = &self.tags[t as usize];
        s.split_once('\t').unwrap_or((s.as_str(), "_"))
    }

    /// Trains on sentences of (form, joint tag), `epochs` passes; with
    /// `two_pass`, a second tagger learns from the first's jackknifed tags of
    /// the words to the right.
    pub(crate) fn train(
        data: &[(Vec<String>, Vec<String>)],
        epochs: usize,
        seed: u64,
        two_pass: bool,
        prune: u32,
    ) -> Self {
        let mut tags: Vec<String> = Vec::new();
        let mut tag_id: HashMap<String, usize> = HashMap::new();
        let mut counts: HashMap<u64, HashMap<usize, u32>> = HashMap::new();
        let lexed: Vec<(Vec<Lex>, Vec<usize>)> = data
            .iter()
            .map(|(forms, gold)| {
                let lex: Vec<Lex> = forms.iter().map(|f| Lex::of(f)).collect();
                let ids: Vec<usize> = gold
                    .iter()
                    .map(|g| {
                        *tag_id.entry(g.clone()).or_insert_with(|| {
                            tags.push(g.clone());
                            tags.len() - 1
                        })
                    })
                    .collect();
                for (l, &t) in lex.iter().zip(&ids) {
                    *counts.entry(l.norm).or_default().entry(t).or_default() += 1;
                }
                (lex, ids)
            })
            .collect();
        let mut tagdict = KeyMap::default();
        let mut ambiguity = KeyMap::default();
        for (&w, by_tag) in &counts {
            let total: u32 = by_tag.values().sum();
            let (&best, &n) = by_tag.iter().max_by_key(|(t, n)| (**n, usize::MAX - **t)).unwrap_or((&0, &0));
            if total >= 20 && f64::from(n) / f64::from(total) >= 0.995 {
                tagdict.insert(w, best as u16);
            }
            if total >= 2 {
                let mut set: Vec<usize> =
                    by_tag.iter().filter(|(_, c)| f64::from(**c) / f64::from(total) >= 0.05).map(|(t, _)| *t).collect();
                set.sort_unstable();
                let h = set.iter().fold(0xa3b1_u64, |h, &t| mix(h, t as u64));
                ambiguity.insert(w, h);
            }
        }
        let amb: Vec<Vec<u64>> = lexed.iter().map(|(lex, _)| ambiguity_of(&ambiguity, lex)).collect();
        let all: Vec<usize> = (0..lexed.len()).collect();
        let n_tags = tags.len();
        let weights = train_pass(&lexed, &amb, &all, None, &tagdict, n_tags, epochs, seed, prune);
        let second = two_pass.then(|| {
            const FOLDS: usize = 4;
            let mut first: Vec<Vec<u16>> = vec![Vec::new(); lexed.len()];
            for k in 0..FOLDS {
                let part: Vec<usize> = all.iter().copied().filter(|i| i % FOLDS != k).collect();
                let w = train_pass(&lexed, &amb, &part, None, &tagdict, n_tags, epochs, seed + 1 + k as u64, prune);
                for i in all.iter().copied().filter(|i| i % FOLDS == k) {
                    let mut m = Vec::new();
                    tag_pass(&w, None, &tagdict, n_tags, &lexed[i].0, &amb[i], &mut first[i], &mut m);
                }
            }
            train_pass(&lexed, &amb, &all, Some(&first), &tagdict, n_tags, epochs, seed + 7, prune)
        });
        Self { tags, weights, second, tagdict, ambiguity }
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_strings(out, &self.tags);
        let mut td: Vec<(u64, u16)> = self.tagdict.iter().map(|(&k, &v)| (k, v)).collect();
        td.sort_unstable();
        put_u32(out, td.len() as u32);
        for (k, v) in td {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        let mut am: Vec<(u64, u64)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        am.sort_unstable();
        put_u32(out, am.len() as u32);
        for (k, v) in am {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        self.weights.write(out);
        out.push(u8::from(self.second.is_some()));
        if let Some(w) = &self.second {
            w.write(out);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Option<Self> {
        let tags = r.strings()?;
        let n = r.u32()? as usize;
        let mut tagdict = KeyMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            let v = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
            if v as usize >= tags.len() {
                return None;
            }
            tagdict.insert(k, v);
        }
        let n = r.u32()? as usize;
        let mut ambiguity = KeyMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            ambiguity.insert(k, r.u64()?);
        }
        let weights = Frozen::read(r)?;
        let second = match r.take(1)?[0] {
            0 => None,
            _ => Some(Frozen::read(r)?).filter(|w| w.classes == tags.len()),
        };
        (weights.classes == tags.len()).then_some(Self { tags, weights, second, tagdict, ambiguity })
    }

    pub(crate) fn size(&self) -> (usize, usize) {
        let (r2, e2) = self.second.as_ref().map_or((0, 0), |w| (w.rows(), w.entries()));
        (self.weights.rows() + r2, self.weights.entries() + e2)
    }
}

pub(crate) fn argmax_i(s: &[i32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

pub(crate) fn argmax_f(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

/// The second pass: words whose first-pass tag is sure keep it.
fn tag_second(
    weights: &Frozen,
    first: &[u16],
    keep: &[bool],
    n_tags: usize,
    lex: &[Lex],
    amb: &[u64],
    out: &mut Vec<u16>,
) {
    out.clear();
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0i32; n_tags];
    let (mut t1, mut t2) = (START, START ^ 1);
    for i in 0..lex.len() {
        let t = if keep[i] {
            first[i] as usize
        } else {
            features(lex, amb, i, t1, t2, &mut feats);
            second_features(&mut feats, first, i, t1, lex[i].norm);
            weights.score(&feats, &mut scores);
            argmax_i(&scores)
        };
        out.push(t as u16);
        t2 = t1;
        t1 = tag_value(t);
    }
}

#[allow(clippy::too_many_arguments)]
fn tag_pass(
    weights: &Frozen,
    first: Option<&[u16]>,
    tagdict: &KeyMap<u16>,
    n_tags: usize,
    lex: &[Lex],
    amb: &[u64],
    out: &mut Vec<u16>,
    margins: &mut Vec<i32>,
) {
    out.clear();
    margins.clear();
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0i32; n_tags];
    let (mut t1, mut t2) = (START, START ^ 1);
    for i in 0..lex.len() {
        let t = match tagdict.get(&lex[i].norm) {
            Some(&t) => {
                margins.push(i32::MAX);
                t as usize
            }
            None => {
                features(lex, amb, i, t1, t2, &mut feats);
                if let Some(first) = first {
                    second_features(&mut feats, first, i, t1, lex[i].norm);
                }
                weights.score(&feats, &mut scores);
                let best = argmax_i(&scores);
                let runner =
                    scores.iter().enumerate().filter(|(k, _)| *k != best).map(|(_, v)| *v).max().unwrap_or(i32::MIN);
                margins.push(scores[best].saturating_sub(runner));
                best
            }
        };
        out.push(t as u16);
        t2 = t1;
        t1 = tag_value(t);
    }
}

#[allow(clippy::too_many_arguments)]
fn train_pass(
    lexed: &[(Vec<Lex>, Vec<usize>)],
    amb: &[Vec<u64>],
    sents: &[usize],
    first: Option<&[Vec<u16>]>,
    tagdict: &KeyMap<u16>,
    n_tags: usize,
    epochs: usize,
    seed: u64,
    prune: u32,
) -> Frozen {
    let mut trainer = Trainer::new(n_tags);
    let mut order = sents.to_vec();
    let mut rng = crate::Rng(seed);
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; n_tags];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (lex, gold) = &lexed[s];
            let (mut t1, mut t2) = (START, START ^ 1);
            for i in 0..lex.len() {
                trainer.tick();
                let guess = match tagdict.get(&lex[i].norm) {
                    Some(&t) => t as usize,
                    None => {
                        features(lex, &amb[s], i, t1, t2, &mut feats);
                        if let Some(first) = first {
                            second_features(&mut feats, &first[s], i, t1, lex[i].norm);
                        }
                        trainer.score(&feats, &mut scores);
                        let g = argmax_f(&scores);
                        trainer.update(&feats, gold[i], g);
                        g
                    }
                };
                t2 = t1;
                t1 = tag_value(guess);
            }
        }
    }
    trainer.freeze(prune)
}
