//! A large export written a document at a time, in parts (docs/FORMAT.md §1, §2).
//!
//! Why: 10,000 articles make an export of about 150 MB. Built whole, the page held every
//! text three times at the peak (the documents, the `ExportV1` copy, the one output string)
//! and froze until the download began. A `Stream` takes a snapshot of the corpus (shared
//! documents, the persistent annotation map: no text is copied), writes one document's
//! lines at a time into parts of about the size asked for, and says how far it is; the page
//! hands each part to the browser (a file made of parts) and paints its progress between
//! them. The bytes are exactly those of `to_json`, `to_jsonl` and `to_csv` of `build` (tests).

use std::rc::Rc;

use super::tools::{hf_card_counted, CardCounts};
use super::write::{
    add_labels_carried, csv_head, export_doc, formula_cells_of, header, push_csv_rows, push_jsonl_lines, ExportOptions,
};
use super::{ExportDoc, ExportV1};
use crate::annotations::AnnotationStore;
use crate::document::Document;
use crate::labels::LabelSet;

/// The text files a `Stream` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    /// The JSON export, as `to_json`.
    Json,
    /// The JSONL view, as `to_jsonl`.
    Jsonl,
    /// The CSV view, as `to_csv`.
    Csv,
}

/// The JSON export's tail when it has no documents: what the documents replace.
const EMPTY_TAIL: &str = "[]\n}\n";

/// An export being written; `next_part` until it gives `None`.
pub struct Stream {
    format: TextFormat,
    docs: Vec<Rc<Document>>,
    store: AnnotationStore,
    opts: ExportOptions,
    /// The export's fields without documents (`labels` complete before the first part).
    header: ExportV1,
    /// The next document to write.
    next: usize,
    /// Documents written (a labelled-only export leaves some out).
    written: usize,
    started: bool,
    finished: bool,
    formula_cells: usize,
    /// What the dataset card says of the documents written.
    counts: CardCounts,
}

impl Stream {
    /// A stream of the export of `docs` (in order) with the annotations of `store`: the same
    /// export as `build` with the same arguments.
    pub fn new(
        format: TextFormat,
        docs: Vec<Rc<Document>>,
        store: AnnotationStore,
        labels: &LabelSet,
        opts: ExportOptions,
    ) -> Stream {
        let mut header = header(labels, &opts);
        // The header's `labels` lists every label a written sentence carries, before any
        // sentence is written.
        add_labels_carried(docs.iter().map(|d| &**d), &store, &mut header.labels);
        Stream {
            format,
            docs,
            store,
            opts,
            header,
            next: 0,
            written: 0,
            started: false,
            finished: false,
            formula_cells: 0,
            counts: CardCounts::default(),
        }
    }

    /// Documents looked at so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Documents in all.
    pub fn total(&self) -> usize {
        self.docs.len()
    }

    /// CSV cells written so far that a spreadsheet may take for a formula (`formula_cells`).
    pub fn formula_cells(&self) -> usize {
        self.formula_cells
    }

    /// The Hugging Face dataset card of the JSONL written (`hf_card`), once written whole.
    pub fn card(&self, jsonl_name: &str) -> String {
        hf_card_counted(&self.header, &self.counts, jsonl_name)
    }

    /// The next part of the file: whole documents until it holds `size` bytes or more (one
    /// long document makes a longer part); the last part ends the file. `None` once written.
    pub fn next_part(&mut self, size: usize) -> Option<String> {
        if self.finished {
            return None;
        }
        let mut out = String::new();
        if !self.started {
            self.started = true;
            match self.format {
                TextFormat::Json => {
                    let whole = super::to_json(&self.header);
                    out.push_str(whole.strip_suffix(EMPTY_TAIL).unwrap_or(&whole));
                }
                TextFormat::Jsonl => {}
                TextFormat::Csv => out = csv_head(),
            }
        }
        while out.len() < size && self.next < self.docs.len() {
            let doc = &self.docs[self.next];
            self.next += 1;
            let anns = self.store.doc(&doc.id).map(|a| &**a);
            let Some(d) = export_doc(doc, anns, &self.opts) else { continue };
            self.write(&mut out, &d);
            self.written += 1;
        }
        if self.next == self.docs.len() {
            self.finished = true;
            if self.format == TextFormat::Json {
                out.push_str(if self.written == 0 { EMPTY_TAIL } else { "\n  ]\n}\n" });
            }
        }
        Some(out)
    }

    fn write(&mut self, out: &mut String, d: &ExportDoc) {
        self.counts.add(d);
        match self.format {
            TextFormat::Json => {
                // serde_json's pretty layout of an element of `documents`: after `[` or `,`
                // a line break, every line indented two levels (a string in JSON holds no
                // line break, so lines are the layout's own).
                out.push_str(if self.written == 0 { "[\n" } else { ",\n" });
                let pretty = serde_json::to_string_pretty(d).unwrap_or_default();
                for (i, line) in pretty.split('\n').enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str("    ");
                    out.push_str(line);
                }
            }
            TextFormat::Jsonl => push_jsonl_lines(out, &self.header, d),
            TextFormat::Csv => {
                self.formula_cells += formula_cells_of(&self.header, d);
                push_csv_rows(out, &self.header, d);
            }
        }
    }
}
