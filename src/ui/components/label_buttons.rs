//! The label buttons beside the focused sentence: the mouse and touch path of the label keys,
//! of `0` (none applies), of Backspace (clear) and of Enter (accept the suggestion shown),
//! from the same edits (`keys.rs`). In split mode the bar says how to split, by key or tap.

use std::rc::Rc;

use yew::prelude::*;

use super::sentence::Hint;
use super::{use_app_state, use_latest};
use crate::ui::state::{Action, State};
use annotator_core::annotations::Edit;
use annotator_core::keys::Command;
use annotator_core::labels::{LabelMask, LabelSet};

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
    /// The suggestion shown on the focused sentence (undecided), to accept by a tap.
    hint: Option<Hint>,
    labels: Rc<LabelSet>,
    /// Bit `r` set: the label of rank `r` is on the focused sentence.
    pressed: LabelMask,
    /// Any label on it (also one outside the label set).
    labelled: bool,
    none: bool,
    unsure: bool,
    splitting: bool,
}

#[derive(Properties, PartialEq)]
pub struct LabelButtonsProps {
    /// The focused sentence's suggestion, as its row shows it (none once it is decided).
    pub hint: Option<Hint>,
}

#[component]
pub fn LabelButtons(p: &LabelButtonsProps) -> Html {
    let state = use_app_state();
    let s = &state.session;
    let ann = s.annotation(s.focus());
    let labels = s.labels().clone();
    // Labels outside the set (a label file changed since) press no button.
    let pressed = ann.map_or(LabelMask::default(), |a| {
        let known: Vec<String> = a.labels.iter().filter(|l| labels.get(l).is_some()).cloned().collect();
        labels.mask(&known).unwrap_or_default()
    });
    html! {
        <LabelBar hint={p.hint} {labels} {pressed} labelled={ann.is_some_and(|a| !a.labels.is_empty())}
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
            command(|| Action::Accept(None)),
        ]
    });
    let [clear, decide_none, toggle_unsure, toggle_split, join, accept] = (*others).clone();
    let buttons = p.labels.labels.iter().zip(label_clicks.iter()).enumerate().map(|(rank, (l, onclick))| {
        let pressed = p.pressed.has(rank);
        html! {
            <button type="button" class={classes!("label-button", format!("label-{rank}"))}
                data-action={format!("label-{}", l.name)} aria-pressed={pressed.to_string()}
                title={format!("{} (key {})", l.description, l.key)} onclick={onclick.clone()}>
                <kbd>{ l.key.clone() }</kbd>{ " " }{ l.name.clone() }
            </button>
        }
    });
    let (none, unsure, splitting) = (p.none, p.unsure, p.splitting);
    // The suggestion's accept button: first, where a thumb finds it.
    let suggested = p.hint.map(|h| {
        let name = p.labels.labels.get(h.category).map_or("none", |l| l.name.as_str()).to_owned();
        let colour = (h.category < p.labels.labels.len()).then(|| format!("label-{}", h.category));
        html! {
            <button type="button" class={classes!("accept-button", colour)} data-action="accept-suggestion"
                data-suggestion={name.clone()} title={format!("Take the suggestion: {name}, {} % sure (key Enter)", h.percent)}
                onclick={accept}>
                { "✓ " }{ format!("{name}?") }{ " " }<kbd>{ "↵" }</kbd>
            </button>
        }
    });
    html! {
        <>
        if splitting {
            <p class="split-hint" data-split-hint="" role="note">
                { "Split: tap a " }<span class="gap-sample" aria-hidden="true">{ "|" }</span>
                { " between two words, or choose with " }<kbd>{ "←" }</kbd>{ " " }<kbd>{ "→" }</kbd>
                { " and split with " }<kbd>{ "Enter" }</kbd>{ "; " }<kbd>{ "Esc" }</kbd>
                { " or split again leaves. The labels stay on the first part." }
            </p>
        }
        <span class="label-buttons" role="group" aria-label="Label the focused sentence">
            { for suggested }
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
        </>
    }
}
