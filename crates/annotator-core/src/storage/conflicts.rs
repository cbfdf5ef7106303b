//! Open merge conflicts in storage, one key, `sa/v1/conflicts` (docs/FORMAT.md §3). A
//! conflict holds the other side's annotation of a sentence until the person decides; kept
//! only in memory, a reload dropped the list and with it the other side's labels. Stored as
//! a JSON list, written when the list changes (removed when it is empty), read back onto the
//! sentences they name: at their index when its text is the same, else the first sentence
//! of that text; a conflict whose sentence is gone is dropped.

use serde::{Deserialize, Serialize};

use crate::annotations::Annotation;
use crate::document::Document;
use crate::export::Conflict;

pub const CONFLICTS_KEY: &str = "sa/v1/conflicts";

/// One conflict as stored: document, sentence index and text, mine, theirs (records as in
/// an annotation shard).
#[derive(Serialize, Deserialize)]
struct Stored {
    d: String,
    i: usize,
    s: String,
    m: Annotation,
    t: Annotation,
}

pub fn encode(conflicts: &[Conflict]) -> String {
    let list: Vec<Stored> = conflicts
        .iter()
        .map(|c| Stored { d: c.doc.clone(), i: c.index, s: c.sentence.clone(), m: c.mine.clone(), t: c.theirs.clone() })
        .collect();
    serde_json::to_string(&list).unwrap_or_default()
}

pub fn decode(raw: &str) -> Result<Vec<Conflict>, String> {
    let list: Vec<Stored> = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    Ok(list.into_iter().map(|c| Conflict { doc: c.d, index: c.i, sentence: c.s, mine: c.m, theirs: c.t }).collect())
}

/// The conflicts whose sentence `doc_of` still finds (moved to it when its index changed),
/// and how many were not.
pub fn place<'a>(conflicts: Vec<Conflict>, doc_of: impl Fn(&str) -> Option<&'a Document>) -> (Vec<Conflict>, usize) {
    let mut kept = Vec::new();
    let mut lost = 0;
    for mut c in conflicts {
        let found = doc_of(&c.doc).and_then(|d| {
            let at = |i: usize| i < d.sentences.len() && d.sentence_text(i) == c.sentence;
            if at(c.index) {
                Some(c.index)
            } else {
                (0..d.sentences.len()).find(|&i| at(i))
            }
        });
        match found {
            Some(i) => {
                c.index = i;
                kept.push(c);
            }
            None => lost += 1,
        }
    }
    (kept, lost)
}
