//! Sentence Annotator: tag the sentences of news articles in the browser.
//!
//! `core` is plain Rust (no browser APIs) and is tested natively with `cargo test`.
//! `platform` (localStorage, files, downloads, fetch) and `ui` (Yew components) exist only
//! in the wasm32 build.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
