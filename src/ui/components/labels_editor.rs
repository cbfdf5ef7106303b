//! The label set and guidelines, edited in the page (docs/FORMAT.md §4, Labels and guidelines):
//! names, keys, colours, descriptions, examples and order; labels added, and removed after a
//! confirmation that says how many sentences carry them (they keep the label). The draft lives
//! here; Save hands it to the session, which checks it (`LabelSet::check`: free single keys,
//! the key table's reserved ones refused) and the reason of a refusal shows in the dialog.
//! Everything is plain text, never markup.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::use_app_state;
use crate::ui::state::Action;
use annotator_core::labels::{LabelDef, LabelSet, RESERVED_KEYS};

/// Colours offered to a new label (Okabe-Ito, after the default set's three).
const NEW_COLOURS: [&str; 5] = ["#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

fn text_of(e: &Event) -> String {
    if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
        return t.value();
    }
    e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default()
}

#[component]
pub fn LabelsEditor() -> Html {
    let state = use_app_state();
    let draft = use_state(|| (**state.session.labels()).clone());
    let confirm_remove = use_state(|| None::<usize>);
    // One change of one field of label `i` (or of the guidelines when `i` is None).
    let edit = |i: Option<usize>, f: fn(&mut LabelDef, String)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let value = text_of(&e);
            let mut d = (*draft).clone();
            match i.and_then(|i| d.labels.get_mut(i)) {
                Some(l) => f(l, value),
                None => d.guidelines = value,
            }
            draft.set(d);
        })
    };
    let swap = |a: usize, b: usize| {
        let draft = draft.clone();
        Callback::from(move |_| {
            let mut d = (*draft).clone();
            if a < d.labels.len() && b < d.labels.len() {
                d.labels.swap(a, b);
                draft.set(d);
            }
        })
    };
    let add = {
        let draft = draft.clone();
        Callback::from(move |_| {
            let mut d: LabelSet = (*draft).clone();
            let used: Vec<String> =
                d.labels.iter().flat_map(|l| std::iter::once(l.key.clone()).chain(l.alt_key.clone())).collect();
            let key =
                (1..=9).map(|n| n.to_string()).find(|k| !used.contains(k) && !RESERVED_KEYS.contains(&k.as_str()));
            let n = d.labels.len();
            d.labels.push(LabelDef {
                name: format!("label{}", n + 1),
                key: key.unwrap_or_default(),
                alt_key: None,
                color: NEW_COLOURS[n % NEW_COLOURS.len()].to_owned(),
                description: String::new(),
                example: String::new(),
            });
            draft.set(d);
        })
    };
    let remove = |i: usize| {
        let (draft, confirm) = (draft.clone(), confirm_remove.clone());
        Callback::from(move |_| {
            let mut d = (*draft).clone();
            if i < d.labels.len() {
                d.labels.remove(i);
                draft.set(d);
            }
            confirm.set(None);
        })
    };
    let ask_remove = |i: usize| {
        let confirm = confirm_remove.clone();
        Callback::from(move |_| confirm.set(Some(i)))
    };
    let cancel_remove = {
        let confirm = confirm_remove.clone();
        Callback::from(move |_| confirm.set(None))
    };
    let save = {
        let (state, draft) = (state.clone(), draft.clone());
        Callback::from(move |_| state.dispatch(Action::SetLabels((*draft).clone())))
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CloseDialog))
    };
    // How many of the person's sentences carry a label (said before it is removed).
    let carrying = |name: &str| {
        state
            .session
            .docs()
            .iter()
            .filter_map(|d| state.session.anns().doc(&d.id))
            .flat_map(|a| a.values())
            .filter(|a| a.labels.iter().any(|l| l == name))
            .count()
    };
    let n = draft.labels.len();
    let rows = draft.labels.iter().enumerate().map(|(i, l)| {
        let asking = *confirm_remove == Some(i);
        html! {
            <fieldset class="label-row" data-label-row={i.to_string()}>
                <legend>{ format!("Label {}", i + 1) }</legend>
                <label>{ "Name " }<input type="text" data-field="name" value={l.name.clone()} onchange={edit(Some(i), |l, v| l.name = v.trim().to_owned())} /></label>
                <label>{ "Key " }<input type="text" data-field="key" maxlength="1" size="2" value={l.key.clone()} onchange={edit(Some(i), |l, v| l.key = v.trim().to_owned())} /></label>
                <label>{ "Second key " }<input type="text" data-field="alt_key" maxlength="1" size="2" value={l.alt_key.clone().unwrap_or_default()}
                    onchange={edit(Some(i), |l, v| l.alt_key = Some(v.trim().to_owned()).filter(|k| !k.is_empty()))} /></label>
                <label>{ "Colour " }<input type="color" data-field="color" value={l.color.clone()} onchange={edit(Some(i), |l, v| l.color = v)} /></label>
                <label class="wide">{ "Description " }<textarea data-field="description" rows="2" value={l.description.clone()} onchange={edit(Some(i), |l, v| l.description = v)} /></label>
                <label class="wide">{ "Example " }<input type="text" data-field="example" value={l.example.clone()} onchange={edit(Some(i), |l, v| l.example = v)} /></label>
                <span class="row-actions">
                    <button type="button" data-action="label-up" disabled={i == 0} onclick={swap(i.saturating_sub(1), i)}
                        aria-label={format!("Move {} up", l.name)}>{ "↑" }</button>
                    <button type="button" data-action="label-down" disabled={i + 1 >= n} onclick={swap(i, i + 1)}
                        aria-label={format!("Move {} down", l.name)}>{ "↓" }</button>
                    if asking {
                        <span role="alert">{ format!("Remove “{}”? {} sentence(s) carry it; they keep it. ", l.name, carrying(&l.name)) }</span>
                        <button type="button" data-action="confirm-remove-label" onclick={remove(i)}>{ "Remove" }</button>
                        <button type="button" data-action="cancel-remove-label" onclick={cancel_remove.clone()}>{ "Keep" }</button>
                    } else {
                        <button type="button" data-action="remove-label" disabled={n <= 1} onclick={ask_remove(i)}>{ format!("Remove {}…", l.name) }</button>
                    }
                </span>
            </fieldset>
        }
    });
    html! {
        <div class="overlay">
            <div class="dialog labels-editor" role="dialog" aria-modal="true" aria-labelledby="labels-title" data-panel="labels-editor">
                <h2 id="labels-title">{ "Labels and guidelines" }</h2>
                <p class="hint">{ "Keys are single characters the page's own keys leave free (see ?). A label removed from the set stays on the sentences that carry it." }</p>
                { for rows }
                <button type="button" data-action="add-label" onclick={add}>{ "Add a label" }</button>
                <label class="wide">{ "Guidelines (plain text; a blank line starts a paragraph)" }
                    <textarea data-field="guidelines" rows="6" value={draft.guidelines.clone()} onchange={edit(None, |_, _| ())} /></label>
                if let Some(err) = &state.labels_error {
                    <p class="error" role="alert" data-labels-error="">{ err.clone() }</p>
                }
                <p class="dialog-actions">
                    <button type="button" data-action="save-labels" onclick={save}>{ "Save" }</button>
                    <button type="button" data-action="cancel-labels" onclick={close}>{ "Cancel" }</button>
                </p>
            </div>
        </div>
    }
}
