"""Review mode by mouse and touch (docs/FORMAT.md §4 and §7): a curator who imported three
annotators' exports adjudicates without a key: the label buttons set gold, clicking an
annotator's vote takes it, the majority is proposed (`data-majority`, its button) and Enter takes
it; "unanimous" only where every annotator present rated the sentence. The curator's own labels
never change."""

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys

C, D, M, N = ("1", ["claim"]), ("2", ["denial"]), ("3", ["demand"]), ("0", [])
VOTES = {  # sentence of SEED_000 -> (ana, ben, cy); None: not rated
    0: (C, C, C),  # unanimous
    1: (C, D, C),  # majority claim
    2: (C, C, None),  # two alike, cy said nothing: not unanimous
    3: (D, M, N),  # no majority
    4: (D, D, C),  # majority denial, taken with Enter
    5: (N, N, N),  # unanimous none
}


def _export(browsers, server, who: int, name: str):
    b = browsers()
    open_app(b, server.url)
    set_annotator(b.driver, name)
    for i, votes in VOTES.items():
        if votes[who]:
            tag(b.driver, SEED_000, i, *votes[who])
    path, _ = export_json(b)
    b.quit()
    return path


def _focused(d, i):
    click_centered(d, sentence(d, SEED_000, i))
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{i}", msg=f"{SEED_000}:{i} focused by a click")


def _click(d, selector):
    retry_stale(lambda: click_centered(d, one_visible(d, f"[data-action-bar] {selector}, .review-box {selector}")))


def test_a_curator_adjudicates_by_mouse(browsers, server):
    paths = [_export(browsers, server, k, n) for k, n in enumerate(("ana", "ben", "cy"))]
    c = browsers()
    d = c.driver
    open_app(c, server.url)
    set_annotator(d, "curator")
    import_files(d, *paths)
    wait_for(lambda: len(css_all(d, '[data-panel="team"] [data-layer]')) == 3, msg="three layers")
    show_doc(d, SEED_000)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
    wait_attr(d, SEED_000, 0, "data-status", "unanimous")
    wait_attr(d, SEED_000, 5, "data-status", "unanimous")
    assert attr_of(d, SEED_000, 5, "data-gold") == "none"
    # two of three alike while the third said nothing: unresolved, the majority proposed
    assert attr_of(d, SEED_000, 2, "data-status") == "unresolved"
    assert attr_of(d, SEED_000, 2, "data-gold") == "unset"
    assert attr_of(d, SEED_000, 2, "data-majority") == "claim"
    assert attr_of(d, SEED_000, 3, "data-majority") is None, "no majority: nothing proposed"

    # the majority's button
    _focused(d, 1)
    assert css(d, '[data-sentence][aria-current="true"]').get_attribute("data-majority") == "claim"
    _click(d, '[data-action="take-majority"]')
    wait_attr(d, SEED_000, 1, "data-gold", "claim")
    assert attr_of(d, SEED_000, 1, "data-status") == "adjudicated"

    # a vote clicked: ben's demand
    _focused(d, 3)
    wait_for(lambda: {e.get_attribute("data-annotator"): e.get_attribute("data-annotator-labels")
                      for e in css_all(d, ".review-box [data-annotator]")} == {"ana": "denial", "ben": "demand", "cy": "none"},
             msg="each annotator's vote shown")
    _click(d, '[data-annotator="ben"]')
    wait_attr(d, SEED_000, 3, "data-gold", "demand")

    # a label button sets gold, not the curator's own label; none by its button
    _focused(d, 2)
    _click(d, '[data-action="label-denial"]')
    wait_attr(d, SEED_000, 2, "data-gold", "denial")
    assert attr_of(d, SEED_000, 2, "data-status") == "adjudicated"
    _focused(d, 0)
    _click(d, '[data-action="decide-none"]')
    wait_attr(d, SEED_000, 0, "data-gold", "none")
    assert attr_of(d, SEED_000, 0, "data-status") == "adjudicated", "the curator overruled a unanimous claim"
    assert all(sentence_labels(d, SEED_000, i) == [] for i in VOTES), "the curator's own labels are untouched"

    # Enter takes the majority
    _focused(d, 4)
    press(d, Keys.ENTER)
    wait_attr(d, SEED_000, 4, "data-gold", "denial")

    # gold survives a reload
    reload(c)
    show_doc(d, SEED_000)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
    wait_attr(d, SEED_000, 3, "data-gold", "demand")
    wait_attr(d, SEED_000, 4, "data-gold", "denial")
