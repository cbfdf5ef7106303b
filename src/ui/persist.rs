//! Saving, the browser side: after a render, the core's plan (`storage::plan::Saved`) says
//! which keys the change must write and in which store (docs/FORMAT.md §3). localStorage's
//! writes (the person's own work) are performed at once, as the frame after the change
//! paints; IndexedDB's (the corpus, layers, gold, history, the sync checkpoint) go in one
//! transaction per save, whose result is reported back to the plan key by key when it ends,
//! so what failed is retried with the next change. The cost of a save is the cost of the
//! change, not of the corpus.

use std::cell::RefCell;
use std::rc::Rc;

use crate::platform::idb::{Idb, IdbError};
use crate::platform::storage::{Local, WriteError};
use annotator_core::storage::plan::{Planned, Saved, WriteResult};
use annotator_core::sync::SYNC_KEY;

use super::state::State;

/// What a save found, for the UI to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Meter {
    /// Some write is waiting for room (a store full): retried on the next change.
    pub full: bool,
    /// Bytes used in localStorage's quota by this page's keys.
    pub used: usize,
}

/// What the browser counts against the page's share of the disk and that share, in bytes
/// (`navigator.storage.estimate()`), refreshed after IndexedDB commits; `None` until known or
/// where the browser does not say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Estimate(pub Option<(u64, u64)>);

/// How a save ended, told to the App (when IndexedDB's transaction has ended, if there was
/// one): the meter, an error in words, the sync checkpoint now stored, and the IndexedDB
/// keys written (other tabs are told).
#[derive(Debug, Default)]
pub struct Outcome {
    pub meter: Meter,
    pub error: Option<String>,
    pub checkpoint: Option<Rc<String>>,
    pub idb_keys: Vec<String>,
}

#[derive(Default)]
pub struct Saver {
    saved: Option<Saved>,
    idb: Option<Idb>,
    /// The sync checkpoint last stored, and the one in a transaction still running.
    checkpoint_stored: Option<Rc<String>>,
    checkpoint_sent: Option<Rc<String>>,
}

pub type SharedSaver = Rc<RefCell<Saver>>;

impl Saver {
    /// Starts from what start-up read (nothing is written until something changes, but a
    /// pending migration), with the database it read from (`None`: IndexedDB unavailable).
    pub fn start(&mut self, saved: Saved, idb: Option<Idb>) {
        self.saved = Some(saved);
        self.idb = idb;
    }

    pub fn meter(&self) -> Meter {
        self.saved.as_ref().map(|s| Meter { full: s.full(), used: s.used() }).unwrap_or_default()
    }

    /// Another tab's write (or removal): storage holds it now, so it is not written back.
    pub fn note_external(&mut self, key: &str, value: Option<&str>) {
        if let Some(s) = self.saved.as_mut() {
            s.note_external(key, value);
        }
    }

    /// The open database, for reading what another tab wrote.
    pub fn idb(&self) -> Option<Idb> {
        self.idb.clone()
    }

    /// The sync checkpoint read at start-up is the one stored.
    pub fn stored_checkpoint(&mut self, cp: Option<Rc<String>>) {
        self.checkpoint_stored = cp;
    }
}

/// The words for writes that failed: which store, and that nothing stored before was lost.
fn failure_words(e: &IdbError, keys: usize) -> Option<String> {
    match e {
        // A full store is shown by the storage-full message (messages.rs), with an export.
        IdbError::Quota => None,
        IdbError::Unavailable(_) | IdbError::Failed(_) => Some(format!(
            "Saving {keys} item(s) of the corpus, layers or history failed: {e}. Nothing already stored was \
             lost; your work is kept in this tab and saving is retried with your next change. Export it to be safe."
        )),
    }
}

/// The files whose imported articles a transaction carries, with how many of each (by the
/// document's `source`), so that a store too full for them can name them.
fn files_in(writes: &[(String, Option<String>)], state: &State) -> Vec<(String, usize)> {
    let mut files: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (key, value) in writes {
        let Some(id) = annotator_core::storage::doc_of_doc_key(key) else { continue };
        if value.is_none() {
            continue;
        }
        let source = state.session.doc_index(id).map(|i| state.session.docs()[i].source.clone()).unwrap_or_default();
        *files.entry(source).or_default() += 1;
    }
    files.into_iter().collect()
}

fn same(a: &Option<Rc<String>>, b: &Rc<String>) -> bool {
    a.as_ref().is_some_and(|a| Rc::ptr_eq(a, b))
}

/// Removes the localStorage copies an older layout left, once IndexedDB holds everything.
fn remove_legacy(saved: &mut Saved, local: &Local) {
    for key in saved.legacy_removals() {
        let ok = local.remove(&key).is_ok();
        saved.legacy_removed(&key, ok);
    }
}

/// Writes what changed since the last save: localStorage's writes now, IndexedDB's in one
/// transaction started now; `report` hears how it ended (once, after the transaction when
/// there is one).
pub fn save(shared: &SharedSaver, state: &State, local: &Local, report: Rc<dyn Fn(Outcome)>) {
    let mut guard = shared.borrow_mut();
    let saver = &mut *guard;
    let Some(saved) = saver.saved.as_mut() else { return };
    if state.read_only || !state.loaded {
        let meter = Meter { full: saved.full(), used: saved.used() };
        drop(guard);
        report(Outcome { meter, ..Default::default() });
        return;
    }
    let mut planned: Planned = saved.plan(&state.session);
    saved.commit(&state.session);
    let mut error = None;
    for (key, value) in std::mem::take(&mut planned.local) {
        let result = match &value {
            Some(v) => match local.set(&key, v) {
                Ok(()) => WriteResult::Done,
                Err(WriteError::Quota) => WriteResult::Full,
                Err(WriteError::Other(e)) => {
                    error = Some(format!("Saving failed: {e}. Your work is kept in this tab; export it."));
                    WriteResult::Failed
                }
            },
            None => match local.remove(&key) {
                Ok(()) => WriteResult::Done,
                Err(_) => WriteResult::Failed,
            },
        };
        saved.done(&key, value.as_deref(), result);
    }
    // The sync checkpoint goes with the changes it follows, in the same transaction, and only
    // when nothing is waiting (else a later save takes it).
    let mut checkpoint = None;
    if let Some(cp) = &state.sync_checkpoint {
        let fresh = !same(&saver.checkpoint_stored, cp) && !same(&saver.checkpoint_sent, cp);
        if fresh && !saved.behind() && saver.idb.is_some() {
            saved.add_idb(&mut planned, SYNC_KEY, (**cp).clone());
            saver.checkpoint_sent = Some(cp.clone());
            checkpoint = Some(cp.clone());
        }
    }
    if planned.idb.is_empty() {
        remove_legacy(saved, local);
        let meter = Meter { full: saved.full(), used: saved.used() };
        drop(guard);
        report(Outcome { meter, error, ..Default::default() });
        return;
    }
    let writing = match &saver.idb {
        Some(idb) => idb.write(&planned.idb),
        None => Err(IdbError::Unavailable("it could not be opened when the page started".into())),
    };
    let writing = match writing {
        Ok(w) => w,
        Err(e) => {
            // Not even started: the writes are kept in memory and retried with the next change.
            for (k, v) in &planned.idb {
                saved.done(k, v.as_deref(), WriteResult::Failed);
            }
            saver.checkpoint_sent = None;
            let meter = Meter { full: saved.full(), used: saved.used() };
            drop(guard);
            let error = error.or_else(|| failure_words(&e, planned.idb.len()));
            report(Outcome { meter, error, ..Default::default() });
            return;
        }
    };
    drop(guard);
    let files = files_in(&planned.idb, state);
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = writing.finished().await;
        let mut guard = shared.borrow_mut();
        let saver = &mut *guard;
        let Some(saved) = saver.saved.as_mut() else { return };
        let each = match &result {
            Ok(()) => WriteResult::Done,
            Err(IdbError::Quota) => WriteResult::Full,
            Err(_) => WriteResult::Failed,
        };
        for (k, v) in &planned.idb {
            saved.done(k, v.as_deref(), each);
        }
        if let Some(cp) = &checkpoint {
            if same(&saver.checkpoint_sent, cp) {
                saver.checkpoint_sent = None;
            }
            if result.is_ok() {
                saver.checkpoint_stored = Some(cp.clone());
            }
        }
        if let Ok(local) = Local::open() {
            remove_legacy(saved, &local);
        }
        let meter = Meter { full: saved.full(), used: saved.used() };
        drop(guard);
        let error = error.or_else(|| match &result {
            // Articles of an import the store had no room for: the files are named (the
            // storage-full message says the rest).
            Err(IdbError::Quota) if !files.is_empty() => Some(crate::view::words::articles_not_stored(&files)),
            Err(e) => failure_words(e, planned.idb.len()),
            Ok(()) => None,
        });
        let stored = result.is_ok();
        report(Outcome {
            meter,
            error,
            checkpoint: checkpoint.filter(|_| stored),
            idb_keys: if stored { planned.idb.into_iter().map(|(k, _)| k).collect() } else { Vec::new() },
        });
    });
}
