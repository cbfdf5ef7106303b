//! Other annotators' work, read-only: one layer per annotator, holding their decisions on
//! our documents' sentences. A team's agreement and adjudication need every annotator's
//! labels side by side, but the person's own labels must never change when a colleague's
//! export arrives; so an export by another annotator becomes a layer (`Layers::put`), and
//! the same annotator again replaces their layer's documents (never a second layer).
//! Sentences are matched to ours by their text (fingerprints, as re-attachment does), so a
//! colleague with another segmenter still lines up wherever the sentences agree; a
//! colleague's own sentence boundaries on our text (their export's, or their synced sheet's,
//! `sync::apply::layer_doc`) are kept beside their decisions for review mode (`TheirBounds`).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::annotations::{Annotation, DocAnnotations};
use super::document::Document;
use super::reattach::reattach;

/// One annotator's decisions on one of our documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayerDoc {
    /// By our sentence index: labels and "none" (notes and flags are the annotator's own).
    pub anns: DocAnnotations,
    /// They marked the document done: every sentence decided.
    pub done: bool,
    /// Their sentence boundaries, when the text is ours but the boundaries are not (byte
    /// spans), with their decisions by their own sentence index: a boundary disagreement
    /// review mode lists, and the curator can adopt (docs/FORMAT.md §4, Sentence boundaries).
    pub theirs: Option<Rc<TheirBounds>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TheirBounds {
    pub spans: Vec<(usize, usize)>,
    pub anns: DocAnnotations,
}

impl TheirBounds {
    /// A colleague's sentences of `doc` (`spans`, byte spans of our text) with their
    /// decisions by their own index, kept when they are not ours (an import of their
    /// export, or their sheet from the team database).
    pub fn differing(doc: &Document, spans: Vec<(usize, usize)>, anns: DocAnnotations) -> Option<Rc<TheirBounds>> {
        let same = doc.sentences.iter().map(|s| (s.start, s.end)).eq(spans.iter().copied());
        (!same).then(|| Rc::new(TheirBounds { spans, anns }))
    }
}

impl LayerDoc {
    /// How many of the document's `sentences` they decided (all of them when done).
    pub fn decided_count(&self, sentences: usize) -> usize {
        if self.done {
            sentences
        } else {
            self.anns.values().filter(|a| a.decided()).count()
        }
    }

    /// Their decision on sentence `index`: `Some(labels)` (empty: none applies), or `None`.
    pub fn decision(&self, index: usize) -> Option<&[String]> {
        match self.anns.get(&index) {
            Some(a) if a.decided() => Some(&a.labels),
            _ if self.done => Some(&[]),
            _ => None,
        }
    }
}

/// One annotator's layer: their documents by id.
pub type Layer = BTreeMap<String, Rc<LayerDoc>>;

/// Every other annotator's layer, by name. Shared maps: a new state copies pointers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layers {
    by_name: BTreeMap<String, Rc<Layer>>,
}

/// What putting an export into a layer did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayerReport {
    /// The layer existed already (its documents were replaced).
    pub replaced: bool,
    pub documents: usize,
    pub decisions: usize,
    /// Their decisions on sentences our version of the document does not have.
    pub unmatched: usize,
}

impl Layers {
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    pub fn get(&self, name: &str) -> Option<&Rc<Layer>> {
        self.by_name.get(name)
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Rc<Layer>)> {
        self.by_name.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Puts `name`'s annotations of `incoming` (their documents, restored from their export,
    /// with their annotations and done marks) onto `ours`, the documents we have with the
    /// same ids; a document of theirs we do not have is skipped (the caller adds it first).
    pub fn put(
        &mut self,
        name: &str,
        ours: &[Rc<Document>],
        incoming: &[(Document, DocAnnotations)],
        done: &BTreeSet<String>,
    ) -> LayerReport {
        let mut report = LayerReport { replaced: self.by_name.contains_key(name), ..Default::default() };
        let layer = Rc::make_mut(self.by_name.entry(name.to_owned()).or_default());
        for (theirs, anns) in incoming {
            let Some(doc) = ours.iter().find(|d| d.id == theirs.id) else { continue };
            // Only decisions travel: a note or a flag alone is not a rating.
            let decisions: DocAnnotations = anns
                .iter()
                .filter(|(_, a)| a.decided())
                .map(|(i, a)| {
                    let kept = Annotation { labels: a.labels.clone(), none: a.none, ..a.clone() };
                    (*i, Annotation { note: String::new(), unsure: false, ..kept })
                })
                .collect();
            // Same segmentation: indices hold; otherwise sentences are found by their text.
            let same = theirs.text == doc.text && theirs.sentences == doc.sentences;
            // Matched by their sentence's text: each decision carries its fingerprint.
            let decisions = if same {
                decisions
            } else {
                decisions
                    .into_iter()
                    .filter(|(i, _)| *i < theirs.sentences.len())
                    .map(|(i, a)| {
                        (i, Annotation { fingerprint: super::text::fingerprint(theirs.sentence_text(i)), ..a })
                    })
                    .collect()
            };
            let (placed, lost) = if same { (decisions, Vec::new()) } else { reattach(doc, "", decisions, Vec::new()) };
            report.unmatched += lost.len();
            report.decisions += placed.len();
            report.documents += 1;
            // Same text, other boundaries: kept whole for review mode.
            let theirs_bounds = (theirs.text == doc.text)
                .then(|| {
                    let spans = theirs.sentences.iter().map(|s| (s.start, s.end)).collect();
                    let anns = anns
                        .iter()
                        .filter(|(_, a)| a.decided())
                        .map(|(i, a)| (*i, Annotation { note: String::new(), unsure: false, ..a.clone() }))
                        .collect();
                    TheirBounds::differing(doc, spans, anns)
                })
                .flatten();
            layer.insert(
                doc.id.clone(),
                Rc::new(LayerDoc { anns: placed, done: done.contains(&doc.id), theirs: theirs_bounds }),
            );
        }
        if layer.is_empty() && !report.replaced {
            self.by_name.remove(name);
        }
        report
    }

    /// Our boundaries of document `doc` changed from `old` to `new` (byte spans): each
    /// layer's decisions follow by span. A layer keeps its annotator's own boundaries and
    /// decisions (`theirs`) whenever they differ from ours, so nothing is lost: a split undone,
    /// or their boundaries adopted, lines their decisions up again.
    pub fn follow_boundaries(&mut self, doc: &str, old: &[(usize, usize)], new: &[(usize, usize)]) {
        let at: std::collections::HashMap<(usize, usize), usize> =
            new.iter().enumerate().map(|(k, s)| (*s, k)).collect();
        for layer in self.by_name.values_mut() {
            let Some(d) = layer.get(doc) else { continue };
            let full = d
                .theirs
                .as_deref()
                .cloned()
                .unwrap_or_else(|| TheirBounds { spans: old.to_vec(), anns: d.anns.clone() });
            let anns: DocAnnotations = full
                .anns
                .iter()
                .filter_map(|(j, a)| full.spans.get(*j).and_then(|s| at.get(s)).map(|&k| (k, a.clone())))
                .collect();
            let theirs = (full.spans != new).then(|| Rc::new(full));
            let moved = LayerDoc { anns, done: d.done, theirs };
            if moved != **d {
                Rc::make_mut(layer).insert(doc.to_owned(), Rc::new(moved));
            }
        }
    }

    /// Sets one document of `name`'s layer (the team database sent it); returns whether
    /// the layer changed.
    pub fn put_doc(&mut self, name: &str, doc: &str, layer_doc: LayerDoc) -> bool {
        if self.by_name.get(name).and_then(|l| l.get(doc)).is_some_and(|d| **d == layer_doc) {
            return false;
        }
        Rc::make_mut(self.by_name.entry(name.to_owned()).or_default()).insert(doc.to_owned(), Rc::new(layer_doc));
        true
    }

    /// Takes one document out of `name`'s layer (deleted on the server); the layer goes
    /// with its last document. Returns whether anything was there.
    pub fn remove_doc(&mut self, name: &str, doc: &str) -> bool {
        let Some(layer) = self.by_name.get_mut(name) else { return false };
        if !layer.contains_key(doc) {
            return false;
        }
        Rc::make_mut(layer).remove(doc);
        if layer.is_empty() {
            self.by_name.remove(name);
        }
        true
    }

    /// Takes a layer out (for an undoable removal).
    pub fn remove(&mut self, name: &str) -> Option<Rc<Layer>> {
        self.by_name.remove(name)
    }

    /// Puts a layer back as it was (after loading, or undoing a removal).
    pub fn restore(&mut self, name: &str, layer: Rc<Layer>) {
        self.by_name.insert(name.to_owned(), layer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ArticleInput;
    use crate::text;

    fn doc(id: &str, text: &str) -> Document {
        Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() })
    }

    fn decided(d: &Document, i: usize, labels: &[&str]) -> Annotation {
        Annotation {
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            none: labels.is_empty(),
            note: "their note".into(),
            fingerprint: text::fingerprint(d.sentence_text(i)),
            ..Default::default()
        }
    }

    #[test]
    fn a_layer_holds_decisions_only_and_the_same_annotator_replaces_it() {
        let ours = vec![Rc::new(doc("d", "One here. Two here. Three here."))];
        let theirs = doc("d", "One here. Two here. Three here.");
        let mut anns = DocAnnotations::new();
        anns.insert(0, decided(&theirs, 0, &["claim"]));
        anns.insert(1, decided(&theirs, 1, &[]));
        anns.insert(2, Annotation { note: "only a note".into(), ..Default::default() });
        let mut layers = Layers::default();
        let r = layers.put("ana", &ours, &[(theirs.clone(), anns)], &BTreeSet::new());
        assert_eq!((r.replaced, r.documents, r.decisions, r.unmatched), (false, 1, 2, 0));
        let l = &layers.get("ana").unwrap()["d"];
        assert_eq!(l.decision(0), Some(&["claim".to_owned()][..]));
        assert_eq!(l.decision(1), Some(&[][..]));
        assert_eq!(l.decision(2), None, "a note is not a decision");
        assert!(l.anns[&0].note.is_empty());
        // The same annotator again: replaced, still one layer; done marks decide the rest.
        let done: BTreeSet<String> = ["d".to_owned()].into();
        let r = layers.put("ana", &ours, &[(theirs, DocAnnotations::new())], &done);
        assert!(r.replaced);
        assert_eq!(layers.len(), 1);
        assert_eq!(layers.get("ana").unwrap()["d"].decision(2), Some(&[][..]));
    }

    #[test]
    fn another_segmentation_lines_up_by_sentence_text() {
        let ours = vec![Rc::new(doc("d", "Alpha one. Beta two. Gamma three."))];
        // Theirs split the first two sentences as one: that one cannot be placed.
        let theirs = Document::with_spans(
            "d".into(),
            "d.txt".into(),
            "d".into(),
            None,
            "Alpha one. Beta two. Gamma three.".into(),
            &[crate::segment::Span { start: 0, end: 20 }, crate::segment::Span { start: 21, end: 33 }],
        );
        let mut anns = DocAnnotations::new();
        anns.insert(0, decided(&theirs, 0, &["claim"]));
        anns.insert(1, decided(&theirs, 1, &["demand"]));
        let mut layers = Layers::default();
        let r = layers.put("ben", &ours, &[(theirs, anns)], &BTreeSet::new());
        assert_eq!((r.decisions, r.unmatched), (1, 1));
        assert_eq!(layers.get("ben").unwrap()["d"].decision(2), Some(&["demand".to_owned()][..]));
    }

    #[test]
    fn documents_we_do_not_have_are_skipped_and_removal_is_undoable() {
        let ours = vec![Rc::new(doc("d", "One."))];
        let mut layers = Layers::default();
        let r = layers.put("cy", &ours, &[(doc("other", "One."), DocAnnotations::new())], &BTreeSet::new());
        assert_eq!(r.documents, 0);
        assert!(layers.is_empty(), "no empty layer is left behind");
        layers.put("cy", &ours, &[(doc("d", "One."), DocAnnotations::new())], &BTreeSet::new());
        let taken = layers.remove("cy").unwrap();
        assert!(layers.is_empty());
        layers.restore("cy", taken);
        assert_eq!(layers.names().collect::<Vec<_>>(), ["cy"]);
    }
}
