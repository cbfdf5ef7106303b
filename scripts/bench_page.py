#!/usr/bin/env python3
"""Performance benchmark of the built page (dist/) in headless Chromium.

Usage (from the repository root; `make bench` does all of it):

    .venv/bin/python scripts/bench_page.py [--dist dist] [--out bench-report.json]
        [--segment-log FILE] [--agreement-log FILE] [--cargo-bench] [--gen-bin PATH] [--quick]
        [--only SECTIONS] [--write-readme]

Serves dist/ on 127.0.0.1 and drives /usr/bin/chromium through /usr/bin/chromedriver (a
fresh profile each time) with the end-to-end tests' harness (tests/e2e/harness: server,
browser, page helpers), and measures, in the page with `performance.now()` (instrumentation
injected with CDP `Page.addScriptToEvaluateOnNewDocument`, before any page script):

1. cold start: navigation start -> first `[data-sentence]` in the DOM -> next animation frame;
2. import of 1000 generated articles (~5 MB, `examples/gen_corpus.rs`): the file input's
   `change` event -> all documents listed (`[data-doc]` count) -> next animation frame;
3. key-to-paint of tagging (`1`/`2`, auto-advance on, the default) in a 50- and a
   5,000-sentence article: keydown `event.timeStamp` -> the MutationObserver sees
   `data-labels` change -> `requestAnimationFrame` callback (`performance.now()` there);
4. the same for moving focus (`j`, `aria-current`);
5. the time spent in `localStorage.setItem` (wrapped) per key press, with 100 and with
   50,000 labelled sentences stored (state preloaded as storage keys made by gen_corpus);
6. JS heap (CDP `Runtime.getHeapUsage` after a forced GC) and wasm memory after the import;
7. page size: each file gzipped (level 9), brotli when available; the target is on
   wasm + js + css + html;
8. key handling: the time the page spends on a synthetic keydown (a label key, and `j`)
   dispatched on the focused sentence, from the dispatch to the end of the microtasks it
   queued (Yew renders there), 200 presses per key and article (section `handling`; the
   dispatch alone, listener + reducer, beside it);
9. 3. and 4. again with Chromium's CPU throttled 4x (DevTools
   `Emulation.setCPUThrottlingRate`, a slow laptop), 120 presses each (section `throttled`);
10. the agreement panel opening with 8 annotators x 2,000 sentences (section `agreement`): a
   generated 2,000-sentence article imported, the page's own export taken and rewritten into 8
   annotators' exports (the page's own name and 7 colleagues; seeded random decisions among
   claim/denial/demand/none, ~10% undecided, each annotator agreeing with a per-sentence
   "truth" 70-90% of the time), imported in one drop (own work merged, 7 read-only layers);
   then, 20 times: `performance.now()` just before a click on `[data-action="agreement"]`
   (`HTMLElement.click()` in the page: no WebDriver round trip inside the measure) -> a
   MutationObserver sees the panel's overall `[data-metric="krippendorff_alpha"]` row ->
   `requestAnimationFrame` -> after that frame (a MessageChannel message: the frame that
   paints the panel is done); the panel closed between runs, so each opening computes the
   figures anew (the panel memoises them only while it is open);
11. with --cargo-bench, also `cargo bench --bench agreement`: the native `agreement::report`
   on 20 annotators x 20,000 and 8 x 2,000 generated sentences (benches/agreement.rs), median
   of 31 runs.

With --write-readme the table of README.md's "Performance" section (between the markers
`<!-- bench-table:start -->` and `<!-- bench-table:end -->`) is rewritten from the run.

Every number is reported as median and p95 over repeated runs; targets get PASS/MISS. The
report is printed as a table and written as JSON. Targets are measured, never asserted: the
exit status is 0 unless the bench itself could not run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
sys.path.insert(0, str(REPO / "tests" / "e2e"))
# The end-to-end harness: the same server, browser and page helpers as the tests.
from harness import (  # noqa: E402
    CHROMIUM, SEEDS as SEED_DOCS, ActionChains, Browser, By, Keys, StaticServer, WaitTimeout,
    active_is, click_centered, css_all, export_json, focus_sentence, import_files, messages,
    missing_binaries, setting, show_doc, wait_for,
)
from selenium.common.exceptions import WebDriverException  # noqa: E402

SECTIONS = ("size", "cold", "keys", "handling", "throttled", "save", "import", "agreement")
PAGE_SIZE_LIMIT = 200_000  # bytes, gzip -9, wasm + js + css + html (issue 10)
BLANK = "__bench_blank.html"  # served by our server (same origin, no app): storage set-up
SEEDS = len(SEED_DOCS)  # bundled articles listed on a fresh start

# --------------------------------------------------------------------------------------------
# In-page instrumentation (runs before any page script, in every document)
# --------------------------------------------------------------------------------------------

INSTRUMENT_JS = r"""
(function () {
  if (window.__bench) return;
  var B = window.__bench = {
    firstSentenceDom: null, firstSentence: null,
    sets: [], setCount: 0, setMs: 0, setErrors: 0, recordSets: false,
    keys: [], pending: null, watch: null,
    importTarget: null, importStart: null, importDom: null, importDone: null,
    wasmMemory: null
  };
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
  // 1. first sentence painted; 2. import finished.
  var mo = new MutationObserver(function () {
    if (B.firstSentenceDom === null && document.querySelector('[data-sentence]')) {
      B.firstSentenceDom = performance.now();
      raf(function (t) { B.firstSentence = t; });
    }
    if (B.importTarget !== null && B.importStart !== null && B.importDom === null
        && document.querySelectorAll('[data-doc]').length >= B.importTarget) {
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

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return None
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))
    return v[k]


def summary(values: list[float], unit: str, **extra) -> dict:
    vals = [float(x) for x in values if x is not None]
    out = {
        "unit": unit,
        "n": len(vals),
        "median": statistics.median(vals) if vals else None,
        "p95": pct(vals, 95),
        "min": min(vals) if vals else None,
        "max": max(vals) if vals else None,
        "samples": [round(x, 3) for x in vals],
    }
    out.update(extra)
    return out


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


def cpu_profile_start(b: BenchBrowser, interval_us: int = 500) -> None:
    b.driver.execute_cdp_cmd("Profiler.enable", {})
    b.driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": interval_us})
    b.driver.execute_cdp_cmd("Profiler.start", {})


def cpu_profile_stop(b: BenchBrowser, top: int = 12) -> dict:
    """Self time (ms) of the main thread by category and by function, from CDP Profiler.
    The wasm is built stripped, so wasm functions show as indices; style, layout and paint
    count as "(program)"."""
    prof = b.driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
    b.driver.execute_cdp_cmd("Profiler.disable", {})
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
    """Blank same-origin page, localStorage cleared (and filled with `storage`)."""
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
    b.driver.get(srv.url)
    wait_for(lambda: b.bench("B.firstSentence !== null"), timeout, "the first sentence painted", interval=0.02)
    wait_for(
        lambda: b.js("return document.querySelectorAll('[data-doc]').length;") >= docs_expected,
        timeout,
        f"{docs_expected} documents listed",
    )


def press_series(b: BenchBrowser, keys: list[str], watch: str, warmup: int, settle: float = 0.12,
                 record_sets: bool = False) -> dict:
    """Presses each key like a person (ActionChains), one at a time, waiting for its frame.
    Returns per-press latencies (ms) and, with record_sets, the setItem calls per press."""
    b.js("var B = window.__bench; B.keys = []; B.pending = null; B.watch = arguments[0]; B.sets = []; B.recordSets = arguments[1];",
         watch, record_sets)
    timeouts = 0
    for n, key in enumerate(keys):
        if key == "label":  # 1 (claim) on a sentence without claim, else 2: always sets a label
            key = b.js("var e = document.querySelector('[aria-current=\"true\"][data-sentence]');"
                       "return e && (e.getAttribute('data-labels') || '').split(' ').indexOf('claim') >= 0 ? '2' : '1';")
        ActionChains(b.driver).send_keys(key).perform()
        try:
            wait_for(lambda: b.bench("B.keys.length") >= n + 1 - timeouts, 5, f"the frame after key {key!r}", interval=0.01)
        except WaitTimeout:
            timeouts += 1
        time.sleep(settle)  # let effects (saving) finish before the next press
    res = b.bench("{keys: B.keys, sets: B.sets}")
    b.js("window.__bench.recordSets = false; window.__bench.sets = [];")
    presses = res["keys"][warmup:]
    out = {
        "key_to_frame": [p["raf"] - p["ts"] for p in presses],
        "key_to_dom": [p["dom"] - p["ts"] for p in presses],
        "key_to_after_frame": [p["post"] - p["ts"] for p in presses],
        "input_delay": [p["seen"] - p["ts"] for p in presses],
        "timeouts": timeouts,
        "focus_after": [p.get("focus") for p in presses],
        "dom_change_kind": [p.get("kind") for p in presses],
    }
    if record_sets:
        # Each setItem belongs to the latest keydown before it.
        starts = [p["seen"] for p in res["keys"]]
        per = [{"ms": 0.0, "calls": 0, "chars": 0, "last_end": None, "keys": set()} for _ in starts]
        for s in res["sets"]:
            idx = max((i for i, t in enumerate(starts) if t <= s["start"]), default=None)
            if idx is None:
                continue
            d = per[idx]
            d["ms"] += s["end"] - s["start"]
            d["calls"] += 1
            d["chars"] += s["len"]
            d["last_end"] = s["end"]
            d["keys"].add(re.sub(r"^(sa/v1/(?:ann|doc)/).*", r"\1*", s["k"]))
        per = per[warmup:]
        out["save_ms"] = [d["ms"] for d in per]
        out["save_calls"] = [d["calls"] for d in per]
        out["save_chars"] = [d["chars"] for d in per]
        out["key_to_saved"] = [d["last_end"] - p["seen"] for d, p in zip(per, res["keys"][warmup:]) if d["last_end"] is not None]
        out["save_keys"] = sorted(set().union(*[d["keys"] for d in per])) if per else []
    return out


def page_messages(b: BenchBrowser) -> list[str]:
    """The page's error messages."""
    return [m.strip() for m in messages(b, "error")]


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


class Gen:
    """Runs examples/gen_corpus.rs (a built binary, or through `cargo run --release`)."""

    def __init__(self, binary: str | None):
        self.binary = binary
        if not binary:
            log("building examples/gen_corpus.rs (cargo build --release --example gen_corpus)")
            subprocess.run(["cargo", "build", "--release", "--example", "gen_corpus", "-q"], cwd=REPO, check=True)

    def __call__(self, *args) -> dict:
        cmd = [self.binary] if self.binary else ["cargo", "run", "-q", "--release", "--example", "gen_corpus", "--"]
        out = subprocess.run(cmd + [str(a) for a in args], cwd=REPO, check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# The measurements
# --------------------------------------------------------------------------------------------


def bench_cold(srv: StaticServer, runs: int) -> dict:
    b = BenchBrowser()
    try:
        vals, dom, wasm_end, requests = [], [], [], []
        for i in range(runs + 1):  # the first load warms the browser process, not counted
            fresh_origin(b, srv)
            srv.take()
            open_page(b, srv, SEEDS)
            r = b.bench("{fs: B.firstSentence, dom: B.firstSentenceDom, wasm: (performance.getEntriesByType('resource')"
                        ".filter(e => /\\.wasm$/.test(e.name)).map(e => e.responseEnd)[0] || null)}")
            reqs = srv.take()
            if i == 0:
                continue
            vals.append(r["fs"])
            dom.append(r["dom"])
            if r["wasm"] is not None:
                wasm_end.append(r["wasm"])
            requests = reqs
        return {
            "first_sentence_painted": summary(vals, "ms"),
            "first_sentence_in_dom": summary(dom, "ms"),
            "wasm_response_end": summary(wasm_end, "ms"),
            "requests_of_a_load": sorted(set(requests)),
            "console_problems": b.console_problems()[:5],
        }
    finally:
        b.close()


def bench_import(srv: StaticServer, corpus_dir: Path, n_files: int, runs: int, budget_s: float,
                 profile_run: bool = True) -> dict:
    files = sorted(str(p) for p in corpus_dir.glob("*.txt"))
    assert len(files) == n_files, f"{len(files)} files in {corpus_dir}, expected {n_files}"
    target = n_files + SEEDS
    times, dom_times, heaps, heaps_before, wasm_mem, set_stats, errors = [], [], [], [], [], [], []
    started = time.monotonic()
    problems: list[str] = []
    for run in range(runs):
        if run >= 2 and time.monotonic() - started > budget_s:
            log(f"import: time budget spent after {run} runs")
            break
        b = BenchBrowser()
        try:
            fresh_origin(b, srv)
            open_page(b, srv, SEEDS)
            b.cdp("HeapProfiler.collectGarbage", {})
            heaps_before.append(b.cdp("Runtime.getHeapUsage", {})["usedSize"])
            b.js("var B = window.__bench; B.importTarget = arguments[0]; B.importStart = null; B.importDom = null; B.importDone = null;"
                 "B.setCount = 0; B.setMs = 0; B.setErrors = 0;", target)
            inp = b.driver.find_element(By.CSS_SELECTOR, 'input[type="file"][data-action="import-files"]')
            t0 = time.monotonic()
            inp.send_keys("\n".join(files))
            try:
                wait_for(lambda: b.bench("B.importDone !== null"), 300, f"{target} documents listed", interval=0.1)
            except WaitTimeout as e:
                n = b.js("return document.querySelectorAll('[data-doc]').length;")
                problems.append(f"run {run}: {e} (listed: {n})")
                log(problems[-1])
                continue
            r = b.bench("{start: B.importStart, dom: B.importDom, done: B.importDone, sets: B.setCount, setMs: B.setMs, setErr: B.setErrors}")
            # Let the tail of the import (progress, saving) finish before measuring memory.
            time.sleep(1.0)
            b.cdp("HeapProfiler.collectGarbage", {})
            heap = b.cdp("Runtime.getHeapUsage", {})
            wm = b.bench("B.wasmMemory ? B.wasmMemory.buffer.byteLength : null")
            times.append(r["done"] - r["start"])
            dom_times.append(r["dom"] - r["start"])
            heaps.append(heap["usedSize"])
            if wm:
                wasm_mem.append(wm)
            set_stats.append({"calls": r["sets"], "ms": round(r["setMs"], 1), "quota_errors": r["setErr"]})
            errs = page_messages(b)
            errors = errs or errors
            log(f"import run {run + 1}: {times[-1]:.0f} ms in page ({time.monotonic() - t0:.1f} s wall), "
                f"setItem: {r['sets']} calls / {r['setMs']:.0f} ms / {r['setErr']} quota errors, heap {heap['usedSize'] / 1e6:.1f} MB")
            problems.extend(p for p in b.console_problems()[:3] if p not in problems)
        finally:
            b.close()
    profile = None
    if profile_run:
        b = BenchBrowser()
        try:
            fresh_origin(b, srv)
            open_page(b, srv, SEEDS)
            b.js("var B = window.__bench; B.importTarget = arguments[0]; B.importStart = null; B.importDom = null; B.importDone = null;", target)
            cpu_profile_start(b, 1000)
            b.driver.find_element(By.CSS_SELECTOR, 'input[type="file"][data-action="import-files"]').send_keys("\n".join(files))
            wait_for(lambda: b.bench("B.importDone !== null"), 300, f"{target} documents listed (profiled run)", interval=0.1)
            profile = cpu_profile_stop(b)
            profile["import_ms_while_profiled"] = round(b.bench("B.importDone - B.importStart"), 1)
        except (WaitTimeout, WebDriverException) as e:
            problems.append(f"profiled run: {e}")
        finally:
            b.close()
    return {
        "cpu_profile_of_an_import": profile,
        "import": summary(times, "ms", files=n_files, bytes=sum(Path(f).stat().st_size for f in files)),
        "import_all_listed_dom": summary(dom_times, "ms"),
        "js_heap_after_import": summary(heaps, "bytes"),
        "js_heap_before_import": summary(heaps_before, "bytes"),
        "wasm_memory_after_import": summary(wasm_mem, "bytes"),
        "setitem_during_import": set_stats,
        "page_error_messages_after_import": errors[:5],
        "problems": problems,
    }


def window_shifts(series: dict) -> list[float]:
    """key_to_frame of the presses after which the focus sits on a multiple of 100 (the page
    renders a window of 300 sentences that moves by 100: those presses shift it)."""
    out = []
    for v, f in zip(series.get("key_to_frame", []), series.get("focus_after", [])):
        try:
            i = int(str(f).rsplit(":", 1)[1])
        except (IndexError, ValueError):
            continue
        if i > 0 and i % 100 == 0:
            out.append(v)
    return out


def open_with_articles(b: BenchBrowser, srv: StaticServer, small: Path, big: Path) -> dict[str, tuple[int, int]]:
    """A fresh origin with the two generated articles imported. Returns the start points of
    the series (tag, move) by document: in the long article deep inside, with the 100-sentence
    window boundary crossed in each series of 40 presses (as a person working through it
    crosses one every 100 keys)."""
    fresh_origin(b, srv)
    open_page(b, srv, SEEDS)
    b.driver.find_element(By.CSS_SELECTOR, 'input[type="file"][data-action="import-files"]').send_keys(f"{small}\n{big}")
    wait_for(lambda: b.js("return document.querySelectorAll('[data-doc]').length;") >= SEEDS + 2, 120, "the two articles imported")
    return {small.stem: (2, 2), big.stem: (2480, 2580)}


# The time the page spends handling one key press, measured in the page: a synthetic keydown
# dispatched on the focused sentence (the page's listener is on window). Yew runs the listener
# and the reducer synchronously inside dispatchEvent ("sync"), but renders (and runs effects)
# in a microtask it queues then (Yew 0.23's scheduler): the key handling is the time from the
# dispatch to the end of those microtasks ("render"; a microtask queued after the dispatch
# runs after Yew's). Between presses: the next frame, then `settle` ms. (performance.now()
# is coarsened to 0.1 ms in a page that is not cross-origin isolated.)
# The key "label" stands for 1 (claim) on a sentence without claim, else 2 (denial): each
# press sets a label, whatever earlier series left there.
HANDLE_JS = r"""
var arg = arguments[0], n = arguments[1], settle = arguments[2], done = arguments[arguments.length - 1];
var out = {sync: [], render: [], dom_in_sync: 0, changed: 0};
function state(k) {
  var f = document.querySelector('[aria-current="true"][data-sentence]');
  var e = Array.from(document.querySelectorAll('[data-sentence]')).find(x => x.getAttribute('data-sentence') === k);
  return (f ? f.getAttribute('data-sentence') : '') + '|' + (e ? e.getAttribute('data-labels') : '');
}
var i = 0;
function one() {
  if (i++ >= n) { done(out); return; }
  var el = document.querySelector('[aria-current="true"][data-sentence]') || document.body;
  var k = el.getAttribute('data-sentence'), before = state(k);
  var key = arg !== 'label' ? arg : ((el.getAttribute('data-labels') || '').split(' ').indexOf('claim') < 0 ? '1' : '2');
  var ev = new KeyboardEvent('keydown', {key: key, bubbles: true, cancelable: true});
  var t0 = performance.now();
  el.dispatchEvent(ev);
  var t1 = performance.now();
  var inSync = state(k) !== before;
  queueMicrotask(function () {
    var t2 = performance.now();
    out.sync.push(t1 - t0);
    out.render.push(t2 - t0);
    if (inSync) out.dom_in_sync++;
    requestAnimationFrame(function () {
      if (state(k) !== before) out.changed++;
      setTimeout(one, settle);
    });
  });
}
one();
"""


def handling_series(b: BenchBrowser, doc: str, start: int, key: str, runs: int, chunk: int, settle_ms: int = 40) -> dict:
    """Key handling of `runs` runs of `chunk` presses of `key` ("label": see HANDLE_JS), each
    run from sentence `start` (clicked first), after a warm-up run of 10 presses."""
    out = {"sync": [], "render": [], "dom_in_sync": 0, "changed": 0, "presses": 0}
    b.js("window.__bench.watch = null;")  # the key-to-paint observer stays idle
    focus_sentence(b, doc, start)
    b.driver.execute_async_script(HANDLE_JS, key, 10, settle_ms)
    for _ in range(runs):
        focus_sentence(b, doc, start)
        r = b.driver.execute_async_script(HANDLE_JS, key, chunk, settle_ms)
        for k in ("sync", "render"):
            out[k] += r[k]
        for k in ("dom_in_sync", "changed"):
            out[k] += r[k]
        out["presses"] += chunk
    return out


def chunked_press_series(b: BenchBrowser, doc: str, start: int, keys: list[str], chunk: int, watch: str, warmup: int,
                         settle: float) -> dict:
    """press_series in runs of `chunk` presses (plus `warmup`), each run from sentence `start`
    with one key of `keys`, the results joined."""
    fields = ("key_to_frame", "key_to_dom", "key_to_after_frame", "input_delay", "focus_after")
    out: dict = {k: [] for k in fields}
    out["timeouts"] = 0
    for key in keys:
        focus_sentence(b, doc, start)
        r = press_series(b, [key] * (chunk + warmup), watch, warmup, settle=settle)
        for k in fields:
            out[k] += r[k]
        out["timeouts"] += r["timeouts"]
    return out


def bench_keys(srv: StaticServer, small: Path, big: Path, cfg: dict, sections: set[str]) -> dict:
    """3./4. key-to-paint (section keys), 8. key handling in the page (handling), 9. key ->
    next frame with the CPU throttled (throttled; DevTools Emulation.setCPUThrottlingRate,
    around the presses only), in one browser with both articles imported."""
    presses, warmup, chunk, rate = cfg["presses"], cfg["warmup"], cfg["chunk"], cfg["throttle_rate"]
    b = BenchBrowser()
    out: dict = {}
    try:
        starts = open_with_articles(b, srv, small, big)
        for doc in (small.stem, big.stem):
            tag_at, move_at = starts[doc]
            show_doc(b, doc, timeout=30)
            n_sent = b.js("return document.querySelectorAll('[data-sentence^=\"' + arguments[0] + ':\"]').length;", doc)
            log(f"keys: {doc}: {n_sent} sentences on the page")
            res: dict = {"sentences": n_sent, "start_at": {"tag": tag_at, "move": move_at}}
            # Label keys: "1" then, on the same sentences, "2" (claim, then claim -> denial), auto-advance
            # on: every press sets a label, none removes one (later series press "label", which
            # picks the key that sets one).
            if "keys" in sections:
                res["tag"] = chunked_press_series(b, doc, tag_at, ["1", "2"], presses, "data-labels", warmup, settle=0.12)
                res["move"] = chunked_press_series(b, doc, move_at, ["j"], presses, "aria-current", warmup, settle=0.12)
                # A CPU profile of 20 tag presses (not part of the numbers above).
                focus_sentence(b, doc, tag_at)
                cpu_profile_start(b, 100)
                press_series(b, ["1"] * 20, "data-labels", 0)
                res["cpu_profile_of_20_tags"] = cpu_profile_stop(b)
            if "handling" in sections:
                runs = cfg["handling_runs"]
                log(f"key handling: {doc}: {runs} x {chunk} presses of a label key and of j")
                res["handling"] = {
                    "tag": handling_series(b, doc, tag_at, "label", runs, chunk),
                    "move": handling_series(b, doc, move_at, "j", runs, chunk),
                }
            if "throttled" in sections:
                runs = cfg["throttled_runs"]
                log(f"key -> next frame, CPU {rate:g}x slower: {doc}: {runs} x {chunk} presses of a label key and of j")
                b.cdp("Emulation.setCPUThrottlingRate", {"rate": rate})
                try:
                    res["throttled"] = {
                        "tag": chunked_press_series(b, doc, tag_at, ["label"] * runs, chunk, "data-labels", warmup,
                                                    settle=0.25),
                        "move": chunked_press_series(b, doc, move_at, ["j"] * runs, chunk, "aria-current", warmup,
                                                     settle=0.25),
                    }
                finally:
                    b.cdp("Emulation.setCPUThrottlingRate", {"rate": 1})
            out[doc] = res
        out["page_error_messages"] = page_messages(b)[:5]
        out["console_problems"] = b.console_problems()[:5]
        return out
    finally:
        b.close()


def bench_save(srv: StaticServer, state: dict, info: dict, presses: int, warmup: int) -> dict:
    b = BenchBrowser()
    try:
        wrote = fresh_origin(b, srv, state)
        log(f"save: preloaded {wrote['written']}/{len(state)} keys ({wrote['units']} UTF-16 units), {wrote['failed']} refused")
        open_page(b, srv, info["docs"] + SEEDS, timeout=120)
        load = b.bench("{fs: B.firstSentence}")
        doc = info["open_doc"]
        show_doc(b, doc, timeout=30)
        labelled = b.js("return document.querySelectorAll('[data-sentence][data-labels~=\"claim\"]').length;")
        focus_sentence(b, doc, 2)
        r = press_series(b, ["2"] * (presses + warmup), "data-labels", warmup, settle=0.2, record_sets=True)
        # A CPU profile of 20 more tag presses (not part of the numbers above).
        focus_sentence(b, doc, 2)
        cpu_profile_start(b, 100)
        press_series(b, ["1"] * 20, "data-labels", 0)
        r["cpu_profile_of_20_tags"] = cpu_profile_stop(b)
        r["preload"] = wrote
        r["first_sentence_painted_ms"] = load["fs"]
        r["labelled_sentences_shown_in_open_doc"] = labelled
        r["page_error_messages"] = page_messages(b)[:5]
        r["storage_units_after"] = b.js("var n = 0; for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); n += k.length + localStorage.getItem(k).length; } return n;")
        r["console_problems"] = b.console_problems()[:5]
        return r
    finally:
        b.close()


# The agreement panel (10.): one opening per call, measured in the page. The figures are
# computed when the panel mounts (Yew renders in a microtask queued by the click), so the
# clock starts just before HTMLElement.click() and stops when the MutationObserver sees the
# overall alpha row, at the next animation frame and after that frame.
PANEL_OPEN_JS = r"""
var done = arguments[arguments.length - 1];
var SEL = '[data-panel="agreement"] [data-metric="krippendorff_alpha"]:not([data-label])';
if (document.querySelector('[data-panel="agreement"]')) { done({error: 'the panel is open already'}); return; }
var btn = document.querySelector('[data-action="agreement"]');
if (!btn) { done({error: 'no [data-action="agreement"]'}); return; }
var r = {t0: null, dom: null, raf: null, post: null};
var mo = new MutationObserver(function () {
  if (r.dom !== null || !document.querySelector(SEL)) return;
  r.dom = performance.now();
  mo.disconnect();
  requestAnimationFrame(function () {
    r.raf = performance.now();
    var ch = new MessageChannel();
    ch.port1.onmessage = function () {
      r.post = performance.now();
      var a = document.querySelector(SEL);
      r.alpha = a.getAttribute('data-value');
      r.alpha_n = a.getAttribute('data-n');
      r.pairs = document.querySelectorAll('[data-panel="agreement"] [data-metric="cohen_kappa"]').length;
      r.fleiss_n = (document.querySelector('[data-panel="agreement"] [data-metric="fleiss_kappa"]') || {getAttribute: function () { return null; }}).getAttribute('data-n');
      r.nodes = document.querySelector('[data-panel="agreement"]').getElementsByTagName('*').length;
      done(r);
    };
    ch.port2.postMessage(0);
  });
});
mo.observe(document.body, {childList: true, subtree: true, attributes: true});
setTimeout(function () { if (r.dom === null) { mo.disconnect(); done({error: 'no alpha row within 20 s'}); } }, 20000);
r.t0 = performance.now();
btn.click();
"""

PANEL_CLOSE_JS = r"""
var done = arguments[arguments.length - 1];
var btn = document.querySelector('[data-panel="agreement"] [data-action="agreement-close"]')
  || document.querySelector('[data-action="agreement"]');
var t0 = performance.now();
btn.click();
(function wait() {
  if (document.querySelector('[data-panel="agreement"]')) { requestAnimationFrame(wait); return; }
  var t1 = performance.now();
  requestAnimationFrame(function () { done(t1 - t0); });
})();
"""

AGREEMENT_NAMES = ["bench-me"] + [f"colleague-{k}" for k in range(1, 8)]  # own name first


def colleague_exports(export: dict, doc_id: str, names: list[str], out_dir: Path, seed: int = 11) -> list[Path]:
    """One export file per name, from the page's own export (docs/FORMAT.md §1) cut to document
    `doc_id`: every sentence gets seeded random decisions: a "truth" per sentence (none 55%,
    claim 25%, denial 12%, demand 8%), each annotator finding it with their own accuracy (70-90%)
    and else picking any of the four, and leaving ~10% undecided."""
    import random

    rng = random.Random(seed)
    labels = export["labels"]
    doc = next(d for d in export["documents"] if d["id"] == doc_id)
    cats = [[label] for label in labels] + [[]]  # the labels, then "none applies"
    shares = [0.25, 0.12, 0.08][: len(labels)] + [0.55]
    truth = [rng.choices(range(len(cats)), weights=shares)[0] for _ in doc["sentences"]]
    paths = []
    for k, name in enumerate(names):
        acc = 0.70 + 0.20 * rng.random()
        sentences = []
        for s, t in zip(doc["sentences"], truth):
            s = {key: s[key] for key in ("index", "start", "end", "text")}
            if rng.random() < 0.10:
                s.update(labels=[], decided=False)
            else:
                c = t if rng.random() < acc else rng.randrange(len(cats))
                s.update(labels=list(cats[c]), decided=True)
            sentences.append(s)
        data = {key: export[key] for key in ("format", "version", "exported_at", "app_version", "segmenter", "labels")}
        data["annotator"] = name
        data["documents"] = [{**{key: doc[key] for key in ("id", "source", "title", "date", "text")},
                              "done": False, "sentences": sentences}]
        p = out_dir / f"annotations-{k}-{name}.json"
        p.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def set_annotator(b: BenchBrowser, name: str) -> None:
    d = b.driver
    click_centered(d, setting(d, "annotator"))
    wait_for(lambda: active_is(d, 'input[data-setting="annotator"]'), msg="the annotator field has the caret")
    ActionChains(d).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(name).perform()
    ActionChains(d).send_keys(Keys.TAB).perform()
    wait_for(lambda: setting(d, "annotator").get_attribute("value") == name, msg=f"annotator name {name!r}")


def bench_agreement(srv: StaticServer, article: Path, doc_id: str, work: Path, runs: int, warmup: int,
                    settle: float = 0.3) -> dict:
    """10. the agreement panel: click -> alpha shown, `runs` openings (after `warmup`)."""
    downloads = work / "downloads"
    downloads.mkdir(exist_ok=True)
    b = BenchBrowser(download_dir=downloads)
    try:
        fresh_origin(b, srv)
        open_page(b, srv, SEEDS)
        set_annotator(b, AGREEMENT_NAMES[0])
        import_files(b, article)
        wait_for(lambda: b.js("return document.querySelectorAll('[data-doc]').length;") >= SEEDS + 1, 120,
                 "the article imported")
        _, export = export_json(b)
        files = colleague_exports(export, doc_id, AGREEMENT_NAMES, work)
        t0 = time.monotonic()
        import_files(b, *files)
        others = sorted(AGREEMENT_NAMES[1:])
        wait_for(lambda: sorted(e.get_attribute("data-layer") for e in css_all(b.driver, '[data-panel="team"] [data-layer]'))
                 == others, 120, f"the team panel lists layers {others}")
        log(f"agreement: 8 exports imported in {time.monotonic() - t0:.1f} s (wall)")
        time.sleep(1.0)  # saving the layers
        opens, closes, first = [], [], None
        for i in range(runs + warmup):
            r = b.driver.execute_async_script(PANEL_OPEN_JS)
            if r.get("error"):
                raise RuntimeError(f"agreement panel: {r['error']}")
            first = first or r
            opens.append(r)
            time.sleep(settle)
            closes.append(b.driver.execute_async_script(PANEL_CLOSE_JS))
            time.sleep(settle)
        team = b.js("var e = document.querySelector('[data-panel=\"team\"] [data-layer-own]'); return e ? e.textContent : null;")
        measured = opens[warmup:]
        out = {
            "annotators": len(AGREEMENT_NAMES),
            "sentences": len(next(d for d in export["documents"] if d["id"] == doc_id)["sentences"]),
            "documents_in_page": len(export["documents"]),
            "click_to_dom": summary([r["dom"] - r["t0"] for r in measured], "ms"),
            "click_to_frame": summary([r["raf"] - r["t0"] for r in measured], "ms"),
            "click_to_after_frame": summary([r["post"] - r["t0"] for r in measured], "ms"),
            "close": summary(closes[warmup:], "ms"),
            "warmup_click_to_after_frame": [round(r["post"] - r["t0"], 1) for r in opens[:warmup]],
            "alpha": first.get("alpha"), "alpha_n": first.get("alpha_n"), "fleiss_n": first.get("fleiss_n"),
            "pairs": first.get("pairs"), "panel_elements": first.get("nodes"), "own_layer_line": team,
            "page_error_messages": page_messages(b)[:5],
            "console_problems": b.console_problems()[:5],
        }
        log(f"agreement panel: {out['pairs']} pairs, alpha {out['alpha']} over {out['alpha_n']} sentences, "
            f"Fleiss n {out['fleiss_n']}; click -> after the frame median {out['click_to_after_frame']['median']:.1f} ms, "
            f"p95 {out['click_to_after_frame']['p95']:.1f} ms")
        return out
    finally:
        b.close()


def _libbrotlienc():
    """The system's libbrotlienc (Debian libbrotli1), if present: brotli without a package."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("brotlienc") or "libbrotlienc.so.1"
    try:
        lib = ctypes.CDLL(name)
        f = lib.BrotliEncoderCompress
    except (OSError, AttributeError):
        return None
    f.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_size_t, ctypes.c_char_p,
                  ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p]
    f.restype = ctypes.c_int
    return lib


def _brotli_ctypes(lib, data: bytes) -> int:
    import ctypes

    size = ctypes.c_size_t(len(data) + (len(data) >> 2) + 1024)
    buf = ctypes.create_string_buffer(size.value)
    if not lib.BrotliEncoderCompress(11, 22, 0, len(data), data, ctypes.byref(size), buf):
        raise RuntimeError("BrotliEncoderCompress failed")
    return size.value


def sizes(dist: Path) -> dict:
    try:
        import brotli  # type: ignore
        br = lambda data: len(brotli.compress(data, quality=11))  # noqa: E731
        br_how = "python brotli, quality 11"
    except ImportError:
        exe = shutil.which("brotli")
        lib = _libbrotlienc()
        if lib:
            br = lambda data: _brotli_ctypes(lib, data)  # noqa: E731
            br_how = "libbrotlienc via ctypes, quality 11, window 22"
        elif exe:
            br = lambda data: len(subprocess.run([exe, "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)  # noqa: E731
            br_how = "brotli CLI, quality 11"
        else:
            br, br_how = None, "not available (no brotli module or CLI)"
    files = []
    for p in sorted(dist.rglob("*")):
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(dist).parts):
            continue  # e.g. Trunk's .stage/ while a build runs
        data = p.read_bytes()
        rel = p.relative_to(dist).as_posix()
        kind = "page" if re.search(r"\.(wasm|js|css)$", rel) else ("html" if rel.endswith(".html") else "data")
        files.append({
            "file": rel, "kind": kind, "raw": len(data),
            "gzip9": len(gzip.compress(data, compresslevel=9, mtime=0)),
            "brotli": br(data) if br else None,
        })
    page = [f for f in files if f["kind"] == "page"]
    return {
        "files": files,
        "page_raw": sum(f["raw"] for f in page),
        "page_gzip9": sum(f["gzip9"] for f in page),
        "page_brotli": sum(f["brotli"] for f in page) if br else None,
        "with_html_gzip9": sum(f["gzip9"] for f in files if f["kind"] in ("page", "html")),
        "brotli_how": br_how,
    }


def segment_throughput(log_text: str) -> dict:
    out = {}
    m = re.search(r"sa-rules \(segment\):\s+([\d.]+) MB/s\s+\((\d+) sentences\)", log_text)
    if m:
        out["sa_rules_mb_s"] = float(m.group(1))
        out["sentences"] = int(m.group(2))
    m = re.search(r"UAX #29.*?:\s+([\d.]+) MB/s", log_text)
    if m:
        out["uax29_mb_s"] = float(m.group(1))
    m = re.search(r"corpus: ([\d.]+) MB", log_text)
    if m:
        out["corpus_mb"] = float(m.group(1))
    lines = [l for l in log_text.splitlines() if re.search(r"MB/s|MiB/s|GiB/s|thrpt", l)]
    out["lines"] = lines[-8:]
    return out


def agreement_native(log_text: str) -> dict:
    """{"20x20000": {"annotators", "sentences", "median_ms", "p95_ms", "runs", "line"}, ...} from
    the output of `cargo bench --bench agreement` (its own median lines)."""
    out = {}
    for m in re.finditer(r"agreement report, (\d+) annotators x (\d+) sentences: median ([\d.]+) ms, p95 ([\d.]+) ms "
                         r"\((\d+) runs[^\n]*", log_text):
        a, n = int(m.group(1)), int(m.group(2))
        out[f"{a}x{n}"] = {"annotators": a, "sentences": n, "median_ms": float(m.group(3)), "p95_ms": float(m.group(4)),
                           "runs": int(m.group(5)), "line": m.group(0)}
    return out


def run_cargo_bench(name: str) -> str:
    """`cargo bench --bench NAME`, its output streamed (criterion takes a minute) and returned."""
    log(f"cargo bench --bench {name}")
    p = subprocess.Popen(["cargo", "bench", "--bench", name], cwd=REPO, stdout=subprocess.PIPE, text=True)
    captured = []
    for line in p.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        captured.append(line)
    if p.wait() != 0:
        log(f"cargo bench --bench {name} exited with {p.returncode}")
    return "".join(captured)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def fmt(v, unit: str) -> str:
    if v is None:
        return "-"
    if unit == "bytes":
        return f"{v / 1e6:.1f} MB" if v >= 1e6 else f"{v / 1e3:.1f} KB"
    if unit == "x":
        return f"{v:.2f}x"
    if unit == "ms" and v < 10:
        return f"{v:.2f} ms"
    return f"{v:.1f} {unit}"


def verdict(value, limit) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "MISS"


def key_series(rep: dict, role: str, what: str, group: str | None = None) -> dict | None:
    """A series of the keys section: `what` ("tag", "move") of the "small" or "big" article,
    of key-to-paint (group None), of "handling" or of "throttled"; None if not measured."""
    res = rep.get("keys", {}).get(rep.get("docs", {}).get(role), {})
    return (res.get(group, {}) if group else res).get(what)


def build_table(rep: dict) -> tuple[list[list[str]], list[dict]]:
    rows: list[list[str]] = []
    targets: list[dict] = []

    def row(name, s, target=None, on="p95"):
        if not s:
            rows.append([name, "-", "-", "-", "-", "", ""])
            return
        unit = s.get("unit", "ms")
        v = None
        if target is not None:
            v = s.get(on)
            targets.append({"metric": name, "on": on, "value": v, "limit": target[0], "verdict": verdict(v, target[0])})
        rows.append([name, str(s.get("n", "")), fmt(s.get("median"), unit), fmt(s.get("p95"), unit), fmt(s.get("max"), unit),
                     f"{on} <= {target[1]}" if target else "", verdict(v, target[0]) if target else ""])

    def ratio_row(name, num, den, limit):
        if not num or not den or not num.get("median") or not den.get("median"):
            rows.append([name, "-", "-", "-", "", f"median <= {limit}x", "n/a"])
            targets.append({"metric": name, "on": "median", "value": None, "limit": limit, "verdict": "n/a"})
            return
        rm = num["median"] / den["median"]
        rp = num["p95"] / den["p95"] if den.get("p95") else None
        rows.append([name, "", fmt(rm, "x"), fmt(rp, "x"), "", f"median <= {limit}x", verdict(rm, limit)])
        targets.append({"metric": name, "on": "median", "value": rm, "value_p95": rp, "limit": limit, "verdict": verdict(rm, limit)})

    c = rep.get("cold_start", {})
    row("1. cold start: first sentence painted", c.get("first_sentence_painted"), (300, "300 ms"), on="median")
    row("   (first sentence in the DOM)", c.get("first_sentence_in_dom"))
    row("   (wasm response end)", c.get("wasm_response_end"))
    im = rep.get("import", {})
    row(f"2. import {im.get('import', {}).get('files', '?')} articles / 5 MB, all listed", im.get("import"), (2000, "2000 ms"), on="median")
    for what, label in (("tag", "3. tag (1/2) key-to-paint"), ("move", "4. move (j) key-to-paint")):
        small, big = key_series(rep, "small", what), key_series(rep, "big", what)
        if not small and not big:
            continue
        s50, s5k = summary((small or {}).get("key_to_frame", []), "ms"), summary((big or {}).get("key_to_frame", []), "ms")
        row(f"{label}, 50 sentences", s50)
        row(f"{label}, 5,000 sentences", s5k, (16, "16 ms"), on="p95")
        ratio_row(f"   {what} 5,000 / 50", s5k, s50, 1.5)
        if big:
            row("   (presses that shift the 300-sentence window, 5,000)", summary(window_shifts(big), "ms"))
        for sub, sublabel in (("key_to_dom", "key -> DOM updated"), ("key_to_after_frame", "key -> after the frame")):
            if small and big:
                row(f"   ({sublabel}, 50)", summary(small[sub], "ms"))
                row(f"   ({sublabel}, 5,000)", summary(big[sub], "ms"))
    for what, key in (("tag", "label key"), ("move", "j")):
        small, big = key_series(rep, "small", what, "handling"), key_series(rep, "big", what, "handling")
        if not small and not big:
            continue
        s50, s5k = summary((small or {}).get("render", []), "ms"), summary((big or {}).get("render", []), "ms")
        row(f"8. key handling ({key}), 50 sentences", s50)
        row(f"8. key handling ({key}), 5,000 sentences", s5k, (1, "1 ms"), on="p95")
        ratio_row(f"   {key} handling 5,000 / 50", s5k, s50, 1.5)
        row(f"   ({key}: the keydown dispatch alone, listener + reducer, 50)", summary((small or {}).get("sync", []), "ms"))
        row(f"   ({key}: the keydown dispatch alone, listener + reducer, 5,000)", summary((big or {}).get("sync", []), "ms"))
    rate = rep.get("config", {}).get("throttle_rate", 4)
    for what, key in (("tag", "tag (1/2)"), ("move", "move (j)")):
        small, big = key_series(rep, "small", what, "throttled"), key_series(rep, "big", what, "throttled")
        if not small and not big:
            continue
        row(f"9. {key} key -> next frame, CPU {rate:g}x slower, 50 sentences", summary((small or {}).get("key_to_frame", []), "ms"))
        row(f"9. {key} key -> next frame, CPU {rate:g}x slower, 5,000 sentences",
            summary((big or {}).get("key_to_frame", []), "ms"), (20, "20 ms"), on="p95")
    sv = rep.get("save", {})
    s100 = summary(sv["100"]["save_ms"], "ms") if "100" in sv else None
    s50k = summary(sv["50000"]["save_ms"], "ms") if "50000" in sv else None
    row("5. save (setItem per key), 100 labels", s100)
    row("5. save (setItem per key), 50,000 labels", s50k)
    ratio_row("   save 50,000 / 100", s50k, s100, 2)
    for n in ("100", "50000"):
        if n in sv:
            row(f"   (key -> last setItem done, {n})", summary(sv[n].get("key_to_saved", []), "ms"))
            row(f"   (tag key-to-paint with {n} labels stored)", summary(sv[n]["key_to_frame"], "ms"))
    row("6. JS heap after the import (after GC)", im.get("js_heap_after_import"))
    row("   wasm memory after the import", im.get("wasm_memory_after_import"))
    sz = rep.get("size", {})
    if sz:
        total = sz["with_html_gzip9"]
        ok = verdict(total, PAGE_SIZE_LIMIT)
        targets.append({"metric": "7. page size (wasm+js+css+html, gzip -9)", "on": "total", "value": total,
                        "limit": PAGE_SIZE_LIMIT, "verdict": ok})
        rows.append(["7. page size: wasm+js+css+html, gzip -9", "", f"{total / 1000:.1f} KB", "", "",
                     f"<= {PAGE_SIZE_LIMIT // 1000} KB", ok])
        rows.append(["   (wasm+js+css alone, gzip -9)", "", f"{sz['page_gzip9'] / 1000:.1f} KB", "", "", "", ""])
        if sz.get("page_brotli"):
            rows.append(["   (wasm+js+css, brotli 11)", "", f"{sz['page_brotli'] / 1000:.1f} KB", "", "", "", ""])
    seg = rep.get("segment", {})
    if seg.get("sa_rules_mb_s"):
        rows.append(["native segmentation (cargo bench, best of 5)", "", f"{seg['sa_rules_mb_s']:.1f} MB/s", "", "", "", ""])
    ag = rep.get("agreement", {})
    if ag.get("click_to_after_frame") or "agreement" in rep:
        row(f"10. agreement panel open, {ag.get('annotators', 8)} annotators x {ag.get('sentences', 2000):,} sentences",
            ag.get("click_to_after_frame"), (100, "100 ms"), on="p95")
        row("   (click -> panel's alpha in the DOM)", ag.get("click_to_dom"))
        row("   (click -> next animation frame)", ag.get("click_to_frame"))
        row("   (closing it: click -> panel gone)", ag.get("close"))
    for key, nat in sorted(rep.get("agreement_native", {}).items(), key=lambda kv: -kv[1]["sentences"]):
        name = f"11. agreement::report, native, {nat['annotators']} x {nat['sentences']:,} (median of {nat['runs']})"
        targets.append({"metric": name, "on": "median", "value": nat["median_ms"], "limit": 100,
                        "verdict": verdict(nat["median_ms"], 100)})
        rows.append([name, str(nat["runs"]), fmt(nat["median_ms"], "ms"), fmt(nat["p95_ms"], "ms"), "", "median <= 100 ms",
                     verdict(nat["median_ms"], 100)])
    return rows, targets


def print_table(rows: list[list[str]]) -> None:
    head = ["metric", "n", "median", "p95", "max", "target", ""]
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    line = "  ".join(h.ljust(w) for h, w in zip(head, widths))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))


def print_sizes(sz: dict) -> None:
    print(f"\nFiles of dist/ (gzip -9; brotli: {sz['brotli_how']}):")
    for f in sz["files"]:
        br = f"{f['brotli']:>9}" if f["brotli"] is not None else "        -"
        print(f"  {f['file']:<48} {f['kind']:<5} raw {f['raw']:>9}  gzip {f['gzip9']:>9}  br {br}")


# --------------------------------------------------------------------------------------------
# README's table
# --------------------------------------------------------------------------------------------

TABLE_START, TABLE_END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"


def _t(v, unit: str = "ms") -> str:
    """A figure for the README: 91 ms, 6.5 ms, 0.42 ms, 1.31 s."""
    if v is None:
        return "-"
    if unit == "ms" and v >= 1000:
        return f"{v / 1000:.2f} s"
    if unit == "ms":
        return f"{v:.0f} ms" if v >= 50 else f"{v:.1f} ms" if v >= 1 else f"{v:.2f} ms"
    if unit == "bytes":
        return f"{v / 1e6:.1f} MB" if v >= 1e6 else f"{v / 1e3:.0f} KB"
    return f"{v} {unit}"


def _pair(a: dict | None, b: dict | None, on: str = "median") -> str | None:
    """"a (a p95) / b (b p95), ratio r" of two summaries (the ratio of the `on` values)."""
    if not a or not b or not a.get("n") or not b.get("n"):
        return None
    text = f"{_t(a['median'])} ({_t(a['p95']).split()[0]}) / {_t(b['median'])} ({_t(b['p95']).split()[0]})"
    if a.get(on):
        text += f", ratio {b[on] / a[on]:.2f}"
    return text


def readme_rows(rep: dict) -> list[tuple[str, str | None, str, bool | None]]:
    """(measure, result or None when not measured, target, met) rows of README's table."""
    rows = []

    def met(*checks):
        checks = [c for c in checks if c is not None]
        return all(checks) if checks else None

    c = rep.get("cold_start", {}).get("first_sentence_painted")
    rows.append(("cold start, first sentence painted",
                 f"{_t(c['median'])} ({_t(c['p95']).split()[0]})" if c and c.get("n") else None,
                 "≤ 300 ms", met(c["median"] <= 300) if c and c.get("n") else None))
    im = rep.get("import", {}).get("import")
    rows.append(("import 1,000 articles / 5 MB, all listed (and stored)",
                 f"{_t(im['median'])} ({_t(im['p95']).split()[0]})" if im and im.get("n") else None,
                 "≤ 2 s", met(im["median"] <= 2000) if im and im.get("n") else None))
    def two(group: str | None, what: str, field: str):
        a, b = key_series(rep, "small", what, group), key_series(rep, "big", what, group)
        if not a or not b:
            return None, None
        return summary(a[field], "ms"), summary(b[field], "ms")

    for what, name in (("tag", "tag key-to-paint"), ("move", "`j` key-to-paint")):
        a, b = two(None, what, "key_to_frame")
        ok = met(b["p95"] <= 16, b["median"] <= 1.5 * a["median"]) if a and b else None
        rows.append((f"{name}, 50 / 5,000 sentences", _pair(a, b), "p95 ≤ 16 ms, ratio ≤ 1.5", ok))
    rate = rep.get("config", {}).get("throttle_rate", 4)
    for what, name in (("tag", "tag key → next frame"), ("move", "`j` key → next frame")):
        a, b = two("throttled", what, "key_to_frame")
        rows.append((f"{name}, CPU {rate:g}× slower, 50 / 5,000 sentences",
                     f"p95 {_t(a['p95'])} / {_t(b['p95'])}" if a and b else None,
                     "p95 ≤ 20 ms at 5,000", met(b["p95"] <= 20) if b else None))
    for what, name in (("tag", "label key"), ("move", "`j`")):
        a, b = two("handling", what, "render")
        ok = met(b["p95"] <= 1, b["median"] <= 1.5 * a["median"]) if a and b else None
        rows.append((f"key handling ({name}), 50 / 5,000 sentences", _pair(a, b), "p95 ≤ 1 ms at 5,000, ratio ≤ 1.5", ok))
    sv = rep.get("save", {})
    if "100" in sv and "50000" in sv:
        a, b = summary(sv["100"]["save_ms"], "ms"), summary(sv["50000"]["save_ms"], "ms")
        text = (f"{a['median']:.1f} / {b['median']:.1f} ms ({a['p95']:.1f} / {b['p95']:.1f})"
                + (f", ratio {b['median'] / a['median']:.2f}" if a["median"] else ""))
        rows.append(("one save, 100 / 50,000 labels stored", text, "ratio ≤ 2",
                     met(b["median"] <= 2 * a["median"]) if a["median"] else None))
    else:
        rows.append(("one save, 100 / 50,000 labels stored", None, "ratio ≤ 2", None))
    heap = rep.get("import", {}).get("js_heap_after_import")
    wasm = rep.get("import", {}).get("wasm_memory_after_import")
    rows.append(("JS heap after the 5 MB import",
                 f"{_t(heap['median'], 'bytes')} (wasm memory {_t(wasm['median'], 'bytes')})"
                 if heap and heap.get("n") and wasm and wasm.get("n") else None, "", None))
    sz = rep.get("size")
    rows.append(("page size: wasm + JS + CSS + HTML, gzip -9",
                 f"{sz['with_html_gzip9'] / 1000:.0f} KB" + (f" (wasm + JS + CSS, brotli: {sz['page_brotli'] / 1000:.0f} KB)"
                                                               if sz.get("page_brotli") else "") if sz else None,
                 f"≤ {PAGE_SIZE_LIMIT // 1000} KB", met(sz["with_html_gzip9"] <= PAGE_SIZE_LIMIT) if sz else None))
    seg = rep.get("segment", {})
    rows.append(("segmentation, native",
                 f"{seg['sa_rules_mb_s']:.0f} MB/s" + (f" (UAX #29: {seg['uax29_mb_s']:.0f} MB/s, {seg['sa_rules_mb_s'] / seg['uax29_mb_s']:.1f}×)"
                                                        if seg.get("uax29_mb_s") else "") if seg.get("sa_rules_mb_s") else None,
                 "≥ 100 MB/s", met(seg["sa_rules_mb_s"] >= 100) if seg.get("sa_rules_mb_s") else None))
    ag = rep.get("agreement", {}).get("click_to_after_frame")
    rows.append(("agreement panel opens (click → painted), 8 annotators × 2,000 sentences",
                 f"{_t(ag['median'])} ({_t(ag['p95']).split()[0]})" if ag and ag.get("n") else None,
                 "p95 ≤ 100 ms", met(ag["p95"] <= 100) if ag and ag.get("n") else None))
    nat = rep.get("agreement_native", {})
    for key, name in (("20x20000", "20 annotators × 20,000 sentences"), ("8x2000", "8 annotators × 2,000 sentences")):
        a = nat.get(key)
        rows.append((f"agreement, native, {name}",
                     f"{_t(a['median_ms'])} ({_t(a['p95_ms']).split()[0]})" if a else None,
                     "printed (≤ 100 ms)", met(a["median_ms"] <= 100) if a else None))
    return rows


def write_readme(rep: dict, path: Path) -> list[str]:
    """Rewrites the table between README's bench-table markers from this run's figures. A row
    this run did not measure (see --only, --cargo-bench) keeps its figures from the table as it
    was. Returns the measures kept so."""
    text = path.read_text(encoding="utf-8")
    i, j = text.find(TABLE_START), text.find(TABLE_END)
    if i < 0 or j < i:
        raise SystemExit(f"bench: {path} has no {TABLE_START} ... {TABLE_END} markers around its table")
    old = {}
    for line in text[i + len(TABLE_START):j].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and not set(cells[0]) <= set("-: "):
            old[cells[0]] = cells
    lines = ["| measure | result | target |", "| --- | --- | --- |"]
    kept = []
    for measure, result, target, ok in readme_rows(rep):
        if result is None:
            if measure not in old:
                continue
            kept.append(measure)
            lines.append(f"| {measure} | {old[measure][1]} | {old[measure][2]} |".replace("|  |", "| |"))
            continue
        lines.append(f"| {measure} | {result} | {target + (': **missed**' if ok is False else '')} |".replace("|  |", "| |"))
    stamp = time.strftime("%Y-%m-%d")
    la = rep.get("loadavg", {})
    load = (f", load average {la['start'][0]:.1f} at the start and {la['end'][0]:.1f} at the end"
            if la.get("start") and la.get("end") else "")
    m = re.search(r"Chromium [\d.]+", rep.get("chromium_version", ""))
    note = (f"Written by `scripts/bench_page.py --write-readme` on {stamp} ({m.group(0) if m else 'Chromium'}, "
            f"{rep.get('cpus')} CPUs{load}; medians, p95 in brackets"
            + (f"; from an earlier run, not measured in this one: {'; '.join(kept)}" if kept else "") + ").")
    table = "\n".join(lines)
    path.write_text(text[:i + len(TABLE_START)] + "\n" + table + "\n\n" + note + "\n" + text[j:], encoding="utf-8")
    return kept


# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dist", default=str(REPO / "dist"))
    ap.add_argument("--out", default=str(REPO / "bench-report.json"))
    ap.add_argument("--gen-bin", help="a built gen_corpus binary (default: cargo build/run --release --example gen_corpus)")
    ap.add_argument("--segment-log", help="output of `cargo bench --bench segment` to take the throughput from")
    ap.add_argument("--agreement-log", help="output of `cargo bench --bench agreement` to take the medians from")
    ap.add_argument("--cargo-bench", action="store_true",
                    help="run `cargo bench --bench segment` and `--bench agreement` first and parse them")
    ap.add_argument("--quick", action="store_true", help="fewer runs (a smoke run of the bench itself)")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections (default: all of {','.join(SECTIONS)})")
    ap.add_argument("--throttle", type=float, default=4, help="CPU slow-down of the throttled section (default 4)")
    ap.add_argument("--keep", action="store_true", help="keep the generated inputs")
    ap.add_argument("--write-readme", action="store_true",
                    help=f"rewrite the table between {TABLE_START} and {TABLE_END} in --readme from this run")
    ap.add_argument("--readme", default=str(README), help="the README whose table --write-readme rewrites")
    ap.add_argument("--from-report", metavar="JSON",
                    help="measure nothing: print (and with --write-readme, write) the figures of an earlier report")
    args = ap.parse_args()
    if args.from_report:
        return report(json.loads(Path(args.from_report).read_text()), args, save=False)

    dist = Path(args.dist).resolve()
    if not (dist / "index.html").is_file():
        print(f"bench: {dist}/index.html is missing: build the page first (trunk build --release --offline)", file=sys.stderr)
        return 2
    for problem in missing_binaries():
        print(f"bench: {problem}", file=sys.stderr)
        return 2
    only = set(args.only.split(","))
    if only - set(SECTIONS):
        print(f"bench: unknown sections {sorted(only - set(SECTIONS))} (known: {', '.join(SECTIONS)})", file=sys.stderr)
        return 2
    q = args.quick
    cfg = {
        "cold_runs": 5 if q else 25,
        "import_runs": 1 if q else 5,
        "import_budget_s": 60 if q else 240,
        "presses": 10 if q else 40,
        "warmup": 3,
        "chunk": 10 if q else 40,  # presses per run of the key handling and throttled series
        "handling_runs": 2 if q else 5,  # 5 x 40 = 200 presses per key and article
        "throttled_runs": 2 if q else 3,  # 3 x 40 = 120 presses per key and article
        "throttle_rate": args.throttle,
        "n_files": 1000,
        "corpus_bytes": 5_000_000,
        "big_sentences": 5000,
        "small_sentences": 50,
        "preload_docs": 1000,
        "preload_sentences_per_doc": 50,
        "agreement_sentences": 2000,
        "agreement_runs": 5 if q else 20,
        "agreement_warmup": 2,
    }
    started = time.monotonic()
    rep: dict = {"config": cfg, "dist": str(dist), "chromium": CHROMIUM,
                 "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        rep["chromium_version"] = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:  # noqa: BLE001
        rep["chromium_version"] = f"unknown ({e})"

    if args.cargo_bench:
        rep["segment"] = segment_throughput(run_cargo_bench("segment"))
        rep["agreement_native"] = agreement_native(run_cargo_bench("agreement"))
    else:
        if args.segment_log and Path(args.segment_log).is_file():
            rep["segment"] = segment_throughput(Path(args.segment_log).read_text(errors="replace"))
        if args.agreement_log and Path(args.agreement_log).is_file():
            rep["agreement_native"] = agreement_native(Path(args.agreement_log).read_text(errors="replace"))

    if "size" in only:
        rep["size"] = sizes(dist)

    work = Path(tempfile.mkdtemp(prefix="sa-bench-"))
    srv = StaticServer(dist, pages={"/" + BLANK: ("text/html", b"<!DOCTYPE html><title>blank</title>")})
    try:
        gen = Gen(args.gen_bin)
        small = work / f"bench-{cfg['small_sentences']}.txt"
        big = work / f"bench-{cfg['big_sentences']}.txt"
        rep["inputs"] = {
            "small": gen("article", small, cfg["small_sentences"]),
            "big": gen("article", big, cfg["big_sentences"]),
        }
        rep["docs"] = {"small": rep["inputs"]["small"]["id"], "big": rep["inputs"]["big"]["id"]}

        rep["loadavg"] = {"start": os.getloadavg()}
        if "cold" in only:
            log(f"cold start: {cfg['cold_runs']} loads")
            rep["cold_start"] = bench_cold(srv, cfg["cold_runs"])
        if only & {"keys", "handling", "throttled"}:
            rep["keys"] = bench_keys(srv, small, big, cfg, only)
        if "save" in only:
            rep["save"] = {}
            for n in (100, 50_000):
                path = work / f"storage-{n}.json"
                info = gen("storage", path, cfg["preload_docs"], cfg["preload_sentences_per_doc"], n)
                rep["inputs"][f"storage_{n}"] = info
                log(f"save: {n} labels stored ({info['utf16_units']} UTF-16 units over {info['keys']} keys)")
                state = json.loads(path.read_text())
                rep["save"][str(n)] = bench_save(srv, state, info, cfg["presses"], cfg["warmup"])
                rep["save"][str(n)]["labels"] = info["labels"]
        if "import" in only:
            cdir = work / "corpus"
            rep["inputs"]["corpus"] = gen(cdir, cfg["n_files"], cfg["corpus_bytes"])
            log(f"import: {cfg['n_files']} files, up to {cfg['import_runs']} runs")
            rep["import"] = bench_import(srv, cdir, cfg["n_files"], cfg["import_runs"], cfg["import_budget_s"])
        if "agreement" in only:
            art = work / f"bench-agreement-{cfg['agreement_sentences']}.txt"
            rep["inputs"]["agreement"] = gen("article", art, cfg["agreement_sentences"], 7)
            log(f"agreement panel: {len(AGREEMENT_NAMES)} annotators x {cfg['agreement_sentences']} sentences, "
                f"{cfg['agreement_runs']} openings")
            try:
                rep["agreement"] = bench_agreement(srv, art, rep["inputs"]["agreement"]["id"], work,
                                                   cfg["agreement_runs"], cfg["agreement_warmup"])
            except (WaitTimeout, WebDriverException, RuntimeError, AssertionError) as e:
                log(f"agreement panel: {e}")
                rep["agreement"] = {"problems": [str(e)[:500]]}
    finally:
        srv.close()
        if args.keep:
            log(f"inputs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    rep.setdefault("loadavg", {})["end"] = os.getloadavg()
    rep["cpus"] = os.cpu_count()
    rep["elapsed_s"] = round(time.monotonic() - started, 1)
    return report(rep, args)


def report(rep: dict, args, save: bool = True) -> int:
    """Prints the table and the notes of a run, writes it to --out (`save`) and, with
    --write-readme, README's table."""
    rows, targets = build_table(rep)
    rep["targets"] = targets
    if save:
        Path(args.out).write_text(json.dumps(rep, indent=1, default=list) + "\n")
    print()
    print_table(rows)
    if "size" in rep:
        print_sizes(rep["size"])
    if rep.get("segment", {}).get("lines"):
        print("\nNative segmentation (cargo bench --bench segment):")
        for line in rep["segment"]["lines"]:
            print("  " + line)
    if rep.get("agreement_native"):
        print("\nNative agreement (cargo bench --bench agreement):")
        for nat in rep["agreement_native"].values():
            print("  " + nat["line"])
    notes = []
    for n, s in rep.get("save", {}).items():
        if s.get("save_keys"):
            notes.append(f"save with {n} labels: keys written per press: {', '.join(s['save_keys'])}; "
                         f"median {statistics.median(s['save_calls']) if s['save_calls'] else 0} calls, "
                         f"{statistics.median(s['save_chars']) if s['save_chars'] else 0:.0f} chars")
        if s.get("preload", {}).get("failed"):
            notes.append(f"save with {n} labels: {s['preload']['failed']} keys did not fit in localStorage")
        for m in s.get("page_error_messages", []):
            notes.append(f"save with {n} labels: page error message: {m[:200]}")
    ag = rep.get("agreement", {})
    if ag.get("pairs") is not None:
        notes.append(f"agreement panel: {ag['annotators']} annotators ({ag['pairs']} Cohen pairs shown), alpha {ag['alpha']} over "
                     f"{ag['alpha_n']} sentences, Fleiss' kappa over {ag['fleiss_n']}; {ag['panel_elements']} elements in the "
                     f"panel; warm-up openings {ag['warmup_click_to_after_frame']} ms; own work: {ag.get('own_layer_line')}")
    for p in ag.get("problems", []) + [f"page error message: {m}" for m in ag.get("page_error_messages", [])]:
        notes.append(f"agreement panel: {p[:300]}")
    for m in rep.get("import", {}).get("page_error_messages_after_import", []):
        notes.append(f"import: page error message: {m[:200]}")
    for p in rep.get("import", {}).get("problems", []):
        notes.append(f"import: {p[:300]}")
    for name in ("small", "big"):
        d = rep.get("docs", {}).get(name)
        for what in ("tag", "move"):
            t = rep.get("keys", {}).get(d, {}).get(what, {}).get("timeouts")
            if t:
                notes.append(f"keys: {d} {what}: {t} presses produced no DOM change within 5 s")
    profiles = [("import of the corpus", rep.get("import", {}).get("cpu_profile_of_an_import"))]
    for name in ("small", "big"):
        d = rep.get("docs", {}).get(name)
        profiles.append((f"20 tag presses in {d} (sampled every 0.1 ms, idle included)",
                         rep.get("keys", {}).get(d, {}).get("cpu_profile_of_20_tags")))
    for n, sv in rep.get("save", {}).items():
        profiles.append((f"20 tag presses with {n} labels stored, 1000 documents listed", sv.get("cpu_profile_of_20_tags")))
    for title, prof in profiles:
        if not prof:
            continue
        print(f"\nCPU profile, main thread, {title}: {prof['total_ms']:.0f} ms sampled")
        print("  by category: " + ", ".join(f"{k} {v:.0f} ms" for k, v in prof["by_category_ms"].items()))
        print("  top self time: " + ", ".join(f"{k} {v:.0f} ms" for k, v in list(prof["top_self_ms"].items())[:6]))
    for name in ("small", "big"):
        d = rep.get("docs", {}).get(name)
        for what in ("tag", "move"):
            h = rep.get("keys", {}).get(d, {}).get("handling", {}).get(what)
            if h and h["changed"] < h["presses"]:
                notes.append(f"key handling: {d} {what}: {h['presses'] - h['changed']} of {h['presses']} dispatched keys changed nothing")
            if h:
                notes.append(f"key handling: {d} {what}: the DOM had changed by the end of the dispatch in {h['dom_in_sync']} of "
                             f"{h['presses']} presses (Yew renders in a microtask after it)")
            t = rep.get("keys", {}).get(d, {}).get("throttled", {}).get(what, {}).get("timeouts")
            if t:
                notes.append(f"throttled keys: {d} {what}: {t} presses produced no DOM change within 5 s")
    if notes:
        print("\nNotes:")
        for n in notes:
            print("  - " + n)
    la = rep.get("loadavg", {})
    print(f"\nMachine: {rep['cpus']} CPUs, load average at start {la.get('start', ['?'])[0]:.2f}, at end {la.get('end', ['?'])[0]:.2f} "
          "(other processes compete with the browser: outliers in p95/max can come from them)")
    print(f"\nReport: {args.out if save else args.from_report} ({rep.get('elapsed_s')} s)")
    if args.write_readme:
        kept = write_readme(rep, Path(args.readme))
        print(f"README table rewritten: {args.readme}" + (f" (kept from before: {', '.join(kept)})" if kept else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
