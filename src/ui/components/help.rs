//! The key help, generated from the same table the key handler reads.

use yew::prelude::*;

use super::use_app_state;
use crate::ui::state::Action;

#[component]
pub fn HelpDialog() -> Html {
    let state = use_app_state();
    let close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CloseDialog))
    };
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let rows = state.session.keymap().iter().map(|b| {
        let keys = b.keys().into_iter().map(|k| html! { <><kbd>{ k }</kbd>{ " " }</> });
        html! { <tr><td>{ for keys }</td><td>{ b.description.clone() }</td></tr> }
    });
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
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-panel="help"
                onkeydown={keep_focus}>
                <h2 id="help-title">{ "Keys" }</h2>
                <p>{ "Keys act on the focused sentence; they never fire while you type in a field." }</p>
                <table>
                    <thead><tr><th scope="col">{ "Key" }</th><th scope="col">{ "Action" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <button type="button" data-action="close-help" ref={close_ref} onclick={close}>{ "Close (Esc)" }</button>
            </div>
        </div>
    }
}
