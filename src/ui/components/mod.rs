//! One component per file. Rows get small props; panels read the shared state context.

pub mod agreement;
pub mod article_head;
pub mod article_view;
pub mod chart;
pub mod current_row;
pub mod doc_list;
pub mod dock;
pub mod help;
pub mod import_intent;
pub mod label_buttons;
pub mod labels_editor;
pub mod messages;
pub mod name_field;
pub mod offline;
pub mod overview;
pub mod paragraph;
pub mod review_box;
pub mod scroll_window;
pub mod sentence;
pub mod shell;
pub mod side_panel;
pub mod suggest_panel;
pub mod sync_panel;
pub mod team;
pub mod toolbar;

use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, State, StateHandle};

/// Shared data compared by identity: the domain copies on write, so a new pointer means a
/// change. Props built from these compare in O(1), and a memoised component skips renders
/// that do not concern it (a focus move does not redraw the document list).
pub struct Same<T>(pub Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The shared state; the App provides it around every component.
#[hook]
pub fn use_app_state() -> StateHandle {
    use_context::<StateHandle>().unwrap_or_else(|| unreachable!("App provides the state context"))
}

/// The state as the side panel and the document list show it: a copy that follows the page
/// one paint behind a key press (`State::quick`; the App makes the copy and brings it up to
/// date after the frame). A state handle would not do: it always reads the latest state.
#[derive(Clone)]
pub struct PanelState {
    state: Rc<State>,
    dispatcher: UseReducerDispatcher<State>,
}

impl PanelState {
    pub fn of(handle: &StateHandle) -> PanelState {
        PanelState { state: Rc::new((**handle).clone()), dispatcher: handle.dispatcher() }
    }

    pub fn dispatch(&self, action: Action) {
        self.dispatcher.dispatch(action)
    }

    pub fn dispatcher(&self) -> UseReducerDispatcher<State> {
        self.dispatcher.clone()
    }
}

impl Deref for PanelState {
    type Target = State;

    fn deref(&self) -> &State {
        &self.state
    }
}

impl PartialEq for PanelState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

/// The panels' copy of the state (see `PanelState`); the App provides it.
#[hook]
pub fn use_panel_state() -> PanelState {
    use_context::<PanelState>().unwrap_or_else(|| unreachable!("App provides the panels' state context"))
}

/// The state handle for callbacks that must see the latest state (an export clicked just
/// after a key press), in a component that renders from the panels' copy. As a context it
/// never changes (its handle reads the latest state when used), so it re-renders nothing.
#[derive(Clone)]
pub struct Latest(pub StateHandle);

impl PartialEq for Latest {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The latest state's handle, for callbacks (see `Latest`).
#[hook]
pub fn use_latest() -> StateHandle {
    use_context::<Latest>().map(|l| l.0).unwrap_or_else(|| unreachable!("App provides the latest state's handle"))
}
