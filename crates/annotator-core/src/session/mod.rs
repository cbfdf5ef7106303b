//! The annotation session, the one domain object the UI drives: the corpus, where the
//! person is (cursor), their work (annotations, history, orphans, conflicts), settings and
//! pace. Fields are private: everything that changes goes through a method here, so undo,
//! timestamps and fingerprints can be trusted. Methods return what happened as an `Event`
//! (data, not words): the UI turns it into what a screen reader hears. Tested natively.

mod bounds;
pub use bounds::BoundaryDiff;
mod corpus;
mod cursor;
mod event;
mod intake;
pub use intake::{Answer, Arrival, Question, Routed};
mod merge;
mod review;
mod suggest;
pub use suggest::OpenSuggestions;
mod synced;
mod team;
#[cfg(test)]
mod tests;
mod work;

use std::collections::BTreeSet;
use std::rc::Rc;

use super::annotations::{apply_edit, Annotation, AnnotationStore, DocAnnotations, Edit};
use super::document::Document;
use super::export::Conflict;
use super::history::{Change, History};
use super::keys::{self, Binding, Command};
use super::labels::{LabelError, LabelSet};
use super::reattach::Orphan;
use super::search::contains_ci;
use super::settings::Settings;

pub use corpus::{Corpus, Removed};
pub use cursor::{Cursor, Filter, FILTER_KEYS};
pub use event::{Event, Moved};
pub use merge::MergeReport;
pub use review::{Status, Verdict};
pub use synced::Held;
pub use team::{generated_name, AgreementView, BoundaryDisagreements, ExportRoute, Team};
use work::Work;

/// Decided sentences of `doc` given the annotations and the documents marked done: the one
/// count behind progress, the document list and the overview (which hold these, not a
/// session).
pub fn decided_in(anns: &AnnotationStore, done: &BTreeSet<String>, doc: &Document) -> usize {
    if done.contains(&doc.id) {
        doc.sentences.len()
    } else {
        anns.decided_count(&doc.id)
    }
}

/// Decided sentences and all sentences of these documents: the corpus progress of the
/// session and of the document list, counted one way.
pub fn progress_in(anns: &AnnotationStore, done: &BTreeSet<String>, docs: &[Rc<Document>]) -> (usize, usize) {
    docs.iter().fold((0, 0), |(l, n), d| (l + decided_in(anns, done, d), n + d.sentences.len()))
}

/// Pace of this session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionStats {
    pub started_ms: u64,
    /// Label decisions made since the page opened.
    pub decisions: u32,
}

impl SessionStats {
    pub fn per_hour(&self, now_ms: u64) -> Option<u32> {
        let elapsed = now_ms.saturating_sub(self.started_ms);
        // Under a minute the rate means nothing yet.
        (elapsed >= 60_000).then(|| (u64::from(self.decisions) * 3_600_000 / elapsed) as u32)
    }
}

/// What a loaded session starts from (see `storage::Loaded::into_session`).
#[derive(Default)]
pub struct Parts {
    /// The person's own label set, if they edited one.
    pub labels: Option<LabelSet>,
    pub settings: Settings,
    pub annotator: String,
    /// Bundled documents, minus the removed ones, then imported documents, in list order.
    pub bundled: Vec<Document>,
    pub imported: Vec<Document>,
    pub removed: BTreeSet<String>,
    pub anns: Vec<(String, DocAnnotations)>,
    pub orphans: Vec<Orphan>,
    pub history: History,
    pub open_doc: Option<String>,
    pub focus: usize,
    /// Documents marked done.
    pub done: BTreeSet<String>,
    /// The gold layer, by document.
    pub gold: Vec<(String, DocAnnotations)>,
    /// Gold records that lost their sentence (kept with the gold layer's shards).
    pub gold_orphans: Vec<Orphan>,
    /// Where the person left each document.
    pub places: std::collections::BTreeMap<String, usize>,
    /// Other annotators' layers, by name: their documents (by id) as stored.
    pub layers: Vec<(String, Vec<(String, super::layers::LayerDoc)>)>,
    /// Open merge conflicts as stored (placed on their sentences here).
    pub conflicts: Vec<Conflict>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    labels: Rc<LabelSet>,
    keymap: Rc<Vec<Binding>>,
    corpus: Corpus,
    cursor: Cursor,
    work: Work,
    team: Team,
    settings: Settings,
    annotator: String,
    stats: SessionStats,
    suggest: suggest::Suggester,
    /// The label set was edited in the page (or came with a restored export): stored, and
    /// preferred to the page's `labels.json`.
    custom_labels: bool,
    /// Team sync sheets waiting for their article (`synced`).
    held: synced::Held,
}

impl Session {
    pub fn new(labels: LabelSet, now_ms: u64) -> Session {
        let keymap = keys::table(&labels);
        let suggest = suggest::Suggester::new(&labels.names());
        Session {
            suggest,
            custom_labels: false,
            labels: Rc::new(labels),
            keymap: Rc::new(keymap),
            corpus: Corpus::default(),
            cursor: Cursor::default(),
            work: Work::default(),
            team: Team::default(),
            settings: Settings::default(),
            annotator: String::new(),
            stats: SessionStats { started_ms: now_ms, decisions: 0 },
            held: synced::Held::default(),
        }
    }

    /// A session from what storage loaded: documents, annotations, history, and the
    /// document and sentence the person was on.
    pub fn from_parts(labels: LabelSet, now_ms: u64, parts: Parts) -> Session {
        // A label set the person made (stored with the meta record) wins over labels.json.
        let custom = parts.labels.filter(|l| l.check().is_ok());
        let mut s = Session::new(custom.clone().unwrap_or(labels), now_ms);
        s.custom_labels = custom.is_some();
        s.settings = parts.settings;
        s.annotator = parts.annotator;
        s.corpus.add(parts.bundled, false);
        s.corpus.set_removed(parts.removed);
        s.corpus.add(parts.imported, true);
        for (id, anns) in parts.anns {
            if s.corpus.index_of(&id).is_some() {
                s.work.anns.replace_doc(&id, anns);
            }
        }
        s.work.orphans = Rc::new(parts.orphans);
        s.work.history = Rc::new(parts.history);
        s.work.done = Rc::new(parts.done);
        for (id, anns) in parts.gold {
            if s.corpus.index_of(&id).is_some() {
                s.work.gold.replace_doc(&id, anns);
            }
        }
        s.work.gold_orphans = Rc::new(parts.gold_orphans);
        let docs = s.corpus.shared().clone();
        let doc_of = |id: &str| docs.iter().find(|d| d.id == id).map(|d| d.as_ref());
        let (conflicts, _) = super::storage::conflicts::place(parts.conflicts, doc_of);
        s.work.conflicts = Rc::new(conflicts);
        for (name, docs) in parts.layers {
            let layer = docs.into_iter().map(|(id, d)| (id, Rc::new(d))).collect();
            s.team.layers.restore(&name, Rc::new(layer));
        }
        let open = parts.open_doc.as_deref().and_then(|id| s.corpus.index_of(id)).unwrap_or(0);
        s.select_doc(open);
        s.focus_sentence(parts.focus);
        // After opening: where the other documents were left (opening records a place too).
        s.cursor.places = Rc::new(parts.places);
        s
    }

    // --- reading -------------------------------------------------------------------

    pub fn labels(&self) -> &Rc<LabelSet> {
        &self.labels
    }

    /// Whether the label set is the person's (edited in the page, or restored with an
    /// export) rather than the page's `labels.json`.
    pub fn custom_labels(&self) -> bool {
        self.custom_labels
    }

    /// Replaces the label set (the page's editor, or a restored export's): checked first;
    /// the keys follow it, the suggestions start over for the new labels, and annotations
    /// carrying a label no longer in the set keep it (shown as it is, exported).
    pub fn set_labels(&mut self, set: LabelSet) -> Result<Event, LabelError> {
        set.check()?;
        if *self.labels == set {
            return Ok(Event::Quiet);
        }
        self.keymap = Rc::new(keys::table(&set));
        // The model's categories are the label names: a change of keys, colours or words
        // keeps what it learned; another list of names starts a model for it, which learns
        // the decisions made so far (cue words still serve the labels they know).
        if set.names() != self.labels.names() {
            self.suggest = suggest::Suggester::new(&set.names());
        }
        if let Filter::Label(name) = &self.cursor.filter {
            if set.get(name).is_none() {
                self.cursor.filter = Filter::All;
            }
        }
        let count = set.labels.len();
        self.labels = Rc::new(set);
        self.custom_labels = true;
        Ok(Event::LabelsChanged { count })
    }

    pub fn keymap(&self) -> &Rc<Vec<Binding>> {
        &self.keymap
    }

    pub fn docs(&self) -> &[Rc<Document>] {
        self.corpus.docs()
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn open_index(&self) -> usize {
        self.cursor.open
    }

    pub fn open_doc(&self) -> Option<&Rc<Document>> {
        self.corpus.get(self.cursor.open)
    }

    pub fn focus(&self) -> usize {
        self.cursor.focus
    }

    pub fn filter(&self) -> &Filter {
        &self.cursor.filter
    }

    pub fn search(&self) -> &str {
        &self.cursor.search
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn annotator(&self) -> &str {
        &self.annotator
    }

    pub fn stats(&self) -> &SessionStats {
        &self.stats
    }

    pub fn anns(&self) -> &AnnotationStore {
        &self.work.anns
    }

    pub fn history(&self) -> &Rc<History> {
        &self.work.history
    }

    pub fn orphans(&self) -> &Rc<Vec<Orphan>> {
        &self.work.orphans
    }

    /// Gold records that lost their sentence (a change of segmentation rules).
    pub fn gold_orphans(&self) -> &Rc<Vec<Orphan>> {
        &self.work.gold_orphans
    }

    pub fn conflicts(&self) -> &Rc<Vec<Conflict>> {
        &self.work.conflicts
    }

    /// Documents marked done (by id).
    pub fn done(&self) -> &Rc<BTreeSet<String>> {
        &self.work.done
    }

    pub fn is_done(&self, doc: &str) -> bool {
        self.work.done.contains(doc)
    }

    /// Whether sentence `index` of `doc` is decided (a label, "none", or its document done).
    pub fn is_decided(&self, doc: &str, index: usize) -> bool {
        self.is_done(doc) || self.work.anns.get(doc, index).is_some_and(Annotation::decided)
    }

    /// Decided sentences of a document (all of them when it is marked done).
    pub fn decided_count(&self, doc: &Document) -> usize {
        decided_in(&self.work.anns, &self.work.done, doc)
    }

    pub fn doc_index(&self, id: &str) -> Option<usize> {
        self.corpus.index_of(id)
    }

    /// The annotation of sentence `index` of the open document.
    pub fn annotation(&self, index: usize) -> Option<&Annotation> {
        self.open_doc().and_then(|d| self.work.anns.get(&d.id, index))
    }

    /// Whether sentence `i` of the open document passes the filter and the search.
    pub fn visible(&self, i: usize) -> bool {
        let Some(doc) = self.open_doc() else { return false };
        if !self.cursor.filter.fits(self.work.anns.get(&doc.id, i), self.is_done(&doc.id)) {
            return false;
        }
        let term = self.cursor.search.trim();
        term.is_empty() || contains_ci(doc.sentence_text(i), term)
    }

    /// Whether every sentence is shown (no filter, no search): the view skips the checks.
    pub fn shows_all(&self) -> bool {
        self.cursor.shows_all()
    }

    /// Decided sentences / all sentences of the corpus.
    pub fn corpus_progress(&self) -> (usize, usize) {
        progress_in(&self.work.anns, self.done(), self.docs())
    }

    /// Per label, how many sentences of a document carry it (the tests' plain count).
    #[cfg(test)]
    pub fn label_counts(&self, doc: &str) -> Vec<usize> {
        match self.work.anns.doc(doc) {
            Some(anns) => self.labels.count(anns),
            None => vec![0; self.labels.labels.len()],
        }
    }

    // --- changing --------------------------------------------------------------------

    /// Runs a key's domain command. Commands that only concern the screen (help, escape,
    /// note, search) are the UI's: here they do nothing.
    pub fn command(&mut self, cmd: &Command, now_ms: u64) -> Event {
        if self.cursor.review {
            // Review mode: the decision keys set gold, n goes to the next disagreement.
            match cmd {
                Command::Label(i) => {
                    return match self.labels.labels.get(*i).map(|l| l.name.clone()) {
                        Some(name) => self.edit_gold(Edit::ToggleLabel(name), now_ms),
                        None => Event::Quiet,
                    }
                }
                Command::DecideNone => return self.edit_gold(Edit::ToggleNone, now_ms),
                Command::Clear => return self.edit_gold(Edit::Clear, now_ms),
                Command::NextUndecided => return self.next_unresolved(),
                Command::AcceptSuggestion => return self.take_majority(now_ms),
                _ => {}
            }
        }
        match cmd {
            Command::Label(i) => match self.labels.labels.get(*i).map(|l| l.name.clone()) {
                Some(name) => self.edit_focused(Edit::ToggleLabel(name), now_ms),
                None => Event::Quiet,
            },
            Command::Clear => self.edit_focused(Edit::Clear, now_ms),
            Command::DecideNone => self.edit_focused(Edit::ToggleNone, now_ms),
            Command::ToggleUnsure => self.edit_focused(Edit::ToggleUnsure, now_ms),
            Command::Next => self.step(1).unwrap_or(Event::Quiet),
            Command::Prev => self.step(-1).unwrap_or(Event::Quiet),
            Command::PageDown => self.steps(10),
            Command::PageUp => self.steps(-10),
            Command::First => self.first_visible().map_or(Event::Quiet, |i| self.focus_sentence(i)),
            Command::Last => self.last_visible().map_or(Event::Quiet, |i| self.focus_sentence(i)),
            Command::NextDoc => self.switch_doc(1),
            Command::PrevDoc => self.switch_doc(-1),
            Command::NextUndecided => self.next_undecided(),
            Command::AcceptSuggestion => self.accept_suggestion(now_ms),
            Command::JoinNext => self.join_next(now_ms),
            Command::NextUnsure => self
                .go_to_next(|s, doc, i| s.work.anns.get(doc, i).is_some_and(|a| a.unsure))
                .unwrap_or(Event::NoneLeft { what: "unsure" }),
            Command::NextNote => self
                .go_to_next(|s, doc, i| s.work.anns.get(doc, i).is_some_and(|a| !a.note.is_empty()))
                .unwrap_or(Event::NoneLeft { what: "note" }),
            Command::GoTo | Command::FilterPrefix => Event::Quiet,
            // Split mode is the screen's (it picks the gap, then calls `split_focused`).
            Command::SplitMode | Command::GapPrev | Command::GapNext => Event::Quiet,
            Command::Undo => self.undo(now_ms),
            Command::Redo => self.redo(now_ms),
            Command::Help | Command::Escape | Command::EditNote | Command::Search => Event::Quiet,
        }
    }

    /// Focuses sentence `i` of the open document (a click, or a key).
    pub fn focus_sentence(&mut self, i: usize) -> Event {
        let n = self.open_doc().map_or(0, |d| d.sentences.len());
        if i < n {
            self.cursor.focus = i;
            return Event::Focused { index: i, of: n };
        }
        Event::Quiet
    }

    /// Goes to sentence `i` of the open document (the "go to" field), showing every sentence
    /// if the filter or the search hides it.
    pub fn go_to_sentence(&mut self, i: usize) -> Event {
        let n = self.open_doc().map_or(0, |d| d.sentences.len());
        if i >= n {
            return Event::NoSuchSentence { asked: i + 1, of: n };
        }
        if !self.visible(i) {
            self.clear_view();
        }
        self.focus_sentence(i)
    }

    pub fn select_doc(&mut self, index: usize) -> Event {
        if index >= self.corpus.len() {
            return Event::Quiet;
        }
        self.remember_place();
        self.cursor.open = index;
        // Back where the person left this document, if that sentence is shown.
        let d = self.corpus.docs()[index].clone();
        self.cursor.focus = self.cursor.place_in(&d.id, d.sentences.len(), |i| self.visible(i));
        Event::Opened { title: d.title.clone(), sentences: d.sentences.len() }
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.cursor.filter = filter;
        self.refocus_visible();
    }

    pub fn set_search(&mut self, search: String) {
        self.cursor.search = search;
        self.refocus_visible();
    }

    /// Shows every sentence again (filter and search cleared). Returns whether anything was set.
    pub fn clear_view(&mut self) -> bool {
        if self.cursor.search.is_empty() && self.cursor.filter == Filter::All {
            return false;
        }
        self.cursor.search.clear();
        self.set_filter(Filter::All);
        true
    }

    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
    }

    /// Renames the page's annotator. A page never works nameless (docs/FORMAT.md §7): an
    /// empty name (trimmed) keeps the one it has.
    pub fn set_annotator(&mut self, name: String) {
        let name = name.trim();
        if !name.is_empty() {
            self.annotator = name.to_owned();
        }
    }

    fn refocus_visible(&mut self) {
        if !self.visible(self.cursor.focus) {
            if let Some(i) = self.first_visible() {
                self.cursor.focus = i;
            }
        }
    }

    fn first_visible(&self) -> Option<usize> {
        Cursor::first_shown(self.open_doc()?.sentences.len(), |i| self.visible(i))
    }

    fn last_visible(&self) -> Option<usize> {
        Cursor::last_shown(self.open_doc()?.sentences.len(), |i| self.visible(i))
    }

    /// Up to `count` shown sentences on (or back): as far as there are.
    fn steps(&mut self, count: isize) -> Event {
        let mut last = Event::Quiet;
        for _ in 0..count.unsigned_abs() {
            match self.step(count.signum()) {
                Some(e) => last = e,
                None => break,
            }
        }
        last
    }

    fn step(&mut self, dir: isize) -> Option<Event> {
        let n = self.open_doc()?.sentences.len();
        let i = self.cursor.step_from_focus(n, dir, |i| self.visible(i))?;
        Some(self.focus_sentence(i))
    }

    fn switch_doc(&mut self, dir: isize) -> Event {
        match self.cursor.doc_step(self.corpus.len(), dir) {
            Some(d) => self.select_doc(d),
            None => Event::Quiet,
        }
    }

    /// Opens document `d` at sentence `index`, showing every sentence if it is another one.
    /// Remembers the focused sentence of the open document (before another one opens).
    fn remember_place(&mut self) {
        let Some(id) = self.open_doc().map(|d| d.id.clone()) else { return };
        self.cursor.remember_place(&id);
    }

    /// Where the person left each document (document id -> sentence), for storage.
    pub fn places(&self) -> &Rc<std::collections::BTreeMap<String, usize>> {
        &self.cursor.places
    }

    fn go_to(&mut self, d: usize, index: usize) {
        if self.cursor.open != d {
            self.remember_place();
            self.cursor.open = d;
            self.cursor.filter = Filter::All;
        }
        self.cursor.focus = index;
    }

    /// Goes to the next sentence for which `wanted(session, document id, index)` holds, after
    /// the focus, across documents, wrapping round to just before the focus; `None` when no
    /// sentence is wanted (nothing is ever skipped for good: the search always wraps).
    fn go_to_next(&mut self, wanted: impl Fn(&Session, &str, usize) -> bool) -> Option<Event> {
        let nd = self.corpus.len();
        for step in 0..=nd {
            let d = (self.cursor.open + step) % nd.max(1);
            let doc = self.corpus.get(d).cloned()?;
            let from = if step == 0 { self.cursor.focus + 1 } else { 0 };
            let to = if step == nd { self.cursor.focus.min(doc.sentences.len()) } else { doc.sentences.len() };
            if let Some(i) = (from..to).find(|&i| wanted(self, &doc.id, i)) {
                self.go_to(d, i);
                return Some(Event::Focused { index: i, of: doc.sentences.len() });
            }
        }
        None
    }

    /// The next undecided sentence, after the focus, across documents, wrapping; in
    /// "uncertain" order, the one the model is least sure of.
    fn next_undecided(&mut self) -> Event {
        if let Some(event) = self.next_least_sure() {
            return event;
        }
        self.go_to_next(|s, doc, i| !s.is_decided(doc, i)).unwrap_or(Event::AllDecided)
    }

    /// Marks the open document done (every sentence decided, the undecided ones as "none"),
    /// or, when it is, unmarks it: its undecided sentences are undecided again.
    pub fn toggle_done(&mut self) -> Event {
        let Some(doc) = self.open_doc().cloned() else { return Event::Quiet };
        let set = Rc::make_mut(&mut self.work.done);
        let done = !set.remove(&doc.id);
        if done {
            set.insert(doc.id.clone());
        }
        Event::MarkedDone { title: doc.title.clone(), done }
    }

    /// Applies an edit to the focused sentence, records it for undo, and advances when a
    /// label was added and auto-advance is on.
    pub fn edit_focused(&mut self, edit: Edit, now_ms: u64) -> Event {
        let Some(doc) = self.open_doc().cloned() else { return Event::Quiet };
        let index = self.cursor.focus;
        if index >= doc.sentences.len() {
            return Event::Quiet;
        }
        let before = self.work.anns.get(&doc.id, index).cloned().unwrap_or_default();
        let mut after = apply_edit(&before, &edit, &self.labels, self.settings.multi_label);
        // What was suggested when the sentence was first decided (`suggested`, docs/FORMAT.md §1).
        after.suggested = match (before.decided(), after.decided()) {
            (_, false) => None,
            (true, true) => before.suggested.clone(),
            (false, true) => self.suggestion_at(index).map(|s| self.suggestion_name(s.category).to_owned()),
        };
        if !self.work.change(&doc, index, after.clone(), now_ms) {
            return Event::Quiet;
        }
        if matches!(edit, Edit::ToggleLabel(_) | Edit::ToggleNone) {
            self.stats.decisions += 1;
        }
        let added = after.labels.iter().any(|l| !before.labels.contains(l)) || (after.none && !before.none);
        let mut then = None;
        let mut moved = None;
        // With several labels allowed, the person may add another: the focus stays.
        if added && self.settings.auto_advance && !self.settings.multi_label {
            match self.step(1) {
                Some(Event::Focused { index: to, of }) => then = Some((to, of)),
                // The last sentence: on to the next undecided one (never a second press on
                // this one, which would take the label off again), or say that all is done.
                _ => {
                    let open = self.cursor.open;
                    match self.go_to_next(|s, doc, i| !s.is_decided(doc, i)) {
                        Some(Event::Focused { index: to, of }) => {
                            then = Some((to, of));
                            let title = (self.cursor.open != open).then(|| self.open_doc().map(|d| d.title.clone()));
                            moved = Some(Moved::Undecided { title: title.flatten() });
                        }
                        _ => moved = Some(Moved::AllDecided),
                    }
                }
            }
        }
        Event::Edited { index, ann: after, then, moved }
    }

    pub fn set_note(&mut self, note: String, now_ms: u64) -> Event {
        if self.annotation(self.cursor.focus).map_or("", |a| a.note.as_str()) == note {
            return Event::Quiet;
        }
        self.edit_focused(Edit::SetNote(note), now_ms)
    }

    fn undo(&mut self, now_ms: u64) -> Event {
        let Some(change) = Rc::make_mut(&mut self.work.history).undo() else { return Event::NothingToUndo };
        if let Some(r) = &change.removal {
            return self.put_back(r);
        }
        if let Some(b) = &change.bounds {
            return self.bounds_back(&change.doc, b, change.index, true, now_ms);
        }
        match self.restore(&change, &change.before, now_ms) {
            Some(index) => Event::Undone { index, ann: change.before.clone() },
            None => Event::Quiet,
        }
    }

    fn redo(&mut self, now_ms: u64) -> Event {
        let Some(change) = Rc::make_mut(&mut self.work.history).redo() else { return Event::NothingToRedo };
        if let Some(b) = &change.bounds {
            return self.bounds_back(&change.doc, b, change.index, false, now_ms);
        }
        if change.removal.is_some() {
            return match self.corpus.index_of(&change.doc) {
                Some(d) => self.take_out(d).map_or(Event::Quiet, |(event, _)| event),
                None => Event::Quiet,
            };
        }
        match self.restore(&change, &change.after, now_ms) {
            Some(index) => Event::Redone { index, ann: change.after.clone() },
            None => Event::Quiet,
        }
    }

    /// Puts a recorded state back and shows it: opens its document, focuses its sentence.
    fn restore(&mut self, change: &Change, ann: &Annotation, now_ms: u64) -> Option<usize> {
        let d = self.corpus.index_of(&change.doc)?;
        let doc = self.corpus.docs()[d].clone();
        if change.index >= doc.sentences.len() {
            return None;
        }
        if change.gold {
            self.work.write_gold(&doc, change.index, ann.clone(), now_ms);
        } else {
            self.work.write(&doc, change.index, ann.clone(), now_ms);
        }
        self.go_to(d, change.index);
        Some(change.index)
    }

    /// Adds documents, replacing none: a document whose id is present keeps its labels and
    /// is not duplicated. An empty session opens the first one. Returns the ids that were new.
    pub fn add_documents(&mut self, docs: Vec<Document>, imported: bool) -> Vec<String> {
        let was_empty = self.corpus.is_empty();
        let added = self.corpus.add(docs, imported);
        if was_empty && !added.is_empty() {
            self.select_doc(0);
        }
        added
    }

    /// Removes the open document (after the person confirmed). The removal is a history
    /// entry holding the document and its annotations: Ctrl+Z (or the message's button)
    /// brings it back, also after a reload, and the document's label changes stay in the
    /// history behind it.
    pub fn remove_open_doc(&mut self) -> Option<Event> {
        let (event, removal) = self.take_out(self.cursor.open)?;
        let id = removal.article.id.clone().unwrap_or_default();
        Rc::make_mut(&mut self.work.history).record(Change {
            doc: id,
            index: 0,
            before: Annotation::default(),
            after: Annotation::default(),
            gold: false,
            removal: Some(Box::new(removal)),
            bounds: None,
        });
        Some(event)
    }

    /// Takes document `position` out of the corpus, with its annotations.
    fn take_out(&mut self, position: usize) -> Option<(Event, crate::history::Removal)> {
        let id = self.corpus.get(position)?.id.clone();
        let anns = self.work.anns.remove_doc(&id);
        let imported = self.corpus.imported().contains(&id);
        let doc = self.corpus.remove(position, anns.clone())?;
        if self.cursor.open >= position {
            self.cursor.open = self.cursor.open.saturating_sub(usize::from(self.cursor.open > position));
        }
        self.cursor.open = self.cursor.open.min(self.corpus.len().saturating_sub(1));
        self.cursor.focus = 0;
        let removal = crate::history::Removal {
            article: doc.to_input(),
            position,
            imported,
            anns: anns.map(|a| (*a).clone()).unwrap_or_default(),
        };
        Some((Event::Removed { id: doc.id.clone(), title: doc.title.clone() }, removal))
    }

    /// Undoes (`undo`) or redoes a boundary edit, and goes to it (a change of the boundaries
    /// at `now_ms`, like the edit).
    fn bounds_back(&mut self, id: &str, b: &crate::history::Bounds, index: usize, undo: bool, now_ms: u64) -> Event {
        let (spans, edited, anns) =
            if undo { (&b.before, b.edited_before, &b.anns_before) } else { (&b.after, b.edited_after, &b.anns_after) };
        if !self.apply_bounds(id, spans, edited, anns, 0, now_ms) {
            return Event::Quiet;
        }
        let Some(d) = self.corpus.index_of(id) else { return Event::Quiet };
        self.go_to(d, index.min(spans.len().saturating_sub(1)));
        Event::BoundsRestored { index, of: spans.len(), undo }
    }

    /// Puts a removed document back (the undo of its removal) and opens it.
    fn put_back(&mut self, r: &crate::history::Removal) -> Event {
        let doc = Rc::new(Document::from_input(r.article.clone()));
        let anns = (!r.anns.is_empty()).then(|| Rc::new(r.anns.clone()));
        let removed =
            corpus::Removed { doc: doc.clone(), anns: anns.clone(), position: r.position, imported: r.imported };
        let Some(pos) = self.corpus.reinsert(&removed) else { return Event::Quiet };
        if let Some(a) = anns {
            self.work.anns.replace_doc(&doc.id, (*a).clone());
        }
        self.cursor.open = pos;
        self.cursor.focus = 0;
        Event::Restored { title: doc.title.clone() }
    }

    /// The message's "Undo remove": the history's undo when the removal is the last change
    /// (it always is, right after the removal), else the document comes back on its own.
    pub fn undo_remove(&mut self) -> Event {
        let last_is_removal = self.work.history.last_applied().is_some_and(|c| c.removal.is_some());
        if last_is_removal {
            return self.undo(0);
        }
        let Some((r, pos)) = self.corpus.restore() else { return Event::Quiet };
        if let Some(a) = &r.anns {
            self.work.anns.replace_doc(&r.doc.id, (**a).clone());
        }
        self.cursor.open = pos;
        self.cursor.focus = 0;
        Event::Restored { title: r.doc.title.clone() }
    }
}
