//! Unit tests of what the export gives other tools and takes back from them: the JSONL and
//! CSV views read back onto the page's documents, labelled-only with done documents, Label
//! Studio's files, the Hugging Face card and spaCy's binary corpus (each tool's own reader
//! loads the real files in tests/interop).

use super::docbin::{murmur64a, tokens};
use super::*;
use crate::annotations::{Annotation, AnnotationStore};
use crate::document::{ArticleInput, Document};
use crate::import::{self, Imported};
use crate::labels::LabelSet;

fn doc(id: &str, text: &str) -> Document {
    Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() })
}

fn labelled(labels: &[&str]) -> Annotation {
    Annotation { labels: labels.iter().map(|s| s.to_string()).collect(), updated: 7, ..Default::default() }
}

fn none() -> Annotation {
    Annotation { none: true, updated: 8, ..Default::default() }
}

fn opts(annotator: &str) -> ExportOptions {
    ExportOptions {
        exported_at: "2026-11-21T10:00:00Z".into(),
        annotator: Some(annotator.into()),
        ..Default::default()
    }
}

/// Two documents: "007" with a label, a "none" and a note; "d2" untouched.
fn corpus() -> (Vec<Document>, AnnotationStore) {
    let docs = vec![
        doc("007", "- Russia demanded talks.\nOfficials denied it 😀.\nA third one, plain."),
        doc("d2", "Nothing decided here.\nNor here."),
    ];
    let mut store = AnnotationStore::default();
    store.set("007", 0, labelled(&["demand"]));
    store.set("007", 1, none());
    store.set("007", 2, Annotation { note: "check, later".into(), updated: 9, ..Default::default() });
    (docs, store)
}

fn view_of(name: &str, text: &str) -> Table {
    match import::parse_file(name, text.as_bytes()) {
        Ok((Imported::Table(t), _)) => t,
        other => panic!("{name} not read as a view: {other:?}"),
    }
}

#[test]
fn the_jsonl_and_csv_views_restore_onto_the_pages_documents() {
    let (docs, store) = corpus();
    let refs: Vec<&Document> = docs.iter().collect();
    let set = LabelSet::default_set();
    let e = build(&refs, &store, &set, &opts("ana"));
    let find = |id: &str| docs.iter().find(|d| d.id == id);
    for (name, text) in [("a.jsonl", to_jsonl(&e)), ("a.csv", to_csv(&e))] {
        let view = view_of(name, &text);
        let back = view.to_export(find, set.names()).unwrap();
        assert_eq!(back.annotator.as_deref(), Some("ana"), "{name}");
        let restored = restore(&back).unwrap();
        assert_eq!(restored.len(), 2, "{name}: two documents, not one per sentence");
        let (d, anns) = &restored[0];
        assert_eq!(d.text, docs[0].text);
        assert_eq!(anns[&0].labels, ["demand"], "{name}");
        assert!(anns[&1].none, "{name}: the explicit none");
        assert_eq!(anns[&2].note, "check, later", "{name}");
        assert!(!anns[&2].decided());
        assert!(restored[1].1.is_empty());
    }
    // Sorted in a spreadsheet (by label): still put back in sentence order.
    let csv = to_csv(&e);
    let mut lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    lines[1..].sort_by_key(|l| std::cmp::Reverse(l.len()));
    let view = view_of("sorted.csv", &lines.join("\r\n"));
    let back = restore(&view.to_export(find, set.names()).unwrap()).unwrap();
    assert_eq!(back[0].1[&0].labels, ["demand"]);
}

#[test]
fn a_view_is_refused_in_kind_when_it_cannot_be_put_back() {
    let (docs, store) = corpus();
    let refs: Vec<&Document> = docs.iter().collect();
    let set = LabelSet::default_set();
    let view = view_of("a.jsonl", &to_jsonl(&build(&refs, &store, &set, &opts("ana"))));
    // The page lacks "007".
    let only_d2 = |id: &str| docs.iter().find(|d| d.id == id && id == "d2");
    assert_eq!(
        view.to_export(only_d2, set.names()),
        Err(TableError::MissingDocuments { count: 1, first: vec!["007".into()] })
    );
    // The page's article differs from the annotated one.
    let other = [doc("007", "Another text entirely, longer than before.\nIt is."), docs[1].clone()];
    let changed = |id: &str| other.iter().find(|d| d.id == id);
    assert!(matches!(view.to_export(changed, set.names()), Err(TableError::Mismatch(_))));
    // Two annotators' rows in one file.
    let mut mixed = view.clone();
    mixed.rows[0].annotator = Some("ben".into());
    let find = |id: &str| docs.iter().find(|d| d.id == id);
    assert!(matches!(mixed.to_export(find, set.names()), Err(TableError::SeveralAnnotators(n)) if n.len() == 2));
}

#[test]
fn labelled_only_keeps_the_none_decisions_of_done_documents() {
    let (docs, store) = corpus();
    let refs: Vec<&Document> = docs.iter().collect();
    let mut o = ExportOptions { labelled_only: true, ..opts("ana") };
    o.done.insert("d2".into());
    let e = build(&refs, &store, &LabelSet::default_set(), &o);
    let ids: Vec<(&str, Vec<usize>)> =
        e.documents.iter().map(|d| (d.id.as_str(), d.sentences.iter().map(|s| s.index).collect())).collect();
    assert_eq!(ids, [("007", vec![0, 1, 2]), ("d2", vec![0, 1])]);
    assert!(e.documents[1].sentences.iter().all(|s| s.is_decided() && s.labels.is_empty()));
    // Without the done mark, d2 has nothing to list.
    let e = build(&refs, &store, &LabelSet::default_set(), &ExportOptions { labelled_only: true, ..opts("ana") });
    assert_eq!(e.documents.len(), 1);
}

#[test]
fn label_studio_tasks_and_config() {
    let (docs, store) = corpus();
    let refs: Vec<&Document> = docs.iter().collect();
    let set = LabelSet::default_set();
    let e = build(&refs, &store, &set, &opts("ana"));
    let tasks: Vec<serde_json::Value> = serde_json::from_str(&to_label_studio(&e)).unwrap();
    assert_eq!(tasks.len(), 5);
    assert_eq!(tasks[0]["data"]["document_id"], "007");
    assert_eq!(tasks[0]["data"]["annotator"], "ana");
    let result = &tasks[0]["annotations"][0]["result"][0];
    assert_eq!(
        (&result["from_name"], &result["to_name"], &result["type"]),
        (&"label".into(), &"text".into(), &"choices".into())
    );
    assert_eq!(result["value"]["choices"], serde_json::json!(["demand"]));
    assert_eq!(tasks[1]["annotations"][0]["result"], serde_json::json!([]), "none applies: no choice");
    assert!(tasks[2].get("annotations").is_none(), "undecided: no annotation");
    let xml = label_studio_config(&e.labels, &set, false);
    assert!(xml.contains(r#"<Text name="text" value="$text"/>"#));
    assert!(xml.contains(r#"<Choices name="label" toName="text" choice="single""#));
    for l in &e.labels {
        assert!(xml.contains(&format!(r#"<Choice value="{l}""#)), "{l}");
    }
    let mut odd = set.clone();
    odd.labels[0].name = "a<b & \"c\"".into();
    let xml = label_studio_config(&odd.names(), &odd, true);
    assert!(xml.contains(r#"<Choice value="a&lt;b &amp; &quot;c&quot;""#), "{xml}");
    assert!(xml.contains(r#"choice="multiple""#));
}

#[test]
fn the_dataset_card_names_the_file_and_every_feature() {
    let (docs, store) = corpus();
    let refs: Vec<&Document> = docs.iter().collect();
    let e = build(&refs, &store, &LabelSet::default_set(), &opts("ana"));
    let card = hf_card(&e, "annotations-20261121-100000.jsonl");
    let front = card.strip_prefix("---\n").and_then(|c| c.split("\n---\n").next()).unwrap();
    assert!(front.contains("    path: \"annotations-20261121-100000.jsonl\""));
    for k in JSONL_KEYS {
        assert!(front.contains(&format!("  - name: {k}\n")), "{k}");
    }
    assert!(front.contains("  - name: label\n    list: string\n"));
    assert!(front.contains("  - name: sentence_index\n    dtype: int64\n"));
    assert!(!front.contains("curator"), "not a gold export");
    assert!(card.contains("| demand | 1 |") && card.contains("| (none applies) | 1 |"), "{card}");
}

#[test]
fn docbin_hashes_tokens_and_stream() {
    // spaCy's own `hash_string` of these strings.
    assert_eq!(murmur64a(b""), 14313749767032693980);
    assert_eq!(murmur64a(b"a"), 11901859001352538922);
    assert_eq!(murmur64a(b"claim"), 4563812988814619444);
    assert_eq!(murmur64a("Émoji😀".as_bytes()), 9505636083413172946);
    assert_eq!(murmur64a(b"abcdefgh"), 17751780907874141760);
    assert_eq!(murmur64a(b"abcdefghi"), 13885881106499164936);
    for text in ["Officials denied it 😀.", "a  b\n c ", " lead", "one"] {
        let toks = tokens(text);
        let back: String = toks.iter().map(|(t, sp)| format!("{t}{}", if *sp { " " } else { "" })).collect();
        assert_eq!(back, text);
        assert!(toks.iter().all(|(t, _)| !t.is_empty()));
    }
    assert_eq!(tokens("a  b"), [("a", true), (" ", false), ("b", false)]);
    let (docs, store) = corpus();
    let refs: Vec<&Document> = docs.iter().collect();
    let bin = to_docbin(&build(&refs, &store, &LabelSet::default_set(), &opts("ana")));
    // zlib: header, one final stored block, then the Adler-32 of the content.
    assert_eq!(&bin[..3], &[0x78, 0x01, 1]);
    let len = u16::from_le_bytes([bin[3], bin[4]]) as usize;
    assert_eq!(u16::from_le_bytes([bin[5], bin[6]]), !(len as u16));
    assert_eq!(bin.len(), 7 + len + 4);
    let body = &bin[7..7 + len];
    assert_eq!(body[0], 0x8a, "a map of ten entries");
    assert!(body.windows(7).any(|w| w == b"\xa6demand"));
}
