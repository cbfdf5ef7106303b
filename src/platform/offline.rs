//! Offline use (docs/ARCHITECTURE.md, Offline use) at the browser's edge: registers the page's
//! service worker (sw.js, next to index.html), asks the browser to keep the page's storage
//! (`navigator.storage.persist()`) and how much of it the page uses
//! (`navigator.storage.estimate()`). Both are optional comforts: where the browser lacks them
//! (not a secure context, an old browser) the page works as before, and what happened is told
//! in words (`core::offline`), never a panic.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::{js_error, window};
use annotator_core::offline::{OfflineStatus, PersistStatus, Unavailable};

/// The worker's URL and scope, relative to the page: dist/ can be served under any sub-path.
pub const WORKER: &str = "./sw.js";
pub const SCOPE: &str = "./";

fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
}

/// Registers the service worker and waits until one is active (after which the page opens with
/// no network). Registering again with the same script is cheap: the browser keeps the
/// registration and checks for a new worker on each load of the page by itself.
pub async fn register() -> OfflineStatus {
    match try_register().await {
        Ok(()) => OfflineStatus::Ready,
        Err(status) => status,
    }
}

async fn try_register() -> Result<(), OfflineStatus> {
    let window = window().map_err(OfflineStatus::Failed)?;
    if !window.is_secure_context() {
        return Err(OfflineStatus::Unavailable(Unavailable::NotSecure));
    }
    let navigator = window.navigator();
    // `navigator.serviceWorker` is absent (undefined) where the browser offers none: calling
    // through web-sys's binding would then throw, so look first.
    if !has(&navigator, "serviceWorker") {
        return Err(OfflineStatus::Unavailable(Unavailable::NoServiceWorker));
    }
    let container = navigator.service_worker();
    if container.is_undefined() || container.is_null() {
        return Err(OfflineStatus::Unavailable(Unavailable::NoServiceWorker));
    }
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(SCOPE);
    JsFuture::from(container.register_with_options(WORKER, &options))
        .await
        .map_err(|e| OfflineStatus::Failed(js_error(&e)))?;
    let ready = container.ready().map_err(|e| OfflineStatus::Failed(js_error(&e)))?;
    JsFuture::from(ready).await.map_err(|e| OfflineStatus::Failed(js_error(&e)))?;
    Ok(())
}

/// Whether the browser keeps the page's storage: `persisted()` first (never a prompt), then,
/// when it does not yet, `persist()` (Chromium and Safari decide silently; Firefox may ask).
pub async fn persist(ask: bool) -> PersistStatus {
    let Ok(window) = window() else { return PersistStatus::Unsupported };
    let navigator = window.navigator();
    if !has(&navigator, "storage") {
        return PersistStatus::Unsupported;
    }
    let storage = navigator.storage();
    if storage.is_undefined() || !has(&storage, "persist") || !has(&storage, "persisted") {
        return PersistStatus::Unsupported;
    }
    let call = |p: Result<js_sys::Promise, JsValue>| async move {
        let promise = p.map_err(|e| js_error(&e))?;
        let v = JsFuture::from(promise).await.map_err(|e| js_error(&e))?;
        v.as_bool().ok_or_else(|| "not a boolean".to_owned())
    };
    match call(storage.persisted()).await {
        Ok(true) => return PersistStatus::Granted,
        Ok(false) if !ask => return PersistStatus::Denied,
        Ok(false) => {}
        Err(_) => return PersistStatus::Unsupported,
    }
    match call(storage.persist()).await {
        Ok(true) => PersistStatus::Granted,
        Ok(false) => PersistStatus::Denied,
        Err(_) => PersistStatus::Unsupported,
    }
}

/// What the browser counts against this page's share of the disk (`usage`: IndexedDB, the
/// offline copy and the like) and that share (`quota`), in bytes, from
/// `navigator.storage.estimate()`; `None` where the browser does not say.
pub async fn estimate() -> Option<(u64, u64)> {
    let navigator = window().ok()?.navigator();
    if !has(&navigator, "storage") {
        return None;
    }
    let storage = navigator.storage();
    if storage.is_undefined() || !has(&storage, "estimate") {
        return None;
    }
    let answer = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let number = |k: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(k)).ok()?.as_f64();
    // Whole numbers of bytes, far below 2^53.
    Some((number("usage")? as u64, number("quota")? as u64))
}

/// The browser's user agent string ("" when it cannot be read).
pub fn user_agent() -> String {
    window().ok().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default()
}
