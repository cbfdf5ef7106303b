//! The first screen: index.html carries a still copy of what the page shows a first-time
//! visitor (the bundled article, the toolbar, the panels), inert, so a phone paints the page
//! before the wasm has downloaded and compiled (docs/ARCHITECTURE.md, The first screen). The
//! App renders into `#app`, which the stylesheet hides while the copy is there; the copy goes
//! when the App shows the person's own session (the first view or the loaded one), in the
//! frame that draws it, so the page never shows both or neither.

use super::window;

/// The id of the still copy in index.html.
const FIRST_SCREEN: &str = "first-screen";
/// The id of the element the App renders into.
const APP_ROOT: &str = "app";

/// The element the App renders into: index.html's `#app`, or the body of a page without one
/// (the browser tests mount the App on their own pages).
pub fn app_root() -> Result<web_sys::Element, String> {
    let document = window()?.document().ok_or("no document")?;
    if let Some(root) = document.get_element_by_id(APP_ROOT) {
        return Ok(root);
    }
    document.body().map(Into::into).ok_or_else(|| "the page has no body".to_owned())
}

/// Removes the still copy, if the page still has it (again: nothing).
pub fn leave() {
    if let Some(copy) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(FIRST_SCREEN)) {
        copy.remove();
    }
}
