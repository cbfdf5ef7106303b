//! The storage layout (pure): which keys hold what, in which browser store (`homes`), how
//! records are encoded, how an older layout is migrated, and what a change must write. It
//! depends on the domain (session, annotations, history, settings), never the reverse. The
//! browser side (`platform::storage`, `platform::idb`) only moves strings in and out of
//! localStorage and IndexedDB.
//!
//! Layout 3 (the keys of layout 1; the corpus, layers and history in IndexedDB, the person's
//! own work in localStorage, its annotation shards in the compact form of `rows`), sharded so
//! a change writes only its own key (cost bounded by the change):
//! - `sa/v1/meta`: settings, imported and removed document ids, where the user was;
//! - `sa/v1/ann/<doc id>`: the annotations of one document;
//! - `sa/v1/doc/<doc id>`: an imported article (bundled ones come from `static/`);
//! - `sa/v1/order`: the imported documents in the order of the list;
//! - `sa/v1/gold/<doc id>`: the gold labels a curator set on one document (adjudication);
//! - `sa/v1/layer/<annotator>/<doc id>`: another annotator's decisions on one document
//!   (`layers`);
//! - `sa/v1/hist` and `sa/v1/hist/<k>`: the bounded undo/redo history in segments
//!   (`history`).
//!
//! Every localStorage write is one `setItem` of one key, which the browser applies
//! atomically, an IndexedDB save one transaction, and the loader accepts any combination of
//! keys (a shard without its meta entry, a meta entry without its shard): killing the browser
//! between two writes leaves a state that loads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::annotations::{Annotation, DocAnnotations};
use super::document::{ArticleInput, Document};
use super::reattach::Orphan;
use super::segment::SEGMENTER;
pub use super::settings::Settings;

pub mod conflicts;
pub mod history;
pub mod homes;
pub mod layers;
mod load;
mod pack;
pub mod plan;
#[cfg(test)]
mod plan_tests;
pub(crate) mod rows;
#[cfg(test)]
mod tests;

pub use load::{key_sizes, load, snapshot, KeyValue, LoadError, Loaded};
#[cfg(test)]
pub use pack::pack;
pub use pack::unpack;
use pack::PACKED;

/// Layout 3 stores the person's own shards in the compact form (`rows`; layout 2's JSON
/// records are rewritten on loading); layout 2 moved the corpus to IndexedDB (`homes`);
/// layout 1 kept every key in localStorage and is moved on first open. A page of an older
/// layout refuses a newer one (it would not read its shards, or see the corpus) and writes
/// nothing.
pub const LAYOUT: u32 = 3;
pub const PREFIX: &str = "sa/v1/";
pub const META_KEY: &str = "sa/v1/meta";
/// Layout 0 kept everything in one JSON blob under this key.
pub const LEGACY_V0_KEY: &str = "sa/v0";
const ANN_PREFIX: &str = "sa/v1/ann/";
const DOC_PREFIX: &str = "sa/v1/doc/";
const GOLD_PREFIX: &str = "sa/v1/gold/";
const BOUNDS_PREFIX: &str = "sa/v1/bounds/";

/// The key of a document's edited sentence boundaries (`sa/v1/bounds/<doc id>`, docs/FORMAT.md §3).
pub fn bounds_key(doc: &str) -> String {
    format!("{BOUNDS_PREFIX}{doc}")
}

pub fn doc_of_bounds_key(key: &str) -> Option<&str> {
    key.strip_prefix(BOUNDS_PREFIX)
}

/// A document's edited boundaries as stored: the fingerprint of its text (they apply to that
/// text only), its sentences' byte spans, and the time they last changed (kept also for a
/// document back to the segmenter's boundaries, so the team sync knows that change is the
/// latest across a reload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundsRecord {
    pub h: String,
    pub s: Vec<(usize, usize)>,
    /// The segmenter the boundaries were stored under, and the spans the person made (not
    /// the segmenter's): a new segmenter re-segments everything else.
    #[serde(default)]
    pub seg: String,
    #[serde(default)]
    pub e: Vec<(usize, usize)>,
    /// Milliseconds of the last change (`Document::edited_t`); 0 or absent: unknown.
    #[serde(default, skip_serializing_if = "super::serde_util::is_zero")]
    pub t: u64,
}

pub fn encode_bounds(doc: &Document) -> String {
    let rec = BoundsRecord {
        h: super::text::fingerprint(&doc.text),
        s: doc.sentences.iter().map(|s| (s.start, s.end)).collect(),
        seg: SEGMENTER.to_owned(),
        e: super::boundaries::edited_spans(doc).iter().map(|s| (s.start, s.end)).collect(),
        t: doc.edited_t,
    };
    serde_json::to_string(&rec).unwrap_or_default()
}

/// The document with its stored boundaries, when they fit its text (same fingerprint, valid
/// ranges in order); `None` otherwise (the segmenter's boundaries stay, and the labels
/// re-attach by fingerprint as after a change of segmenter). Spans that are the segmenter's
/// give an unedited document that keeps the record's time.
pub fn apply_bounds(doc: &Document, rec: &BoundsRecord) -> Option<Document> {
    let mut d = bounds_of_record(doc, rec)?;
    d.edited = d.spans() != super::segment::segment(&d.text);
    d.edited_t = rec.t;
    Some(d)
}

fn bounds_of_record(doc: &Document, rec: &BoundsRecord) -> Option<Document> {
    if rec.h != super::text::fingerprint(&doc.text) {
        return None;
    }
    if !super::boundaries::valid_spans(&doc.text, &rec.s) {
        return None;
    }
    let to_spans =
        |v: &[(usize, usize)]| v.iter().map(|&(start, end)| super::segment::Span { start, end }).collect::<Vec<_>>();
    if rec.seg.is_empty() || rec.seg == SEGMENTER {
        return Some(doc.with_boundaries(&to_spans(&rec.s), true));
    }
    // Another segmenter made the rest: the person's own spans stay, the rest is segmented anew.
    let kept = to_spans(&rec.e);
    if kept.iter().any(|e| !rec.s.contains(&(e.start, e.end))) {
        return None;
    }
    let spans = super::boundaries::keep_edited(&doc.text, &kept);
    Some(doc.with_boundaries(&spans, !kept.is_empty()))
}

/// The imported documents' ids in list order (JSON array), written when that set changes.
pub const ORDER_KEY: &str = "sa/v1/order";

/// The gold layer of one document (adjudication), stored like one's own shard.
pub fn gold_key(doc: &str) -> String {
    format!("{GOLD_PREFIX}{doc}")
}

pub fn doc_of_gold_key(key: &str) -> Option<&str> {
    key.strip_prefix(GOLD_PREFIX)
}

pub fn ann_key(doc: &str) -> String {
    format!("{ANN_PREFIX}{doc}")
}

pub fn doc_key(doc: &str) -> String {
    format!("{DOC_PREFIX}{doc}")
}

/// The document id of an annotation shard key, if it is one.
pub fn doc_of_ann_key(key: &str) -> Option<&str> {
    key.strip_prefix(ANN_PREFIX)
}

/// The document id of a stored article's key, if it is one.
pub fn doc_of_doc_key(key: &str) -> Option<&str> {
    key.strip_prefix(DOC_PREFIX)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub layout: u32,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub annotator: String,
    /// Bundled documents the user removed (they stay hidden on reload).
    #[serde(default)]
    pub removed: Vec<String>,
    #[serde(default)]
    pub open_doc: Option<String>,
    #[serde(default)]
    pub focus: usize,
    /// Documents marked done (every sentence decided).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<String>,
    /// Where the person left each document they opened (document id -> sentence).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub places: BTreeMap<String, usize>,
    /// The label set edited in the page (absent: the page's labels.json).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<super::labels::LabelSet>,
}

/// An annotation shard: the segmenter that made the indices, and the records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnShard {
    pub seg: String,
    #[serde(default)]
    pub s: DocAnnotations,
    /// Annotations that lost their sentence (a change of segmentation rules): kept, with
    /// the index they had, until the person deals with them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub o: Vec<(usize, Annotation)>,
}

pub fn encode_meta(meta: &Meta) -> String {
    serde_json::to_string(meta).unwrap_or_default()
}

pub fn encode_ann(anns: &DocAnnotations) -> String {
    encode_ann_with(anns, &[])
}

/// A document's shard with the orphans of that document, so they are never dropped.
pub fn encode_ann_with(anns: &DocAnnotations, orphans: &[Orphan]) -> String {
    let o = orphans.iter().map(|x| (x.old_index, x.annotation.clone())).collect();
    let shard = AnnShard { seg: SEGMENTER.to_owned(), s: anns.clone(), o };
    rows::encode(&shard)
}

/// A shard in layout 3's compact form (`rows`), or layout 2's JSON records.
pub fn decode_ann(json: &str) -> Result<AnnShard, String> {
    rows::decode(json)
}

/// An imported article as stored: packed 15 bits to a character (`pack`). localStorage's
/// quota counts characters (UTF-16 units, about 5.2 M per origin in Chromium, whatever
/// the character), so this stores nearly twice the text of plain JSON (8 bits a character).
pub fn encode_doc(doc: &Document) -> String {
    // Plain JSON: articles live in IndexedDB (storage::homes), whose structured clone keeps
    // a one-byte string in one byte a character and Chromium compresses large values. The
    // 15-bit packing (`pack`) saved localStorage quota in layout 1; packed there, a
    // value became a two-byte string of three UTF-8 bytes a character in the page's memory.
    serde_json::to_string(&doc.to_input()).unwrap_or_default()
}

/// Reads what `encode_doc` wrote (plain JSON), or layout 1's packed value.
pub fn decode_doc(raw: &str) -> Result<ArticleInput, String> {
    let json;
    let text = if raw.starts_with(PACKED) {
        json = unpack(raw)?;
        json.as_str()
    } else {
        raw
    };
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// What a key and its value cost in the browser's localStorage quota, in bytes (two per
/// UTF-16 unit: measured in Chromium, ASCII and other characters alike).
pub fn stored_bytes(key: &str, value: &str) -> usize {
    2 * (utf16_len(key) + utf16_len(value))
}

/// `s.encode_utf16().count()`, from the bytes (one pass the compiler vectorises; start-up
/// sizes every stored value, 50 MB of them in a large project): every byte but a
/// continuation byte starts a character, and those of four bytes take two UTF-16 units.
fn utf16_len(s: &str) -> usize {
    s.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}
