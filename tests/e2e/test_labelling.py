"""Labelling by keyboard: the label keys and their letter aliases tag the focused sentence, the
same key again removes the label, another one replaces it (single-label, the default), and
0 / Delete / Backspace clear it. (Label buttons: test_mouse.py; settings such as auto-advance
and multi-label: test_settings.py.)"""

import re

from harness import *  # noqa: F401,F403


def test_label_keys(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 0)
    assert page_labels(d) and all(v == [] for v in page_labels(d).values()), "fresh profile must start unlabelled"

    a, b, c = 0, 2, 5
    tag(d, SEED_000, a, "1", ["claim"])
    tag(d, SEED_000, b, "2", ["denial"])
    tag(d, SEED_000, c, "3", ["demand"])
    expected = {f"{SEED_000}:{a}": ["claim"], f"{SEED_000}:{b}": ["denial"], f"{SEED_000}:{c}": ["demand"]}
    for k, v in page_labels(d).items():
        assert v == expected.get(k, []), f"{k}: {v} (expected {expected.get(k, [])})"

    # the same key again removes the label
    tag(d, SEED_000, c, "3", [])
    # letter aliases: m = demand
    tag(d, SEED_000, c, "m", ["demand"])
    # a different label replaces (single-label by default); d = denial
    tag(d, SEED_000, b, "1", ["claim"])
    tag(d, SEED_000, b, "d", ["denial"])
    # 0 clears; Delete / Backspace too; c = claim
    tag(d, SEED_000, a, "0", [])
    spare = c + 2  # a sentence none of the above uses
    tag(d, SEED_000, spare, "c", ["claim"])
    tag(d, SEED_000, spare, Keys.DELETE, [])
    tag(d, SEED_000, spare, "c", ["claim"])
    tag(d, SEED_000, spare, Keys.BACKSPACE, [])
    tag(d, SEED_000, a, "1", ["claim"])

    # progress on the list item
    wait_for(lambda: doc_progress(d, SEED_000), msg="data-progress")
    prog = doc_progress(d, SEED_000)
    assert re.fullmatch(r"3/\d+", prog), f"data-progress {prog!r}, expected 3/<total>"
    assert int(prog.split("/")[1]) == len([k for k in page_labels(d) if k.startswith(SEED_000 + ":")])
    assert shown_labels(d) == expected
