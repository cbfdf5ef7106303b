//! The one UI state (`Reducible`) and its actions. The reducer routes: the domain
//! (`core::session::Session`) decides every change to the work; this adds only what the
//! screen needs (dialogs, messages, the live region, caret requests) and turns the
//! domain's events into words. An action that changes nothing returns the same state, so
//! nothing re-renders and nothing is copied.

use std::rc::Rc;

use yew::prelude::*;

use crate::platform::clock::now_ms;
use annotator_core::annotations::{DocAnnotations, Edit};
use annotator_core::document::Document;
use annotator_core::keys::Command;
use annotator_core::session::{Event, Filter, Session};
use annotator_core::settings::Settings;
use annotator_core::storage::plan::Saved;
use annotator_core::sync::{CatchUp, Event as SyncEvent, Status as SyncStatus};

use crate::view::announce;
use crate::view::words::{self, Note};

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
    /// Offers an "Undo" of a removal next to the message.
    pub undo: Option<Undo>,
    /// How many times this message came (the same words again count, they do not pile up).
    pub times: u32,
    /// Articles imported one file after another: one message counts them all.
    pub tally: Option<Tally>,
}

/// What the imports of articles in one message added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub files: usize,
    pub added: usize,
    pub kept: usize,
}

/// A removal a message can undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undo {
    Document,
    Layer,
}

/// On a narrow screen the document list and the side panel are drawers over the article
/// (one at a time); on a wide one they are columns and this is ignored by the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawer {
    Docs,
    Side,
}

/// An overlay that takes the keys while open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Help,
    /// The label set and guidelines editor.
    Labels,
    ConfirmRemove,
    /// Whose work is an imported export? Open while the session has a question (`intake.rs`).
    ImportIntent,
}

#[derive(Clone, Debug)]
pub struct State {
    pub session: Session,
    pub loaded: bool,
    /// The open article shown, inert and unsaved, while a large corpus is read (`Action::Preview`).
    pub preview: bool,
    pub dialog: Option<Dialog>,
    pub messages: Rc<Vec<Message>>,
    next_message: u64,
    /// Storage written by a newer version: never written to (see core::storage).
    pub read_only: bool,
    /// What the live region says about the last action.
    pub announce: String,
    /// Bumped when the note field should take the caret.
    pub note_request: u32,
    /// Bumped when the search field should take the caret.
    pub search_request: u32,
    /// Import in progress: (done, total) files.
    pub progress: Option<(usize, usize)>,
    /// Export being written: (done, total) documents.
    pub export_progress: Option<(usize, usize)>,
    /// Files are being dragged over the page: show where to drop them.
    pub dragging: bool,
    /// The agreement panel is open.
    pub agreement_open: bool,
    /// The drawer open on a narrow screen.
    pub drawer: Option<Drawer>,
    /// The toolbar's menu is open on a narrow screen.
    pub menu_open: bool,
    /// Why the label editor's last Save was refused (shown in the dialog).
    pub labels_error: Option<String>,
    /// The team sync's status (`[data-sync-status]`) and its error in words.
    pub sync_status: SyncStatus,
    /// The sync's catch-up under way (a first pull), shown while it runs.
    pub sync_pull: Option<CatchUp>,
    pub sync_message: Option<String>,
    /// The sync checkpoint to save once the changes it follows are saved (app.rs).
    pub sync_checkpoint: Option<Rc<String>>,
    /// `f` was pressed: the next key chooses a filter.
    pub filter_prefix: bool,
    /// Bumped when the "go to sentence" field should take the caret.
    pub goto_request: u32,
    /// Split mode (docs/FORMAT.md §4, Sentence boundaries): the sentence being split and the
    /// chosen gap (a position in its `split_gaps`).
    pub split: Option<Split>,
    /// Counts the changes of the state: the panels' copy is behind while it differs (app.rs).
    pub stamp: u64,
    /// The last change came from a key press the panels may show after the paint
    /// (`panels_follow`): the rows show it in the next frame, the panels just after.
    pub quick: bool,
}

/// Two states of the page are the same when they are the same change (`stamp`): comparing the
/// context's state on each render then costs one integer, not a walk through the session.
impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.stamp == other.stamp
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    pub sentence: usize,
    pub gap: usize,
}

/// Everything read at start-up.
pub struct Startup {
    pub session: Session,
    pub messages: Vec<(Level, String)>,
    pub read_only: bool,
    /// What storage holds, for the saver (taken by the App before `Loaded`).
    pub saved: Option<Saved>,
    /// The database read at start-up (`None`: IndexedDB unavailable), for the saver.
    pub idb: Option<crate::platform::idb::Idb>,
    /// The team sync's checkpoint as stored (`sa/v1/sync`), for the sync driver.
    pub checkpoint: Option<String>,
}

pub enum Action {
    /// The open article, read before the rest of a large corpus (`ui::startup`).
    Preview(Box<Session>),
    Loaded(Box<Startup>),
    Command(Command),
    Focus(usize),
    /// A key pressed while the agreement panel has the keyboard focus (not the article): the
    /// panel holds it as a dialog does (Escape closes it, ? opens the help) and says so, so no
    /// key acts on a sentence the panel hides.
    HeldKey(Command),
    /// Take the suggestion shown on a sentence (a tap on it, or the label bar's button for
    /// the focused one: `None`), as Enter takes it.
    Accept(Option<usize>),
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
    /// Mark the open document done, or unmark it.
    ToggleDone,
    /// Open or close the agreement panel.
    ToggleAgreement,
    /// Enter or leave review mode (adjudication).
    ToggleReview,
    /// Remove another annotator's layer (undone with `UndoRemoveLayer`).
    RemoveLayer(String),
    UndoRemoveLayer,
    /// Articles brought by the person; `source` names the file in messages.
    ImportArticles {
        from: ArticlesFrom,
        docs: Vec<Document>,
    },
    /// An annotation export: restored into an empty session, merged into a used one.
    ImportExport {
        source: String,
        /// The export's annotator name and label names: one's own work, or a colleague's layer.
        annotator: Option<String>,
        labels: Vec<String>,
        /// The export's full label set and guidelines (absent in older exports).
        label_set: Option<annotator_core::labels::LabelSet>,
        incoming: Vec<(Document, DocAnnotations)>,
        /// The export's documents marked done.
        done: Vec<String>,
    },
    /// The page's own JSONL or CSV view of an export, read back: restored onto the
    /// documents the page has, then imported as its export would be.
    ImportView {
        source: String,
        view: annotator_core::export::Table,
    },
    ResolveConflict {
        index: usize,
        keep_theirs: bool,
    },
    /// The person's answer to the import-intent dialog.
    AnswerImport(annotator_core::session::Answer),
    /// Review mode: a label button's edit of the focused sentence's gold.
    Gold(Edit),
    /// Review mode: these labels (empty: none applies) as the focused sentence's gold (an
    /// annotator's vote, or the majority, clicked).
    TakeGold(Vec<String>),
    /// Another tab wrote a document's annotations (made by segmenter `seg`).
    External {
        doc: String,
        seg: String,
        records: DocAnnotations,
    },
    Notify(Level, String),
    Dismiss(u64),
    Progress(Option<(usize, usize)>),
    /// A streamed export's progress in documents (`None`: ended).
    ExportProgress(Option<(usize, usize)>),
    Dragging(bool),
    /// Opens a drawer (closing the other), or closes it when it is open; `None` closes any.
    ToggleDrawer(Option<Drawer>),
    ToggleMenu,
    /// Review mode: take this annotator's sentence boundaries for the open document.
    AdoptBoundaries(String),
    /// Save the label set edited in the page.
    SetLabels(annotator_core::labels::LabelSet),
    /// What an answer of the team database brought (applied in order), and the sync
    /// checkpoint to save after it.
    Synced {
        events: Vec<SyncEvent>,
        checkpoint: Option<String>,
    },
    /// The team sync's status changed.
    SyncStatus(SyncStatus, Option<String>),
    /// The sync's catch-up began, went on, or ended (`None`).
    SyncPull(Option<CatchUp>),
    /// The key pressed after `f` (a filter's key, or anything else to cancel).
    FilterKey(String),
    /// Go to sentence number `n` (from 1) of the open document.
    GoTo(usize),
    /// Split the focused sentence at this byte offset (a click on a gap).
    SplitAt(usize),
    /// Enter split mode on the focused sentence (the button), or leave it.
    ToggleSplit,
}

impl State {
    pub fn new() -> State {
        State {
            session: Session::new(annotator_core::labels::LabelSet::default_set(), now_ms()),
            loaded: false,
            preview: false,
            dialog: None,
            messages: Rc::default(),
            next_message: 1,
            read_only: false,
            announce: String::new(),
            note_request: 0,
            search_request: 0,
            progress: None,
            export_progress: None,
            dragging: false,
            agreement_open: false,
            drawer: None,
            menu_open: false,
            sync_status: SyncStatus::Off,
            sync_pull: None,
            sync_message: None,
            sync_checkpoint: None,
            split: None,
            filter_prefix: false,
            labels_error: None,
            goto_request: 0,
            stamp: 0,
            quick: false,
        }
    }

    /// A restored export (or a view of one) goes to one's own work or a colleague's layer,
    /// or waits for the person's answer (`intake.rs`), and the page says where.
    #[allow(clippy::too_many_arguments)]
    fn import_export(
        &mut self,
        source: &str,
        incoming: Vec<(Document, DocAnnotations)>,
        annotator: Option<String>,
        labels: &[String],
        label_set: Option<annotator_core::labels::LabelSet>,
        done: &[String],
        now: u64,
    ) {
        let labels = labels.to_vec();
        let (source, done) = (source.to_owned(), done.to_vec());
        self.receive(annotator_core::session::Arrival { source, incoming, annotator, labels, label_set, done }, now);
    }

    pub(super) fn notify(&mut self, level: Level, text: String, undo: Option<Undo>) {
        // The same message again does not pile up: the earlier one goes, the new one shows,
        // counted.
        let list = Rc::make_mut(&mut self.messages);
        let times = match list.iter().position(|m| m.level == level && m.text == text && m.undo == undo) {
            Some(at) => list.remove(at).times + 1,
            None => 1,
        };
        self.push_message(Message { id: 0, level, text, undo, times, tally: None });
    }

    /// Articles imported from `files` file(s): one message for imports that follow each
    /// other ("3 files imported: …"), not one per file.
    fn notify_articles(&mut self, source: &str, files: usize, added: usize, kept: usize) {
        let list = Rc::make_mut(&mut self.messages);
        let (tally, text) = match list.iter().position(|m| m.tally.is_some()) {
            Some(at) => {
                let t = list.remove(at).tally.unwrap_or_default();
                let t = Tally { files: t.files + files, added: t.added + added, kept: t.kept + kept };
                (t, words::files_imported(t.files, t.added, t.kept))
            }
            None => (Tally { files, added, kept }, words::articles_added(source, added, kept)),
        };
        self.push_message(Message { id: 0, level: Level::Info, text, undo: None, times: 1, tally: Some(tally) });
    }

    /// Shows `message` as the newest, with an id of its own.
    fn push_message(&mut self, mut message: Message) {
        message.id = self.next_message;
        self.next_message += 1;
        let list = Rc::make_mut(&mut self.messages);
        list.push(message);
        // Keep the newest few: old news goes, errors included (they are also logged).
        if list.len() > 6 {
            list.remove(0);
        }
    }

    /// What covers the article on a narrow screen and holds the keys while open (see
    /// `screen_command`), the topmost first: the menu, a drawer. (Their buttons show on
    /// narrow screens only.)
    fn covering(&self) -> Option<&'static str> {
        if self.menu_open {
            Some("menu")
        } else {
            self.drawer.map(|d| match d {
                Drawer::Docs => "document list",
                Drawer::Side => "details panel",
            })
        }
    }

    /// Whether Escape is for a dialog or a panel (the App leaves Escape on a button to the
    /// button otherwise).
    pub fn holds_keys(&self) -> bool {
        self.dialog.is_some() || self.covering().is_some() || self.agreement_open
    }

    /// Closes the agreement panel; its message about held keys has nothing left to say.
    fn close_agreement(&mut self) {
        self.agreement_open = false;
        let held = held_words();
        if self.messages.iter().any(|m| m.text == held) {
            Rc::make_mut(&mut self.messages).retain(|m| m.text != held);
        }
    }

    /// Closes what `covering` names first.
    fn close_covering(&mut self) {
        if self.menu_open {
            self.menu_open = false;
        } else {
            self.drawer = None;
        }
    }

    fn say(&mut self, event: Event) {
        // A removal undone by Ctrl+Z: its message's Undo button has nothing left to do.
        if matches!(event, Event::Restored { .. }) {
            Rc::make_mut(&mut self.messages).retain(|m| m.undo != Some(Undo::Document));
        }
        // A decision at a document's end that moved elsewhere (or could not) is said on screen,
        // in a short line; the article's head shows the title.
        if let Event::Edited { moved: Some(m), then, .. } = &event {
            let doc = (self.session.open_index() + 1, self.session.docs().len());
            self.notify(Level::Info, announce::moved(m, doc, *then), None);
        }
        // A split keeps the decision on the first part: said, so that nobody takes the second
        // part's lack of one for a lost label.
        if let Event::Split { index, .. } = &event {
            if let Some(ann) = self.session.annotation(*index).filter(|a| a.decided()) {
                let labels = if ann.labels.is_empty() { "none".to_owned() } else { ann.labels.join(", ") };
                self.notify(Level::Info, words::note(&Note::SplitKept { index: *index, labels: &labels }), None);
            }
        }
        if let Event::Joined { index, dropped } = &event {
            if let Some(text) = announce::dropped(*index, dropped) {
                self.notify(Level::Info, text, None);
            }
        }
        if let Some(words) = announce::words(&event) {
            self.announce = words;
        }
    }

    /// The screen's own commands; `None` when the command is the domain's.
    fn screen_command(self: &Rc<Self>, cmd: &Command) -> Option<Rc<Self>> {
        if let Some(open) = self.dialog {
            // An open dialog takes the keys: only Escape (and ? for help) act.
            let closes = matches!(cmd, Command::Escape) || (matches!(cmd, Command::Help) && open == Dialog::Help);
            return Some(match (closes, open) {
                // Escape on "whose work is it?": the export is not imported.
                (true, Dialog::ImportIntent) => {
                    self.with(|s| s.answer(annotator_core::session::Answer::Cancel, now_ms()))
                }
                (true, _) => self.with(|s| s.dialog = None),
                _ => self.clone(),
            });
        }
        // A panel over the article (the menu or a drawer on a narrow screen; the agreement
        // panel is `Action::HeldKey`'s) holds the keys as a dialog does: Escape closes it, ?
        // opens the help, and no key acts on a sentence the person cannot see. The screen
        // reader hears why.
        if let Some(panel) = self.covering() {
            return Some(match cmd {
                Command::Escape => self.with(State::close_covering),
                Command::Help => self.with(|s| s.dialog = Some(Dialog::Help)),
                _ => {
                    let why = words::note(&Note::PanelHoldsKeys(panel));
                    if self.announce == why {
                        return Some(self.clone());
                    }
                    self.with(|s| s.announce = why)
                }
            });
        }
        // Split mode takes the arrows, Enter and Escape; any other key leaves it.
        if let Some(split) = self.split {
            let gaps = self.session.split_gaps();
            return Some(match cmd {
                Command::GapPrev => self.with(|s| s.split = Some(Split { gap: split.gap.saturating_sub(1), ..split })),
                Command::GapNext => self.with(|s| {
                    s.split = Some(Split { gap: (split.gap + 1).min(gaps.len().saturating_sub(1)), ..split })
                }),
                Command::AcceptSuggestion => match gaps.get(split.gap) {
                    Some(&at) => self.with(|s| {
                        s.split = None;
                        let event = s.session.split_focused(at, now_ms());
                        s.say(event);
                    }),
                    None => self.with(|s| s.split = None),
                },
                Command::Escape | Command::SplitMode => self.with(|s| {
                    s.split = None;
                    s.announce = words::note(&Note::SplitLeft);
                }),
                // Another key leaves split mode and does what it does (the domain's commands
                // leave it in `reduce`).
                _ => {
                    let mut left = (**self).clone();
                    left.split = None;
                    return Rc::new(left).screen_command(cmd);
                }
            });
        }
        Some(match cmd {
            Command::Help => self.with(|s| s.dialog = Some(Dialog::Help)),
            Command::SplitMode => self.enter_split(),
            Command::FilterPrefix => self.with(|s| {
                s.filter_prefix = true;
                s.announce = words::note(&Note::FilterPrefix);
            }),
            Command::GoTo => self.with(|s| s.goto_request += 1),
            Command::EditNote => self.with(|s| s.note_request += 1),
            Command::Search => self.with(|s| s.search_request += 1),
            // Escape closes an open drawer or menu first.
            // Escape closes the agreement panel before it clears a filter or a search.
            Command::Escape if self.agreement_open => self.with(State::close_agreement),
            Command::Escape if self.session.reviewing() => self.with(|s| {
                let event = s.session.toggle_review();
                s.say(event);
            }),
            Command::Escape => {
                if self.session.shows_all() && self.session.search().is_empty() {
                    return Some(self.clone());
                }
                self.with(|s| {
                    s.session.clear_view();
                })
            }
            _ => return None,
        })
    }

    /// Split mode on the focused sentence, at its middle gap (or says there is none).
    fn enter_split(self: &Rc<Self>) -> Rc<Self> {
        let gaps = self.session.split_gaps();
        self.with(|s| {
            if gaps.is_empty() {
                s.announce = words::note(&Note::NothingToSplit);
            } else {
                s.split = Some(Split { sentence: s.session.focus(), gap: (gaps.len() - 1) / 2 });
                s.announce = words::note(&Note::SplitMode { gaps: gaps.len() });
            }
        })
    }

    /// A copy with one change.
    fn with(self: &Rc<Self>, f: impl FnOnce(&mut State)) -> Rc<Self> {
        let mut s = (**self).clone();
        f(&mut s);
        Rc::new(s)
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
        let before = Rc::as_ptr(&self);
        let open_before = self.session.open_doc().map(Rc::as_ptr);
        let quick = matches!(&action, Action::Command(cmd) if panels_follow(cmd));
        let mut next = self.reduce_inner(action);
        // (`before` is still alive: the hook holds the current state while it reduces.)
        if Rc::as_ptr(&next) != before {
            let changed = Rc::make_mut(&mut next);
            changed.stamp = changed.stamp.wrapping_add(1);
            // A key that opened another document (`n`, a label on the last undecided
            // sentence, an undo elsewhere) or changed this one's sentences (undoing a split)
            // is drawn whole in its frame: the article's head, read from the panels' copy,
            // must not show the previous document over the new rows.
            changed.quick = quick && changed.session.open_doc().map(Rc::as_ptr) == open_before;
        }
        next
    }
}

/// The message of a key the agreement panel held (see `Action::HeldKey`).
fn held_words() -> String {
    format!("{}, or click a sentence to work on it.", words::note(&Note::PanelHoldsKeys("agreement panel")))
}

/// Key commands that change a sentence's decision, note or flag (or its boundaries).
fn decides(cmd: &Command) -> bool {
    use Command::*;
    matches!(cmd, Label(_) | Clear | DecideNone | ToggleUnsure | Undo | Redo | SplitMode | JoinNext)
}

/// Key commands whose effect the side panel and the document list may show one paint
/// after the sentence rows (a label, a move, undo): what the person looks at, the row and
/// the label bar, changes in the frame after the key, and the key press does not wait for
/// counts and panels. Commands that open, switch or focus something do not follow.
fn panels_follow(cmd: &Command) -> bool {
    use Command::*;
    match cmd {
        Label(_) | Clear | Next | Prev | First | Last | PageDown | PageUp | NextUndecided | AcceptSuggestion
        | DecideNone | ToggleUnsure | Undo | Redo | GapPrev | GapNext => true,
        NextDoc | PrevDoc | SplitMode | JoinNext | NextUnsure | NextNote | GoTo | FilterPrefix | EditNote | Search
        | Help | Escape => false,
    }
}

impl State {
    fn reduce_inner(self: Rc<Self>, action: Action) -> Rc<Self> {
        // While the open article is shown first, the session is about to be replaced by the
        // one read from everything: nothing may change it (or save it).
        if self.preview && !matches!(action, Action::Loaded(_) | Action::Notify(..) | Action::Dismiss(_)) {
            return self;
        }
        // Arms that may change nothing answer before the state is copied.
        match &action {
            Action::Preview(_) if self.loaded => return self,
            Action::Command(cmd) => {
                if let Some(next) = self.screen_command(cmd) {
                    return next;
                }
            }
            Action::Focus(i) if self.session.focus() == *i => return self,
            Action::SetNote(note) if self.session.annotation(self.session.focus()).map_or("", |a| &a.note) == note => {
                return self
            }
            Action::Dragging(on) if self.dragging == *on => return self,
            Action::Progress(p) if self.progress == *p => return self,
            Action::ExportProgress(p) if self.export_progress == *p => return self,
            Action::ResolveConflict { index, .. } if *index >= self.session.conflicts().len() => return self,
            Action::External { doc, .. } if self.session.doc_index(doc).is_none() => return self,
            Action::SyncStatus(status, message) if self.sync_status == *status && self.sync_message == *message => {
                return self
            }
            Action::SyncPull(p) if self.sync_pull == *p => return self,
            _ => {}
        }
        let mut s = (*self).clone();
        let now = now_ms();
        // Moving, editing or filtering leaves split mode.
        if matches!(
            action,
            Action::Command(_)
                | Action::Focus(_)
                | Action::Accept(_)
                | Action::OpenDoc(_)
                | Action::Edit(_)
                | Action::SetFilter(_)
                | Action::SetSearch(_)
                | Action::ToggleReview
        ) {
            s.split = None;
        }
        match action {
            Action::Preview(session) => {
                s.session = *session;
                s.preview = true;
            }
            Action::Loaded(start) => {
                s.session = start.session;
                s.read_only = start.read_only;
                s.loaded = true;
                s.preview = false;
                for (level, text) in start.messages {
                    s.notify(level, text, None);
                }
            }
            Action::Command(cmd) => {
                let event = s.session.command(&cmd, now);
                s.say(event);
            }
            Action::Focus(i) => {
                let event = s.session.focus_sentence(i);
                s.say(event);
            }
            Action::HeldKey(cmd) => match cmd {
                Command::Escape => s.close_agreement(),
                Command::Help => s.dialog = Some(Dialog::Help),
                // A key that would have changed a sentence's decision is said on screen too;
                // a move or Enter (a control's own key in the panel) only to the screen reader.
                _ => {
                    let text = words::note(&Note::PanelHoldsKeys("agreement panel"));
                    s.announce.clone_from(&text);
                    if decides(&cmd) {
                        s.notify(Level::Info, held_words(), None);
                    }
                }
            },
            Action::Accept(at) => {
                if let Some(i) = at {
                    let event = s.session.focus_sentence(i);
                    s.say(event);
                }
                let event = s.session.command(&Command::AcceptSuggestion, now);
                s.say(event);
            }
            Action::OpenDoc(i) => {
                // Choosing a document closes the list's drawer: the article is what comes next.
                if s.drawer == Some(Drawer::Docs) {
                    s.drawer = None;
                }
                let event = s.session.select_doc(i);
                s.say(event);
            }
            Action::Edit(edit) => {
                let event = s.session.edit_focused(edit, now);
                s.say(event);
            }
            Action::SetNote(note) => {
                let event = s.session.set_note(note, now);
                s.say(event);
            }
            Action::SetFilter(f) => s.session.set_filter(f),
            Action::SetSearch(q) => s.session.set_search(q),
            Action::SetSettings(settings) => s.session.set_settings(settings),
            Action::SetAnnotator(name) => s.session.set_annotator(name),
            Action::CloseDialog => {
                s.dialog = None;
                s.labels_error = None;
            }
            Action::OpenDialog(d) => {
                // A dialog chosen from the menu closes the menu (it would hold the keys after).
                s.dialog = Some(d);
                s.menu_open = false;
            }
            Action::ConfirmRemove => {
                s.dialog = None;
                if let Some(event) = s.session.remove_open_doc() {
                    if let Event::Removed { title, .. } = &event {
                        s.notify(Level::Info, words::note(&Note::DocumentRemoved(title)), Some(Undo::Document));
                    }
                    s.say(event);
                }
            }
            Action::ToggleAgreement => {
                // One panel over the article at a time: the menu and a drawer close.
                if s.agreement_open {
                    s.close_agreement();
                } else {
                    s.agreement_open = true;
                }
                s.menu_open = false;
                s.drawer = None;
            }
            Action::ToggleReview => {
                let event = s.session.toggle_review();
                s.say(event);
            }
            Action::RemoveLayer(name) => {
                let event = s.session.remove_layer(&name);
                if event != Event::Quiet {
                    s.notify(Level::Info, words::note(&Note::LayerRemoved(&name)), Some(Undo::Layer));
                }
                s.say(event);
            }
            Action::UndoRemoveLayer => {
                let event = s.session.undo_remove_layer();
                s.say(event);
                Rc::make_mut(&mut s.messages).retain(|m| m.undo != Some(Undo::Layer));
            }
            Action::ToggleDone => {
                let event = s.session.toggle_done();
                s.say(event);
            }
            Action::UndoRemove => {
                let event = s.session.undo_remove();
                s.say(event);
                Rc::make_mut(&mut s.messages).retain(|m| m.undo != Some(Undo::Document));
            }
            Action::ImportArticles { from, docs } => {
                let total = docs.len();
                let added = s.session.add_documents(docs, true);
                let source = match from {
                    // Another tab's import only keeps this list in step: said when it adds.
                    ArticlesFrom::OtherTab if added.is_empty() => return self,
                    ArticlesFrom::OtherTab => {
                        let text = words::articles_added(words::OTHER_TAB, added.len(), total - added.len());
                        s.notify(Level::Info, text, None);
                        return Rc::new(s);
                    }
                    ArticlesFrom::File { name, files } => {
                        // The person imported to read: the first new document opens.
                        if let Some(i) = added.first().and_then(|id| s.session.doc_index(id)) {
                            if i != s.session.open_index() {
                                let event = s.session.select_doc(i);
                                s.say(event);
                            }
                        }
                        (name, files)
                    }
                };
                s.notify_articles(&source.0, source.1, added.len(), total - added.len());
            }
            Action::ImportExport { source, incoming, done, annotator, labels, label_set } => {
                s.import_export(&source, incoming, annotator, &labels, label_set, &done, now);
            }
            Action::ImportView { source, view } => {
                let restored = s.session.view_export(&view).map_err(|e| words::view_error(&e)).and_then(|exp| {
                    annotator_core::export::restore(&exp).map(|i| (exp, i)).map_err(|e| words::export_error(&e))
                });
                match restored {
                    Ok((exp, incoming)) => {
                        s.import_export(&source, incoming, exp.annotator.clone(), &exp.labels, None, &[], now)
                    }
                    Err(why) => s.notify(Level::Error, format!("{source}: {why}"), None),
                }
            }
            Action::AnswerImport(answer) => s.answer(answer, now),
            Action::Gold(edit) => {
                let event = s.session.edit_gold(edit, now);
                s.say(event);
            }
            Action::TakeGold(labels) => {
                let event = s.session.take_gold(labels, now);
                s.say(event);
            }
            Action::ResolveConflict { index, keep_theirs } => {
                let event = s.session.resolve_conflict(index, keep_theirs, now);
                s.say(event);
            }
            Action::External { doc, seg, records } => {
                if !s.session.merge_external(&doc, &seg, records) {
                    return self;
                }
            }
            Action::Notify(level, text) => s.notify(level, text, None),
            Action::Dismiss(id) => Rc::make_mut(&mut s.messages).retain(|m| m.id != id),
            Action::Progress(p) => {
                // A drop of files begins: exports arriving until it ends belong together.
                if s.progress.is_none() && p.is_some() {
                    s.session.begin_drop();
                }
                s.progress = p
            }
            Action::ExportProgress(p) => s.export_progress = p,
            Action::Dragging(on) => s.dragging = on,
            Action::ToggleDrawer(d) => {
                s.drawer = if s.drawer == d { None } else { d };
                s.menu_open = false;
            }
            Action::ToggleMenu => s.menu_open = !s.menu_open,
            Action::AdoptBoundaries(name) => {
                let event = s.session.adopt_boundaries(&name, now);
                if let Event::BoundariesAdopted { dropped, .. } = &event {
                    if !dropped.is_empty() {
                        s.notify(Level::Info, words::note(&Note::BoundariesAdopted { name: &name, dropped }), None);
                    }
                }
                s.say(event);
            }
            Action::SetLabels(set) => match s.session.set_labels(set) {
                Ok(event) => {
                    s.dialog = None;
                    s.labels_error = None;
                    if let Some(text) = announce::words(&event).filter(|_| matches!(event, Event::LabelsChanged { .. }))
                    {
                        s.notify(Level::Info, format!("{text}."), None);
                    }
                    s.say(event);
                }
                Err(reason) => s.labels_error = Some(format!("Not saved: {}.", words::label_error(&reason))),
            },
            Action::Synced { events, checkpoint } => {
                let mut changed = false;
                for e in events {
                    changed |= s.session.apply_synced(e);
                }
                if let Some(cp) = checkpoint {
                    s.sync_checkpoint = Some(Rc::new(cp));
                    changed = true;
                }
                if !changed {
                    return self;
                }
            }
            Action::SyncStatus(status, message) => {
                s.sync_status = status;
                s.sync_message = message;
            }
            Action::SyncPull(p) => s.sync_pull = p,
            Action::FilterKey(key) => {
                s.filter_prefix = false;
                match annotator_core::keys::filter_for_key(s.session.labels(), &key) {
                    Some(f) => {
                        s.announce = words::note(&Note::Showing(&f));
                        s.session.set_filter(f);
                    }
                    None => s.announce = words::note(&Note::NoSuchFilter),
                }
            }
            Action::GoTo(n) => {
                let event = s.session.go_to_sentence(n.saturating_sub(1));
                if let Event::NoSuchSentence { .. } = &event {
                    if let Some(words) = announce::words(&event) {
                        s.notify(Level::Error, words + ".", None);
                    }
                }
                s.say(event);
            }
            Action::SplitAt(at) => {
                s.split = None;
                let event = s.session.split_focused(at, now);
                s.say(event);
            }
            Action::ToggleSplit => {
                if s.split.is_some() {
                    s.split = None;
                } else {
                    return Rc::new(s).enter_split();
                }
            }
        }
        Rc::new(s)
    }
}

pub type StateHandle = UseReducerHandle<State>;

/// Where imported articles come from: a file (or paste) the person chose, which opens the
/// first new article, or another tab's import, which only keeps this tab's list in step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticlesFrom {
    /// `name`: the file's, or "3 files" for a batch of `files`.
    File {
        name: String,
        files: usize,
    },
    OtherTab,
}
