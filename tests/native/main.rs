//! The native integration tests, one binary (one link, one run) instead of one per file:
//! import and export end to end, hostile input, the segmenter's golden rules, properties and
//! seed articles, labels stored under an older segmenter, and the page's words for import
//! errors. The browser tests are tests/browser.rs (wasm32); the end-to-end tests tests/e2e
//! (pytest).
#![cfg(not(target_arch = "wasm32"))]

mod hostile_input;
mod import_export;
mod segment_golden;
mod segment_props;
mod segment_seeds;
mod segment_upgrade;
mod source_layout;
mod sync_replay;
mod sync_scenarios;
mod sync_sim;
mod util;
mod words;
