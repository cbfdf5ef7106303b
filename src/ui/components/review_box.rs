//! Beside the focused sentence in review mode: what each annotator decided
//! (`[data-annotator-labels="<name>"]`, "none" for the category none), its gold label, and
//! the keys that set it. The curator's view of one disagreement.

use yew::prelude::*;

use super::use_app_state;
use crate::ui::exporter::{self, Format};

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
    let rows = v.ratings.iter().map(|(name, labels)| {
        let said = if labels.is_empty() { "none".to_owned() } else { labels.join(" ") };
        html! {
            <li data-annotator-labels={said.clone()} data-annotator={name.clone()}>
                <span class="annotator">{ name.clone() }</span>{ ": " }<span>{ said }</span>
            </li>
        }
    });
    html! {
        <span class="review-box" role="group" aria-label="Annotators' decisions on this sentence">
            if v.ratings.is_empty() {
                <span>{ "No annotator decided this sentence." }</span>
            } else {
                <ul>{ for rows }</ul>
            }
            <span class="review-keys">{ "Set gold with the label keys, 0 for none, Backspace to clear; n: next disagreement" }</span>
            <span class="review-export">
                <button type="button" class="plain-button" data-action="export-gold-jsonl" onclick={export(Format::GoldJsonl)}
                    title="The gold export as JSON Lines (the toolbar's Gold is the JSON file)">{ "Export gold JSONL" }</button>
            </span>
        </span>
    }
}
