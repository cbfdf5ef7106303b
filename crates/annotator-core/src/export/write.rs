//! Writing an export (docs/FORMAT.md §1) and its JSONL and CSV views (§2): the bytes other
//! tools read, so their order, quoting and escaping are decided here and nowhere else.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{ExportDoc, ExportSentence, ExportV1, APP_VERSION, FORMAT, VERSION};
use crate::annotations::{AnnotationStore, DocAnnotations};
use crate::document::Document;
use crate::labels::LabelSet;
use crate::segment;
use crate::text;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// RFC 3339 UTC time of the export, given by the caller ("2026-11-21T10:00:00Z").
    pub exported_at: String,
    pub annotator: Option<String>,
    /// Only decided sentences (a label, "none applies", or any sentence of a document marked
    /// done) and those with a note or the unsure flag, and only documents with such
    /// sentences. Such an export still imports: the missing sentences are segmented again.
    pub labelled_only: bool,
    /// Documents marked done: all their sentences are decided.
    pub done: BTreeSet<String>,
}

/// Builds the export of `docs` (in the given order) with their annotations.
///
/// Tombstones (empty annotations) count as unlabelled. The `labels` list of the export is
/// the label set's names, followed by any other label a sentence carries (a label removed
/// from the set since), so the file always checks.
pub fn build(docs: &[&Document], store: &AnnotationStore, labels: &LabelSet, opts: &ExportOptions) -> ExportV1 {
    let mut header = header(labels, opts);
    add_labels_carried(docs.iter().copied(), store, &mut header.labels);
    header.documents = docs.iter().filter_map(|doc| export_doc(doc, store.doc(&doc.id).map(|a| &**a), opts)).collect();
    header
}

/// Adds to `names` every label a sentence of `docs` carries that it lacks, in the order of
/// the documents, their sentences and each sentence's labels. Only the annotations are read
/// (no text): `Stream` runs it before writing anything.
pub(super) fn add_labels_carried<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    store: &AnnotationStore,
    names: &mut Vec<String>,
) {
    for doc in docs {
        let Some(anns) = store.doc(&doc.id) else { continue };
        for (_, a) in anns.range(..doc.sentences.len()) {
            if a.is_empty() {
                continue;
            }
            for l in &a.labels {
                if !names.contains(l) {
                    names.push(l.clone());
                }
            }
        }
    }
}

/// An export without its documents: the fields before `documents`, `labels` only the set's
/// names (`build` and `Stream` add the labels the sentences carry, `add_labels_carried`).
pub(super) fn header(labels: &LabelSet, opts: &ExportOptions) -> ExportV1 {
    ExportV1 {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: opts.exported_at.clone(),
        app_version: APP_VERSION.to_owned(),
        segmenter: segment::SEGMENTER.to_owned(),
        labels: labels.names(),
        label_set: Some(labels.clone()),
        annotator: opts.annotator.clone().filter(|a| !a.trim().is_empty()),
        curator: None,
        documents: Vec::new(),
    }
}

/// One document of the export with its annotations, or none when `labelled_only` leaves
/// none of its sentences.
pub(super) fn export_doc(doc: &Document, anns: Option<&DocAnnotations>, opts: &ExportOptions) -> Option<ExportDoc> {
    let done = opts.done.contains(&doc.id);
    let mut counter = text::CharCounter::new(&doc.text);
    let mut sentences = Vec::new();
    for (index, s) in doc.sentences.iter().enumerate() {
        let ann = anns.and_then(|a| a.get(&index)).filter(|a| !a.is_empty());
        // A done document's sentences are decided, those without labels as "none": kept
        // like an explicit "none".
        if opts.labelled_only && ann.is_none() && !done {
            continue;
        }
        let start = counter.at(s.start);
        let end = counter.at(s.end);
        let mut out = ExportSentence {
            index,
            start,
            end,
            text: doc.text[s.start..s.end].to_owned(),
            labels: Vec::new(),
            decided: Some(done || ann.is_some_and(|a| a.decided())),
            note: String::new(),
            unsure: false,
            updated: 0,
            suggested: None,
            annotations: None,
            status: None,
            gold: None,
        };
        if let Some(a) = ann {
            out.labels = a.labels.clone();
            out.note = a.note.clone();
            out.unsure = a.unsure;
            out.updated = a.updated;
            out.suggested = a.suggested.clone().filter(|_| a.decided());
        }
        sentences.push(out);
    }
    if opts.labelled_only && sentences.is_empty() {
        return None;
    }
    Some(ExportDoc {
        id: doc.id.clone(),
        source: doc.source.clone(),
        title: doc.title.clone(),
        date: doc.date.clone(),
        text: doc.text.clone(),
        done: Some(done),
        sentences,
    })
}

/// The JSON file: pretty printed with two spaces, UTF-8 (not escaped), trailing newline.
pub fn to_json(export: &ExportV1) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(export).unwrap_or_default();
    s.push('\n');
    s
}

/// One line of the JSONL view: the same keys on every line, `null` where there is nothing
/// (a tool that guesses a column's type from the first lines, or that fills a missing key
/// with NaN, reads every line alike).
#[derive(Serialize)]
struct JsonlLine<'a> {
    text: &'a str,
    label: &'a [String],
    document_id: &'a str,
    sentence_index: usize,
    start: usize,
    end: usize,
    annotator: Option<&'a str>,
    decided: bool,
    suggested: Option<&'a str>,
    note: &'a str,
    unsure: bool,
    #[serde(flatten)]
    gold: Option<GoldLine<'a>>,
}

/// The gold export's further keys, on each of its lines.
#[derive(Serialize)]
struct GoldLine<'a> {
    curator: Option<&'a str>,
    gold: &'a str,
    status: &'a str,
    /// A list of `{annotator, label}`, not a map by name: a table reader gets the same
    /// columns on every line, whoever rated the sentence.
    annotations: Vec<Rating<'a>>,
}

#[derive(Serialize)]
struct Rating<'a> {
    annotator: &'a str,
    label: &'a [String],
}

/// A sentence's line of the JSONL view (a gold export's lines with the gold keys).
fn line_of<'a>(export: &'a ExportV1, doc: &'a ExportDoc, s: &'a ExportSentence) -> JsonlLine<'a> {
    let gold = s.annotations.as_ref().map(|ratings| GoldLine {
        curator: export.curator.as_deref(),
        gold: s.gold.as_deref().unwrap_or(if s.is_decided() { "labelled" } else { "unset" }),
        status: s.status.as_deref().unwrap_or_default(),
        annotations: ratings.iter().map(|(annotator, label)| Rating { annotator, label }).collect(),
    });
    JsonlLine {
        text: &s.text,
        label: &s.labels,
        document_id: &doc.id,
        sentence_index: s.index,
        start: s.start,
        end: s.end,
        annotator: export.annotator.as_deref(),
        decided: s.is_decided(),
        suggested: s.suggested.as_deref(),
        note: &s.note,
        unsure: s.unsure,
        gold,
    }
}

/// One JSON object per sentence and line, every line with the same keys in the same order:
/// `text`, `label` (a list), `document_id`, `sentence_index`, `start`, `end` (code points
/// into the document text), `annotator`, `decided`, `suggested`, `note`, `unsure`; a gold
/// export's lines also `curator`, `gold`, `status`, `annotations` (docs/FORMAT.md §2).
///
/// The text classification format of doccano (other keys become its metadata, which must be
/// JSON: no key may be missing on some lines) and a Hugging Face `datasets` file.
pub fn to_jsonl(export: &ExportV1) -> String {
    let mut out = String::new();
    for doc in &export.documents {
        push_jsonl_lines(&mut out, export, doc);
    }
    out
}

/// The JSONL lines of one document of `export` (whose other fields give `annotator` and
/// `curator`; its documents are not read).
pub(super) fn push_jsonl_lines(out: &mut String, export: &ExportV1, doc: &ExportDoc) {
    for s in &doc.sentences {
        out.push_str(&serde_json::to_string(&line_of(export, doc, s)).unwrap_or_default());
        out.push('\n');
    }
}

/// The keys of every JSONL line, in order (a gold export's lines have four more).
pub const JSONL_KEYS: [&str; 11] = [
    "text",
    "label",
    "document_id",
    "sentence_index",
    "start",
    "end",
    "annotator",
    "decided",
    "suggested",
    "note",
    "unsure",
];

/// The CSV view's columns, in order: the JSONL's keys, the document and place first. The
/// first column's name follows the byte order mark, which a reader told "UTF-8" (not "UTF-8
/// with BOM") keeps in it: doccano's import form does, and then needs `text` and `label`
/// intact, so neither comes first.
pub const CSV_COLUMNS: [&str; 11] = [
    "document_id",
    "sentence_index",
    "start",
    "end",
    "text",
    "label",
    "annotator",
    "decided",
    "suggested",
    "note",
    "unsure",
];

/// One row per sentence, columns `CSV_COLUMNS`, after a UTF-8 byte order mark (without it,
/// spreadsheets and doccano take a UTF-8 file for a Windows code page).
///
/// RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled.
/// Labels are joined by `;`; `decided` and `unsure` are `true` or `false`; `annotator` and
/// `suggested` empty when there is none.
///
/// Every cell holds exactly the value of the JSON export: the offsets slice the document
/// text to the `text` cell, and ids join with the JSON. Nothing is prefixed against formula
/// injection (a `'` would change the text every tool reads); `formula_cells` counts the
/// cells a spreadsheet may take for a formula, so the page can say so (docs/FORMAT.md §2).
pub fn to_csv(export: &ExportV1) -> String {
    let mut out = csv_head();
    for doc in &export.documents {
        push_csv_rows(&mut out, export, doc);
    }
    out
}

/// The byte order mark and the CSV's header row.
pub(super) fn csv_head() -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&CSV_COLUMNS.join(","));
    out.push_str("\r\n");
    out
}

/// The CSV rows of one document of `export` (whose `annotator` fills that column).
pub(super) fn push_csv_rows(out: &mut String, export: &ExportV1, doc: &ExportDoc) {
    let annotator = export.annotator.as_deref().unwrap_or_default();
    for s in &doc.sentences {
        let cells = [
            doc.id.as_str(),
            &s.index.to_string(),
            &s.start.to_string(),
            &s.end.to_string(),
            &s.text,
            &s.labels.join(";"),
            annotator,
            if s.is_decided() { "true" } else { "false" },
            s.suggested.as_deref().unwrap_or_default(),
            &s.note,
            if s.unsure { "true" } else { "false" },
        ];
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_csv_field(out, c);
        }
        out.push_str("\r\n");
    }
}

/// How many cells of the CSV view start like a spreadsheet formula (`=`, `+`, `-`, `@`, a
/// tab or a carriage return): text from articles, ids, notes and names that a spreadsheet
/// opening the file may run, since the CSV keeps them exact.
pub fn formula_cells(export: &ExportV1) -> usize {
    export.documents.iter().map(|doc| formula_cells_of(export, doc)).sum()
}

/// `formula_cells` of one document's rows.
pub(super) fn formula_cells_of(export: &ExportV1, doc: &ExportDoc) -> usize {
    let risky = |c: &str| c.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let head = usize::from(export.annotator.as_deref().is_some_and(risky));
    let mut n = 0;
    for s in &doc.sentences {
        n += usize::from(risky(&s.text)) + usize::from(risky(&doc.id)) + usize::from(risky(&s.note)) + head;
        n += usize::from(s.labels.first().is_some_and(|l| risky(l)));
    }
    n
}

fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// `annotations-<annotator>-YYYYMMDD-HHMMSS.<ext>`: whose work a file is shows in its name
/// (docs/FORMAT.md §1); `ext` is one of `EXTENSIONS` (anything else becomes json).
pub fn file_name(annotator: &str, ext: &str, t: [u32; 6]) -> String {
    named("annotations", annotator, ext, t)
}

/// `gold-<curator>-YYYYMMDD-HHMMSS.<ext>`: the adjudicated export.
pub fn gold_file_name(curator: &str, ext: &str, t: [u32; 6]) -> String {
    named("gold", curator, ext, t)
}

/// The endings of the files the page writes: the export, its views, and the files for other
/// tools (Label Studio's tasks and labelling config, spaCy's binary corpus).
pub const EXTENSIONS: [&str; 6] = ["json", "jsonl", "csv", "label-studio.json", "label-studio.xml", "spacy"];

fn named(stem: &str, who: &str, ext: &str, [y, mo, d, h, mi, s]: [u32; 6]) -> String {
    let ext = if EXTENSIONS.contains(&ext) { ext } else { "json" };
    let who = file_safe(who);
    let who = if who.is_empty() { String::new() } else { format!("{who}-") };
    format!("{stem}-{who}{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}.{ext}")
}

/// A name as a part of a file name on every system: letters, digits, `-`, `_` and `.` kept
/// (no leading dot), anything else `_`, at most 64 characters; empty when nothing is left.
fn file_safe(name: &str) -> String {
    let kept: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .take(64)
        .collect();
    kept.trim_start_matches('.').to_owned()
}
