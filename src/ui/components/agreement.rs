//! The agreement panel (SPEC §7): a team needs to see how far its annotators agree before
//! their labels can be trusted or adjudicated, so this shows the core's figures over every
//! annotator present (own work and imported layers), for the corpus or the open document:
//! Krippendorff's alpha, Fleiss' kappa, percent agreement, Cohen's kappa per pair, alpha per
//! label, each with the items it used and "undefined" in words where it is; then a pairwise
//! kappa matrix, a confusion matrix per pair and each annotator's categories, drawn by the
//! app as SVG coloured through CSS classes (the CSP allows no inline style).
//!
//! Cost: the panel exists only while open, and computes the figures once per change of what
//! they depend on: the memo key holds the shared maps (annotations per document, layers, done
//! marks, documents, labels) compared by pointer, so a focus move recomputes nothing while a
//! label changed by a key press recomputes at once.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{use_app_state, Same};
use crate::core::agreement::{Measure, Pair, Report};
use crate::core::annotations::DocAnnotations;
use crate::core::document::Document;
use crate::core::labels::LabelSet;
use crate::core::layers::Layer;
use crate::core::session::AgreementView;
use crate::ui::state::Action;

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

/// One figure as a row: `data-metric`, `data-value`, `data-n` (plus a pair or label hook).
fn metric_row(name: Html, metric: &str, hook: Option<(&str, String)>, m: &Measure, no_items: &str) -> Html {
    let (pair, label) = match hook {
        Some(("pair", v)) => (Some(v), None),
        Some((_, v)) => (None, Some(v)),
        None => (None, None),
    };
    let value = match m.value {
        Some(v) => html! { <span class="metric-value">{ shown(v) }</span> },
        None => html! { <span class="metric-value undefined">{ why_undefined(m, no_items) }</span> },
    };
    html! {
        <tr data-metric={metric.to_owned()} data-pair={pair} data-label={label} data-value={value_attr(m)}
            data-n={m.n.to_string()}>
            <th scope="row">{ name }</th>
            <td>{ value }</td>
            <td class="metric-n">{ format!("n = {}", m.n) }</td>
        </tr>
    }
}

/// A name cut to `max` characters for a matrix heading (the full name is in its title).
fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// The colour class of a kappa (or alpha) value: bands of 0.2, negative and undefined apart.
fn kappa_class(v: Option<f64>) -> &'static str {
    match v {
        None => "heat-na",
        Some(v) if v < 0.0 => "heat-neg",
        Some(v) if v < 0.2 => "heat-1",
        Some(v) if v < 0.4 => "heat-2",
        Some(v) if v < 0.6 => "heat-3",
        Some(v) if v < 0.8 => "heat-4",
        Some(_) => "heat-5",
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
            html! {
                <g>
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
        <svg class="matrix" data-matrix={hook.to_owned()} role="img" aria-label={label}
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
    matrix_svg("pairwise", label, names, names, |r, c| {
        if r == c {
            return ("diag-self".to_owned(), "—".to_owned(), format!("{}: themself", names[r]));
        }
        match find(r, c) {
            Some(p) => {
                let v = p.kappa.value;
                let text = v.map_or_else(|| "undef.".to_owned(), shown);
                let tip = format!("{} and {}: Cohen's kappa {text} over {} sentence(s)", names[r], names[c], p.kappa.n);
                (kappa_class(v).to_owned(), text, tip)
            }
            None => ("heat-na".to_owned(), String::new(), String::new()),
        }
    })
}

/// One pair's confusion matrix: rows are A's categories, columns B's.
fn confusion_matrix(names: &[String], categories: &[String], pair: &Pair) -> Html {
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
    matrix_svg("confusion", label, &cats, &cats, |x, y| {
        let n = pair.confusion.get(x).and_then(|r| r.get(y)).copied().unwrap_or(0);
        let class = format!("{}{}", count_class(n, max), if x == y { " diag" } else { "" });
        let tip = format!("{a} said {}, {b} said {}: {n} sentence(s)", cats[x], cats[y]);
        (class, n.to_string(), tip)
    })
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
    let who =
        names.iter().map(|n| if *n == own { format!("{n} (you)") } else { n.clone() }).collect::<Vec<_>>().join(", ");
    let intro = format!(
        "Over {where_}: {items} sentence(s), {} annotator(s): {who}. A sentence counts for an annotator once \
         they decided it (a label, or none applies).",
        names.len()
    );
    let too_few = names.len() < 2;
    let label_rows = view.per_label.iter().enumerate().map(|(i, (label, m))| {
        let name =
            html! { <>{ "α for " }<span class={classes!("tag", format!("label-{i}"))}>{ label.clone() }</span></> };
        metric_row(name, "krippendorff_alpha", Some(("label", label.clone())), m, "no sentence rated by two annotators")
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
                { per_label }
            </>
        },
        Some(r) => {
            let pair_rows = r.pairs.iter().map(|p| {
                let name = html! { { format!("Cohen's κ, {} and {}", names[p.a], names[p.b]) } };
                metric_row(name, "cohen_kappa", Some(("pair", p.key.clone())), &p.kappa, "no sentence rated by both")
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
                                { metric_row(html! { "Krippendorff's α (nominal)" }, "krippendorff_alpha", None, &r.alpha,
                                    "no sentence rated by two annotators") }
                                { metric_row(html! { "Fleiss' κ (sentences every annotator rated)" }, "fleiss_kappa", None,
                                    &r.fleiss_kappa, "no sentence rated by every annotator") }
                                { metric_row(html! { "Percent agreement" }, "percent_agreement", None, &r.percent_agreement,
                                    "no sentence rated by two annotators") }
                            </tbody>
                        </table>
                        if !r.pairs.is_empty() {
                            <table class="metrics" data-metrics="pairs">
                                <caption>{ "Each pair (sentences both rated)" }</caption>
                                <tbody>{ for pair_rows }</tbody>
                            </table>
                        }
                        { per_label }
                    </div>
                    <div class="agreement-figures">
                        if !r.pairs.is_empty() {
                            <section class="agreement-figure" aria-labelledby="pairwise-title">
                                <h3 id="pairwise-title">{ "Cohen's κ between annotators" }</h3>
                                <div class="matrix-box">{ pair_matrix(names, &r.pairs) }</div>
                                <p class="matrix-axes">{ "Darker: higher κ; red: below chance; grey: undefined." }</p>
                            </section>
                            <section class="agreement-figure" aria-labelledby="confusion-title">
                                <h3 id="confusion-title">{ "Confusion matrix" }</h3>
                                <label class="pair-choice">{ "Pair: " }
                                    <select data-action="confusion-pair" onchange={on_pair}>{ for options }</select>
                                </label>
                                if let Some(p) = selected {
                                    <p class="matrix-axes">{ format!("Rows: {} · columns: {} · {} sentence(s) both rated",
                                        names[p.a], names[p.b], p.kappa.n) }</p>
                                    <div class="matrix-box">{ confusion_matrix(names, &view.categories, p) }</div>
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
                <button type="button" class="agreement-close" data-action="agreement-close" onclick={close}>
                    { "Close" }
                </button>
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
