//! The side panel: the focused sentence's note and flag, conflicts, orphans, guidelines,
//! the overview (its own memoised component), the settings, the team sync (`sync_panel.rs`),
//! and offline use and storage (its own component, `offline.rs`).

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::offline::OfflinePanel;
use super::overview::Overview;
use super::suggest_panel::SuggestPanel;
use super::sync_panel::SyncPanel;
use super::team::Team;
use super::{use_panel_state, Same};
use crate::ui::state::Action;
use crate::view::words::annotation;
use annotator_core::annotations::Edit;

#[component]
pub fn SidePanel() -> Html {
    let state = use_panel_state();
    let s = &state.session;
    let ann = s.annotation(s.focus()).cloned().unwrap_or_default();
    let on_note = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            state.dispatch(Action::SetNote(area.value()));
        })
    };
    let on_unsure = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Edit(Edit::ToggleUnsure)))
    };
    let setting = |f: fn(&mut annotator_core::settings::Settings, bool)| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut settings = state.session.settings().clone();
            f(&mut settings, input.checked());
            state.dispatch(Action::SetSettings(settings));
        })
    };
    let on_settings = {
        let dispatcher = state.dispatcher();
        use_callback((), move |settings, _| dispatcher.dispatch(Action::SetSettings(settings)))
    };
    let own_decided: usize = s.docs().iter().map(|d| s.decided_count(d)).sum();
    let on_remove_layer = {
        let dispatcher = state.dispatcher();
        use_callback((), move |name: String, _| dispatcher.dispatch(Action::RemoveLayer(name)))
    };
    let edit_labels = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::OpenDialog(crate::ui::state::Dialog::Labels)))
    };
    let guidelines = s.labels().labels.iter().enumerate().map(|(i, l)| {
        html! {
            <div class="guideline">
                <dt><span class={classes!("tag", format!("label-{i}"))}>{ l.name.clone() }</span>
                    { " " }<kbd>{ l.key.clone() }</kbd>
                    if let Some(k) = &l.alt_key { { " " }<kbd>{ k.clone() }</kbd> }</dt>
                <dd>{ l.description.clone() }
                    if !l.example.is_empty() { <br /><q>{ l.example.clone() }</q> }</dd>
            </div>
        }
    });
    let gold = s.gold_orphans().iter().map(|o| (o, "gold: "));
    let orphans = s.orphans().iter().map(|o| (o, "")).chain(gold).map(|(o, layer)| {
        html! {
            <li>{ format!("{layer}{} #{}: {}", o.doc, o.old_index + 1, o.annotation.labels.join(", ")) }
                if let Some(t) = &o.text { { " — " }<q>{ t.clone() }</q> }</li>
        }
    });
    let conflicts = s.conflicts().iter().enumerate().map(|(i, c)| {
        let resolve = |keep_theirs: bool| {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::ResolveConflict { index: i, keep_theirs }))
        };
        let show = {
            let state = state.clone();
            let (doc, index) = (c.doc.clone(), c.index);
            Callback::from(move |_| {
                if let Some(d) = state.session.doc_index(&doc) {
                    state.dispatch(Action::OpenDoc(d));
                    state.dispatch(Action::Focus(index));
                }
            })
        };
        html! {
            <li data-conflict={format!("{}:{}", c.doc, c.index)}>
                <q>{ c.sentence.clone() }</q>
                { " " }<button type="button" class="plain-button" data-action="show-conflict" onclick={show}>{ "Show" }</button>
                <div>{ format!("mine: {}", annotation(&c.mine, true)) }</div>
                <div>{ format!("theirs: {}", annotation(&c.theirs, true)) }</div>
                <button type="button" data-action="keep-mine" onclick={resolve(false)}>{ "Keep mine" }</button>
                <button type="button" data-action="keep-theirs" onclick={resolve(true)}>{ "Take theirs" }</button>
            </li>
        }
    });
    html! {
        <aside class="side" id="side-panel" aria-label="Sentence details and overview">
            <section aria-labelledby="focused-title">
                <h2 id="focused-title">{ format!("Sentence {}", s.focus() + 1) }</h2>
                <label for="note-field">{ "Note (e to write, Esc to leave)" }</label>
                <textarea id="note-field" data-action="note" rows="3" value={ann.note.clone()} onchange={on_note} />
                <label class="check">
                    <input type="checkbox" data-action="unsure-check" checked={ann.unsure} onchange={on_unsure} />
                    { " unsure (x)" }
                </label>
            </section>
            if !s.conflicts().is_empty() {
                <section data-panel="conflicts" aria-labelledby="conflicts-title">
                    <h2 id="conflicts-title">{ format!("Conflicts to resolve ({})", s.conflicts().len()) }</h2>
                    <ul>{ for conflicts }</ul>
                </section>
            }
            if !s.orphans().is_empty() || !s.gold_orphans().is_empty() {
                <section data-panel="orphans">
                    <h2>{ "Labels that lost their sentence" }</h2>
                    <ul>{ for orphans }</ul>
                </section>
            }
            <section aria-labelledby="guide-title">
                <h2 id="guide-title">{ "Guidelines" }</h2>
                // The project's guidelines: plain text, a paragraph per blank line.
                <div class="guidelines-text" data-guidelines="">
                    { for s.labels().guidelines.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| html! { <p>{ p.trim().to_owned() }</p> }) }
                </div>
                <dl>{ for guidelines }</dl>
                <button type="button" data-action="edit-labels" onclick={edit_labels}>{ "Edit labels and guidelines…" }</button>
            </section>
            <Overview docs={Same(s.corpus().shared().clone())} anns={s.anns().clone()} open={s.open_index()}
                labels={s.labels().clone()} stats={s.stats().clone()}
                done={Same(s.done().clone())} />
            <SuggestPanel anns={s.anns().clone()} docs={Same(s.corpus().shared().clone())}
                settings={s.settings().clone()} {on_settings} />
            <Team layers={s.layers().clone()} docs={Same(s.corpus().shared().clone())}
                own_name={AttrValue::from(s.own_name().to_owned())} own={own_decided} on_remove={on_remove_layer} />
            <section aria-labelledby="settings-title">
                <h2 id="settings-title">{ "Settings" }</h2>
                <label class="check"><input type="checkbox" data-setting="auto-advance" checked={s.settings().auto_advance}
                    onchange={setting(|st, v| st.auto_advance = v)} />{ " move to the next sentence after tagging" }</label>
                <label class="check"><input type="checkbox" data-setting="multi-label" checked={s.settings().multi_label}
                    onchange={setting(|st, v| st.multi_label = v)} />{ " allow several labels per sentence (tagging then keeps the focus)" }</label>
            </section>
            <SyncPanel />
            <OfflinePanel />
        </aside>
    }
}
