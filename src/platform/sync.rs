//! The team sync's edge beyond its requests (those go through `platform::fetch`, in its
//! `Database` mode): the database address resolved against the page, and one-shot timers.
//! Every protocol decision is the pure core's (`annotator_core::sync`).

use gloo::timers::callback::Timeout;

use super::{js_error, window};

/// `url` resolved against the page (a relative database URL such as `couchdb/team`).
pub fn resolve(url: &str) -> Result<String, String> {
    let base = window()?.location().href().map_err(|e| js_error(&e))?;
    let u = web_sys::Url::new_with_base(url.trim(), &base).map_err(|e| format!("{url}: {}", js_error(&e)))?;
    Ok(u.href())
}

/// A one-shot timer: `f` runs after `ms` unless the `Timer` is dropped first.
pub struct Timer {
    _timeout: Timeout,
}

pub fn after(ms: u64, f: impl FnOnce() + 'static) -> Timer {
    Timer { _timeout: Timeout::new(ms.min(u64::from(u32::MAX)) as u32, f) }
}
