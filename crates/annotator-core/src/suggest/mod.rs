//! Suggestions that learn from the person's own decisions, in the page (docs/ARCHITECTURE.md,
//! Suggestions): no server, nothing leaves the browser. Plain Rust, tested natively; the page
//! wires it up.
//!
//! - `cues`: the cue-word table (claim, denial, demand), so there are suggestions before any
//!   decision for those labels, whatever other labels stand beside them;
//! - `features`: hashed word, bigram, character n-gram and cue features of a sentence;
//! - `eval`: the simulated annotator that measures them (`examples/suggest_eval.rs`);
//! - `model`: the online classifier (naive Bayes mixed with an AdaGrad logistic regression,
//!   on a cue prior) and the `Pool` that keeps the undecided sentences scored after each
//!   decision;
//! - `engine`: the model and pool of a session, kept in step with its annotations, and the
//!   acceptance figures of the suggestions panel.

pub mod cues;
pub mod engine;
pub mod eval;
pub mod features;
pub mod model;

pub use engine::{Acceptance, Engine, Shown};
pub use model::{top, Mix, Model, Pool, State, Suggestion, NONE};

#[cfg(test)]
mod tests;
