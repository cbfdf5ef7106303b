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
   of 31 runs;
16. a real project (section `project`, scripts/bench/project.py): ten JSONL files of 1,000
   generated news-style articles (about 50 MB) imported one after the other into IndexedDB:
   MB/s of the import (in-page clock), JS heap + wasm memory, the reload with everything
   stored (first sentence painted), opening the 5,000-sentence article from the list, and
   tag/move key-to-paint with the project stored against an almost empty corpus;
17. a curator's first pull in the page (section `pull`, scripts/bench/pull.py): PouchDB Server
   seeded with 20 annotators x 200 articles of 30 sentences (4,200 documents); the click on
   Start -> the sync in step, and the reload with it all stored;
18. how records cross the IndexedDB boundary (section `idb`, scripts/bench/idb.py): JSON
   strings against JS objects (serde-wasm-bindgen) for 10,000 articles, each step timed by the
   browser bench tests/idb_boundary.rs.

With --write-readme the table of docs/DEVELOPMENT.md's "Performance" section (between the
markers `<!-- bench-table:start -->` and `<!-- bench-table:end -->`) is rewritten from the run.

Every number is reported as median and p95 over repeated runs; targets get PASS/MISS. The
report is printed as a table and written as JSON. Targets are measured, never asserted: the
exit status is 0 unless the bench itself could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import CHROMIUM, StaticServer, WaitTimeout, missing_binaries
from selenium.common.exceptions import WebDriverException

from . import BENCH_DOC, REPO
from .agreement import AGREEMENT_NAMES, bench_agreement
from .browser import bench_server
from .corpus import Gen
from .keys import bench_keys
from .lighthouse import bench_lighthouse
from .mainthread import bench_mainthread
from .loading import bench_cold, bench_import
from .native import agreement_native, edit_native, run_cargo_bench, segment_throughput
from .readme import TABLE_END, TABLE_START, write_readme
from .project import bench_project
from .pull import bench_pull
from .idb import bench_idb
from .report import report
from .size import sizes
from .stats import log
from .storage import bench_save

SECTIONS = ("size", "lighthouse", "cold", "keys", "handling", "throttled", "mainthread", "save", "import", "agreement", "project",
            "pull", "idb")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
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
    ap.add_argument("--readme", default=str(BENCH_DOC), help="the Markdown file whose table --write-readme rewrites")
    ap.add_argument("--from-report", metavar="JSON",
                    help="measure nothing: print (and with --write-readme, write) the figures of an earlier report")
    return ap.parse_args(argv)


def config(quick: bool, throttle: float) -> dict:
    """How much of everything a run measures (--quick: a smoke run of the bench itself)."""
    q = quick
    return {
        "cold_runs": 5 if q else 25,
        "import_runs": 1 if q else 5,
        "import_budget_s": 60 if q else 240,
        "presses": 10 if q else 40,
        "warmup": 3,
        "chunk": 10 if q else 40,  # presses per run of the key handling and throttled series
        "handling_runs": 2 if q else 5,  # 5 x 40 = 200 presses per key and article
        "throttled_runs": 2 if q else 3,  # 3 x 40 = 120 presses per key and article
        "throttle_rate": throttle,
        "n_files": 1000,
        "corpus_bytes": 5_000_000,
        "big_sentences": 5000,
        "small_sentences": 50,
        "preload_docs": 1000,
        "preload_sentences_per_doc": 50,
        "agreement_sentences": 2000,
        "agreement_runs": 5 if q else 20,
        "agreement_warmup": 2,
        "lighthouse_runs": 1 if q else 3,
        "mt_presses": 10 if q else 40,
        # A real project (section `project`): 10 x 1,000 articles, about 50 MB (--quick: 2 x 100).
        "project_files": 2 if q else 10,
        "project_per_file": 100 if q else 1000,
        "project_bytes": 1_000_000 if q else 50_000_000,
        "project_reloads": 1 if q else 3,
        "project_opens": 3 if q else 10,
    }


def preflight(dist: Path, only: set[str]) -> str | None:
    """Why the bench cannot run (no build, no browser, unknown sections), or None."""
    if not (dist / "index.html").is_file():
        return f"{dist}/index.html is missing: build the page first (trunk build --release --offline)"
    for problem in missing_binaries():
        return problem
    if only - set(SECTIONS):
        return f"unknown sections {sorted(only - set(SECTIONS))} (known: {', '.join(SECTIONS)})"
    return None


def native_benches(args: argparse.Namespace, rep: dict) -> None:
    """11. and the segmentation throughput: `cargo bench` run now (--cargo-bench) or read from logs."""
    if args.cargo_bench:
        rep["segment"] = segment_throughput(run_cargo_bench("segment"))
        rep["agreement_native"] = agreement_native(run_cargo_bench("agreement"))
        rep["edit_native"] = edit_native(run_cargo_bench("edit"))
    else:
        if args.segment_log and Path(args.segment_log).is_file():
            rep["segment"] = segment_throughput(Path(args.segment_log).read_text(errors="replace"))
        if args.agreement_log and Path(args.agreement_log).is_file():
            rep["agreement_native"] = agreement_native(Path(args.agreement_log).read_text(errors="replace"))


def save_section(srv: StaticServer, gen: Gen, work: Path, cfg: dict, rep: dict) -> None:
    """5. with 100 and with 50,000 labels stored."""
    rep["save"] = {}
    for n in (100, 50_000):
        path = work / f"storage-{n}.json"
        info = gen("storage", path, cfg["preload_docs"], cfg["preload_sentences_per_doc"], n)
        rep["inputs"][f"storage_{n}"] = info
        log(f"save: {n} labels stored ({info['utf16_units']} UTF-16 units over {info['keys']} keys)")
        state = json.loads(path.read_text())
        rep["save"][str(n)] = bench_save(srv, state, info, cfg["presses"], cfg["warmup"])
        rep["save"][str(n)]["labels"] = info["labels"]


def agreement_section(srv: StaticServer, gen: Gen, work: Path, cfg: dict, rep: dict) -> None:
    """10. on a generated article; a failure is reported, not raised."""
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


def page_sections(args: argparse.Namespace, dist: Path, only: set[str], cfg: dict, rep: dict) -> None:
    """The sections in the browser, in this order: cold, keys/handling/throttled, save, import,
    agreement; the generated inputs in a temporary directory (kept with --keep)."""
    work = Path(tempfile.mkdtemp(prefix="sa-bench-"))
    srv = bench_server(dist)
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
        if "mainthread" in only:
            rep["mainthread"] = bench_mainthread(srv, small, big, cfg)
        if "save" in only:
            save_section(srv, gen, work, cfg, rep)
        if "import" in only:
            cdir = work / "corpus"
            rep["inputs"]["corpus"] = gen(cdir, cfg["n_files"], cfg["corpus_bytes"])
            log(f"import: {cfg['n_files']} files, up to {cfg['import_runs']} runs")
            rep["import"] = bench_import(srv, cdir, cfg["n_files"], cfg["import_runs"], cfg["import_budget_s"])
        if "agreement" in only:
            agreement_section(srv, gen, work, cfg, rep)
        if "project" in only:
            try:
                rep["project"] = bench_project(srv, gen, work, small, big, cfg)
            except (WaitTimeout, WebDriverException, RuntimeError, AssertionError) as e:
                log(f"project: {e}")
                rep["project"] = {"problems": [str(e)[:500]]}
        if "pull" in only:
            rep["pull"] = bench_pull(dist, cfg)
        if "idb" in only:
            rep["idb"] = bench_idb()
    finally:
        srv.close()
        if args.keep:
            log(f"inputs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def finish(rep: dict, args: argparse.Namespace, out: str | None, source: str) -> int:
    """The report (see report.report) and, with --write-readme, the bench table (docs/DEVELOPMENT.md)."""
    report(rep, out, source)
    if args.write_readme:
        kept = write_readme(rep, Path(args.readme))
        print(f"bench table rewritten: {args.readme}" + (f" (kept from before: {', '.join(kept)})" if kept else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.from_report:
        return finish(json.loads(Path(args.from_report).read_text()), args, None, args.from_report)

    dist = Path(args.dist).resolve()
    only = set(args.only.split(","))
    problem = preflight(dist, only)
    if problem:
        print(f"bench: {problem}", file=sys.stderr)
        return 2
    cfg = config(args.quick, args.throttle)
    started = time.monotonic()
    rep: dict = {"config": cfg, "dist": str(dist), "chromium": CHROMIUM,
                 "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        rep["chromium_version"] = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:  # noqa: BLE001
        rep["chromium_version"] = f"unknown ({e})"

    native_benches(args, rep)
    if "size" in only:
        rep["size"] = sizes(dist)
    if "lighthouse" in only:
        try:
            rep["lighthouse"] = bench_lighthouse(dist, cfg["lighthouse_runs"])
        except (OSError, RuntimeError, subprocess.SubprocessError, KeyError, ValueError) as e:
            rep["lighthouse"] = {"problems": [str(e)[:500]]}
    page_sections(args, dist, only, cfg, rep)

    rep.setdefault("loadavg", {})["end"] = os.getloadavg()
    rep["cpus"] = os.cpu_count()
    rep["elapsed_s"] = round(time.monotonic() - started, 1)
    return finish(rep, args, args.out, args.out)
