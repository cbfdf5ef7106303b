//! Reading an export back (docs/FORMAT.md §1, "Reading an export"): a file from another
//! annotator, another version of the page or a hand edit is checked before anything of it
//! is used. Format and version are checked once, on the file's header; then the meaning
//! (ids, spans, labels). Refusals are typed: the page words them (`view::words`).

use std::collections::HashSet;

use serde::Deserialize;

use super::{ExportDoc, ExportV1, FORMAT, VERSION};
use crate::segment::Span;

/// Why an export was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// Not JSON at all.
    NotJson(JsonError),
    /// No `"format"` string: not an export.
    NoFormat,
    /// Another program's format (the file's `format`).
    WrongFormat(String),
    /// No `"version"`.
    NoVersion,
    /// Written by a newer page (the file's version).
    NewerVersion(u64),
    /// A version no page wrote, as its JSON text (`0`, `"one"`, `1.5`).
    UnknownVersion(String),
    /// Our format and version, but not their shape (a field missing or of the wrong type).
    Damaged(JsonError),
    /// The `position`-th document (from 1) has an empty id.
    EmptyId { position: usize },
    /// Two documents have this id.
    DuplicateId(String),
    /// A sentence breaks an invariant.
    Sentence { doc: String, index: usize, problem: SentenceProblem },
}

/// What is wrong with a sentence of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SentenceProblem {
    /// Its index is not above the one before (`after`).
    IndexNotIncreasing { after: usize },
    /// Its code point offsets are reversed or past the end of the text (`chars` long).
    OutsideText { start: usize, end: usize, chars: usize },
    /// It starts before the sentence before it ends.
    Overlaps,
    /// `text[start:end]` is not its text.
    TextMismatch { start: usize, end: usize },
    /// A label missing from the export's label list.
    UnknownLabel(String),
    /// A label given twice.
    RepeatedLabel(String),
}

/// A JSON syntax or shape error, where it is (line and column from 1; 0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub problem: JsonProblem,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonProblem {
    /// Nested deeper than the parser goes.
    TooDeep,
    /// A `\u` escape that is not a character (a lone surrogate): the parser's words.
    BadEscape(String),
    /// Anything else: the parser's words.
    Other(String),
}

impl From<&serde_json::Error> for JsonError {
    fn from(e: &serde_json::Error) -> Self {
        let msg = e.to_string();
        let msg = match msg.rfind(" at line ") {
            Some(i) => msg[..i].to_owned(),
            None => msg,
        };
        let problem = if msg.contains("recursion limit") {
            JsonProblem::TooDeep
        } else if msg.contains("surrogate") || msg.contains("hex escape") {
            JsonProblem::BadEscape(msg)
        } else {
            JsonProblem::Other(msg)
        };
        JsonError { problem, line: e.line(), column: e.column() }
    }
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// Reads and checks an export (see `check`). Unknown fields are ignored.
pub fn parse_export(json: &str) -> Result<ExportV1, ExportError> {
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    // The header first: a newer version may have another shape, and deserves its own message.
    let header: Header = serde_json::from_str(json).map_err(|e| ExportError::NotJson((&e).into()))?;
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Err(ExportError::WrongFormat(other.to_owned())),
        None => return Err(ExportError::NoFormat),
    }
    match header.version.as_ref() {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => match v.as_u64() {
            Some(n) if n > VERSION => return Err(ExportError::NewerVersion(n)),
            _ => return Err(ExportError::UnknownVersion(v.to_string())),
        },
        None => return Err(ExportError::NoVersion),
    }
    let export: ExportV1 = serde_json::from_str(json).map_err(|e| ExportError::Damaged((&e).into()))?;
    check(&export)?;
    Ok(export)
}

/// Checks the meaning of an export: document ids present and unique; sentence indices
/// increasing (all from 0 in a full export, some in a labelled-only one); spans ordered, not
/// overlapping, inside the text, and `text[start:end]` (code points) equal to the sentence's
/// text; labels listed in the export's label list and not repeated. (Format and version are
/// the file's: `parse_export` checks them.)
pub fn check(export: &ExportV1) -> Result<(), ExportError> {
    checked_spans(export).map(drop)
}

/// `check`, giving the byte spans of each document's sentences.
pub(super) fn checked_spans(export: &ExportV1) -> Result<Vec<Vec<Span>>, ExportError> {
    let known: HashSet<&str> = export.labels.iter().map(String::as_str).collect();
    let mut ids = HashSet::new();
    let mut out = Vec::with_capacity(export.documents.len());
    for (n, doc) in export.documents.iter().enumerate() {
        if doc.id.trim().is_empty() {
            return Err(ExportError::EmptyId { position: n + 1 });
        }
        if !ids.insert(doc.id.as_str()) {
            return Err(ExportError::DuplicateId(doc.id.clone()));
        }
        out.push(doc_spans(doc)?);
        for s in &doc.sentences {
            for (i, l) in s.labels.iter().enumerate() {
                let problem = if !known.contains(l.as_str()) {
                    SentenceProblem::UnknownLabel(l.clone())
                } else if s.labels[..i].contains(l) {
                    SentenceProblem::RepeatedLabel(l.clone())
                } else {
                    continue;
                };
                return Err(ExportError::Sentence { doc: doc.id.clone(), index: s.index, problem });
            }
        }
    }
    Ok(out)
}

/// Byte spans of a document's sentences, checked (see `check`).
fn doc_spans(doc: &ExportDoc) -> Result<Vec<Span>, ExportError> {
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
        let refuse = |problem| Err(ExportError::Sentence { doc: doc.id.clone(), index: s.index, problem });
        if let Some(p) = prev_index {
            if s.index <= p {
                return refuse(SentenceProblem::IndexNotIncreasing { after: p });
            }
        }
        if s.start > s.end || s.end > total {
            return refuse(SentenceProblem::OutsideText { start: s.start, end: s.end, chars: total });
        }
        if s.start < prev_end {
            return refuse(SentenceProblem::Overlaps);
        }
        let b0 = to_byte(s.start);
        let b1 = to_byte(s.end);
        if doc.text[b0..b1] != s.text {
            return refuse(SentenceProblem::TextMismatch { start: s.start, end: s.end });
        }
        spans.push(Span { start: b0, end: b1 });
        prev_end = s.end;
        prev_index = Some(s.index);
    }
    Ok(spans)
}
