//! The page's entry point: mounts the App into index.html's `#app` (the library holds
//! everything, so tests can mount it too).

#[cfg(target_arch = "wasm32")]
fn main() {
    // index.html's `#app` (beside the first screen's still copy), else the body.
    match sentence_annotator::platform::first_screen::app_root() {
        Some(root) => yew::Renderer::<sentence_annotator::ui::App>::with_root(root).render(),
        None => yew::Renderer::<sentence_annotator::ui::App>::new().render(),
    };
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sentence Annotator is a web page: build it with `make serve` (Trunk).");
}
