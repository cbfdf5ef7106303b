//! The corpus: the documents in list order, which of them the person imported (stored in
//! full) and which bundled ones they removed, and the last removal (for its undo). Shared
//! (`Rc`) so a new state copies pointers, and a change copies only what it touches.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::core::annotations::DocAnnotations;
use crate::core::document::Document;

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
        self.docs.iter().position(|d| d.id == id)
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
        for d in docs {
            if list.iter().any(|x| x.id == d.id) || added.contains(&d.id) {
                continue;
            }
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
        self.last_removed = Some(Rc::new(Removed { doc: doc.clone(), anns, position, imported }));
        Some(doc)
    }

    /// Replaces document `position` (its boundaries changed).
    pub(super) fn replace(&mut self, position: usize, doc: Rc<Document>) {
        if let Some(slot) = Rc::make_mut(&mut self.docs).get_mut(position) {
            *slot = doc;
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
        if r.imported {
            Rc::make_mut(&mut self.imported).insert(r.doc.id.clone());
        } else {
            Rc::make_mut(&mut self.removed).remove(&r.doc.id);
        }
        Some(pos)
    }
}
