//! The replication state machine, sans IO: it says which request to send next and reads
//! the answers, and never waits, sleeps or touches the network itself, so every path of the
//! protocol is tested natively with recorded server answers, and the browser edge stays a
//! loop of `fetch` and timers (the module `sync`'s header says how to drive it).
//!
//! One request at a time, in this order of priority:
//! 1. `GET /_session` (server root) once per start: who is logged in, whether a curator;
//! 2. `POST _all_docs?include_docs=true&conflicts=true` (`{"keys": [...]}`): documents a
//!    push found changed on the server (409), read again to merge;
//! 3. `POST _bulk_get` (`{"docs": [{"id", "rev"}]}`): the losing revisions of conflicts in
//!    documents this page writes, to merge them (`conflict`);
//! 4. `GET _changes?style=all_docs&include_docs=true&conflicts=true&since=…&limit=…`: the
//!    changes since the checkpoint, in batches, until the feed is exhausted;
//! 5. `POST _bulk_docs` (`{"docs": [...]}`): the changed documents (content hash differs
//!    from the server's last known revision), a batch at a time, with the deletions of
//!    conflicts' losing revisions; after `push_delay_ms` since the first unsent change, so
//!    a burst of key presses goes as one request;
//! 6. nothing: `Idle`, listening: `GET _changes?feed=longpoll&timeout=…` (the same query
//!    otherwise), a request the server holds until something changes (then answers at
//!    once) or `listen_ms` pass (then answers with no results), as PouchDB's live
//!    replication listens; then listen again. A local change cancels the listen (`next`
//!    forgets its ticket: the edge aborts the request it holds, `Request::hold_ms`), so a
//!    push never waits for it. A listen the edge ended at its own time limit (a server that
//!    ignores `timeout`, as PouchDB Server does, and holds until a change) is `lapsed`: the
//!    feed was quiet, listen again. A server that answers a listen at once with nothing (it
//!    does not hold) is asked again after `poll_ms` instead, never in a busy loop.
//!
//! An unreachable server (no answer, 502/503/504, other 5xx) puts the machine `Offline` and
//! retries after a growing delay (`Backoff`); 401, 404, a refusal of the whole request and
//! unreadable answers stop it in `Error` until `start` again (after logging in); a document
//! refused alone (403 from the design document) is not sent again until its content
//! changes, and the rest goes on.
//!
//! Answers are read as the types of `answer` (one per request); one of another shape stops
//! the sync like any unreadable answer.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::answer::{self, Answer};
use super::checkpoint::{hex, Checkpoint, Known};
use super::conflict::resolve;
use super::doc::{content_hash, decode, deletion, encode, Body, DecodeError, Remote, Sheet, SheetBounds};
use super::error::{Backoff, CatchUp, Status, SyncError};
use super::ids::DocId;
use super::merge::merge_sheets;
use crate::annotations::{Annotation, DocAnnotations};
use crate::document::ArticleInput;
use crate::segment::SEGMENTER;

pub use super::wire::{Method, Request, Response, Step};

/// What an answer brought, for the edge to apply, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The person's own work on `doc`, merged with the server's copy. Merge it into the
    /// page per sentence, latest change wins (`apply::place`, then `Session::merge_external`),
    /// and take its done mark: when the page had told its current state (`set_own`), that is
    /// the same as replacing; when it had not, nothing of the page's is lost.
    Own { doc: String, sheet: Sheet },
    /// The gold labels of `doc`: merged with the page's (a curator), or as the server has
    /// them (anyone else, read-only). Merged into the page's gold the same way.
    Gold { doc: String, sheet: Sheet },
    /// A colleague's work on `doc`: their read-only layer's document (decisions only).
    Layer { annotator: String, doc: String, sheet: Sheet },
    /// A colleague's document was deleted on the server.
    LayerRemoved { annotator: String, doc: String },
    /// An imported article the page may not have: add it (an id it has already: skip it).
    Article(ArticleInput),
    /// A document that is ours by its id but cannot be read: skipped.
    Skipped { id: String, why: String },
    /// Save `Replicator::checkpoint()` now (after saving what the events above changed).
    Checkpoint,
}

/// Tuning; the defaults suit a team of a few dozen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The page's annotator name: its documents are `ann:<annotator>:<doc>`.
    pub annotator: String,
    /// Changes per `_changes` request.
    pub pull_batch: usize,
    /// Documents per `_bulk_docs` request.
    pub push_batch: usize,
    /// A change waits this long for others to go with it.
    pub push_delay_ms: u64,
    /// While idle, the server holds a listen (`_changes?feed=longpoll`) up to this long.
    pub listen_ms: u64,
    /// A server that answers a listen at once with nothing (it does not hold) is asked for
    /// changes this often instead.
    pub poll_ms: u64,
    pub backoff: Backoff,
}

impl Config {
    pub fn new(annotator: &str) -> Config {
        Config {
            annotator: annotator.trim().to_owned(),
            pull_batch: 500,
            push_batch: 100,
            push_delay_ms: 1_000,
            listen_ms: 25_000,
            poll_ms: 30_000,
            backoff: Backoff::default(),
        }
    }
}

/// What is out, waiting for its answer.
#[derive(Clone, Debug)]
enum Flight {
    Session,
    /// `listen`: a long-held request, and when it was sent.
    Changes {
        limit: usize,
        listen: Option<u64>,
    },
    Fetch(Vec<DocId>),
    BulkGet(Vec<Remote>),
    Push(Vec<Pushed>),
}

#[derive(Clone, Debug)]
enum Pushed {
    Content { id: DocId, hash: u64, done: bool, done_t: u64 },
    Delete { id: DocId, rev: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Local {
    body: Body,
    hash: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct KnownRev {
    rev: String,
    /// `None`: deleted on the server.
    hash: Option<u64>,
    done: bool,
    done_t: u64,
}

/// The replication of one page with one team database (see the module).
#[derive(Clone, Debug)]
pub struct Replicator {
    cfg: Config,
    db: String,
    since: Option<Value>,
    known: BTreeMap<DocId, KnownRev>,
    local: BTreeMap<DocId, Local>,
    /// Refused documents (403) and the content refused: not sent again until it changes.
    refused: BTreeMap<DocId, u64>,
    deletes: Vec<(DocId, String)>,
    to_fetch: BTreeSet<DocId>,
    to_resolve: Vec<Remote>,
    running: bool,
    need_session: bool,
    pull_due: bool,
    curator: bool,
    flight: Option<(u64, Flight)>,
    ticket: u64,
    wait_until: u64,
    idle_until: u64,
    dirty_since: Option<u64>,
    offline: bool,
    status: Status,
    error: Option<SyncError>,
    /// The catch-up under way: changes pulled in it so far, and how many the server said
    /// still wait (CouchDB's `pending`; PouchDB Server does not say).
    pulled: u64,
    waiting: Option<u64>,
}

fn parse_hash(h: &str) -> Option<u64> {
    u64::from_str_radix(h, 16).ok()
}

/// `since` as a query value: numbers as they are, strings percent-encoded.
fn since_param(since: &Option<Value>) -> String {
    match since {
        None => "0".to_owned(),
        Some(Value::String(s)) => s
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect(),
        Some(v) => v.to_string(),
    }
}

fn done_of(body: &Body) -> (bool, u64) {
    match body {
        Body::Sheet(s) => (s.done, s.done_t),
        Body::Article(_) => (false, 0),
    }
}

impl Replicator {
    /// A replicator for the database at `db` (the configured URL, as the checkpoint names
    /// it), from the saved checkpoint (`None`, or another database's or annotator's: from
    /// scratch). Off until `start`.
    pub fn new(cfg: Config, db: &str, saved: Option<Checkpoint>) -> Replicator {
        let cp = saved.map_or_else(|| Checkpoint::new(db, &cfg.annotator), |c| c.for_target(db, &cfg.annotator));
        let known = cp
            .known
            .into_iter()
            .filter_map(|(id, k)| {
                let id = DocId::parse(&id)?;
                Some((id, KnownRev { rev: k.rev, hash: parse_hash(&k.hash), done: k.done, done_t: k.done_t }))
            })
            .collect();
        Replicator {
            cfg,
            db: db.to_owned(),
            since: cp.since,
            known,
            local: BTreeMap::new(),
            refused: BTreeMap::new(),
            deletes: Vec::new(),
            to_fetch: BTreeSet::new(),
            to_resolve: Vec::new(),
            running: false,
            need_session: true,
            pull_due: true,
            curator: false,
            flight: None,
            ticket: 0,
            wait_until: 0,
            idle_until: 0,
            dirty_since: None,
            offline: false,
            status: Status::Off,
            error: None,
            pulled: 0,
            waiting: None,
        }
    }

    /// Starts (or restarts after an error): asks who is logged in, then pulls and pushes.
    pub fn start(&mut self, now_ms: u64) {
        self.running = true;
        self.need_session = true;
        self.pull_due = true;
        self.pulled = 0;
        self.waiting = None;
        self.flight = None;
        self.refused.clear();
        self.cfg.backoff.succeed();
        self.wait_until = now_ms;
        self.offline = false;
        self.error = None;
        self.status = if self.cfg.annotator.is_empty() {
            self.halt(SyncError::NoName);
            Status::Error
        } else {
            Status::Syncing
        };
    }

    /// Stops: an answer still out is ignored when it comes.
    pub fn stop(&mut self) {
        self.running = false;
        self.flight = None;
        self.status = Status::Off;
        self.error = None;
        self.pulled = 0;
        self.waiting = None;
    }

    /// The catch-up under way, once its first answer has come (`None`: in step, or one
    /// answer brought everything).
    pub fn catch_up(&self) -> Option<CatchUp> {
        (self.running && self.pull_due && self.pulled > 0)
            .then_some(CatchUp { pulled: self.pulled, waiting: self.waiting })
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// The last error, for the person (in words: its `Display`).
    pub fn error(&self) -> Option<&SyncError> {
        self.error.as_ref()
    }

    /// The logged-in user may write gold and articles (role `curator`, or a server admin).
    pub fn curator(&self) -> bool {
        self.curator
    }

    /// Documents with changes not on the server yet (refused ones not counted).
    pub fn unsent(&self) -> usize {
        self.local.keys().filter(|id| self.is_dirty(id)).count()
    }

    fn has_refused(&self) -> bool {
        self.refused.iter().any(|(id, h)| self.local.get(id).is_some_and(|l| l.hash == *h))
    }

    /// Documents the server refused (403), in their current content: not sent again until
    /// they change, or until `start`.
    pub fn refused(&self) -> Vec<String> {
        self.refused
            .iter()
            .filter(|(id, h)| self.local.get(id).is_some_and(|l| l.hash == **h))
            .map(|(id, _)| id.to_string())
            .collect()
    }

    /// What to save under `checkpoint::SYNC_KEY` (on `Event::Checkpoint`).
    pub fn checkpoint(&self) -> Checkpoint {
        let known = self
            .known
            .iter()
            .map(|(id, k)| {
                let hash = k.hash.map(hex).unwrap_or_default();
                (id.to_string(), Known { rev: k.rev.clone(), hash, done: k.done, done_t: k.done_t })
            })
            .collect();
        Checkpoint { db: self.db.clone(), annotator: self.cfg.annotator.clone(), since: self.since.clone(), known }
    }

    fn writable(&self, id: &DocId) -> bool {
        match id {
            DocId::Ann { annotator, .. } => *annotator == self.cfg.annotator,
            DocId::Gold { .. } | DocId::Article { .. } => self.curator,
        }
    }

    fn is_dirty(&self, id: &DocId) -> bool {
        let Some(local) = self.local.get(id) else { return false };
        self.writable(id)
            && self.known.get(id).and_then(|k| k.hash) != Some(local.hash)
            && self.refused.get(id) != Some(&local.hash)
    }

    fn set_local(&mut self, id: DocId, body: Body, now_ms: u64) {
        let hash = content_hash(&id, &body);
        if self.local.get(&id).is_some_and(|l| l.hash == hash) {
            return;
        }
        self.local.insert(id.clone(), Local { body, hash });
        if self.is_dirty(&id) && self.dirty_since.is_none() {
            self.dirty_since = Some(now_ms);
        }
    }

    /// The page's own work on `doc`, as it is now: its records, orphans and done mark, and
    /// its sentence boundaries (`SheetBounds::of` the document: the records' indices refer
    /// to them). Call it for every document with records, a done mark or boundaries of its
    /// own (edited, or with a time) before the first `next`, and after every change. Cheap
    /// when nothing changed.
    pub fn set_own(
        &mut self,
        doc: &str,
        records: &DocAnnotations,
        orphans: &[(usize, Annotation)],
        done: bool,
        bounds: &SheetBounds,
        now_ms: u64,
    ) {
        let id = DocId::ann(&self.cfg.annotator, doc);
        // The done mark's time: unchanged while the mark is, else now.
        let before = match self.local.get(&id) {
            Some(Local { body: Body::Sheet(s), .. }) => Some((s.done, s.done_t)),
            _ => self.known.get(&id).map(|k| (k.done, k.done_t)),
        };
        let done_t = match before {
            Some((d, t)) if d == done => t,
            None if !done => 0,
            _ => now_ms,
        };
        let sheet = Sheet {
            seg: SEGMENTER.to_owned(),
            records: records.clone(),
            orphans: orphans.to_vec(),
            done,
            done_t,
            bounds: bounds.spans.clone(),
            bounds_t: bounds.t,
        };
        self.set_local(id, Body::Sheet(sheet), now_ms);
    }

    /// The gold labels of `doc` as the page has them (a curator's; others' are not sent),
    /// with the curator's sentence boundaries (the records' indices refer to them).
    pub fn set_gold(
        &mut self,
        doc: &str,
        records: &DocAnnotations,
        orphans: &[(usize, Annotation)],
        bounds: &SheetBounds,
        now_ms: u64,
    ) {
        let sheet = Sheet {
            seg: SEGMENTER.to_owned(),
            records: records.clone(),
            orphans: orphans.to_vec(),
            bounds: bounds.spans.clone(),
            bounds_t: bounds.t,
            ..Default::default()
        };
        self.set_local(DocId::gold(doc), Body::Sheet(sheet), now_ms);
    }

    /// An article the person imported (a curator's is sent, once; bundled ones never need to).
    pub fn set_article(&mut self, article: ArticleInput, now_ms: u64) {
        let Some(doc) = article.id.clone() else { return };
        let id = DocId::article(&doc);
        if self.known.get(&id).is_some_and(|k| k.hash.is_some()) {
            return; // the server has it: an article is written once
        }
        self.set_local(id, Body::Article(article), now_ms);
    }

    fn request(&mut self, flight: Flight, method: Method, path: String, root: bool, body: Option<Value>) -> Step {
        self.ticket += 1;
        self.flight = Some((self.ticket, flight));
        Step::Send(Request { ticket: self.ticket, method, path, root, body: body.map(|b| b.to_string()), hold_ms: 0 })
    }

    /// A listen is out (the long-held `_changes`).
    pub fn listening(&self) -> bool {
        matches!(self.flight, Some((_, Flight::Changes { listen: Some(_), .. })))
    }

    /// Local work to send: what cancels a listen.
    fn has_work(&self) -> bool {
        !self.deletes.is_empty() || self.local.keys().any(|id| self.is_dirty(id))
    }

    /// The listen with `ticket` ended at the edge's own time limit without an answer: the
    /// feed was quiet; the next `next` listens again. Another ticket is ignored.
    pub fn lapsed(&mut self, ticket: u64, now_ms: u64) {
        if matches!(self.flight, Some((t, Flight::Changes { listen: Some(_), .. })) if t == ticket) {
            self.flight = None;
            self.idle_until = now_ms;
        }
    }

    /// The next thing to do (see `Step`). Call it after `start`, after each `handle`, when a
    /// `Wait` timer fires, and after a local change.
    pub fn next(&mut self, now_ms: u64) -> Step {
        if !self.running {
            return Step::Stopped;
        }
        if self.flight.is_some() {
            if !(self.listening() && self.has_work()) {
                return Step::Busy;
            }
            // A local change: the listen is cancelled (its answer, if one comes, is ignored)
            // and the change goes without waiting for the server to speak.
            self.flight = None;
            self.idle_until = now_ms;
        }
        if now_ms < self.wait_until {
            return Step::Wait { until_ms: self.wait_until };
        }
        if self.need_session {
            return self.request(Flight::Session, Method::Get, "_session".into(), true, None);
        }
        if !self.to_fetch.is_empty() {
            let mut ids: Vec<DocId> = std::mem::take(&mut self.to_fetch).into_iter().collect();
            self.to_fetch = ids.split_off(ids.len().min(self.cfg.push_batch.max(1))).into_iter().collect();
            let keys: Vec<String> = ids.iter().map(DocId::to_string).collect();
            let path = "_all_docs?include_docs=true&conflicts=true".to_owned();
            return self.request(Flight::Fetch(ids), Method::Post, path, false, Some(json!({ "keys": keys })));
        }
        if !self.to_resolve.is_empty() {
            let winners: Vec<Remote> = self.to_resolve.drain(..).collect();
            let docs: Vec<Value> = winners
                .iter()
                .flat_map(|w| w.conflicts.iter().map(move |rev| json!({ "id": w.id.to_string(), "rev": rev })))
                .collect();
            return self.request(
                Flight::BulkGet(winners),
                Method::Post,
                "_bulk_get".into(),
                false,
                Some(json!({ "docs": docs })),
            );
        }
        if self.pull_due {
            return self.pull();
        }
        let dirty: Vec<DocId> = self.local.keys().filter(|id| self.is_dirty(id)).cloned().collect();
        if !dirty.is_empty() || !self.deletes.is_empty() {
            let ready = self.dirty_since.map_or(now_ms, |t| t + self.cfg.push_delay_ms);
            if now_ms >= ready || !self.deletes.is_empty() {
                return self.push(dirty);
            }
            self.status = Status::Syncing;
            return Step::Wait { until_ms: ready };
        }
        self.dirty_since = None;
        if now_ms >= self.idle_until {
            return self.listen(now_ms);
        }
        if !self.has_refused() {
            self.status = Status::Idle;
        }
        Step::Wait { until_ms: self.idle_until }
    }

    fn pull(&mut self) -> Step {
        let limit = self.cfg.pull_batch.max(1);
        let path = format!(
            "_changes?style=all_docs&include_docs=true&conflicts=true&since={}&limit={limit}",
            since_param(&self.since)
        );
        if !self.has_refused() {
            self.status = Status::Syncing;
        }
        self.request(Flight::Changes { limit, listen: None }, Method::Get, path, false, None)
    }

    /// The long-held `_changes` of an idle page (see the module). No `heartbeat`: CouchDB's
    /// heartbeat overrides `timeout` and would hold the request for ever.
    fn listen(&mut self, now_ms: u64) -> Step {
        let limit = self.cfg.pull_batch.max(1);
        let hold = self.cfg.listen_ms;
        let path = format!(
            "_changes?style=all_docs&include_docs=true&conflicts=true&feed=longpoll&timeout={hold}&since={}&limit={limit}",
            since_param(&self.since)
        );
        // Listening is idle (offline until a listen is answered, after the server went away).
        if !self.offline && !self.has_refused() {
            self.status = Status::Idle;
        }
        let step = self.request(Flight::Changes { limit, listen: Some(now_ms) }, Method::Get, path, false, None);
        match step {
            Step::Send(req) => Step::Send(Request { hold_ms: hold, ..req }),
            other => other,
        }
    }

    /// A batch of changed documents; when none is left, the deletions of conflicts' losing
    /// revisions (after the merges that keep their records are written). Never both in one
    /// request: `_bulk_docs` answers do not keep the request's order (PouchDB Server lists
    /// refusals first), so answers are matched by id, and an id must appear once.
    fn push(&mut self, dirty: Vec<DocId>) -> Step {
        let batch = self.cfg.push_batch.max(1);
        let mut docs = Vec::new();
        let mut sent = Vec::new();
        if dirty.is_empty() {
            let mut seen = BTreeSet::new();
            let mut later = Vec::new();
            for (id, rev) in self.deletes.drain(..) {
                if sent.len() < batch && seen.insert(id.clone()) {
                    docs.push(deletion(&id, &rev));
                    sent.push(Pushed::Delete { id, rev });
                } else {
                    later.push((id, rev));
                }
            }
            self.deletes = later;
        }
        for id in dirty.into_iter().take(batch) {
            let local = &self.local[&id];
            let rev = self.known.get(&id).map(|k| k.rev.as_str());
            docs.push(encode(&id, rev, &local.body));
            let (done, done_t) = done_of(&local.body);
            sent.push(Pushed::Content { id, hash: local.hash, done, done_t });
        }
        self.dirty_since = None;
        if !self.has_refused() {
            self.status = Status::Syncing;
        }
        self.request(Flight::Push(sent), Method::Post, "_bulk_docs".into(), false, Some(json!({ "docs": docs })))
    }

    /// Reads the answer to the request with `ticket`; returns what it brought, in the order
    /// to apply it. An answer to another ticket (a request of an earlier start) is ignored.
    pub fn handle(&mut self, ticket: u64, response: &Response, now_ms: u64) -> Vec<Event> {
        let flight = match self.flight.take() {
            Some((t, f)) if t == ticket => f,
            other => {
                self.flight = other;
                return Vec::new();
            }
        };
        let mut events = Vec::new();
        if !(200..300).contains(&response.status) {
            self.failed(SyncError::from_answer(response.status, &response.body), flight, now_ms);
            return events;
        }
        let body: Value = match serde_json::from_str(&response.body) {
            Ok(v) => v,
            Err(e) => {
                self.failed(SyncError::BadAnswer(e.to_string()), flight, now_ms);
                return events;
            }
        };
        let outcome = match flight {
            Flight::Session => answer::Session::read(body).map_err(SyncError::from).and_then(|a| self.on_session(a)),
            Flight::Changes { limit, listen } => answer::Changes::read(body)
                .map_err(SyncError::from)
                .and_then(|a| self.on_changes(a, limit, listen, now_ms, &mut events)),
            Flight::Fetch(ids) => answer::AllDocs::read(body)
                .map_err(SyncError::from)
                .and_then(|a| self.on_fetch(a, &ids, now_ms, &mut events)),
            Flight::BulkGet(winners) => answer::BulkGet::read(body)
                .map_err(SyncError::from)
                .and_then(|a| self.on_bulk_get(a, winners, now_ms, &mut events)),
            Flight::Push(sent) => answer::BulkDocs::read(body)
                .map_err(SyncError::from)
                .and_then(|a| self.on_push(a, sent, now_ms, &mut events)),
        };
        match outcome {
            Ok(()) => {
                self.cfg.backoff.succeed();
                if self.offline {
                    self.offline = false;
                    self.status = Status::Syncing;
                }
                if self.has_refused() {
                    self.status = Status::Error;
                } else {
                    self.error = None;
                }
            }
            Err(e) => self.halt(e),
        }
        events
    }

    fn failed(&mut self, err: SyncError, flight: Flight, now_ms: u64) {
        // Put the work back: it is asked again after the delay.
        match flight {
            Flight::Fetch(ids) => self.to_fetch.extend(ids),
            Flight::BulkGet(winners) => self.to_resolve.extend(winners),
            Flight::Push(sent) => {
                for p in sent {
                    if let Pushed::Delete { id, rev } = p {
                        self.deletes.push((id, rev));
                    }
                }
                self.dirty_since = Some(now_ms);
            }
            Flight::Session | Flight::Changes { .. } => {}
        }
        if err == SyncError::Quota && self.cfg.push_batch > 1 {
            // A batch too large: smaller batches, after a while.
            self.cfg.push_batch = (self.cfg.push_batch / 2).max(1);
            self.wait_until = now_ms + self.cfg.backoff.fail();
            self.error = Some(err);
            self.status = Status::Error;
            return;
        }
        if err.transient() {
            self.wait_until = now_ms + self.cfg.backoff.fail();
            self.offline = true;
            self.status = Status::Offline;
            self.error = Some(err);
        } else {
            self.halt(err);
        }
    }

    fn halt(&mut self, err: SyncError) {
        self.running = false;
        self.flight = None;
        self.status = Status::Error;
        self.error = Some(err);
    }

    fn on_session(&mut self, answer: answer::Session) -> Result<(), SyncError> {
        let ctx = answer.user_ctx;
        let admin = ctx.has_role("_admin");
        match ctx.name.as_deref() {
            None if !admin => return Err(SyncError::Unauthorized("log in to sync".into())),
            Some(n) if n != self.cfg.annotator && !admin => {
                return Err(SyncError::OtherUser { session: n.to_owned(), annotator: self.cfg.annotator.clone() })
            }
            _ => {}
        }
        self.curator = admin || ctx.has_role("curator");
        self.need_session = false;
        Ok(())
    }

    fn on_changes(
        &mut self,
        answer: answer::Changes,
        limit: usize,
        listen: Option<u64>,
        now_ms: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), SyncError> {
        for row in &answer.results {
            let Some(id) = DocId::parse(&row.id) else { continue };
            match row.doc() {
                Some(doc) if !row.deleted => self.arrived(doc, now_ms, events),
                _ => self.gone(id, row.rev().to_owned(), events),
            }
        }
        if let Some(seq) = answer.last_seq {
            self.since = Some(seq);
        }
        self.pull_due = match answer.pending {
            Some(p) => p > 0,
            None => answer.results.len() >= limit,
        };
        if self.pull_due {
            self.pulled += answer.results.len() as u64;
            self.waiting = answer.pending;
        } else {
            self.pulled = 0;
            self.waiting = None;
        }
        if !self.pull_due {
            // Listen again at once, unless the server answered a listen at once with nothing
            // (it does not hold): then ask again after `poll_ms`.
            let held = listen.is_some_and(|sent| now_ms.saturating_sub(sent) >= self.cfg.listen_ms / 2);
            self.idle_until = match listen {
                Some(_) if answer.results.is_empty() && !held => now_ms + self.cfg.poll_ms,
                _ => now_ms,
            };
        }
        events.push(Event::Checkpoint);
        Ok(())
    }

    /// A document from the server (a change, a fetch).
    fn arrived(&mut self, doc: &Value, now_ms: u64, events: &mut Vec<Event>) {
        match decode(doc) {
            Ok(remote) if !remote.conflicts.is_empty() && self.writable(&remote.id) => self.to_resolve.push(remote),
            Ok(remote) => match remote.body {
                Some(_) => self.integrate(remote, None, now_ms, events),
                None => self.gone(remote.id, remote.rev, events),
            },
            Err(DecodeError::NotOurs(_)) => {}
            Err(DecodeError::Bad { id, why }) => events.push(Event::Skipped { id, why }),
        }
    }

    /// A deleted document: a colleague's goes from their layer; one of ours is written
    /// again over the deletion (local storage is the page's truth).
    fn gone(&mut self, id: DocId, rev: String, events: &mut Vec<Event>) {
        if self.writable(&id) {
            self.known.insert(id, KnownRev { rev, hash: None, done: false, done_t: 0 });
        } else if let DocId::Ann { annotator, doc } = id {
            events.push(Event::LayerRemoved { annotator, doc });
        }
    }

    /// Takes the server's content of a document: ours merged with it, or theirs as it is.
    /// `server_hash`: the content the revision holds when `remote.body` is not it (a
    /// conflict's merge, still to be written).
    fn integrate(&mut self, remote: Remote, server_hash: Option<u64>, now_ms: u64, events: &mut Vec<Event>) {
        let Some(body) = remote.body else { return };
        let id = remote.id;
        if !self.writable(&id) {
            match (id, body) {
                (DocId::Ann { annotator, doc }, Body::Sheet(sheet)) => {
                    events.push(Event::Layer { annotator, doc, sheet })
                }
                (DocId::Gold { doc }, Body::Sheet(sheet)) => events.push(Event::Gold { doc, sheet }),
                (DocId::Article { .. }, Body::Article(a)) => events.push(Event::Article(a)),
                _ => {}
            }
            return;
        }
        let hash = server_hash.unwrap_or_else(|| content_hash(&id, &body));
        let (done, done_t) = done_of(&body);
        self.known.insert(id.clone(), KnownRev { rev: remote.rev, hash: Some(hash), done, done_t });
        let merged = match (self.local.get(&id).map(|l| &l.body), body) {
            (Some(Body::Sheet(mine)), Body::Sheet(theirs)) => {
                let m = merge_sheets(mine, &theirs);
                (m != *mine).then_some(Body::Sheet(m))
            }
            (None, b @ Body::Sheet(_)) => Some(b),
            // An article is written once: the server's copy is the one.
            (Some(Body::Article(_)), b @ Body::Article(_)) => {
                self.local.insert(id.clone(), Local { hash: content_hash(&id, &b), body: b });
                None
            }
            (None, b @ Body::Article(_)) => Some(b),
            _ => None,
        };
        if let Some(body) = merged {
            match (&id, &body) {
                (DocId::Ann { doc, .. }, Body::Sheet(s)) => {
                    events.push(Event::Own { doc: doc.clone(), sheet: s.clone() })
                }
                (DocId::Gold { doc }, Body::Sheet(s)) => {
                    events.push(Event::Gold { doc: doc.clone(), sheet: s.clone() })
                }
                (DocId::Article { .. }, Body::Article(a)) => events.push(Event::Article(a.clone())),
                _ => {}
            }
            self.local.remove(&id);
            self.set_local(id, body, now_ms);
        }
    }

    fn on_fetch(
        &mut self,
        answer: answer::AllDocs,
        ids: &[DocId],
        now_ms: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), SyncError> {
        for row in &answer.rows {
            let Some(id) = DocId::parse(&row.key) else { continue };
            if !ids.contains(&id) {
                continue;
            }
            if let Some(doc) = row.doc() {
                self.arrived(doc, now_ms, events);
            } else if let Some(value) = &row.value {
                self.gone(id, value.rev.clone(), events);
            } else {
                // not_found: never written, or purged: written afresh.
                self.known.remove(&id);
            }
        }
        events.push(Event::Checkpoint);
        Ok(())
    }

    fn on_bulk_get(
        &mut self,
        answer: answer::BulkGet,
        winners: Vec<Remote>,
        now_ms: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), SyncError> {
        let mut losers: BTreeMap<DocId, Vec<Remote>> = BTreeMap::new();
        for doc in answer.docs() {
            match decode(doc) {
                Ok(l) => losers.entry(l.id.clone()).or_default().push(l),
                Err(DecodeError::Bad { id, why }) => events.push(Event::Skipped { id, why }),
                Err(DecodeError::NotOurs(_)) => {}
            }
        }
        for winner in winners {
            let theirs = losers.remove(&winner.id).unwrap_or_default();
            let server_hash = winner.body.as_ref().map(|b| content_hash(&winner.id, b));
            let Some(res) = resolve(&winner, &theirs) else { continue };
            for rev in &res.losers {
                self.deletes.push((winner.id.clone(), rev.clone()));
            }
            let merged = Remote { id: winner.id, rev: res.winner_rev, conflicts: Vec::new(), body: Some(res.merged) };
            self.integrate(merged, server_hash, now_ms, events);
        }
        events.push(Event::Checkpoint);
        Ok(())
    }

    fn on_push(
        &mut self,
        answer: answer::BulkDocs,
        sent: Vec<Pushed>,
        now_ms: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), SyncError> {
        let by_id: BTreeMap<&str, &answer::BulkDocsRow> = answer.rows.iter().map(|r| (r.id.as_str(), r)).collect();
        let mut stop = None;
        for p in sent {
            let (id, content) = match p {
                Pushed::Content { id, hash, done, done_t } => (id, Some((hash, done, done_t))),
                Pushed::Delete { id, .. } => (id, None),
            };
            let Some(row) = by_id.get(id.to_string().as_str()) else { continue };
            let error = row.error.as_deref();
            let reason = || row.reason.clone().unwrap_or_default();
            match (error, content) {
                (Some("unauthorized"), _) => stop = Some(SyncError::Unauthorized(reason())),
                // A losing revision gone already, or refused: nothing to keep of it.
                (_, None) => {}
                (None, Some((hash, done, done_t))) => {
                    self.refused.remove(&id);
                    let rev = row.rev.clone().unwrap_or_default();
                    self.known.insert(id, KnownRev { rev, hash: Some(hash), done, done_t });
                }
                (Some("conflict"), Some(_)) => {
                    self.to_fetch.insert(id);
                }
                (Some(_), Some((hash, ..))) => {
                    self.refused.insert(id, hash);
                    self.error = Some(SyncError::Forbidden(reason()));
                }
            }
        }
        if self.local.keys().any(|id| self.is_dirty(id)) {
            // The rest of a long queue goes at once.
            self.dirty_since = Some(now_ms.saturating_sub(self.cfg.push_delay_ms));
        }
        events.push(Event::Checkpoint);
        stop.map_or(Ok(()), Err)
    }
}
