//! The page's entry point: mounts the App (the library holds everything, so tests can
//! mount it too).

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<sentence_annotator::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sentence Annotator is a web page: build it with `make serve` (Trunk).");
}
