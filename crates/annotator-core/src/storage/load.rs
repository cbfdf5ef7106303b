//! Reading the whole stored state back: every key is decoded on its own, so a damaged key
//! is reported and left untouched while the rest loads; an older layout is migrated (the
//! writes are handed to the saver) and a newer one refused.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;

use super::*;
use crate::annotations::{Annotation, DocAnnotations};
use crate::document::{ArticleInput, Document};
use crate::history::History;
use crate::labels::LabelSet;
use crate::layers::LayerDoc;
use crate::reattach::reattach;
use crate::segment::SEGMENTER;
use crate::session::{Parts, Session};

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
    /// Gold shards by document id (adjudication).
    pub gold: BTreeMap<String, AnnShard>,
    /// Other annotators' layers: name -> document id -> stored shard.
    pub layers: BTreeMap<String, BTreeMap<String, layers::LayerShard>>,
    pub history: History,
    /// Open merge conflicts (`sa/v1/conflicts`), placed on their sentences by `into_session`.
    pub conflicts: Vec<crate::export::Conflict>,
    /// Edited sentence boundaries by document (`sa/v1/bounds/<doc>`).
    pub bounds: BTreeMap<String, BoundsRecord>,
    /// The history came from the older single key: the saver writes it anew as segments.
    pub history_migrated: bool,
    pub problems: Vec<String>,
    /// Writes that complete a migration from an older layout, for the saver (`None`
    /// removes a key, after everything else was written). Layout 0's key is kept.
    pub migration: Vec<(String, Option<String>)>,
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
pub fn load(kv: &BTreeMap<String, String>) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    match kv.get(META_KEY) {
        Some(raw) => {
            let layout = serde_json::from_str::<serde_json::Value>(raw)
                .ok()
                .and_then(|v| v.get("layout").and_then(|l| l.as_u64()));
            if let Some(l) = layout {
                if l > u64::from(LAYOUT) {
                    return Err(LoadError::FutureLayout(u32::try_from(l).unwrap_or(u32::MAX)));
                }
            }
            match serde_json::from_str::<Meta>(raw) {
                Ok(m) => out.meta = m,
                Err(e) => out.problems.push(format!("Settings could not be read ({e}); defaults are used.")),
            }
        }
        None => {
            if let Some(blob) = kv.get(LEGACY_V0_KEY) {
                migrate_v0(blob, &mut out);
            }
        }
    }
    out.meta.layout = LAYOUT;
    for (key, raw) in kv {
        if key == conflicts::CONFLICTS_KEY {
            match conflicts::decode(raw) {
                Ok(c) => out.conflicts = c,
                Err(e) => out.problems.push(format!(
                    "The open merge conflicts could not be read ({e}); they are kept in storage as they are."
                )),
            }
        } else if let Some(doc) = doc_of_doc_key(key) {
            match decode_doc(raw) {
                Ok(a) => out.imported.push(a),
                Err(e) => out.problems.push(format!(
                    "The stored article {doc:?} could not be read ({e}); it is kept in storage as it is."
                )),
            }
        } else if let Some(doc) = doc_of_bounds_key(key) {
            match serde_json::from_str::<BoundsRecord>(raw) {
                Ok(b) => {
                    out.bounds.insert(doc.to_owned(), b);
                }
                Err(e) => out.problems.push(format!(
                    "The edited sentence boundaries of {doc:?} could not be read ({e}); the segmenter's are used, and the stored ones are kept as they are."
                )),
            }
        } else if let Some(doc) = doc_of_gold_key(key) {
            match rows::decode_form(raw) {
                Ok((shard, form)) => {
                    compact_later(key, form, &shard, &mut out.migration);
                    out.gold.insert(doc.to_owned(), shard);
                }
                Err(e) => out.problems.push(format!(
                    "The gold labels of {doc:?} could not be read ({e}); they are kept in storage as they are."
                )),
            }
        } else if let Some((name, doc)) = layers::parse_key(key) {
            match serde_json::from_str::<layers::LayerShard>(raw) {
                Ok(shard) => {
                    out.layers.entry(name).or_default().insert(doc, shard);
                }
                Err(e) => out.problems.push(format!(
                    "{name}'s annotations of {doc:?} could not be read ({e}); they are kept in storage as they are."
                )),
            }
        } else if let Some(doc) = doc_of_ann_key(key) {
            match rows::decode_form(raw) {
                Ok((shard, form)) => {
                    compact_later(key, form, &shard, &mut out.migration);
                    out.shards.insert(doc.to_owned(), shard);
                }
                Err(e) => out.problems.push(format!(
                    "The annotations of {doc:?} could not be read ({e}); they are kept in storage as they are."
                )),
            }
        }
    }
    // localStorage lists its keys in no fixed order: imported documents come back by id.
    out.imported.sort_by(|a, b| a.id.cmp(&b.id));
    // In the order they were listed, when it is known (a key missing from it goes last).
    if let Some(order) = kv.get(ORDER_KEY).and_then(|raw| serde_json::from_str::<Vec<String>>(raw).ok()) {
        let pos: std::collections::HashMap<&str, usize> =
            order.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        out.imported.sort_by_key(|a| a.id.as_deref().and_then(|id| pos.get(id).copied()).unwrap_or(usize::MAX));
    }
    match history::read(kv) {
        Ok((h, migrated)) => {
            out.history = h;
            out.history_migrated = migrated;
            if migrated {
                out.migration.push((history::OLD_HISTORY_KEY.to_owned(), None));
            }
        }
        Err(e) => out.problems.push(e),
    }
    Ok(out)
}

/// Layout 3 stores a shard of layout 2 (JSON records) in the compact form (`rows`): the same
/// records under the same key, one `setItem` that replaces it whole, so a browser killed
/// before or after it leaves a shard that reads.
fn compact_later(key: &str, form: rows::Form, shard: &AnnShard, migration: &mut Vec<(String, Option<String>)>) {
    if form == rows::Form::Json {
        migration.push((key.to_owned(), Some(rows::encode(shard))));
    }
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
        out.migration.push((ann_key(&doc), Some(rows::encode(&shard))));
        out.shards.insert(doc, shard);
    }
    out.migration.push((META_KEY.to_owned(), Some(encode_meta(&out.meta))));
}

impl Loaded {
    /// The session this describes: the bundled documents (minus those the person removed)
    /// then the imported ones, each stored shard re-attached to its document's sentences.
    /// Shards of documents not present are left in storage untouched. Returns the session
    /// and how many annotations lost their sentence (listed in the session's orphans).
    pub fn into_session(self, labels: LabelSet, bundled: Vec<Document>, now_ms: u64) -> (Session, usize) {
        let removed: BTreeSet<String> = self.meta.removed.iter().cloned().collect();
        let bundled: Vec<Document> = bundled.into_iter().filter(|d| !removed.contains(&d.id)).collect();
        let imported: Vec<Document> = self.imported.into_iter().map(Document::from_input).collect();
        // Edited boundaries first: the shards' indices refer to them.
        let bounds = self.bounds;
        let edited = |d: Document| match bounds.get(&d.id).and_then(|b| apply_bounds(&d, b)) {
            Some(e) => e,
            None => d,
        };
        let bundled: Vec<Document> = bundled.into_iter().map(edited).collect();
        let imported: Vec<Document> = imported.into_iter().map(edited).collect();
        // Each stored shard finds its document once, by id (not a scan of the list per shard).
        let by_id: HashMap<&str, &Document> = bundled.iter().chain(&imported).map(|d| (d.id.as_str(), d)).collect();
        let attach = |shards: BTreeMap<String, AnnShard>| {
            let mut placed = Vec::new();
            let mut lost = Vec::new();
            for (id, shard) in shards {
                let Some(doc) = by_id.get(id.as_str()) else { continue };
                let (a, o) = reattach(doc, &shard.seg, shard.s, shard.o);
                placed.push((id, a));
                lost.extend(o);
            }
            (placed, lost)
        };
        let (anns, orphans) = attach(self.shards);
        // Gold records that lost their sentence stay with the gold layer, never one's own.
        let (gold, gold_orphans) = attach(self.gold);
        let lost = orphans.len() + gold_orphans.len();
        let layers = self
            .layers
            .into_iter()
            .map(|(name, docs)| {
                let docs = docs
                    .into_iter()
                    .filter_map(|(id, shard)| {
                        let doc = by_id.get(id.as_str())?;
                        let (anns, _) = reattach(doc, &shard.seg, shard.s, Vec::new());
                        let theirs =
                            shard.b.map(|spans| std::rc::Rc::new(crate::layers::TheirBounds { spans, anns: shard.r }));
                        Some((id, LayerDoc { anns, done: shard.d, theirs }))
                    })
                    .collect();
                (name, docs)
            })
            .collect();
        let parts = Parts {
            labels: self.meta.labels,
            settings: self.meta.settings,
            annotator: self.meta.annotator,
            bundled,
            imported,
            removed,
            anns,
            orphans,
            history: self.history,
            open_doc: self.meta.open_doc,
            focus: self.meta.focus,
            done: self.meta.done.into_iter().collect(),
            places: self.meta.places,
            layers,
            gold,
            gold_orphans,
            conflicts: self.conflicts,
        };
        (Session::from_parts(labels, now_ms, parts), lost)
    }
}
