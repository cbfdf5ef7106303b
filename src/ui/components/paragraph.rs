//! The drawn window's rows, grouped so a key press touches few components: rows into their
//! paragraph (`ParagraphView`), paragraphs into blocks of `PARAGRAPHS_PER_BLOCK` (`Block`),
//! each memoised by its rows' small values. A key press that changes one sentence compares
//! a handful of blocks and one block's paragraphs, and draws one paragraph's rows, not the
//! window's 120 (measured: key handling at 5,000 sentences, docs/DEVELOPMENT.md, Performance).

use std::rc::Rc;

use yew::prelude::*;

use super::sentence::{Hint, Marks, Review, SentenceView};
use annotator_core::document::Document;

/// Paragraphs per block (by paragraph number, so blocks keep their keys as the window moves).
pub const PARAGRAPHS_PER_BLOCK: usize = 8;

/// What one row shows, as the article view computed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub index: usize,
    pub marks: Marks,
    pub review: Option<Review>,
    pub suggestion: Option<Hint>,
    pub split_gap: Option<usize>,
    /// A line break before it inside its paragraph (a headline over its text, a credit line).
    pub break_before: bool,
}

/// One paragraph's drawn rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    pub paragraph: usize,
    pub rows: Rc<[Row]>,
}

/// What every row of the window shares.
#[derive(Clone, PartialEq)]
pub struct Shared {
    pub doc: Rc<Document>,
    /// The document is marked done: every row is decided.
    pub done: bool,
    pub search: AttrValue,
    /// Position of each label in the label set, for its colour class.
    pub ranks: Rc<Vec<String>>,
    pub on_split: Callback<usize>,
}

/// The blocks of the drawn rows, keyed by block number.
pub fn blocks(paras: Vec<Para>, shared: &Shared) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut current: Vec<Para> = Vec::new();
    let mut flush = |current: &mut Vec<Para>| {
        if let Some(first) = current.first() {
            let key = first.paragraph / PARAGRAPHS_PER_BLOCK;
            out.push(html! { <Block {key} paras={std::mem::take(current)} shared={shared.clone()} /> });
        }
    };
    for p in paras {
        if current.first().is_some_and(|f| f.paragraph / PARAGRAPHS_PER_BLOCK != p.paragraph / PARAGRAPHS_PER_BLOCK) {
            flush(&mut current);
        }
        current.push(p);
    }
    flush(&mut current);
    out.into_iter().collect()
}

#[derive(Properties, PartialEq)]
struct BlockProps {
    paras: Vec<Para>,
    shared: Shared,
}

#[component]
fn Block(p: &BlockProps) -> Html {
    p.paras
        .iter()
        .map(|para| {
            html! { <ParagraphView key={para.paragraph} paragraph={para.paragraph} rows={para.rows.clone()} shared={p.shared.clone()} /> }
        })
        .collect()
}

#[derive(Properties, PartialEq)]
struct ParagraphProps {
    paragraph: usize,
    rows: Rc<[Row]>,
    shared: Shared,
}

#[component]
fn ParagraphView(p: &ParagraphProps) -> Html {
    let sh = &p.shared;
    let rows = p.rows.iter().flat_map(|r| {
        let i = r.index;
        let br = r.break_before.then(|| html! { <br key={format!("br{i}")} /> });
        let row = html! {
            <SentenceView key={i} doc={sh.doc.clone()} index={i} marks={r.marks.clone()} done={sh.done}
                review={r.review.clone()} search={sh.search.clone()}
                ranks={sh.ranks.clone()} suggestion={r.suggestion} split_gap={r.split_gap} on_split={sh.on_split.clone()} />
        };
        br.into_iter().chain(std::iter::once(row))
    });
    html! { <p data-paragraph={p.paragraph.to_string()}>{ for rows }</p> }
}
