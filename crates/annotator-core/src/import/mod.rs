//! Turning the bytes of a dropped, picked or pasted file into articles or an annotation
//! export (docs/FORMAT.md §5). People drop whatever they have, so what a file holds is told
//! by its content, the extension only breaking ties:
//! - a JSON object with `"format": "sentence-annotator"`: an export (`export::parse_export`);
//! - a JSON array of objects with `text` (and optional `id`, `title`, `date`, `source`), or a
//!   single such object: articles;
//! - JSON Lines, one such object per line (blank lines skipped): articles;
//! - CSV (or tab / semicolon separated) with a header row that has a `text` column, RFC 4180
//!   quoting: articles, one per row;
//! - the page's own JSONL or CSV view of an export (sentences with `document_id` and
//!   `sentence_index`): a `Table` of annotations, never articles;
//! - anything else: one plain text article, the file's name as its source.
//!
//! One concern a file: `decode` (bytes to text), `sniff` (binary files), `json`, `csv`, and
//! `error` (what went wrong, typed; the page words it). Nothing here panics on any input;
//! memory stays proportional to the input, which is at most `MAX_FILE_BYTES`. Errors name
//! the file and the place (item, line, row: all counted from 1, CSV rows like a
//! spreadsheet, the header being row 1).

use std::collections::HashMap;

use super::document::{file_stem, ArticleInput};
use super::export::{ExportV1, Table};

mod csv;
mod decode;
mod error;
mod json;
mod sniff;
mod table;

#[cfg(test)]
mod tests;

pub use error::{BinaryKind, FormatField, ImportError, ImportErrorKind, ImportWarning, JsonType, Place, WarningKind};

use error::Warnings;
use json::JsonFail;

/// Largest file read (checked before reading it, and again on the bytes).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Name used in messages about pasted text.
pub const PASTED: &str = "pasted text";

/// What a file turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imported {
    Articles(Vec<ArticleInput>),
    /// Boxed: an export's header is large beside a list's.
    Export(Box<ExportV1>),
    /// The page's JSONL or CSV view of an export: annotations of sentences, to be put back
    /// onto the documents the page has (`Table::to_export`).
    Table(Table),
}

/// Refuses a file larger than `MAX_FILE_BYTES` before reading it (`len` in bytes, as the
/// browser's `File.size` gives it).
pub fn check_size(name: &str, len: u64) -> Result<(), ImportError> {
    if len > MAX_FILE_BYTES as u64 {
        let kind = ImportErrorKind::TooLarge { bytes: len, limit: MAX_FILE_BYTES };
        return Err(ImportError { file: name.to_owned(), place: None, kind });
    }
    Ok(())
}

/// Reads a file's bytes: articles or an export, with warnings (skipped items, duplicate ids).
pub fn parse_file(name: &str, bytes: &[u8]) -> Result<(Imported, Vec<ImportWarning>), ImportError> {
    check_size(name, bytes.len() as u64)?;
    let text = decode::decode(bytes).map_err(|kind| ImportError { file: name.to_owned(), place: None, kind })?;
    parse_text(name, Some(name), &text)
}

/// Reads pasted text the same way (named `PASTED` in errors). Articles from it get no
/// source, and ids from their content when they give none.
pub fn parse_pasted(text: &str) -> Result<(Imported, Vec<ImportWarning>), ImportError> {
    check_size(PASTED, text.len() as u64)?;
    if text.contains('\0') {
        return Err(ImportError { file: PASTED.to_owned(), place: None, kind: ImportErrorKind::NulCharacters });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    parse_text(PASTED, None, text)
}

/// Where the articles come from: the file (if any) and the naming of its items.
struct Origin<'a> {
    name: &'a str,
    file: Option<&'a str>,
}

impl Origin<'_> {
    fn extension(&self) -> String {
        let base = self.file.map_or("", |f| f.rsplit(['/', '\\']).next().unwrap_or(f));
        match base.rfind('.') {
            Some(i) if i > 0 => base[i + 1..].to_ascii_lowercase(),
            _ => String::new(),
        }
    }

    /// An id for the `n`-th item (1-based) without one: `<file stem>-<n>`; for pasted
    /// text none (the document derives one from its content).
    fn item_id(&self, n: usize) -> Option<String> {
        self.file.map(|f| format!("{}-{n}", file_stem(f)))
    }

    /// An error about this file.
    fn fail(&self, place: Option<Place>, kind: ImportErrorKind) -> ImportError {
        ImportError { file: self.name.to_owned(), place, kind }
    }
}

/// Articles with the place they come from, or an export.
enum Parsed {
    Items(Vec<(Place, ArticleInput)>),
    Export(Box<ExportV1>),
}

fn parse_text(name: &str, file: Option<&str>, text: &str) -> Result<(Imported, Vec<ImportWarning>), ImportError> {
    let origin = Origin { name, file };
    let ext = origin.extension();
    let json_ext = ext == "json" || ext == "jsonl" || ext == "ndjson";
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if trimmed.trim_end().is_empty() {
        let kind = if text.is_empty() { ImportErrorKind::Empty } else { ImportErrorKind::OnlyWhitespace };
        return Err(origin.fail(None, kind));
    }
    let mut warnings = Warnings::new(name);
    let looks_json = trimmed.starts_with('{') || trimmed.starts_with('[');
    if trimmed.starts_with('{') && table::is_jsonl_view(trimmed) {
        let view = table::parse_jsonl_view(&origin, text)?;
        return Ok((Imported::Table(view), warnings.finish()));
    }
    if looks_json || json_ext {
        let result = if trimmed.starts_with('[') {
            json::parse_json_array(&origin, text, &mut warnings)
        } else if trimmed.starts_with('{') {
            json::parse_json_object_or_lines(&origin, text, &mut warnings)
        } else {
            Err(JsonFail::Syntax(ImportErrorKind::NotJson))
        };
        match result {
            Ok(Parsed::Items(items)) => return finish_articles(&origin, items, warnings),
            Ok(Parsed::Export(export)) => return Ok((Imported::Export(export), warnings.finish())),
            Err(JsonFail::Content(e)) => return Err(e),
            Err(JsonFail::Syntax(kind)) if json_ext => return Err(origin.fail(None, kind)),
            // A text that merely starts with a bracket ("[Reuters] ..."): an article.
            Err(JsonFail::Syntax(kind)) => {
                warnings.clear();
                warnings.push(None, WarningKind::ReadAsText(kind));
            }
        }
    }
    if let Some((delim, header)) = csv::detect_csv(text, &ext) {
        if table::is_csv_view(&header) {
            let view = table::parse_csv_view(&origin, text, delim, &header)?;
            return Ok((Imported::Table(view), warnings.finish()));
        }
        let items = csv::parse_csv(&origin, text, delim, &header, &mut warnings)?;
        return finish_articles(&origin, items, warnings);
    }
    // A spreadsheet file without a `text` column is not one article titled by its header.
    if let Some(columns) = csv::header_of(text, &ext) {
        return Err(origin.fail(None, ImportErrorKind::NoTextColumn { columns }));
    }
    let article = ArticleInput { source: file.map(str::to_owned), text: text.to_owned(), ..Default::default() };
    Ok((Imported::Articles(vec![article]), warnings.finish()))
}

/// Drops duplicate ids (keeping the first) and checks something is left.
fn finish_articles(
    origin: &Origin,
    items: Vec<(Place, ArticleInput)>,
    mut warnings: Warnings,
) -> Result<(Imported, Vec<ImportWarning>), ImportError> {
    let mut seen: HashMap<String, Place> = HashMap::new();
    let mut out = Vec::with_capacity(items.len());
    for (place, item) in items {
        if let Some(id) = &item.id {
            if let Some(first) = seen.get(id) {
                warnings.push(Some(place), WarningKind::DuplicateId { id: id.clone(), first: *first });
                continue;
            }
            seen.insert(id.clone(), place);
        }
        out.push(item);
    }
    if out.is_empty() {
        return Err(origin.fail(None, ImportErrorKind::NoArticles));
    }
    Ok((Imported::Articles(out), warnings.finish()))
}
