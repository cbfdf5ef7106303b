//! A bench in the browser, not a test of the page (`make bench`, section `idb`,
//! scripts/bench/idb.py; not part of `make test`): how records should cross the IndexedDB
//! boundary (docs/ARCHITECTURE.md, Storage). IndexedDB stores structured values, so a record
//! could cross as a JS object made by serde-wasm-bindgen instead of a JSON string made by
//! serde_json. This times both ways on 10,000 generated articles (53 MB of text), each step
//! on its own: Rust -> JS values, one IndexedDB transaction putting them, one `getAll`, JS
//! values -> Rust; and checks that both ways read back exactly what was written. Each round
//! prints one line `idb-boundary {json}` for the bench to parse. The page keeps the way that
//! is better (the figures and the size it adds: docs/DEVELOPMENT.md).
#![cfg(target_arch = "wasm32")]

use annotator_core::document::ArticleInput;
use annotator_core::storage::decode_doc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function idb_round_trip(name, values) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const t0 = performance.now();
      const tx = db.transaction('kv', 'readwrite');
      const store = tx.objectStore('kv');
      for (let i = 0; i < values.length; i++) store.put(values[i], 'k' + String(i).padStart(6, '0'));
      tx.onerror = () => reject(tx.error);
      tx.oncomplete = () => {
        const t1 = performance.now();
        const all = db.transaction('kv', 'readonly').objectStore('kv').getAll();
        all.onerror = () => reject(all.error);
        all.onsuccess = () => {
          const t2 = performance.now();
          db.close();
          indexedDB.deleteDatabase(name);
          resolve([t1 - t0, t2 - t1, all.result]);
        };
      };
    };
  });
}
"#)]
extern "C" {
    fn idb_round_trip(name: &str, values: &js_sys::Array) -> js_sys::Promise;
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

const WORDS: [&str; 16] = [
    "the", "minister", "said", "on", "Tuesday", "that", "talks", "would", "resume", "after", "a", "pause", "of",
    "several", "weeks", "—",
];

/// 10,000 articles of about 5,300 bytes (the project bench's size), text of news-like words.
fn articles() -> Vec<ArticleInput> {
    let mut seed = 7u64;
    (0..10_000)
        .map(|i| {
            let mut text = String::new();
            while text.len() < 5_300 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push_str(WORDS[(seed >> 60) as usize]);
                text.push(if (seed >> 50).is_multiple_of(13) { '.' } else { ' ' });
            }
            ArticleInput {
                id: Some(format!("art-{i:05}")),
                source: Some("Generated News".into()),
                title: Some(format!("Headline number {i}")),
                date: Some("2026-05-01".into()),
                text,
            }
        })
        .collect()
}

/// Puts `values` in a fresh database and reads them back: (put ms, getAll ms, values read).
async fn round_trip(name: &str, values: &js_sys::Array) -> (f64, f64, js_sys::Array) {
    let out: js_sys::Array = JsFuture::from(idb_round_trip(name, values)).await.unwrap().unchecked_into();
    (out.get(0).as_f64().unwrap_or(f64::NAN), out.get(1).as_f64().unwrap_or(f64::NAN), out.get(2).unchecked_into())
}

#[wasm_bindgen_test]
async fn records_cross_the_indexeddb_boundary_as_json_strings_or_js_objects() {
    let arts = articles();
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    for round in 0..3 {
        let t0 = now();
        let strings = js_sys::Array::new();
        for a in &arts {
            strings.push(&JsValue::from_str(&serde_json::to_string(a).unwrap()));
        }
        let t1 = now();
        let objects = js_sys::Array::new();
        for a in &arts {
            objects.push(&serde_wasm_bindgen::to_value(a).unwrap());
        }
        let t2 = now();
        let (put_s, get_s, read_s) = round_trip(&format!("bench-strings-{round}"), &strings).await;
        let (put_o, get_o, read_o) = round_trip(&format!("bench-objects-{round}"), &objects).await;
        let t3 = now();
        let back_s: Vec<ArticleInput> = read_s.iter().map(|v| decode_doc(&v.as_string().unwrap()).unwrap()).collect();
        let t4 = now();
        let back_o: Vec<ArticleInput> = read_o.iter().map(|v| serde_wasm_bindgen::from_value(v).unwrap()).collect();
        let t5 = now();
        assert!(back_s == arts, "JSON strings read back as written");
        assert!(back_o == arts, "JS objects read back as written");
        console_log!(
            "idb-boundary {{\"round\":{round},\"articles\":{},\"text_bytes\":{bytes},\
             \"json\":{{\"encode_ms\":{:.1},\"put_ms\":{put_s:.1},\"get_all_ms\":{get_s:.1},\"decode_ms\":{:.1}}},\
             \"objects\":{{\"encode_ms\":{:.1},\"put_ms\":{put_o:.1},\"get_all_ms\":{get_o:.1},\"decode_ms\":{:.1}}}}}",
            arts.len(),
            t1 - t0,
            t4 - t3,
            t2 - t1,
            t5 - t4
        );
    }
}
