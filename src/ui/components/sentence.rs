//! One sentence: a focusable unit showing its labels as text and colour. Memoised by its
//! small props, so a label change re-renders only its own row.

use std::rc::Rc;

use yew::prelude::*;

use super::label_buttons::LabelButtons;
use super::review_box::ReviewBox;
use crate::core::annotations::Annotation;
use crate::core::document::Document;
use crate::core::search::match_ranges;

/// A sentence's gold label (`None`: not set yet; empty: none applies) and status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub gold: Option<Vec<String>>,
    pub status: &'static str,
    /// How many annotators decided it (no tag when nobody did).
    pub rated: usize,
}

#[derive(Properties, PartialEq)]
pub struct SentenceProps {
    pub doc: Rc<Document>,
    pub index: usize,
    pub ann: Option<Annotation>,
    /// Its document is marked done: decided even without a record.
    pub done: bool,
    /// Review mode: the gold label and its status.
    pub review: Option<Review>,
    pub focused: bool,
    pub search: AttrValue,
    pub on_focus: Callback<usize>,
    /// Position of each label in the label set, for its colour class.
    pub ranks: Rc<Vec<String>>,
}

#[component]
pub fn SentenceView(p: &SentenceProps) -> Html {
    let text = p.doc.sentence_text(p.index);
    let labels = p.ann.as_ref().map(|a| a.labels.clone()).unwrap_or_default();
    let unsure = p.ann.as_ref().is_some_and(|a| a.unsure);
    let none = labels.is_empty() && (p.done || p.ann.as_ref().is_some_and(|a| a.none));
    let decided = none || !labels.is_empty();
    let has_note = p.ann.as_ref().is_some_and(|a| !a.note.is_empty());
    let onclick = {
        let cb = p.on_focus.clone();
        let i = p.index;
        Callback::from(move |_| cb.emit(i))
    };
    let mut body = Vec::new();
    let mut at = 0;
    for (a, b) in match_ranges(text, &p.search) {
        body.push(html! { { &text[at..a] } });
        body.push(html! { <mark>{ &text[a..b] }</mark> });
        at = b;
    }
    body.push(html! { { &text[at..] } });
    let tags = labels.iter().map(|l| {
        let rank = p.ranks.iter().position(|x| x == l).unwrap_or(0);
        html! { <span class={classes!("tag", format!("label-{rank}"))}>{ l.clone() }</span> }
    });
    let class = classes!(
        "sentence",
        p.focused.then_some("focused"),
        labels.first().map(|l| format!("label-{}", p.ranks.iter().position(|x| x == l).unwrap_or(0))),
        unsure.then_some("unsure"),
        none.then_some("decided-none"),
    );
    html! {
        <>
            <span {class} data-sentence={format!("{}:{}", p.doc.id, p.index)} data-labels={labels.join(" ")}
                data-decided={decided.to_string()}
                data-gold={p.review.as_ref().map(|r| gold_words(&r.gold))}
                data-status={p.review.as_ref().map(|r| r.status)}
                data-unsure={unsure.to_string()} data-has-note={has_note.to_string()}
                tabindex={if p.focused { "0" } else { "-1" }} role="button"
                aria-current={p.focused.then_some("true")} {onclick}>
                { for body }
                { for tags }
                if none { <span class="tag none-tag" title="none of the labels applies">{ "none" }</span> }
                if let Some(r) = p.review.as_ref().filter(|r| r.rated > 0) {
                    <span class={classes!("tag", "gold-tag", format!("status-{}", r.status))}>
                        { format!("gold: {} ({})", gold_words(&r.gold), r.status) }</span>
                }
                if unsure { <span class="tag unsure-tag">{ "unsure" }</span> }
                if has_note { <span class="tag note-tag" title="has a note">{ "note" }</span> }
            </span>
            if p.focused && p.review.is_some() { <ReviewBox /> } else if p.focused { <LabelButtons /> }
            { " " }
        </>
    }
}

/// Gold labels in words: the labels, "none", or "unset".
fn gold_words(gold: &Option<Vec<String>>) -> String {
    match gold {
        None => "unset".to_owned(),
        Some(l) if l.is_empty() => "none".to_owned(),
        Some(l) => l.join(" "),
    }
}
