//! The open article: the drawn window of its paragraphs around the focus, and the dock under
//! them (messages and the label bar, `dock.rs`; the head above them, with the filters and
//! search, is `article_head.rs`).

use std::rc::Rc;

use yew::prelude::*;

use super::article_head::ArticleHead;
use super::current_row::use_current_row;
use super::dock::Dock;
use super::label_buttons::LabelButtons;
use super::paragraph::{blocks, Para, Row, Shared};
use super::review_box::ReviewBox;
use super::scroll_window::use_scroll_window;
use super::sentence::{accepts_suggestion, sentence_at, Hint, Marks, Review};
use super::{use_app_state, use_panel_state, Same};
use crate::ui::later::Pause;
use crate::ui::state::Action;
use crate::view::css::row_key;
use crate::view::hints::{PaintedHints, Want};
use crate::view::window;

/// How long the keys must pause before every drawn row shows the model's latest suggestion.
const REPAINT_AFTER_MS: u32 = 1000;

#[component]
pub fn ArticleView() -> Html {
    let state = use_app_state();
    let dispatcher = state.dispatcher();
    // One listener for every row's click (rows register none: see `sentence_at`). A click or
    // tap on a row's suggestion takes it, as Enter does.
    let on_click = use_callback((), move |e: MouseEvent, _| {
        if let Some(i) = sentence_at(e.target()) {
            if accepts_suggestion(e.target()) {
                dispatcher.dispatch(Action::Accept(Some(i)));
            } else {
                dispatcher.dispatch(Action::Focus(i));
            }
        }
    });
    let scroll = use_scroll_window();
    // The focused sentence's row is marked after the render (current_row.rs), not redrawn.
    let current = state.session.open_doc().map(|d| row_key(&d.id, state.session.focus()));
    use_current_row(scroll.text.clone(), current);
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
    let ranks: Rc<Vec<String>> = use_memo(state.session.labels().clone(), |l| l.names());
    let s = &state.session;
    // Whether the panels (and the article's head) follow this render one paint behind: a
    // key press then keeps the drawn rows and repaints only the suggestions near the focus.
    let behind = use_panel_state().stamp != state.stamp;
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
            // Marking the document done decides its every sentence: "undecided" shows none.
            s.open_doc().is_some_and(|d| s.is_done(&d.id)),
        );
        use_memo(key, move |_| {
            let s = &state.session;
            let n = s.open_doc().map_or(0, |d| d.sentences.len());
            (!s.shows_all()).then(|| (0..n).filter(|&i| s.visible(i)).collect::<Vec<usize>>())
        })
    };
    let Some(doc) = s.open_doc().cloned() else {
        return html! { <main id="article" class="article"><p>{ "No document is open." }</p><Dock /></main> };
    };
    let done = s.is_done(&doc.id);

    let search: AttrValue = s.search().trim().to_owned().into();
    let doc_anns = s.anns().doc(&doc.id).cloned();
    // Long articles render a window of sentences around the focus, so a key press costs
    // the same in a 50- and a 5,000-sentence article (see WINDOW).
    let n = doc.sentences.len();
    let list: Option<&Vec<usize>> = filtered.as_ref().as_ref();
    let shown = list.map_or(n, Vec::len);
    let at = list.map_or(s.focus().min(n), |v| v.partition_point(|&i| i < s.focus()));
    // The sentence index at a shown position.
    let pick = |p: usize| list.map_or(p, |v| v[p]);
    // The drawn rows stay while the focus has room in them: in a key press whose panels
    // follow (the window moves with the panels, just after the key's frame) and, with more
    // room to spare, after it, so a focus going back and forth draws no rows anew. A scroll
    // into a spacer draws the window around the middle of the screen.
    let follows = scroll.follows_focus(&doc.id, s.focus());
    let at = scroll.at(&doc.id, s.focus(), at);
    let (from, to) = scroll
        .last(&doc.id, shown)
        .filter(
            |&drawn| if behind { window::keeps(drawn, at, shown) } else { follows && window::stays(drawn, at, shown) },
        )
        .unwrap_or_else(|| window::window_bounds(at, shown));
    scroll.drawn(&doc.id, s.focus(), from, to, shown);
    let drawn_lo = if to > from { pick(from) } else { 0 };
    let drawn_hi = if to > from { pick(to - 1) + 1 } else { 0 };
    // Suggestions: rows near the focus painted on each key, the others when the keys pause.
    // A key press whose panels follow keeps the drawn rows' hints: the model is not asked, nor
    // brought in step with the decision (its lesson), until the panels' render after the paint.
    let context = u64::from(s.suggesting()) | ((Rc::as_ptr(&ranks) as usize as u64) << 1);
    let range = drawn_lo..drawn_hi;
    if !(behind && painted.borrow().holds(&doc.id, &range, context, *refresh)) {
        let mut model = s.open_suggestions();
        if painted.borrow().refreshes(*refresh) {
            model.settle(); // the keys paused: the time for a pass over the whole pool
        }
        let want = Want {
            doc: &doc.id,
            range,
            generation: model.generation(),
            focus: s.focus(),
            refresh: *refresh,
            behind,
            context,
        };
        painted.borrow_mut().update(&want, |r| model.range(r));
    }
    let hints = painted.borrow();
    // The drawn rows, in memoised paragraphs and blocks of them (see paragraph.rs).
    let mut paras: Vec<Para> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut para = usize::MAX;
    let mut flush = |para: usize, rows: &mut Vec<Row>| {
        if !rows.is_empty() {
            paras.push(Para { paragraph: para, rows: std::mem::take(rows).into() });
        }
    };
    for i in (from..to).map(pick) {
        let sent = doc.sentences[i];
        if sent.paragraph != para {
            flush(para, &mut rows);
        }
        // A line break inside a paragraph (a headline over its text, a credit line) stays one.
        let break_before =
            sent.paragraph == para && i > 0 && doc.text[doc.sentences[i - 1].end..sent.start].contains('\n');
        para = sent.paragraph;
        // In review mode each sentence shows its gold label and how it came to be.
        let review = s.reviewing().then(|| {
            let v = s.verdict(&doc.id, i);
            Review {
                rated: v.ratings.len(),
                gold: v.gold,
                status: v.status.name(),
                majority: v.majority.map(|m| if m.is_empty() { "none".to_owned() } else { m.join(" ") }),
            }
        });
        rows.push(Row {
            index: i,
            marks: Marks::of(doc_anns.as_ref().and_then(|a| a.get(&i)), &ranks),
            review,
            suggestion: hints.at(i).map(|h| Hint::of(&h)),
            split_gap: state.split.filter(|sp| sp.sentence == i && i == s.focus()).map(|sp| sp.gap),
            break_before,
        });
    }
    flush(para, &mut rows);
    // The focused sentence's suggestion, for the label bar's accept button (as its row shows it).
    let focused_hint = hints.at(s.focus()).map(|h| Hint::of(&h)).filter(|_| !s.is_decided(&doc.id, s.focus()));
    drop(hints);
    let shared = Shared { doc: doc.clone(), done, search, ranks, on_split };
    html! {
        <main id="article" class="article" aria-labelledby="article-title">
            <ArticleHead />
            <article class="text" ref={scroll.text.clone()} data-open-doc={doc.id.clone()} data-rendered={(to - from).to_string()}
                data-window={format!("{from}-{to}")} onclick={on_click}>
                <div class="window-spacer" data-window-gap="above" aria-hidden="true" ref={scroll.above.clone()}></div>
                { blocks(paras, &shared) }
                <div class="window-spacer" data-window-gap="below" aria-hidden="true" ref={scroll.below.clone()}></div>
                if shown == 0 {
                    <p class="empty">{ format!("No sentence matches “{}”.", if s.search().trim().is_empty() { s.filter().name() } else { s.search().trim() }) }</p>
                }
            </article>
            // The focused sentence's buttons stay in one place (a bar at the bottom of the
            // article, in reach of a thumb, under the messages): moving the focus never
            // reflows the text.
            <Dock>
                if s.reviewing() { <ReviewBox /> } else { <LabelButtons hint={focused_hint} /> }
            </Dock>
        </main>
    }
}
