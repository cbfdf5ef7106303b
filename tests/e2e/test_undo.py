"""Undo and redo: by key (u, Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z) for every kind of change, one step
at a time, the redo branch dropped by a new change, the history kept across a reload. (The
undo / redo buttons: test_mouse.py.)"""

from harness import *  # noqa: F401,F403


def test_undo_redo_keys(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tag(d, SEED_000, 0, "1", ["claim"])
    tag(d, SEED_000, 1, "2", ["denial"])

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
    tag(d, SEED_000, 1, "2", [])
    ctrl(d, "z")
    wait_labels(d, SEED_000, 1, ["denial"], "undo brings a removed label back")

    # a new action after an undo drops the redo branch
    ctrl(d, "z")
    wait_labels(d, SEED_000, 1, [])
    tag(d, SEED_000, 2, "3", ["demand"])
    ctrl(d, "y")
    # nothing to redo: 000:1 stays empty
    assert sentence_labels(d, SEED_000, 1) == []
    assert sentence_labels(d, SEED_000, 2) == ["demand"]

    # the undone state is what is saved
    reload(browser)
    show_doc(d, SEED_000)
    assert {k: v for k, v in page_labels(d).items() if v} == {f"{SEED_000}:0": ["claim"], f"{SEED_000}:2": ["demand"]}


def test_undo_redo_every_change_and_history_survives_reload(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    set_checkbox(d, "auto-advance", False)

    # tag / clear (0) / re-tag
    tag(d, SEED_000, 0, "1", ["claim"])
    press(d, "0")
    wait_labels(d, SEED_000, 0, [], "0 clears")
    press(d, "u")
    wait_labels(d, SEED_000, 0, ["claim"], "u undoes the clear")
    ctrl(d, "y")
    wait_labels(d, SEED_000, 0, [], "Ctrl+Y redoes the clear")
    ctrl(d, "z")
    wait_labels(d, SEED_000, 0, ["claim"], "Ctrl+Z undoes the clear again")

    # a replaced label
    tag(d, SEED_000, 0, "3", ["demand"])
    press(d, "u")
    wait_labels(d, SEED_000, 0, ["claim"], "undo of a replacement brings the old label back")
    ctrl(d, "z", shift=True)
    wait_labels(d, SEED_000, 0, ["demand"], "Ctrl+Shift+Z redoes the replacement")

    # a note edit
    write_note(d, SEED_000, 2, "check the source")
    wait_attr(d, SEED_000, 2, "data-has-note", "true")
    press(d, "u")
    wait_attr(d, SEED_000, 2, "data-has-note", "false", "u undoes the note")
    focus_sentence(d, SEED_000, 2)
    assert note_value(d) == "", f"the note field after undo: {note_value(d)!r}"
    press(d, "y", mods=(Keys.CONTROL,))
    wait_attr(d, SEED_000, 2, "data-has-note", "true", "Ctrl+Y redoes the note")
    focus_sentence(d, SEED_000, 2)
    wait_for(lambda: note_value(d) == "check the source", msg=f"the note is back: {note_value(d)!r}")

    # an edited note: undo restores the previous text
    write_note(d, SEED_000, 2, " twice")
    focus_sentence(d, SEED_000, 2)
    wait_for(lambda: note_value(d) == "check the source twice", msg=f"edited note: {note_value(d)!r}")
    press(d, "u")
    focus_sentence(d, SEED_000, 2)
    wait_for(lambda: note_value(d) == "check the source", msg=f"undo of an edit restores the old text: {note_value(d)!r}")
    assert attr_of(d, SEED_000, 2, "data-has-note") == "true"

    # unsure
    focus_sentence(d, SEED_000, 3)
    press(d, "x")
    wait_attr(d, SEED_000, 3, "data-unsure", "true")
    press(d, "u")
    wait_attr(d, SEED_000, 3, "data-unsure", "false", "u undoes unsure")
    ctrl(d, "y")
    wait_attr(d, SEED_000, 3, "data-unsure", "true", "Ctrl+Y redoes unsure")

    # the history survives a reload: tag, reload, u undoes that tag
    tag(d, SEED_003, 1, "2", ["denial"])
    reload(browser)
    show_doc(d, SEED_003)
    assert sentence_labels(d, SEED_003, 1) == ["denial"]
    press(d, "u")
    wait_labels(d, SEED_003, 1, [], "u after a reload undoes the tag made before it")
    press(d, "u")
    show_doc(d, SEED_000)
    wait_attr(d, SEED_000, 3, "data-unsure", "false", "the second u after reload undoes unsure")
    ctrl(d, "y")
    wait_attr(d, SEED_000, 3, "data-unsure", "true", "redo after reload")
    # the rest is untouched
    assert sentence_labels(d, SEED_000, 0) == ["demand"]
    assert attr_of(d, SEED_000, 2, "data-has-note") == "true"
