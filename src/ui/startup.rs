//! Start-up: the label file, the bundled corpus and what localStorage holds, read once and
//! handed to the domain (`Loaded::into_session`) and to the saver (`Saved::from_loaded`).

use crate::core::document::{ArticleInput, Document};
use crate::core::labels::LabelSet;
use crate::core::session::Session;
use crate::core::storage::plan::Saved;
use crate::core::storage::{self, LoadError};
use crate::platform::clock::now_ms;
use crate::platform::fetch::fetch_text;
use crate::platform::storage::Local;

use super::state::{Level, Startup};

/// Reads everything; never fails as a whole: problems become messages.
pub async fn load() -> Startup {
    let mut messages = Vec::new();
    let labels = match fetch_text("labels.json").await {
        Ok(json) => LabelSet::parse(&json).unwrap_or_else(|e| {
            messages.push((Level::Error, format!("labels.json: {e}. The default labels are used.")));
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
    // One read of localStorage serves loading, the saver's reference and the meter.
    let all = local.as_ref().map(|l| storage::snapshot(l)).unwrap_or_default();
    let loaded = match storage::load(&all) {
        Ok(x) => x,
        Err(e @ LoadError::FutureLayout(_)) => {
            messages.push((Level::Error, e.to_string()));
            let mut session = Session::new(labels, now_ms());
            session.add_documents(bundled, false);
            return Startup { session, messages, read_only: true, saved: None };
        }
    };
    for p in &loaded.problems {
        messages.push((Level::Error, p.clone()));
    }
    if loaded.migration.iter().any(|(k, _)| k == storage::META_KEY) {
        messages.push((Level::Info, "Annotations saved by an earlier version were migrated.".into()));
    }
    let migration = loaded.migration.clone();
    let history_migrated = loaded.history_migrated;
    let (session, lost) = loaded.into_session(labels, bundled, now_ms());
    if lost > 0 {
        messages.push((Level::Error, format!("{lost} annotation(s) no longer match a sentence after a change of segmentation; they are listed in the side panel.")));
    }
    let saved = local.is_some().then(|| Saved::from_loaded(&session, &all, migration, history_migrated));
    Startup { session, messages, read_only: false, saved }
}
