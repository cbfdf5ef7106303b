//! The annotators present: one's own work and every colleague's read-only layer, with how
//! many sentences each decided, and a button to remove a layer (undoable from its message).

use std::rc::Rc;

use yew::prelude::*;

use super::Same;
use annotator_core::document::Document;
use annotator_core::layers::Layers;

#[derive(Properties, PartialEq)]
pub struct TeamProps {
    /// Compared by pointer per annotator (copy on write): a key press redraws nothing here.
    pub layers: Layers,
    pub docs: Same<Vec<Rc<Document>>>,
    pub own_name: AttrValue,
    /// Sentences the person decided.
    pub own: usize,
    pub on_remove: Callback<String>,
}

#[component]
pub fn Team(p: &TeamProps) -> Html {
    if p.layers.is_empty() {
        return html! {};
    }
    let (s, own) = (&p.layers, p.own);
    let layers = s.iter().map(|(name, layer)| {
        let decided: usize = p
            .docs
            .0
            .iter()
            .filter_map(|d| layer.get(&d.id).map(|l| (d, l)))
            .map(|(d, l)| l.decided_count(d.sentences.len()))
            .sum();
        let remove = {
            let cb = p.on_remove.clone();
            let name = name.to_owned();
            Callback::from(move |_| cb.emit(name.clone()))
        };
        html! {
            <li data-layer={name.to_owned()}>
                <span>{ format!("{name}: {decided} decided (read-only)") }</span>
                { " " }
                <button type="button" class="plain-button" data-action="remove-layer" onclick={remove}
                    aria-label={format!("Remove {name}'s annotations")}>{ "Remove" }</button>
            </li>
        }
    });
    html! {
        <section data-panel="team" aria-labelledby="team-title">
            <h2 id="team-title">{ "Annotators" }</h2>
            <ul>
                <li data-layer-own="">{ format!("{} (you): {own} decided", p.own_name) }</li>
                { for layers }
            </ul>
        </section>
    }
}
