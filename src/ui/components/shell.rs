//! The page's layout under the App's contexts. The App owns the state and re-renders with
//! every change; the layout reads the panels' copy (`PanelState`), so a key press whose
//! panels follow one paint behind does not walk the layout at all: only the components that
//! read the latest state (the article's rows, the label bar, undo and redo) render in the
//! key's frame. The screen reader's line follows with the panels. The messages are the
//! dock's, at the bottom of the article (`dock.rs`).

use yew::prelude::*;

use super::agreement::AgreementPanel;
use super::article_view::ArticleView;
use super::doc_list::DocList;
use super::help::HelpDialog;
use super::import_intent::ImportIntentDialog;
use super::labels_editor::LabelsEditor;
use super::side_panel::SidePanel;
use super::toolbar::Toolbar;
use super::{use_panel_state, Same};
use crate::ui::state::{Action, Dialog, Drawer};

#[component]
pub fn Shell() -> Html {
    let panels = use_panel_state();
    let on_open = {
        let dispatcher = panels.dispatcher();
        use_callback((), move |i: usize, _| dispatcher.dispatch(Action::OpenDoc(i)))
    };
    let close_drawer = {
        let dispatcher = panels.dispatcher();
        use_callback((), move |_: MouseEvent, _| dispatcher.dispatch(Action::ToggleDrawer(None)))
    };
    let body = if !panels.loaded && !panels.preview {
        html! { <p class="loading" role="status">{ "Loading the corpus…" }</p> }
    } else {
        let s = &panels.session;
        // The open article shown first (State::preview): visible, inert until the rest is read.
        html! {
            <>
            if panels.preview {
                <p class="loading preview" role="status" data-loading="">{ "Loading the stored articles…" }</p>
            }
            <div inert={panels.preview} aria-busy={panels.preview.then_some("true")}
                class={classes!("layout", match panels.drawer {
                    Some(Drawer::Docs) => Some("show-docs"),
                    Some(Drawer::Side) => Some("show-side"),
                    None => None,
                }, panels.agreement_open.then_some("show-agreement"))}>
                if panels.drawer.is_some() {
                    <div class="drawer-backdrop" aria-hidden="true" onclick={close_drawer}></div>
                }
                if panels.agreement_open {
                    <AgreementPanel />
                }
                <DocList docs={Same(s.corpus().shared().clone())} anns={s.anns().clone()}
                    done={Same(s.done().clone())} open={s.open_index()} {on_open} />
                <ArticleView />
                <SidePanel />
            </div>
            </>
        }
    };
    html! {
        <>
            <a class="skip-link" href="#article">{ "Skip to the article" }</a>
            // Inert with the article while the open article is shown first (State::preview).
            <div class="contents" inert={panels.preview}><Toolbar /></div>
            { body }
            // The screen reader's line: what the last key did. It follows with the panels, in
            // the frame after the key's (measured: a text change in this live region cost
            // the key press 0.1 ms, about a tenth of its handling).
            <div class="visually-hidden" aria-live="polite" role="status" data-announce="">
                { panels.announce.clone() }
            </div>
            if panels.dialog == Some(Dialog::Help) {
                <HelpDialog />
            }
            if panels.dialog == Some(Dialog::Labels) {
                <LabelsEditor />
            }
            if panels.dialog == Some(Dialog::ImportIntent) {
                <ImportIntentDialog />
            }
            if panels.dragging {
                <div class="drop-zone" aria-hidden="true"><p>{ "Drop articles or annotation exports to import them" }</p></div>
            }
        </>
    }
}
