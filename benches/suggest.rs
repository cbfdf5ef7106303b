//! Speed of the suggestion model (docs/DEVELOPMENT.md, Suggestions: quality and speed) on
//! generated news sentences (`tools/newsgen`, segmented as the page does):
//! - learn + re-score: one decision taught to the model and every undecided sentence of the
//!   open document re-scored (suggestion, score, margin) at 5,000 sentences: p50 and p95 must
//!   stay ≤ 2 ms natively (the model has already learned 200 decisions, as mid-session);
//! - retrain: a model trained from 5,000 stored decisions, what the page does at load
//!   (≤ 100 ms), beside the other way to survive a reload: the serialised state's size and
//!   the time to write and read it;
//! - the pool's build for 5,000 sentences (opening a document that size).
//!
//! The decisions' labels come from a seeded draw (most news sentences carry none of the
//! labels: none 55 %, claim 25 %, denial 12 %, demand 8 %): they change the weights learned,
//! not the work done. `cargo bench --bench suggest` runs the criterion group, then prints one
//! line per figure; under `cargo test --all-targets` it is a smoke run on small sizes.

use annotator_core::segment::segment;
use annotator_core::suggest::{Model, Pool, State};
use criterion::{black_box, Criterion};
use newsgen::Rng;
use std::time::{Duration, Instant};

/// At least `n` sentences of generated news (words, not blank or one-word lines).
fn sentences(n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    let mut seed = 2024;
    while out.len() < n {
        for (_, text) in newsgen::corpus(seed, 40, 400_000) {
            for s in segment(&text) {
                let t = text[s.start..s.end].trim();
                if t.split_whitespace().count() >= 4 {
                    out.push(t.to_owned());
                }
            }
        }
        seed += 1;
    }
    out.truncate(n);
    out
}

fn labels() -> Vec<String> {
    ["claim", "denial", "demand"].map(String::from).to_vec()
}

/// A category per sentence: none 55 %, claim 25 %, denial 12 %, demand 8 %.
fn categories(n: usize, seed: u64) -> Vec<&'static str> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| match rng.unit() {
            u if u < 0.55 => "none",
            u if u < 0.80 => "claim",
            u if u < 0.92 => "denial",
            _ => "demand",
        })
        .collect()
}

fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort();
    times[(times.len() * p).div_ceil(100).max(1) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test --all-targets` this is a smoke run.
    let bench = std::env::args().any(|a| a == "--bench");
    let (open, decided, runs) = if bench { (5_000, 5_000, 200) } else { (200, 200, 5) };
    let all = sentences(open + decided);
    let (undecided, stored) = all.split_at(open);
    let cats = categories(decided, 7);
    let decisions: Vec<(&str, &str)> = stored.iter().map(String::as_str).zip(cats.iter().copied()).collect();
    let labels = labels();

    // The open document: its undecided sentences in a pool, the model mid-session.
    let warm = decided.min(200);
    let mut model = Model::retrain(&labels, decisions[..warm].iter().copied());
    let start = Instant::now();
    let mut pool = Pool::new(&model);
    for (i, t) in undecided.iter().enumerate() {
        pool.insert(&model, i as u64, t);
    }
    let build = start.elapsed();

    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("suggest");
        g.sample_size(10);
        let mut m = model.clone();
        let mut p = pool.clone();
        let mut i = warm;
        g.bench_function(format!("learn+rescore {open}"), |b| {
            b.iter(|| {
                let (t, cat) = decisions[i % decided];
                i += 1;
                p.learn(&mut m, None, t, cat);
                black_box(p.rescore(&m).len())
            })
        });
        g.bench_function(format!("retrain {decided}"), |b| {
            b.iter(|| Model::retrain(&labels, black_box(&decisions).iter().copied()).decisions())
        });
        g.finish();
    }
    c.final_summary();

    // Learn + re-score, timed one decision at a time (decisions from another document: the
    // open one keeps its size).
    let mut times: Vec<Duration> = (0..runs)
        .map(|r| {
            let (t, cat) = decisions[(warm + r) % decided];
            let start = Instant::now();
            pool.learn(&mut model, None, t, cat);
            let scored = pool.rescore(&model);
            let took = start.elapsed();
            assert_eq!(scored.len(), open);
            took
        })
        .collect();
    let p50 = percentile(&mut times, 50);
    let p95 = percentile(&mut times, 95);

    // What a key press costs the page: one decision learned, and the 14 rows around the
    // focus predicted (the rest of the pool takes the change later, in one pass: `flush`,
    // timed after 20 decisions, as when the keys pause).
    let near: Vec<u64> = (0..14u64).map(|j| (j * 97) % open as u64).collect();
    let mut press: Vec<Duration> = Vec::new();
    let mut flushes: Vec<Duration> = Vec::new();
    for r in 0..runs {
        let (t, cat) = decisions[(warm + runs + r) % decided];
        let start = Instant::now();
        pool.learn(&mut model, None, t, cat);
        black_box(pool.predict_many(&model, &near));
        press.push(start.elapsed());
        if r % 20 == 19 {
            let start = Instant::now();
            pool.flush();
            flushes.push(start.elapsed());
        }
    }
    if flushes.is_empty() {
        // A short run (`cargo test --benches`): one flush of what the presses left.
        let start = Instant::now();
        pool.flush();
        flushes.push(start.elapsed());
    }
    let press_p50 = percentile(&mut press, 50);
    let press_p95 = percentile(&mut press, 95);
    let flush_median = percentile(&mut flushes, 50);

    // Retrain from the stored decisions (what the page does at load).
    let retrain_runs = if bench { 7 } else { 1 };
    let mut retrain: Vec<Duration> = (0..retrain_runs)
        .map(|_| {
            let start = Instant::now();
            let m = Model::retrain(&labels, decisions.iter().copied());
            let took = start.elapsed();
            assert_eq!(m.decisions() as usize, decided);
            took
        })
        .collect();
    let retrain_median = percentile(&mut retrain, 50);

    // The other way: the model's state, written and read back.
    let trained = Model::retrain(&labels, decisions.iter().copied());
    let start = Instant::now();
    let state = trained.state();
    let json = serde_json::to_string(&state).unwrap_or_default();
    let write = start.elapsed();
    let start = Instant::now();
    let back: Option<Model> = serde_json::from_str::<State>(&json).ok().and_then(|s| Model::from_state(&s));
    let read = start.elapsed();
    assert!(back.is_some());

    println!();
    println!(
        "suggest learn+rescore, {open} undecided sentences: p50 {:.3} ms, p95 {:.3} ms ({runs} decisions; model at \
         {warm}+ decisions)",
        ms(p50),
        ms(p95),
    );
    println!(
        "suggest key press (learn + predict 14 rows near the focus), {open} undecided sentences: p50 {:.3} ms, \
         p95 {:.3} ms; the pool takes 20 decisions' changes in {:.3} ms (median)",
        ms(press_p50),
        ms(press_p95),
        ms(flush_median),
    );
    println!("suggest retrain, {decided} decisions: median {:.3} ms ({retrain_runs} runs)", ms(retrain_median));
    println!(
        "suggest state after {decided} decisions: {} rows, JSON {:.1} MB, write {:.1} ms, read {:.1} ms",
        state.rows.len(),
        json.len() as f64 / 1e6,
        ms(write),
        ms(read),
    );
    println!("suggest pool build, {open} sentences: {:.3} ms", ms(build));
}
