//! Where the person is: the open document, the focused sentence, and which sentences the
//! article view shows (filter and search). Plain values, cheap to copy with the state.

use crate::core::annotations::Annotation;

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

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub open: usize,
    pub focus: usize,
    pub filter: Filter,
    pub search: String,
}

impl Cursor {
    /// No filter and no search: every sentence is shown.
    pub fn shows_all(&self) -> bool {
        self.filter == Filter::All && self.search.trim().is_empty()
    }
}
