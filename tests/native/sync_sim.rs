//! The team sync against a small CouchDB simulated in memory (revisions, 409 on a stale
//! revision, the changes feed with `limit`, `_all_docs` by keys, the server going away),
//! driven by random interleavings of edits in two browsers of one annotator and a colleague:
//! when everyone is back online and has synced twice, both browsers hold the same sheets,
//! each sentence holding its latest change from either browser (never an older one, nothing
//! lost), the server holds the same, and the colleague's layer shows it.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::sync_scenarios::{Browser, Transport, T0};
use annotator_core::annotations::{Annotation, DocAnnotations};
use annotator_core::sync::{merge::newer, Request, Response};

/// A stored document: (generation, rev, body, seq).
type Stored = (u64, String, Value, u64);

#[derive(Default)]
struct FakeCouch {
    docs: BTreeMap<String, Stored>,
    seq: u64,
    down: bool,
    /// 409 answers given (the stale-revision path was taken).
    conflicts: usize,
}

fn user_of(browser: &str) -> &str {
    browser.split('-').next().unwrap_or(browser)
}

impl FakeCouch {
    fn answer(status: u16, v: Value) -> Response {
        Response { status, body: v.to_string() }
    }

    fn full(&self, id: &str) -> Value {
        let (_, rev, body, _) = &self.docs[id];
        let mut d = body.clone();
        d["_id"] = json!(id);
        d["_rev"] = json!(rev);
        d
    }

    fn changes(&self, query: &str) -> Response {
        let param = |k: &str| query.split('&').find_map(|p| p.strip_prefix(&format!("{k}="))).unwrap_or("0");
        let since: u64 = param("since").parse().unwrap();
        let limit: usize = param("limit").parse().unwrap();
        let mut rows: Vec<(&String, &Stored)> = self.docs.iter().filter(|(_, d)| d.3 > since).collect();
        rows.sort_by_key(|(_, d)| d.3);
        let pending = rows.len().saturating_sub(limit);
        let results: Vec<Value> = rows
            .iter()
            .take(limit)
            .map(|(id, d)| json!({ "seq": d.3, "id": id, "changes": [{ "rev": d.1 }], "doc": self.full(id) }))
            .collect();
        let last = rows[..rows.len().min(limit)].last().map_or(since, |(_, d)| d.3);
        Self::answer(200, json!({ "results": results, "last_seq": last, "pending": pending }))
    }

    fn bulk_docs(&mut self, browser: &str, body: &Value) -> Response {
        let mut out = Vec::new();
        for doc in body["docs"].as_array().unwrap() {
            let id = doc["_id"].as_str().unwrap().to_owned();
            if let Some(owner) = id.strip_prefix("ann:").and_then(|r| r.split(':').next()) {
                if owner != user_of(browser) {
                    out.push(json!({ "id": id, "error": "forbidden", "reason": "not yours" }));
                    continue;
                }
            }
            let current = self.docs.get(&id).map(|d| d.1.clone());
            if current.as_deref() != doc.get("_rev").and_then(Value::as_str) {
                self.conflicts += 1;
                out.push(json!({ "id": id, "error": "conflict", "reason": "Document update conflict" }));
                continue;
            }
            let generation = self.docs.get(&id).map_or(1, |d| d.0 + 1);
            self.seq += 1;
            let rev = format!("{generation}-{:x}", self.seq * 7919);
            let mut stored = doc.clone();
            let m = stored.as_object_mut().unwrap();
            m.remove("_id");
            m.remove("_rev");
            self.docs.insert(id.clone(), (generation, rev.clone(), stored, self.seq));
            out.push(json!({ "ok": true, "id": id, "rev": rev }));
        }
        Self::answer(201, json!(out))
    }
}

impl Transport for FakeCouch {
    fn send(&mut self, browser: &str, _db: &str, req: &Request) -> Response {
        if self.down {
            return Response { status: 0, body: String::new() };
        }
        let body: Value = req.body.as_deref().map_or(Value::Null, |b| serde_json::from_str(b).unwrap());
        let (path, query) = req.path.split_once('?').unwrap_or((&req.path, ""));
        match path {
            "_session" => {
                Self::answer(200, json!({ "ok": true, "userCtx": { "name": user_of(browser), "roles": [] } }))
            }
            "_changes" => self.changes(query),
            "_bulk_docs" => self.bulk_docs(browser, &body),
            "_all_docs" => {
                let rows: Vec<Value> = body["keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| {
                        let id = k.as_str().unwrap();
                        match self.docs.get(id) {
                            Some(d) => json!({ "id": id, "key": id, "value": { "rev": d.1 }, "doc": self.full(id) }),
                            None => json!({ "key": id, "error": "not_found" }),
                        }
                    })
                    .collect();
                Self::answer(200, json!({ "rows": rows }))
            }
            other => Self::answer(404, json!({ "error": "not_found", "reason": other })),
        }
    }
}

#[derive(Clone, Debug)]
enum Op {
    Label { who: usize, doc: usize, index: usize, label: usize },
    Sync { who: usize },
    Later { who: usize, ms: u64 },
    Down,
    Up,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..3, 0usize..3, 0usize..5, 0usize..4).prop_map(|(who, doc, index, label)| Op::Label { who, doc, index, label }),
        3 => (0usize..3).prop_map(|who| Op::Sync { who }),
        1 => (0usize..3, prop_oneof![Just(500u64), Just(5_000), Just(40_000)]).prop_map(|(who, ms)| Op::Later { who, ms }),
        1 => Just(Op::Down),
        1 => Just(Op::Up),
    ]
}

const LABELS: [&[&str]; 4] = [&["claim"], &["denial"], &["demand"], &[]];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn two_browsers_and_a_colleague_converge_without_losing_a_change(ops in prop::collection::vec(op(), 1..40)) {
        let mut couch = FakeCouch::default();
        let mut bs = [
            Browser::new("maria-a", "maria", "team", None, T0),
            Browser::new("maria-b", "maria", "team", None, T0),
            Browser::new("ben", "ben", "team", None, T0),
        ];
        for b in &mut bs {
            b.start();
        }
        // Every change maria made, in either browser: the latest per sentence must win.
        let mut made: BTreeMap<(String, usize), Annotation> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Label { who, doc, index, label } => {
                    let d = format!("d{doc}");
                    bs[who].label(&d, index, LABELS[label]);
                    if who < 2 {
                        let rec = bs[who].own[&d].records[&index].clone();
                        let key = (d, index);
                        let keep = made.get(&key).map_or(rec.clone(), |old| newer(old, &rec).clone());
                        made.insert(key, keep);
                    }
                }
                Op::Sync { who } => bs[who].sync(&mut couch),
                Op::Later { who, ms } => bs[who].later(ms),
                Op::Down => couch.down = true,
                Op::Up => couch.down = false,
            }
        }
        couch.down = false;
        for _ in 0..3 {
            for b in &mut bs {
                b.later(120_000);
                b.sync(&mut couch);
            }
        }
        let (a, b) = (&bs[0], &bs[1]);
        prop_assert_eq!(&a.own, &b.own);
        for ((doc, index), want) in &made {
            prop_assert_eq!(a.own[doc].records.get(index), Some(want), "{}:{}", doc, index);
        }
        for (doc, sheet) in &a.own {
            let on_server: Value = couch.full(&format!("ann:maria:{doc}"));
            let records: DocAnnotations = serde_json::from_value(on_server["s"].clone()).unwrap();
            prop_assert_eq!(&records, &sheet.records);
            prop_assert_eq!(&bs[2].layers[&("maria".to_owned(), doc.clone())].records, &sheet.records);
        }
        for b in &bs {
            prop_assert_eq!(b.rep.unsent(), 0);
        }
        if std::env::var_os("SYNC_SIM_STATS").is_some() {
            eprintln!("changes {} docs {} conflicts {}", made.len(), couch.docs.len(), couch.conflicts);
        }
    }
}
