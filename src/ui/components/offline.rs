//! The side panel's "Offline use and storage" section (SPEC §8): registers the service worker
//! and asks for persistent storage once the page has loaded, then says what the browser
//! granted. Its own state: nothing else re-renders when the answers arrive.

use yew::prelude::*;

use crate::core::offline::{deletes_after_seven_days, OfflineStatus, PersistStatus};
use crate::platform::offline;
use crate::ui::words;

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
