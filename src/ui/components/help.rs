//! The help: what the keys do, generated from the same table the key handler reads, and how
//! the same work goes by touch or mouse (a phone has no keys). It opens at its top, with the
//! close button and the label keys in view.

use yew::prelude::*;

use super::use_app_state;
use crate::ui::state::Action;

/// How the page is worked without keys, one line each: what to tap or click, and what it does.
const TAPS: [(&str, &str); 7] = [
    ("a sentence", "focuses it (the outlined one is what the buttons act on)"),
    ("a label button at the bottom", "tags the focused sentence; again, removes the label"),
    ("0 none", "decides that none of the labels applies"),
    ("a dashed “claim?” suggestion, or ✓ at the bottom", "takes the suggestion"),
    ("split, then a | between two words", "splits the sentence there; join joins it with the next"),
    (
        "Documents, Details (narrow screens)",
        "open the document list and the side panel; tap outside or Esc closes them",
    ),
    ("Mark done, the filter buttons", "decide the rest of the article as none; show only some sentences"),
];

#[component]
pub fn HelpDialog() -> Html {
    let state = use_app_state();
    let close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CloseDialog))
    };
    let close_ref = use_node_ref();
    let dialog_ref = use_node_ref();
    {
        let (close_ref, dialog_ref) = (close_ref.clone(), dialog_ref.clone());
        use_effect_with((), move |_| {
            // The close button takes the keyboard focus without scrolling, and the dialog shows
            // its top: the label keys first.
            if let Some(b) = close_ref.cast::<web_sys::HtmlElement>() {
                let opts = web_sys::FocusOptions::new();
                opts.set_prevent_scroll(true);
                let _ = b.focus_with_options(&opts);
            }
            if let Some(d) = dialog_ref.cast::<web_sys::Element>() {
                d.set_scroll_top(0);
            }
        });
    }
    let rows = state.session.keymap().iter().map(|b| {
        let keys = b.keys().into_iter().map(|k| html! { <><kbd>{ k }</kbd>{ " " }</> });
        html! { <tr><td>{ for keys }</td><td>{ b.description.clone() }</td></tr> }
    });
    let taps = TAPS.iter().map(|(what, does)| html! { <tr><td>{ *what }</td><td>{ *does }</td></tr> });
    // A click on the dimmed page around the dialog closes it.
    let on_backdrop = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            if e.target() == e.current_target() {
                state.dispatch(Action::CloseDialog);
            }
        })
    };
    // The close button is the dialog's one control: Tab keeps the focus on it (modal).
    let keep_focus = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Tab" {
            e.prevent_default();
        }
    });
    html! {
        <div class="overlay" onclick={on_backdrop}>
            <div class="dialog help" role="dialog" aria-modal="true" aria-labelledby="help-title" data-panel="help"
                onkeydown={keep_focus} ref={dialog_ref}>
                <header class="dialog-head">
                    <h2 id="help-title">{ "Keys, taps and clicks" }</h2>
                    <button type="button" data-action="close-help" ref={close_ref} onclick={close}>{ "Close (Esc)" }</button>
                </header>
                <p>{ "Keys act on the focused sentence; they never fire while you type in a field, nor while a panel \
                      covers the article (Esc closes it first)." }</p>
                <table data-help="keys">
                    <thead><tr><th scope="col">{ "Key" }</th><th scope="col">{ "Action" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <h3>{ "By touch or mouse" }</h3>
                <table data-help="taps">
                    <thead><tr><th scope="col">{ "Tap or click" }</th><th scope="col">{ "Action" }</th></tr></thead>
                    <tbody>{ for taps }</tbody>
                </table>
            </div>
        </div>
    }
}
