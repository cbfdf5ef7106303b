//! Two copies of one sheet become one: per sentence, the latest change wins (the same
//! annotator in two browsers, two curators on the gold, CouchDB conflict revisions). The
//! merge is a join: commutative, associative and idempotent, so every browser that has seen
//! the same copies holds the same sheet whatever the order they came in, and merging again
//! changes nothing (no endless ping-pong of uploads). Ties (the same millisecond, different
//! content) go to the greater record in a fixed order of their JSON, never to "ours". A
//! record is replaced only by a later one (a removal is a tombstone with its time, so it
//! wins over an older label and loses to a newer one); nothing is dropped: a record of a
//! copy made with another segmenter that finds no sentence with its fingerprint is kept as
//! an orphan, as storage keeps them (docs/FORMAT.md §3), and the page re-attaches it.

use std::cmp::Ordering;

use super::doc::Sheet;
use crate::core::annotations::{Annotation, DocAnnotations};

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

/// Merges two copies of one sheet (see the module).
pub fn merge_sheets(a: &Sheet, b: &Sheet) -> Sheet {
    let (base, other) = if seg_rank(&a.seg) >= seg_rank(&b.seg) { (a, b) } else { (b, a) };
    let mut records = base.records.clone();
    let mut orphans: Vec<(usize, Annotation)> = a.orphans.iter().chain(&b.orphans).cloned().collect();
    if base.seg == other.seg {
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
        // Another segmentation: a record goes to the sentence with its fingerprint (the
        // nearest one to its old index), else it is kept as an orphan.
        for (i, r) in &other.records {
            let target = (!r.fingerprint.is_empty())
                .then(|| {
                    records.iter().filter(|(_, m)| m.fingerprint == r.fingerprint).min_by_key(|(j, _)| j.abs_diff(*i))
                })
                .flatten()
                .map(|(j, _)| *j);
            match target {
                Some(j) => {
                    let won = newer(&records[&j], r).clone();
                    records.insert(j, won);
                }
                None => orphans.push((*i, r.clone())),
            }
        }
    }
    settle_orphans(&records, &mut orphans);
    let (done, done_t) = match a.done_t.cmp(&b.done_t) {
        Ordering::Greater => (a.done, a.done_t),
        Ordering::Less => (b.done, b.done_t),
        Ordering::Equal => (a.done || b.done, a.done_t),
    };
    Sheet { seg: base.seg.clone(), records, orphans, done, done_t }
}

/// Sorts and deduplicates the orphans, dropping those a record has taken up since (same
/// fingerprint, same or later time): the page re-attached them.
fn settle_orphans(records: &DocAnnotations, orphans: &mut Vec<(usize, Annotation)>) {
    orphans.retain(|(_, o)| {
        !o.is_empty()
            && !records
                .values()
                .any(|r| !o.fingerprint.is_empty() && r.fingerprint == o.fingerprint && r.updated >= o.updated)
    });
    let key = |(i, o): &(usize, Annotation)| (*i, serde_json::to_string(o).unwrap_or_default());
    orphans.sort_by_key(key);
    orphans.dedup();
}

/// Merges any number of copies (a conflict's revisions); `None` when there are none.
pub fn merge_all<'a>(sheets: impl IntoIterator<Item = &'a Sheet>) -> Option<Sheet> {
    sheets.into_iter().fold(None, |acc, s| Some(acc.map_or_else(|| s.clone(), |m| merge_sheets(&m, s))))
}

#[cfg(test)]
mod tests {
    use super::*;

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
