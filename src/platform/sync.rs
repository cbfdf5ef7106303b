//! The team sync's network and clock, nothing more: one HTTP request with a JSON body to
//! the page's own origin (cookies included, so CouchDB's `AuthSession` cookie travels), its
//! answer as status and text, and one-shot timers. Every protocol decision is the pure
//! core's (`core::sync`); a request that gets no answer (network down, timeout) is an
//! `Err`, which the driver hands to the core as status 0.

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{js_error, window};

/// A request gets this long to answer before it is given up (the server is then offline).
const TIMEOUT_MS: u32 = 30_000;

/// An answer: HTTP status and body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// No answer at all, in words (for the log; the person sees "unreachable").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoAnswer(pub String);

/// `url` resolved against the page (a relative database URL such as `couchdb/team`).
pub fn resolve(url: &str) -> Result<String, String> {
    let base = window()?.location().href().map_err(|e| js_error(&e))?;
    let u = web_sys::Url::new_with_base(url.trim(), &base).map_err(|e| format!("{url}: {}", js_error(&e)))?;
    Ok(u.href())
}

/// Sends one request (`method`, absolute or page-relative `url`, JSON `body`).
pub async fn send(method: &str, url: &str, body: Option<&str>) -> Result<Answer, NoAnswer> {
    let no = |e: JsValue| NoAnswer(js_error(&e));
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::Include);
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(no)?;
    headers.set("Accept", "application/json").map_err(no)?;
    if let Some(b) = body {
        headers.set("Content-Type", "application/json").map_err(no)?;
        init.set_body(&JsValue::from_str(b));
    }
    init.set_headers(&headers);
    let abort = web_sys::AbortController::new().map_err(no)?;
    init.set_signal(Some(&abort.signal()));
    let timer = Timeout::new(TIMEOUT_MS, move || abort.abort());
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(no)?;
    let resp = JsFuture::from(window().map_err(NoAnswer)?.fetch_with_request(&request)).await.map_err(no)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| NoAnswer("not a response".into()))?;
    let status = resp.status();
    let text = JsFuture::from(resp.text().map_err(no)?).await.map_err(no)?;
    drop(timer);
    Ok(Answer { status, body: text.as_string().unwrap_or_default() })
}

/// A one-shot timer: `f` runs after `ms` unless the `Timer` is dropped first.
pub struct Timer {
    _timeout: Timeout,
}

pub fn after(ms: u64, f: impl FnOnce() + 'static) -> Timer {
    Timer { _timeout: Timeout::new(ms.min(u64::from(u32::MAX)) as u32, f) }
}
