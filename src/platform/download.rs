//! Saving a generated file (text, or bytes such as spaCy's binary corpus) through the
//! browser's download.

use wasm_bindgen::JsCast;

use super::{js_error, window};

pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    save(file_name, mime, &wasm_bindgen::JsValue::from_str(content))
}

/// A binary file (spaCy's `.spacy`), saved byte for byte.
pub fn download_bytes(file_name: &str, mime: &str, content: &[u8]) -> Result<(), String> {
    save(file_name, mime, &js_sys::Uint8Array::from(content))
}

fn save(file_name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &opts).map_err(|e| js_error(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_error(&e))?;
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
