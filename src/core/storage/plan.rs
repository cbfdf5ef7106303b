//! What to write after a change, decided in the core (the browser edge only performs the
//! writes and reports how each went). The cost of a save is the cost of the change:
//! documents are compared by pointer (a change copies only its own document's map), the
//! history writes one segment and its index, and a value storage already holds (written
//! by us, or by another tab and merged here unchanged) is never written again.
//!
//! Order matters for crash safety: migration writes first, then an article's text before
//! the annotations that refer to it, history segments before their index, the meta record
//! last, and removals of migrated keys at the very end.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use super::{
    ann_key, doc_key, encode_ann_with, encode_doc, encode_meta, history, stored_bytes, Meta, LAYOUT, META_KEY,
};
use crate::core::annotations::AnnotationStore;
use crate::core::document::Document;
use crate::core::history::History;
use crate::core::layers::Layers;
use crate::core::session::Session;
use crate::core::text::fnv1a64;

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

/// What storage holds, as far as this page knows: the reference the next change is
/// compared with.
#[derive(Default)]
pub struct Saved {
    anns: AnnotationStore,
    gold: AnnotationStore,
    imported: Rc<BTreeSet<String>>,
    /// The document list last saved (boundary edits replace a document in it).
    docs: Rc<Vec<Rc<crate::core::document::Document>>>,
    history: Rc<History>,
    layers: Layers,
    meta: Option<Meta>,
    /// Hash of the value each key holds, so an identical value is not written again.
    known: HashMap<String, u64>,
    /// Bytes each key costs in the browser's quota (the storage meter).
    sizes: BTreeMap<String, usize>,
    /// Keys whose last write failed: retried on the next change.
    failed: BTreeSet<String>,
    /// Writes of a migration, done with the first save (and retried until they succeed).
    pending: Vec<Write>,
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
    /// Takes what was loaded as saved: `all` is every stored key and value (start-up's one
    /// read); `migration` holds the writes that complete a migration; when the history was
    /// migrated, it is written anew.
    pub fn from_loaded(
        session: &Session,
        all: &BTreeMap<String, String>,
        migration: Vec<Write>,
        history_migrated: bool,
    ) -> Saved {
        Saved {
            anns: session.anns().clone(),
            gold: session.gold_store().clone(),
            imported: session.corpus().imported().clone(),
            docs: session.corpus().shared().clone(),
            history: if history_migrated { Rc::default() } else { session.history().clone() },
            layers: session.layers().clone(),
            meta: Some(meta_of(session)),
            known: all.iter().map(|(k, v)| (k.clone(), fnv1a64(v.as_bytes()))).collect(),
            sizes: all.iter().map(|(k, v)| (k.clone(), stored_bytes(k, v))).collect(),
            failed: BTreeSet::new(),
            pending: migration,
        }
    }

    /// Bytes used in the quota by what this page knows is stored.
    pub fn used(&self) -> usize {
        self.sizes.values().sum()
    }

    /// Whether some write is still waiting (the quota was full or a write failed).
    pub fn behind(&self) -> bool {
        !self.failed.is_empty()
    }

    fn retry(&self, key: &str) -> bool {
        self.failed.contains(key)
    }

    /// The writes that bring storage from what it holds to `s`, in a crash-safe order.
    /// Call `done` with each result, then `commit`.
    pub fn plan(&mut self, s: &Session) -> Vec<Write> {
        let mut writes: Vec<Write> = Vec::new();
        let mut removals_last: Vec<Write> = Vec::new();
        for (k, v) in &self.pending {
            match v {
                Some(_) => writes.push((k.clone(), v.clone())),
                None => removals_last.push((k.clone(), None)),
            }
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
        writes
    }

    /// Records how a write went.
    pub fn done(&mut self, key: &str, value: Option<&str>, result: WriteResult) {
        if result == WriteResult::Done {
            self.pending.retain(|(k, _)| k != key);
        }
        match (result, value) {
            (WriteResult::Done, Some(v)) => {
                self.failed.remove(key);
                self.known.insert(key.to_owned(), fnv1a64(v.as_bytes()));
                self.sizes.insert(key.to_owned(), stored_bytes(key, v));
            }
            (WriteResult::Done, None) => {
                self.failed.remove(key);
                self.known.remove(key);
                self.sizes.remove(key);
            }
            _ => {
                self.failed.insert(key.to_owned());
            }
        }
    }

    /// After the writes of a plan: `s` is the new reference (failed keys are retried by name).
    pub fn commit(&mut self, s: &Session) {
        self.anns = s.anns().clone();
        self.gold = s.gold_store().clone();
        self.imported = s.corpus().imported().clone();
        self.docs = s.corpus().shared().clone();
        self.history = s.history().clone();
        self.layers = s.layers().clone();
        self.meta = Some(meta_of(s));
    }

    /// Another tab wrote `key`: storage holds its value now.
    pub fn note_external(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => {
                self.known.insert(key.to_owned(), fnv1a64(v.as_bytes()));
                self.sizes.insert(key.to_owned(), stored_bytes(key, v));
            }
            None => {
                self.known.remove(key);
                self.sizes.remove(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{ArticleInput, Document};
    use crate::core::keys::Command;
    use crate::core::labels::LabelSet;

    fn session() -> Session {
        let mut s = Session::new(LabelSet::default_set(), 0);
        let docs = (0..50)
            .map(|i| {
                Document::from_input(ArticleInput {
                    id: Some(format!("d{i}")),
                    text: "One here. Two here. Three here.".into(),
                    ..Default::default()
                })
            })
            .collect();
        s.add_documents(docs, true);
        s
    }

    /// Plays a plan against a map, as the browser would.
    fn save(saved: &mut Saved, s: &Session, store: &mut BTreeMap<String, String>) -> Vec<String> {
        let plan = saved.plan(s);
        let keys = plan.iter().map(|(k, _)| k.clone()).collect();
        for (k, v) in plan {
            match &v {
                Some(v) => store.insert(k.clone(), v.clone()),
                None => store.remove(&k),
            };
            saved.done(&k, v.as_deref(), WriteResult::Done);
        }
        saved.commit(s);
        keys
    }

    #[test]
    fn a_label_writes_its_shard_one_history_segment_the_index_and_meta() {
        let mut s = session();
        let mut store = BTreeMap::new();
        let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
        let first = save(&mut saved, &s, &mut store);
        assert_eq!(first.iter().filter(|k| k.starts_with("sa/v1/doc/")).count(), 50);
        assert!(first.iter().any(|k| k == super::super::ORDER_KEY));
        s.command(&Command::Label(0), 1);
        let keys = save(&mut saved, &s, &mut store);
        assert_eq!(keys, ["sa/v1/ann/d0", "sa/v1/hist/0", "sa/v1/hist", "sa/v1/meta"]);
        // j moves the focus: only the meta record.
        s.command(&Command::Prev, 2);
        assert_eq!(save(&mut saved, &s, &mut store), ["sa/v1/meta"]);
        // Undo writes the shard and the history index, never the whole history.
        s.command(&Command::Undo, 3);
        let keys = save(&mut saved, &s, &mut store);
        assert_eq!(keys, ["sa/v1/ann/d0", "sa/v1/hist"]);
        // What was saved loads back as the same session.
        let loaded = super::super::load(&store).unwrap();
        let (back, lost) = loaded.into_session(LabelSet::default_set(), Vec::new(), 0);
        assert_eq!(lost, 0);
        assert_eq!(back.anns().get("d0", 0), s.anns().get("d0", 0));
        assert_eq!(**back.history(), **s.history());
        assert_eq!(back.focus(), s.focus());
    }

    #[test]
    fn another_tabs_shard_merged_unchanged_is_not_written_back() {
        let mut s = session();
        let mut store = BTreeMap::new();
        let mut saved = Saved::from_loaded(&s, &store, Vec::new(), false);
        save(&mut saved, &s, &mut store);
        // The other tab labels d3:1; its shard arrives as a storage event.
        let mut other = s.clone();
        other.select_doc(3);
        other.focus_sentence(1);
        other.command(&Command::Label(1), 50);
        let raw = encode_ann_with(other.anns().doc("d3").unwrap(), &[]);
        saved.note_external(&ann_key("d3"), Some(&raw));
        let shard = super::super::decode_ann(&raw).unwrap();
        assert!(s.merge_external("d3", &shard.seg, shard.s));
        assert!(save(&mut saved, &s, &mut store).is_empty(), "nothing to write back");
    }

    #[test]
    fn failed_writes_are_retried_and_migrations_go_through_the_plan() {
        let s = session();
        let mut store = BTreeMap::new();
        store.insert("sa/v1/history".to_owned(), "{}".to_owned());
        let migration = vec![("sa/v1/history".to_owned(), None), ("sa/v1/x".to_owned(), Some("1".to_owned()))];
        let mut saved = Saved::from_loaded(&s, &store, migration, true);
        let plan = saved.plan(&s);
        assert_eq!(plan.first().map(|w| w.0.as_str()), Some("sa/v1/x"));
        assert_eq!(plan.last(), Some(&("sa/v1/history".to_owned(), None)));
        for (k, v) in &plan {
            let r = if k == "sa/v1/x" { WriteResult::Full } else { WriteResult::Done };
            saved.done(k, v.as_deref(), r);
        }
        saved.commit(&s);
        assert!(saved.behind());
        // Nothing changed, but the failed key is written again.
        let again = saved.plan(&s);
        assert_eq!(again, [("sa/v1/x".to_owned(), Some("1".to_owned()))]);
    }

    #[test]
    fn layers_are_stored_per_annotator_and_document_and_come_back() {
        let mut s = session();
        s.set_annotator("ana".into());
        let mut store = BTreeMap::new();
        let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
        save(&mut saved, &s, &mut store);
        let incoming: Vec<_> = s.docs()[..2]
            .iter()
            .map(|d| {
                let mut anns = crate::core::annotations::DocAnnotations::new();
                let a = crate::core::annotations::Annotation {
                    labels: vec!["denial".into()],
                    fingerprint: crate::core::text::fingerprint(d.sentence_text(1)),
                    ..Default::default()
                };
                anns.insert(1, a);
                ((**d).clone(), anns)
            })
            .collect();
        let names = LabelSet::default_set().names();
        s.import_export(incoming, Some("ben/2"), &names, &["d1".into()], 1);
        let keys = save(&mut saved, &s, &mut store);
        assert_eq!(keys, ["sa/v1/layer/ben%2F2/d0", "sa/v1/layer/ben%2F2/d1"]);
        let loaded = super::super::load(&store).unwrap();
        let (back, _) = loaded.into_session(LabelSet::default_set(), Vec::new(), 0);
        let names: Vec<&str> = back.layers().names().collect();
        assert_eq!(names, ["ben/2"]);
        assert_eq!(back.decisions_on("d0", 1), [("ben/2".to_owned(), vec!["denial".to_owned()])]);
        assert_eq!(back.decisions_on("d1", 0), [("ben/2".to_owned(), Vec::<String>::new())], "done mark kept");
        // Removing the layer removes its keys; nothing else is written.
        s.remove_layer("ben/2");
        let keys = save(&mut saved, &s, &mut store);
        assert_eq!(keys, ["sa/v1/layer/ben%2F2/d0", "sa/v1/layer/ben%2F2/d1"]);
        assert!(!store.keys().any(|k| k.starts_with("sa/v1/layer/")));
    }

    #[test]
    fn imported_documents_come_back_in_their_list_order() {
        let mut s = Session::new(LabelSet::default_set(), 0);
        let docs = ["zulu", "alpha", "mike"]
            .iter()
            .map(|id| {
                Document::from_input(ArticleInput { id: Some((*id).into()), text: "One.".into(), ..Default::default() })
            })
            .collect();
        s.add_documents(docs, true);
        let mut store = BTreeMap::new();
        let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
        save(&mut saved, &s, &mut store);
        let (back, _) = super::super::load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
        let ids: Vec<&str> = back.docs().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["zulu", "alpha", "mike"]);
        // Without the order key (an earlier page's storage): by id.
        store.remove(super::super::ORDER_KEY);
        let (back, _) = super::super::load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
        let ids: Vec<&str> = back.docs().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["alpha", "mike", "zulu"]);
    }

    #[test]
    fn edited_boundaries_are_stored_come_back_with_their_labels_and_keep_their_time_when_undone() {
        let mut s = session();
        let mut settings = s.settings().clone();
        settings.auto_advance = false;
        s.set_settings(settings);
        let mut store = BTreeMap::new();
        let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
        save(&mut saved, &s, &mut store);
        s.focus_sentence(1);
        s.command(&Command::Label(1), 1);
        s.focus_sentence(0);
        let at = s.open_doc().unwrap().text.find("here.").unwrap();
        s.split_focused(at, 2);
        s.focus_sentence(1);
        s.command(&Command::Label(0), 3);
        let keys = save(&mut saved, &s, &mut store);
        assert!(keys.contains(&"sa/v1/bounds/d0".to_owned()), "{keys:?}");
        assert!(!keys.iter().any(|k| k.starts_with("sa/v1/bounds/") && k != "sa/v1/bounds/d0"), "only the edited one");
        // a reload: the edited boundaries, the labels on them
        let (back, lost) = super::super::load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
        assert_eq!(lost, 0);
        let d = &back.docs()[0];
        assert_eq!((d.sentence_text(0), d.sentence_text(1)), ("One", "here."));
        assert!(d.edited);
        assert_eq!(back.anns().labels_of("d0", 1), ["claim"]);
        assert_eq!(back.anns().labels_of("d0", 2), ["denial"], "the later label moved with its sentence");
        // nothing written again for a save without a change; the key goes when undone
        assert!(!save(&mut saved, &s, &mut store).iter().any(|k| k.starts_with("sa/v1/bounds/")));
        assert_eq!(d.edited_t, 2, "the time of the split comes back");
        s.command(&Command::Undo, 4);
        s.command(&Command::Undo, 5);
        assert!(!s.docs()[0].edited);
        assert_eq!(s.docs()[0].edited_t, 5);
        let keys = save(&mut saved, &s, &mut store);
        assert!(keys.contains(&"sa/v1/bounds/d0".to_owned()));
        // back to the segmenter's boundaries: the key stays with the time of that change
        let rec: super::super::BoundsRecord = serde_json::from_str(&store["sa/v1/bounds/d0"]).unwrap();
        assert_eq!(rec.t, 5);
        let (back, _) = super::super::load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
        let d = &back.docs()[0];
        assert_eq!((d.edited, d.edited_t), (false, 5));
        assert_eq!(d.spans(), crate::core::segment::segment(&d.text));
        assert_eq!(back.anns().labels_of("d0", 1), ["denial"]);
    }

    #[test]
    fn a_new_segmenter_keeps_the_persons_boundaries_and_segments_the_rest() {
        // Stored by an older segmenter that kept "Two here. Three here." whole; the person
        // had split "One here." into "One" and "here.", labelled both.
        let text = "One here. Two here. Three here.";
        let fp = crate::core::text::fingerprint;
        let mut store = BTreeMap::new();
        store.insert(
            "sa/v1/doc/d0".to_owned(),
            super::super::encode_doc(&Document::from_input(ArticleInput {
                id: Some("d0".into()),
                text: text.into(),
                ..Default::default()
            })),
        );
        let bounds = super::super::BoundsRecord {
            h: fp(text),
            s: vec![(0, 3), (4, 9), (10, 31)],
            seg: "sa-rules@0".into(),
            e: vec![(0, 3), (4, 9)],
            t: 0,
        };
        store.insert("sa/v1/bounds/d0".to_owned(), serde_json::to_string(&bounds).unwrap());
        let shard = serde_json::json!({"seg": "sa-rules@0", "s": {
            "0": {"l": ["claim"], "t": 1, "h": fp("One")},
            "1": {"l": ["denial"], "t": 2, "h": fp("here.")},
        }});
        store.insert("sa/v1/ann/d0".to_owned(), shard.to_string());
        let meta = serde_json::json!({"layout": super::super::LAYOUT, "imported": ["d0"]});
        store.insert(META_KEY.to_owned(), meta.to_string());
        let (back, lost) = super::super::load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
        let d = &back.docs()[0];
        let texts: Vec<&str> = (0..d.sentences.len()).map(|i| d.sentence_text(i)).collect();
        assert_eq!(texts, ["One", "here.", "Two here.", "Three here."], "the person's spans, the rest segmented anew");
        assert!(d.edited);
        assert_eq!(lost, 0);
        assert_eq!(back.anns().labels_of("d0", 0), ["claim"]);
        assert_eq!(back.anns().labels_of("d0", 1), ["denial"]);
    }

    #[test]
    fn each_document_keeps_its_place_across_a_reload() {
        let mut s = session();
        s.focus_sentence(2);
        s.command(&Command::NextDoc, 1);
        s.focus_sentence(1);
        s.command(&Command::NextDoc, 2);
        let mut store = BTreeMap::new();
        let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
        save(&mut saved, &s, &mut store);
        let (mut back, _) = super::super::load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
        assert_eq!(back.open_index(), 2);
        back.command(&Command::PrevDoc, 3);
        assert_eq!((back.open_index(), back.focus()), (1, 1));
        back.command(&Command::PrevDoc, 4);
        assert_eq!((back.open_index(), back.focus()), (0, 2));
    }

    #[test]
    fn gold_that_lost_its_sentence_stays_with_the_gold_layer() {
        let s = session();
        let mut store = BTreeMap::new();
        let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
        save(&mut saved, &s, &mut store);
        // A gold record made under other rules, for a sentence d0 no longer has.
        let gone = crate::core::annotations::Annotation {
            labels: vec!["demand".into()],
            fingerprint: crate::core::text::fingerprint("A sentence that is gone."),
            ..Default::default()
        };
        let shard =
            super::super::AnnShard { seg: "old@0".into(), s: [(7usize, gone)].into_iter().collect(), o: Vec::new() };
        store.insert(super::super::gold_key("d0"), serde_json::to_string(&shard).unwrap());
        let (mut back, lost) = super::super::load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
        assert_eq!(lost, 1);
        assert!(back.orphans().is_empty(), "never one's own");
        assert_eq!(back.gold_orphans().len(), 1);
        // Written back with d0's gold when it changes: still there on the next load.
        let mut saved = Saved::from_loaded(&back, &store, Vec::new(), false);
        back.toggle_review();
        back.command(&Command::Label(1), 9);
        save(&mut saved, &back, &mut store);
        let raw = &store[&super::super::gold_key("d0")];
        assert!(super::super::decode_ann(raw).unwrap().o.len() == 1, "{raw}");
        assert!(store.get(&ann_key("d0")).is_none_or(|v| !v.contains("demand")), "the person's own shard is untouched");
    }
}
