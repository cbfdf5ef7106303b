"""Decisions (docs/FORMAT.md §1): `0` says "none of the labels applies" (a decision,
shown in words, advancing like a label), Backspace removes labels and decision, a document
marked done is decided throughout and can be unmarked; progress counts decisions; exports
carry `decided` per sentence (JSON, JSONL, CSV), `done` per document and the annotator; an
older export without those fields still imports (decided where labelled)."""

import csv
import io
import json

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys


def decided(d, doc: str, i: int) -> str | None:
    return attr_of(d, doc, i, "data-decided")


def test_none_is_a_decision_and_backspace_removes_it(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    n = len([k for k in page_labels(d) if k.startswith(SEED_000 + ":")])
    assert decided(d, SEED_000, 0) == "false", "a fresh page has nothing decided"
    focus_sentence(d, SEED_000, 0)
    press(d, "0")
    wait_attr(d, SEED_000, 0, "data-decided", "true")
    assert sentence_labels(d, SEED_000, 0) == []
    # shown in words, not only by colour
    text = sentence(d, SEED_000, 0).get_attribute("textContent")
    assert text.rstrip().endswith("none"), f"the sentence does not say 'none': {text[-40:]!r}"
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:1", msg="0 advances like a label")
    wait_for(lambda: doc_progress(d, SEED_000) == f"1/{n}", msg=f"progress counts the decision ({doc_progress(d, SEED_000)})")
    # a label replaces "none"; Backspace removes labels and decision
    focus_sentence(d, SEED_000, 0)
    press(d, "2")
    wait_labels(d, SEED_000, 0, ["denial"])
    assert decided(d, SEED_000, 0) == "true"
    focus_sentence(d, SEED_000, 0)
    press(d, Keys.BACK_SPACE)
    wait_attr(d, SEED_000, 0, "data-decided", "false")
    assert sentence_labels(d, SEED_000, 0) == []
    # undo brings the label back
    press(d, "u")
    wait_labels(d, SEED_000, 0, ["denial"])
    # the mouse path: the "none" button beside the focused sentence
    focus_sentence(d, SEED_000, 3)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="decide-none"]')))
    wait_attr(d, SEED_000, 3, "data-decided", "true")
    # survives a reload
    reload(browser)
    show_doc(d, SEED_000)
    wait_attr(d, SEED_000, 3, "data-decided", "true")
    assert sentence_labels(d, SEED_000, 3) == []
    assert sentence_labels(d, SEED_000, 0) == ["denial"]


def test_mark_done_decides_a_document_and_exports_say_so(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    set_annotator(d, "maria")
    show_doc(d, SEED_000)
    keys = [k for k in page_labels(d) if k.startswith(SEED_000 + ":")]
    n = len(keys)
    tag(d, SEED_000, 1, "1", ["claim"])
    tag(d, SEED_003, 0, "0", [])
    show_doc(d, SEED_000)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="mark-done"]')))
    wait_for(lambda: css(d, f'[data-doc="{SEED_000}"]').get_attribute("data-done") == "true", msg="list item data-done")
    wait_for(lambda: all(decided(d, SEED_000, i) == "true" for i in range(n)), msg="every sentence decided")
    assert doc_progress(d, SEED_000) == f"{n}/{n}"
    assert sentence_labels(d, SEED_000, 1) == ["claim"], "labels stay"
    # n skips the done document
    focus_sentence(d, SEED_000, 0)
    press(d, "n")
    wait_for(lambda: open_doc(d) == SEED_003, msg="n leaves the done document")

    reload(browser)
    wait_for(lambda: css(d, f'[data-doc="{SEED_000}"]').get_attribute("data-done") == "true", msg="done after reload")

    _, data = export_json(browser)
    check_export(data)
    assert data.get("annotator") == "maria"
    by_id = {doc["id"]: doc for doc in data["documents"]}
    assert by_id[SEED_000]["done"] is True and by_id[SEED_003]["done"] is False
    assert all(s["decided"] for s in by_id[SEED_000]["sentences"])
    d003 = {s["index"]: s for s in by_id[SEED_003]["sentences"]}
    assert d003[0]["decided"] is True and d003[0]["labels"] == []
    assert d003[1]["decided"] is False
    p = download(browser, "export-jsonl", r"^annotations-[\w.-]+-\d{8}-\d{6}\.jsonl$")
    lines = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert all("decided" in r for r in lines)
    assert [r["decided"] for r in lines if r["document_id"] == SEED_003 and r["sentence_index"] in (0, 1)] == [True, False]
    p = download(browser, "export-csv", r"^annotations-[\w.-]+-\d{8}-\d{6}\.csv$")
    rows = list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8-sig"), newline="")))
    assert {r["decided"] for r in rows} == {"true", "false"}

    # pressed again: unmarked, the sentences without a decision are undecided again
    show_doc(d, SEED_000)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="mark-done"]')))
    wait_for(lambda: css(d, f'[data-doc="{SEED_000}"]').get_attribute("data-done") == "false", msg="unmarked")
    wait_for(lambda: decided(d, SEED_000, 0) == "false", msg="undecided again")
    assert decided(d, SEED_000, 1) == "true"


def test_an_export_restores_decisions_and_an_older_one_reads_as_before(browsers, server, tmp_path):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    tag(d, SEED_000, 0, "0", [])
    tag(d, SEED_000, 2, "3", ["demand"])
    path, data = export_json(b)

    # into a fresh browser: the same decisions
    b2 = browsers()
    open_app(b2, server.url)
    import_as_mine(b2.driver, path)
    wait_attr(b2.driver, SEED_000, 0, "data-decided", "true")
    wait_labels(b2.driver, SEED_000, 2, ["demand"])
    assert decided(b2.driver, SEED_000, 1) == "false"

    # an export of an earlier version (no decided, no done): decided where labelled
    for doc in data["documents"]:
        doc.pop("done", None)
        for s in doc["sentences"]:
            s.pop("decided", None)
    old = tmp_path / "older.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    b3 = browsers()
    open_app(b3, server.url)
    import_as_mine(b3.driver, old)
    wait_labels(b3.driver, SEED_000, 2, ["demand"])
    assert decided(b3.driver, SEED_000, 2) == "true"
    assert decided(b3.driver, SEED_000, 0) == "false", "no labels and no 'decided': undecided"


def test_mark_done_brings_the_undecided_count_to_zero_and_removal_counts_decisions(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    n = len([k for k in page_labels(d) if k.startswith(SEED_000 + ":")])

    def count(name):
        return css(d, f'[data-filter="{name}"]').get_attribute("data-count")

    def shown():
        return [k for k in page_labels(d) if k.startswith(SEED_000 + ":")]

    focus_sentence(d, SEED_000, 0)
    press(d, "1")
    wait_labels(d, SEED_000, 0, ["claim"])
    press(d, "2")
    wait_labels(d, SEED_000, 1, ["denial"])
    wait_for(lambda: count("undecided") == str(n - 2), msg=f"undecided counts {n - 2} ({count('undecided')})")
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="mark-done"]')))
    wait_for(lambda: count("undecided") == "0", msg=f"Mark done: the undecided chip counts 0 ({count('undecided')})")
    assert css(d, '[data-stat="decided"]').text == f"{n} of {n} sentences decided"
    assert count("none") == str(n - 2), "the rest count as none"
    # choosing it shows nothing, and says so
    retry_stale(lambda: click_centered(d, css(d, '[data-filter="undecided"]')))
    wait_for(lambda: not shown(), msg=f"no undecided sentence is shown ({shown()})")
    assert "undecided" in one_visible(d, "article .empty").text
    # unmarked, the chosen filter shows the undecided sentences again; marked, none at once
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="mark-done"]')))
    wait_for(lambda: len(shown()) == n - 2 and count("undecided") == str(n - 2), msg="unmarked: undecided again")
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="mark-done"]')))
    wait_for(lambda: not shown() and count("undecided") == "0", msg=f"marked with the filter chosen ({shown()})")
    # the removal prompt counts decided sentences, not only labelled ones
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="remove-doc"]')))
    prompt = one_visible(d, "#confirm-text").text
    assert f"its {n} decided sentence(s)" in prompt, prompt
    click_centered(d, one_visible(d, '[data-action="cancel-remove"]'))
    # a document decided as none throughout, nothing labelled (Escape: every sentence shown)
    press(d, Keys.ESCAPE)
    show_doc(d, SEED_003)
    m = len([k for k in page_labels(d) if k.startswith(SEED_003 + ":")])
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="mark-done"]')))
    wait_for(lambda: css(d, '[data-stat="decided"]').text == f"{m} of {m} sentences decided", msg="all decided")
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="remove-doc"]')))
    prompt = one_visible(d, "#confirm-text").text
    assert f"its {m} decided sentence(s)" in prompt, prompt
