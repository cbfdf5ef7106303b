//! What a session's actions did, told to the UI as data (the UI words them): one enum for
//! every outcome, so the reducer routes and the domain decides, and no wording lives in the
//! core.

use crate::annotations::Annotation;

/// What an action did, for the UI to tell (words live in the UI).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Nothing worth saying (or nothing happened).
    Quiet,
    /// The focus moved to sentence `index` (0-based) of a document of `of` sentences.
    Focused {
        index: usize,
        of: usize,
    },
    /// A document was opened.
    Opened {
        title: String,
        sentences: usize,
    },
    /// A sentence's annotation changed; `then` says where the focus went after it, and
    /// `moved` when a decision at the end of a document could not simply step on.
    Edited {
        index: usize,
        ann: Annotation,
        then: Option<(usize, usize)>,
        moved: Option<Moved>,
    },
    Undone {
        index: usize,
        ann: Annotation,
    },
    Redone {
        index: usize,
        ann: Annotation,
    },
    NothingToUndo,
    NothingToRedo,
    AllDecided,
    /// Sentence `index` was split in two; the document now has `of` sentences.
    Split {
        index: usize,
        of: usize,
    },
    /// Sentence `index` was joined with the next; `dropped`: labels of the second part that
    /// one label per sentence could not keep.
    Joined {
        index: usize,
        dropped: Vec<String>,
    },
    /// `name`'s sentence boundaries were adopted (review mode): `of` sentences now;
    /// `dropped`: labels one label per sentence could not keep.
    BoundariesAdopted {
        name: String,
        of: usize,
        dropped: Vec<String>,
    },
    /// A boundary edit undone (`undo`) or redone: the document has `of` sentences.
    BoundsRestored {
        index: usize,
        of: usize,
        undo: bool,
    },
    /// The focused sentence has no next sentence in its paragraph (`last`: none at all).
    CannotJoin {
        last: bool,
    },
    /// The label set was replaced (`count` labels).
    LabelsChanged {
        count: usize,
    },
    /// "Go to" a sentence number the document does not have.
    NoSuchSentence {
        asked: usize,
        of: usize,
    },
    /// No other sentence is marked unsure / has a note (`what`: "unsure" or "note").
    NoneLeft {
        what: &'static str,
    },
    /// Enter on a sentence without a suggestion (decided, suggestions off, or nothing to go on).
    NoSuggestion,
    /// The open document was marked done (or, `done` false, unmarked).
    MarkedDone {
        title: String,
        done: bool,
    },
    Removed {
        id: String,
        title: String,
    },
    Restored {
        title: String,
    },
    LayerRemoved {
        name: String,
    },
    /// Review mode entered (`on`) or left.
    Review {
        on: bool,
    },
    /// A sentence's gold label was set; `then` says where the focus went.
    GoldSet {
        index: usize,
        ann: Annotation,
        then: Option<(usize, usize)>,
    },
    /// No disagreement is left without gold.
    AllResolved,
    LayerRestored {
        name: String,
    },
}

/// Where a decision on a document's last sentence took the focus (auto-advance).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moved {
    /// On to the next undecided sentence, in this document (`None`) or another one.
    Undecided { title: Option<String> },
    /// Every sentence of the corpus is decided: the focus stays.
    AllDecided,
}
