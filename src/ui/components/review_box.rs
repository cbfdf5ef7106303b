//! Beside the focused sentence in review mode, the curator's tools for one sentence, by mouse
//! and touch as by keys (docs/FORMAT.md §4 and §7): what each annotator decided, each a button
//! (`[data-annotator="<name>"]`, `data-annotator-labels`: labels or "none") that takes that
//! decision as gold; the majority's decision, where there is one, proposed (Enter, or its
//! button); and the label buttons, which set gold in this mode, not the curator's own labels.

use yew::prelude::*;

use super::use_app_state;
use crate::ui::exporter::{self, Format};
use crate::ui::state::Action;
use annotator_core::annotations::Edit;

/// Labels as the hooks and the page say them: space-separated, or "none".
fn said(labels: &[String]) -> String {
    if labels.is_empty() {
        "none".to_owned()
    } else {
        labels.join(" ")
    }
}

#[component]
pub fn ReviewBox() -> Html {
    let state = use_app_state();
    let s = &state.session;
    let Some(doc) = s.open_doc() else { return html! {} };
    let v = s.verdict(&doc.id, s.focus());
    let export = |format: Format| {
        let state = state.clone();
        Callback::from(move |_| exporter::export_and_report(&state, format))
    };
    let take = |labels: Vec<String>| {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            dispatcher.dispatch(Action::TakeGold(labels.clone()));
        })
    };
    let gold_edit = |edit: Edit| {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            dispatcher.dispatch(Action::Gold(edit.clone()));
        })
    };
    let labels = s.labels();
    let tag = |ls: &[String]| -> Classes {
        match ls.first().and_then(|l| labels.labels.iter().position(|x| &x.name == l)) {
            Some(rank) => classes!("tag", format!("label-{rank}")),
            None => classes!("tag", "none-tag"),
        }
    };
    let votes = v.ratings.iter().map(|(name, ls)| {
        let words = said(ls);
        let taken = v.gold.as_deref() == Some(ls.as_slice());
        html! {
            <li>
                <button type="button" class="vote-button" data-annotator={name.clone()}
                    data-annotator-labels={words.clone()} aria-pressed={taken.to_string()}
                    title={format!("Take {name}'s decision ({words}) as gold")} onclick={take(ls.clone())}>
                    <span class="annotator">{ name.clone() }</span>{ " " }<span class={tag(ls)}>{ words.clone() }</span>
                </button>
            </li>
        }
    });
    let majority = v.majority.as_ref().map(|m| {
        let votes = v.ratings.iter().filter(|(_, l)| l == m).count();
        let words = said(m);
        html! {
            <button type="button" class="take-majority" data-action="take-majority" data-majority={words.clone()}
                aria-keyshortcuts="Enter" title="Take the majority's decision as gold (Enter)" onclick={take(m.clone())}>
                { "Majority: " }<span class={tag(m)}>{ words }</span>
                { format!(" ({votes} of {})", v.ratings.len()) }{ " " }<kbd>{ "↵" }</kbd>
            </button>
        }
    });
    let gold = v.gold.as_deref();
    let gold_buttons = labels.labels.iter().enumerate().map(|(rank, l)| {
        let pressed = gold.is_some_and(|g| g.contains(&l.name));
        html! {
            <button type="button" class={classes!("label-button", format!("label-{rank}"))}
                data-action={format!("label-{}", l.name)} aria-pressed={pressed.to_string()}
                title={format!("Gold: {} (key {})", l.description, l.key)} onclick={gold_edit(Edit::ToggleLabel(l.name.clone()))}>
                <kbd>{ l.key.clone() }</kbd>{ " " }{ l.name.clone() }
            </button>
        }
    });
    let record = s.gold_record(&doc.id, s.focus()).is_some();
    html! {
        <span class="review-box" role="group" aria-label="Review the focused sentence">
            if v.ratings.is_empty() {
                <span class="review-votes">{ "No annotator decided this sentence." }</span>
            } else {
                <ul class="review-votes" aria-label="Each annotator's decision: choose one to take it as gold">
                    { for votes }
                </ul>
            }
            { for majority }
            <span class="label-buttons gold-buttons" role="group" aria-label="Set the gold label">
                { for gold_buttons }
                <button type="button" class="plain-button" data-action="decide-none"
                    aria-pressed={(gold == Some(&[][..])).to_string()} title="Gold: none of the labels applies (key 0)"
                    onclick={gold_edit(Edit::ToggleNone)}><kbd>{ "0" }</kbd>{ " none" }</button>
                <button type="button" class="plain-button" data-action="clear-labels" disabled={!record}
                    title="Clear the gold you set (Backspace)" onclick={gold_edit(Edit::Clear)}>
                    <kbd>{ "⌫" }</kbd>{ " clear" }</button>
            </span>
            <span class="review-keys">{ format!("Gold: {} ({}) · n: next unresolved", gold.map_or("not set".to_owned(), said), v.status.name()) }</span>
            <span class="review-export">
                <button type="button" class="plain-button" data-action="export-gold-jsonl" onclick={export(Format::GoldJsonl)}
                    title="The gold export as JSON Lines (the toolbar's Gold is the JSON file)">{ "Export gold JSONL" }</button>
            </span>
        </span>
    }
}
