//! Per-label counts for the overview chart, cached per document: a render costs
//! O(documents), not O(annotations). A screen concern (what the chart needs), kept out of
//! the domain, but plain Rust so it is tested natively.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::core::annotations::{AnnotationStore, DocAnnotations};
use crate::core::document::Document;
use crate::core::labels::LabelSet;

/// Per-label counts (and, last, the "none" decisions) over the corpus, recomputed only for
/// documents whose annotations
/// changed (compared by pointer), so the overview costs O(documents) per render.
#[derive(Default)]
pub struct TallyCache {
    /// The map counted is kept (not just its address), so an address is never reused
    /// while the cache refers to it.
    per_doc: std::collections::HashMap<String, (Rc<DocAnnotations>, Vec<usize>)>,
}

impl TallyCache {
    /// One document's counts, recomputed only if its annotations changed; a document marked
    /// done counts its undecided sentences as "none" too.
    pub fn doc(
        &mut self,
        store: &AnnotationStore,
        labels: &LabelSet,
        doc: &Document,
        done: &BTreeSet<String>,
    ) -> Vec<usize> {
        let mut c = self.recorded(store, labels, &doc.id);
        if done.contains(&doc.id) {
            if let Some(none) = c.last_mut() {
                *none += doc.sentences.len().saturating_sub(store.decided_count(&doc.id));
            }
        }
        c
    }

    /// The counts of the records themselves, cached by the pointer of the document's map.
    fn recorded(&mut self, store: &AnnotationStore, labels: &LabelSet, id: &str) -> Vec<usize> {
        let n = labels.labels.len() + 1;
        let Some(anns) = store.doc(id) else { return vec![0; n] };
        match self.per_doc.get(id) {
            Some((p, c)) if Rc::ptr_eq(p, anns) && c.len() == n => c.clone(),
            _ => {
                let mut c = labels.count(anns);
                // The last column: sentences decided as "none applies".
                c.push(anns.values().filter(|a| a.none).count());
                self.per_doc.insert(id.to_owned(), (anns.clone(), c.clone()));
                c
            }
        }
    }

    pub fn corpus(
        &mut self,
        store: &AnnotationStore,
        labels: &LabelSet,
        docs: &[Rc<Document>],
        done: &BTreeSet<String>,
    ) -> Vec<usize> {
        let mut total = vec![0; labels.labels.len() + 1];
        for d in docs {
            for (t, c) in total.iter_mut().zip(self.doc(store, labels, d, done)) {
                *t += c;
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::ArticleInput;
    use crate::core::keys::Command;
    use crate::core::session::Session;

    #[test]
    fn tally_cache_follows_changes() {
        let mut s = Session::new(LabelSet::default_set(), 0);
        let docs = ["One.\nTwo.\nThree.", "Four.\nFive."]
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Document::from_input(ArticleInput {
                    id: Some(format!("d{i}")),
                    text: (*t).into(),
                    ..Default::default()
                })
            })
            .collect();
        s.add_documents(docs, false);
        let mut cache = TallyCache::default();
        let corpus = |c: &mut TallyCache, s: &Session| c.corpus(s.anns(), s.labels(), s.docs(), s.done());
        assert_eq!(corpus(&mut cache, &s), [0, 0, 0, 0]);
        s.command(&Command::Label(0), 1);
        s.command(&Command::Label(2), 2);
        s.command(&Command::DecideNone, 3);
        let mut direct: Vec<usize> = (0..3).map(|l| s.docs().iter().map(|d| s.label_counts(&d.id)[l]).sum()).collect();
        direct.push(1);
        assert_eq!(corpus(&mut cache, &s), direct);
        let d0 = s.docs()[0].clone();
        assert_eq!(cache.doc(s.anns(), s.labels(), &d0, s.done())[..3], s.label_counts("d0")[..]);
        s.command(&Command::Undo, 4);
        s.command(&Command::Undo, 5);
        assert_eq!(corpus(&mut cache, &s), [1, 0, 0, 0]);
        // A document marked done: its undecided sentences count as "none".
        s.select_doc(1);
        s.toggle_done();
        assert_eq!(corpus(&mut cache, &s), [1, 0, 0, 2]);
    }
}
