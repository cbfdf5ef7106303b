"""Whose work is it? (docs/FORMAT.md §7) A curator's fresh page that receives one annotator's
export asks (`[data-dialog="import-intent"]`): "add as layer" keeps the curator the curator,
"restore as mine" is a move to a new browser; exports of several annotators in one drop become
layers without a question; an export without a name (an older file) never merges silently into
someone's own labels; Escape imports nothing; the open merge conflicts of a nameless export
taken as one's own survive a reload."""

import json

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys


def _export(browsers, server, name: str, rows):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    set_annotator(d, name)
    tag_all(d, rows)
    path, data = export_json(b)
    assert data["annotator"] == name
    b.quit()
    return path, data


ANA = [(SEED_000, 0, "1", ["claim"]), (SEED_000, 1, "2", ["denial"])]
BEN = [(SEED_000, 0, "1", ["claim"]), (SEED_000, 1, "3", ["demand"])]
CY = [(SEED_000, 0, "2", ["denial"])]


def _layers(d):
    return sorted(e.get_attribute("data-layer") for e in css_all(d, '[data-panel="team"] [data-layer]'))


def _curator(browsers, server):
    c = browsers()
    open_app(c, server.url)
    set_annotator(c.driver, "curator")
    return c, c.driver


def test_a_curator_is_asked_and_stays_the_curator(browsers, server):
    ana, _ = _export(browsers, server, "ana", ANA)
    c, d = _curator(browsers, server)
    import_files(d, ana)
    dialog = one_visible(d, INTENT, "the page asks whose work the export is")
    assert "ana" in dialog.text and "2 decision(s)" in dialog.text, dialog.text
    assert d.execute_script("return document.activeElement.getAttribute('data-action')") == "restore-as-mine"
    # nothing imported while the question is open, and the label keys do not reach the article
    assert _layers(d) == [] and sentence_labels(d, SEED_000, 0) == []
    press(d, "1")
    assert sentence_labels(d, SEED_000, 0) == []
    answer_import(d, "add-as-layer")
    wait_for(lambda: _layers(d) == ["ana"], msg="ana's layer")
    assert setting(d, "annotator").get_attribute("value") == "curator", "the curator stays the curator"
    assert sentence_labels(d, SEED_000, 0) == [], "ana's labels are no labels of the curator's"
    assert any("separate layer" in m for m in messages(d)), messages(d)

    # the same file into another fresh page, answered "mine": a move to a new browser
    b = browsers()
    open_app(b, server.url)
    import_files(b.driver, ana)
    answer_import(b.driver, "restore-as-mine")
    wait_for(lambda: setting(b.driver, "annotator").get_attribute("value") == "ana", msg="the page takes ana's name")
    wait_labels(b.driver, SEED_000, 1, ["denial"], "ana's labels are the page's own")
    assert _layers(b.driver) == []

    # Escape: not imported
    e = browsers()
    open_app(e, server.url)
    import_files(e.driver, ana)
    one_visible(e.driver, INTENT)
    press(e.driver, Keys.ESCAPE)
    wait_for(lambda: not css_all(e.driver, INTENT), msg="Escape closes the question")
    wait_for(lambda: any("not imported" in m for m in messages(e.driver)), msg="and says so")
    assert _layers(e.driver) == [] and sentence_labels(e.driver, SEED_000, 0) == []


def test_three_annotators_in_one_drop_become_layers(browsers, server):
    paths = [_export(browsers, server, n, rows)[0] for n, rows in (("ana", ANA), ("ben", BEN), ("cy", CY))]
    c, d = _curator(browsers, server)
    # the question about the first file is withdrawn as soon as a second annotator arrives
    import_files(d, *paths)
    wait_for(lambda: _layers(d) == ["ana", "ben", "cy"], msg=f"three layers (have {_layers(d)})")
    wait_for(lambda: not css_all(d, INTENT), msg="no question left open")
    assert setting(d, "annotator").get_attribute("value") == "curator"
    assert sentence_labels(d, SEED_000, 0) == []
    reload(c)
    wait_for(lambda: _layers(d) == ["ana", "ben", "cy"], msg="the layers after a reload")


def test_a_nameless_export_never_merges_silently(browsers, server, tmp_path):
    _, data = _export(browsers, server, "ana", ANA)
    data.pop("annotator")
    old = tmp_path / "annotations-20250101-090000.json"
    old.write_text(json.dumps(data), encoding="utf-8")

    b = browsers()
    d = b.driver
    open_app(b, server.url)
    set_annotator(d, "maria")
    tag(d, SEED_000, 1, "3", ["demand"])  # maria's own, where ana said denial
    import_files(d, old)
    dialog = one_visible(d, INTENT, "the page asks about a nameless export")
    assert "no annotator name" in dialog.text, dialog.text
    assert sentence_labels(d, SEED_000, 0) == [], "nothing merged while asking"
    answer_import(d, "add-as-layer")
    wait_for(lambda: _layers(d) == ["annotations-20250101-090000"], msg="a layer named after the file")
    assert sentence_labels(d, SEED_000, 0) == [] and sentence_labels(d, SEED_000, 1) == ["demand"]

    # taken as one's own: merged, the disagreement a conflict, kept across a reload
    import_files(d, old)
    answer_import(d, "restore-as-mine")
    wait_labels(d, SEED_000, 0, ["claim"], "the sentence only the file decided")
    conflict = f'[data-panel="conflicts"] [data-conflict="{SEED_000}:1"]'
    one_visible(d, conflict, "the disagreement is a conflict")
    wait_for(lambda: "sa/v1/conflicts" in local_storage(d), msg="stored")
    reload(b)
    one_visible(d, conflict, "the conflict after a reload")
    click_centered(d, css(d, f'{conflict} [data-action="keep-theirs"]'))
    wait_labels(d, SEED_000, 1, ["denial"], "the file's label, taken after the reload")
    assert setting(d, "annotator").get_attribute("value") == "maria", "a nameless export names nobody"
