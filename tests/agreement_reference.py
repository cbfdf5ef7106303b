#!/usr/bin/env python3
"""Reference values of the agreement figures (docs/FORMAT.md §7), computed by the libraries
researchers use.

Why: the page's figures (crates/annotator-core/src/agreement) must equal scikit-learn
`cohen_kappa_score`, statsmodels `fleiss_kappa(aggregate_raters(...)[0])` and PyPI
`krippendorff.alpha(..., level_of_measurement="nominal")`. This script is the only place those
numbers come from: it reads the fixtures in tests/data/agreement_fixtures.json (matrices: items
x annotators, a category index or null for "did not rate"), computes every figure with the
libraries, and either prints them, writes them into the fixture file as `expected`, or checks
that the stored `expected` values still equal the libraries' output. The Rust tests read the
same file (include_str!) and compare the core's figures with `expected` at 1e-9.

Usage (needs numpy, scikit-learn, statsmodels, krippendorff):
    python3 -m venv /tmp/agree-venv
    /tmp/agree-venv/bin/pip install numpy scikit-learn statsmodels krippendorff
    /tmp/agree-venv/bin/python tests/agreement_reference.py            # print the figures
    /tmp/agree-venv/bin/python tests/agreement_reference.py --check    # stored == libraries?
    /tmp/agree-venv/bin/python tests/agreement_reference.py --write    # (re)store `expected`

Exit status: 0 fine, 1 a stored value differs from the libraries (listed on stderr), 2 bad
usage, 3 a library is missing.

Definitions (docs/FORMAT.md §7; n = the items used):
- raters: an annotator who rated no item of the fixture (a curator who only reviews) takes
  part in no figure: their column is dropped before anything is computed, so they neither
  form pairs nor make Fleiss' kappa undefined. Every figure below is over the raters.
- krippendorff_alpha: nominal, over all items, missing ratings allowed; n = items rated by at
  least two annotators (the library ignores the others). The library's ValueError (one value
  overall, or no item rated twice) and its nan (0/0: no disagreement possible) are `null`.
- fleiss_kappa: statsmodels on the items rated by every annotator; nan or no items is `null`.
- cohen_kappa["A|B"] (A < B in code-point order): scikit-learn on the items both rated.
- percent_agreement: share of items rated at least twice whose ratings are all equal (plain
  arithmetic: no library has this exact definition).
- alpha_per_category[c]: krippendorff nominal on the data recoded 1 if rating == c else 0.
- confusion["A|B"]: scikit-learn `confusion_matrix(A's, B's, labels=range(categories))`,
  rows A, columns B; distribution[name]: numpy `bincount` of that annotator's ratings.
"""
import argparse
import json
import math
import sys
import warnings
from importlib import metadata
from pathlib import Path

try:
    import krippendorff
    import numpy as np
    from sklearn.metrics import cohen_kappa_score, confusion_matrix
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
except ImportError as err:  # pragma: no cover - environment problem, not a test failure
    print(f"agreement_reference: {err}; pip install numpy scikit-learn statsmodels krippendorff", file=sys.stderr)
    sys.exit(3)

FIXTURES = Path(__file__).resolve().parent / "data" / "agreement_fixtures.json"
LIBRARIES = ("krippendorff", "numpy", "scikit-learn", "statsmodels")
TOLERANCE = 1e-12  # stored vs. recomputed: the same libraries, so only a release's rounding may differ


def finite_or_none(x):
    x = float(x)
    return None if math.isnan(x) else x


def measure(value, n):
    return {"value": value, "n": n}


def alpha_nominal(rows, recode=lambda v: v):
    """krippendorff.alpha, nominal; reliability_data is annotators x items with nan = missing."""
    n = sum(1 for r in rows if sum(v is not None for v in r) >= 2)
    data = np.array([[np.nan if v is None else recode(v) for v in r] for r in rows], dtype=float).T
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 -> nan: undefined
            value = finite_or_none(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:  # one value in the domain, or no item rated twice: undefined
        value = None
    return measure(value, n)


def fleiss(rows):
    full = [r for r in rows if all(v is not None for v in r)]
    if not full:
        return measure(None, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 -> nan: undefined
        value = finite_or_none(fleiss_kappa(aggregate_raters(np.array(full))[0]))
    return measure(value, len(full))


def pair_order(annotators):
    """(i, j) index pairs with annotators[i] < annotators[j] in code-point order (Python str order)."""
    order = sorted(range(len(annotators)), key=lambda k: annotators[k])
    return [(order[x], order[y]) for x in range(len(order)) for y in range(x + 1, len(order))]


def cohen(rows, i, j):
    both = [(r[i], r[j]) for r in rows if r[i] is not None and r[j] is not None]
    if not both:
        return measure(None, 0)
    a, b = zip(*both)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # UndefinedMetricWarning / RuntimeWarning: nan, undefined
        value = finite_or_none(cohen_kappa_score(list(a), list(b)))
    return measure(value, len(both))


def confusion(rows, i, j, categories):
    both = [(r[i], r[j]) for r in rows if r[i] is not None and r[j] is not None]
    if not both:
        return [[0] * categories for _ in range(categories)]
    a, b = zip(*both)
    return confusion_matrix(list(a), list(b), labels=list(range(categories))).tolist()


def percent(rows):
    rated = [[v for v in r if v is not None] for r in rows]
    rated = [r for r in rated if len(r) >= 2]
    if not rated:
        return measure(None, 0)
    return measure(sum(1 for r in rated if len(set(r)) == 1) / len(rated), len(rated))


def raters(rows, names):
    """The columns of the annotators who rated at least one item, in their order."""
    keep = [j for j in range(len(names)) if any(r[j] is not None for r in rows)]
    return [[r[j] for j in keep] for r in rows], [names[j] for j in keep]


def figures(fx):
    rows, names = raters(fx["rows"], fx["annotators"])
    k = fx["categories"]
    pairs = pair_order(names)
    key = lambda i, j: f"{names[i]}|{names[j]}"  # noqa: E731
    return {
        "krippendorff_alpha": alpha_nominal(rows),
        "fleiss_kappa": fleiss(rows),
        "percent_agreement": percent(rows),
        "alpha_per_category": [alpha_nominal(rows, lambda v, c=c: 1 if v == c else 0) for c in range(k)],
        "cohen_kappa": {key(i, j): cohen(rows, i, j) for i, j in pairs},
        "confusion": {key(i, j): confusion(rows, i, j, k) for i, j in pairs},
        "distribution": {
            name: np.bincount([r[a] for r in rows if r[a] is not None], minlength=k).astype(int).tolist()
            for a, name in enumerate(names)
        },
    }


def differences(stored, fresh, path=""):
    """Where two figure trees differ: floats at TOLERANCE, everything else exactly."""
    if isinstance(fresh, dict):
        if not isinstance(stored, dict) or stored.keys() != fresh.keys():
            return [f"{path}: keys {sorted(stored) if isinstance(stored, dict) else stored} != {sorted(fresh)}"]
        return [d for k in fresh for d in differences(stored[k], fresh[k], f"{path}.{k}")]
    if isinstance(fresh, list):
        if not isinstance(stored, list) or len(stored) != len(fresh):
            return [f"{path}: {stored} != {fresh}"]
        return [d for k, (s, f) in enumerate(zip(stored, fresh)) for d in differences(s, f, f"{path}[{k}]")]
    if isinstance(fresh, float) and isinstance(stored, (int, float)) and not isinstance(stored, bool):
        close = math.isclose(stored, fresh, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
        return [] if close else [f"{path}: {stored!r} != {fresh!r}"]
    return [] if stored == fresh and type(stored) is type(fresh) else [f"{path}: {stored!r} != {fresh!r}"]


def dump(value, indent=0):
    """JSON with one matrix row (or any list of scalars) per line, floats as Python's repr (17 digits max)."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        key = lambda k: json.dumps(k, ensure_ascii=False)  # noqa: E731
        if all(not isinstance(v, (dict, list)) for v in value.values()):
            return "{" + ", ".join(f"{key(k)}: {json.dumps(v)}" for k, v in value.items()) + "}"
        body = ",\n".join(f"{inner}{key(k)}: {dump(v, indent + 1)}" for k, v in value.items())
        return "{\n" + body + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
        return "[\n" + ",\n".join(inner + dump(v, indent + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if a stored expected value differs")
    mode.add_argument("--write", action="store_true", help="store the libraries' figures as `expected`")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    args = parser.parse_args(argv)

    doc = json.loads(args.fixtures.read_text(encoding="utf-8"))
    problems = []
    for fx in doc["fixtures"]:
        fresh = figures(fx)
        if args.write:
            fx["expected"] = fresh
        elif args.check:
            problems += [f"{fx['name']}{d}" for d in differences(fx.get("expected"), fresh)]
        else:
            f = fresh
            show = lambda m: "undefined" if m["value"] is None else f"{m['value']!r}"  # noqa: E731
            print(f"{fx['name']}: alpha {show(f['krippendorff_alpha'])} (n={f['krippendorff_alpha']['n']}), "
                  f"fleiss {show(f['fleiss_kappa'])} (n={f['fleiss_kappa']['n']}), "
                  f"percent {show(f['percent_agreement'])}")
            for pair, m in f["cohen_kappa"].items():
                print(f"    cohen {pair}: {show(m)} (n={m['n']})")
    if args.write:
        doc["computed_with"] = {lib: metadata.version(lib) for lib in LIBRARIES}
        ordered = {k: doc[k] for k in ("about", "computed_with", "fixtures") if k in doc}
        args.fixtures.write_text(dump(ordered) + "\n", encoding="utf-8")
        print(f"wrote expected figures of {len(doc['fixtures'])} fixtures to {args.fixtures}")
    if args.check:
        if problems:
            print("\n".join(problems), file=sys.stderr)
            print(f"agreement_reference: {len(problems)} stored value(s) differ from the libraries", file=sys.stderr)
            return 1
        print(f"agreement_reference: {len(doc['fixtures'])} fixtures equal the libraries' figures")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
