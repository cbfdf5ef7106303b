"""Key handling, measured in the page: key-to-paint of tagging and moving (3./4., section
`keys`: keydown `event.timeStamp` -> the MutationObserver sees `data-labels`/`aria-current`
change -> the next animation frame -> after it), the time the page spends on a synthetic
keydown (8., `handling`), and key -> next frame with the CPU throttled (9., `throttled`),
in a 50- and a 5,000-sentence article. press_keys is also the storage section's key presser.
"""

from __future__ import annotations

import time
from pathlib import Path

from harness import ActionChains, StaticServer, WaitTimeout, focus_sentence, import_files, show_doc, wait_for

from .browser import (
    SEEDS, BenchBrowser, cpu_profile_start, cpu_profile_stop, doc_count, fresh_origin, open_page, page_messages,
)
from .stats import log


def press_keys(b: BenchBrowser, keys: list[str], watch: str, settle: float = 0.12,
               record_sets: bool = False) -> tuple[list[dict], list[dict], int]:
    """Presses each key like a person (ActionChains), one at a time, waiting for its frame
    (the in-page observer watches attribute `watch`). The key "label" stands for 1 (claim) on
    a sentence without claim, else 2: it always sets a label. Returns what the page recorded
    of each press (window.__bench.keys), the setItem calls (with record_sets) and how many
    presses changed nothing within 5 s."""
    b.js("var B = window.__bench; B.keys = []; B.pending = null; B.watch = arguments[0]; B.sets = []; B.recordSets = arguments[1];",
         watch, record_sets)
    timeouts = 0
    for n, key in enumerate(keys):
        if key == "label":
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
    return res["keys"], res["sets"], timeouts


def latencies(presses: list[dict], timeouts: int = 0) -> dict:
    """The per-press latencies (ms) of presses recorded by the page."""
    return {
        "key_to_frame": [p["raf"] - p["ts"] for p in presses],
        "key_to_dom": [p["dom"] - p["ts"] for p in presses],
        "key_to_after_frame": [p["post"] - p["ts"] for p in presses],
        "input_delay": [p["seen"] - p["ts"] for p in presses],
        "timeouts": timeouts,
        "focus_after": [p.get("focus") for p in presses],
        "dom_change_kind": [p.get("kind") for p in presses],
    }


def press_series(b: BenchBrowser, keys: list[str], watch: str, warmup: int, settle: float = 0.12) -> dict:
    """press_keys, and the latencies of the presses after the first `warmup`."""
    presses, _, timeouts = press_keys(b, keys, watch, settle)
    return latencies(presses[warmup:], timeouts)


def profile_tags(b: BenchBrowser, doc: str, start: int) -> dict:
    """A CPU profile (sampled every 0.1 ms) of 20 presses of 1 from sentence `start` (not part
    of any series' numbers)."""
    focus_sentence(b, doc, start)
    cpu_profile_start(b, 100)
    press_series(b, ["1"] * 20, "data-labels", 0)
    return cpu_profile_stop(b)


def open_with_articles(b: BenchBrowser, srv: StaticServer, small: Path, big: Path) -> dict[str, tuple[int, int]]:
    """A fresh origin with the two generated articles imported. Returns the start points of
    the series (tag, move) by document: in the long article deep inside, with the 100-sentence
    window boundary crossed in each series of 40 presses (as a person working through it
    crosses one every 100 keys)."""
    fresh_origin(b, srv)
    open_page(b, srv, SEEDS)
    import_files(b, small, big)
    wait_for(lambda: doc_count(b) >= SEEDS + 2, 120, "the two articles imported")
    return {small.stem: (2, 2), big.stem: (2480, 2580)}


# The time the page spends handling one key press, measured in the page: a synthetic keydown
# dispatched on the focused sentence (the page's listener is on window). Yew runs the listener
# and the reducer synchronously inside dispatchEvent ("sync"), but renders (and runs effects)
# in a microtask it queues then (Yew 0.23's scheduler): the key handling is the time from the
# dispatch to the end of those microtasks ("render"; a microtask queued after the dispatch
# runs after Yew's). Between presses: the next frame, then `settle` ms. The bench serves the
# page cross-origin isolated (`bench_server`): performance.now() counts in 5 µs steps there,
# where it is coarsened to 0.1 ms otherwise, too coarse for a 1 ms target.
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
        for k in ("sync", "render", "dom_in_sync", "changed"):
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
    out: dict = {}
    with BenchBrowser() as b:
        starts = open_with_articles(b, srv, small, big)
        # Recorded: the fine clock the handling figures rely on (see HANDLE_JS).
        out["cross_origin_isolated"] = b.js("return self.crossOriginIsolated === true;")
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
                res["cpu_profile_of_20_tags"] = profile_tags(b, doc, tag_at)
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
