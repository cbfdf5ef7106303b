//! Inter-annotator agreement (docs/FORMAT.md §7): the figures a reviewer asks of a labelled
//! dataset, computed in the page and equal to the libraries researchers check them with:
//! Krippendorff's alpha (PyPI `krippendorff`, nominal), Fleiss' kappa (statsmodels on
//! `aggregate_raters`), Cohen's kappa (scikit-learn `cohen_kappa_score`), percent agreement,
//! alpha per label, and the confusion matrices and category counts a panel draws. Plain data in
//! (a `Table` of ratings), plain data out (`Measure`s, counts): the UI builds the table from
//! annotations.
//!
//! Exactness: every figure is a ratio of integer counts, so the counts are summed exactly in
//! integers and divided once in f64 at the end (Krippendorff's observed disagreement: one
//! division per distinct number of ratings an item has). The libraries sum floats, so the two
//! agree to ~1e-15, and "undefined" (the libraries' nan or ValueError: no disagreement
//! possible, nothing to compare) is decided on exact integers, never on a float near zero.
//! tests/agreement_reference.py computes the reference figures with the libraries; the tests
//! here read them from tests/data/agreement_fixtures.json.
//!
//! Cost: one pass over the cells gives alpha, alpha for every category, Fleiss' kappa, percent
//! agreement and the distributions: O(items × annotators), with memory O(categories ×
//! annotators). The pairwise figures (Cohen, confusion) are one more pass costing O(items ×
//! rated pairs): for 5,000 items × 5 annotators, 50,000 pair visits (10 pairs).

pub mod bootstrap;
pub mod documents;
mod measures;
mod reading;

pub use measures::{
    alpha_for_category, alpha_per_category, cohen_kappa, confusion, distribution, fleiss_kappa, krippendorff_alpha,
    pairs, percent_agreement, report,
};

pub use reading::{AlphaReading, KappaBand};

/// A category: a label's index, or the one extra index the caller gives "none applies".
pub type Category = u16;

/// The ratings: `rows[item][annotator]` is the category that annotator gave the item, `None`
/// when they did not rate (decide) it. Items are sentences; `annotators` are distinct names
/// (their order is the columns' order). Every rating should be `< categories`, which sizes the
/// confusion matrices and distributions (all labels and "none", used or not); a larger
/// rating widens them rather than being lost. A row shorter than `annotators` lacks ratings
/// for the missing columns; cells beyond it are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub annotators: Vec<String>,
    pub categories: usize,
    pub rows: Vec<Vec<Option<Category>>>,
}

impl Table {
    /// The rating of `annotator` on `item`, `None` when absent (or out of the table).
    pub fn rating(&self, item: usize, annotator: usize) -> Option<Category> {
        if annotator >= self.annotators.len() {
            return None;
        }
        self.rows.get(item).and_then(|row| row.get(annotator).copied().flatten())
    }

    /// The ratings of one item, column by column (never more than the annotators).
    fn cells<'a>(&self, row: &'a [Option<Category>]) -> &'a [Option<Category>] {
        &row[..row.len().min(self.annotators.len())]
    }

    /// The table of its raters: the columns of the annotators who rated at least one item,
    /// in their order. An annotator who rated nothing (a curator who only reviews) is no
    /// rater (docs/FORMAT.md §7): kept, they would form pairs with nothing to compare and
    /// leave Fleiss' kappa, over the items *every* annotator rated, without an item.
    pub fn raters(&self) -> Table {
        let k = self.annotators.len();
        let mut rated = vec![false; k];
        for row in &self.rows {
            for (j, cell) in self.cells(row).iter().enumerate() {
                rated[j] |= cell.is_some();
            }
        }
        let keep: Vec<usize> = (0..k).filter(|&j| rated[j]).collect();
        Table {
            annotators: keep.iter().map(|&j| self.annotators[j].clone()).collect(),
            categories: self.categories,
            rows: self.rows.iter().map(|row| keep.iter().map(|&j| row.get(j).copied().flatten()).collect()).collect(),
        }
    }

    /// How many categories the counts cover: `categories`, or more if a rating exceeds it.
    pub fn width(&self) -> usize {
        let top = self.rows.iter().flat_map(|r| self.cells(r)).flatten().map(|&c| usize::from(c) + 1).max();
        self.categories.max(top.unwrap_or(0))
    }
}

/// One figure: `value` is `None` when the measure is undefined (no items, or no disagreement
/// possible: expected disagreement 0, p_e = 1), where the libraries give nan or raise; `n` is
/// the number of items it was computed over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measure {
    pub value: Option<f64>,
    pub n: usize,
}

/// Two annotators (`a`, `b`: columns of the table) with `annotators[a] < annotators[b]` in
/// code-point order; `key` is `"A|B"` (`data-pair`, docs/FORMAT.md §7). `confusion[x][y]`
/// counts the items both rated that A gave `x` and B gave `y` (width × width), and `kappa` is
/// Cohen's kappa over those items (`kappa.n` is their number).
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub key: String,
    pub kappa: Measure,
    pub confusion: Vec<Vec<usize>>,
}

/// Every figure of a table, as the agreement panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Nominal alpha over the items rated by at least two annotators.
    pub alpha: Measure,
    /// Fleiss' kappa over the items rated by every annotator.
    pub fleiss_kappa: Measure,
    /// Share of the items rated at least twice whose ratings are all equal.
    pub percent_agreement: Measure,
    /// `alpha_per_category[c]`: alpha on the ratings recoded 1 if `c`, else 0 (same items).
    pub alpha_per_category: Vec<Measure>,
    /// Every pair of annotators, in code-point order of (A, B).
    pub pairs: Vec<Pair>,
    /// `distribution[annotator][c]`: how many items that annotator rated `c` (width wide).
    pub distribution: Vec<Vec<usize>>,
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
