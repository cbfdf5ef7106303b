"""Suggestions learned in the page (SPEC §10, issue 15): each undecided sentence shows what the
model suggests (`data-suggestion`, `data-suggestion-score`, and "label?" as text), Enter takes
it like its key, a label key overrides it, every decision moves the suggestions at once, a
setting turns them off, `n` in "uncertain" order visits every undecided sentence across
documents, exports record what was suggested, the panel counts how often suggestions were
taken, and all of it survives a reload."""

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
    stored = json.loads(local_storage(d)["sa/v1/ann/sg-1"])
    assert stored["s"]["1"]["g"] == "demand", stored


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
