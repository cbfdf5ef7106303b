//! The platform edge: small wrappers over browser APIs. Every fallible call returns a
//! `Result` with a message the UI can show; nothing here panics on the browser.

pub mod channel;
pub mod clock;
pub mod download;
pub mod fetch;
pub mod files;
pub mod first_screen;
pub mod idb;
pub mod offline;
pub mod random;
pub mod storage;
pub mod sync;
pub mod theme;

use wasm_bindgen::JsValue;

/// A readable message from a JS exception or value.
pub fn js_error(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| format!("{v:?}"))
}

use wasm_bindgen::JsCast;

pub fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| "no browser window".to_owned())
}
