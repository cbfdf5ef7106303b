"""Notes and the unsure mark of a sentence: e opens the note field, typed keys stay in it (none
acts on the page), Escape or blur saves it; x marks unsure; both are exported and undoable."""

from harness import *  # noqa: F401,F403


def _state(d):
    return (page_labels(d), focused_sentence(d), open_doc(d), bool(help_dialog(d)))


def test_keys_ignored_in_note_textarea(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tag(d, SEED_000, 2, "1", ["claim"])
    focus_sentence(d, SEED_000, 2)
    before = _state(d)
    note = one_visible(d, 'textarea[data-action="note"]', "the note textarea")
    note.click()
    typed = "1 2 3 c d m j k ] [ u ? 0"
    for ch in typed:
        press(d, ch, into_field=True)
    wait_for(lambda: typed in (css(d, 'textarea[data-action="note"]').get_attribute("value") or ""), msg="the note holds the typed text")
    press(d, Keys.BACKSPACE, into_field=True)
    press(d, Keys.ARROW_DOWN, into_field=True)
    ctrl(d, "z", into_field=True)
    after = _state(d)
    assert after == before, f"keys typed into the note changed the page: {before} -> {after}"
    # saved on blur
    d.execute_script("document.activeElement.blur();")
    wait_for(lambda: sentence(d, SEED_000, 2).get_attribute("data-has-note") == "true", msg='data-has-note="true" after blur')
    assert sentence_labels(d, SEED_000, 2) == ["claim"]


def test_note_and_unsure_exported_and_undoable(browser, server):
    d = browser.driver
    open_app(browser, server.url)

    write_note(d, SEED_003, 2, "Quote, not a claim?")
    wait_attr(d, SEED_003, 2, "data-has-note", "true", 'data-has-note="true" after e, typing, Escape')
    assert attr_of(d, SEED_003, 2, "data-has-note") == "true"
    # Escape left the field; the page keys work again (j moves on)
    press(d, "j")
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:3", msg="j after leaving the note field")
    assert attr_of(d, SEED_003, 3, "data-has-note") == "false"

    press(d, "x")
    wait_attr(d, SEED_003, 3, "data-unsure", "true", "x marks unsure")
    focus_sentence(d, SEED_003, 5)
    press(d, "x")
    wait_attr(d, SEED_003, 5, "data-unsure", "true")
    press(d, "x")
    wait_attr(d, SEED_003, 5, "data-unsure", "false", "x again unmarks")
    assert attr_of(d, SEED_003, 3, "data-unsure") == "true"

    _, data = export_json(browser)
    check_export(data)
    s2, s3, s5 = (export_sentence(data, SEED_003, i) for i in (2, 3, 5))
    assert s2.get("note") == "Quote, not a claim?", f"export note of {SEED_003}:2: {s2}"
    assert s3.get("unsure") is True, f"export unsure of {SEED_003}:3: {s3}"
    assert not s5.get("unsure"), f"{SEED_003}:5 was unmarked: {s5}"
    assert not s3.get("note"), s3
    assert s2.get("unsure") in (None, False), s2

    # both undoable: u undoes the x of :5 twice, then :3's x, then the note
    press(d, "u")
    wait_attr(d, SEED_003, 5, "data-unsure", "true", "undo of the unmark")
    press(d, "u")
    wait_attr(d, SEED_003, 5, "data-unsure", "false")
    press(d, "u")
    wait_attr(d, SEED_003, 3, "data-unsure", "false", "undo of x")
    press(d, "u")
    wait_attr(d, SEED_003, 2, "data-has-note", "false", "undo of the note")

    _, data = export_json(browser)
    s2, s3 = (export_sentence(data, SEED_003, i) for i in (2, 3))
    assert not s2.get("note"), f"undone note still exported: {s2}"
    assert not s3.get("unsure"), f"undone unsure still exported: {s3}"
