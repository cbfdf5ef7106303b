//! Which documents the list shows, and in what order: a search over titles and ids, a
//! filter (all, not started, in progress, done) and a sort (list order, title, progress, date). Kept here,
//! apart from the component, so it is tested natively.

use annotator_core::document::Document;
use annotator_core::search::contains_ci;

/// Which documents the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    /// Nothing decided yet.
    NotStarted,
    /// Some sentences decided, not all.
    InProgress,
    /// Every sentence decided (or the document marked done).
    Done,
}

/// The list's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Bundled documents, then imports in import order.
    #[default]
    List,
    Title,
    /// Least decided first (share of sentences).
    Progress,
    /// Newest first; undated last.
    Date,
}

impl Show {
    pub const ALL: [Show; 4] = [Show::All, Show::NotStarted, Show::InProgress, Show::Done];
    pub fn name(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::NotStarted => "not-started",
            Show::InProgress => "in-progress",
            Show::Done => "done",
        }
    }
    pub fn from_name(n: &str) -> Show {
        Show::ALL.into_iter().find(|s| s.name() == n).unwrap_or_default()
    }
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::List, Sort::Title, Sort::Progress, Sort::Date];
    pub fn name(self) -> &'static str {
        match self {
            Sort::List => "list",
            Sort::Title => "title",
            Sort::Progress => "progress",
            Sort::Date => "date",
        }
    }
    pub fn from_name(n: &str) -> Sort {
        Sort::ALL.into_iter().find(|s| s.name() == n).unwrap_or_default()
    }
}

/// The positions (in `docs`) of the documents shown, in order. `decided(i)`: decided
/// sentences of document `i`.
pub fn shown<D: AsRef<Document>>(
    docs: &[D],
    decided: impl Fn(usize) -> usize,
    query: &str,
    show: Show,
    sort: Sort,
) -> Vec<usize> {
    let q = query.trim();
    let mut out: Vec<usize> = (0..docs.len())
        .filter(|&i| {
            let d = docs[i].as_ref();
            let n = d.sentences.len();
            let k = decided(i);
            let complete = k >= n;
            let fits = match show {
                Show::All => true,
                Show::NotStarted => k == 0 && !complete,
                Show::InProgress => k > 0 && !complete,
                Show::Done => complete,
            };
            fits && (q.is_empty() || contains_ci(&d.title, q) || contains_ci(&d.id, q))
        })
        .collect();
    match sort {
        Sort::List => {}
        Sort::Title => out.sort_by_cached_key(|&i| docs[i].as_ref().title.to_lowercase()),
        Sort::Progress => out.sort_by(|&a, &b| {
            let share = |i: usize| (decided(i) as u64 * 1_000_000) / (docs[i].as_ref().sentences.len().max(1) as u64);
            share(a).cmp(&share(b))
        }),
        Sort::Date => out.sort_by(|&a, &b| {
            let (da, db) = (&docs[a].as_ref().date, &docs[b].as_ref().date);
            match (da, db) {
                (Some(x), Some(y)) => y.cmp(x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        }),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotator_core::document::ArticleInput;

    fn doc(id: &str, title: &str, date: Option<&str>, text: &str) -> std::rc::Rc<Document> {
        std::rc::Rc::new(Document::from_input(ArticleInput {
            id: Some(id.into()),
            title: Some(title.into()),
            date: date.map(Into::into),
            text: text.into(),
            ..Default::default()
        }))
    }

    #[test]
    fn search_filter_and_sort() {
        let docs = vec![
            doc("a", "Zebra talks", Some("2024-01-02"), "One. Two."),
            doc("b", "alpha report", None, "One. Two."),
            doc("c", "Middle ground", Some("2025-05-05"), "One. Two."),
        ];
        let decided = |i: usize| [2, 0, 1][i];
        assert_eq!(shown(&docs, decided, "", Show::All, Sort::List), [0, 1, 2]);
        assert_eq!(shown(&docs, decided, "", Show::All, Sort::Title), [1, 2, 0]);
        assert_eq!(shown(&docs, decided, "", Show::All, Sort::Progress), [1, 2, 0]);
        assert_eq!(shown(&docs, decided, "", Show::All, Sort::Date), [2, 0, 1]);
        assert_eq!(shown(&docs, decided, "", Show::NotStarted, Sort::List), [1]);
        assert_eq!(shown(&docs, decided, "", Show::InProgress, Sort::List), [2]);
        assert_eq!(shown(&docs, decided, "", Show::Done, Sort::List), [0]);
        assert_eq!(shown(&docs, decided, "ALPHA", Show::All, Sort::List), [1], "titles, any case");
        assert_eq!(shown(&docs, decided, " c ", Show::All, Sort::List), [2], "ids too");
        assert!(shown(&docs, decided, "nothing like it", Show::All, Sort::List).is_empty());
    }

    #[test]
    fn names_round_trip() {
        for s in Show::ALL {
            assert_eq!(Show::from_name(s.name()), s);
        }
        for s in Sort::ALL {
            assert_eq!(Sort::from_name(s.name()), s);
        }
    }
}
