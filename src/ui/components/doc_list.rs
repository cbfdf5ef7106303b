//! The list of documents with their progress.

use yew::prelude::*;

use super::use_app_state;
use crate::ui::state::Action;

#[component]
pub fn DocList() -> Html {
    let state = use_app_state();
    let s = &state.session;
    let (done, total) = s.corpus_progress();
    let percent = if total == 0 { 0 } else { done * 100 / total };
    let items = s.docs.iter().enumerate().map(|(i, d)| {
        let labelled = s.anns.labelled_count(&d.id);
        let n = d.sentences.len();
        let current = i == s.open;
        let onclick = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::OpenDoc(i)))
        };
        let complete = n > 0 && labelled == n;
        html! {
            <li key={d.id.clone()}>
                <button type="button" class={classes!("doc", current.then_some("current"), complete.then_some("complete"))}
                    data-doc={d.id.clone()} data-progress={format!("{labelled}/{n}")}
                    aria-current={current.then_some("page")} {onclick}>
                    <span class="doc-title">{ d.title.clone() }</span>
                    <span class="doc-meta">
                        if let Some(date) = &d.date { <span>{ date.clone() }</span> }
                        <span class="doc-progress">{ format!("{labelled} / {n} tagged") }</span>
                    </span>
                    <progress max={n.to_string()} value={labelled.to_string()} aria-hidden="true"></progress>
                </button>
            </li>
        }
    });
    html! {
        <nav class="doc-list" aria-label="Documents">
            <h2>{ "Documents" }</h2>
            <p class="corpus-progress" data-stat="progress">
                { format!("Corpus: {done} / {total} sentences tagged ({percent}%)") }
            </p>
            <ul>{ for items }</ul>
            if s.docs.is_empty() {
                <p>{ "No documents. Import articles with the file picker, drag and drop, or paste." }</p>
            }
        </nav>
    }
}
