//! Saving, the browser side: after a render, the core's plan (`storage::plan::Saved`)
//! says which keys the change must write; this performs them on localStorage and reports
//! each result back. The cost of a save is the cost of the change, not of the corpus.

use crate::core::storage::plan::{Saved, WriteResult};
use crate::platform::storage::{Local, WriteError};

use super::state::State;

/// What a save found, for the UI to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Meter {
    /// Some write is waiting for room (quota full) or failed: retried on the next change.
    pub full: bool,
    /// Bytes used in the quota by this page's keys.
    pub used: usize,
}

#[derive(Default)]
pub struct Saver {
    saved: Option<Saved>,
}

impl Saver {
    /// Starts from what start-up read (nothing is written until something changes, but a
    /// pending migration).
    pub fn start(&mut self, saved: Saved) {
        self.saved = Some(saved);
    }

    pub fn meter(&self) -> Meter {
        self.saved.as_ref().map(|s| Meter { full: s.behind(), used: s.used() }).unwrap_or_default()
    }

    /// Writes what changed since the last save. Returns the meter and an error in words.
    pub fn sync(&mut self, state: &State, local: &Local) -> (Meter, Option<String>) {
        let Some(saved) = self.saved.as_mut() else { return (Meter::default(), None) };
        if state.read_only || !state.loaded {
            return (self.meter(), None);
        }
        let mut error = None;
        for (key, value) in saved.plan(&state.session) {
            let result = match &value {
                Some(v) => match local.set(&key, v) {
                    Ok(()) => WriteResult::Done,
                    Err(WriteError::Quota) => WriteResult::Full,
                    Err(WriteError::Other(e)) => {
                        error = Some(format!("Saving failed: {e}. Your work is kept in this tab; export it."));
                        WriteResult::Failed
                    }
                },
                None => match local.remove(&key) {
                    Ok(()) => WriteResult::Done,
                    Err(_) => WriteResult::Failed,
                },
            };
            saved.done(&key, value.as_deref(), result);
        }
        saved.commit(&state.session);
        (self.meter(), error)
    }

    /// Another tab's write (or removal): storage holds it now, so it is not written back.
    pub fn note_external(&mut self, key: &str, value: Option<&str>) {
        if let Some(s) = self.saved.as_mut() {
            s.note_external(key, value);
        }
    }
}
