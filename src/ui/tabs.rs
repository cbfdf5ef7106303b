//! Other tabs of the page on the same profile: what they store arrives here and is merged as
//! a change of this tab's own would be (docs/ARCHITECTURE.md, Where state lives). localStorage
//! tells by its `storage` event (the person's annotations: merged per sentence, the later
//! change winning); IndexedDB tells nothing, so the tab that committed a transaction posts its
//! keys on a channel (`platform::channel`) and this tab reads them from the database (another
//! tab's imported articles join the list). Either way the saver first learns that storage
//! holds those values, so they are never written back as changes of this tab.

use std::rc::Rc;

use annotator_core::document::Document;
use annotator_core::storage;
use yew::UseReducerDispatcher;

use super::later::AfterPaint;
use super::persist::SharedSaver;
use super::state::{Action, ArticlesFrom, State};

/// Another tab wrote (`Some`) or removed localStorage's `key`.
pub fn stored_locally(
    key: &str,
    value: Option<String>,
    saver: &SharedSaver,
    later: &AfterPaint,
    dispatcher: &UseReducerDispatcher<State>,
) {
    // This tab's own waiting save first: it must not later write back over the other tab's
    // value as if it were a change of its own.
    later.run();
    saver.borrow_mut().note_external(key, value.as_deref());
    let Some(value) = value else { return };
    if let Some(doc) = storage::doc_of_ann_key(key) {
        if let Ok(shard) = storage::decode_ann(&value) {
            dispatcher.dispatch(Action::External { doc: doc.to_owned(), seg: shard.seg, records: shard.s });
        }
    }
}

/// Another tab committed `keys` to IndexedDB: they are read from there and merged.
pub fn stored_in_idb(
    keys: Vec<String>,
    saver: &SharedSaver,
    later: &AfterPaint,
    dispatcher: &UseReducerDispatcher<State>,
) {
    later.run();
    let Some(idb) = saver.borrow().idb() else { return };
    let saver = Rc::clone(saver);
    let dispatcher = dispatcher.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // Unreadable now (the database closed under the page): the next start reads it all.
        let Ok(values) = idb.read_keys(&keys).await else { return };
        {
            let mut saver = saver.borrow_mut();
            for (k, v) in &values {
                saver.note_external(k, v.as_deref());
            }
        }
        let docs: Vec<Document> = values
            .iter()
            .filter(|(k, _)| storage::doc_of_doc_key(k).is_some())
            .filter_map(|(_, v)| storage::decode_doc(v.as_deref()?).ok())
            .map(Document::from_input)
            .collect();
        if !docs.is_empty() {
            dispatcher.dispatch(Action::ImportArticles { from: ArticlesFrom::OtherTab, docs });
        }
    });
}
