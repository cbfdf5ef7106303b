//! The side panel's "Offline use and storage" section (docs/FORMAT.md §4): registers the
//! service worker and asks for persistent storage once the page has loaded and again when a
//! corpus is imported, then says what the browser granted. Its own state: nothing else re-renders when the answers arrive.

use yew::prelude::*;

use super::use_panel_state;
use crate::platform::offline;
use crate::view::words;
use annotator_core::offline::{deletes_after_seven_days, OfflineStatus, PersistStatus};

#[component]
pub fn OfflinePanel() -> Html {
    let worker = use_state_eq(|| OfflineStatus::Starting);
    let persist = use_state_eq(|| PersistStatus::Asking);
    let seven_days = use_memo((), |_| deletes_after_seven_days(&offline::user_agent()));
    {
        let worker = worker.clone();
        let persist = persist.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                persist.set(offline::persist(true).await);
            });
            wasm_bindgen_futures::spawn_local(async move {
                worker.set(offline::register().await);
            });
        });
    }
    // A corpus imported is worth keeping: the browser is asked again (it may grant it now).
    let imported = use_panel_state().session.corpus().imported().len();
    let imported_before = use_mut_ref(|| imported);
    {
        let persist = persist.clone();
        use_effect_with(imported, move |n| {
            let grew = *n > *imported_before.borrow();
            *imported_before.borrow_mut() = *n;
            if grew && *persist != PersistStatus::Granted {
                let persist = persist.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    persist.set(offline::persist(true).await);
                });
            }
        });
    }
    let ask_again = {
        let persist = persist.clone();
        Callback::from(move |_| {
            let persist = persist.clone();
            wasm_bindgen_futures::spawn_local(async move {
                persist.set(offline::persist(true).await);
            });
        })
    };
    html! {
        <section data-panel="offline" aria-labelledby="offline-title">
            <h2 id="offline-title">{ "Offline use and storage" }</h2>
            <p data-offline={worker.hook()}>{ words::offline_status(&worker) }</p>
            <p data-storage-persist={persist.hook()}>{ words::persist_status(&persist) }
                if *persist == PersistStatus::Denied {
                    { " " }<button type="button" class="plain-button" data-action="persist-storage"
                        onclick={ask_again}>{ "Ask again" }</button>
                }
            </p>
            if *seven_days {
                <p data-safari-notice="" class="notice">{ words::SEVEN_DAYS }</p>
            }
        </section>
    }
}
