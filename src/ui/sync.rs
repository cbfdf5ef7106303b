//! The team sync's driver (docs/ARCHITECTURE.md, Team sync): the loop `core::sync`'s header
//! describes, run on the browser's event loop. It owns the `Replicator`, tells it what
//! changed in the page's work after every change (the core's `Told` decides what), sends the
//! request it asks for (`platform::fetch`), and hands the answer's events to the reducer
//! (`Action::Synced`) so the session applies them like any other change; the checkpoint
//! rides along and is saved after them (app.rs). Nothing here waits on the network while a
//! key is pressed: each request is a spawned future, each pause a timer, and a local change
//! wakes the loop at once. While idle the replicator listens (a `_changes` request the server
//! holds until something changes): the driver holds its `Abort` and ends it as soon as the
//! replicator wants anything else (a local change to push), on Stop sync, and after the
//! hold plus a grace (then it is `lapsed`, not an error). Logging in (Start with a
//! password) and out (Stop sync, Log out) are requests of their own, outside the loop (the
//! core's `sync::login`). Stop ends the request out before the logout: its answer, arriving
//! after, would set the session cookie again (PouchDB Server sets it on every answer to a
//! request that carried it; CouchDB when it renews it), and the browser would stay logged in.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use yew::UseReducerDispatcher;

use crate::platform::clock::now_ms;
use crate::platform::fetch::{self, Mode};
use crate::platform::sync::{self as net, Timer};
use annotator_core::session::Session;
use annotator_core::sync::{
    login_answer, login_request, logout_answer, logout_request, CatchUp, Checkpoint, Config, Event, Replicator,
    Request, Response, Status, Step, SyncError, Told,
};

use super::state::{Action, State};
use crate::view::words;

/// A listen the server holds beyond its `hold_ms` is ended this much later by the page
/// (PouchDB Server ignores `timeout` and holds until a change).
const LISTEN_GRACE_MS: u64 = 5_000;

/// The listen out: how to end it, and whether its time limit did.
struct Held {
    abort: fetch::Abort,
    _limit: Timer,
}

impl Held {
    fn end(self) {
        self.abort.abort();
    }
}

/// The sync of this page (one at a time).
#[derive(Default)]
pub struct Driver {
    rep: Option<Replicator>,
    /// The database URL as configured (the checkpoint names it so), and resolved.
    url: String,
    db: String,
    annotator: String,
    told: Told,
    timer: Option<Timer>,
    /// The listen out, if one is.
    held: Option<Held>,
    /// How to end the other request out, if one is (one at a time): Stop sync ends it
    /// before logging out, or its answer would set the session cookie again.
    out: Option<fetch::Abort>,
    /// Counts starts and stops: an answer to a login or logout of an earlier one is stale.
    run: u64,
    /// Logging in failed (the replicator was not started).
    login_error: Option<SyncError>,
    /// Logging out failed: the session may still be open.
    logout_error: Option<SyncError>,
    /// The status and message last shown.
    shown: Option<(Status, Option<String>)>,
    /// The catch-up last shown.
    shown_pull: Option<CatchUp>,
    dispatcher: Option<UseReducerDispatcher<State>>,
    /// The checkpoint as stored (`sa/v1/sync`, in IndexedDB): read at start-up, updated once
    /// a save has stored a newer one (app.rs). A start resumes from it.
    stored: Option<String>,
}

pub type Shared = Rc<RefCell<Driver>>;

/// The driver as a context value: equal to itself only (it never changes).
#[derive(Clone)]
pub struct SyncHandle(pub Shared);

impl PartialEq for SyncHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Driver {
    /// Ends the requests out (a stop, or a start over): their answers are not wanted.
    fn end_requests(&mut self) {
        if let Some(h) = self.held.take() {
            h.end();
        }
        if let Some(a) = self.out.take() {
            a.abort();
        }
    }

    /// The checkpoint storage holds now.
    pub fn set_stored_checkpoint(&mut self, cp: Option<String>) {
        self.stored = cp;
    }

    pub fn set_dispatcher(&mut self, d: UseReducerDispatcher<State>) {
        if self.dispatcher.is_none() {
            self.dispatcher = Some(d);
        }
    }

    /// Started (running, offline, or stopped by an error the person must act on).
    pub fn is_on(&self) -> bool {
        self.login_error.is_some() || self.rep.as_ref().is_some_and(|r| r.status() != Status::Off)
    }

    pub fn annotator(&self) -> &str {
        &self.annotator
    }

    fn url_of(&self, req: &Request) -> String {
        url_of(&self.db, req)
    }

    /// Tells the replicator what changed in the page's work since last time. Returns
    /// whether anything was told.
    fn tell(&mut self, s: &Session) -> bool {
        let Some(rep) = self.rep.as_mut() else { return false };
        let now = now_ms();
        let changes = self.told.changes(s.sync_work());
        let told = !changes.is_empty();
        for change in changes {
            rep.tell(change, now);
        }
        told
    }

    /// The status and message to show.
    fn status(&self) -> (Status, Option<String>) {
        if let Some(e) = &self.login_error {
            return (Status::Error, Some(words::sync_error(e)));
        }
        if let Some(e) = &self.logout_error {
            return (Status::Off, Some(words::logout_error(e)));
        }
        match &self.rep {
            Some(r) => (r.status(), r.error().map(words::sync_error)),
            None => (Status::Off, None),
        }
    }
}

/// The address of `req` on the database at `db` (resolved), or on its server's root when
/// `req.root` (`_session`: the database URL without its last segment).
fn url_of(db: &str, req: &Request) -> String {
    let db = db.trim_end_matches('/');
    if req.root {
        let root = db.rfind('/').map_or_else(|| format!("{db}/"), |i| db[..=i].to_owned());
        format!("{root}{}", req.path)
    } else {
        format!("{db}/{}", req.path)
    }
}

/// Shows the status when it changed.
fn report(shared: &Shared) {
    let (status, pull, dispatcher) = {
        let mut d = shared.borrow_mut();
        let now = d.status();
        let pull = d.rep.as_ref().and_then(Replicator::catch_up);
        let status = (d.shown.as_ref() != Some(&now)).then(|| now.clone());
        let pull = (d.shown_pull != pull).then_some(pull);
        d.shown = Some(now);
        if let Some(p) = pull {
            d.shown_pull = p;
        }
        (status, pull, d.dispatcher.clone())
    };
    let Some(dispatcher) = dispatcher else { return };
    if let Some((status, message)) = status {
        dispatcher.dispatch(Action::SyncStatus(status, message));
    }
    if let Some(p) = pull {
        dispatcher.dispatch(Action::SyncPull(p));
    }
}

/// Starts (or restarts) the sync with the database at `url` as the session's annotator,
/// logging in first when a password is given (the browser keeps the session cookie; the
/// password is not kept anywhere).
pub fn start(shared: &Shared, session: &Session, url: &str, password: Option<String>) {
    let url = url.trim().to_owned();
    {
        let mut d = shared.borrow_mut();
        if let Some(r) = d.rep.as_mut() {
            r.stop();
        }
        d.timer = None;
        d.end_requests();
        d.run += 1;
        d.login_error = None;
        d.logout_error = None;
        d.annotator = session.annotator().trim().to_owned();
        d.url = url.clone();
        d.db = match net::resolve(&url) {
            Ok(db) if !url.is_empty() => db,
            _ => {
                d.rep = None;
                d.login_error = Some(SyncError::NotFound);
                drop(d);
                report(shared);
                return;
            }
        };
        let saved = d.stored.as_deref().and_then(|raw| Checkpoint::decode(raw).ok());
        let rep = Replicator::new(Config::new(&d.annotator), &url, saved);
        d.rep = Some(rep);
        d.told = Told::default();
        d.tell(session);
    }
    match password.filter(|p| !p.is_empty()) {
        Some(pw) => {
            let (login, url, run) = {
                let d = shared.borrow();
                let req = login_request(&d.annotator, &pw);
                let url = d.url_of(&req);
                (req, url, d.run)
            };
            let weak = Rc::downgrade(shared);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = send(&login, &url).await;
                let Some(shared) = weak.upgrade() else { return };
                let result = login_answer(&answer);
                if shared.borrow().run != run {
                    // Stopped or started again meanwhile: a session this login opened after a
                    // stop is ended again, or the browser would keep it.
                    let stopped = !shared.borrow().is_on();
                    if result.is_ok() && stopped {
                        log_out(&shared, &url);
                    }
                    return;
                }
                match result {
                    Err(e) => shared.borrow_mut().login_error = Some(e),
                    Ok(()) => {
                        if let Some(r) = shared.borrow_mut().rep.as_mut() {
                            r.start(now_ms());
                        }
                    }
                }
                pump(&shared);
            });
        }
        None => {
            if let Some(r) = shared.borrow_mut().rep.as_mut() {
                r.start(now_ms());
            }
            pump(shared);
        }
    }
    report(shared);
}

/// Stops the sync (an answer still out is ignored) and ends the session on the team
/// database's server (`DELETE /_session`): the browser's cookie logs nobody in any more, so
/// a start needs the password again. The server is the one the sync last ran with, or the
/// one of `url` (the panel's database URL) when it has not run in this visit. Stop sync and
/// Log out both end here.
pub fn stop(shared: &Shared, url: &str) {
    let session_url = {
        let mut d = shared.borrow_mut();
        if let Some(r) = d.rep.as_mut() {
            r.stop();
        }
        d.run += 1;
        d.login_error = None;
        d.logout_error = None;
        d.timer = None;
        d.end_requests();
        let db = if d.db.is_empty() {
            net::resolve(url.trim()).ok().filter(|_| !url.trim().is_empty())
        } else {
            Some(d.db.clone())
        };
        db.map(|db| url_of(&db, &logout_request()))
    };
    report(shared);
    if let Some(session_url) = session_url {
        log_out(shared, &session_url);
    }
}

/// Sends the logout to `session_url` (the server root's `_session`); a failure is shown
/// unless the sync was started again meanwhile.
fn log_out(shared: &Shared, session_url: &str) {
    let run = shared.borrow().run;
    let weak = Rc::downgrade(shared);
    let session_url = session_url.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = send(&logout_request(), &session_url).await;
        let Some(shared) = weak.upgrade() else { return };
        if let Err(e) = logout_answer(&answer) {
            if shared.borrow().run == run {
                shared.borrow_mut().logout_error = Some(e);
                report(&shared);
            }
        }
    });
}

/// Sends `req` to `url`; no answer at all is status 0 (the core's "unreachable").
async fn send(req: &Request, url: &str) -> Response {
    to_response(fetch::send(Mode::Database, req.method.as_str(), url, req.body.as_deref()).await)
}

fn to_response(answer: Result<fetch::Answer, fetch::NoAnswer>) -> Response {
    match answer {
        Ok(a) => Response { status: a.status, body: a.body },
        Err(_) => Response { status: 0, body: String::new() },
    }
}

/// After a change of the page: tells the replicator and wakes the loop.
pub fn observe(shared: &Shared, session: &Session) {
    let told = {
        let mut d = shared.borrow_mut();
        d.rep.as_ref().is_some_and(|r| r.status() != Status::Off) && d.tell(session)
    };
    if told {
        pump(shared);
    }
}

/// One turn of the loop: sends the next request, or sets the timer for the next turn.
pub fn pump(shared: &Shared) {
    let step = {
        let mut d = shared.borrow_mut();
        let Some(rep) = d.rep.as_mut() else { return };
        let step = rep.next(now_ms());
        if step != Step::Busy {
            // The replicator stopped listening (a change to push, an answer came): the
            // request still held, if any, is not wanted.
            if let Some(h) = d.held.take() {
                h.end();
            }
        }
        step
    };
    match step {
        Step::Send(req) if req.hold_ms > 0 => listen(shared, req),
        Step::Send(req) => {
            let abort = fetch::Abort::new().ok();
            let (url, run) = {
                let mut d = shared.borrow_mut();
                d.timer = None;
                d.out = abort.clone();
                (d.url_of(&req), d.run)
            };
            let weak = Rc::downgrade(shared);
            wasm_bindgen_futures::spawn_local(async move {
                let response = match &abort {
                    Some(abort) => {
                        to_response(fetch::send_abortable(req.method.as_str(), &url, req.body.as_deref(), abort).await)
                    }
                    // Cannot be ended early: the time limit alone.
                    None => send(&req, &url).await,
                };
                let Some(shared) = weak.upgrade() else { return };
                if shared.borrow().run == run {
                    shared.borrow_mut().out = None;
                }
                answered(&shared, req.ticket, &response);
                pump(&shared);
            });
        }
        Step::Wait { until_ms } => {
            let weak: Weak<RefCell<Driver>> = Rc::downgrade(shared);
            // The turn runs after the timer's callback returned (the turn replaces the timer).
            let timer = net::after(until_ms.saturating_sub(now_ms()).max(1), move || {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(shared) = weak.upgrade() {
                        pump(&shared);
                    }
                });
            });
            shared.borrow_mut().timer = Some(timer);
        }
        Step::Busy | Step::Stopped => {}
    }
    report(shared);
}

/// Sends a listen, held until its answer, the replicator's cancel (`pump`), Stop sync, or
/// its time limit (the hold plus a grace: then `lapsed`, the feed was quiet).
fn listen(shared: &Shared, req: Request) {
    let Ok(abort) = fetch::Abort::new() else {
        // Cannot be ended early: answered as no answer, which the replicator retries later.
        answered(shared, req.ticket, &Response { status: 0, body: String::new() });
        pump(shared);
        return;
    };
    let lapsed = Rc::new(Cell::new(false));
    let limit = {
        let (abort, lapsed) = (abort.clone(), lapsed.clone());
        net::after(req.hold_ms + LISTEN_GRACE_MS, move || {
            lapsed.set(true);
            abort.abort();
        })
    };
    let url = {
        let mut d = shared.borrow_mut();
        d.timer = None;
        d.held = Some(Held { abort: abort.clone(), _limit: limit });
        d.url_of(&req)
    };
    let weak = Rc::downgrade(shared);
    wasm_bindgen_futures::spawn_local(async move {
        let result = fetch::send_held(req.method.as_str(), &url, req.body.as_deref(), &abort).await;
        let Some(shared) = weak.upgrade() else { return };
        match result {
            Ok(a) => answered(&shared, req.ticket, &Response { status: a.status, body: a.body }),
            Err(_) if lapsed.get() => {
                if let Some(r) = shared.borrow_mut().rep.as_mut() {
                    r.lapsed(req.ticket, now_ms());
                }
            }
            // Aborted because no longer wanted (the replicator ignores the ticket), or the
            // server is gone: no answer.
            Err(_) => answered(&shared, req.ticket, &Response { status: 0, body: String::new() }),
        }
        pump(&shared);
    });
}

/// An answer came: its events go to the session, with the checkpoint to save after them.
fn answered(shared: &Shared, ticket: u64, response: &Response) {
    let (events, checkpoint, dispatcher) = {
        let mut d = shared.borrow_mut();
        let Some(rep) = d.rep.as_mut() else { return };
        let events = rep.handle(ticket, response, now_ms());
        let checkpoint = events.iter().any(|e| matches!(e, Event::Checkpoint)).then(|| rep.checkpoint().encode());
        let events: Vec<Event> =
            events.into_iter().filter(|e| !matches!(e, Event::Checkpoint | Event::Skipped { .. })).collect();
        (events, checkpoint, d.dispatcher.clone())
    };
    if events.is_empty() && checkpoint.is_none() {
        return;
    }
    if let Some(dispatcher) = dispatcher {
        dispatcher.dispatch(Action::Synced { events, checkpoint });
    }
}
