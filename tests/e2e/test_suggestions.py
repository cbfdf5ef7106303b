"""Suggestions learned in the page (docs/ARCHITECTURE.md, Suggestions): each undecided sentence
shows what the model suggests (`data-suggestion`, `data-suggestion-score`, and "label?" as
text), Enter takes it like its key, a label key overrides it, every decision moves the
suggestions at once, a setting turns them off, `n` in "uncertain" order visits every undecided
sentence across documents, exports record what was suggested, the panel counts how often
suggestions were taken, and all of it survives a reload."""

import json

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

ARTICLES = [
    {
        "id": "sg-1",
        "title": "Suggestions one",
        "text": "The minister denied the report on Tuesday.\n\n"
        "Protesters demanded his immediate resignation.\n\n"
        "The company claimed it had paid every fine.\n\n"
        "The weather was mild over the weekend.",
    },
    {
        "id": "sg-2",
        "title": "Suggestions two",
        "text": "Officials rejected the allegations as baseless.\n\n"
        "Unions urged the government to reopen talks.",
    },
]


def _import(d, tmp_path):
    feed = tmp_path / "suggest.jsonl"
    feed.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    import_files(d, feed)
    show_doc(d, "sg-1")


def suggestion(d, doc, i):
    return attr_of(d, doc, i, "data-suggestion")


def test_suggestions_show_enter_accepts_keys_override_and_exports_record_them(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    _import(d, tmp_path)
    wait_for(lambda: suggestion(d, "sg-1", 0) == "denial", msg=f"cue words suggest before any decision ({suggestion(d, 'sg-1', 0)})")
    assert suggestion(d, "sg-1", 1) == "demand"
    assert suggestion(d, "sg-1", 2) == "claim"
    score = float(attr_of(d, "sg-1", 0, "data-suggestion-score"))
    assert 0 < score <= 1
    text = sentence(d, "sg-1", 0).get_attribute("textContent")
    assert "denial?" in text, f"the suggestion shows as text: {text!r}"
    assert sentence_labels(d, "sg-1", 0) == [], "a suggestion is not a decision"
    assert attr_of(d, "sg-1", 0, "data-decided") == "false"
    # Enter takes it, like the key, and moves on
    focus_sentence(d, "sg-1", 0)
    press(d, Keys.ENTER)
    wait_labels(d, "sg-1", 0, ["denial"])
    wait_for(lambda: focused_sentence(d) == "sg-1:1", msg="Enter advances like a label key")
    assert suggestion(d, "sg-1", 0) is None, "a decided sentence shows no suggestion"
    # a label key overrides it (claim where demand is suggested)
    press(d, "1")
    wait_labels(d, "sg-1", 1, ["claim"])
    # Enter on a decided sentence changes nothing
    focus_sentence(d, "sg-1", 0)
    press(d, Keys.ENTER)
    stays(lambda: sentence_labels(d, "sg-1", 0) == ["denial"], msg="Enter never toggles a decision off")
    panel = one_visible(d, '[data-panel="suggestions"] [data-suggest-offered]')
    wait_for(lambda: panel.get_attribute("data-suggest-offered") == "2" and panel.get_attribute("data-suggest-accepted") == "1",
             msg=f"the panel counts what was taken: {panel.text}")
    _, data = export_json(browser)
    doc = next(x for x in data["documents"] if x["id"] == "sg-1")
    assert doc["sentences"][0]["labels"] == ["denial"] and doc["sentences"][0]["suggested"] == "denial"
    assert doc["sentences"][1]["labels"] == ["claim"] and doc["sentences"][1]["suggested"] == "demand"
    assert "suggested" not in doc["sentences"][3], "an undecided sentence records no suggestion"
    # after a reload: the decisions, what was suggested, and the suggestions of the rest
    reload(browser)
    show_doc(d, "sg-1")
    wait_for(lambda: suggestion(d, "sg-1", 2) == "claim", msg="suggestions after a reload")
    assert suggestion(d, "sg-1", 0) is None
    stored = shard_records(local_storage(d)["sa/v1/ann/sg-1"])
    assert stored["1"]["g"] == "demand", stored


def test_each_decision_teaches_the_model_before_the_next_key(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    # A made-up verb the cue words do not know, taught as demand; plain statements as none.
    text = "\n\n".join(
        f"Zorblat florbed the quux {i} times." if i % 2 == 0 else f"The sky was blue on day {i}." for i in range(12)
    )
    feed = tmp_path / "learn.jsonl"
    feed.write_text(json.dumps({"id": "learn", "title": "Learning", "text": text}) + "\n", encoding="utf-8")
    import_files(d, feed)
    show_doc(d, "learn")
    wait_for(lambda: suggestion(d, "learn", 10) == "none", msg="no cue word: none suggested")
    for i in range(8):
        before = (suggestion(d, "learn", 10), attr_of(d, "learn", 10, "data-suggestion-score"))
        focus_sentence(d, "learn", i)
        press(d, "3" if i % 2 == 0 else "0")
        wait_attr(d, "learn", i, "data-decided", "true")
        wait_for(lambda: (suggestion(d, "learn", 10), attr_of(d, "learn", 10, "data-suggestion-score")) != before,
                 msg=f"decision {i + 1} moved the suggestion of sentence 11 at once ({before})")
    assert suggestion(d, "learn", 10) == "demand", "learned from the person's decisions"
    reload(browser)
    show_doc(d, "learn")
    wait_for(lambda: suggestion(d, "learn", 10) == "demand", msg="retrained from the stored decisions after a reload")


def test_suggestions_turn_off_and_stay_off(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    _import(d, tmp_path)
    wait_for(lambda: suggestion(d, "sg-1", 0) == "denial")
    set_checkbox(d, "suggestions", False)
    wait_for(lambda: not css_all(d, "[data-suggestion]"), msg="no suggestion shows when turned off")
    focus_sentence(d, "sg-1", 0)
    press(d, Keys.ENTER)
    stays(lambda: attr_of(d, "sg-1", 0, "data-decided") == "false", msg="Enter accepts nothing when off")
    press(d, "2")
    wait_labels(d, "sg-1", 0, ["denial"])
    reload(browser)
    show_doc(d, "sg-1")
    wait_for(lambda: setting(d, "suggestions").is_selected() is False, msg="the setting survives a reload")
    assert not css_all(d, "[data-suggestion]")
    _, data = export_json(browser)
    doc = next(x for x in data["documents"] if x["id"] == "sg-1")
    assert "suggested" not in doc["sentences"][0], "nothing was suggested, nothing is recorded"


def test_uncertain_order_visits_every_undecided_sentence_across_documents(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    _import(d, tmp_path)
    set_checkbox(d, "auto-advance", False)
    select = Select(one_visible(d, 'select[data-setting="order"]'))
    select.select_by_value("uncertain")
    wait_for(lambda: one_visible(d, 'select[data-setting="order"]').get_attribute("value") == "uncertain")
    # n, then a decision, eight times: each time an undecided sentence not seen before, and
    # not always in the open document (the seed articles count too).
    visited = []
    for _ in range(8):
        press(d, "n")
        wait_for(lambda: focused_sentence(d) not in visited, msg=f"n goes somewhere new ({focused_sentence(d)}, visited {visited})")
        here = focused_sentence(d)
        doc, i = here.rsplit(":", 1)
        assert attr_of(d, doc, int(i), "data-decided") == "false", f"{here} is undecided"
        visited.append(here)
        press(d, "0")
        wait_attr(d, doc, int(i), "data-decided", "true")
    docs = {v.rsplit(":", 1)[0] for v in visited}
    assert len(docs) >= 2, f"the least sure sentences come from across documents: {visited}"
    reload(browser)
    wait_for(lambda: one_visible(d, 'select[data-setting="order"]').get_attribute("value") == "uncertain",
             msg="the order survives a reload")


def _edit_field(d, row, name, value):
    el = one_visible(d, f'[data-label-row="{row}"] [data-field="{name}"]')
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(value)
    el.send_keys(Keys.TAB)


def test_a_label_added_keeps_the_suggestions_and_enter_accepts(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    _import(d, tmp_path)
    wait_for(lambda: suggestion(d, "sg-1", 0) == "denial", msg="cue words suggest before any decision")
    click_centered(d, one_visible(d, '[data-action="edit-labels"]'))
    wait_for(lambda: visible(d, '[data-panel="labels-editor"]'), msg="the editor opens")
    click_centered(d, one_visible(d, '[data-action="add-label"]'))
    wait_for(lambda: visible(d, '[data-label-row="3"]'), msg="a label is added")
    _edit_field(d, 3, "name", "question")
    _edit_field(d, 3, "key", "4")
    click_centered(d, one_visible(d, '[data-action="save-labels"]'))
    wait_for(lambda: not visible(d, '[data-panel="labels-editor"]'), msg="saved and closed")
    wait_for(lambda: visible(d, '[data-action="label-question"]'), msg="the new label's button")
    show_doc(d, "sg-1")
    # the cue words still serve the labels they know
    wait_for(lambda: suggestion(d, "sg-1", 0) == "denial", msg=f"denial still suggested ({suggestion(d, 'sg-1', 0)})")
    assert suggestion(d, "sg-1", 1) == "demand"
    assert suggestion(d, "sg-1", 2) == "claim"
    focus_sentence(d, "sg-1", 0)
    press(d, Keys.ENTER)
    wait_labels(d, "sg-1", 0, ["denial"], "Enter accepts the suggestion after a label was added")
    # the new label is a decision like the others, and the suggestions go on
    tag(d, "sg-1", 2, "4", ["question"])
    show_doc(d, "sg-2")
    wait_for(lambda: suggestion(d, "sg-2", 0) is not None, msg="suggestions in the next article too")


def test_a_suggestion_is_taken_by_a_tap_on_a_phone(browser, server, tmp_path):
    d = browser.driver
    with viewport(d, 390, 844):
        open_app(browser, server.url)
        _import(d, tmp_path)
        wait_for(lambda: suggestion(d, "sg-1", 0) == "denial", msg="cue words suggest")
        # a tap on the dashed "denial?" takes it
        chip = css(d, '[data-sentence="sg-1:0"] [data-accept]')
        assert "denial?" in chip.text and "✓" in chip.text, chip.text
        click_centered(d, chip)
        wait_labels(d, "sg-1", 0, ["denial"], "a tap on the suggestion takes it")
        assert shard_records(local_storage(d)["sa/v1/ann/sg-1"])["0"]["g"] == "denial", "recorded as suggested"
        # the dock has the same as a button for the focused sentence
        focus_sentence(d, "sg-1", 1)
        button = one_visible(d, '[data-action="accept-suggestion"]', "the accept button in the dock")
        assert button.get_attribute("data-suggestion") == "demand" and "demand?" in button.text, button.text
        assert in_viewport(d, '[data-action="accept-suggestion"]')
        click_centered(d, button)
        wait_labels(d, "sg-1", 1, ["demand"], "the accept button takes it")
        # on a decided sentence there is nothing to accept
        focus_sentence(d, "sg-1", 0)
        wait_for(lambda: not visible(d, '[data-action="accept-suggestion"]'), msg="no accept button on a decided sentence")


def test_the_suggestions_panel_rounds_a_share_once(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 0)
    for i in range(6):
        wait_for(lambda: attr_of(d, SEED_000, i, "data-suggestion"), msg=f"a suggestion on {i}")
        press(d, Keys.ENTER)
        wait_attr(d, SEED_000, i, "data-decided", "true")
    shown = wait_for(lambda: attr_of(d, SEED_000, 6, "data-suggestion"), msg="a suggestion on 6")
    press(d, "2" if shown == "claim" else "1")
    wait_attr(d, SEED_000, 6, "data-decided", "true")
    panel = one_visible(d, '[data-panel="suggestions"] [data-suggest-offered]')
    wait_for(lambda: panel.get_attribute("data-suggest-offered") == "7", msg=f"seven decisions counted: {panel.text}")
    assert "6 of 7 decisions took the suggestion (86 %)" in panel.text, panel.text
    caption = one_visible(d, '[data-panel="suggestions"] [data-chart="learning-curve"] figcaption').text
    assert "86 % right" in caption and "85 %" not in caption, caption
