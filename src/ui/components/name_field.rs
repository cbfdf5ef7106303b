//! The annotator's name, in the toolbar where the person sees it: every label the page
//! records is this person's, and exports carry the name in the file, on every line and in the
//! file's name (docs/FORMAT.md §7). A fresh page shows the name it generated
//! (`annotator-7f3a`), so nobody works nameless without knowing; typing another renames
//! the page. An empty name is refused: the field shows the name kept.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_panel_state;
use crate::ui::state::Action;

#[component]
pub fn NameField() -> Html {
    let state = use_panel_state();
    let name = state.session.annotator().to_owned();
    let on_change = {
        let dispatcher = state.dispatcher();
        let name = name.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let typed = input.value().trim().to_owned();
            if typed.is_empty() {
                input.set_value(&name);
            } else {
                dispatcher.dispatch(Action::SetAnnotator(typed));
            }
        })
    };
    html! {
        <label class="name-field" title="Your annotator name: every label you make is recorded under it, and \
            your exports carry it (also in their file names). Type another to rename.">
            <span class="name-label">{ "Annotator" }</span>
            <input id="annotator" type="text" data-setting="annotator" value={name} onchange={on_change}
                autocomplete="off" spellcheck="false" size="14" />
        </label>
    }
}
