//! The export format (docs/FORMAT.md §1, §2): the one file other tools and other annotators
//! read, so its types and constants live here, apart from the code that writes, reads,
//! restores and merges it (one concern a file):
//! - `write`: the JSON export and its JSONL and CSV views, and the download's file name;
//! - `stream`: the JSON, JSONL and CSV files of a large corpus written in parts;
//! - `tools`: the files for other tools (Label Studio's tasks and labelling config, the
//!   Hugging Face dataset card);
//! - `docbin`: spaCy's binary `.spacy` file (a `DocBin`), written without spaCy;
//! - `read`: reading an export back, checked (format and version first, then the meaning);
//! - `table`: the JSONL and CSV views read back, onto the documents the page has;
//! - `restore`: documents and annotations rebuilt from a checked export;
//! - `merge`: the plan of merging another annotator's export into ours.
//!
//! Offsets in an export are Unicode code points into the document's normalised text, end
//! exclusive (Python slicing); inside the app they are byte offsets.

use serde::{Deserialize, Serialize};

use super::serde_util::{is_false, is_zero};

mod docbin;
mod merge;
mod read;
mod restore;
mod stream;
mod table;
mod tools;
mod write;

#[cfg(test)]
mod stream_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tools_tests;

pub use docbin::to_docbin;
pub use merge::{plan_merge, Conflict, MergePlan};
pub use read::{check, parse_export, ExportError, JsonError, JsonProblem, SentenceProblem};
pub use restore::restore;
pub use stream::{Stream, TextFormat};
pub use table::{Table, TableError, TableRow};
pub use tools::{hf_card, hf_card_counted, label_studio_config, to_label_studio, CardCounts};
pub use write::{
    build, file_name, formula_cells, gold_file_name, to_csv, to_json, to_jsonl, ExportOptions, CSV_COLUMNS, JSONL_KEYS,
};

impl ExportSentence {
    /// Decided: as written, or, in an older export without the field, when labelled.
    pub fn is_decided(&self) -> bool {
        self.decided.unwrap_or(!self.labels.is_empty())
    }
}

impl ExportDoc {
    pub fn is_done(&self) -> bool {
        self.done == Some(true)
    }
}

/// The `format` field of every export.
pub const FORMAT: &str = "sentence-annotator";
/// The export version this build writes and reads.
pub const VERSION: u64 = 1;
/// Version of the app, written into exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A whole export, docs/FORMAT.md §1. Unknown fields of a file are ignored when reading.
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
    /// The label set in full (keys, colours, descriptions, examples, order) and the project's
    /// guidelines, so a restore brings the project's setup back (absent in older exports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_set: Option<crate::labels::LabelSet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    /// Gold export only: the curator who made it (the page's annotator name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curator: Option<String>,
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
    /// Marked done by the annotator (`None`: an older export without the field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
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
    /// A label or "none applies" (`None`: an older export, decided when labelled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unsure: bool,
    /// Milliseconds since the Unix epoch of the last change (0: unknown, not written).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub updated: u64,
    /// What the page suggested when the sentence was decided (a label or "none"; absent when
    /// nothing was suggested; docs/FORMAT.md §1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<String>,
    /// Gold export only: every annotator who rated the sentence, with their labels (`[]`:
    /// none applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<std::collections::BTreeMap<String, Vec<String>>>,
    /// Gold export only: "unanimous", "adjudicated", "unresolved" or "single".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Gold export only: what `labels` means, `Gold::name` ("labelled", "none", "unset").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gold: Option<String>,
}

/// What a gold sentence's `labels` say: gold labels, gold "none applies", or no gold yet
/// (an empty `labels` alone cannot tell the last two apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gold {
    Labelled,
    NoneApplies,
    Unset,
}

impl Gold {
    pub fn of(labels: Option<&[String]>) -> Gold {
        match labels {
            Some([]) => Gold::NoneApplies,
            Some(_) => Gold::Labelled,
            None => Gold::Unset,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Gold::Labelled => "labelled",
            Gold::NoneApplies => "none",
            Gold::Unset => "unset",
        }
    }
}
