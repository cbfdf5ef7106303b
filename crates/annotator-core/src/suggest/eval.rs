//! Measures suggestions honestly (docs/DEVELOPMENT.md, Suggestions: quality and speed): a
//! simulated annotator decides a labelled file's sentences in order, and after 10, 25, 50, …
//! decisions the suggestions on the sentences not yet decided are scored (macro-F1 over the
//! labels and "none") beside the cue words alone and the majority class. Shared by
//! `examples/suggest_eval.rs` and the tests.

use serde::Deserialize;

use super::features::Features;
use super::model::{top, Mix, Model};

/// A deterministic shuffle (SplitMix64 and Fisher-Yates): other orders of the same file.
pub fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut v = items.to_vec();
    let mut state = seed;
    for i in (1..v.len()).rev() {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        v.swap(i, (z % (i as u64 + 1)) as usize);
    }
    v
}

/// One labelled sentence: `{"text": …, "label": "claim"|"denial"|"demand"|"none"}`.
#[derive(Clone, Debug, Deserialize)]
pub struct Case {
    pub text: String,
    pub label: String,
}

/// Reads JSON Lines (blank lines skipped); the error names the line.
pub fn parse_jsonl(s: &str) -> Result<Vec<Case>, String> {
    s.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Mean over `k` categories of F1 (0 for a category neither predicted nor present).
pub fn macro_f1(gold: &[usize], pred: &[usize], k: usize) -> f64 {
    let mut sum = 0.0;
    for c in 0..k {
        let tp = gold.iter().zip(pred).filter(|(g, p)| **g == c && **p == c).count() as f64;
        let fp = gold.iter().zip(pred).filter(|(g, p)| **g != c && **p == c).count() as f64;
        let fn_ = gold.iter().zip(pred).filter(|(g, p)| **g == c && **p != c).count() as f64;
        if tp > 0.0 {
            sum += 2.0 * tp / (2.0 * tp + fp + fn_);
        }
    }
    sum / k as f64
}

/// Macro-F1 of each predictor on the sentences left after `decisions` decisions.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub decisions: usize,
    pub remaining: usize,
    pub majority: f64,
    pub cues: f64,
    pub bayes: f64,
    pub logistic: f64,
    /// What the page suggests.
    pub suggest: f64,
}

/// Replays `cases` in order against `model` (fresh); a row per checkpoint below the number
/// of cases. Cases whose label is not a category are skipped.
pub fn replay(mut model: Model, cases: &[Case], checkpoints: &[usize]) -> Vec<Row> {
    let k = model.categories().len();
    let data: Vec<(Features, usize)> =
        cases.iter().filter_map(|c| Some((model.features(&c.text), model.category(&c.label)?))).collect();
    let none = k - 1;
    let mut rows = Vec::new();
    let mut counts = vec![0usize; k];
    for (i, (fx, c)) in data.iter().enumerate() {
        if checkpoints.contains(&i) {
            let rest = &data[i..];
            let gold: Vec<usize> = rest.iter().map(|d| d.1).collect();
            // The majority class of the decisions so far ("none" before any).
            let major = if i == 0 { none } else { (0..k).max_by_key(|&j| (counts[j], j == none)).unwrap_or(none) };
            let score = |mix: Mix| {
                let pred: Vec<usize> = rest.iter().map(|d| top(&model.predict_with(&d.0, mix)).category).collect();
                macro_f1(&gold, &pred, k)
            };
            rows.push(Row {
                decisions: i,
                remaining: rest.len(),
                majority: macro_f1(&gold, &vec![major; gold.len()], k),
                cues: score(Mix::Cues),
                bayes: score(Mix::Bayes),
                logistic: score(Mix::Logistic),
                suggest: score(Mix::Blend),
            });
        }
        model.learn_features(fx, *c, None);
        counts[*c] += 1;
    }
    rows
}

/// The checkpoints the suggestions are measured at, with 0 (cue words alone) first
/// (docs/DEVELOPMENT.md, Suggestions: quality and speed).
pub const CHECKPOINTS: &[usize] = &[0, 10, 25, 50, 100, 200];
