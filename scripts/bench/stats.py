"""Numbers of the bench: the log line, nearest-rank percentiles and the summary of a series
(median, p95, min, max, the samples), as the report and the bench table read them."""

from __future__ import annotations

import statistics
import time


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
