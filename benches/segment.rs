//! Throughput of `segment` on a ≥5 MB news-like corpus (from `tools/newsgen`), side by side with
//! UAX #29 sentence bounds (`unicode-segmentation`) on the same text.
//!
//! `cargo bench --bench segment` runs the criterion groups, then prints a plain
//! `std::time::Instant` measurement of both and their ratio.

use annotator_core::segment::segment;
use criterion::{black_box, Criterion, Throughput};
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;

fn corpus_text(bytes: usize) -> String {
    let docs = newsgen::corpus(2024, (bytes / 6000).max(1), bytes);
    let mut text = String::with_capacity(7 << 20);
    for (_, t) in docs {
        text.push_str(&t);
        text.push_str("\n\n");
    }
    text
}

fn uax29(text: &str) -> usize {
    text.split_sentence_bound_indices().count()
}

fn benches(c: &mut Criterion, text: &str) {
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("sa-rules", |b| b.iter(|| segment(black_box(text)).len()));
    g.bench_function("uax29", |b| b.iter(|| uax29(black_box(text))));
    g.finish();
}

/// Best of `iters` runs, in MB/s (1 MB = 10^6 bytes).
fn mbps(text: &str, iters: usize, f: impl Fn(&str) -> usize) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..iters {
        let t = Instant::now();
        n = black_box(f(black_box(text)));
        best = best.min(t.elapsed().as_secs_f64());
    }
    (text.len() as f64 / 1e6 / best, n)
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test --all-targets` this is a smoke run
    // on a small corpus (criterion runs each function once).
    let bench = std::env::args().any(|a| a == "--bench");
    let text = corpus_text(if bench { 6 << 20 } else { 200_000 });
    if bench {
        assert!(text.len() >= 5 << 20);
    }
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c, &text);
    c.final_summary();

    let iters = if bench { 5 } else { 1 };
    let (ours, n_ours) = mbps(&text, iters, |t| segment(t).len());
    let (theirs, n_theirs) = mbps(&text, iters, uax29);
    println!();
    println!("corpus: {:.2} MB of newsgen text", text.len() as f64 / 1e6);
    println!("sa-rules (segment):  {ours:8.1} MB/s  ({n_ours} sentences)");
    println!("UAX #29 (unicode-segmentation): {theirs:8.1} MB/s  ({n_theirs} bounds)");
    println!("ratio sa-rules / UAX #29: {:.2}x", ours / theirs);
}
