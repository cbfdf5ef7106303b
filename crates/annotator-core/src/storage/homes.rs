//! Which browser store each key lives in (docs/FORMAT.md §3), and how a profile whose corpus
//! still sits in localStorage moves into IndexedDB.
//!
//! localStorage holds about 5.2 M UTF-16 units per origin: a few thousand articles. So the
//! person's own work stays where it is written synchronously, in the frame of the key press
//! that made it (their annotations, a curator's gold labels, edited boundaries, open merge
//! conflicts, the meta record), and everything that grows with the corpus or the team
//! (articles, their order, other annotators' layers, the undo history, the sync checkpoint)
//! lives in IndexedDB, which has a share of the disk. Gold is a curator's own decisions: an
//! IndexedDB transaction still running when the page is reloaded or closed can be aborted
//! (WebKit does: a gold label set just before a reload was lost), a `setItem` cannot.
//!
//! The move is planned here and performed by the page: every key of layout 1 found in
//! localStorage whose home is IndexedDB is copied there (one transaction, all or nothing), and
//! its localStorage copy is removed only once IndexedDB has committed it. A browser killed at
//! any point leaves a profile that loads: before the commit the localStorage copy is read,
//! after it the IndexedDB copy (which wins when both exist, see `combine`).

use std::collections::BTreeMap;

use super::{doc_of_doc_key, history, layers, ORDER_KEY};

/// Where a key is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Home {
    /// localStorage: written synchronously, one `setItem` per key.
    Local,
    /// IndexedDB: written in one transaction per save, all or nothing.
    Idb,
}

/// The store `key` belongs in. Keys the page does not know (another page's, or an earlier
/// layout's that is read once and removed) are localStorage's: they are left where they are.
pub fn home(key: &str) -> Home {
    let in_idb = doc_of_doc_key(key).is_some()
        || key == ORDER_KEY
        || layers::parse_key(key).is_some()
        || key == history::HISTORY_INDEX_KEY
        || history::is_segment_key(key)
        || key == crate::sync::SYNC_KEY;
    if in_idb {
        return Home::Idb;
    }
    Home::Local
}

/// What both stores held at start-up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stores {
    pub local: BTreeMap<String, String>,
    pub idb: BTreeMap<String, String>,
}

/// Start-up's view of both stores: what to load, and how to finish moving a layout-1 profile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Combined {
    /// Every key the loader reads: localStorage's keys, IndexedDB's, and the keys of
    /// IndexedDB's home still found in localStorage only (not moved yet).
    pub all: BTreeMap<String, String>,
    /// Keys of IndexedDB's home found in localStorage only: copied to IndexedDB with their
    /// value as it is (a damaged one too: it stays as damaged, and nothing is lost).
    pub to_idb: Vec<(String, String)>,
    /// localStorage copies to remove once IndexedDB holds them: the keys of `to_idb`, and
    /// keys IndexedDB already held (a move whose removals did not run: a browser killed
    /// between the commit and the removals).
    pub remove_local: Vec<String>,
}

impl Combined {
    /// Whether a layout-1 profile is being moved (the page says so once).
    pub fn moving(&self) -> bool {
        !self.to_idb.is_empty()
    }

    /// The move as migration writes for the saver (`plan::Saved::from_loaded`): the copies
    /// into IndexedDB, then the removals of the localStorage copies (`None`), which the saver
    /// performs once IndexedDB has committed.
    pub fn migration(&self) -> Vec<(String, Option<String>)> {
        let copies = self.to_idb.iter().map(|(k, v)| (k.clone(), Some(v.clone())));
        copies.chain(self.remove_local.iter().map(|k| (k.clone(), None))).collect()
    }
}

/// Combines what the stores hold. IndexedDB's copy of a key wins over a localStorage copy:
/// once committed it is the newer one (a localStorage copy is removed right after the
/// commit, and this page never writes such a key to localStorage again).
pub fn combine(stores: &Stores) -> Combined {
    let mut out = Combined { all: stores.idb.clone(), ..Default::default() };
    for (k, v) in &stores.local {
        match home(k) {
            Home::Local => {
                out.all.insert(k.clone(), v.clone());
            }
            Home::Idb if stores.idb.contains_key(k) => out.remove_local.push(k.clone()),
            Home::Idb => {
                out.all.insert(k.clone(), v.clone());
                out.to_idb.push((k.clone(), v.clone()));
                out.remove_local.push(k.clone());
            }
        }
    }
    out
}

/// Tests play plans against both stores as the browser would.
#[cfg(test)]
impl Stores {
    /// Writes (`Some`) or removes (`None`) `key` in its home.
    pub fn put(&mut self, key: &str, value: Option<String>) {
        let store = match home(key) {
            Home::Local => &mut self.local,
            Home::Idb => &mut self.idb,
        };
        match value {
            Some(v) => store.insert(key.to_owned(), v),
            None => store.remove(key),
        };
    }

    /// The value the loader reads for `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.all().get(key).cloned()
    }

    /// What the loader reads.
    pub fn all(&self) -> BTreeMap<String, String> {
        combine(self).all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{ann_key, bounds_key, doc_key, gold_key, LEGACY_V0_KEY, META_KEY};

    #[test]
    fn own_work_stays_in_local_storage_and_what_grows_moves_to_indexeddb() {
        for key in [META_KEY.to_owned(), ann_key("d1"), gold_key("d1"), bounds_key("d1"), LEGACY_V0_KEY.to_owned()] {
            assert_eq!(home(&key), Home::Local, "{key}");
        }
        assert_eq!(home(history::OLD_HISTORY_KEY), Home::Local, "read once from localStorage and removed");
        assert_eq!(home("another/page's key"), Home::Local, "not ours: left where it is");
        for key in [
            doc_key("d1"),
            ORDER_KEY.to_owned(),
            layers::layer_key("ben/2", "d1"),
            history::HISTORY_INDEX_KEY.to_owned(),
            history::segment_key(0),
            history::segment_key(19),
            crate::sync::SYNC_KEY.to_owned(),
        ] {
            assert_eq!(home(&key), Home::Idb, "{key}");
        }
        // A document id that looks like another key's tail still goes by its prefix.
        assert_eq!(home(&ann_key("sa/v1/doc/x")), Home::Local);
        assert_eq!(home(&doc_key("meta")), Home::Idb);
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_layout_1_profile_is_moved_and_its_copies_removed_after_the_move() {
        let local = map(&[
            ("sa/v1/meta", "{\"layout\":1}"),
            ("sa/v1/ann/d1", "A"),
            ("sa/v1/doc/d1", "D"),
            ("sa/v1/layer/ben/d1", "L"),
            ("sa/v1/hist", "H"),
            ("sa/v1/hist/0", "S"),
            ("sa/v1/order", "[\"d1\"]"),
        ]);
        let c = combine(&Stores { local: local.clone(), idb: BTreeMap::new() });
        assert!(c.moving());
        assert_eq!(c.all, local, "everything loads from where it is");
        let moved: Vec<&str> = c.to_idb.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(moved, ["sa/v1/doc/d1", "sa/v1/hist", "sa/v1/hist/0", "sa/v1/layer/ben/d1", "sa/v1/order"]);
        assert!(c.to_idb.iter().all(|(k, v)| local[k] == *v), "values moved as they are");
        assert_eq!(c.remove_local, moved);
    }

    #[test]
    fn indexeddbs_copy_wins_and_a_move_interrupted_after_its_commit_is_finished() {
        // Killed after the commit, before the removals: the copies are removed, nothing moved.
        let local = map(&[("sa/v1/meta", "M"), ("sa/v1/doc/d1", "old"), ("sa/v1/hist", "H")]);
        let idb = map(&[("sa/v1/doc/d1", "new"), ("sa/v1/hist", "H")]);
        let c = combine(&Stores { local, idb });
        assert!(!c.moving());
        assert_eq!(c.all, map(&[("sa/v1/meta", "M"), ("sa/v1/doc/d1", "new"), ("sa/v1/hist", "H")]));
        assert_eq!(c.remove_local, ["sa/v1/doc/d1", "sa/v1/hist"]);
        // A profile already moved: nothing to do.
        let done = combine(&Stores { local: map(&[("sa/v1/meta", "M")]), idb: map(&[("sa/v1/doc/d1", "D")]) });
        assert!(!done.moving() && done.remove_local.is_empty());
        assert_eq!(done.all.len(), 2);
    }
}
