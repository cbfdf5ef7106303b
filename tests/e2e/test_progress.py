"""Progress and overview: each document's labelled/total on its list item, the corpus progress,
the chart of labels and the pace of decisions, all following labels and undo."""

import re

from harness import *  # noqa: F401,F403

SEED_000_TOTAL = 19  # sentences of the bundled seed article 000


def chart_rects(d) -> int:
    return len(css_all(d, 'svg[data-chart="labels"] rect'))


def pace(d) -> int | None:
    t = css(d, '[data-stat="pace"]').text
    m = re.search(r"(\d+)\s+decision", t)
    return int(m.group(1)) if m else None


def test_progress_and_overview(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    totals = {}
    for doc in (SEED_000, SEED_003):
        show_doc(d, doc)
        totals[doc] = len([k for k in page_labels(d) if k.startswith(doc + ":")])
        assert doc_progress(d, doc) == f"0/{totals[doc]}", f"{doc}: data-progress {doc_progress(d, doc)!r}"
    assert totals[SEED_000] == SEED_000_TOTAL
    corpus = sum(totals.values())
    prog = css(d, '[data-stat="progress"]').text
    assert re.search(rf"\b0\s*/\s*{corpus}\b", prog), f"corpus progress {prog!r}, expected 0 / {corpus}"
    assert css_all(d, 'svg[data-chart="labels"]'), 'no svg[data-chart="labels"]'
    rects_before = chart_rects(d)
    assert pace(d) == 0, css(d, '[data-stat="pace"]').text

    tag(d, SEED_000, 0, "1", ["claim"])
    tag(d, SEED_000, 3, "3", ["demand"])
    tag(d, SEED_003, 1, "2", ["denial"])
    wait_for(lambda: doc_progress(d, SEED_000) == f"2/{totals[SEED_000]}", msg=f"000 progress 2/.. ({doc_progress(d, SEED_000)})")
    wait_for(lambda: doc_progress(d, SEED_003) == f"1/{totals[SEED_003]}", msg=f"003 progress 1/.. ({doc_progress(d, SEED_003)})")
    wait_for(lambda: re.search(rf"\b3\s*/\s*{corpus}\b", css(d, '[data-stat="progress"]').text),
             msg=f"corpus progress 3 / {corpus} (got {css(d, '[data-stat=progress]').text!r})")
    pct = round(100 * 3 / corpus)
    assert re.search(rf"\b{pct}\s*%", css(d, '[data-stat="progress"]').text) or "%" not in css(d, '[data-stat="progress"]').text, \
        f"corpus percentage: {css(d, '[data-stat=progress]').text!r}, expected {pct}%"
    # the chart draws bars once labels exist: more rects than before, one per label used at least
    wait_for(lambda: chart_rects(d) >= rects_before + 3, msg=f"chart bars for claim, denial, demand ({rects_before} -> {chart_rects(d)} rects)")
    bars = d.execute_script(
        "return Array.from(document.querySelectorAll('svg[data-chart=\"labels\"] rect'))"
        ".map(r => r.getBBox ? [r.getBBox().width, r.getBBox().height] : [0, 0]);")
    assert sum(1 for w, h in bars if w > 0 and h > 0) >= 3, bars
    # the pace counts the decisions
    wait_for(lambda: pace(d) == 3, msg=f"pace shows 3 decisions (got {css(d, '[data-stat=pace]').text!r})")

    # an undo takes the progress back
    press(d, "u")
    wait_labels(d, SEED_003, 1, [])
    wait_for(lambda: doc_progress(d, SEED_003) == f"0/{totals[SEED_003]}", msg="003 progress after undo")
    wait_for(lambda: re.search(rf"\b2\s*/\s*{corpus}\b", css(d, '[data-stat="progress"]').text), msg="corpus progress after undo")
