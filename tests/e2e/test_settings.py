"""The settings, each stored across reloads: auto-advance (on by default: a label moves the
focus to the next sentence), multi-label (off by default: a label key replaces), and the
annotator's name (never empty: a fresh page generates one, shown in the toolbar; exported,
also in the file's name)."""

import json
import re

from harness import *  # noqa: F401,F403


def test_auto_advance_default_on_and_persisted(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    assert setting(d, "auto-advance").is_selected(), "auto-advance must be on by default"

    tag(d, SEED_000, 0, "1", ["claim"])
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
    assert sorted(export_sentence(data, SEED_000, 2)["labels"]) == ["demand", "denial"]
    assert export_sentence(data, SEED_000, 1)["labels"] == ["demand"]

    # the setting is stored
    reload(browser)
    wait_for(lambda: setting(d, "multi-label").is_selected(), msg="multi-label still on after reload")
    # back off: a key replaces again
    set_checkbox(d, "multi-label", False)
    tag(d, SEED_000, 5, "1", ["claim"])
    press(d, "2")
    wait_labels(d, SEED_000, 5, ["denial"], "multi-label off again: 2 replaces claim")


def test_annotator_name_stored_and_exported(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    # never nameless: a fresh page has a generated name, in the toolbar, stored at once
    wait_for(lambda: re.fullmatch(r"annotator-[0-9a-f]{4}", setting(d, "annotator").get_attribute("value") or ""),
             msg=f"a generated name, not {setting(d, 'annotator').get_attribute('value')!r}")
    generated = setting(d, "annotator").get_attribute("value")
    assert d.execute_script("return !!arguments[0].closest('.toolbar')", setting(d, "annotator")), "in the toolbar"
    assert setting(d, "annotator").is_displayed()
    wait_for(lambda: json.loads(local_storage(d).get("sa/v1/meta") or "{}").get("annotator") == generated,
             msg="the generated name is stored")
    reload(browser)
    wait_for(lambda: setting(d, "annotator").get_attribute("value") == generated, msg="the same name after a reload")
    # an emptied field is refused: the name stays
    click_centered(d, setting(d, "annotator"))
    ctrl(d, "a", into_field=True)
    type_keys(d, Keys.BACKSPACE)
    type_keys(d, Keys.TAB)
    wait_for(lambda: setting(d, "annotator").get_attribute("value") == generated, msg="an empty name keeps the name")
    field = setting(d, "annotator")
    click_centered(d, field)
    wait_for(lambda: active_is(d, 'input[data-setting="annotator"]'), msg="the annotator field has the caret")
    ctrl(d, "a", into_field=True)
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
    # whose file it is shows in its name (the space is no part of a file name)
    assert path.name.startswith("annotations-Ada_Müller-3-"), path.name

    # changing it (select all, type, blur by clicking elsewhere) changes the export
    field = setting(d, "annotator")
    click_centered(d, field)
    ActionChains(d).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys("Bo").perform()
    click_centered(d, sentence(d, SEED_000, 3))
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:3", msg="click on a sentence after the field")
    _, data = export_json(browser)
    assert data.get("annotator") == "Bo", f"export annotator after edit: {data.get('annotator')!r}"
