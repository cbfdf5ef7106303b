#!/usr/bin/env python3
"""The suggestions' bar against scikit-learn (docs/DEVELOPMENT.md, Suggestions: quality and
speed), checked: after a couple of hundred decisions, the page's suggestions (learned online,
one decision at a time) must beat scikit-learn's TF-IDF + logistic regression trained offline on
the same decisions by at least 0.05 macro-F1 over claim/denial/demand/none.

Both see the same file in the same order: the first N lines are the decisions, the rest are
the sentences not yet decided, on which both are scored. Our figure comes from
`cargo run --example suggest_eval` (the replay the page's model does); scikit-learn's from a
pipeline fitted on the same N lines. Exits 1 when the bar is missed, 2 on bad input.

Usage: .venv/bin/python tests/suggest_compare.py [FILE.jsonl] [--decisions N]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import FeatureUnion, make_pipeline

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ["claim", "denial", "demand", "none"]
MARGIN = 0.05


def ours(path: Path, n: int) -> float:
    """The 'suggest' column of suggest_eval's first table at `n` decisions."""
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--example", "suggest_eval", "--", str(path)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    for line in out.splitlines():
        cells = line.split()
        if len(cells) == 7 and cells[0] == str(n) and re.fullmatch(r"[0-9.]+", cells[-1]):
            return float(cells[-1])
    sys.exit(f"suggest_compare: no row for {n} decisions in suggest_eval's output:\n{out}")


def sklearn_f1(cases: list[dict], n: int, char_ngrams: bool) -> float:
    train, test = cases[:n], cases[n:]
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    features = FeatureUnion([("w", words), ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)))]) \
        if char_ngrams else words
    model = make_pipeline(features, LogisticRegression(max_iter=2000))
    model.fit([c["text"] for c in train], [c["label"] for c in train])
    pred = model.predict([c["text"] for c in test])
    return f1_score([c["label"] for c in test], pred, labels=CATEGORIES, average="macro", zero_division=0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "tests" / "data" / "suggest_cases.jsonl"))
    ap.add_argument("--decisions", type=int, default=200)
    a = ap.parse_args()
    path = Path(a.file)
    try:
        cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as e:
        print(f"suggest_compare: {path}: {e}", file=sys.stderr)
        return 2
    if len(cases) <= a.decisions or any(c.get("label") not in CATEGORIES for c in cases):
        print(f"suggest_compare: {path} needs more than {a.decisions} lines labelled {CATEGORIES}", file=sys.stderr)
        return 2
    page = ours(path, a.decisions)
    best = max(sklearn_f1(cases, a.decisions, False), sklearn_f1(cases, a.decisions, True))
    print(f"macro-F1 after {a.decisions} decisions on {path.name}: page {page:.3f}, "
          f"scikit-learn TF-IDF + logistic regression {best:.3f} (best of words / words + characters)")
    if page < best + MARGIN:
        print(f"suggest_compare: the page's suggestions are not {MARGIN} above scikit-learn's", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
