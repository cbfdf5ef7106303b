"""Undo / redo, the key help, and keys that must not fire while typing in a text field."""

import json

from conftest import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys


def _tag(d, doc, i, key, expected):
    focus_sentence(d, doc, i)
    press(d, key)
    wait_labels(d, doc, i, expected)


def test_undo_redo_keys(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    _tag(d, SEED_000, 0, "1", ["claim"])
    _tag(d, SEED_000, 1, "2", ["denial"])

    ctrl(d, "z")
    wait_labels(d, SEED_000, 1, [], "Ctrl+Z undoes the last tag")
    assert sentence_labels(d, SEED_000, 0) == ["claim"], "one Ctrl+Z undoes one step only"
    press(d, "u")
    wait_labels(d, SEED_000, 0, [], "u undoes")

    ctrl(d, "z", shift=True)
    wait_labels(d, SEED_000, 0, ["claim"], "Ctrl+Shift+Z redoes")
    assert sentence_labels(d, SEED_000, 1) == []
    ctrl(d, "y")
    wait_labels(d, SEED_000, 1, ["denial"], "Ctrl+Y redoes")

    # undo a removal
    _tag(d, SEED_000, 1, "2", [])
    ctrl(d, "z")
    wait_labels(d, SEED_000, 1, ["denial"], "undo brings a removed label back")

    # a new action after an undo drops the redo branch
    ctrl(d, "z")
    wait_labels(d, SEED_000, 1, [])
    _tag(d, SEED_000, 2, "3", ["demand"])
    ctrl(d, "y")
    # nothing to redo: 000:1 stays empty
    assert sentence_labels(d, SEED_000, 1) == []
    assert sentence_labels(d, SEED_000, 2) == ["demand"]

    # the undone state is what is saved
    reload(browser)
    show_doc(d, SEED_000)
    assert {k: v for k, v in page_labels(d).items() if v} == {f"{SEED_000}:0": ["claim"], f"{SEED_000}:2": ["demand"]}


def test_undo_redo_buttons(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    _tag(d, SEED_003, 3, "3", ["demand"])
    css(d, '[data-action="undo"]').click()
    wait_labels(d, SEED_003, 3, [], "the undo button undoes")
    css(d, '[data-action="redo"]').click()
    wait_labels(d, SEED_003, 3, ["demand"], "the redo button redoes")


def _help(d):
    return [e for e in css_all(d, '[role="dialog"][data-panel="help"]') if e.is_displayed()]


def test_help_dialog(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 0)
    assert not _help(d), "help must start closed"
    press(d, "?")
    dlg = wait_for(lambda: _help(d), msg="? shows the help dialog")[0]
    text = dlg.get_attribute("textContent")
    low = text.lower()
    for word in ("claim", "denial", "demand", "undo", "redo"):
        assert word in low, f"help lacks {word!r}: {text!r}"
    for key in ("1", "2", "3", "0", "j", "k", "]", "[", "?", "u"):
        assert key in text, f"help lacks key {key!r}"
    assert "ctrl" in low, "help lacks Ctrl+Z / Ctrl+Y"
    # SPEC §3: each label's description (static/labels.json) is shown to the annotator
    shown = d.execute_script(
        "return document.body.textContent + ' ' + Array.from(document.querySelectorAll('[title],[aria-description]'))"
        ".map(e => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-description') || '')).join(' ');"
    )
    labels_file = REPO / "static" / "labels.json"
    if labels_file.is_file():
        for lab in json.loads(labels_file.read_text(encoding="utf-8"))["labels"]:
            assert lab["description"] in shown, f"description of {lab['name']} not shown: {lab['description']!r}"
    press(d, Keys.ESCAPE)
    wait_for(lambda: not _help(d), msg="Escape closes the help")
    # the keys work again afterwards, and did nothing while help was open
    assert page_labels(d)[f"{SEED_000}:0"] == []

    css(d, '[data-action="help"]').click()
    wait_for(lambda: _help(d), msg="the help button opens the help")
    [b for b in css_all(d, '[data-action="close-help"]') if b.is_displayed()][0].click()
    wait_for(lambda: not _help(d), msg="close-help closes the help")


def _state(d):
    return (page_labels(d), focused_sentence(d), open_doc(d), bool(_help(d)))


def test_keys_ignored_in_note_textarea(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    _tag(d, SEED_000, 2, "1", ["claim"])
    focus_sentence(d, SEED_000, 2)
    before = _state(d)
    note = wait_for(lambda: [e for e in css_all(d, 'textarea[data-action="note"]') if e.is_displayed()], msg="the note textarea")[0]
    note.click()
    typed = "1 2 3 c d m j k ] [ u ? 0"
    for ch in typed:
        press(d, ch, into_field=True)
    wait_for(lambda: typed in (css(d, 'textarea[data-action="note"]').get_attribute("value") or ""), msg="the note holds the typed text")
    press(d, Keys.BACKSPACE, into_field=True)
    press(d, Keys.ARROW_DOWN, into_field=True)
    ctrl_in_field(d, "z")
    after = _state(d)
    assert after == before, f"keys typed into the note changed the page: {before} -> {after}"
    # saved on blur
    d.execute_script("document.activeElement.blur();")
    wait_for(lambda: sentence(d, SEED_000, 2).get_attribute("data-has-note") == "true", msg='data-has-note="true" after blur')
    assert sentence_labels(d, SEED_000, 2) == ["claim"]


def ctrl_in_field(d, key):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(d).key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()


def test_keys_ignored_in_search(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    _tag(d, SEED_003, 1, "2", ["denial"])
    focus_sentence(d, SEED_003, 1)
    before_labels = page_labels(d)
    before_doc = open_doc(d)
    before_store = {k: v for k, v in local_storage(d).items() if k.startswith("sa/v1/ann/")}
    search = wait_for(lambda: [e for e in css_all(d, 'input[data-action="search"]') if e.is_displayed()], msg="search input")[0]
    search.click()
    for ch in "1c]0u?":
        press(d, ch, into_field=True)
    assert search.get_attribute("value") == "1c]0u?"
    for _ in range(6):
        press(d, Keys.BACKSPACE, into_field=True)
    wait_for(lambda: search.get_attribute("value") == "", msg="search emptied by Backspace")
    d.execute_script("document.activeElement.blur();")
    wait_for(lambda: page_labels(d) == before_labels, msg="labels unchanged by keys typed into search")
    assert open_doc(d) == before_doc
    assert not _help(d)
    assert {k: v for k, v in local_storage(d).items() if k.startswith("sa/v1/ann/")} == before_store
