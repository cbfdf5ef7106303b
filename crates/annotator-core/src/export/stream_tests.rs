//! A streamed export is byte for byte the whole one, whatever the part size, the corpus, its
//! annotations and the options (property tests), and its progress counts documents.

use std::collections::BTreeSet;
use std::rc::Rc;

use proptest::prelude::*;

use super::*;
use crate::annotations::{Annotation, AnnotationStore};
use crate::document::{ArticleInput, Document};
use crate::labels::LabelSet;

fn doc(id: &str, text: &str) -> Document {
    Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() })
}

fn whole(format: TextFormat, e: &ExportV1) -> String {
    match format {
        TextFormat::Json => to_json(e),
        TextFormat::Jsonl => to_jsonl(e),
        TextFormat::Csv => to_csv(e),
    }
}

/// The stream's parts, joined, and how many parts there were.
fn streamed(
    format: TextFormat,
    docs: &[Rc<Document>],
    store: &AnnotationStore,
    labels: &LabelSet,
    opts: &ExportOptions,
    size: usize,
) -> (String, usize, Stream) {
    let mut s = Stream::new(format, docs.to_vec(), store.clone(), labels, opts.clone());
    let (mut out, mut parts) = (String::new(), 0);
    while let Some(p) = s.next_part(size) {
        out.push_str(&p);
        parts += 1;
        assert!(parts <= docs.len() + 1, "a part holds at least one document");
    }
    assert_eq!(s.next_part(size), None, "nothing after the end");
    (out, parts, s)
}

const FORMATS: [TextFormat; 3] = [TextFormat::Json, TextFormat::Jsonl, TextFormat::Csv];

#[test]
fn an_empty_corpus_streams_the_empty_files() {
    let opts = ExportOptions { exported_at: "2026-12-07T10:00:00Z".into(), ..Default::default() };
    let labels = LabelSet::default_set();
    let e = build(&[], &AnnotationStore::default(), &labels, &opts);
    for f in FORMATS {
        let (out, parts, s) = streamed(f, &[], &AnnotationStore::default(), &labels, &opts, 10);
        assert_eq!(out, whole(f, &e), "{f:?}");
        assert_eq!((parts, s.done(), s.total()), (1, 0, 0));
    }
}

#[test]
fn parts_hold_whole_documents_and_progress_counts_them() {
    let docs: Vec<Rc<Document>> =
        (0..5).map(|i| Rc::new(doc(&format!("d{i}"), "First one here. Second one there.\nThird."))).collect();
    let mut store = AnnotationStore::default();
    store.set("d3", 1, Annotation { labels: vec!["claim".into()], ..Default::default() });
    // A label no longer in the set is listed in the header, before any document.
    store.set("d4", 0, Annotation { labels: vec!["old".into()], ..Default::default() });
    let labels = LabelSet::default_set();
    let opts = ExportOptions { annotator: Some("=ana".into()), ..Default::default() };
    let mut s = Stream::new(TextFormat::Jsonl, docs.clone(), store.clone(), &labels, opts.clone());
    let first = s.next_part(1).unwrap();
    assert_eq!(first.lines().count(), docs[0].sentences.len(), "one document: the part is full");
    assert_eq!((s.done(), s.total()), (1, 5));
    let mut j = Stream::new(TextFormat::Json, docs.clone(), store.clone(), &labels, opts.clone());
    let head = j.next_part(1).unwrap();
    assert!(head.contains("\"old\""), "{head}");
    let (csv, _, c) = streamed(TextFormat::Csv, &docs, &store, &labels, &opts, 1);
    let refs: Vec<&Document> = docs.iter().map(|d| d.as_ref()).collect();
    let e = build(&refs, &store, &labels, &opts);
    assert_eq!(csv, to_csv(&e));
    assert_eq!(c.formula_cells(), formula_cells(&e), "the name on every row");
    assert!(c.formula_cells() > 0);
}

fn texts() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "Hello there.",
            " ",
            "\n",
            "\n\n",
            "Émoji 😀 said \"yes\", then.",
            "=SUM(A1)",
            "-5 degrees.",
            "中文。",
            "Mr. Smith left.",
            "a,b;c",
        ]),
        1..8,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn streamed_equals_whole(
        bodies in prop::collection::vec(texts(), 0..6),
        marks in prop::collection::vec((0usize..6, 0usize..8, 0usize..5, any::<bool>()), 0..12),
        done in prop::collection::vec(0usize..6, 0..3),
        labelled_only in any::<bool>(),
        annotator in prop::option::of(prop::sample::select(vec!["ana", "@bo", ""])),
        size in prop::sample::select(vec![1usize, 64, 1 << 20]),
    ) {
        let docs: Vec<Rc<Document>> =
            bodies.iter().enumerate().map(|(i, t)| Rc::new(doc(&format!("d{i}"), t))).collect();
        let names = ["claim", "denial", "demand", "retired", ""];
        let mut store = AnnotationStore::default();
        for (d, i, l, unsure) in marks {
            let labels = if names[l].is_empty() { vec![] } else { vec![names[l].to_owned()] };
            let note = if unsure { "why, \"this\"".to_owned() } else { String::new() };
            // Some on sentences past a document's end: written nowhere.
            store.set(&format!("d{d}"), i, Annotation { labels, note, unsure, updated: 3, ..Default::default() });
        }
        let opts = ExportOptions {
            exported_at: "2026-12-07T10:00:00Z".into(),
            annotator: annotator.map(str::to_owned),
            labelled_only,
            done: done.iter().map(|d| format!("d{d}")).collect::<BTreeSet<_>>(),
        };
        let labels = LabelSet::default_set();
        let refs: Vec<&Document> = docs.iter().map(|d| d.as_ref()).collect();
        let e = build(&refs, &store, &labels, &opts);
        for f in FORMATS {
            let (out, _, s) = streamed(f, &docs, &store, &labels, &opts, size);
            prop_assert_eq!(&out, &whole(f, &e), "{:?}", f);
            prop_assert_eq!(s.done(), docs.len());
            if f == TextFormat::Csv {
                prop_assert_eq!(s.formula_cells(), formula_cells(&e));
            }
            prop_assert_eq!(s.card("a.jsonl"), hf_card(&e, "a.jsonl"));
        }
    }
}
