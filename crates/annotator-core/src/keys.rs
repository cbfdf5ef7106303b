//! The key table, the one list of the page's keys (docs/FORMAT.md points here). The key
//! handler and the help overlay both read this table, so what the help shows is exactly what
//! the keys do.

use crate::labels::LabelSet;
use crate::session::{Filter, FILTER_KEYS};

/// What a key asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Toggle the label at this position of the label set on the focused sentence.
    Label(usize),
    Clear,
    Next,
    Prev,
    /// First / last shown sentence of the document (Home, End, g, G).
    First,
    Last,
    /// Ten shown sentences on / back (PageDown, PageUp).
    PageDown,
    PageUp,
    NextDoc,
    PrevDoc,
    NextUndecided,
    /// Take the focused sentence's suggestion (docs/ARCHITECTURE.md, Suggestions): a decision
    /// like its key; in split mode, split at the chosen gap.
    AcceptSuggestion,
    /// Enter split mode on the focused sentence (docs/FORMAT.md §4, Sentence boundaries).
    SplitMode,
    /// Join the focused sentence with the next one in its paragraph.
    JoinNext,
    /// The next sentence marked unsure / with a note, across documents.
    NextUnsure,
    NextNote,
    /// Put the caret into the "go to sentence" field.
    GoTo,
    /// `f`: the next key chooses a filter (the screen's: `filter_for_key`).
    FilterPrefix,
    /// Split mode: the previous / next gap between words.
    GapPrev,
    GapNext,
    /// None of the labels applies to the focused sentence (a decision; again: undecided).
    DecideNone,
    ToggleUnsure,
    /// Put the caret into the focused sentence's note.
    EditNote,
    /// Put the caret into the search field.
    Search,
    Undo,
    Redo,
    Help,
    Escape,
}

/// A key as the browser reports it (`KeyboardEvent.key`) with its modifiers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPress {
    pub key: String,
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
}

/// One way to type a command. `ctrl` covers Cmd on macOS too.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Chord {
    key: String,
    ctrl: bool,
    /// Only checked with Ctrl: printable keys already carry Shift in their character.
    shift: bool,
}

impl Chord {
    fn plain(key: &str) -> Chord {
        Chord { key: key.to_owned(), ctrl: false, shift: false }
    }
    fn ctrl(key: &str, shift: bool) -> Chord {
        Chord { key: key.to_owned(), ctrl: true, shift }
    }
    fn matches(&self, p: &KeyPress) -> bool {
        if p.alt || self.ctrl != p.ctrl {
            return false;
        }
        if self.ctrl {
            self.shift == p.shift && self.key.eq_ignore_ascii_case(&p.key)
        } else {
            self.key == p.key
        }
    }
    fn label(&self) -> String {
        let key = match self.key.as_str() {
            "ArrowDown" => "↓",
            "ArrowUp" => "↑",
            " " => "Space",
            k => k,
        };
        match (self.ctrl, self.shift) {
            (true, true) => format!("Ctrl+Shift+{}", key.to_uppercase()),
            (true, false) => format!("Ctrl+{}", key.to_uppercase()),
            _ => key.to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    chords: Vec<Chord>,
    pub description: String,
    pub command: Command,
}

impl Binding {
    /// The keys as shown to people ("1", "c").
    pub fn keys(&self) -> Vec<String> {
        self.chords.iter().map(Chord::label).collect()
    }
}

fn bind(chords: Vec<Chord>, description: &str, command: Command) -> Binding {
    Binding { chords, description: description.to_owned(), command }
}

/// The filter a key chooses after `f` ([`FILTER_KEYS`], or a label's key or other key);
/// `None` for any other key.
pub fn filter_for_key(labels: &LabelSet, key: &str) -> Option<Filter> {
    match FILTER_KEYS.iter().find(|(k, _, _)| *k == key) {
        Some((_, f, _)) => Some(f.clone()),
        None => labels.by_key(key).map(|l| Filter::Label(l.name.clone())),
    }
}

/// The filter keys in one line, as the help and the prompt after `f` show them:
/// "a all, u undecided, 0 none, a label's key, x unsure, e notes".
pub fn filter_keys_help() -> String {
    let word = |(k, _, w): &(&str, Filter, &str)| format!("{k} {w}");
    let mut parts: Vec<String> = FILTER_KEYS[..3].iter().map(word).collect();
    parts.push("a label's key".into());
    parts.extend(FILTER_KEYS[3..].iter().map(word));
    parts.join(", ")
}

/// Every key of the page, labels first.
pub fn table(labels: &LabelSet) -> Vec<Binding> {
    let mut t: Vec<Binding> = labels
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut chords = vec![Chord::plain(&l.key)];
            chords.extend(l.alt_key.iter().map(|k| Chord::plain(k)));
            bind(chords, &format!("Tag {} (again: remove)", l.name), Command::Label(i))
        })
        .collect();
    t.extend([
        bind(vec![Chord::plain("0")], "None of the labels applies (again: undecided)", Command::DecideNone),
        bind(vec![Chord::plain("Enter")], "Accept the suggestion shown on the sentence", Command::AcceptSuggestion),
        bind(vec![Chord::plain("Backspace"), Chord::plain("Delete")], "Remove the labels and decision", Command::Clear),
        bind(vec![Chord::plain("j"), Chord::plain("ArrowDown")], "Next sentence", Command::Next),
        bind(vec![Chord::plain("k"), Chord::plain("ArrowUp")], "Previous sentence", Command::Prev),
        bind(vec![Chord::plain("PageDown")], "Ten sentences on", Command::PageDown),
        bind(vec![Chord::plain("PageUp")], "Ten sentences back", Command::PageUp),
        bind(vec![Chord::plain("g"), Chord::plain("Home")], "First sentence of the document", Command::First),
        bind(vec![Chord::plain("G"), Chord::plain("End")], "Last sentence of the document", Command::Last),
        bind(vec![Chord::plain("n")], "Next undecided sentence", Command::NextUndecided),
        bind(vec![Chord::plain("U")], "Next sentence marked unsure", Command::NextUnsure),
        bind(vec![Chord::plain("N")], "Next sentence with a note", Command::NextNote),
        bind(vec![Chord::plain("#")], "Go to sentence number…", Command::GoTo),
        bind(vec![Chord::plain("f")], &format!("Filter, then: {}", filter_keys_help()), Command::FilterPrefix),
        bind(vec![Chord::plain("]")], "Next document", Command::NextDoc),
        bind(vec![Chord::plain("[")], "Previous document", Command::PrevDoc),
        bind(vec![Chord::plain("x")], "Mark or unmark as unsure", Command::ToggleUnsure),
        bind(
            vec![Chord::plain("s")],
            "Split the sentence: ←/→ choose the gap, Enter splits, Esc leaves",
            Command::SplitMode,
        ),
        bind(vec![Chord::plain("J")], "Join the sentence with the next one in its paragraph", Command::JoinNext),
        bind(vec![Chord::plain("ArrowLeft")], "In split mode: the previous gap", Command::GapPrev),
        bind(vec![Chord::plain("ArrowRight")], "In split mode: the next gap", Command::GapNext),
        bind(vec![Chord::plain("e")], "Write a note on the sentence", Command::EditNote),
        bind(vec![Chord::plain("/")], "Search the article", Command::Search),
        bind(vec![Chord::ctrl("z", false), Chord::plain("u")], "Undo", Command::Undo),
        bind(vec![Chord::ctrl("z", true), Chord::ctrl("y", false)], "Redo", Command::Redo),
        bind(vec![Chord::plain("?")], "Show all keys", Command::Help),
        bind(vec![Chord::plain("Escape")], "Close this help or a dialog", Command::Escape),
    ]);
    t
}

/// The command a key press means, from the same table the help shows.
pub fn resolve(table: &[Binding], press: &KeyPress) -> Option<Command> {
    table.iter().find(|b| b.chords.iter().any(|c| c.matches(press))).map(|b| b.command.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str, ctrl: bool, shift: bool) -> KeyPress {
        KeyPress { key: key.into(), ctrl, shift, alt: false }
    }

    #[test]
    fn spec_keys_resolve() {
        let t = table(&LabelSet::default_set());
        assert_eq!(resolve(&t, &press("1", false, false)), Some(Command::Label(0)));
        assert_eq!(resolve(&t, &press("m", false, false)), Some(Command::Label(2)));
        assert_eq!(resolve(&t, &press("Delete", false, false)), Some(Command::Clear));
        assert_eq!(resolve(&t, &press("Backspace", false, false)), Some(Command::Clear));
        assert_eq!(resolve(&t, &press("0", false, false)), Some(Command::DecideNone));
        assert_eq!(resolve(&t, &press("Enter", false, false)), Some(Command::AcceptSuggestion));
        assert_eq!(resolve(&t, &press("n", false, false)), Some(Command::NextUndecided));
        assert_eq!(resolve(&t, &press("ArrowUp", false, false)), Some(Command::Prev));
        assert_eq!(resolve(&t, &press("]", false, false)), Some(Command::NextDoc));
        assert_eq!(resolve(&t, &press("z", true, false)), Some(Command::Undo));
        assert_eq!(resolve(&t, &press("Z", true, true)), Some(Command::Redo));
        assert_eq!(resolve(&t, &press("y", true, false)), Some(Command::Redo));
        assert_eq!(resolve(&t, &press("?", false, true)), Some(Command::Help));
        assert_eq!(resolve(&t, &press("/", false, false)), Some(Command::Search));
        // Ctrl+1 is the browser's (switch tab), not ours.
        assert_eq!(resolve(&t, &press("1", true, false)), None);
        assert_eq!(resolve(&t, &press("q", false, false)), None);
    }

    #[test]
    fn f_then_a_key_chooses_a_filter() {
        use crate::session::Filter;
        let set = LabelSet::default_set();
        assert_eq!(filter_for_key(&set, "u"), Some(Filter::Undecided));
        assert_eq!(filter_for_key(&set, "2"), Some(Filter::Label("denial".into())));
        assert_eq!(filter_for_key(&set, "m"), Some(Filter::Label("demand".into())));
        assert_eq!(filter_for_key(&set, "e"), Some(Filter::Note));
        assert_eq!(filter_for_key(&set, "q"), None);
        assert_eq!(filter_keys_help(), "a all, u undecided, 0 none, a label's key, x unsure, e notes");
        // Every filter of the bar but the labels' has a key of the table.
        for f in Filter::every(&set) {
            let key = FILTER_KEYS.iter().find(|(_, g, _)| *g == f).map(|(k, _, _)| *k);
            let key = key.or_else(|| set.labels.iter().find(|l| l.name == f.name()).map(|l| l.key.as_str()));
            assert_eq!(filter_for_key(&set, key.unwrap()), Some(f));
        }
    }

    #[test]
    fn label_files_cannot_take_a_key_of_the_table() {
        let t = table(&LabelSet::default());
        for b in &t {
            for c in b.chords.iter().filter(|c| !c.ctrl && c.key.chars().count() == 1) {
                assert!(crate::labels::RESERVED_KEYS.contains(&c.key.as_str()), "{:?} is not reserved", c.key);
            }
        }
        assert_eq!(resolve(&t, &press("G", false, true)), Some(Command::Last));
        assert_eq!(resolve(&t, &press("s", false, false)), Some(Command::SplitMode));
        assert_eq!(resolve(&t, &press("U", false, true)), Some(Command::NextUnsure));
        assert_eq!(resolve(&t, &press("#", false, true)), Some(Command::GoTo));
        assert_eq!(resolve(&t, &press("f", false, false)), Some(Command::FilterPrefix));
        assert_eq!(resolve(&t, &press("J", false, true)), Some(Command::JoinNext));
        assert_eq!(resolve(&t, &press("ArrowRight", false, false)), Some(Command::GapNext));
        assert_eq!(resolve(&t, &press("Home", false, false)), Some(Command::First));
        assert_eq!(resolve(&t, &press("PageDown", false, false)), Some(Command::PageDown));
    }

    #[test]
    fn every_binding_has_keys_and_words() {
        for b in table(&LabelSet::default_set()) {
            assert!(!b.keys().is_empty() && !b.description.is_empty());
        }
    }
}
