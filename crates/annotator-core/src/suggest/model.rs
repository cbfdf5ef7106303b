//! The classifier behind suggestions: it learns from each decision the moment it is made
//! (docs/ARCHITECTURE.md, Suggestions), in the page, with nothing leaving it.
//!
//! Categories are the label set's labels, then "none" (a `none` decision is an example too).
//! Three parts, mixed:
//! - the cue prior (`cues.rs`): fixed logits from the cue scores for the labels the cue table
//!   knows (claim, denial, demand) wherever they stand in the label set, so there are
//!   suggestions before any decision, and a label added beside them does not silence them
//!   (it starts at no cue evidence and is learned from decisions);
//! - multinomial naive Bayes on the hashed features (`features.rs`), tempered (its
//!   log-likelihood is averaged over the sentence's features, so that hundreds of correlated
//!   n-grams do not make it certain of everything): it learns fast from a handful of examples;
//! - a multinomial logistic regression trained online with AdaGrad, on top of the cue prior
//!   (it learns corrections to the cues, not the cues again): slower to start, better with
//!   more examples.
//!
//! The suggestion's probabilities are `λ·NB + (1−λ)·LR` with `λ = N0 / (N0 + n)` after `n`
//! decisions (NB and LR each with the cue prior added to their logits). `examples/suggest_eval`
//! prints each part's macro-F1 after 10 to 200 decisions: the figures behind the mix.
//!
//! The page must re-score every undecided sentence after each decision, in ≤ 2 ms for 5,000
//! sentences. Recomputing 5,000 × ~200 features from the weight tables would miss that, so a
//! `Pool` keeps per sentence the running sums each part needs and an inverted index from
//! bucket to sentences: a decision changes only the weights of its own features, and the pool
//! adds just those changes to the sentences that share them (`Delta`). What depends on every
//! feature at once (class priors, NB normalisers, the LR bias) is applied when reading.
//!
//! State: a dense table of `BUCKETS × 3 × categories` (counts, weights, AdaGrad sums). `State` is
//! a serde form of the rows in use; the plan for the page is to retrain from the stored
//! decisions at load instead (`Model::retrain`, measured by `benches/suggest.rs`): the
//! decisions are already stored, the model cannot then disagree with them (an undone or
//! changed decision is simply absent), and nothing new needs a storage format.

use serde::{Deserialize, Serialize};

use super::cues::{CUES, THRESHOLD};
use super::features::{Features, BUCKETS};
use crate::labels::LabelSet;

mod pool;
pub use pool::Pool;

/// The category for "none of the labels applies".
pub const NONE: &str = "none";

/// The labels the cue table scores, in the order of its scores (`Cues::scores`).
pub const CUE_LABELS: [&str; 3] = ["claim", "denial", "demand"];

/// The model's constants (`Params::default()` is what the page uses; `examples/suggest_eval`
/// chose them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Naive Bayes' additive smoothing.
    pub alpha: f64,
    /// Scale of NB's averaged log-likelihood (its temperature's inverse).
    pub nb_scale: f64,
    /// Scale of the cue prior's logits.
    pub cue_scale: f32,
    /// AdaGrad's learning rate (its first step moves each weight by about this much).
    pub eta: f32,
    /// The bias's learning rate, as a share of `eta`.
    pub bias_eta: f32,
    /// AdaGrad's learning rate for the per-cue corrections.
    pub cue_eta: f32,
    /// λ = n0 / (n0 + n): NB's share of the mix after n decisions.
    pub n0: f64,
    /// NB's likelihood counts `n / (n + n1)` of `nb_scale` after n decisions: a few examples
    /// say little about which words go with a category.
    pub n1: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            alpha: 0.1,
            nb_scale: 5.0,
            cue_scale: 4.0,
            eta: 0.25,
            bias_eta: 0.25,
            cue_eta: 0.5,
            n0: 100.0,
            n1: 10.0,
        }
    }
}

/// Which part's probabilities to read (the eval compares them; the page uses `Blend`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mix {
    /// The cue prior alone (uniform without cues).
    Cues,
    /// Naive Bayes with the cue prior.
    Bayes,
    /// Logistic regression with the cue prior.
    Logistic,
    /// The mix the page shows.
    Blend,
}

/// A suggestion: the category (index into `Model::categories`), its probability, and the
/// margin between the top two probabilities (small: least sure).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Suggestion {
    pub category: usize,
    pub score: f32,
    pub margin: f32,
}

/// What one decision changed: per bucket of the learned sentence, the NB log-count change of
/// the learned category and the LR weight change of every category.
#[derive(Clone, Debug, Default)]
pub struct Delta {
    pub category: usize,
    pub buckets: Vec<u32>,
    pub nb: Vec<f32>,
    /// `buckets.len() × categories`.
    pub lr: Vec<f32>,
}

#[derive(Clone, Debug)]
pub struct Model {
    categories: Vec<String>,
    cues: bool,
    /// The category of each label the cue table scores (claim, denial, demand), when the
    /// label set has it.
    cue_at: [Option<usize>; 3],
    k: usize,
    decisions: u32,
    class_n: Vec<u32>,
    /// Per bucket, `3 × categories` values side by side (one cache line for 4 categories:
    /// learning touches ~150 random buckets, and three separate tables cost three misses):
    /// NB's summed feature values per category, the LR weights, AdaGrad's sums of squared
    /// gradients. Empty (all zeros) until the first lesson (`table_mut`): 12 MB for four
    /// categories, which a model that never learns (a session being built, replaced, or
    /// without decisions) does not need; zeroing it cost start-up 15 ms, 60 ms on a slow CPU.
    table: Vec<f32>,
    /// A row of the empty table.
    zeros: Vec<f32>,
    /// NB: per category, the sum of `counts`.
    totals: Vec<f32>,
    /// NB: buckets with any count.
    vocab: u32,
    /// The LR bias and its AdaGrad sums.
    bias: Vec<f32>,
    bias_g2: Vec<f32>,
    /// Learned corrections of the cue prior, per cue hit (`Features::hits`) and category,
    /// and their AdaGrad sums.
    cue_w: Vec<f32>,
    cue_g2: Vec<f32>,
    /// Changes with every decision learned (a `Pool` checks it is in step).
    stamp: u64,
    params: Params,
}

/// Per-model terms of the logits, computed once per read of many sentences.
struct Terms {
    log_prior: Vec<f64>,
    log_norm: Vec<f64>,
    lambda: f32,
    nb_scale: f64,
}

fn softmax(z: &mut [f32]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
}

/// One AdaGrad step on a coordinate: adds the squared gradient to `g2`, returns the
/// weight's change.
fn adagrad(g2: &mut f32, g: f32, eta: f32) -> f32 {
    *g2 += g * g;
    -eta * g / (g2.sqrt() + 1e-6)
}

/// Top category, its probability and the margin to the second.
pub fn top(probs: &[f32]) -> Suggestion {
    let (mut best, mut second) = (0, usize::MAX);
    for i in 1..probs.len() {
        if probs[i] > probs[best] {
            second = best;
            best = i;
        } else if second == usize::MAX || probs[i] > probs[second] {
            second = i;
        }
    }
    let p2 = probs.get(second).copied().unwrap_or(0.0);
    Suggestion { category: best, score: probs[best], margin: probs[best] - p2 }
}

impl Model {
    /// A model for these labels (plus "none"); cue words for those of them the cue table
    /// knows (claim, denial, demand), found by name.
    pub fn new(labels: &[String]) -> Model {
        let cue_at = CUE_LABELS.map(|name| labels.iter().position(|l| l == name));
        let cues = cue_at.iter().any(Option::is_some);
        let mut categories = labels.to_vec();
        categories.push(NONE.to_owned());
        let k = categories.len();
        Model {
            categories,
            cues,
            cue_at,
            k,
            decisions: 0,
            class_n: vec![0; k],
            table: Vec::new(),
            zeros: vec![0.0; 3 * k],
            totals: vec![0.0; k],
            vocab: 0,
            bias: vec![0.0; k],
            bias_g2: vec![0.0; k],
            cue_w: vec![0.0; if cues { 2 * CUES.len() * k } else { 0 }],
            cue_g2: vec![0.0; if cues { 2 * CUES.len() * k } else { 0 }],
            stamp: 0,
            params: Params::default(),
        }
    }

    /// The table, allocated (zeros) on first use.
    fn table_mut(&mut self) -> &mut Vec<f32> {
        if self.table.is_empty() {
            self.table = vec![0.0; BUCKETS * 3 * self.k];
        }
        &mut self.table
    }

    /// The table's length (0 until the first lesson).
    pub fn table_len(&self) -> usize {
        self.table.len()
    }

    /// A bucket's `3 × categories` values (zeros while the table is empty).
    fn row(&self, b: u32) -> &[f32] {
        let k3 = 3 * self.k;
        self.table.get(b as usize * k3..(b as usize + 1) * k3).unwrap_or(&self.zeros)
    }

    /// A model that ignores cue words whatever the labels (to measure what learning alone does).
    pub fn without_cues(labels: &[String]) -> Model {
        Model { cues: false, cue_at: [None; 3], cue_w: Vec::new(), cue_g2: Vec::new(), ..Model::new(labels) }
    }

    pub fn for_labels(set: &LabelSet) -> Model {
        Model::new(&set.names())
    }

    /// A model trained on these decisions in order: `(sentence text, category)`.
    pub fn retrain<'a>(labels: &[String], decisions: impl IntoIterator<Item = (&'a str, &'a str)>) -> Model {
        let mut m = Model::new(labels);
        for (text, cat) in decisions {
            m.learn(text, cat);
        }
        m
    }

    /// The categories: the labels, then "none".
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    pub fn category(&self, name: &str) -> Option<usize> {
        self.categories.iter().position(|c| c == name)
    }

    /// Whether the cue words take part (the label set has claim, denial or demand).
    pub fn has_cues(&self) -> bool {
        self.cues
    }

    pub fn decisions(&self) -> u32 {
        self.decisions
    }

    pub fn stamp(&self) -> u64 {
        self.stamp
    }

    pub fn features(&self, text: &str) -> Features {
        Features::extract(text, self.cues)
    }

    /// Learns one decision. Returns false (and learns nothing) for an unknown category.
    pub fn learn(&mut self, text: &str, category: &str) -> bool {
        let Some(c) = self.category(category) else { return false };
        let fx = self.features(text);
        self.learn_features(&fx, c, None);
        true
    }

    /// The cue prior's logits of a sentence: the table's scores and the learned corrections
    /// of its cues.
    fn cue_logits(&self, cues: &[f32; 3], hits: &[u16], out: &mut [f32]) {
        out.fill(0.0);
        if self.cues {
            for (i, at) in self.cue_at.iter().enumerate() {
                if let Some(c) = *at {
                    out[c] = self.params.cue_scale * cues[i];
                }
            }
            // "none" is the last category; a label the cues do not know keeps 0, as a known
            // label does when no cue for it fires.
            out[self.k - 1] = self.params.cue_scale * THRESHOLD;
            for &h in hits {
                let row = &self.cue_w[h as usize * self.k..][..self.k];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }

    /// Learns one decision on precomputed features; the changes go to `delta` when given.
    pub fn learn_features(&mut self, fx: &Features, c: usize, delta: Option<&mut Delta>) {
        let k = self.k;
        self.table_mut();
        // Logistic regression: one AdaGrad step on the softmax loss.
        let mut z = vec![0.0f32; k];
        self.cue_logits(&fx.cues, &fx.hits, &mut z);
        let mut lr = vec![0.0f32; k];
        for (&b, &v) in fx.idx.iter().zip(&fx.val) {
            let w = &self.table[b as usize * 3 * k + k..][..k];
            for (l, w) in lr.iter_mut().zip(w) {
                *l += w * v;
            }
        }
        for j in 0..k {
            z[j] += self.bias[j] + lr[j] / fx.norm;
        }
        softmax(&mut z);
        let g: Vec<f32> = (0..k).map(|j| z[j] - f32::from(u8::from(j == c))).collect();
        let eta = self.params.eta;
        for ((b, g2), &gj) in self.bias.iter_mut().zip(&mut self.bias_g2).zip(&g) {
            *b += adagrad(g2, gj, eta * self.params.bias_eta);
        }
        if self.cues {
            for &h in &fx.hits {
                let r = h as usize * k..(h as usize + 1) * k;
                for ((w, g2), &gj) in self.cue_w[r.clone()].iter_mut().zip(&mut self.cue_g2[r]).zip(&g) {
                    *w += adagrad(g2, gj, self.params.cue_eta);
                }
            }
        }
        let mut d = delta;
        if let Some(d) = d.as_deref_mut() {
            d.category = c;
            d.buckets.clear();
            d.nb.clear();
            d.lr.clear();
        }
        for (&b, &v) in fx.idx.iter().zip(&fx.val) {
            let x = v / fx.norm;
            let row = &mut self.table[b as usize * 3 * k..][..3 * k];
            let (counts, rest) = row.split_at_mut(k);
            let (w, g2) = rest.split_at_mut(k);
            if counts.iter().all(|&n| n == 0.0) {
                self.vocab += 1;
            }
            let old = counts[c];
            counts[c] += v;
            let dnb =
                ((f64::from(counts[c]) + self.params.alpha).ln() - (f64::from(old) + self.params.alpha).ln()) as f32;
            if let Some(d) = d.as_deref_mut() {
                d.buckets.push(b);
                d.nb.push(dnb);
            }
            for (j, &gj) in g.iter().enumerate() {
                let grad = gj * x;
                if grad == 0.0 {
                    if let Some(d) = d.as_deref_mut() {
                        d.lr.push(0.0);
                    }
                    continue;
                }
                let step = adagrad(&mut g2[j], grad, eta);
                w[j] += step;
                if let Some(d) = d.as_deref_mut() {
                    d.lr.push(step);
                }
            }
        }
        self.totals[c] += fx.len;
        self.class_n[c] += 1;
        self.decisions += 1;
        self.stamp += 1;
    }

    fn terms(&self) -> Terms {
        let n = f64::from(self.decisions);
        let k = self.k as f64;
        let vocab = f64::from(self.vocab.max(1));
        Terms {
            // With cue words NB has no class prior: the cue threshold already is one (with
            // both, suggestions after 10 decisions fell from 0.86 to 0.81 macro-F1).
            log_prior: if self.cues {
                vec![0.0; self.k]
            } else {
                self.class_n.iter().map(|&c| ((f64::from(c) + 1.0) / (n + k)).ln()).collect()
            },
            log_norm: self.totals.iter().map(|&t| (f64::from(t) + self.params.alpha * vocab).ln()).collect(),
            lambda: (self.params.n0 / (self.params.n0 + n)) as f32,
            nb_scale: self.params.nb_scale * n / (n + self.params.n1),
        }
    }

    /// The running sums of a sentence against the current tables: per category NB's
    /// `Σ v·ln(count + α)` and LR's `Σ v·w`, side by side (`2 × categories`).
    fn sums(&self, fx: &Features, out: &mut [f64]) {
        let k = self.k;
        out.fill(0.0);
        let ln_alpha = self.params.alpha.ln();
        for (&b, &v) in fx.idx.iter().zip(&fx.val) {
            let row = self.row(b);
            let v = f64::from(v);
            for j in 0..k {
                let n = f64::from(row[j]);
                out[j] += v * if n == 0.0 { ln_alpha } else { (n + self.params.alpha).ln() };
                out[k + j] += v * f64::from(row[k + j]);
            }
        }
    }

    /// Probabilities from a sentence's sums (`sums`), length, norm and cue scores.
    #[allow(clippy::too_many_arguments)]
    fn mix(
        &self,
        t: &Terms,
        sums: &[f64],
        len: f32,
        norm: f32,
        cues: &[f32; 3],
        hits: &[u16],
        mix: Mix,
        out: &mut [f32],
    ) {
        let k = self.k;
        let mut prior = [0.0f32; 16];
        let mut scratch = [0.0f32; 16];
        let (prior, nb) = (&mut prior[..k], &mut scratch[..k]);
        if mix == Mix::Cues {
            self.cue_logits(cues, &[], prior);
            out.copy_from_slice(prior);
            softmax(out);
            return;
        }
        self.cue_logits(cues, hits, prior);
        let len = f64::from(len);
        if mix != Mix::Logistic {
            // A category without examples would have the likeliest features of all (its
            // smoothed distribution is flat): it gets the least likelihood of the others, and
            // only its cue prior can bring it forward.
            let mut ll = [0.0f64; 16];
            let mut least = f64::INFINITY;
            for j in 0..k {
                ll[j] = (sums[j] - len * t.log_norm[j]) / len;
                if self.class_n[j] > 0 {
                    least = least.min(ll[j]);
                }
            }
            for j in 0..k {
                let l = if self.class_n[j] > 0 || least.is_infinite() { ll[j] } else { least };
                nb[j] = prior[j] + (t.log_prior[j] + t.nb_scale * l) as f32;
            }
            softmax(nb);
            if mix == Mix::Bayes {
                out.copy_from_slice(nb);
                return;
            }
        }
        for j in 0..k {
            out[j] = prior[j] + self.bias[j] + (sums[k + j] / f64::from(norm)) as f32;
        }
        softmax(out);
        if mix == Mix::Blend {
            for j in 0..k {
                out[j] = t.lambda * nb[j] + (1.0 - t.lambda) * out[j];
            }
        }
    }

    /// Probabilities per category (in `categories()` order, summing to 1) from one part.
    pub fn predict_with(&self, fx: &Features, mix: Mix) -> Vec<f32> {
        assert!(self.k <= 16, "at most 15 labels");
        let mut sums = vec![0.0; 2 * self.k];
        self.sums(fx, &mut sums);
        let mut out = vec![0.0; self.k];
        self.mix(&self.terms(), &sums, fx.len, fx.norm, &fx.cues, &fx.hits, mix, &mut out);
        out
    }

    /// Probabilities per category, summing to 1.
    pub fn predict(&self, text: &str) -> Vec<(String, f32)> {
        let p = self.predict_with(&self.features(text), Mix::Blend);
        self.categories.iter().cloned().zip(p).collect()
    }

    /// Whether the model has anything to go on: cue words, or a decision.
    pub fn ready(&self) -> bool {
        self.cues || self.decisions > 0
    }

    /// The suggested category and its probability; `None` before any decision for a label
    /// set without cue words.
    pub fn suggest(&self, text: &str) -> Option<(String, f32)> {
        if !self.ready() {
            return None;
        }
        let s = top(&self.predict_with(&self.features(text), Mix::Blend));
        Some((self.categories[s.category].clone(), s.score))
    }

    /// The model's state, keeping only the buckets in use.
    pub fn state(&self) -> State {
        let k = self.k;
        let mut s = State {
            version: 1,
            categories: self.categories.clone(),
            decisions: self.decisions,
            class_n: self.class_n.clone(),
            totals: self.totals.clone(),
            vocab: self.vocab,
            bias: self.bias.clone(),
            bias_g2: self.bias_g2.clone(),
            cue_w: self.cue_w.clone(),
            cue_g2: self.cue_g2.clone(),
            ..State::default()
        };
        for (b, row) in self.table.chunks_exact(3 * k).enumerate() {
            if row.iter().any(|&v| v != 0.0) {
                s.rows.push(b as u32);
                s.counts.extend_from_slice(&row[..k]);
                s.w.extend_from_slice(&row[k..2 * k]);
                s.g2.extend_from_slice(&row[2 * k..]);
            }
        }
        s
    }

    /// A model from a state; `None` when the state does not fit (other version or sizes).
    pub fn from_state(s: &State) -> Option<Model> {
        let labels = s.categories.split_last().filter(|(l, _)| *l == NONE)?.1;
        let mut m = Model::new(labels);
        let k = m.k;
        let n = s.rows.len();
        let fits = s.version == 1
            && [s.class_n.len(), s.totals.len(), s.bias.len(), s.bias_g2.len()].iter().all(|&l| l == k)
            && [s.counts.len(), s.w.len(), s.g2.len()].iter().all(|&l| l == n * k)
            && s.rows.iter().all(|&b| (b as usize) < BUCKETS)
            && s.cue_w.len() == m.cue_w.len()
            && s.cue_g2.len() == m.cue_g2.len();
        if !fits {
            return None;
        }
        for (i, &b) in s.rows.iter().enumerate() {
            let row = &mut m.table_mut()[b as usize * 3 * k..][..3 * k];
            let from = i * k..(i + 1) * k;
            row[..k].copy_from_slice(&s.counts[from.clone()]);
            row[k..2 * k].copy_from_slice(&s.w[from.clone()]);
            row[2 * k..].copy_from_slice(&s.g2[from]);
        }
        m.decisions = s.decisions;
        m.class_n = s.class_n.clone();
        m.totals = s.totals.clone();
        m.vocab = s.vocab;
        m.bias = s.bias.clone();
        m.bias_g2 = s.bias_g2.clone();
        m.cue_w = s.cue_w.clone();
        m.cue_g2 = s.cue_g2.clone();
        m.stamp = u64::from(s.decisions);
        Some(m)
    }
}

/// A model's state for storage: the rows (buckets) in use, each with `categories` values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    pub categories: Vec<String>,
    pub decisions: u32,
    pub class_n: Vec<u32>,
    pub totals: Vec<f32>,
    pub vocab: u32,
    pub bias: Vec<f32>,
    pub bias_g2: Vec<f32>,
    pub cue_w: Vec<f32>,
    pub cue_g2: Vec<f32>,
    pub rows: Vec<u32>,
    pub counts: Vec<f32>,
    pub w: Vec<f32>,
    pub g2: Vec<f32>,
}
