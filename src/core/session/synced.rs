//! What the team database brings, applied to the session (SPEC §8, issue 12): the edge
//! only relays `core::sync::Event`s; here they become changes to the work, decided like
//! every other change. One's own sheet and the gold sheet merge per sentence, latest change
//! wins (nothing of the page's newer work is lost, and records that found no sentence
//! become orphans, kept); a colleague's sheet becomes one document of their read-only
//! layer; an article is added like an import. A sheet for an article the page does not have
//! yet waits (`held`) until the article arrives: the changes feed lists documents in the
//! order they were written, not the order they are needed.

use std::rc::Rc;

use super::Session;
use crate::core::annotations::AnnotationStore;
use crate::core::document::Document;
use crate::core::reattach::{merge_latest, Orphan};
use crate::core::sync::{apply, Event as SyncEvent, Sheet};

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
    for o in lost {
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
            SyncEvent::Own { sheet, .. } => {
                let mut changed = merge_sheet(&mut self.work.anns, &mut self.work.orphans, &doc, &sheet);
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

    /// An article from the team database: added (at the end, as an import) unless the page
    /// has it; then the sheets that waited for it.
    fn add_synced_article(&mut self, article: crate::core::document::ArticleInput) -> bool {
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
    use crate::core::annotations::Annotation;
    use crate::core::document::ArticleInput;
    use crate::core::keys::Command;
    use crate::core::labels::LabelSet;
    use crate::core::segment::SEGMENTER;
    use crate::core::text::fingerprint;

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
