//! One component per file. Rows get small props; panels read the shared state context.

pub mod article_view;
pub mod chart;
pub mod doc_list;
pub mod help;
pub mod label_buttons;
pub mod messages;
pub mod sentence;
pub mod side_panel;
pub mod toolbar;

use yew::prelude::*;

use super::state::StateHandle;

/// The shared state; the App provides it around every component.
#[hook]
pub fn use_app_state() -> StateHandle {
    use_context::<StateHandle>().unwrap_or_else(|| unreachable!("App provides the state context"))
}
