//! The dock at the bottom of the article: the one message region above the label bar (or
//! the review box). It stays in reach of a thumb and of the eye, and it must never cover what
//! the person works on, so its height is kept in a CSS variable (`--dock-h` on the root):
//! the page's scroll padding keeps the focused sentence above it, and on a narrow screen the
//! drawers and the agreement panel end above it. When the dock grows (a message came) over
//! the focused sentence, the sentence is scrolled back above it.
//!
//! The height is read by a `ResizeObserver`, which the browser calls after its layout and
//! before the paint: a key press, which does not change the dock's size, costs nothing here.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::messages::Messages;

#[derive(Properties, PartialEq)]
pub struct DockProps {
    #[prop_or_default]
    pub children: Html,
}

/// The focused sentence's row.
const CURRENT_SENTENCE: &str = "[data-sentence][aria-current='true']";

/// Publishes the dock's height, and scrolls the focused sentence above the dock when the dock
/// now covers it.
fn measured(dock: &web_sys::Element) {
    let document = gloo::utils::document();
    let rect = dock.get_bounding_client_rect();
    if let Some(root) = document.document_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = root.style().set_property("--dock-h", &format!("{:.0}px", rect.height().ceil()));
    }
    let Some(row) = document.query_selector(CURRENT_SENTENCE).ok().flatten() else { return };
    let r = row.get_bounding_client_rect();
    if r.height() > 0.0 && r.bottom() > rect.top() && r.top() < rect.bottom() {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        row.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// The observer and the element it watches.
struct Watch {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
    element: web_sys::Element,
}

#[component]
pub fn Dock(p: &DockProps) -> Html {
    let node = use_node_ref();
    let watch: Rc<RefCell<Option<Watch>>> = use_mut_ref(|| None);
    // After each render: watch the dock's element (the same one on a key press: one
    // comparison); without the observer (an old browser) the stylesheet's default applies.
    {
        let (node, watch) = (node.clone(), watch.clone());
        use_effect(move || {
            let Some(el) = node.cast::<web_sys::Element>() else { return };
            let mut w = watch.borrow_mut();
            if w.as_ref().is_some_and(|w| w.element == el) {
                return;
            }
            if let Some(old) = w.take() {
                old.observer.disconnect();
            }
            let target = el.clone();
            let callback = Closure::<dyn FnMut()>::new(move || measured(&target));
            if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
                observer.observe(&el);
                *w = Some(Watch { observer, _callback: callback, element: el });
            }
        });
    }
    {
        let watch = watch.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(w) = watch.borrow_mut().take() {
                    w.observer.disconnect();
                }
            }
        });
    }
    html! {
        <div class="action-bar" data-action-bar="" ref={node}>
            <Messages />
            { p.children.clone() }
        </div>
    }
}
