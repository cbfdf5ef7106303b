//! Top bar: import (file picker, paste), export, undo/redo, help.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::name_field::NameField;
use super::{use_app_state, use_latest, use_panel_state};
use crate::ui::exporter::{self, Format};
use crate::ui::importer;
use crate::ui::state::{Action, Dialog, Drawer, Level};
use annotator_core::keys::Command;

/// Undo and redo: drawn with each key press (a label press makes undo possible at once);
/// the rest of the toolbar is drawn from the panels' copy of the state.
#[component]
fn HistoryButtons() -> Html {
    let state = use_app_state();
    // Made once: a key press re-renders these buttons without new listeners.
    let undo = {
        let dispatcher = state.dispatcher();
        use_callback((), move |_: MouseEvent, _| dispatcher.dispatch(Action::Command(Command::Undo)))
    };
    let redo = {
        let dispatcher = state.dispatcher();
        use_callback((), move |_: MouseEvent, _| dispatcher.dispatch(Action::Command(Command::Redo)))
    };
    let history = state.session.history();
    html! {
        <div class="group" role="group" aria-label="History">
            <button type="button" data-action="undo" disabled={!history.can_undo()} onclick={undo}
                title="Undo (Ctrl+Z or u)">{ "Undo" }</button>
            <button type="button" data-action="redo" disabled={!history.can_redo()} onclick={redo}
                title="Redo (Ctrl+Shift+Z or Ctrl+Y)">{ "Redo" }</button>
        </div>
    }
}

#[component]
pub fn Toolbar() -> Html {
    // Drawn from the panels' copy (see `PanelState`); exports read the latest state.
    let state = use_panel_state();
    let latest = use_latest();
    let paste_open = use_state(|| false);
    let paste_ref = use_node_ref();

    let on_files = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                let list = crate::platform::files::list(&files);
                wasm_bindgen_futures::spawn_local(importer::import_files(list, dispatcher.clone()));
            }
            // The same file can be picked again later.
            input.set_value("");
        })
    };
    let export = |format: Format| {
        let latest = latest.clone();
        Callback::from(move |_| exporter::export_and_report(&latest, format))
    };
    let help = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::OpenDialog(Dialog::Help)))
    };
    let review = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleReview))
    };
    let export_gold = {
        let latest = latest.clone();
        Callback::from(move |_| exporter::export_and_report(&latest, Format::Gold))
    };
    let agreement = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleAgreement))
    };
    let toggle_paste = {
        let paste_open = paste_open.clone();
        Callback::from(move |_| paste_open.set(!*paste_open))
    };
    let do_paste = {
        let dispatcher = state.dispatcher();
        let paste_ref = paste_ref.clone();
        let paste_open = paste_open.clone();
        Callback::from(move |_| {
            if let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                if text.trim().is_empty() {
                    dispatcher.dispatch(Action::Notify(Level::Error, "The paste box is empty.".into()));
                    return;
                }
                importer::import_pasted(&text, &dispatcher);
                area.set_value("");
                paste_open.set(false);
            }
        })
    };
    let on_labelled_only = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut settings = state.session.settings().clone();
            settings.labelled_only = input.checked();
            state.dispatch(Action::SetSettings(settings));
        })
    };
    // Paste opens its box with the caret in it.
    {
        let paste_ref = paste_ref.clone();
        use_effect_with(*paste_open, move |open| {
            if *open {
                if let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                }
            }
        });
    }
    let drawer = |d: Drawer| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleDrawer(Some(d))))
    };
    let toggle_menu = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleMenu))
    };
    // Narrow screens: the brand, the two drawers and a menu for the rest (CSS shows these
    // buttons only there, and folds the groups behind the menu).
    html! {
        <header class={classes!("toolbar", state.menu_open.then_some("menu-open"))}>
            <span class="brand">{ "Sentence Annotator" }</span>
            <NameField />
            <span class="narrow-only">
                <button type="button" class="drawer-toggle" data-action="toggle-docs" aria-controls="doc-list"
                    aria-expanded={(state.drawer == Some(Drawer::Docs)).to_string()} onclick={drawer(Drawer::Docs)}>
                    { "Documents" }</button>
                <button type="button" class="drawer-toggle" data-action="toggle-side" aria-controls="side-panel"
                    aria-expanded={(state.drawer == Some(Drawer::Side)).to_string()} onclick={drawer(Drawer::Side)}>
                    { "Details" }</button>
                <button type="button" class="drawer-toggle" data-action="toggle-menu" aria-controls="toolbar-menu"
                    aria-expanded={state.menu_open.to_string()} onclick={toggle_menu}>{ "Menu" }</button>
            </span>
            <div class="toolbar-menu" id="toolbar-menu">
            <div class="group" role="group" aria-label="Import">
                <label class="file-button">
                    { "Import files…" }
                    <input type="file" multiple=true data-action="import-files"
                        accept=".txt,.json,.jsonl,.csv,text/plain,application/json,text/csv"
                        aria-label="Import articles or annotation exports" onchange={on_files} />
                </label>
                <button type="button" data-action="paste-toggle" aria-expanded={paste_open.to_string()} onclick={toggle_paste}>
                    { "Paste…" }
                </button>
            </div>
            <div class="group" role="group" aria-label="Export">
                <button type="button" data-action="export-json" onclick={export(Format::Json)}>{ "Export JSON" }</button>
                <button type="button" data-action="export-jsonl" onclick={export(Format::Jsonl)}>{ "JSONL" }</button>
                <button type="button" data-action="export-csv" onclick={export(Format::Csv)}>{ "CSV" }</button>
                <button type="button" data-action="export-gold" onclick={export_gold}
                    title="Export gold: the gold labels, who said what and each sentence's status">{ "Gold" }</button>
                <details class="export-tools" data-menu="export-tools">
                    <summary>{ "For tools…" }</summary>
                    <div class="export-tools-list" role="group" aria-label="Export for other tools">
                        <button type="button" data-action="export-labelstudio" onclick={export(Format::LabelStudio)}
                            title="Label Studio: the task list (JSON) and its labelling config (XML), two files">
                            { "Label Studio" }</button>
                        <button type="button" data-action="export-huggingface" onclick={export(Format::HuggingFace)}
                            title="Hugging Face datasets: the JSONL and its dataset card README.md, two files for one folder">
                            { "Hugging Face" }</button>
                        <button type="button" data-action="export-spacy" onclick={export(Format::Spacy)}
                            title="spaCy: a .spacy corpus (DocBin) of the decided sentences, for text classification">
                            { "spaCy" }</button>
                        <button type="button" data-action="export-doccano" onclick={export(Format::Jsonl)}
                            title="doccano: the JSONL, for a text classification project's import form as it is">
                            { "doccano" }</button>
                    </div>
                </details>
                <label class="check">
                    <input type="checkbox" data-setting="labelled-only" checked={state.session.settings().labelled_only}
                        onchange={on_labelled_only} />
                    { " labelled only" }
                </label>
            </div>
            <HistoryButtons />
            <div class="group" role="group" aria-label="Team">
                <button type="button" data-action="agreement" aria-expanded={state.agreement_open.to_string()}
                    onclick={agreement}>{ "Agreement" }</button>
                <button type="button" data-action="adjudicate" aria-pressed={state.session.reviewing().to_string()}
                    onclick={review} title="Review mode: set gold labels where annotators disagree (Esc leaves)">
                    { "Adjudicate" }</button>
            </div>
            <button type="button" data-action="help" onclick={help} aria-keyshortcuts="?">{ "Keys (?)" }</button>
            </div>
            if let Some((done, total)) = state.progress {
                <span class="import-progress" role="status">
                    <label>{ format!("Importing {done}/{total} ") }
                        <progress max={total.to_string()} value={done.to_string()}></progress>
                    </label>
                </span>
            }
            if let Some((done, total)) = state.export_progress {
                <span class="import-progress" role="status" data-export-progress={format!("{done}/{total}")}>
                    <label>{ format!("Exporting {done}/{total} documents ") }
                        <progress max={total.to_string()} value={done.to_string()}></progress>
                    </label>
                </span>
            }
            if *paste_open {
                <div class="paste-box">
                    <label for="paste-text">{ "Paste an article (plain text), JSON, JSONL or CSV:" }</label>
                    <textarea id="paste-text" data-action="paste-text" ref={paste_ref} rows="6" />
                    <button type="button" data-action="paste-import" onclick={do_paste}>{ "Import pasted text" }</button>
                </div>
            }
        </header>
    }
}
