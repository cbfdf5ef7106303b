//! Whole-case accuracy of the segmenter on sentence-boundary case files, per file and per
//! category, so a change of rules shows which kind of case it helped or broke.
//!
//! ```text
//! cargo run --release --example sbd_eval -- FILE.json [FILE.json ...]
//! ```
//! Each file holds `[{"title", "text", "expected": [sentences], "category"?}]` (the Golden
//! Rules format; `category` optional, cases without one count under `-`). A case passes when
//! the produced sentences equal the expected ones after trimming each and collapsing every
//! internal run of whitespace to one space: our spans slice the original text, so an errant
//! line break inside a sentence ("a sentence\ncut off") stays in the span, while the expected
//! list shows it as a space. Always exits 0.

use std::collections::BTreeMap;

use annotator_core::segment::{segment, SEGMENTER};

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pct(ok: usize, all: usize) -> f64 {
    100.0 * ok as f64 / all.max(1) as f64
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: sbd_eval FILE.json [FILE.json ...]");
        return;
    }
    println!("segmenter {SEGMENTER}");
    for file in files {
        let cases: Vec<serde_json::Value> = match std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => {
                println!("{file}: cannot read: {e}");
                continue;
            }
        };
        let mut ok = 0;
        // category -> (passed, cases)
        let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut failures = Vec::new();
        for (n, case) in cases.iter().enumerate() {
            let title = case["title"].as_str().unwrap_or("").to_owned();
            let category = case["category"].as_str().unwrap_or("-").to_owned();
            let text = case["text"].as_str().unwrap_or("");
            let expected: Vec<String> = case["expected"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).map(norm).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default();
            let got: Vec<String> = segment(text).iter().map(|s| norm(&text[s.start..s.end])).collect();
            let entry = per.entry(category).or_default();
            entry.1 += 1;
            if got == expected {
                ok += 1;
                entry.0 += 1;
            } else {
                failures.push((n + 1, title, expected, got));
            }
        }
        println!("{file}: {ok}/{} ({:.2}%)", cases.len(), pct(ok, cases.len()));
        if per.len() > 1 || !per.contains_key("-") {
            for (cat, (p, all)) in &per {
                println!("  {cat:<16} {p:>3}/{all:<3} ({:.2}%)", pct(*p, *all));
            }
        }
        for (n, title, expected, got) in failures {
            println!("  FAIL #{n} {title}");
            println!("    expected: {expected:?}");
            println!("    got:      {got:?}");
        }
    }
}
