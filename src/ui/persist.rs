//! Saving: after every render, the state is compared with what was last written and only
//! the keys that changed are written (one document's shard for a label change), so the
//! cost of a save is bounded by the change, not by the corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::core::annotations::{AnnotationStore, History};
use crate::core::session::Session;
use crate::core::storage::{self, Meta, LAYOUT};
use crate::platform::storage::{Local, WriteError};

use super::state::State;

#[derive(Default)]
pub struct Saver {
    /// What was last written: the store (cheap to clone: shared maps) and the imported ids.
    anns: AnnotationStore,
    docs: Rc<BTreeSet<String>>,
    history: Option<Rc<History>>,
    meta: Option<Meta>,
    /// Bytes each key costs in the browser's quota, for the storage meter.
    sizes: BTreeMap<String, usize>,
    /// Keys that could not be written (quota): retried on the next change.
    failed: BTreeSet<String>,
    started: bool,
}

/// What a sync found, for the UI to show.
pub struct SyncReport {
    pub full: bool,
    pub used: usize,
    pub error: Option<String>,
}

impl Saver {
    /// Takes what was loaded as already saved (nothing to write at start), with what each
    /// stored key costs (from start-up's single read of storage).
    pub fn start_from(&mut self, session: &Session, sizes: BTreeMap<String, usize>) {
        self.anns = session.anns.clone();
        self.docs = session.imported.clone();
        self.history = Some(session.history.clone());
        self.meta = Some(meta_of(session));
        self.sizes = sizes;
        self.started = true;
    }

    pub fn used(&self) -> usize {
        self.sizes.values().sum()
    }

    /// Writes what changed since the last sync. Order matters for crash safety: an
    /// article's text before the annotations that refer to it, the meta record last.
    pub fn sync(&mut self, state: &State, local: &Local) -> SyncReport {
        let mut error = None;
        let mut full = false;
        if !self.started || state.read_only || !state.loaded {
            return SyncReport { full: false, used: self.used(), error };
        }
        let s = &state.session;
        let mut writes: Vec<(String, Option<String>)> = Vec::new();

        // Documents: only when the set of imported ones changed (or a write failed).
        let docs_changed = !Rc::ptr_eq(&self.docs, &s.imported);
        if docs_changed || !self.failed.is_empty() {
            for id in s.imported.iter() {
                if !self.docs.contains(id) || self.failed.contains(&storage::doc_key(id)) {
                    if let Some(d) = s.doc_index(id).map(|i| &s.docs[i]) {
                        writes.push((storage::doc_key(id), Some(storage::encode_doc(d))));
                    }
                }
            }
            for id in self.docs.iter().filter(|id| !s.imported.contains(*id)) {
                writes.push((storage::doc_key(id), None));
            }
        }
        // Annotations: a pointer comparison per document finds the one that changed.
        for id in s.anns.doc_ids() {
            let Some(now) = s.anns.doc(id) else { continue };
            let same = self.anns.doc(id).is_some_and(|old| Rc::ptr_eq(old, now));
            if !same || (!self.failed.is_empty() && self.failed.contains(&storage::ann_key(id))) {
                let orphans: Vec<_> = s.orphans.iter().filter(|o| o.doc == id).cloned().collect();
                writes.push((storage::ann_key(id), Some(storage::encode_ann_with(now, &orphans))));
            }
        }
        for id in self.anns.doc_ids().filter(|id| s.anns.doc(id).is_none()) {
            writes.push((storage::ann_key(id), None));
        }
        let history_same = self.history.as_ref().is_some_and(|h| Rc::ptr_eq(h, &s.history));
        if !history_same || self.failed.contains(storage::HISTORY_KEY) {
            writes.push((storage::HISTORY_KEY.to_owned(), Some(storage::encode_history(&s.history))));
        }
        let meta = meta_of(s);
        if self.meta.as_ref() != Some(&meta) || self.failed.contains(storage::META_KEY) {
            writes.push((storage::META_KEY.to_owned(), Some(storage::encode_meta(&meta))));
        }

        for (key, value) in writes {
            match value {
                Some(v) => match local.set(&key, &v) {
                    Ok(()) => {
                        self.failed.remove(&key);
                        self.sizes.insert(key.clone(), storage::stored_bytes(&key, &v));
                    }
                    Err(WriteError::Quota) => {
                        full = true;
                        self.failed.insert(key);
                    }
                    Err(WriteError::Other(e)) => {
                        error = Some(format!("Saving failed: {e}. Your work is kept in this tab; export it."));
                        self.failed.insert(key);
                    }
                },
                None => {
                    if local.remove(&key).is_ok() {
                        self.sizes.remove(&key);
                    }
                }
            }
        }
        // What was attempted is now the reference; failed keys are retried by name.
        self.anns = s.anns.clone();
        self.docs = s.imported.clone();
        self.history = Some(s.history.clone());
        self.meta = Some(meta);
        SyncReport { full: full || (!self.failed.is_empty() && error.is_none()), used: self.used(), error }
    }

    /// Another tab's write: remember it as saved so it is not written back needlessly.
    pub fn note_external(&mut self, key: &str, value: &str) {
        self.sizes.insert(key.to_owned(), storage::stored_bytes(key, value));
    }
}

fn meta_of(s: &Session) -> Meta {
    Meta {
        layout: LAYOUT,
        settings: s.settings.clone(),
        annotator: s.annotator.clone(),
        removed: s.removed.iter().cloned().collect(),
        open_doc: s.open_doc().map(|d| d.id.clone()),
        focus: s.focus,
    }
}
