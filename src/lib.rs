//! Sentence Annotator: tag the sentences of news articles in the browser.
//!
//! The pure core is the `annotator-core` crate (crates/annotator-core: no browser crate,
//! tested natively with `cargo test`); `view` holds the screen's pure helpers (chart counts, drawn window), tested the same way.
//! `platform` (localStorage, files, downloads, fetch) and `ui` (Yew components) exist only
//! in the wasm32 build.

pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
