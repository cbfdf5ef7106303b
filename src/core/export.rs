//! The export format (SPEC §6): JSON version 1, plus JSONL and CSV views of it; reading an
//! export back (checked), rebuilding documents and annotations from it, and planning the
//! merge of another annotator's export into ours.
//!
//! Offsets in an export are Unicode code points into the document's normalised text, end
//! exclusive (Python slicing); inside the app they are byte offsets.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::annotations::{Annotation, AnnotationStore, DocAnnotations};
use super::document::Document;
use super::labels::LabelSet;
use super::segment::{self, Span};
use super::serde_util::{is_false, is_zero};
use super::text;

/// The `format` field of every export.
pub const FORMAT: &str = "sentence-annotator";
/// The export version this build writes and reads.
pub const VERSION: u64 = 1;
/// Version of the app, written into exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A whole export, SPEC §6. Unknown fields of a file are ignored when reading.
///
/// `format` and `version` are checked once, when a file is read (`parse_export`): a value
/// of this type is version 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportV1 {
    pub format: String,
    pub version: u64,
    #[serde(default)]
    pub exported_at: String,
    #[serde(default)]
    pub app_version: String,
    #[serde(default)]
    pub segmenter: String,
    pub labels: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    pub documents: Vec<ExportDoc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDoc {
    pub id: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub title: String,
    /// `null` when the article has no date.
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    #[serde(default)]
    pub sentences: Vec<ExportSentence>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSentence {
    pub index: usize,
    /// Code point offsets into the document text, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unsure: bool,
    /// Milliseconds since the Unix epoch of the last change (0: unknown, not written).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub updated: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// RFC 3339 UTC time of the export, given by the caller ("2026-11-21T10:00:00Z").
    pub exported_at: String,
    pub annotator: Option<String>,
    /// Only sentences with labels, a note or the unsure flag, and only documents with such
    /// sentences. Such an export still imports: the missing sentences are segmented again.
    pub labelled_only: bool,
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
                note: String::new(),
                unsure: false,
                updated: 0,
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
    note: &'a str,
    unsure: bool,
}

/// One JSON object per sentence and line: `text`, `label` (a list), `document_id`,
/// `sentence_index`, `start`, `end` (code points into the document text), `note`, `unsure`.
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
                note: &s.note,
                unsure: s.unsure,
            };
            out.push_str(&serde_json::to_string(&line).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// One row per sentence: `document_id,sentence_index,start,end,text,labels,unsure,note`.
///
/// RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled.
/// Labels are joined by `;`; `unsure` is `true` or `false`. No byte order mark.
///
/// Against CSV formula injection (a spreadsheet running `=HYPERLINK(...)` found in an
/// article), a text cell (document id, sentence text, note) that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`. Such a cell therefore differs from the
/// JSON by that first character: read the JSON export when exact text matters.
pub fn to_csv(export: &ExportV1) -> String {
    let mut out = String::from("document_id,sentence_index,start,end,text,labels,unsure,note\r\n");
    for doc in &export.documents {
        for s in &doc.sentences {
            let cells = [
                csv_text(&doc.id),
                s.index.to_string(),
                s.start.to_string(),
                s.end.to_string(),
                csv_text(&s.text),
                csv_text(&s.labels.join(";")),
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
    let ext = match ext {
        "json" | "jsonl" | "csv" => ext,
        _ => "json",
    };
    format!("annotations-{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}.{ext}")
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// Reads and checks an export (see `check`). Unknown fields are ignored.
pub fn parse_export(json: &str) -> Result<ExportV1, String> {
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    // The header first: a newer version may have another shape, and deserves its own message.
    let header: Header =
        serde_json::from_str(json).map_err(|e| format!("not a valid JSON export: {}", json_error(&e)))?;
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Err(format!("not a Sentence Annotator export (its format is {other:?})")),
        None => return Err(format!("not a Sentence Annotator export (no \"format\": {FORMAT:?})")),
    }
    match header.version.as_ref() {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) if v.as_u64().is_some_and(|n| n > VERSION) => {
            return Err(format!(
                "this export was made by a newer Sentence Annotator (version {v}); this page reads version {VERSION}"
            ))
        }
        Some(v) => return Err(format!("unknown export version {v}; this page reads version {VERSION}")),
        None => return Err("the export has no \"version\"".into()),
    }
    let export: ExportV1 =
        serde_json::from_str(json).map_err(|e| format!("the export is damaged: {}", json_error(&e)))?;
    check(&export)?;
    Ok(export)
}

/// A serde_json error in plain words, with its line and column.
pub(crate) fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg,
    };
    let msg = if msg.contains("recursion limit") {
        "nested too deeply".to_owned()
    } else if msg.contains("surrogate") || msg.contains("hex escape") {
        format!("{msg}: a \\u escape that is not a character (a lone surrogate?)")
    } else {
        msg
    };
    if e.line() > 0 {
        format!("{msg} (line {}, column {})", e.line(), e.column())
    } else {
        msg
    }
}

/// Checks the meaning of an export: document ids present and unique; sentence indices
/// increasing (all from 0 in a full export, some in a labelled-only one); spans ordered, not
/// overlapping, inside the text, and `text[start:end]` (code points) equal to the sentence's
/// text; labels listed in the export's label list and not repeated. (Format and version are
/// the file's: `parse_export` checks them.)
pub fn check(export: &ExportV1) -> Result<(), String> {
    checked_spans(export).map(drop)
}

/// `check`, giving the byte spans of each document's sentences.
fn checked_spans(export: &ExportV1) -> Result<Vec<Vec<Span>>, String> {
    let known: HashSet<&str> = export.labels.iter().map(String::as_str).collect();
    let mut ids = HashSet::new();
    let mut out = Vec::with_capacity(export.documents.len());
    for (n, doc) in export.documents.iter().enumerate() {
        if doc.id.trim().is_empty() {
            return Err(format!("document {} of the export has an empty id", n + 1));
        }
        if !ids.insert(doc.id.as_str()) {
            return Err(format!("document {:?} appears twice in the export", doc.id));
        }
        out.push(doc_spans(doc)?);
        for s in &doc.sentences {
            for (i, l) in s.labels.iter().enumerate() {
                if !known.contains(l.as_str()) {
                    return Err(format!(
                        "document {:?}, sentence {}: label {:?} is not in the export's label list",
                        doc.id, s.index, l
                    ));
                }
                if s.labels[..i].contains(l) {
                    return Err(format!("document {:?}, sentence {}: label {:?} is given twice", doc.id, s.index, l));
                }
            }
        }
    }
    Ok(out)
}

/// Byte spans of a document's sentences, checked (see `check`).
fn doc_spans(doc: &ExportDoc) -> Result<Vec<Span>, String> {
    let total = doc.text.chars().count();
    let mut spans = Vec::with_capacity(doc.sentences.len());
    // Code point -> byte, walking forward only: spans are ordered.
    let mut iter = doc.text.char_indices();
    let (mut cp, mut byte) = (0usize, 0usize);
    let mut to_byte = |target: usize| -> usize {
        while cp < target {
            match iter.next() {
                Some((_, c)) => {
                    byte += c.len_utf8();
                    cp += 1;
                }
                None => break,
            }
        }
        byte
    };
    let mut prev_end = 0usize;
    let mut prev_index: Option<usize> = None;
    for s in &doc.sentences {
        let name = || format!("document {:?}, sentence {}", doc.id, s.index);
        if let Some(p) = prev_index {
            if s.index <= p {
                return Err(format!("{}: sentence indices must increase (after {p})", name()));
            }
        }
        if s.start > s.end || s.end > total {
            return Err(format!(
                "{}: offsets {}..{} do not fit in the text ({total} characters)",
                name(),
                s.start,
                s.end
            ));
        }
        if s.start < prev_end {
            return Err(format!("{}: overlaps the sentence before it", name()));
        }
        let b0 = to_byte(s.start);
        let b1 = to_byte(s.end);
        if doc.text[b0..b1] != s.text {
            return Err(format!("{}: the text at {}..{} is not the sentence's text", name(), s.start, s.end));
        }
        spans.push(Span { start: b0, end: b1 });
        prev_end = s.end;
        prev_index = Some(s.index);
    }
    Ok(spans)
}

fn annotation_of(s: &ExportSentence) -> Annotation {
    Annotation {
        labels: s.labels.clone(),
        note: s.note.clone(),
        unsure: s.unsure,
        updated: s.updated,
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
pub fn restore(export: &ExportV1) -> Result<Vec<(Document, DocAnnotations)>, String> {
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
            let mut a = annotation_of(s);
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
        fill_gap(body, prev, s.start, &mut spans);
        positions.push(spans.len());
        spans.push(*s);
        prev = s.end;
    }
    fill_gap(body, prev, body.len(), &mut spans);
    (spans, positions)
}

fn fill_gap(body: &str, from: usize, to: usize, spans: &mut Vec<Span>) {
    if body[from..to].trim().is_empty() {
        return;
    }
    for s in segment::segment(&body[from..to]) {
        spans.push(Span { start: from + s.start, end: from + s.end });
    }
}

/// Two different annotations of the same sentence: the person decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub doc: String,
    /// Index of the sentence in our document.
    pub index: usize,
    pub sentence: String,
    pub mine: Annotation,
    pub theirs: Annotation,
}

/// What merging another export would do; nothing is applied yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergePlan {
    /// Documents we don't have: added whole, with their annotations.
    pub new_docs: Vec<(Document, DocAnnotations)>,
    /// Sentences only they annotated: (document id, our sentence index, their annotation,
    /// with the fingerprint of our sentence and their time).
    pub updates: Vec<(String, usize, Annotation)>,
    /// Sentences both annotated differently (labels, note or unsure flag).
    pub conflicts: Vec<Conflict>,
    /// Sentences both annotated the same way.
    pub unchanged: usize,
    /// Their annotations of sentences our version of the document doesn't have (its text
    /// differs): (document id, their sentence text, their annotation). Shown, not applied.
    pub unmatched: Vec<(String, String, Annotation)>,
}

/// Plans the merge of `incoming` (from `restore`) into our documents and annotations.
/// Documents are matched by id; sentences by index when the texts and sentences agree,
/// else by sentence text (the n-th occurrence of a text with the n-th, else the first).
pub fn plan_merge(
    existing: &[&Document],
    store: &AnnotationStore,
    incoming: Vec<(Document, DocAnnotations)>,
) -> MergePlan {
    let by_id: HashMap<&str, &Document> = existing.iter().map(|d| (d.id.as_str(), *d)).collect();
    let mut plan = MergePlan::default();
    for (theirs_doc, theirs_anns) in incoming {
        let Some(mine_doc) = by_id.get(theirs_doc.id.as_str()).copied() else {
            plan.new_docs.push((theirs_doc, theirs_anns));
            continue;
        };
        let same = mine_doc.text == theirs_doc.text && mine_doc.spans() == theirs_doc.spans();
        // Sentence text -> our indices, for matching by text.
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
        if !same {
            for i in 0..mine_doc.sentences.len() {
                by_text.entry(mine_doc.sentence_text(i)).or_default().push(i);
            }
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut occurrence = BTreeMap::new();
        if !same {
            for i in 0..theirs_doc.sentences.len() {
                let t = theirs_doc.sentence_text(i);
                let n = seen.entry(t).or_insert(0);
                occurrence.insert(i, *n);
                *n += 1;
            }
        }
        for (idx, theirs) in theirs_anns {
            if theirs.is_empty() || idx >= theirs_doc.sentences.len() {
                continue;
            }
            let sentence = theirs_doc.sentence_text(idx);
            let target = if same {
                Some(idx)
            } else {
                by_text.get(sentence).map(|v| {
                    let n = occurrence.get(&idx).copied().unwrap_or(0);
                    v.get(n).copied().unwrap_or(v[0])
                })
            };
            let Some(target) = target else {
                plan.unmatched.push((theirs_doc.id.clone(), sentence.to_owned(), theirs));
                continue;
            };
            let mut theirs = theirs;
            theirs.fingerprint = text::fingerprint(mine_doc.sentence_text(target));
            let sp = mine_doc.sentences[target];
            theirs.span = Some((sp.start, sp.end));
            match store.get(&mine_doc.id, target).filter(|a| !a.is_empty()) {
                None => plan.updates.push((mine_doc.id.clone(), target, theirs)),
                Some(mine) if mine.same_content(&theirs) => plan.unchanged += 1,
                Some(mine) => plan.conflicts.push(Conflict {
                    doc: mine_doc.id.clone(),
                    index: target,
                    sentence: mine_doc.sentence_text(target).to_owned(),
                    mine: mine.clone(),
                    theirs,
                }),
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::ArticleInput;

    fn doc(id: &str, text: &str) -> Document {
        Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() })
    }

    fn ann(labels: &[&str]) -> Annotation {
        Annotation { labels: labels.iter().map(|s| s.to_string()).collect(), updated: 7, ..Default::default() }
    }

    fn opts() -> ExportOptions {
        ExportOptions { exported_at: "2026-11-21T10:00:00Z".into(), ..Default::default() }
    }

    #[test]
    fn build_lists_every_sentence_in_code_points() {
        let d = doc("d1", "Émoji 😀 here.\nSecond line 中文.\nThird.");
        let mut store = AnnotationStore::default();
        store.set("d1", 1, ann(&["claim"]));
        store.set("d1", 2, Annotation { updated: 9, ..Default::default() }); // tombstone
        let e = build(&[&d], &store, &LabelSet::default_set(), &opts());
        assert_eq!(e.format, "sentence-annotator");
        assert_eq!(e.version, 1);
        assert_eq!(e.labels, ["claim", "denial", "demand"]);
        let ss = &e.documents[0].sentences;
        assert_eq!(ss.len(), d.sentences.len());
        for s in ss {
            let py: String = e.documents[0].text.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(py, s.text);
        }
        assert_eq!(ss[1].labels, ["claim"]);
        assert!(ss[0].labels.is_empty());
        assert_eq!(ss[2].updated, 0, "a tombstone exports as unlabelled");
        let json = to_json(&e);
        assert!(json.ends_with("}\n"));
        assert!(json.contains("\n  \"format\": \"sentence-annotator\""));
        assert!(json.contains("\"date\": null"));
        assert!(!json.contains("\"annotator\""));
        assert!(!json.contains("\"note\""));
        // Field order as in SPEC §6.
        let order = [
            "\"format\"",
            "\"version\"",
            "\"exported_at\"",
            "\"app_version\"",
            "\"segmenter\"",
            "\"labels\"",
            "\"documents\"",
        ];
        let pos: Vec<usize> = order.iter().map(|k| json.find(k).unwrap()).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]));
        let dpos: Vec<usize> = ["\"id\"", "\"source\"", "\"title\"", "\"date\"", "\"text\"", "\"sentences\""]
            .iter()
            .map(|k| json.find(k).unwrap())
            .collect();
        assert!(dpos.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn labelled_only_keeps_labelled_notes_and_unsure() {
        let d = doc("d1", "One.\nTwo.\nThree.\nFour.");
        let e0 = doc("empty", "Nothing here.");
        let mut store = AnnotationStore::default();
        store.set("d1", 0, ann(&["denial"]));
        store.set("d1", 2, Annotation { note: "hm".into(), ..Default::default() });
        store.set("d1", 3, Annotation { unsure: true, ..Default::default() });
        let o = ExportOptions { labelled_only: true, annotator: Some("ann".into()), ..opts() };
        let e = build(&[&d, &e0], &store, &LabelSet::default_set(), &o);
        assert_eq!(e.documents.len(), 1);
        let idx: Vec<usize> = e.documents[0].sentences.iter().map(|s| s.index).collect();
        assert_eq!(idx, [0, 2, 3]);
        assert_eq!(e.annotator.as_deref(), Some("ann"));
        // It restores to the whole document, labels at their places.
        let back = parse_export(&to_json(&e)).and_then(|e| restore(&e)).unwrap();
        assert_eq!(back[0].0.sentences.len(), 4);
        assert_eq!(back[0].1[&0].labels, ["denial"]);
        assert_eq!(back[0].1[&2].note, "hm");
        assert!(back[0].1[&3].unsure);
    }

    #[test]
    fn jsonl_and_csv() {
        let d = doc("d1", "=cmd|' /C calc'!A0 said \"hi\", then.\nPlain, with comma.\n-5 degrees.");
        let mut store = AnnotationStore::default();
        store.set(
            "d1",
            0,
            Annotation {
                labels: vec!["claim".into(), "demand".into()],
                note: "n,1".into(),
                unsure: true,
                ..Default::default()
            },
        );
        let e = build(&[&d], &store, &LabelSet::default_set(), &opts());
        let jsonl = to_jsonl(&e);
        let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["label"], serde_json::json!(["claim", "demand"]));
        assert_eq!(lines[0]["document_id"], "d1");
        assert_eq!(lines[0]["unsure"], true);
        assert_eq!(lines[1]["label"], serde_json::json!([]));
        assert_eq!(lines[2]["sentence_index"], 2);
        let csv = to_csv(&e);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(rows[0], "document_id,sentence_index,start,end,text,labels,unsure,note");
        assert!(rows[1].starts_with("d1,0,0,"));
        assert!(
            rows[1].contains(",\"'=cmd|' /C calc'!A0 said \"\"hi\"\", then.\",claim;demand,true,\"n,1\""),
            "{}",
            rows[1]
        );
        assert!(rows[2].contains(",\"Plain, with comma.\",,false,"));
        assert!(rows[3].contains(",'-5 degrees.,"));
    }

    #[test]
    fn file_names() {
        assert_eq!(file_name("json", 2026, 11, 21, 9, 5, 3), "annotations-20261121-090503.json");
        assert_eq!(file_name("csv", 2026, 1, 2, 3, 4, 5), "annotations-20260102-030405.csv");
        assert_eq!(file_name("../x", 2026, 1, 2, 3, 4, 5), "annotations-20260102-030405.json");
    }

    fn minimal(doc_json: &str) -> String {
        format!(r#"{{"format":"sentence-annotator","version":1,"labels":["claim"],"documents":[{doc_json}]}}"#)
    }

    #[test]
    fn parse_export_refuses_bad_files_clearly() {
        let newer = r#"{"format":"sentence-annotator","version":2,"documents":{"other":"shape"}}"#;
        let e = parse_export(newer).unwrap_err();
        assert!(e.contains("newer Sentence Annotator (version 2); this page reads version 1"), "{e}");
        assert!(parse_export(r#"{"format":"other","version":1}"#).unwrap_err().contains("not a Sentence Annotator"));
        assert!(parse_export(r#"{"version":1}"#).is_err());
        assert!(parse_export("[1]").is_err());
        assert!(parse_export(&"[".repeat(10_000)).unwrap_err().contains("nested too deeply"));
        let ok = minimal(
            r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":6,"text":"Ab cd.","labels":["claim"]}]}"#,
        );
        parse_export(&ok).unwrap();
        let cases = [
            (
                r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":7,"text":"Ab cd.","labels":[]}]}"#,
                "do not fit",
            ),
            (
                r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":5,"text":"Ab cd.","labels":[]}]}"#,
                "not the sentence's text",
            ),
            (
                r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":6,"text":"Ab cd.","labels":["nope"]}]}"#,
                "not in the export's label list",
            ),
            (
                r#"{"id":"a","text":"Ab cd.","sentences":[{"index":1,"start":0,"end":2,"text":"Ab","labels":[]},{"index":0,"start":3,"end":6,"text":"cd.","labels":[]}]}"#,
                "indices must increase",
            ),
            (
                r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":4,"text":"Ab c","labels":[]},{"index":1,"start":3,"end":6,"text":"cd.","labels":[]}]}"#,
                "overlaps",
            ),
            (r#"{"id":"","text":"Ab cd.","sentences":[]}"#, "empty id"),
            (
                r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":3,"end":2,"text":"","labels":[]}]}"#,
                "do not fit",
            ),
        ];
        for (d, want) in cases {
            let e = parse_export(&minimal(d)).unwrap_err();
            assert!(e.contains(want), "{e} / {want}");
            assert!(e.contains("\"a\"") || want == "empty id", "{e}");
        }
        let twice = r#"{"format":"sentence-annotator","version":1,"labels":[],"documents":[{"id":"a","text":"x"},{"id":"a","text":"y"}]}"#;
        assert!(parse_export(twice).unwrap_err().contains("twice"));
    }

    #[test]
    fn restore_normalises_crlf_keeping_labels() {
        let text = "First one.\r\nSecond 😀 one.\r\rThird.";
        let mk = |s: &str| {
            let cs: Vec<char> = text.chars().collect();
            let b = text.find(s).unwrap();
            let start = text[..b].chars().count();
            let end = start + s.chars().count();
            assert_eq!(cs[start..end].iter().collect::<String>(), s);
            (start, end)
        };
        let sents = ["First one.", "Second 😀 one.", "Third."];
        let mut list = Vec::new();
        for (i, s) in sents.iter().enumerate() {
            let (a, b) = mk(s);
            list.push(format!(r#"{{"index":{i},"start":{a},"end":{b},"text":"{s}","labels":["claim"]}}"#));
        }
        let d =
            format!(r#"{{"id":"a","text":{},"sentences":[{}]}}"#, serde_json::to_string(text).unwrap(), list.join(","));
        let e = parse_export(&minimal(&d)).unwrap();
        let back = restore(&e).unwrap();
        let (doc, anns) = &back[0];
        assert_eq!(doc.text, "First one.\nSecond 😀 one.\n\nThird.");
        for (i, s) in sents.iter().enumerate() {
            assert_eq!(doc.sentence_text(i), *s);
            assert_eq!(anns[&i].fingerprint, text::fingerprint(s));
        }
        assert_eq!(doc.title, "a");
        assert_eq!(doc.source, "a.txt");
    }

    #[test]
    fn merge_plan() {
        let mine = doc("d", "Alpha.\nBeta.\nGamma.\nDelta.");
        let mut store = AnnotationStore::default();
        store.set("d", 0, ann(&["claim"]));
        store.set("d", 1, ann(&["claim"]));
        // Theirs: same text.
        let theirs = mine.clone();
        let mut t = DocAnnotations::new();
        t.insert(0, ann(&["claim"])); // same
        t.insert(1, ann(&["denial"])); // conflict
        t.insert(2, ann(&["demand"])); // update
        let other = doc("new", "New doc.");
        let plan = plan_merge(&[&mine], &store, vec![(theirs, t), (other, DocAnnotations::new())]);
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.conflicts.len(), 1);
        assert_eq!(plan.conflicts[0].index, 1);
        assert_eq!(plan.conflicts[0].sentence, "Beta.");
        assert_eq!(plan.conflicts[0].mine.labels, ["claim"]);
        assert_eq!(plan.conflicts[0].theirs.labels, ["denial"]);
        assert_eq!(plan.updates.len(), 1);
        assert_eq!(plan.updates[0].1, 2);
        assert_eq!(plan.updates[0].2.fingerprint, text::fingerprint("Gamma."));
        assert_eq!(plan.new_docs.len(), 1);

        // Theirs: different text, matched by sentence text.
        let theirs = doc("d", "Intro.\nGamma.\nBeta.\nGone.");
        let mut t = DocAnnotations::new();
        t.insert(1, ann(&["denial"])); // Gamma -> our 2, update
        t.insert(2, ann(&["claim"])); // Beta -> our 1, unchanged
        t.insert(3, ann(&["claim"])); // Gone: unmatched
        let plan = plan_merge(&[&mine], &store, vec![(theirs, t)]);
        assert_eq!(
            plan.updates,
            vec![(
                "d".to_string(),
                2,
                Annotation { fingerprint: text::fingerprint("Gamma."), span: Some((13, 19)), ..ann(&["denial"]) }
            )]
        );
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.unmatched.len(), 1);
        assert_eq!(plan.unmatched[0].1, "Gone.");
    }
}
