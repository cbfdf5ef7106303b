//! The session's suggestions (docs/ARCHITECTURE.md, Suggestions): the engine shared by every
//! copy of the session (it is a cache derived from the annotations, not state of its own:
//! copying 12 MB of weights for each key press would cost more than the key), and what the
//! session does with it: suggestions for the open document, `Enter` to accept one, `n` in
//! "uncertain" order.

use std::cell::{RefCell, RefMut};
use std::fmt;
use std::rc::Rc;

use super::{Event, Session};
use crate::annotations::Edit;
use crate::document::Document;
use crate::settings::Order;
use crate::suggest::{Acceptance, Engine, Shown};

/// The engine, shared: two sessions are equal in it when they share it.
#[derive(Clone)]
pub struct Suggester(Rc<RefCell<Engine>>);

impl Suggester {
    pub fn new(labels: &[String]) -> Suggester {
        Suggester(Rc::new(RefCell::new(Engine::new(labels))))
    }
}

impl PartialEq for Suggester {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for Suggester {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Suggester")
    }
}

/// See `Session::open_suggestions`.
pub struct OpenSuggestions<'a> {
    engine: RefMut<'a, Engine>,
    /// The open document, when suggestions show.
    doc: Option<&'a Document>,
}

impl OpenSuggestions<'_> {
    /// Changes when what `range` answers may have changed (the model learned, the pool moved).
    pub fn generation(&self) -> u64 {
        self.engine.generation()
    }

    /// Sentences `range` of the open document (`None`: decided, or nothing to go on; empty
    /// when suggestions are off).
    pub fn range(&mut self, range: std::ops::Range<usize>) -> Rc<[Option<Shown>]> {
        match self.doc {
            Some(doc) => self.engine.for_range(doc, range),
            None => Rc::from(Vec::new()),
        }
    }

    /// The keys paused: the time to add what the model learned to every pooled sentence.
    pub fn settle(&mut self) {
        self.engine.settle();
    }
}

impl Session {
    /// The engine in step with the annotations, the open document's sentences pooled.
    fn engine(&self) -> RefMut<'_, Engine> {
        let mut e = self.suggest.0.borrow_mut();
        let done = &self.work.done;
        e.sync(self.corpus.docs(), &self.work.anns, |id| done.contains(id));
        if let Some(doc) = self.open_doc() {
            e.pool_doc(doc, self.work.anns.doc(&doc.id).map(|a| &**a), self.is_done(&doc.id));
        }
        e
    }

    /// Whether suggestions show: the setting, and not in review mode (gold is the curator's
    /// judgement of the annotators, not of a model).
    pub fn suggesting(&self) -> bool {
        self.settings.suggestions && !self.cursor.review
    }

    /// The open document's suggestions with the engine brought in step once: a render asks
    /// for the model's generation, then perhaps for some rows.
    pub fn open_suggestions(&self) -> OpenSuggestions<'_> {
        OpenSuggestions { engine: self.engine(), doc: self.open_doc().filter(|_| self.suggesting()).map(|d| &**d) }
    }

    /// The suggestion shown on sentence `index` of the open document.
    pub fn suggestion_at(&self, index: usize) -> Option<Shown> {
        let doc = self.open_doc().filter(|_| self.suggesting())?;
        if self.is_decided(&doc.id, index) {
            return None;
        }
        self.engine().one(doc, index)
    }

    /// A category's name: a label of the set, or "none".
    pub fn suggestion_name(&self, category: usize) -> &str {
        self.labels.labels.get(category).map_or(crate::suggest::NONE, |l| l.name.as_str())
    }

    /// Takes the focused sentence's suggestion: the same decision as its key.
    pub(super) fn accept_suggestion(&mut self, now_ms: u64) -> Event {
        let Some(shown) = self.suggestion_at(self.cursor.focus) else { return Event::NoSuggestion };
        let edit = match self.labels.labels.get(shown.category) {
            Some(l) => Edit::ToggleLabel(l.name.clone()),
            None => Edit::ToggleNone,
        };
        self.edit_focused(edit, now_ms)
    }

    /// In "uncertain" order, goes to the undecided sentence the model is least sure of
    /// (other than the focused one); `None` in document order or when the model has nothing
    /// to go on (then `n` goes in reading order).
    pub(super) fn next_least_sure(&mut self) -> Option<Event> {
        if self.settings.order != Order::Uncertain || !self.suggesting() {
            return None;
        }
        let here = self.open_doc().map(|d| d.id.clone());
        let (id, index) = {
            // "Uncertain" order looks across every document: all of them in the pool.
            let mut e = self.engine();
            for doc in self.corpus.docs() {
                e.pool_doc(doc, self.work.anns.doc(&doc.id).map(|a| &**a), self.is_done(&doc.id));
            }
            e.least_sure(here.as_deref().map(|id| (id, self.cursor.focus)))?
        };
        let d = self.corpus.index_of(&id)?;
        let of = self.corpus.get(d)?.sentences.len();
        self.go_to(d, index);
        Some(Event::Focused { index, of })
    }

    /// How the person's decisions compared with the suggestions they were shown.
    pub fn acceptance(&self) -> Acceptance {
        Acceptance::of(&self.work.anns, self.corpus.docs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ArticleInput, Document};
    use crate::keys::Command;
    use crate::labels::LabelSet;

    fn doc(id: &str, text: &str) -> Document {
        Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() })
    }

    fn session() -> Session {
        let mut s = Session::new(LabelSet::default_set(), 0);
        s.add_documents(
            vec![
                doc(
                    "a",
                    "The minister denied the report.\nProtesters demanded his resignation.\nThe weather was mild.",
                ),
                doc("b", "Officials rejected the allegations.\nThe company claimed it had paid."),
            ],
            false,
        );
        s
    }

    fn name(s: &Session, i: usize) -> Option<String> {
        s.suggestion_at(i).map(|x| s.suggestion_name(x.category).to_owned())
    }

    #[test]
    fn cue_words_suggest_before_any_decision_and_decided_sentences_show_none() {
        let mut s = session();
        assert_eq!(name(&s, 0).as_deref(), Some("denial"));
        assert_eq!(name(&s, 1).as_deref(), Some("demand"));
        s.command(&Command::Label(0), 5);
        assert_eq!(s.suggestion_at(0), None, "a decided sentence shows no suggestion");
        assert_eq!(s.anns().get("a", 0).unwrap().suggested.as_deref(), Some("denial"), "what was shown is recorded");
    }

    #[test]
    fn enter_accepts_the_suggestion_like_its_key_and_advances() {
        let mut s = session();
        let ev = s.command(&Command::AcceptSuggestion, 5);
        assert!(matches!(ev, Event::Edited { index: 0, then: Some((1, 3)), .. }), "{ev:?}");
        let a = s.anns().get("a", 0).unwrap();
        assert_eq!(a.labels, ["denial"]);
        assert_eq!(a.suggested.as_deref(), Some("denial"));
        // On a decided sentence there is nothing to accept.
        s.command(&Command::Prev, 6);
        assert_eq!(s.command(&Command::AcceptSuggestion, 7), Event::NoSuggestion);
        assert_eq!(s.anns().labels_of("a", 0), ["denial"], "Enter never toggles a decision off");
    }

    #[test]
    fn turned_off_nothing_shows_nothing_is_recorded_and_enter_does_nothing() {
        let mut s = session();
        let mut settings = s.settings().clone();
        settings.suggestions = false;
        s.set_settings(settings);
        assert!(s.open_suggestions().range(0..3).is_empty());
        assert_eq!(s.command(&Command::AcceptSuggestion, 5), Event::NoSuggestion);
        s.command(&Command::Label(1), 6);
        assert_eq!(s.anns().get("a", 0).unwrap().suggested, None);
    }

    #[test]
    fn undoing_a_decision_brings_its_suggestion_back() {
        let mut s = session();
        s.command(&Command::Label(2), 5);
        assert_eq!(s.suggestion_at(0), None);
        s.command(&Command::Undo, 6);
        assert!(s.anns().get("a", 0).is_none_or(|a| !a.decided()));
        assert!(s.suggestion_at(0).is_some());
    }

    /// Alternating sentences: a made-up verb the cue words do not know (taught as demand),
    /// and plain statements (taught as none).
    fn taught_text() -> String {
        let line = |i: usize| {
            if i.is_multiple_of(2) {
                format!("Zorblat florbed the quux {i} times.")
            } else {
                format!("The sky was blue on day {i}.")
            }
        };
        (0..12).map(line).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn the_model_learns_from_each_decision_before_the_next_key() {
        let mut s = Session::new(LabelSet::default_set(), 0);
        let text = taught_text();
        s.add_documents(vec![doc("z", &text)], false);
        let mut settings = s.settings().clone();
        settings.auto_advance = false;
        s.set_settings(settings);
        let first = s.suggestion_at(10).unwrap();
        assert_eq!(s.suggestion_name(first.category), "none");
        let mut moved = 0;
        for i in 0..8 {
            s.focus_sentence(i);
            let before = s.suggestion_at(10).unwrap();
            let cmd = if i % 2 == 0 { Command::Label(2) } else { Command::DecideNone };
            s.command(&cmd, 5 + i as u64);
            moved += usize::from(s.suggestion_at(10).unwrap() != before);
        }
        assert_eq!(moved, 8, "every decision moves the suggestions at once");
        let after = s.suggestion_at(10).unwrap();
        assert_eq!(s.suggestion_name(after.category), "demand", "{first:?} -> {after:?}");
    }

    #[test]
    fn a_reloaded_session_retrains_from_the_stored_decisions() {
        let text = taught_text();
        let mut s = Session::new(LabelSet::default_set(), 0);
        s.add_documents(vec![doc("z", &text)], true);
        for i in 0..8 {
            s.focus_sentence(i);
            s.command(if i % 2 == 0 { &Command::Label(2) } else { &Command::DecideNone }, 5 + i as u64);
        }
        let live = s.suggestion_at(10).unwrap();
        let parts = crate::session::Parts {
            imported: vec![doc("z", &text)],
            anns: vec![("z".into(), (**s.anns().doc("z").unwrap()).clone())],
            ..Default::default()
        };
        let back = Session::from_parts(LabelSet::default_set(), 99, parts);
        let loaded = back.suggestion_at(10).unwrap();
        assert_eq!(back.suggestion_name(loaded.category), "demand");
        assert_eq!(loaded.category, live.category);
        assert!((loaded.score - live.score).abs() < 1e-4, "{loaded:?} vs {live:?}");
    }

    #[test]
    fn a_load_with_a_huge_history_learns_the_latest_decisions_only() {
        let n = crate::suggest::engine::RETRAIN_CAP + 300;
        let text = (0..n).map(|i| format!("Sentence number {i} here.")).collect::<Vec<_>>().join("\n");
        let d = doc("big", &text);
        let mut anns = crate::annotations::DocAnnotations::new();
        for i in 0..n {
            anns.insert(i, crate::annotations::Annotation { none: true, updated: i as u64, ..Default::default() });
        }
        let parts = crate::session::Parts { imported: vec![d], anns: vec![("big".into(), anns)], ..Default::default() };
        let s = Session::from_parts(LabelSet::default_set(), 0, parts);
        s.open_suggestions().range(0..1);
        assert_eq!(s.suggest.0.borrow().model().decisions() as usize, crate::suggest::engine::RETRAIN_CAP);
    }

    #[test]
    fn uncertain_order_goes_to_the_least_sure_sentence_across_documents_and_skips_nothing() {
        let mut s = session();
        let mut settings = s.settings().clone();
        settings.order = Order::Uncertain;
        settings.auto_advance = false;
        s.set_settings(settings);
        let mut seen = std::collections::BTreeSet::new();
        for t in 0..5 {
            let ev = s.command(&Command::NextUndecided, 10 + t);
            assert!(matches!(ev, Event::Focused { .. }), "{ev:?}");
            let id = s.open_doc().unwrap().id.clone();
            assert!(!s.is_decided(&id, s.focus()));
            seen.insert((id, s.focus()));
            s.command(&Command::DecideNone, 20 + t);
        }
        assert_eq!(seen.len(), 5, "every undecided sentence came once: {seen:?}");
        assert_eq!(s.command(&Command::NextUndecided, 30), Event::AllDecided);
    }

    #[test]
    fn a_label_added_keeps_the_suggestions_and_enter_accepts_them() {
        let mut s = session();
        let mut set = LabelSet::default_set();
        let mut question = set.labels[0].clone();
        question.name = "question".into();
        question.key = "4".into();
        question.alt_key = None;
        set.labels.push(question);
        assert!(matches!(s.set_labels(set), Ok(Event::LabelsChanged { count: 4 })));
        assert_eq!(name(&s, 0).as_deref(), Some("denial"), "the cue words still serve denial");
        assert_eq!(name(&s, 1).as_deref(), Some("demand"));
        let ev = s.command(&Command::AcceptSuggestion, 5);
        assert!(matches!(ev, Event::Edited { index: 0, .. }), "Enter accepts: {ev:?}");
        assert_eq!(s.anns().labels_of("a", 0), ["denial"]);
        // The new label is learned from decisions like the others.
        s.focus_sentence(2);
        s.command(&Command::Label(3), 6);
        assert_eq!(s.anns().labels_of("a", 2), ["question"]);
        s.open_suggestions().range(0..3);
        let engine = s.suggest.0.borrow();
        assert_eq!(engine.model().decisions(), 2, "both decisions learned");
        assert_eq!(engine.model().categories(), ["claim", "denial", "demand", "question", "none"]);
    }

    #[test]
    fn a_label_set_with_the_same_names_keeps_the_model() {
        let mut s = session();
        s.command(&Command::Label(1), 5);
        let before = s.suggest.clone();
        let mut set = LabelSet::default_set();
        set.labels[0].color = "#000000".into();
        set.labels[0].description = "Another description".into();
        s.set_labels(set).unwrap();
        assert!(s.suggest == before, "a colour or a description does not start the model again");
    }

    #[test]
    fn acceptance_counts_decisions_that_took_the_suggestion() {
        let mut s = session();
        s.command(&Command::AcceptSuggestion, 5); // denial, as suggested
        s.command(&Command::Label(0), 6); // claim, where demand was suggested
        let a = s.acceptance();
        assert_eq!((a.offered, a.accepted), (2, 1));
        assert_eq!(a.curve, vec![(2, 0.5)]);
    }
}
