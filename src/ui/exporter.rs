//! Export of annotations, downloaded as files: the JSON export, its JSONL and CSV views, the
//! gold export, and the files other tools read (docs/FORMAT.md §1, §2). A tool that needs
//! two files (Label Studio: tasks and labelling config; Hugging Face: data and dataset card)
//! gets both from one click, as two downloads.
//!
//! The JSON, JSONL, CSV and Hugging Face files are written a document at a time
//! (`export::Stream`) into a file of parts, with the progress in the toolbar between slices:
//! 10,000 articles (150 MB) never become one string, and the page stays usable meanwhile.
//! They are the corpus and annotations of the moment of the click. The gold, Label Studio and
//! spaCy files are built whole (gold and Label Studio hold ratings or a JSON array per task;
//! spaCy's binary format is one msgpack value).

use std::rc::Rc;

use yew::UseReducerDispatcher;

use crate::platform::clock::now_ms;
use crate::platform::{clock, download};
use annotator_core::document::Document;
use annotator_core::export::{self, ExportOptions, ExportV1, Stream, TextFormat};

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

/// Bytes of a streamed export's part: a few milliseconds of writing.
const PART_BYTES: usize = 256 << 10;
/// Time a streamed export writes before the page paints its progress.
const SLICE_MS: u64 = 40;

thread_local! {
    /// A streamed export is being written.
    static WRITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Exports and tells the person how it went (the export buttons' one action).
pub fn export_and_report(state: &StateHandle, format: Format) {
    let whole = match route(format) {
        Route::Whole(w) => w,
        Route::Streamed(text, mime) => {
            // One at a time (a double click, or a second button meanwhile): told, not queued.
            if WRITING.with(|w| w.replace(true)) {
                state.dispatch(Action::Notify(Level::Info, words::export_running()));
                return;
            }
            let (files, stream) = start_stream(state, format, text, mime);
            let dispatch = state.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                write_stream(files, stream, dispatch).await;
                WRITING.with(|w| w.set(false));
            });
            return;
        }
    };
    let message = match export(state, whole) {
        Ok(text) => (Level::Info, text),
        Err(e) => (Level::Error, format!("Export failed: {e}")),
    };
    state.dispatch(Action::Notify(message.0, message.1));
}

/// The exports built whole (see the module).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Whole {
    Gold,
    GoldJsonl,
    LabelStudio,
    Spacy,
}

/// How an export is made: streamed (its text file and MIME type) or built whole.
enum Route {
    Streamed(TextFormat, &'static str),
    Whole(Whole),
}

fn route(format: Format) -> Route {
    match format {
        Format::Json => Route::Streamed(TextFormat::Json, "application/json"),
        Format::Jsonl | Format::HuggingFace => Route::Streamed(TextFormat::Jsonl, "application/x-ndjson"),
        Format::Csv => Route::Streamed(TextFormat::Csv, "text/csv"),
        Format::Gold => Route::Whole(Whole::Gold),
        Format::GoldJsonl => Route::Whole(Whole::GoldJsonl),
        Format::LabelStudio => Route::Whole(Whole::LabelStudio),
        Format::Spacy => Route::Whole(Whole::Spacy),
    }
}

/// The files of an export built whole: (name, MIME type, content).
fn files(state: &State, format: Whole, data: &ExportV1) -> Vec<(String, &'static str, Body)> {
    let [y, mo, d, h, mi, se] = clock::local_parts();
    let s = &state.session;
    let name = |ext: &str| match format {
        Whole::Gold | Whole::GoldJsonl => export::gold_file_name(s.annotator(), ext, [y, mo, d, h, mi, se]),
        _ => export::file_name(s.annotator(), ext, [y, mo, d, h, mi, se]),
    };
    match format {
        Whole::Gold => vec![(name("json"), "application/json", Body::Text(export::to_json(data)))],
        Whole::GoldJsonl => vec![(name("jsonl"), "application/x-ndjson", Body::Text(export::to_jsonl(data)))],
        Whole::LabelStudio => vec![
            (name("label-studio.json"), "application/json", Body::Text(export::to_label_studio(data))),
            (
                name("label-studio.xml"),
                "application/xml",
                Body::Text(export::label_studio_config(&data.labels, s.labels(), s.settings().multi_label)),
            ),
        ],
        Whole::Spacy => vec![(name("spacy"), "application/octet-stream", Body::Bytes(export::to_docbin(data)))],
    }
}

/// A streamed export begun: its file's name and MIME type, whether a dataset card follows,
/// and the stream.
struct Streaming {
    name: String,
    mime: &'static str,
    card: bool,
}

fn start_stream(state: &State, format: Format, text: TextFormat, mime: &'static str) -> (Streaming, Stream) {
    let s = &state.session;
    let ext = match text {
        TextFormat::Json => "json",
        TextFormat::Jsonl => "jsonl",
        TextFormat::Csv => "csv",
    };
    let name = export::file_name(s.annotator(), ext, clock::local_parts());
    // A snapshot: shared documents and the persistent annotation map, no text copied.
    let docs: Vec<Rc<Document>> = s.docs().to_vec();
    let stream = Stream::new(text, docs, s.anns().clone(), s.labels(), options(state));
    (Streaming { name, mime, card: format == Format::HuggingFace }, stream)
}

/// Writes `stream` in slices of `SLICE_MS`, the progress painted between them, then saves
/// the file (and the dataset card) and says so.
async fn write_stream(file: Streaming, mut stream: Stream, dispatch: UseReducerDispatcher<State>) {
    let mut parts = download::Parts::new(file.mime);
    let total = stream.total();
    let result: Result<(), String> = 'write: loop {
        let slice = now_ms();
        while now_ms().saturating_sub(slice) < SLICE_MS {
            match stream.next_part(PART_BYTES) {
                Some(part) => {
                    if let Err(e) = parts.push(&part) {
                        break 'write Err(e);
                    }
                }
                None => break 'write Ok(()),
            }
        }
        dispatch.dispatch(Action::ExportProgress(Some((stream.done(), total))));
        gloo::timers::future::TimeoutFuture::new(0).await;
    };
    dispatch.dispatch(Action::ExportProgress(None));
    let mut names = vec![file.name.clone()];
    let saved = result.and_then(|()| parts.save(&file.name)).and_then(|()| {
        if file.card {
            names.push("README.md".to_owned());
            download::download("README.md", "text/markdown", &stream.card(&file.name))?;
        }
        Ok(())
    });
    let message = match saved {
        Ok(()) => (Level::Info, words::exported(&names, stream.formula_cells())),
        Err(e) => (Level::Error, format!("Export failed: {e}")),
    };
    dispatch.dispatch(Action::Notify(message.0, message.1));
}

/// The export options of the page now.
fn options(state: &State) -> ExportOptions {
    let s = &state.session;
    // The page's annotator name as typed, trimmed; none when empty (then the files carry
    // `null` or an empty cell where the name goes, as the JSON export leaves it out).
    let annotator = s.annotator().trim();
    ExportOptions {
        exported_at: clock::utc_rfc3339(),
        annotator: (!annotator.is_empty()).then(|| annotator.to_owned()),
        labelled_only: s.settings().labelled_only,
        done: (**s.done()).clone(),
    }
}

/// Builds the export of the whole corpus and starts its downloads; returns what to tell the
/// person (the files' names).
fn export(state: &State, format: Whole) -> Result<String, String> {
    let s = &state.session;
    let docs: Vec<&Document> = s.docs().iter().map(|d| d.as_ref()).collect();
    let opts = options(state);
    let data = match format {
        Whole::Gold | Whole::GoldJsonl => s.gold_export(&opts),
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
    Ok(words::exported(&names, 0))
}
