//! The agreement figures against the libraries researchers use: every fixture of
//! tests/data/agreement_fixtures.json, whose `expected` values `tests/agreement_reference.py
//! --write` computed with scikit-learn, statsmodels and krippendorff (`--check` re-verifies
//! them), compared at 1e-9; the headline figures are also written out below, so a rewritten
//! fixture file cannot silently move them. Then the edges the file does not cover. The
//! reference drops the columns of annotators who rated nothing (no rater, docs/FORMAT.md §7),
//! and so does the page (`Table::raters`): the figures are those of each fixture's raters.

use super::*;
use serde::Deserialize;
use std::collections::BTreeMap;

const FIXTURES: &str = include_str!("../../../../tests/data/agreement_fixtures.json");
const TOLERANCE: f64 = 1e-9;

#[derive(Deserialize)]
struct File {
    computed_with: BTreeMap<String, String>,
    fixtures: Vec<Fixture>,
}

#[derive(Deserialize)]
struct Fixture {
    name: String,
    annotators: Vec<String>,
    categories: usize,
    rows: Vec<Vec<Option<Category>>>,
    expected: Expected,
}

#[derive(Deserialize, Clone, Copy, Debug)]
struct Figure {
    value: Option<f64>,
    n: usize,
}

#[derive(Deserialize)]
struct Expected {
    krippendorff_alpha: Figure,
    fleiss_kappa: Figure,
    percent_agreement: Figure,
    alpha_per_category: Vec<Figure>,
    cohen_kappa: BTreeMap<String, Figure>,
    confusion: BTreeMap<String, Vec<Vec<usize>>>,
    distribution: BTreeMap<String, Vec<usize>>,
}

fn fixtures() -> File {
    serde_json::from_str(FIXTURES).expect("tests/data/agreement_fixtures.json parses")
}

/// The fixture's raters (`Table::raters`), as the reference computes them.
fn table(f: &Fixture) -> Table {
    Table { annotators: f.annotators.clone(), categories: f.categories, rows: f.rows.clone() }.raters()
}

fn same(what: &str, got: Option<f64>, want: Option<f64>) {
    match (got, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() <= TOLERANCE, "{what}: {g:.17} != {w:.17}"),
        (None, None) => {}
        _ => panic!("{what}: {got:?} != {want:?} (None = undefined)"),
    }
}

fn check(what: &str, got: Measure, want: Figure) {
    assert_eq!(got.n, want.n, "{what}: n");
    same(what, got.value, want.value);
}

#[test]
fn every_fixture_equals_the_libraries() {
    let file = fixtures();
    for lib in ["krippendorff", "numpy", "scikit-learn", "statsmodels"] {
        assert!(file.computed_with.contains_key(lib), "the fixture file names the {lib} release it used");
    }
    assert!(file.fixtures.len() >= 6);
    for f in &file.fixtures {
        let t = table(f);
        let name = &f.name;
        let r = report(&t);
        let e = &f.expected;
        check(&format!("{name}: krippendorff_alpha"), r.alpha, e.krippendorff_alpha);
        check(&format!("{name}: fleiss_kappa"), r.fleiss_kappa, e.fleiss_kappa);
        check(&format!("{name}: percent_agreement"), r.percent_agreement, e.percent_agreement);
        assert_eq!(r.alpha_per_category.len(), e.alpha_per_category.len(), "{name}: categories");
        for (c, (&got, &want)) in r.alpha_per_category.iter().zip(&e.alpha_per_category).enumerate() {
            check(&format!("{name}: alpha of category {c}"), got, want);
        }
        assert_eq!(r.pairs.len(), e.cohen_kappa.len(), "{name}: pairs");
        for p in &r.pairs {
            let want = e.cohen_kappa.get(&p.key).unwrap_or_else(|| panic!("{name}: no pair {}", p.key));
            check(&format!("{name}: cohen_kappa {}", p.key), p.kappa, *want);
            assert_eq!(&p.confusion, &e.confusion[&p.key], "{name}: confusion {}", p.key);
            assert!(t.annotators[p.a] < t.annotators[p.b], "{name}: {} is A < B", p.key);
        }
        let keys: Vec<(&str, &str)> = r.pairs.iter().map(|p| (&*t.annotators[p.a], &*t.annotators[p.b])).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{name}: pairs in code-point order of (A, B)");
        for (j, counts) in r.distribution.iter().enumerate() {
            assert_eq!(counts, &e.distribution[&t.annotators[j]], "{name}: distribution of {}", t.annotators[j]);
        }
        // The single-figure functions give what the report gives.
        assert_eq!(krippendorff_alpha(&t), r.alpha, "{name}");
        assert_eq!(fleiss_kappa(&t), r.fleiss_kappa, "{name}");
        assert_eq!(percent_agreement(&t), r.percent_agreement, "{name}");
        assert_eq!(alpha_per_category(&t), r.alpha_per_category, "{name}");
        assert_eq!(distribution(&t), r.distribution, "{name}");
        for (c, m) in r.alpha_per_category.iter().enumerate() {
            assert_eq!(alpha_for_category(&t, c as Category), *m, "{name}: category {c}");
        }
        for p in &r.pairs {
            assert_eq!(cohen_kappa(&t, p.a, p.b), p.kappa, "{name}: {}", p.key);
            assert_eq!(cohen_kappa(&t, p.b, p.a), p.kappa, "{name}: {} reversed", p.key);
            assert_eq!(confusion(&t, p.a, p.b), p.confusion, "{name}: {}", p.key);
        }
    }
}

/// (fixture, alpha, Fleiss' kappa, percent agreement): the libraries' figures, as printed by
/// `tests/agreement_reference.py` (krippendorff 0.9.0, statsmodels 0.15.0); `None` = undefined.
#[allow(clippy::type_complexity)]
const HEADLINES: &[(&str, (Option<f64>, usize), (Option<f64>, usize), (Option<f64>, usize))] = &[
    ("two_perfect", (Some(1.0), 8), (Some(1.0), 8), (Some(1.0), 8)),
    ("two_disagree", (Some(0.572093023255814), 12), (Some(0.5534883720930233), 12), (Some(0.6666666666666666), 12)),
    ("three_missing", (Some(0.5826086956521739), 10), (Some(0.4444444444444444), 5), (Some(0.6), 10)),
    // Krippendorff's own example: the package docs print round(alpha, 6) = 0.691358.
    ("krippendorff_example", (Some(0.691358024691358), 12), (Some(0.24999999999999986), 2), (Some(0.75), 12)),
    // Fleiss (1971) via Wikipedia: kappa 0.210.
    ("fleiss_wikipedia", (Some(0.21557405653322692), 10), (Some(0.20993070442195522), 10), (Some(0.1), 10)),
    ("all_same", (None, 4), (None, 2), (Some(1.0), 4)),
    // ben rated nothing: ana alone is no team (one rater: statsmodels divides by k(k − 1) = 0).
    ("single_annotator", (None, 0), (None, 4), (None, 0)),
    ("pairable_one_value", (None, 3), (None, 3), (Some(1.0), 3)),
    ("systematic_disagreement", (Some(-0.8), 5), (Some(-1.0), 5), (Some(0.0), 5)),
    ("news_like", (Some(0.5662692043109379), 40), (Some(0.44943531827515404), 11), (Some(0.5), 40)),
    // With the curator's empty column, Fleiss' kappa had no item (undefined); without it, 9.
    (
        "curator_not_rater",
        (Some(0.6726342710997442), 12),
        (Some(0.5893536121673004), 9),
        (Some(0.6666666666666666), 12),
    ),
];

/// Cohen's kappa (scikit-learn 1.9.1) of some pairs, written out.
const COHEN: &[(&str, &str, Option<f64>, usize)] = &[
    ("two_disagree", "ana|ben", Some(0.5596330275229358), 12),
    ("three_missing", "Ben|ana", Some(0.28205128205128205), 7),
    ("three_missing", "Ben|chloé", Some(0.7777777777777778), 6),
    ("three_missing", "ana|chloé", Some(0.611111111111111), 7),
    ("krippendorff_example", "B|C", Some(0.736842105263158), 5),
    ("fleiss_wikipedia", "r08|r11", Some(0.589041095890411), 10),
    ("all_same", "ana|ben", None, 3),
    ("curator_not_rater", "ana|ben", Some(0.5945945945945946), 10),
    ("curator_not_rater", "ben|cy", Some(0.5833333333333333), 10),
    ("systematic_disagreement", "ana|ben", Some(0.0), 5),
    ("news_like", "Mary|Zoë", Some(0.461346633416459), 24),
    ("news_like", "li|Émile", Some(0.6943396226415095), 27),
];

#[test]
fn the_written_out_figures_hold() {
    let file = fixtures();
    let by_name: BTreeMap<&str, &Fixture> = file.fixtures.iter().map(|f| (f.name.as_str(), f)).collect();
    assert_eq!(by_name.len(), HEADLINES.len(), "every fixture has its headline figures here");
    for &(name, alpha, fleiss, percent) in HEADLINES {
        let f = by_name.get(name).unwrap_or_else(|| panic!("fixture {name}"));
        let r = report(&table(f));
        for (what, got, (value, n), stored) in [
            ("alpha", r.alpha, alpha, f.expected.krippendorff_alpha),
            ("fleiss", r.fleiss_kappa, fleiss, f.expected.fleiss_kappa),
            ("percent", r.percent_agreement, percent, f.expected.percent_agreement),
        ] {
            check(&format!("{name}: {what}"), got, Figure { value, n });
            check(&format!("{name}: {what} in the file"), Measure { value, n }, stored);
        }
    }
    for &(name, key, value, n) in COHEN {
        let r = report(&table(by_name[name]));
        let p = r.pairs.iter().find(|p| p.key == key).unwrap_or_else(|| panic!("{name}: {key}"));
        check(&format!("{name}: {key}"), p.kappa, Figure { value, n });
    }
}

#[test]
fn krippendorff_example_per_value() {
    // The unused category 0 is undefined (the library: one value in the domain); values 1..4
    // are the libraries' figures.
    let file = fixtures();
    let f = file.fixtures.iter().find(|f| f.name == "krippendorff_example").unwrap();
    let got = alpha_per_category(&table(f));
    let want = [None, Some(0.8120300751879699), Some(1.0), Some(0.53125), Some(0.5238095238095238)];
    assert_eq!(got.len(), want.len());
    for (c, (m, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(m.n, 12);
        same(&format!("category {c}"), m.value, w);
    }
}

#[test]
fn an_annotator_who_rated_nothing_is_no_rater() {
    let file = fixtures();
    let f = file.fixtures.iter().find(|f| f.name == "curator_not_rater").unwrap();
    let all = Table { annotators: f.annotators.clone(), categories: f.categories, rows: f.rows.clone() };
    // Kept, the curator's column leaves Fleiss' kappa without an item and adds three pairs
    // with nothing to compare: the figures this fixture was written against.
    let kept = report(&all);
    assert_eq!(kept.fleiss_kappa, Measure { value: None, n: 0 });
    assert_eq!(kept.pairs.iter().filter(|p| p.kappa.n == 0).count(), 3);
    let r = all.raters();
    assert_eq!(r.annotators, names(&["ana", "ben", "cy"]));
    assert_eq!(r.rows[1], [Some(1), Some(2), Some(1)]);
    let shown = report(&r);
    check("curator_not_rater: fleiss", shown.fleiss_kappa, f.expected.fleiss_kappa);
    assert_eq!(shown.pairs.len(), 3);
    // What does not depend on who is absent stays the same.
    assert_eq!((shown.alpha, shown.percent_agreement), (kept.alpha, kept.percent_agreement));
    assert_eq!(shown.alpha_per_category, kept.alpha_per_category);
    // A table of raters is its own table of raters; a table of nobody has no column.
    assert_eq!(r.raters(), r);
    let nobody = Table { annotators: names(&["a", "b"]), categories: 2, rows: vec![vec![None, None]] };
    assert_eq!(nobody.raters(), Table { annotators: vec![], categories: 2, rows: vec![vec![]] });
}

fn names(n: &[&str]) -> Vec<String> {
    n.iter().map(|s| s.to_string()).collect()
}

#[test]
fn an_empty_table_is_undefined_everywhere() {
    let t = Table::default();
    let r = report(&t);
    let none = Measure { value: None, n: 0 };
    assert_eq!((r.alpha, r.fleiss_kappa, r.percent_agreement), (none, none, none));
    assert!(r.alpha_per_category.is_empty() && r.pairs.is_empty() && r.distribution.is_empty());

    // Annotators and categories but no items.
    let t = Table { annotators: names(&["a", "b"]), categories: 3, rows: vec![] };
    let r = report(&t);
    assert_eq!((r.alpha, r.fleiss_kappa, r.percent_agreement), (none, none, none));
    assert_eq!(r.alpha_per_category, vec![none; 3]);
    assert_eq!(r.pairs.len(), 1);
    assert_eq!(r.pairs[0].kappa, none);
    assert_eq!(r.pairs[0].confusion, vec![vec![0; 3]; 3]);
    assert_eq!(r.distribution, vec![vec![0; 3]; 2]);
}

#[test]
fn one_annotator_has_no_fleiss_kappa() {
    // statsmodels divides by k(k - 1) = 0: nan.
    let t = Table { annotators: names(&["solo"]), categories: 2, rows: vec![vec![Some(0)], vec![Some(1)]] };
    assert_eq!(fleiss_kappa(&t), Measure { value: None, n: 2 });
    assert_eq!(krippendorff_alpha(&t), Measure { value: None, n: 0 });
    assert!(pairs(&t).is_empty());
}

#[test]
fn pair_keys_follow_code_points_not_columns() {
    // "a" < "ab" < "b" < "Émile" in code points; byte-wise "a|z" would sort after "ab|c".
    let t = Table {
        annotators: names(&["Émile", "b", "ab", "a"]),
        categories: 2,
        rows: vec![vec![Some(0), Some(1), Some(0), Some(1)], vec![Some(1), Some(1), None, Some(0)]],
    };
    let keys: Vec<String> = pairs(&t).into_iter().map(|p| p.key).collect();
    assert_eq!(keys, ["a|ab", "a|b", "a|Émile", "ab|b", "ab|Émile", "b|Émile"]);
    // The confusion matrix's rows are A's ratings: a|Émile, item 0: a = 1, Émile = 0.
    let p = pairs(&t).into_iter().find(|p| p.key == "a|Émile").unwrap();
    assert_eq!((p.a, p.b), (3, 0));
    assert_eq!(p.confusion, vec![vec![0, 1], vec![1, 0]]);
    assert_eq!(confusion(&t, 0, 3), vec![vec![0, 1], vec![1, 0]]);
}

#[test]
fn ragged_rows_and_wide_ratings_are_not_lost() {
    // Row 1 is short (b missing); row 2 has a cell beyond the annotators (ignored); category 5
    // is beyond `categories` and widens the counts.
    let t = Table {
        annotators: names(&["a", "b"]),
        categories: 2,
        rows: vec![vec![Some(0), Some(0)], vec![Some(1)], vec![Some(5), Some(5), Some(0)]],
    };
    assert_eq!(t.width(), 6);
    assert_eq!(t.rating(1, 1), None);
    assert_eq!(t.rating(2, 2), None);
    let r = report(&t);
    assert_eq!(r.alpha, Measure { value: Some(1.0), n: 2 });
    assert_eq!(r.fleiss_kappa, Measure { value: Some(1.0), n: 2 });
    assert_eq!(r.distribution, vec![vec![1, 1, 0, 0, 0, 1], vec![1, 0, 0, 0, 0, 1]]);
    assert_eq!(r.pairs[0].confusion[5][5], 1);
    assert_eq!(alpha_for_category(&t, 9), Measure { value: None, n: 2 });
}

#[test]
fn five_thousand_items_by_five_annotators() {
    // The size the panel must handle: linear in the cells (the why-header), so well under a
    // second even unoptimised; this checks it runs and counts, not its speed.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let rows: Vec<Vec<Option<Category>>> = (0..5000)
        .map(|_| (0..5).map(|_| if next() % 5 == 0 { None } else { Some((next() % 4) as Category) }).collect())
        .collect();
    let t = Table { annotators: names(&["a", "b", "c", "d", "e"]), categories: 4, rows };
    let r = report(&t);
    assert_eq!(r.pairs.len(), 10);
    assert!(r.alpha.n > 4900 && r.alpha.value.is_some_and(|a| a.abs() < 0.05), "{:?}", r.alpha);
    let rated: usize = r.distribution.iter().flatten().sum();
    assert_eq!(rated, t.rows.iter().flatten().flatten().count());
}
