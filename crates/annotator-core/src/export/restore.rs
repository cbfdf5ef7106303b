//! Rebuilding documents and annotations from a checked export (docs/FORMAT.md §1, "Reading
//! an export"): the export's sentences are kept as they were annotated, whatever the
//! page's segmenter would say now, so no label moves; what the export leaves out (a
//! labelled-only export, CR line ends) is made up here.

use super::read::checked_spans;
use super::{ExportError, ExportSentence, ExportV1};
use crate::annotations::{Annotation, DocAnnotations};
use crate::boundaries;
use crate::document::Document;
use crate::segment::{self, Span};
use crate::text;

/// A sentence's annotation. A decided sentence without labels is "none applies", unless
/// its document is done (then it is decided by the document's mark).
fn annotation_of(s: &ExportSentence, doc_done: bool) -> Annotation {
    Annotation {
        labels: s.labels.clone(),
        none: s.labels.is_empty() && s.is_decided() && !doc_done,
        note: s.note.clone(),
        unsure: s.unsure,
        updated: s.updated,
        suggested: s.suggested.clone(),
        ..Default::default()
    }
}

/// Rebuilds the documents of an export (keeping the export's sentences) and their
/// annotations. Unlabelled sentences get no record. The export is checked (`check`) on the
/// way: its offsets are trusted only then.
///
/// - A text with CR line ends (a hand-made file) is normalised first (CRLF and CR become
///   LF); the spans follow it, so no label is lost.
/// - Text outside the listed sentences (a labelled-only export) is segmented again: if the
///   segmenter's sentences contain every listed one at its index, they are used, otherwise
///   the gaps are segmented and the listed sentences kept, so indices may move.
pub fn restore(export: &ExportV1) -> Result<Vec<(Document, DocAnnotations)>, ExportError> {
    let all_spans = checked_spans(export)?;
    let mut out = Vec::with_capacity(export.documents.len());
    for (doc, raw_spans) in export.documents.iter().zip(all_spans) {
        // CRLF and lone CR become LF (docs/FORMAT.md §5), the spans moving along. A leading
        // U+FEFF stays: in an export's text it is content (the file's BOM is off already).
        let normalised = text::normalise_line_ends(&doc.text);
        let listed: Vec<Span> = raw_spans
            .iter()
            .map(|s| Span { start: normalised.offset(s.start), end: normalised.offset(s.end) })
            .collect();
        let body = normalised.text;
        let (spans, positions) = complete_spans(&body, &listed, &doc.sentences);
        let date = doc.date.clone().filter(|d| !d.trim().is_empty());
        let source = if doc.source.is_empty() { format!("{}.txt", doc.id) } else { doc.source.clone() };
        let title = if doc.title.trim().is_empty() { doc.id.clone() } else { doc.title.clone() };
        let document = Document::with_spans(doc.id.clone(), source, title, date, body, &spans);
        let mut anns = DocAnnotations::new();
        for (s, &pos) in doc.sentences.iter().zip(&positions) {
            let mut a = annotation_of(s, doc.is_done());
            if a.is_empty() {
                continue;
            }
            a.fingerprint = text::fingerprint(document.sentence_text(pos));
            let sp = document.sentences[pos];
            a.span = Some((sp.start, sp.end));
            anns.insert(pos, a);
        }
        out.push((document, anns));
    }
    Ok(out)
}

/// The sentence spans of a restored document and the position of each listed sentence.
fn complete_spans(body: &str, listed: &[Span], sentences: &[ExportSentence]) -> (Vec<Span>, Vec<usize>) {
    let mut gaps_have_text = false;
    let mut prev = 0;
    for s in listed.iter().chain(std::iter::once(&Span { start: body.len(), end: body.len() })) {
        if !body[prev..s.start].trim().is_empty() {
            gaps_have_text = true;
            break;
        }
        prev = s.end;
    }
    if !gaps_have_text {
        return (listed.to_vec(), (0..listed.len()).collect());
    }
    // Our segmenter may give back exactly the original sentences.
    let full = segment::segment(body);
    if sentences.iter().zip(listed).all(|(s, span)| full.get(s.index) == Some(span)) {
        return (full, sentences.iter().map(|s| s.index).collect());
    }
    let mut spans = Vec::new();
    let mut positions = Vec::with_capacity(listed.len());
    let mut prev = 0;
    for s in listed {
        boundaries::fill_gap(body, prev, s.start, &mut spans);
        positions.push(spans.len());
        spans.push(*s);
        prev = s.end;
    }
    boundaries::fill_gap(body, prev, body.len(), &mut spans);
    (spans, positions)
}
