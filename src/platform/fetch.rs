//! Reading the page's own static files (the bundled corpus), by relative URL.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{js_error, window};

pub async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = JsFuture::from(window()?.fetch_with_str(url)).await.map_err(|e| format!("{url}: {}", js_error(&e)))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let text =
        JsFuture::from(resp.text().map_err(|e| js_error(&e))?).await.map_err(|e| format!("{url}: {}", js_error(&e)))?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}
