//! A 95 % interval for Krippendorff's alpha (docs/FORMAT.md §7): how far the figure could move
//! with other sentences of the same kind. Bootstrapped as Hayes & Krippendorff (2007) advise
//! for alpha, by resampling: here the units themselves (sentences, with all their ratings),
//! drawn with replacement as many times as there are pairable units, alpha computed on each
//! draw, and the 2.5th and 97.5th percentiles of the draws taken. A draw with no disagreement
//! possible (one category only) has no alpha and is left out.
//!
//! Seeded (a fixed xorshift64* seed): the same ratings give the same interval, so a reload or a
//! second browser shows what the first showed. Cost: each unit is reduced once to its counts;
//! a draw then sums `units` of them, O(draws × units × categories a unit used): 1,000 draws
//! over 5,000 sentences is some 10 million additions.

#[cfg(test)]
use super::Category;
use super::Table;

/// A bootstrap interval: `low` ≤ `high`, from `draws` defined draws.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
    pub draws: usize,
}

/// The seed every interval starts from.
const SEED: u64 = 0x5EED_A1FA_2007_0095;

/// Draws the page computes.
pub const DRAWS: usize = 1000;

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0), without modulo bias worth speaking of for n < 2^32.
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
}

/// One pairable unit reduced to what alpha needs: its number of ratings and the ratings per
/// category it used.
struct Unit {
    m: u64,
    counts: Vec<(usize, u64)>,
}

/// Alpha of a multiset of units (`pick` yields indices into `units`), as `measures::alpha`.
fn alpha_of(units: &[Unit], pick: impl Iterator<Item = usize>, totals: &mut [u64]) -> Option<f64> {
    totals.iter_mut().for_each(|t| *t = 0);
    let mut d_o = 0.0;
    for u in pick.map(|i| &units[i]) {
        let mut squares = 0;
        for &(c, n) in &u.counts {
            totals[c] += n;
            squares += n * n;
        }
        d_o += (u.m * u.m - squares) as f64 / (u.m - 1) as f64;
    }
    let n: u64 = totals.iter().sum();
    let expected = u128::from(n) * u128::from(n) - totals.iter().map(|&x| u128::from(x) * u128::from(x)).sum::<u128>();
    (expected > 0).then(|| 1.0 - (n - 1) as f64 * d_o / expected as f64)
}

/// The 95 % bootstrap interval of nominal alpha over `draws` draws; `None` when alpha itself
/// is undefined or fewer than half the draws are defined.
pub fn alpha_interval(t: &Table, draws: usize) -> Option<Interval> {
    let width = t.width();
    let mut units = Vec::new();
    let mut counts = vec![0u64; width];
    for row in &t.rows {
        counts.iter_mut().for_each(|c| *c = 0);
        let mut m = 0;
        for c in t.cells(row).iter().flatten() {
            counts[usize::from(*c)] += 1;
            m += 1;
        }
        if m >= 2 {
            let used = counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(c, n)| (c, *n)).collect();
            units.push(Unit { m, counts: used });
        }
    }
    let mut totals = vec![0u64; width];
    alpha_of(&units, 0..units.len(), &mut totals)?;
    let mut rng = Rng(SEED);
    let mut found = Vec::with_capacity(draws);
    let mut pick = Vec::with_capacity(units.len());
    for _ in 0..draws {
        pick.clear();
        pick.extend((0..units.len()).map(|_| rng.below(units.len())));
        if let Some(a) = alpha_of(&units, pick.iter().copied(), &mut totals) {
            found.push(a);
        }
    }
    if found.len() * 2 < draws.max(1) {
        return None;
    }
    found.sort_by(f64::total_cmp);
    let at = |q: f64| found[((found.len() - 1) as f64 * q).round() as usize];
    Some(Interval { low: at(0.025), high: at(0.975), draws: found.len() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::krippendorff_alpha;

    /// Ratings of `items` sentences by three annotators: each sentence has a true category
    /// (prevalence 20/10/10/60 %), each annotator says it with probability `q`, else a
    /// category drawn from the prevalence, and leaves one sentence in ten unrated.
    fn simulated(items: usize, q: f64, rng: &mut Rng) -> Table {
        let draw = |rng: &mut Rng| -> Category {
            match rng.below(10) {
                0 | 1 => 0,
                2 => 1,
                3 => 2,
                _ => 3,
            }
        };
        let rows = (0..items)
            .map(|_| {
                let truth = draw(rng);
                (0..3)
                    .map(|_| {
                        if rng.below(10) == 0 {
                            None
                        } else if (rng.below(1_000_000) as f64) < q * 1e6 {
                            Some(truth)
                        } else {
                            Some(draw(rng))
                        }
                    })
                    .collect()
            })
            .collect();
        Table { annotators: vec!["a".into(), "b".into(), "c".into()], categories: 4, rows }
    }

    #[test]
    fn the_interval_covers_the_true_alpha_about_95_times_in_100() {
        let mut rng = Rng(7);
        // The population's alpha: the figure of a very large sample of the same process.
        let truth = krippendorff_alpha(&simulated(200_000, 0.7, &mut rng)).value.unwrap();
        let (runs, mut covered) = (200, 0);
        for _ in 0..runs {
            let sample = simulated(150, 0.7, &mut rng);
            let i = alpha_interval(&sample, 400).unwrap();
            covered += usize::from(i.low <= truth && truth <= i.high);
        }
        let share = covered as f64 / runs as f64;
        assert!((0.89..=0.99).contains(&share), "covered the true alpha {truth:.3} in {share:.3} of the samples");
    }

    #[test]
    fn seeded_around_the_figure_and_undefined_where_alpha_is() {
        let mut rng = Rng(11);
        let t = simulated(300, 0.8, &mut rng);
        let a = krippendorff_alpha(&t).value.unwrap();
        let i = alpha_interval(&t, DRAWS).unwrap();
        assert!(i.low < a && a < i.high && i.high - i.low < 0.3, "{i:?} around {a}");
        assert_eq!(alpha_interval(&t, DRAWS), Some(i), "the same ratings, the same interval");
        assert_eq!(i.draws, DRAWS);
        // Everyone always alike in one category: alpha is undefined, so is its interval.
        let same =
            Table { annotators: vec!["a".into(), "b".into()], categories: 2, rows: vec![vec![Some(0), Some(0)]; 5] };
        assert_eq!(alpha_interval(&same, DRAWS), None);
        assert_eq!(alpha_interval(&Table::default(), DRAWS), None);
    }
}
