"""The native benches (with --cargo-bench, or from saved logs): `cargo bench --bench segment`
(the segmenter's throughput beside UAX #29) and `cargo bench --bench agreement` (the medians
of `agreement::report` on 20 x 20,000 and 8 x 2,000 generated sentences), run and parsed."""

from __future__ import annotations

import re
import subprocess
import sys

from . import REPO
from .stats import log


def segment_throughput(log_text: str) -> dict:
    """The MB/s of sa-rules and UAX #29 in the output of `cargo bench --bench segment`, and its
    throughput lines."""
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


def edit_native(log_text: str) -> dict:
    """{"5000": {"annotations", "median_ms", "p95_ms", "edits", "line"}, ...} from the output of
    `cargo bench --bench edit` (one label edit in a document holding that many annotations)."""
    out = {}
    for m in re.finditer(r"label edit, (\d+) annotations in the document: median ([\d.]+) ms, p95 ([\d.]+) ms "
                         r"\((\d+) edits\)", log_text):
        n = int(m.group(1))
        out[str(n)] = {"annotations": n, "median_ms": float(m.group(2)), "p95_ms": float(m.group(3)),
                       "edits": int(m.group(4)), "line": m.group(0)}
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
