//! The dependency parser: arc-eager transitions (Nivre 2003) with the root at
//! the end of the buffer (Ballesteros and Nivre 2013), chosen greedily by an
//! averaged perceptron over Zhang and Nivre's (2011) rich non-local features,
//! trained with the dynamic oracle and exploration of Goldberg and Nivre
//! (2012). Labels are chosen by a second perceptron when an arc is made.
//! Output trees are projective and have one root.

use crate::lexical::Lex;
use crate::perceptron::{Frozen, Reader, Trainer, mix, put_strings};
use crate::tagger::{argmax_f, argmax_i};

const NONE: u32 = u32::MAX;
const SHIFT: usize = 0;
const REDUCE: usize = 1;
const LEFT: usize = 2;
const RIGHT: usize = 3;

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    pub(crate) labels: Vec<String>,
    root_label: u16,
    moves: Frozen,
    labeller: Frozen,
}

/// What the parser reads of each word: its lexical hash and its tag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// The normalised form.
    pub w: u64,
    /// The joint UPOS+XPOS tag.
    pub p: u64,
    /// The UPOS alone (a coarser back-off).
    pub u: u64,
    /// The last three letters.
    pub s: u64,
}

impl Token {
    pub(crate) fn new(lex: &Lex, tag: u64, upos: u64) -> Self {
        Self { w: lex.norm, p: 0x7000_0000 + tag, u: 0x7100_0000 ^ upos, s: lex.suf[2] }
    }
}

/// The parser's configuration over one sentence of `n` words; index `n` is the root.
#[derive(Debug)]
struct State {
    n: usize,
    stack: Vec<u32>,
    /// Front of the buffer (the buffer is `b..=n`).
    b: usize,
    head: Vec<u32>,
    label: Vec<u16>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    on_stack: Vec<bool>,
}

impl State {
    fn new(n: usize) -> Self {
        let m = n + 1;
        Self {
            n,
            stack: Vec::with_capacity(m),
            b: 0,
            head: vec![NONE; m],
            label: vec![u16::MAX; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
            on_stack: vec![false; m],
        }
    }

    fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    fn at_root(&self) -> bool {
        self.b == self.n
    }

    fn valid(&self, mv: usize) -> bool {
        let s0 = self.s0();
        match mv {
            SHIFT => !self.at_root(),
            REDUCE => s0 != NONE && self.head[s0 as usize] != NONE,
            LEFT => s0 != NONE && self.head[s0 as usize] == NONE,
            RIGHT => s0 != NONE && !self.at_root(),
            _ => false,
        }
    }

    fn arc(&mut self, h: usize, d: usize, label: u16) {
        self.head[d] = h as u32;
        self.label[d] = label;
        let bit = 1u64 << (label % 64);
        if d < h {
            self.l2[h] = self.l1[h];
            self.l1[h] = d as u32;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d as u32;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    fn pop(&mut self) {
        if let Some(s) = self.stack.pop() {
            self.on_stack[s as usize] = false;
        }
    }

    fn push_b(&mut self) {
        self.stack.push(self.b as u32);
        self.on_stack[self.b] = true;
        self.b += 1;
    }

    /// The cost of each move under the dynamic oracle: gold arcs it makes unreachable.
    fn costs(&self, gold: &[u32], kids: &[Vec<u32>], out: &mut [u32; 4]) {
        let b = self.b;
        let s0 = self.s0();
        let headless_on_stack = |k: u32| self.on_stack[k as usize] && self.head[k as usize] == NONE;
        let kids_in_buffer = |s: usize| kids[s].iter().filter(|&&k| k as usize >= b).count() as u32;
        *out = [u32::MAX; 4];
        if self.valid(SHIFT) {
            let g = gold[b];
            out[SHIFT] = u32::from((g as usize) < b && self.on_stack[g as usize])
                + kids[b].iter().filter(|&&k| headless_on_stack(k)).count() as u32;
        }
        if self.valid(RIGHT) {
            let g = gold[b] as usize;
            let lost_head = g != s0 as usize && (g > b || (g < b && self.on_stack[g]));
            out[RIGHT] = u32::from(lost_head) + kids[b].iter().filter(|&&k| headless_on_stack(k)).count() as u32;
        }
        if self.valid(LEFT) {
            let s = s0 as usize;
            out[LEFT] = u32::from(gold[s] as usize > b) + kids_in_buffer(s);
        }
        if self.valid(REDUCE) {
            out[REDUCE] = kids_in_buffer(s0 as usize);
        }
    }
}

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=7 => 5,
        8..=11 => 6,
        _ => 7,
    }
}

/// The features of the moves at `st`.
fn move_features(toks: &[Token], st: &State, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let w = |i: u32| -> u64 {
        if i == NONE {
            1
        } else if i as usize >= n {
            2
        } else {
            toks[i as usize].w
        }
    };
    let p = |i: u32| -> u64 {
        if i == NONE {
            3
        } else if i as usize >= n {
            4
        } else {
            toks[i as usize].p
        }
    };
    let lab = |i: u32| -> u64 { if i == NONE { 0xffff } else { u64::from(st.label[i as usize]) } };
    let get = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let s0 = st.s0();
    let n0 = st.b as u32;
    let n1 = if st.b < n { (st.b + 1) as u32 } else { NONE };
    let n2 = if st.b + 2 <= n { (st.b + 2) as u32 } else { NONE };
    let s0h = if s0 == NONE { NONE } else { st.head[s0 as usize] };
    let s0h2 = get(&st.head, s0h);
    let (s0l, s0l2, s0r, s0r2) = (get(&st.l1, s0), get(&st.l2, s0), get(&st.r1, s0), get(&st.r2, s0));
    let (n0l, n0l2) = (get(&st.l1, n0), get(&st.l2, n0));
    let s1 = if st.stack.len() >= 2 { st.stack[st.stack.len() - 2] } else { NONE };

    let (s0w, s0p, n0w, n0p, n1w, n1p, n2w, n2p) = (w(s0), p(s0), w(n0), p(n0), w(n1), p(n1), w(n2), p(n2));
    let s0wp = mix(s0w, s0p);
    let n0wp = mix(n0w, n0p);
    let n1wp = mix(n1w, n1p);
    let n2wp = mix(n2w, n2p);
    let mut t = 0u64;
    let mut f = |v: u64| {
        t += 1;
        out.push(mix(t, v));
    };
    // Single words.
    f(s0wp);
    f(s0w);
    f(s0p);
    f(n0wp);
    f(n0w);
    f(n0p);
    f(n1wp);
    f(n1w);
    f(n1p);
    f(n2wp);
    f(n2w);
    f(n2p);
    // Pairs.
    f(mix(s0wp, n0wp));
    f(mix(s0wp, n0w));
    f(mix(s0w, n0wp));
    f(mix(s0wp, n0p));
    f(mix(s0p, n0wp));
    f(mix(s0w, n0w));
    f(mix(s0p, n0p));
    f(mix(n0p, n1p));
    // Three words.
    f(mix(mix(n0p, n1p), n2p));
    f(mix(mix(s0p, n0p), n1p));
    f(mix(mix(p(s0h), s0p), n0p));
    f(mix(mix(s0p, p(s0l)), n0p));
    f(mix(mix(s0p, p(s0r)), n0p));
    f(mix(mix(s0p, n0p), p(n0l)));
    // Distance.
    let d = if s0 == NONE { 0 } else { dist_bucket(st.b - s0 as usize) };
    f(mix(s0w, d));
    f(mix(s0p, d));
    f(mix(n0w, d));
    f(mix(n0p, d));
    f(mix(mix(s0w, n0w), d));
    f(mix(mix(s0p, n0p), d));
    // Valency.
    let nl = |i: u32| if i == NONE { 99 } else { u64::from(st.nl[i as usize]) };
    let nr = |i: u32| if i == NONE { 99 } else { u64::from(st.nr[i as usize]) };
    f(mix(s0w, nr(s0)));
    f(mix(s0p, nr(s0)));
    f(mix(s0w, nl(s0)));
    f(mix(s0p, nl(s0)));
    f(mix(n0w, nl(n0)));
    f(mix(n0p, nl(n0)));
    // Unigrams of the neighbourhood.
    f(w(s0h));
    f(p(s0h));
    f(lab(s0));
    f(w(s0l));
    f(p(s0l));
    f(lab(s0l));
    f(w(s0r));
    f(p(s0r));
    f(lab(s0r));
    f(w(n0l));
    f(p(n0l));
    f(lab(n0l));
    // Third order.
    f(w(s0h2));
    f(p(s0h2));
    f(lab(s0h));
    f(w(s0l2));
    f(p(s0l2));
    f(lab(s0l2));
    f(w(s0r2));
    f(p(s0r2));
    f(lab(s0r2));
    f(w(n0l2));
    f(p(n0l2));
    f(lab(n0l2));
    f(mix(mix(s0p, p(s0l)), p(s0l2)));
    f(mix(mix(s0p, p(s0r)), p(s0r2)));
    f(mix(mix(s0p, p(s0h)), p(s0h2)));
    f(mix(mix(n0p, p(n0l)), p(n0l2)));
    // Label sets.
    let ls = |v: &Vec<u64>, i: u32| if i == NONE { 7 } else { v[i as usize] };
    f(mix(s0w, ls(&st.rset, s0)));
    f(mix(s0p, ls(&st.rset, s0)));
    f(mix(s0w, ls(&st.lset, s0)));
    f(mix(s0p, ls(&st.lset, s0)));
    f(mix(n0w, ls(&st.lset, n0)));
    f(mix(n0p, ls(&st.lset, n0)));
    // Extras: the word below the top of the stack, whether s0 has a head,
    // the word before the buffer front.
    f(mix(mix(p(s1), s0p), n0p));
    f(mix(w(s1), n0p));
    let has_head = u64::from(s0 != NONE && st.head[s0 as usize] != NONE);
    f(mix(mix(has_head, s0p), n0p));
    let before = if st.b > 0 { (st.b - 1) as u32 } else { NONE };
    f(mix(mix(p(before), n0p), s0p));
    f(mix(mix(s0p, n0p), n1p) ^ has_head);
    f(mix(mix(mix(s0p, n0p), d), has_head));
    // Coarse tags and suffixes: back-off for rare words.
    let u = |i: u32| -> u64 {
        if i == NONE {
            5
        } else if i as usize >= n {
            6
        } else {
            toks[i as usize].u
        }
    };
    let sf = |i: u32| -> u64 { if i == NONE || i as usize >= n { 8 } else { toks[i as usize].s } };
    let (s0u, n0u, n1u) = (u(s0), u(n0), u(n1));
    f(mix(s0u, n0u));
    f(mix(mix(s0u, n0u), n1u));
    f(mix(mix(n0u, n1u), u(n2)));
    f(mix(mix(u(s1), s0u), n0u));
    f(mix(mix(s0u, u(s0l)), n0u));
    f(mix(mix(s0u, u(s0r)), n0u));
    f(mix(mix(s0u, n0u), u(n0l)));
    f(mix(mix(u(s0h), s0u), n0u));
    f(mix(s0w, n0u));
    f(mix(s0u, n0w));
    f(mix(sf(s0), n0u));
    f(mix(s0u, sf(n0)));
    f(mix(sf(n0), n0u));
    f(mix(mix(s0u, n0u), d));
}

/// The features of the label of a new arc `h -> d`.
fn label_features(toks: &[Token], st: &State, h: usize, d: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let w = |i: usize| -> u64 { if i >= n { 2 } else { toks[i].w } };
    let p = |i: usize| -> u64 { if i >= n { 4 } else { toks[i].p } };
    let opt = |i: u32| -> Option<usize> { (i != NONE).then_some(i as usize) };
    let wo = |i: Option<usize>| i.map_or(1, w);
    let po = |i: Option<usize>| i.map_or(3, p);
    let lab = |i: Option<usize>| i.map_or(0xffff, |i| u64::from(st.label[i]));
    let dir = u64::from(d < h) + 10;
    let dist = dist_bucket(h.abs_diff(d));
    let (hw, hp, dw, dp) = (w(h), p(h), w(d), p(d));
    let dl1 = opt(st.l1[d]);
    let dr1 = opt(st.r1[d]);
    let hl1 = opt(st.l1[h]);
    let hr1 = opt(st.r1[h]);
    let hh = if h < n { opt(st.head[h]) } else { None };
    let dnext = (d + 1 < n).then_some(d + 1);
    let dprev = d.checked_sub(1);
    let mut t = 100u64;
    let mut f = |v: u64| {
        t += 1;
        out.push(mix(mix(t, v), dir));
    };
    f(0);
    f(hw);
    f(hp);
    f(dw);
    f(dp);
    f(mix(hw, dw));
    f(mix(hp, dp));
    f(mix(hw, dp));
    f(mix(hp, dw));
    f(mix(mix(hp, dp), dist));
    f(mix(dp, lab(dl1)));
    f(mix(dp, wo(dl1)));
    f(mix(dp, lab(dr1)));
    f(mix(mix(hp, dp), lab(hl1)));
    f(mix(mix(hp, dp), lab(hr1)));
    f(mix(mix(hp, dp), lab(hh)));
    f(mix(mix(hp, dp), po(hh)));
    f(mix(dw, po(dnext)));
    f(mix(dp, po(dnext)));
    f(mix(dp, po(dprev)));
    f(mix(mix(hp, dp), wo(dl1)));
    f(mix(mix(hp, dp), po(dl1)));
    f(mix(mix(hw, dp), wo(dl1)));
    f(mix(dp, u64::from(st.nl[d]) * 16 + u64::from(st.nr[d])));
    f(mix(mix(hp, dp), wo(dprev)));
    f(mix(mix(hp, dw), dist));
    f(mix(mix(dp, lab(dl1)), lab(dr1)));
    f(mix(mix(hp, dp), mix(po(dprev), po(dnext))));
    f(mix(mix(hp, dp), st.lset[d]));
    f(mix(mix(hp, dp), st.rset[d]));
}

/// One training sentence: tokens, gold heads (`n` = root) and label ids.
#[derive(Debug)]
pub(crate) struct Example {
    pub toks: Vec<Token>,
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

/// The words left on the stack when only the root is in the buffer: each
/// headless one goes to the nearest headless word below it, the last to the root.
fn finish(st: &mut State, mut label_of: impl FnMut(&State, usize, usize) -> u16, root_label: u16) {
    while let Some(s) = st.stack.last().copied() {
        let s = s as usize;
        if st.head[s] == NONE {
            let below = st.stack[..st.stack.len() - 1].iter().rev().find(|&&k| st.head[k as usize] == NONE).copied();
            match below {
                Some(h) => {
                    let l = label_of(st, h as usize, s);
                    st.arc(h as usize, s, l);
                }
                None => st.arc(st.n, s, root_label),
            }
        }
        st.pop();
    }
}

fn apply(st: &mut State, mv: usize, label: u16) {
    let s0 = st.s0() as usize;
    match mv {
        SHIFT => st.push_b(),
        REDUCE => st.pop(),
        LEFT => {
            st.arc(st.b, s0, label);
            st.pop();
        }
        _ => {
            st.arc(s0, st.b, label);
            st.push_b();
        }
    }
}

fn arc_of(st: &State, mv: usize) -> (usize, usize) {
    let s0 = st.s0() as usize;
    if mv == LEFT { (st.b, s0) } else { (s0, st.b) }
}

fn pick<T: PartialOrd + Copy>(scores: &[T; 4], ok: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    for m in 0..4 {
        if ok(m) && (best == usize::MAX || scores[m] > scores[best]) {
            best = m;
        }
    }
    best
}

/// One sentence of training: greedy, with the dynamic oracle's updates.
fn train_step(
    ex: &Example,
    kids: &[Vec<u32>],
    moves: &mut Trainer,
    labels: &mut Trainer,
    root_label: u16,
    explore: bool,
    rng: &mut crate::Rng,
) {
    let toks = &ex.toks;
    let mut st = State::new(toks.len());
    let mut feats = Vec::with_capacity(96);
    let mut lfeats = Vec::with_capacity(40);
    let mut scores = [0f32; 4];
    let mut lscores = vec![0f32; labels.classes];
    let mut costs = [0u32; 4];
    while !st.at_root() {
        move_features(toks, &st, &mut feats);
        moves.score(&feats, &mut scores);
        st.costs(&ex.heads, kids, &mut costs);
        let guess = pick(&scores, |m| st.valid(m));
        let min = costs.iter().copied().min().unwrap_or(0);
        let truth = pick(&scores, |m| costs[m] == min);
        moves.tick();
        let mut chosen = guess;
        if costs[guess] > min {
            moves.update(&feats, truth, guess);
            if !(explore && rng.unit() < 0.9) {
                chosen = truth;
            }
        }
        let mut l = 0u16;
        if chosen == LEFT || chosen == RIGHT {
            let (h, d) = arc_of(&st, chosen);
            label_features(toks, &st, h, d, &mut lfeats);
            labels.score(&lfeats, &mut lscores);
            lscores[root_label as usize] = f32::NEG_INFINITY;
            let mut guess_l = argmax_f(&lscores);
            labels.tick();
            if ex.heads[d] as usize == h {
                let truth_l = ex.labels[d] as usize;
                labels.update(&lfeats, truth_l, guess_l);
                guess_l = truth_l;
            }
            l = guess_l as u16;
        }
        apply(&mut st, chosen, l);
    }
}

impl Parser {
    /// Parses one sentence: (head, label id) per word, heads as word indices and
    /// `toks.len()` for the root.
    pub(crate) fn parse(&self, toks: &[Token]) -> (Vec<u32>, Vec<u16>) {
        let n = toks.len();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(96);
        let mut lfeats = Vec::with_capacity(40);
        let mut scores = [0i32; 4];
        let mut lscores = vec![0i32; self.labels.len()];
        let root = self.root_label as usize;
        let mut label_of = |st: &State, h: usize, d: usize, lfeats: &mut Vec<u64>| {
            label_features(toks, st, h, d, lfeats);
            self.labeller.score(lfeats, &mut lscores);
            lscores[root] = i32::MIN;
            argmax_i(&lscores) as u16
        };
        while !st.at_root() {
            move_features(toks, &st, &mut feats);
            self.moves.score(&feats, &mut scores);
            let mv = pick(&scores, |m| st.valid(m));
            let l = if mv == LEFT || mv == RIGHT {
                let (h, d) = arc_of(&st, mv);
                label_of(&st, h, d, &mut lfeats)
            } else {
                0
            };
            apply(&mut st, mv, l);
        }
        finish(&mut st, |st, h, d| label_of(st, h, d, &mut lfeats), self.root_label);
        (st.head[..n].to_vec(), st.label[..n].to_vec())
    }

    pub(crate) fn label_name(&self, l: u16) -> &str {
        self.labels.get(l as usize).map_or("dep", String::as_str)
    }

    /// Trains on `data` for `epochs` passes, calling `after_epoch` with a
    /// parser frozen from the averaged weights so far.
    pub(crate) fn train(
        data: &[Example],
        labels: Vec<String>,
        epochs: usize,
        seed: u64,
        prune: u32,
        mut after_epoch: impl FnMut(usize, &Parser),
    ) -> Parser {
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
        let mut moves = Trainer::new(4);
        let mut lab = Trainer::new(labels.len());
        let mut rng = crate::Rng(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let kids: Vec<Vec<Vec<u32>>> = data
            .iter()
            .map(|ex| {
                let mut k = vec![Vec::new(); ex.toks.len() + 1];
                for (d, &h) in ex.heads.iter().enumerate() {
                    k[h as usize].push(d as u32);
                }
                k
            })
            .collect();
        let mut last = None;
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let mut r = crate::Rng(rng.next());
                train_step(&data[i], &kids[i], &mut moves, &mut lab, root_label, epoch > 0, &mut r);
            }
            let frozen =
                Parser { labels: labels.clone(), root_label, moves: moves.freeze(prune), labeller: lab.freeze(prune) };
            after_epoch(epoch, &frozen);
            last = Some(frozen);
        }
        last.unwrap_or_else(|| Parser { labels, root_label, moves: moves.freeze(prune), labeller: lab.freeze(prune) })
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_strings(out, &self.labels);
        out.extend_from_slice(&self.root_label.to_le_bytes());
        self.moves.write(out);
        self.labeller.write(out);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Option<Self> {
        let labels = r.strings()?;
        let root_label = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
        let moves = Frozen::read(r)?;
        let labeller = Frozen::read(r)?;
        (moves.classes == 4 && labeller.classes == labels.len() && (root_label as usize) < labels.len())
            .then_some(Self { labels, root_label, moves, labeller })
    }

    pub(crate) fn size(&self) -> (usize, usize) {
        (self.moves.rows() + self.labeller.rows(), self.moves.entries() + self.labeller.entries())
    }
}
