//! What the page keeps between visits so a reload neither pulls nor pushes everything again
//! (docs/FORMAT.md §3, key `sa/v1/sync`): the changes feed position already applied, and for
//! each document the page writes, the revision the server last had and a hash of that
//! content. A document whose local content hashes the same is not sent; one that differs
//! is sent over that revision. Kept by the page, not as a `_local` document on the server:
//! one request less per cycle, and the page is the only reader of it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::serde_util::{is_false, is_zero};

/// The localStorage key of the checkpoint (one JSON value).
pub const SYNC_KEY: &str = "sa/v1/sync";

/// The server's last known revision of one document the page writes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    #[serde(rename = "r")]
    pub rev: String,
    /// `doc::content_hash` of that revision's content, 16 hex digits ("" after a deletion).
    #[serde(rename = "h", default)]
    pub hash: String,
    /// That revision's done mark and its time (sheets), so a reloaded page that still has
    /// the same mark rebuilds the same content.
    #[serde(rename = "d", default, skip_serializing_if = "is_false")]
    pub done: bool,
    #[serde(rename = "dt", default, skip_serializing_if = "is_zero")]
    pub done_t: u64,
}

/// The sync's persistent state, for one database and annotator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The database URL as configured; another URL starts afresh.
    pub db: String,
    /// The annotator whose documents `known` describes; another name starts afresh.
    pub annotator: String,
    /// CouchDB's `last_seq` already applied (a string in CouchDB 3, a number in PouchDB
    /// Server): passed back as `since` unchanged. Absent: from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Value>,
    /// By document id (`ids::DocId`'s text).
    #[serde(default)]
    pub known: BTreeMap<String, Known>,
}

impl Checkpoint {
    pub fn new(db: &str, annotator: &str) -> Checkpoint {
        Checkpoint { db: db.to_owned(), annotator: annotator.to_owned(), ..Default::default() }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored checkpoint; a damaged one reads as `Err` (the page starts afresh:
    /// a full pull, and every document compared, not re-sent, once its revision is known).
    pub fn decode(raw: &str) -> Result<Checkpoint, String> {
        serde_json::from_str(raw).map_err(|e| format!("unreadable sync checkpoint: {e}"))
    }

    /// This checkpoint when it is for `db` and `annotator`, else a fresh one.
    pub fn for_target(self, db: &str, annotator: &str) -> Checkpoint {
        if self.db == db && self.annotator == annotator {
            self
        } else {
            Checkpoint::new(db, annotator)
        }
    }
}

pub(crate) fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_round_trips_compactly_and_belongs_to_one_target() {
        let mut c = Checkpoint::new("couchdb/team", "maria");
        c.since = Some(Value::from("12-g1AAAA"));
        c.known.insert("ann:maria:d1".into(), Known { rev: "2-a".into(), hash: hex(7), done: true, done_t: 5 });
        let raw = c.encode();
        assert_eq!(
            raw,
            r#"{"db":"couchdb/team","annotator":"maria","since":"12-g1AAAA","known":{"ann:maria:d1":{"r":"2-a","h":"0000000000000007","d":true,"dt":5}}}"#
        );
        assert_eq!(Checkpoint::decode(&raw).unwrap(), c);
        assert_eq!(c.clone().for_target("couchdb/team", "maria"), c);
        assert_eq!(c.clone().for_target("couchdb/other", "maria"), Checkpoint::new("couchdb/other", "maria"));
        assert!(Checkpoint::decode("{").is_err());
    }
}
