//! Unit tests of the export: building, the JSONL and CSV views, reading (each refusal by
//! its kind), restoring and merge planning.

use super::*;
use crate::annotations::{Annotation, AnnotationStore, DocAnnotations};
use crate::document::{ArticleInput, Document};
use crate::labels::LabelSet;
use crate::text;

fn doc(id: &str, text: &str) -> Document {
    Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() })
}

fn ann(labels: &[&str]) -> Annotation {
    Annotation { labels: labels.iter().map(|s| s.to_string()).collect(), updated: 7, ..Default::default() }
}

fn opts() -> ExportOptions {
    ExportOptions { exported_at: "2026-11-21T10:00:00Z".into(), ..Default::default() }
}

#[test]
fn build_lists_every_sentence_in_code_points() {
    let d = doc("d1", "Émoji 😀 here.\nSecond line 中文.\nThird.");
    let mut store = AnnotationStore::default();
    store.set("d1", 1, ann(&["claim"]));
    store.set("d1", 2, Annotation { updated: 9, ..Default::default() }); // tombstone
    let e = build(&[&d], &store, &LabelSet::default_set(), &opts());
    assert_eq!(e.format, "sentence-annotator");
    assert_eq!(e.version, 1);
    assert_eq!(e.labels, ["claim", "denial", "demand"]);
    let ss = &e.documents[0].sentences;
    assert_eq!(ss.len(), d.sentences.len());
    for s in ss {
        let py: String = e.documents[0].text.chars().skip(s.start).take(s.end - s.start).collect();
        assert_eq!(py, s.text);
    }
    assert_eq!(ss[1].labels, ["claim"]);
    assert!(ss[0].labels.is_empty());
    assert_eq!(ss[2].updated, 0, "a tombstone exports as unlabelled");
    let json = to_json(&e);
    assert!(json.ends_with("}\n"));
    assert!(json.contains("\n  \"format\": \"sentence-annotator\""));
    assert!(json.contains("\"date\": null"));
    assert!(!json.contains("\"annotator\""));
    assert!(!json.contains("\"note\""));
    // Field order as in docs/FORMAT.md §1.
    let order = [
        "\"format\"",
        "\"version\"",
        "\"exported_at\"",
        "\"app_version\"",
        "\"segmenter\"",
        "\"labels\"",
        "\"documents\"",
    ];
    let pos: Vec<usize> = order.iter().map(|k| json.find(k).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]));
    let dpos: Vec<usize> = ["\"id\"", "\"source\"", "\"title\"", "\"date\"", "\"text\"", "\"sentences\""]
        .iter()
        .map(|k| json.find(k).unwrap())
        .collect();
    assert!(dpos.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn labelled_only_keeps_labelled_notes_and_unsure() {
    let d = doc("d1", "One.\nTwo.\nThree.\nFour.");
    let e0 = doc("empty", "Nothing here.");
    let mut store = AnnotationStore::default();
    store.set("d1", 0, ann(&["denial"]));
    store.set("d1", 2, Annotation { note: "hm".into(), ..Default::default() });
    store.set("d1", 3, Annotation { unsure: true, ..Default::default() });
    let o = ExportOptions { labelled_only: true, annotator: Some("ann".into()), ..opts() };
    let e = build(&[&d, &e0], &store, &LabelSet::default_set(), &o);
    assert_eq!(e.documents.len(), 1);
    let idx: Vec<usize> = e.documents[0].sentences.iter().map(|s| s.index).collect();
    assert_eq!(idx, [0, 2, 3]);
    assert_eq!(e.annotator.as_deref(), Some("ann"));
    // It restores to the whole document, labels at their places.
    let back = parse_export(&to_json(&e)).and_then(|e| restore(&e)).unwrap();
    assert_eq!(back[0].0.sentences.len(), 4);
    assert_eq!(back[0].1[&0].labels, ["denial"]);
    assert_eq!(back[0].1[&2].note, "hm");
    assert!(back[0].1[&3].unsure);
}

#[test]
fn jsonl_and_csv() {
    let d = doc("d1", "=cmd|' /C calc'!A0 said \"hi\", then.\nPlain, with comma.\n-5 degrees.");
    let mut store = AnnotationStore::default();
    store.set(
        "d1",
        0,
        Annotation {
            labels: vec!["claim".into(), "demand".into()],
            note: "n,1".into(),
            unsure: true,
            ..Default::default()
        },
    );
    let e = build(&[&d], &store, &LabelSet::default_set(), &opts());
    let jsonl = to_jsonl(&e);
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["label"], serde_json::json!(["claim", "demand"]));
    assert_eq!(lines[0]["document_id"], "d1");
    assert_eq!(lines[0]["unsure"], true);
    assert_eq!(lines[0]["decided"], true);
    assert_eq!(lines[1]["label"], serde_json::json!([]));
    assert_eq!(lines[1]["decided"], false);
    assert_eq!(lines[2]["sentence_index"], 2);
    // The same keys, in the same order, on every line; null where there is nothing.
    for (l, v) in jsonl.lines().zip(&lines) {
        assert_eq!(v.as_object().unwrap().len(), JSONL_KEYS.len(), "{l}");
        let at: Vec<usize> = JSONL_KEYS.iter().map(|k| l.find(&format!("\"{k}\":")).expect(k)).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "key order: {l}");
    }
    assert_eq!((&lines[0]["annotator"], &lines[1]["suggested"]), (&serde_json::Value::Null, &serde_json::Value::Null));
    let csv = to_csv(&e);
    assert!(csv.starts_with('\u{FEFF}'), "a UTF-8 byte order mark first");
    let rows: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
    assert_eq!(rows[0], "document_id,sentence_index,start,end,text,label,annotator,decided,suggested,note,unsure");
    // Exact text: no formula guard character before it.
    assert_eq!(rows[1], "d1,0,0,35,\"=cmd|' /C calc'!A0 said \"\"hi\"\", then.\",claim;demand,,true,,\"n,1\",true");
    assert!(rows[2].starts_with("d1,1,36,"), "{}", rows[2]);
    assert!(rows[2].ends_with(",\"Plain, with comma.\",,,false,,,false"), "{}", rows[2]);
    assert!(rows[3].ends_with(",-5 degrees.,,,false,,,false"), "{}", rows[3]);
    assert_eq!(formula_cells(&e), 2, "the = and - sentences");
    let named = ExportV1 { annotator: Some("@ana".into()), ..e.clone() };
    assert!(to_csv(&named).contains(",@ana,"));
    assert_eq!(formula_cells(&named), 5, "and the name on each of three rows");
}

#[test]
fn file_names() {
    assert_eq!(file_name("maria", "json", [2026, 11, 21, 9, 5, 3]), "annotations-maria-20261121-090503.json");
    assert_eq!(file_name("ana", "csv", [2026, 1, 2, 3, 4, 5]), "annotations-ana-20260102-030405.csv");
    assert_eq!(file_name("ana", "../x", [2026, 1, 2, 3, 4, 5]), "annotations-ana-20260102-030405.json");
    // The name is the person's: whatever they typed stays a plain part of a file name.
    assert_eq!(file_name(" ../a b/c: ", "json", [2026, 1, 2, 3, 4, 5]), "annotations-_a_b_c_-20260102-030405.json");
    assert_eq!(file_name("Zoë", "jsonl", [2026, 1, 2, 3, 4, 5]), "annotations-Zoë-20260102-030405.jsonl");
    assert_eq!(file_name("", "json", [2026, 1, 2, 3, 4, 5]), "annotations-20260102-030405.json");
    assert_eq!(gold_file_name("cur", "json", [2026, 1, 2, 3, 4, 5]), "gold-cur-20260102-030405.json");
}

fn minimal(doc_json: &str) -> String {
    format!(r#"{{"format":"sentence-annotator","version":1,"labels":["claim"],"documents":[{doc_json}]}}"#)
}

#[test]
fn parse_export_refuses_bad_files_by_kind() {
    let newer = r#"{"format":"sentence-annotator","version":2,"documents":{"other":"shape"}}"#;
    assert_eq!(parse_export(newer), Err(ExportError::NewerVersion(2)));
    assert_eq!(parse_export(r#"{"format":"other","version":1}"#), Err(ExportError::WrongFormat("other".into())));
    assert_eq!(parse_export(r#"{"version":1}"#), Err(ExportError::NoFormat));
    assert_eq!(parse_export(r#"{"format":5,"version":1}"#), Err(ExportError::NoFormat));
    assert_eq!(parse_export(r#"{"format":"sentence-annotator"}"#), Err(ExportError::NoVersion));
    let unknown = r#"{"format":"sentence-annotator","version":"one","documents":[]}"#;
    assert_eq!(parse_export(unknown), Err(ExportError::UnknownVersion("\"one\"".into())));
    assert_eq!(parse_export("[1]"), Err(ExportError::NoFormat));
    let Err(ExportError::NotJson(e)) = parse_export(&"[".repeat(10_000)) else { panic!() };
    assert_eq!((e.problem, e.line), (JsonProblem::TooDeep, 1));
    let damaged = r#"{"format":"sentence-annotator","version":1,"documents":[],"labels":3}"#;
    assert!(matches!(parse_export(damaged), Err(ExportError::Damaged(JsonError { line: 1, .. }))));
    let bom = "\u{FEFF}{\"format\":\"sentence-annotator\",\"version\":1,\"labels\":[],\"documents\":[]}";
    assert!(parse_export(bom).is_ok());
    let ok = minimal(
        r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":6,"text":"Ab cd.","labels":["claim"]}]}"#,
    );
    parse_export(&ok).unwrap();
    use SentenceProblem as P;
    let cases = [
        (
            r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":7,"text":"Ab cd.","labels":[]}]}"#,
            0,
            P::OutsideText { start: 0, end: 7, chars: 6 },
        ),
        (
            r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":5,"text":"Ab cd.","labels":[]}]}"#,
            0,
            P::TextMismatch { start: 0, end: 5 },
        ),
        (
            r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":6,"text":"Ab cd.","labels":["nope"]}]}"#,
            0,
            P::UnknownLabel("nope".into()),
        ),
        (
            r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":6,"text":"Ab cd.","labels":["claim","claim"]}]}"#,
            0,
            P::RepeatedLabel("claim".into()),
        ),
        (
            r#"{"id":"a","text":"Ab cd.","sentences":[{"index":1,"start":0,"end":2,"text":"Ab","labels":[]},{"index":0,"start":3,"end":6,"text":"cd.","labels":[]}]}"#,
            0,
            P::IndexNotIncreasing { after: 1 },
        ),
        (
            r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":4,"text":"Ab c","labels":[]},{"index":1,"start":3,"end":6,"text":"cd.","labels":[]}]}"#,
            1,
            P::Overlaps,
        ),
        (
            r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":3,"end":2,"text":"","labels":[]}]}"#,
            0,
            P::OutsideText { start: 3, end: 2, chars: 6 },
        ),
    ];
    for (d, index, problem) in cases {
        assert_eq!(parse_export(&minimal(d)), Err(ExportError::Sentence { doc: "a".into(), index, problem }), "{d}");
    }
    let empty = r#"{"id":"a","text":"x"},{"id":"b","text":"y"},{"id":" ","text":"z"}"#;
    assert_eq!(parse_export(&minimal(empty)), Err(ExportError::EmptyId { position: 3 }));
    let twice = r#"{"format":"sentence-annotator","version":1,"labels":[],"documents":[{"id":"a","text":"x"},{"id":"a","text":"y"}]}"#;
    assert_eq!(parse_export(twice), Err(ExportError::DuplicateId("a".into())));
}

/// The format and version are the file's business: `check` and `restore` look at the
/// meaning only, and refuse a broken value built in memory as the reader would.
#[test]
fn check_and_restore_refuse_broken_values() {
    let d = doc("d1", "One. Two.");
    let mut e = build(&[&d], &AnnotationStore::default(), &LabelSet::default_set(), &opts());
    check(&e).unwrap();
    e.documents[0].sentences[1].start = 0;
    let want = Err(ExportError::Sentence { doc: "d1".into(), index: 1, problem: SentenceProblem::Overlaps });
    assert_eq!(check(&e), want);
    assert_eq!(restore(&e).map(|_| ()), want);
}

#[test]
fn restore_normalises_crlf_keeping_labels() {
    let text = "First one.\r\nSecond 😀 one.\r\rThird.";
    let mk = |s: &str| {
        let cs: Vec<char> = text.chars().collect();
        let b = text.find(s).unwrap();
        let start = text[..b].chars().count();
        let end = start + s.chars().count();
        assert_eq!(cs[start..end].iter().collect::<String>(), s);
        (start, end)
    };
    let sents = ["First one.", "Second 😀 one.", "Third."];
    let mut list = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        let (a, b) = mk(s);
        list.push(format!(r#"{{"index":{i},"start":{a},"end":{b},"text":"{s}","labels":["claim"]}}"#));
    }
    let d = format!(r#"{{"id":"a","text":{},"sentences":[{}]}}"#, serde_json::to_string(text).unwrap(), list.join(","));
    let e = parse_export(&minimal(&d)).unwrap();
    let back = restore(&e).unwrap();
    let (doc, anns) = &back[0];
    assert_eq!(doc.text, "First one.\nSecond 😀 one.\n\nThird.");
    for (i, s) in sents.iter().enumerate() {
        assert_eq!(doc.sentence_text(i), *s);
        assert_eq!(anns[&i].fingerprint, text::fingerprint(s));
    }
    assert_eq!(doc.title, "a");
    assert_eq!(doc.source, "a.txt");
}

#[test]
fn merge_plan() {
    let mine = doc("d", "Alpha.\nBeta.\nGamma.\nDelta.");
    let mut store = AnnotationStore::default();
    store.set("d", 0, ann(&["claim"]));
    store.set("d", 1, ann(&["claim"]));
    // Theirs: same text.
    let theirs = mine.clone();
    let mut t = DocAnnotations::new();
    t.insert(0, ann(&["claim"])); // same
    t.insert(1, ann(&["denial"])); // conflict
    t.insert(2, ann(&["demand"])); // update
    let other = doc("new", "New doc.");
    let plan = plan_merge(&[&mine], &store, vec![(theirs, t), (other, DocAnnotations::new())]);
    assert_eq!(plan.unchanged, 1);
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].index, 1);
    assert_eq!(plan.conflicts[0].sentence, "Beta.");
    assert_eq!(plan.conflicts[0].mine.labels, ["claim"]);
    assert_eq!(plan.conflicts[0].theirs.labels, ["denial"]);
    assert_eq!(plan.updates.len(), 1);
    assert_eq!(plan.updates[0].1, 2);
    assert_eq!(plan.updates[0].2.fingerprint, text::fingerprint("Gamma."));
    assert_eq!(plan.new_docs.len(), 1);

    // Theirs: different text, matched by sentence text.
    let theirs = doc("d", "Intro.\nGamma.\nBeta.\nGone.");
    let mut t = DocAnnotations::new();
    t.insert(1, ann(&["denial"])); // Gamma -> our 2, update
    t.insert(2, ann(&["claim"])); // Beta -> our 1, unchanged
    t.insert(3, ann(&["claim"])); // Gone: unmatched
    let plan = plan_merge(&[&mine], &store, vec![(theirs, t)]);
    assert_eq!(
        plan.updates,
        vec![(
            "d".to_string(),
            2,
            Annotation { fingerprint: text::fingerprint("Gamma."), span: Some((13, 19)), ..ann(&["denial"]) }
        )]
    );
    assert_eq!(plan.unchanged, 1);
    assert_eq!(plan.unmatched.len(), 1);
    assert_eq!(plan.unmatched[0].1, "Gone.");
}

#[test]
fn decisions_and_done_marks_round_trip_and_older_exports_read_as_before() {
    let d = doc("d1", "One here. Two here. Three here.");
    let e2 = doc("d2", "Four here. Five here.");
    let mut store = AnnotationStore::default();
    store.set("d1", 0, Annotation { none: true, updated: 3, ..Default::default() });
    store.set("d1", 1, Annotation { labels: vec!["claim".into()], updated: 4, ..Default::default() });
    store.set("d2", 0, Annotation { labels: vec!["denial".into()], updated: 5, ..Default::default() });
    let mut o = opts();
    o.done.insert("d2".into());
    let e = build(&[&d, &e2], &store, &LabelSet::default_set(), &o);
    let decided: Vec<Option<bool>> = e.documents[0].sentences.iter().map(|s| s.decided).collect();
    assert_eq!(decided, [Some(true), Some(true), Some(false)]);
    assert_eq!((e.documents[0].done, e.documents[1].done), (Some(false), Some(true)));
    assert!(e.documents[1].sentences.iter().all(|s| s.decided == Some(true)), "a done document is decided throughout");
    let back = restore(&e).unwrap();
    assert!(back[0].1[&0].none, "decided without labels: none applies");
    assert!(!back[1].1.get(&1).is_some_and(|a| a.none), "in a done document the mark decides, no record");
    // Export, import, export: the same file.
    let mut again = AnnotationStore::default();
    for (doc, anns) in &back {
        again.replace_doc(&doc.id, anns.clone());
    }
    let docs: Vec<&Document> = back.iter().map(|(d, _)| d).collect();
    assert_eq!(to_json(&build(&docs, &again, &LabelSet::default_set(), &o)), to_json(&e));
    // An older export (no decided, no done): decided when labelled.
    let mut old = e.clone();
    for doc in &mut old.documents {
        doc.done = None;
        for s in &mut doc.sentences {
            s.decided = None;
        }
    }
    let json = to_json(&old);
    assert!(!json.contains("decided") && !json.contains("\"done\""));
    let back = restore(&parse_export(&json).unwrap()).unwrap();
    assert!(!back[0].1.get(&0).is_some_and(|a| a.decided()), "unlabelled: undecided");
    assert!(back[0].1[&1].decided());
}

#[test]
fn what_was_suggested_is_exported_with_each_decision_and_restored() {
    let d = doc("d1", "One.\nTwo.\nThree.");
    let mut store = AnnotationStore::default();
    store.set("d1", 0, Annotation { suggested: Some("claim".into()), ..ann(&["denial"]) });
    store.set("d1", 1, Annotation { suggested: Some("none".into()), none: true, updated: 8, ..Default::default() });
    // Undecided again: what was once suggested says nothing about a decision.
    store.set("d1", 2, Annotation { suggested: Some("demand".into()), note: "n".into(), ..Default::default() });
    let e = build(&[&d], &store, &LabelSet::default_set(), &opts());
    let ss = &e.documents[0].sentences;
    assert_eq!(ss[0].suggested.as_deref(), Some("claim"));
    assert_eq!(ss[1].suggested.as_deref(), Some("none"));
    assert_eq!(ss[2].suggested, None);
    let json = to_json(&e);
    assert!(json.contains("\"suggested\": \"claim\""));
    let lines: Vec<serde_json::Value> = to_jsonl(&e).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["suggested"], "claim");
    assert_eq!(lines[2]["suggested"], serde_json::Value::Null);
    let back = restore(&e).unwrap();
    assert_eq!(back[0].1[&0].suggested.as_deref(), Some("claim"));
    assert_eq!(back[0].1[&1].suggested.as_deref(), Some("none"));
}
