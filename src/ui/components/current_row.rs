//! Which drawn row is the focused sentence: it carries `aria-current="true"` and `tabindex="0"`
//! (the roving tab stop; every other row has -1). They are set here, after each render of the
//! article, on the one row that changes, not through the rows' props: a key that moves the
//! focus (`j`, and a label that advances) would otherwise redraw two rows and their paragraphs
//! and blocks to change two attributes on each, about a third of a key press at 5,000 sentences
//! (docs/DEVELOPMENT.md, Performance; `performance.mark`s in the page).
//!
//! Yew never writes either attribute of a row (`SentenceView` leaves `aria-current` out and
//! draws `tabindex` at -1 always, and a redraw of an attribute that did not change in the
//! virtual DOM writes nothing), so the two writers never disagree. A row Yew draws anew (the
//! window moved, another document) has neither, and gets `aria-current` here, in the same
//! task, before the frame paints, and the tab stop once it has painted.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::later::after_paint;
use crate::view::css::row_selector;

/// The row marked last, and the sentence key (`doc:index`) it was marked for.
#[derive(Default)]
struct Marked {
    row: Option<web_sys::Element>,
    key: String,
}

/// Marks the row of sentence `key` (`doc:index`; `None`: no sentence is focused) inside
/// `article` after every render of the calling component, and unmarks the one marked before.
#[hook]
pub fn use_current_row(article: NodeRef, key: Option<String>) {
    let marked: Rc<RefCell<Marked>> = use_mut_ref(Marked::default);
    use_effect(move || {
        let mut m = marked.borrow_mut();
        let key = key.unwrap_or_default();
        // The usual render of a key that changed no focus: the same row, still drawn.
        let holds = m.key == key
            && m.row
                .as_ref()
                .is_some_and(|r| r.is_connected() && r.get_attribute("data-sentence").as_deref() == Some(&key));
        if holds {
            return;
        }
        let old = m.row.take();
        if let Some(old) = &old {
            let _ = old.remove_attribute("aria-current");
        }
        m.row = (!key.is_empty())
            .then(|| article.cast::<web_sys::Element>())
            .flatten()
            .and_then(|a| a.query_selector(&row_selector(&key)).ok().flatten());
        if let Some(row) = &m.row {
            let _ = row.set_attribute("aria-current", "true");
        }
        // The tab stop follows once the frame has painted: changing the tabindex of a
        // focusable row (the old one has the keyboard focus) makes the browser compute
        // styles at once, about 50 µs a row inside the key press (measured in the bench's
        // page); after the paint the styles are clean. Jobs run in order, so the last key's
        // row keeps the stop.
        m.key = key;
        let new = m.row.clone();
        if old.is_none() && new.is_none() {
            return; // the focused sentence is not drawn (a filter hides it): no stop moves
        }
        after_paint(move || {
            if let Some(old) = old.filter(|o| Some(o) != new.as_ref()) {
                let _ = old.set_attribute("tabindex", "-1");
            }
            if let Some(new) = new {
                let _ = new.set_attribute("tabindex", "0");
            }
        });
    });
}
