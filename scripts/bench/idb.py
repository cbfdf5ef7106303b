"""How records cross the IndexedDB boundary (section `idb`): JSON strings (serde_json, what the
page does) against JS objects (serde-wasm-bindgen), timed in headless Chromium by the browser
bench tests/idb_boundary.rs on 10,000 generated articles (53 MB): Rust -> JS values, one
transaction putting them, one `getAll`, JS values -> Rust. Three rounds; the first warms up and
is left out of the medians."""

from __future__ import annotations

import json
import os
import statistics
import subprocess

from . import REPO
from .stats import log

STEPS = ("encode_ms", "put_ms", "get_all_ms", "decode_ms")


def parse(output: str) -> dict:
    """The medians of each step, both ways, from the bench's `idb-boundary {json}` lines."""
    rounds = [json.loads(line.split("idb-boundary ", 1)[1]) for line in output.splitlines() if "idb-boundary {" in line]
    if not rounds:
        return {"problems": ["the bench printed no idb-boundary line"]}
    warm = rounds[1:] or rounds
    out = {"rounds": len(rounds), "articles": rounds[0]["articles"], "text_bytes": rounds[0]["text_bytes"]}
    for way in ("json", "objects"):
        out[way] = {s: round(statistics.median(r[way][s] for r in warm), 1) for s in STEPS}
        out[way]["total_ms"] = round(sum(out[way][s] for s in STEPS), 1)
    return out


def bench_idb() -> dict:
    cmd = ["cargo", "test", "--release", "-p", "sentence-annotator", "--target", "wasm32-unknown-unknown",
           "--test", "idb_boundary", "--", "--nocapture"]
    env = {**os.environ, "CHROMEDRIVER": os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"),
           "WASM_BINDGEN_TEST_TIMEOUT": "300"}
    log("idb: " + " ".join(cmd))
    run = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    out = parse(run.stdout + run.stderr)
    if run.returncode != 0:
        out.setdefault("problems", []).append(f"exit {run.returncode}: {(run.stdout + run.stderr)[-400:]}")
    return out
