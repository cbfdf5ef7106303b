//! The agreement panel (docs/FORMAT.md §4 and §7): a team needs to see how far its annotators
//! agree before their labels can be trusted or adjudicated, so this shows the core's figures
//! over every annotator present (own work and imported layers), for the corpus or the open
//! document: Krippendorff's alpha, Fleiss' kappa, percent agreement, Cohen's kappa per pair,
//! alpha per label, each with the items it used and "undefined" in words where it is; then a
//! pairwise kappa matrix, a confusion matrix per pair and each annotator's categories, drawn by
//! the app as SVG coloured through CSS classes (the CSP allows no inline style). Where to look
//! first: the documents the annotators agree on least, each a button that opens it, and the
//! sentences whose boundaries they do not share (a boundary disagreement is counted, not left
//! silently out of the figures).
//!
//! Cost: the panel exists only while open, and computes the figures once per change of what
//! they depend on: the memo key holds the shared maps (annotations per document, layers, done
//! marks, documents, labels) compared by pointer, so a focus move recomputes nothing while a
//! label changed by a key press recomputes at once.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{use_app_state, Same};
use crate::ui::state::Action;
use crate::view::readings::{self, Figure};
use crate::view::words::short;
use annotator_core::agreement::bootstrap::Interval;
use annotator_core::agreement::documents::DocAgreement;
use annotator_core::agreement::{AlphaReading, KappaBand, Measure, Pair, Report};
use annotator_core::annotations::DocAnnotations;
use annotator_core::document::Document;
use annotator_core::labels::LabelSet;
use annotator_core::layers::Layer;
use annotator_core::session::{AgreementView, BoundaryDisagreements};

/// What the figures are computed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Corpus,
    Document,
}

/// Everything `Session::agreement` reads, cheap to compare: shared data by pointer.
#[derive(PartialEq)]
struct Key {
    doc: Option<String>,
    docs: Same<Vec<Rc<Document>>>,
    anns: Vec<Option<Same<DocAnnotations>>>,
    done: Same<std::collections::BTreeSet<String>>,
    layers: Vec<(String, Same<Layer>)>,
    labels: Same<LabelSet>,
    multi: bool,
    own: String,
}

/// A value for `data-value`: enough places for a 1e-6 comparison; empty when undefined.
fn value_attr(m: &Measure) -> String {
    m.value.map(|v| format!("{:.9}", v + 0.0)).unwrap_or_default()
}

/// A value as shown: three places (never "-0.000").
fn shown(v: f64) -> String {
    let s = format!("{v:.3}");
    if s == "-0.000" {
        "0.000".to_owned()
    } else {
        s
    }
}

/// Why a measure is undefined, in words: nothing to compare, or no disagreement possible.
fn why_undefined(m: &Measure, no_items: &str) -> String {
    if m.n == 0 {
        format!("undefined: {no_items}")
    } else {
        "undefined: one category only, so no disagreement possible".to_owned()
    }
}

/// A figure's conventional reading: (hook name, words); none for percent agreement.
fn reading(figure: Figure, v: f64) -> Option<(&'static str, &'static str)> {
    match figure {
        Figure::Alpha | Figure::AlphaPerLabel => {
            let r = AlphaReading::of(v);
            Some((r.name(), readings::alpha_reading(r)))
        }
        Figure::Fleiss | Figure::Cohen => {
            let b = KappaBand::of(v);
            Some((b.name(), readings::kappa_band(b)))
        }
        Figure::Percent => None,
    }
}

/// One figure as a row: `data-metric`, `data-value`, `data-n` (plus a pair or label hook), its
/// value (percent agreement as a percent), its reading (`data-reading`) and, on hover or
/// keyboard focus of its name, what it means.
fn metric_row(
    name: Html,
    figure: Figure,
    hook: Option<(&str, String)>,
    m: &Measure,
    no_items: &str,
    interval: Option<&Interval>,
) -> Html {
    let metric = match figure {
        Figure::Alpha | Figure::AlphaPerLabel => "krippendorff_alpha",
        Figure::Fleiss => "fleiss_kappa",
        Figure::Cohen => "cohen_kappa",
        Figure::Percent => "percent_agreement",
    };
    let (pair, label) = match hook {
        Some(("pair", v)) => (Some(v), None),
        Some((_, v)) => (None, Some(v)),
        None => (None, None),
    };
    let value = match m.value {
        Some(v) if figure == Figure::Percent => html! { <span class="metric-value">{ readings::percent(v) }</span> },
        Some(v) => html! { <span class="metric-value">{ shown(v) }</span> },
        None => html! { <span class="metric-value undefined">{ why_undefined(m, no_items) }</span> },
    };
    let read = m.value.and_then(|v| reading(figure, v));
    let meaning = readings::meaning(figure);
    let bound = |v: f64| format!("{:.9}", v + 0.0);
    html! {
        <tr data-metric={metric} data-pair={pair} data-label={label} data-value={value_attr(m)}
            data-n={m.n.to_string()} data-reading={read.map(|(hook, _)| hook)}
            data-interval-low={interval.map(|i| bound(i.low))} data-interval-high={interval.map(|i| bound(i.high))}>
            <th scope="row" tabindex="0" title={meaning}>
                { name }<span class="metric-meaning" role="tooltip">{ meaning }</span></th>
            <td>{ value }
                if let Some((hook, words)) = read {
                    <span class={classes!("metric-reading", format!("reading-{hook}"))}>{ words }</span>
                }
                if let Some(i) = interval {
                    <span class="metric-interval" title={readings::interval_meaning(i.draws)}>
                        { readings::interval(i.low, i.high) }</span>
                }</td>
            <td class="metric-n">{ format!("n = {}", m.n) }</td>
        </tr>
    }
}

/// The pairwise matrix's colours, each with its Landis & Koch band: the same classes as the
/// cells, so the key is right in the light and the dark theme alike.
fn kappa_legend() -> Html {
    let swatch = |class: &'static str, text: String| {
        html! {
            <li><svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
                <rect class={classes!("cell", class)} x="0.5" y="0.5" width="13" height="13" /></svg>{ text }</li>
        }
    };
    let bands =
        KappaBand::ALL.iter().map(|b| swatch(kappa_class(Some(band_value(*b))), readings::kappa_band(*b).to_owned()));
    html! {
        <ul class="heat-legend" data-legend="kappa" aria-label="Colours of Cohen's κ (Landis & Koch)">
            { for bands }
            { swatch("heat-na", "undefined".to_owned()) }
        </ul>
    }
}

/// A value inside band `b`, for its colour.
fn band_value(b: KappaBand) -> f64 {
    match b {
        KappaBand::Poor => -0.5,
        KappaBand::Slight => 0.1,
        KappaBand::Fair => 0.3,
        KappaBand::Moderate => 0.5,
        KappaBand::Substantial => 0.7,
        KappaBand::AlmostPerfect => 0.9,
    }
}

/// The colour class of a kappa: its Landis & Koch band (below chance and undefined apart).
fn kappa_class(v: Option<f64>) -> &'static str {
    match v.map(KappaBand::of) {
        None => "heat-na",
        Some(KappaBand::Poor) => "heat-neg",
        Some(KappaBand::Slight) => "heat-1",
        Some(KappaBand::Fair) => "heat-2",
        Some(KappaBand::Moderate) => "heat-3",
        Some(KappaBand::Substantial) => "heat-4",
        Some(KappaBand::AlmostPerfect) => "heat-5",
    }
}

/// The colour class of a count against the largest count of its matrix.
fn count_class(c: usize, max: usize) -> &'static str {
    if c == 0 || max == 0 {
        return "heat-0";
    }
    match c * 5 / max {
        0 => "heat-1",
        1 => "heat-2",
        2 => "heat-3",
        3 => "heat-4",
        _ => "heat-5",
    }
}

const CELL_W: usize = 56;
const CELL_H: usize = 30;
const HEAD_W: usize = 80;
const HEAD_H: usize = 26;

/// A matrix drawn as SVG: row and column headings, one cell per (row, column) with its text.
/// `cell(r, c)` gives (colour class, text, tooltip).
fn matrix_svg(
    hook: &str,
    label: String,
    rows: &[String],
    cols: &[String],
    cell: impl Fn(usize, usize) -> (String, String, String),
    on_cell: Option<Callback<(usize, usize)>>,
) -> Html {
    let width = HEAD_W + cols.len() * CELL_W;
    let height = HEAD_H + rows.len() * CELL_H;
    let col_heads = cols.iter().enumerate().map(|(c, name)| {
        html! {
            <text class="head col-head" x={(HEAD_W + c * CELL_W + CELL_W / 2).to_string()} y={(HEAD_H - 9).to_string()}>
                <title>{ name.clone() }</title>{ short(name, 7) }
            </text>
        }
    });
    let body = rows.iter().enumerate().map(|(r, name)| {
        let y = HEAD_H + r * CELL_H;
        let cells = (0..cols.len()).map(|c| {
            let (class, text, tip) = cell(r, c);
            let x = HEAD_W + c * CELL_W;
            // A cell that leads somewhere is a button: click, Enter or Space.
            let (onclick, onkeydown) = match &on_cell {
                Some(cb) => {
                    let (click, key) = (cb.clone(), cb.clone());
                    (
                        Some(Callback::from(move |_: MouseEvent| click.emit((r, c)))),
                        Some(Callback::from(move |e: KeyboardEvent| {
                            if e.key() == "Enter" || e.key() == " " {
                                e.prevent_default();
                                key.emit((r, c));
                            }
                        })),
                    )
                }
                None => (None, None),
            };
            let button = on_cell.is_some();
            html! {
                <g class={button.then_some("cell-button")} data-cell={button.then(|| format!("{r}|{c}"))}
                    role={button.then_some("button")} tabindex={button.then_some("0")} aria-label={button.then(|| tip.clone())}
                    {onclick} {onkeydown}>
                    <rect class={classes!("cell", class)} x={(x + 1).to_string()} y={(y + 1).to_string()}
                        width={(CELL_W - 2).to_string()} height={(CELL_H - 2).to_string()}>
                        <title>{ tip }</title>
                    </rect>
                    <text class="num" x={(x + CELL_W / 2).to_string()} y={(y + CELL_H / 2 + 5).to_string()}>{ text }</text>
                </g>
            }
        });
        html! {
            <g>
                <text class="head row-head" x={(HEAD_W - 8).to_string()} y={(y + CELL_H / 2 + 5).to_string()}>
                    <title>{ name.clone() }</title>{ short(name, 10) }
                </text>
                { for cells }
            </g>
        }
    });
    html! {
        <svg class="matrix" data-matrix={hook.to_owned()} role={if on_cell.is_some() { "group" } else { "img" }}
            aria-label={label}
            width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}>
            { for col_heads }
            { for body }
        </svg>
    }
}

/// Cohen's kappa of every pair as an annotators × annotators matrix.
fn pair_matrix(names: &[String], pairs: &[Pair]) -> Html {
    let find = |r: usize, c: usize| pairs.iter().find(|p| (p.a, p.b) == (r, c) || (p.a, p.b) == (c, r));
    let summary: Vec<String> = pairs
        .iter()
        .map(|p| {
            let v = p.kappa.value.map_or_else(|| "undefined".to_owned(), shown);
            format!("{} and {}: {v} (n = {})", names[p.a], names[p.b], p.kappa.n)
        })
        .collect();
    let label = format!("Cohen's kappa of every pair of annotators. {}", summary.join("; "));
    matrix_svg(
        "pairwise",
        label,
        names,
        names,
        |r, c| {
            if r == c {
                return ("diag-self".to_owned(), "—".to_owned(), format!("{}: themself", names[r]));
            }
            match find(r, c) {
                Some(p) => {
                    let v = p.kappa.value;
                    let text = v.map_or_else(|| "undef.".to_owned(), shown);
                    let tip =
                        format!("{} and {}: Cohen's kappa {text} over {} sentence(s)", names[r], names[c], p.kappa.n);
                    (kappa_class(v).to_owned(), text, tip)
                }
                None => ("heat-na".to_owned(), String::new(), String::new()),
            }
        },
        None,
    )
}

/// One pair's confusion matrix: rows are A's categories, columns B's; a cell chosen lists its
/// sentences (`on_cell`).
fn confusion_matrix(names: &[String], categories: &[String], pair: &Pair, on_cell: Callback<(usize, usize)>) -> Html {
    let (a, b) = (&names[pair.a], &names[pair.b]);
    let width = pair.confusion.len();
    let cats: Vec<String> = (0..width).map(|i| categories.get(i).cloned().unwrap_or_else(|| format!("#{i}"))).collect();
    let max = pair.confusion.iter().flatten().copied().max().unwrap_or(0);
    let mut cells = Vec::new();
    for (x, row) in pair.confusion.iter().enumerate() {
        for (y, n) in row.iter().enumerate() {
            if *n > 0 {
                cells.push(format!("{a} {}, {b} {}: {n}", cats[x], cats[y]));
            }
        }
    }
    let label = format!(
        "Confusion matrix of {a} (rows) and {b} (columns) over {} sentence(s). {}",
        pair.kappa.n,
        if cells.is_empty() { "No sentence rated by both.".to_owned() } else { cells.join("; ") }
    );
    matrix_svg(
        "confusion",
        label,
        &cats,
        &cats,
        |x, y| {
            let n = pair.confusion.get(x).and_then(|r| r.get(y)).copied().unwrap_or(0);
            let class = format!("{}{}", count_class(n, max), if x == y { " diag" } else { "" });
            let tip = format!("{a} said {}, {b} said {}: {n} sentence(s)", cats[x], cats[y]);
            (class, n.to_string(), tip)
        },
        Some(on_cell),
    )
}

/// The sentences of confusion cell (`x`, `y`) of `pair`, each a button that shows it (the
/// panel closes, the sentence's document opens with the sentence focused).
fn cell_sentences(
    state: &crate::ui::state::StateHandle,
    view: &AgreementView,
    names: &[String],
    pair: &Pair,
    x: usize,
    y: usize,
) -> Html {
    let cat = |i: usize| view.categories.get(i).cloned().unwrap_or_else(|| format!("#{i}"));
    let (cx, cy) = (u16::try_from(x).unwrap_or(u16::MAX), u16::try_from(y).unwrap_or(u16::MAX));
    let items = view.cell_items(pair.a, pair.b, cx, cy);
    html! {
        <div class="cell-sentences" data-cell-sentences={format!("{x}|{y}")} role="region" aria-live="polite"
            aria-label="The sentences of the chosen cell">
            <p>{ format!("{} said {}, {} said {}: {} sentence(s)", names[pair.a], cat(x), names[pair.b], cat(y), items.len()) }</p>
            if !items.is_empty() {
                { sentence_jumps(state, &items) }
            }
        </div>
    }
}

/// Sentences (document id, index) as a list of buttons, each showing its sentence (the panel
/// closes, the sentence's document opens with the sentence focused).
fn sentence_jumps(state: &crate::ui::state::StateHandle, items: &[(String, usize)]) -> Html {
    let s = &state.session;
    let rows = items.iter().map(|(doc, i)| {
        let Some(d) = s.doc_index(doc) else { return html! {} };
        let text = s.docs()[d].sentence_text(*i).to_owned();
        let shown: String =
            if text.chars().count() > 90 { text.chars().take(89).chain(['…']).collect() } else { text };
        let jump = {
            let (dispatcher, index) = (state.dispatcher(), *i);
            Callback::from(move |_: MouseEvent| {
                dispatcher.dispatch(Action::ToggleAgreement);
                dispatcher.dispatch(Action::OpenDoc(d));
                dispatcher.dispatch(Action::Focus(index));
            })
        };
        html! {
            <li><button type="button" class="plain-button" data-jump={format!("{doc}:{i}")} onclick={jump}
                title="Show this sentence (closes the panel)">{ format!("{}, sentence {}: ", s.docs()[d].title, i + 1) }
                <q>{ shown }</q></button></li>
        }
    });
    html! { <ul>{ for rows }</ul> }
}

/// How many documents the worst-first list shows.
const WORST_SHOWN: usize = 10;

/// The documents the annotators agree on least, first: each with its percent agreement,
/// alpha and sentences compared, a button that opens it (the panel closes).
fn worst_docs(state: &crate::ui::state::StateHandle, docs: &[DocAgreement]) -> Html {
    let s = &state.session;
    let rows = docs.iter().take(WORST_SHOWN).map(|d| {
        let Some(at) = s.doc_index(&d.doc) else { return html! {} };
        let title = s.docs()[at].title.clone();
        let percent = d.percent.value.map_or_else(|| "undefined".to_owned(), readings::percent);
        let alpha = d.alpha.value.map_or_else(|| "undefined".to_owned(), shown);
        let open = {
            let dispatcher = state.dispatcher();
            Callback::from(move |_: MouseEvent| {
                dispatcher.dispatch(Action::ToggleAgreement);
                dispatcher.dispatch(Action::OpenDoc(at));
            })
        };
        html! {
            <li data-worst-doc={d.doc.clone()} data-value={value_attr(&d.percent)} data-alpha={value_attr(&d.alpha)}
                data-n={d.percent.n.to_string()}>
                <button type="button" class="plain-button" onclick={open}
                    title="Open this document (closes the panel)">
                    <span class="worst-title">{ title }</span>
                    <span class="worst-figures">{ format!("{percent} agreement, α {alpha}, n = {}", d.percent.n) }</span>
                </button></li>
        }
    });
    let more = docs.len().saturating_sub(WORST_SHOWN);
    html! {
        <section class="agreement-figure" aria-labelledby="worst-title">
            <h3 id="worst-title">{ "Documents, least agreement first" }</h3>
            <ol class="worst-docs" data-worst-docs="">{ for rows }</ol>
            if more > 0 {
                <p class="note">{ format!("{more} more document(s) agree better.") }</p>
            }
        </section>
    }
}

const BOUNDARY_MEANING: &str = "Sentences of this page that some annotator's own sentence boundaries do not have \
     (they split or joined them): their decisions there cannot be compared, so those sentences lack their rating.";

/// The boundary disagreements as a figure of their own: how many of the page's sentences in
/// scope some rater's boundaries do not have, whose, the decisions left out, and the
/// sentences (each a button that shows it).
fn boundary_table(state: &crate::ui::state::StateHandle, b: &BoundaryDisagreements, items: usize) -> Html {
    let n = b.sentences.len();
    let detail = if n == 0 {
        "every annotator has the page's sentence boundaries".to_owned()
    } else {
        format!(
            "boundaries not shared by {}; {} of their decision(s) on sentences of their own are in no figure",
            b.annotators.join(", "),
            b.left_out
        )
    };
    html! {
        <table class="metrics" data-metrics="boundaries">
            <caption>{ "Sentence boundaries" }</caption>
            <tbody>
                <tr data-metric="boundary_disagreements" data-value={n.to_string()} data-n={items.to_string()}
                    data-annotators={b.annotators.join(",")} data-left-out={b.left_out.to_string()}>
                    <th scope="row" tabindex="0" title={BOUNDARY_MEANING}>{ "Boundary disagreements" }
                        <span class="metric-meaning" role="tooltip">{ BOUNDARY_MEANING }</span></th>
                    <td><span class="metric-value">{ format!("{n} sentence(s)") }</span>
                        <span class="metric-reading">{ detail }</span>
                        if n > 0 {
                            <details class="boundary-sentences" data-boundary-sentences="">
                                <summary>{ "Show them" }</summary>
                                { sentence_jumps(state, &b.sentences) }
                            </details>
                        }</td>
                    <td class="metric-n">{ format!("n = {items}") }</td>
                </tr>
            </tbody>
        </table>
    }
}

/// How many sentences each annotator put in each category, as a table with a stacked bar.
fn distribution_table(names: &[String], categories: &[String], report: &Report) -> Html {
    let labels = categories.len().saturating_sub(1);
    let tag = |i: usize| -> Classes {
        if i < labels {
            classes!("tag", format!("label-{i}"))
        } else {
            classes!("tag", "none-tag")
        }
    };
    let max = report.distribution.iter().map(|d| d.iter().sum::<usize>()).max().unwrap_or(0).max(1);
    const BAR: usize = 120;
    let heads = categories
        .iter()
        .enumerate()
        .map(|(i, c)| html! { <th scope="col"><span class={tag(i)}>{ c.clone() }</span></th> });
    let rows = names.iter().zip(&report.distribution).map(|(name, counts)| {
        let total: usize = counts.iter().sum();
        let mut x = 0;
        let bars = counts.iter().enumerate().filter(|(_, c)| **c > 0).map(|(i, c)| {
            let w = (c * BAR / max).max(1);
            let class = if i < labels { classes!("bar", format!("label-{i}")) } else { classes!("bar", "none-bar") };
            let r = html! { <rect {class} x={x.to_string()} y="2" width={w.to_string()} height="12" /> };
            x += w;
            r
        });
        let cells = counts.iter().map(|c| html! { <td class="num">{ c }</td> });
        html! {
            <tr data-annotator={name.clone()}>
                <th scope="row">{ name.clone() }</th>
                { for cells }
                <td class="num">{ total }</td>
                <td><svg class="dist-bar" width={BAR.to_string()} height="16" viewBox={format!("0 0 {BAR} 16")}
                    aria-hidden="true">{ for bars }</svg></td>
            </tr>
        }
    });
    html! {
        <table class="distribution" data-distribution="">
            <caption class="visually-hidden">{ "Sentences each annotator put in each category" }</caption>
            <thead><tr><th scope="col">{ "Annotator" }</th>{ for heads }<th scope="col">{ "rated" }</th>
                <th scope="col"><span class="visually-hidden">{ "bar" }</span></th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

#[component]
pub fn AgreementPanel() -> Html {
    let state = use_app_state();
    let scope = use_state_eq(|| Scope::Corpus);
    let chosen_pair = use_state_eq(|| None::<String>);
    // A confusion cell chosen: (pair, A's category, B's category); its sentences are listed.
    let chosen_cell = use_state_eq(|| None::<(String, usize, usize)>);
    let region = use_node_ref();
    // Opening the panel takes the keyboard focus there (and scrolls it into view).
    {
        let region = region.clone();
        use_effect_with((), move |_| {
            if let Some(el) = region.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let s = &state.session;
    let open = s.open_doc().cloned();
    let doc = match (*scope, &open) {
        (Scope::Document, Some(d)) => Some(d.id.clone()),
        _ => None,
    };
    let view: Rc<AgreementView> = {
        let key = Key {
            doc: doc.clone(),
            docs: Same(s.corpus().shared().clone()),
            anns: s.docs().iter().map(|d| s.anns().doc(&d.id).cloned().map(Same)).collect(),
            done: Same(s.done().clone()),
            layers: s.layers().iter().map(|(n, l)| (n.to_owned(), Same(l.clone()))).collect(),
            labels: Same(s.labels().clone()),
            multi: s.settings().multi_label,
            own: s.own_name().to_owned(),
        };
        let state = state.clone();
        use_memo(key, move |k| state.session.agreement(k.doc.as_deref()))
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleAgreement))
    };
    let set_scope = |to: Scope| {
        let scope = scope.clone();
        Callback::from(move |_| scope.set(to))
    };
    let names = &view.table.annotators;
    let own = s.own_name().to_owned();
    let items = view.table.rows.len();
    let where_ = match (&doc, &open) {
        (Some(_), Some(d)) => format!("the open document, “{}”", d.title),
        _ => format!("the whole corpus ({} documents)", s.docs().len()),
    };
    // One's own name is marked "(you)"; "you" itself (a page without a name is listed so) is
    // not said twice.
    let you = |n: &String| if *n == own && !n.eq_ignore_ascii_case("you") { format!("{n} (you)") } else { n.clone() };
    let who = names.iter().map(you).collect::<Vec<_>>().join(", ");
    // Who is present but decided nothing here (a curator): no rater, in no figure.
    let mut idle: Vec<String> = std::iter::once(own.clone())
        .chain(s.layers().names().map(str::to_owned))
        .filter(|n| !names.contains(n))
        .collect();
    idle.dedup();
    let idle =
        if idle.is_empty() { String::new() } else { format!(" Not counted, no decision here: {}.", idle.join(", ")) };
    let intro = format!(
        "Over {where_}: {items} sentence(s), {} annotator(s): {who}. A sentence counts for an annotator once \
         they decided it (a label, or none applies).{idle}",
        names.len()
    );
    let too_few = names.len() < 2;
    let label_rows = view.per_label.iter().enumerate().map(|(i, (label, m))| {
        let name =
            html! { <>{ "α for " }<span class={classes!("tag", format!("label-{i}"))}>{ label.clone() }</span></> };
        metric_row(
            name,
            Figure::AlphaPerLabel,
            Some(("label", label.clone())),
            m,
            "no sentence rated by two annotators",
            None,
        )
    });
    let per_label = html! {
        <table class="metrics" data-metrics="per-label">
            <caption>{ "Krippendorff's α per label (each rating: that label or not)" }</caption>
            <tbody>{ for label_rows }</tbody>
        </table>
    };
    let body = match &view.report {
        None => html! {
            <>
                <p class="note" data-agreement-note="multi-label">
                    { "Several labels per sentence are allowed (see Settings), so only the per-label figures are \
                       defined: α, Fleiss' κ, Cohen's κ and percent agreement need one category per sentence." }
                </p>
                { boundary_table(&state, &view.boundaries, items) }
                { per_label }
            </>
        },
        Some(r) => {
            let pair_rows = r.pairs.iter().map(|p| {
                let name = html! { { format!("Cohen's κ, {} and {}", names[p.a], names[p.b]) } };
                metric_row(
                    name,
                    Figure::Cohen,
                    Some(("pair", p.key.clone())),
                    &p.kappa,
                    "no sentence rated by both",
                    None,
                )
            });
            let selected =
                chosen_pair.as_ref().and_then(|k| r.pairs.iter().find(|p| &p.key == k)).or_else(|| r.pairs.first());
            let on_pair = {
                let chosen_pair = chosen_pair.clone();
                Callback::from(move |e: Event| {
                    let select: HtmlSelectElement = e.target_unchecked_into();
                    chosen_pair.set(Some(select.value()));
                })
            };
            let on_cell = {
                let (chosen_cell, key) = (chosen_cell.clone(), selected.map(|p| p.key.clone()).unwrap_or_default());
                Callback::from(move |(x, y): (usize, usize)| chosen_cell.set(Some((key.clone(), x, y))))
            };
            let cell_list = selected.and_then(|p| {
                let (_, x, y) = chosen_cell.as_ref().filter(|(k, _, _)| *k == p.key)?.clone();
                Some(cell_sentences(&state, &view, names, p, x, y))
            });
            let options = r.pairs.iter().map(|p| {
                let is = selected.is_some_and(|q| q.key == p.key);
                html! { <option value={p.key.clone()} selected={is}>{ format!("{} × {}", names[p.a], names[p.b]) }</option> }
            });
            html! {
                <div class="agreement-body">
                    <div class="agreement-numbers">
                        <table class="metrics" data-metrics="overall">
                            <caption>{ "All annotators" }</caption>
                            <tbody>
                                { metric_row(html! { "Krippendorff's α (nominal)" }, Figure::Alpha, None, &r.alpha,
                                    "no sentence rated by two annotators", view.alpha_interval.as_ref()) }
                                { metric_row(html! { "Fleiss' κ (sentences every annotator rated)" }, Figure::Fleiss, None,
                                    &r.fleiss_kappa, "no sentence rated by every annotator", None) }
                                { metric_row(html! { "Percent agreement" }, Figure::Percent, None, &r.percent_agreement,
                                    "no sentence rated by two annotators", None) }
                            </tbody>
                        </table>
                        { boundary_table(&state, &view.boundaries, items) }
                        if !r.pairs.is_empty() {
                            <table class="metrics" data-metrics="pairs">
                                <caption>{ "Each pair (sentences both rated)" }</caption>
                                <tbody>{ for pair_rows }</tbody>
                            </table>
                        }
                        { per_label }
                    </div>
                    <div class="agreement-figures">
                        if doc.is_none() && !view.by_doc.is_empty() {
                            { worst_docs(&state, &view.by_doc) }
                        }
                        if !r.pairs.is_empty() {
                            <section class="agreement-figure" aria-labelledby="pairwise-title">
                                <h3 id="pairwise-title">{ "Cohen's κ between annotators" }</h3>
                                <div class="matrix-box">{ pair_matrix(names, &r.pairs) }</div>
                                { kappa_legend() }
                            </section>
                            <section class="agreement-figure" aria-labelledby="confusion-title">
                                <h3 id="confusion-title">{ "Confusion matrix" }</h3>
                                <label class="pair-choice">{ "Pair: " }
                                    <select data-action="confusion-pair" onchange={on_pair}>{ for options }</select>
                                </label>
                                if let Some(p) = selected {
                                    <p class="matrix-axes">{ format!("Rows: {} · columns: {} · {} sentence(s) both rated",
                                        names[p.a], names[p.b], p.kappa.n) }</p>
                                    <div class="matrix-box">{ confusion_matrix(names, &view.categories, p, on_cell) }</div>
                                    { for cell_list }
                                }
                            </section>
                        }
                        <section class="agreement-figure" aria-labelledby="distribution-title">
                            <h3 id="distribution-title">{ "Categories per annotator" }</h3>
                            <div class="matrix-box">{ distribution_table(names, &view.categories, r) }</div>
                        </section>
                    </div>
                </div>
            }
        }
    };
    let pressed = |to: Scope| (*scope == to).to_string();
    html! {
        <section class="agreement" data-panel="agreement" role="region" aria-labelledby="agreement-title"
            tabindex="-1" ref={region}>
            <header class="agreement-head">
                <h2 id="agreement-title">{ "Agreement" }</h2>
                <div class="scope" role="group" aria-label="Compute over">
                    <button type="button" data-scope="corpus" aria-pressed={pressed(Scope::Corpus)}
                        onclick={set_scope(Scope::Corpus)}>{ "Whole corpus" }</button>
                    <button type="button" data-scope="document" aria-pressed={pressed(Scope::Document)}
                        disabled={open.is_none()} onclick={set_scope(Scope::Document)}>{ "Open document" }</button>
                </div>
                <button type="button" class="agreement-close" data-action="agreement-close" onclick={close}
                    aria-keyshortcuts="Escape">{ "Close (Esc)" }</button>
            </header>
            <p class="agreement-intro">{ intro }</p>
            if too_few {
                <p class="note" data-agreement-note="one-annotator">
                    { "Agreement needs at least two annotators: import your colleagues' exports (Import files…) \
                       and their labels appear here beside yours." }
                </p>
            }
            { body }
        </section>
    }
}
