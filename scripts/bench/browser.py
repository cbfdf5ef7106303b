"""The bench's browser: the e2e harness's Chromium on a throw-away profile with the in-page
instrumentation (INSTRUMENT_JS, injected with CDP `Page.addScriptToEvaluateOnNewDocument`
before any page script), the server with a blank same-origin page for setting storage up,
fresh origins, opening the page, CPU profiles of the main thread.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from harness import SEEDS as SEED_DOCS, Browser, StaticServer, messages, wait_for
from selenium.common.exceptions import WebDriverException

BLANK = "__bench_blank.html"  # served by our server (same origin, no app): storage set-up
SEEDS = len(SEED_DOCS)  # bundled articles listed on a fresh start

# In-page instrumentation (runs before any page script, in every document): the figures of
# every section are taken in the page with performance.now() and read from window.__bench.
INSTRUMENT_JS = r"""
(function () {
  if (window.__bench) return;
  var B = window.__bench = {
    firstSentenceDom: null, firstSentence: null, ready: null, previewSeen: false,
    sets: [], setCount: 0, setMs: 0, setErrors: 0, recordSets: false,
    keys: [], pending: null, watch: null,
    importTarget: null, importStart: null, importDom: null, importDone: null,
    wasmMemory: null, lcp: null
  };
  // 1. the largest contentful paint (on a first visit, index.html's first screen).
  try {
    new PerformanceObserver(function (l) {
      l.getEntries().forEach(function (e) { B.lcp = e.startTime; });
    }).observe({type: 'largest-contentful-paint', buffered: true});
  } catch (e) {}
  // 5. every localStorage.setItem, timed around the original.
  var origSet = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    var a = performance.now(), err = null;
    try { return origSet.call(this, k, v); }
    catch (e) { err = e; throw e; }
    finally {
      var b = performance.now();
      B.setCount++; B.setMs += b - a; if (err) B.setErrors++;
      if (B.recordSets) B.sets.push({k: String(k), len: String(v).length, start: a, end: b, err: err ? String(err.name) : null});
    }
  };
  // 6. the wasm instance's memory.
  function grab(r) {
    try {
      var inst = r && (r.instance || r);
      var ex = inst && inst.exports;
      if (ex) for (var n in ex) if (ex[n] instanceof WebAssembly.Memory) { B.wasmMemory = ex[n]; break; }
    } catch (e) {}
    return r;
  }
  ['instantiateStreaming', 'instantiate'].forEach(function (name) {
    var o = WebAssembly[name];
    if (!o) return;
    WebAssembly[name] = function () { return o.apply(this, arguments).then(grab); };
  });
  function raf(cb) { requestAnimationFrame(function () { cb(performance.now()); }); }
  // Documents the page has: the list's heading counts them all (a long list draws its
  // first items only).
  function docsTotal() {
    var h = document.querySelector('[data-docs-total]');
    return h ? Number(h.getAttribute('data-docs-total')) : document.querySelectorAll('[data-doc]').length;
  }
  // 1. first sentence painted; 2. import finished.
  var mo = new MutationObserver(function () {
    if (B.firstSentenceDom === null && document.querySelector('[data-sentence]')) {
      B.firstSentenceDom = performance.now();
      raf(function (t) { B.firstSentence = t; });
    }
    // The page ready for keys: sentences shown and no longer the open article shown first
    // while a large corpus is read ([data-loading]).
    if (B.ready === null && document.querySelector('[data-sentence]')) {
      if (document.querySelector('[data-loading]')) B.previewSeen = true;
      else { B.ready = -1; raf(function (t) { B.ready = t; }); }
    }
    if (B.importTarget !== null && B.importStart !== null && B.importDom === null
        && docsTotal() >= B.importTarget) {
      B.importDom = performance.now();
      raf(function (t) { B.importDone = t; });
    }
  });
  mo.observe(document, {childList: true, subtree: true});
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t && t.matches && t.matches('input[data-action="import-files"]') && B.importStart === null)
      B.importStart = performance.now();
  }, true);
  // 3./4. key -> DOM attribute change -> next frame -> after that frame.
  window.addEventListener('keydown', function (e) {
    B.pending = {key: e.key, ts: e.timeStamp, seen: performance.now(), dom: null, raf: null, post: null};
  }, true);
  var amo = new MutationObserver(function (recs) {
    var p = B.pending;
    if (!p || p.dom !== null || !B.watch) return;
    for (var i = 0; i < recs.length; i++) {
      var r = recs[i], hit = r.type === 'attributes' && r.attributeName === B.watch;
      // A press that moves the window of rendered sentences replaces elements (the new
      // ones carry their attributes already): sentences added count as the DOM update.
      if (!hit && r.type === 'childList') {
        for (var j = 0; j < r.addedNodes.length && !hit; j++) {
          var n = r.addedNodes[j];
          hit = n.nodeType === 1 && (n.matches('[data-sentence]') || !!n.querySelector('[data-sentence]'));
        }
      }
      if (hit) {
        p.dom = performance.now();
        p.kind = r.type;
        raf(function (t) {
          p.raf = t;
          var f = document.querySelector('[aria-current="true"][data-sentence]');
          p.focus = f ? f.getAttribute('data-sentence') : null;
          var ch = new MessageChannel();
          ch.port1.onmessage = function () { p.post = performance.now(); B.keys.push(p); };
          ch.port2.postMessage(0);
        });
        return;
      }
    }
  });
  amo.observe(document, {attributes: true, childList: true, subtree: true, attributeFilter: ['data-labels', 'aria-current']});
})();
"""


class BenchBrowser(Browser):
    """The harness's Browser on a throw-away profile, with the bench's instrumentation and no
    guards (the network log would cost the page time; the console is still read)."""

    def __init__(self, download_dir: Path | None = None):
        self.profile = tempfile.mkdtemp(prefix="sa-bench-profile-")
        super().__init__(self.profile, download_dir, guards=False, init_scripts=[INSTRUMENT_JS], script_timeout=120)

    def bench(self, expr: str):
        return self.js(f"var B = window.__bench; return B ? ({expr}) : null;")

    def console_problems(self) -> list[str]:
        try:
            self.collect()
        except WebDriverException:
            return []
        return self.console_errors()

    def close(self) -> None:
        try:
            self.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "BenchBrowser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def bench_server(dist: Path) -> StaticServer:
    """dist/ served on 127.0.0.1, with the blank page of fresh_origin, cross-origin isolated:
    `performance.now()` then counts in 5 µs steps, not Chromium's coarse 100 µs, which
    matters for figures of about a millisecond (key handling)."""
    return StaticServer(dist, pages={"/" + BLANK: ("text/html", b"<!DOCTYPE html><title>blank</title>")},
                        isolated=True)


def doc_count(b: BenchBrowser) -> int:
    """How many documents the page lists (drawn or not)."""
    return b.js("var h = document.querySelector('[data-docs-total]');"
                "return h ? Number(h.getAttribute('data-docs-total')) : document.querySelectorAll('[data-doc]').length;")


def cpu_profile_start(b: BenchBrowser, interval_us: int = 500) -> None:
    """Starts sampling the main thread (CDP Profiler) every `interval_us` µs."""
    b.cdp("Profiler.enable")
    b.cdp("Profiler.setSamplingInterval", {"interval": interval_us})
    b.cdp("Profiler.start")


def cpu_profile_stop(b: BenchBrowser, top: int = 12) -> dict:
    """Self time (ms) of the main thread by category and by function, from CDP Profiler.
    The wasm is built stripped, so wasm functions show as indices; style, layout and paint
    count as "(program)"."""
    prof = b.cdp("Profiler.stop")["profile"]
    b.cdp("Profiler.disable")
    nodes = {n["id"]: n for n in prof["nodes"]}
    self_us: dict[int, float] = {}
    for nid, dt in zip(prof.get("samples", []), prof.get("timeDeltas", [])):
        self_us[nid] = self_us.get(nid, 0) + dt
    cats: dict[str, float] = {}
    funcs: dict[str, float] = {}
    for nid, us in self_us.items():
        cf = nodes[nid]["callFrame"]
        name, url = cf.get("functionName") or "(anonymous)", cf.get("url", "")
        if name in ("(idle)", "(program)", "(garbage collector)", "(root)"):
            cat = name
        elif url.startswith("wasm://"):
            cat = "wasm"
        elif url:
            cat = "js:" + url.rsplit("/", 1)[-1]
        else:
            cat = "native"
        cats[cat] = cats.get(cat, 0) + us / 1000
        label = f"{name} [{cat}]"
        funcs[label] = funcs.get(label, 0) + us / 1000
    total = sum(cats.values())
    return {
        "total_ms": round(total, 1),
        "by_category_ms": {k: round(v, 1) for k, v in sorted(cats.items(), key=lambda kv: -kv[1])},
        "top_self_ms": {k: round(v, 1) for k, v in sorted(funcs.items(), key=lambda kv: -kv[1])[:top]},
    }


def fresh_origin(b: BenchBrowser, srv: StaticServer, storage: dict | None = None) -> dict:
    """Blank same-origin page, localStorage and IndexedDB cleared (localStorage filled with `storage`); the page's
    service worker and its cache are dropped too, so every load is a cold one (no wasm from the
    Cache API)."""
    b.cdp("Storage.clearDataForOrigin", {"origin": srv.origin, "storageTypes": "service_workers,cache_storage,indexeddb"})
    b.driver.get(srv.url + BLANK)
    return b.js(
        """
        localStorage.clear();
        var m = arguments[0] || {}, n = 0, units = 0, failed = [];
        for (var k in m) {
          try { localStorage.setItem(k, m[k]); n++; units += k.length + m[k].length; }
          catch (e) { failed.push(k + ': ' + e.name); }
        }
        return {written: n, units: units, failed: failed.length, first_failures: failed.slice(0, 3)};
        """,
        storage or {},
    )


def open_page(b: BenchBrowser, srv: StaticServer, docs_expected: int, timeout: float = 60) -> None:
    """Loads the page and waits for its first sentence painted (as the instrumentation saw it)
    and for `docs_expected` documents listed."""
    b.driver.get(srv.url)
    wait_for(lambda: b.bench("B.firstSentence !== null"), timeout, "the first sentence painted", interval=0.02)
    wait_for(lambda: doc_count(b) >= docs_expected, timeout, f"{docs_expected} documents listed")


def page_messages(b: BenchBrowser) -> list[str]:
    """The page's error messages."""
    return [m.strip() for m in messages(b, "error")]
