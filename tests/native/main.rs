//! The native integration tests, one binary (one link, one run) instead of one per file:
//! import and export end to end, hostile input, the segmenter's golden rules, properties and
//! seed articles. The browser tests are tests/browser.rs (wasm32); the end-to-end tests
//! tests/e2e (pytest).
#![cfg(not(target_arch = "wasm32"))]

mod hostile_input;
mod import_export;
mod segment_golden;
mod segment_props;
mod segment_seeds;
mod util;
