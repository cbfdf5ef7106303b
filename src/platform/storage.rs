//! localStorage: strings in and out, with failures (quota, disabled storage) as messages.

use annotator_core::storage::KeyValue;

use super::{js_error, window};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The browser refused for lack of space.
    Quota,
    Other(String),
}

pub struct Local {
    storage: web_sys::Storage,
}

impl Local {
    pub fn open() -> Result<Local, String> {
        let storage = window()?
            .local_storage()
            .map_err(|e| format!("localStorage is not available: {}", js_error(&e)))?
            .ok_or("localStorage is not available (disabled by the browser)")?;
        Ok(Local { storage })
    }

    pub fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        self.storage.set_item(key, value).map_err(|e| {
            let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string());
            match name.as_deref() {
                Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => WriteError::Quota,
                _ => WriteError::Other(js_error(&e)),
            }
        })
    }

    pub fn remove(&self, key: &str) -> Result<(), String> {
        self.storage.remove_item(key).map_err(|e| js_error(&e))
    }
}

impl KeyValue for Local {
    fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    fn keys(&self) -> Vec<String> {
        let n = self.storage.length().unwrap_or(0);
        (0..n).filter_map(|i| self.storage.key(i).ok().flatten()).collect()
    }
}
