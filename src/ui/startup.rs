//! Start-up: the label file, the bundled corpus and what localStorage holds.

use crate::core::document::{ArticleInput, Document};
use crate::core::labels::LabelSet;
use crate::core::session::Session;
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
    let mut session = Session::new(labels, now_ms());

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
    let mut read_only = false;
    let mut sizes = Default::default();
    let loaded = match &local {
        Some(l) => {
            // One read of localStorage serves loading and the storage meter.
            let all = storage::snapshot(l);
            sizes = storage::key_sizes(&all);
            match storage::load(&all) {
                Ok(x) => Some(x),
                Err(e @ LoadError::FutureLayout(_)) => {
                    read_only = true;
                    messages.push((Level::Error, e.to_string()));
                    None
                }
            }
        }
        None => None,
    };

    let Some(loaded) = loaded else {
        session.add_documents(bundled, false);
        return Startup { session, messages, read_only, sizes };
    };
    for p in &loaded.problems {
        messages.push((Level::Error, p.clone()));
    }
    if let Some(l) = &local {
        for (key, value) in &loaded.migration {
            if let Err(e) = l.set(key, value) {
                messages.push((
                    Level::Error,
                    format!("Migration of saved annotations could not be written ({e:?}); the old data is kept."),
                ));
            }
        }
        if !loaded.migration.is_empty() {
            messages.push((Level::Info, "Annotations saved by an earlier version were migrated.".into()));
        }
    }
    session.settings = loaded.meta.settings.clone();
    session.annotator = loaded.meta.annotator.clone();
    let removed: Vec<String> = loaded.meta.removed.clone();
    let bundled: Vec<Document> = bundled.into_iter().filter(|d| !removed.contains(&d.id)).collect();
    session.add_documents(bundled, false);
    *std::rc::Rc::make_mut(&mut session.removed) = removed.into_iter().collect();
    let imported: Vec<Document> = loaded.imported.into_iter().map(Document::from_input).collect();
    session.add_documents(imported, true);
    let mut orphans = Vec::new();
    // Annotations of a document not present (removed, or its article not stored yet) are
    // kept in storage untouched, as the loader found them.
    for (doc_id, shard) in loaded.shards {
        if let Some(i) = session.doc_index(&doc_id) {
            let doc = session.docs[i].clone();
            let (anns, lost) = storage::reattach(&doc, shard);
            session.anns.replace_doc(&doc_id, anns);
            orphans.extend(lost);
        }
    }
    if !orphans.is_empty() {
        messages.push((Level::Error, format!("{} annotation(s) no longer match a sentence after a change of segmentation; they are listed in the side panel.", orphans.len())));
        *std::rc::Rc::make_mut(&mut session.orphans) = orphans;
    }
    *std::rc::Rc::make_mut(&mut session.history) = loaded.history;
    let open = loaded.meta.open_doc.as_deref().and_then(|id| session.doc_index(id)).unwrap_or(0);
    session.select_doc(open);
    session.focus_sentence(loaded.meta.focus);
    session.announce.clear();
    Startup { session, messages, read_only, sizes }
}
