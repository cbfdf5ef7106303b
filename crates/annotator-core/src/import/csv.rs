//! Articles from CSV (or tab / semicolon separated) files: a header row with a `text`
//! column, one article a row, RFC 4180 quoting (docs/FORMAT.md §5). Spreadsheets and
//! datasets come this way; a small reader of our own keeps the core free of dependencies.

use super::error::{ImportError, ImportErrorKind, Place, WarningKind, Warnings};
use super::Origin;
use crate::document::ArticleInput;

/// RFC 4180 records, one at a time; fields are kept as they are (CRLF inside quotes too).
pub(super) struct CsvReader<'a> {
    s: &'a str,
    pos: usize,
    delim: u8,
}

/// A quoted field runs to the end of the file.
pub(super) struct Unterminated;

impl<'a> CsvReader<'a> {
    pub(super) fn new(s: &'a str, delim: u8) -> Self {
        CsvReader { s, pos: 0, delim }
    }

    /// End of the unquoted run from `i`: the next delimiter or line end.
    fn run_end(&self, i: usize) -> usize {
        let b = self.s.as_bytes();
        b[i..].iter().position(|&c| c == self.delim || c == b'\n' || c == b'\r').map_or(b.len(), |p| i + p)
    }

    pub(super) fn next_record(&mut self) -> Option<Result<Vec<String>, Unterminated>> {
        let b = self.s.as_bytes();
        if self.pos >= b.len() {
            return None;
        }
        let mut fields = Vec::new();
        let mut i = self.pos;
        loop {
            let mut field = String::new();
            if b.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    let Some(q) = b[i..].iter().position(|&c| c == b'"').map(|p| i + p) else {
                        self.pos = b.len();
                        return Some(Err(Unterminated));
                    };
                    field.push_str(&self.s[i..q]);
                    if b.get(q + 1) == Some(&b'"') {
                        field.push('"');
                        i = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
            }
            // Unquoted text, or stray text after a closing quote (kept, leniently).
            let stop = self.run_end(i);
            field.push_str(&self.s[i..stop]);
            i = stop;
            fields.push(field);
            match b.get(i) {
                None => {
                    self.pos = b.len();
                    return Some(Ok(fields));
                }
                Some(&c) if c == self.delim => i += 1,
                Some(b'\r') => {
                    i += 1;
                    if b.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    self.pos = i;
                    return Some(Ok(fields));
                }
                Some(_) => {
                    self.pos = i + 1;
                    return Some(Ok(fields));
                }
            }
        }
    }
}

fn column_key(h: &str) -> String {
    h.trim().trim_start_matches('\u{FEFF}').to_lowercase()
}

/// A header row with a `text` column: its delimiter and columns. One column alone counts
/// only in a .csv / .tsv file (a text whose first line is "Text" is an article).
pub(super) fn detect_csv(text: &str, ext: &str) -> Option<(u8, Vec<String>)> {
    let mut best: Option<(u8, Vec<String>)> = None;
    for delim in [b',', b'\t', b';'] {
        let mut r = CsvReader::new(text, delim);
        let header = loop {
            match r.next_record()? {
                Ok(rec) if rec.iter().all(|f| f.trim().is_empty()) => continue,
                Ok(rec) => break rec,
                Err(Unterminated) => return best,
            }
        };
        let header: Vec<String> = header.iter().map(|h| column_key(h)).collect();
        if !header.iter().any(|h| h == "text") {
            continue;
        }
        if header.len() < 2 && !matches!(ext, "csv" | "tsv") {
            continue;
        }
        if best.as_ref().is_none_or(|(_, b)| header.len() > b.len()) {
            best = Some((delim, header));
        }
    }
    best
}

/// The header of a .csv / .tsv file (by its extension), as written, when it has one.
pub(super) fn header_of(text: &str, ext: &str) -> Option<Vec<String>> {
    let delim = match ext {
        "csv" => b',',
        "tsv" => b'\t',
        _ => return None,
    };
    let mut r = CsvReader::new(text, delim);
    loop {
        match r.next_record()? {
            Ok(rec) if rec.iter().all(|f| f.trim().is_empty()) => continue,
            Ok(rec) => return Some(rec.iter().map(|f| f.trim().to_owned()).collect()),
            Err(Unterminated) => return None,
        }
    }
}

pub(super) fn parse_csv<'a>(
    origin: &Origin<'a>,
    text: &str,
    delim: u8,
    header: &[String],
    warnings: &mut Warnings<'a>,
) -> Result<Vec<(Place, ArticleInput)>, ImportError> {
    let col = |k: &str| header.iter().position(|h| h == k);
    let text_col = col("text").unwrap_or(0);
    let (id_col, title_col, date_col, source_col) = (col("id"), col("title"), col("date"), col("source"));
    let mut r = CsvReader::new(text, delim);
    let mut row = 0;
    let mut seen_header = false;
    let mut n = 0;
    let mut out = Vec::new();
    while let Some(rec) = r.next_record() {
        row += 1;
        let place = Place::Row(row);
        let rec = rec.map_err(|Unterminated| origin.fail(Some(place), ImportErrorKind::UnclosedQuote))?;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if !seen_header {
            seen_header = true;
            continue;
        }
        n += 1;
        let Some(text) = rec.get(text_col) else {
            let kind = ImportErrorKind::NoTextField { fields: rec.len(), columns: header.len() };
            return Err(origin.fail(Some(place), kind));
        };
        if text.trim().is_empty() {
            warnings.push(Some(place), WarningKind::EmptyText);
            continue;
        }
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        out.push((
            place,
            ArticleInput {
                id: get(id_col).or_else(|| origin.item_id(n)),
                source: get(source_col).or_else(|| origin.file.map(str::to_owned)),
                title: get(title_col),
                date: get(date_col),
                text: text.clone(),
            },
        ));
    }
    Ok(out)
}
