//! Export of annotations as JSON, JSONL or CSV, downloaded as a file.

use crate::core::document::Document;
use crate::core::export::{self, ExportOptions};
use crate::platform::{clock, download};

use super::state::{Action, Level, State, StateHandle};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    /// The gold export (adjudication), JSON.
    Gold,
    /// The gold export as JSON Lines (with `annotations` and `status` on each line).
    GoldJsonl,
}

/// Exports and tells the person how it went (the export buttons' one action).
pub fn export_and_report(state: &StateHandle, format: Format) {
    let message = match export(state, format) {
        Ok(name) => (Level::Info, format!("Exported {name}.")),
        Err(e) => (Level::Error, format!("Export failed: {e}")),
    };
    state.dispatch(Action::Notify(message.0, message.1));
}

/// Builds the export of the whole corpus and starts its download; returns the file name.
pub fn export(state: &State, format: Format) -> Result<String, String> {
    let s = &state.session;
    let docs: Vec<&Document> = s.docs().iter().map(|d| d.as_ref()).collect();
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
    let [y, mo, d, h, mi, se] = clock::local_parts();
    let (ext, mime, body) = match format {
        Format::Json => ("json", "application/json", export::to_json(&data)),
        Format::Jsonl => ("jsonl", "application/x-ndjson", export::to_jsonl(&data)),
        Format::Csv => ("csv", "text/csv", export::to_csv(&data)),
        Format::Gold => ("json", "application/json", export::to_json(&data)),
        Format::GoldJsonl => ("jsonl", "application/x-ndjson", export::to_jsonl(&data)),
    };
    let name = match format {
        Format::Gold | Format::GoldJsonl => export::gold_file_name(ext, [y, mo, d, h, mi, se]),
        _ => export::file_name(ext, y, mo, d, h, mi, se),
    };
    download::download(&name, mime, &body)?;
    Ok(name)
}
