//! The save plan's tests (`plan`): what a change writes, in which store, in what order;
//! failed writes retried; migrations finished; everything loads back. Plans are played
//! against an in-memory pair of stores standing for localStorage and IndexedDB.

use super::homes::Stores;
use super::plan::*;
use super::{ann_key, encode_ann_with, META_KEY};
use crate::document::{ArticleInput, Document};
use crate::keys::Command;
use crate::labels::LabelSet;
use crate::session::Session;

fn session() -> Session {
    let mut s = Session::new(LabelSet::default_set(), 0);
    let docs = (0..50)
        .map(|i| {
            Document::from_input(ArticleInput {
                id: Some(format!("d{i}")),
                text: "One here. Two here. Three here.".into(),
                ..Default::default()
            })
        })
        .collect();
    s.add_documents(docs, true);
    s
}

/// Plays a plan against both stores, as the browser would (localStorage's writes, then
/// IndexedDB's transaction, committed); the keys written, localStorage's first.
fn save(saved: &mut Saved, s: &Session, store: &mut Stores) -> Vec<String> {
    let plan = saved.plan(s);
    let keys = plan.keys().into_iter().map(str::to_owned).collect();
    saved.commit(s);
    for (k, v) in plan.local.into_iter().chain(plan.idb) {
        store.put(&k, v.clone());
        saved.done(&k, v.as_deref(), WriteResult::Done);
    }
    for k in saved.legacy_removals() {
        store.local.remove(&k);
        saved.legacy_removed(&k, true);
    }
    keys
}

#[test]
fn a_label_writes_its_shard_one_history_segment_the_index_and_meta() {
    let mut s = session();
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
    let first = save(&mut saved, &s, &mut store);
    assert_eq!(first.iter().filter(|k| k.starts_with("sa/v1/doc/")).count(), 50);
    assert!(first.iter().any(|k| k == super::ORDER_KEY));
    s.command(&Command::Label(0), 1);
    let keys = save(&mut saved, &s, &mut store);
    // localStorage's (the shard, the meta record), then IndexedDB's (a segment, the index).
    assert_eq!(keys, ["sa/v1/ann/d0", "sa/v1/meta", "sa/v1/hist/0", "sa/v1/hist"]);
    // j moves the focus: only the meta record.
    s.command(&Command::Prev, 2);
    assert_eq!(save(&mut saved, &s, &mut store), ["sa/v1/meta"]);
    // Undo writes the shard and the history index, never the whole history.
    s.command(&Command::Undo, 3);
    let keys = save(&mut saved, &s, &mut store);
    assert_eq!(keys, ["sa/v1/ann/d0", "sa/v1/hist"]);
    // What was saved loads back as the same session.
    let loaded = super::load(&store.all()).unwrap();
    let (back, lost) = loaded.into_session(LabelSet::default_set(), Vec::new(), 0);
    assert_eq!(lost, 0);
    assert_eq!(back.anns().get("d0", 0), s.anns().get("d0", 0));
    assert_eq!(**back.history(), **s.history());
    assert_eq!(back.focus(), s.focus());
}

#[test]
fn another_tabs_shard_merged_unchanged_is_not_written_back() {
    let mut s = session();
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&s, &store, Vec::new(), false);
    save(&mut saved, &s, &mut store);
    // The other tab labels d3:1; its shard arrives as a storage event.
    let mut other = s.clone();
    other.select_doc(3);
    other.focus_sentence(1);
    other.command(&Command::Label(1), 50);
    let raw = encode_ann_with(other.anns().doc("d3").unwrap(), &[]);
    saved.note_external(&ann_key("d3"), Some(&raw));
    let shard = super::decode_ann(&raw).unwrap();
    assert!(s.merge_external("d3", &shard.seg, shard.s));
    assert!(save(&mut saved, &s, &mut store).is_empty(), "nothing to write back");
}

#[test]
fn failed_writes_are_retried_and_old_copies_wait_for_indexeddb() {
    let s = session();
    let mut store = Stores::default();
    store.local.insert("sa/v1/history".to_owned(), "{}".to_owned());
    let migration = vec![
        ("sa/v1/history".to_owned(), None),
        ("sa/v1/x".to_owned(), Some("1".to_owned())),
        ("sa/v1/doc/m".to_owned(), Some("M".to_owned())),
    ];
    let mut saved = Saved::from_loaded(&s, &store, migration, true);
    let plan = saved.plan(&s);
    assert_eq!(plan.local.first(), Some(&("sa/v1/x".to_owned(), Some("1".to_owned()))), "migration first");
    assert_eq!(plan.idb.first(), Some(&("sa/v1/doc/m".to_owned(), Some("M".to_owned()))));
    assert!(!plan.local.iter().chain(&plan.idb).any(|(k, _)| k == "sa/v1/history"), "never in a plan");
    saved.commit(&s);
    for (k, v) in &plan.local {
        saved.done(k, v.as_deref(), WriteResult::Done);
    }
    assert!(saved.legacy_removals().is_empty(), "IndexedDB's transaction has not ended");
    // The transaction fails for want of room: all of it.
    for (k, v) in &plan.idb {
        saved.done(k, v.as_deref(), WriteResult::Full);
    }
    assert!(saved.behind() && saved.full());
    assert!(saved.failed_keys().any(|k| k == "sa/v1/doc/m"));
    assert!(saved.legacy_removals().is_empty(), "the old copy stays while IndexedDB lacks the new one");
    // Nothing changed, but the failed keys are written again, in one transaction.
    let again = saved.plan(&s);
    assert!(again.local.is_empty(), "{again:?}");
    assert_eq!(again.idb, plan.idb);
    saved.commit(&s);
    for (k, v) in &again.idb {
        saved.done(k, v.as_deref(), WriteResult::Done);
    }
    assert!(!saved.behind() && !saved.full());
    assert_eq!(saved.legacy_removals(), ["sa/v1/history"]);
    saved.legacy_removed("sa/v1/history", true);
    assert!(saved.legacy_removals().is_empty());
    assert!(saved.plan(&s).is_empty());
}

#[test]
fn a_plan_is_split_by_home_and_an_import_goes_to_indexeddb_in_one_batch() {
    let mut s = Session::new(LabelSet::default_set(), 0);
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&s, &store, Vec::new(), false);
    let docs = (0..3)
        .map(|i| {
            Document::from_input(ArticleInput { id: Some(format!("n{i}")), text: "A. B.".into(), ..Default::default() })
        })
        .collect();
    s.add_documents(docs, true);
    s.command(&Command::Label(0), 1);
    let plan = saved.plan(&s);
    let keys = |w: &[Write]| w.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&plan.local), ["sa/v1/ann/n0", "sa/v1/meta"]);
    assert_eq!(
        keys(&plan.idb),
        ["sa/v1/doc/n0", "sa/v1/doc/n1", "sa/v1/doc/n2", "sa/v1/order", "sa/v1/hist/0", "sa/v1/hist"]
    );
    saved.commit(&s);
    for (k, v) in plan.local.iter().chain(&plan.idb) {
        store.put(k, v.clone());
        saved.done(k, v.as_deref(), WriteResult::Done);
    }
    assert!(store.local.keys().all(|k| super::homes::home(k) == super::homes::Home::Local));
    assert_eq!(store.idb.len(), 6);
    assert!(saved.used() > 0 && saved.used_idb() > 0);
    let (back, _) = super::load(&store.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
    assert_eq!(back.docs().len(), 3);
    assert_eq!(back.anns().labels_of("n0", 0), ["claim"]);
}

#[test]
fn a_change_planned_while_indexeddb_still_writes_the_last_one_is_not_lost() {
    let mut s = session();
    s.set_annotator("ana".into());
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&s, &store, Vec::new(), false);
    // A colleague's layer is imported: its keys go to IndexedDB ...
    let d0 = s.docs()[0].clone();
    let mut anns = crate::annotations::DocAnnotations::new();
    let a = crate::annotations::Annotation {
        labels: vec!["denial".into()],
        fingerprint: crate::text::fingerprint(d0.sentence_text(1)),
        ..Default::default()
    };
    anns.insert(1, a);
    let names = LabelSet::default_set().names();
    s.import_export(vec![((*d0).clone(), anns)], Some("ben"), &names, &[], 1);
    let first = saved.plan(&s);
    saved.commit(&s);
    assert_eq!(first.idb.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["sa/v1/layer/ben/d0"]);
    // ... and removed before that transaction has ended: the removal is planned all the same.
    s.remove_layer("ben");
    let second = saved.plan(&s);
    saved.commit(&s);
    assert_eq!(second.idb, [("sa/v1/layer/ben/d0".to_owned(), None)]);
    // The transactions end in the order they were made.
    for plan in [&first, &second] {
        for (k, v) in plan.local.iter().chain(&plan.idb) {
            store.put(k, v.clone());
            saved.done(k, v.as_deref(), WriteResult::Done);
        }
    }
    assert!(store.idb.is_empty(), "{:?}", store.idb);
    assert!(!saved.behind());
    // The first fails, the second succeeds: storage holds the second, nothing is retried.
    s.import_export(vec![((*d0).clone(), crate::annotations::DocAnnotations::new())], Some("cy"), &names, &[], 2);
    let third = saved.plan(&s);
    saved.commit(&s);
    s.remove_layer("cy");
    let fourth = saved.plan(&s);
    saved.commit(&s);
    for (k, v) in &third.idb {
        saved.done(k, v.as_deref(), WriteResult::Failed);
    }
    for (k, v) in &fourth.idb {
        saved.done(k, v.as_deref(), WriteResult::Done);
    }
    assert!(!saved.behind());
}

#[test]
fn a_layout_1_profile_moves_to_indexeddb_and_loses_nothing() {
    // What a page of layout 1 left: everything in localStorage.
    let mut s = session();
    s.set_annotator("ana".into());
    s.command(&Command::Label(0), 1);
    let names = LabelSet::default_set().names();
    let d1 = s.docs()[1].clone();
    s.import_export(
        vec![((*d1).clone(), crate::annotations::DocAnnotations::new())],
        Some("ben"),
        &names,
        &["d1".into()],
        2,
    );
    let mut layout1 = Stores::default();
    let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &layout1, Vec::new(), false);
    let plan = saved.plan(&s);
    for (k, v) in plan.local.iter().chain(&plan.idb) {
        if let Some(v) = v {
            let v = if k == META_KEY {
                v.replace(&format!("\"layout\":{}", super::LAYOUT), "\"layout\":1")
            } else {
                v.clone()
            };
            layout1.local.insert(k.clone(), v);
        }
    }
    let before = layout1.local.clone();
    assert!(before.keys().any(|k| k.starts_with("sa/v1/doc/")) && before.contains_key("sa/v1/layer/ben/d1"));

    // First open of this page: the move is planned from both stores.
    let combined = super::homes::combine(&layout1);
    assert!(combined.moving());
    let loaded = super::load(&combined.all).unwrap();
    let mut migration = loaded.migration.clone();
    migration.extend(combined.migration());
    let history_migrated = loaded.history_migrated;
    let (back, lost) = loaded.into_session(LabelSet::default_set(), Vec::new(), 3);
    assert_eq!(lost, 0);
    assert_eq!(back.docs().len(), 50);
    let mut saved = Saved::from_loaded(&back, &layout1, migration, history_migrated);
    let plan = saved.plan(&back);
    // The meta record says this layout (a page of layout 1 then refuses the profile).
    assert_eq!(plan.local.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), [META_KEY]);
    assert!(plan.local[0].1.as_deref().is_some_and(|m| m.contains(&format!("\"layout\":{}", super::LAYOUT))));
    let moved: Vec<&str> = plan.idb.iter().map(|(k, _)| k.as_str()).collect();
    let idb_keys: Vec<&str> =
        before.keys().filter(|k| super::homes::home(k) == super::homes::Home::Idb).map(String::as_str).collect();
    assert_eq!(moved, idb_keys, "every key of IndexedDB's home, in one transaction");
    assert!(plan.idb.iter().all(|(k, v)| v.as_ref() == before.get(k)), "values moved as they are");
    saved.commit(&back);
    // The transaction is refused: nothing is removed from localStorage, and it is tried again.
    for (k, v) in &plan.local {
        layout1.put(k, v.clone());
        saved.done(k, v.as_deref(), WriteResult::Done);
    }
    for (k, v) in &plan.idb {
        saved.done(k, v.as_deref(), WriteResult::Full);
    }
    assert!(saved.legacy_removals().is_empty());
    assert_eq!(layout1.all().len(), before.len(), "nothing lost");
    // The next save carries the move again; once committed, the old copies go.
    let again = saved.plan(&back);
    assert_eq!(again.idb.len(), moved.len());
    saved.commit(&back);
    for (k, v) in &again.idb {
        layout1.put(k, v.clone());
        saved.done(k, v.as_deref(), WriteResult::Done);
    }
    let removals = saved.legacy_removals();
    assert_eq!(removals, idb_keys);
    for k in &removals {
        layout1.local.remove(k);
        saved.legacy_removed(k, true);
    }
    assert!(layout1.local.keys().all(|k| super::homes::home(k) == super::homes::Home::Local));
    assert_eq!(layout1.idb.len(), idb_keys.len());
    // Loads as it was, and nothing is left to do.
    let (again, lost) = super::load(&layout1.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 4);
    assert_eq!(lost, 0);
    assert_eq!(again.docs().len(), 50);
    assert_eq!(again.anns().labels_of("d0", 0), ["claim"]);
    assert_eq!(again.layers().names().collect::<Vec<_>>(), ["ben"]);
    assert_eq!(**again.history(), **s.history());
    let combined = super::homes::combine(&layout1);
    assert!(!combined.moving() && combined.remove_local.is_empty());
    assert!(saved.plan(&back).is_empty());
}

#[test]
fn layers_are_stored_per_annotator_and_document_and_come_back() {
    let mut s = session();
    s.set_annotator("ana".into());
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
    save(&mut saved, &s, &mut store);
    let incoming: Vec<_> = s.docs()[..2]
        .iter()
        .map(|d| {
            let mut anns = crate::annotations::DocAnnotations::new();
            let a = crate::annotations::Annotation {
                labels: vec!["denial".into()],
                fingerprint: crate::text::fingerprint(d.sentence_text(1)),
                ..Default::default()
            };
            anns.insert(1, a);
            ((**d).clone(), anns)
        })
        .collect();
    let names = LabelSet::default_set().names();
    s.import_export(incoming, Some("ben/2"), &names, &["d1".into()], 1);
    let keys = save(&mut saved, &s, &mut store);
    assert_eq!(keys, ["sa/v1/layer/ben%2F2/d0", "sa/v1/layer/ben%2F2/d1"]);
    let loaded = super::load(&store.all()).unwrap();
    let (back, _) = loaded.into_session(LabelSet::default_set(), Vec::new(), 0);
    let names: Vec<&str> = back.layers().names().collect();
    assert_eq!(names, ["ben/2"]);
    assert_eq!(back.decisions_on("d0", 1), [("ben/2".to_owned(), vec!["denial".to_owned()])]);
    assert_eq!(back.decisions_on("d1", 0), [("ben/2".to_owned(), Vec::<String>::new())], "done mark kept");
    // Removing the layer removes its keys; nothing else is written.
    s.remove_layer("ben/2");
    let keys = save(&mut saved, &s, &mut store);
    assert_eq!(keys, ["sa/v1/layer/ben%2F2/d0", "sa/v1/layer/ben%2F2/d1"]);
    assert!(!store.all().keys().any(|k| k.starts_with("sa/v1/layer/")));
}

#[test]
fn imported_documents_come_back_in_their_list_order() {
    let mut s = Session::new(LabelSet::default_set(), 0);
    let docs = ["zulu", "alpha", "mike"]
        .iter()
        .map(|id| {
            Document::from_input(ArticleInput { id: Some((*id).into()), text: "One.".into(), ..Default::default() })
        })
        .collect();
    s.add_documents(docs, true);
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
    save(&mut saved, &s, &mut store);
    let (back, _) = super::load(&store.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
    let ids: Vec<&str> = back.docs().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["zulu", "alpha", "mike"]);
    // Without the order key (an earlier page's storage): by id.
    store.put(super::ORDER_KEY, None);
    let (back, _) = super::load(&store.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
    let ids: Vec<&str> = back.docs().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["alpha", "mike", "zulu"]);
}

#[test]
fn edited_boundaries_are_stored_come_back_with_their_labels_and_keep_their_time_when_undone() {
    let mut s = session();
    let mut settings = s.settings().clone();
    settings.auto_advance = false;
    s.set_settings(settings);
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
    save(&mut saved, &s, &mut store);
    s.focus_sentence(1);
    s.command(&Command::Label(1), 1);
    s.focus_sentence(0);
    let at = s.open_doc().unwrap().text.find("here.").unwrap();
    s.split_focused(at, 2);
    s.focus_sentence(1);
    s.command(&Command::Label(0), 3);
    let keys = save(&mut saved, &s, &mut store);
    assert!(keys.contains(&"sa/v1/bounds/d0".to_owned()), "{keys:?}");
    assert!(!keys.iter().any(|k| k.starts_with("sa/v1/bounds/") && k != "sa/v1/bounds/d0"), "only the edited one");
    // a reload: the edited boundaries, the labels on them
    let (back, lost) = super::load(&store.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
    assert_eq!(lost, 0);
    let d = &back.docs()[0];
    assert_eq!((d.sentence_text(0), d.sentence_text(1)), ("One", "here."));
    assert!(d.edited);
    assert_eq!(back.anns().labels_of("d0", 1), ["claim"]);
    assert_eq!(back.anns().labels_of("d0", 2), ["denial"], "the later label moved with its sentence");
    // nothing written again for a save without a change; the key goes when undone
    assert!(!save(&mut saved, &s, &mut store).iter().any(|k| k.starts_with("sa/v1/bounds/")));
    assert_eq!(d.edited_t, 2, "the time of the split comes back");
    s.command(&Command::Undo, 4);
    s.command(&Command::Undo, 5);
    assert!(!s.docs()[0].edited);
    assert_eq!(s.docs()[0].edited_t, 5);
    let keys = save(&mut saved, &s, &mut store);
    assert!(keys.contains(&"sa/v1/bounds/d0".to_owned()));
    // back to the segmenter's boundaries: the key stays with the time of that change
    let rec: super::BoundsRecord = serde_json::from_str(&store.get("sa/v1/bounds/d0").unwrap()).unwrap();
    assert_eq!(rec.t, 5);
    let (back, _) = super::load(&store.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
    let d = &back.docs()[0];
    assert_eq!((d.edited, d.edited_t), (false, 5));
    assert_eq!(d.spans(), crate::segment::segment(&d.text));
    assert_eq!(back.anns().labels_of("d0", 1), ["denial"]);
}

#[test]
fn a_new_segmenter_keeps_the_persons_boundaries_and_segments_the_rest() {
    // Stored by an older segmenter that kept "Two here. Three here." whole; the person
    // had split "One here." into "One" and "here.", labelled both.
    let text = "One here. Two here. Three here.";
    let fp = crate::text::fingerprint;
    let mut store = Stores::default();
    store.local.insert(
        "sa/v1/doc/d0".to_owned(),
        super::encode_doc(&Document::from_input(ArticleInput {
            id: Some("d0".into()),
            text: text.into(),
            ..Default::default()
        })),
    );
    let bounds = super::BoundsRecord {
        h: fp(text),
        s: vec![(0, 3), (4, 9), (10, 31)],
        seg: "sa-rules@0".into(),
        e: vec![(0, 3), (4, 9)],
        t: 0,
    };
    store.local.insert("sa/v1/bounds/d0".to_owned(), serde_json::to_string(&bounds).unwrap());
    let shard = serde_json::json!({"seg": "sa-rules@0", "s": {
        "0": {"l": ["claim"], "t": 1, "h": fp("One")},
        "1": {"l": ["denial"], "t": 2, "h": fp("here.")},
    }});
    store.local.insert("sa/v1/ann/d0".to_owned(), shard.to_string());
    let meta = serde_json::json!({"layout": super::LAYOUT, "imported": ["d0"]});
    store.local.insert(META_KEY.to_owned(), meta.to_string());
    let (back, lost) = super::load(&store.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
    let d = &back.docs()[0];
    let texts: Vec<&str> = (0..d.sentences.len()).map(|i| d.sentence_text(i)).collect();
    assert_eq!(texts, ["One", "here.", "Two here.", "Three here."], "the person's spans, the rest segmented anew");
    assert!(d.edited);
    assert_eq!(lost, 0);
    assert_eq!(back.anns().labels_of("d0", 0), ["claim"]);
    assert_eq!(back.anns().labels_of("d0", 1), ["denial"]);
}

#[test]
fn each_document_keeps_its_place_across_a_reload() {
    let mut s = session();
    s.focus_sentence(2);
    s.command(&Command::NextDoc, 1);
    s.focus_sentence(1);
    s.command(&Command::NextDoc, 2);
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
    save(&mut saved, &s, &mut store);
    let (mut back, _) = super::load(&store.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
    assert_eq!(back.open_index(), 2);
    back.command(&Command::PrevDoc, 3);
    assert_eq!((back.open_index(), back.focus()), (1, 1));
    back.command(&Command::PrevDoc, 4);
    assert_eq!((back.open_index(), back.focus()), (0, 2));
}

#[test]
fn gold_that_lost_its_sentence_stays_with_the_gold_layer() {
    let s = session();
    let mut store = Stores::default();
    let mut saved = Saved::from_loaded(&Session::new(LabelSet::default_set(), 0), &store, Vec::new(), false);
    save(&mut saved, &s, &mut store);
    // A gold record made under other rules, for a sentence d0 no longer has.
    let gone = crate::annotations::Annotation {
        labels: vec!["demand".into()],
        fingerprint: crate::text::fingerprint("A sentence that is gone."),
        ..Default::default()
    };
    let shard = super::AnnShard { seg: "old@0".into(), s: [(7usize, gone)].into_iter().collect(), o: Vec::new() };
    store.put(&super::gold_key("d0"), Some(serde_json::to_string(&shard).unwrap()));
    let (mut back, lost) = super::load(&store.all()).unwrap().into_session(LabelSet::default_set(), Vec::new(), 0);
    assert_eq!(lost, 1);
    assert!(back.orphans().is_empty(), "never one's own");
    assert_eq!(back.gold_orphans().len(), 1);
    // Written back with d0's gold when it changes: still there on the next load.
    let mut saved = Saved::from_loaded(&back, &store, Vec::new(), false);
    back.toggle_review();
    back.command(&Command::Label(1), 9);
    save(&mut saved, &back, &mut store);
    let raw = &store.get(&super::gold_key("d0")).unwrap();
    assert!(super::decode_ann(raw).unwrap().o.len() == 1, "{raw}");
    assert!(store.get(&ann_key("d0")).is_none_or(|v| !v.contains("demand")), "the person's own shard is untouched");
}
