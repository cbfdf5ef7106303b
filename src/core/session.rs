//! The annotation session: the corpus, its annotations and history, and where the person
//! is (open document, focused sentence, filter). Domain methods only; the UI wraps this in
//! its reducer and renders it, storage persists it. Tested natively.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::annotations::{apply_edit, Annotation, AnnotationStore, Change, DocAnnotations, Edit, History};
use super::document::Document;
use super::keys::{self, Binding, Command};
use super::labels::LabelSet;
use super::storage::{Orphan, Settings};
use super::text;

/// Which sentences the article view shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Unlabelled,
    Label(String),
    Unsure,
    Note,
}

impl Filter {
    /// Stable name for hooks and storage ("all", "unlabelled", "claim", "unsure", "note").
    pub fn name(&self) -> &str {
        match self {
            Filter::All => "all",
            Filter::Unlabelled => "unlabelled",
            Filter::Label(l) => l,
            Filter::Unsure => "unsure",
            Filter::Note => "note",
        }
    }

    pub fn fits(&self, ann: Option<&Annotation>) -> bool {
        match self {
            Filter::All => true,
            Filter::Unlabelled => ann.is_none_or(|a| a.labels.is_empty()),
            Filter::Label(l) => ann.is_some_and(|a| a.labels.iter().any(|x| x == l)),
            Filter::Unsure => ann.is_some_and(|a| a.unsure),
            Filter::Note => ann.is_some_and(|a| !a.note.is_empty()),
        }
    }
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

/// A document removed by the person, kept until the next removal so it can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    pub doc: Rc<Document>,
    pub anns: Option<Rc<DocAnnotations>>,
    pub position: usize,
    pub imported: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub labels: Rc<LabelSet>,
    pub keymap: Rc<Vec<Binding>>,
    pub docs: Rc<Vec<Rc<Document>>>,
    /// Ids of documents the person brought (stored in full; bundled ones come from the page).
    pub imported: Rc<BTreeSet<String>>,
    /// Ids of bundled documents the person removed.
    pub removed: Rc<BTreeSet<String>>,
    pub anns: AnnotationStore,
    pub history: Rc<History>,
    pub open: usize,
    pub focus: usize,
    pub settings: Settings,
    pub annotator: String,
    pub filter: Filter,
    pub search: String,
    pub orphans: Rc<Vec<Orphan>>,
    pub last_removed: Option<Rc<Removed>>,
    pub stats: SessionStats,
    /// What a screen reader should hear about the last action.
    pub announce: String,
}

/// What the UI should do beyond re-rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum After {
    Nothing,
    ShowHelp,
    Escape,
    EditNote,
    Search,
}

impl Session {
    pub fn new(labels: LabelSet, now_ms: u64) -> Session {
        let keymap = keys::table(&labels);
        Session {
            labels: Rc::new(labels),
            keymap: Rc::new(keymap),
            docs: Rc::default(),
            imported: Rc::default(),
            removed: Rc::default(),
            anns: AnnotationStore::default(),
            history: Rc::default(),
            open: 0,
            focus: 0,
            settings: Settings::default(),
            annotator: String::new(),
            filter: Filter::All,
            search: String::new(),
            orphans: Rc::default(),
            last_removed: None,
            stats: SessionStats { started_ms: now_ms, decisions: 0 },
            announce: String::new(),
        }
    }

    pub fn open_doc(&self) -> Option<&Rc<Document>> {
        self.docs.get(self.open)
    }

    pub fn doc_index(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    pub fn annotation(&self, index: usize) -> Option<&Annotation> {
        self.open_doc().and_then(|d| self.anns.get(&d.id, index))
    }

    /// Whether sentence `i` of the open document passes the filter and the search.
    pub fn visible(&self, i: usize) -> bool {
        let Some(doc) = self.open_doc() else { return false };
        if !self.filter.fits(self.anns.get(&doc.id, i)) {
            return false;
        }
        self.search.trim().is_empty() || contains_ci(doc.sentence_text(i), self.search.trim())
    }

    /// Sentences of the open document per filter: (filter, count), for the filter bar.
    /// One pass over the document's annotations (plus its sentences when searching).
    pub fn filter_counts(&self) -> Vec<(Filter, usize)> {
        let mut filters = vec![Filter::All, Filter::Unlabelled];
        filters.extend(self.labels.labels.iter().map(|l| Filter::Label(l.name.clone())));
        filters.extend([Filter::Unsure, Filter::Note]);
        let Some(doc) = self.open_doc() else {
            return filters.into_iter().map(|f| (f, 0)).collect();
        };
        let nl = self.labels.labels.len();
        // counts: [all, unlabelled, label.., unsure, note]
        let mut counts = vec![0usize; filters.len()];
        let term = self.search.trim();
        let mut tally = |ann: Option<&Annotation>| {
            counts[0] += 1;
            match ann {
                Some(a) => {
                    if a.labels.is_empty() {
                        counts[1] += 1;
                    }
                    for l in &a.labels {
                        let r = self.labels.rank(l);
                        if r < nl {
                            counts[2 + r] += 1;
                        }
                    }
                    counts[2 + nl] += usize::from(a.unsure);
                    counts[3 + nl] += usize::from(!a.note.is_empty());
                }
                None => counts[1] += 1,
            }
        };
        let anns = self.anns.doc(&doc.id);
        if term.is_empty() {
            // Sentences without a record are unlabelled: count records, then the rest.
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

    /// Whether every sentence is shown (no filter, no search): the view skips the checks.
    pub fn shows_all(&self) -> bool {
        self.filter == Filter::All && self.search.trim().is_empty()
    }

    /// Labelled sentences / all sentences of the corpus.
    pub fn corpus_progress(&self) -> (usize, usize) {
        self.docs.iter().fold((0, 0), |(l, n), d| (l + self.anns.labelled_count(&d.id), n + d.sentences.len()))
    }

    /// Per label, how many sentences of a document carry it (see `TallyCache` for the corpus).
    pub fn label_counts(&self, doc: &str) -> Vec<usize> {
        let mut counts = vec![0; self.labels.labels.len()];
        for a in self.anns.doc(doc).iter().flat_map(|anns| anns.values()) {
            for l in &a.labels {
                if let Some(c) = counts.get_mut(self.labels.rank(l)) {
                    *c += 1;
                }
            }
        }
        counts
    }

    /// Runs a key's command. Returns what the UI must do besides re-rendering.
    pub fn command(&mut self, cmd: &Command, now_ms: u64) -> After {
        match cmd {
            Command::Label(i) => {
                if let Some(name) = self.labels.labels.get(*i).map(|l| l.name.clone()) {
                    self.edit_focused(Edit::ToggleLabel(name), now_ms);
                }
            }
            Command::Clear => self.edit_focused(Edit::Clear, now_ms),
            Command::ToggleUnsure => self.edit_focused(Edit::ToggleUnsure, now_ms),
            Command::Next => self.step(1),
            Command::Prev => self.step(-1),
            Command::NextDoc => self.switch_doc(1),
            Command::PrevDoc => self.switch_doc(-1),
            Command::NextUnlabelled => self.next_unlabelled(),
            Command::Undo => self.undo(now_ms),
            Command::Redo => self.redo(now_ms),
            Command::Help => return After::ShowHelp,
            Command::Escape => return After::Escape,
            Command::EditNote => return After::EditNote,
            Command::Search => return After::Search,
        }
        After::Nothing
    }

    /// Focuses sentence `i` of the open document (a click, or a key).
    pub fn focus_sentence(&mut self, i: usize) {
        let n = self.open_doc().map_or(0, |d| d.sentences.len());
        if i < n {
            self.focus = i;
            self.announce = format!("Sentence {} of {n}", i + 1);
        }
    }

    pub fn select_doc(&mut self, index: usize) {
        if index < self.docs.len() {
            self.open = index;
            self.focus = self.first_visible().unwrap_or(0);
            let d = &self.docs[index];
            self.announce = format!("{}: {} sentences", d.title, d.sentences.len());
        }
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.refocus_visible();
    }

    pub fn set_search(&mut self, search: String) {
        self.search = search;
        self.refocus_visible();
    }

    fn refocus_visible(&mut self) {
        if !self.visible(self.focus) {
            if let Some(i) = self.first_visible() {
                self.focus = i;
            }
        }
    }

    fn first_visible(&self) -> Option<usize> {
        let n = self.open_doc()?.sentences.len();
        (0..n).find(|&i| self.visible(i))
    }

    fn step(&mut self, dir: isize) {
        let Some(n) = self.open_doc().map(|d| d.sentences.len()) else { return };
        let mut i = self.focus as isize + dir;
        while i >= 0 && (i as usize) < n {
            if self.visible(i as usize) {
                self.focus_sentence(i as usize);
                return;
            }
            i += dir;
        }
    }

    fn switch_doc(&mut self, dir: isize) {
        let target = self.open as isize + dir;
        if target >= 0 && (target as usize) < self.docs.len() {
            self.select_doc(target as usize);
        }
    }

    /// The next sentence without a label, after the focus, across documents, wrapping.
    fn next_unlabelled(&mut self) {
        let nd = self.docs.len();
        for step in 0..=nd {
            let d = (self.open + step) % nd.max(1);
            let Some(doc) = self.docs.get(d) else { return };
            let from = if step == 0 { self.focus + 1 } else { 0 };
            let to = if step == nd { self.focus.min(doc.sentences.len()) } else { doc.sentences.len() };
            if let Some(i) = (from..to).find(|&i| self.anns.labels_of(&doc.id, i).is_empty()) {
                if d != self.open {
                    self.open = d;
                    self.filter = Filter::All;
                }
                self.focus_sentence(i);
                return;
            }
        }
        self.announce = "Every sentence is labelled".into();
    }

    /// Applies an edit to the focused sentence, records it for undo, and advances when a
    /// label was added and auto-advance is on.
    pub fn edit_focused(&mut self, edit: Edit, now_ms: u64) {
        let Some(doc) = self.open_doc().cloned() else { return };
        let index = self.focus;
        if index >= doc.sentences.len() {
            return;
        }
        let before = self.anns.get(&doc.id, index).cloned().unwrap_or_default();
        let after = apply_edit(&before, &edit, &self.labels, self.settings.multi_label);
        if after.same_content(&before) {
            return;
        }
        let added = after.labels.iter().any(|l| !before.labels.contains(l));
        self.write(&doc, index, after.clone(), now_ms);
        Rc::make_mut(&mut self.history).record(Change { doc: doc.id.clone(), index, before, after: after.clone() });
        if matches!(edit, Edit::ToggleLabel(_)) {
            self.stats.decisions += 1;
        }
        let said = describe(index, &after);
        // With several labels allowed, the person may add another: the focus stays.
        if added && self.settings.auto_advance && !self.settings.multi_label {
            self.step(1);
            // Both are announced: what was set, and where the focus went.
            if self.focus != index {
                self.announce = format!("{said}. {}", self.announce);
                return;
            }
        }
        self.announce = said;
    }

    /// Sets a sentence's annotation, stamping time and fingerprint.
    fn write(&mut self, doc: &Document, index: usize, mut ann: Annotation, now_ms: u64) {
        let s = doc.sentences[index];
        ann.updated = now_ms;
        ann.fingerprint = text::fingerprint(doc.sentence_text(index));
        ann.span = Some((s.start, s.end));
        self.anns.set(&doc.id, index, ann);
    }

    fn undo(&mut self, now_ms: u64) {
        let Some(change) = Rc::make_mut(&mut self.history).undo() else {
            self.announce = "Nothing to undo".into();
            return;
        };
        self.restore(&change, change.before.clone(), now_ms, "Undone");
    }

    fn redo(&mut self, now_ms: u64) {
        let Some(change) = Rc::make_mut(&mut self.history).redo() else {
            self.announce = "Nothing to redo".into();
            return;
        };
        self.restore(&change, change.after.clone(), now_ms, "Redone");
    }

    /// Puts a recorded state back and shows it: opens its document, focuses its sentence.
    fn restore(&mut self, change: &Change, ann: Annotation, now_ms: u64, verb: &str) {
        let Some(d) = self.doc_index(&change.doc) else { return };
        let doc = self.docs[d].clone();
        if change.index >= doc.sentences.len() {
            return;
        }
        self.write(&doc, change.index, ann.clone(), now_ms);
        if self.open != d {
            self.open = d;
            self.filter = Filter::All;
        }
        self.focus = change.index;
        self.announce = format!("{verb}: {}", describe(change.index, &ann));
    }

    pub fn set_note(&mut self, note: String, now_ms: u64) {
        self.edit_focused(Edit::SetNote(note), now_ms);
    }

    /// Adds documents, replacing none: a document whose id is present keeps its labels and
    /// is not duplicated. An empty session opens the first one. Returns the ids that were new.
    pub fn add_documents(&mut self, docs: Vec<Document>, imported: bool) -> Vec<String> {
        let was_empty = self.docs.is_empty();
        let mut added = Vec::new();
        let list = Rc::make_mut(&mut self.docs);
        for d in docs {
            if list.iter().any(|x| x.id == d.id) || added.contains(&d.id) {
                continue;
            }
            added.push(d.id.clone());
            if imported {
                Rc::make_mut(&mut self.imported).insert(d.id.clone());
            }
            Rc::make_mut(&mut self.removed).remove(&d.id);
            list.push(Rc::new(d));
        }
        if was_empty && !added.is_empty() {
            self.select_doc(0);
        }
        added
    }

    /// Removes the open document (after the person confirmed); undoable with `undo_remove`.
    pub fn remove_open_doc(&mut self) -> Option<String> {
        let doc = self.open_doc()?.clone();
        let position = self.open;
        let anns = self.anns.remove_doc(&doc.id);
        let imported = Rc::make_mut(&mut self.imported).remove(&doc.id);
        if !imported {
            Rc::make_mut(&mut self.removed).insert(doc.id.clone());
        }
        Rc::make_mut(&mut self.docs).remove(position);
        Rc::make_mut(&mut self.history).forget_doc(&doc.id);
        self.last_removed = Some(Rc::new(Removed { doc: doc.clone(), anns, position, imported }));
        self.open = position.min(self.docs.len().saturating_sub(1));
        self.focus = 0;
        self.announce = format!("Removed {}", doc.title);
        Some(doc.id.clone())
    }

    pub fn undo_remove(&mut self) {
        let Some(r) = self.last_removed.take() else { return };
        let pos = r.position.min(self.docs.len());
        Rc::make_mut(&mut self.docs).insert(pos, r.doc.clone());
        if let Some(a) = &r.anns {
            self.anns.replace_doc(&r.doc.id, (**a).clone());
        }
        if r.imported {
            Rc::make_mut(&mut self.imported).insert(r.doc.id.clone());
        } else {
            Rc::make_mut(&mut self.removed).remove(&r.doc.id);
        }
        self.open = pos;
        self.focus = 0;
        self.announce = format!("Restored {}", r.doc.title);
    }
}

fn describe(index: usize, ann: &Annotation) -> String {
    let labels = if ann.labels.is_empty() { "no label".to_owned() } else { ann.labels.join(", ") };
    let mut s = format!("Sentence {}: {labels}", index + 1);
    if ann.unsure {
        s.push_str(", unsure");
    }
    s
}

/// Per-label counts over the corpus, recomputed only for documents whose annotations
/// changed (compared by pointer), so the overview costs O(documents) per render.
#[derive(Default)]
pub struct TallyCache {
    /// The map counted is kept (not just its address), so an address is never reused
    /// while the cache refers to it.
    per_doc: std::collections::HashMap<String, (Rc<DocAnnotations>, Vec<usize>)>,
}

impl TallyCache {
    /// One document's counts, recomputed only if its annotations changed.
    pub fn doc(&mut self, s: &Session, id: &str) -> Vec<usize> {
        let Some(anns) = s.anns.doc(id) else { return vec![0; s.labels.labels.len()] };
        match self.per_doc.get(id) {
            Some((p, c)) if Rc::ptr_eq(p, anns) && c.len() == s.labels.labels.len() => c.clone(),
            _ => {
                let c = s.label_counts(id);
                self.per_doc.insert(id.to_owned(), (anns.clone(), c.clone()));
                c
            }
        }
    }

    pub fn corpus(&mut self, s: &Session) -> Vec<usize> {
        let mut total = vec![0; s.labels.labels.len()];
        for d in s.docs.iter() {
            for (t, c) in total.iter_mut().zip(self.doc(s, &d.id)) {
                *t += c;
            }
        }
        total
    }
}

/// Sentences the article view renders at most; the window moves in steps of a chunk, so
/// most key presses leave it where it is, and a key costs the same in a 50- and a
/// 5,000-sentence article.
pub const CHUNK: usize = 100;
pub const WINDOW: usize = 3 * CHUNK;

/// The window `[from, to)` of positions (into the shown sentences) around position `at`.
pub fn window_bounds(at: usize, len: usize) -> (usize, usize) {
    if len <= WINDOW {
        return (0, len);
    }
    let from = (at.min(len - 1) / CHUNK).saturating_sub(1) * CHUNK;
    let to = (from + WINDOW).min(len);
    (to - WINDOW, to)
}

/// Case-insensitive containment (Unicode lowercase).
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() && hay.is_ascii() {
        let h = hay.as_bytes();
        let n = needle.as_bytes();
        return n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    // The same matching as the highlighting, so every shown sentence has a highlight.
    needle.is_empty() || !match_ranges(hay, needle).is_empty()
}

/// Byte ranges of case-insensitive matches of `needle` in `hay` (for highlighting).
pub fn match_ranges(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let needle = needle.trim();
    if needle.is_empty() {
        return Vec::new();
    }
    let lower_needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = hay.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        let mut k = 0;
        while k < lower_needle.len() && j < chars.len() {
            let mut low = chars[j].1.to_lowercase();
            let mut ok = true;
            for c in low.by_ref() {
                if k < lower_needle.len() && lower_needle[k] == c {
                    k += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if !ok {
                break;
            }
            j += 1;
        }
        if k == lower_needle.len() && j > i {
            let end = chars.get(j).map_or(hay.len(), |c| c.0);
            out.push((chars[i].0, end));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::ArticleInput;

    fn session() -> Session {
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
        s
    }

    #[test]
    fn tag_advances_and_toggle_removes() {
        let mut s = session();
        s.command(&Command::Label(0), 1);
        assert_eq!(s.anns.labels_of("d0", 0), ["claim"]);
        assert_eq!(s.focus, 1);
        assert_eq!(s.announce, "Sentence 1: claim. Sentence 2 of 3");
        s.command(&Command::Prev, 2);
        s.command(&Command::Label(0), 3);
        assert!(s.anns.labels_of("d0", 0).is_empty());
        assert_eq!(s.focus, 0, "removing a label does not advance");
        s.settings.auto_advance = false;
        s.command(&Command::Label(1), 4);
        assert_eq!(s.focus, 0);
        assert_eq!(s.anns.get("d0", 0).unwrap().updated, 4);
    }

    #[test]
    fn an_empty_session_opens_the_first_document_added() {
        let mut s = Session::new(LabelSet::default_set(), 0);
        s.open = 7;
        let doc = |id: &str| {
            Document::from_input(ArticleInput { id: Some(id.into()), text: "One.".into(), ..Default::default() })
        };
        s.add_documents(vec![doc("x"), doc("y")], true);
        assert_eq!((s.open, s.focus), (0, 0));
        s.command(&Command::NextDoc, 1);
        assert_eq!(s.open, 1);
        s.add_documents(vec![doc("z")], true);
        assert_eq!(s.open, 1, "a used session stays where it is");
    }

    #[test]
    fn multi_label_keeps_the_focus_for_a_second_label() {
        let mut s = session();
        s.settings.multi_label = true;
        s.command(&Command::Label(0), 1);
        s.command(&Command::Label(2), 2);
        assert_eq!(s.focus, 0);
        assert_eq!(s.anns.labels_of("d0", 0), ["claim", "demand"]);
    }

    #[test]
    fn undo_redo_restore_and_navigate() {
        let mut s = session();
        s.command(&Command::Label(2), 1);
        s.command(&Command::NextDoc, 2);
        assert_eq!(s.open, 1);
        s.command(&Command::Undo, 3);
        assert_eq!((s.open, s.focus), (0, 0));
        assert!(s.anns.labels_of("d0", 0).is_empty());
        s.command(&Command::Redo, 4);
        assert_eq!(s.anns.labels_of("d0", 0), ["demand"]);
        s.command(&Command::Clear, 5);
        assert!(s.anns.labels_of("d0", 0).is_empty());
        s.command(&Command::Undo, 6);
        assert_eq!(s.anns.labels_of("d0", 0), ["demand"]);
    }

    #[test]
    fn filters_and_next_unlabelled() {
        let mut s = session();
        s.settings.auto_advance = false;
        s.command(&Command::Label(0), 1);
        s.set_filter(Filter::Unlabelled);
        assert_eq!(s.focus, 1, "focus leaves a hidden sentence");
        s.command(&Command::Prev, 2);
        assert_eq!(s.focus, 1, "hidden sentences are skipped");
        let counts = s.filter_counts();
        assert_eq!(counts[0], (Filter::All, 3));
        assert_eq!(counts[1], (Filter::Unlabelled, 2));
        assert_eq!(counts[2], (Filter::Label("claim".into()), 1));
        s.set_filter(Filter::All);
        s.focus = 2;
        s.command(&Command::NextUnlabelled, 3);
        assert_eq!((s.open, s.focus), (1, 0));
        s.set_search("fIVe".into());
        assert_eq!(s.focus, 1);
        assert!(!s.visible(0));
    }

    #[test]
    fn remove_and_restore_a_document() {
        let mut s = session();
        s.command(&Command::Label(0), 1);
        assert_eq!(s.remove_open_doc().as_deref(), Some("d0"));
        assert_eq!(s.docs.len(), 1);
        assert!(s.removed.contains("d0"));
        s.undo_remove();
        assert_eq!(s.docs[0].id, "d0");
        assert_eq!(s.anns.labels_of("d0", 0), ["claim"]);
        assert!(s.removed.is_empty());
        // Adding a present document again does not duplicate it or touch its labels.
        let again =
            Document::from_input(ArticleInput { id: Some("d0".into()), text: "Other.".into(), ..Default::default() });
        assert!(s.add_documents(vec![again], true).is_empty());
        assert_eq!(s.anns.labels_of("d0", 0), ["claim"]);
    }

    #[test]
    fn pace_and_progress() {
        let mut s = session();
        s.command(&Command::Label(0), 1);
        s.command(&Command::Label(1), 2);
        assert_eq!(s.corpus_progress(), (2, 5));
        assert_eq!(s.label_counts("d0"), [1, 1, 0]);
        assert_eq!(s.label_counts("d1"), [0, 0, 0]);
        assert_eq!(s.stats.per_hour(30_000), None);
        assert_eq!(s.stats.per_hour(3_600_000), Some(2));
    }

    #[test]
    fn window_follows_the_focus_in_chunks() {
        assert_eq!(window_bounds(0, 50), (0, 50));
        assert_eq!(window_bounds(0, 5000), (0, 300));
        assert_eq!(window_bounds(150, 5000), (0, 300));
        assert_eq!(window_bounds(250, 5000), (100, 400));
        assert_eq!(window_bounds(4999, 5000), (4700, 5000));
        assert_eq!(window_bounds(5000, 5000), (4700, 5000));
        for at in 0..1000 {
            let (a, b) = window_bounds(at, 1000);
            assert!(a <= at.min(999) && at.min(999) < b && b - a == WINDOW);
        }
    }

    #[test]
    fn tally_cache_follows_changes() {
        let mut s = session();
        let mut cache = TallyCache::default();
        assert_eq!(cache.corpus(&s), [0, 0, 0]);
        s.command(&Command::Label(0), 1);
        s.command(&Command::Label(2), 2);
        let direct: Vec<usize> = (0..3).map(|l| s.docs.iter().map(|d| s.label_counts(&d.id)[l]).sum()).collect();
        assert_eq!(cache.corpus(&s), direct);
        assert_eq!(cache.doc(&s, "d0"), s.label_counts("d0"));
        s.command(&Command::Undo, 3);
        assert_eq!(cache.corpus(&s), [1, 0, 0]);
    }

    #[test]
    fn search_matches() {
        assert!(contains_ci("Hello World", "world"));
        assert_eq!(match_ranges("Ab ab AB", "ab"), [(0, 2), (3, 5), (6, 8)]);
        assert_eq!(match_ranges("Straße", "STRASSE").len(), 0);
        assert_eq!(match_ranges("ÉCOLE école", "école"), [(0, 6), (7, 13)]);
        assert!(match_ranges("x", " ").is_empty());
    }
}
