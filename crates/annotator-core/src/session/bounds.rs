//! The session's boundary edits (docs/FORMAT.md §4, Sentence boundaries): split the focused
//! sentence at a gap, join it with the next one, each one history entry (with the document's
//! records before and after, as indices move), undone and redone like labels.

use std::rc::Rc;

use super::{Event, Session};
use crate::annotations::DocAnnotations;
use crate::boundaries;
use crate::history::{Bounds, Change};
use crate::segment::Span;
use crate::text;

fn pairs(spans: &[Span]) -> Vec<(usize, usize)> {
    spans.iter().map(|s| (s.start, s.end)).collect()
}

/// A colleague whose sentence boundaries differ from ours on a document (review mode lists
/// them; the curator may adopt theirs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundaryDiff {
    pub annotator: String,
    /// Their sentences we do not have, as text.
    pub theirs_only: Vec<String>,
    /// How many of our sentences they do not have.
    pub ours_only: usize,
}

impl Session {
    /// The colleagues whose boundaries differ from ours on the open document.
    pub fn boundary_disagreements(&self) -> Vec<BoundaryDiff> {
        let Some(doc) = self.open_doc() else { return Vec::new() };
        let ours: Vec<(usize, usize)> = pairs(&doc.spans());
        let mut out = Vec::new();
        for (name, layer) in self.team.layers.iter() {
            let Some(theirs) = layer.get(&doc.id).and_then(|d| d.theirs.as_ref()) else { continue };
            let theirs_only = theirs
                .spans
                .iter()
                .filter(|&&s| !ours.contains(&s) && boundaries::fits(&doc.text, s))
                .map(|&(a, b)| doc.text[a..b].to_owned())
                .collect();
            let ours_only = ours.iter().filter(|s| !theirs.spans.contains(s)).count();
            out.push(BoundaryDiff { annotator: name.to_owned(), theirs_only, ours_only });
        }
        out
    }

    /// Takes `name`'s sentence boundaries for the open document (review mode). One's own
    /// records follow: a sentence that stays keeps its record; one split or joined gives its
    /// record to the new sentence where it starts (one label per sentence: the first
    /// record's labels, the others named as dropped). Undone like any boundary edit.
    pub fn adopt_boundaries(&mut self, name: &str, now_ms: u64) -> Event {
        let Some(doc) = self.open_doc().cloned() else { return Event::Quiet };
        let Some(theirs) = self.team.layers.get(name).and_then(|l| l.get(&doc.id)).and_then(|d| d.theirs.clone())
        else {
            return Event::Quiet;
        };
        if !boundaries::valid_spans(&doc.text, &theirs.spans) || theirs.spans.is_empty() {
            return Event::Quiet;
        }
        let spans: Vec<Span> = theirs.spans.iter().map(|&(start, end)| Span { start, end }).collect();
        let own = self.work.anns.doc(&doc.id).map(|a| (**a).clone()).unwrap_or_default();
        let (after, dropped) = boundaries::records_onto(&doc, &own, &spans, &self.labels, self.settings.multi_label);
        self.edit_bounds(&doc.id, spans, after, now_ms);
        Event::BoundariesAdopted {
            name: name.to_owned(),
            of: self.open_doc().map_or(0, |d| d.sentences.len()),
            dropped,
        }
    }

    /// Where the focused sentence can be split: byte offsets into its document's text.
    pub fn split_gaps(&self) -> Vec<usize> {
        self.open_doc().map(|d| boundaries::gaps(d, self.cursor.focus)).unwrap_or_default()
    }

    /// Splits the focused sentence at byte `at` (one of `split_gaps`). The first part keeps
    /// the labels, note and flag, and the focus.
    pub fn split_focused(&mut self, at: usize, now_ms: u64) -> Event {
        let Some(doc) = self.open_doc().cloned() else { return Event::Quiet };
        let index = self.cursor.focus;
        let Some(after) = boundaries::split(&doc, index, at) else { return Event::Quiet };
        let anns = self.work.anns.doc(&doc.id).map(|a| (**a).clone()).unwrap_or_default();
        let anns_after = boundaries::records_after_split(&anns, index);
        self.edit_bounds(&doc.id, after, anns_after, now_ms);
        Event::Split { index, of: self.open_doc().map_or(0, |d| d.sentences.len()) }
    }

    /// Joins the focused sentence with the next one in its paragraph.
    pub fn join_next(&mut self, now_ms: u64) -> Event {
        let Some(doc) = self.open_doc().cloned() else { return Event::Quiet };
        let index = self.cursor.focus;
        let Some(after) = boundaries::join(&doc, index) else {
            return Event::CannotJoin { last: index + 1 >= doc.sentences.len() };
        };
        let anns = self.work.anns.doc(&doc.id).map(|a| (**a).clone()).unwrap_or_default();
        let (anns_after, dropped) =
            boundaries::records_after_join(&anns, index, &self.labels, self.settings.multi_label);
        self.edit_bounds(&doc.id, after, anns_after, now_ms);
        Event::Joined { index, dropped }
    }

    /// Applies new boundaries and records, and the history entry that undoes them.
    fn edit_bounds(&mut self, id: &str, spans: Vec<Span>, anns: DocAnnotations, now_ms: u64) {
        let Some(d) = self.corpus.index_of(id) else { return };
        let doc = self.corpus.docs()[d].clone();
        let edited_after = spans != crate::segment::segment(&doc.text);
        let change = Bounds {
            before: pairs(&doc.spans()),
            after: pairs(&spans),
            edited_before: doc.edited,
            edited_after,
            anns_before: self.work.anns.doc(id).map(|a| (**a).clone()).unwrap_or_default(),
            anns_after: anns,
        };
        self.apply_bounds(id, &change.after, change.edited_after, &change.anns_after, now_ms, now_ms);
        Rc::make_mut(&mut self.work.history).record(Change {
            doc: id.to_owned(),
            index: self.cursor.focus,
            before: Default::default(),
            after: Default::default(),
            gold: false,
            removal: None,
            bounds: Some(Box::new(change)),
        });
    }

    /// Sets a document's boundaries and records (an edit, its undo or its redo, one's own
    /// boundaries from another browser): the records are stamped with their sentence's new
    /// fingerprint and span (and `now_ms` when they have no time), the document with
    /// `bounds_t`, the time of the change (`Document::edited_t`, sent with the boundaries).
    /// Returns whether it could.
    pub(super) fn apply_bounds(
        &mut self,
        id: &str,
        spans: &[(usize, usize)],
        edited: bool,
        anns: &DocAnnotations,
        now_ms: u64,
        bounds_t: u64,
    ) -> bool {
        let Some(d) = self.corpus.index_of(id) else { return false };
        let old = self.corpus.docs()[d].clone();
        if !boundaries::valid_spans(&old.text, spans) {
            return false;
        }
        let spans: Vec<Span> = spans.iter().map(|&(start, end)| Span { start, end }).collect();
        let mut doc = old.with_boundaries(&spans, edited);
        doc.edited_t = bounds_t;
        let doc = Rc::new(doc);
        let mut records = DocAnnotations::new();
        for (&i, a) in anns {
            if i < doc.sentences.len() {
                let mut a = a.clone();
                a.fingerprint = text::fingerprint(doc.sentence_text(i));
                a.span = Some((doc.sentences[i].start, doc.sentences[i].end));
                if a.updated == 0 {
                    a.updated = now_ms;
                }
                records.insert(i, a);
            }
        }
        // Gold and colleagues' layers follow by span: a rating of a unit that no longer
        // exists cannot be compared (a boundary disagreement); gold is kept as an orphan.
        if let Some(gold) = self.work.gold.doc(id).cloned() {
            let (kept, lost) = boundaries::remap(&old, &doc, &gold);
            self.work.gold.replace_doc(id, kept);
            if !lost.is_empty() {
                let orphans = Rc::make_mut(&mut self.work.gold_orphans);
                for (j, annotation) in lost {
                    let text = old.sentences.get(j).map(|s| old.text[s.start..s.end].to_owned());
                    orphans.push(crate::reattach::Orphan { doc: id.to_owned(), old_index: j, text, annotation });
                }
            }
        }
        self.team.layers.follow_boundaries(id, &pairs(&old.spans()), &pairs(&doc.spans()));
        self.corpus.replace(d, doc.clone());
        self.work.anns.replace_doc(id, records);
        if self.cursor.open == d {
            self.cursor.focus = self.cursor.focus.min(doc.sentences.len().saturating_sub(1));
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ArticleInput, Document};
    use crate::keys::Command;
    use crate::labels::LabelSet;

    fn session(text: &str) -> Session {
        let mut s = Session::new(LabelSet::default_set(), 0);
        let doc = Document::from_input(ArticleInput { id: Some("d".into()), text: text.into(), ..Default::default() });
        s.add_documents(vec![doc], true);
        let mut settings = s.settings().clone();
        settings.auto_advance = false;
        s.set_settings(settings);
        s
    }

    fn texts(s: &Session) -> Vec<String> {
        let d = s.open_doc().unwrap();
        (0..d.sentences.len()).map(|i| d.sentence_text(i).to_owned()).collect()
    }

    #[test]
    fn split_keeps_labels_on_the_first_part_and_undo_redo_restore_it() {
        let mut s = session("He said so, and she denied it. Then more.");
        s.command(&Command::Label(0), 1);
        s.focus_sentence(1);
        s.command(&Command::Label(2), 2);
        s.focus_sentence(0);
        let at = s.open_doc().unwrap().text.find("and").unwrap();
        assert!(s.split_gaps().contains(&at));
        assert_eq!(s.split_focused(at, 3), Event::Split { index: 0, of: 3 });
        assert_eq!(texts(&s), ["He said so,", "and she denied it.", "Then more."]);
        assert_eq!(s.anns().labels_of("d", 0), ["claim"]);
        assert!(s.anns().get("d", 1).is_none(), "the second part starts undecided");
        assert_eq!(s.anns().labels_of("d", 2), ["demand"], "later records move with their sentence");
        assert!(s.open_doc().unwrap().edited);
        let fp = s.anns().get("d", 0).unwrap().fingerprint.clone();
        assert_eq!(fp, text::fingerprint("He said so,"));
        s.command(&Command::Undo, 4);
        assert_eq!(texts(&s), ["He said so, and she denied it.", "Then more."]);
        assert_eq!(s.anns().labels_of("d", 1), ["demand"]);
        assert!(!s.open_doc().unwrap().edited, "back to the segmenter's boundaries");
        s.command(&Command::Redo, 5);
        assert_eq!(texts(&s).len(), 3);
        assert_eq!(s.anns().labels_of("d", 2), ["demand"]);
    }

    #[test]
    fn boundaries_restored_from_an_export_carry_the_time_they_arrived() {
        let text = "He said so, and she denied it. Then more.";
        let mut s = session(text);
        s.focus_sentence(0);
        s.split_focused(text.find("and").unwrap(), 3);
        let doc = (**s.open_doc().unwrap()).clone();
        assert_eq!(doc.edited_t, 3);
        // The export's document, as restore rebuilds it: its spans, no time.
        let spans = doc.spans();
        let restored = Document::with_spans(doc.id.clone(), doc.source, doc.title, None, doc.text, &spans);
        assert!(restored.edited && restored.edited_t == 0);
        let mut fresh = Session::new(LabelSet::default_set(), 0);
        fresh.import_export(vec![(restored, DocAnnotations::new())], None, &[], &[], 50);
        let d = &fresh.docs()[0];
        assert_eq!((d.sentences.len(), d.edited, d.edited_t), (3, true, 50), "sent to one's other browsers as new");
    }

    #[test]
    fn gold_and_colleagues_layers_follow_the_boundaries_by_span() {
        let text = "He said so, and she denied it. Then more. The end.";
        let mut s = session(text);
        s.set_annotator("ana".into());
        // ben's export of the same document: decisions on sentences 0 and 2
        let theirs =
            Document::from_input(ArticleInput { id: Some("d".into()), text: text.into(), ..Default::default() });
        let mut ben = DocAnnotations::new();
        for (i, l) in [(0, "claim"), (2, "demand")] {
            ben.insert(i, crate::annotations::Annotation { labels: vec![l.into()], updated: 1, ..Default::default() });
        }
        let names = s.labels().names();
        s.import_export(vec![(theirs, ben)], Some("ben"), &names, &[], 1);
        // gold on sentences 0 and 2 (review mode: the label keys set gold)
        s.toggle_review();
        for i in [0, 2] {
            s.focus_sentence(i);
            s.command(&Command::Label(1), 2);
        }
        s.toggle_review();
        assert_eq!(s.gold_store().labels_of("d", 2), ["denial"]);
        s.focus_sentence(0);
        let at = s.open_doc().unwrap().text.find("and").unwrap();
        s.split_focused(at, 3);
        // sentence 2 is sentence 3 now, for gold and for ben
        assert_eq!(s.gold_store().labels_of("d", 3), ["denial"]);
        assert_eq!(s.layers().get("ben").unwrap()["d"].decision(3), Some(&["demand".to_owned()][..]));
        // the split sentence's ratings were of the old unit: ben's leaves the comparison, gold is kept aside
        assert_eq!(s.layers().get("ben").unwrap()["d"].decision(0), None);
        assert!(s.gold_store().get("d", 0).is_none());
        assert_eq!(s.gold_orphans().len(), 1);
        assert_eq!(s.gold_orphans()[0].annotation.labels, ["denial"]);
    }

    #[test]
    fn a_colleagues_other_boundaries_are_listed_and_can_be_adopted_and_undone() {
        let text = "He said so, and she denied it. Then more.";
        let mut s = session(text);
        s.set_annotator("ana".into());
        s.command(&Command::Label(0), 1); // ana: claim on the whole first sentence
                                          // ben split the first sentence before "and", and rated both parts
        let at = text.find("and").unwrap();
        let spans = [Span { start: 0, end: at - 1 }, Span { start: at, end: 30 }, Span { start: 31, end: text.len() }];
        let theirs = Document::with_spans("d".into(), "d.txt".into(), "d".into(), None, text.into(), &spans);
        let mut ben = DocAnnotations::new();
        for (i, l) in [(0, "claim"), (1, "denial"), (2, "demand")] {
            ben.insert(i, crate::annotations::Annotation { labels: vec![l.into()], updated: 1, ..Default::default() });
        }
        let names = s.labels().names();
        s.import_export(vec![(theirs, ben)], Some("ben"), &names, &[], 2);
        let layer = |s: &Session, i| s.layers().get("ben").unwrap()["d"].decision(i).map(|l| l.to_vec());
        assert_eq!(layer(&s, 1), Some(vec!["demand".to_owned()]), "the sentence both have lines up");
        assert_eq!(layer(&s, 0), None, "the first one is theirs in two parts");
        let diffs = s.boundary_disagreements();
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].annotator, "ben");
        assert_eq!(diffs[0].theirs_only, ["He said so,", "and she denied it."]);
        assert_eq!(diffs[0].ours_only, 1);
        let ev = s.adopt_boundaries("ben", 3);
        assert!(matches!(ev, Event::BoundariesAdopted { of: 3, .. }), "{ev:?}");
        assert!(s.boundary_disagreements().is_empty());
        assert_eq!(s.anns().labels_of("d", 0), ["claim"], "our record goes to the part where its sentence starts");
        assert_eq!(layer(&s, 1), Some(vec!["denial".to_owned()]), "ben's decisions line up now");
        assert_eq!(layer(&s, 2), Some(vec!["demand".to_owned()]));
        s.command(&Command::Undo, 4);
        assert_eq!(s.open_doc().unwrap().sentences.len(), 2);
        assert_eq!(s.anns().labels_of("d", 0), ["claim"]);
        assert_eq!(layer(&s, 1), Some(vec!["demand".to_owned()]), "undone: back as before");
        assert_eq!(s.boundary_disagreements().len(), 1);
    }

    #[test]
    fn join_keeps_both_labels_or_says_which_it_dropped() {
        let mut s = session("He said so. She denied it.\n\nOther paragraph.");
        s.command(&Command::Label(0), 1);
        s.focus_sentence(1);
        s.command(&Command::Label(1), 2);
        s.focus_sentence(0);
        assert_eq!(s.join_next(3), Event::Joined { index: 0, dropped: vec!["denial".into()] });
        assert_eq!(texts(&s), ["He said so. She denied it.", "Other paragraph."]);
        assert_eq!(s.anns().labels_of("d", 0), ["claim"]);
        s.command(&Command::Undo, 4);
        assert_eq!(s.anns().labels_of("d", 1), ["denial"], "undo brings the dropped label back");
        // several labels allowed: both kept
        let mut settings = s.settings().clone();
        settings.multi_label = true;
        s.set_settings(settings);
        s.focus_sentence(0);
        assert_eq!(s.join_next(5), Event::Joined { index: 0, dropped: vec![] });
        assert_eq!(s.anns().labels_of("d", 0), ["claim", "denial"]);
        // never across a paragraph
        assert_eq!(s.join_next(6), Event::CannotJoin { last: false });
        s.focus_sentence(1);
        assert_eq!(s.join_next(7), Event::CannotJoin { last: true });
    }
}
