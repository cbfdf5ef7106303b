//! Storage's unit tests: keys and shards written, loaded, migrated and merged, on an
//! in-memory map standing for localStorage.

use std::collections::BTreeMap;

use super::*;
use crate::core::document::ArticleInput;
use crate::core::reattach::{merge_latest, reattach};
use crate::core::text;

fn doc(text: &str) -> Document {
    Document::from_input(ArticleInput { id: Some("d".into()), text: text.into(), ..Default::default() })
}

fn ann(doc: &Document, i: usize, label: &str, t: u64) -> Annotation {
    let s = doc.sentences[i];
    Annotation {
        labels: vec![label.into()],
        updated: t,
        fingerprint: text::fingerprint(doc.sentence_text(i)),
        span: Some((s.start, s.end)),
        ..Default::default()
    }
}

#[test]
fn round_trip_of_every_record() {
    let d = doc("One here.\n\nTwo here.");
    let mut anns = DocAnnotations::new();
    anns.insert(1, ann(&d, 1, "denial", 7));
    let mut kv = BTreeMap::new();
    let meta = Meta { layout: LAYOUT, annotator: "ann".into(), ..Default::default() };
    kv.insert(META_KEY.to_owned(), encode_meta(&meta));
    kv.insert(ann_key("d"), encode_ann(&anns));
    kv.insert(doc_key("d"), encode_doc(&d));
    let loaded = load(&kv).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.meta, meta);
    assert_eq!(loaded.imported.len(), 1);
    assert_eq!(Document::from_input(loaded.imported[0].clone()), d);
    let (back, orphans) = {
        let sh = loaded.shards["d"].clone();
        reattach(&d, &sh.seg, sh.s, sh.o)
    };
    assert_eq!(back, anns);
    assert!(orphans.is_empty());
}

#[test]
fn stored_articles_take_about_half_the_quota() {
    for text in ["Plain ASCII news text. ".repeat(300), "Quoted \u{201c}text\u{201d} \u{2014} again. ".repeat(200)] {
        let d = Document::from_input(ArticleInput { id: Some("w".into()), text, ..Default::default() });
        let raw = encode_doc(&d);
        assert!(raw.starts_with(PACKED));
        let plain = serde_json::to_string(&d.to_input()).unwrap();
        let ratio = stored_bytes("k", &raw) as f64 / stored_bytes("k", &plain) as f64;
        assert!(ratio < 0.7, "packed/plain = {ratio}");
        assert_eq!(Document::from_input(decode_doc(&raw).unwrap()), d);
    }
    // Plain JSON (an earlier version's) still reads.
    let plain = r#"{"id":"p","text":"Old plain value."}"#;
    assert_eq!(decode_doc(plain).unwrap().text, "Old plain value.");
    assert_eq!(stored_bytes("ab", "é—"), 8);
}

#[test]
fn damaged_packed_values_are_errors() {
    let good = pack(b"{\"text\":\"x\"}");
    assert_eq!(unpack(&good).unwrap(), "{\"text\":\"x\"}");
    assert!(unpack("~1").is_err());
    assert!(unpack("~1x:").is_err());
    assert!(unpack("~15:").is_err());
    assert!(unpack(&format!("{good}A")).is_err());
    let cut: String = good.chars().take(good.chars().count() - 1).collect();
    assert!(unpack(&cut).is_err());
    assert!(decode_doc("~1zz").is_err());
}

#[test]
fn future_layout_is_refused() {
    let mut kv = BTreeMap::new();
    kv.insert(META_KEY.to_owned(), r#"{"layout":7}"#.to_owned());
    let err = load(&kv).unwrap_err();
    assert_eq!(err, LoadError::FutureLayout(7));
    assert!(err.to_string().contains("newer version"));
}

#[test]
fn damaged_keys_are_reported_not_fatal() {
    let mut kv = BTreeMap::new();
    kv.insert(ann_key("a"), "{not json".to_owned());
    kv.insert(doc_key("b"), "[]".to_owned());
    kv.insert(history::OLD_HISTORY_KEY.to_owned(), "x".to_owned());
    let loaded = load(&kv).unwrap();
    assert_eq!(loaded.problems.len(), 3);
    assert!(loaded.shards.is_empty());
    assert_eq!(loaded.meta.settings, Settings::default());
}

#[test]
fn v0_fixture_is_migrated() {
    let fixture = include_str!("../../../tests/data/storage_v0.json");
    let mut kv = BTreeMap::new();
    kv.insert(LEGACY_V0_KEY.to_owned(), fixture.to_owned());
    let loaded = load(&kv).unwrap();
    assert_eq!(loaded.meta.annotator, "maria");
    assert_eq!(loaded.meta.layout, LAYOUT);
    let shard = &loaded.shards["000_7e8a3d906b8911a7"];
    assert_eq!(shard.s[&0].labels, ["claim"]);
    assert_eq!(shard.s[&3].labels, ["denial"]);
    assert!(loaded.migration.iter().any(|(k, v)| k == META_KEY && v.is_some()));
    assert!(loaded.migration.iter().any(|(k, _)| k == &ann_key("003_5edaa3534a2f115b")));
}

#[test]
fn labels_follow_their_sentence_when_rules_change() {
    let d = doc("Alpha one.\nBeta two.\nGamma three.");
    let mut s = AnnShard { seg: "old@0".into(), s: DocAnnotations::new(), o: Vec::new() };
    // Stored at index 0 under old rules, but its text is now sentence 2.
    let mut a = ann(&d, 2, "claim", 1);
    s.s.insert(0, a.clone());
    // A record whose sentence is gone, with its old span.
    a.fingerprint = text::fingerprint("Alpha one.\nBeta");
    a.span = Some((0, 15));
    s.s.insert(5, a);
    let (out, orphans) = reattach(&d, &s.seg, s.s, s.o);
    assert_eq!(out[&2].labels, ["claim"]);
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].text.as_deref(), Some("Alpha one.\nBeta"));
    // Written back with the document's shard, the orphan survives the next load.
    let raw = encode_ann_with(&out, &orphans);
    let back = decode_ann(&raw).unwrap();
    let (again, still) = reattach(&d, &back.seg, back.s, back.o);
    assert_eq!(again, out);
    assert_eq!(still, orphans);
}

#[test]
fn latest_change_wins_per_sentence() {
    let d = doc("A one.\nB two.");
    let mut ours = DocAnnotations::new();
    ours.insert(0, ann(&d, 0, "claim", 10));
    ours.insert(1, ann(&d, 1, "claim", 30));
    let mut theirs = DocAnnotations::new();
    theirs.insert(0, ann(&d, 0, "demand", 20));
    theirs.insert(1, ann(&d, 1, "denial", 25));
    let (m, changed) = merge_latest(&ours, &theirs);
    assert!(changed);
    assert_eq!(m[&0].labels, ["demand"]);
    assert_eq!(m[&1].labels, ["claim"]);
    let (_, again) = merge_latest(&m, &theirs);
    assert!(!again);
}
