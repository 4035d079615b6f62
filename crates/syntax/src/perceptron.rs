//! Averaged perceptron over hashed features: the trainer (weights, running
//! totals and timestamps for averaging) and the frozen model it produces
//! (averaged, pruned, quantised to i16, in an open-addressing table).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Mixes two 64-bit values (feature template and its values) into a key.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(25)).wrapping_add(0x9E37_79B9_7F4A_7C15).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 31)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 29)
}

/// FNV-1a of a string: the stable id of a word, suffix or shape.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Keys are already hashes: the map uses them as they are.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);
impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// The weights while training.
#[derive(Debug)]
pub(crate) struct Trainer {
    pub(crate) classes: usize,
    index: KeyMap<u32>,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    /// How often each row took part in an update.
    updates: Vec<u32>,
    time: u32,
}

impl Trainer {
    pub(crate) fn new(classes: usize) -> Self {
        Self {
            classes,
            index: KeyMap::default(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            updates: Vec::new(),
            time: 0,
        }
    }

    /// Adds the current weights of `features` to `scores` (length `classes`).
    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&row) = self.index.get(f) {
                let base = row as usize * self.classes;
                for (s, w) in scores.iter_mut().zip(&self.w[base..base + self.classes]) {
                    *s += w;
                }
            }
        }
    }

    /// One training example seen (the clock of the averaging).
    pub(crate) fn tick(&mut self) {
        self.time += 1;
    }

    /// Rewards `truth` and penalises `guess` on `features`.
    pub(crate) fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in features {
            let row = match self.index.get(&f) {
                Some(&r) => r as usize,
                None => {
                    let r = self.index.len();
                    self.index.insert(f, r as u32);
                    self.w.resize(self.w.len() + self.classes, 0.0);
                    self.total.resize(self.total.len() + self.classes, 0.0);
                    self.stamp.resize(self.stamp.len() + self.classes, 0);
                    self.updates.push(0);
                    r
                }
            };
            self.updates[row] += 1;
            for (c, d) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let i = row * self.classes + c;
                self.total[i] += (self.time - self.stamp[i]) as f32 * self.w[i];
                self.stamp[i] = self.time;
                self.w[i] += d;
            }
        }
    }

    /// The averaged weights, as a frozen model. Rows updated fewer than
    /// `min_updates` times are dropped (rare features: most of the size, little
    /// of the accuracy), and so are entries that quantise to zero.
    pub(crate) fn freeze(&self, min_updates: u32) -> Frozen {
        let t = self.time.max(1) as f32;
        let avg = |i: usize| (self.total[i] + (self.time - self.stamp[i]) as f32 * self.w[i]) / t;
        let max = (0..self.w.len()).map(|i| avg(i).abs()).fold(0.0f32, f32::max).max(1e-9);
        let scale = max / 32767.0;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut heads: Vec<(u64, usize)> = Vec::new();
        let mut flat: Vec<(u16, i16)> = Vec::new();
        for (k, r) in keys {
            if self.updates[r as usize] < min_updates {
                continue;
            }
            let base = r as usize * self.classes;
            let entries: Vec<(u16, i16)> = (0..self.classes)
                .filter_map(|c| {
                    let a = avg(base + c);
                    (a != 0.0).then(|| (c as u16, (a / scale).round() as i16))
                })
                .filter(|&(_, q)| q != 0)
                .collect();
            if !entries.is_empty() {
                heads.push((k, entries.len()));
                flat.extend(entries);
            }
        }
        Frozen::from_rows(self.classes, scale, &heads, &flat)
    }
}

/// A slot of the table: the key and either the weights themselves (models of
/// at most four classes: the parser's moves) or where its entries start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    /// Dense: four weights. Sparse: `[start low, start high, len, 0]`.
    w: [i16; 4],
}

/// The averaged, quantised weights: an open-addressing table (linear
/// probing, load at most 0.7) of 16-byte slots, so a lookup touches one cache
/// line, plus, for models of more than four classes, runs of (class, weight).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frozen {
    pub(crate) classes: usize,
    pub(crate) scale: f32,
    slots: Vec<Slot>,
    rows: usize,
    classes_of: Vec<u16>,
    weights: Vec<i16>,
    /// Rows with many entries, stored densely (`classes` weights each).
    dense_rows: Vec<i16>,
}

#[inline]
fn slot_of(key: u64, cap: usize) -> usize {
    ((u128::from(key) * cap as u128) >> 64) as usize
}

impl Frozen {
    fn dense(&self) -> bool {
        self.classes <= 4
    }

    /// `heads` are (key, number of entries) of consecutive runs of `flat`.
    fn from_rows(classes: usize, scale: f32, heads: &[(u64, usize)], flat: &[(u16, i16)]) -> Self {
        Self::build(classes, scale, heads.len(), |i| heads[i], |j| flat[j])
    }

    /// Builds the table from `n` rows (`head(i)` = key and number of entries;
    /// the entries of all rows one after the other, `entry(j)`), with every
    /// vector allocated once at its final size: the model's resident memory
    /// is its tables, not the growth slack of decoding.
    fn build(
        classes: usize,
        scale: f32,
        n: usize,
        head: impl Fn(usize) -> (u64, usize),
        entry: impl Fn(usize) -> (u16, i16),
    ) -> Self {
        let cap = (n * 10 / 7).max(16);
        let dense = classes <= 4;
        let (mut sparse_total, mut dense_total) = (0, 0);
        if !dense {
            for i in 0..n {
                let len = head(i).1;
                if len * 4 > classes { dense_total += classes } else { sparse_total += len }
            }
        }
        let mut f = Self {
            classes,
            scale,
            slots: vec![Slot::default(); cap],
            rows: n,
            classes_of: Vec::with_capacity(sparse_total),
            weights: Vec::with_capacity(sparse_total),
            dense_rows: vec![0; dense_total],
        };
        let (mut at, mut dense_at) = (0, 0);
        for i in 0..n {
            let (k, len) = head(i);
            let entries = (at..at + len).map(&entry);
            at += len;
            let mut slot = Slot { key: k.max(1), w: [0; 4] };
            if dense {
                for (c, w) in entries {
                    slot.w[c as usize] = w;
                }
            } else if len * 4 > classes {
                let start = (dense_at / classes) as u32;
                for (c, w) in entries {
                    f.dense_rows[dense_at + c as usize] = w;
                }
                dense_at += classes;
                slot.w = [(start & 0xffff) as u16 as i16, (start >> 16) as u16 as i16, len as u16 as i16, 1];
            } else {
                let start = f.classes_of.len() as u32;
                for (c, w) in entries {
                    f.classes_of.push(c);
                    f.weights.push(w);
                }
                slot.w = [(start & 0xffff) as u16 as i16, (start >> 16) as u16 as i16, len as u16 as i16, 0];
            }
            let mut i = slot_of(slot.key, cap);
            while f.slots[i].key != 0 {
                i = if i + 1 == cap { 0 } else { i + 1 };
            }
            f.slots[i] = slot;
        }
        f
    }

    fn find(&self, key: u64) -> Option<&Slot> {
        let k = key.max(1);
        let cap = self.slots.len();
        let mut i = slot_of(k, cap);
        loop {
            let s = &self.slots[i];
            if s.key == k {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = if i + 1 == cap { 0 } else { i + 1 };
        }
    }

    fn entries_of(&self, s: &Slot) -> (usize, usize) {
        let start = usize::from(s.w[0] as u16) | (usize::from(s.w[1] as u16) << 16);
        (start, start + usize::from(s.w[2] as u16))
    }

    /// Adds the weights of `features` to `scores` (length `classes`), in
    /// quantised units (compare scores, do not read them as probabilities).
    #[inline]
    pub(crate) fn score(&self, features: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        // Touch every feature's home slot first, in a loop without branches, so
        // that the cache misses overlap instead of waiting behind the probing
        // loop's mispredicted branches (a prefetch, without `unsafe`).
        let cap = self.slots.len();
        let mut touch = 0u64;
        for &f in features {
            touch ^= self.slots[slot_of(f.max(1), cap)].key;
        }
        std::hint::black_box(touch);
        if self.dense() {
            let mut acc = [0i32; 4];
            for &f in features {
                if let Some(s) = self.find(f) {
                    for (a, w) in acc.iter_mut().zip(s.w) {
                        *a += i32::from(w);
                    }
                }
            }
            for (o, a) in scores.iter_mut().zip(acc) {
                *o = a;
            }
            return;
        }
        for &f in features {
            if let Some(s) = self.find(f) {
                if s.w[3] == 1 {
                    let base = self.entries_of(s).0 * self.classes;
                    for (o, w) in scores.iter_mut().zip(&self.dense_rows[base..base + self.classes]) {
                        *o += i32::from(*w);
                    }
                } else {
                    let (a, b) = self.entries_of(s);
                    for (c, w) in self.classes_of[a..b].iter().zip(&self.weights[a..b]) {
                        scores[*c as usize] += i32::from(*w);
                    }
                }
            }
        }
    }

    pub(crate) fn rows(&self) -> usize {
        self.rows
    }

    pub(crate) fn entries(&self) -> usize {
        if self.dense() { self.rows * self.classes } else { self.weights.len() + self.dense_rows.len() }
    }

    /// The rows in key order.
    fn sorted_rows(&self) -> Vec<(u64, Vec<(u16, i16)>)> {
        let mut rows: Vec<(u64, Vec<(u16, i16)>)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| {
                let entries = if self.dense() {
                    (0..self.classes).filter(|&c| s.w[c] != 0).map(|c| (c as u16, s.w[c])).collect()
                } else if s.w[3] == 1 {
                    let base = self.entries_of(s).0 * self.classes;
                    (0..self.classes)
                        .filter(|&c| self.dense_rows[base + c] != 0)
                        .map(|c| (c as u16, self.dense_rows[base + c]))
                        .collect()
                } else {
                    let (a, b) = self.entries_of(s);
                    self.classes_of[a..b].iter().copied().zip(self.weights[a..b].iter().copied()).collect()
                };
                (s.key, entries)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// Appends the model to `out` (little-endian).
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.classes as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let rows = self.sorted_rows();
        put_u32(out, rows.len() as u32);
        for (k, e) in &rows {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(e.len() as u8);
        }
        for (_, e) in &rows {
            for (c, w) in e {
                out.extend_from_slice(&c.to_le_bytes());
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Option<Self> {
        let classes = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let n = r.u32()? as usize;
        let heads = r.take(n.checked_mul(9)?)?;
        let head = |i: usize| {
            let h = &heads[i * 9..i * 9 + 9];
            (u64::from_le_bytes(h[..8].try_into().unwrap_or_default()), usize::from(h[8]))
        };
        let total: usize = (0..n).map(|i| head(i).1).sum();
        let bytes = r.take(total.checked_mul(4)?)?;
        let entry = |j: usize| {
            let e = &bytes[j * 4..j * 4 + 4];
            (u16::from_le_bytes([e[0], e[1]]), i16::from_le_bytes([e[2], e[3]]))
        };
        if (0..total).any(|j| entry(j).0 as usize >= classes) {
            return None;
        }
        Some(Self::build(classes, scale, n, head, entry))
    }
}

pub(crate) fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over model bytes.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub(crate) fn string(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    pub(crate) fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.u32()? as usize;
        (0..n).map(|_| self.string()).collect()
    }
    pub(crate) fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

pub(crate) fn put_strings(out: &mut Vec<u8>, v: &[String]) {
    put_u32(out, v.len() as u32);
    for s in v {
        put_str(out, s);
    }
}
