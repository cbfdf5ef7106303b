//! The pool: the undecided sentences the page shows suggestions for, kept scored as the
//! model learns (see the parent module: per sentence the running sums each part of the model
//! needs, an inverted index from bucket to sentences, and the changes of a decision added to
//! the sentences that share its buckets, deferred and added in one pass when a whole window
//! or the least-sure sentence is asked for). A child of `model`, so it reads the model's
//! tables directly.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::{top, Delta, Features, Mix, Model, Suggestion, Terms};

/// A hasher for keys that are already well spread (feature buckets) or small integers
/// (sentence keys): one multiplication instead of SipHash.
#[derive(Default)]
struct SpreadHasher(u64);

impl Hasher for SpreadHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

type SpreadMap<K, V> = HashMap<K, V, BuildHasherDefault<SpreadHasher>>;

/// The undecided sentences the page shows suggestions for, kept scored as the model learns.
/// Sentences are named by a caller's `u64` key (e.g. document and sentence index).
#[derive(Clone, Debug, Default)]
pub struct Pool {
    k: usize,
    keys: Vec<u64>,
    alive: Vec<bool>,
    len: Vec<f32>,
    norm: Vec<f32>,
    cues: Vec<[f32; 3]>,
    /// Per sentence, its cue hits: `hits[hit_at[s]..hit_at[s + 1]]`.
    hits: Vec<u16>,
    hit_at: Vec<u32>,
    /// Per sentence, `2 × categories` sums (see `Model::sums`).
    sums: Vec<f64>,
    /// Bucket → (sentence slot, feature value).
    postings: SpreadMap<u32, Vec<(u32, f32)>>,
    /// Per sentence, its (bucket, feature value) pairs: `feats[feat_at[s]..feat_at[s + 1]]`
    /// (what a prediction adds of the pending changes).
    feats: Vec<(u32, f32)>,
    feat_at: Vec<u32>,
    /// Learned changes not yet added to `sums`, per bucket (`2 × categories`, as `sums`):
    /// a decision is learned at once, its effect on every pooled sentence sharing its words
    /// (a common word: nearly all of them) is added later in one pass (`flush`), and until
    /// then a prediction adds it for the one sentence it reads. A key press in a
    /// 5,000-sentence article so costs the model the sentences it shows, not the whole pool.
    pending: SpreadMap<u32, Vec<f64>>,
    slot: SpreadMap<u64, u32>,
    dead: usize,
    stamp: u64,
}

impl Pool {
    pub fn new(model: &Model) -> Pool {
        Pool { k: model.k, stamp: model.stamp, hit_at: vec![0], feat_at: vec![0], ..Pool::default() }
    }

    /// Live sentences.
    pub fn len(&self) -> usize {
        self.slot.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot.is_empty()
    }

    pub fn contains(&self, key: u64) -> bool {
        self.slot.contains_key(&key)
    }

    /// Whether the model learned outside this pool since (then `rebuild`).
    pub fn is_stale(&self, model: &Model) -> bool {
        self.stamp != model.stamp || self.k != model.k
    }

    /// Adds (or replaces) a sentence.
    pub fn insert(&mut self, model: &Model, key: u64, text: &str) {
        self.insert_features(model, key, &model.features(text));
    }

    pub fn insert_features(&mut self, model: &Model, key: u64, fx: &Features) {
        // The new sentence's sums come from the model as it is: pending changes are in it.
        self.flush();
        self.remove(key);
        if self.hit_at.is_empty() {
            self.hit_at.push(0);
        }
        if self.feat_at.is_empty() {
            self.feat_at.push(0);
        }
        let s = self.keys.len() as u32;
        self.keys.push(key);
        self.alive.push(true);
        self.len.push(fx.len);
        self.norm.push(fx.norm);
        self.cues.push(fx.cues);
        self.hits.extend_from_slice(&fx.hits);
        self.hit_at.push(self.hits.len() as u32);
        let at = self.sums.len();
        self.sums.resize(at + 2 * self.k, 0.0);
        model.sums(fx, &mut self.sums[at..]);
        for (&b, &v) in fx.idx.iter().zip(&fx.val) {
            self.postings.entry(b).or_default().push((s, v));
            self.feats.push((b, v));
        }
        self.feat_at.push(self.feats.len() as u32);
        self.slot.insert(key, s);
    }

    /// Takes a sentence out (decided, or gone); unknown keys are ignored.
    pub fn remove(&mut self, key: u64) {
        if let Some(s) = self.slot.remove(&key) {
            self.alive[s as usize] = false;
            self.dead += 1;
            if self.dead > 64 && self.dead * 2 > self.keys.len() {
                self.compact();
            }
        }
    }

    /// Drops the removed sentences from every table.
    fn compact(&mut self) {
        self.flush();
        let k2 = 2 * self.k;
        let mut new_slot = vec![u32::MAX; self.keys.len()];
        let mut n = 0usize;
        let (mut hits, mut hit_at) = (Vec::new(), vec![0u32]);
        let (mut feats, mut feat_at) = (Vec::new(), vec![0u32]);
        for (s, slot) in new_slot.iter_mut().enumerate() {
            if self.alive[s] {
                *slot = n as u32;
                self.keys[n] = self.keys[s];
                self.len[n] = self.len[s];
                self.norm[n] = self.norm[s];
                self.cues[n] = self.cues[s];
                self.sums.copy_within(s * k2..(s + 1) * k2, n * k2);
                hits.extend_from_slice(&self.hits[self.hit_at[s] as usize..self.hit_at[s + 1] as usize]);
                hit_at.push(hits.len() as u32);
                feats.extend_from_slice(&self.feats[self.feat_at[s] as usize..self.feat_at[s + 1] as usize]);
                feat_at.push(feats.len() as u32);
                n += 1;
            }
        }
        self.hits = hits;
        self.hit_at = hit_at;
        self.feats = feats;
        self.feat_at = feat_at;
        self.keys.truncate(n);
        self.len.truncate(n);
        self.norm.truncate(n);
        self.cues.truncate(n);
        self.sums.truncate(n * k2);
        self.alive = vec![true; n];
        self.postings.retain(|_, list| {
            list.retain_mut(|(s, _)| {
                *s = new_slot[*s as usize];
                *s != u32::MAX
            });
            !list.is_empty()
        });
        for s in self.slot.values_mut() {
            *s = new_slot[*s as usize];
        }
        self.dead = 0;
    }

    /// Teaches the model a decision and brings every sentence's score up to date. The
    /// decided sentence itself is taken out when `key` is given. False for an unknown category.
    pub fn learn(&mut self, model: &mut Model, key: Option<u64>, text: &str, category: &str) -> bool {
        let Some(c) = model.category(category) else { return false };
        if let Some(key) = key {
            self.remove(key);
        }
        let fx = model.features(text);
        let mut delta = Delta::default();
        let in_step = !self.is_stale(model);
        model.learn_features(&fx, c, Some(&mut delta));
        if in_step {
            self.defer(&delta);
            self.stamp = model.stamp;
        } else {
            self.rebuild(model);
        }
        true
    }

    /// Keeps a decision's changes for `flush` (see `pending`).
    fn defer(&mut self, d: &Delta) {
        let k = self.k;
        for (i, b) in d.buckets.iter().enumerate() {
            if !self.postings.contains_key(b) {
                continue; // no pooled sentence has the word
            }
            let row = self.pending.entry(*b).or_insert_with(|| vec![0.0; 2 * k]);
            row[d.category] += f64::from(d.nb[i]);
            for (r, &l) in row[k..].iter_mut().zip(&d.lr[i * k..(i + 1) * k]) {
                *r += f64::from(l);
            }
        }
    }

    /// Adds the pending changes to every sentence's sums, in one pass per bucket however
    /// many decisions changed it.
    pub fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let k2 = 2 * self.k;
        for (b, d) in std::mem::take(&mut self.pending) {
            let Some(list) = self.postings.get(&b) else { continue };
            for &(s, v) in list {
                let row = &mut self.sums[s as usize * k2..][..k2];
                let v = f64::from(v);
                for (r, dj) in row.iter_mut().zip(&d) {
                    *r += v * dj;
                }
            }
        }
    }

    /// Whether changes wait to be added to the sums (`flush`).
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Adds a decision's changes to the sentences that share its buckets, now.
    pub fn apply(&mut self, d: &Delta) {
        self.flush();
        let k = self.k;
        let k2 = 2 * k;
        for (i, b) in d.buckets.iter().enumerate() {
            let Some(list) = self.postings.get(b) else { continue };
            let dnb = f64::from(d.nb[i]);
            let dlr = &d.lr[i * k..(i + 1) * k];
            for &(s, v) in list {
                let row = &mut self.sums[s as usize * k2..][..k2];
                let v = f64::from(v);
                row[d.category] += v * dnb;
                for j in 0..k {
                    row[k + j] += v * f64::from(dlr[j]);
                }
            }
        }
    }

    /// Recomputes every sentence's sums from the model (after `Model::retrain` or learning
    /// outside the pool).
    pub fn rebuild(&mut self, model: &Model) {
        self.pending.clear(); // the model has them: the sums are computed from it
        let k = model.k;
        self.k = k;
        let k2 = 2 * k;
        self.sums.clear();
        self.sums.resize(self.keys.len() * k2, 0.0);
        let mut buckets: Vec<u32> = self.postings.keys().copied().collect();
        buckets.sort_unstable();
        for b in buckets {
            let table = model.row(b);
            let ln: Vec<f64> = (0..k).map(|j| (f64::from(table[j]) + model.params.alpha).ln()).collect();
            for &(s, v) in &self.postings[&b] {
                let row = &mut self.sums[s as usize * k2..][..k2];
                let v = f64::from(v);
                for j in 0..k {
                    row[j] += v * ln[j];
                    row[k + j] += v * f64::from(table[k + j]);
                }
            }
        }
        self.stamp = model.stamp;
    }

    fn probs_slot(&self, model: &Model, t: &Terms, s: usize, out: &mut [f32]) {
        let k2 = 2 * self.k;
        let hits = &self.hits[self.hit_at[s] as usize..self.hit_at[s + 1] as usize];
        let sums = &self.sums[s * k2..(s + 1) * k2];
        if self.pending.is_empty() {
            model.mix(t, sums, self.len[s], self.norm[s], &self.cues[s], hits, Mix::Blend, out);
            return;
        }
        // The pending changes of this sentence's buckets, added to a copy.
        let mut row = sums.to_vec();
        for &(b, v) in &self.feats[self.feat_at[s] as usize..self.feat_at[s + 1] as usize] {
            if let Some(d) = self.pending.get(&b) {
                let v = f64::from(v);
                for (r, dj) in row.iter_mut().zip(d) {
                    *r += v * dj;
                }
            }
        }
        model.mix(t, &row, self.len[s], self.norm[s], &self.cues[s], hits, Mix::Blend, out);
    }

    /// Probabilities per category of one sentence.
    pub fn predict(&self, model: &Model, key: u64) -> Option<Vec<f32>> {
        let s = *self.slot.get(&key)? as usize;
        let mut out = vec![0.0; self.k];
        self.probs_slot(model, &model.terms(), s, &mut out);
        Some(out)
    }

    /// The suggestions of these sentences (`None` for a key not in the pool, or when the
    /// model has nothing to go on), the model's terms computed once.
    pub fn predict_many(&self, model: &Model, keys: &[u64]) -> Vec<Option<Suggestion>> {
        if !model.ready() || self.is_stale(model) {
            return vec![None; keys.len()];
        }
        let t = model.terms();
        let mut p = vec![0.0; self.k];
        keys.iter()
            .map(|key| {
                let s = *self.slot.get(key)? as usize;
                self.probs_slot(model, &t, s, &mut p);
                Some(top(&p))
            })
            .collect()
    }

    /// Every live sentence's suggestion, in insertion order (empty when the model has
    /// nothing to go on).
    pub fn rescore(&mut self, model: &Model) -> Vec<(u64, Suggestion)> {
        if !model.ready() {
            return Vec::new();
        }
        self.flush(); // one pass per bucket, then every sentence reads its sums as they are
        let t = model.terms();
        let mut p = vec![0.0; self.k];
        let mut out = Vec::with_capacity(self.len());
        for s in 0..self.keys.len() {
            if self.alive[s] {
                self.probs_slot(model, &t, s, &mut p);
                out.push((self.keys[s], top(&p)));
            }
        }
        out
    }

    /// The sentence the model is least sure of (smallest margin; ties: smallest key).
    pub fn least_sure(&mut self, model: &Model) -> Option<u64> {
        self.least_sure_except(model, None)
    }

    /// The same, leaving `except` out (the sentence the person is on).
    pub fn least_sure_except(&mut self, model: &Model, except: Option<u64>) -> Option<u64> {
        self.rescore(model)
            .into_iter()
            .filter(|(key, _)| Some(*key) != except)
            .min_by(|a, b| a.1.margin.total_cmp(&b.1.margin).then(a.0.cmp(&b.0)))
            .map(|(key, _)| key)
    }
}
