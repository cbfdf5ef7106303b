//! What to write after a change, decided in the core (the browser edge only performs the
//! writes and reports how each went). The cost of a save is the cost of the change:
//! documents are compared by pointer (a change copies only its own document's map), the
//! history writes one segment and its index, and a value storage already holds (written
//! by us, or by another tab and merged here unchanged) is never written again.
//!
//! A plan is split by the keys' homes (`homes`): localStorage's writes are performed at once,
//! in the frame after the change; IndexedDB's go in one transaction, whose result comes back
//! later, key by key (`done`). So what this page knows storage holds is updated when a write is
//! planned, and a failed write is forgotten and retried by name with the next change.
//!
//! Order matters for crash safety: migration writes first, then an article's text before
//! the annotations that refer to it, history segments before their index, the meta record
//! last. IndexedDB's writes of one save commit together; the localStorage copies an older
//! layout left are removed only once IndexedDB has everything (`legacy_removals`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use super::homes::{home, Home, Stores};
use super::{
    ann_key, doc_key, encode_ann_with, encode_doc, encode_meta, history, stored_bytes, Meta, LAYOUT, META_KEY,
};
use crate::annotations::AnnotationStore;
use crate::document::Document;
use crate::history::History;
use crate::layers::Layers;
use crate::session::Session;
use crate::text::fnv1a64;

/// How one write went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteResult {
    Done,
    /// The quota is full: kept in memory, retried by name on the next change.
    Full,
    /// Any other failure: also retried.
    Failed,
}

/// A write: `None` removes the key.
pub type Write = (String, Option<String>);

/// The writes of one save, by store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Planned {
    /// localStorage's, performed at once, one key at a time, in this order.
    pub local: Vec<Write>,
    /// IndexedDB's, performed in one transaction (all or nothing).
    pub idb: Vec<Write>,
}

impl Planned {
    pub fn is_empty(&self) -> bool {
        self.local.is_empty() && self.idb.is_empty()
    }

    /// Every key written, localStorage's first.
    pub fn keys(&self) -> Vec<&str> {
        self.local.iter().chain(&self.idb).map(|(k, _)| k.as_str()).collect()
    }
}

/// A write that completes a migration: written until it succeeds.
#[derive(Debug)]
struct Pending {
    key: String,
    value: String,
    /// In a plan whose result has not come back yet.
    issued: bool,
    /// Its last write failed.
    failed: bool,
}

/// What storage holds, as far as this page knows: the reference the next change is
/// compared with.
#[derive(Default)]
pub struct Saved {
    anns: AnnotationStore,
    gold: AnnotationStore,
    imported: Rc<BTreeSet<String>>,
    /// The document list last saved (boundary edits replace a document in it).
    docs: Rc<Vec<Rc<crate::document::Document>>>,
    history: Rc<History>,
    layers: Layers,
    conflicts: Rc<Vec<crate::export::Conflict>>,
    meta: Option<Meta>,
    /// Hash of the value each key holds in its home (or will hold once the writes planned
    /// have been performed), so an identical value is not written again.
    known: HashMap<String, u64>,
    /// Bytes each localStorage key costs in its quota (the storage meter).
    sizes: BTreeMap<String, usize>,
    /// Bytes of each IndexedDB value, as the page wrote or read it.
    idb_sizes: BTreeMap<String, usize>,
    /// Keys whose last write failed: retried on the next change.
    failed: BTreeSet<String>,
    /// Of those (and of the migration's writes), the ones refused for lack of room.
    full: BTreeSet<String>,
    /// IndexedDB writes planned whose result has not come back yet (per key, how many).
    in_flight: HashMap<String, u32>,
    /// Writes of a migration, done with the first save (and retried until they succeed).
    pending: Vec<Pending>,
    /// localStorage copies an older layout left, removed once IndexedDB holds everything.
    legacy: Vec<String>,
}

pub fn meta_of(s: &Session) -> Meta {
    Meta {
        layout: LAYOUT,
        settings: s.settings().clone(),
        annotator: s.annotator().to_owned(),
        removed: s.corpus().removed().iter().cloned().collect(),
        open_doc: s.open_doc().map(|d| d.id.clone()),
        focus: s.focus(),
        done: s.done().iter().cloned().collect(),
        places: (**s.places()).clone(),
        labels: s.custom_labels().then(|| (**s.labels()).clone()),
    }
}

impl Saved {
    /// Takes what was loaded as saved: `stores` is what each store held at start-up (one read
    /// of each); `migration` holds the writes that complete a migration (a removal, `None`,
    /// always of an older layout's localStorage copy: performed once IndexedDB holds
    /// everything); when the history was migrated, it is written anew.
    pub fn from_loaded(session: &Session, stores: &Stores, migration: Vec<Write>, history_migrated: bool) -> Saved {
        let at_home = |(k, v): (&String, &String), h: Home| (home(k) == h).then(|| (k.clone(), fnv1a64(v.as_bytes())));
        let known = stores
            .local
            .iter()
            .filter_map(|kv| at_home(kv, Home::Local))
            .chain(stores.idb.iter().filter_map(|kv| at_home(kv, Home::Idb)))
            .collect();
        let mut pending = Vec::new();
        let mut legacy = Vec::new();
        for (key, value) in migration {
            match value {
                Some(value) => pending.push(Pending { key, value, issued: false, failed: false }),
                None if !legacy.contains(&key) => legacy.push(key),
                None => {}
            }
        }
        // A meta record of an older layout is written anew with the first save: the layout
        // number tells pages of that layout not to read what moved.
        let stored_layout = stores
            .local
            .get(META_KEY)
            .and_then(|raw| serde_json::from_str::<serde_json::Value>(raw).ok())
            .and_then(|v| v.get("layout").and_then(serde_json::Value::as_u64));
        let meta_current = !stores.local.contains_key(META_KEY) || stored_layout == Some(u64::from(LAYOUT));
        Saved {
            anns: session.anns().clone(),
            gold: session.gold_store().clone(),
            imported: session.corpus().imported().clone(),
            docs: session.corpus().shared().clone(),
            history: if history_migrated { Rc::default() } else { session.history().clone() },
            layers: session.layers().clone(),
            conflicts: session.conflicts().clone(),
            meta: meta_current.then(|| meta_of(session)),
            known,
            sizes: stores.local.iter().map(|(k, v)| (k.clone(), stored_bytes(k, v))).collect(),
            idb_sizes: stores.idb.iter().map(|(k, v)| (k.clone(), stored_bytes(k, v))).collect(),
            failed: BTreeSet::new(),
            full: BTreeSet::new(),
            in_flight: HashMap::new(),
            pending,
            legacy,
        }
    }

    /// Bytes used in localStorage's quota by what this page knows is stored.
    pub fn used(&self) -> usize {
        self.sizes.values().sum()
    }

    /// Bytes of the values this page knows IndexedDB holds (two per UTF-16 unit, as the
    /// browser keeps strings; it adds its own overhead and compression).
    pub fn used_idb(&self) -> usize {
        self.idb_sizes.values().sum()
    }

    /// Whether some write is still waiting (the quota was full or a write failed).
    pub fn behind(&self) -> bool {
        !self.failed.is_empty() || self.pending.iter().any(|p| p.failed)
    }

    /// Whether some write waits because a store is full (the page says so, with an export).
    pub fn full(&self) -> bool {
        !self.full.is_empty()
    }

    /// The keys whose last write failed.
    pub fn failed_keys(&self) -> impl Iterator<Item = &str> {
        self.failed.iter().map(String::as_str).chain(self.pending.iter().filter(|p| p.failed).map(|p| p.key.as_str()))
    }

    fn retry(&self, key: &str) -> bool {
        self.failed.contains(key)
    }

    /// The writes that bring storage from what it holds to `s`, in a crash-safe order, split
    /// by home. Call `done` with each result (IndexedDB's when its transaction ends), and
    /// `commit` once the plan is handed over.
    pub fn plan(&mut self, s: &Session) -> Planned {
        let mut writes: Vec<Write> = Vec::new();
        let mut removals_last: Vec<Write> = Vec::new();
        for p in self.pending.iter_mut().filter(|p| !p.issued) {
            writes.push((p.key.clone(), Some(p.value.clone())));
        }
        // Documents: only when the set of imported ones changed (or a write failed).
        if !Rc::ptr_eq(&self.imported, s.corpus().imported()) || self.behind() {
            for id in s.corpus().imported().iter() {
                if !self.imported.contains(id) || self.retry(&doc_key(id)) {
                    if let Some(d) = s.doc_index(id).map(|i| &s.docs()[i]) {
                        writes.push((doc_key(id), Some(encode_doc(d))));
                    }
                }
            }
            for id in self.imported.iter().filter(|id| !s.corpus().imported().contains(*id)) {
                writes.push((doc_key(id), None));
            }
        }
        // Edited sentence boundaries, per document (a value already stored is not written
        // again, below); a document back to the segmenter's boundaries keeps its key while it
        // has the time of that change (the team sync's latest boundaries win by it), and
        // loses it otherwise.
        if !Rc::ptr_eq(&self.docs, s.corpus().shared()) || self.behind() {
            let keep = |d: &Document| d.edited || d.edited_t > 0;
            for d in s.docs().iter().filter(|d| keep(d)) {
                writes.push((super::bounds_key(&d.id), Some(super::encode_bounds(d))));
            }
            for key in self.known.keys().filter(|k| super::doc_of_bounds_key(k).is_some()) {
                let id = super::doc_of_bounds_key(key).unwrap_or_default();
                if !s.doc_index(id).is_some_and(|i| keep(&s.docs()[i])) {
                    removals_last.push((key.clone(), None));
                }
            }
        }
        // Their order in the list (the loader would otherwise sort them by id).
        if !Rc::ptr_eq(&self.imported, s.corpus().imported()) || self.retry(super::ORDER_KEY) {
            let order: Vec<&str> =
                s.docs().iter().filter(|d| s.corpus().imported().contains(&d.id)).map(|d| d.id.as_str()).collect();
            writes.push((super::ORDER_KEY.to_owned(), Some(serde_json::to_string(&order).unwrap_or_default())));
        }
        // Annotations: a pointer comparison per document finds the one that changed.
        for id in s.anns().doc_ids() {
            let Some(now) = s.anns().doc(id) else { continue };
            let same = self.anns.doc(id).is_some_and(|old| Rc::ptr_eq(old, now));
            if !same || self.retry(&ann_key(id)) {
                let orphans: Vec<_> = s.orphans().iter().filter(|o| o.doc == id).cloned().collect();
                writes.push((ann_key(id), Some(encode_ann_with(now, &orphans))));
            }
        }
        for id in self.anns.doc_ids().filter(|id| s.anns().doc(id).is_none()) {
            writes.push((ann_key(id), None));
        }
        // Gold (adjudication): the same, per document.
        for id in s.gold_store().doc_ids() {
            let Some(now) = s.gold_store().doc(id) else { continue };
            let same = self.gold.doc(id).is_some_and(|old| Rc::ptr_eq(old, now));
            if !same || self.retry(&super::gold_key(id)) {
                let orphans: Vec<_> = s.gold_orphans().iter().filter(|o| o.doc == id).cloned().collect();
                writes.push((super::gold_key(id), Some(encode_ann_with(now, &orphans))));
            }
        }
        // Layers: per annotator and document, by pointer.
        for (name, layer) in s.layers().iter() {
            let old = self.layers.get(name);
            if old.is_some_and(|o| Rc::ptr_eq(o, layer)) && !self.behind() {
                continue;
            }
            for (doc, d) in layer.iter() {
                let key = super::layers::layer_key(name, doc);
                let same = old.and_then(|o| o.get(doc)).is_some_and(|o| Rc::ptr_eq(o, d));
                if !same || self.retry(&key) {
                    writes.push((key, Some(super::layers::encode(d))));
                }
            }
            for doc in old.iter().flat_map(|o| o.keys()).filter(|doc| !layer.contains_key(*doc)) {
                writes.push((super::layers::layer_key(name, doc), None));
            }
        }
        for (name, old) in self.layers.iter().filter(|(n, _)| s.layers().get(n).is_none()) {
            for doc in old.keys() {
                writes.push((super::layers::layer_key(name, doc), None));
            }
        }
        if !Rc::ptr_eq(&self.history, s.history()) {
            writes.extend(history::writes(&self.history, s.history()));
        }
        for key in self.failed.iter().filter(|k| k.starts_with(history::HISTORY_INDEX_KEY)) {
            if !writes.iter().any(|(k, _)| k == key) {
                // A failed segment or index: write everything of the history again.
                writes.extend(history::writes(&History::default(), s.history()));
                break;
            }
        }
        // Open merge conflicts: the list, when it changed; none left removes the key.
        let conflicts_key = super::conflicts::CONFLICTS_KEY;
        if !Rc::ptr_eq(&self.conflicts, s.conflicts()) || self.retry(conflicts_key) {
            let value = (!s.conflicts().is_empty()).then(|| super::conflicts::encode(s.conflicts()));
            writes.push((conflicts_key.to_owned(), value));
        }
        let meta = meta_of(s);
        if self.meta.as_ref() != Some(&meta) || self.retry(META_KEY) {
            writes.push((META_KEY.to_owned(), Some(encode_meta(&meta))));
        }
        writes.extend(removals_last);
        // A value storage already holds is not written again (another tab's write that was
        // merged here unchanged, or a change undone before it was saved).
        writes.retain(|(k, v)| match v {
            Some(v) => self.retry(k) || self.known.get(k) != Some(&fnv1a64(v.as_bytes())),
            None => self.known.contains_key(k) || self.retry(k),
        });
        let mut planned = Planned::default();
        for (k, v) in writes {
            self.issue(&k, v.as_deref());
            match home(&k) {
                Home::Local => planned.local.push((k, v)),
                Home::Idb => planned.idb.push((k, v)),
            }
        }
        planned
    }

    /// Adds a write of `key` to the plan's IndexedDB transaction (the sync checkpoint, saved
    /// with the changes it follows).
    pub fn add_idb(&mut self, planned: &mut Planned, key: &str, value: String) {
        self.issue(key, Some(&value));
        planned.idb.push((key.to_owned(), Some(value)));
    }

    /// A write is planned: storage will hold its value (unless it fails, see `done`).
    fn issue(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.known.insert(key.to_owned(), fnv1a64(v.as_bytes())),
            None => self.known.remove(key),
        };
        if let Some(p) = self.pending.iter_mut().find(|p| p.key == key) {
            p.issued = true;
        }
        if home(key) == Home::Idb {
            *self.in_flight.entry(key.to_owned()).or_default() += 1;
        }
    }

    /// Records how a write went (IndexedDB's in the order its transactions were made).
    pub fn done(&mut self, key: &str, value: Option<&str>, result: WriteResult) {
        let idb = home(key) == Home::Idb;
        if idb {
            if let Some(n) = self.in_flight.get_mut(key) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.in_flight.remove(key);
                }
            }
        }
        let sizes = if idb { &mut self.idb_sizes } else { &mut self.sizes };
        match (result, value) {
            (WriteResult::Done, Some(v)) => {
                self.failed.remove(key);
                sizes.insert(key.to_owned(), stored_bytes(key, v));
            }
            (WriteResult::Done, None) => {
                self.failed.remove(key);
                sizes.remove(key);
            }
            _ => {
                // Whatever storage holds now is unknown: the key is written again.
                self.known.remove(key);
            }
        }
        if result == WriteResult::Full {
            self.full.insert(key.to_owned());
        } else {
            self.full.remove(key);
        }
        if let Some(i) = self.pending.iter().position(|p| p.key == key) {
            if result == WriteResult::Done {
                self.pending.remove(i);
            } else {
                self.pending[i].issued = false;
                self.pending[i].failed = true;
            }
        } else if result != WriteResult::Done {
            self.failed.insert(key.to_owned());
        }
    }

    /// The localStorage copies an older layout left, to remove now: once IndexedDB holds
    /// everything planned for it (no migration write waiting, no IndexedDB write in flight
    /// or failed). Report each with `legacy_removed`.
    pub fn legacy_removals(&self) -> Vec<String> {
        let idb_settled =
            self.pending.is_empty() && self.in_flight.is_empty() && !self.failed.iter().any(|k| home(k) == Home::Idb);
        if idb_settled {
            self.legacy.clone()
        } else {
            Vec::new()
        }
    }

    /// An older layout's localStorage copy was removed (`ok`), or could not be (tried again
    /// with the next save).
    pub fn legacy_removed(&mut self, key: &str, ok: bool) {
        if ok {
            self.legacy.retain(|k| k != key);
            self.sizes.remove(key);
        }
    }

    /// After the writes of a plan were handed over: `s` is the new reference (failed keys
    /// are retried by name).
    pub fn commit(&mut self, s: &Session) {
        self.anns = s.anns().clone();
        self.gold = s.gold_store().clone();
        self.imported = s.corpus().imported().clone();
        self.docs = s.corpus().shared().clone();
        self.history = s.history().clone();
        self.layers = s.layers().clone();
        self.conflicts = s.conflicts().clone();
        self.meta = Some(meta_of(s));
    }

    /// Another tab wrote `key` (in its home): storage holds its value now.
    pub fn note_external(&mut self, key: &str, value: Option<&str>) {
        let sizes = if home(key) == Home::Idb { &mut self.idb_sizes } else { &mut self.sizes };
        match value {
            Some(v) => {
                self.known.insert(key.to_owned(), fnv1a64(v.as_bytes()));
                sizes.insert(key.to_owned(), stored_bytes(key, v));
            }
            None => {
                self.known.remove(key);
                sizes.remove(key);
            }
        }
    }
}
