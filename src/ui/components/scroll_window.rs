//! The article scrolls as one however long it is (docs/FORMAT.md §4, Sentences): only a window
//! of sentences is drawn (`view::window`), and spacers of the estimated height of the rest
//! stand above and below it, so the scrollbar and the mouse wheel cover the whole article. The
//! window follows the focus (keys, clicks) and, when the person scrolls into a spacer, the
//! scroll position: the sentence estimated to be at the middle of the screen becomes the
//! window's anchor.
//!
//! Heights are measured, not assumed: after a render that moved the window, the spacers take
//! the current estimate at once, and once the frame has painted the drawn sentences' height
//! over their count corrects the estimate for the rest. No key press forces a layout: a
//! measure in the key handler cost a window move ~16 ms in a 5,000-sentence article. The spacers' heights are set
//! through the CSSOM (the CSP allows no style attributes).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use yew::prelude::*;

use crate::ui::later::{after_paint, next_frame};

/// Where the scroll took the window: a position among the shown sentences, valid while the
/// focus and the document are those it was set with (a key or a click gives the window back
/// to the focus).
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    pub at: usize,
    pub focus: usize,
    pub doc: String,
}

/// What the scroll listener needs of the last render.
#[derive(Clone, Debug, Default)]
struct Geom {
    from: usize,
    to: usize,
    shown: usize,
    focus: usize,
    doc: String,
    /// Pixels per sentence, measured.
    avg: f64,
    /// The window the spacers were last sized for (doc, from, to, shown).
    sized: Option<(String, usize, usize, usize)>,
}

pub struct ScrollWindow {
    pub anchor: Option<Anchor>,
    pub above: NodeRef,
    pub below: NodeRef,
    pub text: NodeRef,
    geom: Rc<RefCell<Geom>>,
}

impl ScrollWindow {
    /// The position the window is drawn around: the anchor while it holds, else the focus's.
    pub fn at(&self, doc: &str, focus: usize, focus_at: usize) -> usize {
        self.holding(doc, focus).map_or(focus_at, |a| a.at)
    }

    /// Whether the window is drawn around the focus (no scroll's anchor holds it).
    pub fn follows_focus(&self, doc: &str, focus: usize) -> bool {
        self.holding(doc, focus).is_none()
    }

    /// The scroll's anchor, while it holds (the same document and focus).
    fn holding(&self, doc: &str, focus: usize) -> Option<&Anchor> {
        self.anchor.as_ref().filter(|a| a.doc == doc && a.focus == focus)
    }

    /// The window drawn last, if it was drawn for this document and list length.
    pub fn last(&self, doc: &str, shown: usize) -> Option<(usize, usize)> {
        let g = self.geom.borrow();
        (g.doc == doc && g.shown == shown && g.to > g.from).then_some((g.from, g.to))
    }

    /// Records the window just drawn (for the listener and the spacer sizes). A window that
    /// moved after a key press's frame (`view::window::keeps`), the focus where it was and no
    /// scroll holding the window, brings the focused sentence into view again in the next
    /// frame: the spacers change under the page, and its scroll event must not be taken for
    /// the person's (see FOCUS_PENDING).
    pub fn drawn(&self, doc: &str, focus: usize, from: usize, to: usize, shown: usize) {
        let followed = {
            let g = self.geom.borrow();
            g.doc == doc && g.focus == focus && g.shown == shown && (g.from, g.to) != (from, to)
        };
        if followed && self.holding(doc, focus).is_none() {
            bring_into_view(crate::ui::app::show_focused);
        }
        let mut g = self.geom.borrow_mut();
        g.from = from;
        g.to = to;
        g.shown = shown;
        g.focus = focus;
        if g.doc != doc {
            g.doc = doc.to_owned();
        }
    }
}

/// Sets the spacers' heights for the rows not drawn, at the estimated height per row.
fn size_spacers(g: &Geom, above: &web_sys::HtmlElement, below: &web_sys::HtmlElement) {
    let set = |el: &web_sys::HtmlElement, n: usize| {
        let _ = el.style().set_property("height", &format!("{:.0}px", n as f64 * g.avg));
    };
    set(above, g.from);
    set(below, g.shown.saturating_sub(g.to));
}

thread_local! {
    /// The focused sentence is to be scrolled into view in the coming animation frame: until
    /// then the scroll position belongs to the old focus, and a scroll event (CSS scroll
    /// anchoring fires one when the spacers change) must not move the window away from the
    /// new one.
    static FOCUS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `bring` (scrolling the focused sentence into view) in the next animation frame, not
/// in the key handler: scrolling needs the layout, and computing it in the handler would do
/// at once what the frame does anyway (a forced synchronous layout, ~3 ms a key press in a
/// long article). Scroll events wait for it (see FOCUS_PENDING).
pub fn bring_into_view(bring: impl FnOnce() + 'static) {
    FOCUS_PENDING.with(|p| p.set(true));
    next_frame(move || {
        FOCUS_PENDING.with(|p| p.set(false));
        bring();
    });
}

fn px(node: &NodeRef) -> Option<web_sys::HtmlElement> {
    node.cast::<web_sys::HtmlElement>()
}

#[hook]
pub fn use_scroll_window() -> ScrollWindow {
    let anchor = use_state(|| None::<Anchor>);
    let geom = use_mut_ref(|| Geom { avg: 40.0, ..Geom::default() });
    let (above, below, text) = (use_node_ref(), use_node_ref(), use_node_ref());
    // After each render that moved the window: size the spacers from the estimate at once
    // (writes only: no layout is forced in the key handler), then measure after the frame
    // painted, when reading the layout costs nothing, and correct the estimate if it was off.
    {
        let (geom, above, below, text) = (geom.clone(), above.clone(), below.clone(), text.clone());
        use_effect(move || {
            let key = {
                let g = geom.borrow();
                let key = (g.doc.clone(), g.from, g.to, g.shown);
                if g.sized.as_ref() == Some(&key) {
                    return;
                }
                key
            };
            let (Some(a), Some(b)) = (px(&above), px(&below)) else { return };
            size_spacers(&geom.borrow(), &a, &b);
            geom.borrow_mut().sized = Some(key.clone());
            let measure = move || {
                let (Some(a), Some(b), Some(t)) = (px(&above), px(&below), px(&text)) else { return };
                let mut g = geom.borrow_mut();
                if g.sized.as_ref() != Some(&key) {
                    return; // the window moved again meanwhile: that render measures
                }
                let drawn = g.to - g.from;
                let spacers = a.get_bounding_client_rect().height() + b.get_bounding_client_rect().height();
                let content = t.get_bounding_client_rect().height() - spacers;
                if drawn >= 20 && content > 0.0 {
                    let avg = content / drawn as f64;
                    if (avg - g.avg).abs() > g.avg * 0.02 {
                        g.avg = avg;
                        size_spacers(&g, &a, &b);
                    }
                }
            };
            after_paint(measure);
        });
    }
    // Scrolling into a spacer moves the window there.
    {
        let (geom, above, below, anchor) = (geom.clone(), above.clone(), below.clone(), anchor.clone());
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let opts = EventListenerOptions::default();
            let listener = EventListener::new_with_options(&window, "scroll", opts, move |_| {
                if FOCUS_PENDING.with(|p| p.get()) {
                    return;
                }
                let g = geom.borrow().clone();
                if g.to - g.from >= g.shown || g.avg <= 0.0 {
                    return;
                }
                let height = gloo::utils::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
                let middle = height / 2.0;
                let to_anchor = |at: usize| Anchor { at: at.min(g.shown - 1), focus: g.focus, doc: g.doc.clone() };
                if let Some(a) = px(&above).filter(|_| g.from > 0) {
                    let r = a.get_bounding_client_rect();
                    if middle < r.bottom() {
                        let back = ((r.bottom() - middle) / g.avg).ceil() as usize;
                        anchor.set(Some(to_anchor(g.from.saturating_sub(back))));
                        return;
                    }
                }
                if let Some(b) = px(&below).filter(|_| g.to < g.shown) {
                    let r = b.get_bounding_client_rect();
                    if middle > r.top() {
                        let on = ((middle - r.top()) / g.avg).floor() as usize;
                        anchor.set(Some(to_anchor(g.to + on)));
                    }
                }
            });
            move || drop(listener)
        });
    }
    ScrollWindow { anchor: (*anchor).clone(), above, below, text, geom }
}
