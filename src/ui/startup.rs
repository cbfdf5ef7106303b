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

/// Reads everything; never fails as a whole: problems become messages.
pub async fn load() -> Startup {
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
    let (idb, idb_all) = match read_idb().await {
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

/// Opens the database and reads it whole.
async fn read_idb() -> Result<(Idb, BTreeMap<String, String>), IdbError> {
    let db = Idb::open().await?;
    let all = db.read_all().await?;
    Ok((db, all))
}
