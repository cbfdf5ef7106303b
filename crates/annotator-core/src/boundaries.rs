//! Sentence boundaries the person fixes (docs/FORMAT.md §4, Sentence boundaries): a sentence
//! split in two at a gap between words, or joined with the next one in its paragraph. A wrong
//! boundary forces a wrong annotation (two speech acts in one unit, or one cut in half), so the
//! page lets the person mend it, and the annotations follow:
//! - a split keeps the sentence's labels, note and flag on the first part; the second part
//!   starts undecided;
//! - a join keeps both parts' labels (with one label per sentence: the first part's, and the
//!   dropped label is named so the page can say so; undo brings it back);
//! - the sentences after the edit move up or down one index, their records with them;
//! - other boundaries taken whole (a colleague's adopted in review mode, or one's own later
//!   ones from another browser through the team sync) take each record to the sentence with
//!   its span, else to the one where its sentence started (`records_onto`).
//!
//! Offsets here are byte offsets into the document text (the page turns them into code point
//! offsets for `data-split-at`).

use crate::annotations::{Annotation, DocAnnotations};
use crate::document::Document;
use crate::labels::LabelSet;
use crate::segment::{self, Span};

/// Byte offsets where sentence `index` can be split: the start of every word after its first
/// (a word starts after whitespace).
pub fn gaps(doc: &Document, index: usize) -> Vec<usize> {
    let Some(s) = doc.sentences.get(index) else { return Vec::new() };
    let text = &doc.text[s.start..s.end];
    let mut out = Vec::new();
    let mut prev_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            prev_space = true;
        } else {
            if prev_space && i > 0 {
                out.push(s.start + i);
            }
            prev_space = false;
        }
    }
    out
}

/// The spans after splitting sentence `index` at byte `at` (one of its `gaps`): the first
/// part ends before the whitespace, the second starts at `at`. `None` when `at` is not a gap.
pub fn split(doc: &Document, index: usize, at: usize) -> Option<Vec<Span>> {
    if !gaps(doc, index).contains(&at) {
        return None;
    }
    let s = doc.sentences[index];
    let end = s.start + doc.text[s.start..at].trim_end().len();
    let mut spans = doc.spans();
    spans[index] = Span { start: s.start, end };
    spans.insert(index + 1, Span { start: at, end: s.end });
    Some(spans)
}

/// The spans after joining sentence `index` with the next one, when both are in the same
/// paragraph.
pub fn join(doc: &Document, index: usize) -> Option<Vec<Span>> {
    let (a, b) = (doc.sentences.get(index)?, doc.sentences.get(index + 1)?);
    if a.paragraph != b.paragraph {
        return None;
    }
    let mut spans = doc.spans();
    spans[index] = Span { start: a.start, end: b.end };
    spans.remove(index + 1);
    Some(spans)
}

/// The spans of `doc` that the segmenter would not make: the person's edits (a stored
/// document keeps them, and only them, across a new segmenter version).
pub fn edited_spans(doc: &Document) -> Vec<Span> {
    let segmenter: std::collections::HashSet<Span> = segment::segment(&doc.text).into_iter().collect();
    doc.spans().into_iter().filter(|s| !segmenter.contains(s)).collect()
}

/// A text's sentences keeping the `edited` spans (in order) and segmenting the text around
/// them anew: what a new segmenter version makes of a document the person edited.
pub fn keep_edited(text: &str, edited: &[Span]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut prev = 0;
    for e in edited {
        if e.start < prev || e.end > text.len() {
            continue;
        }
        fill_gap(text, prev, e.start, &mut spans);
        spans.push(*e);
        prev = e.end;
    }
    fill_gap(text, prev, text.len(), &mut spans);
    spans
}

/// Segments `text[from..to]` (when it holds more than whitespace) onto `spans`.
pub fn fill_gap(text: &str, from: usize, to: usize, spans: &mut Vec<Span>) {
    if text[from..to].trim().is_empty() {
        return;
    }
    for s in segment::segment(&text[from..to]) {
        spans.push(Span { start: from + s.start, end: from + s.end });
    }
}

/// Records keyed by `old`'s sentence indices, moved to `new`'s sentence with the same span;
/// those whose sentence is not in `new` (split or joined) are returned apart, with their
/// old index. For the records that are not the person's own edit: gold and colleagues'
/// layers, whose rating was of the old unit.
pub fn remap(old: &Document, new: &Document, recs: &DocAnnotations) -> (DocAnnotations, Vec<(usize, Annotation)>) {
    let at: std::collections::HashMap<(usize, usize), usize> =
        new.sentences.iter().enumerate().map(|(k, s)| ((s.start, s.end), k)).collect();
    let mut kept = DocAnnotations::new();
    let mut lost = Vec::new();
    for (&j, rec) in recs {
        match old.sentences.get(j).and_then(|s| at.get(&(s.start, s.end))) {
            Some(&k) => {
                kept.insert(k, rec.clone());
            }
            None => lost.push((j, rec.clone())),
        }
    }
    (kept, lost)
}

/// Where a sentence of span `old` goes among `spans`: the sentence with the same span, else
/// the one its start lies in (it was split, or joined with another); `None` when none.
pub fn follow(old: (usize, usize), spans: &[Span]) -> Option<usize> {
    spans
        .iter()
        .position(|s| s.start == old.0 && s.end == old.1)
        .or_else(|| spans.iter().position(|s| s.start <= old.0 && old.0 < s.end.max(s.start + 1)))
}

/// One's own records of `doc` moved onto other boundaries `spans` (adopting a colleague's,
/// or one's own from another browser): a sentence that stays keeps its record; one split or
/// joined gives its record to the new sentence where it starts (`follow`). Two records
/// meeting in one sentence keep the first's labels (both with `multi`, or when the first
/// has none; the others are returned as dropped), notes joined, flags or'ed.
pub fn records_onto(
    doc: &Document,
    own: &DocAnnotations,
    spans: &[Span],
    labels: &LabelSet,
    multi: bool,
) -> (DocAnnotations, Vec<String>) {
    let mut after = DocAnnotations::new();
    let mut dropped = Vec::new();
    for (&j, rec) in own {
        let Some(old) = doc.sentences.get(j) else { continue };
        let Some(k) = follow((old.start, old.end), spans) else { continue };
        match after.get_mut(&k) {
            None => {
                after.insert(k, rec.clone());
            }
            Some(first) => absorb(first, rec, labels, multi, &mut dropped),
        }
    }
    (after, dropped)
}

/// Two records meeting in one sentence (a join, or other boundaries adopted): `first` takes
/// `other`'s labels too (with `multi`, or when it has none; else they are added to
/// `dropped`), their notes joined, flags or'ed.
fn absorb(first: &mut Annotation, other: &Annotation, labels: &LabelSet, multi: bool, dropped: &mut Vec<String>) {
    if multi || first.labels.is_empty() {
        for l in &other.labels {
            if !first.labels.contains(l) {
                first.labels.push(l.clone());
            }
        }
        first.labels.sort_by_key(|l| labels.rank(l));
    } else {
        dropped.extend(other.labels.iter().filter(|l| !first.labels.contains(l)).cloned());
    }
    if !other.note.is_empty() {
        first.note =
            if first.note.is_empty() { other.note.clone() } else { format!("{} / {}", first.note, other.note) };
    }
    first.unsure |= other.unsure;
    first.none = first.labels.is_empty() && (first.none || other.none);
}

/// Whether `spans` are in order: each start at or before its end, and at or after the end
/// of the one before (what can be checked without the text: a sheet as it is decoded).
pub fn in_order(spans: &[(usize, usize)]) -> bool {
    spans.iter().all(|&(a, b)| a <= b) && spans.windows(2).all(|w| w[0].1 <= w[1].0)
}

/// Whether `(a, b)` is a byte range of `text` on character boundaries.
pub fn fits(text: &str, (a, b): (usize, usize)) -> bool {
    a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
}

/// Whether `spans` are sentence boundaries of `text`: byte ranges in order, not
/// overlapping, on character boundaries (stored ones, a colleague's or another browser's,
/// before use).
pub fn valid_spans(text: &str, spans: &[(usize, usize)]) -> bool {
    in_order(spans) && spans.iter().all(|&s| fits(text, s))
}

/// A document's records after splitting sentence `index`: later ones move down one.
pub fn records_after_split(anns: &DocAnnotations, index: usize) -> DocAnnotations {
    anns.iter().map(|(&i, a)| (if i > index { i + 1 } else { i }, a.clone())).collect()
}

/// A document's records after joining sentences `index` and `index + 1`, and the labels
/// dropped (one label per sentence: the second part's, when the first has one).
pub fn records_after_join(
    anns: &DocAnnotations,
    index: usize,
    labels: &LabelSet,
    multi: bool,
) -> (DocAnnotations, Vec<String>) {
    let mut out = DocAnnotations::new();
    let mut dropped = Vec::new();
    let first = anns.get(&index);
    let second = anns.get(&(index + 1));
    let joined = match (first, second) {
        (None, None) => None,
        (Some(a), None) | (None, Some(a)) => Some(a.clone()),
        (Some(a), Some(b)) => {
            let mut j = a.clone();
            absorb(&mut j, b, labels, multi, &mut dropped);
            j.updated = a.updated.max(b.updated);
            Some(j)
        }
    };
    for (&i, a) in anns {
        if i < index {
            out.insert(i, a.clone());
        } else if i > index + 1 {
            out.insert(i - 1, a.clone());
        }
    }
    if let Some(j) = joined.filter(|j: &Annotation| !j.is_empty() || j.updated > 0) {
        out.insert(index, j);
    }
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ArticleInput;

    fn doc(text: &str) -> Document {
        Document::from_input(ArticleInput { id: Some("d".into()), text: text.into(), ..Default::default() })
    }

    fn ann(labels: &[&str], note: &str) -> Annotation {
        Annotation {
            labels: labels.iter().map(|s| s.to_string()).collect(),
            note: note.into(),
            updated: 5,
            ..Default::default()
        }
    }

    #[test]
    fn gaps_are_word_starts_after_the_first_word() {
        let d = doc("He said so, and she denied it.\n\nNext one.");
        let g = gaps(&d, 0);
        let words: Vec<&str> = g.iter().map(|&at| d.text[at..].split_whitespace().next().unwrap()).collect();
        assert_eq!(words, ["said", "so,", "and", "she", "denied", "it."]);
        assert!(gaps(&d, 9).is_empty());
    }

    #[test]
    fn split_then_join_gives_the_spans_back() {
        let d = doc("He said so, and she denied it.\n\nNext one.");
        let at = d.text.find("and").unwrap();
        let spans = split(&d, 0, at).unwrap();
        let d2 = d.with_boundaries(&spans, true);
        assert_eq!(d2.sentence_text(0), "He said so,");
        assert_eq!(d2.sentence_text(1), "and she denied it.");
        assert_eq!(d2.sentence_text(2), "Next one.");
        assert_eq!(d2.sentences[1].paragraph, 0);
        assert_eq!(d2.sentences[2].paragraph, 1);
        assert!(split(&d, 0, at + 1).is_none(), "not a gap");
        let back = join(&d2, 0).unwrap();
        assert_eq!(back, d.spans());
        assert!(join(&d2, 1).is_none(), "never across paragraphs");
        assert!(join(&d2, 2).is_none());
    }

    #[test]
    fn a_new_segmenter_keeps_the_edited_sentences_and_segments_the_rest() {
        let d = doc("He said so, and she denied it. Then more. And the end.");
        let at = d.text.find("and").unwrap();
        let d2 = d.with_boundaries(&split(&d, 0, at).unwrap(), true);
        let edited = edited_spans(&d2);
        let texts = |spans: &[Span]| spans.iter().map(|s| d.text[s.start..s.end].to_owned()).collect::<Vec<_>>();
        assert_eq!(texts(&edited), ["He said so,", "and she denied it."]);
        let again = keep_edited(&d.text, &edited);
        assert_eq!(texts(&again), ["He said so,", "and she denied it.", "Then more.", "And the end."]);
    }

    #[test]
    fn records_follow_a_split_and_a_join() {
        let labels = LabelSet::default_set();
        let mut anns = DocAnnotations::new();
        anns.insert(0, ann(&["claim"], "first"));
        anns.insert(1, ann(&["denial"], "second"));
        anns.insert(3, ann(&["demand"], ""));
        let split = records_after_split(&anns, 0);
        assert_eq!(split.keys().copied().collect::<Vec<_>>(), [0, 2, 4]);
        let (single, dropped) = records_after_join(&anns, 0, &labels, false);
        assert_eq!(single[&0].labels, ["claim"]);
        assert_eq!(dropped, ["denial"]);
        assert_eq!(single[&0].note, "first / second");
        assert_eq!(single.keys().copied().collect::<Vec<_>>(), [0, 2]);
        let (multi, dropped) = records_after_join(&anns, 0, &labels, true);
        assert_eq!(multi[&0].labels, ["claim", "denial"]);
        assert!(dropped.is_empty());
        // an undecided first part takes the second's label, nothing dropped
        let mut anns2 = DocAnnotations::new();
        anns2.insert(1, ann(&["demand"], ""));
        let (j, dropped) = records_after_join(&anns2, 0, &labels, false);
        assert_eq!(j[&0].labels, ["demand"]);
        assert!(dropped.is_empty());
    }
}
