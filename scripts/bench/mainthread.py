"""What a key costs the main thread, all of it (section `mainthread`), in the 5,000-sentence
article, with real input events (CDP `Input.dispatchKeyEvent`: the browser's own input
pipeline, so Event Timing sees them):

1. main-thread task time per key: CDP `Performance.getMetrics` TaskDuration over 40 keys
   alternating `1` and `k`, 100 ms apart, then 1 s for the after-paint jobs; the same span
   with no key first, so the idle cost (timers, the 1 s repaint) is subtracted; at 1x and with
   the CPU 4x slower (`Emulation.setCPUThrottlingRate`); at 1x also `k` and `j` alternating
   over the edge of two chunks of drawn rows (`view::window`), where the window stays;
2. Event Timing (the INP measure): the `keydown` entries of those presses (a PerformanceObserver
   with the smallest threshold Chromium allows, 16 ms; a press without an entry took less and
   counts as 16 ms, so the percentiles are never understated);
3. a held `j` at 4x: 30 keydowns 30 ms apart (auto-repeat), key -> the next frame after the
   page handled it (a requestAnimationFrame asked for in a capturing keydown listener), and
   whether the focus lands on the sentence the keys reached.
"""

from __future__ import annotations

import time
from pathlib import Path

from harness import StaticServer, focus_sentence, show_doc, wait_for

from .browser import BenchBrowser
from .keys import open_with_articles
from .stats import log, summary

# Event Timing and the held keys' frames, recorded in the page (run after the page loaded: the
# observer is buffered, the listener captures before the page's own).
OBSERVE_JS = r"""
var B = window.__bench;
if (!B.mt) {
  B.mt = {events: [], held: null};
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) {
        if (e.name === 'keydown') B.mt.events.push({start: e.startTime, duration: e.duration,
          delay: e.processingStart - e.startTime, processing: e.processingEnd - e.processingStart});
      });
    }).observe({type: 'event', durationThreshold: 16});
  } catch (err) { B.mt.unsupported = String(err); }
  window.addEventListener('keydown', function (e) {
    var h = B.mt.held;
    if (!h) return;
    var p = {ts: e.timeStamp, seen: performance.now(), raf: null};
    h.push(p);
    requestAnimationFrame(function () { p.raf = performance.now(); });
  }, true);
}
B.mt.events = [];
"""

KEYS = {"1": ("Digit1", 49), "k": ("KeyK", 75), "j": ("KeyJ", 74)}


def _key(b: BenchBrowser, key: str, repeat: bool = False) -> None:
    code, vk = KEYS[key]
    base = {"key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}
    b.cdp("Input.dispatchKeyEvent", {**base, "type": "keyDown", "text": key, "autoRepeat": repeat})
    if not repeat:
        b.cdp("Input.dispatchKeyEvent", {**base, "type": "keyUp"})


PARTS = ("TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration")


def _metrics(b: BenchBrowser) -> dict[str, float]:
    """The main thread's cumulative durations (ms) of CDP Performance.getMetrics."""
    metrics = {m["name"]: m["value"] for m in b.cdp("Performance.getMetrics")["metrics"]}
    return {k: 1000 * metrics.get(k, 0.0) for k in PARTS}


def _task_ms(b: BenchBrowser) -> float:
    return _metrics(b)["TaskDuration"]


def _paced(b: BenchBrowser, keys: list[str], gap_s: float, repeat: bool = False) -> None:
    t0 = time.monotonic()
    for i, k in enumerate(keys):
        _key(b, k, repeat and i > 0)
        delay = t0 + (i + 1) * gap_s - time.monotonic()
        if delay > 0:
            time.sleep(delay)


def per_key(b: BenchBrowser, doc: str, start: int, presses: int, keys: tuple[str, str] = ("1", "k")) -> dict:
    """1. and 2. at the current CPU rate, from sentence `start`, the two `keys` alternating."""
    focus_sentence(b, doc, start)
    b.js(OBSERVE_JS)
    span = presses * 0.1 + 1.0
    idle0 = _task_ms(b)
    time.sleep(span)
    idle = _task_ms(b) - idle0
    b.js("window.__bench.mt.events = [];")
    before = _metrics(b)
    _paced(b, list(keys) * (presses // 2), 0.1)
    time.sleep(1.0)
    after = _metrics(b)
    busy = after["TaskDuration"] - before["TaskDuration"]
    # Where it went: script, style, layout; the rest of a task is paint, commit and the like.
    parts = {k: round((after[k] - before[k]) / presses, 2) for k in PARTS}
    events = b.bench("B.mt.events")
    durations = [e["duration"] for e in events] + [16.0] * max(0, presses - len(events))
    return {
        "presses": presses,
        "task_ms_per_key": summary([busy / presses], "ms"),
        "net_task_ms_per_key": summary([(busy - idle) / presses], "ms"),
        "idle_task_ms_per_s": round(idle / span, 2),
        "per_key_parts_ms": parts,
        "event_timing_keydown": summary(durations, "ms"),
        "event_entries": len(events),
    }


def held_j(b: BenchBrowser, doc: str, start: int, n: int) -> dict:
    """3. at the current CPU rate."""
    focus_sentence(b, doc, start)
    b.js(OBSERVE_JS)
    b.js("window.__bench.mt.held = [];")
    _paced(b, ["j"] * n, 0.03, repeat=True)
    code, vk = KEYS["j"]
    b.cdp("Input.dispatchKeyEvent", {"type": "keyUp", "key": "j", "code": code, "windowsVirtualKeyCode": vk})
    done = f"B.mt.held.length >= {n} && B.mt.held.every(function (p) {{ return p.raf !== null; }})"
    wait_for(lambda: b.bench(done), 30, "a frame after every held key")
    time.sleep(1.5)  # the keyboard focus follows one paint later
    held = b.bench("B.mt.held")
    b.js("window.__bench.mt.held = null;")
    reached = b.js("var f = document.querySelector('[aria-current=\"true\"][data-sentence]');"
                   "return f ? f.getAttribute('data-sentence') : null;")
    focused = b.js("var a = document.activeElement;"
                   "return a && a.getAttribute ? a.getAttribute('data-sentence') : null;")
    want = f"{doc}:{start + n}"
    return {
        "keys": n,
        "key_to_frame": summary([p["raf"] - p["ts"] for p in held], "ms"),
        "marked": reached,
        "keyboard_focus": focused,
        "expected": want,
        "lands": reached == want and focused == want,
    }


def bench_mainthread(srv: StaticServer, small: Path, big: Path, cfg: dict) -> dict:
    out: dict = {}
    with BenchBrowser() as b:
        starts = open_with_articles(b, srv, small, big)
        doc = big.stem
        tag_at, move_at = starts[doc]
        show_doc(b, doc, timeout=30)
        b.cdp("Performance.enable", {"timeDomain": "timeTicks"})
        for rate in (1, cfg["throttle_rate"]):
            log(f"main thread per key, CPU {rate:g}x: {cfg['mt_presses']} keys 1/k, 100 ms apart")
            b.cdp("Emulation.setCPUThrottlingRate", {"rate": rate})
            try:
                out[f"rate_{rate:g}"] = per_key(b, doc, tag_at, cfg["mt_presses"])
                if rate == 1:
                    log(f"main thread per key, CPU 1x: {cfg['mt_presses']} keys k/j over a window's edge")
                    # tag_at is a multiple of the 40-row chunk: k and j cross its edge each time
                    out["edge_1"] = per_key(b, doc, tag_at, cfg["mt_presses"], ("k", "j"))
                if rate != 1:
                    log(f"held j, CPU {rate:g}x: 30 keys 30 ms apart")
                    out[f"rate_{rate:g}"]["held_j"] = held_j(b, doc, move_at, 30)
            finally:
                b.cdp("Emulation.setCPUThrottlingRate", {"rate": 1})
        out["console_problems"] = b.console_problems()[:5]
    return out
