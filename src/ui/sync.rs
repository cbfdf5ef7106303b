//! The team sync's driver (SPEC §8, issue 12): the loop `core::sync`'s header describes,
//! run on the browser's event loop. It owns the `Replicator`, tells it the page's work after
//! every change (only the documents whose annotations or sentence boundaries changed:
//! pointer comparisons, then a hash in the core), sends the request it asks for
//! (`platform::sync`), and hands the answer's events to the reducer (`Action::Synced`) so
//! the session applies them like any other change; the checkpoint rides along and is saved
//! after them (app.rs). Nothing here
//! waits on the network while a key is pressed: each request is a spawned future, each
//! pause a timer, and a local change wakes the loop at once.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::{Rc, Weak};

use yew::UseReducerDispatcher;

use crate::core::annotations::AnnotationStore;
use crate::core::document::{ArticleInput, Document};
use crate::core::reattach::Orphan;
use crate::core::session::Session;
use crate::core::storage::KeyValue;
use crate::core::sync::{
    apply, Checkpoint, Config, Event, Replicator, Request, Response, SheetBounds, Status, Step, SyncError, SYNC_KEY,
};
use crate::platform::clock::now_ms;
use crate::platform::storage::Local;
use crate::platform::sync::{self as net, Timer};

use super::state::{Action, State};
use super::words;

/// What the replicator was last told, to tell it only what changed since.
#[derive(Default)]
struct Told {
    anns: AnnotationStore,
    gold: AnnotationStore,
    done: Rc<BTreeSet<String>>,
    orphans: Rc<Vec<Orphan>>,
    gold_orphans: Rc<Vec<Orphan>>,
    imported: Rc<BTreeSet<String>>,
    /// The documents (their boundaries), by id.
    docs: Rc<Vec<Rc<Document>>>,
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
    /// Logging in failed (the replicator was not started).
    login_error: Option<SyncError>,
    /// The status and message last shown.
    shown: Option<(Status, Option<String>)>,
    dispatcher: Option<UseReducerDispatcher<State>>,
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

    /// The server root (for `_session`): the database URL without its last segment.
    fn root(&self) -> String {
        let db = self.db.trim_end_matches('/');
        db.rfind('/').map_or_else(|| format!("{db}/"), |i| db[..=i].to_owned())
    }

    fn url_of(&self, req: &Request) -> String {
        if req.root {
            format!("{}{}", self.root(), req.path)
        } else {
            format!("{}/{}", self.db.trim_end_matches('/'), req.path)
        }
    }

    /// Tells the replicator what changed in the page's work since last time. Returns
    /// whether anything was told.
    fn tell(&mut self, s: &Session) -> bool {
        let Some(rep) = self.rep.as_mut() else { return false };
        let now = now_ms();
        let t = &mut self.told;
        let mut told = false;
        let orphans_moved = !Rc::ptr_eq(&t.orphans, s.orphans());
        let done_moved = !Rc::ptr_eq(&t.done, s.done());
        // A document whose boundaries changed is told even when its records did not (a join
        // of two undecided sentences): its `Rc` is another one.
        let docs_moved = !Rc::ptr_eq(&t.docs, s.corpus().shared());
        let before: std::collections::HashMap<&str, &Rc<Document>> =
            if docs_moved { t.docs.iter().map(|d| (d.id.as_str(), d)).collect() } else { Default::default() };
        let bounds_moved = |id: &str| {
            docs_moved
                && match (before.get(id), s.doc_index(id)) {
                    (Some(a), Some(i)) => !Rc::ptr_eq(a, &s.docs()[i]),
                    _ => true,
                }
        };
        let own_bounds = s.docs().iter().filter(|d| d.edited || d.edited_t > 0).map(|d| d.id.as_str());
        let ids: BTreeSet<&str> =
            s.anns().doc_ids().chain(s.done().iter().map(String::as_str)).chain(own_bounds).collect();
        for id in ids {
            let Some(doc) = s.doc_index(id).map(|i| &s.docs()[i]) else { continue };
            let now_rc = s.anns().doc(id);
            let same = match (t.anns.doc(id), now_rc) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            };
            if same && !orphans_moved && !done_moved && !bounds_moved(id) {
                continue;
            }
            let records = now_rc.map(|r| (**r).clone()).unwrap_or_default();
            let bounds = SheetBounds::of(doc);
            rep.set_own(id, &records, &apply::orphan_pairs(s.orphans(), id), s.is_done(id), &bounds, now);
            told = true;
        }
        let gold_orphans_moved = !Rc::ptr_eq(&t.gold_orphans, s.gold_orphans());
        for id in s.gold_store().doc_ids() {
            let Some(doc) = s.doc_index(id).map(|i| &s.docs()[i]) else { continue };
            let now_rc = s.gold_store().doc(id);
            let same = t.gold.doc(id).zip(now_rc).is_some_and(|(a, b)| Rc::ptr_eq(a, b));
            if same && !gold_orphans_moved && !bounds_moved(id) {
                continue;
            }
            let records = now_rc.map(|r| (**r).clone()).unwrap_or_default();
            let bounds = SheetBounds::of(doc);
            rep.set_gold(id, &records, &apply::orphan_pairs(s.gold_orphans(), id), &bounds, now);
            told = true;
        }
        if !Rc::ptr_eq(&t.imported, s.corpus().imported()) {
            for id in s.corpus().imported().iter().filter(|id| !t.imported.contains(*id)) {
                let Some(d) = s.doc_index(id).map(|i| s.docs()[i].clone()) else { continue };
                rep.set_article(
                    ArticleInput {
                        id: Some(d.id.clone()),
                        source: Some(d.source.clone()).filter(|x| !x.is_empty()),
                        title: Some(d.title.clone()),
                        date: d.date.clone(),
                        text: d.text.clone(),
                    },
                    now,
                );
                told = true;
            }
        }
        *t = Told {
            anns: s.anns().clone(),
            gold: s.gold_store().clone(),
            done: s.done().clone(),
            orphans: s.orphans().clone(),
            gold_orphans: s.gold_orphans().clone(),
            imported: s.corpus().imported().clone(),
            docs: s.corpus().shared().clone(),
        };
        told
    }

    /// The status and message to show.
    fn status(&self) -> (Status, Option<String>) {
        if let Some(e) = &self.login_error {
            return (Status::Error, Some(words::sync_error(e)));
        }
        match &self.rep {
            Some(r) => (r.status(), r.error().map(words::sync_error)),
            None => (Status::Off, None),
        }
    }
}

/// Shows the status when it changed.
fn report(shared: &Shared) {
    let (now, dispatcher) = {
        let mut d = shared.borrow_mut();
        let now = d.status();
        if d.shown.as_ref() == Some(&now) {
            return;
        }
        d.shown = Some(now.clone());
        (now, d.dispatcher.clone())
    };
    if let Some(dispatcher) = dispatcher {
        dispatcher.dispatch(Action::SyncStatus(now.0, now.1));
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
        d.login_error = None;
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
        let saved = Local::open().ok().and_then(|l| l.get(SYNC_KEY)).and_then(|raw| Checkpoint::decode(&raw).ok());
        let rep = Replicator::new(Config::new(&d.annotator), &url, saved);
        d.rep = Some(rep);
        d.told = Told::default();
        d.tell(session);
    }
    match password.filter(|p| !p.is_empty()) {
        Some(pw) => {
            let (login, url) = {
                let d = shared.borrow();
                let req = Replicator::login_request(&d.annotator, &pw);
                (req.clone(), d.url_of(&req))
            };
            let weak = Rc::downgrade(shared);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = net::send(login.method.as_str(), &url, login.body.as_deref()).await;
                let Some(shared) = weak.upgrade() else { return };
                let failed = match answer {
                    Ok(a) if (200..300).contains(&a.status) => None,
                    Ok(a) => Some(SyncError::from_answer(a.status, &a.body)),
                    Err(_) => Some(SyncError::Unreachable),
                };
                match failed {
                    Some(e) => shared.borrow_mut().login_error = Some(e),
                    None => {
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

/// Stops the sync (an answer still out is ignored).
pub fn stop(shared: &Shared) {
    {
        let mut d = shared.borrow_mut();
        if let Some(r) = d.rep.as_mut() {
            r.stop();
        }
        d.login_error = None;
        d.timer = None;
    }
    report(shared);
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
        rep.next(now_ms())
    };
    match step {
        Step::Send(req) => {
            let url = {
                let mut d = shared.borrow_mut();
                d.timer = None;
                d.url_of(&req)
            };
            let weak = Rc::downgrade(shared);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = net::send(req.method.as_str(), &url, req.body.as_deref()).await;
                let Some(shared) = weak.upgrade() else { return };
                let response = match answer {
                    Ok(a) => Response { status: a.status, body: a.body },
                    Err(_) => Response { status: 0, body: String::new() },
                };
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
