//! The storage layout (pure): which keys hold what, how records are encoded, how an older
//! layout is migrated, and how labels re-attach to sentences. The browser side
//! (`platform::storage`) only moves strings in and out of localStorage.
//!
//! Layout 1, sharded so a change writes only its own key (cost bounded by the change):
//! - `sa/v1/meta`: settings, imported and removed document ids, where the user was;
//! - `sa/v1/ann/<doc id>`: the annotations of one document;
//! - `sa/v1/doc/<doc id>`: an imported article (bundled ones come from `static/`);
//! - `sa/v1/history`: the bounded undo/redo history.
//!
//! Every write is one `setItem` of one key, which the browser applies atomically, and the
//! loader accepts any combination of keys (a shard without its meta entry, a meta entry
//! without its shard): killing the browser between two writes leaves a state that loads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::annotations::{Annotation, DocAnnotations, History};
use super::document::{ArticleInput, Document};
use super::segment::SEGMENTER;
use super::text;

pub const LAYOUT: u32 = 1;
pub const PREFIX: &str = "sa/v1/";
pub const META_KEY: &str = "sa/v1/meta";
pub const HISTORY_KEY: &str = "sa/v1/history";
/// Layout 0 kept everything in one JSON blob under this key.
pub const LEGACY_V0_KEY: &str = "sa/v0";
const ANN_PREFIX: &str = "sa/v1/ann/";
const DOC_PREFIX: &str = "sa/v1/doc/";

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

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Move to the next sentence after tagging.
    #[serde(default = "yes")]
    pub auto_advance: bool,
    /// Allow several labels per sentence.
    #[serde(default)]
    pub multi_label: bool,
    /// Export only sentences with labels, a note or the unsure flag.
    #[serde(default)]
    pub labelled_only: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { auto_advance: true, multi_label: false, labelled_only: false }
    }
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
    serde_json::to_string(&shard).unwrap_or_default()
}

pub fn decode_ann(json: &str) -> Result<AnnShard, String> {
    serde_json::from_str(json).map_err(|e| format!("unreadable annotations: {e}"))
}

/// An imported article as stored: packed 15 bits to a character (`pack`). localStorage's
/// quota counts characters (UTF-16 units, about 5.2 M per origin in Chromium, whatever
/// the character), so this stores nearly twice the text of plain JSON (8 bits a character).
pub fn encode_doc(doc: &Document) -> String {
    pack(serde_json::to_string(&doc.to_input()).unwrap_or_default().as_bytes())
}

/// Reads what `encode_doc` wrote (packed or plain JSON).
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
    2 * (key.encode_utf16().count() + value.encode_utf16().count())
}

/// Marker of a packed value: `~1<byte count>:` then the characters.
const PACKED: &str = "~1";
/// Packed characters are U+0800 + a 15-bit value: one UTF-16 unit each, never a surrogate.
const PACK_BASE: u32 = 0x0800;

/// Packs bytes into characters of 15 bits each.
pub fn pack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    out.push_str(PACKED);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(pack_char((acc >> bits) & 0x7FFF));
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        out.push(pack_char((acc << (15 - bits)) & 0x7FFF));
    }
    out
}

fn pack_char(v: u32) -> char {
    // PACK_BASE + v < 0x8800: a valid scalar value outside the surrogate range.
    char::from_u32(PACK_BASE + v).unwrap_or('\u{FFFD}')
}

/// The inverse of `pack`, checking everything (a damaged value is an error, not a panic).
pub fn unpack(raw: &str) -> Result<String, String> {
    let rest = raw.strip_prefix(PACKED).ok_or("not a packed value")?;
    let (len, body) = rest.split_once(':').ok_or("packed value without length")?;
    let len: usize = len.parse().map_err(|_| "packed value with a bad length")?;
    let mut bytes = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in body.chars() {
        let v = u32::from(c)
            .checked_sub(PACK_BASE)
            .filter(|v| *v <= 0x7FFF)
            .ok_or("packed value with a foreign character")?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && bytes.len() < len {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bytes.len() != len {
        return Err("packed value is truncated".into());
    }
    String::from_utf8(bytes).map_err(|_| "packed value is not UTF-8".into())
}

pub fn encode_history(h: &History) -> String {
    serde_json::to_string(h).unwrap_or_default()
}

/// What the browser's storage gives the loader.
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn keys(&self) -> Vec<String>;
}

impl KeyValue for BTreeMap<String, String> {
    fn get(&self, key: &str) -> Option<String> {
        BTreeMap::get(self, key).cloned()
    }
    fn keys(&self) -> Vec<String> {
        BTreeMap::keys(self).cloned().collect()
    }
}

/// Everything read back from storage. `problems` are shown to the user; the keys they name
/// are left untouched so nothing is lost.
#[derive(Debug, Default)]
pub struct Loaded {
    pub meta: Meta,
    pub imported: Vec<ArticleInput>,
    /// Raw shards by document id; `reattach` maps them onto the documents' sentences.
    pub shards: BTreeMap<String, AnnShard>,
    pub history: History,
    pub problems: Vec<String>,
    /// Writes that complete a migration from an older layout (the old key is kept).
    pub migration: Vec<(String, String)>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Written by a newer version of the page: refused and left untouched.
    FutureLayout(u32),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::FutureLayout(n) => write!(
                f,
                "The saved annotations were written by a newer version of Sentence Annotator \
                 (storage layout {n}; this page reads up to {LAYOUT}). They are left untouched: \
                 open the newer version, or export them there."
            ),
        }
    }
}

/// Every key and its value, read once: start-up loads and sizes storage from this copy
/// instead of reading localStorage again for each purpose.
pub fn snapshot(kv: &dyn KeyValue) -> BTreeMap<String, String> {
    kv.keys().into_iter().filter_map(|k| kv.get(&k).map(|v| (k, v))).collect()
}

/// What each key costs in the quota (see `stored_bytes`).
pub fn key_sizes(all: &BTreeMap<String, String>) -> BTreeMap<String, usize> {
    all.iter().map(|(k, v)| (k.clone(), stored_bytes(k, v))).collect()
}

/// Reads the whole state. A missing or damaged key never stops the rest from loading.
pub fn load(kv: &dyn KeyValue) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    match kv.get(META_KEY) {
        Some(raw) => {
            let layout = serde_json::from_str::<serde_json::Value>(&raw)
                .ok()
                .and_then(|v| v.get("layout").and_then(|l| l.as_u64()));
            if let Some(l) = layout {
                if l > u64::from(LAYOUT) {
                    return Err(LoadError::FutureLayout(u32::try_from(l).unwrap_or(u32::MAX)));
                }
            }
            match serde_json::from_str::<Meta>(&raw) {
                Ok(m) => out.meta = m,
                Err(e) => out.problems.push(format!("Settings could not be read ({e}); defaults are used.")),
            }
        }
        None => {
            if let Some(blob) = kv.get(LEGACY_V0_KEY) {
                migrate_v0(&blob, &mut out);
            }
        }
    }
    out.meta.layout = LAYOUT;
    for key in kv.keys() {
        if let Some(doc) = doc_of_doc_key(&key) {
            match kv.get(&key).map(|raw| decode_doc(&raw)) {
                Some(Ok(a)) => out.imported.push(a),
                Some(Err(e)) => out.problems.push(format!(
                    "The stored article {doc:?} could not be read ({e}); it is kept in storage as it is."
                )),
                None => {}
            }
        } else if let Some(doc) = doc_of_ann_key(&key) {
            match kv.get(&key).map(|raw| decode_ann(&raw)) {
                Some(Ok(shard)) => {
                    out.shards.insert(doc.to_owned(), shard);
                }
                Some(Err(e)) => out.problems.push(format!(
                    "The annotations of {doc:?} could not be read ({e}); they are kept in storage as they are."
                )),
                None => {}
            }
        }
    }
    // localStorage lists its keys in no fixed order: imported documents come back by id.
    out.imported.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(raw) = kv.get(HISTORY_KEY) {
        match serde_json::from_str::<History>(&raw) {
            Ok(h) => out.history = h,
            Err(_) => out.problems.push("The undo history could not be read; it starts afresh.".into()),
        }
    }
    Ok(out)
}

/// Layout 0: `{"version":0,"labels":{"<doc>":{"<index>":["claim"]}},"annotator":"…"}`.
#[derive(Deserialize)]
struct V0 {
    #[serde(default)]
    labels: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    annotator: String,
    #[serde(default)]
    segmenter: Option<String>,
}

fn migrate_v0(blob: &str, out: &mut Loaded) {
    let v0: V0 = match serde_json::from_str(blob) {
        Ok(v) => v,
        Err(e) => {
            out.problems.push(format!(
                "Annotations saved by an earlier version could not be read ({e}); they are left in storage untouched."
            ));
            return;
        }
    };
    out.meta.annotator = v0.annotator;
    out.meta.layout = LAYOUT;
    // Layout 0 kept no fingerprints: its indices are trusted for the rules it was made with.
    let seg = v0.segmenter.unwrap_or_else(|| SEGMENTER.to_owned());
    for (doc, by_index) in v0.labels {
        let mut anns = DocAnnotations::new();
        for (idx, labels) in by_index {
            if let Ok(i) = idx.parse::<usize>() {
                anns.insert(i, Annotation { labels, ..Default::default() });
            }
        }
        let shard = AnnShard { seg: seg.clone(), s: anns, o: Vec::new() };
        out.migration.push((ann_key(&doc), serde_json::to_string(&shard).unwrap_or_default()));
        out.shards.insert(doc, shard);
    }
    out.migration.push((META_KEY.to_owned(), encode_meta(&out.meta)));
}

/// An annotation that no longer matches any sentence of its document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphan {
    pub doc: String,
    pub old_index: usize,
    /// The sentence text, when it can still be recovered.
    pub text: Option<String>,
    pub annotation: Annotation,
}

/// Maps a stored shard onto a document's sentences. Records whose fingerprint matches the
/// sentence at their index stay; others move to the sentence with the same text; the rest
/// are returned as orphans for the user to see. Records without a fingerprint (layout 0)
/// are trusted when the segmenter is the same and get one now.
pub fn reattach(doc: &Document, shard: AnnShard) -> (DocAnnotations, Vec<Orphan>) {
    let fps: Vec<String> = (0..doc.sentences.len()).map(|i| text::fingerprint(doc.sentence_text(i))).collect();
    let same_rules = shard.seg == SEGMENTER;
    let mut out = DocAnnotations::new();
    let mut orphans = Vec::new();
    // Orphans kept from an earlier load get another chance to find their sentence.
    let mut pending: Vec<(usize, Annotation)> = shard.o;
    for (idx, mut ann) in shard.s {
        let fits = idx < fps.len() && (ann.fingerprint == fps[idx] || (ann.fingerprint.is_empty() && same_rules));
        if fits {
            ann.fingerprint = fps[idx].clone();
            let s = doc.sentences[idx];
            ann.span = Some((s.start, s.end));
            out.insert(idx, ann);
        } else {
            pending.push((idx, ann));
        }
    }
    for (idx, mut ann) in pending {
        let target = fps
            .iter()
            .enumerate()
            .filter(|(i, fp)| **fp == ann.fingerprint && !out.contains_key(i))
            .min_by_key(|(i, _)| i.abs_diff(idx))
            .map(|(i, _)| i);
        match target {
            Some(i) if !ann.fingerprint.is_empty() => {
                let s = doc.sentences[i];
                ann.span = Some((s.start, s.end));
                out.insert(i, ann);
            }
            _ => {
                if ann.is_empty() {
                    continue; // a tombstone of a vanished sentence carries nothing to show
                }
                let text = ann
                    .span
                    .and_then(|(a, b)| doc.text.get(a..b))
                    .filter(|t| text::fingerprint(t) == ann.fingerprint)
                    .map(str::to_owned);
                orphans.push(Orphan { doc: doc.id.clone(), old_index: idx, text, annotation: ann });
            }
        }
    }
    (out, orphans)
}

/// Merges a shard written by another tab into ours: per sentence, the later change wins.
/// Returns the merged map and whether anything of ours changed.
pub fn merge_latest(ours: &DocAnnotations, theirs: &DocAnnotations) -> (DocAnnotations, bool) {
    let mut merged = ours.clone();
    let mut changed = false;
    for (i, t) in theirs {
        let take = match ours.get(i) {
            Some(o) => t.updated > o.updated && o != t,
            None => true,
        };
        if take {
            merged.insert(*i, t.clone());
            changed = true;
        }
    }
    (merged, changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::ArticleInput;

    fn doc(text: &str) -> Document {
        Document::from_input(ArticleInput { id: Some("d".into()), text: text.into(), ..Default::default() })
    }

    fn ann(doc: &Document, i: usize, label: &str, t: u64) -> Annotation {
        let s = doc.sentences[i];
        Annotation {
            labels: vec![label.into()],
            updated: t,
            fingerprint: text::fingerprint(doc.sentence_text(i)),
            span: Some((s.start, s.end)),
            ..Default::default()
        }
    }

    #[test]
    fn round_trip_of_every_record() {
        let d = doc("One here.\n\nTwo here.");
        let mut anns = DocAnnotations::new();
        anns.insert(1, ann(&d, 1, "denial", 7));
        let mut kv = BTreeMap::new();
        let meta = Meta { layout: LAYOUT, annotator: "ann".into(), ..Default::default() };
        kv.insert(META_KEY.to_owned(), encode_meta(&meta));
        kv.insert(ann_key("d"), encode_ann(&anns));
        kv.insert(doc_key("d"), encode_doc(&d));
        let loaded = load(&kv).unwrap();
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.meta, meta);
        assert_eq!(loaded.imported.len(), 1);
        assert_eq!(Document::from_input(loaded.imported[0].clone()), d);
        let (back, orphans) = reattach(&d, loaded.shards["d"].clone());
        assert_eq!(back, anns);
        assert!(orphans.is_empty());
    }

    #[test]
    fn stored_articles_take_about_half_the_quota() {
        for text in ["Plain ASCII news text. ".repeat(300), "Quoted \u{201c}text\u{201d} \u{2014} again. ".repeat(200)]
        {
            let d = Document::from_input(ArticleInput { id: Some("w".into()), text, ..Default::default() });
            let raw = encode_doc(&d);
            assert!(raw.starts_with(PACKED));
            let plain = serde_json::to_string(&d.to_input()).unwrap();
            let ratio = stored_bytes("k", &raw) as f64 / stored_bytes("k", &plain) as f64;
            assert!(ratio < 0.7, "packed/plain = {ratio}");
            assert_eq!(Document::from_input(decode_doc(&raw).unwrap()), d);
        }
        // Plain JSON (an earlier version's) still reads.
        let plain = r#"{"id":"p","text":"Old plain value."}"#;
        assert_eq!(decode_doc(plain).unwrap().text, "Old plain value.");
        assert_eq!(stored_bytes("ab", "é—"), 8);
    }

    #[test]
    fn damaged_packed_values_are_errors() {
        let good = pack(b"{\"text\":\"x\"}");
        assert_eq!(unpack(&good).unwrap(), "{\"text\":\"x\"}");
        assert!(unpack("~1").is_err());
        assert!(unpack("~1x:").is_err());
        assert!(unpack("~15:").is_err());
        assert!(unpack(&format!("{good}A")).is_err());
        let cut: String = good.chars().take(good.chars().count() - 1).collect();
        assert!(unpack(&cut).is_err());
        assert!(decode_doc("~1zz").is_err());
    }

    #[test]
    fn future_layout_is_refused() {
        let mut kv = BTreeMap::new();
        kv.insert(META_KEY.to_owned(), r#"{"layout":7}"#.to_owned());
        let err = load(&kv).unwrap_err();
        assert_eq!(err, LoadError::FutureLayout(7));
        assert!(err.to_string().contains("newer version"));
    }

    #[test]
    fn damaged_keys_are_reported_not_fatal() {
        let mut kv = BTreeMap::new();
        kv.insert(ann_key("a"), "{not json".to_owned());
        kv.insert(doc_key("b"), "[]".to_owned());
        kv.insert(HISTORY_KEY.to_owned(), "x".to_owned());
        let loaded = load(&kv).unwrap();
        assert_eq!(loaded.problems.len(), 3);
        assert!(loaded.shards.is_empty());
        assert_eq!(loaded.meta.settings, Settings::default());
    }

    #[test]
    fn v0_fixture_is_migrated() {
        let fixture = include_str!("../../tests/data/storage_v0.json");
        let mut kv = BTreeMap::new();
        kv.insert(LEGACY_V0_KEY.to_owned(), fixture.to_owned());
        let loaded = load(&kv).unwrap();
        assert_eq!(loaded.meta.annotator, "maria");
        assert_eq!(loaded.meta.layout, LAYOUT);
        let shard = &loaded.shards["000_7e8a3d906b8911a7"];
        assert_eq!(shard.s[&0].labels, ["claim"]);
        assert_eq!(shard.s[&3].labels, ["denial"]);
        assert!(loaded.migration.iter().any(|(k, _)| k == META_KEY));
        assert!(loaded.migration.iter().any(|(k, _)| k == &ann_key("003_5edaa3534a2f115b")));
    }

    #[test]
    fn labels_follow_their_sentence_when_rules_change() {
        let d = doc("Alpha one.\nBeta two.\nGamma three.");
        let mut s = AnnShard { seg: "old@0".into(), s: DocAnnotations::new(), o: Vec::new() };
        // Stored at index 0 under old rules, but its text is now sentence 2.
        let mut a = ann(&d, 2, "claim", 1);
        s.s.insert(0, a.clone());
        // A record whose sentence is gone, with its old span.
        a.fingerprint = text::fingerprint("Alpha one.\nBeta");
        a.span = Some((0, 15));
        s.s.insert(5, a);
        let (out, orphans) = reattach(&d, s);
        assert_eq!(out[&2].labels, ["claim"]);
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].text.as_deref(), Some("Alpha one.\nBeta"));
        // Written back with the document's shard, the orphan survives the next load.
        let raw = encode_ann_with(&out, &orphans);
        let (again, still) = reattach(&d, decode_ann(&raw).unwrap());
        assert_eq!(again, out);
        assert_eq!(still, orphans);
    }

    #[test]
    fn latest_change_wins_per_sentence() {
        let d = doc("A one.\nB two.");
        let mut ours = DocAnnotations::new();
        ours.insert(0, ann(&d, 0, "claim", 10));
        ours.insert(1, ann(&d, 1, "claim", 30));
        let mut theirs = DocAnnotations::new();
        theirs.insert(0, ann(&d, 0, "demand", 20));
        theirs.insert(1, ann(&d, 1, "denial", 25));
        let (m, changed) = merge_latest(&ours, &theirs);
        assert!(changed);
        assert_eq!(m[&0].labels, ["demand"]);
        assert_eq!(m[&1].labels, ["claim"]);
        let (_, again) = merge_latest(&m, &theirs);
        assert!(!again);
    }
}

// proptest is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod pack_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn pack_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let packed = pack(&bytes);
            // Only checked for UTF-8 on the way out: compare the bit stream itself.
            match String::from_utf8(bytes.clone()) {
                Ok(s) => prop_assert_eq!(unpack(&packed).unwrap(), s),
                Err(_) => prop_assert!(unpack(&packed).is_err()),
            }
            prop_assert!(packed.encode_utf16().count() <= 16 + (bytes.len() * 8).div_ceil(15) + 1);
            prop_assert!(packed.chars().skip(2).all(|c| !(0xD800..=0xDFFF).contains(&u32::from(c))));
        }

        #[test]
        fn unpack_never_panics(s in "\\PC*") {
            let _ = unpack(&format!("~1{s}"));
        }
    }
}
