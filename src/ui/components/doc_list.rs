//! The list of documents with their progress. Items are memoised components: a label
//! change re-renders only its own document's item.
//!
//! A project holds 10,000 documents or more: drawing (and on every label change, diffing)
//! an item for each would cost the key press and the start-up what the person never sees.
//! So the list draws the first `PAGE` items of what the search, filter and sort show, grows
//! by `PAGE` when it is scrolled near its end or "Show more" is pressed, and always draws
//! the open document's item (after the others, when it lies further down). Search, filter
//! and sort still run over every document (`view::doc_filter`), and `]`, `[` and `n` move
//! through all of them (the session's cursor), drawn or not.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use web_sys::{HtmlInputElement, HtmlSelectElement};

use super::Same;
use crate::view::doc_filter::{shown, Show, Sort};
use annotator_core::annotations::AnnotationStore;
use annotator_core::document::Document;
use annotator_core::session::{decided_in, progress_in};

#[derive(Properties, PartialEq)]
struct DocItemProps {
    doc: Rc<Document>,
    index: usize,
    /// Sentences decided (a label or "none"; all of them when the document is done).
    decided: usize,
    done: bool,
    current: bool,
    on_open: Callback<usize>,
}

#[component]
fn DocItem(p: &DocItemProps) -> Html {
    let n = p.doc.sentences.len();
    let onclick = {
        let cb = p.on_open.clone();
        let i = p.index;
        Callback::from(move |_| cb.emit(i))
    };
    let complete = n > 0 && p.decided == n;
    html! {
        <li>
            <button type="button" class={classes!("doc", p.current.then_some("current"), complete.then_some("complete"))}
                data-doc={p.doc.id.clone()} title={p.doc.title.clone()} data-progress={format!("{}/{n}", p.decided)} data-done={p.done.to_string()}
                aria-current={p.current.then_some("page")} {onclick}>
                <span class="doc-title">{ p.doc.title.clone() }</span>
                <span class="doc-meta">
                    if let Some(date) = &p.doc.date { <span>{ date.clone() }</span> }
                    <span class="doc-progress">{ format!("{} / {n} decided", p.decided) }</span>
                    if p.done { <span class="tag done-tag">{ "done" }</span> }
                </span>
                <progress max={n.to_string()} value={p.decided.to_string()} aria-hidden="true"></progress>
            </button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct DocListProps {
    pub docs: Same<Vec<Rc<Document>>>,
    /// Compared per document by pointer (copy on write), so O(documents) pointer checks.
    pub anns: AnnotationStore,
    pub done: Same<BTreeSet<String>>,
    pub open: usize,
    pub on_open: Callback<usize>,
}

/// Items drawn at first, and added by each scroll to the end or "Show more".
pub const PAGE: usize = 500;

/// The list, memoised by its props: a focus move or a note does not redraw it.
#[component]
pub fn DocList(p: &DocListProps) -> Html {
    let docs = &p.docs.0;
    let decided = |d: &Document| decided_in(&p.anns, &p.done.0, d);
    let (done, total) = progress_in(&p.anns, &p.done.0, docs);
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    // Search, filter and sort: the screen's own (src/view/doc_filter.rs decides).
    let query = use_state(String::new);
    let show = use_state(Show::default);
    let sort = use_state(Sort::default);
    let limit = use_state(|| PAGE);
    let order = shown(docs, |i| decided(&docs[i]), &query, *show, *sort);
    let drawn = order.len().min(*limit);
    // The open document beyond the drawn ones is drawn too, last.
    let open_beyond = order[drawn..].contains(&p.open).then_some(p.open);
    let items = order[..drawn].iter().copied().chain(open_beyond).map(|i| {
        let d = &docs[i];
        html! {
            <DocItem key={d.id.clone()} doc={d.clone()} index={i} decided={decided(d)} done={p.done.0.contains(&d.id)}
                current={i == p.open} on_open={p.on_open.clone()} />
        }
    });
    let rest = order.len() - drawn;
    let more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + PAGE))
    };
    // Scrolled to within a screen of the end: the next items are drawn.
    let on_scroll = {
        let limit = limit.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            if rest > 0 && el.scroll_top() + 2 * el.client_height() >= el.scroll_height() {
                limit.set(*limit + PAGE);
            }
        })
    };
    let on_query = {
        let query = query.clone();
        let limit = limit.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
            limit.set(PAGE);
        })
    };
    let on_show = {
        let show = show.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            show.set(Show::from_name(&select.value()));
        })
    };
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            sort.set(Sort::from_name(&select.value()));
        })
    };
    let show_words = |s: Show| match s {
        Show::All => "all",
        Show::NotStarted => "not started",
        Show::InProgress => "in progress",
        Show::Done => "done",
    };
    let sort_words = |s: Sort| match s {
        Sort::List => "list order",
        Sort::Title => "title",
        Sort::Progress => "least done first",
        Sort::Date => "newest first",
    };
    let narrowed = order.len() != docs.len();
    html! {
        <nav class="doc-list" id="doc-list" aria-label="Documents" onscroll={on_scroll}>
            <h2 data-docs-total={docs.len().to_string()} data-docs-shown={order.len().to_string()}>
                { format!("Documents ({})", docs.len()) }</h2>
            <p class="corpus-progress" data-stat="progress">
                { format!("Corpus: {done} / {total} sentences decided ({percent}%)") }
            </p>
            if docs.len() > 1 {
                <div class="doc-tools">
                    <input type="search" data-action="doc-search" placeholder="Find a document…" aria-label="Find a document by title or id"
                        value={(*query).clone()} oninput={on_query} />
                    <label>{ "Show " }
                        <select data-action="doc-show" onchange={on_show}>
                            { for Show::ALL.into_iter().map(|s| html! { <option value={s.name()} selected={*show == s}>{ show_words(s) }</option> }) }
                        </select>
                    </label>
                    <label>{ "Sort " }
                        <select data-action="doc-sort" onchange={on_sort}>
                            { for Sort::ALL.into_iter().map(|s| html! { <option value={s.name()} selected={*sort == s}>{ sort_words(s) }</option> }) }
                        </select>
                    </label>
                </div>
            }
            if narrowed {
                <p class="doc-count" data-stat="docs-shown" role="status">{ format!("{} of {} shown", order.len(), docs.len()) }</p>
            }
            <ul>{ for items }</ul>
            if rest > 0 {
                <button type="button" class="docs-more" data-action="docs-more" onclick={more}>
                    { format!("Show {} more ({rest} not drawn)", rest.min(PAGE)) }</button>
            }
            if docs.is_empty() {
                <p>{ "No documents. Import articles with the file picker, drag and drop, or paste." }</p>
            }
        </nav>
    }
}
