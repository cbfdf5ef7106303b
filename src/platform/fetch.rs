//! The page's one HTTP request: `fetch`, its answer as status and text. Two callers want
//! two ways of asking: the page's own static files (the bundled corpus, the label set: the
//! browser's defaults, so its cache and the service worker's copy serve them offline) and
//! the team database (JSON, the `AuthSession` cookie included, never cached, given up after
//! a while). Nothing here reads an answer's meaning: the callers and the core do. A team
//! database request the caller ends itself (the sync's long-held listen, which the server
//! answers only when something changes) goes with an `Abort` instead of the time limit.

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{js_error, window};

/// A team database request gets this long to answer before it is given up (the server is
/// then offline).
const TIMEOUT_MS: u32 = 30_000;

/// How a request goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The page's own files: the browser's defaults, no time limit.
    Static,
    /// The team database: `Accept` and `Content-Type` JSON, cookies included, not cached,
    /// aborted after `TIMEOUT_MS`.
    Database,
}

/// An answer: HTTP status and body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// No answer at all (network error, timeout, a refused request), in words for the log or
/// a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoAnswer(pub String);

/// Ends a request before its answer: `abort` makes its `send_held` return `NoAnswer` at
/// once (aborting one already answered does nothing).
#[derive(Clone)]
pub struct Abort(web_sys::AbortController);

impl Abort {
    pub fn new() -> Result<Abort, NoAnswer> {
        web_sys::AbortController::new().map(Abort).map_err(|e| NoAnswer(js_error(&e)))
    }

    pub fn abort(&self) {
        self.0.abort();
    }
}

/// Sends one request: `method` to an absolute or page-relative `url`, with a JSON `body`.
pub async fn send(mode: Mode, method: &str, url: &str, body: Option<&str>) -> Result<Answer, NoAnswer> {
    send_with(mode, method, url, body, None, true).await
}

/// A team database request with the time limit that the caller may also end early with
/// `abort` (a sync stopped: its answer would only set the session cookie again).
pub async fn send_abortable(method: &str, url: &str, body: Option<&str>, abort: &Abort) -> Result<Answer, NoAnswer> {
    send_with(Mode::Database, method, url, body, Some(abort), true).await
}

/// A team database request with no time limit of its own: it ends with its answer or when
/// `abort` is used (the caller's own limit, or it no longer wants the answer).
pub async fn send_held(method: &str, url: &str, body: Option<&str>, abort: &Abort) -> Result<Answer, NoAnswer> {
    send_with(Mode::Database, method, url, body, Some(abort), false).await
}

async fn send_with(
    mode: Mode,
    method: &str,
    url: &str,
    body: Option<&str>,
    abort: Option<&Abort>,
    limit: bool,
) -> Result<Answer, NoAnswer> {
    let no = |e: JsValue| NoAnswer(js_error(&e));
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let mut timer = None;
    if mode == Mode::Database {
        init.set_credentials(web_sys::RequestCredentials::Include);
        init.set_cache(web_sys::RequestCache::NoStore);
        let headers = web_sys::Headers::new().map_err(no)?;
        headers.set("Accept", "application/json").map_err(no)?;
        if body.is_some() {
            headers.set("Content-Type", "application/json").map_err(no)?;
        }
        init.set_headers(&headers);
        let controller = match abort {
            Some(a) => a.0.clone(),
            None => web_sys::AbortController::new().map_err(no)?,
        };
        init.set_signal(Some(&controller.signal()));
        if limit {
            timer = Some(Timeout::new(TIMEOUT_MS, move || controller.abort()));
        }
    }
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(b));
    }
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(no)?;
    let resp = JsFuture::from(window().map_err(NoAnswer)?.fetch_with_request(&request)).await.map_err(no)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| NoAnswer("not a response".into()))?;
    let status = resp.status();
    let text = JsFuture::from(resp.text().map_err(no)?).await.map_err(no)?;
    drop(timer);
    let body = text.as_string().ok_or_else(|| NoAnswer("not text".into()))?;
    Ok(Answer { status, body })
}

/// One of the page's own files as text (`url` relative to the page); an HTTP error or no
/// answer is an `Err` naming the file.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let answer = send(Mode::Static, "GET", url, None).await.map_err(|NoAnswer(why)| format!("{url}: {why}"))?;
    if !(200..300).contains(&answer.status) {
        return Err(format!("{url}: HTTP {}", answer.status));
    }
    Ok(answer.body)
}
