//! The open article's head: title, source, progress, "mark done" and "remove", the filter
//! bar with its counts, "go to" and search. It reads the panels' copy of the state
//! (`PanelState`): its counts follow a label or a move one paint behind, so the key's frame
//! does not draw it. A key that opens another document is never one of those (`State::reduce`).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{use_panel_state, PanelState, Same};
use crate::ui::state::{Action, Dialog};
use annotator_core::keys::Command;

#[component]
pub fn ArticleHead() -> Html {
    let state = use_panel_state();
    let s = &state.session;
    // The filter bar's counts change only with the open document, its annotations, its
    // done mark, the search or the label set: not with a move of the focus.
    let counts = {
        let key = (
            s.open_doc().map(|d| d.id.clone()),
            s.open_doc().and_then(|d| s.anns().doc(&d.id)).cloned().map(Same),
            s.search().trim().to_owned(),
            s.labels().clone(),
            // Marking the document done decides its every sentence: the counts change.
            s.open_doc().is_some_and(|d| s.is_done(&d.id)),
        );
        let panels = state.clone();
        use_memo(key, move |_| crate::view::tally::filter_counts(&panels.session))
    };
    // Adjudication progress looks at every sentence of every annotator: counted again only
    // when someone's decisions or the gold change, not on every key press in review mode.
    let review_progress = {
        let state = state.clone();
        let key = (
            s.reviewing(),
            s.anns().clone(),
            s.gold_store().clone(),
            s.layers().clone(),
            Same(s.done().clone()),
            Same(s.corpus().shared().clone()),
        );
        use_memo(key, move |(on, ..)| on.then(|| state.session.review_progress()))
    };
    let Some(doc) = s.open_doc().cloned() else { return Html::default() };
    let done = s.is_done(&doc.id);
    let filters = counts.iter().map(|(f, count)| {
        let count = *count;
        let active = s.filter() == f;
        let name = f.name().to_owned();
        let onclick = {
            let state = state.clone();
            let f = f.clone();
            Callback::from(move |_| state.dispatch(Action::SetFilter(f.clone())))
        };
        html! {
            <button type="button" class={classes!("filter", active.then_some("active"))} data-filter={name.clone()}
                data-count={count.to_string()} aria-pressed={active.to_string()} {onclick}>
                { format!("{name} ") }<span class="count">{ count }</span>
            </button>
        }
    });
    let on_search = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::SetSearch(input.value()));
        })
    };
    // "Go to sentence": Enter in the number field (its form's submission) goes there and
    // gives the keys back. A form, not a keydown handler: a page-wide delegated keydown
    // listener would cost every key press of the page its walk.
    let goto_field = use_node_ref();
    let on_goto = {
        let state = state.clone();
        let goto_field = goto_field.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = goto_field.cast::<HtmlInputElement>() else { return };
            match input.value().trim().parse::<usize>() {
                Ok(n) if n > 0 => {
                    input.set_value("");
                    let _ = input.blur();
                    state.dispatch(Action::GoTo(n));
                }
                _ => state.dispatch(Action::Notify(
                    crate::ui::state::Level::Error,
                    "Go to: type a sentence number (1 or more), then Enter.".into(),
                )),
            }
        })
    };
    let decided = s.decided_count(&doc);
    let review_stat = review_progress
        .as_ref()
        .as_ref()
        .map(|(resolved, total)| format!("Review: {resolved} of {total} disagreements adjudicated · "));
    let toggle_done = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleDone))
    };
    let next_undecided = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Command(Command::NextUndecided)))
    };
    let ask_remove = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::OpenDialog(Dialog::ConfirmRemove)))
    };
    let confirm = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ConfirmRemove))
    };
    let cancel = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CloseDialog))
    };
    html! {
        <header class="article-head">
            <h1 id="article-title" title={doc.title.clone()}>{ doc.title.clone() }</h1>
            <p class="article-meta">
                if let Some(date) = &doc.date { <span data-doc-date="">{ date.clone() }</span>{ " · " } }
                <span>{ doc.source.clone() }</span>{ " · " }
                if let Some(text) = review_stat {
                    <span data-stat="review">{ text }</span>
                }
                <span data-stat="decided">{ format!("{decided} of {} sentences decided", doc.sentences.len()) }</span>
                { " " }
                <button type="button" class="plain-button" data-action="mark-done" aria-pressed={done.to_string()}
                    onclick={toggle_done}>
                    { if done { "Done ✓ (unmark)" } else { "Mark done" } }
                </button>
                { " " }
                <button type="button" class="plain-button" data-action="remove-doc" onclick={ask_remove}>
                    { "Remove document…" }
                </button>
            </p>
            if state.dialog == Some(Dialog::ConfirmRemove) {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                    // Decided sentences count: labelled, decided as none, or all of a document
                    // marked done.
                    <p id="confirm-text">{ format!("Remove “{}” and its {decided} decided sentence(s)? You can undo this right after.", doc.title) }</p>
                    <button type="button" data-action="confirm-remove" onclick={confirm}>{ "Remove" }</button>
                    <button type="button" data-action="cancel-remove" onclick={cancel}>{ "Cancel" }</button>
                </div>
            }
            if s.reviewing() {
                { boundary_review(&state) }
            }
            <div class="filters" role="toolbar" aria-label="Show sentences">
                <button type="button" data-action="next-undecided" onclick={next_undecided} aria-keyshortcuts="n">
                    { "Next undecided (n)" }
                </button>
                { for filters }
                <form class="goto" novalidate=true onsubmit={on_goto}>
                    <label>
                        <span class="visually-hidden">{ "Go to sentence number (#)" }</span>
                        <input type="number" id="goto-field" data-action="goto" min="1" max={doc.sentences.len().to_string()}
                            placeholder="# sentence" ref={goto_field} />
                    </label>
                </form>
                <label class="search">
                    <span class="visually-hidden">{ "Search the article" }</span>
                    <input type="search" data-action="search" placeholder="Search…" value={s.search().to_owned()}
                        oninput={on_search} />
                </label>
            </div>
        </header>
    }
}

/// Review mode: the colleagues whose sentence boundaries differ from ours on this document,
/// their sentences we do not have, and a button to adopt theirs (docs/FORMAT.md §4, Sentence
/// boundaries).
fn boundary_review(state: &PanelState) -> Html {
    let diffs = state.session.boundary_disagreements();
    if diffs.is_empty() {
        return Html::default();
    }
    let rows = diffs.into_iter().map(|d| {
        let onclick = {
            let (dispatcher, name) = (state.dispatcher(), d.annotator.clone());
            Callback::from(move |_| dispatcher.dispatch(Action::AdoptBoundaries(name.clone())))
        };
        let theirs = d.theirs_only.iter().map(|t| html! { <li><q>{ t.clone() }</q></li> });
        html! {
            <li data-boundary-diff={d.annotator.clone()}>
                { format!("{} splits differently: {} sentence(s) of theirs, {} of yours differ.", d.annotator, d.theirs_only.len(), d.ours_only) }
                <ul>{ for theirs }</ul>
                <button type="button" data-action="adopt-boundaries" data-annotator={d.annotator.clone()} {onclick}>
                    { format!("Adopt {}'s boundaries", d.annotator) }</button>
            </li>
        }
    });
    html! {
        <section class="boundary-review" data-panel="boundaries" aria-label="Boundary disagreements">
            <h2>{ "Boundary disagreements" }</h2>
            <ul>{ for rows }</ul>
        </section>
    }
}
