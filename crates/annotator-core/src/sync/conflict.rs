//! CouchDB conflicts (`_conflicts`: revisions that replication or a second writer left side
//! by side) resolved by the sync rule: the revisions' sheets merge per sentence, latest
//! change wins (`merge`), the merged sheet is written over the winning revision and every
//! losing revision is deleted, so the conflict is gone and no label with it. An article's
//! revisions do not merge (an article is written once): the winner stays, the others go.
//! Only the writer of a document resolves its conflicts (its annotator; the curator for
//! gold and articles): the design document forbids anyone else, and readers see the merged
//! result as soon as it is written.

use serde_json::Value;

use super::doc::{deletion, encode, Body, Remote};
use super::merge::merge_all;

/// What to write to end one document's conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// The merged content, to be written over the winning revision (`winner_rev`).
    pub merged: Body,
    pub winner_rev: String,
    /// The losing revisions, to be deleted.
    pub losers: Vec<String>,
}

/// Resolves `winner` (fetched with `conflicts=true`) against `losers`, its conflicting
/// revisions (fetched with `_bulk_get`). `None` when the winner is deleted.
pub fn resolve(winner: &Remote, losers: &[Remote]) -> Option<Resolution> {
    let body = winner.body.as_ref()?;
    let merged = match body {
        Body::Sheet(s) => {
            let theirs = losers.iter().filter_map(|l| match &l.body {
                Some(Body::Sheet(x)) => Some(x),
                _ => None,
            });
            Body::Sheet(merge_all(std::iter::once(s).chain(theirs)).unwrap_or_else(|| s.clone()))
        }
        Body::Article(_) => body.clone(),
    };
    let mut losers: Vec<String> = losers.iter().map(|l| l.rev.clone()).collect();
    losers.sort();
    losers.dedup();
    Some(Resolution { merged, winner_rev: winner.rev.clone(), losers })
}

impl Resolution {
    /// The `_bulk_docs` documents that end the conflict: the merged document over the winning
    /// revision, then the deletion of each losing one.
    pub fn bulk_docs(&self, winner: &Remote) -> Vec<Value> {
        let mut docs = vec![encode(&winner.id, Some(&self.winner_rev), &self.merged)];
        docs.extend(self.losers.iter().map(|rev| deletion(&winner.id, rev)));
        docs
    }
}
