//! Other annotators' layers in storage: one key per annotator and document,
//! `sa/v1/layer/<annotator>/<doc id>`, so importing or replacing a colleague's work writes
//! only their documents, and a layer counts against the quota like one's own shards. The
//! name is escaped (`%` as `%25`, `/` as `%2F`), so any name and any document id make one
//! unambiguous key.

use serde::{Deserialize, Serialize};

use crate::annotations::DocAnnotations;
use crate::layers::LayerDoc;
use crate::segment::SEGMENTER;
use crate::serde_util::is_false;

const LAYER_PREFIX: &str = "sa/v1/layer/";

/// A layer's document as stored: the segmenter of the indices, the decisions, the done mark.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerShard {
    pub seg: String,
    #[serde(default)]
    pub s: DocAnnotations,
    #[serde(default, skip_serializing_if = "is_false")]
    pub d: bool,
    /// Their sentence boundaries (byte spans) and decisions by their index, when they differ
    /// from ours (`LayerDoc::theirs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<Vec<(usize, usize)>>,
    #[serde(default, skip_serializing_if = "DocAnnotations::is_empty")]
    pub r: DocAnnotations,
}

fn escape(name: &str) -> String {
    name.replace('%', "%25").replace('/', "%2F")
}

fn unescape(s: &str) -> String {
    s.replace("%2F", "/").replace("%25", "%")
}

pub fn layer_key(name: &str, doc: &str) -> String {
    format!("{LAYER_PREFIX}{}/{doc}", escape(name))
}

/// The annotator and document of a layer key, if it is one.
pub fn parse_key(key: &str) -> Option<(String, String)> {
    let rest = key.strip_prefix(LAYER_PREFIX)?;
    let (name, doc) = rest.split_once('/')?;
    Some((unescape(name), doc.to_owned()))
}

pub fn encode(doc: &LayerDoc) -> String {
    let shard = LayerShard {
        seg: SEGMENTER.to_owned(),
        s: doc.anns.clone(),
        d: doc.done,
        b: doc.theirs.as_ref().map(|t| t.spans.clone()),
        r: doc.theirs.as_ref().map(|t| t.anns.clone()).unwrap_or_default(),
    };
    serde_json::to_string(&shard).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_name_and_id_make_one_key() {
        for (name, doc) in [("ana", "d1"), ("a/b", "x/y"), ("50%/2F", "%2F"), ("Émile", "003_5e")] {
            assert_eq!(parse_key(&layer_key(name, doc)), Some((name.to_owned(), doc.to_owned())));
        }
        assert_eq!(parse_key("sa/v1/ann/d"), None);
    }
}
