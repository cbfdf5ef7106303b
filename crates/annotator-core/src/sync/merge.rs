//! Two copies of one sheet become one: per sentence, the latest change wins (the same
//! annotator in two browsers, two curators on the gold, CouchDB conflict revisions). The
//! merge is a join: commutative, associative and idempotent, so every browser that has seen
//! the same copies holds the same sheet whatever the order they came in, and merging again
//! changes nothing (no endless ping-pong of uploads). Ties (the same millisecond, different
//! content) go to the greater record in a fixed order of their JSON, never to "ours". A
//! record is replaced only by a later one (a removal is a tombstone with its time, so it
//! wins over an older label and loses to a newer one); nothing is dropped.
//!
//! Sentence boundaries: the copy with the later boundaries (a newer segmenter first, then
//! the boundaries' time, then the spans, a fixed order) gives the merged sheet its
//! sentences. Records merge by index only between copies with the same segmenter and the
//! same boundaries; a record of a copy with other sentences (and every orphan) goes to the
//! record with its fingerprint (the nearest one to its old index), else it is kept as an
//! orphan, as storage keeps them (docs/FORMAT.md §3), and the page re-attaches it. Orphans
//! of one sentence (same old index, same fingerprint) keep their latest change, a removal
//! included, so the order copies meet in does not matter. The join holds exactly when a
//! fingerprint names one sentence and the copies have at most two sets of sentences, the
//! later one always at a later time (`tests.rs` checks it). Beyond that (three sets of
//! sentences met in different orders; boundaries that came back at a later time, a split
//! undone in one browser and redone in another) two browsers may hold a record once as a
//! record and once as an orphan: never an older change instead of a newer one, and the page
//! re-attaches orphans to their sentence by fingerprint and sends the result.

use std::cmp::Ordering;

use super::doc::Sheet;
use crate::annotations::Annotation;

/// The record that wins between two records of one sentence.
pub fn newer<'a>(a: &'a Annotation, b: &'a Annotation) -> &'a Annotation {
    match a.updated.cmp(&b.updated) {
        Ordering::Greater => a,
        Ordering::Less => b,
        Ordering::Equal if a == b => a,
        Ordering::Equal => {
            let (ja, jb) = (serde_json::to_string(a).unwrap_or_default(), serde_json::to_string(b).unwrap_or_default());
            if ja >= jb {
                a
            } else {
                b
            }
        }
    }
}

/// Orders segmenter names: the same rules at a higher version first, else by name (any fixed
/// order keeps the merge commutative).
fn seg_rank(seg: &str) -> (&str, u64, &str) {
    match seg.rsplit_once('@') {
        Some((name, v)) => (name, v.parse().unwrap_or(0), seg),
        None => (seg, 0, seg),
    }
}

/// What decides which copy gives the merged sheet its sentences (the greater): segmenter,
/// boundaries' time, boundaries.
type BoundsRank<'a> = ((&'a str, u64, &'a str), u64, &'a [(usize, usize)]);

fn bounds_rank(s: &Sheet) -> BoundsRank<'_> {
    (seg_rank(&s.seg), s.bounds_t, &s.bounds)
}

/// Merges two copies of one sheet (see the module).
pub fn merge_sheets(a: &Sheet, b: &Sheet) -> Sheet {
    let (base, other) = if bounds_rank(a) >= bounds_rank(b) { (a, b) } else { (b, a) };
    let mut records = base.records.clone();
    // Orphans get another chance to find a record of their sentence at every merge.
    let mut lost: Vec<(usize, Annotation)> = a.orphans.iter().chain(&b.orphans).cloned().collect();
    if base.seg == other.seg && base.bounds == other.bounds {
        for (i, r) in &other.records {
            match records.get(i) {
                Some(mine) => {
                    let won = newer(mine, r).clone();
                    records.insert(*i, won);
                }
                None => {
                    records.insert(*i, r.clone());
                }
            }
        }
    } else {
        // Other sentences: the indices do not match.
        lost.extend(other.records.iter().map(|(i, r)| (*i, r.clone())));
    }
    let mut orphans = Vec::new();
    for (i, r) in lost {
        let target = (!r.fingerprint.is_empty())
            .then(|| records.iter().filter(|(_, m)| m.fingerprint == r.fingerprint).min_by_key(|(j, _)| j.abs_diff(i)))
            .flatten()
            .map(|(j, _)| *j);
        match target {
            Some(j) => {
                let won = newer(&records[&j], &r).clone();
                records.insert(j, won);
            }
            None => orphans.push((i, r)),
        }
    }
    settle_orphans(&mut orphans);
    let (done, done_t) = match a.done_t.cmp(&b.done_t) {
        Ordering::Greater => (a.done, a.done_t),
        Ordering::Less => (b.done, b.done_t),
        Ordering::Equal => (a.done || b.done, a.done_t),
    };
    Sheet {
        seg: base.seg.clone(),
        records,
        orphans,
        done,
        done_t,
        bounds: base.bounds.clone(),
        bounds_t: base.bounds_t,
    }
}

/// Sorts the orphans and keeps one per sentence (old index and fingerprint): its latest
/// change. A removal stays too (a tombstone: it still beats an older copy of the label).
fn settle_orphans(orphans: &mut Vec<(usize, Annotation)>) {
    let mut by_sentence: std::collections::BTreeMap<(usize, String), Annotation> = Default::default();
    for (i, o) in orphans.drain(..) {
        let key = (i, o.fingerprint.clone());
        let won = match by_sentence.get(&key) {
            Some(had) => newer(had, &o).clone(),
            None => o,
        };
        by_sentence.insert(key, won);
    }
    orphans.extend(by_sentence.into_iter().map(|((i, _), o)| (i, o)));
}

/// Merges any number of copies (a conflict's revisions); `None` when there are none.
pub fn merge_all<'a>(sheets: impl IntoIterator<Item = &'a Sheet>) -> Option<Sheet> {
    sheets.into_iter().fold(None, |acc, s| Some(acc.map_or_else(|| s.clone(), |m| merge_sheets(&m, s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_later_boundaries_win_and_the_other_copys_records_follow_by_fingerprint() {
        // One browser split sentence 1 ("h1" into "h1a" and "h1b") at t=100 and labelled; the
        // other kept the segmenter's sentences.
        let split = Sheet {
            bounds: vec![(0, 9), (10, 14), (15, 19), (20, 29)],
            bounds_t: 100,
            ..sheet(
                "s@2",
                &[
                    (0, rec(&["claim"], 110, "h0")),
                    (1, rec(&["denial"], 120, "h1a")),
                    (2, rec(&["demand"], 130, "h1b")),
                ],
            )
        };
        let plain =
            sheet("s@2", &[(0, rec(&["denial"], 50, "h0")), (1, rec(&["claim"], 60, "h1")), (2, rec(&[], 200, "h2"))]);
        let m = merge_sheets(&plain, &split);
        assert_eq!((&m.bounds, m.bounds_t), (&split.bounds, 100), "the later boundaries");
        assert_eq!(m.records[&0].labels, ["claim"], "the same sentence by fingerprint, the later change");
        assert_eq!(m.records[&1].labels, ["denial"], "not merged by index with the whole sentence's record");
        assert_eq!(m.records[&2].labels, ["demand"]);
        // The split sentence's record and the one of a sentence the split copy has no record
        // of are kept (the page re-attaches the second by its fingerprint).
        assert_eq!(m.orphans, [(1, rec(&["claim"], 60, "h1")), (2, rec(&[], 200, "h2"))]);
        assert_eq!(m, merge_sheets(&split, &plain));
        assert_eq!(merge_sheets(&m, &plain), m);
        assert_eq!(merge_sheets(&split, &m), m);
        // A later return to the segmenter's sentences wins over the split, and the split's
        // records follow it by fingerprint or stay orphans: nothing is lost.
        let reset = Sheet { bounds_t: 300, ..sheet("s@2", &[(0, rec(&["demand"], 20, "h0"))]) };
        let m2 = merge_sheets(&m, &reset);
        assert_eq!((m2.bounds.is_empty(), m2.bounds_t), (true, 300));
        assert_eq!(m2.records[&0], rec(&["claim"], 110, "h0"));
        let kept: Vec<&str> = m2.orphans.iter().map(|(_, o)| o.fingerprint.as_str()).collect();
        assert_eq!(kept, ["h1", "h1a", "h1b", "h2"]);
        assert_eq!(m2, merge_sheets(&reset, &m));
    }

    fn rec(labels: &[&str], t: u64, h: &str) -> Annotation {
        Annotation {
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            updated: t,
            fingerprint: h.into(),
            ..Default::default()
        }
    }

    fn sheet(seg: &str, recs: &[(usize, Annotation)]) -> Sheet {
        Sheet { seg: seg.into(), records: recs.iter().cloned().collect(), ..Default::default() }
    }

    #[test]
    fn the_latest_change_wins_per_sentence_and_a_removal_is_a_change() {
        let a = sheet("s@2", &[(0, rec(&["claim"], 10, "h0")), (1, rec(&["denial"], 30, "h1"))]);
        let b = sheet("s@2", &[(0, rec(&[], 20, "h0")), (2, rec(&["demand"], 5, "h2"))]);
        let m = merge_sheets(&a, &b);
        assert!(m.records[&0].labels.is_empty(), "the later removal wins");
        assert_eq!(m.records[&1].labels, ["denial"]);
        assert_eq!(m.records[&2].labels, ["demand"]);
        assert_eq!(m, merge_sheets(&b, &a));
        assert_eq!(merge_sheets(&m, &a), m);
    }

    #[test]
    fn a_tie_goes_the_same_way_from_both_sides() {
        let a = sheet("s@2", &[(0, rec(&["claim"], 10, "h0"))]);
        let b = sheet("s@2", &[(0, rec(&["denial"], 10, "h0"))]);
        assert_eq!(merge_sheets(&a, &b), merge_sheets(&b, &a));
    }

    #[test]
    fn the_done_mark_follows_its_latest_change() {
        let a = Sheet { done: true, done_t: 5, ..sheet("s@2", &[]) };
        let b = Sheet { done: false, done_t: 9, ..sheet("s@2", &[]) };
        assert!(!merge_sheets(&a, &b).done);
        assert!(merge_sheets(&a, &Sheet::default()).done);
    }

    #[test]
    fn another_segmentation_goes_by_fingerprint_and_keeps_the_rest_as_orphans() {
        let old = sheet("s@1", &[(0, rec(&["claim"], 50, "h0")), (1, rec(&["demand"], 50, "gone"))]);
        let new = sheet("s@2", &[(3, rec(&["denial"], 10, "h0"))]);
        let m = merge_sheets(&old, &new);
        assert_eq!(m.seg, "s@2");
        assert_eq!(m.records[&3].labels, ["claim"], "same sentence by fingerprint, later change");
        assert_eq!(m.orphans, [(1, rec(&["demand"], 50, "gone"))]);
        assert_eq!(m, merge_sheets(&new, &old));
        // Once the page re-attached the orphan, merging the old copy again does not bring it back.
        let mut attached = m.clone();
        attached.orphans.clear();
        attached.records.insert(7, rec(&["demand"], 50, "gone"));
        assert!(merge_sheets(&attached, &m).orphans.is_empty());
    }
}
