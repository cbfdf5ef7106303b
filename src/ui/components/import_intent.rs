//! "Whose work is this?" (`[data-dialog="import-intent"]`, docs/FORMAT.md §4 and §7): the page
//! asks when an imported export could be the person's own work or a colleague's, because a
//! wrong guess changes whose labels they are. `restore-as-mine` (a person moving to a new
//! browser: the page takes the export's name and its labels become theirs),
//! `add-as-layer` (a curator or colleague: the labels stay the annotator's, read-only),
//! `cancel-import` or Escape (not imported). The question itself is the core's
//! (`Session::import_question`); this only words it.

use yew::prelude::*;

use super::use_app_state;
use crate::ui::state::Action;
use annotator_core::session::Answer;

#[component]
pub fn ImportIntentDialog() -> Html {
    let state = use_app_state();
    let first_ref = use_node_ref();
    {
        let first_ref = first_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = first_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let Some(q) = state.session.import_question() else { return html! {} };
    let answer = |a: Answer| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::AnswerImport(a)))
    };
    let own = state.session.annotator().to_owned();
    let holds = format!("{} decision(s) in {} document(s)", q.decisions, q.documents);
    let (what, mine, mine_means) = match &q.name {
        Some(n) => (
            format!("“{}” holds {n}'s work: {holds}. This page has no decisions of its own yet.", q.source),
            format!("It's mine: continue as {n}"),
            format!(
                "You are {n}, moving to this browser: the page takes the name {n} and the labels become yours to edit."
            ),
        ),
        None => (
            format!("“{}” has no annotator name (an export of an older version): {holds}.", q.source),
            "It's mine: merge into my labels".to_owned(),
            format!("Its labels join yours, {own}; where they differ from yours you choose, sentence by sentence."),
        ),
    };
    let layer = format!("Add as {}'s layer", q.layer);
    let layer_means =
        format!("To compare or review: the labels stay {}'s, read-only, beside yours; you stay {own}.", q.layer);
    html! {
        <div class="overlay">
            <div class="dialog import-intent" role="dialog" aria-modal="true" data-dialog="import-intent"
                aria-labelledby="import-intent-title" aria-describedby="import-intent-what">
                <h2 id="import-intent-title">{ "Whose work is this?" }</h2>
                <p id="import-intent-what">{ what }</p>
                <div class="intent-choices">
                    <button type="button" data-action="restore-as-mine" ref={first_ref} onclick={answer(Answer::Mine)}>
                        { mine }</button>
                    <p class="intent-means">{ mine_means }</p>
                    <button type="button" data-action="add-as-layer" onclick={answer(Answer::Layer)}>{ layer }</button>
                    <p class="intent-means">{ layer_means }</p>
                    <button type="button" class="plain-button" data-action="cancel-import" onclick={answer(Answer::Cancel)}
                        aria-keyshortcuts="Escape">{ "Don't import (Esc)" }</button>
                </div>
                if q.more > 0 {
                    <p class="intent-more">{ format!("{} more export(s) waiting for the same question.", q.more) }</p>
                }
            </div>
        </div>
    }
}
