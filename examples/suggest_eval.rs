//! Macro-F1 of the page's suggestions on a labelled file, replayed as a simulated annotator
//! (docs/DEVELOPMENT.md, Suggestions: quality and speed).
//!
//! ```text
//! cargo run --release --example suggest_eval -- FILE.jsonl [FILE.jsonl ...] [--shuffle N]
//! ```
//! Each line is `{"text": "...", "label": "claim"|"denial"|"demand"|"none"}`. The sentences
//! are decided in file order; after 0 (cue words alone), 10, 25, 50, 100 and 200 decisions the
//! suggestions on the sentences not yet decided are scored: macro-F1 over claim, denial,
//! demand and none, beside the majority class so far, the cue words alone, and each part of
//! the model (naive Bayes and logistic regression, both on the cue prior). "suggest" is what
//! the page shows. A second table does the same without cue words (what a label set other
//! than the default gets). `--shuffle N` adds the mean over N seeded orders of the file.
//! Always exits 0.

use annotator_core::suggest::eval::{parse_jsonl, replay, shuffled, Case, Row, CHECKPOINTS};
use annotator_core::suggest::Model;

fn table(title: &str, rows: &[Row]) {
    println!("{title}");
    println!(
        "{:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "decided", "left", "majority", "cues", "bayes", "logistic", "suggest"
    );
    for r in rows {
        println!(
            "{:>9} {:>9} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            r.decisions, r.remaining, r.majority, r.cues, r.bayes, r.logistic, r.suggest
        );
    }
}

/// Row-wise mean of several replays (same checkpoints).
fn mean(runs: &[Vec<Row>]) -> Vec<Row> {
    let n = runs.len() as f64;
    (0..runs[0].len())
        .map(|i| {
            let avg = |f: fn(&Row) -> f64| runs.iter().map(|r| f(&r[i])).sum::<f64>() / n;
            Row {
                majority: avg(|r| r.majority),
                cues: avg(|r| r.cues),
                bayes: avg(|r| r.bayes),
                logistic: avg(|r| r.logistic),
                suggest: avg(|r| r.suggest),
                ..runs[0][i].clone()
            }
        })
        .collect()
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut shuffles = 0u64;
    if let Some(i) = args.iter().position(|a| a == "--shuffle") {
        shuffles = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(10);
        args.drain(i..(i + 2).min(args.len()));
    }
    if args.is_empty() {
        eprintln!("usage: suggest_eval FILE.jsonl [FILE.jsonl ...] [--shuffle N]");
        return;
    }
    let labels: Vec<String> = ["claim", "denial", "demand"].map(String::from).to_vec();
    for file in args {
        let cases: Vec<Case> =
            match std::fs::read_to_string(&file).map_err(|e| e.to_string()).and_then(|s| parse_jsonl(&s)) {
                Ok(c) => c,
                Err(e) => {
                    println!("{file}: cannot read: {e}");
                    continue;
                }
            };
        let mut shares: Vec<(String, usize)> = Vec::new();
        for c in &cases {
            match shares.iter_mut().find(|(l, _)| *l == c.label) {
                Some(s) => s.1 += 1,
                None => shares.push((c.label.clone(), 1)),
            }
        }
        let shares: Vec<String> =
            shares.iter().map(|(l, n)| format!("{l} {:.0}%", 100.0 * *n as f64 / cases.len().max(1) as f64)).collect();
        println!("{file}: {} sentences ({})", cases.len(), shares.join(", "));
        let start = std::time::Instant::now();
        table(
            "macro-F1 on the sentences not yet decided, file order:",
            &replay(Model::new(&labels), &cases, CHECKPOINTS),
        );
        table("without cue words (other label sets):", &replay(Model::without_cues(&labels), &cases, CHECKPOINTS));
        if shuffles > 0 {
            let runs: Vec<Vec<Row>> =
                (0..shuffles).map(|s| replay(Model::new(&labels), &shuffled(&cases, s + 1), CHECKPOINTS)).collect();
            table(&format!("mean over {shuffles} shuffled orders:"), &mean(&runs));
            let runs: Vec<Vec<Row>> = (0..shuffles)
                .map(|s| replay(Model::without_cues(&labels), &shuffled(&cases, s + 1), CHECKPOINTS))
                .collect();
            table(&format!("mean over {shuffles} shuffled orders, without cue words:"), &mean(&runs));
        }
        println!("({:.0} ms)", start.elapsed().as_secs_f64() * 1e3);
    }
}
