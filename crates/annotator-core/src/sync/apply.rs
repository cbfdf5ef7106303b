//! From a sheet that arrived to what the page holds, and back: the sheet's records placed on
//! the page's version of the article (by their sentence's span when the sheet carries its
//! sender's boundaries, then records of another segmenter, or of another version of the
//! text, find their sentence by fingerprint; the rest become orphans, shown and kept, never
//! dropped), a colleague's sheet as their read-only layer's document (decisions only: notes
//! and flags are their own; with their own boundaries when they are not ours, a boundary
//! disagreement for review mode), and the page's orphans in the sheet's form. The edge
//! calls `place` on `Event::Own` and `Event::Gold`, `layer_doc` on `Event::Layer`, and
//! `orphan_pairs` and `SheetBounds::of` to build `Replicator::set_own`'s arguments.

use std::collections::HashMap;

use super::doc::Sheet;
use crate::annotations::{Annotation, DocAnnotations};
use crate::boundaries::valid_spans;
use crate::document::Document;
use crate::layers::{LayerDoc, TheirBounds};
use crate::reattach::{reattach, Orphan};
use crate::segment::{self, SEGMENTER};
use crate::text::fingerprint;

/// The sheet's records on `doc`'s sentences, and those that found none (with its orphans).
pub fn place(doc: &Document, sheet: &Sheet) -> (DocAnnotations, Vec<Orphan>) {
    let (placed, rest) = by_span(doc, &sheet.bounds, sheet.records.clone());
    reattach(doc, &sheet.seg, placed, rest.into_iter().chain(sheet.orphans.iter().cloned()).collect())
}

/// Records by the sentences `spans` (the sender's boundaries; empty: the segmenter's) moved
/// to `doc`'s sentence with the same span, when the text there is the record's (its
/// fingerprint, or none); the others by their index, for re-attachment by fingerprint.
fn by_span(
    doc: &Document,
    spans: &[(usize, usize)],
    records: DocAnnotations,
) -> (DocAnnotations, Vec<(usize, Annotation)>) {
    if spans.is_empty() {
        return (records, Vec::new());
    }
    let at: HashMap<(usize, usize), usize> =
        doc.sentences.iter().enumerate().map(|(k, s)| ((s.start, s.end), k)).collect();
    let mut placed = DocAnnotations::new();
    let mut rest = Vec::new();
    for (i, mut r) in records {
        let target = spans
            .get(i)
            .and_then(|s| at.get(s))
            .copied()
            .filter(|&k| r.fingerprint.is_empty() || r.fingerprint == fingerprint(doc.sentence_text(k)));
        match target {
            Some(k) if !placed.contains_key(&k) => {
                r.fingerprint = fingerprint(doc.sentence_text(k));
                placed.insert(k, r);
            }
            _ => rest.push((i, r)),
        }
    }
    (placed, rest)
}

/// The sentences a sheet's indices refer to on `doc`'s text: its boundaries, or the
/// segmenter's when it sent none; `None` when unknown (another segmenter) or not of this
/// text.
pub fn sheet_spans(doc: &Document, sheet: &Sheet) -> Option<Vec<(usize, usize)>> {
    let spans = if !sheet.bounds.is_empty() {
        sheet.bounds.clone()
    } else if sheet.seg == SEGMENTER {
        if !doc.edited {
            return Some(doc.sentences.iter().map(|s| (s.start, s.end)).collect());
        }
        segment::segment(&doc.text).iter().map(|s| (s.start, s.end)).collect()
    } else {
        return None;
    };
    valid_spans(&doc.text, &spans).then_some(spans)
}

/// A colleague's sheet as their layer's document on `doc`, and how many of their decisions
/// found no sentence here. Their decisions go to our sentence with the same span, else by
/// fingerprint; when their sentences are not ours, the layer keeps them with their
/// decisions by their own index (`LayerDoc::theirs`): review mode lists the disagreement,
/// and the curator may adopt their boundaries.
pub fn layer_doc(doc: &Document, sheet: &Sheet) -> (LayerDoc, usize) {
    let decisions: DocAnnotations = sheet
        .records
        .iter()
        .filter(|(_, a)| a.decided())
        .map(|(i, a)| {
            let kept = Annotation {
                labels: a.labels.clone(),
                none: a.none,
                updated: a.updated,
                fingerprint: a.fingerprint.clone(),
                span: a.span,
                ..Default::default()
            };
            (*i, kept)
        })
        .collect();
    let spans = sheet_spans(doc, sheet);
    let (placed, rest) = match &spans {
        Some(spans) if !sheet.bounds.is_empty() || doc.edited => by_span(doc, spans, decisions.clone()),
        _ => (decisions.clone(), Vec::new()),
    };
    let (placed, lost) = reattach(doc, &sheet.seg, placed, rest);
    let theirs = spans.and_then(|spans| TheirBounds::differing(doc, spans, decisions));
    (LayerDoc { anns: placed, done: sheet.done, theirs }, lost.len())
}

/// The orphans of document `doc` among the page's, as a sheet keeps them.
pub fn orphan_pairs(orphans: &[Orphan], doc: &str) -> Vec<(usize, Annotation)> {
    orphans.iter().filter(|o| o.doc == doc).map(|o| (o.old_index, o.annotation.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ArticleInput;
    use crate::segment::SEGMENTER;
    use crate::text::fingerprint;

    fn doc() -> Document {
        Document::from_input(ArticleInput {
            id: Some("d".into()),
            text: "One here. Two here. Three here.".into(),
            ..Default::default()
        })
    }

    fn rec(d: &Document, i: usize, labels: &[&str], note: &str) -> Annotation {
        Annotation {
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            none: labels.is_empty() && note.is_empty(),
            note: note.into(),
            updated: 5,
            fingerprint: fingerprint(d.sentence_text(i)),
            ..Default::default()
        }
    }

    #[test]
    fn records_find_their_sentences_and_the_rest_stay_orphans() {
        let d = doc();
        let mut sheet = Sheet { seg: "other@1".into(), ..Default::default() };
        // Another segmenter's indices: sentence 2's record at index 7.
        sheet.records.insert(7, rec(&d, 2, &["claim"], ""));
        sheet.records.insert(
            0,
            Annotation { labels: vec!["demand".into()], fingerprint: "ffffffff".into(), ..Default::default() },
        );
        let (records, orphans) = place(&d, &sheet);
        assert_eq!(records[&2].labels, ["claim"]);
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphan_pairs(&orphans, "d"), [(0, orphans[0].annotation.clone())]);
        assert!(orphan_pairs(&orphans, "other").is_empty());
    }

    #[test]
    fn a_colleagues_sheet_becomes_decisions_only() {
        let d = doc();
        let mut sheet = Sheet { seg: SEGMENTER.into(), done: true, ..Default::default() };
        sheet.records.insert(0, rec(&d, 0, &["claim"], "their note"));
        sheet.records.insert(1, rec(&d, 1, &[], ""));
        sheet.records.insert(2, rec(&d, 2, &[], "a note alone"));
        let (layer, lost) = layer_doc(&d, &sheet);
        assert_eq!(lost, 0);
        assert!(layer.done);
        assert_eq!(layer.anns.keys().copied().collect::<Vec<_>>(), [0, 1]);
        assert!(layer.anns[&0].note.is_empty());
        assert_eq!(layer.decision(1), Some(&[][..]));
    }
}
