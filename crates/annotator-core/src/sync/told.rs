//! What of the page's work the replicator must be told after a change: the decision "what
//! changed since it was last told, so what may need pushing", kept out of the browser edge.
//! The page calls it after every change of its state (a key press among them), so it must
//! cost next to nothing when little changed: the session shares its parts (`Rc`), and a
//! part that is the same allocation as last time is unchanged; only documents whose
//! records, done mark, orphans or sentence boundaries moved are told. The replicator then
//! compares content hashes (`Replicator::set_own`), so telling a document that did not
//! really change sends nothing.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::apply::orphan_pairs;
use super::doc::SheetBounds;
use super::replicator::Replicator;
use crate::annotations::{Annotation, AnnotationStore, DocAnnotations};
use crate::document::{ArticleInput, Document};
use crate::reattach::Orphan;

/// The page's work as the sync sees it: the session's shared parts, borrowed
/// (`Session::sync_work`).
#[derive(Clone, Copy)]
pub struct Work<'a> {
    /// One's own records, by document.
    pub anns: &'a AnnotationStore,
    /// Documents marked done.
    pub done: &'a Rc<BTreeSet<String>>,
    /// One's own records that lost their sentence.
    pub orphans: &'a Rc<Vec<Orphan>>,
    /// The gold labels (a curator's are sent; the replicator decides).
    pub gold: &'a AnnotationStore,
    pub gold_orphans: &'a Rc<Vec<Orphan>>,
    /// The documents in list order; one whose boundaries changed is another `Rc`.
    pub docs: &'a Rc<Vec<Rc<Document>>>,
    /// Ids of the documents the person imported (bundled ones never travel).
    pub imported: &'a Rc<BTreeSet<String>>,
}

/// One thing to tell the replicator (`Replicator::tell`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tell {
    /// `Replicator::set_own`'s arguments.
    Own { doc: String, records: DocAnnotations, orphans: Vec<(usize, Annotation)>, done: bool, bounds: SheetBounds },
    /// `Replicator::set_gold`'s arguments.
    Gold { doc: String, records: DocAnnotations, orphans: Vec<(usize, Annotation)>, bounds: SheetBounds },
    /// An imported article (`Replicator::set_article`).
    Article(ArticleInput),
}

impl Tell {
    /// The document it is about.
    pub fn doc(&self) -> &str {
        match self {
            Tell::Own { doc, .. } | Tell::Gold { doc, .. } => doc,
            Tell::Article(a) => a.id.as_deref().unwrap_or_default(),
        }
    }
}

/// What the replicator was last told (nothing, at first: then everything is told).
#[derive(Clone, Debug, Default)]
pub struct Told {
    anns: AnnotationStore,
    done: Rc<BTreeSet<String>>,
    orphans: Rc<Vec<Orphan>>,
    gold: AnnotationStore,
    gold_orphans: Rc<Vec<Orphan>>,
    docs: Rc<Vec<Rc<Document>>>,
    imported: Rc<BTreeSet<String>>,
}

fn same<T>(a: Option<&Rc<T>>, b: Option<&Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl Told {
    /// What changed in `work` since the last call, in the order to tell it (own sheets by
    /// document id, then gold sheets, then new imported articles), and remembers `work` as
    /// told. A document the page does not have (its records outlived it) is not told.
    ///
    /// Own sheets: every document with records, a done mark or boundaries of its own (edited,
    /// or with a time) whose records, done mark, orphans or boundaries changed. Gold sheets:
    /// every document with gold records whose records, gold orphans or boundaries changed.
    /// Articles: each imported document not imported when last told.
    pub fn changes(&mut self, work: Work<'_>) -> Vec<Tell> {
        let mut out = Vec::new();
        // A document whose boundaries changed is told even when its records did not (a join
        // of two undecided sentences): it is another `Rc` in another list.
        fn by_id(docs: &[Rc<Document>]) -> HashMap<&str, &Rc<Document>> {
            docs.iter().map(|d| (d.id.as_str(), d)).collect()
        }
        let (before, after) =
            if Rc::ptr_eq(&self.docs, work.docs) { Default::default() } else { (by_id(&self.docs), by_id(work.docs)) };
        let bounds_moved = |id: &str| !same(before.get(id).copied(), after.get(id).copied());
        let doc_of = |id: &str| work.docs.iter().find(|d| d.id == id);
        let orphans_moved = !Rc::ptr_eq(&self.orphans, work.orphans);
        let done_moved = !Rc::ptr_eq(&self.done, work.done);
        let own_bounds = work.docs.iter().filter(|d| d.edited || d.edited_t > 0).map(|d| d.id.as_str());
        let ids: BTreeSet<&str> =
            work.anns.doc_ids().chain(work.done.iter().map(String::as_str)).chain(own_bounds).collect();
        for id in ids {
            let records = work.anns.doc(id);
            let changed = !same(self.anns.doc(id), records)
                || (done_moved && self.done.contains(id) != work.done.contains(id))
                || (orphans_moved && orphan_pairs(&self.orphans, id) != orphan_pairs(work.orphans, id))
                || bounds_moved(id);
            let Some(doc) = doc_of(id).filter(|_| changed) else { continue };
            out.push(Tell::Own {
                doc: id.to_owned(),
                records: records.map(|r| (**r).clone()).unwrap_or_default(),
                orphans: orphan_pairs(work.orphans, id),
                done: work.done.contains(id),
                bounds: SheetBounds::of(doc),
            });
        }
        let gold_orphans_moved = !Rc::ptr_eq(&self.gold_orphans, work.gold_orphans);
        for id in work.gold.doc_ids() {
            let records = work.gold.doc(id);
            let changed = !same(self.gold.doc(id), records)
                || (gold_orphans_moved && orphan_pairs(&self.gold_orphans, id) != orphan_pairs(work.gold_orphans, id))
                || bounds_moved(id);
            let Some(doc) = doc_of(id).filter(|_| changed) else { continue };
            out.push(Tell::Gold {
                doc: id.to_owned(),
                records: records.map(|r| (**r).clone()).unwrap_or_default(),
                orphans: orphan_pairs(work.gold_orphans, id),
                bounds: SheetBounds::of(doc),
            });
        }
        if !Rc::ptr_eq(&self.imported, work.imported) {
            for id in work.imported.iter().filter(|id| !self.imported.contains(*id)) {
                if let Some(doc) = doc_of(id) {
                    out.push(Tell::Article(doc.to_input()));
                }
            }
        }
        *self = Told {
            anns: work.anns.clone(),
            done: work.done.clone(),
            orphans: work.orphans.clone(),
            gold: work.gold.clone(),
            gold_orphans: work.gold_orphans.clone(),
            docs: work.docs.clone(),
            imported: work.imported.clone(),
        };
        out
    }
}

impl Replicator {
    /// Tells the replicator one change of the page's work (`Told::changes`).
    pub fn tell(&mut self, tell: Tell, now_ms: u64) {
        match tell {
            Tell::Own { doc, records, orphans, done, bounds } => {
                self.set_own(&doc, &records, &orphans, done, &bounds, now_ms)
            }
            Tell::Gold { doc, records, orphans, bounds } => self.set_gold(&doc, &records, &orphans, &bounds, now_ms),
            Tell::Article(a) => self.set_article(a, now_ms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Span;

    /// The parts of a page, owned, changed the way the session changes them (a new `Rc`
    /// for what changed, the same for the rest).
    struct Page {
        anns: AnnotationStore,
        done: Rc<BTreeSet<String>>,
        orphans: Rc<Vec<Orphan>>,
        gold: AnnotationStore,
        gold_orphans: Rc<Vec<Orphan>>,
        docs: Rc<Vec<Rc<Document>>>,
        imported: Rc<BTreeSet<String>>,
    }

    fn doc(id: &str) -> Rc<Document> {
        Rc::new(Document::from_input(ArticleInput {
            id: Some(id.into()),
            text: "One here. Two here. Three here.".into(),
            ..Default::default()
        }))
    }

    fn page() -> Page {
        Page {
            anns: AnnotationStore::default(),
            done: Rc::default(),
            orphans: Rc::default(),
            gold: AnnotationStore::default(),
            gold_orphans: Rc::default(),
            docs: Rc::new(vec![doc("d0"), doc("d1"), doc("d2")]),
            imported: Rc::default(),
        }
    }

    impl Page {
        fn work(&self) -> Work<'_> {
            Work {
                anns: &self.anns,
                done: &self.done,
                orphans: &self.orphans,
                gold: &self.gold,
                gold_orphans: &self.gold_orphans,
                docs: &self.docs,
                imported: &self.imported,
            }
        }
    }

    fn label(l: &str, t: u64) -> Annotation {
        Annotation { labels: vec![l.into()], updated: t, ..Default::default() }
    }

    /// (kind, document) of each thing told.
    fn told(t: &mut Told, p: &Page) -> Vec<(&'static str, String)> {
        t.changes(p.work())
            .into_iter()
            .map(|x| {
                let kind = match x {
                    Tell::Own { .. } => "own",
                    Tell::Gold { .. } => "gold",
                    Tell::Article(_) => "article",
                };
                (kind, x.doc().to_owned())
            })
            .collect()
    }

    fn own(docs: &[&str]) -> Vec<(&'static str, String)> {
        docs.iter().map(|d| ("own", (*d).to_owned())).collect()
    }

    #[test]
    fn the_first_time_everything_of_ones_own_is_told_then_nothing_until_a_change() {
        let mut p = page();
        p.anns.set("d0", 0, label("claim", 5));
        p.gold.set("d2", 1, label("denial", 6));
        Rc::make_mut(&mut p.done).insert("d1".into());
        Rc::make_mut(&mut p.imported).insert("d2".into());
        let mut t = Told::default();
        let all = t.changes(p.work());
        let Tell::Own { doc, records, done, orphans, bounds } = &all[0] else { panic!("{all:?}") };
        assert_eq!((doc.as_str(), records[&0].labels.as_slice(), *done), ("d0", &["claim".to_owned()][..], false));
        assert!(orphans.is_empty() && bounds.spans.is_empty());
        assert!(matches!(&all[1], Tell::Own { doc, done: true, .. } if doc == "d1"));
        assert!(matches!(&all[2], Tell::Gold { doc, records, .. } if doc == "d2" && records[&1].labels == ["denial"]));
        let Tell::Article(a) = &all[3] else { panic!("{all:?}") };
        assert_eq!(*a, p.docs[2].to_input());
        assert_eq!(all.len(), 4, "a bundled document without work of one's own is not told");
        assert!(t.changes(p.work()).is_empty(), "nothing changed");
    }

    #[test]
    fn a_label_tells_its_document_only() {
        let mut p = page();
        p.anns.set("d0", 0, label("claim", 5));
        p.anns.set("d1", 0, label("claim", 5));
        let mut t = Told::default();
        t.changes(p.work());
        p.anns.set("d1", 2, label("demand", 9));
        assert_eq!(told(&mut t, &p), own(&["d1"]));
        // A removed document's records are not told (the page does not have it).
        p.anns.set("gone", 0, label("claim", 10));
        assert!(told(&mut t, &p).is_empty());
    }

    #[test]
    fn a_done_mark_or_an_orphan_tells_the_documents_they_belong_to() {
        let mut p = page();
        p.anns.set("d0", 0, label("claim", 5));
        p.anns.set("d1", 0, label("claim", 5));
        let mut t = Told::default();
        t.changes(p.work());
        Rc::make_mut(&mut p.done).insert("d1".into());
        assert_eq!(told(&mut t, &p), own(&["d1"]));
        Rc::make_mut(&mut p.done).remove("d1");
        Rc::make_mut(&mut p.done).insert("d2".into());
        assert_eq!(told(&mut t, &p), own(&["d1", "d2"]), "unmarked and marked");
        let orphan = Orphan { doc: "d0".into(), old_index: 7, text: None, annotation: label("denial", 3) };
        Rc::make_mut(&mut p.orphans).push(orphan);
        let out = t.changes(p.work());
        assert!(matches!(&out[..], [Tell::Own { doc, orphans, .. }] if doc == "d0" && orphans[0].0 == 7), "{out:?}");
        // A new list with the same orphans (another change made it) tells nothing.
        p.orphans = Rc::new((*p.orphans).clone());
        assert!(told(&mut t, &p).is_empty());
    }

    #[test]
    fn new_boundaries_tell_their_document_even_without_records() {
        let mut p = page();
        let mut t = Told::default();
        assert!(told(&mut t, &p).is_empty(), "the segmenter's boundaries and no work: nothing");
        // Sentences 0 and 1 of d1 joined: a new document in a new list, the others shared.
        let joined = {
            let d = &p.docs[1];
            let spans = [Span { start: d.sentences[0].start, end: d.sentences[1].end }, d.spans()[2]];
            Document { edited_t: 42, ..d.with_boundaries(&spans, true) }
        };
        Rc::make_mut(&mut p.docs)[1] = Rc::new(joined);
        let out = t.changes(p.work());
        let [Tell::Own { doc, bounds, records, .. }] = &out[..] else { panic!("{out:?}") };
        assert_eq!((doc.as_str(), bounds.spans.len(), bounds.t, records.len()), ("d1", 2, 42, 0));
        // Gold on it moves with the boundaries too; a list reordered, no document changed: nothing.
        p.gold.set("d1", 0, label("claim", 50));
        assert_eq!(told(&mut t, &p), [("gold", "d1".to_owned())]);
        Rc::make_mut(&mut p.docs).swap(0, 2);
        assert!(told(&mut t, &p).is_empty());
    }

    #[test]
    fn only_newly_imported_articles_are_told_and_the_replicator_takes_each_kind() {
        let mut p = page();
        let mut t = Told::default();
        Rc::make_mut(&mut p.imported).insert("d0".into());
        assert_eq!(told(&mut t, &p), [("article", "d0".to_owned())]);
        Rc::make_mut(&mut p.imported).insert("d1".into());
        assert_eq!(told(&mut t, &p), [("article", "d1".to_owned())]);
        // Told to a replicator, each is a document with changes not on the server yet (a
        // curator's: gold and articles are only sent by one; here nothing is started).
        let mut rep = Replicator::new(super::super::Config::new("maria"), "couchdb/team", None);
        p.anns.set("d2", 0, label("claim", 5));
        p.gold.set("d2", 0, label("claim", 5));
        for tell in Told::default().changes(p.work()) {
            rep.tell(tell, 100);
        }
        assert_eq!(rep.unsent(), 1, "own work, not gold or articles, until the server says curator");
    }
}
