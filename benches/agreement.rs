//! Time of `agreement::report` (every figure of the agreement panel: alpha, alpha per category,
//! Fleiss' kappa, percent agreement, Cohen's kappa and a confusion matrix per pair, the
//! distributions) on generated ratings: 20 annotators × 20,000 sentences (printed, see
//! docs/DEVELOPMENT.md, Performance) and 8 × 2,000 (the size the page's panel must open in
//! ≤ 100 ms; `scripts/bench_page.py` times the panel itself).
//!
//! The ratings are realistic rather than uniform: each sentence has a "true" category (most
//! news sentences carry none of the labels: none 55 %, claim 25 %, denial 12 %, demand 8 %),
//! each annotator finds it with their own accuracy (0.70 to 0.90) and otherwise picks any
//! category, and leaves ~15 % of the sentences undecided (missing). A seeded PRNG
//! (SplitMix64) makes the table the same on every run, without a dependency.
//!
//! `cargo bench --bench agreement` runs the criterion group, then prints the median of plain
//! `std::time::Instant` runs per size in one line each (`scripts/bench_page.py --cargo-bench`
//! parses them): `agreement report, 20 annotators x 20000 sentences: median 12.345 ms ...`.
//! Under `cargo test --all-targets` it is a smoke run on small tables.

use annotator_core::agreement::{report, Category, Table};
use criterion::{black_box, BenchmarkId, Criterion};
use newsgen::Rng;
use std::time::{Duration, Instant};

/// Categories as the page numbers them: the labels (claim, denial, demand), then "none".
const CATEGORIES: usize = 4;
/// Cumulative shares of the true categories: claim, denial, demand, none.
const TRUE_SHARES: [f64; CATEGORIES] = [0.25, 0.37, 0.45, 1.0];
const MISSING: f64 = 0.15;

fn table(annotators: usize, items: usize, seed: u64) -> Table {
    let mut rng = Rng::new(seed);
    let accuracy: Vec<f64> = (0..annotators).map(|_| 0.70 + 0.20 * rng.unit()).collect();
    let rows = (0..items)
        .map(|_| {
            let u = rng.unit();
            let truth = TRUE_SHARES.iter().position(|&s| u < s).unwrap_or(CATEGORIES - 1) as Category;
            accuracy
                .iter()
                .map(|&acc| {
                    if rng.unit() < MISSING {
                        None
                    } else if rng.unit() < acc {
                        Some(truth)
                    } else {
                        Some(rng.below(CATEGORIES) as Category)
                    }
                })
                .collect()
        })
        .collect();
    Table { annotators: (0..annotators).map(|a| format!("annotator-{a:02}")).collect(), categories: CATEGORIES, rows }
}

/// Median and 95th percentile (nearest rank) of `runs` timed calls of `report`, after one
/// untimed call.
fn timed(t: &Table, runs: usize) -> (Duration, Duration) {
    black_box(report(black_box(t)));
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(report(black_box(t)));
            start.elapsed()
        })
        .collect();
    times.sort();
    let p95 = times[(runs * 95).div_ceil(100).max(1) - 1];
    (times[runs / 2], p95)
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test --all-targets` this is a smoke run.
    let bench = std::env::args().any(|a| a == "--bench");
    let sizes: [(usize, usize); 2] = if bench { [(20, 20_000), (8, 2_000)] } else { [(20, 200), (8, 50)] };
    let tables: Vec<Table> = sizes.iter().map(|&(a, n)| table(a, n, 2024 + a as u64)).collect();

    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("agreement");
        g.sample_size(10);
        for ((a, n), t) in sizes.iter().zip(&tables) {
            g.bench_with_input(BenchmarkId::new("report", format!("{a}x{n}")), t, |b, t| {
                b.iter(|| report(black_box(t)))
            });
        }
        g.finish();
    }
    c.final_summary();

    println!();
    for ((a, n), t) in sizes.iter().zip(&tables) {
        let r = report(t);
        let missing = t.rows.iter().flatten().filter(|c| c.is_none()).count() as f64 / (a * n) as f64;
        let runs = if bench { 31 } else { 3 };
        let (median, p95) = timed(t, runs);
        println!(
            "agreement report, {a} annotators x {n} sentences: median {:.3} ms, p95 {:.3} ms ({runs} runs; \
             {:.1} % missing, alpha {:.3}, {} pairs)",
            median.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            missing * 100.0,
            r.alpha.value.unwrap_or(f64::NAN),
            r.pairs.len(),
        );
    }
}
