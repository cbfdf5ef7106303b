"""The label set and the guidelines edited in the page (docs/FORMAT.md §4, Labels and
guidelines): names, keys, colours, descriptions, examples and order; a label added, one removed
after a confirmation; a key the page uses refused with its reason; stored (a reload keeps them),
exported in full, and restored from the export into a fresh browser. Guidelines are plain text
with paragraphs."""

import json

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys


def _field(d, row, name):
    return one_visible(d, f'[data-label-row="{row}"] [data-field="{name}"]')


def _set(d, el, value):
    """Replaces a field's text as a person would and leaves it (its change is saved)."""
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(value)
    el.send_keys(Keys.TAB)


def test_edit_labels_and_guidelines_in_the_page(browsers, server, tmp_path):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    tag(d, SEED_000, 0, "1", ["claim"])
    click_centered(d, one_visible(d, '[data-action="edit-labels"]'))
    wait_for(lambda: visible(d, '[data-panel="labels-editor"]'), msg="the editor opens")
    # a key the page uses is refused, with the reason, and nothing changes
    _set(d, _field(d, 1, "key"), "j")
    click_centered(d, one_visible(d, '[data-action="save-labels"]'))
    err = wait_for(lambda: visible(d, "[data-labels-error]"), msg="a reserved key is refused")[0].text
    assert "not a free single key" in err, err
    # rename, new key, description; add a label; move it up; remove claim after confirming
    _set(d, _field(d, 1, "key"), "7")
    _set(d, _field(d, 1, "name"), "rejection")
    _set(d, _field(d, 1, "description"), "A party rejects a claim.")
    click_centered(d, one_visible(d, '[data-action="add-label"]'))
    wait_for(lambda: visible(d, '[data-label-row="3"]'), msg="a label is added")
    _set(d, _field(d, 3, "name"), "threat")
    _set(d, _field(d, 3, "key"), "4")
    _set(d, _field(d, 3, "example"), "Or else.")
    click_centered(d, one_visible(d, '[data-label-row="3"] [data-action="label-up"]'))
    wait_for(lambda: _field(d, 2, "name").get_attribute("value") == "threat", msg="moved up")
    click_centered(d, one_visible(d, '[data-label-row="0"] [data-action="remove-label"]'))
    confirm = wait_for(lambda: visible(d, '[data-action="confirm-remove-label"]'), msg="removal asks first")[0]
    assert "1 sentence(s) carry it" in d.find_element(By.CSS_SELECTOR, '[data-label-row="0"] [role="alert"]').text
    click_centered(d, confirm)
    guidelines = one_visible(d, '[data-field="guidelines"]')
    guidelines.send_keys("Tag speech acts, not topics.")
    guidelines.send_keys(Keys.ENTER, Keys.ENTER)
    guidelines.send_keys("<b>Never</b> guess.")
    guidelines.send_keys(Keys.TAB)
    click_centered(d, one_visible(d, '[data-action="save-labels"]'))
    wait_for(lambda: not visible(d, '[data-panel="labels-editor"]'), msg="saved and closed")
    # the keys and buttons follow the new set; the removed label stays on its sentence
    wait_for(lambda: visible(d, '[data-action="label-rejection"]'), msg="the new label's button")
    assert not css_all(d, '[data-action="label-claim"]')
    assert sentence_labels(d, SEED_000, 0) == ["claim"]
    focus_sentence(d, SEED_000, 1)
    press(d, "7")
    wait_labels(d, SEED_000, 1, ["rejection"])
    focus_sentence(d, SEED_000, 2)
    press(d, "4")
    wait_labels(d, SEED_000, 2, ["threat"])
    paras = [p.text for p in css_all(d, "[data-guidelines] p")]
    assert paras == ["Tag speech acts, not topics.", "<b>Never</b> guess."], paras
    # a reload keeps the set
    reload(b)
    wait_for(lambda: visible(d, '[data-action="label-rejection"]'), msg="the set survives a reload")
    # exported in full, restored into a fresh browser
    _, data = export_json(b)
    names = [l["name"] for l in data["label_set"]["labels"]]
    assert names == ["rejection", "threat", "demand"], names
    assert data["label_set"]["guidelines"].startswith("Tag speech acts")
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    b2 = browsers()
    open_app(b2, server.url)
    import_as_mine(b2.driver, path)
    wait_for(lambda: visible(b2.driver, '[data-action="label-rejection"]'), msg="restored with the export")
    wait_for(lambda: any("label set" in m for m in messages(b2.driver)), msg="and said")
