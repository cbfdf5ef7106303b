//! Adjudication: the gold layer a curator builds from every annotator's decisions, separate
//! from each annotator's own. A sentence that every annotator present in its document rated
//! alike starts with their label as gold (nothing stored); in review mode `n` goes to the next disagreement left
//! unresolved (across documents), the label keys set gold there (an undoable change like
//! any other), and the status of each sentence says how its gold label came to be.

use std::rc::Rc;

use super::{Event, Session};
use crate::annotations::{apply_edit, Annotation, AnnotationStore, Edit};
use crate::document::Document;
use crate::export::{self, ExportOptions, ExportV1};
use crate::history::Change;

/// How a sentence's gold label came to be (docs/FORMAT.md, gold export).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every annotator present in its document rated it, at least two, all alike (and no
    /// curator overruled them).
    Unanimous,
    /// The curator set its gold label.
    Adjudicated,
    /// Annotators disagree, or one present in its document did not rate it, and no gold was
    /// set (or nobody rated it).
    Unresolved,
    /// Exactly one annotator rated it.
    Single,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Unanimous => "unanimous",
            Status::Adjudicated => "adjudicated",
            Status::Unresolved => "unresolved",
            Status::Single => "single",
        }
    }
}

/// A sentence under review: everyone's decisions, the gold labels and their status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// (annotator, labels; empty for "none"), own work first.
    pub ratings: Vec<(String, Vec<String>)>,
    /// The gold labels (`None`: no gold yet; `Some([])`: none applies).
    pub gold: Option<Vec<String>>,
    pub status: Status,
    /// The decision more than half of the ratings gave (labels; empty for "none"), proposed
    /// to the curator: `Enter` (or its button) takes it as gold.
    pub majority: Option<Vec<String>>,
}

/// The decision more than half of `ratings` gave.
fn majority(ratings: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    let count = |l: &Vec<String>| ratings.iter().filter(|(_, m)| m == l).count();
    ratings.iter().map(|(_, l)| l).find(|l| 2 * count(l) > ratings.len()).cloned()
}

impl Session {
    pub fn reviewing(&self) -> bool {
        self.cursor.review
    }

    /// Enters or leaves review mode (the focus stays where it is).
    pub fn toggle_review(&mut self) -> Event {
        self.cursor.review = !self.cursor.review;
        Event::Review { on: self.cursor.review }
    }

    /// The curator's gold record of a sentence, if they set one.
    pub fn gold_record(&self, doc: &str, index: usize) -> Option<&Annotation> {
        self.work.gold.get(doc, index).filter(|a| a.decided())
    }

    pub fn gold_store(&self) -> &crate::annotations::AnnotationStore {
        &self.work.gold
    }

    /// How many annotators are present in a document: one's own work and each layer with a
    /// decision in it. Unanimity is among them all: two votes alike while a third annotator
    /// of the document said nothing is not unanimous (docs/FORMAT.md §7).
    pub fn present_in(&self, doc: &str) -> usize {
        let own = self.is_done(doc) || self.work.anns.doc(doc).is_some_and(|a| a.values().any(Annotation::decided));
        let layers = self
            .team
            .layers
            .iter()
            .filter(|(_, l)| l.get(doc).is_some_and(|d| d.done || d.anns.values().any(Annotation::decided)))
            .count();
        usize::from(own) + layers
    }

    /// The labels every rating gives, when every annotator present in the document rated the
    /// sentence, at least two, all alike: the one case gold needs no curator.
    fn unanimous(&self, doc: &str, ratings: &[(String, Vec<String>)]) -> Option<Vec<String>> {
        let first = &ratings.first()?.1;
        let alike = ratings.len() >= 2 && ratings.iter().all(|(_, l)| l == first);
        (alike && ratings.len() == self.present_in(doc)).then(|| first.clone())
    }

    /// Everyone's decisions on a sentence, its gold labels and their status.
    pub fn verdict(&self, doc: &str, index: usize) -> Verdict {
        let ratings = self.decisions_on(doc, index);
        let unanimous = self.unanimous(doc, &ratings);
        let majority = majority(&ratings);
        if let Some(g) = self.gold_record(doc, index) {
            let status = if unanimous.as_ref() == Some(&g.labels) { Status::Unanimous } else { Status::Adjudicated };
            return Verdict { ratings, gold: Some(g.labels.clone()), status, majority };
        }
        let (gold, status) = match ratings.len() {
            0 => (None, Status::Unresolved),
            1 => (Some(ratings[0].1.clone()), Status::Single),
            _ if unanimous.is_some() => (unanimous, Status::Unanimous),
            _ => (None, Status::Unresolved),
        };
        Verdict { ratings, gold, status, majority }
    }

    /// Whether a sentence needs the curator: two or more ratings that are not unanimous
    /// (they differ, or an annotator present in the document did not rate it).
    pub fn disagreement(&self, doc: &str, index: usize) -> bool {
        let ratings = self.decisions_on(doc, index);
        ratings.len() >= 2 && self.unanimous(doc, &ratings).is_none()
    }

    /// Adjudication progress over the corpus: (disagreements resolved, disagreements).
    pub fn review_progress(&self) -> (usize, usize) {
        let mut total = 0;
        let mut resolved = 0;
        for d in self.docs() {
            for i in 0..d.sentences.len() {
                if self.disagreement(&d.id, i) {
                    total += 1;
                    resolved += usize::from(self.gold_record(&d.id, i).is_some());
                }
            }
        }
        (resolved, total)
    }

    /// The next disagreement without gold, after the focus, across documents, wrapping.
    pub(super) fn next_unresolved(&mut self) -> Event {
        self.go_to_next(|s, doc, i| s.disagreement(doc, i) && s.gold_record(doc, i).is_none())
            .unwrap_or(Event::AllResolved)
    }

    /// Takes `labels` (empty: none applies) as the focused sentence's gold: an annotator's
    /// vote clicked in review mode, or the majority (`Enter`). Recorded for undo; the focus
    /// goes on to the next unresolved sentence.
    pub fn take_gold(&mut self, labels: Vec<String>, now_ms: u64) -> Event {
        let Some(doc) = self.open_doc().cloned() else { return Event::Quiet };
        let index = self.cursor.focus;
        if index >= doc.sentences.len() {
            return Event::Quiet;
        }
        let stored = self.work.gold.get(&doc.id, index).cloned().unwrap_or_default();
        let after = Annotation { none: labels.is_empty(), labels, ..stored.clone() };
        self.record_gold(&doc, index, stored, after, now_ms)
    }

    /// `Enter` in review mode: the majority's decision as gold, where there is one.
    pub(super) fn take_majority(&mut self, now_ms: u64) -> Event {
        let Some(doc) = self.open_doc().map(|d| d.id.clone()) else { return Event::Quiet };
        match self.verdict(&doc, self.cursor.focus).majority {
            Some(labels) => self.take_gold(labels, now_ms),
            None => Event::Quiet,
        }
    }

    /// A label key, `0` or Backspace in review mode (or the review box's label buttons):
    /// changes the focused sentence's gold (starting from the agreed label, if any),
    /// recorded for undo; after a decision the focus goes on to the next unresolved sentence.
    pub fn edit_gold(&mut self, edit: Edit, now_ms: u64) -> Event {
        let Some(doc) = self.open_doc().cloned() else { return Event::Quiet };
        let index = self.cursor.focus;
        if index >= doc.sentences.len() {
            return Event::Quiet;
        }
        let stored = self.work.gold.get(&doc.id, index).cloned().unwrap_or_default();
        // Without a record, the gold starts as the agreed label.
        let current = if stored.decided() {
            stored.clone()
        } else {
            match self.verdict(&doc.id, index).gold {
                Some(labels) => Annotation { none: labels.is_empty(), labels, ..stored.clone() },
                None => stored.clone(),
            }
        };
        let after = apply_edit(&current, &edit, &self.labels, self.settings.multi_label);
        self.record_gold(&doc, index, stored, after, now_ms)
    }

    /// Writes a sentence's new gold record, for undo too, and moves on after a decision.
    fn record_gold(
        &mut self,
        doc: &Document,
        index: usize,
        stored: Annotation,
        after: Annotation,
        now_ms: u64,
    ) -> Event {
        if after.same_content(&stored) {
            return Event::Quiet;
        }
        self.work.write_gold(doc, index, after.clone(), now_ms);
        Rc::make_mut(&mut self.work.history).record(Change {
            doc: doc.id.clone(),
            index,
            before: stored,
            after: after.clone(),
            gold: true,
            removal: None,
            bounds: None,
        });
        let mut then = None;
        if after.decided() && !self.settings.multi_label {
            if let Event::Focused { index: to, of } = self.next_unresolved() {
                then = Some((to, of));
            }
        }
        Event::GoldSet { index, ann: after, then }
    }

    /// The gold export: the export format whose `labels` are the gold labels, every sentence
    /// with who said what (`annotations`), how its gold came to be (`status`) and whether
    /// there is gold at all (`gold`); the curator (the page's annotator name) on top.
    pub fn gold_export(&self, opts: &ExportOptions) -> ExportV1 {
        let docs: Vec<&Document> = self.docs().iter().map(|d| d.as_ref()).collect();
        let plain = ExportOptions { labelled_only: false, done: Default::default(), ..opts.clone() };
        let mut e = export::build(&docs, &AnnotationStore::default(), &self.labels, &plain);
        e.curator = e.annotator.clone();
        for doc in &mut e.documents {
            doc.done = None;
            for s in &mut doc.sentences {
                let v = self.verdict(&doc.id, s.index);
                s.decided = Some(v.gold.is_some());
                s.gold = Some(export::Gold::of(v.gold.as_deref()).name().to_owned());
                s.labels = v.gold.unwrap_or_default();
                s.annotations = Some(v.ratings.into_iter().collect());
                s.status = Some(v.status.name().to_owned());
            }
        }
        e
    }
}
