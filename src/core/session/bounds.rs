//! The session's boundary edits (SPEC §9): split the focused sentence at a gap, join it with
//! the next one, each one history entry (with the document's records before and after, as
//! indices move), undone and redone like labels.

use std::rc::Rc;

use super::{Event, Session};
use crate::core::annotations::DocAnnotations;
use crate::core::boundaries;
use crate::core::history::{Bounds, Change};
use crate::core::segment::Span;
use crate::core::text;

fn pairs(spans: &[Span]) -> Vec<(usize, usize)> {
    spans.iter().map(|s| (s.start, s.end)).collect()
}

impl Session {
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
        let edited_after = spans != crate::core::segment::segment(&doc.text);
        let change = Bounds {
            before: pairs(&doc.spans()),
            after: pairs(&spans),
            edited_before: doc.edited,
            edited_after,
            anns_before: self.work.anns.doc(id).map(|a| (**a).clone()).unwrap_or_default(),
            anns_after: anns,
        };
        self.apply_bounds(id, &change.after, change.edited_after, &change.anns_after, now_ms);
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

    /// Sets a document's boundaries and records (an edit, its undo or its redo): the records
    /// are stamped with their sentence's new fingerprint and span. Returns whether it could.
    pub(super) fn apply_bounds(
        &mut self,
        id: &str,
        spans: &[(usize, usize)],
        edited: bool,
        anns: &DocAnnotations,
        now_ms: u64,
    ) -> bool {
        let Some(d) = self.corpus.index_of(id) else { return false };
        let old = self.corpus.docs()[d].clone();
        let spans: Vec<Span> = spans.iter().map(|&(start, end)| Span { start, end }).collect();
        let valid = spans.iter().all(|s| s.start <= s.end && s.end <= old.text.len())
            && spans.iter().all(|s| old.text.is_char_boundary(s.start) && old.text.is_char_boundary(s.end));
        if !valid {
            return false;
        }
        let doc = Rc::new(old.with_boundaries(&spans, edited));
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
    use crate::core::document::{ArticleInput, Document};
    use crate::core::keys::Command;
    use crate::core::labels::LabelSet;

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
