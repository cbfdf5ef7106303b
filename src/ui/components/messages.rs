//! Messages: results of imports and exports, errors (always in words, naming the file).

use yew::prelude::*;

use super::use_app_state;
use crate::ui::exporter::{self, Format};
use crate::ui::persist::Meter;
use crate::ui::state::{Action, Level, Undo};

#[component]
pub fn Messages() -> Html {
    let state = use_app_state();
    let items = state.messages.iter().map(|m| {
        let dismiss = {
            let state = state.clone();
            let id = m.id;
            Callback::from(move |_| state.dispatch(Action::Dismiss(id)))
        };
        let undo = {
            let state = state.clone();
            let action = m.undo;
            Callback::from(move |_| match action {
                Some(Undo::Layer) => state.dispatch(Action::UndoRemoveLayer),
                _ => state.dispatch(Action::UndoRemove),
            })
        };
        let level = if m.level == Level::Error { "error" } else { "info" };
        html! {
            <li key={m.id} class={classes!("message", level)} data-message="" data-level={level}>
                <span>{ m.text.clone() }</span>
                if m.undo == Some(Undo::Document) {
                    <button type="button" data-action="undo-remove" onclick={undo}>{ "Undo remove" }</button>
                } else if m.undo == Some(Undo::Layer) {
                    <button type="button" data-action="undo-remove-layer" onclick={undo}>{ "Undo remove" }</button>
                }
                <button type="button" class="dismiss" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
            </li>
        }
    });
    let export_now = {
        let state = state.clone();
        Callback::from(move |_| exporter::export_and_report(&state, Format::Json))
    };
    let meter = use_context::<Meter>().unwrap_or_default();
    let full = meter.full.then(|| html! {
        <li class="message error" data-message="" data-level="error" data-storage-full="">
            <span>{ format!("Browser storage is full ({} KB used): your latest changes are kept in this tab only, and saving is retried on each change. Export them now, or remove documents to free space.", meter.used / 1024) }</span>
            <button type="button" data-action="export-now" onclick={export_now}>{ "Export JSON now" }</button>
        </li>
    });
    html! {
        <ul class="messages" data-messages="" aria-live="polite">
            { for full }
            { for items }
        </ul>
    }
}
