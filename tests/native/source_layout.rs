//! The source tree keeps its shape (docs/ARCHITECTURE.md), checked on every test run rather
//! than by a reviewer's eye: a module per concern (no Rust file over 900 lines, no import or
//! export module over 600), a "why" at the top of every module, and a core crate whose
//! dependencies are serde and a persistent map, nothing of the browser.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every Rust file of the page crate and of the core crate.
fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("crates/annotator-core/src"), &mut files);
    files.sort();
    assert!(files.len() > 50, "the source tree was not found ({} files)", files.len());
    files.into_iter().map(|p| (p.clone(), fs::read_to_string(&p).unwrap_or_default())).collect()
}

#[test]
fn no_module_is_over_its_line_budget() {
    let mut over = Vec::new();
    for (path, text) in sources() {
        let lines = text.lines().count();
        let rel = path.to_string_lossy().replace('\\', "/");
        let budget = if rel.contains("/annotator-core/src/import/") || rel.contains("/annotator-core/src/export/") {
            600
        } else {
            900
        };
        if lines > budget {
            over.push(format!("{rel}: {lines} lines (at most {budget})"));
        }
    }
    assert!(over.is_empty(), "split these by concern:\n{}", over.join("\n"));
}

#[test]
fn every_module_says_why_it_exists() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    assert!(missing.is_empty(), "no `//!` header:\n{}", missing.join("\n"));
}

#[test]
fn the_core_depends_on_serde_and_nothing_of_the_browser() {
    // Cargo enforces the layering: the core crate cannot name a crate it does not depend on.
    // This keeps its dependency list from growing a browser crate by accident.
    let manifest = root().join("crates/annotator-core/Cargo.toml");
    let text = fs::read_to_string(&manifest).expect("crates/annotator-core/Cargo.toml");
    let mut section = String::new();
    let mut deps = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_string();
        } else if section == "[dependencies]" && !line.is_empty() && !line.starts_with('#') {
            deps.push(line.split([' ', '=']).next().unwrap_or_default().to_string());
        }
    }
    deps.sort();
    assert_eq!(deps, ["imbl", "serde", "serde_json"], "the core's runtime dependencies");
}
