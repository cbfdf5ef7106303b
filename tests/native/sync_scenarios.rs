//! Scenarios of the team sync (`core::sync`), shared by the recorder
//! (`examples/sync_record.rs`, against a real PouchDB Server, which writes
//! `tests/data/sync/<scenario>.json`) and the replay tests (`sync_replay.rs`, against those
//! recorded answers). A `Browser` is what the page's edge would be: a replicator, the page's
//! own records, gold, colleagues' layers and articles, the saved checkpoint, and a clock
//! that only moves when the scenario says (or to a `Wait` the replicator asks for).
#![allow(dead_code)]

use std::collections::BTreeMap;

use annotator_core::annotations::Annotation;
use annotator_core::document::ArticleInput;
use annotator_core::sync::{
    login_request, logout_request, Checkpoint, Config, Event, Method, Replicator, Request, Response, Sheet,
    SheetBounds, Status, Step,
};

/// Carries requests to the server (or to the recording of its answers).
pub trait Transport {
    /// Sends `req` for `browser` to database `db` (or its server's root, `req.root`). The
    /// transport keeps each browser's session cookie, as a browser does.
    fn send(&mut self, browser: &str, db: &str, req: &Request) -> Response;
}

/// The time every scenario starts at (ms since the epoch).
pub const T0: u64 = 1_764_000_000_000;

/// The set-up requests of a server admin (not the page's): basic auth as `admin`.
pub fn admin(t: &mut dyn Transport, method: Method, path: &str, root: bool, body: Option<String>) -> Response {
    t.send("admin", "", &Request { ticket: 0, method, path: path.into(), root, body, hold_ms: 0 })
}

/// Writes documents as the admin (`new_edits: false` keeps the given revisions: conflicts).
pub fn admin_bulk(t: &mut dyn Transport, db: &str, docs: serde_json::Value, new_edits: bool) -> Response {
    let body = serde_json::json!({ "docs": docs, "new_edits": new_edits }).to_string();
    admin(t, Method::Post, &format!("{db}/_bulk_docs"), true, Some(body))
}

/// Creates the team's users (as documents of `_users`) and database `db` with the design
/// document.
pub fn set_up(t: &mut dyn Transport, db: &str) {
    let users: Vec<serde_json::Value> = [("maria", vec![]), ("ben", vec![]), ("cora", vec!["curator"])]
        .iter()
        .map(|(n, roles)| {
            serde_json::json!({ "_id": format!("org.couchdb.user:{n}"), "name": n, "password": format!("pw-{n}"), "roles": roles, "type": "user" })
        })
        .collect();
    admin(t, Method::Post, "_users/_bulk_docs", true, Some(serde_json::json!({ "docs": users }).to_string()));
    create_db(t, db);
}

/// Creates database `db` with the design document (`couchdb/design.json`).
pub fn create_db(t: &mut dyn Transport, db: &str) {
    admin(t, Method::Put, db, true, None);
    let design = include_str!("../../couchdb/design.json");
    admin(t, Method::Put, &format!("{db}/_design/sentence-annotator"), true, Some(design.to_owned()));
}

/// One page in one browser.
pub struct Browser {
    /// The browser (its cookie jar, for the transport).
    pub name: String,
    /// What the scenario's outcome calls it (the name, or e.g. "maria-b-reloaded").
    pub label: String,
    pub user: String,
    pub db: String,
    pub rep: Replicator,
    /// The page's own records and done mark, by document.
    pub own: BTreeMap<String, Sheet>,
    pub gold: BTreeMap<String, Sheet>,
    pub layers: BTreeMap<(String, String), Sheet>,
    pub articles: BTreeMap<String, ArticleInput>,
    /// What the page would keep under `sa/v1/sync`.
    pub saved: Option<String>,
    pub now: u64,
    /// Every request it sent, with the answer's status.
    pub sent: Vec<(Request, u16)>,
    pub events: Vec<Event>,
    /// The listen the replicator asked for while idle, not sent yet: the page's request the
    /// server holds until something changes. The next `sync` sends it (the scenario makes a
    /// change on the server first, so it is answered at once); a local change cancels it.
    pub held: Option<Request>,
}

impl Browser {
    /// A browser of `user` (their page's annotator name) on database `db`, from a saved
    /// checkpoint (a reload) or afresh.
    pub fn new(name: &str, user: &str, db: &str, saved: Option<String>, now: u64) -> Browser {
        let cp = saved.as_deref().and_then(|s| Checkpoint::decode(s).ok());
        let rep = Replicator::new(Config::new(user), db, cp);
        Browser {
            name: name.into(),
            label: name.into(),
            user: user.into(),
            db: db.into(),
            rep,
            own: BTreeMap::new(),
            gold: BTreeMap::new(),
            layers: BTreeMap::new(),
            articles: BTreeMap::new(),
            saved,
            now,
            sent: Vec::new(),
            events: Vec::new(),
            held: None,
        }
    }

    /// The same browser reloaded: its stored work, checkpoint and cookie, a new replicator.
    pub fn reload(&self) -> Browser {
        let mut b = Browser::new(&self.name, &self.user, &self.db, self.saved.clone(), self.now + 1_000);
        b.own = self.own.clone();
        b.gold = self.gold.clone();
        b.layers = self.layers.clone();
        b.articles = self.articles.clone();
        for doc in b.own.keys().cloned().collect::<Vec<_>>() {
            b.report_own(&doc);
        }
        for doc in b.gold.keys().cloned().collect::<Vec<_>>() {
            b.report_gold(&doc);
        }
        for a in b.articles.values().cloned().collect::<Vec<_>>() {
            b.rep.set_article(a, b.now);
        }
        b
    }

    fn report_own(&mut self, doc: &str) {
        let s = &self.own[doc];
        let bounds = SheetBounds { spans: s.bounds.clone(), t: s.bounds_t };
        self.rep.set_own(doc, &s.records, &s.orphans, s.done, &bounds, self.now);
    }

    fn report_gold(&mut self, doc: &str) {
        let s = &self.gold[doc];
        let bounds = SheetBounds { spans: s.bounds.clone(), t: s.bounds_t };
        self.rep.set_gold(doc, &s.records, &s.orphans, &bounds, self.now);
    }

    /// Logs in as `user` (password `pw-<user>`, or `password`).
    pub fn login(&mut self, t: &mut dyn Transport, password: Option<&str>) -> Response {
        let pw = password.map_or_else(|| format!("pw-{}", self.user), str::to_owned);
        let req = login_request(&self.user, &pw);
        let resp = t.send(&self.name, &self.db, &req);
        self.sent.push((req, resp.status));
        resp
    }

    /// Stop sync (or Log out): the replicator stops and the session ends (`DELETE
    /// /_session`; the transport's cookie jar takes the expired cookie, as a browser does).
    pub fn stop_and_log_out(&mut self, t: &mut dyn Transport) -> Response {
        self.rep.stop();
        self.held = None;
        let req = logout_request();
        let resp = t.send(&self.name, &self.db, &req);
        self.sent.push((req, resp.status));
        resp
    }

    /// Who the browser's cookie logs in (`GET /_session`, as the replicator asks it).
    pub fn who(&mut self, t: &mut dyn Transport) -> Response {
        let req =
            Request { ticket: 0, method: Method::Get, path: "_session".into(), root: true, body: None, hold_ms: 0 };
        let resp = t.send(&self.name, &self.db, &req);
        self.sent.push((req, resp.status));
        resp
    }

    /// The person sets `labels` on sentence `index` of `doc` (empty: none applies), one
    /// second later than the last thing they did.
    pub fn label(&mut self, doc: &str, index: usize, labels: &[&str]) {
        self.now += 1_000;
        let rec = Annotation {
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            none: labels.is_empty(),
            updated: self.now,
            fingerprint: format!("{:08x}", index),
            ..Default::default()
        };
        self.own
            .entry(doc.into())
            .or_insert_with(|| Sheet { seg: annotator_core::segment::SEGMENTER.into(), ..Default::default() });
        self.own.get_mut(doc).unwrap().records.insert(index, rec);
        self.report_own(doc);
    }

    pub fn mark_done(&mut self, doc: &str, done: bool) {
        self.now += 1_000;
        self.own
            .entry(doc.into())
            .or_insert_with(|| Sheet { seg: annotator_core::segment::SEGMENTER.into(), ..Default::default() });
        self.own.get_mut(doc).unwrap().done = done;
        self.report_own(doc);
    }

    pub fn set_gold(&mut self, doc: &str, index: usize, labels: &[&str]) {
        self.now += 1_000;
        let rec = Annotation {
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            updated: self.now,
            ..Default::default()
        };
        self.gold
            .entry(doc.into())
            .or_insert_with(|| Sheet { seg: annotator_core::segment::SEGMENTER.into(), ..Default::default() });
        self.gold.get_mut(doc).unwrap().records.insert(index, rec);
        self.report_gold(doc);
    }

    pub fn import(&mut self, id: &str, title: &str, text: &str) {
        let a =
            ArticleInput { id: Some(id.into()), title: Some(title.into()), text: text.into(), ..Default::default() };
        self.articles.insert(id.into(), a.clone());
        self.rep.set_article(a, self.now);
    }

    pub fn start(&mut self) {
        self.rep.start(self.now);
        self.held = None;
    }

    /// Runs the replicator until it is idle (listening: its listen held, unsent), offline,
    /// stopped or in error; time jumps to every wait it asks for before that (a push's
    /// delay). A listen held by the last `sync` is sent first, unless a local change
    /// cancelled it (as the page aborts it).
    pub fn sync(&mut self, t: &mut dyn Transport) {
        for _ in 0..10_000 {
            let step = self.rep.next(self.now);
            let (step, held) = match (step, self.held.take()) {
                (Step::Busy, Some(req)) => (Step::Send(req), true),
                (step, _) => (step, false),
            };
            match step {
                Step::Send(req) if req.hold_ms > 0 && !held => {
                    self.held = Some(req);
                    return;
                }
                Step::Send(req) => {
                    let resp = t.send(&self.name, &self.db, &req);
                    self.sent.push((req.clone(), resp.status));
                    let events = self.rep.handle(req.ticket, &resp, self.now);
                    self.apply(events);
                    self.now += 10;
                }
                Step::Wait { until_ms } => {
                    if matches!(self.rep.status(), Status::Idle | Status::Offline | Status::Error) {
                        return;
                    }
                    self.now = until_ms;
                }
                Step::Busy => panic!("busy with no request out"),
                Step::Stopped => return,
            }
        }
        panic!("{}: the sync never settles", self.name);
    }

    /// The poll interval passes (an idle page asks for changes again).
    pub fn later(&mut self, ms: u64) {
        self.now += ms;
    }

    fn apply(&mut self, events: Vec<Event>) {
        for e in events {
            match &e {
                Event::Own { doc, sheet } => {
                    self.own.insert(doc.clone(), sheet.clone());
                    self.report_own(doc);
                }
                Event::Gold { doc, sheet } => {
                    self.gold.insert(doc.clone(), sheet.clone());
                    if self.rep.curator() {
                        self.report_gold(doc);
                    }
                }
                Event::Layer { annotator, doc, sheet } => {
                    self.layers.insert((annotator.clone(), doc.clone()), sheet.clone());
                }
                Event::LayerRemoved { annotator, doc } => {
                    self.layers.remove(&(annotator.clone(), doc.clone()));
                }
                Event::Article(a) => {
                    self.articles.entry(a.id.clone().unwrap_or_default()).or_insert_with(|| a.clone());
                }
                Event::Skipped { .. } => {}
                Event::Checkpoint => self.saved = Some(self.rep.checkpoint().encode()),
            }
            self.events.push(e);
        }
    }

    /// The paths of the requests sent since `from` (an index into `sent`).
    pub fn paths_since(&self, from: usize) -> Vec<String> {
        self.sent[from..].iter().map(|(r, _)| r.path.split('?').next().unwrap_or_default().to_owned()).collect()
    }
}

/// What each scenario found, for the replay tests to check.
pub struct Outcome {
    pub browsers: BTreeMap<String, Browser>,
    /// Set-up or check answers by name (admin reads after the sync).
    pub checks: BTreeMap<String, Response>,
}

pub const SCENARIOS: [&str; 6] = ["team", "two_browsers", "conflicts", "errors", "logout", "live"];

pub fn run(name: &str, t: &mut dyn Transport) -> Outcome {
    match name {
        "team" => team(t),
        "two_browsers" => two_browsers(t),
        "conflicts" => conflicts(t),
        "errors" => errors(t),
        "logout" => logout(t),
        "live" => live(t),
        _ => panic!("no scenario {name}"),
    }
}

fn outcome(bs: Vec<Browser>, checks: Vec<(&str, Response)>) -> Outcome {
    Outcome {
        browsers: bs.into_iter().map(|b| (b.label.clone(), b)).collect(),
        checks: checks.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
    }
}

/// A curator imports articles and sets gold; two annotators label; a fresh browser of one
/// of them receives everything, and after a reload sends nothing again.
fn team(t: &mut dyn Transport) -> Outcome {
    set_up(t, "team");
    let mut cora = Browser::new("cora", "cora", "team", None, T0);
    cora.login(t, None);
    cora.import("d1", "First", "One here. Two here. Three here.");
    cora.import("d2", "Second", "Four here. Five here.");
    cora.set_gold("d1", 0, &["claim"]);
    cora.start();
    cora.sync(t);

    let mut maria = Browser::new("maria-a", "maria", "team", None, T0 + 60_000);
    maria.login(t, None);
    maria.label("d1", 0, &["claim"]);
    maria.label("d1", 1, &[]);
    maria.mark_done("d2", true);
    maria.start();
    maria.sync(t);

    let mut ben = Browser::new("ben", "ben", "team", None, T0 + 120_000);
    ben.login(t, None);
    ben.label("d1", 0, &["denial"]);
    ben.start();
    ben.sync(t);

    let mut fresh = Browser::new("maria-b", "maria", "team", None, T0 + 180_000);
    fresh.login(t, None);
    fresh.start();
    fresh.sync(t);

    let mut reloaded = fresh.reload();
    reloaded.label = "maria-b-reloaded".into();
    reloaded.start();
    reloaded.sync(t);

    // One label changed: one small request.
    maria.later(60_000);
    maria.label("d1", 2, &["demand"]);
    maria.sync(t);
    outcome(vec![cora, maria, ben, fresh, reloaded], vec![])
}

/// The same annotator in two browsers, both changing one document: the second push meets
/// a newer revision (409), reads it, merges per sentence and sends the merge; both converge.
fn two_browsers(t: &mut dyn Transport) -> Outcome {
    set_up(t, "team");
    let mut a = Browser::new("maria-a", "maria", "team", None, T0);
    a.login(t, None);
    a.label("d1", 0, &["claim"]);
    a.start();
    a.sync(t);
    let mut b = Browser::new("maria-b", "maria", "team", None, T0 + 10_000);
    b.login(t, None);
    b.start();
    b.sync(t);
    // Both idle; each changes something; the same sentence too (b later: b wins it).
    a.label("d1", 1, &["claim"]);
    a.label("d1", 3, &["claim"]);
    b.now = a.now + 5_000;
    b.label("d1", 2, &["demand"]);
    b.label("d1", 3, &["denial"]);
    b.label("d1", 0, &[]);
    a.sync(t);
    b.sync(t);
    a.later(31_000);
    a.sync(t);
    outcome(vec![a, b], vec![])
}

/// A document with conflicting revisions (as CouchDB replication leaves them): its writer
/// merges them with its own work, writes the merge and deletes the losing revisions.
fn conflicts(t: &mut dyn Transport) -> Outcome {
    set_up(t, "team");
    let rec =
        |labels: &[&str], ts: u64, none: bool| serde_json::json!({ "l": labels, "z": none, "t": ts, "h": "00000000" });
    let doc = |rev: &str, s: serde_json::Value| serde_json::json!({ "_id": "ann:maria:d1", "_rev": rev, "type": "ann", "annotator": "maria", "doc": "d1", "seg": annotator_core::segment::SEGMENTER, "s": s });
    let revs = serde_json::json!([
        doc("1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", serde_json::json!({ "0": rec(&["claim"], T0 - 50_000, false) })),
        doc(
            "1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            serde_json::json!({ "0": rec(&[], T0 - 90_000, true), "1": rec(&["denial"], T0 - 40_000, false) })
        ),
    ]);
    let written = admin_bulk(t, "team", revs, false);
    let before = admin(t, Method::Get, "team/ann:maria:d1?conflicts=true", true, None);
    let mut a = Browser::new("maria-a", "maria", "team", None, T0);
    a.login(t, None);
    a.label("d1", 2, &["demand"]);
    a.start();
    a.sync(t);
    let after = admin(t, Method::Get, "team/ann:maria:d1?conflicts=true", true, None);
    outcome(vec![a], vec![("written", written), ("before", before), ("after", after)])
}

/// What the page shows when it cannot sync: not logged in, logged in as someone else, no
/// such database, a wrong password, and a curator whose role was taken away (each gold
/// document refused alone, the rest goes on).
fn errors(t: &mut dyn Transport) -> Outcome {
    set_up(t, "team");
    let mut anon = Browser::new("anon", "maria", "team", None, T0);
    anon.start();
    anon.sync(t);
    let mut other = Browser::new("maria-as-ben", "ben", "team", None, T0);
    other.user = "maria".into();
    other.login(t, None);
    other.start();
    other.sync(t);
    let mut nodb = Browser::new("maria-nodb", "maria", "nodb", None, T0);
    nodb.login(t, None);
    nodb.start();
    nodb.sync(t);
    let mut wrong = Browser::new("maria-wrong", "maria", "team", None, T0);
    let bad_login = wrong.login(t, Some("nope"));
    let mut cora = Browser::new("cora", "cora", "team", None, T0);
    cora.login(t, None);
    cora.label("d1", 0, &["claim"]);
    cora.start();
    cora.sync(t);
    // The role goes: cora is an annotator now.
    let user = admin(t, Method::Get, "_users/org.couchdb.user:cora", true, None);
    let mut doc: serde_json::Value = serde_json::from_str(&user.body).unwrap();
    doc["roles"] = serde_json::json!([]);
    admin(t, Method::Post, "_users/_bulk_docs", true, Some(serde_json::json!({ "docs": [doc] }).to_string()));
    cora.set_gold("d1", 0, &["claim"]);
    cora.label("d1", 1, &["denial"]);
    cora.sync(t);
    outcome(vec![anon, other, nodb, cora], vec![("bad_login", bad_login)])
}

/// Stop sync ends the session: after its `DELETE /_session` the browser's cookie logs nobody
/// in, so a start without the password is refused (401) and nothing is sent; logging in
/// again (the same browser reloaded) brings the sync back, with the work done meanwhile.
fn logout(t: &mut dyn Transport) -> Outcome {
    set_up(t, "team");
    let mut maria = Browser::new("maria", "maria", "team", None, T0);
    maria.login(t, None);
    maria.label("d1", 0, &["claim"]);
    maria.start();
    maria.sync(t);
    let before = maria.who(t);
    let logout = maria.stop_and_log_out(t);
    let after = maria.who(t);
    maria.label("d1", 1, &["denial"]);
    maria.start();
    maria.sync(t);
    let mut again = maria.reload();
    again.label = "maria-again".into();
    again.login(t, None);
    again.start();
    again.sync(t);
    outcome(vec![maria, again], vec![("before", before), ("logout", logout), ("after", after)])
}

/// An idle page listens (`_changes?feed=longpoll`): a colleague's decision is the answer to
/// the listen out, and the page listens again; a change of its own cancels the listen (the
/// page aborts it) and goes at once.
fn live(t: &mut dyn Transport) -> Outcome {
    set_up(t, "team");
    let mut maria = Browser::new("maria", "maria", "team", None, T0);
    maria.login(t, None);
    maria.label("d1", 0, &["claim"]);
    maria.start();
    maria.sync(t);
    let mut ben = Browser::new("ben", "ben", "team", None, T0);
    ben.login(t, None);
    ben.start();
    ben.sync(t);
    // Both listening. ben decides: his push is the answer to maria's listen.
    ben.label("d1", 0, &["denial"]);
    ben.sync(t);
    maria.sync(t);
    // maria decides: her listen is cancelled, her change goes, ben's listen brings it.
    maria.label("d1", 1, &["demand"]);
    maria.sync(t);
    ben.sync(t);
    outcome(vec![maria, ben], vec![])
}
