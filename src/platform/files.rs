//! Reading files the user picks or drops.

use wasm_bindgen_futures::JsFuture;

use super::js_error;

/// The files of a FileList, in order.
pub fn list(files: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// All bytes of a file (call only after checking its size).
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{}: could not be read ({})", file.name(), js_error(&e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
