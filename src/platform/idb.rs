//! IndexedDB at the browser's edge: the store for what grows with the corpus and the team
//! (docs/FORMAT.md §3; which key lives here is decided in the core, `storage::homes`). One
//! database, `sentence-annotator`, with one object store, `kv`, of key → string: read whole
//! at start-up, written one save at a time in one readwrite transaction (all or nothing).
//! Failures come back typed (`IdbError`), a full store (`QuotaExceededError`) told apart, so
//! the saver retries what failed and says so; nothing here panics on a browser value.
//!
//! Written on web-sys's own IndexedDB bindings, not a wrapper crate (`indexed_db_futures`,
//! `rexie`, `idb`): the page needs four operations (open with one store, read everything,
//! one transaction of puts and deletes, tell a full store apart), which take this one file.
//! web-sys and wasm-bindgen-futures are already in the page, so this adds no crate, only the
//! bindings it calls (this file, the saver's transaction and the move together added 30 KB
//! to the release wasm, 7 KB brotli-compressed); the wrappers bring their own futures
//! machinery and error crates (`idb`: thiserror, num-traits, tokio; `rexie` on top of `idb`;
//! `indexed_db_futures` 0.6: about twenty crates, proc macros and serde-wasm-bindgen among
//! them) to be kept in step with the pinned wasm-bindgen and checked by `cargo deny`, for an
//! API shaped around indexes and cursors the page does not use.
//!
//! Records cross as JSON strings (serde_json, which the page has for its exports and sync
//! anyway), not as JS objects made by serde-wasm-bindgen: measured both ways on 10,000
//! articles (53 MB; `make bench`, section `idb`, tests/idb_boundary.rs) every step took the
//! same within the runs' spread (encode about 0.1 s, put 1.8 to 3.4 s, `getAll` 0.7 to 1.2 s,
//! decode 0.2 s, either way): the time is IndexedDB's and the copy of the text, which both
//! ways make. serde-wasm-bindgen added 13 KB to the wasm (4.8 KB gzip) for the article
//! record alone, a cost for each record type, for no gain.

use std::collections::BTreeMap;
use std::future::Future;

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use super::{js_error, window};

/// The database and its one object store (docs/FORMAT.md §3).
pub const DB_NAME: &str = "sentence-annotator";
pub const STORE: &str = "kv";

/// Why IndexedDB did not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdbError {
    /// No IndexedDB here (disabled by the browser or its settings, or refused to this page).
    Unavailable(String),
    /// The browser refused for lack of space (`QuotaExceededError`): nothing of the
    /// transaction was written, and what was stored before is untouched.
    Quota,
    /// Any other failure (the transaction aborted, the database closed under the page).
    Failed(String),
}

impl std::fmt::Display for IdbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdbError::Unavailable(e) => write!(f, "IndexedDB is not available ({e})"),
            IdbError::Quota => write!(f, "the browser's storage for this page is full"),
            IdbError::Failed(e) => write!(f, "IndexedDB failed ({e})"),
        }
    }
}

/// An error value from IndexedDB (a `DOMException`, or whatever was thrown) as an `IdbError`.
fn classify(e: &JsValue) -> IdbError {
    let name = js_sys::Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string());
    match name.as_deref() {
        Some("QuotaExceededError") => IdbError::Quota,
        _ => IdbError::Failed(dom_message(e)),
    }
}

fn dom_message(e: &JsValue) -> String {
    let get = |k: &str| js_sys::Reflect::get(e, &k.into()).ok().and_then(|v| v.as_string());
    match (get("name"), get("message")) {
        (Some(n), Some(m)) if !m.is_empty() => format!("{n}: {m}"),
        (Some(n), _) => n,
        _ => js_error(e),
    }
}

/// A promise settled by the request's `success` (with its result) or `error` event; the
/// handlers are set at once, so a request already on its way is not missed.
fn settled(req: &IdbRequest) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    JsFuture::from(promise)
}

/// Waits for a request and returns its result, or its error typed.
async fn result_of(req: &IdbRequest, wait: JsFuture) -> Result<JsValue, IdbError> {
    let outcome = wait.await;
    req.set_onsuccess(None);
    req.set_onerror(None);
    match outcome {
        Ok(_) => req.result().map_err(|e| classify(&e)),
        Err(_) => Err(match req.error() {
            Ok(Some(e)) => classify(&e),
            Ok(None) => IdbError::Failed("the request failed".into()),
            Err(e) => classify(&e),
        }),
    }
}

/// A promise settled when the transaction commits (`complete`) or aborts (`abort`).
fn committed(tx: &IdbTransaction) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(promise)
}

/// Opens `DB_NAME` at `version` (`None`: the version it has, 1 when new), creating the store
/// in an upgrade.
async fn open_version(factory: &web_sys::IdbFactory, version: Option<u32>) -> Result<IdbDatabase, IdbError> {
    let req: IdbOpenDbRequest = match version {
        Some(v) => factory.open_with_u32(DB_NAME, v),
        None => factory.open(DB_NAME),
    }
    .map_err(|e| IdbError::Unavailable(dom_message(&e)))?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let db = e
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                // A failure here aborts the upgrade, and the open reports it.
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let wait = settled(&req);
    let opened = result_of(&req, wait).await;
    req.set_onupgradeneeded(None);
    drop(upgrade);
    opened
        .map_err(|e| match e {
            IdbError::Failed(m) => IdbError::Unavailable(m),
            other => other,
        })?
        .dyn_into::<IdbDatabase>()
        .map_err(|_| IdbError::Unavailable("the open request gave no database".into()))
}

/// A connection that closes when another page asks for a newer version of the database (it
/// would wait for this one otherwise).
fn watch(db: IdbDatabase) -> IdbDatabase {
    let close = Closure::<dyn FnMut(web_sys::Event)>::new({
        let db = db.clone();
        move |_| db.close()
    });
    db.set_onversionchange(Some(close.as_ref().unchecked_ref()));
    close.forget();
    db
}

/// The page's connection to its database.
#[derive(Clone, Debug)]
pub struct Idb {
    db: IdbDatabase,
}

impl Idb {
    /// Opens the database, creating its object store on first use (also when something else
    /// made the database without it: then at the next version).
    pub async fn open() -> Result<Idb, IdbError> {
        let factory = window()
            .map_err(IdbError::Unavailable)?
            .indexed_db()
            .map_err(|e| IdbError::Unavailable(dom_message(&e)))?
            .ok_or_else(|| IdbError::Unavailable("disabled by the browser".into()))?;
        let db = open_version(&factory, None).await?;
        if db.object_store_names().contains(STORE) {
            return Ok(Idb { db: watch(db) });
        }
        // `version` is a whole number kept as a double; a database of this page is at 1 or a
        // little more.
        let next = (db.version() as u32).saturating_add(1);
        db.close();
        let db = open_version(&factory, Some(next)).await?;
        if !db.object_store_names().contains(STORE) {
            return Err(IdbError::Unavailable(format!("the database has no {STORE:?} store")));
        }
        Ok(Idb { db: watch(db) })
    }

    fn store(&self, mode: IdbTransactionMode) -> Result<(IdbTransaction, IdbObjectStore), IdbError> {
        let tx = self.db.transaction_with_str_and_mode(STORE, mode).map_err(|e| classify(&e))?;
        let store = tx.object_store(STORE).map_err(|e| classify(&e))?;
        Ok((tx, store))
    }

    /// How many keys the database holds and the value of `key`, asked for now (start-up shows
    /// the open article first when there are many keys, see `ui::startup`): asked before
    /// `request_all`, the browser answers them first.
    pub fn request_count_and(
        &self,
        key: Option<&str>,
    ) -> Result<impl Future<Output = Result<(u32, Option<String>), IdbError>>, IdbError> {
        let (_tx, store) = self.store(IdbTransactionMode::Readonly)?;
        let count_req = store.count().map_err(|e| classify(&e))?;
        let count_wait = settled(&count_req);
        let get = match key {
            Some(k) => {
                let req = store.get(&JsValue::from_str(k)).map_err(|e| classify(&e))?;
                let wait = settled(&req);
                Some((req, wait))
            }
            None => None,
        };
        Ok(async move {
            let n = result_of(&count_req, count_wait).await?.as_f64().unwrap_or(0.0);
            let value = match get {
                Some((req, wait)) => result_of(&req, wait).await?.as_string(),
                None => None,
            };
            Ok((n.clamp(0.0, f64::from(u32::MAX)) as u32, value))
        })
    }

    /// Every key and its value (start-up's one read). A value that is not a string (not
    /// written by this page) is left out, and left in the database.
    pub async fn read_all(&self) -> Result<BTreeMap<String, String>, IdbError> {
        self.request_all()?.await
    }

    /// `read_all`, asked for now: the browser reads while the page does other work until the
    /// returned future is awaited (start-up builds the open article meanwhile).
    pub fn request_all(&self) -> Result<impl Future<Output = Result<BTreeMap<String, String>, IdbError>>, IdbError> {
        let (_tx, store) = self.store(IdbTransactionMode::Readonly)?;
        let keys_req = store.get_all_keys().map_err(|e| classify(&e))?;
        let values_req = store.get_all().map_err(|e| classify(&e))?;
        let (keys_wait, values_wait) = (settled(&keys_req), settled(&values_req));
        Ok(async move {
            let keys: Array = result_of(&keys_req, keys_wait).await?.unchecked_into();
            let values: Array = result_of(&values_req, values_wait).await?.unchecked_into();
            // Both lists come from one transaction, in key order: they pair up.
            let out =
                keys.iter().zip(values.iter()).filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?))).collect();
            Ok(out)
        })
    }

    /// The values of `keys` (`None`: not stored), read in one transaction: another tab's
    /// writes, read when it says it made them.
    pub async fn read_keys(&self, keys: &[String]) -> Result<BTreeMap<String, Option<String>>, IdbError> {
        let (_tx, store) = self.store(IdbTransactionMode::Readonly)?;
        let mut waits = Vec::with_capacity(keys.len());
        for k in keys {
            let req = store.get(&JsValue::from_str(k)).map_err(|e| classify(&e))?;
            let wait = settled(&req);
            waits.push((k, req, wait));
        }
        let mut out = BTreeMap::new();
        for (k, req, wait) in waits {
            let v = result_of(&req, wait).await?;
            out.insert(k.clone(), v.as_string());
        }
        Ok(out)
    }

    /// Starts `writes` (`None` deletes the key) in one readwrite transaction, at once (a page
    /// being left still gets its transaction made); `Writing::finished` says how it ended:
    /// all of them stored on `Ok`, none on an error.
    pub fn write(&self, writes: &[(String, Option<String>)]) -> Result<Writing, IdbError> {
        let (tx, store) = self.store(IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        for (key, value) in writes {
            let key = JsValue::from_str(key);
            let req = match value {
                Some(v) => store.put_with_key(&JsValue::from_str(v), &key),
                None => store.delete(&key),
            };
            if let Err(e) = req {
                // Nothing of this transaction may be kept: abort it and say why.
                let _ = tx.abort();
                return Err(classify(&e));
            }
        }
        Ok(Writing { tx, done })
    }
}

/// A transaction on its way.
pub struct Writing {
    tx: IdbTransaction,
    done: JsFuture,
}

impl Writing {
    /// Waits until the transaction commits (`Ok`) or aborts (why, typed).
    pub async fn finished(self) -> Result<(), IdbError> {
        let Writing { tx, done } = self;
        let outcome = done.await;
        tx.set_oncomplete(None);
        tx.set_onabort(None);
        outcome.map(|_| ()).map_err(|_| match tx.error() {
            Some(e) => classify(&e),
            None => IdbError::Failed("the transaction was aborted".into()),
        })
    }
}
