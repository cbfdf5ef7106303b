//! Agreement per document, worst first (docs/FORMAT.md §7): a corpus-wide figure says how
//! far a team agrees, not where it parts ways; a reviewer wants to open the documents its
//! annotators agree on least first. Each document's figures are the corpus's over its rows
//! only: percent agreement (the order) and Krippendorff's alpha (ties, and for the reader).

use std::cmp::Ordering;
use std::ops::Range;

use super::{krippendorff_alpha, percent_agreement, Measure, Table};

/// One document's agreement: over its sentences rated at least twice (`percent.n`).
#[derive(Clone, Debug, PartialEq)]
pub struct DocAgreement {
    pub doc: String,
    pub percent: Measure,
    pub alpha: Measure,
}

/// The documents of `table`, each given as its id and its rows (`docs`), worst-agreeing
/// first: lowest percent agreement; among equals the lower alpha (an undefined alpha, no
/// disagreement possible, after every defined one), then the one with more sentences
/// compared, then the given order. A document with no sentence rated at least twice is not
/// listed (there is nothing to agree on).
pub fn worst_first(table: &Table, docs: &[(String, Range<usize>)]) -> Vec<DocAgreement> {
    let mut out: Vec<(usize, DocAgreement)> = docs
        .iter()
        .enumerate()
        .filter_map(|(at, (doc, rows))| {
            let rows = table.rows.get(rows.clone())?.to_vec();
            let sub = Table { annotators: table.annotators.clone(), categories: table.categories, rows };
            let percent = percent_agreement(&sub);
            (percent.n > 0).then(|| (at, DocAgreement { doc: doc.clone(), percent, alpha: krippendorff_alpha(&sub) }))
        })
        .collect();
    let value = |m: &Measure| m.value.unwrap_or(f64::INFINITY);
    out.sort_by(|(ia, a), (ib, b)| {
        value(&a.percent)
            .partial_cmp(&value(&b.percent))
            .unwrap_or(Ordering::Equal)
            .then(value(&a.alpha).partial_cmp(&value(&b.alpha)).unwrap_or(Ordering::Equal))
            .then(b.percent.n.cmp(&a.percent.n))
            .then(ia.cmp(ib))
    });
    out.into_iter().map(|(_, d)| d).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<Option<u16>>>) -> Table {
        Table { annotators: vec!["a".into(), "b".into(), "c".into()], categories: 3, rows }
    }

    #[test]
    fn the_least_agreeing_document_comes_first_and_one_without_pairs_is_left_out() {
        let (x, y, z) = (Some(0), Some(1), Some(2));
        let t = table(vec![
            // d1: 2 of 3 sentences agree.
            vec![x, x, x],
            vec![x, y, None],
            vec![y, y, y],
            // d2: none agrees.
            vec![x, y, z],
            vec![y, z, None],
            // d3: all agree, one category only (alpha undefined).
            vec![x, x, None],
            // d4: rated once only.
            vec![x, None, None],
            // d5: 1 of 2 agrees.
            vec![x, x, None],
            vec![z, x, None],
            // d6: all agree, alpha defined (two categories): before d3.
            vec![x, x, None],
            vec![y, y, None],
        ]);
        let docs: Vec<(String, Range<usize>)> =
            [("d1", 0..3), ("d2", 3..5), ("d3", 5..6), ("d4", 6..7), ("d5", 7..9), ("d6", 9..11)]
                .into_iter()
                .map(|(d, r)| (d.to_owned(), r))
                .collect();
        let out = worst_first(&t, &docs);
        let order: Vec<&str> = out.iter().map(|d| d.doc.as_str()).collect();
        assert_eq!(order, ["d2", "d5", "d1", "d6", "d3"]);
        assert_eq!(out[0].percent, Measure { value: Some(0.0), n: 2 });
        let d1 = out.iter().find(|d| d.doc == "d1").unwrap();
        assert_eq!((d1.percent.n, d1.percent.value.map(|v| (v * 3.0).round())), (3, Some(2.0)));
        assert_eq!(out.iter().find(|d| d.doc == "d3").unwrap().alpha.value, None);
    }

    #[test]
    fn ties_go_by_alpha_then_the_corpus_order() {
        let (x, y) = (Some(0), Some(1));
        let t = table(vec![vec![x, y, None], vec![x, y, None], vec![x, y, None], vec![y, x, None]]);
        let docs: Vec<(String, Range<usize>)> =
            [("a", 0..1), ("b", 1..3), ("c", 3..4)].into_iter().map(|(d, r)| (d.to_owned(), r)).collect();
        let order: Vec<String> = worst_first(&t, &docs).into_iter().map(|d| d.doc).collect();
        // All 0 %: b's alpha is -0.5, a's and c's 0 (one sentence each): b, then a before c.
        assert_eq!(order, ["b", "a", "c"]);
    }
}
