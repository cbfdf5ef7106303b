//! The label buttons beside the focused sentence: the mouse path of the label keys, of
//! `0` (none applies) and of Backspace (clear), from the same edits (`keys.rs`).

use std::rc::Rc;

use yew::prelude::*;

use super::{use_app_state, use_latest};
use crate::core::annotations::Edit;
use crate::core::keys::Command;
use crate::core::labels::LabelSet;
use crate::ui::state::{Action, State};

/// A button's click: the edit, on the focused sentence (not a click on the sentence too).
fn on_edit(dispatcher: &UseReducerDispatcher<State>, edit: Edit) -> Callback<MouseEvent> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        dispatcher.dispatch(Action::Edit(edit.clone()));
    })
}

/// What the bar shows of the focused sentence, as small values: a key press that changes
/// none of them (a move between two undecided sentences) does not draw the bar again.
#[derive(Properties, PartialEq)]
struct BarProps {
    labels: Rc<LabelSet>,
    /// Bit `r` set: the label of rank `r` is on the focused sentence.
    pressed: u64,
    /// Any label on it (also one outside the label set).
    labelled: bool,
    none: bool,
    unsure: bool,
    splitting: bool,
}

#[component]
pub fn LabelButtons() -> Html {
    let state = use_app_state();
    let s = &state.session;
    let ann = s.annotation(s.focus());
    let labels = s.labels().clone();
    let pressed = ann.map_or(0, |a| {
        labels
            .labels
            .iter()
            .enumerate()
            .filter(|(r, l)| *r < 64 && a.labels.contains(&l.name))
            .fold(0, |m, (r, _)| m | 1 << r)
    });
    html! {
        <LabelBar {labels} {pressed} labelled={ann.is_some_and(|a| !a.labels.is_empty())}
            none={ann.is_some_and(|a| a.none)} unsure={ann.is_some_and(|a| a.unsure)} splitting={state.split.is_some()} />
    }
}

#[component]
fn LabelBar(p: &BarProps) -> Html {
    // Callbacks made once (per label set): they dispatch, and the reducer edits the focus.
    let dispatcher = use_latest().dispatcher();
    let label_clicks = use_memo(p.labels.clone(), |labels| {
        labels.labels.iter().map(|l| on_edit(&dispatcher, Edit::ToggleLabel(l.name.clone()))).collect::<Vec<_>>()
    });
    let others = use_memo((), |_| {
        let command = |action: fn() -> Action| {
            let dispatcher = dispatcher.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                dispatcher.dispatch(action());
            })
        };
        [
            on_edit(&dispatcher, Edit::Clear),
            on_edit(&dispatcher, Edit::ToggleNone),
            on_edit(&dispatcher, Edit::ToggleUnsure),
            command(|| Action::ToggleSplit),
            command(|| Action::Command(Command::JoinNext)),
        ]
    });
    let [clear, decide_none, toggle_unsure, toggle_split, join] = (*others).clone();
    let buttons = p.labels.labels.iter().zip(label_clicks.iter()).enumerate().map(|(rank, (l, onclick))| {
        let pressed = rank < 64 && p.pressed & (1 << rank) != 0;
        html! {
            <button type="button" class={classes!("label-button", format!("label-{rank}"))}
                data-action={format!("label-{}", l.name)} aria-pressed={pressed.to_string()}
                title={format!("{} (key {})", l.description, l.key)} onclick={onclick.clone()}>
                <kbd>{ l.key.clone() }</kbd>{ " " }{ l.name.clone() }
            </button>
        }
    });
    let (none, unsure, splitting) = (p.none, p.unsure, p.splitting);
    html! {
        <span class="label-buttons" role="group" aria-label="Label the focused sentence">
            { for buttons }
            <button type="button" class="plain-button" data-action="decide-none" aria-pressed={none.to_string()}
                title="None of the labels applies (key 0)" onclick={decide_none}><kbd>{ "0" }</kbd>{ " none" }</button>
            <button type="button" class="plain-button" data-action="clear-labels" onclick={clear}
                disabled={!p.labelled && !none}><kbd>{ "⌫" }</kbd>{ " clear" }</button>
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
