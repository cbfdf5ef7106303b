//! The bodies of the team database's documents and their JSON (docs/FORMAT.md §6): a **sheet**
//! (one annotator's records on one article, or the gold labels of one article) and an
//! **article** (an imported article's text and metadata). Sheet records are the storage records
//! of `sa/v1/ann/<doc id>` unchanged (`annotations::Annotation`), so what the page keeps and
//! what it sends are one format, and each record's `t` lets two copies merge per sentence
//! (`merge`). A sheet also carries its sender's sentence boundaries when they are not the
//! segmenter's (the person split or joined sentences: the records' indices refer to them) and
//! the time they last changed, so a browser of the same annotator takes the latest boundaries,
//! and a colleague's review mode sees a boundary disagreement (docs/FORMAT.md §6, Merging).
//! Decoding checks that a body says what its id says (kind, annotator, article), the same rule
//! the design document enforces on the server, and that its boundaries are in order.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ids::DocId;
use crate::annotations::{Annotation, DocAnnotations};
use crate::boundaries;
use crate::document::ArticleInput;
use crate::serde_util::{is_false, is_zero};
use crate::text::fnv1a64;

/// One annotator's work on one article (`ann:`), or the gold labels of one (`gold:`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    /// The segmenter whose sentence indices `s` uses (`segment::SEGMENTER`).
    pub seg: String,
    /// Records by sentence index, tombstones included (their time makes a removal win).
    #[serde(rename = "s", default)]
    pub records: DocAnnotations,
    /// Records that lost their sentence: `[old index, record]`, as in storage.
    #[serde(rename = "o", default, skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<(usize, Annotation)>,
    /// The document is marked done (never on gold sheets).
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    /// Milliseconds since the Unix epoch of the last change of `done` (0: never changed).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub done_t: u64,
    /// The sender's sentences (byte spans of the article's text) when they are not the
    /// segmenter's: `s` and `o` index them. Empty: the segmenter's (`seg`).
    #[serde(rename = "b", default, skip_serializing_if = "Vec::is_empty")]
    pub bounds: Vec<(usize, usize)>,
    /// Milliseconds since the Unix epoch of the last change of the sender's boundaries (0:
    /// never changed, or unknown): the later boundaries win (`merge`).
    #[serde(rename = "bt", default, skip_serializing_if = "is_zero")]
    pub bounds_t: u64,
}

/// A document's boundaries as a sheet carries them (`Sheet::bounds`, `Sheet::bounds_t`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetBounds {
    /// Empty when they are the segmenter's.
    pub spans: Vec<(usize, usize)>,
    pub t: u64,
}

impl SheetBounds {
    /// The boundaries of `doc` as the page has them.
    pub fn of(doc: &crate::document::Document) -> SheetBounds {
        let spans = if doc.edited { doc.sentences.iter().map(|s| (s.start, s.end)).collect() } else { Vec::new() };
        SheetBounds { spans, t: doc.edited_t }
    }
}

/// What a team document holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Sheet(Sheet),
    /// `id` is the article's id (always `Some` once decoded).
    Article(ArticleInput),
}

/// A document as the server gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remote {
    pub id: DocId,
    pub rev: String,
    /// Revisions in conflict with this one (`_conflicts`), when asked for.
    pub conflicts: Vec<String>,
    /// `None` when the document is deleted.
    pub body: Option<Body>,
}

/// Why a document from the server was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not one of ours (a design document, a stranger's id).
    NotOurs(String),
    /// Ours by its id, but the body does not match it or cannot be read.
    Bad { id: String, why: String },
}

/// The JSON of a document: `_id`, `_rev` when given, `type`, `doc`, `annotator` (ann
/// sheets), then the sheet's or the article's fields.
pub fn encode(id: &DocId, rev: Option<&str>, body: &Body) -> Value {
    let mut m = match body {
        Body::Sheet(sheet) => match serde_json::to_value(sheet) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        },
        Body::Article(a) => {
            let mut m = Map::new();
            for (k, v) in [("source", &a.source), ("title", &a.title), ("date", &a.date)] {
                if let Some(v) = v {
                    m.insert(k.into(), Value::String(v.clone()));
                }
            }
            m.insert("text".into(), Value::String(a.text.clone()));
            m
        }
    };
    m.insert("_id".into(), Value::String(id.to_string()));
    if let Some(rev) = rev {
        m.insert("_rev".into(), Value::String(rev.to_owned()));
    }
    m.insert("type".into(), Value::String(id.kind().to_owned()));
    m.insert("doc".into(), Value::String(id.doc().to_owned()));
    if let DocId::Ann { annotator, .. } = id {
        m.insert("annotator".into(), Value::String(annotator.clone()));
    }
    Value::Object(m)
}

/// A deletion (a losing revision of a conflict): `{"_id", "_rev", "_deleted": true}`.
pub fn deletion(id: &DocId, rev: &str) -> Value {
    serde_json::json!({ "_id": id.to_string(), "_rev": rev, "_deleted": true })
}

/// Fingerprint of a body's content, whatever its revision: what the page last sent or
/// received is kept as this, so an unchanged document is never sent again (even after a
/// reload). FNV-1a 64 of the canonical JSON (object keys sorted).
pub fn content_hash(id: &DocId, body: &Body) -> u64 {
    let json = serde_json::to_string(&encode(id, None, body)).unwrap_or_default();
    fnv1a64(json.as_bytes())
}

fn text_field(m: &Map<String, Value>, key: &str) -> Option<String> {
    m.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Reads a document from the server (a `_changes` row's `doc`, an `_all_docs` row's `doc`,
/// a `_bulk_get` `ok`).
pub fn decode(value: &Value) -> Result<Remote, DecodeError> {
    let m = value.as_object().ok_or_else(|| DecodeError::NotOurs(String::new()))?;
    let raw_id = text_field(m, "_id").unwrap_or_default();
    let id = DocId::parse(&raw_id).ok_or_else(|| DecodeError::NotOurs(raw_id.clone()))?;
    let bad = |why: &str| DecodeError::Bad { id: raw_id.clone(), why: why.to_owned() };
    let rev = text_field(m, "_rev").ok_or_else(|| bad("no _rev"))?;
    let conflicts = m
        .get("_conflicts")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    if m.get("_deleted").and_then(Value::as_bool) == Some(true) {
        return Ok(Remote { id, rev, conflicts, body: None });
    }
    if text_field(m, "type").as_deref() != Some(id.kind()) {
        return Err(bad("its type does not match its id"));
    }
    if text_field(m, "doc").as_deref() != Some(id.doc()) {
        return Err(bad("its doc does not match its id"));
    }
    let body = match &id {
        DocId::Ann { annotator, .. } => {
            if text_field(m, "annotator").as_deref() != Some(annotator.as_str()) {
                return Err(bad("its annotator does not match its id"));
            }
            let sheet = Sheet::deserialize(value).map_err(|e| bad(&e.to_string()))?;
            if !boundaries::in_order(&sheet.bounds) {
                return Err(bad("its sentence boundaries (b) are not in order"));
            }
            Body::Sheet(sheet)
        }
        DocId::Gold { .. } => {
            let mut sheet = Sheet::deserialize(value).map_err(|e| bad(&e.to_string()))?;
            if !boundaries::in_order(&sheet.bounds) {
                return Err(bad("its sentence boundaries (b) are not in order"));
            }
            sheet.done = false;
            sheet.done_t = 0;
            Body::Sheet(sheet)
        }
        DocId::Article { doc } => {
            let text = text_field(m, "text").ok_or_else(|| bad("an article without text"))?;
            Body::Article(ArticleInput {
                id: Some(doc.clone()),
                source: text_field(m, "source"),
                title: text_field(m, "title"),
                date: text_field(m, "date"),
                text,
            })
        }
    };
    Ok(Remote { id, rev, conflicts, body: Some(body) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        let mut s = Sheet { seg: "sa-rules@2".into(), done: true, done_t: 9, ..Default::default() };
        s.records.insert(
            0,
            Annotation { labels: vec!["claim".into()], updated: 5, fingerprint: "ab".into(), ..Default::default() },
        );
        s
    }

    #[test]
    fn a_sheet_round_trips_and_reads_as_documented() {
        let id = DocId::ann("maria", "d1");
        let v = encode(&id, Some("1-x"), &Body::Sheet(sheet()));
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"_id":"ann:maria:d1","_rev":"1-x","annotator":"maria","doc":"d1","done":true,"done_t":9,"s":{"0":{"h":"ab","l":["claim"],"t":5}},"seg":"sa-rules@2","type":"ann"}"#
        );
        let back = decode(&v).unwrap();
        assert_eq!((back.id, back.rev.as_str(), back.body), (id, "1-x", Some(Body::Sheet(sheet()))));
    }

    #[test]
    fn a_sheets_boundaries_travel_with_their_time_and_must_be_in_order() {
        let id = DocId::ann("maria", "d1");
        let edited = Sheet { bounds: vec![(0, 3), (4, 9), (10, 20)], bounds_t: 7, ..sheet() };
        let v = encode(&id, Some("1-x"), &Body::Sheet(edited.clone()));
        assert_eq!(v["b"], serde_json::json!([[0, 3], [4, 9], [10, 20]]));
        assert_eq!(v["bt"], 7);
        assert_eq!(decode(&v).unwrap().body, Some(Body::Sheet(edited)));
        assert!(encode(&id, None, &Body::Sheet(sheet())).get("b").is_none(), "the segmenter's: not sent");
        for b in [serde_json::json!([[4, 9], [0, 3]]), serde_json::json!([[0, 5], [4, 9]]), serde_json::json!([[5, 3]])]
        {
            for gold in [false, true] {
                let id = if gold { DocId::gold("d1") } else { DocId::ann("maria", "d1") };
                let mut v = encode(&id, Some("1-x"), &Body::Sheet(sheet()));
                v["b"] = b.clone();
                match decode(&v) {
                    Err(DecodeError::Bad { why, .. }) => assert!(why.contains("boundaries"), "{why}"),
                    other => panic!("{b}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn bodies_must_say_what_their_ids_say() {
        let id = DocId::ann("maria", "d1");
        let mut v = encode(&id, Some("1-x"), &Body::Sheet(sheet()));
        v["annotator"] = "ben".into();
        assert!(matches!(decode(&v), Err(DecodeError::Bad { .. })));
        let mut v = encode(&DocId::gold("d1"), Some("1-x"), &Body::Sheet(sheet()));
        v["doc"] = "d2".into();
        assert!(matches!(decode(&v), Err(DecodeError::Bad { .. })));
        let design = serde_json::json!({"_id": "_design/sentence-annotator", "_rev": "1-a"});
        assert!(matches!(decode(&design), Err(DecodeError::NotOurs(_))));
        let gone = serde_json::json!({"_id": "ann:maria:d1", "_rev": "2-a", "_deleted": true});
        assert_eq!(decode(&gone).unwrap().body, None);
    }

    #[test]
    fn articles_round_trip_and_the_hash_ignores_the_revision() {
        let id = DocId::article("d1");
        let a = ArticleInput {
            id: Some("d1".into()),
            title: Some("T".into()),
            text: "One. Two.".into(),
            ..Default::default()
        };
        let v = encode(&id, Some("3-z"), &Body::Article(a.clone()));
        assert_eq!(decode(&v).unwrap().body, Some(Body::Article(a.clone())));
        assert_eq!(content_hash(&id, &Body::Article(a.clone())), content_hash(&id, &decode(&v).unwrap().body.unwrap()));
        let other = ArticleInput { text: "One.".into(), ..a };
        assert_ne!(content_hash(&id, &Body::Article(other)), content_hash(&id, &decode(&v).unwrap().body.unwrap()));
    }
}
