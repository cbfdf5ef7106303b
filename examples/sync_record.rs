//! Records the team sync's scenarios (`tests/native/sync_scenarios.rs`) against a real
//! PouchDB Server: every request the replicator (and the scenario's admin set-up) sends and
//! every answer, into `tests/data/sync/<scenario>.json`, which the native replay tests
//! (`tests/native/sync_replay.rs`) then feed back. Run by `scripts/record_sync.py` (starts a
//! fresh server per scenario); by hand:
//!   cargo run --example sync_record -- http://127.0.0.1:5984 admin:secret team tests/data/sync
//! A minimal HTTP/1.1 client over std (one connection per request): no dependency for a tool.

#[path = "../tests/native/sync_scenarios.rs"]
mod sync_scenarios;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;

use annotator_core::sync::{Request, Response};
use serde_json::{json, Value};
use sync_scenarios::Transport;

struct Http {
    host: String,
    admin: (String, String),
    cookies: BTreeMap<String, String>,
    log: Vec<Value>,
}

fn base64(s: &str) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for c in b.chunks(3) {
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = body.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&body[..eol]).unwrap_or("0").trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&body[eol + 2..eol + 2 + size]);
        body = &body[eol + 2 + size + 2..];
    }
    out
}

impl Http {
    fn exchange(
        &mut self,
        browser: &str,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> (Response, Vec<(String, String)>) {
        let Ok(mut conn) = TcpStream::connect(&self.host) else {
            return (Response { status: 0, body: String::new() }, Vec::new());
        };
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nAccept: application/json\r\n",
            self.host
        );
        if browser == "admin" {
            head += &format!("Authorization: Basic {}\r\n", base64(&format!("{}:{}", self.admin.0, self.admin.1)));
        } else if let Some(c) = self.cookies.get(browser) {
            head += &format!("Cookie: {c}\r\n");
        }
        let body = body.unwrap_or("");
        if !body.is_empty() || method == "POST" || method == "PUT" {
            head += &format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len());
        }
        head += "\r\n";
        conn.write_all(head.as_bytes()).and_then(|_| conn.write_all(body.as_bytes())).expect("write");
        let mut raw = Vec::new();
        conn.read_to_end(&mut raw).expect("read");
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header");
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let mut lines = head.split("\r\n");
        let status: u16 = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut payload = raw[split + 4..].to_vec();
        if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
            payload = dechunk(&payload);
        }
        (Response { status, body: String::from_utf8_lossy(&payload).into_owned() }, headers)
    }
}

impl Transport for Http {
    fn send(&mut self, browser: &str, db: &str, req: &Request) -> Response {
        let path = if req.root { format!("/{}", req.path) } else { format!("/{db}/{}", req.path) };
        let (resp, headers) = self.exchange(browser, req.method.as_str(), &path, req.body.as_deref());
        // As a browser takes them: every Set-Cookie in order, the last one winning, and an
        // emptied cookie gone (PouchDB Server answers a logout with the session's refreshed
        // cookie, then the emptied one).
        for (_, c) in headers.iter().filter(|(k, _)| k == "set-cookie") {
            let c = c.split(';').next().unwrap_or_default().to_owned();
            if c.ends_with('=') {
                self.cookies.remove(browser);
            } else {
                self.cookies.insert(browser.to_owned(), c);
            }
        }
        let body_json =
            req.body.as_deref().map(|b| serde_json::from_str::<Value>(b).unwrap_or(Value::String(b.into())));
        let mut entry = json!({
            "browser": browser, "db": db, "method": req.method.as_str(), "path": req.path, "root": req.root,
            "body": body_json, "status": resp.status,
        });
        match serde_json::from_str::<Value>(&resp.body) {
            Ok(v) => entry["answer"] = v,
            Err(_) => entry["answer_text"] = Value::String(resp.body.clone()),
        }
        self.log.push(entry);
        resp
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, admin, scenario, out] = &args[..] else {
        eprintln!("usage: sync_record <server url> <admin:password> <scenario> <out dir>");
        std::process::exit(2);
    };
    let host = url.trim_start_matches("http://").trim_end_matches('/').to_owned();
    let (user, pw) = admin.split_once(':').expect("admin:password");
    let mut http = Http { host, admin: (user.into(), pw.into()), cookies: BTreeMap::new(), log: Vec::new() };
    if scenario == "bench" {
        bench(&mut http);
        return;
    }
    let outcome = sync_scenarios::run(scenario, &mut http);
    let file = json!({
        "scenario": scenario,
        "recorded_with": "pouchdb-server 4.2.0 (scripts/record_sync.py)",
        "exchanges": http.log,
    });
    let path = std::path::Path::new(out).join(format!("{scenario}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap() + "\n").expect("write the fixture");
    for (name, b) in &outcome.browsers {
        println!(
            "{name}: {} requests, status {}, error {:?}",
            b.sent.len(),
            b.rep.status().name(),
            b.rep.error().map(|e| e.to_string())
        );
    }
    println!("wrote {}", path.display());
}

/// The sync bench (`scripts/record_sync.py bench`): a team of 20 annotators who each decided
/// every sentence of 200 articles (30 sentences each), the articles imported by a curator;
/// then a fresh browser pulls everything, and one label change goes out. Prints the wall
/// time (server and core together; this client, not a browser's fetch), the requests, the
/// bytes, and the core's share (the same answers replayed without the server).
fn bench(http: &mut Http) {
    use std::time::Instant;
    const ANNOTATORS: usize = 20;
    const ARTICLES: usize = 200;
    const SENTENCES: usize = 30;
    sync_scenarios::set_up(http, "team");
    let mut docs = Vec::new();
    for a in 0..ARTICLES {
        let text: String = (0..SENTENCES)
            .map(|i| format!("Sentence {i} of article {a} says something rather ordinary here. "))
            .collect();
        docs.push(json!({"_id": format!("article:a{a:03}"), "type": "article", "doc": format!("a{a:03}"), "title": format!("Article {a}"), "text": text}));
        for n in 0..ANNOTATORS {
            let name = if n == 0 { "maria".to_owned() } else { format!("ann{n:02}") };
            let s: serde_json::Map<String, Value> = (0..SENTENCES)
                .map(|i| {
                    let label = ["claim", "denial", "demand"][(i + a) % 3];
                    let rec = if (i + n) % 4 == 0 {
                        json!({"l": [label], "t": sync_scenarios::T0 + (i * 1000) as u64, "h": format!("{:08x}", i * 7919 + a)})
                    } else {
                        json!({"z": true, "t": sync_scenarios::T0 + (i * 1000) as u64, "h": format!("{:08x}", i * 7919 + a)})
                    };
                    (i.to_string(), rec)
                })
                .collect();
            docs.push(json!({"_id": format!("ann:{name}:a{a:03}"), "type": "ann", "annotator": name, "doc": format!("a{a:03}"), "seg": annotator_core::segment::SEGMENTER, "s": s, "done": true, "done_t": sync_scenarios::T0}));
        }
    }
    let seeded = docs.len();
    for chunk in docs.chunks(500) {
        let r = sync_scenarios::admin_bulk(http, "team", json!(chunk), true);
        assert_eq!(r.status, 201, "{}", r.body);
    }
    http.log.clear();
    let mut fresh = sync_scenarios::Browser::new("maria-fresh", "maria", "team", None, sync_scenarios::T0);
    fresh.login(http, None);
    fresh.start();
    let started = Instant::now();
    fresh.sync(http);
    let wall = started.elapsed();
    let received: usize = http.log.iter().map(|e| e["answer"].to_string().len()).sum();
    let requests = http.log.len() - 1;
    // The core's share: the same answers again, no server.
    let answers: Vec<Response> = http.log[1..]
        .iter()
        .map(|e| Response { status: e["status"].as_u64().unwrap() as u16, body: e["answer"].to_string() })
        .collect();
    let mut core_only = sync_scenarios::Browser::new("maria-fresh", "maria", "team", None, sync_scenarios::T0);
    struct Canned(std::vec::IntoIter<Response>);
    impl Transport for Canned {
        fn send(&mut self, _: &str, _: &str, _: &Request) -> Response {
            self.0.next().expect("a recorded answer")
        }
    }
    let mut canned = Canned(answers.into_iter());
    core_only.start();
    let core_started = Instant::now();
    core_only.sync(&mut canned);
    let core = core_started.elapsed();
    // One label change on the wire.
    fresh.label("a007", 3, &["demand"]);
    http.log.clear();
    fresh.sync(http);
    let push = http.log.iter().find(|e| e["path"] == "_bulk_docs").expect("a push");
    let up = push["body"].to_string().len();
    let down = push["answer"].to_string().len();
    println!("seeded {seeded} documents ({ANNOTATORS} annotators x {ARTICLES} articles of {SENTENCES} sentences, and the articles)");
    println!(
        "fresh pull: {:.2} s wall ({requests} requests, {:.1} MB received; core alone {:.0} ms), {} own docs, {} layer docs, {} articles, status {}",
        wall.as_secs_f64(),
        received as f64 / 1e6,
        core.as_secs_f64() * 1e3,
        fresh.own.len(),
        fresh.layers.len(),
        fresh.articles.len(),
        fresh.rep.status().name()
    );
    println!("one label change: {up} bytes up (the _bulk_docs body: one document of {SENTENCES} records), {down} bytes down, {} requests", http.log.len());
}
