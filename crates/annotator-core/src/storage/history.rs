//! The undo history in storage, in small segments so that a change costs a bounded write.
//!
//! - `sa/v1/hist`: the index `{"base":…,"applied":…,"len":…}` (see `core::history`);
//! - `sa/v1/hist/<k>`: the entries with sequence numbers in `[k·SEGMENT, (k+1)·SEGMENT)`,
//!   as `{"from": <first seq>, "c": [changes…]}`.
//!
//! A new change rewrites its segment (at most `SEGMENT` entries) and the index; an undo or
//! redo writes only the index. Segments are written before the index, so a browser killed
//! between the two leaves an index that refers to entries that exist (a shorter history at
//! worst, never a label lost: labels live in their documents' shards).
//! Layout 1 first stored the whole history under `sa/v1/history`; it is read and migrated.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::history::{Change, History};

pub const HISTORY_INDEX_KEY: &str = "sa/v1/hist";
const SEGMENT_PREFIX: &str = "sa/v1/hist/";
/// The older single key (whole history as two stacks), read once and then removed.
pub const OLD_HISTORY_KEY: &str = "sa/v1/history";
/// Entries per segment: a change rewrites at most this many.
pub const SEGMENT: u64 = 25;

pub fn segment_key(k: u64) -> String {
    format!("{SEGMENT_PREFIX}{k}")
}

/// Whether `key` is a history segment's (`sa/v1/hist/<k>`).
pub fn is_segment_key(key: &str) -> bool {
    key.strip_prefix(SEGMENT_PREFIX).is_some_and(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub base: u64,
    pub applied: usize,
    pub len: usize,
}

#[derive(Serialize)]
struct Segment<'a> {
    from: u64,
    c: Vec<&'a Change>,
}

#[derive(Deserialize)]
struct OwnedSegment {
    from: u64,
    c: Vec<Change>,
}

#[derive(Deserialize)]
struct OldHistory {
    #[serde(default)]
    undo: Vec<Change>,
    #[serde(default)]
    redo: Vec<Change>,
}

fn index_of(h: &History) -> Index {
    Index { base: h.base(), applied: h.applied(), len: h.len() }
}

fn encode_segment(h: &History, k: u64) -> String {
    let from = (k * SEGMENT).max(h.base());
    let to = ((k + 1) * SEGMENT).min(h.end());
    let c = (from..to).filter_map(|s| h.entry(s)).map(|c| &**c).collect();
    serde_json::to_string(&Segment { from, c }).unwrap_or_default()
}

/// Segments holding the entries of `h` (empty when there are none).
fn segments(h: &History) -> std::ops::Range<u64> {
    if h.is_empty() {
        return 0..0;
    }
    h.base() / SEGMENT..(h.end() - 1) / SEGMENT + 1
}

/// The writes that take storage from holding `old` to holding `new` (`None` removes a
/// key): the segments from the first entry that differs (compared by pointer: entries are
/// shared between states) to the end, removed segments, then the index if it moved.
pub fn writes(old: &History, new: &History) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let first_diff = (new.base()..new.end()).find(|&s| match (old.entry(s), new.entry(s)) {
        (Some(a), Some(b)) => !std::rc::Rc::ptr_eq(a, b),
        _ => true,
    });
    let new_segs = segments(new);
    if let Some(seq) = first_diff {
        for k in seq / SEGMENT..new_segs.end {
            out.push((segment_key(k), Some(encode_segment(new, k))));
        }
    }
    for k in segments(old).filter(|k| !new_segs.contains(k)) {
        out.push((segment_key(k), None));
    }
    if index_of(old) != index_of(new) {
        out.push((HISTORY_INDEX_KEY.to_owned(), Some(serde_json::to_string(&index_of(new)).unwrap_or_default())));
    }
    out
}

/// The history in `all` (every stored key). The bool is true when it came from the older
/// single key, which the saver then rewrites as segments (and removes). A damaged index or
/// segment is a problem in words; the history keeps what is readable, in order.
pub fn read(all: &BTreeMap<String, String>) -> Result<(History, bool), String> {
    if let Some(raw) = all.get(HISTORY_INDEX_KEY) {
        let index: Index =
            serde_json::from_str(raw).map_err(|_| "The undo history could not be read; it starts afresh.")?;
        let mut by_seq: BTreeMap<u64, Change> = BTreeMap::new();
        let end = index.base + index.len as u64;
        for (key, value) in all.range(SEGMENT_PREFIX.to_owned()..) {
            if !key.starts_with(SEGMENT_PREFIX) {
                break;
            }
            let Ok(seg) = serde_json::from_str::<OwnedSegment>(value) else { continue };
            for (i, c) in seg.c.into_iter().enumerate() {
                let seq = seg.from + i as u64;
                if (index.base..end).contains(&seq) {
                    by_seq.insert(seq, c);
                }
            }
        }
        // Only the contiguous run from `base` is trusted.
        let mut log = Vec::new();
        for (seq, c) in by_seq {
            if seq != index.base + log.len() as u64 {
                break;
            }
            log.push(c);
        }
        return Ok((History::from_parts(index.base, log, index.applied), false));
    }
    match all.get(OLD_HISTORY_KEY) {
        Some(raw) => match serde_json::from_str::<OldHistory>(raw) {
            Ok(old) => Ok((History::from_stacks(old.undo, old.redo), true)),
            Err(_) => Err("The undo history could not be read; it starts afresh.".into()),
        },
        None => Ok((History::default(), false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::Annotation;

    /// Every key of a history, as `writes` from nothing would produce.
    fn encode_all(h: &History) -> Vec<(String, String)> {
        writes(&History::default(), h).into_iter().filter_map(|(k, v)| Some((k, v?))).collect()
    }

    fn change(i: usize) -> Change {
        Change {
            doc: "d".into(),
            index: i,
            before: Annotation::default(),
            after: Annotation { labels: vec!["claim".into()], ..Default::default() },
            gold: false,
            removal: None,
            bounds: None,
        }
    }

    fn apply(store: &mut BTreeMap<String, String>, writes: Vec<(String, Option<String>)>) {
        for (k, v) in writes {
            match v {
                Some(v) => store.insert(k, v),
                None => store.remove(&k),
            };
        }
    }

    #[test]
    fn a_change_writes_one_segment_and_the_index_an_undo_only_the_index() {
        let mut h = History::default();
        for i in 0..60 {
            h.record(change(i));
        }
        let before = h.clone();
        h.record(change(60));
        let w = writes(&before, &h);
        let keys: Vec<&str> = w.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, [segment_key(2).as_str(), HISTORY_INDEX_KEY]);
        let before = h.clone();
        h.undo();
        let w = writes(&before, &h);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, HISTORY_INDEX_KEY);
    }

    #[test]
    fn storage_follows_every_step_and_reads_back() {
        let mut store = BTreeMap::new();
        let mut saved = History::default();
        let mut h = History::default();
        for step in 0..1200usize {
            match step % 7 {
                3 => drop(h.undo()),
                5 => drop(h.redo()),
                _ => h.record(change(step)),
            }
            if step % 3 == 0 {
                apply(&mut store, writes(&saved, &h));
                saved = h.clone();
                let (back, migrated) = read(&store).unwrap();
                assert!(!migrated);
                assert_eq!(back, h, "step {step}");
                let segs = store.keys().filter(|k| k.starts_with(SEGMENT_PREFIX)).count() as u64;
                assert!(segs <= crate::history::HISTORY_LIMIT as u64 / SEGMENT + 1, "old segments removed");
            }
        }
        // Every write is bounded: at most two segments (a change crossing into a new one,
        // or an undone tail replaced) and the index.
        let before = h.clone();
        h.record(change(9999));
        assert!(writes(&before, &h).len() <= 3);
    }

    #[test]
    fn the_older_single_key_is_read_and_flagged_for_migration() {
        let mut store = BTreeMap::new();
        let old = serde_json::json!({"undo": [change(0), change(1)], "redo": [change(2)]});
        store.insert(OLD_HISTORY_KEY.to_owned(), old.to_string());
        let (h, migrated) = read(&store).unwrap();
        assert!(migrated);
        assert_eq!((h.len(), h.applied()), (3, 2));
        store.insert(OLD_HISTORY_KEY.to_owned(), "x".into());
        assert!(read(&store).is_err());
    }

    #[test]
    fn a_missing_segment_keeps_the_readable_start() {
        let mut h = History::default();
        for i in 0..60 {
            h.record(change(i));
        }
        let mut store: BTreeMap<String, String> = encode_all(&h).into_iter().collect();
        store.remove(&segment_key(1));
        let (back, _) = read(&store).unwrap();
        assert_eq!(back.len(), 25);
    }
}
