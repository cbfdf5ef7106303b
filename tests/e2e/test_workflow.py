"""The annotation workflow (the issue "an annotation workflow faster than Prodigy's"):
auto-advance, next unlabelled, undo/redo of every change, key help, notes and unsure,
multi-label, annotator name, filters and search, progress and overview, mouse-only use and
long articles (focus scrolled into view, windowed rendering). Everything is done as a person
would: real key presses (ActionChains) and clicks, checked through the page's hooks (HOOKS.md).
"""

from __future__ import annotations

import re
import time

from conftest import *  # noqa: F401,F403
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

SEED_000_TOTAL = 19  # sentences of the bundled seed articles (checked in test_progress_and_overview)


# --------------------------------------------------------------------------------------------
# helpers of this file
# --------------------------------------------------------------------------------------------


def visible(d, selector: str):
    return [e for e in css_all(d, selector) if e.is_displayed()]


def one_visible(d, selector: str, msg: str = ""):
    return wait_for(lambda: visible(d, selector), msg=msg or f"a visible {selector}")[0]


def click_centered(d, el) -> None:
    """Scrolls el to the middle of the viewport (as a person scrolls to what they want to click:
    chromedriver would put it at the top edge, under the page's sticky toolbar) and clicks it."""
    d.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", el)
    el.click()


def focus_sentence(d, doc: str, i: int) -> None:  # noqa: F811 - shadows conftest's, see click_centered
    """Clicks a sentence (HOOKS: clicking a sentence focuses it) and waits for aria-current."""
    show_doc(d, doc)
    key = f"{doc}:{i}"
    retry_stale(lambda: click_centered(d, sentence(d, doc, i)))
    wait_for(lambda: focused_sentence(d) == key, msg=f'{key} aria-current="true" after a click')


def tag(d, doc: str, i: int, key: str, expected: list[str]) -> None:
    focus_sentence(d, doc, i)
    press(d, key)
    wait_labels(d, doc, i, expected)


def attr_of(d, doc: str, i: int, attr: str) -> str | None:
    """An attribute of one sentence, read atomically in the page."""
    return d.execute_script(
        "var e = Array.from(document.querySelectorAll('[data-sentence]'))"
        ".find(x => x.getAttribute('data-sentence') === arguments[0]);"
        "return e ? e.getAttribute(arguments[1]) : '__missing__';",
        f"{doc}:{i}", attr,
    )


def wait_attr(d, doc: str, i: int, attr: str, value: str, msg: str = "") -> None:
    wait_for(lambda: attr_of(d, doc, i, attr) == value,
             msg=msg or f'{attr}="{value}" on {doc}:{i} (now {attr_of(d, doc, i, attr)!r})')


def stays(cond, seconds: float = 0.6, msg: str = "") -> None:
    """cond() holds now and keeps holding for `seconds` (no late change)."""
    end = time.monotonic() + seconds
    while True:
        assert cond(), msg or f"condition no longer holds: {cond}"
        if time.monotonic() > end:
            return
        time.sleep(0.05)


def setting(d, name: str):
    return css(d, f'input[data-setting="{name}"]')


def set_checkbox(d, name: str, on: bool) -> None:
    box = setting(d, name)
    if box.is_selected() != on:
        click_centered(d, box)
    wait_for(lambda: setting(d, name).is_selected() == on, msg=f"setting {name} -> {on}")


def active_is(d, selector: str) -> bool:
    return bool(d.execute_script("return !!document.activeElement && document.activeElement.matches(arguments[0]);", selector))


def type_keys(d, text: str) -> None:
    """Types into whatever has the keyboard focus (a text field), key by key."""
    ActionChains(d).send_keys(text).perform()


def displayed_sentences(d) -> list[str]:
    """data-sentence of every sentence that is rendered and displayed."""
    return d.execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence]'))"
        ".filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')"
        ".map(e => e.getAttribute('data-sentence'));"
    )


def filter_info(d) -> dict[str, tuple[int, str]]:
    """{filter: (data-count, visible text)} of the [data-filter] buttons."""
    rows = d.execute_script(
        "return Array.from(document.querySelectorAll('[data-filter]'))"
        ".map(e => [e.getAttribute('data-filter'), e.getAttribute('data-count'), e.textContent]);"
    )
    return {f: (int(c), t) for f, c, t in rows}


def doc_progress(d, doc: str) -> str:
    return d.execute_script(
        "var e = Array.from(document.querySelectorAll('[data-doc]')).find(x => x.getAttribute('data-doc') === arguments[0]);"
        "return e ? e.getAttribute('data-progress') : null;", doc)


def in_viewport(d, key: str) -> dict:
    """Geometry of the sentence `key`: in the viewport, and not covered by anything at its centre."""
    return d.execute_script(
        """
        var e = Array.from(document.querySelectorAll('[data-sentence]')).find(x => x.getAttribute('data-sentence') === arguments[0]);
        if (!e) return {exists: false};
        var r = e.getClientRects()[0] || e.getBoundingClientRect();
        var vh = window.innerHeight || document.documentElement.clientHeight;
        var vw = window.innerWidth || document.documentElement.clientWidth;
        var cx = Math.min(Math.max((r.left + r.right) / 2, 0), vw - 1), cy = (r.top + r.bottom) / 2;
        var hit = (cy >= 0 && cy < vh) ? document.elementFromPoint(cx, cy) : null;
        return {exists: true, top: r.top, bottom: r.bottom, vh: vh,
                inside: r.bottom > 0 && r.top < vh && r.top >= -1 && r.bottom <= vh + 1,
                uncovered: !!hit && (hit === e || e.contains(hit)),
                hit: hit ? hit.outerHTML.slice(0, 120) : null,
                current: e.getAttribute('aria-current')};
        """,
        key,
    )


# --------------------------------------------------------------------------------------------
# 1. auto-advance
# --------------------------------------------------------------------------------------------


def test_auto_advance_default_off_and_persisted(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    assert setting(d, "auto-advance").is_selected(), "auto-advance must be on by default"

    focus_sentence(d, SEED_000, 0)
    press(d, "1")
    wait_labels(d, SEED_000, 0, ["claim"])
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:1", msg=f"auto-advance: focus on {SEED_000}:1 (now {focused_sentence(d)})")
    press(d, "2")
    wait_labels(d, SEED_000, 1, ["denial"])
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:2", msg="auto-advance again")

    # off: the tagged sentence keeps the focus
    set_checkbox(d, "auto-advance", False)
    tag(d, SEED_000, 4, "3", ["demand"])
    stays(lambda: focused_sentence(d) == f"{SEED_000}:4", msg=f"auto-advance off: focus must stay on :4, got {focused_sentence(d)}")
    # a second key acts on the same sentence (the same key removes the label)
    press(d, "3")
    wait_labels(d, SEED_000, 4, [])
    assert focused_sentence(d) == f"{SEED_000}:4"

    # the setting survives a reload
    reload(browser)
    wait_for(lambda: not setting(d, "auto-advance").is_selected(), msg="auto-advance still off after reload")
    tag(d, SEED_000, 6, "1", ["claim"])
    stays(lambda: focused_sentence(d) == f"{SEED_000}:6", msg=f"after reload focus must stay on :6, got {focused_sentence(d)}")

    # back on, and that is stored too
    set_checkbox(d, "auto-advance", True)
    reload(browser)
    wait_for(lambda: setting(d, "auto-advance").is_selected(), msg="auto-advance on again after reload")
    tag(d, SEED_000, 8, "2", ["denial"])
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:9", msg="auto-advance back on moves the focus")


# --------------------------------------------------------------------------------------------
# 2. next unlabelled
# --------------------------------------------------------------------------------------------


def test_next_unlabelled_key_and_button_across_documents(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    total = len([k for k in page_labels(d) if k.startswith(SEED_000 + ":")])
    assert total > 6

    # tag 0..2, then 4: the first unlabelled after 0 is 3, after 3 it is 5
    focus_sentence(d, SEED_000, 0)
    for i in range(3):
        press(d, "1")
        wait_labels(d, SEED_000, i, ["claim"])
        wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{i + 1}", msg=f"auto-advance to {i + 1}")
    tag(d, SEED_000, 4, "2", ["denial"])

    focus_sentence(d, SEED_000, 0)
    press(d, "n")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:3", msg=f"n from :0 -> :3 (now {focused_sentence(d)})")
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="next-unlabelled"]')))
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:5", msg=f"the button from :3 -> :5 (now {focused_sentence(d)})")

    # label every sentence of 000 (auto-advance carries the focus along)
    focus_sentence(d, SEED_000, 3)
    press(d, "3")
    wait_labels(d, SEED_000, 3, ["demand"])
    for i in range(5, total):
        focus_sentence(d, SEED_000, i)
        press(d, "1")
        wait_labels(d, SEED_000, i, ["claim"])
    wait_for(lambda: doc_progress(d, SEED_000) == f"{total}/{total}", msg=f"000 done ({doc_progress(d, SEED_000)})")

    # 000 is done: n goes on to the first unlabelled sentence of the next document
    focus_sentence(d, SEED_000, 2)
    press(d, "n")
    wait_for(lambda: open_doc(d) == SEED_003, msg=f"n opens the next document (open: {open_doc(d)})")
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:0", msg=f"n -> {SEED_003}:0 (now {focused_sentence(d)})")

    # inside 003: tag 0 and 1, then from 0 the button goes to 2
    tag(d, SEED_003, 0, "1", ["claim"])
    tag(d, SEED_003, 1, "2", ["denial"])
    focus_sentence(d, SEED_003, 0)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="next-unlabelled"]')))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:2", msg=f"button -> {SEED_003}:2 (now {focused_sentence(d)})")

    # and the button also crosses documents: back in 000 (all done) it goes to 003's first unlabelled
    focus_sentence(d, SEED_000, total - 1)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="next-unlabelled"]')))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:2", msg=f"button from a finished document -> {SEED_003}:2 (now {focused_sentence(d)})")
    assert open_doc(d) == SEED_003
    # nothing was labelled by the jumps
    assert sentence_labels(d, SEED_003, 2) == []


# --------------------------------------------------------------------------------------------
# 3. undo / redo of every change, history across a reload
# --------------------------------------------------------------------------------------------


def note_value(d) -> str:
    return one_visible(d, 'textarea[data-action="note"]').get_attribute("value") or ""


def write_note(d, doc: str, i: int, text: str) -> None:
    """e, type, Escape: as a person writes a note."""
    focus_sentence(d, doc, i)
    press(d, "e")
    wait_for(lambda: active_is(d, 'textarea[data-action="note"]'), msg="e puts the caret in the note field")
    type_keys(d, text)
    wait_for(lambda: note_value(d).endswith(text), msg=f"the note field holds {text!r}")
    ActionChains(d).send_keys(Keys.ESCAPE).perform()
    wait_for(lambda: not active_is(d, 'textarea[data-action="note"]'), msg="Escape leaves the note field")


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


# --------------------------------------------------------------------------------------------
# 4. help lists every key of README's table
# --------------------------------------------------------------------------------------------

_KEY_NAMES = {"↓": ("↓", "ArrowDown", "Down"), "↑": ("↑", "ArrowUp", "Up")}


def readme_keys() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^#+\s*Keys\b.*?$(.*?)(?=^#+\s)", text, re.S | re.M)
    assert m, "README.md has no Keys section"
    keys = []
    for line in m.group(1).splitlines():
        if not line.startswith("|") or set(line.replace("|", "").strip()) <= set("- :"):
            continue
        first = line.strip("|").split("|")[0]
        if first.strip().lower() == "key":
            continue
        keys += re.findall(r"`([^`]+)`", first)
    assert len(keys) >= 15, f"too few keys parsed from README: {keys}"
    return keys


def test_help_lists_every_key_and_escape_closes(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 0)
    press(d, "?")
    dlg = wait_for(lambda: visible(d, '[role="dialog"][data-panel="help"]'), msg="? opens the help")[0]
    kbds = [k.strip() for k in d.execute_script(
        "return Array.from(arguments[0].querySelectorAll('kbd')).map(k => k.textContent);", dlg)]
    text = dlg.get_attribute("textContent")
    missing = []
    for key in readme_keys():
        names = _KEY_NAMES.get(key, (key,))
        if not any(n in kbds for n in names):
            missing.append(key)
    assert not missing, f"keys of README's table not in the help (<kbd>s: {kbds}): {missing}"
    for word in ("unsure", "note", "unlabelled"):
        assert word in text.lower(), f"help does not describe {word!r}"
    # the dialog takes the keyboard: keys do nothing while it is open
    before = page_labels(d)
    press(d, "1")
    press(d, Keys.ESCAPE)
    wait_for(lambda: not visible(d, '[role="dialog"][data-panel="help"]'), msg="Escape closes the help")
    stays(lambda: page_labels(d) == before, 0.3, "a key pressed while the help was open changed labels")
    # and after closing, keys act again
    press(d, "1")
    wait_labels(d, SEED_000, 0, ["claim"], "keys act again after the help closed")


# --------------------------------------------------------------------------------------------
# 5. notes and unsure, in the export, undoable
# --------------------------------------------------------------------------------------------


def export_again(browser, previous) -> tuple:
    """A second export: waits for the next second first (the file name has a one-second stamp,
    and chromium here overwrites a download of the same name instead of renaming it)."""
    stamp = re.search(r"-(\d{6})\.json$", previous.name).group(1)[2:]
    wait_for(lambda: time.strftime("%M%S") != stamp, timeout=5, msg="the next second")
    return export_json(browser)


def _export_sentence(data: dict, doc: str, i: int) -> dict:
    d = {x["id"]: x for x in data["documents"]}[doc]
    return d["sentences"][i]


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

    path, data = export_json(browser)
    check_export(data)
    s2, s3, s5 = (_export_sentence(data, SEED_003, i) for i in (2, 3, 5))
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

    _, data = export_again(browser, path)
    s2, s3 = (_export_sentence(data, SEED_003, i) for i in (2, 3))
    assert not s2.get("note"), f"undone note still exported: {s2}"
    assert not s3.get("unsure"), f"undone unsure still exported: {s3}"


# --------------------------------------------------------------------------------------------
# 6. multi-label
# --------------------------------------------------------------------------------------------


def test_multi_label_setting(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    assert not setting(d, "multi-label").is_selected(), "multi-label is off by default"
    set_checkbox(d, "auto-advance", False)

    # off: 3 replaces claim
    tag(d, SEED_000, 1, "1", ["claim"])
    press(d, "3")
    wait_labels(d, SEED_000, 1, ["demand"], "single-label: 3 replaces claim")

    set_checkbox(d, "multi-label", True)
    tag(d, SEED_000, 2, "1", ["claim"])
    press(d, "3")
    wait_for(lambda: attr_of(d, SEED_000, 2, "data-labels") == "claim demand",
             msg=f'multi-label: data-labels="claim demand" (got {attr_of(d, SEED_000, 2, "data-labels")!r})')
    # the same key again removes only that label
    press(d, "1")
    wait_labels(d, SEED_000, 2, ["demand"], "multi-label: 1 again removes claim only")
    press(d, "2")
    wait_labels(d, SEED_000, 2, ["denial", "demand"])
    press(d, "0")
    wait_labels(d, SEED_000, 2, [], "0 clears all labels")
    press(d, "u")
    wait_labels(d, SEED_000, 2, ["denial", "demand"], "undo of clear restores both")

    _, data = export_json(browser)
    check_export(data)
    assert sorted(_export_sentence(data, SEED_000, 2)["labels"]) == ["demand", "denial"]
    assert _export_sentence(data, SEED_000, 1)["labels"] == ["demand"]

    # the setting is stored
    reload(browser)
    wait_for(lambda: setting(d, "multi-label").is_selected(), msg="multi-label still on after reload")
    # back off: a key replaces again
    set_checkbox(d, "multi-label", False)
    tag(d, SEED_000, 5, "1", ["claim"])
    press(d, "2")
    wait_labels(d, SEED_000, 5, ["denial"], "multi-label off again: 2 replaces claim")


# --------------------------------------------------------------------------------------------
# 7. annotator name
# --------------------------------------------------------------------------------------------


def test_annotator_name_stored_and_exported(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    field = setting(d, "annotator")
    click_centered(d, field)
    wait_for(lambda: active_is(d, 'input[data-setting="annotator"]'), msg="the annotator field has the caret")
    name = "Ada Müller-3"
    type_keys(d, name)
    ActionChains(d).send_keys(Keys.TAB).perform()
    wait_for(lambda: not active_is(d, 'input[data-setting="annotator"]'), msg="Tab leaves the field")
    assert setting(d, "annotator").get_attribute("value") == name
    # typing a name (with d, m, 3, -) did not tag anything
    assert all(v == [] for v in page_labels(d).values()), "keys typed into the name field tagged sentences"

    reload(browser)
    wait_for(lambda: setting(d, "annotator").get_attribute("value") == name,
             msg=f"annotator name after reload: {setting(d, 'annotator').get_attribute('value')!r}")

    tag(d, SEED_000, 0, "1", ["claim"])
    path, data = export_json(browser)
    check_export(data)
    assert data.get("annotator") == name, f"export annotator: {data.get('annotator')!r}"

    # changing it (select all, type, blur by clicking elsewhere) changes the export
    field = setting(d, "annotator")
    click_centered(d, field)
    ActionChains(d).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys("Bo").perform()
    click_centered(d, sentence(d, SEED_000, 3))
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:3", msg="click on a sentence after the field")
    _, data = export_again(browser, path)
    assert data.get("annotator") == "Bo", f"export annotator after edit: {data.get('annotator')!r}"


# --------------------------------------------------------------------------------------------
# 8. filters and search
# --------------------------------------------------------------------------------------------


def click_filter(d, name: str) -> None:
    retry_stale(lambda: click_centered(d, one_visible(d, f'[data-filter="{name}"]')))
    wait_for(lambda: css(d, f'[data-filter="{name}"]').get_attribute("aria-pressed") == "true",
             msg=f'filter {name} aria-pressed="true"')


def test_filters_and_search(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    all_keys = sorted((k for k in page_labels(d) if k.startswith(SEED_000 + ":")), key=lambda k: int(k.rsplit(":", 1)[1]))
    total = len(all_keys)
    texts = page_sentences(d)

    focus_sentence(d, SEED_000, 0)
    press(d, "1")
    wait_labels(d, SEED_000, 0, ["claim"])
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:1", msg="auto-advance")
    press(d, "1")
    wait_labels(d, SEED_000, 1, ["claim"])
    tag(d, SEED_000, 4, "3", ["demand"])
    focus_sentence(d, SEED_000, 6)
    press(d, "x")
    wait_attr(d, SEED_000, 6, "data-unsure", "true")
    write_note(d, SEED_000, 7, "why")
    wait_attr(d, SEED_000, 7, "data-has-note", "true")

    want = {"all": total, "unlabelled": total - 3, "claim": 2, "denial": 0, "demand": 1, "unsure": 1, "note": 1}
    wait_for(lambda: {k: v[0] for k, v in filter_info(d).items()} == want,
             msg=f"data-count of the filters == {want} (got { {k: v[0] for k, v in filter_info(d).items()} })")
    for name, (count, shown_text) in filter_info(d).items():
        nums = re.findall(r"\d+", shown_text)
        assert nums and int(nums[-1]) == count, f"filter {name}: data-count {count} but the page shows {shown_text!r}"

    expect_shown = {
        "claim": [f"{SEED_000}:0", f"{SEED_000}:1"],
        "demand": [f"{SEED_000}:4"],
        "denial": [],
        "unsure": [f"{SEED_000}:6"],
        "note": [f"{SEED_000}:7"],
        "unlabelled": [k for k in all_keys if k not in (f"{SEED_000}:0", f"{SEED_000}:1", f"{SEED_000}:4")],
        "all": all_keys,
    }
    for name, keys in expect_shown.items():
        click_filter(d, name)
        wait_for(lambda: sorted(displayed_sentences(d)) == sorted(keys),
                 msg=f"filter {name}: shows {sorted(keys)} (shows {sorted(displayed_sentences(d))})")
        assert len(keys) == want[name]

    # search: only sentences containing the text, matches marked
    word = "Moscow"
    hits = sorted((k for k in all_keys if word.lower() in texts[k].lower()), key=lambda k: int(k.rsplit(":", 1)[1]))
    assert 0 < len(hits) < total, f"pick another search word: {hits}"
    search = one_visible(d, 'input[data-action="search"]')
    click_centered(d, search)
    type_keys(d, word.lower())
    wait_for(lambda: sorted(displayed_sentences(d)) == sorted(hits),
             msg=f"search {word!r}: shows {hits} (shows {sorted(displayed_sentences(d))})")
    marks = d.execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence]'))"
        ".filter(e => e.getClientRects().length > 0)"
        ".map(e => [e.getAttribute('data-sentence'), Array.from(e.querySelectorAll('mark')).map(m => m.textContent)]);"
    )
    for key, ms in marks:
        n = texts[key].lower().count(word.lower())
        assert len(ms) == n and all(m.lower() == word.lower() for m in ms), f"{key}: <mark>s {ms}, expected {n} x {word!r}"
    # the search combines with a filter, and clearing it shows everything again
    click_filter(d, "claim")
    both = [k for k in hits if k in expect_shown["claim"]]
    wait_for(lambda: sorted(displayed_sentences(d)) == sorted(both), msg=f"claim + search: {both} (shows {displayed_sentences(d)})")
    click_filter(d, "all")
    search = one_visible(d, 'input[data-action="search"]')
    click_centered(d, search)
    for _ in word:
        press(d, Keys.BACKSPACE, into_field=True)
    wait_for(lambda: sorted(displayed_sentences(d)) == sorted(all_keys), msg="cleared search shows every sentence")
    assert not css_all(d, "[data-sentence] mark"), "marks left after clearing the search"


# --------------------------------------------------------------------------------------------
# 9. progress and overview
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# 10. mouse alone
# --------------------------------------------------------------------------------------------


def test_mouse_only_workflow(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_003)
    click_centered(d, sentence(d, SEED_003, 4))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:4", msg="a click focuses the sentence")

    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="label-denial"]')))
    wait_labels(d, SEED_003, 4, ["denial"], "label-denial button")

    # the buttons may have moved with auto-advance: click the sentence again
    click_centered(d, sentence(d, SEED_003, 4))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:4", msg="click back")
    wait_for(lambda: one_visible(d, '[data-action="label-denial"]').get_attribute("aria-pressed") == "true",
             msg='label-denial aria-pressed="true"')
    unsure = one_visible(d, '[data-action="unsure"]')
    assert unsure.get_attribute("aria-pressed") == "false"
    click_centered(d, unsure)
    wait_attr(d, SEED_003, 4, "data-unsure", "true", "the unsure button")
    wait_for(lambda: one_visible(d, '[data-action="unsure"]').get_attribute("aria-pressed") == "true",
             msg='unsure aria-pressed="true"')

    css(d, '[data-action="undo"]').click()
    wait_attr(d, SEED_003, 4, "data-unsure", "false", "undo button undoes unsure")
    assert sentence_labels(d, SEED_003, 4) == ["denial"]
    css(d, '[data-action="undo"]').click()
    wait_labels(d, SEED_003, 4, [], "undo button undoes the label")
    wait_for(lambda: not css(d, '[data-action="undo"]').is_enabled(), msg="nothing left to undo: undo disabled")
    css(d, '[data-action="redo"]').click()
    wait_labels(d, SEED_003, 4, ["denial"], "redo button")
    css(d, '[data-action="redo"]').click()
    wait_attr(d, SEED_003, 4, "data-unsure", "true", "redo button again")
    wait_for(lambda: not css(d, '[data-action="redo"]').is_enabled(), msg="nothing left to redo: redo disabled")

    # another document, by mouse only
    click_centered(d, css(d, f'[data-doc="{SEED_000}"]'))
    wait_for(lambda: open_doc(d) == SEED_000, msg="click on a document opens it")
    click_centered(d, sentence(d, SEED_000, 2))
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:2", msg="click focuses 000:2")
    click_centered(d, one_visible(d, '[data-action="label-demand"]'))
    wait_labels(d, SEED_000, 2, ["demand"])


# --------------------------------------------------------------------------------------------
# 11. long articles: focus scrolled into view, windowed rendering
# --------------------------------------------------------------------------------------------

LONG_ID = "long_article"
LONG_N = 600


def _long_article(tmp_path):
    p = tmp_path / f"{LONG_ID}.txt"
    paras = []
    for pi in range(LONG_N // 10):
        paras.append(" ".join(f"Item {pi * 10 + k} says the committee met on day {pi * 10 + k}." for k in range(10)))
    p.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return p


def _idx(key: str) -> int:
    return int(key.rsplit(":", 1)[1])


def _check_in_view(d, key: str, uncovered: bool = True) -> None:
    """The sentence `key` is aria-current, inside the viewport and (unless told) not hidden under
    anything at its centre (e.g. a sticky toolbar)."""
    def ok():
        g = in_viewport(d, key)
        return g if g.get("exists") and g["inside"] and (g["uncovered"] or not uncovered) and g["current"] == "true" else None

    try:
        wait_for(ok, timeout=10, msg=f"{key} in view")
    except AssertionError:
        raise AssertionError(f"focused sentence {key} not visible in the viewport: {in_viewport(d, key)}") from None


def _open_long(d, tmp_path) -> None:
    import_files(d, _long_article(tmp_path))
    wait_for(lambda: LONG_ID in doc_ids(d), timeout=30, msg=f"{LONG_ID} listed")
    show_doc(d, LONG_ID)
    wait_for(lambda: doc_progress(d, LONG_ID) == f"0/{LONG_N}", msg=f"{LONG_N} sentences ({doc_progress(d, LONG_ID)})")


def test_long_article_focus_scrolled_into_view(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    _open_long(d, tmp_path)
    focus_sentence(d, LONG_ID, 0)
    # 300 quick j presses in one go
    ActionChains(d).send_keys("j" * 300).perform()
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:300", timeout=45,
             msg=f"300 j presses -> {LONG_ID}:300 (now {focused_sentence(d)})")
    _check_in_view(d, f"{LONG_ID}:300")

    # n, then 40 tags with auto-advance: the focus stays in view
    press(d, "n")
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:301", msg=f"n -> 301 (now {focused_sentence(d)})")
    _check_in_view(d, f"{LONG_ID}:301")
    ActionChains(d).send_keys("1" * 40).perform()
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:341", timeout=30, msg=f"40 tags -> 341 (now {focused_sentence(d)})")
    wait_for(lambda: doc_progress(d, LONG_ID) == f"40/{LONG_N}", msg=f"40 tagged ({doc_progress(d, LONG_ID)})")
    _check_in_view(d, f"{LONG_ID}:341")
    # k back up
    ActionChains(d).send_keys("k" * 150).perform()
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:191", timeout=30, msg=f"150 k -> 191 (now {focused_sentence(d)})")
    _check_in_view(d, f"{LONG_ID}:191")


def test_long_article_window_gaps(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    _open_long(d, tmp_path)
    rendered = [k for k in page_labels(d) if k.startswith(LONG_ID + ":")]
    assert len(rendered) <= 320, f"a long article is rendered in a window, not all {len(rendered)} sentences"
    assert f"{LONG_ID}:{LONG_N - 1}" not in rendered
    assert visible(d, '[data-window-gap="below"]'), 'no [data-window-gap="below"] button for the rest of a long article'
    assert not visible(d, '[data-window-gap="above"]'), "a gap above the first sentence"

    focus_sentence(d, LONG_ID, 0)
    ActionChains(d).send_keys("j" * 300).perform()
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:300", timeout=45,
             msg=f"300 j presses -> {LONG_ID}:300 (now {focused_sentence(d)})")

    # the window gaps: both sides exist now; clicking one moves the focus beyond the window
    for side in ("above", "below"):
        gaps = visible(d, f'[data-window-gap="{side}"]')
        assert gaps, f'no [data-window-gap="{side}"] with the focus at {focused_sentence(d)}'
        rendered = sorted(_idx(k) for k in page_labels(d) if k.startswith(LONG_ID + ":"))
        lo, hi = rendered[0], rendered[-1]
        assert (lo > 0) if side == "above" else (hi < LONG_N - 1), (side, lo, hi)
        click_centered(d, gaps[0])
        if side == "above":
            cur = wait_for(lambda: (lambda f: f if f and _idx(f) < lo else None)(focused_sentence(d)),
                           msg=f"the 'above' gap moves the focus before {lo} (now {focused_sentence(d)})")
        else:
            cur = wait_for(lambda: (lambda f: f if f and _idx(f) > hi else None)(focused_sentence(d)),
                           msg=f"the 'below' gap moves the focus after {hi} (now {focused_sentence(d)})")
        # (whether a sticky toolbar hides it is test_long_article_focus_scrolled_into_view's business)
        _check_in_view(d, cur, uncovered=False)
        # the keys go on from there
        press(d, "j")
        nxt = f"{LONG_ID}:{_idx(cur) + 1}"
        wait_for(lambda: focused_sentence(d) == nxt, msg=f"j after the gap click -> {nxt} (now {focused_sentence(d)})")
        _check_in_view(d, nxt, uncovered=False)
