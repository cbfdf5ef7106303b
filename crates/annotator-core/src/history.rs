//! The undo/redo history of annotation changes, as one bounded log with a cursor.
//!
//! Why a log and not two stacks: every change gets a sequence number that never moves
//! (until a document's changes are forgotten), so storage can keep the log in small
//! fixed-size segments and a change rewrites one segment and a tiny index, whatever the
//! length of the history (see `storage::history`). Entries are shared (`Rc`), so copying
//! the history for a new state copies pointers, and the saver finds what changed by
//! comparing pointers.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::annotations::{Annotation, DocAnnotations};
use super::document::ArticleInput;

/// One recorded change, enough to undo and redo it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub doc: String,
    pub index: usize,
    pub before: Annotation,
    pub after: Annotation,
    /// A change of the gold layer (adjudication), not of one's own annotations.
    #[serde(default, skip_serializing_if = "crate::serde_util::is_false")]
    pub gold: bool,
    /// The removal of document `doc` (then `index`, `before` and `after` say nothing): kept
    /// whole, text and annotations, so Ctrl+Z brings it back, also after a reload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removal: Option<Box<Removal>>,
    /// A change of document `doc`'s sentence boundaries (a split or a join), with its records
    /// before and after (indices move with the boundaries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounds: Option<Box<Bounds>>,
}

/// Sentence boundaries before and after an edit: byte spans, whether they differ from the
/// segmenter's, and the document's records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bounds {
    pub before: Vec<(usize, usize)>,
    pub after: Vec<(usize, usize)>,
    #[serde(default)]
    pub edited_before: bool,
    #[serde(default)]
    pub edited_after: bool,
    #[serde(default)]
    pub anns_before: DocAnnotations,
    #[serde(default)]
    pub anns_after: DocAnnotations,
}

/// A removed document, as the history keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// The document (its normalised text, id, title, date, source: `Document::from_input`
    /// builds the same document again).
    pub article: ArticleInput,
    /// Its place in the list.
    pub position: usize,
    /// Imported by the person (else bundled).
    #[serde(default, skip_serializing_if = "crate::serde_util::is_false")]
    pub imported: bool,
    #[serde(default, skip_serializing_if = "DocAnnotations::is_empty")]
    pub anns: DocAnnotations,
}

/// Changes kept for undo: enough for a long session, small enough to store.
pub const HISTORY_LIMIT: usize = 500;

/// `log[..applied]` can be undone (newest last); `log[applied..]` can be redone (next
/// first). The entry at `log[i]` has the sequence number `base + i`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    base: u64,
    log: Vec<Rc<Change>>,
    applied: usize,
}

impl History {
    /// Rebuilds a history from stored parts (entries in sequence order from `base`).
    pub fn from_parts(base: u64, log: Vec<Change>, applied: usize) -> History {
        let applied = applied.min(log.len());
        let mut h = History { base, log: log.into_iter().map(Rc::new).collect(), applied };
        h.trim();
        h
    }

    /// The layout-1 form: an undo stack (newest last) and a redo stack (next last).
    pub fn from_stacks(undo: Vec<Change>, mut redo: Vec<Change>) -> History {
        let applied = undo.len();
        redo.reverse();
        History::from_parts(0, undo.into_iter().chain(redo).collect(), applied)
    }

    pub fn record(&mut self, change: Change) {
        self.log.truncate(self.applied);
        self.log.push(Rc::new(change));
        self.applied = self.log.len();
        self.trim();
    }

    fn trim(&mut self) {
        if self.log.len() > HISTORY_LIMIT {
            let excess = self.log.len() - HISTORY_LIMIT;
            self.log.drain(..excess);
            self.applied = self.applied.saturating_sub(excess);
            self.base += excess as u64;
        }
    }

    /// Takes the change to undo; it becomes the next to redo.
    pub fn undo(&mut self) -> Option<Rc<Change>> {
        self.applied = self.applied.checked_sub(1)?;
        Some(self.log[self.applied].clone())
    }

    pub fn redo(&mut self) -> Option<Rc<Change>> {
        let c = self.log.get(self.applied)?.clone();
        self.applied += 1;
        Some(c)
    }

    pub fn can_undo(&self) -> bool {
        self.applied > 0
    }

    /// The change the next undo takes back.
    pub fn last_applied(&self) -> Option<&Rc<Change>> {
        self.applied.checked_sub(1).map(|i| &self.log[i])
    }

    pub fn can_redo(&self) -> bool {
        self.applied < self.log.len()
    }

    /// Forgets changes of a document (when it is removed or replaced).
    pub fn forget_doc(&mut self, doc: &str) {
        let before_cursor = self.log[..self.applied].iter().filter(|c| c.doc == doc).count();
        self.log.retain(|c| c.doc != doc);
        self.applied -= before_cursor;
    }

    /// Sequence number of the oldest entry kept.
    pub fn base(&self) -> u64 {
        self.base
    }

    /// Sequence number after the newest entry.
    pub fn end(&self) -> u64 {
        self.base + self.log.len() as u64
    }

    pub fn applied(&self) -> usize {
        self.applied
    }

    pub fn len(&self) -> usize {
        self.log.len()
    }

    pub fn is_empty(&self) -> bool {
        self.log.is_empty()
    }

    /// The entry with sequence number `seq`.
    pub fn entry(&self, seq: u64) -> Option<&Rc<Change>> {
        let i = usize::try_from(seq.checked_sub(self.base)?).ok()?;
        self.log.get(i)
    }

    /// Entries that can be undone, oldest first.
    pub fn undoable(&self) -> impl Iterator<Item = &Change> {
        self.log[..self.applied].iter().map(|c| &**c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(doc: &str, index: usize) -> Change {
        Change {
            doc: doc.into(),
            index,
            before: Annotation::default(),
            after: Annotation::default(),
            gold: false,
            removal: None,
            bounds: None,
        }
    }

    #[test]
    fn undo_redo_and_a_new_change_drops_the_redo_tail() {
        let mut h = History::default();
        h.record(change("a", 0));
        h.record(change("a", 1));
        assert_eq!(h.undo().unwrap().index, 1);
        assert!(h.can_redo());
        assert_eq!(h.redo().unwrap().index, 1);
        assert!(h.redo().is_none());
        h.undo();
        h.record(change("a", 2));
        assert!(!h.can_redo());
        assert_eq!(h.len(), 2);
        assert_eq!(h.entry(1).unwrap().index, 2);
    }

    #[test]
    fn bounded_with_stable_sequence_numbers() {
        let mut h = History::default();
        for i in 0..HISTORY_LIMIT + 10 {
            h.record(change("a", i));
        }
        assert_eq!(h.len(), HISTORY_LIMIT);
        assert_eq!(h.base(), 10);
        assert_eq!(h.entry(10).unwrap().index, 10);
        assert!(h.entry(9).is_none());
        assert_eq!(h.end(), (HISTORY_LIMIT + 10) as u64);
    }

    #[test]
    fn forgetting_a_document_keeps_the_cursor_on_the_same_change() {
        let mut h = History::default();
        for (d, i) in [("a", 0), ("b", 0), ("a", 1), ("b", 1)] {
            h.record(change(d, i));
        }
        h.undo();
        h.forget_doc("a");
        assert_eq!(h.applied(), 1);
        assert_eq!(h.redo().unwrap().index, 1);
    }

    #[test]
    fn stacks_of_the_older_layout_become_the_same_log() {
        let h = History::from_stacks(vec![change("a", 0), change("a", 1)], vec![change("a", 3), change("a", 2)]);
        assert_eq!(h.applied(), 2);
        let order: Vec<usize> = (0..4).map(|s| h.entry(s).unwrap().index).collect();
        assert_eq!(order, [0, 1, 2, 3]);
    }
}
