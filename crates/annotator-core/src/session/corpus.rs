//! The corpus: the documents in list order, which of them the person imported (stored in
//! full) and which bundled ones they removed, and the last removal (for its undo). Shared
//! (`Rc`) so a new state copies pointers, and a change copies only what it touches. The
//! position of each id is kept beside the list: start-up adds 10,000 documents and attaches
//! a stored record to each by id, which a scan of the list per id made quadratic (1.5 s of a
//! 2 s start natively).

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use crate::annotations::DocAnnotations;
use crate::document::Document;

/// A document removed by the person, kept until the next removal so it can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    pub doc: Rc<Document>,
    pub anns: Option<Rc<DocAnnotations>>,
    pub position: usize,
    pub imported: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    docs: Rc<Vec<Rc<Document>>>,
    /// Ids of documents the person brought (stored in full; bundled ones come from the page).
    imported: Rc<BTreeSet<String>>,
    /// Ids of bundled documents the person removed.
    removed: Rc<BTreeSet<String>>,
    last_removed: Option<Rc<Removed>>,
    /// Where each document's id is in `docs`.
    positions: Rc<HashMap<String, usize>>,
}

impl Corpus {
    pub fn docs(&self) -> &[Rc<Document>] {
        &self.docs
    }

    /// The list itself, shared: a view can tell by pointer whether it changed.
    pub fn shared(&self) -> &Rc<Vec<Rc<Document>>> {
        &self.docs
    }

    pub fn get(&self, i: usize) -> Option<&Rc<Document>> {
        self.docs.get(i)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// Rebuilds `positions` after documents moved (a removal or its undo).
    fn reindex(&mut self) {
        self.positions = Rc::new(self.docs.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect());
    }

    pub fn imported(&self) -> &Rc<BTreeSet<String>> {
        &self.imported
    }

    pub fn removed(&self) -> &Rc<BTreeSet<String>> {
        &self.removed
    }

    /// Bundled documents removed in an earlier session stay removed.
    pub(super) fn set_removed(&mut self, removed: BTreeSet<String>) {
        self.removed = Rc::new(removed);
    }

    /// Adds documents, replacing none: a present id keeps its document and labels and is
    /// not duplicated. Returns the ids that were new.
    pub(super) fn add(&mut self, docs: Vec<Document>, imported: bool) -> Vec<String> {
        let mut added = Vec::new();
        let list = Rc::make_mut(&mut self.docs);
        let positions = Rc::make_mut(&mut self.positions);
        for d in docs {
            if positions.contains_key(&d.id) {
                continue;
            }
            positions.insert(d.id.clone(), list.len());
            added.push(d.id.clone());
            if imported {
                Rc::make_mut(&mut self.imported).insert(d.id.clone());
            }
            if self.removed.contains(&d.id) {
                Rc::make_mut(&mut self.removed).remove(&d.id);
            }
            list.push(Rc::new(d));
        }
        added
    }

    /// Takes the document at `position` out, remembering it (with its annotations) for undo.
    pub(super) fn remove(&mut self, position: usize, anns: Option<Rc<DocAnnotations>>) -> Option<Rc<Document>> {
        let doc = self.docs.get(position)?.clone();
        let imported = Rc::make_mut(&mut self.imported).remove(&doc.id);
        if !imported {
            Rc::make_mut(&mut self.removed).insert(doc.id.clone());
        }
        Rc::make_mut(&mut self.docs).remove(position);
        self.reindex();
        self.last_removed = Some(Rc::new(Removed { doc: doc.clone(), anns, position, imported }));
        Some(doc)
    }

    /// Replaces document `position` (its boundaries changed).
    pub(super) fn replace(&mut self, position: usize, doc: Rc<Document>) {
        let Some(slot) = Rc::make_mut(&mut self.docs).get_mut(position) else { return };
        let moved = slot.id != doc.id;
        *slot = doc;
        if moved {
            self.reindex();
        }
    }

    /// Puts the last removed document back where it was; returns it and its position.
    pub(super) fn restore(&mut self) -> Option<(Rc<Removed>, usize)> {
        let r = self.last_removed.take()?;
        let pos = self.reinsert(&r)?;
        Some((r, pos))
    }

    /// Puts a removed document back at its place (the history's undo); `None` when a
    /// document with its id is present again.
    pub(super) fn reinsert(&mut self, r: &Removed) -> Option<usize> {
        if self.index_of(&r.doc.id).is_some() {
            return None;
        }
        if self.last_removed.as_ref().is_some_and(|l| l.doc.id == r.doc.id) {
            self.last_removed = None;
        }
        let pos = r.position.min(self.docs.len());
        Rc::make_mut(&mut self.docs).insert(pos, r.doc.clone());
        self.reindex();
        if r.imported {
            Rc::make_mut(&mut self.imported).insert(r.doc.id.clone());
        } else {
            Rc::make_mut(&mut self.removed).remove(&r.doc.id);
        }
        Some(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ArticleInput;

    fn doc(id: &str) -> Document {
        Document::from_input(ArticleInput { id: Some(id.into()), text: format!("{id} said so."), ..Default::default() })
    }

    /// `index_of` answers from the kept positions: they must say what a scan of the list says.
    fn agrees(c: &Corpus) {
        for (i, d) in c.docs().iter().enumerate() {
            assert_eq!(c.index_of(&d.id), Some(i), "{}", d.id);
        }
        assert_eq!(c.positions.len(), c.len());
    }

    #[test]
    fn positions_follow_adds_removals_undos_and_replacements() {
        let mut c = Corpus::default();
        let added = c.add(vec![doc("a"), doc("b"), doc("a"), doc("c")], true);
        assert_eq!(added, ["a", "b", "c"], "a duplicate in one batch is added once");
        assert!(c.add(vec![doc("b")], true).is_empty(), "and one already listed not at all");
        agrees(&c);
        c.remove(0, None).unwrap();
        agrees(&c);
        assert_eq!(c.index_of("a"), None);
        assert_eq!(c.index_of("c"), Some(1));
        c.restore().unwrap();
        agrees(&c);
        assert_eq!(c.index_of("a"), Some(0));
        c.replace(1, Rc::new(doc("z")));
        agrees(&c);
        assert_eq!(c.index_of("b"), None);
        c.add((0..2000).map(|i| doc(&format!("n{i}"))).collect(), true);
        agrees(&c);
    }
}
