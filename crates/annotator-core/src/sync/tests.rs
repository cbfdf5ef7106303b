//! Properties of the sync's merge, on random sheets: whatever order copies arrive in and
//! however often, every browser ends with the same sheet (commutative, associative,
//! idempotent), and that sheet holds, for every sentence, the latest change any copy had
//! (never an older one, never a record from nowhere). Conflict resolution inherits them.
//! Copies with other sentence boundaries (one browser split a sentence) merge the same way:
//! the later boundaries win, and no change of the other copy is lost (it is on its
//! sentence's record, or an orphan, with the latest time).
//! The recorded-server replays are `tests/native/sync_replay.rs`.

use proptest::prelude::*;

use super::conflict::resolve;
use super::doc::{Body, Remote, Sheet};
use super::ids::DocId;
use super::merge::{merge_all, merge_sheets};
use crate::annotations::Annotation;

const LABELS: [&str; 3] = ["claim", "denial", "demand"];

fn record() -> impl Strategy<Value = Annotation> {
    // Few times, so ties happen; labels, none, a note, or a tombstone.
    (0u64..6, 0usize..5, any::<bool>()).prop_map(|(t, kind, unsure)| {
        let mut a = Annotation { updated: t * 1_000, fingerprint: "h".into(), unsure, ..Default::default() };
        match kind {
            0..=2 => a.labels = vec![LABELS[kind].to_owned()],
            3 => a.none = true,
            _ => a.unsure = false,
        }
        a
    })
}

fn sheet() -> impl Strategy<Value = Sheet> {
    (prop::collection::btree_map(0usize..8, record(), 0..6), any::<bool>(), 0u64..4).prop_map(|(records, done, dt)| {
        Sheet {
            seg: "sa-rules@2".into(),
            records: records.into_iter().collect(),
            orphans: Vec::new(),
            done: done && dt > 0,
            done_t: dt * 1_000,
            ..Default::default()
        }
    })
}

/// The segmenter's sentences of a made-up article (byte spans), and the person's: its third
/// sentence split in two.
const SEGMENTER_SPANS: [(usize, usize); 6] = [(0, 9), (10, 19), (20, 29), (30, 39), (40, 49), (50, 59)];
const SPLIT_SPANS: [(usize, usize); 7] = [(0, 9), (10, 19), (20, 24), (25, 29), (30, 39), (40, 49), (50, 59)];

/// A sheet on the segmenter's sentences (no boundaries sent) or on the split ones (sent,
/// at one of two times); each record's fingerprint names its sentence (its span), as the
/// page's do; orphans of the other boundaries' sentences now and then.
fn sheet_with_bounds() -> impl Strategy<Value = Sheet> {
    (
        prop::collection::vec((0usize..7, record()), 0..6),
        prop::collection::vec((0usize..7, record()), 0..2),
        0u8..3,
        any::<bool>(),
        0u64..4,
    )
        .prop_map(|(recs, lost, which, done, dt)| {
            type Spans = &'static [(usize, usize)];
            let (spans, other, bounds_t): (Spans, Spans, u64) = match which {
                0 => (&SEGMENTER_SPANS, &SPLIT_SPANS, 0),
                n => (&SPLIT_SPANS, &SEGMENTER_SPANS, u64::from(n) * 1_000),
            };
            let on = |spans: &[(usize, usize)], i: usize, mut a: Annotation| {
                let (x, y) = spans[i % spans.len()];
                a.fingerprint = format!("{x}-{y}");
                (i % spans.len(), a)
            };
            Sheet {
                seg: "sa-rules@2".into(),
                records: recs.into_iter().map(|(i, a)| on(spans, i, a)).collect(),
                // An orphan is of a sentence its sheet does not have (the page re-attaches
                // the others): the split one, or one of its parts.
                orphans: lost.into_iter().map(|(i, a)| on(other, 2 + i % (other.len() - 5), a)).collect(),
                done: done && dt > 0,
                done_t: dt * 1_000,
                bounds: if bounds_t > 0 { spans.to_vec() } else { Vec::new() },
                bounds_t,
            }
        })
}

/// Every record and orphan of `copy` is in `merged` on a record or an orphan of its
/// sentence (fingerprint), with the same or a later time.
fn kept_in(merged: &Sheet, copy: &Sheet) -> Result<(), TestCaseError> {
    for (i, r) in copy.records.iter().map(|(i, r)| (*i, r)).chain(copy.orphans.iter().map(|(i, r)| (*i, r))) {
        let later = merged
            .records
            .values()
            .chain(merged.orphans.iter().map(|(_, o)| o))
            .any(|m| m.fingerprint == r.fingerprint && m.updated >= r.updated);
        prop_assert!(later, "record {} {:?} lost in {:?}", i, r, merged);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn merging_is_commutative_associative_and_idempotent(a in sheet(), b in sheet(), c in sheet()) {
        prop_assert_eq!(merge_sheets(&a, &b), merge_sheets(&b, &a));
        prop_assert_eq!(merge_sheets(&merge_sheets(&a, &b), &c), merge_sheets(&a, &merge_sheets(&b, &c)));
        prop_assert_eq!(merge_sheets(&a, &a), a.clone());
        let ab = merge_sheets(&a, &b);
        prop_assert_eq!(merge_sheets(&ab, &b), ab.clone());
    }

    #[test]
    fn copies_with_other_boundaries_merge_as_a_join_and_lose_nothing(a in sheet_with_bounds(), b in sheet_with_bounds(), c in sheet_with_bounds()) {
        let ab = merge_sheets(&a, &b);
        prop_assert_eq!(&ab, &merge_sheets(&b, &a));
        prop_assert_eq!(merge_sheets(&ab, &c), merge_sheets(&a, &merge_sheets(&b, &c)));
        prop_assert_eq!(merge_sheets(&merge_sheets(&a, &c), &b), merge_sheets(&ab, &c));
        let aa = merge_sheets(&a, &a);
        prop_assert_eq!(merge_sheets(&aa, &a), aa.clone());
        prop_assert_eq!(merge_sheets(&ab, &b), ab.clone());
        let latest = [&a, &b].into_iter().max_by_key(|s| s.bounds_t).unwrap();
        prop_assert_eq!((&ab.bounds, ab.bounds_t), (&latest.bounds, latest.bounds_t), "the later boundaries");
        kept_in(&ab, &a)?;
        kept_in(&ab, &b)?;
        let abc = merge_sheets(&ab, &c);
        for copy in [&a, &b, &c] {
            kept_in(&abc, copy)?;
        }
    }

    #[test]
    fn every_sentence_keeps_its_latest_change(copies in prop::collection::vec(sheet(), 1..5)) {
        let merged = merge_all(&copies).unwrap();
        let indices: std::collections::BTreeSet<usize> = copies.iter().flat_map(|s| s.records.keys().copied()).collect();
        prop_assert_eq!(merged.records.keys().copied().collect::<std::collections::BTreeSet<_>>(), indices);
        for (i, won) in &merged.records {
            let candidates: Vec<&Annotation> = copies.iter().filter_map(|s| s.records.get(i)).collect();
            prop_assert!(candidates.contains(&won), "a record from one of the copies");
            let latest = candidates.iter().map(|a| a.updated).max().unwrap();
            prop_assert_eq!(won.updated, latest, "never an older change");
        }
        let last_done = copies.iter().map(|s| s.done_t).max().unwrap();
        prop_assert_eq!(merged.done_t, last_done);
    }

    #[test]
    fn any_arrival_order_gives_the_same_sheet(copies in prop::collection::vec(sheet(), 2..5), seed in any::<u64>()) {
        let forward = merge_all(&copies).unwrap();
        let mut shuffled = copies.clone();
        // A deterministic shuffle by the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(merge_all(&shuffled).unwrap(), forward);
    }

    #[test]
    fn a_resolved_conflict_holds_every_revisions_latest_changes(winner in sheet(), losers in prop::collection::vec(sheet(), 1..4)) {
        let id = DocId::ann("maria", "d1");
        let remote = |rev: String, s: &Sheet| Remote { id: id.clone(), rev, conflicts: Vec::new(), body: Some(Body::Sheet(s.clone())) };
        let w = remote("3-w".into(), &winner);
        let ls: Vec<Remote> = losers.iter().enumerate().map(|(i, s)| remote(format!("3-l{i}"), s)).collect();
        let res = resolve(&w, &ls).unwrap();
        let all: Vec<Sheet> = std::iter::once(winner).chain(losers).collect();
        prop_assert_eq!(res.merged, Body::Sheet(merge_all(&all).unwrap()));
        prop_assert_eq!(res.winner_rev, "3-w");
        prop_assert_eq!(res.losers.len(), ls.len());
        let docs = res_docs(&w, &ls);
        prop_assert_eq!(docs, ls.len() + 1);
    }
}

fn res_docs(w: &Remote, ls: &[Remote]) -> usize {
    resolve(w, ls).unwrap().bulk_docs(w).len()
}

#[test]
fn an_article_conflict_keeps_the_winner_and_deletes_the_rest() {
    let id = DocId::article("d1");
    let art = |t: &str| {
        Some(Body::Article(crate::document::ArticleInput {
            id: Some("d1".into()),
            text: t.into(),
            ..Default::default()
        }))
    };
    let w = Remote { id: id.clone(), rev: "1-b".into(), conflicts: vec!["1-a".into()], body: art("B") };
    let l = Remote { id: id.clone(), rev: "1-a".into(), conflicts: Vec::new(), body: art("A") };
    let res = resolve(&w, &[l]).unwrap();
    assert_eq!((res.merged, res.losers), (art("B").unwrap(), vec!["1-a".to_owned()]));
    let gone = Remote { body: None, ..w };
    assert_eq!(resolve(&gone, &[]), None);
}
