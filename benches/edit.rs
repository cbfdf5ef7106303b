//! Time of one label edit in a document that already holds many annotations, as the page does
//! it on a key press: the annotation store is copied (every state change keeps the previous
//! state for the render that compares them) and one sentence's annotation is set in the copy.
//! A document's annotations are a persistent map (`DocAnnotations`, imbl's `OrdMap`): the
//! copy shares every untouched record, so the edit costs the same with 50 or 5,000 records
//! in the document. With a `BTreeMap` the copy cloned every record: 1.1 ms per edit at 5,000
//! (measured natively before the change).
//!
//! `cargo bench --bench edit` prints one line per size (`scripts/bench_page.py --cargo-bench`
//! parses them): `label edit, 5000 annotations in the document: median 0.012 ms, p95 ...`.
//! Under `cargo test --all-targets` it is a smoke run with few edits.

use annotator_core::annotations::{Annotation, AnnotationStore};
use std::time::{Duration, Instant};

/// A store whose document "d" has `n` labelled sentences, each with a note.
fn store(n: usize) -> AnnotationStore {
    let mut s = AnnotationStore::default();
    for i in 0..n {
        s.set("d", i, Annotation { labels: vec!["claim".into()], note: format!("note {i}"), ..Default::default() });
    }
    s
}

/// Each edit: copy the store, set one record in the copy, keep the copy (the old state is
/// dropped, as the page drops it).
fn timed(n: usize, edits: usize) -> Vec<Duration> {
    let mut s = store(n);
    let mut times = Vec::with_capacity(edits);
    for k in 0..edits {
        let label = if k % 2 == 0 { "denial" } else { "claim" };
        let t = Instant::now();
        let mut next = s.clone();
        next.set("d", (k * 7) % n, Annotation { labels: vec![label.into()], ..Default::default() });
        s = next;
        times.push(t.elapsed());
    }
    times
}

fn main() {
    // `cargo test --all-targets` runs benches in test mode with `--test` (or no args): smoke run.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let edits = if smoke { 20 } else { 2_000 };
    for n in [50, 5_000] {
        let mut t = timed(n, edits);
        t.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "label edit, {n} annotations in the document: median {:.5} ms, p95 {:.5} ms ({edits} edits)",
            ms(t[t.len() / 2]),
            ms(t[t.len() * 95 / 100])
        );
    }
}
