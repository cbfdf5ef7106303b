"""Loading: the cold start (navigation -> first sentence painted, section `cold`) and the
import of the generated corpus (the file input's `change` -> all documents listed -> the next
frame, with the JS heap and wasm memory after it and a CPU profile of one import; `import`)."""

from __future__ import annotations

import time
from pathlib import Path

from harness import StaticServer, WaitTimeout, import_files, wait_for
from selenium.common.exceptions import WebDriverException

from .browser import (
    SEEDS, BenchBrowser, cpu_profile_start, cpu_profile_stop, doc_count, fresh_origin, open_page, page_messages,
)
from .stats import log, summary


def bench_cold(srv: StaticServer, runs: int) -> dict:
    """1. `runs` loads on a fresh origin each (after one that warms the browser process up)."""
    with BenchBrowser() as b:
        vals, dom, wasm_end, requests, fcp, lcp = [], [], [], [], [], []
        for i in range(runs + 1):  # the first load warms the browser process, not counted
            fresh_origin(b, srv)
            srv.take()
            open_page(b, srv, SEEDS)
            r = b.bench("{fs: B.firstSentence, dom: B.firstSentenceDom, wasm: (performance.getEntriesByType('resource')"
                        ".filter(e => /\\.wasm$/.test(e.name)).map(e => e.responseEnd)[0] || null), lcp: B.lcp,"
                        " fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null}")
            reqs = srv.take()
            if i == 0:
                continue
            vals.append(r["fs"])
            dom.append(r["dom"])
            if r["wasm"] is not None:
                wasm_end.append(r["wasm"])
            if r["fcp"] is not None:
                fcp.append(r["fcp"])
            if r["lcp"] is not None:
                lcp.append(r["lcp"])
            requests = reqs
        return {
            "first_sentence_painted": summary(vals, "ms"),
            "first_sentence_in_dom": summary(dom, "ms"),
            "wasm_response_end": summary(wasm_end, "ms"),
            # The first screen (index.html's still copy) is the first and the largest paint.
            "first_contentful_paint": summary(fcp, "ms"),
            "largest_contentful_paint": summary(lcp, "ms"),
            "requests_of_a_load": sorted(set(requests)),
            "console_problems": b.console_problems()[:5],
        }


def start_import(b: BenchBrowser, files: list[str], target: int) -> None:
    """Arms the import clock (it starts at the input's `change` and stops when `target`
    documents are listed), clears the setItem counts and picks the files."""
    b.js("var B = window.__bench; B.importTarget = arguments[0]; B.importStart = null; B.importDom = null; B.importDone = null;"
         "B.setCount = 0; B.setMs = 0; B.setErrors = 0;", target)
    import_files(b, *files)


def bench_import(srv: StaticServer, corpus_dir: Path, n_files: int, runs: int, budget_s: float,
                 profile_run: bool = True) -> dict:
    """2. and 6.: the import of the `n_files` articles of `corpus_dir`, a browser per run (at
    least 2, at most `runs`, while within `budget_s`), then one more run under the profiler."""
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
        with BenchBrowser() as b:
            fresh_origin(b, srv)
            open_page(b, srv, SEEDS)
            b.cdp("HeapProfiler.collectGarbage", {})
            heaps_before.append(b.cdp("Runtime.getHeapUsage", {})["usedSize"])
            t0 = time.monotonic()
            start_import(b, files, target)
            try:
                wait_for(lambda: b.bench("B.importDone !== null"), 300, f"{target} documents listed", interval=0.1)
            except WaitTimeout as e:
                problems.append(f"run {run}: {e} (listed: {doc_count(b)})")
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
    profile = None
    if profile_run:
        with BenchBrowser() as b:
            try:
                fresh_origin(b, srv)
                open_page(b, srv, SEEDS)
                cpu_profile_start(b, 1000)
                start_import(b, files, target)
                wait_for(lambda: b.bench("B.importDone !== null"), 300, f"{target} documents listed (profiled run)", interval=0.1)
                profile = cpu_profile_stop(b)
                profile["import_ms_while_profiled"] = round(b.bench("B.importDone - B.importStart"), 1)
            except (WaitTimeout, WebDriverException) as e:
                problems.append(f"profiled run: {e}")
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
