"""An annotator's day: messages are in view wherever the page is scrolled (the newest, the
earlier ones behind a button), information fades and errors stay until dismissed; importing
opens the first new document and Paste puts the caret in its box; the document list finds, filters and sorts documents and
gives each its whole title."""

import json
import time

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select


def _toast_in_view(d, text_part: str) -> bool:
    return d.execute_script(
        "for (const m of document.querySelectorAll('[data-messages] [data-message]')) {"
        "  if (!m.textContent.includes(arguments[0])) continue;"
        "  const r = m.getBoundingClientRect();"
        "  if (r.top >= 0 && r.bottom <= innerHeight && r.height > 0) return true; }"
        "return false;",
        text_part,
    )


def test_messages_show_in_view_information_fades_errors_stay(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    # scrolled to the bottom of the page, as after working down an article
    d.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    good = tmp_path / "fresh.txt"
    good.write_text("A fresh article. It has two sentences.", encoding="utf-8")
    bad = tmp_path / "broken.json"
    bad.write_text("{ not json", encoding="utf-8")
    import_files(d, good, bad)
    wait_for(lambda: _toast_in_view(d, "fresh.txt"), msg=f"the import's message is in view ({messages(d)})")
    assert any("broken.json" in m for m in messages(d, "error")), "the error waits behind the newest message"
    assert "1 earlier" in one_visible(d, '[data-action="messages-more"]').text
    # information fades after a while; the error stays until dismissed, and shows then
    wait_for(lambda: not any("fresh.txt" in m for m in messages(d, "info")), timeout=25, msg="information fades")
    wait_for(lambda: _toast_in_view(d, "broken.json"), msg="the error is in view")
    assert any("broken.json" in m for m in messages(d, "error")), "an error stays"
    time.sleep(1)
    assert any("broken.json" in m for m in messages(d, "error"))
    click_centered(d, one_visible(d, '[data-messages] [data-level="error"] .dismiss'))
    wait_for(lambda: not messages(d, "error"), msg="dismissed")


def test_importing_opens_the_first_new_document_and_paste_takes_the_caret(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    first = open_doc(d)
    feed = tmp_path / "two.jsonl"
    feed.write_text(
        json.dumps({"id": "day-1", "title": "Day one", "text": "First new article."}) + "\n"
        + json.dumps({"id": "day-2", "title": "Day two", "text": "Second new article."}) + "\n",
        encoding="utf-8",
    )
    import_files(d, feed)
    wait_for(lambda: open_doc(d) == "day-1", msg=f"the first new document opens (open: {open_doc(d)}, before: {first})")
    click_centered(d, one_visible(d, '[data-action="paste-toggle"]'))
    wait_for(lambda: d.execute_script("return document.activeElement && document.activeElement.dataset.action") == "paste-text",
             msg="Paste puts the caret in its box")
    type_keys(d, "Pasted text opens. It is new.")
    click_centered(d, one_visible(d, '[data-action="paste-import"]'))
    wait_for(lambda: open_doc(d) not in ("day-1", first), msg="the pasted article opens")


def test_document_list_finds_filters_sorts_and_shows_whole_titles(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    long_title = "A very long title that the list would cut short after two lines of text, but whose whole wording matters to the person"
    feed = tmp_path / "many.jsonl"
    rows = [
        {"id": "list-b", "title": "Beta budget row", "date": "2023-03-01", "text": "One sentence here. And another."},
        {"id": "list-a", "title": "Alpha accord", "date": "2025-01-01", "text": "Only one sentence."},
        {"id": "list-c", "title": long_title, "text": "Third article text."},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    import_files(d, feed)
    wait_for(lambda: "list-c" in doc_ids(d))
    assert css(d, '[data-doc="list-c"]').get_attribute("title") == long_title, "the whole title on hover"
    # decide list-a completely
    show_doc(d, "list-a")
    focus_sentence(d, "list-a", 0)
    press(d, "0")
    wait_for(lambda: doc_progress(d, "list-a") == "1/1")
    def find(text):
        """Types into the list's search field as a person would: select all, type over it."""
        field = one_visible(d, '[data-action="doc-search"]')
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(text if text else Keys.BACK_SPACE)

    find("ALPHA")
    wait_for(lambda: doc_ids(d) == ["list-a"], msg=f"search by title, any case ({doc_ids(d)})")
    assert "1 of" in one_visible(d, '[data-stat="docs-shown"]').text
    find("list-")
    wait_for(lambda: sorted(doc_ids(d)) == ["list-a", "list-b", "list-c"], msg="search by id")
    # list-b half decided
    show_doc(d, "list-b")
    focus_sentence(d, "list-b", 0)
    press(d, "1")
    wait_for(lambda: doc_progress(d, "list-b") == "1/2")
    Select(one_visible(d, '[data-action="doc-show"]')).select_by_value("not-started")
    wait_for(lambda: doc_ids(d) == ["list-c"],
             msg=f"not started ({doc_ids(d)}, search {one_visible(d, '[data-action=doc-search]').get_attribute('value')!r})")
    Select(one_visible(d, '[data-action="doc-show"]')).select_by_value("in-progress")
    wait_for(lambda: doc_ids(d) == ["list-b"], msg=f"in progress ({doc_ids(d)})")
    Select(one_visible(d, '[data-action="doc-show"]')).select_by_value("done")
    wait_for(lambda: doc_ids(d) == ["list-a"], msg="done only")
    Select(one_visible(d, '[data-action="doc-show"]')).select_by_value("all")
    Select(one_visible(d, '[data-action="doc-sort"]')).select_by_value("title")
    wait_for(lambda: doc_ids(d) == ["list-c", "list-a", "list-b"], msg=f"by title ({doc_ids(d)})")
    Select(one_visible(d, '[data-action="doc-sort"]')).select_by_value("date")
    wait_for(lambda: doc_ids(d) == ["list-a", "list-b", "list-c"], msg=f"newest first, undated last ({doc_ids(d)})")
    find("")
    wait_for(lambda: len(doc_ids(d)) > 3, msg="an empty search shows every document")


def test_filter_keys_next_unsure_next_note_and_go_to_sentence(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    focus_sentence(d, SEED_000, 2)
    press(d, "x")
    wait_attr(d, SEED_000, 2, "data-unsure", "true")
    write_note(d, SEED_000, 5, "check the source")
    wait_attr(d, SEED_000, 5, "data-has-note", "true")
    focus_sentence(d, SEED_000, 0)
    press(d, "U")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:2", msg=f"U: the next unsure sentence ({focused_sentence(d)})")
    press(d, "N")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:5", msg=f"N: the next sentence with a note ({focused_sentence(d)})")
    press(d, "N")
    wait_for(lambda: "No other sentence has a note" in (css(d, "[data-announce]").get_attribute("textContent") or ""),
             msg="N says when there is no other")
    assert focused_sentence(d) == f"{SEED_000}:5"
    # f, then a key: a filter
    press(d, "f")
    press(d, "x")
    wait_for(lambda: css(d, '[data-filter="unsure"]').get_attribute("aria-pressed") == "true", msg="f x shows the unsure ones")
    wait_for(lambda: [k for k in page_labels(d) if k.startswith(SEED_000 + ":")] == [f"{SEED_000}:2"])
    press(d, "f")
    press(d, "a")
    wait_for(lambda: css(d, '[data-filter="all"]').get_attribute("aria-pressed") == "true", msg="f a shows all again")
    # #: go to sentence N
    press(d, "#")
    wait_for(lambda: active_is(d, 'input[data-action="goto"]'), msg="# puts the caret in the go-to field")
    type_keys(d, "7")
    press(d, Keys.ENTER, into_field=True)
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:6", msg=f"go to sentence 7 ({focused_sentence(d)})")
    press(d, "#")
    wait_for(lambda: active_is(d, 'input[data-action="goto"]'))
    type_keys(d, "999")
    press(d, Keys.ENTER, into_field=True)
    wait_for(lambda: any("no sentence 999" in m for m in messages(d, "error")), msg=f"a number out of range is said ({messages(d)})")
    # the help lists them
    press(d, Keys.ESCAPE)
    press(d, "?")
    text = wait_for(lambda: help_dialog(d), msg="the help")[0].text
    for words in ("Filter, then", "Next sentence marked unsure", "Go to sentence number", "Split the sentence", "Accept the suggestion"):
        assert words in text, f"the help lists {words!r}"
