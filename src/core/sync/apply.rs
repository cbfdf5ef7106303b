//! From a sheet that arrived to what the page holds, and back: the sheet's records placed on
//! the page's version of the article (records of another segmenter, or of another version of
//! the text, find their sentence by fingerprint; the rest become orphans, shown and kept,
//! never dropped), a colleague's sheet as their read-only layer's document (decisions only:
//! notes and flags are their own), and the page's orphans in the sheet's form. The edge
//! calls `place` on `Event::Own` and `Event::Gold`, `layer_doc` on `Event::Layer`, and
//! `orphan_pairs` to build `Replicator::set_own`'s arguments.

use super::doc::Sheet;
use crate::core::annotations::{Annotation, DocAnnotations};
use crate::core::document::Document;
use crate::core::layers::LayerDoc;
use crate::core::reattach::{reattach, Orphan};

/// The sheet's records on `doc`'s sentences, and those that found none (with its orphans).
pub fn place(doc: &Document, sheet: &Sheet) -> (DocAnnotations, Vec<Orphan>) {
    reattach(doc, &sheet.seg, sheet.records.clone(), sheet.orphans.clone())
}

/// A colleague's sheet as their layer's document on `doc`, and how many of their decisions
/// found no sentence here.
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
    let (placed, lost) = reattach(doc, &sheet.seg, decisions, Vec::new());
    (LayerDoc { anns: placed, done: sheet.done, theirs: None }, lost.len())
}

/// The orphans of document `doc` among the page's, as a sheet keeps them.
pub fn orphan_pairs(orphans: &[Orphan], doc: &str) -> Vec<(usize, Annotation)> {
    orphans.iter().filter(|o| o.doc == doc).map(|o| (o.old_index, o.annotation.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::ArticleInput;
    use crate::core::segment::SEGMENTER;
    use crate::core::text::fingerprint;

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
