//! The first screen: index.html carries a still copy of what the page shows a first-time
//! visitor (the bundled article, the toolbar, the panels), inert, so a phone paints the page
//! before the wasm has downloaded and compiled (docs/ARCHITECTURE.md, The first screen). The
//! App renders into `#app`, which the stylesheet hides while the copy is there; the copy goes
//! when the App shows the person's own session (the first view or the loaded one), in the
//! frame that draws it, so the page never shows both or neither.

/// The id of the still copy in index.html.
const FIRST_SCREEN: &str = "first-screen";
/// The id of the element the App renders into.
const APP_ROOT: &str = "app";

/// The element the App renders into: index.html's `#app`; none on a page without one (the
/// browser tests mount the App on their own pages), where Yew's default, the body, serves.
pub fn app_root() -> Option<web_sys::Element> {
    by_id(APP_ROOT)
}

/// Removes the still copy, if the page still has it (again: nothing).
pub fn leave() {
    if let Some(copy) = by_id(FIRST_SCREEN) {
        copy.remove();
    }
}

fn by_id(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}
