"""Agreement as a team works (docs/FORMAT.md §7): three annotators label the seed articles in
their own browsers (disagreeing, saying "none applies" with 0, leaving sentences undecided, one
marking a document done) and export; a curator imports the three exports in one drop and opens
the agreement panel (the curator, who decided nothing, is no rater and in no figure). Every figure the panel shows (data-value, data-n) must equal the libraries
researchers check them with, run here on the same export files: PyPI `krippendorff` (nominal),
statsmodels `fleiss_kappa` on `aggregate_raters`, scikit-learn `cohen_kappa_score` and
`confusion_matrix`; the documents listed worst-agreeing first equal the same figures per
document. Then: the figures survive a reload, follow a removed layer and its undo,
follow the curator's own key presses live, narrow to the open document; a person moving to a new
browser (the page takes the first export's name) gets a Fleiss' kappa too; with several labels
allowed only the per-label figures remain."""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score, confusion_matrix
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from harness import *  # noqa: F401,F403

TOL = 1e-6

# (document, sentence index, key): 1 claim, 2 denial, 3 demand, 0 none applies.
ANA = [
    (SEED_000, 0, "1"), (SEED_000, 1, "2"), (SEED_000, 2, "0"), (SEED_000, 3, "3"), (SEED_000, 4, "1"),
    (SEED_000, 5, "0"), (SEED_000, 7, "2"), (SEED_000, 9, "0"),
    (SEED_003, 0, "1"), (SEED_003, 1, "2"), (SEED_003, 2, "0"), (SEED_003, 3, "3"), (SEED_003, 5, "1"),
]
BEN = [
    (SEED_000, 0, "1"), (SEED_000, 1, "2"), (SEED_000, 2, "0"), (SEED_000, 3, "3"), (SEED_000, 4, "2"),
    (SEED_000, 5, "0"), (SEED_000, 6, "1"), (SEED_000, 9, "3"),
    (SEED_003, 0, "1"), (SEED_003, 1, "2"), (SEED_003, 2, "1"), (SEED_003, 3, "3"), (SEED_003, 4, "0"),
]
CY = [
    (SEED_000, 0, "1"), (SEED_000, 1, "3"), (SEED_000, 2, "0"), (SEED_000, 4, "0"), (SEED_000, 5, "1"),
    (SEED_000, 6, "1"), (SEED_000, 9, "3"),
    (SEED_003, 0, "1"), (SEED_003, 1, "2"), (SEED_003, 2, "0"), (SEED_003, 3, "3"), (SEED_003, 5, "2"),
]
CY_DONE = SEED_003  # cy marks this document done: its undecided sentences count as "none"

PANEL = '[data-panel="agreement"]'
# The figures the libraries compute (the boundary disagreements are a count, checked apart).
FIGURES = '[data-metric]:not([data-metric="boundary_disagreements"])'


# -- working the page ---------------------------------------------------------------------------


def _decide(d, doc: str, i: int, key: str) -> None:
    """Focuses a sentence and presses a label key or 0 (none applies); waits for the decision."""
    want = {"0": [], "1": ["claim"], "2": ["denial"], "3": ["demand"]}[key]
    focus_sentence(d, doc, i)
    press(d, key)
    wait_for(lambda: attr_of(d, doc, i, "data-decided") == "true" and sentence_labels(d, doc, i) == want,
             msg=f"{doc}:{i} decided as {want or 'none'}")


def _annotate(browsers, server, name: str, rows, done: str | None = None):
    """One annotator's browser: name, decisions, a document marked done; returns (path, export)."""
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    set_annotator(d, name)
    for doc, i, key in rows:
        _decide(d, doc, i, key)
    if done:
        show_doc(d, done)
        click_centered(d, css(d, '[data-action="mark-done"]'))
        wait_for(lambda: css(d, '[data-action="mark-done"]').get_attribute("aria-pressed") == "true",
                 msg=f"{done} marked done")
    path, data = export_json(b)
    check_export(data)
    assert data.get("annotator") == name, f"export annotator {data.get('annotator')!r} != {name!r}"
    b.quit()
    return path, data


def _wait_layers(d, names) -> None:
    wait_for(lambda: sorted(x for x in (e.get_attribute("data-layer") for e in css_all(d, '[data-panel="team"] [data-layer]')))
             == sorted(names), msg=f"the team panel lists layers {sorted(names)}")


def _open_panel(d) -> None:
    if not css_all(d, PANEL):
        click_centered(d, css(d, '[data-action="agreement"]'))
    one_visible(d, PANEL, "the agreement panel")


def _panel_metrics(d) -> dict:
    """{(metric, pair or label or ""): (data-value, data-n, text)} of every metric in the panel."""
    rows = d.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' ' + arguments[1])).map(e => ["
        " e.getAttribute('data-metric'), e.getAttribute('data-pair') || e.getAttribute('data-label') || '',"
        " e.getAttribute('data-value'), e.getAttribute('data-n'), e.textContent]);", PANEL, FIGURES)
    out = {}
    for metric, sub, value, n, text in rows:
        assert (metric, sub) not in out, f"{metric} {sub} shown twice"
        out[(metric, sub)] = (value, n, text)
    return out


# -- the reference figures, from the export files -------------------------------------------------


def _ratings(data: dict) -> dict:
    """{(document id, index): category} of one export: the first label's index in its label list,
    len(labels) for "none" (decided, no label); undecided sentences are left out."""
    labels = data["labels"]
    out = {}
    for doc in data["documents"]:
        for s in doc["sentences"]:
            if s["labels"]:
                out[(doc["id"], s["index"])] = labels.index(s["labels"][0])
            elif s.get("decided"):
                out[(doc["id"], s["index"])] = len(labels)
    return out


def _matrix(exports: dict, items, empty=()) -> tuple[list[str], list[list]]:
    """Annotator names (with `empty` ones who rated nothing) and rows: items x annotators."""
    names = list(exports) + list(empty)
    rated = {n: _ratings(e) for n, e in exports.items()}
    rows = [[rated.get(n, {}).get(item) for n in names] for item in items]
    return names, rows


def _measure(value, n):
    if value is not None and math.isnan(value):
        value = None
    return (None if value is None else float(value), n)


def _alpha(rows, recode=lambda v: v):
    n = sum(1 for r in rows if sum(v is not None for v in r) >= 2)
    data = np.array([[np.nan if v is None else recode(v) for v in r] for r in rows], dtype=float).T
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return _measure(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"), n)
    except ValueError:  # one value in the domain, or nothing rated twice: undefined
        return (None, n)


def _fleiss(rows):
    full = [r for r in rows if all(v is not None for v in r)]
    if not full:
        return (None, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _measure(fleiss_kappa(aggregate_raters(np.array(full))[0]), len(full))


def _cohen(rows, i, j):
    both = [(r[i], r[j]) for r in rows if r[i] is not None and r[j] is not None]
    if not both:
        return (None, 0)
    a, b = zip(*both)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _measure(cohen_kappa_score(list(a), list(b)), len(both))


def _percent(rows):
    rated = [[v for v in r if v is not None] for r in rows]
    rated = [r for r in rated if len(r) >= 2]
    if not rated:
        return (None, 0)
    return (sum(1 for r in rated if len(set(r)) == 1) / len(rated), len(rated))


def expected_figures(names, rows, labels, multi=False, raters=True) -> dict:
    """{(metric, pair or label or ""): (value or None, n)}: what the panel must show. With
    `raters`, as the page computes: an annotator who rated none of the items takes part in no
    figure (docs/FORMAT.md §7); without, every column counts (what the page did before)."""
    if raters:
        keep = [j for j in range(len(names)) if any(r[j] is not None for r in rows)]
        names, rows = [names[j] for j in keep], [[r[j] for j in keep] for r in rows]
    out = {}
    if not multi:
        out[("krippendorff_alpha", "")] = _alpha(rows)
        out[("fleiss_kappa", "")] = _fleiss(rows)
        out[("percent_agreement", "")] = _percent(rows)
        order = sorted(range(len(names)), key=lambda k: names[k])
        for x in range(len(order)):
            for y in range(x + 1, len(order)):
                i, j = order[x], order[y]
                out[("cohen_kappa", f"{names[i]}|{names[j]}")] = _cohen(rows, i, j)
    for c, label in enumerate(labels):
        out[("krippendorff_alpha", label)] = _alpha(rows, lambda v, c=c: 1 if v == c else 0)
    return out


def assert_panel_equals(d, expected: dict, what: str) -> None:
    """The panel shows exactly the expected metrics, each equal to the library's value (1e-6)
    with the same n; undefined ones have an empty data-value and say "undefined"."""

    def problems():
        shown = _panel_metrics(d)
        bad = []
        if set(shown) != set(expected):
            return [f"metrics shown {sorted(shown)} != expected {sorted(expected)}"]
        for key, (value, n) in expected.items():
            got_value, got_n, text = shown[key]
            if got_n != str(n):
                bad.append(f"{key}: data-n {got_n} != {n}")
            if value is None:
                if got_value != "" or "undefined" not in text:
                    bad.append(f"{key}: should be undefined, shows data-value {got_value!r}, text {text!r}")
                continue
            # percent agreement is shown as a percent, every other figure with three places
            as_shown = f"{value * 100:.1f} %" if key[0] == "percent_agreement" else f"{value:.3f}".replace("-0.000", "0.000")
            if not got_value or abs(float(got_value) - value) > TOL:
                bad.append(f"{key}: data-value {got_value!r} != {value!r}")
            elif as_shown not in text or f"n = {n}" not in text:
                bad.append(f"{key}: text {text!r} lacks {as_shown} or n = {n}")
            elif len(got_value.split(".")[-1]) < 4:
                bad.append(f"{key}: data-value {got_value!r} has fewer than 4 places")
        return bad

    try:
        wait_for(lambda: not problems(), msg=what)
    except AssertionError:
        raise AssertionError(f"{what}:\n  " + "\n  ".join(problems())) from None


def reading(metric: str, value) -> str | None:
    """The conventional reading the panel gives a figure (docs/FORMAT.md §7): Krippendorff's
    0.667 and 0.8 for alpha, Landis & Koch's bands for kappa (at two decimals), none for percent
    agreement or an undefined figure."""
    if value is None or metric == "percent_agreement":
        return None
    if metric == "krippendorff_alpha":
        return "reliable" if value >= 0.8 else "tentative" if value >= 0.667 else "unreliable"
    k = round(value, 2)
    bands = ((0, "poor"), (0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial"))
    return next((name for top, name in bands if (k < top if top == 0 else k <= top)), "almost-perfect")


def assert_readings(d, expected: dict) -> None:
    """Each figure carries its reading (data-reading, in words beside it) and a one-line meaning
    on its name (title, and shown below it on keyboard focus)."""
    rows = d.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' ' + arguments[1])).map(e => ["
        " e.getAttribute('data-metric'), e.getAttribute('data-pair') || e.getAttribute('data-label') || '',"
        " e.getAttribute('data-reading'), e.querySelector('th').getAttribute('title'),"
        " e.querySelector('th').getAttribute('tabindex')]);", PANEL, FIGURES)
    assert rows, "no metric rows"
    for metric, sub, got, title, tabindex in rows:
        want = reading(metric, expected[(metric, sub)][0])
        assert got == want, f"{metric} {sub}: data-reading {got!r} != {want!r}"
        assert title and len(title) > 20 and "\n" not in title, f"{metric} {sub}: meaning {title!r}"
        assert tabindex == "0", f"{metric} {sub}: the name takes the keyboard focus"


def _confusion_cells(d) -> list[int]:
    return [int(t) for t in d.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' svg[data-matrix=\"confusion\"] text.num'))"
        ".map(e => e.textContent);", PANEL)]


def _choose_pair(d, key: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(css(d, f'{PANEL} select[data-action="confusion-pair"]')).select_by_value(key)


# -- the test ------------------------------------------------------------------------------------


def test_team_agreement_equals_the_libraries(browsers, server):
    exports = {}
    paths = {}
    for name, rows, done in (("ana", ANA, None), ("ben", BEN, None), ("cy", CY, CY_DONE)):
        paths[name], exports[name] = _annotate(browsers, server, name, rows, done)
    labels = exports["ana"]["labels"]
    items = [(doc["id"], s["index"]) for doc in exports["ana"]["documents"] for s in doc["sentences"]]
    assert len(items) > 20 and max(i for doc, i in items if doc == SEED_000) >= 9, "the seeds are long enough"
    # the exports say what the annotators did: missing ratings, "none", a done document
    assert (SEED_000, 8) not in _ratings(exports["ana"]) and _ratings(exports["ana"])[(SEED_000, 2)] == len(labels)
    assert all((SEED_003, s["index"]) in _ratings(exports["cy"])
               for doc in exports["cy"]["documents"] if doc["id"] == SEED_003 for s in doc["sentences"])

    # the curator: a fourth profile with a name of its own
    c = browsers()
    d = c.driver
    open_app(c, server.url)
    set_annotator(d, "curator")
    # alone, agreement needs colleagues: the panel says so
    _open_panel(d)
    one_visible(d, f'{PANEL} [data-agreement-note="one-annotator"]', "the one-annotator note")
    assert "at least two annotators" in css(d, f'{PANEL} [data-agreement-note="one-annotator"]').text
    click_centered(d, css(d, f'{PANEL} [data-action="agreement-close"]'))
    wait_for(lambda: not css_all(d, PANEL), msg="Close closes the panel")

    # the three exports in one drop become three read-only layers
    import_files(d, paths["ana"], paths["ben"], paths["cy"])
    _wait_layers(d, ["ana", "ben", "cy"])
    assert not messages(d, "error"), messages(d, "error")
    _open_panel(d)
    assert not css_all(d, f'{PANEL} [data-agreement-note="one-annotator"]')
    # the curator decided nothing: no rater (docs/FORMAT.md §7), in no figure. Kept as an empty
    # column, Fleiss' kappa (over the sentences every annotator rated) had no sentence and
    # every pair with the curator was "undef."; the panel shows the three annotators' figures
    names, rows = _matrix(exports, items)
    want = expected_figures(names, rows, labels)
    kept = expected_figures(*_matrix(exports, items, empty=["curator"]), labels, raters=False)
    assert kept[("fleiss_kappa", "")] == (None, 0) and want[("fleiss_kappa", "")][0] is not None
    assert all(want[("cohen_kappa", p)][0] is not None for p in ("ana|ben", "ana|cy", "ben|cy"))
    assert_panel_equals(d, want, "the curator's panel equals the libraries over the three raters")
    # the documents, worst-agreeing first (percent agreement, then alpha, then more sentences
    # compared, then the corpus's order), each with its own figures, each opening its document
    per_doc = []
    for at, doc in enumerate(dict.fromkeys(doc for doc, _ in items)):
        doc_rows = [r for (dd, _), r in zip(items, rows) if dd == doc]
        p, n = _percent(doc_rows)
        if n:
            a = _alpha(doc_rows)[0]
            per_doc.append((p, math.inf if a is None else a, -n, at, doc, n))
    per_doc.sort()
    assert len(per_doc) == 2, per_doc
    worst = d.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' [data-worst-docs] [data-worst-doc]')).map(e => ["
        " e.getAttribute('data-worst-doc'), e.getAttribute('data-value'), e.getAttribute('data-n')]);", PANEL)
    assert [w[0] for w in worst] == [p[4] for p in per_doc], (worst, per_doc)
    for (doc, value, n), p in zip(worst, per_doc):
        assert abs(float(value) - p[0]) < TOL and n == str(p[5]), (doc, value, n, p)
    # no annotator has other sentence boundaries here: no boundary disagreement
    bounds = css(d, f'{PANEL} [data-metric="boundary_disagreements"]')
    assert bounds.get_attribute("data-value") == "0" and "0 sentence(s)" in bounds.text, bounds.text
    click_centered(d, css(d, f'{PANEL} [data-worst-docs] [data-worst-doc="{per_doc[0][4]}"] button'))
    wait_for(lambda: not css_all(d, PANEL), msg="the panel gives way to the worst-agreeing document")
    wait_for(lambda: open_doc(d) == per_doc[0][4], msg=f"{per_doc[0][4]} open (now {open_doc(d)})")
    _open_panel(d)
    assert css(d, f'{PANEL} [data-scope="corpus"]').get_attribute("aria-pressed") == "true"
    assert "undef." not in css(d, f'{PANEL} svg[data-matrix="pairwise"]').get_attribute("textContent")
    # readable: each figure with its conventional reading and what it means; percent as a
    # percent; the colours' key drawn with the cells' own colours
    assert_readings(d, want)
    assert {reading(m, v) for (m, _), (v, _) in want.items()} - {None}, "some figure has a reading"
    alpha_row = css(d, f'{PANEL} [data-metric="krippendorff_alpha"]:not([data-label])')
    # alpha's bootstrap 95 % interval, around the figure
    interval = (alpha_row.get_attribute("data-interval-low"), alpha_row.get_attribute("data-interval-high"))
    low, high = map(float, interval)
    assert low <= want[("krippendorff_alpha", "")][0] <= high and 0 < high - low < 1, interval
    assert f"95 % interval {low:.3f} to {high:.3f}" in alpha_row.text, alpha_row.text
    click_centered(d, alpha_row.find_element(By.CSS_SELECTOR, "th"))
    assert alpha_row.find_element(By.CSS_SELECTOR, ".metric-meaning").is_displayed(), "the meaning shows on focus"
    legend = css_all(d, f'{PANEL} [data-legend="kappa"] li')
    assert [li.text for li in legend][:2] == ["poor (below 0)", "slight (0–0.20)"] and len(legend) == 7, [li.text for li in legend]
    assert "darker" not in css(d, PANEL).text.lower(), "no legend that is wrong in one theme"

    # the confusion matrix of a pair, chosen in the select, equals scikit-learn's
    for a, b in (("ana", "ben"), ("ben", "cy")):
        _choose_pair(d, f"{a}|{b}")
        ia, ib = names.index(a), names.index(b)
        both = [(r[ia], r[ib]) for r in rows if r[ia] is not None and r[ib] is not None]
        want_cm = confusion_matrix([x for x, _ in both], [y for _, y in both], labels=list(range(len(labels) + 1)))
        wait_for(lambda: _confusion_cells(d) == want_cm.flatten().tolist(),
                 msg=f"confusion {a}|{b} == {want_cm.tolist()} (shows {_confusion_cells(d)})")
    # the pairwise matrix has a cell per ordered pair, the distribution a row per annotator
    cells = d.execute_script("return document.querySelectorAll(arguments[0] + ' svg[data-matrix=\"pairwise\"] text.num').length;", PANEL)
    assert cells == len(names) ** 2, cells
    dist = {e.get_attribute("data-annotator") for e in css_all(d, f"{PANEL} [data-distribution] [data-annotator]")}
    assert dist == set(names), dist

    # a confusion cell lists its sentences; one of them leads to the article
    _choose_pair(d, "ana|ben")
    ia, ib = names.index("ana"), names.index("ben")
    x, y = next((r[ia], r[ib]) for r in rows if r[ia] is not None and r[ib] is not None and r[ia] != r[ib])
    want_items = [f"{doc}:{i}" for (doc, i), r in zip(items, rows) if r[ia] == x and r[ib] == y]
    click_centered(d, css(d, f'{PANEL} svg[data-matrix="confusion"] [data-cell="{x}|{y}"]'))
    listed = f'{PANEL} [data-cell-sentences="{x}|{y}"] [data-jump]'
    wait_for(lambda: sorted(e.get_attribute("data-jump") for e in css_all(d, listed)) == sorted(want_items),
             msg=f"the cell's sentences {want_items}")
    click_centered(d, css(d, f'{PANEL} [data-jump="{want_items[-1]}"]'))
    wait_for(lambda: not css_all(d, PANEL), msg="the panel gives way to the article")
    wait_for(lambda: focused_sentence(d) == want_items[-1], msg=f"{want_items[-1]} focused (now {focused_sentence(d)})")
    _open_panel(d)

    # a reload keeps the layers: the same figures once the panel is opened again
    reload(c)
    _wait_layers(d, ["ana", "ben", "cy"])
    _open_panel(d)
    assert_panel_equals(d, want, "the same figures after a reload")
    again = css(d, f'{PANEL} [data-metric="krippendorff_alpha"]:not([data-label])')
    assert (again.get_attribute("data-interval-low"), again.get_attribute("data-interval-high")) == interval, \
        "seeded: the same interval after a reload"

    # removing ben's layer updates the panel; its undo restores it
    click_centered(d, css(d, '[data-layer="ben"] [data-action="remove-layer"]'))
    _wait_layers(d, ["ana", "cy"])
    without = {k: v for k, v in exports.items() if k != "ben"}
    n2, r2 = _matrix(without, items)
    assert_panel_equals(d, expected_figures(n2, r2, labels), "the panel without ben's layer")
    click_centered(d, css(d, '[data-action="undo-remove-layer"]'))
    _wait_layers(d, ["ana", "ben", "cy"])
    assert_panel_equals(d, want, "the panel after the undo")

    # the curator's own decisions count at once (keys pressed while the panel is open)
    _decide(d, SEED_000, 7, "2")  # ana said denial: now rated twice
    _decide(d, SEED_000, 1, "3")
    _decide(d, SEED_000, 8, "0")  # nobody else: a single rating
    _open_panel(d)
    _, mine = export_json(c)
    assert mine.get("annotator") == "curator"
    names, rows = _matrix(dict(exports, curator=mine), items)
    live = expected_figures(names, rows, labels)
    assert live != want
    assert_panel_equals(d, live, "the panel follows the curator's key presses")

    # the open document only
    show_doc(d, SEED_003)
    click_centered(d, css(d, f'{PANEL} [data-scope="document"]'))
    wait_for(lambda: css(d, f'{PANEL} [data-scope="document"]').get_attribute("aria-pressed") == "true",
             msg="the document scope is pressed")
    assert css(d, f'{PANEL} [data-scope="corpus"]').get_attribute("aria-pressed") == "false"
    doc_items = [it for it in items if it[0] == SEED_003]
    names, rows = _matrix(dict(exports, curator=mine), doc_items)
    # the curator decided nothing in this document: no rater here
    assert not any(r[names.index("curator")] is not None for r in rows)
    in_doc = expected_figures(names, rows, labels)
    assert not any("curator" in sub for _, sub in in_doc)
    assert_panel_equals(d, in_doc, "the panel over the open document")
    click_centered(d, css(d, f'{PANEL} [data-scope="corpus"]'))
    assert_panel_equals(d, live, "back to the whole corpus")


def test_agreement_in_own_browser_and_multi_label(browsers, server):
    """A person moving to a new browser: ana's own export restores her work and name, ben's and
    cy's become layers; Fleiss' kappa is defined (every annotator rated some sentences). With
    several labels allowed, only the per-label figures are shown, and said so."""
    exports, paths = {}, {}
    for name, rows, done in (("ana", ANA, None), ("ben", BEN, None), ("cy", CY, CY_DONE)):
        paths[name], exports[name] = _annotate(browsers, server, name, rows, done)
    labels = exports["ana"]["labels"]
    items = [(doc["id"], s["index"]) for doc in exports["ana"]["documents"] for s in doc["sentences"]]

    b = browsers()
    d = b.driver
    open_app(b, server.url)
    import_as_mine(d, paths["ana"])
    wait_for(lambda: setting(d, "annotator").get_attribute("value") == "ana", msg="the page takes ana's name")
    import_files(d, paths["ben"], paths["cy"])
    _wait_layers(d, ["ben", "cy"])
    _open_panel(d)
    names, rows = _matrix(exports, items)
    want = expected_figures(names, rows, labels)
    assert want[("fleiss_kappa", "")][0] is not None and want[("fleiss_kappa", "")][1] > 0
    assert_panel_equals(d, want, "ana's own browser: every figure equals the libraries")
    own = css(d, '[data-panel="team"] [data-layer-own]').text
    assert own.startswith("ana"), own

    # several labels per sentence: only the per-label figures, and a note that says why
    set_checkbox(d, "multi-label", True)
    one_visible(d, f'{PANEL} [data-agreement-note="multi-label"]', "the multi-label note")
    multi = expected_figures(names, rows, labels, multi=True)
    assert_panel_equals(d, multi, "with several labels allowed, per-label figures only")
    assert not css_all(d, f"{PANEL} svg[data-matrix]")
    set_checkbox(d, "multi-label", False)
    assert_panel_equals(d, want, "one label per sentence again")


def test_alone_the_panel_names_you_once(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    _decide(d, SEED_000, 0, "1")
    _open_panel(d)
    intro = one_visible(d, f"{PANEL} .agreement-intro").text
    assert "1 annotator(s): " in intro and intro.count("(you)") == 1 and "you (you)" not in intro, intro
    one_visible(d, f'{PANEL} [data-agreement-note="one-annotator"]', "the note that one annotator is not enough")
    press(d, Keys.ESCAPE)
    wait_for(lambda: not css_all(d, PANEL), msg="Escape closes the panel")
    # the name "you" itself is not said twice
    set_annotator(d, "you")
    _open_panel(d)
    intro = one_visible(d, f"{PANEL} .agreement-intro").text
    assert "1 annotator(s): you." in intro and "you (you)" not in intro, intro
