//! The page's own JSONL and CSV views (docs/FORMAT.md §2) told apart from article files
//! and read as rows: their lines have `document_id` and `sentence_index`, their header the
//! view's columns. Read strictly: they are our own files, so a row that cannot be read
//! refuses the file, with its place (a half-restored annotation is worse than none).

use serde::Deserialize;

use super::csv::CsvReader;
use super::error::{ImportError, ImportErrorKind, Place};
use super::Origin;
use crate::export::{Table, TableRow};

/// The first readable line of JSON Lines is a sentence of the JSONL view.
pub(super) fn is_jsonl_view(text: &str) -> bool {
    let Some(first) = text.split('\n').map(str::trim).find(|l| !l.is_empty()) else { return false };
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(first) {
        Ok(obj) => obj.contains_key("document_id") && obj.contains_key("sentence_index") && obj.contains_key("text"),
        Err(_) => false,
    }
}

/// A header row of the CSV view: these columns, whatever else (older files name the
/// labels' column `labels`).
pub(super) fn is_csv_view(header: &[String]) -> bool {
    ["document_id", "sentence_index", "start", "end", "text"].iter().all(|c| header.iter().any(|h| h == c))
        && header.iter().any(|h| h == "label" || h == "labels")
}

/// A line of the JSONL view; other keys (a gold export's) are ignored.
#[derive(Deserialize)]
struct Line {
    text: String,
    #[serde(default)]
    label: Option<Vec<String>>,
    document_id: String,
    sentence_index: usize,
    start: usize,
    end: usize,
    #[serde(default)]
    annotator: Option<String>,
    #[serde(default)]
    decided: Option<bool>,
    #[serde(default)]
    suggested: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    unsure: Option<bool>,
}

fn name(s: Option<String>) -> Option<String> {
    s.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty())
}

pub(super) fn parse_jsonl_view(origin: &Origin, text: &str) -> Result<Table, ImportError> {
    let mut rows = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let place = Place::Line(i + 1);
        let l: Line = serde_json::from_str(line.trim_start_matches('\u{FEFF}'))
            .map_err(|e| origin.fail(Some(place), ImportErrorKind::BadViewRow(e.to_string())))?;
        rows.push(TableRow {
            document_id: l.document_id,
            sentence_index: l.sentence_index,
            start: l.start,
            end: l.end,
            text: l.text,
            label: l.label.unwrap_or_default(),
            decided: l.decided,
            suggested: l.suggested,
            note: l.note.unwrap_or_default(),
            unsure: l.unsure.unwrap_or(false),
            annotator: name(l.annotator),
        });
    }
    finish(origin, rows)
}

/// A view without a sentence is refused: there is nothing to restore.
fn finish(origin: &Origin, rows: Vec<TableRow>) -> Result<Table, ImportError> {
    if rows.is_empty() {
        return Err(origin.fail(None, ImportErrorKind::EmptyView));
    }
    Ok(Table { rows })
}

pub(super) fn parse_csv_view(origin: &Origin, text: &str, delim: u8, header: &[String]) -> Result<Table, ImportError> {
    let col = |k: &str| header.iter().position(|h| h == k);
    let label_col = col("label").or_else(|| col("labels"));
    let mut r = CsvReader::new(text, delim);
    let mut row = 0;
    let mut seen_header = false;
    let mut rows = Vec::new();
    while let Some(rec) = r.next_record() {
        row += 1;
        let place = Place::Row(row);
        let rec = rec.map_err(|_| origin.fail(Some(place), ImportErrorKind::UnclosedQuote))?;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if !seen_header {
            seen_header = true;
            continue;
        }
        let bad = |what: String| origin.fail(Some(place), ImportErrorKind::BadViewRow(what));
        let cell = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(String::as_str);
        let number = |k: &'static str| -> Result<usize, ImportError> {
            let v = cell(col(k)).unwrap_or_default();
            v.trim().parse().map_err(|_| bad(format!("{k} {v:?} is not a whole number")))
        };
        let flag = |k: &'static str| -> Result<Option<bool>, ImportError> {
            match cell(col(k)).map(str::trim) {
                None | Some("") => Ok(None),
                Some("true") => Ok(Some(true)),
                Some("false") => Ok(Some(false)),
                Some(v) => Err(bad(format!("{k} {v:?} is neither true nor false"))),
            }
        };
        let labels = cell(label_col).unwrap_or_default();
        rows.push(TableRow {
            document_id: cell(col("document_id")).unwrap_or_default().to_owned(),
            sentence_index: number("sentence_index")?,
            start: number("start")?,
            end: number("end")?,
            text: cell(col("text")).unwrap_or_default().to_owned(),
            label: labels.split(';').map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
            decided: flag("decided")?,
            suggested: cell(col("suggested")).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned),
            note: cell(col("note")).unwrap_or_default().to_owned(),
            unsure: flag("unsure")?.unwrap_or(false),
            annotator: name(cell(col("annotator")).map(str::to_owned)),
        });
    }
    finish(origin, rows)
}
