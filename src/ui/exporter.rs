//! Export of annotations, downloaded as files: the JSON export, its JSONL and CSV views, the
//! gold export, and the files other tools read (docs/FORMAT.md §1, §2). A tool that needs
//! two files (Label Studio: tasks and labelling config; Hugging Face: data and dataset card)
//! gets both from one click, as two downloads.

use crate::platform::{clock, download};
use annotator_core::document::Document;
use annotator_core::export::{self, ExportOptions, ExportV1};

use super::state::{Action, Level, State, StateHandle};
use crate::view::words;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    /// The gold export (adjudication), JSON.
    Gold,
    /// The gold export as JSON Lines (with the gold keys on each line).
    GoldJsonl,
    /// Label Studio's task list and its labelling config.
    LabelStudio,
    /// The JSONL view and its Hugging Face dataset card (`README.md`).
    HuggingFace,
    /// spaCy's binary corpus (`.spacy`).
    Spacy,
}

/// A file's content.
enum Body {
    Text(String),
    Bytes(Vec<u8>),
}

/// Exports and tells the person how it went (the export buttons' one action).
pub fn export_and_report(state: &StateHandle, format: Format) {
    let message = match export(state, format) {
        Ok(text) => (Level::Info, text),
        Err(e) => (Level::Error, format!("Export failed: {e}")),
    };
    state.dispatch(Action::Notify(message.0, message.1));
}

/// The files of an export in `format`: (name, MIME type, content).
fn files(state: &State, format: Format, data: &ExportV1) -> Vec<(String, &'static str, Body)> {
    let [y, mo, d, h, mi, se] = clock::local_parts();
    let s = &state.session;
    let name = |ext: &str| match format {
        Format::Gold | Format::GoldJsonl => export::gold_file_name(s.annotator(), ext, [y, mo, d, h, mi, se]),
        _ => export::file_name(s.annotator(), ext, [y, mo, d, h, mi, se]),
    };
    match format {
        Format::Json | Format::Gold => vec![(name("json"), "application/json", Body::Text(export::to_json(data)))],
        Format::Jsonl | Format::GoldJsonl => {
            vec![(name("jsonl"), "application/x-ndjson", Body::Text(export::to_jsonl(data)))]
        }
        Format::Csv => vec![(name("csv"), "text/csv", Body::Text(export::to_csv(data)))],
        Format::LabelStudio => vec![
            (name("label-studio.json"), "application/json", Body::Text(export::to_label_studio(data))),
            (
                name("label-studio.xml"),
                "application/xml",
                Body::Text(export::label_studio_config(&data.labels, s.labels(), s.settings().multi_label)),
            ),
        ],
        Format::HuggingFace => {
            let jsonl = name("jsonl");
            let card = export::hf_card(data, &jsonl);
            vec![
                (jsonl, "application/x-ndjson", Body::Text(export::to_jsonl(data))),
                ("README.md".to_owned(), "text/markdown", Body::Text(card)),
            ]
        }
        Format::Spacy => vec![(name("spacy"), "application/octet-stream", Body::Bytes(export::to_docbin(data)))],
    }
}

/// Builds the export of the whole corpus and starts its downloads; returns what to tell the
/// person (the files' names, and for a CSV how many cells a spreadsheet may run).
pub fn export(state: &State, format: Format) -> Result<String, String> {
    let s = &state.session;
    let docs: Vec<&Document> = s.docs().iter().map(|d| d.as_ref()).collect();
    // The page's annotator name as typed, trimmed; none when empty (then the files carry
    // `null` or an empty cell where the name goes, as the JSON export leaves it out).
    let annotator = s.annotator().trim();
    let opts = ExportOptions {
        exported_at: clock::utc_rfc3339(),
        annotator: (!annotator.is_empty()).then(|| annotator.to_owned()),
        labelled_only: s.settings().labelled_only,
        done: (**s.done()).clone(),
    };
    let data = match format {
        Format::Gold | Format::GoldJsonl => s.gold_export(&opts),
        _ => export::build(&docs, s.anns(), s.labels(), &opts),
    };
    let mut names = Vec::new();
    for (name, mime, body) in files(state, format, &data) {
        match body {
            Body::Text(t) => download::download(&name, mime, &t)?,
            Body::Bytes(b) => download::download_bytes(&name, mime, &b)?,
        }
        names.push(name);
    }
    let risky = if format == Format::Csv { export::formula_cells(&data) } else { 0 };
    let text = words::exported(&names, risky);
    Ok(text)
}
