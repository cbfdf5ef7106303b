//! The team sync (`core::sync`) replayed against answers recorded from a real PouchDB Server
//! (`tests/data/sync/*.json`, made by `scripts/record_sync.py` from the scenarios of
//! `sync_scenarios.rs`): every request the replicator makes must be the one recorded (a
//! change of protocol fails here until the fixtures are recorded again), and each scenario's
//! outcome is checked: who received what, what was sent and what not, the errors in words.
//! Then what a server cannot be made to do on cue: going away, a stale answer, a full quota.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::sync_scenarios::{run, Browser, Outcome, Transport, SCENARIOS, T0};
use annotator_core::annotations::{Annotation, DocAnnotations};
use annotator_core::sync::{
    CatchUp, Config, Event, Method, Replicator, Request, Response, SheetBounds, Status, Step, SyncError,
};

struct Replay {
    name: &'static str,
    exchanges: Vec<Value>,
    at: usize,
}

fn fixture(name: &str) -> &'static str {
    match name {
        "team" => include_str!("../data/sync/team.json"),
        "two_browsers" => include_str!("../data/sync/two_browsers.json"),
        "conflicts" => include_str!("../data/sync/conflicts.json"),
        "errors" => include_str!("../data/sync/errors.json"),
        "logout" => include_str!("../data/sync/logout.json"),
        "live" => include_str!("../data/sync/live.json"),
        _ => panic!("no fixture {name}"),
    }
}

impl Replay {
    fn new(name: &'static str) -> Replay {
        let file: Value = serde_json::from_str(fixture(name)).unwrap();
        let exchanges = file["exchanges"].as_array().unwrap().clone();
        Replay { name, exchanges, at: 0 }
    }
}

impl Transport for Replay {
    fn send(&mut self, browser: &str, db: &str, req: &Request) -> Response {
        let Some(e) = self.exchanges.get(self.at) else {
            panic!(
                "{}: request {} ({} {}) beyond the recording; run scripts/record_sync.py",
                self.name,
                self.at,
                req.method.as_str(),
                req.path
            )
        };
        self.at += 1;
        let body = req.body.as_deref().map(|b| serde_json::from_str::<Value>(b).unwrap());
        let got = (browser, db, req.method.as_str(), req.path.as_str(), req.root, body.unwrap_or(Value::Null));
        let want = (
            e["browser"].as_str().unwrap(),
            e["db"].as_str().unwrap(),
            e["method"].as_str().unwrap(),
            e["path"].as_str().unwrap(),
            e["root"].as_bool().unwrap(),
            e["body"].clone(),
        );
        assert_eq!(
            got,
            want,
            "{}: request {} differs from the recording; run scripts/record_sync.py",
            self.name,
            self.at - 1
        );
        let answer = match e.get("answer") {
            Some(v) => v.to_string(),
            None => e["answer_text"].as_str().unwrap_or_default().to_owned(),
        };
        Response { status: e["status"].as_u64().unwrap() as u16, body: answer }
    }
}

fn replay(name: &'static str) -> Outcome {
    let mut t = Replay::new(name);
    let out = run(name, &mut t);
    assert_eq!(t.at, t.exchanges.len(), "{name}: recorded requests left unasked");
    out
}

fn labels(b: &Browser, doc: &str) -> BTreeMap<usize, (Vec<String>, bool)> {
    b.own[doc].records.iter().map(|(i, a)| (*i, (a.labels.clone(), a.none))).collect()
}

fn l(labels: &[&str]) -> (Vec<String>, bool) {
    (labels.iter().map(|s| (*s).to_owned()).collect(), labels.is_empty())
}

fn sent_paths(b: &Browser) -> Vec<String> {
    b.paths_since(0)
}

#[test]
fn every_scenario_has_its_recording() {
    for name in SCENARIOS {
        let file: Value = serde_json::from_str(fixture(name)).unwrap();
        assert_eq!(file["scenario"], name);
    }
}

#[test]
fn a_team_shares_articles_gold_and_work_and_a_reload_sends_nothing_again() {
    let out = replay("team");
    let b = &out.browsers;
    assert_eq!(b["cora"].rep.status(), Status::Idle);
    assert!(b["cora"].rep.curator());
    // maria (not a curator) received the articles and the gold, read-only.
    let maria = &b["maria-a"];
    assert_eq!(maria.articles.keys().collect::<Vec<_>>(), ["d1", "d2"]);
    assert_eq!(maria.gold["d1"].records[&0].labels, ["claim"]);
    assert!(!maria.rep.curator());
    // ben sees maria's work as her layer.
    let ben = &b["ben"];
    assert_eq!(ben.layers[&("maria".to_owned(), "d1".to_owned())].records[&0].labels, ["claim"]);
    assert!(ben.layers[&("maria".to_owned(), "d2".to_owned())].done);
    // A fresh browser of maria's receives her work (as her own), ben's layer, the corpus and
    // the gold, and sends nothing back.
    let fresh = &b["maria-b"];
    assert_eq!(labels(fresh, "d1"), BTreeMap::from([(0, l(&["claim"])), (1, l(&[]))]));
    assert!(fresh.own["d2"].done);
    assert_eq!(fresh.layers[&("ben".to_owned(), "d1".to_owned())].records[&0].labels, ["denial"]);
    assert_eq!(fresh.articles.len(), 2);
    assert_eq!(fresh.gold.len(), 1);
    assert!(!sent_paths(fresh).contains(&"_bulk_docs".to_owned()), "{:?}", sent_paths(fresh));
    // Reloaded: the checkpoint says what the server has: one look at the changes, nothing sent.
    let reloaded = &b["maria-b-reloaded"];
    assert_eq!(sent_paths(reloaded), ["_session", "_changes"]);
    assert_eq!(reloaded.rep.unsent(), 0);
    assert!(reloaded.sent[1].0.path.contains(&format!("since={}", 7)), "{}", reloaded.sent[1].0.path);
    // One label changed: one document on the wire.
    let (last_push, status) = maria.sent.iter().rev().find(|(r, _)| r.path == "_bulk_docs").unwrap();
    assert_eq!(*status, 201);
    let body: Value = serde_json::from_str(last_push.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["docs"].as_array().unwrap().len(), 1);
    let bytes = last_push.body.as_ref().unwrap().len();
    println!("one label change on the wire: {bytes} bytes of request body (3 records)");
    assert!(bytes < 600, "{bytes}");
}

#[test]
fn the_same_annotator_in_two_browsers_converges_per_sentence() {
    let out = replay("two_browsers");
    let (a, b) = (&out.browsers["maria-a"], &out.browsers["maria-b"]);
    assert_eq!(a.own["d1"], b.own["d1"], "both hold the same sheet");
    assert_eq!(
        labels(a, "d1"),
        BTreeMap::from([(0, l(&[])), (1, l(&["claim"])), (2, l(&["demand"])), (3, l(&["denial"]))]),
        "each sentence's latest change, whichever browser made it"
    );
    // b's push met a's newer revision: 409, read it again, merged, sent the merge.
    let paths = sent_paths(b);
    let tail: Vec<&str> = paths.iter().rev().take(3).rev().map(String::as_str).collect();
    assert_eq!(tail, ["_bulk_docs", "_all_docs", "_bulk_docs"]);
    assert_eq!(b.sent.iter().filter(|(r, s)| r.path == "_bulk_docs" && *s == 201).count(), 2);
    assert!(a.events.iter().any(|e| matches!(e, Event::Own { doc, .. } if doc == "d1")));
    assert_eq!((a.rep.unsent(), b.rep.unsent()), (0, 0));
}

#[test]
fn a_conflict_is_merged_and_its_losing_revisions_deleted() {
    let out = replay("conflicts");
    let before: Value = serde_json::from_str(&out.checks["before"].body).unwrap();
    assert_eq!(before["_conflicts"].as_array().unwrap().len(), 1, "the recording starts with a conflict");
    let a = &out.browsers["maria-a"];
    assert_eq!(
        labels(a, "d1"),
        BTreeMap::from([(0, l(&["claim"])), (1, l(&["denial"])), (2, l(&["demand"]))]),
        "both revisions' latest changes and the page's own"
    );
    // The merge first (over the winning revision), then the losing revision's deletion.
    let pushes: Vec<Value> = a
        .sent
        .iter()
        .filter(|(r, _)| r.path == "_bulk_docs")
        .map(|(r, _)| serde_json::from_str(r.body.as_deref().unwrap()).unwrap())
        .collect();
    assert_eq!(pushes.len(), 2);
    assert_eq!(pushes[0]["docs"][0]["_rev"], "1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    assert_eq!(pushes[1]["docs"][0]["_deleted"], true);
    assert_eq!(pushes[1]["docs"][0]["_rev"], "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    let after: Value = serde_json::from_str(&out.checks["after"].body).unwrap();
    assert!(after.get("_conflicts").is_none(), "no conflict left: {after}");
    let stored: DocAnnotations = serde_json::from_value(after["s"].clone()).unwrap();
    assert_eq!(stored, a.own["d1"].records);
}

#[test]
fn errors_stop_the_sync_with_a_reason_in_words() {
    let out = replay("errors");
    let b = &out.browsers;
    let err = |name: &str| b[name].rep.error().cloned();
    assert!(matches!(err("anon"), Some(SyncError::Unauthorized(_))));
    assert_eq!(err("maria-as-ben"), Some(SyncError::OtherUser { session: "maria".into(), annotator: "ben".into() }));
    assert_eq!(err("maria-nodb"), Some(SyncError::NotFound));
    for name in ["anon", "maria-as-ben", "maria-nodb"] {
        assert_eq!(b[name].rep.status(), Status::Error, "{name}");
    }
    let bad = &out.checks["bad_login"];
    assert_eq!(
        SyncError::from_answer(bad.status, &bad.body),
        SyncError::Unauthorized("Name or password is incorrect.".into())
    );
    // The curator who lost the role: gold refused alone, her own work went through.
    let mut cora = out.browsers.into_iter().find(|(k, _)| k == "cora").unwrap().1;
    assert_eq!(cora.rep.status(), Status::Error);
    assert_eq!(cora.rep.error(), Some(&SyncError::Forbidden("Only a curator can write gold:d1.".into())));
    assert_eq!((cora.rep.unsent(), cora.rep.refused()), (0, vec!["gold:d1".to_owned()]));
    assert!(cora.rep.checkpoint().known["ann:cora:d1"].rev.starts_with("2-"));
    // The refused document is not sent again until it changes: the page only listens.
    assert!(cora.rep.listening(), "the scenario left the listen out");
    assert_eq!(cora.rep.next(cora.now + 1_000), Step::Busy);
    cora.set_gold("d1", 1, &["denial"]);
    assert!(cora.rep.refused().is_empty(), "changed: sent again");
    let Step::Send(push) = cora.rep.next(cora.now + 5_000) else { panic!() };
    assert_eq!((push.method, push.path.as_str()), (Method::Post, "_bulk_docs"));
    // Accepted this time (say the role came back): in step again.
    let ok = answer(201, r#"[{"ok":true,"id":"gold:d1","rev":"1-g"}]"#);
    cora.rep.handle(push.ticket, &ok, cora.now + 5_000);
    assert!(listen(&cora.rep.next(cora.now + 5_000)));
    assert_eq!((cora.rep.status(), cora.rep.error()), (Status::Idle, None));
}

#[test]
fn stop_sync_ends_the_session_and_a_start_then_needs_the_password() {
    let out = replay("logout");
    let user = |check: &str| {
        let body: Value = serde_json::from_str(&out.checks[check].body).unwrap();
        body["userCtx"]["name"].clone()
    };
    assert_eq!(user("before"), "maria", "logged in while syncing");
    let logout = &out.checks["logout"];
    assert_eq!(logout.status, 200);
    assert_eq!(annotator_core::sync::logout_answer(logout), Ok(()));
    assert_eq!(user("after"), Value::Null, "the cookie logs nobody in any more");
    // Started again without logging in: refused, in words, and nothing sent.
    let maria = &out.browsers["maria"];
    assert!(matches!(maria.rep.error(), Some(SyncError::Unauthorized(_))), "{:?}", maria.rep.error());
    assert_eq!(maria.rep.status(), Status::Error);
    let after_logout = maria.sent.iter().position(|(r, _)| r.method == Method::Delete).unwrap();
    assert_eq!(maria.paths_since(after_logout), ["_session", "_session", "_session"], "logout, who, start's who");
    assert_eq!(maria.rep.unsent(), 1, "the label made meanwhile waits");
    // Logged in again: the label made meanwhile goes out.
    let again = &out.browsers["maria-again"];
    assert_eq!((again.rep.status(), again.rep.unsent()), (Status::Idle, 0));
    assert!(again.rep.checkpoint().known["ann:maria:d1"].rev.starts_with("2-"));
}

// Without a server: answers made up where a recording cannot be had on cue.

fn answer(status: u16, body: &str) -> Response {
    Response { status, body: body.into() }
}

const SESSION: &str = r#"{"ok":true,"userCtx":{"name":"maria","roles":[]}}"#;
const EMPTY: &str = r#"{"results":[],"last_seq":0}"#;

/// The step is a listen (the long-held `_changes` of an idle page).
fn listen(step: &Step) -> bool {
    matches!(step, Step::Send(req) if req.hold_ms > 0 && req.path.contains("feed=longpoll&timeout="))
}

fn started() -> Replicator {
    let mut r = Replicator::new(Config::new("maria"), "couchdb/team", None);
    r.start(T0);
    let Step::Send(req) = r.next(T0) else { panic!() };
    r.handle(req.ticket, &answer(200, SESSION), T0);
    r
}

#[test]
fn a_server_that_went_away_is_retried_later_and_later_never_in_a_busy_loop() {
    let mut r = started();
    let mut now = T0;
    let mut waits = Vec::new();
    for _ in 0..9 {
        let step = r.next(now);
        let Step::Send(req) = step else { panic!("{step:?}") };
        assert!(req.path.starts_with("_changes"));
        r.handle(req.ticket, &answer(0, ""), now);
        assert_eq!(r.status(), Status::Offline);
        assert_eq!(r.error(), Some(&SyncError::Unreachable));
        let Step::Wait { until_ms } = r.next(now) else { panic!() };
        assert!(until_ms > now, "no busy loop");
        waits.push(until_ms - now);
        assert!(matches!(r.next(until_ms - 1), Step::Wait { .. }), "nothing before the delay");
        now = until_ms;
    }
    assert_eq!(waits, [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    // Work goes on meanwhile; back online, the change goes out and the status settles.
    let mut records = DocAnnotations::new();
    records.insert(0, Annotation { labels: vec!["claim".into()], updated: now, ..Default::default() });
    r.set_own("d1", &records, &[], false, &Default::default(), now);
    assert_eq!(r.unsent(), 1);
    let Step::Send(req) = r.next(now) else { panic!() };
    r.handle(req.ticket, &answer(200, EMPTY), now);
    assert_eq!(r.status(), Status::Syncing);
    let Step::Send(push) = r.next(now + 1_000) else { panic!() };
    assert_eq!(push.path, "_bulk_docs");
    r.handle(push.ticket, &answer(201, r#"[{"ok":true,"id":"ann:maria:d1","rev":"1-a"}]"#), now + 1_000);
    assert!(listen(&r.next(now + 1_000)));
    assert_eq!((r.status(), r.unsent(), r.error()), (Status::Idle, 0, None));
    assert_eq!(r.checkpoint().known["ann:maria:d1"].rev, "1-a");
}

#[test]
fn a_late_answer_of_an_earlier_start_is_ignored() {
    let mut r = started();
    let Step::Send(old) = r.next(T0) else { panic!() };
    r.stop();
    assert_eq!(r.status(), Status::Off);
    assert_eq!(r.next(T0), Step::Stopped);
    r.start(T0);
    let Step::Send(fresh) = r.next(T0) else { panic!() };
    assert!(r.handle(old.ticket, &answer(200, EMPTY), T0).is_empty());
    assert_eq!(r.next(T0), Step::Busy, "still waiting for the new request's answer");
    assert_eq!(fresh.path, "_session");
}

#[test]
fn a_push_too_large_is_split_and_a_long_feed_is_read_in_batches() {
    let mut cfg = Config::new("maria");
    cfg.push_batch = 4;
    cfg.pull_batch = 2;
    let mut r = Replicator::new(cfg, "couchdb/team", None);
    r.start(T0);
    let Step::Send(s) = r.next(T0) else { panic!() };
    r.handle(s.ticket, &answer(200, SESSION), T0);
    let Step::Send(c) = r.next(T0) else { panic!() };
    assert!(c.path.ends_with("since=0&limit=2"));
    assert_eq!(r.catch_up(), None, "nothing pulled yet");
    let two = r#"{"results":[{"seq":1,"id":"x","changes":[]},{"seq":2,"id":"y","changes":[]}],"last_seq":2}"#;
    r.handle(c.ticket, &answer(200, two), T0);
    // A full batch without `pending` (PouchDB Server): more may wait, how many is unknown.
    assert_eq!(r.catch_up(), Some(CatchUp { pulled: 2, waiting: None }));
    let Step::Send(c) = r.next(T0) else { panic!() };
    assert!(c.path.contains("since=2&"), "the next batch: {}", c.path);
    let with_pending =
        r#"{"results":[{"seq":3,"id":"z","changes":[]},{"seq":4,"id":"w","changes":[]}],"last_seq":4,"pending":3}"#;
    r.handle(c.ticket, &answer(200, with_pending), T0);
    assert_eq!(r.catch_up(), Some(CatchUp { pulled: 4, waiting: Some(3) }), "CouchDB says what still waits");
    let Step::Send(c) = r.next(T0) else { panic!() };
    assert!(c.path.contains("since=4&"), "the next batch: {}", c.path);
    r.handle(c.ticket, &answer(200, r#"{"results":[],"last_seq":4,"pending":0}"#), T0);
    assert_eq!(r.catch_up(), None, "in step: the catch-up is over");
    for d in 0..6 {
        let mut records = DocAnnotations::new();
        records.insert(0, Annotation { labels: vec!["claim".into()], updated: T0, ..Default::default() });
        r.set_own(&format!("d{d}"), &records, &[], false, &Default::default(), T0);
    }
    let Step::Send(p) = r.next(T0 + 1_000) else { panic!() };
    let n = |req: &Request| {
        serde_json::from_str::<Value>(req.body.as_deref().unwrap()).unwrap()["docs"].as_array().unwrap().len()
    };
    assert_eq!(n(&p), 4);
    r.handle(p.ticket, &answer(413, ""), T0 + 1_000);
    assert_eq!(r.error(), Some(&SyncError::Quota));
    let Step::Wait { until_ms } = r.next(T0 + 1_000) else { panic!() };
    let Step::Send(p) = r.next(until_ms) else { panic!() };
    assert_eq!(n(&p), 2, "half the batch");
}

#[test]
fn a_checkpoint_from_another_database_or_annotator_is_not_used() {
    let mut r = started();
    let Step::Send(c) = r.next(T0) else { panic!() };
    r.handle(c.ticket, &answer(200, r#"{"results":[],"last_seq":"9-abc"}"#), T0);
    let cp = r.checkpoint();
    assert_eq!(cp.since, Some(Value::from("9-abc")));
    let same = Replicator::new(Config::new("maria"), "couchdb/team", Some(cp.clone()));
    assert_eq!(same.checkpoint().since, Some(Value::from("9-abc")));
    let other = Replicator::new(Config::new("ben"), "couchdb/team", Some(cp));
    assert_eq!(other.checkpoint().since, None);
}

#[test]
fn a_page_without_a_name_does_not_sync() {
    let mut r = Replicator::new(Config::new("  "), "couchdb/team", None);
    r.start(T0);
    assert_eq!((r.status(), r.next(T0)), (Status::Error, Step::Stopped));
    assert_eq!(r.error(), Some(&SyncError::NoName));
}

#[test]
fn a_sheet_carries_its_boundaries_and_the_later_ones_come_back_merged() {
    let mut r = started();
    let Step::Send(c) = r.next(T0) else { panic!() };
    r.handle(c.ticket, &answer(200, EMPTY), T0);
    // The page split a sentence at T0 and labelled its second half.
    let mut records = DocAnnotations::new();
    records.insert(
        1,
        Annotation { labels: vec!["claim".into()], updated: T0, fingerprint: "h1b".into(), ..Default::default() },
    );
    let split = SheetBounds { spans: vec![(0, 9), (10, 14), (15, 19)], t: T0 };
    r.set_own("d1", &records, &[], false, &split, T0);
    let Step::Send(push) = r.next(T0 + 1_000) else { panic!() };
    let body: Value = serde_json::from_str(push.body.as_deref().unwrap()).unwrap();
    let doc = &body["docs"][0];
    assert_eq!(doc["b"], serde_json::json!([[0, 9], [10, 14], [15, 19]]));
    assert_eq!(doc["bt"], T0);
    r.handle(push.ticket, &answer(201, r#"[{"ok":true,"id":"ann:maria:d1","rev":"1-a"}]"#), T0 + 1_000);
    // Told the same again: nothing to send. Only the boundaries changed: sent.
    r.set_own("d1", &records, &[], false, &split, T0 + 2_000);
    assert_eq!(r.unsent(), 0);
    r.set_own("d1", &records, &[], false, &SheetBounds { t: T0 + 2_000, ..Default::default() }, T0 + 2_000);
    assert_eq!(r.unsent(), 1, "a return to the segmenter's boundaries is a change");
    // The other browser's later boundaries come in the feed: the merge takes them.
    let theirs = serde_json::json!({"results": [{"seq": 2, "id": "ann:maria:d1", "changes": [{"rev": "2-b"}], "doc": {
        "_id": "ann:maria:d1", "_rev": "2-b", "type": "ann", "doc": "d1", "annotator": "maria", "seg": annotator_core::segment::SEGMENTER,
        "b": [[0, 4], [5, 9], [10, 19]], "bt": T0 + 5_000,
        "s": {"1": {"l": ["denial"], "t": T0 + 5_000, "h": "h0b"}}
    }}], "last_seq": 2});
    let events = loop {
        match r.next(T0 + 40_000) {
            Step::Send(req) if req.path.starts_with("_changes") => {
                break r.handle(req.ticket, &answer(200, &theirs.to_string()), T0 + 40_000)
            }
            Step::Send(req) => {
                let ok = serde_json::json!([{"ok": true, "id": "ann:maria:d1", "rev": "2-a"}]).to_string();
                r.handle(req.ticket, &answer(201, &ok), T0 + 40_000);
            }
            other => panic!("{other:?}"),
        }
    };
    let Some(Event::Own { sheet, .. }) = events.iter().find(|e| matches!(e, Event::Own { .. })) else {
        panic!("{events:?}")
    };
    assert_eq!((sheet.bounds.clone(), sheet.bounds_t), (vec![(0, 4), (5, 9), (10, 19)], T0 + 5_000));
    assert_eq!(sheet.records[&1].labels, ["denial"]);
    assert_eq!(sheet.orphans.len(), 1, "the page's record of a sentence they do not have, kept");
}

#[test]
fn an_idle_page_listens_and_a_colleagues_decision_is_the_answer() {
    let out = replay("live");
    let (maria, ben) = (&out.browsers["maria"], &out.browsers["ben"]);
    // ben's decision came as the answer to maria's listen, and hers to his.
    assert_eq!(maria.layers[&("ben".to_owned(), "d1".to_owned())].records[&0].labels, ["denial"]);
    assert_eq!(ben.layers[&("maria".to_owned(), "d1".to_owned())].records[&1].labels, ["demand"]);
    let listens = |b: &Browser| b.sent.iter().filter(|(r, _)| r.hold_ms > 0).count();
    assert_eq!((listens(maria), listens(ben)), (1, 1));
    // maria's own change cancelled her listen: it went out unsent, her push went at once.
    let last: Vec<&str> = maria.sent.iter().rev().take(2).map(|(r, _)| r.path.as_str()).collect();
    assert_eq!(last[0], "_bulk_docs");
    assert!(last[1].contains("feed=longpoll&timeout=25000&since="), "{}", last[1]);
    // Both listen again, idle.
    for b in [maria, ben] {
        assert!(b.rep.listening() && b.held.is_some(), "{}", b.name);
        assert_eq!((b.rep.status(), b.rep.unsent()), (Status::Idle, 0), "{}", b.name);
    }
}

/// A started replicator in step with an empty server, its listen out.
fn listening() -> (Replicator, Request) {
    let mut r = started();
    let Step::Send(c) = r.next(T0) else { panic!() };
    r.handle(c.ticket, &answer(200, EMPTY), T0);
    let Step::Send(l) = r.next(T0) else { panic!() };
    assert!(listen(&Step::Send(l.clone())), "{l:?}");
    assert_eq!(l.hold_ms, Config::new("maria").listen_ms);
    assert_eq!(r.status(), Status::Idle, "listening is idle");
    assert_eq!(r.next(T0 + 60_000), Step::Busy, "nothing else while the server holds it");
    (r, l)
}

#[test]
fn a_held_answer_with_its_heartbeats_brings_the_change_and_the_page_listens_again() {
    let (mut r, l) = listening();
    // PouchDB Server's held answer: the opening written at once, heartbeat newlines, then
    // the one change that ended it.
    let held = "{\"results\":[\n\n\n{\"seq\":3,\"id\":\"ann:ben:d1\",\"changes\":[{\"rev\":\"1-b\"}],\"doc\":{\"_id\":\"ann:ben:d1\",\"_rev\":\"1-b\",\"type\":\"ann\",\"annotator\":\"ben\",\"doc\":\"d1\",\"seg\":\"{SEG}\",\"s\":{\"0\":{\"l\":[\"denial\"],\"t\":1}}}}],\n\"last_seq\":3}\n"
        .replace("{SEG}", annotator_core::segment::SEGMENTER);
    let events = r.handle(l.ticket, &answer(200, &held), T0 + 12_000);
    assert!(
        events.iter().any(|e| matches!(e, Event::Layer { annotator, doc, .. } if annotator == "ben" && doc == "d1")),
        "{events:?}"
    );
    assert_eq!(r.checkpoint().since, Some(Value::from(3)));
    let Step::Send(again) = r.next(T0 + 12_000) else { panic!("listens again at once") };
    assert!(again.path.contains("since=3&"), "{}", again.path);
    // CouchDB's answer at its timeout: nothing changed; listen again at once.
    r.handle(again.ticket, &answer(200, r#"{"results":[],"last_seq":3}"#), T0 + 37_000);
    assert!(listen(&r.next(T0 + 37_000)));
    assert_eq!(r.status(), Status::Idle);
}

#[test]
fn a_local_change_cancels_the_listen_and_its_late_answer_is_ignored() {
    let (mut r, l) = listening();
    let mut records = DocAnnotations::new();
    records.insert(0, Annotation { labels: vec!["claim".into()], updated: T0, ..Default::default() });
    r.set_own("d1", &records, &[], false, &Default::default(), T0 + 5_000);
    // The listen is dropped (the edge aborts it) and the push waits only its short delay.
    let Step::Wait { until_ms } = r.next(T0 + 5_000) else { panic!() };
    assert!(!r.listening());
    assert_eq!(until_ms, T0 + 6_000);
    let Step::Send(push) = r.next(until_ms) else { panic!() };
    assert_eq!(push.path, "_bulk_docs");
    // The aborted listen's "answer" (no answer at all) changes nothing.
    assert!(r.handle(l.ticket, &answer(0, ""), until_ms).is_empty());
    assert_eq!(r.status(), Status::Syncing);
    r.handle(push.ticket, &answer(201, r#"[{"ok":true,"id":"ann:maria:d1","rev":"1-a"}]"#), until_ms);
    assert!(listen(&r.next(until_ms)));
    assert_eq!((r.status(), r.unsent(), r.error()), (Status::Idle, 0, None));
}

#[test]
fn a_listen_lapsed_at_the_edge_is_sent_again_and_a_server_gone_backs_off() {
    let (mut r, l) = listening();
    // The edge ended it at its own time limit (PouchDB Server ignores `timeout`): quiet.
    r.lapsed(l.ticket + 7, T0 + 30_000);
    assert!(r.listening(), "another ticket: ignored");
    r.lapsed(l.ticket, T0 + 30_000);
    let Step::Send(again) = r.next(T0 + 30_000) else { panic!() };
    assert!(listen(&Step::Send(again.clone())));
    assert_eq!((r.status(), r.error()), (Status::Idle, None));
    // The server goes away while the listen is held: offline, and the same backoff.
    r.handle(again.ticket, &answer(502, ""), T0 + 31_000);
    assert_eq!((r.status(), r.error()), (Status::Offline, Some(&SyncError::Unreachable)));
    let Step::Wait { until_ms } = r.next(T0 + 31_000) else { panic!() };
    assert_eq!(until_ms, T0 + 32_000);
    let Step::Send(back) = r.next(until_ms) else { panic!() };
    assert!(listen(&Step::Send(back.clone())));
    assert_eq!(r.status(), Status::Offline, "offline until the server answers");
    r.handle(back.ticket, &answer(200, r#"{"results":[],"last_seq":0}"#), until_ms + 20_000);
    assert!(listen(&r.next(until_ms + 20_000)));
    assert_eq!(r.status(), Status::Idle);
}

#[test]
fn a_server_that_does_not_hold_a_listen_is_asked_every_poll_not_in_a_busy_loop() {
    let (mut r, l) = listening();
    r.handle(l.ticket, &answer(200, EMPTY), T0 + 50);
    let poll = Config::new("maria").poll_ms;
    assert_eq!(r.next(T0 + 50), Step::Wait { until_ms: T0 + 50 + poll });
    assert_eq!(r.status(), Status::Idle);
    assert!(listen(&r.next(T0 + 50 + poll)));
}
