//! Import and export end to end: the seed corpus, tricky texts, round trips, the JSON
//! Schema (checked by Python's `jsonschema` in the project's venv, `scripts/venv.sh`) and
//! fuzzing of the import parsers.

use annotator_core::annotations::{Annotation, AnnotationStore};
use annotator_core::document::{ArticleInput, Document};
use annotator_core::export::{self, ExportOptions, ExportV1};
use annotator_core::import::{self, ImportError, ImportErrorKind, Imported};
use annotator_core::labels::LabelSet;
use proptest::prelude::*;

use crate::util;
use crate::words;

fn seed_docs() -> Vec<Document> {
    let dir = util::path("static/articles");
    let index: Vec<String> = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    assert!(!index.is_empty());
    index
        .iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            let (imported, warnings) = import::parse_file(name, &bytes).unwrap();
            assert!(warnings.is_empty(), "{warnings:?}");
            let Imported::Articles(mut a) = imported else { panic!("{name} is not an article") };
            assert_eq!(a.len(), 1);
            Document::from_input(a.remove(0))
        })
        .collect()
}

/// Labels some sentences in a fixed pattern, with a note and an unsure flag here and there.
fn annotate(docs: &[Document]) -> AnnotationStore {
    let names = ["claim", "denial", "demand"];
    let mut store = AnnotationStore::default();
    for doc in docs {
        for i in 0..doc.sentences.len() {
            let mut a = Annotation { updated: 1_700_000_000_000 + i as u64, ..Default::default() };
            match i % 5 {
                0 => a.labels = vec![names[i % 3].to_owned()],
                1 => a.labels = vec![names[(i + 1) % 3].to_owned()],
                2 => continue,
                3 => a.note = format!("note {i}, \"quoted\"\nline two"),
                _ => {
                    a.unsure = true;
                    a.labels = vec!["demand".into()];
                }
            }
            store.set(&doc.id, i, a);
        }
    }
    store
}

fn opts() -> ExportOptions {
    ExportOptions {
        exported_at: "2026-11-21T10:00:00Z".into(),
        annotator: Some("tester".into()),
        labelled_only: false,
        done: Default::default(),
    }
}

fn assert_python_slicing(e: &ExportV1) {
    for d in &e.documents {
        for s in &d.sentences {
            let py: String = d.text.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(py, s.text, "document {} sentence {}", d.id, s.index);
        }
    }
}

/// Export, import (as a file, detected by content), restore, export again.
fn round_trip(docs: &[Document], store: &AnnotationStore, o: &ExportOptions) -> (String, String) {
    let labels = LabelSet::default_set();
    let refs: Vec<&Document> = docs.iter().collect();
    let first = export::build(&refs, store, &labels, o);
    assert_python_slicing(&first);
    let json = export::to_json(&first);
    let (imported, warnings) = import::parse_file("annotations-20261121-100000.json", json.as_bytes()).unwrap();
    assert!(warnings.is_empty());
    let Imported::Export(parsed) = imported else { panic!("not recognised as an export") };
    assert_eq!(*parsed, first);
    let restored = export::restore(&parsed).unwrap();
    let mut store2 = AnnotationStore::default();
    let mut docs2 = Vec::new();
    for (doc, anns) in restored {
        store2.replace_doc(&doc.id, anns);
        docs2.push(doc);
    }
    let refs2: Vec<&Document> = docs2.iter().collect();
    let later = ExportOptions { exported_at: "2030-01-01T00:00:00Z".into(), ..o.clone() };
    let again = export::to_json(&export::build(&refs2, &store2, &labels, &later));
    (json.replace("2026-11-21T10:00:00Z", "T"), again.replace("2030-01-01T00:00:00Z", "T"))
}

#[test]
fn seeds_export_restore_export_is_identical() {
    let docs = seed_docs();
    assert!(docs.iter().any(|d| d.date.as_deref() == Some("2022-02-01")));
    let store = annotate(&docs);
    let (a, b) = round_trip(&docs, &store, &opts());
    assert_eq!(a, b);
    // The restored documents are the documents.
    let refs: Vec<&Document> = docs.iter().collect();
    let e = export::build(&refs, &store, &LabelSet::default_set(), &opts());
    let restored = export::restore(&e).unwrap();
    for ((doc, anns), orig) in restored.iter().zip(&docs) {
        assert_eq!(doc, orig);
        for (i, a) in anns.iter() {
            let mine = store.get(&orig.id, *i).unwrap();
            assert!(a.same_content(mine));
            assert_eq!(a.updated, mine.updated);
            assert_eq!(a.fingerprint, annotator_core::text::fingerprint(orig.sentence_text(*i)));
        }
        // Sentences without an annotation get no record.
        assert_eq!(anns.len(), store.doc(&orig.id).unwrap().len());
    }
    // Unlabelled sentences are listed with "labels": [].
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    let sents = v["documents"][0]["sentences"].as_array().unwrap();
    assert_eq!(sents.len(), docs[0].sentences.len());
    assert!(sents.iter().any(|s| s["labels"] == serde_json::json!([])));
    assert_eq!(v["annotator"], "tester");
}

#[test]
fn labelled_only_round_trip() {
    let docs = seed_docs();
    let store = annotate(&docs);
    let o = ExportOptions { labelled_only: true, ..opts() };
    let (a, b) = round_trip(&docs, &store, &o);
    assert_eq!(a, b);
}

const TRICKY: &[&str] = &[
    "Emoji 😀👍🏽 and flags 🇺🇦 here. The family 👨‍👩‍👧 came too.\nSecond line.",
    "Combining: e\u{301}te\u{301} cafe\u{301}. Zalgo a\u{300}\u{301}\u{302}\u{303}.",
    "中文句子。日本語の文です。한국어 문장입니다.\n\n第二段。",
    "עברית: הוא אמר שזה לא נכון. العربية: قال إن هذا غير صحيح.",
    "Zero\u{200B}width\u{200D}joiners\u{FEFF} and \u{2060}word joiners. Soft\u{00AD}hyphen.",
    "CRLF source.\r\nSecond line.\r\n\r\nNew paragraph.\rOld Mac line.",
    "\u{FEFF}BOM first. Then text.",
    " date 2022-02-01 Dated article. With two sentences.",
    "𝕄𝕒𝕥𝕙 𝔸𝕝𝕡𝕙𝕒𝕓𝕖𝕥 (astral plane). 🀄 tiles.",
];

#[test]
fn tricky_texts_round_trip_with_code_point_offsets() {
    let docs: Vec<Document> = TRICKY
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Document::from_input(ArticleInput {
                source: Some(format!("tricky-{i}.txt")),
                text: (*t).into(),
                ..Default::default()
            })
        })
        .collect();
    let store = annotate(&docs);
    let (a, b) = round_trip(&docs, &store, &opts());
    assert_eq!(a, b);
    let e: ExportV1 = export::parse_export(&a.replace("\"T\"", "\"2026-11-21T10:00:00Z\"")).unwrap();
    assert!(e.documents.iter().all(|d| !d.text.contains('\r') && !d.text.starts_with('\u{FEFF}')));
    assert_python_slicing(&e);
}

#[test]
fn tricky_texts_as_utf16_files() {
    for t in TRICKY {
        let mut le = vec![0xFF, 0xFE];
        le.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
        let (imported, _) = import::parse_file("u16.txt", &le).unwrap();
        let Imported::Articles(a) = imported else { panic!() };
        assert_eq!(a[0].text, *t);
    }
}

#[test]
fn articles_import_as_json_jsonl_csv_alike() {
    let items: Vec<serde_json::Value> = TRICKY
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("a{i}"), "title": format!("T{i}"), "text": t}))
        .collect();
    let json = serde_json::to_string(&items).unwrap();
    let jsonl: String = items.iter().map(|v| format!("{v}\n")).collect();
    let mut csv = String::from("id,title,text\r\n");
    for (i, t) in TRICKY.iter().enumerate() {
        csv.push_str(&format!("a{i},T{i},\"{}\"\r\n", t.replace('"', "\"\"")));
    }
    let read = |name: &str, body: &str| -> Vec<Document> {
        let (imported, w) = import::parse_file(name, body.as_bytes()).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let Imported::Articles(a) = imported else { panic!() };
        a.into_iter().map(|a| Document { source: String::new(), ..Document::from_input(a) }).collect()
    };
    let from_json = read("x.json", &json);
    assert_eq!(from_json.len(), TRICKY.len());
    // CSV keeps the text byte for byte (CRLF inside quotes included); all three agree.
    assert_eq!(from_json, read("x.jsonl", &jsonl));
    assert_eq!(from_json, read("x.csv", &csv));
    let (Imported::Articles(a), _) = import::parse_file("x.json", json.as_bytes()).unwrap() else { panic!() };
    assert_eq!(a[0].source.as_deref(), Some("x.json"));
}

#[test]
fn jsonl_and_csv_exports_of_the_seeds() {
    let docs = seed_docs();
    let store = annotate(&docs);
    let refs: Vec<&Document> = docs.iter().collect();
    let e = export::build(&refs, &store, &LabelSet::default_set(), &opts());
    let n: usize = e.documents.iter().map(|d| d.sentences.len()).sum();
    let jsonl = export::to_jsonl(&e);
    assert_eq!(jsonl.lines().count(), n);
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for k in export::JSONL_KEYS {
            assert!(v.get(k).is_some(), "{k} missing in {line}");
        }
        assert!(v["label"].is_array());
    }
    let csv = export::to_csv(&e);
    assert!(csv.starts_with("\u{FEFF}document_id,sentence_index,start,end,text,label,annotator,decided,"));
    // Both read back as views of the export, one row per sentence, never as articles, and
    // restore the annotations onto the seeds.
    for (name, text) in [("a.csv", &csv), ("a.jsonl", &jsonl)] {
        let (imported, _) = import::parse_file(name, text.as_bytes()).unwrap();
        let Imported::Table(view) = imported else { panic!("{name} read as articles") };
        assert_eq!(view.rows.len(), n);
        let back = view.to_export(|id| docs.iter().find(|d| d.id == id), LabelSet::default_set().names()).unwrap();
        let restored = export::restore(&back).unwrap();
        for (d, anns) in &restored {
            for (i, a) in anns.iter() {
                assert_eq!(Some(&a.labels), store.get(&d.id, *i).map(|x| &x.labels), "{name}: {} {i}", d.id);
            }
        }
        let labelled: usize = restored.iter().map(|(_, a)| a.values().filter(|x| !x.labels.is_empty()).count()).sum();
        assert_eq!(labelled, e.documents.iter().flat_map(|d| &d.sentences).filter(|s| !s.labels.is_empty()).count());
    }
    assert_eq!(export::file_name("ana", "jsonl", [2026, 11, 21, 10, 0, 0]), "annotations-ana-20261121-100000.jsonl");
}

/// The seed export against the JSON Schema and the facts it cannot express
/// (tests/schema_check.py), with the venv's Python: `scripts/venv.sh` makes it, with
/// `jsonschema` (`make test-native` runs it first). Without it this test fails, never skips.
#[test]
fn seed_export_matches_the_json_schema() {
    let python = util::path(".venv/bin/python");
    assert!(
        python.is_file(),
        "{} is missing: run scripts/venv.sh (it creates .venv with jsonschema, from tests/e2e/requirements.txt)",
        python.display()
    );
    let docs = seed_docs();
    let store = annotate(&docs);
    let refs: Vec<&Document> = docs.iter().collect();
    let json = export::to_json(&export::build(&refs, &store, &LabelSet::default_set(), &opts()));
    let path = std::env::temp_dir().join(format!("sa-seed-export-{}.json", std::process::id()));
    std::fs::write(&path, json).unwrap();
    let script = util::path("tests/schema_check.py");
    let schema = util::path("static/schema/annotations-v1.schema.json");
    // The schema itself is valid JSON with the format's constants (docs/FORMAT.md §1).
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&schema).unwrap()).unwrap();
    assert_eq!(s["properties"]["format"]["const"], "sentence-annotator");
    assert_eq!(s["properties"]["version"]["const"], 1);
    let out = std::process::Command::new(&python).arg(&script).arg(&path).arg(&schema).output();
    let _ = std::fs::remove_file(&path);
    let o = out.unwrap_or_else(|e| panic!("{} could not run: {e} (run scripts/venv.sh)", python.display()));
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_ne!(o.status.code(), Some(3), "jsonschema is missing from .venv: run scripts/venv.sh\n{said}");
    assert!(o.status.success(), "{said}");
}

#[test]
fn merging_a_second_annotators_export() {
    let docs = seed_docs();
    let mine = annotate(&docs);
    // Theirs: the same documents, differently labelled, plus one document we don't have.
    let mut theirs_store = AnnotationStore::default();
    theirs_store.set(&docs[0].id, 0, mine.get(&docs[0].id, 0).unwrap().clone()); // same
    theirs_store.set(
        &docs[0].id,
        1,
        Annotation { labels: vec!["claim".into(), "denial".into()], ..Default::default() },
    ); // differs
    theirs_store.set(&docs[0].id, 2, Annotation { labels: vec!["denial".into()], ..Default::default() }); // only theirs
    let extra = Document::from_input(ArticleInput {
        id: Some("extra".into()),
        text: "Only theirs. Yes.".into(),
        ..Default::default()
    });
    theirs_store.set("extra", 0, Annotation { labels: vec!["claim".into()], ..Default::default() });
    let theirs_docs: Vec<&Document> = vec![&docs[0], &extra];
    let e = export::build(&theirs_docs, &theirs_store, &LabelSet::default_set(), &opts());
    let incoming = export::restore(&export::parse_export(&export::to_json(&e)).unwrap()).unwrap();
    let existing: Vec<&Document> = docs.iter().collect();
    let plan = export::plan_merge(&existing, &mine, incoming);
    assert_eq!(plan.new_docs.len(), 1);
    assert_eq!(plan.new_docs[0].0.id, "extra");
    assert_eq!(plan.unchanged, 1);
    assert_eq!(plan.updates.len(), 1);
    assert_eq!(plan.updates[0].1, 2);
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].index, 1);
    assert!(plan.unmatched.is_empty());
}

fn arbitrary_doc() -> impl Strategy<Value = String> {
    // Words from a mix of scripts, punctuation, line ends and invisible characters.
    let piece = prop::sample::select(vec![
        "The",
        "minister",
        "said",
        "\"no\"",
        "😀",
        "👨‍👩‍👧",
        "e\u{301}",
        "中文",
        "。",
        "שלום",
        "سلام",
        "\u{200B}",
        "\u{FEFF}",
        ".",
        "!",
        "?",
        ",",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "Dr.",
        "U.S.",
        "=1+2",
        "-x",
        "@a",
    ]);
    prop::collection::vec(piece, 1..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(util::proptest_config(256))]

    #[test]
    fn parse_file_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec!["txt", "json", "jsonl", "csv", ""])) {
        let _ = import::parse_file(&format!("f.{ext}"), &bytes);
    }

    #[test]
    fn parse_never_panics_on_structured_noise(
        s in prop::collection::vec(prop::sample::select(vec![
            "[", "]", "{", "}", "\"", ",", ":", "\"text\"", "\"id\"", "\"format\"", "\"sentence-annotator\"",
            "\"version\"", "1", "2", "null", "\n", "\r\n", "\\u", "d800", "\\", "a", "é", "😀", "\t", ";", " ",
            "\"documents\"", "\"sentences\"", "\"labels\"", "\"start\"", "\"end\"", "\"index\"",
        ]), 0..120).prop_map(|v| v.concat()),
        ext in prop::sample::select(vec!["txt", "json", "jsonl", "csv"]),
    ) {
        let _ = import::parse_file(&format!("f.{ext}"), s.as_bytes());
        let _ = import::parse_pasted(&s);
        let _ = export::parse_export(&s);
    }

    #[test]
    fn any_text_round_trips(texts in prop::collection::vec(arbitrary_doc(), 1..4), seed in any::<u64>()) {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::from_input(ArticleInput { id: Some(format!("d{i}")), text: t.clone(), ..Default::default() }))
            .collect();
        let mut store = AnnotationStore::default();
        let names = ["claim", "denial", "demand"];
        for d in &docs {
            for i in 0..d.sentences.len() {
                let r = (seed >> (i % 60)) as usize;
                if r.is_multiple_of(3) {
                    store.set(&d.id, i, Annotation { labels: vec![names[(r / 3) % 3].to_owned()], note: if r.is_multiple_of(7) { "n".into() } else { String::new() }, updated: r as u64 % 1000, ..Default::default() });
                }
            }
        }
        let (a, b) = round_trip(&docs, &store, &opts());
        prop_assert_eq!(a, b);
        let (a, b) = round_trip(&docs, &store, &ExportOptions { labelled_only: true, ..opts() });
        prop_assert_eq!(a, b);
    }

    /// A hand-edited export with CRLF text and code point offsets into it restores with its
    /// labels on the same sentence texts (line ends aside).
    #[test]
    fn crlf_exports_restore(text in arbitrary_doc()) {
        let doc = Document::from_input(ArticleInput { id: Some("d".into()), text: text.replace('\n', "\r\n"), ..Default::default() });
        // Build an export whose text is the raw CRLF text, spans mapped onto it.
        let raw = doc.text.replace('\n', "\r\n");
        let mut sentences = Vec::new();
        let mut from = 0;
        for (i, _) in doc.sentences.iter().enumerate() {
            let want = doc.sentence_text(i).replace('\n', "\r\n");
            let at = from + raw[from..].find(&want).unwrap();
            let start = raw[..at].chars().count();
            sentences.push(serde_json::json!({"index": i, "start": start, "end": start + want.chars().count(), "text": want, "labels": ["claim"]}));
            from = at + want.len();
        }
        let e = serde_json::json!({"format": "sentence-annotator", "version": 1, "labels": ["claim"],
            "documents": [{"id": "d", "text": raw, "sentences": sentences}]});
        let parsed = export::parse_export(&e.to_string()).unwrap();
        let back = export::restore(&parsed).unwrap();
        let (d2, anns) = &back[0];
        prop_assert_eq!(&d2.text, &doc.text);
        prop_assert_eq!(d2.sentences.len(), doc.sentences.len());
        for i in 0..doc.sentences.len() {
            prop_assert_eq!(d2.sentence_text(i), doc.sentence_text(i));
            prop_assert_eq!(&anns[&i].labels, &vec!["claim".to_string()]);
        }
    }
}

/// The e2e suite's fixtures read as the e2e tests expect (ids, titles, dates).
#[test]
fn e2e_fixtures_parse() {
    let dir = util::path("tests/e2e/fixtures");
    for (file, ids) in [
        ("articles.json", &["json-art-1", "json-art-2"][..]),
        ("articles.jsonl", &["jsonl-art-1", "jsonl-art-2"][..]),
        ("articles.csv", &["csv-art-1", "csv-art-2"][..]),
    ] {
        let Ok(bytes) = std::fs::read(dir.join(file)) else { continue };
        let (Imported::Articles(a), w) = import::parse_file(file, &bytes).unwrap() else { panic!() };
        assert!(w.is_empty(), "{w:?}");
        let got: Vec<&str> = a.iter().filter_map(|a| a.id.as_deref()).collect();
        assert_eq!(got, ids, "{file}");
    }
    if let Ok(bytes) = std::fs::read(dir.join("articles.csv")) {
        let (Imported::Articles(a), _) = import::parse_file("articles.csv", &bytes).unwrap() else { panic!() };
        assert_eq!(a[0].title.as_deref(), Some("Talks, again"));
        assert_eq!(a[0].date.as_deref(), Some("2021-12-30"));
    }
    let latin1 = b"Der Beamte bestritt die \xc4u\xdferung vollst\xe4ndig.\xff\xfe\xfd";
    let e = import::parse_file("latin1.txt", latin1).unwrap_err();
    let kind = ImportErrorKind::BadUtf8 { byte: 24 };
    assert_eq!(e, ImportError { file: "latin1.txt".into(), place: None, kind });
    assert!(words::import_error(&e).starts_with("latin1.txt: not valid UTF-8 at byte 24"));
}
