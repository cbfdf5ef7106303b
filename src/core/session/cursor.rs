//! Where the person is: the open document, the focused sentence, and which sentences the
//! article view shows (filter and search). Plain values, cheap to copy with the state.

use crate::core::annotations::Annotation;

/// Which sentences the article view shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// Not decided yet (no label, no "none", document not done).
    Undecided,
    /// Decided: none of the labels applies.
    NoLabel,
    Label(String),
    Unsure,
    Note,
}

impl Filter {
    /// Stable name for hooks and storage ("all", "undecided", "none", "claim", "unsure", "note").
    pub fn name(&self) -> &str {
        match self {
            Filter::All => "all",
            Filter::Undecided => "undecided",
            Filter::NoLabel => "none",
            Filter::Label(l) => l,
            Filter::Unsure => "unsure",
            Filter::Note => "note",
        }
    }

    /// Whether a sentence with this annotation, in a document marked done or not, is shown.
    pub fn fits(&self, ann: Option<&Annotation>, done: bool) -> bool {
        match self {
            Filter::All => true,
            Filter::Undecided => !done && ann.is_none_or(|a| !a.decided()),
            Filter::NoLabel => ann.is_some_and(|a| a.none) || (done && ann.is_none_or(|a| a.labels.is_empty())),
            Filter::Label(l) => ann.is_some_and(|a| a.labels.iter().any(|x| x == l)),
            Filter::Unsure => ann.is_some_and(|a| a.unsure),
            Filter::Note => ann.is_some_and(|a| !a.note.is_empty()),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub open: usize,
    pub focus: usize,
    pub filter: Filter,
    pub search: String,
    /// Review mode: the label keys set gold (adjudication).
    pub review: bool,
    /// Where the person left each document they opened (its focused sentence), so coming
    /// back returns there; bounded (`PLACES`), shared so a new state copies a pointer.
    pub places: std::rc::Rc<std::collections::BTreeMap<String, usize>>,
}

/// Documents whose place is remembered at most.
pub const PLACES: usize = 200;

impl Cursor {
    /// No filter and no search: every sentence is shown.
    pub fn shows_all(&self) -> bool {
        self.filter == Filter::All && self.search.trim().is_empty()
    }
}
