"""Lighthouse on the page as a phone gets it (section `lighthouse`): dist/ served by the README's
own nginx block (tests/e2e/harness/deploy.py: brotli and gzip from the build's precompressed
files), Lighthouse 12.2.3 (tools/lighthouse, `npm ci` there on the first run) with its mobile
defaults (simulated slow 4G, CPU 4x slower, Moto G Power screen) in Debian's Chromium, headless.
Scores (0-1) of performance, accessibility, best practices and SEO, and the performance
metrics (LCP, TBT, FCP, TTI, Speed Index, CLS) and bytes transferred, median of `runs`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from harness import CHROMIUM, deploy

from . import REPO
from .stats import log

TOOL = REPO / "tools" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AUDITS = {
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "first-contentful-paint": "fcp_ms",
    "interactive": "tti_ms",
    "speed-index": "speed_index_ms",
    "cumulative-layout-shift": "cls",
    "total-byte-weight": "bytes",
}
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync --disable-quic")


def _lighthouse() -> Path:
    exe = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        log("lighthouse: npm ci in tools/lighthouse (first run)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=TOOL, check=True)
    return exe


def bench_lighthouse(dist: Path, runs: int) -> dict:
    exe = _lighthouse()
    work = Path(tempfile.mkdtemp(prefix="sa-lighthouse-"))
    srv = deploy.nginx(dist, work)
    results = []
    try:
        for i in range(runs):
            out = work / f"run{i}.json"
            env = dict(os.environ, CHROME_PATH=CHROMIUM)
            subprocess.run([str(exe), srv.origin + "/", "--quiet", "--output=json", f"--output-path={out}",
                            "--only-categories=" + ",".join(CATEGORIES), f"--chrome-flags={FLAGS}"],
                           env=env, check=True, timeout=300)
            lhr = json.loads(out.read_text())
            one = {c: lhr["categories"][c]["score"] for c in CATEGORIES}
            for audit, name in AUDITS.items():
                one[name] = lhr["audits"].get(audit, {}).get("numericValue")
            one["failed_audits"] = sorted(
                a for a, v in lhr["audits"].items()
                if v.get("score") is not None and v.get("score") < 0.9 and v.get("scoreDisplayMode") in ("binary", "numeric"))
            results.append(one)
            log(f"lighthouse run {i + 1}/{runs}: performance {one['performance']}, LCP {one['lcp_ms']:.0f} ms")
    finally:
        srv.close()
    summary = {k: statistics.median(r[k] for r in results) for k in results[0] if k != "failed_audits"}
    summary["runs"] = runs
    summary["failed_audits"] = sorted({a for r in results for a in r["failed_audits"]})
    summary["how"] = "Lighthouse 12.2.3, mobile defaults (simulated slow 4G, 4x CPU), dist/ behind the README's nginx (brotli)"
    return summary
