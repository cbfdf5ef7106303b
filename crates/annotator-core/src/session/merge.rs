//! Bringing someone else's copy of the work in: an imported export (new documents added,
//! annotations merged, disagreements kept as conflicts for the person to decide), another
//! tab's write (per sentence, latest change wins), and the person's decision on a conflict
//! (an undoable change like any other).

use std::rc::Rc;

use super::{Event, Session};
use crate::annotations::DocAnnotations;
use crate::document::Document;
use crate::export;
use crate::reattach::{merge_latest, reattach};

/// What merging an export did, for the UI to report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    /// Their annotations not applied because the sentence is not in our version of the
    /// document: (document id, their sentence text).
    pub unmatched: Vec<(String, String)>,
}

impl Session {
    /// Merges an export (already restored to documents and annotations): documents we do
    /// not have are added with their annotations; sentences only they annotated take their
    /// annotation; sentences annotated differently by both become conflicts.
    /// `done` names the export's documents marked done: they are marked done here too.
    pub fn apply_merge(
        &mut self,
        incoming: Vec<(Document, DocAnnotations)>,
        done: &[String],
        now_ms: u64,
    ) -> MergeReport {
        let existing: Vec<&Document> = self.docs().iter().map(|d| d.as_ref()).collect();
        let plan = export::plan_merge(&existing, &self.work.anns, incoming);
        let mut new_docs = Vec::new();
        let mut new_anns = Vec::new();
        for (mut doc, anns) in plan.new_docs {
            // Boundaries that came with the export are new to this page now: the team sync
            // sends them with this time, so one's other browsers take them.
            if doc.edited && doc.edited_t == 0 {
                doc.edited_t = now_ms;
            }
            new_anns.push((doc.id.clone(), anns));
            new_docs.push(doc);
        }
        let added = self.add_documents(new_docs, true);
        for (id, anns) in new_anns {
            if added.contains(&id) && !anns.is_empty() {
                self.work.anns.replace_doc(&id, anns);
            }
        }
        let updated = plan.updates.len();
        for (doc, index, mut ann) in plan.updates {
            // The imported time is kept (export, import, export gives the same file); a
            // record without one is stamped now for the tab merge.
            if ann.updated == 0 {
                ann.updated = now_ms;
            }
            self.work.anns.set(&doc, index, ann);
        }
        let conflicts = plan.conflicts.len();
        Rc::make_mut(&mut self.work.conflicts).extend(plan.conflicts);
        let newly_done: Vec<&String> =
            done.iter().filter(|id| self.doc_index(id).is_some() && !self.work.done.contains(*id)).collect();
        if !newly_done.is_empty() {
            Rc::make_mut(&mut self.work.done).extend(newly_done.into_iter().cloned());
        }
        MergeReport {
            added: added.len(),
            updated,
            unchanged: plan.unchanged,
            conflicts,
            unmatched: plan.unmatched.into_iter().map(|(d, t, _)| (d, t)).collect(),
        }
    }

    /// Another tab wrote a document's annotations (made by segmenter `seg`): merged per
    /// sentence, latest change wins. Returns whether anything here changed.
    pub fn merge_external(&mut self, doc: &str, seg: &str, records: DocAnnotations) -> bool {
        let Some(d) = self.doc_index(doc).map(|i| self.docs()[i].clone()) else { return false };
        let (theirs, _) = reattach(&d, seg, records, Vec::new());
        let none = DocAnnotations::new();
        let ours = self.work.anns.doc(doc).map_or(&none, |r| &**r);
        let (merged, changed) = merge_latest(ours, &theirs);
        if changed {
            self.work.anns.replace_doc(doc, merged);
        }
        changed
    }

    /// Settles conflict `index`: keeping theirs is a change like a key press (undoable);
    /// keeping mine leaves the annotation as it is. Either way the conflict is gone.
    pub fn resolve_conflict(&mut self, index: usize, keep_theirs: bool, now_ms: u64) -> Event {
        if index >= self.work.conflicts.len() {
            return Event::Quiet;
        }
        let c = Rc::make_mut(&mut self.work.conflicts).remove(index);
        if !keep_theirs {
            return Event::Quiet;
        }
        let Some(d) = self.doc_index(&c.doc) else { return Event::Quiet };
        let doc = self.docs()[d].clone();
        if c.index >= doc.sentences.len() || !self.work.change(&doc, c.index, c.theirs.clone(), now_ms) {
            return Event::Quiet;
        }
        Event::Edited { index: c.index, ann: c.theirs, then: None, moved: None }
    }
}
