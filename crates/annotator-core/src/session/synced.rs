//! What the team database brings, applied to the session (docs/ARCHITECTURE.md, Team sync): the
//! edge only relays `core::sync::Event`s; here they become changes to the work, decided like
//! every other change. One's own sheet and the gold sheet merge per sentence, latest change
//! wins (nothing of the page's newer work is lost, and records that found no sentence become
//! orphans, kept); a colleague's sheet becomes one document of their read-only layer; an
//! article is added like an import. Sentence boundaries travel too (docs/FORMAT.md §6,
//! Merging): one's own later boundaries from another browser move the page's sentences (a
//! remote change, like a synced label: not in the undo history), the gold sheet's records find
//! their sentences by span, and a colleague's other boundaries become a boundary disagreement
//! review mode lists. A sheet for an article the page does not have yet waits (`held`) until
//! the article arrives: the changes feed lists documents in the order they were written, not
//! the order they are needed.

use std::rc::Rc;

use super::Session;
use crate::annotations::AnnotationStore;
use crate::boundaries;
use crate::document::Document;
use crate::reattach::{merge_latest, Orphan};
use crate::segment::Span;
use crate::sync::{apply, Event as SyncEvent, Sheet, Work};

/// Sheets waiting for their article, at most one per kind, annotator and article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Held {
    events: Rc<Vec<SyncEvent>>,
}

impl Held {
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Keeps `e`, replacing an earlier sheet of the same document (the later one is the
    /// server's newer state, merged already by the replicator).
    fn hold(&mut self, e: SyncEvent) {
        let key = held_key(&e);
        let list = Rc::make_mut(&mut self.events);
        list.retain(|x| held_key(x) != key);
        list.push(e);
    }

    fn drop_layer(&mut self, annotator: &str, doc: &str) {
        let key = ("layer", annotator.to_owned(), doc.to_owned());
        if self.events.iter().any(|x| held_key(x) == key) {
            Rc::make_mut(&mut self.events).retain(|x| held_key(x) != key);
        }
    }

    /// Takes out what waited for article `doc`.
    fn take(&mut self, doc: &str) -> Vec<SyncEvent> {
        if !self.events.iter().any(|x| held_key(x).2 == doc) {
            return Vec::new();
        }
        let (now, later): (Vec<_>, Vec<_>) = self.events.iter().cloned().partition(|x| held_key(x).2 == doc);
        self.events = Rc::new(later);
        now
    }
}

fn held_key(e: &SyncEvent) -> (&'static str, String, String) {
    match e {
        SyncEvent::Own { doc, .. } => ("own", String::new(), doc.clone()),
        SyncEvent::Gold { doc, .. } => ("gold", String::new(), doc.clone()),
        SyncEvent::Layer { annotator, doc, .. } => ("layer", annotator.clone(), doc.clone()),
        _ => ("", String::new(), String::new()),
    }
}

/// Merges `sheet` into `store` (and its orphans into `orphans`) on `doc`, per sentence,
/// latest change wins. Returns whether anything changed.
fn merge_sheet(store: &mut AnnotationStore, orphans: &mut Rc<Vec<Orphan>>, doc: &Document, sheet: &Sheet) -> bool {
    let (placed, lost) = apply::place(doc, sheet);
    let none = Default::default();
    let ours = store.doc(&doc.id).map_or(&none, |r| &**r);
    let (merged, mut changed) = merge_latest(ours, &placed);
    if changed {
        store.replace_doc(&doc.id, merged);
    }
    // A removal that found no sentence has nothing to show.
    for o in lost.into_iter().filter(|o| !o.annotation.is_empty()) {
        let known =
            orphans.iter().any(|x| x.doc == o.doc && x.old_index == o.old_index && x.annotation == o.annotation);
        if !known {
            Rc::make_mut(orphans).push(o);
            changed = true;
        }
    }
    changed
}

impl Session {
    /// Sheets that wait for their article.
    pub fn held(&self) -> &Held {
        &self.held
    }

    /// The work the team sync sends, as `sync::Told` compares it between two states.
    pub fn sync_work(&self) -> Work<'_> {
        Work {
            anns: &self.work.anns,
            done: &self.work.done,
            orphans: &self.work.orphans,
            gold: &self.work.gold,
            gold_orphans: &self.work.gold_orphans,
            docs: self.corpus.shared(),
            imported: self.corpus.imported(),
        }
    }

    /// Applies one event of the team sync, in the order the replicator gave them. Returns
    /// whether the session changed.
    pub fn apply_synced(&mut self, event: SyncEvent) -> bool {
        let doc_id = match &event {
            SyncEvent::Own { doc, .. } | SyncEvent::Gold { doc, .. } | SyncEvent::Layer { doc, .. } => doc.clone(),
            SyncEvent::LayerRemoved { annotator, doc } => {
                self.held.drop_layer(annotator, doc);
                return self.team.layers.remove_doc(annotator, doc);
            }
            SyncEvent::Article(a) => return self.add_synced_article(a.clone()),
            SyncEvent::Skipped { .. } | SyncEvent::Checkpoint => return false,
        };
        let Some(doc) = self.doc_index(&doc_id).map(|i| self.docs()[i].clone()) else {
            self.held.hold(event);
            return false;
        };
        match event {
            SyncEvent::Own { mut sheet, .. } => {
                let (doc, mut changed) = self.adopt_own_bounds(doc, &mut sheet);
                changed |= merge_sheet(&mut self.work.anns, &mut self.work.orphans, &doc, &sheet);
                // The sheet's done mark is the later of the page's (told before) and the server's.
                if sheet.done != self.is_done(&doc.id) {
                    let done = Rc::make_mut(&mut self.work.done);
                    if sheet.done {
                        done.insert(doc.id.clone());
                    } else {
                        done.remove(&doc.id);
                    }
                    changed = true;
                }
                changed
            }
            SyncEvent::Gold { sheet, .. } => {
                merge_sheet(&mut self.work.gold, &mut self.work.gold_orphans, &doc, &sheet)
            }
            SyncEvent::Layer { annotator, sheet, .. } => {
                if annotator.trim() == self.annotator.trim() {
                    return false; // one's own work is never a layer
                }
                let (layer_doc, _lost) = apply::layer_doc(&doc, &sheet);
                self.team.layers.put_doc(&annotator, &doc.id, layer_doc)
            }
            _ => false,
        }
    }

    /// One's own boundaries of `doc` from another browser, when they are later than the
    /// page's (`Sheet::bounds_t` against `Document::edited_t`), fit its text and differ: the
    /// page's records move onto them as when adopting a colleague's
    /// (`boundaries::records_onto`), and the document takes them with the sheet's time. The
    /// sheet's orphans that are the page's records moved so are dropped from it, and the
    /// page's undo history of the document is forgotten (its entries' indices are of the
    /// sentences before). Returns the document as it is now and whether it changed.
    fn adopt_own_bounds(&mut self, doc: Rc<Document>, sheet: &mut Sheet) -> (Rc<Document>, bool) {
        if sheet.bounds_t <= doc.edited_t {
            return (doc, false);
        }
        let Some(spans) = apply::sheet_spans(&doc, sheet) else { return (doc, false) };
        let ours: Vec<(usize, usize)> = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
        if spans == ours || spans.is_empty() {
            return (doc, false);
        }
        let new: Vec<Span> = spans.iter().map(|&(start, end)| Span { start, end }).collect();
        let own = self.work.anns.doc(&doc.id).map(|a| (**a).clone()).unwrap_or_default();
        let (moved, _dropped) = boundaries::records_onto(&doc, &own, &new, &self.labels, self.settings.multi_label);
        let edited = new != crate::segment::segment(&doc.text);
        if !self.apply_bounds(&doc.id, &spans, edited, &moved, 0, sheet.bounds_t) {
            return (doc, false);
        }
        sheet.orphans.retain(|(_, o)| !own.values().any(|r| r == o));
        // The page's undo entries of this document name sentences by their index before:
        // undone now, they would change another sentence.
        Rc::make_mut(&mut self.work.history).forget_doc(&doc.id);
        let now = self.doc_index(&doc.id).map_or(doc, |i| self.docs()[i].clone());
        (now, true)
    }

    /// An article from the team database: added (at the end, as an import) unless the page
    /// has it; then the sheets that waited for it.
    fn add_synced_article(&mut self, article: crate::document::ArticleInput) -> bool {
        let Some(id) = article.id.clone() else { return false };
        let mut changed = false;
        if self.doc_index(&id).is_none() && !self.corpus.removed().contains(&id) {
            changed = !self.add_documents(vec![Document::from_input(article)], true).is_empty();
        }
        for e in self.held.take(&id) {
            changed |= self.apply_synced(e);
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::Annotation;
    use crate::document::ArticleInput;
    use crate::keys::Command;
    use crate::labels::LabelSet;
    use crate::segment::SEGMENTER;
    use crate::text::fingerprint;

    fn input(id: &str, text: &str) -> ArticleInput {
        ArticleInput { id: Some(id.into()), text: text.into(), title: Some(id.into()), ..Default::default() }
    }

    fn session() -> Session {
        let mut s = Session::new(LabelSet::default_set(), 0);
        s.add_documents(vec![Document::from_input(input("d0", "One.\nTwo.\nThree."))], false);
        s
    }

    fn sheet(s: &Session, doc: &str, recs: &[(usize, &[&str], u64)]) -> Sheet {
        let d = s.docs().iter().find(|d| d.id == doc).cloned();
        let mut out = Sheet { seg: SEGMENTER.into(), ..Default::default() };
        for (i, labels, t) in recs {
            let fp = d.as_ref().map_or_else(|| "ffffffff".to_owned(), |d| fingerprint(d.sentence_text(*i)));
            out.records.insert(
                *i,
                Annotation {
                    labels: labels.iter().map(|l| (*l).to_owned()).collect(),
                    none: labels.is_empty(),
                    updated: *t,
                    fingerprint: fp,
                    ..Default::default()
                },
            );
        }
        out
    }

    #[test]
    fn ones_own_sheet_merges_per_sentence_latest_change_wins() {
        let mut s = session();
        s.command(&Command::Label(0), 100); // d0:0 claim at t=100
        let mut theirs = sheet(&s, "d0", &[(0, &["denial"], 50), (1, &["demand"], 200)]);
        theirs.done = true;
        assert!(s.apply_synced(SyncEvent::Own { doc: "d0".into(), sheet: theirs.clone() }));
        assert_eq!(s.anns().labels_of("d0", 0), ["claim"], "the page's later change stays");
        assert_eq!(s.anns().labels_of("d0", 1), ["demand"]);
        assert!(s.is_done("d0"), "the done mark comes with the sheet");
        assert!(!s.apply_synced(SyncEvent::Own { doc: "d0".into(), sheet: theirs }), "the same again: no change");
    }

    #[test]
    fn gold_merges_into_the_gold_layer_and_colleagues_become_layers() {
        let mut s = session();
        s.set_annotator("maria".into());
        let g = sheet(&s, "d0", &[(2, &["claim"], 10)]);
        assert!(s.apply_synced(SyncEvent::Gold { doc: "d0".into(), sheet: g }));
        assert_eq!(s.gold_record("d0", 2).map(|a| a.labels.clone()), Some(vec!["claim".to_owned()]));
        assert!(s.anns().doc("d0").is_none(), "gold is not one's own work");
        let ben = sheet(&s, "d0", &[(0, &["denial"], 10), (1, &[], 11)]);
        assert!(s.apply_synced(SyncEvent::Layer { annotator: "ben".into(), doc: "d0".into(), sheet: ben.clone() }));
        assert_eq!(s.decisions_on("d0", 0), [("ben".to_owned(), vec!["denial".to_owned()])]);
        assert!(!s.apply_synced(SyncEvent::Layer { annotator: "ben".into(), doc: "d0".into(), sheet: ben }));
        // One's own name never becomes a layer.
        let own = sheet(&s, "d0", &[(0, &["claim"], 10)]);
        assert!(!s.apply_synced(SyncEvent::Layer { annotator: "maria".into(), doc: "d0".into(), sheet: own }));
        assert!(s.apply_synced(SyncEvent::LayerRemoved { annotator: "ben".into(), doc: "d0".into() }));
        assert!(s.layers().is_empty());
    }

    #[test]
    fn sheets_wait_for_their_article_and_an_article_is_added_once() {
        let mut s = session();
        let a = input("new", "Alpha here. Beta here.");
        let doc = Document::from_input(a.clone());
        let mut own = Sheet { seg: SEGMENTER.into(), ..Default::default() };
        own.records.insert(
            1,
            Annotation {
                labels: vec!["claim".into()],
                updated: 5,
                fingerprint: fingerprint(doc.sentence_text(1)),
                ..Default::default()
            },
        );
        assert!(!s.apply_synced(SyncEvent::Own { doc: "new".into(), sheet: own.clone() }));
        assert!(!s.apply_synced(SyncEvent::Layer { annotator: "ben".into(), doc: "new".into(), sheet: own.clone() }));
        assert!(!s.apply_synced(SyncEvent::Layer { annotator: "cy".into(), doc: "new".into(), sheet: own.clone() }));
        assert!(!s.apply_synced(SyncEvent::LayerRemoved { annotator: "cy".into(), doc: "new".into() }));
        assert_eq!(s.held().len(), 2);
        assert!(s.apply_synced(SyncEvent::Article(a.clone())));
        assert!(s.held().is_empty());
        assert!(s.corpus().imported().contains("new"));
        assert_eq!(s.anns().labels_of("new", 1), ["claim"]);
        assert_eq!(s.decisions_on("new", 1).len(), 2, "own and ben's");
        assert!(!s.apply_synced(SyncEvent::Article(a)), "an article the page has is skipped");
        assert_eq!(s.docs().len(), 2);
    }

    const SPLIT_ME: &str = "He said so, and she denied it. Then more. The end.";

    fn session_of(text: &str) -> Session {
        let mut s = Session::new(LabelSet::default_set(), 0);
        s.add_documents(vec![Document::from_input(input("d", text))], false);
        let mut settings = s.settings().clone();
        settings.auto_advance = false;
        s.set_settings(settings);
        s
    }

    fn texts(s: &Session) -> Vec<String> {
        let d = &s.docs()[0];
        (0..d.sentences.len()).map(|i| d.sentence_text(i).to_owned()).collect()
    }

    /// The sheet a page would send of document "d" (`Replicator::set_own`'s).
    fn sent(s: &Session) -> Sheet {
        let d = &s.docs()[0];
        let b = crate::sync::SheetBounds::of(d);
        Sheet {
            seg: SEGMENTER.into(),
            records: s.anns().doc("d").map(|a| (**a).clone()).unwrap_or_default(),
            bounds: b.spans,
            bounds_t: b.t,
            ..Default::default()
        }
    }

    /// Browser A splits the first sentence before "and" at `t` and labels both halves.
    fn split_and_label(a: &mut Session, t: u64) {
        a.focus_sentence(0);
        let at = SPLIT_ME.find("and").unwrap();
        assert!(matches!(a.split_focused(at, t), crate::session::Event::Split { .. }));
        a.command(&Command::Label(0), t + 1);
        a.focus_sentence(1);
        a.command(&Command::Label(1), t + 2);
    }

    #[test]
    fn ones_own_later_boundaries_from_another_browser_move_the_sentences_labels_and_all() {
        let mut a = session_of(SPLIT_ME);
        let mut b = session_of(SPLIT_ME);
        // Browser B, earlier: the whole first sentence "demand", "Then more." a claim.
        b.command(&Command::Label(2), 5);
        b.focus_sentence(1);
        b.command(&Command::Label(0), 6);
        split_and_label(&mut a, 10);
        assert_eq!(a.docs()[0].edited_t, 10);
        assert!(b.apply_synced(SyncEvent::Own { doc: "d".into(), sheet: sent(&a) }));
        assert_eq!(texts(&b), ["He said so,", "and she denied it.", "Then more.", "The end."]);
        assert!(b.docs()[0].edited);
        assert_eq!(b.docs()[0].edited_t, 10, "the time of the other browser's change");
        assert_eq!(b.anns().labels_of("d", 0), ["claim"], "the later change on the first half");
        assert_eq!(b.anns().labels_of("d", 1), ["denial"], "the second half's label");
        assert_eq!(b.anns().labels_of("d", 2), ["claim"], "B's own record followed its sentence");
        assert!(b.orphans().is_empty());
        // B's undo would label by the old indices: its history of the document is gone.
        assert_eq!(b.command(&Command::Undo, 15), crate::session::Event::NothingToUndo);
        assert_eq!(b.anns().labels_of("d", 2), ["claim"]);
        let fp = b.anns().get("d", 1).unwrap().fingerprint.clone();
        assert_eq!(fp, fingerprint("and she denied it."));
        // The same again changes nothing; what B sends now is A's boundaries at A's time.
        assert!(!b.apply_synced(SyncEvent::Own { doc: "d".into(), sheet: sent(&a) }));
        assert_eq!((sent(&b).bounds, sent(&b).bounds_t), (sent(&a).bounds, 10));
        // A joins again later: B follows, back to the segmenter's sentences (none sent).
        a.focus_sentence(0);
        a.join_next(20);
        let back = sent(&a);
        assert!(back.bounds.is_empty() && back.bounds_t == 20);
        assert!(b.apply_synced(SyncEvent::Own { doc: "d".into(), sheet: back }));
        assert_eq!(texts(&b), ["He said so, and she denied it.", "Then more.", "The end."]);
        assert_eq!((b.docs()[0].edited, b.docs()[0].edited_t), (false, 20));
        assert_eq!(b.anns().labels_of("d", 0), ["claim"]);
    }

    #[test]
    fn ones_own_older_boundaries_leave_the_pages_as_they_are() {
        let mut a = session_of(SPLIT_ME);
        let mut b = session_of(SPLIT_ME);
        split_and_label(&mut a, 10);
        let old = sent(&a);
        // B split the first sentence elsewhere ("He said" off), later (t=30).
        b.focus_sentence(0);
        let at = SPLIT_ME.find("so,").unwrap();
        b.split_focused(at, 30);
        let before = texts(&b);
        b.apply_synced(SyncEvent::Own { doc: "d".into(), sheet: old });
        assert_eq!(texts(&b), before, "B's boundaries are later");
        assert_eq!(b.docs()[0].edited_t, 30);
        // A's labels found their sentences where B has them (by fingerprint), or wait as orphans.
        let kept: usize = b.anns().doc("d").map_or(0, |r| r.len()) + b.orphans().len();
        assert_eq!(kept, 2, "nothing of A's lost");
    }

    #[test]
    fn gold_finds_its_sentences_by_span() {
        let mut curator = session_of(SPLIT_ME);
        split_and_label(&mut curator, 10);
        // The curator's gold, as their page sends it: records by their sentences.
        let mut gold = sent(&curator);
        gold.records = [(1usize, gold.records[&1].clone()), (3, gold.records[&1].clone())].into_iter().collect();
        gold.records.get_mut(&3).unwrap().fingerprint = fingerprint("The end.");
        // A reader whose page has the curator's split already, and one that has not.
        let mut same = session_of(SPLIT_ME);
        same.apply_synced(SyncEvent::Own { doc: "d".into(), sheet: sent(&curator) });
        assert!(same.apply_synced(SyncEvent::Gold { doc: "d".into(), sheet: gold.clone() }));
        assert_eq!(same.gold_record("d", 1).map(|a| a.labels.clone()), Some(vec!["denial".to_owned()]));
        assert_eq!(same.gold_record("d", 3).map(|a| a.labels.clone()), Some(vec!["denial".to_owned()]));
        let mut plain = session_of(SPLIT_ME);
        assert!(plain.apply_synced(SyncEvent::Gold { doc: "d".into(), sheet: gold }));
        assert_eq!(
            plain.gold_record("d", 2).map(|a| a.labels.clone()),
            Some(vec!["denial".to_owned()]),
            "by fingerprint"
        );
        assert_eq!(plain.gold_orphans().len(), 1, "the half this page does not have is kept");
    }

    #[test]
    fn gold_on_a_repeated_sentence_finds_the_same_one_by_span() {
        let text = "He said so, and she denied it. Yes. Yes.";
        let mut curator = session_of(text);
        curator.focus_sentence(0);
        curator.split_focused(text.find("and").unwrap(), 10);
        // Gold on the first "Yes." (the curator's sentence 2).
        let d = &curator.docs()[0];
        let (a, b) = (d.sentences[2].start, d.sentences[2].end);
        let mut gold = sent(&curator);
        gold.records.insert(
            2,
            Annotation {
                labels: vec!["claim".into()],
                updated: 11,
                fingerprint: fingerprint("Yes."),
                span: Some((a, b)),
                ..Default::default()
            },
        );
        let mut plain = session_of(text);
        assert!(plain.apply_synced(SyncEvent::Gold { doc: "d".into(), sheet: gold }));
        assert_eq!(plain.gold_record("d", 1).map(|a| a.labels.clone()), Some(vec!["claim".to_owned()]));
        assert!(plain.gold_record("d", 2).is_none(), "not the other \"Yes.\" at the sheet's index");
    }

    #[test]
    fn a_colleagues_other_boundaries_are_a_boundary_disagreement_and_can_be_adopted() {
        let mut ben = session_of(SPLIT_ME);
        split_and_label(&mut ben, 10);
        ben.focus_sentence(2);
        ben.command(&Command::Label(2), 13);
        let mut cora = session_of(SPLIT_ME);
        cora.set_annotator("cora".into());
        assert!(cora.apply_synced(SyncEvent::Layer { annotator: "ben".into(), doc: "d".into(), sheet: sent(&ben) }));
        let layer = |s: &Session, i| s.layers().get("ben").unwrap()["d"].decision(i).map(|l| l.to_vec());
        assert_eq!(layer(&cora, 1), Some(vec!["demand".to_owned()]), "\"Then more.\" by span");
        assert_eq!(layer(&cora, 0), None, "their halves are not our sentence");
        let diffs = cora.boundary_disagreements();
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].annotator, "ben");
        assert_eq!(diffs[0].theirs_only, ["He said so,", "and she denied it."]);
        assert_eq!(diffs[0].ours_only, 1);
        cora.adopt_boundaries("ben", 20);
        assert!(cora.boundary_disagreements().is_empty());
        assert_eq!(layer(&cora, 0), Some(vec!["claim".to_owned()]));
        assert_eq!(layer(&cora, 1), Some(vec!["denial".to_owned()]));
        // A colleague on the segmenter's sentences while ours are edited: also a disagreement.
        let plain = session_of(SPLIT_ME);
        let mut s = sent(&plain);
        s.records.insert(
            0,
            Annotation {
                labels: vec!["claim".into()],
                updated: 3,
                fingerprint: fingerprint("He said so, and she denied it."),
                ..Default::default()
            },
        );
        assert!(cora.apply_synced(SyncEvent::Layer { annotator: "dan".into(), doc: "d".into(), sheet: s }));
        let names: Vec<String> = cora.boundary_disagreements().into_iter().map(|d| d.annotator).collect();
        assert_eq!(names, ["dan"]);
        assert_eq!(cora.layers().get("dan").unwrap()["d"].decision(0), None);
    }

    #[test]
    fn records_that_find_no_sentence_are_kept_as_orphans_once() {
        let mut s = session();
        let mut lost = Sheet { seg: SEGMENTER.into(), ..Default::default() };
        let rec = Annotation {
            labels: vec!["claim".into()],
            updated: 5,
            fingerprint: "ffffffff".into(),
            ..Default::default()
        };
        lost.records.insert(7, rec);
        assert!(s.apply_synced(SyncEvent::Own { doc: "d0".into(), sheet: lost.clone() }));
        assert_eq!(s.orphans().len(), 1);
        assert!(!s.apply_synced(SyncEvent::Own { doc: "d0".into(), sheet: lost }));
        assert_eq!(s.orphans().len(), 1);
    }
}
