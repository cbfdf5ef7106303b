//! The root component: start-up, the page-wide listeners (keys, drop, other tabs: tabs.rs), saving,
//! the team sync's driver (ui/sync.rs: told after each change, resumed after a reload), and
//! the layout.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::Event;
use yew::prelude::*;

use crate::platform::channel::Channel;
use crate::platform::offline;
use crate::platform::storage::Local;
use annotator_core::keys::{self, Binding, Command, KeyPress};
use annotator_core::storage;
use annotator_core::sync::SYNC_KEY;

use super::components::shell::Shell;
use super::components::{Latest, PanelState};
use super::later::{AfterPaint, Slot};
use super::persist::{self, Estimate, Meter, Outcome, Saver};
use super::state::{Action, Level, State, StateHandle};
use super::sync::{self as team_sync, Driver, SyncHandle};
use super::{importer, tabs};
use crate::view::words;

/// An event's target element and its tag name in lower case, read once per key press.
fn element_and_tag(target: Option<web_sys::EventTarget>) -> Option<(web_sys::HtmlElement, String)> {
    let el = target?.dyn_into::<web_sys::HtmlElement>().ok()?;
    let tag = el.tag_name().to_ascii_lowercase();
    Some((el, tag))
}

/// Whether keys go to this element as text (then they are the person's typing, not commands).
fn is_typing(el: &web_sys::HtmlElement, tag: &str) -> bool {
    matches!(tag, "textarea" | "select")
        || (tag == "input"
            && !matches!(
                el.get_attribute("type").unwrap_or_default().as_str(),
                "checkbox" | "radio" | "button" | "file"
            ))
        || el.is_content_editable()
}

/// The focused sentence's element.
const CURRENT_SENTENCE: &str = "[data-sentence][aria-current='true']";

/// The first element matching `selector`, if it is an HTML element.
fn html_element(selector: &str) -> Option<web_sys::HtmlElement> {
    gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Puts the caret (or keyboard focus) into the first element matching `selector`.
fn focus_element(selector: &str) {
    if let Some(el) = html_element(selector) {
        let _ = el.focus();
    }
}

/// Whether the person is typing in a field (keys and the focus are theirs then).
fn typing() -> bool {
    let active = gloo::utils::document().active_element();
    element_and_tag(active.map(Into::into)).is_some_and(|(el, tag)| is_typing(&el, &tag))
}

/// Scrolls the focused sentence into view (in the frame this runs in: see `bring_into_view`)
/// and gives it the keyboard focus once that frame has painted, unless the person is typing
/// in a field. The focused row's look comes from `aria-current`, not from `:focus`, so the
/// frame shows the change whole; focusing it dispatches focus events (Yew's listeners among
/// them) that the frame need not wait for: 1 to 2 ms a key press with the CPU 4x slower.
pub fn show_focused() {
    let Some(el) = html_element(CURRENT_SENTENCE) else { return };
    if typing() {
        return;
    }
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    let before = gloo::utils::document().active_element();
    gloo::timers::callback::Timeout::new(0, move || {
        // Something took the focus meanwhile (a dialog opened by the next key, a field): it
        // keeps it. A row, or the page itself (the focused row was redrawn), does not.
        let now = gloo::utils::document().active_element();
        let taken = now.is_some_and(|e| {
            Some(&e) != before.as_ref()
                && !e.has_attribute("data-sentence")
                && !e.tag_name().eq_ignore_ascii_case("body")
        });
        if taken {
            return;
        }
        // The row drawn now (a later key may have moved the focus or redrawn the rows).
        let Some(el) = html_element(CURRENT_SENTENCE) else { return };
        // Scrolled already: focusing must not compute a second scroll.
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = el.focus_with_options(&focus);
    })
    .forget();
}

/// Scrolls the open article's head (title, progress, filters) to the top of the view, under
/// the toolbar (the stylesheet's scroll padding).
fn show_head() {
    let Some(head) = html_element(".article-head") else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Start);
    head.scroll_into_view_with_scroll_into_view_options(&opts);
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::new);
    let saver = use_mut_ref(Saver::default);
    let sync = use_mut_ref(Driver::default);
    sync.borrow_mut().set_dispatcher(state.dispatcher());
    let keymap: Rc<RefCell<Rc<Vec<Binding>>>> = use_mut_ref(|| state.session.keymap().clone());
    *keymap.borrow_mut() = state.session.keymap().clone();
    let dialog_open = use_mut_ref(|| false);
    *dialog_open.borrow_mut() = state.dialog.is_some();
    // A dialog, or a panel over the article, holds the keys (State::screen_command).
    let holds_keys = use_mut_ref(|| false);
    *holds_keys.borrow_mut() = state.holds_keys();
    let agreement_open = use_mut_ref(|| false);
    *agreement_open.borrow_mut() = state.agreement_open;
    // After `f`, the next key is a filter's, whatever the key table says.
    let filter_prefix = use_mut_ref(|| false);
    *filter_prefix.borrow_mut() = state.filter_prefix;
    // The open article shown first while a large corpus is read: a dropped file waits.
    let previewing = use_mut_ref(|| false);
    *previewing.borrow_mut() = state.preview;

    // Start-up: labels, bundled corpus, storage.
    {
        let dispatcher = state.dispatcher();
        let saver = saver.clone();
        let sync = sync.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let first = dispatcher.clone();
                let preview = move |session| first.dispatch(Action::Preview(Box::new(session)));
                let mut start = super::startup::load(preview).await;
                // What was read is what is saved: the saver starts from it.
                if let Some(saved) = start.saved.take() {
                    let mut saver = saver.borrow_mut();
                    saver.start(saved, start.idb.take());
                    saver.stored_checkpoint(start.checkpoint.clone().map(Rc::new));
                }
                sync.borrow_mut().set_stored_checkpoint(start.checkpoint.take());
                dispatcher.dispatch(Action::Loaded(Box::new(start)));
            });
        });
    }

    // Saving: after each render, write what changed (see persist.rs), once the frame that
    // shows the change has painted (later.rs: a key press does not wait for the write; the
    // latest state is saved, and at once when the page is hidden or left). localStorage's
    // writes happen then; IndexedDB's transaction reports when it ends. The storage meter is
    // its own small state (in kilobytes), so a save re-renders nothing but the meter, and
    // only when it moved.
    let meter = use_state_eq(Meter::default);
    let later = use_mut_ref(AfterPaint::default).borrow().clone();
    // How much of its share of the disk the page uses, asked again when the corpus or the
    // layers changed in IndexedDB (the history's small writes do not move it much).
    let estimate = use_state_eq(Estimate::default);
    let refresh_estimate: Rc<dyn Fn()> = {
        let estimate = estimate.clone();
        Rc::new(move || {
            let estimate = estimate.clone();
            wasm_bindgen_futures::spawn_local(async move { estimate.set(Estimate(offline::estimate().await)) });
        })
    };
    {
        let refresh_estimate = refresh_estimate.clone();
        use_effect_with(state.loaded, move |loaded| {
            if *loaded {
                refresh_estimate();
            }
        });
    }
    // The still copy of the first screen (index.html) goes in the frame that draws the
    // person's own session: the first view of a large corpus or the loaded one.
    use_effect_with(state.loaded || state.preview, |shown| {
        if *shown {
            crate::platform::first_screen::leave();
        }
    });
    // The channel other tabs hear this tab's IndexedDB commits on (one object per page).
    let channel: Rc<Option<Channel>> = (*use_mut_ref(|| Rc::new(Channel::open().ok())).borrow()).clone();
    let report: Rc<dyn Fn(Outcome)> = {
        let dispatcher = state.dispatcher();
        let meter = meter.clone();
        let sync = sync.clone();
        let channel = channel.clone();
        Rc::new(move |out: Outcome| {
            let history = |k: &String| k.starts_with(storage::history::HISTORY_INDEX_KEY) || k == SYNC_KEY;
            if out.idb_keys.iter().any(|k| !history(k)) {
                refresh_estimate();
            }
            if let Some(ch) = channel.as_ref().as_ref().filter(|_| !out.idb_keys.is_empty()) {
                // Other tabs read these keys and merge them; without a channel they see them
                // on their next start.
                let _ = ch.post_keys(&out.idb_keys);
            }
            if let Some(cp) = out.checkpoint {
                sync.borrow_mut().set_stored_checkpoint(Some((*cp).clone()));
            }
            if let Some(e) = out.error {
                dispatcher.dispatch(Action::Notify(Level::Error, e));
            }
            meter.set(Meter { full: out.meter.full, used: out.meter.used / 1024 * 1024 });
        })
    };
    {
        let state = state.clone();
        let saver = saver.clone();
        let later = later.clone();
        use_effect(move || {
            if !state.loaded {
                return;
            }
            later.set(Slot::Save, move || {
                let Ok(local) = Local::open() else { return };
                persist::save(&saver, &state, &local, report);
            });
        });
    }
    // A page being hidden, reloaded or closed saves what waits, now.
    {
        let later = later.clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let on_hide = {
                let later = later.clone();
                EventListener::new(&document, "visibilitychange", move |_| {
                    if gloo::utils::document().hidden() {
                        later.run();
                    }
                })
            };
            let on_leave = EventListener::new(&gloo::utils::window(), "pagehide", move |_| later.run());
            move || {
                drop(on_hide);
                drop(on_leave);
            }
        });
    }

    // The team sync: told after every change (cheap when nothing changed); a changed
    // annotator name restarts it under the new name.
    {
        let state = state.clone();
        let sync = sync.clone();
        use_effect(move || {
            if !state.loaded {
                return;
            }
            let renamed = {
                let d = sync.borrow();
                d.is_on() && d.annotator() != state.session.annotator().trim()
            };
            if renamed {
                let url = state.session.settings().sync_url.clone();
                team_sync::start(&sync, &state.session, &url, None);
            } else {
                team_sync::observe(&sync, &state.session);
            }
        });
    }

    // After a reload the sync resumes when it was on (the browser kept the session cookie).
    {
        let state = state.clone();
        let sync = sync.clone();
        use_effect_with(state.loaded, move |loaded| {
            let settings = state.session.settings();
            if *loaded && !state.read_only && settings.sync_on && !settings.sync_url.trim().is_empty() {
                team_sync::start(&sync, &state.session, &settings.sync_url, None);
            }
        });
    }

    // Label colours come from the label set (labels.json), whatever its size.
    use_effect_with(state.session.labels().clone(), |labels| {
        let colours: Vec<&str> = labels.labels.iter().map(|l| l.color.as_str()).collect();
        // Without them the labels still show as text, and the stylesheet's defaults apply.
        let _ = crate::platform::theme::apply(&annotator_core::palette::css_rules(&colours));
    });

    // Keys (docs/FORMAT.md §4, annotator_core::keys), never while typing in a text field.
    {
        let dispatcher = state.dispatcher();
        let keymap = keymap.clone();
        let holds_keys = holds_keys.clone();
        let agreement_open = agreement_open.clone();
        let dialog_open = dialog_open.clone();
        let filter_prefix = filter_prefix.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let opts = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&window, "keydown", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if e.is_composing() {
                    return;
                }
                let key = e.key();
                let (target, tag) = element_and_tag(e.target()).map_or((None, String::new()), |(el, t)| (Some(el), t));
                if let Some(field) = target.as_ref().filter(|el| is_typing(el, &tag)) {
                    if key == "Escape" {
                        let _ = field.blur();
                        focus_element(CURRENT_SENTENCE);
                    }
                    return;
                }
                if *filter_prefix.borrow() && !matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
                    e.prevent_default();
                    dispatcher.dispatch(Action::FilterKey(key));
                    return;
                }
                let press =
                    KeyPress { key, ctrl: e.ctrl_key() || e.meta_key(), shift: e.shift_key(), alt: e.alt_key() };
                let table = keymap.borrow().clone();
                let Some(cmd) = keys::resolve(&table, &press) else { return };
                // Escape on a button outside a dialog or panel is left to the button (it does
                // not clear the filter and search from there), and Enter on a button, link or
                // checkbox is its own activation, not "accept the suggestion".
                let on_button = tag == "button";
                if on_button && matches!(cmd, Command::Escape) && !*holds_keys.borrow() {
                    return;
                }
                if matches!(cmd, Command::AcceptSuggestion)
                    && matches!(tag.as_str(), "button" | "a" | "summary" | "input")
                {
                    return;
                }
                e.prevent_default();
                // The agreement panel open, the keys belong to the article only while its
                // keyboard focus is there (a sentence or a button of it the person chose,
                // so the effect is in view); elsewhere the panel holds them.
                let in_article = target.as_ref().is_some_and(|el| el.closest("#article").ok().flatten().is_some());
                if *agreement_open.borrow() && !in_article && !*dialog_open.borrow() {
                    dispatcher.dispatch(Action::HeldKey(cmd));
                    return;
                }
                dispatcher.dispatch(Action::Command(cmd));
            });
            move || drop(listener)
        });
    }

    // Drag and drop anywhere on the page: files go through the same importer.
    {
        let dispatcher = state.dispatcher();
        let previewing = previewing.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let opts = EventListenerOptions::enable_prevent_default();
            let carries_files = |e: &Event| {
                e.dyn_ref::<web_sys::DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .is_some_and(|dt| dt.types().includes(&"Files".into(), 0))
            };
            let hover = dispatcher.clone();
            let over = EventListener::new_with_options(&window, "dragover", opts, move |e| {
                e.prevent_default();
                if carries_files(e) {
                    hover.dispatch(Action::Dragging(true));
                }
            });
            let leave_dispatch = dispatcher.clone();
            let leave = EventListener::new(&window, "dragleave", move |e| {
                // Leaving the window (not moving between elements of the page).
                let gone = e.dyn_ref::<web_sys::DragEvent>().is_some_and(|d| d.related_target().is_none());
                if gone {
                    leave_dispatch.dispatch(Action::Dragging(false));
                }
            });
            let drop_listener = EventListener::new_with_options(&window, "drop", opts, move |e| {
                e.prevent_default();
                dispatcher.dispatch(Action::Dragging(false));
                if *previewing.borrow() {
                    dispatcher.dispatch(Action::Notify(Level::Info, words::still_loading()));
                    return;
                }
                let Some(files) =
                    e.dyn_ref::<web_sys::DragEvent>().and_then(|d| d.data_transfer()).and_then(|dt| dt.files())
                else {
                    return;
                };
                let list = crate::platform::files::list(&files);
                let dispatcher = dispatcher.clone();
                wasm_bindgen_futures::spawn_local(importer::import_files(list, dispatcher));
            });
            move || {
                drop(over);
                drop(leave);
                drop(drop_listener);
            }
        });
    }

    // Another tab saved: its annotations merge per sentence (latest change wins), its
    // imported articles join the list (tabs.rs). localStorage tells by the storage event,
    // IndexedDB by the other tab's post on the channel.
    {
        let dispatcher = state.dispatcher();
        let saver = saver.clone();
        let later = later.clone();
        let channel = channel.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let storage_listener = {
                let (dispatcher, saver, later) = (dispatcher.clone(), saver.clone(), later.clone());
                EventListener::new(&window, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                    let Some(key) = e.key() else { return };
                    tabs::stored_locally(&key, e.new_value(), &saver, &later, &dispatcher);
                })
            };
            let channel_listener = Option::as_ref(&channel)
                .map(|ch| ch.listen(move |keys| tabs::stored_in_idb(keys, &saver, &later, &dispatcher)));
            move || {
                drop(storage_listener);
                drop(channel_listener);
            }
        });
    }

    // Keep the focused sentence in view and focused (unless the person is typing). Another
    // document opened (a click, `]`, or a decision on the last sentence moving on) shows its
    // head first: the person sees where they are, then the sentence.
    {
        let open_id = state.session.open_doc().map(|d| d.id.clone());
        let focus = state.session.focus();
        // The article shown first while a large corpus is read is scrolled to the focus too.
        let loaded = state.loaded || state.preview;
        // Also when a dialog closes: the focus goes back to the sentence.
        let no_dialog = state.dialog.is_none();
        let shown_doc = use_mut_ref(|| None::<String>);
        use_effect_with((open_id, focus, loaded, no_dialog), move |(open_id, _, loaded, no_dialog)| {
            if !*no_dialog || !*loaded {
                return;
            }
            // Not the first article shown: the page starts at its top, where the head shows
            // already (scrolling it under the toolbar would move the page a few pixels from
            // where index.html's first screen drew it).
            let other_doc = shown_doc.borrow().as_ref().is_some_and(|shown| Some(shown) != open_id.as_ref());
            shown_doc.borrow_mut().clone_from(open_id);
            // In the next animation frame (see bring_into_view).
            super::components::scroll_window::bring_into_view(move || {
                if other_doc {
                    show_head();
                }
                show_focused();
            });
        });
    }

    // The agreement panel closed: the focused sentence is in view and has the keys again.
    use_effect_with(state.agreement_open, |open| {
        if !*open {
            super::components::scroll_window::bring_into_view(show_focused);
        }
    });

    // "/": the search field takes the caret.
    use_effect_with(state.search_request, |n| {
        if *n > 0 {
            focus_element("input[data-action='search']");
        }
    });

    // "#": the "go to sentence" field takes the caret.
    use_effect_with(state.goto_request, |n| {
        if *n > 0 {
            focus_element("#goto-field");
        }
    });

    // "e": the note field takes the caret.
    use_effect_with(state.note_request, |n| {
        if *n > 0 {
            focus_element("#note-field");
        }
    });

    // The side panel and the document list show a copy of the state that follows a key press
    // one paint behind (`State::quick`): the key's frame draws the rows and the label bar
    // only, and the panels' counts, charts and notes are drawn right after it has painted.
    let panels_copy = use_mut_ref(|| None::<PanelState>);
    let released = use_mut_ref(|| 0u64);
    let catch_up = use_force_update();
    let lag = state.quick && *released.borrow() != state.stamp;
    let panels = {
        let mut copy = panels_copy.borrow_mut();
        match &*copy {
            Some(p) if p.stamp == state.stamp || lag => p.clone(),
            _ => copy.insert(PanelState::of(&state)).clone(),
        }
    };
    let lag = lag && panels.stamp != state.stamp;
    // The catch-up is asked for after the render (a job run at once, on a hidden page, must
    // not render the App from inside its own render).
    {
        let (released, stamp, later) = (released.clone(), state.stamp, later.clone());
        use_effect(move || {
            if lag {
                later.set(Slot::Panels, move || {
                    *released.borrow_mut() = stamp;
                    catch_up.force_update();
                });
            }
        });
    }
    html! {
        <ContextProvider<StateHandle> context={state.clone()}>
        <ContextProvider<Meter> context={*meter}>
        <ContextProvider<Estimate> context={*estimate}>
        <ContextProvider<SyncHandle> context={SyncHandle(sync.clone())}>
        <ContextProvider<PanelState> context={panels}>
        <ContextProvider<Latest> context={Latest(state.clone())}>
            <Shell />
        </ContextProvider<Latest>>
        </ContextProvider<PanelState>>
        </ContextProvider<SyncHandle>>
        </ContextProvider<Estimate>>
        </ContextProvider<Meter>>
        </ContextProvider<StateHandle>>
    }
}
