"""The help: `?` and the help button open it, Escape and its close button close it; it
lists every key of README's Keys table and each label with its description, and how the same
goes by touch or mouse; it opens at its top (on a phone too); while it is open the keys do
nothing, after it closes they act again."""

import json
import re

from harness import *  # noqa: F401,F403

# How the help may name a key that README's table writes as an arrow.
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


def test_help_dialog(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 0)
    assert not help_dialog(d), "help must start closed"
    press(d, "?")
    dlg = wait_for(lambda: help_dialog(d), msg="? shows the help dialog")[0]
    text = dlg.get_attribute("textContent")
    low = text.lower()
    kbds = [k.strip() for k in d.execute_script(
        "return Array.from(arguments[0].querySelectorAll('kbd')).map(k => k.textContent);", dlg)]
    missing = [key for key in readme_keys() if not any(n in kbds for n in _KEY_NAMES.get(key, (key,)))]
    assert not missing, f"keys of README's table not in the help (<kbd>s: {kbds}): {missing}"
    for word in ("claim", "denial", "demand", "undo", "redo", "unsure", "note", "undecided", "none of the labels"):
        assert word in low, f"help lacks {word!r}: {text!r}"
    for key in ("1", "2", "3", "0", "j", "k", "]", "[", "?", "u"):
        assert key in text, f"help lacks key {key!r}"
    assert "ctrl" in low, "help lacks Ctrl+Z / Ctrl+Y"
    # Each label's description (static/labels.json) is shown to the annotator.
    shown = d.execute_script(
        "return document.body.textContent + ' ' + Array.from(document.querySelectorAll('[title],[aria-description]'))"
        ".map(e => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-description') || '')).join(' ');"
    )
    labels_file = REPO / "static" / "labels.json"
    if labels_file.is_file():
        for lab in json.loads(labels_file.read_text(encoding="utf-8"))["labels"]:
            assert lab["description"] in shown, f"description of {lab['name']} not shown: {lab['description']!r}"

    # the dialog takes the keyboard: keys do nothing while it is open
    before = page_labels(d)
    assert before[f"{SEED_000}:0"] == []
    press(d, "1")
    press(d, Keys.ESCAPE)
    wait_for(lambda: not help_dialog(d), msg="Escape closes the help")
    stays(lambda: page_labels(d) == before, 0.3, "a key pressed while the help was open changed labels")
    # and after closing, keys act again
    press(d, "1")
    wait_labels(d, SEED_000, 0, ["claim"], "keys act again after the help closed")

    # the help button opens it, its close button closes it
    css(d, '[data-action="help"]').click()
    wait_for(lambda: help_dialog(d), msg="the help button opens the help")
    one_visible(d, '[data-action="close-help"]').click()
    wait_for(lambda: not help_dialog(d), msg="close-help closes the help")


def test_help_opens_at_its_top_on_a_phone_and_says_how_to_tap(browser, server):
    d = browser.driver
    with viewport(d, 390, 844):
        open_app(browser, server.url)
        click_centered(d, one_visible(d, '[data-action="toggle-menu"]'))
        click_centered(d, one_visible(d, '[data-action="help"]'))
        dlg = wait_for(lambda: help_dialog(d), msg="the help opens")[0]
        wait_for(lambda: active_is(d, '[data-action="close-help"]'), msg="its close button has the keyboard focus")
        assert d.execute_script("return arguments[0].scrollTop", dlg) == 0, "the help opens scrolled to its top"
        assert d.execute_script("return arguments[0].scrollHeight > arguments[0].clientHeight", dlg), \
            "(the help is taller than the screen here, so where it opens matters)"
        for key in ("1", "2", "3"):
            row = d.execute_script(
                "return Array.from(arguments[0].querySelectorAll('[data-help=\"keys\"] tr'))"
                ".find(r => Array.from(r.querySelectorAll('kbd')).some(k => k.textContent.trim() === arguments[1])) || null;",
                dlg, key)
            assert row is not None, f"no row for key {key}"
            r = d.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom];", row)
            assert 0 <= r[0] and r[1] <= 844, f"the row of key {key} is in view: {r}"
        taps = dlg.find_element(By.CSS_SELECTOR, '[data-help="taps"]').get_attribute("textContent").lower()
        for word in ("tap", "suggestion", "split", "documents"):
            assert word in taps, f"the help says how to {word}: {taps!r}"
        click_centered(d, one_visible(d, '[data-action="close-help"]'))
        wait_for(lambda: not help_dialog(d), msg="its close button closes it")
