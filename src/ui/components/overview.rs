//! The overview: label distribution (chart), pace and the storage meters (localStorage, and
//! IndexedDB as the browser estimates it). Memoised by
//! small props (shared data compared by pointer), so moving the focus does not recount it.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::chart::LabelChart;
use super::Same;
use crate::platform::clock::now_ms;
use crate::ui::persist::{Estimate, Meter};
use crate::view::tally::TallyCache;
use crate::view::words;
use annotator_core::annotations::AnnotationStore;
use annotator_core::document::Document;
use annotator_core::labels::LabelSet;
use annotator_core::session::SessionStats;

/// localStorage quota of Chromium per origin, in bytes (Firefox: about the same).
const STORAGE_CAPACITY: u64 = 10 * 1024 * 1024;

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub docs: Same<Vec<Rc<Document>>>,
    pub anns: AnnotationStore,
    pub open: usize,
    pub labels: Rc<LabelSet>,
    pub stats: SessionStats,
    /// Documents marked done: their undecided sentences count as "none".
    pub done: Same<BTreeSet<String>>,
}

#[component]
pub fn Overview(p: &OverviewProps) -> Html {
    let tally = use_mut_ref(TallyCache::default);
    let docs = &p.docs.0;
    // Per label, then "none" (a done document's undecided sentences included).
    let counts = |d: &Rc<Document>| tally.borrow_mut().doc(&p.anns, &p.labels, d, &p.done.0);
    // Ten documents in list order around the open one (a large corpus would not fit), named
    // by title.
    let start = p.open.saturating_sub(4).min(docs.len().saturating_sub(10));
    let mut rows: Vec<(String, Vec<usize>)> =
        docs.iter().skip(start).take(10).map(|d| (d.title.clone(), counts(d))).collect();
    rows.push(("All".into(), tally.borrow_mut().corpus(&p.anns, &p.labels, docs, &p.done.0)));
    let mut labels = p.labels.names();
    labels.push("none".to_owned());
    let classes: Vec<String> = (0..labels.len() - 1).map(|i| format!("label-{i}")).chain(["none".to_owned()]).collect();
    let decisions = p.stats.decisions;
    let pace = match p.stats.per_hour(now_ms()) {
        Some(rate) => format!("{rate} decisions/hour this session ({decisions} so far)"),
        None if decisions == 1 => "1 decision this session".to_owned(),
        None => format!("{decisions} decisions this session"),
    };
    let meter = use_context::<Meter>().unwrap_or_default();
    let used = meter.used as u64;
    let percent = (used * 100 / STORAGE_CAPACITY).min(100);
    let estimate = use_context::<Estimate>().unwrap_or_default().0;
    let idb_percent = estimate.filter(|(_, q)| *q > 0).map(|(u, q)| (u.saturating_mul(100) / q).min(100)).unwrap_or(0);
    let (idb_used, idb_quota) = estimate.map(|(u, q)| (u.to_string(), q.to_string())).unwrap_or_default();
    html! {
        <section aria-labelledby="overview-title">
            <h2 id="overview-title">{ "Overview" }</h2>
            <LabelChart {labels} {classes} {rows} />
            <p data-stat="pace">{ pace }</p>
            <div data-meter="storage" class="meter">
                <label for="storage-meter">{ words::local_meter(used, STORAGE_CAPACITY) }</label>
                <meter id="storage-meter" min="0" max="100" low="70" high="90" optimum="0" value={percent.to_string()}></meter>
            </div>
            <div data-meter="indexeddb" class="meter" data-used={idb_used} data-quota={idb_quota}>
                <label for="idb-meter">{ words::idb_meter(estimate) }</label>
                <meter id="idb-meter" min="0" max="100" low="70" high="90" optimum="0" value={idb_percent.to_string()}></meter>
            </div>
        </section>
    }
}
