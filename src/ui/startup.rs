//! Start-up: the label file, the bundled corpus and what localStorage and IndexedDB hold,
//! each read once and handed to the domain (`Loaded::into_session`) and to the saver
//! (`Saved::from_loaded`), with the move of a layout-1 profile planned (`storage::homes`).

use crate::platform::clock::now_ms;
use crate::platform::fetch::fetch_text;
use crate::platform::idb::{Idb, IdbError};
use crate::platform::storage::Local;
use crate::view::words;
use annotator_core::document::{ArticleInput, Document};
use annotator_core::labels::LabelSet;
use annotator_core::session::Session;
use annotator_core::storage::plan::Saved;
use annotator_core::storage::{self, homes, LoadError};
use std::collections::BTreeMap;

use super::state::{Level, Startup};

/// How many IndexedDB keys make start-up show the open article first (`preview`): below it,
/// reading everything takes a few tens of milliseconds.
const PREVIEW_FROM: u32 = 200;

/// Reads everything; never fails as a whole: problems become messages. With a large corpus
/// stored, `on_preview` gets the open article first (`preview`), to show while the rest is read.
pub async fn load(on_preview: impl FnOnce(Session)) -> Startup {
    let mut messages = Vec::new();
    let labels = match fetch_text("labels.json").await {
        Ok(json) => LabelSet::parse(&json).unwrap_or_else(|e| {
            messages
                .push((Level::Error, format!("labels.json: {}. The default labels are used.", words::label_error(&e))));
            LabelSet::default_set()
        }),
        Err(_) => LabelSet::default_set(),
    };
    let mut bundled = Vec::new();
    match fetch_text("articles/index.json").await {
        Ok(index) => match serde_json::from_str::<Vec<String>>(&index) {
            Ok(files) => {
                for name in files {
                    if name.contains('/') || name.contains("..") {
                        messages.push((
                            Level::Error,
                            format!("articles/index.json: {name:?} is not a plain file name; skipped."),
                        ));
                        continue;
                    }
                    match fetch_text(&format!("articles/{name}")).await {
                        Ok(text) => bundled.push(Document::from_input(ArticleInput {
                            source: Some(name.clone()),
                            text,
                            ..Default::default()
                        })),
                        Err(e) => messages.push((Level::Error, format!("Bundled article not loaded: {e}"))),
                    }
                }
            }
            Err(e) => messages.push((Level::Error, format!("articles/index.json is not a list of file names: {e}"))),
        },
        Err(e) => messages.push((Level::Error, format!("The bundled corpus could not be loaded: {e}"))),
    }

    let local = match Local::open() {
        Ok(l) => Some(l),
        Err(e) => {
            messages.push((Level::Error, format!("{e}. Annotations will not survive a reload: export them.")));
            None
        }
    };
    // One read of each store serves loading, the saver's reference and the meter.
    let local_all = local.as_ref().map(|l| storage::snapshot(l)).unwrap_or_default();
    let (idb, idb_all) = match read_idb(&local_all, &labels, &bundled, on_preview).await {
        Ok((db, all)) => (Some(db), all),
        Err(e) => {
            messages.push((
                Level::Error,
                format!(
                    "{e}: imported articles, colleagues' layers and the undo history cannot be stored, and those \
                     stored earlier are not shown (they are left untouched). Your own labels are still saved. \
                     Export your work before closing the page."
                ),
            ));
            (None, BTreeMap::new())
        }
    };
    let stores = homes::Stores { local: local_all, idb: idb_all };
    let combined = homes::combine(&stores);
    let loaded = match storage::load(&combined.all) {
        Ok(x) => x,
        Err(e @ LoadError::FutureLayout(_)) => {
            messages.push((Level::Error, e.to_string()));
            let mut session = Session::new(labels, now_ms());
            session.add_documents(bundled, false);
            return Startup { session, messages, read_only: true, saved: None, idb: None, checkpoint: None };
        }
    };
    for p in &loaded.problems {
        messages.push((Level::Error, p.clone()));
    }
    if loaded.migration.iter().any(|(k, _)| k == storage::META_KEY) {
        messages.push((Level::Info, "Annotations saved by an earlier version were migrated.".into()));
    }
    // A profile of layout 1 moves to IndexedDB with the first save (docs/FORMAT.md §3); while
    // IndexedDB cannot be read, nothing moves.
    let moving = idb.is_some() && combined.moving();
    if moving {
        messages.push((
            Level::Info,
            "Imported articles, layers and the undo history are being moved from localStorage to IndexedDB, \
             the browser's store for large data; nothing is removed before the move is complete."
                .into(),
        ));
    }
    let mut migration = loaded.migration.clone();
    if idb.is_some() {
        migration.extend(combined.migration());
    }
    let checkpoint = combined.all.get(annotator_core::sync::SYNC_KEY).cloned();
    let history_migrated = loaded.history_migrated;
    let (mut session, lost) = loaded.into_session(labels, bundled, now_ms());
    if lost > 0 {
        messages.push((Level::Error, format!("{lost} annotation(s) no longer match a sentence after a change of segmentation; they are listed in the side panel.")));
    }
    let saved = local.is_some().then(|| Saved::from_loaded(&session, &stores, migration, history_migrated));
    // A page never works nameless (docs/FORMAT.md §7): a fresh one takes a generated name,
    // after the saver's reference, so the first save stores it.
    session.ensure_name(crate::platform::random::u16());
    Startup { session, messages, read_only: false, saved, idb, checkpoint }
}

/// Opens the database and reads it whole; with a large corpus stored, the open article is
/// read first and handed to `on_preview` (`preview`) while the browser reads the rest.
async fn read_idb(
    local_all: &BTreeMap<String, String>,
    labels: &LabelSet,
    bundled: &[Document],
    on_preview: impl FnOnce(Session),
) -> Result<(Idb, BTreeMap<String, String>), IdbError> {
    let db = Idb::open().await?;
    let open = local_all
        .get(storage::META_KEY)
        .and_then(|raw| serde_json::from_str::<storage::Meta>(raw).ok())
        .and_then(|m| m.open_doc);
    let open_key = open.as_ref().filter(|id| !bundled.iter().any(|d| &d.id == *id)).map(|id| storage::doc_key(id));
    // Asked in this order, answered in this order: the count and the open article, then all.
    // No article was open: nothing to show first, nothing to ask first.
    let first = open.as_ref().map(|_| db.request_count_and(open_key.as_deref()));
    let all = db.request_all()?;
    if let Some(Ok(first)) = first {
        if let Ok((count, value)) = first.await {
            if count >= PREVIEW_FROM && (open_key.is_none() || value.is_some()) {
                let idb = open_key.zip(value).into_iter().collect();
                if let Some(session) = preview(local_all, idb, labels, bundled) {
                    on_preview(session);
                }
            }
        }
    }
    Ok((db, all.await?))
}

/// The article the person had open, with their annotations, built before the rest of a large
/// corpus is read (docs/ARCHITECTURE.md, Where state lives): from localStorage and that article's one
/// IndexedDB record (`idb`; none for a bundled article). The page shows it, inert, while
/// IndexedDB is read whole; then the session read from everything replaces it, so what is
/// shown first is never saved, and a key or click meanwhile changes nothing
/// (`State::reduce`). `None` when it cannot be read: the whole read follows either way.
fn preview(
    local_all: &BTreeMap<String, String>,
    idb: BTreeMap<String, String>,
    labels: &LabelSet,
    bundled: &[Document],
) -> Option<Session> {
    let combined = homes::combine(&homes::Stores { local: local_all.clone(), idb });
    let loaded = storage::load(&combined.all).ok()?;
    Some(loaded.into_session(labels.clone(), bundled.to_vec(), now_ms()).0)
}
