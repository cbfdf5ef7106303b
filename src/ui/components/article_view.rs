//! The open article in its paragraphs, with the filter bar and search.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::label_buttons::LabelButtons;
use super::review_box::ReviewBox;
use super::scroll_window::use_scroll_window;
use super::sentence::{Hint, Marks, Review, SentenceView};
use super::{use_app_state, use_panel_state, Same};
use crate::core::keys::Command;
use crate::ui::later::Pause;
use crate::ui::state::{Action, Dialog};
use crate::view::hints::{PaintedHints, Want};
use crate::view::window;

/// How long the keys must pause before every drawn row shows the model's latest suggestion.
const REPAINT_AFTER_MS: u32 = 1000;

#[component]
pub fn ArticleView() -> Html {
    let state = use_app_state();
    let dispatcher = state.dispatcher();
    // Stable callback: rows compare equal across renders unless their own data changed.
    let on_focus = use_callback((), move |i: usize, _| dispatcher.dispatch(Action::Focus(i)));
    let scroll = use_scroll_window();
    let on_split = {
        let dispatcher = state.dispatcher();
        use_callback((), move |at: usize, _| dispatcher.dispatch(Action::SplitAt(at)))
    };
    let painted = use_mut_ref(PaintedHints::default);
    let refresh = use_state(|| 0u64);
    // Once the keys pause, the rows away from the focus show what the model says now.
    {
        let (painted, refresh) = (painted.clone(), refresh.clone());
        let pause = use_mut_ref(|| Pause::new(REPAINT_AFTER_MS)).borrow().clone();
        use_effect(move || {
            if painted.borrow().stale() {
                let next = *refresh + 1;
                pause.poke(move || refresh.set(next));
            }
        });
    }
    let names = state.session.labels().names();
    let ranks = use_memo(names, |n| n.clone());
    let ranks: Rc<Vec<String>> = ranks.clone();
    let s = &state.session;
    // The counts above the text are the panels' (see `PanelState`): after a key press they
    // follow one paint behind the rows.
    let panels = use_panel_state();
    let behind = panels.stamp != state.stamp;
    let ps = &panels.session;
    // The filter bar's counts change only with the open document, its annotations, the
    // search or the label set: not with a move of the focus.
    let counts = {
        let key = (
            ps.open_doc().map(|d| d.id.clone()),
            ps.open_doc().and_then(|d| ps.anns().doc(&d.id)).cloned().map(Same),
            ps.search().trim().to_owned(),
            ps.labels().clone(),
        );
        let panels = panels.clone();
        use_memo(key, move |_| panels.session.filter_counts())
    };
    // The positions shown under a filter or search, recomputed only when those or the
    // annotations change; with everything shown there is no list at all, so a key press
    // costs the same in a 50- and a 5,000-sentence article.
    let filtered = {
        let state = state.clone();
        let key = (
            s.open_doc().map(|d| d.id.clone()),
            s.open_doc().and_then(|d| s.anns().doc(&d.id)).cloned().map(Same),
            s.filter().clone(),
            s.search().trim().to_owned(),
        );
        use_memo(key, move |_| {
            let s = &state.session;
            let n = s.open_doc().map_or(0, |d| d.sentences.len());
            (!s.shows_all()).then(|| (0..n).filter(|&i| s.visible(i)).collect::<Vec<usize>>())
        })
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
    let Some(doc) = s.open_doc().cloned() else {
        return html! { <main id="article" class="article"><p>{ "No document is open." }</p></main> };
    };
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
    let search: AttrValue = s.search().trim().to_owned().into();
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
    let doc_anns = s.anns().doc(&doc.id).cloned();
    // Long articles render a window of sentences around the focus, so a key press costs
    // the same in a 50- and a 5,000-sentence article (see WINDOW).
    let n = doc.sentences.len();
    let list: Option<&Vec<usize>> = filtered.as_ref().as_ref();
    let shown = list.map_or(n, Vec::len);
    let at = list.map_or(s.focus().min(n), |v| v.partition_point(|&i| i < s.focus()));
    // The sentence index at a shown position.
    let pick = |p: usize| list.map_or(p, |v| v[p]);
    // A key press whose panels follow keeps the drawn rows while the focus has room in them:
    // the window moves with the panels, just after the key's frame.
    let at = scroll.at(&doc.id, s.focus(), at);
    let (from, to) = scroll
        .last(&doc.id, shown)
        .filter(|&drawn| behind && window::keeps(drawn, at, shown))
        .unwrap_or_else(|| window::window_bounds(at, shown));
    scroll.drawn(&doc.id, s.focus(), from, to, shown);
    let drawn_lo = if to > from { pick(from) } else { 0 };
    let drawn_hi = if to > from { pick(to - 1) + 1 } else { 0 };
    // Suggestions: rows near the focus painted on each key, the others when the keys pause.
    let hints = {
        let mut model = s.open_suggestions();
        if painted.borrow().refreshes(*refresh) {
            model.settle(); // the keys paused: the time for a pass over the whole pool
        }
        let want = Want {
            doc: &doc.id,
            range: drawn_lo..drawn_hi,
            generation: model.generation(),
            focus: s.focus(),
            refresh: *refresh,
            behind,
            context: u64::from(s.suggesting()) | ((Rc::as_ptr(&ranks) as usize as u64) << 1),
        };
        painted.borrow_mut().update(&want, |r| model.range(r));
        painted.borrow()
    };
    let mut paragraphs: Vec<Html> = Vec::new();
    let mut current: Vec<Html> = Vec::new();
    let mut para = usize::MAX;
    for i in (from..to).map(pick) {
        let sent = doc.sentences[i];
        if sent.paragraph != para && !current.is_empty() {
            paragraphs.push(html! { <p key={para} data-paragraph={para.to_string()}>{ for current.drain(..) }</p> });
        }
        // A line break inside a paragraph (a headline over its text, a credit line) stays one.
        if sent.paragraph == para && i > 0 && doc.text[doc.sentences[i - 1].end..sent.start].contains('\n') {
            current.push(html! { <br key={format!("br{i}")} /> });
        }
        para = sent.paragraph;
        let marks = Marks::of(doc_anns.as_ref().and_then(|a| a.get(&i)), &ranks);
        // In review mode each sentence shows its gold label and how it came to be.
        let review = s.reviewing().then(|| {
            let v = s.verdict(&doc.id, i);
            Review { rated: v.ratings.len(), gold: v.gold, status: v.status.name() }
        });
        current.push(html! {
            <SentenceView key={i} doc={doc.clone()} index={i} {marks} {done} {review} focused={i == s.focus()}
                search={search.clone()} on_focus={on_focus.clone()} ranks={ranks.clone()}
                suggestion={hints.at(i).map(|h| Hint::of(&h))}
                split_gap={state.split.filter(|sp| sp.sentence == i && i == s.focus()).map(|sp| sp.gap)}
                on_split={on_split.clone()} />
        });
    }
    if !current.is_empty() {
        paragraphs.push(html! { <p key={para} data-paragraph={para.to_string()}>{ for current.drain(..) }</p> });
    }
    drop(hints);
    let labelled = ps.anns().labelled_count(&doc.id);
    let decided =
        ps.open_doc().filter(|d| d.id == doc.id).map_or_else(|| s.decided_count(&doc), |d| ps.decided_count(d));
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
        <main id="article" class="article" aria-labelledby="article-title">
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
                        <p id="confirm-text">{ format!("Remove “{}” and its {labelled} tagged sentence(s)? You can undo this right after.", doc.title) }</p>
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
            <article class="text" ref={scroll.text.clone()} data-open-doc={doc.id.clone()} data-rendered={(to - from).to_string()}
                data-window={format!("{from}-{to}")}>
                <div class="window-spacer" data-window-gap="above" aria-hidden="true" ref={scroll.above.clone()}></div>
                { for paragraphs }
                <div class="window-spacer" data-window-gap="below" aria-hidden="true" ref={scroll.below.clone()}></div>
                if shown == 0 {
                    <p class="empty">{ format!("No sentence matches “{}”.", if s.search().trim().is_empty() { s.filter().name() } else { s.search().trim() }) }</p>
                }
            </article>
            // The focused sentence's buttons stay in one place (a bar at the bottom of the
            // article, in reach of a thumb): moving the focus never reflows the text.
            <div class="action-bar" data-action-bar="">
                if s.reviewing() { <ReviewBox /> } else { <LabelButtons /> }
            </div>
        </main>
    }
}

/// Review mode: the colleagues whose sentence boundaries differ from ours on this document,
/// their sentences we do not have, and a button to adopt theirs (SPEC §9, issue 13).
fn boundary_review(state: &crate::ui::state::StateHandle) -> Html {
    let diffs = state.session.boundary_disagreements();
    if diffs.is_empty() {
        return Html::default();
    }
    let rows = diffs.into_iter().map(|d| {
        let onclick = {
            let (state, name) = (state.clone(), d.annotator.clone());
            Callback::from(move |_| state.dispatch(Action::AdoptBoundaries(name.clone())))
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
