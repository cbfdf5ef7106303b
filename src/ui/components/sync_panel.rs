//! The team sync's settings (docs/FORMAT.md §4, Team sync): the database URL, a password to log
//! in with (as the annotator; sent once to CouchDB's `_session`, never stored, the field
//! emptied), start, stop and log out (both end the server's session), and the status with
//! its error in words. Its own component: the rest of the side panel does not re-render when
//! the status moves.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_panel_state;
use crate::ui::state::Action;
use crate::ui::sync::{self as team_sync, SyncHandle};
use crate::view::words;

#[component]
pub fn SyncPanel() -> Html {
    let state = use_panel_state();
    let Some(SyncHandle(driver)) = use_context::<SyncHandle>() else { return html! {} };
    let url_field = use_node_ref();
    let password_field = use_node_ref();
    let settings = state.session.settings().clone();
    let on_url = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut settings = state.session.settings().clone();
            settings.sync_url = input.value().trim().to_owned();
            state.dispatch(Action::SetSettings(settings));
        })
    };
    let on_start = {
        let state = state.clone();
        let driver = driver.clone();
        let (url_field, password_field) = (url_field.clone(), password_field.clone());
        Callback::from(move |_: MouseEvent| {
            let url = url_field.cast::<HtmlInputElement>().map(|i| i.value().trim().to_owned()).unwrap_or_default();
            let password = password_field.cast::<HtmlInputElement>().map(|i| {
                let pw = i.value();
                i.set_value("");
                pw
            });
            let mut settings = state.session.settings().clone();
            settings.sync_url = url.clone();
            settings.sync_on = true;
            state.dispatch(Action::SetSettings(settings));
            team_sync::start(&driver, &state.session, &url, password);
        })
    };
    // Stop sync and Log out both stop the sync and end the session on the server: the
    // browser's cookie then logs nobody in, and the next start needs the password.
    let on_stop = {
        let state = state.clone();
        let url_field = url_field.clone();
        Callback::from(move |_: MouseEvent| {
            let url = url_field.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let mut settings = state.session.settings().clone();
            settings.sync_on = false;
            state.dispatch(Action::SetSettings(settings));
            team_sync::stop(&driver, &url);
        })
    };
    let status = state.sync_status.name();
    let who = state.session.annotator().trim().to_owned();
    let password_label = if who.is_empty() { "Password".to_owned() } else { format!("Password of {who} (not stored)") };
    html! {
        <section aria-labelledby="sync-title" data-panel="sync">
            <h2 id="sync-title">{ "Team sync" }</h2>
            <label for="sync-url">{ "Team database URL" }</label>
            <input id="sync-url" type="text" data-setting="sync-url" placeholder="couchdb/team" ref={url_field}
                value={settings.sync_url.clone()} onchange={on_url} spellcheck="false" autocomplete="off" />
            <label for="sync-password">{ password_label }</label>
            <input id="sync-password" type="password" data-setting="sync-password" ref={password_field}
                autocomplete="current-password" />
            <div class="sync-buttons">
                <button type="button" data-action="sync-start" onclick={on_start}>{ "Start sync" }</button>
                { " " }
                <button type="button" data-action="sync-stop" onclick={on_stop.clone()}>{ "Stop sync" }</button>
                { " " }
                <button type="button" data-action="sync-logout" onclick={on_stop}
                    title="Ends your session on the team database: starting again asks for the password">
                    { "Log out" }
                </button>
            </div>
            <p>{ "Status: " }<span data-sync-status={status}>{ status }</span></p>
            if let Some(pull) = state.sync_pull {
                <p class="sync-pull" data-sync-pulled={pull.pulled.to_string()} role="status">
                    { words::catching_up(pull.pulled, pull.waiting) }
                </p>
            }
            if let Some(message) = &state.sync_message {
                <p class="sync-message" data-sync-message="" role="alert">{ message.clone() }</p>
            }
        </section>
    }
}
