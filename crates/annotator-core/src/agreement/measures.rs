//! The formulas of `agreement`, apart from its types: why each is the library's, in integers.
//!
//! For an item u rated by m_u annotators, n_uc of them choosing category c:
//! - Krippendorff (nominal; `krippendorff.alpha` builds the coincidence matrix o and its
//!   chance counterpart e, then alpha = 1 − Σ_{c≠k} o_ck / Σ_{c≠k} e_ck). With n_c = Σ_u n_uc
//!   over the items rated at least twice and n = Σ_c n_c, that is
//!   alpha = 1 − (n − 1) · Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1) / (n² − Σ_c n_c²),
//!   undefined when n² = Σ_c n_c² (one category among the paired ratings, or none rated twice),
//!   where the library divides 0 by 0 or raises.
//! - Per category L, ratings recoded L → 1, others → 0: the same with m_u² − n_uL² − (m_u −
//!   n_uL)² = 2·n_uL·(m_u − n_uL), and n² − n_L² − (n − n_L)² = 2·n_L·(n − n_L).
//! - Fleiss (statsmodels: P̄ = mean_u (Σ_c n_uc² − k) / (k(k − 1)), P_e = Σ_c p_c², kappa =
//!   (P̄ − P_e) / (1 − P_e)), over the N items all k annotators rated, with T = N·k, S = Σ_u Σ_c
//!   n_uc², C = Σ_c (column total)²: kappa = (T(S − T) − (k − 1)C) / ((k − 1)(T² − C)),
//!   undefined when k < 2 or T² = C (everyone used one category), the library's nan.
//! - Cohen (scikit-learn: 1 − Σ_{x≠y} confusion / Σ_{x≠y} expected, expected = outer product
//!   of the marginals / N): with trace t and marginals a_x, b_x, kappa = 1 − N(N − t) / (N² −
//!   Σ_x a_x·b_x), undefined when N² = Σ_x a_x·b_x (both used the same single category), nan.

use super::{Category, Measure, Pair, Report, Table};

/// Exact integer sums of one pass over the cells: everything but the pairwise figures.
struct Tally {
    width: usize,
    /// Annotators + 1: the stride of `by_category` (m runs 0..=annotators).
    stride: usize,
    /// Items rated at least twice, and how many of them have all their ratings equal.
    pairable: usize,
    unanimous: usize,
    /// n_c: the ratings of category c on the items rated at least twice.
    totals: Vec<u64>,
    /// `disagreement[m]`: Σ (m² − Σ_c n_uc²) over the items with m ratings.
    disagreement: Vec<u64>,
    /// `by_category[c * stride + m]`: Σ 2·n_uc·(m − n_uc) over the items with m ratings.
    by_category: Vec<u64>,
    /// Fleiss: items every annotator rated, Σ_c n_uc² summed over them, column totals.
    full: usize,
    full_squares: u64,
    full_totals: Vec<u64>,
    distribution: Vec<Vec<usize>>,
}

impl Tally {
    /// One pass, O(cells): a row's counts live in `counts`, reset through `touched`.
    fn of(t: &Table) -> Tally {
        let width = t.width();
        let k = t.annotators.len();
        let stride = k + 1;
        let mut tally = Tally {
            width,
            stride,
            pairable: 0,
            unanimous: 0,
            totals: vec![0; width],
            disagreement: vec![0; stride],
            by_category: vec![0; width * stride],
            full: 0,
            full_squares: 0,
            full_totals: vec![0; width],
            distribution: vec![vec![0; width]; k],
        };
        let mut counts = vec![0u64; width];
        let mut touched: Vec<usize> = Vec::with_capacity(k);
        for row in &t.rows {
            let mut m = 0u64;
            for (j, cell) in t.cells(row).iter().enumerate() {
                if let Some(c) = *cell {
                    let c = usize::from(c);
                    if counts[c] == 0 {
                        touched.push(c);
                    }
                    counts[c] += 1;
                    m += 1;
                    tally.distribution[j][c] += 1;
                }
            }
            let squares: u64 = touched.iter().map(|&c| counts[c] * counts[c]).sum();
            if m >= 2 {
                let mi = m as usize;
                tally.pairable += 1;
                tally.unanimous += usize::from(touched.len() == 1);
                tally.disagreement[mi] += m * m - squares;
                for &c in &touched {
                    tally.totals[c] += counts[c];
                    tally.by_category[c * stride + mi] += 2 * counts[c] * (m - counts[c]);
                }
            }
            if k > 0 && m as usize == k {
                tally.full += 1;
                tally.full_squares += squares;
                for &c in &touched {
                    tally.full_totals[c] += counts[c];
                }
            }
            for c in touched.drain(..) {
                counts[c] = 0;
            }
        }
        tally
    }

    fn alpha(&self) -> Measure {
        let n: u64 = self.totals.iter().sum();
        let squares: u128 = self.totals.iter().map(|&x| u128::from(x) * u128::from(x)).sum();
        let expected = u128::from(n) * u128::from(n) - squares;
        Measure { value: alpha(n, expected, &self.disagreement), n: self.pairable }
    }

    fn alpha_for(&self, c: usize) -> Measure {
        if c >= self.width {
            return Measure { value: None, n: self.pairable };
        }
        let n: u64 = self.totals.iter().sum();
        let (hit, miss) = (u128::from(self.totals[c]), u128::from(n - self.totals[c]));
        let observed = &self.by_category[c * self.stride..(c + 1) * self.stride];
        Measure { value: alpha(n, 2 * hit * miss, observed), n: self.pairable }
    }

    fn fleiss(&self) -> Measure {
        let k = self.distribution.len() as i128;
        let n = self.full;
        if k < 2 || n == 0 {
            return Measure { value: None, n };
        }
        let t = n as i128 * k;
        let s = i128::from(self.full_squares);
        let c: i128 = self.full_totals.iter().map(|&x| i128::from(x) * i128::from(x)).sum();
        let denominator = (k - 1) * (t * t - c);
        if denominator == 0 {
            return Measure { value: None, n };
        }
        let numerator = t * (s - t) - (k - 1) * c;
        Measure { value: Some(numerator as f64 / denominator as f64), n }
    }

    fn percent(&self) -> Measure {
        let value = (self.pairable > 0).then(|| self.unanimous as f64 / self.pairable as f64);
        Measure { value, n: self.pairable }
    }
}

/// 1 − (n − 1)·D_o / D_e, with D_o = Σ_m observed[m] / (m − 1) and D_e = `expected` (exact);
/// `None` when D_e = 0.
fn alpha(n: u64, expected: u128, observed: &[u64]) -> Option<f64> {
    if expected == 0 {
        return None;
    }
    let d_o: f64 = observed.iter().enumerate().skip(2).map(|(m, &d)| d as f64 / (m - 1) as f64).sum();
    Some(1.0 - (n - 1) as f64 * d_o / expected as f64)
}

/// Cohen's kappa of a confusion matrix (square), as scikit-learn; `n` = its total.
fn kappa(confusion: &[Vec<usize>]) -> Measure {
    let n: u128 = confusion.iter().flatten().map(|&x| x as u128).sum();
    let trace: u128 = confusion.iter().enumerate().map(|(x, row)| row[x] as u128).sum();
    let chance: u128 = (0..confusion.len())
        .map(|x| {
            let a: u128 = confusion[x].iter().map(|&v| v as u128).sum();
            let b: u128 = confusion.iter().map(|row| row[x] as u128).sum();
            a * b
        })
        .sum();
    let expected = n * n - chance;
    let value = (expected != 0).then(|| 1.0 - (n * (n - trace)) as f64 / expected as f64);
    Measure { value, n: n as usize }
}

/// Krippendorff's alpha, nominal, missing ratings allowed: `krippendorff.alpha(reliability_data,
/// level_of_measurement="nominal")`. `n`: the items rated by at least two annotators.
pub fn krippendorff_alpha(t: &Table) -> Measure {
    Tally::of(t).alpha()
}

/// Alpha of the ratings recoded 1 if `category`, else 0 (`data-label`, docs/FORMAT.md §7); same
/// items.
pub fn alpha_for_category(t: &Table, category: Category) -> Measure {
    Tally::of(t).alpha_for(usize::from(category))
}

/// `alpha_for_category` for every category below `t.width()`, in one pass.
pub fn alpha_per_category(t: &Table) -> Vec<Measure> {
    let tally = Tally::of(t);
    (0..tally.width).map(|c| tally.alpha_for(c)).collect()
}

/// Fleiss' kappa over the items rated by every annotator: statsmodels
/// `fleiss_kappa(aggregate_raters(data)[0])`. Undefined with fewer than two annotators.
pub fn fleiss_kappa(t: &Table) -> Measure {
    Tally::of(t).fleiss()
}

/// The share of the items rated by at least two annotators on which all ratings are equal.
pub fn percent_agreement(t: &Table) -> Measure {
    Tally::of(t).percent()
}

/// `[annotator][category]`: how many items each annotator rated with each category.
pub fn distribution(t: &Table) -> Vec<Vec<usize>> {
    Tally::of(t).distribution
}

/// Counts over the items both `a` and `b` (columns) rated: rows `a`'s category, columns `b`'s.
pub fn confusion(t: &Table, a: usize, b: usize) -> Vec<Vec<usize>> {
    let width = t.width();
    let mut m = vec![vec![0; width]; width];
    for item in 0..t.rows.len() {
        if let (Some(x), Some(y)) = (t.rating(item, a), t.rating(item, b)) {
            m[usize::from(x)][usize::from(y)] += 1;
        }
    }
    m
}

/// Cohen's kappa (unweighted) of columns `a` and `b` over the items both rated:
/// scikit-learn `cohen_kappa_score(a, b)`; symmetric in `a` and `b`.
pub fn cohen_kappa(t: &Table, a: usize, b: usize) -> Measure {
    kappa(&confusion(t, a, b))
}

/// Every pair of annotators with its confusion matrix and Cohen's kappa, in one pass:
/// A < B in code-point order of the names, the list ordered by (A, B).
pub fn pairs(t: &Table) -> Vec<Pair> {
    let k = t.annotators.len();
    let width = t.width();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&x, &y| t.annotators[x].cmp(&t.annotators[y]).then(x.cmp(&y)));
    let mut found: Vec<(usize, usize)> = Vec::with_capacity(k * k.saturating_sub(1) / 2);
    // slot[i * k + j] for columns i, j: the pair's index and whether i is its A.
    let mut slot = vec![(0usize, false); k * k];
    for (x, &a) in order.iter().enumerate() {
        for &b in &order[x + 1..] {
            slot[a * k + b] = (found.len(), true);
            slot[b * k + a] = (found.len(), false);
            found.push((a, b));
        }
    }
    let mut counts = vec![0usize; found.len() * width * width];
    let mut rated: Vec<(usize, usize)> = Vec::with_capacity(k);
    for row in &t.rows {
        rated.clear();
        rated.extend(t.cells(row).iter().enumerate().filter_map(|(j, c)| c.map(|c| (j, usize::from(c)))));
        for (p, &(i, ci)) in rated.iter().enumerate() {
            for &(j, cj) in &rated[p + 1..] {
                let (index, i_is_a) = slot[i * k + j];
                let (x, y) = if i_is_a { (ci, cj) } else { (cj, ci) };
                counts[(index * width + x) * width + y] += 1;
            }
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(index, (a, b))| {
            let block = &counts[index * width * width..(index + 1) * width * width];
            // `max(1)`: with no categories the block is empty and so is the matrix.
            let confusion: Vec<Vec<usize>> = block.chunks(width.max(1)).map(<[usize]>::to_vec).collect();
            Pair { a, b, key: format!("{}|{}", t.annotators[a], t.annotators[b]), kappa: kappa(&confusion), confusion }
        })
        .collect()
}

/// Every figure of the table: one pass for the per-item figures, one for the pairs.
pub fn report(t: &Table) -> Report {
    let tally = Tally::of(t);
    Report {
        alpha: tally.alpha(),
        fleiss_kappa: tally.fleiss(),
        percent_agreement: tally.percent(),
        alpha_per_category: (0..tally.width).map(|c| tally.alpha_for(c)).collect(),
        pairs: pairs(t),
        distribution: tally.distribution,
    }
}
