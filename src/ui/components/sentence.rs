//! One sentence: a focusable unit showing its labels as text and colour. Memoised by its
//! small props, so a label change re-renders only its own row, and a focus move none (which
//! row is focused is marked on the drawn rows: `current_row.rs`). A click on it is the
//! article's (one listener for every row: see `sentence_at`).

use std::rc::Rc;

use yew::prelude::*;

use crate::view::css::{row_index, row_key};
use annotator_core::annotations::Annotation;
use annotator_core::boundaries;
use annotator_core::document::Document;
use annotator_core::labels::LabelMask;
use annotator_core::search::match_ranges;
use annotator_core::suggest::Shown;

/// A sentence's gold label (`None`: not set yet; empty: none applies) and status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub gold: Option<Vec<String>>,
    pub status: &'static str,
    /// How many annotators decided it (no tag when nobody did).
    pub rated: usize,
    /// The majority's decision (`data-majority`: labels space-separated, or "none").
    pub majority: Option<String>,
}

/// What a row shows of its annotation, as a small copyable value: building 300 rows per key
/// press copies no strings, and comparing props is a few integer compares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// The labels by rank in the label set.
    pub labels: LabelMask,
    pub none: bool,
    pub unsure: bool,
    pub note: bool,
    /// Labels outside the label set (a label file changed since): their names, in order.
    pub other: Option<Rc<Vec<String>>>,
}

impl Marks {
    pub fn of(ann: Option<&Annotation>, ranks: &[String]) -> Marks {
        let Some(a) = ann else { return Marks::default() };
        let mut m = Marks { none: a.none, unsure: a.unsure, note: !a.note.is_empty(), ..Marks::default() };
        match LabelMask::of(ranks.iter().map(String::as_str), &a.labels) {
            Some(mask) => m.labels = mask,
            None => m.other = Some(Rc::new(a.labels.clone())),
        }
        m
    }

    /// The labels, in the label set's order: (rank, name).
    fn labels<'a>(&'a self, ranks: &'a [String]) -> Vec<(usize, &'a str)> {
        if let Some(names) = &self.other {
            return names.iter().map(|n| (ranks.iter().position(|x| x == n).unwrap_or(0), n.as_str())).collect();
        }
        ranks.iter().enumerate().filter(|(r, _)| self.labels.has(*r)).map(|(r, n)| (r, n.as_str())).collect()
    }
}

#[derive(Properties, PartialEq)]
pub struct SentenceProps {
    pub doc: Rc<Document>,
    pub index: usize,
    pub marks: Marks,
    /// Its document is marked done: decided even without a record.
    pub done: bool,
    /// Review mode: the gold label and its status.
    pub review: Option<Review>,
    pub search: AttrValue,
    /// Position of each label in the label set, for its colour class.
    pub ranks: Rc<Vec<String>>,
    /// The suggestion shown on an undecided sentence (docs/ARCHITECTURE.md, Suggestions).
    pub suggestion: Option<Hint>,
    /// Split mode on this sentence: the chosen gap (a position among its gaps).
    #[prop_or_default]
    pub split_gap: Option<usize>,
    /// A gap was clicked: split at this byte offset.
    #[prop_or_default]
    pub on_split: Callback<usize>,
}

/// A suggestion as a row shows it: the category (the label's rank, or the label count for
/// "none") and the probability in whole percent, so that a decision elsewhere re-renders
/// only the rows whose shown figure changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    pub category: usize,
    pub percent: u8,
}

impl Hint {
    pub fn of(shown: &Shown) -> Hint {
        Hint { category: shown.category, percent: (shown.score.clamp(0.0, 1.0) * 100.0).round() as u8 }
    }
}

#[component]
pub fn SentenceView(p: &SentenceProps) -> Html {
    let text = p.doc.sentence_text(p.index);
    let labels = p.marks.labels(&p.ranks);
    let unsure = p.marks.unsure;
    let none = labels.is_empty() && (p.done || p.marks.none);
    let decided = none || !labels.is_empty();
    let has_note = p.marks.note;
    let mut body = Vec::new();
    if let Some(active) = p.split_gap {
        // Split mode: every gap between two words is a button (docs/FORMAT.md §4, Sentence
        // boundaries).
        let s = p.doc.sentences[p.index];
        let mut from = s.start;
        for (g, at) in boundaries::gaps(&p.doc, p.index).into_iter().enumerate() {
            body.push(html! { { &p.doc.text[from..at] } });
            let word = p.doc.text[at..s.end].split_whitespace().next().unwrap_or("").to_owned();
            let cp = p.doc.text[..at].chars().count();
            let onclick = {
                let cb = p.on_split.clone();
                Callback::from(move |e: MouseEvent| {
                    e.stop_propagation();
                    cb.emit(at)
                })
            };
            let current = g == active;
            body.push(html! {
                <button type="button" class={classes!("gap", current.then_some("current"))} data-split-at={cp.to_string()}
                    aria-label={format!("Split before “{word}”")} aria-current={current.then_some("true")} {onclick}>
                    { "|" }</button>
            });
            from = at;
        }
        body.push(html! { { &p.doc.text[from..s.end] } });
    } else {
        let mut at = 0;
        for (a, b) in match_ranges(text, &p.search) {
            body.push(html! { { &text[at..a] } });
            body.push(html! { <mark>{ &text[a..b] }</mark> });
            at = b;
        }
        body.push(html! { { &text[at..] } });
    }
    // The row's chips, in one list, a decision's first in the place of the suggestion it
    // replaces: deciding changes that element's class and text, where removing one element
    // and inserting another cost the key press ~0.1 ms (a removal from the drawn page,
    // measured in the bench's page).
    let mut chips: Vec<Html> = labels
        .iter()
        .map(|(rank, l)| html! { <span class={classes!("tag", format!("label-{rank}"))}>{ l.to_string() }</span> })
        .collect();
    if none {
        chips.push(html! { <span class="tag none-tag" title="none of the labels applies">{ "none" }</span> });
    }
    // A suggestion is text with a question mark in a dashed box: never mistaken for a
    // decision (solid, coloured), and gone once the sentence is decided.
    let hint = p.suggestion.filter(|_| !decided).map(|h| {
        let name = p.ranks.get(h.category).map_or("none", String::as_str).to_owned();
        (h, name)
    });
    if let Some((h, name)) = &hint {
        // A tap or click on it takes it (the article's click listener, `accepts_suggestion`).
        let title = format!("suggested: {name}, {} % sure (tap or Enter accepts, a label key overrides)", h.percent);
        let colour = (h.category < p.ranks.len()).then(|| format!("label-{}", h.category));
        chips.push(html! {
            <span class={classes!("tag", "suggestion-tag", colour)} data-accept="" {title}>
                { format!("{name}?") }<span class="accept-mark" aria-hidden="true">{ " ✓" }</span></span>
        });
    }
    if let Some(r) = p.review.as_ref().filter(|r| r.rated > 0) {
        chips.push(html! {
            <span class={classes!("tag", "gold-tag", format!("status-{}", r.status))}>
                { format!("gold: {} ({})", gold_words(&r.gold), r.status) }</span>
        });
    }
    if unsure {
        chips.push(html! { <span class="tag unsure-tag">{ "unsure" }</span> });
    }
    if has_note {
        chips.push(html! { <span class="tag note-tag" title="has a note">{ "note" }</span> });
    }
    let class = classes!(
        "sentence",
        labels.first().map(|(rank, _)| format!("label-{rank}")),
        unsure.then_some("unsure"),
        none.then_some("decided-none"),
        p.split_gap.is_some().then_some("splitting"),
    );
    html! {
        <>
            <span {class} data-sentence={row_key(&p.doc.id, p.index)} data-labels={labels.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ")}
                data-decided={decided.to_string()}
                data-gold={p.review.as_ref().map(|r| gold_words(&r.gold))}
                data-status={p.review.as_ref().map(|r| r.status)}
                data-majority={p.review.as_ref().and_then(|r| r.majority.clone())}
                data-unsure={unsure.to_string()} data-has-note={has_note.to_string()}
                data-suggestion={hint.as_ref().map(|(_, name)| name.clone())}
                data-suggestion-score={hint.as_ref().map(|(h, _)| format!("{:.2}", f32::from(h.percent) / 100.0))}
                tabindex="-1" role="button">
                { for body }
                { for chips }
            </span>
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

/// Whether a click landed on a row's suggestion (its chip takes the suggestion, as Enter).
pub fn accepts_suggestion(target: Option<web_sys::EventTarget>) -> bool {
    use wasm_bindgen::JsCast;
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-accept]").ok().flatten())
        .is_some()
}

/// The sentence index of a clicked element (a row or anything inside it): the article has
/// one click listener for all its rows, so drawing a row registers no listener.
pub fn sentence_at(target: Option<web_sys::EventTarget>) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let el = target?.dyn_into::<web_sys::Element>().ok()?.closest("[data-sentence]").ok()??;
    row_index(&el.get_attribute("data-sentence")?)
}
