//! Label distribution as an SVG bar chart drawn by the app (per document and overall).
//! Colours come from CSS classes (the CSP allows no inline style); bars carry text too.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// Label names in set order.
    pub labels: Vec<String>,
    /// The CSS class of each column's bars (`label-0`, …, `none`).
    pub classes: Vec<String>,
    /// Rows: (caption, count per label).
    pub rows: Vec<(String, Vec<usize>)>,
}

const BAR_W: usize = 160;
const ROW_H: usize = 18;
const CAPTION_W: usize = 90;

#[component]
pub fn LabelChart(p: &ChartProps) -> Html {
    let max = p.rows.iter().map(|(_, c)| c.iter().sum::<usize>()).max().unwrap_or(0).max(1);
    let height = p.rows.len() * ROW_H + ROW_H;
    let rows = p.rows.iter().enumerate().map(|(r, (caption, counts))| {
        let y = r * ROW_H;
        let mut x = CAPTION_W;
        let total: usize = counts.iter().sum();
        let bars = counts.iter().enumerate().filter(|(_, c)| **c > 0).map(|(i, c)| {
            let w = (c * BAR_W / max).max(2);
            let bar = html! {
                <rect class={format!("bar {}", p.classes.get(i).map_or("", String::as_str))} x={x.to_string()} y={(y + 3).to_string()}
                    width={w.to_string()} height={(ROW_H - 6).to_string()}>
                    <title>{ format!("{caption}: {} {c}", p.labels.get(i).cloned().unwrap_or_default()) }</title>
                </rect>
            };
            x += w;
            bar
        });
        // Cut for display only (the whole title in the tooltip and the summary).
        let short = crate::view::words::short(caption, 14);
        html! {
            <g>
                <text x="0" y={(y + ROW_H - 5).to_string()} class="caption">{ short }<title>{ caption.clone() }</title></text>
                { for bars }
                <text x={(x + 4).to_string()} y={(y + ROW_H - 5).to_string()} class="caption">{ total }</text>
            </g>
        }
    });
    let legend = p.labels.iter().enumerate().map(|(i, l)| {
        let x = i * 80;
        html! {
            <g>
                <rect class={format!("bar {}", p.classes.get(i).map_or("", String::as_str))} x={x.to_string()} y={(height - 12).to_string()} width="10" height="10" />
                <text x={(x + 14).to_string()} y={(height - 3).to_string()} class="caption">{ l.clone() }</text>
            </g>
        }
    });
    let summary = p
        .rows
        .iter()
        .map(|(c, counts)| {
            let parts: Vec<String> = p.labels.iter().zip(counts).map(|(l, n)| format!("{l} {n}")).collect();
            format!("{c}: {}", parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <svg data-chart="labels" role="img" aria-label={format!("Label distribution. {summary}")}
            viewBox={format!("0 0 {} {height}", CAPTION_W + BAR_W + 40)} class="chart">
            { for rows }
            { for legend }
        </svg>
    }
}
