"""Messages (docs/FORMAT.md §4, Messages): one region, the first line of the dock at the bottom
of the article, that never covers the focused sentence or an open panel, at the end of an
article and on a phone; the newest message shows and the earlier ones wait behind a button;
imports one after another are one message ("4 files imported"). A decision on an article's
last sentence that moves into the next article says where in one short line and shows the new
article's head."""

import json

from harness import *  # noqa: F401,F403

FOCUSED = "[data-sentence][aria-current='true']"


def _long_article(tmp_path, name="long.txt", n=40):
    path = tmp_path / name
    path.write_text("".join(f"Sentence number {i} of a long article about the harbour.\n\n" for i in range(n)),
                    encoding="utf-8")
    return path


def _bad_files(tmp_path):
    out = []
    for name in ("one.json", "two.json"):
        p = tmp_path / name
        p.write_text("{ not json", encoding="utf-8")
        out.append(p)
    return out


def _messages_stay_clear(b, server, height, tmp_path):
    """In the current viewport: messages while the last sentence of a long article has the focus."""
    d = b.driver
    open_app(b, server.url)
    long = _long_article(tmp_path)
    import_files(d, long)
    wait_for(lambda: open_doc(d) and sentence_labels(d, open_doc(d), 39) == [], msg="the long article opens")
    doc = open_doc(d)
    focus_sentence(d, doc, 5)
    press(d, "G")
    wait_for(lambda: focused_sentence(d) == f"{doc}:39", msg="G goes to the article's last sentence")
    # the same file again, three times: nothing added, one message that counts them
    for _ in range(3):
        import_files(d, long)
    wait_for(lambda: any("4 files imported" in m for m in messages(d)), msg=f"imports collapse ({messages(d)})")
    # (a message comes in from transparent, 0.15 s: until then it is in the page, not shown)
    shown = wait_for(lambda: visible(d, "[data-messages] [data-message]"), msg="the message shows")
    assert len(shown) == 1, [m.text for m in shown]
    # two refusals: the newest shows, the earlier ones behind a button
    import_files(d, *_bad_files(tmp_path))
    wait_for(lambda: len(messages(d, "error")) == 2, msg="both refusals")
    assert len(visible(d, "[data-messages] [data-message]")) == 1, "one message line, not a stack"
    more = one_visible(d, '[data-action="messages-more"]', "the earlier messages' button")
    assert "2 earlier" in more.text, more.text
    assert focused_sentence(d) == f"{doc}:39"
    region, row = rect(d, "[data-messages]"), rect(d, FOCUSED)
    assert region["height"] < height * 0.2, f"the messages take one line or two: {region}"
    assert in_viewport(d, FOCUSED), f"the focused sentence is in view: {row}"
    assert not overlap(region, row), f"a message covers the focused sentence: {region} {row}"
    assert not overlap(rect(d, "[data-action-bar]"), row), "the dock covers the focused sentence"
    # opened, the earlier messages push nothing under them either
    click_centered(d, more)
    # (the information may have faded meanwhile: every message left shows)
    wait_for(lambda: len(visible(d, "[data-messages] [data-message]")) == len(messages(d)) >= 2,
             msg="the earlier messages show")
    wait_for(lambda: not overlap(rect(d, "[data-messages]"), rect(d, FOCUSED)) and in_viewport(d, FOCUSED),
             msg=f"the focused sentence moves above the grown dock ({rect(d, '[data-messages]')}, {rect(d, FOCUSED)})")


def test_messages_never_cover_the_focused_sentence_at_the_end_of_an_article(browser, server, tmp_path):
    with viewport(browser.driver, 1400, 900):
        _messages_stay_clear(browser, server, 900, tmp_path)


def test_messages_never_cover_the_focused_sentence_on_a_phone(browser, server, tmp_path):
    d = browser.driver
    with viewport(d, 390, 844):
        _messages_stay_clear(browser, server, 844, tmp_path)
        # a drawer ends above the dock, so a message does not cover it either
        click_centered(d, one_visible(d, '[data-action="toggle-side"]'))
        wait_for(lambda: in_viewport(d, "#focused-title"), msg="the side panel opens")
        assert not overlap(rect(d, "#side-panel"), rect(d, "[data-messages]")), "a message covers the open drawer"
        assert in_viewport(d, "[data-messages]"), "the messages stay in view under the drawer"


def test_the_next_article_is_said_in_a_short_line_and_its_head_shows(browser, server, tmp_path):
    d = browser.driver
    title = "Jump two: a headline long enough that nobody wants to read it again in a message"
    feed = tmp_path / "jump.jsonl"
    feed.write_text(
        json.dumps({"id": "jump-1", "title": "Jump one",
                    "text": "".join(f"Line {i} of the first article.\n\n" for i in range(40))}) + "\n"
        + json.dumps({"id": "jump-2", "title": title, "text": "First of two.\n\nSecond of two.\n\nThird one."}) + "\n",
        encoding="utf-8")
    with viewport(d, 1400, 900):
        open_app(browser, server.url)
        import_files(d, feed)
        wait_for(lambda: open_doc(d) == "jump-1", msg="the first new article opens")
        focus_sentence(d, "jump-1", 3)
        press(d, "G")
        wait_for(lambda: focused_sentence(d) == "jump-1:39", msg="the last sentence")
        press(d, "0")
        wait_for(lambda: open_doc(d) == "jump-2" and focused_sentence(d) == "jump-2:0", msg="on to the next article")
        n = len(doc_ids(d))
        line = wait_for(lambda: [m for m in messages(d) if "Next article" in m], msg=f"the move is said ({messages(d)})")[0]
        assert f"Next article ({n} of {n}), sentence 1 of 3." in line, line
        assert "Jump two" not in line, "the message does not quote the title"
        wait_for(lambda: in_viewport(d, "#article-title"), msg="the new article's head is in view")
        toolbar = rect(d, ".toolbar")
        assert rect(d, "#article-title")["top"] >= toolbar["bottom"] - 1, "the head is not under the toolbar"
        assert css(d, "#article-title").get_attribute("title") == title
        assert in_viewport(d, FOCUSED), "and the focused sentence"
