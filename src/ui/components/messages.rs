//! Messages: results of imports and exports, errors (always in words, naming the file).
//! One region, the first line of the dock at the bottom of the article (`dock.rs`), so a
//! message is where the person is looking and never covers the focused sentence or an open
//! panel: the dock keeps the focused sentence above it, and drawers and panels end above
//! it. It shows the newest message; the earlier ones wait behind a button ("2 earlier"), so
//! a burst of messages takes one line, not the screen. Errors stay until dismissed,
//! information fades after a while (not while the pointer is on one of its buttons or the
//! keyboard focus is in it), the same message again is counted instead of repeated, and
//! imports one after another are one message (the state's `notify`).

use yew::prelude::*;

use super::{use_latest, use_panel_state};
use crate::ui::exporter::{self, Format};
use crate::ui::persist::Meter;
use crate::ui::state::{Action, Level, Message, Undo};
use crate::view::words;

/// How long information stays, in milliseconds (an undo offer a little longer).
const INFO_MS: u32 = 12_000;
const UNDO_MS: u32 = 20_000;

#[derive(Properties, PartialEq)]
struct ItemProps {
    message: Message,
    /// Not the newest: shown only while the earlier messages are open.
    earlier: bool,
    on_dismiss: Callback<u64>,
    on_undo: Callback<Undo>,
}

#[component]
fn MessageItem(p: &ItemProps) -> Html {
    let m = &p.message;
    let held = use_mut_ref(|| false);
    // Information fades: a timer per message, restarted while it is held (hover or focus).
    {
        let (id, level, undo) = (m.id, m.level, m.undo);
        let on_dismiss = p.on_dismiss.clone();
        let held = held.clone();
        use_effect_with(id, move |_| {
            let timer = (level == Level::Info).then(|| {
                let ms = if undo.is_some() { UNDO_MS } else { INFO_MS };
                gloo::timers::callback::Interval::new(ms, move || {
                    if !*held.borrow() {
                        on_dismiss.emit(id);
                    }
                })
            });
            move || drop(timer)
        });
    }
    let mouse = |on: bool| {
        let held = held.clone();
        Callback::from(move |_: MouseEvent| *held.borrow_mut() = on)
    };
    let focus = |on: bool| {
        let held = held.clone();
        Callback::from(move |_: FocusEvent| *held.borrow_mut() = on)
    };
    let dismiss = {
        let (cb, id) = (p.on_dismiss.clone(), m.id);
        Callback::from(move |_| cb.emit(id))
    };
    let undo = {
        let (cb, what) = (p.on_undo.clone(), m.undo);
        Callback::from(move |_| {
            if let Some(w) = what {
                cb.emit(w);
            }
        })
    };
    let level = if m.level == Level::Error { "error" } else { "info" };
    html! {
        <li class={classes!("message", level, p.earlier.then_some("earlier"))} data-message="" data-level={level}
            onmouseenter={mouse(true)} onmouseleave={mouse(false)} onfocusin={focus(true)} onfocusout={focus(false)}>
            <span class="message-text">{ words::repeated(&m.text, m.times) }</span>
            if m.undo == Some(Undo::Document) {
                <button type="button" data-action="undo-remove" onclick={undo}>{ "Undo remove" }</button>
            } else if m.undo == Some(Undo::Layer) {
                <button type="button" data-action="undo-remove-layer" onclick={undo}>{ "Undo remove" }</button>
            }
            <button type="button" class="dismiss" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
        </li>
    }
}

#[component]
pub fn Messages() -> Html {
    let state = use_panel_state();
    let latest = use_latest();
    let on_dismiss = {
        let dispatcher = state.dispatcher();
        use_callback((), move |id: u64, _| dispatcher.dispatch(Action::Dismiss(id)))
    };
    let on_undo = {
        let dispatcher = state.dispatcher();
        use_callback((), move |what: Undo, _| match what {
            Undo::Layer => dispatcher.dispatch(Action::UndoRemoveLayer),
            Undo::Document => dispatcher.dispatch(Action::UndoRemove),
        })
    };
    let open = use_state_eq(|| false);
    let count = state.messages.len();
    let items = state.messages.iter().enumerate().map(|(i, m)| {
        html! { <MessageItem key={m.id} message={m.clone()} earlier={i + 1 < count}
        on_dismiss={on_dismiss.clone()} on_undo={on_undo.clone()} /> }
    });
    let earlier = count.saturating_sub(1);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let more = (earlier > 0).then(|| {
        let words = if *open { "Newest only".to_owned() } else { format!("{earlier} earlier") };
        html! {
            <button type="button" class="plain-button messages-more" data-action="messages-more"
                aria-expanded={open.to_string()} onclick={toggle}>{ words }</button>
        }
    });
    let export_now = Callback::from(move |_| exporter::export_and_report(&latest, Format::Json));
    let meter = use_context::<Meter>().unwrap_or_default();
    let full = meter.full.then(|| html! {
        <li class="message error" data-message="" data-level="error" data-storage-full="">
            <span class="message-text">{ format!("Browser storage is full ({} KB used in localStorage): your latest changes are kept in this tab only, and saving is retried on each change. Nothing stored before is lost. Export them now, or remove documents to free space.", meter.used / 1024) }</span>
            <button type="button" data-action="export-now" onclick={export_now}>{ "Export JSON now" }</button>
        </li>
    });
    html! {
        <div class={classes!("messages", (*open && earlier > 0).then_some("open"))} data-messages="" aria-live="polite">
            <ul class="message-list">
                { for full }
                { for items }
            </ul>
            { for more }
        </div>
    }
}
