//! The one UI state (`Reducible`) and its actions. Domain logic lives in
//! `core::session::Session`; this adds what only the screen needs (dialogs, messages).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::annotations::DocAnnotations;
use crate::core::annotations::Edit;
use crate::core::document::Document;
use crate::core::export::{self, Conflict};
use crate::core::keys::Command;
use crate::core::session::{After, Filter, Session};
use crate::core::storage::{self, AnnShard, Settings};
use crate::platform::clock::now_ms;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub id: u64,
    pub level: Level,
    pub text: String,
    /// Offers "Undo remove" next to the message.
    pub undo_remove: bool,
}

/// An overlay that takes the keys while open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Help,
    ConfirmRemove,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub session: Session,
    pub loaded: bool,
    pub dialog: Option<Dialog>,
    pub messages: Rc<Vec<Message>>,
    next_message: u64,
    pub conflicts: Rc<Vec<Conflict>>,
    /// Storage written by a newer version: never written to (see core::storage).
    pub read_only: bool,
    /// The last storage write failed (quota): work is kept in memory only.
    pub storage_full: bool,
    pub storage_used: usize,
    /// Bumped when the note field should take the caret.
    pub note_request: u32,
    /// Bumped when the search field should take the caret.
    pub search_request: u32,
    /// Import in progress: (done, total) files.
    pub progress: Option<(usize, usize)>,
    /// Files are being dragged over the page: show where to drop them.
    pub dragging: bool,
}

/// Everything read at start-up.
pub struct Startup {
    pub session: Session,
    pub messages: Vec<(Level, String)>,
    pub read_only: bool,
    /// What each stored key costs in the quota, read at start (the saver keeps it current).
    pub sizes: std::collections::BTreeMap<String, usize>,
}

pub enum Action {
    Loaded(Box<Startup>),
    Command(Command),
    Focus(usize),
    OpenDoc(usize),
    Edit(Edit),
    SetNote(String),
    SetFilter(Filter),
    SetSearch(String),
    SetSettings(Settings),
    SetAnnotator(String),
    CloseDialog,
    OpenDialog(Dialog),
    ConfirmRemove,
    UndoRemove,
    /// Articles brought by the person; `source` names the file in messages.
    ImportArticles {
        source: String,
        docs: Vec<Document>,
    },
    /// An annotation export: restored into an empty session, merged into a used one.
    ImportExport {
        source: String,
        incoming: Vec<(Document, DocAnnotations)>,
    },
    ResolveConflict {
        index: usize,
        keep_theirs: bool,
    },
    /// Another tab wrote a document's annotations.
    External {
        doc: String,
        shard: AnnShard,
    },
    Notify(Level, String),
    Dismiss(u64),
    Progress(Option<(usize, usize)>),
    Dragging(bool),
    StorageStatus {
        full: bool,
        used: usize,
    },
}

impl State {
    pub fn new() -> State {
        State {
            session: Session::new(crate::core::labels::LabelSet::default_set(), now_ms()),
            loaded: false,
            dialog: None,
            messages: Rc::default(),
            next_message: 1,
            conflicts: Rc::default(),
            read_only: false,
            storage_full: false,
            storage_used: 0,
            note_request: 0,
            search_request: 0,
            progress: None,
            dragging: false,
        }
    }

    fn notify(&mut self, level: Level, text: String, undo_remove: bool) {
        let id = self.next_message;
        self.next_message += 1;
        let list = Rc::make_mut(&mut self.messages);
        list.push(Message { id, level, text, undo_remove });
        // Keep the newest few: old news scrolls away, errors included (they are also logged).
        if list.len() > 6 {
            list.remove(0);
        }
    }
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let now = now_ms();
        match action {
            Action::Loaded(start) => {
                s.session = start.session;
                s.read_only = start.read_only;
                s.loaded = true;
                for (level, text) in start.messages {
                    s.notify(level, text, false);
                }
            }
            Action::Command(cmd) => {
                if s.dialog.is_some() {
                    // An open dialog takes the keys: only Escape (and ? for help) act.
                    match cmd {
                        Command::Escape => s.dialog = None,
                        Command::Help if s.dialog == Some(Dialog::Help) => s.dialog = None,
                        _ => return self,
                    }
                    return Rc::new(s);
                }
                match s.session.command(&cmd, now) {
                    After::ShowHelp => s.dialog = Some(Dialog::Help),
                    After::EditNote => s.note_request += 1,
                    After::Search => s.search_request += 1,
                    After::Escape => {
                        if s.session.search.is_empty() && s.session.filter == Filter::All {
                            return self;
                        }
                        s.session.set_search(String::new());
                        s.session.set_filter(Filter::All);
                    }
                    After::Nothing => {}
                }
            }
            Action::Focus(i) => {
                if s.session.focus == i {
                    return self;
                }
                s.session.focus_sentence(i);
            }
            Action::OpenDoc(i) => s.session.select_doc(i),
            Action::Edit(edit) => s.session.edit_focused(edit, now),
            Action::SetNote(note) => {
                if s.session.annotation(s.session.focus).map_or("", |a| a.note.as_str()) == note {
                    return self;
                }
                s.session.set_note(note, now);
            }
            Action::SetFilter(f) => s.session.set_filter(f),
            Action::SetSearch(q) => s.session.set_search(q),
            Action::SetSettings(settings) => s.session.settings = settings,
            Action::SetAnnotator(name) => s.session.annotator = name,
            Action::CloseDialog => s.dialog = None,
            Action::OpenDialog(d) => s.dialog = Some(d),
            Action::ConfirmRemove => {
                s.dialog = None;
                if let Some(id) = s.session.remove_open_doc() {
                    s.notify(Level::Info, format!("Document {id} removed."), true);
                }
            }
            Action::UndoRemove => {
                s.session.undo_remove();
                Rc::make_mut(&mut s.messages).retain(|m| !m.undo_remove);
            }
            Action::ImportArticles { source, docs } => {
                let total = docs.len();
                let added = s.session.add_documents(docs, true);
                if source == FROM_OTHER_TAB && added.is_empty() {
                    return self;
                }
                let kept = total - added.len();
                let mut text = format!("{source}: {} article(s) added", added.len());
                if kept > 0 {
                    text.push_str(&format!(", {kept} already present (kept with their labels)"));
                }
                s.notify(Level::Info, text + ".", false);
            }
            Action::ImportExport { source, incoming } => {
                let existing: Vec<&Document> = s.session.docs.iter().map(|d| d.as_ref()).collect();
                let plan = export::plan_merge(&existing, &s.session.anns, incoming);
                let mut new_docs = Vec::new();
                let mut new_anns = Vec::new();
                for (doc, anns) in plan.new_docs {
                    new_anns.push((doc.id.clone(), anns));
                    new_docs.push(doc);
                }
                let added = s.session.add_documents(new_docs, true);
                for (id, anns) in new_anns {
                    if added.contains(&id) && !anns.is_empty() {
                        s.session.anns.replace_doc(&id, anns);
                    }
                }
                let updated = plan.updates.len();
                for (doc, index, mut ann) in plan.updates {
                    // The imported time is kept (export, import, export gives the same
                    // file); a record without one is stamped now for the tab merge.
                    if ann.updated == 0 {
                        ann.updated = now;
                    }
                    s.session.anns.set(&doc, index, ann);
                }
                let conflicts = plan.conflicts.len();
                Rc::make_mut(&mut s.conflicts).extend(plan.conflicts);
                let mut text = format!(
                    "{source}: {} document(s) added, {updated} annotation(s) merged, {} unchanged",
                    added.len(),
                    plan.unchanged
                );
                if conflicts > 0 {
                    text.push_str(&format!(", {conflicts} conflict(s) to resolve (see the list)"));
                }
                if !plan.unmatched.is_empty() {
                    let list: Vec<String> =
                        plan.unmatched.iter().take(5).map(|(d, t, _)| format!("{d}: “{t}”")).collect();
                    text.push_str(&format!(
                        ", {} annotation(s) not applied because their sentence is not in our version of the document ({})",
                        plan.unmatched.len(),
                        list.join("; ")
                    ));
                }
                s.notify(if conflicts > 0 { Level::Error } else { Level::Info }, text + ".", false);
            }
            Action::ResolveConflict { index, keep_theirs } => {
                if index >= s.conflicts.len() {
                    return self;
                }
                let c = Rc::make_mut(&mut s.conflicts).remove(index);
                if keep_theirs {
                    let mut ann = c.theirs.clone();
                    ann.updated = now;
                    s.session.anns.set(&c.doc, c.index, ann);
                }
            }
            Action::External { doc, shard } => {
                let Some(d) = s.session.doc_index(&doc).map(|i| s.session.docs[i].clone()) else {
                    return self;
                };
                let (theirs, _) = storage::reattach(&d, shard);
                let none = DocAnnotations::new();
                let ours = s.session.anns.doc(&doc).map_or(&none, |r| &**r);
                let (merged, changed) = storage::merge_latest(ours, &theirs);
                if !changed {
                    return self;
                }
                s.session.anns.replace_doc(&doc, merged);
            }
            Action::Notify(level, text) => s.notify(level, text, false),
            Action::Dismiss(id) => Rc::make_mut(&mut s.messages).retain(|m| m.id != id),
            Action::Progress(p) => s.progress = p,
            Action::Dragging(on) => {
                if s.dragging == on {
                    return self;
                }
                s.dragging = on;
            }
            Action::StorageStatus { full, used } => {
                // The meter shows kilobytes: a change below that is not worth a render.
                if s.storage_full == full && s.storage_used / 1024 == used / 1024 {
                    return self;
                }
                s.storage_full = full;
                s.storage_used = used;
            }
        }
        Rc::new(s)
    }
}

pub type StateHandle = UseReducerHandle<State>;

/// Source name of articles another tab imported (reported only when new here).
pub const FROM_OTHER_TAB: &str = "another tab";
