//! Telling the page's other tabs what this one stored in IndexedDB. localStorage fires a
//! `storage` event in every other tab of the origin; IndexedDB fires none. So once a
//! transaction has committed, its keys are posted on a `BroadcastChannel`, and the other
//! tabs read those keys from IndexedDB and merge them as they merge a storage event
//! (docs/ARCHITECTURE.md, Where state lives). Only keys travel: a value is read from the
//! database, where it is already stored, never copied through the channel.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};

use super::js_error;
use annotator_core::storage::PREFIX;

/// The channel's name: every tab of the page on this origin listens to it.
pub const NAME: &str = "sentence-annotator/sa/v1";

/// One channel object per page: a tab does not hear its own posts on it (a second object
/// of the same name in the same tab would).
pub struct Channel {
    ch: web_sys::BroadcastChannel,
}

impl Channel {
    pub fn open() -> Result<Channel, String> {
        web_sys::BroadcastChannel::new(NAME).map(|ch| Channel { ch }).map_err(|e| js_error(&e))
    }

    /// Says that `keys` were committed to IndexedDB.
    pub fn post_keys(&self, keys: &[String]) -> Result<(), String> {
        let list: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
        self.ch.post_message(&list).map_err(|e| js_error(&e))
    }

    /// Calls `f` with the keys another tab committed. A message that is not a list of the
    /// page's keys (another program on the channel's name) is ignored.
    pub fn listen(&self, f: impl Fn(Vec<String>) + 'static) -> EventListener {
        EventListener::new(&self.ch, "message", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else { return };
            let Ok(list) = e.data().dyn_into::<js_sys::Array>() else { return };
            let keys: Option<Vec<String>> =
                list.iter().map(|k| k.as_string().filter(|k| k.starts_with(PREFIX))).collect();
            if let Some(keys) = keys.filter(|k| !k.is_empty()) {
                f(keys);
            }
        })
    }
}
