//! Storage's unit tests: keys and shards written, loaded, migrated and merged, on an
//! in-memory map standing for localStorage.

use std::collections::BTreeMap;

use super::*;
use crate::document::ArticleInput;
use crate::reattach::{merge_latest, reattach};
use crate::text;

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
fn stored_articles_are_plain_json_and_layout_1_packed_ones_still_read() {
    for text in ["Plain ASCII news text. ".repeat(300), "Quoted \u{201c}text\u{201d} \u{2014} again. ".repeat(200)] {
        let d = Document::from_input(ArticleInput { id: Some("w".into()), text, ..Default::default() });
        let raw = encode_doc(&d);
        let plain = serde_json::to_string(&d.to_input()).unwrap();
        assert_eq!(raw, plain);
        assert_eq!(Document::from_input(decode_doc(&raw).unwrap()), d);
        // Layout 1 packed it (about half the localStorage quota); that still reads.
        let packed = pack(plain.as_bytes());
        assert!(packed.starts_with(PACKED));
        let ratio = stored_bytes("k", &packed) as f64 / stored_bytes("k", &plain) as f64;
        assert!(ratio < 0.7, "packed/plain = {ratio}");
        assert_eq!(Document::from_input(decode_doc(&packed).unwrap()), d);
    }
    // Plain JSON (an earlier version's) still reads.
    let plain = r#"{"id":"p","text":"Old plain value."}"#;
    assert_eq!(decode_doc(plain).unwrap().text, "Old plain value.");
    assert_eq!(stored_bytes("ab", "é—"), 8);
}

#[test]
fn stored_bytes_count_utf16_units_as_the_browser_does() {
    for s in ["", "plain", "é—", "a😀b", "𝔘nicode ✓ 中文 \u{10FFFF}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"]
    {
        assert_eq!(stored_bytes("", s), 2 * s.encode_utf16().count(), "{s:?}");
    }
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
    let fixture = include_str!("../../../../tests/data/storage_v0.json");
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

#[test]
fn open_merge_conflicts_survive_a_reload() {
    use crate::keys::Command;
    use crate::labels::LabelSet;
    use crate::session::Session;
    use plan::{Saved, WriteResult};
    // Both stores as one map (the loader reads them combined); the saver is told which
    // key was in which.
    let stores = |all: &BTreeMap<String, String>| {
        let of =
            |h: homes::Home| all.iter().filter(move |(k, _)| homes::home(k) == h).map(|(k, v)| (k.clone(), v.clone()));
        homes::Stores { local: of(homes::Home::Local).collect(), idb: of(homes::Home::Idb).collect() }
    };
    let save = |saved: &mut Saved, s: &Session, store: &mut BTreeMap<String, String>| {
        let planned = saved.plan(s);
        let keys: Vec<String> = planned
            .local
            .into_iter()
            .chain(planned.idb)
            .map(|(k, v)| {
                match &v {
                    Some(v) => store.insert(k.clone(), v.clone()),
                    None => store.remove(&k),
                };
                saved.done(&k, v.as_deref(), WriteResult::Done);
                k
            })
            .collect();
        saved.commit(s);
        keys
    };
    let d = Document::from_input(ArticleInput {
        id: Some("d".into()),
        text: "One here.\nTwo here.".into(),
        ..Default::default()
    });
    let mut s = Session::new(LabelSet::default_set(), 0);
    s.add_documents(vec![d.clone()], true);
    s.command(&Command::Label(0), 1); // d:0 claim
    let mut store = BTreeMap::new();
    let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &stores(&store), Vec::new(), false);
    save(&mut saved, &s, &mut store);
    assert!(!store.contains_key(conflicts::CONFLICTS_KEY), "no conflict, no key");
    // Their export says denial on d:0 and demand on d:1: one conflict, one update.
    let mut theirs = DocAnnotations::new();
    theirs.insert(0, ann(&d, 0, "denial", 5));
    theirs.insert(1, ann(&d, 1, "demand", 6));
    let report = s.apply_merge(vec![(d.clone(), theirs)], &[], 7);
    assert_eq!(report.conflicts, 1);
    assert!(save(&mut saved, &s, &mut store).contains(&conflicts::CONFLICTS_KEY.to_owned()));
    // A reload: the conflict is open again, theirs still to be taken.
    let (back, _) = load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 8);
    assert_eq!(back.conflicts(), s.conflicts());
    assert_eq!(back.conflicts()[0].theirs.labels, ["denial"]);
    // Taking theirs after the reload: the label changes, the key goes.
    let mut back = back;
    let mut saved = Saved::from_loaded(&back, &stores(&store), Vec::new(), false);
    back.resolve_conflict(0, true, 9);
    let keys = save(&mut saved, &back, &mut store);
    assert!(keys.contains(&conflicts::CONFLICTS_KEY.to_owned()), "{keys:?}");
    assert!(!store.contains_key(conflicts::CONFLICTS_KEY));
    let (again, _) = load(&store).unwrap().into_session(LabelSet::default_set(), Vec::new(), 10);
    assert!(again.conflicts().is_empty());
    assert_eq!(again.anns().labels_of("d", 0), ["denial"]);
    // A stored conflict whose sentence moved is placed on it by its text; a lost one is not kept.
    let moved = crate::export::Conflict {
        doc: "d".into(),
        index: 0,
        sentence: "Two here.".into(),
        mine: Default::default(),
        theirs: Default::default(),
    };
    let gone = crate::export::Conflict { sentence: "Three.".into(), ..moved.clone() };
    let (kept, lost) = conflicts::place(vec![moved, gone], |id| (id == "d").then_some(&d));
    assert_eq!((kept.len(), kept[0].index, lost), (1, 1, 1));
    assert_eq!(conflicts::decode(&conflicts::encode(&kept)).unwrap(), kept);
}

#[test]
fn layout_2_shards_load_and_are_written_again_compact() {
    // The note holds `"r":` (escaped in the JSON): the form is told by what was read, not by text.
    let raw = r#"{"seg":"sa-rules@3","s":{"0":{"l":["claim"],"t":1796606137410,"h":"129a4fc9","b":[0,32],"g":"demand"},"4":{"z":true,"n":"why? \"r\": 1","t":1796606139000,"h":"623d3d7c"}}}"#;
    let mut kv = BTreeMap::new();
    kv.insert(META_KEY.to_owned(), r#"{"layout":2,"annotator":"ana"}"#.to_owned());
    kv.insert(ann_key("a"), raw.to_owned());
    kv.insert(gold_key("a"), raw.to_owned());
    let done = encode_ann(&decode_ann(raw).unwrap().s);
    kv.insert(ann_key("b"), done.clone());
    let loaded = load(&kv).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.meta.layout, LAYOUT);
    assert_eq!(loaded.shards["a"].s[&0].suggested.as_deref(), Some("demand"));
    assert_eq!(loaded.shards["a"].s[&4].note, "why? \"r\": 1");
    // The layout-2 shards (own and gold) are rewritten, the compact one is not.
    let keys: Vec<&str> = loaded.migration.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, [ann_key("a"), gold_key("a")]);
    for (_, v) in &loaded.migration {
        let v = v.as_deref().unwrap();
        assert_eq!(decode_ann(v).unwrap(), decode_ann(raw).unwrap());
        assert!(v.len() < raw.len(), "{v}");
    }
}
