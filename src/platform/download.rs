//! Saving a generated file (text, or bytes such as spaCy's binary corpus) through the
//! browser's download; a large one is handed over in parts (`Parts`), never as one string.

use wasm_bindgen::JsCast;

use super::{js_error, window};

pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    save(file_name, mime, &wasm_bindgen::JsValue::from_str(content))
}

/// A binary file (spaCy's `.spacy`), saved byte for byte.
pub fn download_bytes(file_name: &str, mime: &str, content: &[u8]) -> Result<(), String> {
    save(file_name, mime, &js_sys::Uint8Array::from(content))
}

/// A file made of text parts, as a large export is written: each part goes to the browser as
/// it comes, and every `FOLD_BYTES` the parts so far become one Blob, whose bytes the browser
/// keeps outside the script's heap; no string of the whole file exists on either side.
pub struct Parts {
    mime: String,
    /// Blobs of earlier parts, in order.
    blobs: js_sys::Array,
    /// Parts not yet in a Blob.
    texts: js_sys::Array,
    bytes: usize,
}

/// Bytes of text parts gathered before they become one Blob.
const FOLD_BYTES: usize = 4 << 20;

impl Parts {
    pub fn new(mime: &str) -> Parts {
        Parts { mime: mime.to_owned(), blobs: js_sys::Array::new(), texts: js_sys::Array::new(), bytes: 0 }
    }

    pub fn push(&mut self, text: &str) -> Result<(), String> {
        self.texts.push(&wasm_bindgen::JsValue::from_str(text));
        self.bytes += text.len();
        if self.bytes >= FOLD_BYTES {
            self.fold()?;
        }
        Ok(())
    }

    fn fold(&mut self) -> Result<(), String> {
        if self.texts.length() > 0 {
            let blob = blob_of(&self.texts, &self.mime)?;
            self.blobs.push(&blob);
            self.texts = js_sys::Array::new();
            self.bytes = 0;
        }
        Ok(())
    }

    /// Saves the parts as one file.
    pub fn save(mut self, file_name: &str) -> Result<(), String> {
        self.fold()?;
        save_blob(file_name, &blob_of(&self.blobs, &self.mime)?)
    }
}

fn blob_of(parts: &js_sys::Array, mime: &str) -> Result<web_sys::Blob, String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_buffer_source_sequence_and_options(parts, &opts).map_err(|e| js_error(&e))
}

fn save(file_name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    save_blob(file_name, &blob_of(&js_sys::Array::of1(part), mime)?)
}

fn save_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| js_error(&e))?;
    let document = window()?.document().ok_or("no document")?;
    let a = document
        .create_element("a")
        .map_err(|e| js_error(&e))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "could not create a link".to_owned())?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document.body().ok_or("no document body")?;
    body.append_child(&a).map_err(|e| js_error(&e))?;
    a.click();
    let _ = body.remove_child(&a);
    // The click has started the download; the URL may go once the browser has read it.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
