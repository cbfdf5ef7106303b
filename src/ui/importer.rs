//! Bringing files in (picker, drop, paste): each file is read, told apart by content and
//! handed to the reducer. A bad file becomes a message naming it; the others go on.

use yew::UseReducerDispatcher;

use crate::platform::clock::now_ms;
use crate::platform::files;
use annotator_core::document::Document;
use annotator_core::export;
use annotator_core::import::{self, ImportWarning, Imported};

use super::state::{Action, ArticlesFrom, Level, State};
use crate::view::words;

/// Articles parsed but not yet handed over: a large drop is handed over in a few batches,
/// not file by file, so the page renders a handful of times instead of a thousand.
#[derive(Default)]
struct Batch {
    docs: Vec<Document>,
    files: Vec<String>,
}

impl Batch {
    fn flush(&mut self, dispatch: &UseReducerDispatcher<State>) {
        if self.files.is_empty() {
            return;
        }
        let source = match self.files.as_slice() {
            [one] => one.clone(),
            many => format!("{} files", many.len()),
        };
        let docs = std::mem::take(&mut self.docs);
        let files = self.files.len();
        self.files.clear();
        dispatch.dispatch(Action::ImportArticles { from: ArticlesFrom::File { name: source, files }, docs });
    }
}

/// Time between two hand-overs of a large import (and two progress updates).
const BATCH_MS: u64 = 250;

fn handle(
    dispatch: &UseReducerDispatcher<State>,
    batch: &mut Batch,
    source: &str,
    parsed: Result<(Imported, Vec<ImportWarning>), String>,
) {
    match parsed {
        Ok((imported, warnings)) => {
            for w in warnings {
                dispatch.dispatch(Action::Notify(Level::Error, words::import_warning(&w)));
            }
            match imported {
                Imported::Articles(items) => {
                    batch.docs.extend(items.into_iter().map(Document::from_input));
                    batch.files.push(source.to_owned());
                }
                Imported::Table(view) => {
                    // After the articles, which it may annotate.
                    batch.flush(dispatch);
                    dispatch.dispatch(Action::ImportView { source: source.to_owned(), view });
                }
                Imported::Export(exp) => match export::restore(&exp) {
                    Ok(incoming) => {
                        // Articles first, so the export merges onto them in order.
                        batch.flush(dispatch);
                        let done = exp.documents.iter().filter(|d| d.is_done()).map(|d| d.id.clone()).collect();
                        dispatch.dispatch(Action::ImportExport {
                            source: source.to_owned(),
                            annotator: exp.annotator.clone(),
                            labels: exp.labels.clone(),
                            label_set: exp.label_set.clone(),
                            incoming,
                            done,
                        });
                    }
                    Err(e) => {
                        let message = format!("{source}: {}", words::export_error(&e));
                        dispatch.dispatch(Action::Notify(Level::Error, message))
                    }
                },
            }
        }
        Err(e) => dispatch.dispatch(Action::Notify(Level::Error, e)),
    }
}

pub async fn import_files(list: Vec<web_sys::File>, dispatch: UseReducerDispatcher<State>) {
    let total = list.len();
    if total == 0 {
        return;
    }
    dispatch.dispatch(Action::Progress(Some((0, total))));
    let mut batch = Batch::default();
    let mut last = now_ms();
    for (i, file) in list.into_iter().enumerate() {
        let name = file.name();
        // Refuse oversized files before reading them whole.
        let parsed = match import::check_size(&name, file.size() as u64) {
            Err(e) => Err(words::import_error(&e)),
            Ok(()) => match files::read_bytes(&file).await {
                Ok(bytes) => import::parse_file(&name, &bytes).map_err(|e| words::import_error(&e)),
                Err(e) => Err(e),
            },
        };
        handle(&dispatch, &mut batch, &name, parsed);
        if now_ms().saturating_sub(last) >= BATCH_MS {
            batch.flush(&dispatch);
            dispatch.dispatch(Action::Progress(Some((i + 1, total))));
            // Let the page paint the progress.
            gloo::timers::future::TimeoutFuture::new(0).await;
            last = now_ms();
        }
    }
    batch.flush(&dispatch);
    dispatch.dispatch(Action::Progress(None));
}

pub fn import_pasted(text: &str, dispatch: &UseReducerDispatcher<State>) {
    let mut batch = Batch::default();
    let parsed = import::parse_pasted(text).map_err(|e| words::import_error(&e));
    handle(dispatch, &mut batch, import::PASTED, parsed);
    batch.flush(dispatch);
}
