//! Where the person is: the open document, the focused sentence, and which sentences the
//! article view shows (filter and search). Plain values, cheap to copy with the state.

use crate::annotations::Annotation;
use crate::labels::LabelSet;

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

/// The filters a key chooses after `f`, besides the labels' own keys: (key, filter, word).
/// The one table the key handling, the help's line and the filter bar's order read; the
/// labels come after the first three.
pub const FILTER_KEYS: [(&str, Filter, &str); 5] = [
    ("a", Filter::All, "all"),
    ("u", Filter::Undecided, "undecided"),
    ("0", Filter::NoLabel, "none"),
    ("x", Filter::Unsure, "unsure"),
    ("e", Filter::Note, "notes"),
];

impl Filter {
    /// Every filter of a label set, in the filter bar's order: all, undecided, none, the
    /// labels, unsure, notes.
    pub fn every(labels: &LabelSet) -> Vec<Filter> {
        let [all, undecided, none, unsure, note] = FILTER_KEYS.map(|(_, f, _)| f);
        let mut v = vec![all, undecided, none];
        v.extend(labels.labels.iter().map(|l| Filter::Label(l.name.clone())));
        v.extend([unsure, note]);
        v
    }

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

    /// The first of `n` sentences that is shown.
    pub fn first_shown(n: usize, shown: impl Fn(usize) -> bool) -> Option<usize> {
        (0..n).find(|&i| shown(i))
    }

    /// The last of `n` sentences that is shown.
    pub fn last_shown(n: usize, shown: impl Fn(usize) -> bool) -> Option<usize> {
        (0..n).rev().find(|&i| shown(i))
    }

    /// The shown sentence one step from the focus in direction `dir` (hidden ones skipped);
    /// `None` past either end of the `n` sentences.
    pub fn step_from_focus(&self, n: usize, dir: isize, shown: impl Fn(usize) -> bool) -> Option<usize> {
        let mut i = self.focus as isize + dir;
        while i >= 0 && (i as usize) < n {
            if shown(i as usize) {
                return Some(i as usize);
            }
            i += dir;
        }
        None
    }

    /// The open document moved `dir` documents on or back, if there is one of `docs`.
    pub fn doc_step(&self, docs: usize, dir: isize) -> Option<usize> {
        let target = self.open as isize + dir;
        (target >= 0 && (target as usize) < docs).then_some(target as usize)
    }

    /// Remembers the focus as the place of the open document `open_id`; at most
    /// [`PLACES`] documents are remembered (another one is forgotten first).
    pub fn remember_place(&mut self, open_id: &str) {
        if self.places.get(open_id) == Some(&self.focus) {
            return;
        }
        let places = std::rc::Rc::make_mut(&mut self.places);
        places.insert(open_id.to_owned(), self.focus);
        while places.len() > PLACES {
            let Some(other) = places.keys().find(|k| *k != open_id).cloned() else { break };
            places.remove(&other);
        }
    }

    /// Where document `id` of `n` sentences opens: where the person left it if that sentence
    /// is shown, else its first shown sentence.
    pub fn place_in(&self, id: &str, n: usize, shown: impl Fn(usize) -> bool) -> usize {
        match self.places.get(id) {
            Some(&i) if i < n && shown(i) => i,
            _ => Cursor::first_shown(n, shown).unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_skip_hidden_sentences_and_stop_at_the_ends() {
        let c = Cursor { focus: 2, ..Cursor::default() };
        let even = |i: usize| i.is_multiple_of(2);
        assert_eq!(c.step_from_focus(7, 1, even), Some(4));
        assert_eq!(c.step_from_focus(7, -1, even), Some(0));
        assert_eq!(c.step_from_focus(4, 1, even), None, "no shown sentence after the focus");
        assert_eq!(Cursor::first_shown(7, |i| i > 2), Some(3));
        assert_eq!(Cursor::last_shown(7, even), Some(6));
        assert_eq!(Cursor::first_shown(0, even), None);
        assert_eq!(c.doc_step(3, 1), Some(1));
        assert_eq!(c.doc_step(3, -1), None);
    }

    #[test]
    fn places_are_remembered_boundedly_and_used_when_shown() {
        let mut c = Cursor { focus: 5, ..Cursor::default() };
        c.remember_place("a");
        assert_eq!(c.place_in("a", 10, |_| true), 5);
        assert_eq!(c.place_in("a", 10, |i| i != 5), 0, "a hidden place: the first shown sentence");
        assert_eq!(c.place_in("a", 4, |_| true), 0, "a place past the end is not used");
        for k in 0..PLACES + 10 {
            c.remember_place(&format!("d{k}"));
        }
        assert_eq!(c.places.len(), PLACES);
        assert!(c.places.contains_key(&format!("d{}", PLACES + 9)), "the newest place is kept");
    }
}
