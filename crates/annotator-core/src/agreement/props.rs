//! Properties of the agreement figures that hold exactly on every table, random ones included:
//! the fixtures pin the values, these pin the invariants (bounds, perfect agreement, symmetry,
//! invariance under reordering, the one-pass figures equal to the direct ones).
//!
//! alpha ≥ −1 is a theorem, not a hope: with d_u = m_u² − Σ_c n_uc², S_u = Σ_c n_uc² and
//! X = the category totals, d_u / (m_u − 1) ≤ 2·d_u / m_u, and Cauchy–Schwarz gives |X|² ≤
//! n·Σ_u S_u/m_u ≤ n + (n − 1)·Σ_u S_u/m_u (as Σ_u S_u/m_u ≤ n), i.e. (n − 1)·Σ_u d_u/m_u ≤
//! n² − |X|²; so (n − 1)·D_o ≤ 2·D_e.

use super::*;
use proptest::prelude::*;

/// Distinct names, deliberately not in code-point order.
const NAMES: [&str; 6] = ["mia", "Zoë", "ab", "a", "Émile", "li"];

fn table_with(annotators: std::ops::RangeInclusive<usize>, missing: f64) -> impl Strategy<Value = Table> {
    (annotators, 1usize..=5).prop_flat_map(move |(k, categories)| {
        let codes = 0..categories as Category;
        // `weighted` wants a probability strictly between 0 and 1.
        let cell = if missing > 0.0 {
            prop::option::weighted(1.0 - missing, codes).boxed()
        } else {
            codes.prop_map(Some).boxed()
        };
        let rows = prop::collection::vec(prop::collection::vec(cell, k), 0..30);
        rows.prop_map(move |rows| Table {
            annotators: NAMES[..k].iter().map(|s| s.to_string()).collect(),
            categories,
            rows,
        })
    })
}

fn table() -> impl Strategy<Value = Table> {
    table_with(1..=6, 0.3)
}

/// The same table where every item's raters all give the item's first rating.
fn unanimous(t: &Table) -> Table {
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let first = r.iter().flatten().next().copied();
            r.iter().map(|c| c.and(first)).collect()
        })
        .collect();
    Table { rows, ..t.clone() }
}

fn bounded(m: Measure, low: f64) -> bool {
    m.value.is_none_or(|v| (low..=1.0).contains(&v))
}

proptest! {
    #[test]
    fn figures_stay_in_their_ranges(t in table()) {
        let r = report(&t);
        prop_assert!(bounded(r.alpha, -1.0), "{:?}", r.alpha);
        for m in &r.alpha_per_category {
            prop_assert!(bounded(*m, -1.0), "{:?}", m);
        }
        prop_assert!(r.fleiss_kappa.value.is_none_or(|v| v <= 1.0), "{:?}", r.fleiss_kappa);
        prop_assert!(bounded(r.percent_agreement, 0.0), "{:?}", r.percent_agreement);
        for p in &r.pairs {
            prop_assert!(p.kappa.value.is_none_or(|v| v <= 1.0), "{:?}", p.kappa);
        }
    }

    #[test]
    fn n_counts_the_items_each_figure_uses(t in table()) {
        let r = report(&t);
        let rated = |row: &Vec<Option<Category>>| row.iter().flatten().count();
        let twice = t.rows.iter().filter(|row| rated(row) >= 2).count();
        let all = t.rows.iter().filter(|row| rated(row) == t.annotators.len()).count();
        prop_assert_eq!(r.alpha.n, twice);
        prop_assert_eq!(r.percent_agreement.n, twice);
        prop_assert!(r.alpha_per_category.iter().all(|m| m.n == twice));
        prop_assert_eq!(r.fleiss_kappa.n, all);
        for p in &r.pairs {
            let both = t.rows.iter().filter(|row| row[p.a].is_some() && row[p.b].is_some()).count();
            prop_assert_eq!(p.kappa.n, both);
            prop_assert_eq!(p.confusion.iter().flatten().sum::<usize>(), both);
        }
        for (j, counts) in r.distribution.iter().enumerate() {
            prop_assert_eq!(counts.iter().sum::<usize>(), t.rows.iter().filter(|row| row[j].is_some()).count());
        }
    }

    #[test]
    fn perfect_agreement_gives_one_where_defined(t in table()) {
        let t = unanimous(&t);
        let r = report(&t);
        let one = |m: Measure| m.value.is_none_or(|v| v == 1.0);
        prop_assert!(one(r.alpha), "{:?}", r.alpha);
        prop_assert!(one(r.fleiss_kappa), "{:?}", r.fleiss_kappa);
        prop_assert!(one(r.percent_agreement), "{:?}", r.percent_agreement);
        prop_assert!(r.alpha_per_category.iter().all(|&m| one(m)));
        prop_assert!(r.pairs.iter().all(|p| one(p.kappa)));
        // Defined as soon as two categories meet on items rated twice.
        let used: std::collections::BTreeSet<_> =
            t.rows.iter().filter(|row| row.iter().flatten().count() >= 2).flatten().flatten().collect();
        prop_assert_eq!(r.alpha.value.is_some(), used.len() >= 2);
    }

    #[test]
    fn cohen_is_symmetric_and_pairs_equal_the_direct_figures(t in table()) {
        for p in pairs(&t) {
            let ab = cohen_kappa(&t, p.a, p.b);
            prop_assert_eq!(ab, cohen_kappa(&t, p.b, p.a));
            prop_assert_eq!(ab, p.kappa);
            let direct = confusion(&t, p.a, p.b);
            prop_assert_eq!(&direct, &p.confusion);
            let back = confusion(&t, p.b, p.a);
            for (x, row) in direct.iter().enumerate() {
                for (y, &v) in row.iter().enumerate() {
                    prop_assert_eq!(v, back[y][x]);
                }
            }
        }
    }

    #[test]
    fn reordering_items_annotators_or_categories_changes_nothing(t in table(), seed in any::<u64>()) {
        let r = report(&t);
        let k = t.annotators.len();
        let width = t.width();
        // A permutation of the columns, of the rows and of the category codes, from the seed.
        let columns: Vec<usize> = (0..k).map(|j| (j + seed as usize) % k).collect();
        let codes: Vec<Category> = (0..width).map(|c| ((c + (seed >> 8) as usize) % width) as Category).collect();
        let mut rows: Vec<Vec<Option<Category>>> = t
            .rows
            .iter()
            .map(|row| columns.iter().map(|&j| row[j].map(|c| codes[usize::from(c)])).collect())
            .collect();
        rows.reverse();
        let shuffled = Table {
            annotators: columns.iter().map(|&j| t.annotators[j].clone()).collect(),
            categories: t.categories,
            rows,
        };
        let s = report(&shuffled);
        prop_assert_eq!(s.alpha, r.alpha);
        prop_assert_eq!(s.fleiss_kappa, r.fleiss_kappa);
        prop_assert_eq!(s.percent_agreement, r.percent_agreement);
        for (c, &code) in codes.iter().enumerate() {
            prop_assert_eq!(s.alpha_per_category[usize::from(code)], r.alpha_per_category[c]);
        }
        let keys = |r: &Report| r.pairs.iter().map(|p| (p.key.clone(), p.kappa)).collect::<Vec<_>>();
        prop_assert_eq!(keys(&s), keys(&r));
    }

    #[test]
    fn binary_ratings_give_alpha_per_category_equal_to_alpha(t in table()) {
        let rows = t.rows.iter().map(|row| row.iter().map(|c| c.map(|c| c % 2)).collect()).collect();
        let t = Table { rows, ..t };
        let r = report(&t);
        prop_assert_eq!(r.alpha_per_category[0], r.alpha);
        if r.alpha_per_category.len() > 1 {
            prop_assert_eq!(r.alpha_per_category[1], r.alpha);
        }
    }

    /// Two annotators, nothing missing: Fleiss' kappa is Scott's pi, and 1 − alpha =
    /// (1 − 1/(2N))·(1 − pi): the two implementations check each other.
    #[test]
    fn two_full_annotators_alpha_is_scotts_pi_corrected(t in table_with(2..=2, 0.0)) {
        let r = report(&t);
        prop_assert_eq!(r.alpha.n, r.fleiss_kappa.n);
        prop_assert_eq!(r.alpha.value.is_some(), r.fleiss_kappa.value.is_some());
        if let (Some(alpha), Some(pi)) = (r.alpha.value, r.fleiss_kappa.value) {
            let n = t.rows.len() as f64;
            prop_assert!(((1.0 - alpha) - (1.0 - 1.0 / (2.0 * n)) * (1.0 - pi)).abs() < 1e-12, "{} {}", alpha, pi);
        }
    }
}
