//! What the learned model sees of a sentence: hashed sparse features, so the model has a fixed
//! size whatever the vocabulary (no dictionary to grow, store or keep in step across tabs).
//!
//! - lower-cased word unigrams and bigrams (digits folded to 0, curly quotes and apostrophes
//!   made plain, clause punctuation kept as tokens: quotes and commas mark reported speech);
//! - character 3- to 5-grams inside each word of four letters or more, with word-boundary
//!   marks (`<denie`, `nied>`): they carry inflections and spellings the table never saw
//!   ("refutes", "rebuffing") and cost little for short words, which a unigram covers;
//! - cue features (`cues.rs`) when the label set has a label the cues know (claim, denial,
//!   demand): one per cue and one per label the cues point to, negated or not, weighted by
//!   the cue's strength.
//!
//! Each feature is hashed with FNV-1a (`text::fnv1a64`, stable across machines) into
//! `BUCKETS` buckets; collisions are rare enough at 2^18 for a few thousand sentences.
//! A sentence's features are sorted by bucket, each bucket once (presence, not counts).

use super::cues::{self, Cues, CUES};
use crate::text::fnv1a64;

/// Bits of the feature hash.
pub const BITS: u32 = 18;
pub const BUCKETS: usize = 1 << BITS;

/// Weights of the feature groups: words count most; the many character n-grams together
/// about as much as the words; cues as strong as they are.
const W_WORD: f32 = 1.0;
const W_BIGRAM: f32 = 0.8;
const W_CHAR: f32 = 0.25;
const W_CUE: f32 = 1.5;

pub type Token = String;

/// Lower-cased word tokens of a text, plus the punctuation that marks clauses and quotes
/// (`,` `;` `:` `"` `(` `)` `?` `!`; dashes become `,`). Inner apostrophes and hyphens stay
/// in their word ("didn't", "moscow's", "pro-russian"); digits become 0.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    let mut prev_alnum = false;
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if c.is_ascii_digit() {
                word.push('0');
            } else {
                word.extend(c.to_lowercase());
            }
            prev_alnum = true;
            continue;
        }
        let joins = matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '-' | '\u{2010}' | '\u{2011}');
        if joins && prev_alnum && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            word.push(if c == '-' || c == '\u{2010}' || c == '\u{2011}' { '-' } else { '\'' });
            prev_alnum = false;
            continue;
        }
        prev_alnum = false;
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        let punct = match c {
            ',' | ';' | ':' | '(' | ')' | '?' | '!' => Some(c),
            '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => Some('"'),
            '\u{2013}' | '\u{2014}' => Some(','),
            _ => None,
        };
        if let Some(p) = punct {
            out.push(p.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A sentence as the model sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Buckets, ascending, each once.
    pub idx: Vec<u32>,
    /// The value of each bucket.
    pub val: Vec<f32>,
    /// Euclidean norm of `val` (the logistic regression sees `val / norm`).
    pub norm: f32,
    /// Sum of `val` (the naive Bayes' document length).
    pub len: f32,
    /// The cues' scores per default label (claim, denial, demand); zero without cues.
    pub cues: [f32; 3],
    /// What the cues alone suggest (see `Cues::label`), without cues `None`.
    pub cue_label: Option<usize>,
    /// The cues found, each as `2 × index into CUES + negated` (the model learns a
    /// correction per cue: a person may read "warned … to" as a demand).
    pub hits: Vec<u16>,
}

/// Hashes tagged byte strings into buckets, reusing one buffer.
struct Hasher {
    buf: Vec<u8>,
    out: Vec<(u32, f32)>,
}

impl Hasher {
    fn add(&mut self, tag: u8, parts: &[&[u8]], value: f32) {
        self.buf.clear();
        self.buf.push(tag);
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                self.buf.push(b' ');
            }
            self.buf.extend_from_slice(p);
        }
        let h = fnv1a64(&self.buf);
        let bucket = ((h ^ (h >> 32)) as u32) & (BUCKETS as u32 - 1);
        self.out.push((bucket, value));
    }
}

impl Features {
    /// The features of a sentence; `with_cues` when the label set has a label the cues know.
    pub fn extract(text: &str, with_cues: bool) -> Features {
        let toks = tokens(text);
        let mut h = Hasher { buf: Vec::with_capacity(64), out: Vec::with_capacity(16 * toks.len() + 8) };
        let mut prev: &[u8] = b"<s>";
        let mut padded: Vec<u8> = Vec::with_capacity(32);
        let mut bounds: Vec<usize> = Vec::with_capacity(32);
        for t in &toks {
            let b = t.as_bytes();
            h.add(b'w', &[b], W_WORD);
            h.add(b'b', &[prev, b], W_BIGRAM);
            prev = b;
            if t.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                // Character n-grams of "<word>", on char boundaries.
                padded.clear();
                padded.push(b'<');
                padded.extend_from_slice(b);
                padded.push(b'>');
                bounds.clear();
                bounds.extend((0..padded.len()).filter(|&i| (padded[i] as i8) >= -0x40));
                bounds.push(padded.len());
                let chars = bounds.len() - 1;
                for n in 3..=5.min(chars) {
                    for i in 0..=chars - n {
                        h.add(b'c', &[&padded[bounds[i]..bounds[i + n]]], W_CHAR);
                    }
                }
            }
        }
        h.add(b'b', &[prev, b"</s>"], W_BIGRAM);
        let (mut cue_scores, mut cue_label, mut cue_hits) = ([0.0; 3], None, Vec::new());
        if with_cues {
            let Cues { hits, scores } = cues::find(&toks);
            for hit in &hits {
                cue_hits.push(2 * hit.cue + u16::from(hit.negated));
                let cue = &CUES[hit.cue as usize];
                let neg: &[u8] = if hit.negated { b"neg" } else { b"pos" };
                h.add(b'p', &[cue.phrase.as_bytes(), neg], W_CUE * cue.weight.max(0.3));
                if let Some(cat) = hit.cat {
                    h.add(b'q', &[&[cat as u8], neg], W_CUE * hit.weight);
                }
            }
            let c = Cues { hits: Vec::new(), scores };
            cue_label = c.label();
            cue_scores = scores;
            if cue_label.is_none() {
                h.add(b'q', &[b"nocue"], W_CUE * 0.5);
            }
        }
        let mut pairs = h.out;
        pairs.sort_unstable_by_key(|p| p.0);
        let mut idx = Vec::with_capacity(pairs.len());
        let mut val: Vec<f32> = Vec::with_capacity(pairs.len());
        for (b, v) in pairs {
            if idx.last() == Some(&b) {
                // Presence, not counts: the strongest occurrence of a bucket.
                let last = val.len() - 1;
                val[last] = val[last].max(v);
            } else {
                idx.push(b);
                val.push(v);
            }
        }
        let norm = val.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-6);
        let len = val.iter().sum::<f32>().max(1e-6);
        Features { idx, val, norm, len, cues: cue_scores, cue_label, hits: cue_hits }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_case_digits_quotes() {
        assert_eq!(
            tokens("“This report is NOT true,” Grushko said in 2022 — didn’t he?"),
            [
                "\"", "this", "report", "is", "not", "true", ",", "\"", "grushko", "said", "in", "0000", ",", "didn't",
                "he", "?"
            ]
        );
        assert_eq!(tokens("Moscow's pro-Russian 'rebels'."), ["moscow's", "pro-russian", "rebels"]);
        assert_eq!(tokens(""), Vec::<String>::new());
    }

    #[test]
    fn features_are_sorted_unique_and_deterministic() {
        let a = Features::extract("Russia denied the allegations, calling them baseless.", true);
        let b = Features::extract("Russia denied the allegations, calling them baseless.", true);
        assert_eq!(a, b);
        assert!(a.idx.windows(2).all(|w| w[0] < w[1]));
        assert!(a.idx.iter().all(|&i| (i as usize) < BUCKETS));
        assert_eq!(a.idx.len(), a.val.len());
        assert!(a.val.iter().all(|&v| v > 0.0));
        assert_eq!(a.cue_label, Some(1));
        let no_cues = Features::extract("Russia denied the allegations, calling them baseless.", false);
        assert!(no_cues.idx.len() < a.idx.len());
        assert_eq!(no_cues.cue_label, None);
        assert_eq!(no_cues.cues, [0.0; 3]);
    }

    #[test]
    fn inflections_share_character_ngrams() {
        let set = |t: &str| Features::extract(t, false).idx;
        let (a, b, c) = (set("refuted"), set("refutes"), set("tomorrow"));
        let shared = |x: &[u32], y: &[u32]| x.iter().filter(|i| y.contains(i)).count();
        assert!(shared(&a, &b) >= 6, "{}", shared(&a, &b));
        assert!(shared(&a, &c) <= 1);
    }

    #[test]
    fn empty_text_has_features_and_a_norm() {
        let f = Features::extract("", true);
        assert!(!f.idx.is_empty() && f.norm > 0.0 && f.len > 0.0);
    }
}
