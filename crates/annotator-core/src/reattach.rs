//! Keeping labels on their sentences: re-attachment by sentence fingerprint when the
//! segmenter's rules change, and the per-sentence "latest change wins" merge of two copies
//! (another tab, an import, a sync). Domain rules, so storage and the UI only call them.

use super::annotations::{Annotation, DocAnnotations};
use super::document::Document;
use super::segment::SEGMENTER;
use super::text;

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
pub fn reattach(
    doc: &Document,
    seg: &str,
    records: DocAnnotations,
    kept: Vec<(usize, Annotation)>,
) -> (DocAnnotations, Vec<Orphan>) {
    let fps: Vec<String> = (0..doc.sentences.len()).map(|i| text::fingerprint(doc.sentence_text(i))).collect();
    let same_rules = seg == SEGMENTER;
    let mut out = DocAnnotations::new();
    let mut orphans = Vec::new();
    // Orphans kept from an earlier load get another chance to find their sentence.
    let mut pending: Vec<(usize, Annotation)> = kept;
    for (idx, mut ann) in records {
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
