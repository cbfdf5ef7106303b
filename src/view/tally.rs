//! Counts the screen shows: per-label counts for the overview chart, cached per document
//! (a render costs O(documents), not O(annotations)), and the filter bar's counts of the
//! open document. Screen concerns (what a chart or a bar needs), kept out of the domain, but
//! plain Rust so they are tested natively.

use std::collections::BTreeSet;
use std::rc::Rc;

use annotator_core::annotations::{Annotation, AnnotationStore, DocAnnotations};
use annotator_core::document::Document;
use annotator_core::labels::LabelSet;
use annotator_core::search::contains_ci;
use annotator_core::session::{Filter, Session};

/// Sentences of the open document per filter: (filter, count), for the filter bar.
/// One pass over the document's annotations (plus its sentences when searching).
pub fn filter_counts(s: &Session) -> Vec<(Filter, usize)> {
    let labels = s.labels();
    let filters = Filter::every(labels);
    let Some(doc) = s.open_doc() else {
        return filters.into_iter().map(|f| (f, 0)).collect();
    };
    let nl = labels.labels.len();
    let done = s.is_done(&doc.id);
    // counts: [all, undecided, none, label.., unsure, note]
    let mut counts = vec![0usize; filters.len()];
    let term = s.search().trim();
    let mut tally = |ann: Option<&Annotation>| {
        counts[0] += 1;
        let labelled = ann.is_some_and(|a| !a.labels.is_empty());
        let decided = done || ann.is_some_and(Annotation::decided);
        counts[1] += usize::from(!decided);
        counts[2] += usize::from(ann.is_some_and(|a| a.none) || (done && !labelled));
        if let Some(a) = ann {
            for l in &a.labels {
                let r = labels.rank(l);
                if r < nl {
                    counts[3 + r] += 1;
                }
            }
            counts[3 + nl] += usize::from(a.unsure);
            counts[4 + nl] += usize::from(!a.note.is_empty());
        }
    };
    let anns = s.anns().doc(&doc.id);
    if term.is_empty() {
        // Sentences without a record are undecided: count records, then the rest.
        let n = doc.sentences.len();
        let mut seen = 0;
        if let Some(a) = anns {
            for (_, ann) in a.range(..n) {
                seen += 1;
                tally(Some(ann));
            }
        }
        for _ in seen..n {
            tally(None);
        }
    } else {
        for i in 0..doc.sentences.len() {
            if contains_ci(doc.sentence_text(i), term) {
                tally(anns.and_then(|a| a.get(&i)));
            }
        }
    }
    filters.into_iter().zip(counts).collect()
}

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
    use annotator_core::document::ArticleInput;
    use annotator_core::keys::Command;
    use annotator_core::session::Session;

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
        // The plain count: per label, the sentences of a document that carry it.
        let label_counts = |s: &Session, doc: &str| match s.anns().doc(doc) {
            Some(anns) => s.labels().count(anns),
            None => vec![0; s.labels().labels.len()],
        };
        let mut direct: Vec<usize> =
            (0..3).map(|l| s.docs().iter().map(|d| label_counts(&s, &d.id)[l]).sum()).collect();
        direct.push(1);
        assert_eq!(corpus(&mut cache, &s), direct);
        let d0 = s.docs()[0].clone();
        assert_eq!(cache.doc(s.anns(), s.labels(), &d0, s.done())[..3], label_counts(&s, "d0")[..]);
        s.command(&Command::Undo, 4);
        s.command(&Command::Undo, 5);
        assert_eq!(corpus(&mut cache, &s), [1, 0, 0, 0]);
        // A document marked done: its undecided sentences count as "none".
        s.select_doc(1);
        s.toggle_done();
        assert_eq!(corpus(&mut cache, &s), [1, 0, 0, 2]);
    }

    /// The one-pass count against the plain one (each filter's `fits`, sentence by
    /// sentence), through labels, none, unsure, notes, a search and a document marked done.
    #[test]
    fn filter_counts_match_the_filters_one_sentence_at_a_time() {
        let mut s = Session::new(LabelSet::default_set(), 0);
        let text = "One claim here. Two deny it. Three demand more. Four words only. Five at last.";
        s.add_documents(
            vec![Document::from_input(ArticleInput { id: Some("d".into()), text: text.into(), ..Default::default() })],
            false,
        );
        let plain = |s: &Session| {
            let doc = s.open_doc().unwrap().clone();
            let done = s.is_done(&doc.id);
            let term = s.search().trim().to_owned();
            Filter::every(s.labels())
                .into_iter()
                .map(|f| {
                    let n = (0..doc.sentences.len())
                        .filter(|&i| f.fits(s.anns().get(&doc.id, i), done))
                        .filter(|&i| term.is_empty() || contains_ci(doc.sentence_text(i), &term))
                        .count();
                    (f, n)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(filter_counts(&s), plain(&s));
        for (t, c) in
            [Command::Label(0), Command::Label(1), Command::DecideNone, Command::ToggleUnsure].into_iter().enumerate()
        {
            s.command(&c, t as u64 + 1);
            assert_eq!(filter_counts(&s), plain(&s), "after {c:?}");
        }
        s.set_search("o".into());
        assert_eq!(filter_counts(&s), plain(&s), "searching");
        s.set_search(String::new());
        s.toggle_done();
        let counts = filter_counts(&s);
        assert_eq!(counts, plain(&s), "marked done");
        assert_eq!(counts[1], (Filter::Undecided, 0), "a done document has nothing undecided");
    }
}
