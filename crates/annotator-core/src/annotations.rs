//! Annotations of sentences (their undo/redo history is `history`).
//!
//! Stored per document (one storage shard each), keyed by sentence index. Every record
//! carries the time of its last change, so two tabs can merge per sentence (latest wins),
//! and a fingerprint of the sentence text, so labels re-attach by text if the segmenter's
//! rules change between versions.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::labels::LabelSet;
use super::serde_util::is_false;

/// The annotation of one sentence. A sentence is *decided* when it carries a label or the
/// person said that none applies (`none`): in news text most sentences carry none of the
/// labels, and "looked at, none applies" must differ from "not seen yet". An empty record
/// (no labels, decision, note or flag) is a tombstone: kept with its time so a removal wins
/// over an older label in another tab.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    #[serde(rename = "l", default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(rename = "u", default, skip_serializing_if = "is_false")]
    pub unsure: bool,
    /// Decided: none of the labels applies (never together with labels).
    #[serde(rename = "z", default, skip_serializing_if = "is_false")]
    pub none: bool,
    /// Milliseconds since the Unix epoch of the last change.
    #[serde(rename = "t", default)]
    pub updated: u64,
    /// Fingerprint of the sentence text (see `text::fingerprint`).
    #[serde(rename = "h", default)]
    pub fingerprint: String,
    /// Byte span of the sentence when it was annotated: recovers its text for the user if
    /// the sentence can no longer be found after a change of segmentation rules.
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
    /// What the page suggested when the decision was made (a label or "none"; `g`,
    /// docs/FORMAT.md §3).
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<String>,
}

impl Annotation {
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.note.is_empty() && !self.unsure && !self.none
    }

    /// A label or the decision that none applies.
    pub fn decided(&self) -> bool {
        self.none || !self.labels.is_empty()
    }

    /// Same content, whatever the time.
    pub fn same_content(&self, other: &Annotation) -> bool {
        self.labels == other.labels && self.note == other.note && self.unsure == other.unsure && self.none == other.none
    }
}

/// What a person can do to one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The label key: adds the label, or removes it when present (the key table, `keys.rs`).
    ToggleLabel(String),
    /// None of the labels applies (again: undecided).
    ToggleNone,
    /// Labels and decision removed (note and flag stay).
    Clear,
    SetNote(String),
    ToggleUnsure,
}

/// The annotations of one document, by sentence index: a persistent B-tree map (imbl), so a
/// copy shares every untouched record and an edit copies one path (`benches/edit.rs`). The
/// page is single-threaded: `Rc` pointers, not imbl's default `Arc`.
pub type DocAnnotations = imbl::GenericOrdMap<usize, Annotation, imbl::shared_ptr::RcK>;

/// Applies `edit` to a sentence's annotation. `multi` allows several labels per sentence;
/// otherwise a new label replaces the old one. Labels stay in the label set's order.
pub fn apply_edit(current: &Annotation, edit: &Edit, labels: &LabelSet, multi: bool) -> Annotation {
    let mut next = current.clone();
    match edit {
        Edit::ToggleLabel(name) => {
            if let Some(pos) = next.labels.iter().position(|l| l == name) {
                next.labels.remove(pos);
            } else {
                if !multi {
                    next.labels.clear();
                }
                next.labels.push(name.clone());
                next.labels.sort_by_key(|l| labels.rank(l));
                next.none = false;
            }
        }
        Edit::ToggleNone => {
            next.none = !next.none;
            if next.none {
                next.labels.clear();
            }
        }
        Edit::Clear => {
            next.labels.clear();
            next.none = false;
        }
        Edit::SetNote(note) => next.note = note.clone(),
        Edit::ToggleUnsure => next.unsure = !next.unsure,
    }
    next
}

/// All annotations, one shared map per document so a change copies only its document.
/// Keys are shared strings and each document's labelled and decided counts are kept up to date, so
/// cloning the store (every state change) and showing progress cost no more than the
/// number of documents, whatever the number of annotations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotationStore {
    docs: BTreeMap<Rc<str>, DocEntry>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct DocEntry {
    anns: Rc<DocAnnotations>,
    labelled: usize,
    decided: usize,
}

impl DocEntry {
    fn new(anns: DocAnnotations) -> DocEntry {
        let labelled = anns.values().filter(|a| !a.labels.is_empty()).count();
        let decided = anns.values().filter(|a| a.decided()).count();
        DocEntry { anns: Rc::new(anns), labelled, decided }
    }
}

impl AnnotationStore {
    pub fn doc(&self, doc: &str) -> Option<&Rc<DocAnnotations>> {
        self.docs.get(doc).map(|e| &e.anns)
    }

    pub fn get(&self, doc: &str, index: usize) -> Option<&Annotation> {
        self.docs.get(doc).and_then(|d| d.anns.get(&index))
    }

    pub fn labels_of(&self, doc: &str, index: usize) -> &[String] {
        self.get(doc, index).map_or(&[], |a| a.labels.as_slice())
    }

    /// Sets one sentence's annotation (tombstones included: see `Annotation`).
    pub fn set(&mut self, doc: &str, index: usize, ann: Annotation) {
        let entry = match self.docs.get_mut(doc) {
            Some(e) => e,
            None => self.docs.entry(Rc::from(doc)).or_default(),
        };
        let (now_labelled, now_decided) = (!ann.labels.is_empty(), ann.decided());
        let old = Rc::make_mut(&mut entry.anns).insert(index, ann);
        let was_labelled = old.as_ref().is_some_and(|o| !o.labels.is_empty());
        let was_decided = old.as_ref().is_some_and(Annotation::decided);
        entry.labelled = entry.labelled + usize::from(now_labelled) - usize::from(was_labelled);
        entry.decided = entry.decided + usize::from(now_decided) - usize::from(was_decided);
    }

    pub fn replace_doc(&mut self, doc: &str, anns: DocAnnotations) {
        self.docs.insert(Rc::from(doc), DocEntry::new(anns));
    }

    pub fn remove_doc(&mut self, doc: &str) -> Option<Rc<DocAnnotations>> {
        self.docs.remove(doc).map(|e| e.anns)
    }

    pub fn doc_ids(&self) -> impl Iterator<Item = &str> {
        self.docs.keys().map(|k| &**k)
    }

    /// Sentences of `doc` that carry at least one label.
    pub fn labelled_count(&self, doc: &str) -> usize {
        self.docs.get(doc).map_or(0, |d| d.labelled)
    }

    /// Sentences of `doc` with a recorded decision (a label, or none applies).
    pub fn decided_count(&self, doc: &str) -> usize {
        self.docs.get(doc).map_or(0, |d| d.decided)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> LabelSet {
        LabelSet::default_set()
    }

    #[test]
    fn toggle_sets_and_removes() {
        let a = Annotation::default();
        let b = apply_edit(&a, &Edit::ToggleLabel("claim".into()), &set(), false);
        assert_eq!(b.labels, ["claim"]);
        let c = apply_edit(&b, &Edit::ToggleLabel("claim".into()), &set(), false);
        assert!(c.labels.is_empty());
        assert!(c.is_empty());
    }

    #[test]
    fn single_label_replaces_multi_label_adds_in_set_order() {
        let a = apply_edit(&Annotation::default(), &Edit::ToggleLabel("demand".into()), &set(), false);
        let b = apply_edit(&a, &Edit::ToggleLabel("claim".into()), &set(), false);
        assert_eq!(b.labels, ["claim"]);
        let m = apply_edit(&a, &Edit::ToggleLabel("claim".into()), &set(), true);
        assert_eq!(m.labels, ["claim", "demand"]);
        let cleared = apply_edit(&m, &Edit::Clear, &set(), true);
        assert!(cleared.labels.is_empty());
    }

    #[test]
    fn note_and_unsure_are_content() {
        let a = apply_edit(&Annotation::default(), &Edit::SetNote("check".into()), &set(), false);
        assert!(!a.is_empty());
        let b = apply_edit(&a, &Edit::ToggleUnsure, &set(), false);
        assert!(b.unsure);
        assert!(!b.same_content(&a));
        // Clear removes labels only: the note stays.
        assert_eq!(apply_edit(&b, &Edit::Clear, &set(), false).note, "check");
    }

    #[test]
    fn store_counts_and_copies_on_write() {
        let mut s = AnnotationStore::default();
        s.set("a", 0, Annotation { labels: vec!["claim".into()], ..Default::default() });
        s.set("a", 1, Annotation::default());
        let snapshot = s.clone();
        s.set("a", 2, Annotation { labels: vec!["denial".into()], ..Default::default() });
        assert_eq!(snapshot.labelled_count("a"), 1);
        assert_eq!(s.labelled_count("a"), 2);
        assert_eq!(s.labels_of("a", 2), ["denial"]);
        // The kept count follows relabelling, removal and replacement.
        s.set("a", 2, Annotation { labels: vec!["claim".into()], ..Default::default() });
        assert_eq!(s.labelled_count("a"), 2);
        s.set("a", 0, Annotation::default());
        assert_eq!(s.labelled_count("a"), 1);
        let mut fresh = DocAnnotations::new();
        fresh.insert(4, Annotation { labels: vec!["demand".into()], ..Default::default() });
        fresh.insert(5, Annotation::default());
        s.replace_doc("a", fresh);
        assert_eq!(s.labelled_count("a"), 1);
        assert_eq!(s.doc_ids().collect::<Vec<_>>(), ["a"]);
        assert!(s.labels_of("b", 0).is_empty());
    }

    #[test]
    fn storage_form_is_compact() {
        let a = Annotation { labels: vec!["claim".into()], updated: 5, fingerprint: "ab".into(), ..Default::default() };
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"l":["claim"],"t":5,"h":"ab"}"#);
        assert_eq!(serde_json::from_str::<Annotation>(&json).unwrap(), a);
    }

    #[test]
    fn none_is_a_decision_that_labels_and_clear_undo() {
        let none = apply_edit(&Annotation::default(), &Edit::ToggleNone, &set(), false);
        assert!(none.none && none.decided() && !none.is_empty());
        assert_eq!(
            serde_json::to_string(&Annotation { none: true, ..Default::default() }).unwrap(),
            r#"{"z":true,"t":0,"h":""}"#
        );
        // A label replaces the decision "none", and "none" drops the labels, even with several allowed.
        let claim = apply_edit(&none, &Edit::ToggleLabel("claim".into()), &set(), true);
        assert!(!claim.none && claim.decided());
        let back = apply_edit(&claim, &Edit::ToggleNone, &set(), true);
        assert!(back.none && back.labels.is_empty());
        assert!(!apply_edit(&back, &Edit::ToggleNone, &set(), false).decided(), "0 again: undecided");
        let cleared = apply_edit(&back, &Edit::Clear, &set(), false);
        assert!(!cleared.decided() && cleared.is_empty());
    }

    #[test]
    fn the_store_counts_decisions() {
        let mut s = AnnotationStore::default();
        s.set("a", 0, Annotation { none: true, ..Default::default() });
        s.set("a", 1, Annotation { labels: vec!["claim".into()], ..Default::default() });
        s.set("a", 2, Annotation { note: "n".into(), ..Default::default() });
        assert_eq!((s.decided_count("a"), s.labelled_count("a")), (2, 1));
        s.set("a", 0, Annotation::default());
        assert_eq!(s.decided_count("a"), 1);
        let mut m = DocAnnotations::new();
        m.insert(4, Annotation { none: true, ..Default::default() });
        s.replace_doc("b", m);
        assert_eq!((s.decided_count("b"), s.labelled_count("b")), (1, 0));
    }
}
