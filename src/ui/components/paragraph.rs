//! One paragraph of the drawn window: memoised by its rows' small values, so a key press that
//! changes one sentence builds and compares one paragraph's rows, not the whole window's
//! (about three sentences instead of 120 in a long article).

use std::rc::Rc;

use yew::prelude::*;

use super::sentence::{Hint, Marks, Review, SentenceView};
use crate::core::document::Document;

/// What one row shows, as the article view computed it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub index: usize,
    pub marks: Marks,
    pub review: Option<Review>,
    pub focused: bool,
    pub suggestion: Option<Hint>,
    pub split_gap: Option<usize>,
    /// A line break before it inside its paragraph (a headline over its text, a credit line).
    pub break_before: bool,
}

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub doc: Rc<Document>,
    pub paragraph: usize,
    pub rows: Vec<Row>,
    pub done: bool,
    pub search: AttrValue,
    pub on_focus: Callback<usize>,
    pub ranks: Rc<Vec<String>>,
    pub on_split: Callback<usize>,
}

#[component]
pub fn ParagraphView(p: &ParagraphProps) -> Html {
    let rows = p.rows.iter().flat_map(|r| {
        let i = r.index;
        let br = r.break_before.then(|| html! { <br key={format!("br{i}")} /> });
        let row = html! {
            <SentenceView key={i} doc={p.doc.clone()} index={i} marks={r.marks.clone()} done={p.done}
                review={r.review.clone()} focused={r.focused} search={p.search.clone()} on_focus={p.on_focus.clone()}
                ranks={p.ranks.clone()} suggestion={r.suggestion} split_gap={r.split_gap} on_split={p.on_split.clone()} />
        };
        br.into_iter().chain(std::iter::once(row))
    });
    html! { <p data-paragraph={p.paragraph.to_string()}>{ for rows }</p> }
}
