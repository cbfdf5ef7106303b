//! The label buttons beside the focused sentence: the mouse path of the label keys, of
//! `0` (none applies) and of Backspace (clear), from the same edits (`keys.rs`).

use yew::prelude::*;

use super::use_app_state;
use crate::core::annotations::Edit;
use crate::core::keys::Command;
use crate::ui::state::{Action, StateHandle};

/// A button's click: the edit, on the focused sentence (not a click on the sentence too).
fn on_edit(state: &StateHandle, edit: Edit) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        state.dispatch(Action::Edit(edit.clone()));
    })
}

#[component]
pub fn LabelButtons() -> Html {
    let state = use_app_state();
    let s = &state.session;
    let current: Vec<String> = s.annotation(s.focus()).map(|a| a.labels.clone()).unwrap_or_default();
    let unsure = s.annotation(s.focus()).is_some_and(|a| a.unsure);
    let none = s.annotation(s.focus()).is_some_and(|a| a.none);
    let buttons = s.labels().labels.iter().enumerate().map(|(rank, l)| {
        let pressed = current.contains(&l.name);
        let onclick = on_edit(&state, Edit::ToggleLabel(l.name.clone()));
        html! {
            <button type="button" class={classes!("label-button", format!("label-{rank}"))}
                data-action={format!("label-{}", l.name)} aria-pressed={pressed.to_string()}
                title={format!("{} (key {})", l.description, l.key)} {onclick}>
                <kbd>{ l.key.clone() }</kbd>{ " " }{ l.name.clone() }
            </button>
        }
    });
    let clear = on_edit(&state, Edit::Clear);
    let decide_none = on_edit(&state, Edit::ToggleNone);
    let toggle_unsure = on_edit(&state, Edit::ToggleUnsure);
    // Boundaries (SPEC §9): split mode and the join, for mouse-only people too.
    let splitting = state.split.is_some();
    let toggle_split = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            state.dispatch(Action::ToggleSplit);
        })
    };
    let join = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            state.dispatch(Action::Command(Command::JoinNext));
        })
    };
    html! {
        <span class="label-buttons" role="group" aria-label="Label the focused sentence">
            { for buttons }
            <button type="button" class="plain-button" data-action="decide-none" aria-pressed={none.to_string()}
                title="None of the labels applies (key 0)" onclick={decide_none}><kbd>{ "0" }</kbd>{ " none" }</button>
            <button type="button" class="plain-button" data-action="clear-labels" onclick={clear}
                disabled={current.is_empty() && !none}><kbd>{ "⌫" }</kbd>{ " clear" }</button>
            <button type="button" class="plain-button" data-action="unsure" aria-pressed={unsure.to_string()}
                onclick={toggle_unsure}><kbd>{ "x" }</kbd>{ " unsure" }</button>
            <button type="button" class="plain-button" data-action="split-mode" aria-pressed={splitting.to_string()}
                title="Split the sentence at a gap between words (key s; Esc leaves)" onclick={toggle_split}>
                <kbd>{ "s" }</kbd>{ " split" }</button>
            <button type="button" class="plain-button" data-action="merge-next"
                title="Join the sentence with the next one in its paragraph (key J)" onclick={join}>
                <kbd>{ "J" }</kbd>{ " join" }</button>
        </span>
    }
}
