"""Sentence boundaries people fix (docs/FORMAT.md §4, Sentence boundaries): `s` enters split
mode (the gaps between the focused sentence's words become `[data-split-at]` buttons, ←/→
choose, Enter or a click splits, Escape leaves); `J` or `[data-action="merge-next"]` joins the
sentence with the next one in its paragraph. A split keeps the labels on the first part; a join
keeps both parts' labels (one label per sentence: the first's, and the page says which it
dropped). Edits are undone and redone like labels, survive a reload and are what exports list,
offsets exact. A colleague's other boundaries are listed in review mode, can be adopted, and
are counted in the agreement panel as boundary disagreements."""

import json

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys

TEXT = "He said so on Monday, and she denied it at once. Then more came.\n\nAnother paragraph here."


def _open(b, server, tmp_path, advance: bool = False):
    """The page in browser `b` with the test article imported and open (auto-advance off)."""
    d = b.driver
    open_app(b, server.url)
    feed = tmp_path / "bounds.jsonl"
    feed.write_text(json.dumps({"id": "bnd", "title": "Boundaries", "text": TEXT}) + "\n", encoding="utf-8")
    import_files(d, feed)
    show_doc(d, "bnd")
    if not advance:
        set_checkbox(d, "auto-advance", False)
    return d


def test_split_with_keys_join_with_j_undo_redo_reload_and_export(browser, server, tmp_path):
    d = _open(browser, server, tmp_path)
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 3, msg=f"three sentences ({sentence_texts(d, 'bnd')})")
    focus_sentence(d, "bnd", 0)
    press(d, "1")
    wait_labels(d, "bnd", 0, ["claim"])
    first = sentence_texts(d, "bnd")[0]
    press(d, "s")
    gaps = wait_for(lambda: css_all(d, "[data-split-at]"), msg="split mode shows the gaps as buttons")
    assert len(gaps) == len(first.split()) - 1, "one gap between each two words"
    target = TEXT.index("and she")  # code points: the text is ASCII
    move_split_gap(d, target)
    press(d, Keys.ENTER)
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 4, msg="Enter splits")
    assert sentence_texts(d, "bnd")[:2] == ["He said so on Monday,", "and she denied it at once."]
    assert not css_all(d, "[data-split-at]"), "split mode ends with the split"
    assert sentence_labels(d, "bnd", 0) == ["claim"], "the first part keeps the label"
    assert attr_of(d, "bnd", 1, "data-decided") == "false", "the second part starts undecided"
    focus_sentence(d, "bnd", 1)
    press(d, "2")
    wait_labels(d, "bnd", 1, ["denial"])
    # the export lists the edited sentences, offsets exact
    _, data = export_json(browser)
    doc = next(x for x in data["documents"] if x["id"] == "bnd")
    assert [s["text"] for s in doc["sentences"]][:2] == ["He said so on Monday,", "and she denied it at once."]
    for s in doc["sentences"]:
        assert doc["text"][s["start"]:s["end"]] == s["text"]
    assert doc["sentences"][1]["labels"] == ["denial"]
    # a reload keeps them
    reload(browser)
    show_doc(d, "bnd")
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 4, msg="the split survives a reload")
    assert sentence_labels(d, "bnd", 1) == ["denial"]
    # J joins 0 and 1: one label per sentence, so the second's is dropped, and said
    focus_sentence(d, "bnd", 0)
    press(d, "J")
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 3, msg="J joins")
    assert sentence_labels(d, "bnd", 0) == ["claim"]
    wait_for(lambda: any("denial" in m and "dropped" in m for m in messages(d)), msg=f"the dropped label is named ({messages(d)})")
    # undo: split again with both labels; redo: joined
    ctrl(d, "z")
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 4, msg="undo brings the boundary back")
    wait_for(lambda: sentence_labels(d, "bnd", 1) == ["denial"], msg="and the dropped label")
    ctrl(d, "y")
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 3, msg="redo joins again")
    # never across a paragraph
    focus_sentence(d, "bnd", 1)
    press(d, "J")
    stays(lambda: len(sentence_texts(d, "bnd")) == 3, msg="no join across paragraphs")


def test_split_and_join_with_the_mouse_and_escape_leaves(browser, server, tmp_path):
    d = _open(browser, server, tmp_path)
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 3)
    focus_sentence(d, "bnd", 1)
    press(d, "s")
    wait_for(lambda: css_all(d, "[data-split-at]"))
    press(d, Keys.ESCAPE)
    wait_for(lambda: not css_all(d, "[data-split-at]"), msg="Escape leaves split mode")
    assert len(sentence_texts(d, "bnd")) == 3
    click_centered(d, one_visible(d, '[data-action="split-mode"]'))
    gaps = wait_for(lambda: css_all(d, "[data-split-at]"), msg="the split button shows the gaps")
    click_centered(d, gaps[0])
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 4, msg="a click on a gap splits")
    assert sentence_texts(d, "bnd")[1:3] == ["Then", "more came."]
    focus_sentence(d, "bnd", 1)
    click_centered(d, one_visible(d, '[data-action="merge-next"]'))
    wait_for(lambda: sentence_texts(d, "bnd")[1] == "Then more came.", msg="the join button joins")


def _boundary_figure(d) -> tuple[str, str, str]:
    """The agreement panel's boundary disagreements: (count, annotators, decisions left out);
    the panel is opened and closed again."""
    panel = '[data-panel="agreement"]'
    click_centered(d, css(d, '[data-action="agreement"]'))
    row = one_visible(d, f'{panel} [data-metric="boundary_disagreements"]', "the boundary figure")
    got = tuple(row.get_attribute(a) for a in ("data-value", "data-annotators", "data-left-out"))
    click_centered(d, css(d, f'{panel} [data-action="agreement-close"]'))
    wait_for(lambda: not css_all(d, panel), msg="the panel closed")
    return got


def test_review_lists_a_colleagues_other_boundaries_and_adopts_them(browsers, server, tmp_path):
    b = browsers()
    d = _open(b, server, tmp_path, advance=True)
    set_annotator(d, "ana")
    tag(d, "bnd", 0, "1", ["claim"])
    _, mine = export_json(b)
    # ben's export: the first sentence split before "and", both parts rated
    ben = json.loads(json.dumps(mine))
    ben["annotator"] = "ben"
    doc = next(x for x in ben["documents"] if x["id"] == "bnd")
    first = doc["sentences"][0]
    cut = TEXT.index("and she")
    a = dict(first, end=cut - 1, text=TEXT[first["start"]:cut - 1], labels=["claim"], decided=True)
    c = dict(first, start=cut, text=TEXT[cut:first["end"]], labels=["denial"], decided=True)
    rest = [dict(s, labels=["demand"], decided=True) for s in doc["sentences"][1:]]
    doc["sentences"] = [a, c] + rest
    for i, s in enumerate(doc["sentences"]):
        s["index"] = i
    path = tmp_path / "ben.json"
    path.write_text(json.dumps(ben), encoding="utf-8")
    import_files(d, path)
    wait_for(lambda: any("ben" in m for m in messages(d)), msg="ben's layer imported")
    # the agreement panel counts the sentence as a boundary disagreement of its own, and ben's
    # two decisions on his parts as left out of the figures (docs/FORMAT.md §7)
    assert _boundary_figure(d) == ("1", "ben", "2"), _boundary_figure(d)
    click_centered(d, one_visible(d, '[data-action="adjudicate"]'))
    row = wait_for(lambda: visible(d, '[data-panel="boundaries"] [data-boundary-diff="ben"]'), msg="review lists ben's boundaries")[0]
    assert "He said so on Monday," in row.text and "and she denied it at once." in row.text
    before = len(sentence_texts(d, "bnd"))
    click_centered(d, one_visible(d, '[data-action="adopt-boundaries"][data-annotator="ben"]'))
    wait_for(lambda: len(sentence_texts(d, "bnd")) == before + 1, msg="ben's boundaries adopted")
    assert not visible(d, '[data-panel="boundaries"]'), "no disagreement left"
    assert _boundary_figure(d) == ("0", "", "0"), "none in the agreement panel either"
    assert sentence_labels(d, "bnd", 0) == ["claim"], "our label on the part where our sentence started"
    ctrl(d, "z")
    wait_for(lambda: len(sentence_texts(d, "bnd")) == before, msg="undo: our boundaries again")
    wait_for(lambda: visible(d, '[data-panel="boundaries"]'), msg="and the disagreement is listed again")


def test_edited_boundaries_come_back_from_an_export_into_a_fresh_browser(browsers, server, tmp_path):
    b = browsers()
    d = _open(b, server, tmp_path)
    focus_sentence(d, "bnd", 0)
    press(d, "s")
    wait_for(lambda: css_all(d, "[data-split-at]"))
    target = TEXT.index("and she")
    click_centered(d, css(d, f'[data-split-at="{target}"]'))
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 4)
    focus_sentence(d, "bnd", 1)
    press(d, "2")
    wait_labels(d, "bnd", 1, ["denial"])
    path, _ = export_json(b)
    b2 = browsers()
    open_app(b2, server.url)
    import_as_mine(b2.driver, path)
    wait_for(lambda: "bnd" in doc_ids(b2.driver))
    show_doc(b2.driver, "bnd")
    wait_for(lambda: sentence_texts(b2.driver, "bnd")[:2] == ["He said so on Monday,", "and she denied it at once."],
             msg="the export's boundaries are restored")
    assert sentence_labels(b2.driver, "bnd", 1) == ["denial"]
    reload(b2)
    show_doc(b2.driver, "bnd")
    wait_for(lambda: len(sentence_texts(b2.driver, "bnd")) == 4, msg="and kept after a reload")


def test_split_mode_shows_its_keys_and_taps_and_says_where_the_label_stays(browser, server, tmp_path):
    d = _open(browser, server, tmp_path)
    with viewport(d, 390, 844):
        wait_for(lambda: len(sentence_texts(d, "bnd")) == 3)
        focus_sentence(d, "bnd", 0)
        press(d, "1")
        wait_labels(d, "bnd", 0, ["claim"])
        assert not visible(d, "[data-split-hint]"), "no hint outside split mode"
        click_centered(d, one_visible(d, '[data-action="split-mode"]'))
        hint = one_visible(d, "[data-split-hint]", "split mode's hint")
        words = hint.text.lower()
        assert "tap" in words and "enter" in words and "esc" in words, hint.text
        assert in_viewport(d, "[data-split-hint]"), "the hint is on screen"
        gaps = wait_for(lambda: css_all(d, "[data-split-at]"), msg="the gaps")
        click_centered(d, gaps[3])
        wait_for(lambda: len(sentence_texts(d, "bnd")) == 4, msg="a tap on a gap splits")
        wait_for(lambda: not visible(d, "[data-split-hint]"), msg="the hint goes with split mode")
        said = wait_for(lambda: [m for m in messages(d) if "keeps" in m], msg=f"the split says so ({messages(d)})")[0]
        assert "sentence 1 keeps “claim”" in said and "sentence 2, is undecided" in said, said
        assert sentence_labels(d, "bnd", 0) == ["claim"] and sentence_labels(d, "bnd", 1) == []
