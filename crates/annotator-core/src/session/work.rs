//! The person's work: every sentence's annotation, the undo history of changes to them,
//! the annotations that lost their sentence (orphans), the import conflicts waiting for
//! a decision, and the documents marked done. Every change to an annotation goes through `Work::write`, which stamps its
//! time, fingerprint and span, so storage, tab merge and re-attachment can rely on them.

use std::rc::Rc;

use crate::annotations::{Annotation, AnnotationStore};
use crate::document::Document;
use crate::export::Conflict;
use crate::history::{Change, History};
use crate::reattach::Orphan;
use crate::text;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Work {
    pub(super) anns: AnnotationStore,
    pub(super) history: Rc<History>,
    pub(super) orphans: Rc<Vec<Orphan>>,
    pub(super) conflicts: Rc<Vec<Conflict>>,
    /// The gold layer a curator sets in review mode (`review`).
    pub(super) gold: AnnotationStore,
    pub(super) gold_orphans: Rc<Vec<Orphan>>,
    /// Documents marked done: every sentence decided, the undecided ones as "none".
    pub(super) done: Rc<std::collections::BTreeSet<String>>,
}

impl Work {
    /// Sets a sentence's annotation, stamping time, fingerprint and span.
    pub(super) fn write(&mut self, doc: &Document, index: usize, mut ann: Annotation, now_ms: u64) {
        let s = doc.sentences[index];
        ann.updated = now_ms;
        ann.fingerprint = text::fingerprint(doc.sentence_text(index));
        ann.span = Some((s.start, s.end));
        self.anns.set(&doc.id, index, ann);
    }

    /// Writes and records the change for undo, unless nothing changes. Returns whether it did.
    pub(super) fn change(&mut self, doc: &Document, index: usize, after: Annotation, now_ms: u64) -> bool {
        let before = self.anns.get(&doc.id, index).cloned().unwrap_or_default();
        if after.same_content(&before) {
            return false;
        }
        self.write(doc, index, after.clone(), now_ms);
        Rc::make_mut(&mut self.history).record(Change {
            doc: doc.id.clone(),
            index,
            before,
            after,
            gold: false,
            removal: None,
            bounds: None,
        });
        true
    }

    /// Sets a sentence's gold record, stamped like one's own.
    pub(super) fn write_gold(&mut self, doc: &Document, index: usize, ann: Annotation, now_ms: u64) {
        // `write` stamps into `anns`: the gold store takes its place for the call.
        std::mem::swap(&mut self.anns, &mut self.gold);
        self.write(doc, index, ann, now_ms);
        std::mem::swap(&mut self.anns, &mut self.gold);
    }
}
