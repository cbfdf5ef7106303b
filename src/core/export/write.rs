//! Writing an export (docs/FORMAT.md §1) and its JSONL and CSV views (§2): the bytes other
//! tools read, so their order, quoting and escaping are decided here and nowhere else.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{ExportDoc, ExportSentence, ExportV1, APP_VERSION, FORMAT, VERSION};
use crate::core::annotations::AnnotationStore;
use crate::core::document::Document;
use crate::core::labels::LabelSet;
use crate::core::segment;
use crate::core::text;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// RFC 3339 UTC time of the export, given by the caller ("2026-11-21T10:00:00Z").
    pub exported_at: String,
    pub annotator: Option<String>,
    /// Only sentences with labels, a note or the unsure flag, and only documents with such
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
    let mut label_names = labels.names();
    let mut documents = Vec::with_capacity(docs.len());
    for doc in docs {
        let anns = store.doc(&doc.id);
        let done = opts.done.contains(&doc.id);
        let mut counter = text::CharCounter::new(&doc.text);
        let mut sentences = Vec::new();
        for (index, s) in doc.sentences.iter().enumerate() {
            let ann = anns.and_then(|a| a.get(&index)).filter(|a| !a.is_empty());
            if opts.labelled_only && ann.is_none() {
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
            };
            if let Some(a) = ann {
                for l in &a.labels {
                    if !label_names.contains(l) {
                        label_names.push(l.clone());
                    }
                }
                out.labels = a.labels.clone();
                out.note = a.note.clone();
                out.unsure = a.unsure;
                out.updated = a.updated;
                out.suggested = a.suggested.clone().filter(|_| a.decided());
            }
            sentences.push(out);
        }
        if opts.labelled_only && sentences.is_empty() {
            continue;
        }
        documents.push(ExportDoc {
            id: doc.id.clone(),
            source: doc.source.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            text: doc.text.clone(),
            done: Some(done),
            sentences,
        });
    }
    ExportV1 {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: opts.exported_at.clone(),
        app_version: APP_VERSION.to_owned(),
        segmenter: segment::SEGMENTER.to_owned(),
        labels: label_names,
        label_set: Some(labels.clone()),
        annotator: opts.annotator.clone().filter(|a| !a.trim().is_empty()),
        documents,
    }
}

/// The JSON file: pretty printed with two spaces, UTF-8 (not escaped), trailing newline.
pub fn to_json(export: &ExportV1) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(export).unwrap_or_default();
    s.push('\n');
    s
}

#[derive(Serialize)]
struct JsonlLine<'a> {
    text: &'a str,
    label: &'a [String],
    document_id: &'a str,
    sentence_index: usize,
    start: usize,
    end: usize,
    decided: bool,
    note: &'a str,
    unsure: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotations: Option<&'a std::collections::BTreeMap<String, Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
}

/// One JSON object per sentence and line: `text`, `label` (a list), `document_id`,
/// `sentence_index`, `start`, `end` (code points into the document text), `decided`, `note`,
/// `unsure`, and `suggested` on decided sentences that showed a suggestion.
///
/// The text classification format of doccano (other keys become metadata) and a file
/// Hugging Face `datasets` loads with `load_dataset("json", ...)`. `note` and `unsure` are on
/// every line (empty / false when unset) so every line has the same columns.
pub fn to_jsonl(export: &ExportV1) -> String {
    let mut out = String::new();
    for doc in &export.documents {
        for s in &doc.sentences {
            let line = JsonlLine {
                text: &s.text,
                label: &s.labels,
                document_id: &doc.id,
                sentence_index: s.index,
                start: s.start,
                end: s.end,
                decided: s.is_decided(),
                note: &s.note,
                unsure: s.unsure,
                suggested: s.suggested.as_deref(),
                annotations: s.annotations.as_ref(),
                status: s.status.as_deref(),
            };
            out.push_str(&serde_json::to_string(&line).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// One row per sentence: `document_id,sentence_index,start,end,text,labels,decided,unsure,note`.
///
/// RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled.
/// Labels are joined by `;`; `decided` and `unsure` are `true` or `false`. No byte order mark.
///
/// Against CSV formula injection (a spreadsheet running `=HYPERLINK(...)` found in an
/// article), a text cell (document id, sentence text, note) that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`. Such a cell therefore differs from the
/// JSON by that first character: read the JSON export when exact text matters.
pub fn to_csv(export: &ExportV1) -> String {
    let mut out = String::from("document_id,sentence_index,start,end,text,labels,decided,unsure,note\r\n");
    for doc in &export.documents {
        for s in &doc.sentences {
            let cells = [
                csv_text(&doc.id),
                s.index.to_string(),
                s.start.to_string(),
                s.end.to_string(),
                csv_text(&s.text),
                csv_text(&s.labels.join(";")),
                s.is_decided().to_string(),
                s.unsure.to_string(),
                csv_text(&s.note),
            ];
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_csv_field(&mut out, c);
            }
            out.push_str("\r\n");
        }
    }
    out
}

/// A user-controlled cell, defused against formula injection (see `to_csv`).
fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
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

/// `annotations-YYYYMMDD-HHMMSS.<ext>`; `ext` is one of json, jsonl, csv (anything else
/// becomes json).
pub fn file_name(ext: &str, y: u32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> String {
    named("annotations", ext, [y, mo, d, h, mi, s])
}

/// `gold-YYYYMMDD-HHMMSS.<ext>`: the adjudicated export.
pub fn gold_file_name(ext: &str, t: [u32; 6]) -> String {
    named("gold", ext, t)
}

fn named(stem: &str, ext: &str, [y, mo, d, h, mi, s]: [u32; 6]) -> String {
    let ext = match ext {
        "json" | "jsonl" | "csv" => ext,
        _ => "json",
    };
    format!("{stem}-{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}.{ext}")
}
