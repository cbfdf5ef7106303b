//! The suggestions panel (docs/FORMAT.md §4, Suggestions): the switch and the order of `n`, how
//! often the person took what was suggested, and the learning curve (how often the suggestions
//! were right, block by block of decisions), drawn by the app as SVG with its figures in text.
//! Memoised by its props: the figures are recounted when the annotations change, not when the
//! focus moves.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::Same;
use crate::view::words::{percent, share_percent};
use annotator_core::annotations::AnnotationStore;
use annotator_core::document::Document;
use annotator_core::settings::{Order, Settings};
use annotator_core::suggest::Acceptance;

#[derive(Properties, PartialEq)]
pub struct SuggestPanelProps {
    pub anns: AnnotationStore,
    pub docs: Same<Vec<Rc<Document>>>,
    pub settings: Settings,
    pub on_settings: Callback<Settings>,
}

const W: f32 = 240.0;
const H: f32 = 90.0;
const PAD: f32 = 22.0;

#[component]
pub fn SuggestPanel(p: &SuggestPanelProps) -> Html {
    let acceptance = use_memo((p.anns.clone(), p.docs.clone()), |(anns, docs)| Acceptance::of(anns, &docs.0));
    let on_switch = {
        let (cb, settings) = (p.on_settings.clone(), p.settings.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(Settings { suggestions: input.checked(), ..settings.clone() });
        })
    };
    let on_order = {
        let (cb, settings) = (p.on_settings.clone(), p.settings.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(order) = Order::from_name(&select.value()) {
                cb.emit(Settings { order, ..settings.clone() });
            }
        })
    };
    let a = &*acceptance;
    let rate = if a.offered == 0 {
        "No decision was made with a suggestion showing yet.".to_owned()
    } else {
        format!("{} of {} decisions took the suggestion ({} %).", a.accepted, a.offered, percent(a.accepted, a.offered))
    };
    let order = p.settings.order;
    html! {
        <section class="suggest-panel" data-panel="suggestions" aria-labelledby="suggest-title">
            <h2 id="suggest-title">{ "Suggestions" }</h2>
            <label class="check"><input type="checkbox" data-setting="suggestions" checked={p.settings.suggestions}
                onchange={on_switch} />{ " suggest a label on undecided sentences (Enter accepts)" }</label>
            <label for="order-select">{ "n goes to" }
                <select id="order-select" data-setting="order" onchange={on_order}>
                    <option value="document" selected={order == Order::Document}>{ "the next undecided sentence" }</option>
                    <option value="uncertain" selected={order == Order::Uncertain}>{ "the sentence the model is least sure of" }</option>
                </select>
            </label>
            <p data-suggest-offered={a.offered.to_string()} data-suggest-accepted={a.accepted.to_string()}>{ rate }</p>
            if !a.curve.is_empty() { { curve(a) } }
        </section>
    }
}

/// The learning curve: share of right suggestions per block of decisions, oldest first.
fn curve(a: &Acceptance) -> Html {
    let last = a.curve.last().map_or(1, |p| p.0).max(1) as f32;
    let at = |(n, acc): (usize, f32)| (PAD + (W - PAD - 6.0) * n as f32 / last, H - PAD - (H - PAD - 6.0) * acc);
    let points: Vec<(f32, f32)> = a.curve.iter().copied().map(at).collect();
    let line = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ");
    let summary: Vec<String> =
        a.curve.iter().map(|(n, acc)| format!("up to decision {n}: {} % right", share_percent(*acc))).collect();
    let dots = points.iter().zip(&summary).map(|((x, y), words)| {
        html! { <circle class="dot" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="3"><title>{ words.clone() }</title></circle> }
    });
    let base = H - PAD;
    html! {
        <figure data-chart="learning-curve" data-points={a.curve.len().to_string()}>
            <svg class="chart" viewBox={format!("0 0 {W} {H}")} role="img"
                aria-label={format!("Learning curve: {}", summary.join("; "))}>
                <line class="axis" x1={PAD.to_string()} y1={base.to_string()} x2={(W - 4.0).to_string()} y2={base.to_string()} />
                <line class="axis" x1={PAD.to_string()} y1="4" x2={PAD.to_string()} y2={base.to_string()} />
                <text class="caption" x="0" y="10">{ "100%" }</text>
                <text class="caption" x="4" y={base.to_string()}>{ "0" }</text>
                <text class="caption" x={(W - 90.0).to_string()} y={(H - 6.0).to_string()}>{ format!("{} decisions", last as usize) }</text>
                <polyline class="curve" points={line} />
                { for dots }
            </svg>
            <figcaption>{ format!("Suggestions right, per {} decisions: ", Acceptance::BLOCK) }{ summary.join("; ") }</figcaption>
        </figure>
    }
}
