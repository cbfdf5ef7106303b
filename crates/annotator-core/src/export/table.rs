//! The JSONL and CSV views read back (docs/FORMAT.md §2, "Reading them back"). They list
//! sentences, not articles: a file that went out to a spreadsheet or doccano and came back
//! must restore its annotations onto the articles the page has, never become one article
//! per sentence. The views carry no article text, so a file naming a document the page does
//! not have is refused whole, in words; the rest becomes an ordinary export (the page's text
//! with the file's sentences) and goes the way of one (`restore`, then merge or layer).

use std::collections::HashMap;

use super::read::checked_spans;
use super::{ExportDoc, ExportError, ExportSentence, ExportV1, FORMAT, VERSION};
use crate::document::Document;
use crate::segment;

/// One line of the JSONL view or one row of the CSV view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRow {
    pub document_id: String,
    pub sentence_index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: Vec<String>,
    /// `None`: a file without the column (decided when labelled).
    pub decided: Option<bool>,
    pub suggested: Option<String>,
    pub note: String,
    pub unsure: bool,
    /// The row's annotator (`None`: empty or absent).
    pub annotator: Option<String>,
}

/// A JSONL or CSV view read back: its rows in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<TableRow>,
}

/// Why a JSONL or CSV view could not be put back onto the page's documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    /// The file names documents the page does not have: how many, and the first few ids.
    MissingDocuments { count: usize, first: Vec<String> },
    /// Rows of several annotators in one file (a merged table): their names.
    SeveralAnnotators(Vec<String>),
    /// A document's rows do not fit the page's text of it (another version of the article):
    /// the check's refusal, naming the sentence.
    Mismatch(ExportError),
}

/// Ids named in a refusal.
const NAMED: usize = 3;

impl Table {
    /// The one annotator of the file (`None` when no row names one).
    pub fn annotator(&self) -> Result<Option<String>, TableError> {
        let mut names: Vec<String> = Vec::new();
        for r in &self.rows {
            if let Some(a) = &r.annotator {
                if !names.contains(a) {
                    names.push(a.clone());
                }
            }
        }
        match names.len() {
            0 => Ok(None),
            1 => Ok(names.pop()),
            _ => Err(TableError::SeveralAnnotators(names)),
        }
    }

    /// The export these rows are a view of, with the page's text of each document
    /// (`find` gives the page's document of an id) and the page's label names (followed by
    /// any other label a row carries). Checked as any export is.
    pub fn to_export<'a>(
        &self,
        find: impl Fn(&str) -> Option<&'a Document>,
        labels: Vec<String>,
    ) -> Result<ExportV1, TableError> {
        let annotator = self.annotator()?;
        // The documents in the order they first appear (a file sorted in a spreadsheet
        // still reads: each document's rows are put back in sentence order below).
        let mut order: Vec<&str> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for r in &self.rows {
            let id = r.document_id.as_str();
            if !seen.contains_key(id) {
                seen.insert(id, order.len());
                order.push(id);
            }
        }
        let missing: Vec<&str> = order.iter().copied().filter(|id| find(id).is_none()).collect();
        if !missing.is_empty() {
            let first = missing.iter().take(NAMED).map(|s| (*s).to_owned()).collect();
            return Err(TableError::MissingDocuments { count: missing.len(), first });
        }
        let mut label_names = labels;
        let mut documents: Vec<ExportDoc> = order
            .iter()
            .filter_map(|id| find(id))
            .map(|d| ExportDoc {
                id: d.id.clone(),
                source: d.source.clone(),
                title: d.title.clone(),
                date: d.date.clone(),
                text: d.text.clone(),
                done: None,
                sentences: Vec::new(),
            })
            .collect();
        for r in &self.rows {
            for l in &r.label {
                if !label_names.contains(l) {
                    label_names.push(l.clone());
                }
            }
            let doc = &mut documents[seen[r.document_id.as_str()]];
            doc.sentences.push(ExportSentence {
                index: r.sentence_index,
                start: r.start,
                end: r.end,
                text: r.text.clone(),
                labels: r.label.clone(),
                decided: r.decided,
                note: r.note.clone(),
                unsure: r.unsure,
                updated: 0,
                suggested: r.suggested.clone(),
                annotations: None,
                status: None,
                gold: None,
            });
        }
        for d in &mut documents {
            d.sentences.sort_by_key(|s| s.index);
        }
        let export = ExportV1 {
            format: FORMAT.to_owned(),
            version: VERSION,
            exported_at: String::new(),
            app_version: String::new(),
            segmenter: segment::SEGMENTER.to_owned(),
            labels: label_names,
            label_set: None,
            annotator,
            curator: None,
            documents,
        };
        checked_spans(&export).map_err(TableError::Mismatch)?;
        Ok(export)
    }
}
