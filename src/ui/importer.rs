//! Bringing files in (picker, drop, paste): each file is read, told apart by content and
//! handed to the reducer. A bad file becomes a message naming it; the others go on.

use yew::UseReducerDispatcher;

use crate::core::document::Document;
use crate::core::export;
use crate::core::import::{self, Imported};
use crate::platform::files;

use super::state::{Action, Level, State};

fn handle(dispatch: &UseReducerDispatcher<State>, source: &str, parsed: Result<(Imported, Vec<String>), String>) {
    match parsed {
        Ok((imported, warnings)) => {
            for w in warnings {
                dispatch.dispatch(Action::Notify(Level::Error, w));
            }
            match imported {
                Imported::Articles(items) => {
                    let docs: Vec<Document> = items.into_iter().map(Document::from_input).collect();
                    dispatch.dispatch(Action::ImportArticles { source: source.to_owned(), docs });
                }
                Imported::Export(exp) => match export::restore(&exp) {
                    Ok(incoming) => dispatch.dispatch(Action::ImportExport { source: source.to_owned(), incoming }),
                    Err(e) => dispatch.dispatch(Action::Notify(Level::Error, format!("{source}: {e}"))),
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
    for (i, file) in list.into_iter().enumerate() {
        let name = file.name();
        let size = file.size() as u64;
        // Refuse oversized files before reading them whole.
        let parsed = match import::check_size(&name, size) {
            Err(e) => Err(e),
            Ok(()) => match files::read_bytes(&file).await {
                Ok(bytes) => import::parse_file(&name, &bytes),
                Err(e) => Err(e),
            },
        };
        handle(&dispatch, &name, parsed);
        dispatch.dispatch(Action::Progress(Some((i + 1, total))));
        // Let the page paint between files of a large batch.
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
    dispatch.dispatch(Action::Progress(None));
}

pub fn import_pasted(text: &str, dispatch: &UseReducerDispatcher<State>) {
    handle(dispatch, "pasted text", import::parse_pasted(text));
}
