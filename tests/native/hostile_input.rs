//! Issue: hostile input. Every parser answers arbitrary bytes with a result or a clear
//! message naming the file, never a panic; and the code never renders raw HTML.

use annotator_core::export::{self, ExportError};
use annotator_core::import::{self, ImportErrorKind, Imported, WarningKind};

use crate::{util, words};

/// The page's message for a refused file, checking the error names it.
fn message(name: &str, bytes: &[u8]) -> String {
    match import::parse_file(name, bytes) {
        Ok(_) => panic!("{name} was accepted"),
        Err(e) => {
            assert_eq!(e.file, name);
            words::import_error(&e)
        }
    }
}

#[test]
fn deep_nesting_gets_a_message() {
    let arrays = "[".repeat(100_000);
    let e = message("deep.json", arrays.as_bytes());
    assert!(e.contains("deep.json"), "{e}");
    let objects = "{\"a\":".repeat(50_000);
    let e = message("deep.json", objects.as_bytes());
    assert!(e.contains("deep.json"), "{e}");
}

#[test]
fn a_ten_megabyte_line_is_just_text() {
    let line = format!("{{\"id\":\"big\",\"text\":\"{}.\"}}\n", "word ".repeat(2_000_000));
    assert!(line.len() > 10_000_000);
    match import::parse_file("big.jsonl", line.as_bytes()) {
        Ok((Imported::Articles(a), _)) => assert_eq!(a[0].id.as_deref(), Some("big")),
        other => panic!("unexpected: {:?}", other.map(|_| ())),
    }
}

#[test]
fn prototype_keys_and_duplicate_ids_are_data() {
    let json = r#"[{"id":"__proto__","text":"One."},{"id":"constructor","text":"Two.","__proto__":{"x":1}},{"id":"__proto__","text":"Three."}]"#;
    let (imported, warnings) = import::parse_file("p.json", json.as_bytes()).unwrap();
    let Imported::Articles(items) = imported else { panic!("not articles") };
    let ids: Vec<_> = items.iter().map(|a| a.id.clone().unwrap()).collect();
    assert_eq!(ids, ["__proto__", "constructor"]);
    assert!(
        warnings.iter().any(|w| matches!(&w.kind, WarningKind::DuplicateId { id, .. } if id == "__proto__")),
        "{warnings:?}"
    );
}

#[test]
fn lone_surrogates_and_nul_bytes() {
    let e = message("s.json", br#"[{"text":"a \ud800 b"}]"#);
    assert!(e.contains("s.json"), "{e}");
    let e = message("n.txt", b"text with a \0 NUL byte");
    assert!(e.contains("n.txt"), "{e}");
}

#[test]
fn future_and_wrong_export_versions_are_refused() {
    let future = r#"{"format":"sentence-annotator","version":2,"documents":[]}"#;
    assert_eq!(export::parse_export(future), Err(ExportError::NewerVersion(2)));
    let wrong = r#"{"format":"sentence-annotator","version":"one","documents":[]}"#;
    assert_eq!(export::parse_export(wrong), Err(ExportError::UnknownVersion("\"one\"".into())));
    // The e2e suite reads "newer" or "version 2" in the page's message.
    let e = message("f.json", future.as_bytes());
    assert!(e.starts_with("f.json: ") && e.contains("newer") && e.contains("version 2"), "{e}");
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let e = import::check_size("huge.txt", 21 * 1024 * 1024).unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::TooLarge { bytes: 21 * 1024 * 1024, limit: 20 * 1024 * 1024 });
    // The e2e suite reads the file's name and "20 MB" in the page's message.
    let e = words::import_error(&e);
    assert!(e.contains("huge.txt") && e.contains("20 MB"), "{e}");
    assert!(import::check_size("ok.txt", 1024).is_ok());
}

/// No raw-HTML door anywhere in the page's code: everything from outside renders as text.
#[test]
fn no_raw_html_apis_in_the_source() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "html" || x == "js") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&util::path("src"), &mut files);
    files.push(util::path("index.html"));
    // Built from pieces so this file does not match itself.
    let banned =
        [["from_html", "_unchecked"], ["inner", "_html"], ["innerH", "TML"], ["ev", "al("], ["new Fun", "ction"]];
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for [a, b] in banned {
            let needle = format!("{a}{b}");
            assert!(!text.contains(&needle), "{} uses {needle}", f.display());
        }
    }
}
