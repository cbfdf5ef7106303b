"""The label set is data (labels.json next to the page): a team swaps it without code, and a
hostile or broken file is refused with a message and shown only as text."""

import json
import shutil
from pathlib import Path

from harness import *  # noqa: F401,F403


def _dist_with_labels(tmp_path, labels) -> Path:
    root = tmp_path / "dist"
    shutil.copytree(DIST, root)
    (root / "labels.json").write_text(labels if isinstance(labels, str) else json.dumps(labels), encoding="utf-8")
    return root


def test_another_label_set_without_code(browsers, serve, tmp_path):
    labels = {"labels": [
        {"name": "support", "key": "1", "alt_key": "p", "color": "#0072B2",
         "description": "Backs a claim <b>strongly</b>", "example": "We agree."},
        {"name": "attack", "key": "2", "color": "#D55E00",
         "description": "Disputes it <img src=x onerror=\"window.__pwned=1\">", "example": "{{7*7}}"},
    ]}
    srv = serve(_dist_with_labels(tmp_path, labels))
    b = browsers(origins=[srv.origin])
    open_app(b, srv.url)
    d = b.driver
    first = focused_sentence(d)
    press(d, "p")
    doc, idx = first.rsplit(":", 1)
    wait_for(lambda: sentence_labels(d, doc, int(idx)) == ["support"], msg="the new label by its alt key")
    press(d, "?")
    help_text = css(d, "[data-panel='help']").text
    assert "Tag support" in help_text and "Tag attack" in help_text
    press(d, Keys.ESCAPE)
    # Descriptions from the file are text, not markup.
    body = d.find_element(By.TAG_NAME, "body").text
    assert "Backs a claim <b>strongly</b>" in body
    assert 'Disputes it <img src=x onerror="window.__pwned=1">' in body
    assert_not_pwned(d, "a label file's text")
    assert not css_all(d, "[data-action='label-claim']"), "the default labels are replaced"


def test_hostile_label_names_are_refused(browsers, serve, tmp_path):
    labels = {"labels": [
        {"name": "<img src=x onerror=window.__pwned=1>", "key": "1", "color": "#000", "description": "x"},
    ]}
    srv = serve(_dist_with_labels(tmp_path, labels))
    b = browsers(origins=[srv.origin])
    open_app(b, srv.url)
    d = b.driver
    wait_for(lambda: any("labels.json" in m for m in messages(d, "error")), msg="an error names labels.json")
    msg = next(m for m in messages(d, "error") if "labels.json" in m)
    assert "<img src=x onerror=window.__pwned=1>" in msg, msg
    assert "default labels" in msg
    assert css_all(d, "[data-action='label-claim']"), "falls back to claim / denial / demand"
    assert_not_pwned(d, "a label name")


def test_broken_label_file_falls_back(browsers, serve, tmp_path):
    srv = serve(_dist_with_labels(tmp_path, "{ not json"))
    b = browsers(origins=[srv.origin])
    open_app(b, srv.url)
    d = b.driver
    wait_for(lambda: any("labels.json" in m for m in messages(d, "error")), msg="an error names labels.json")
    press(d, "1")
    wait_for(lambda: "claim" in sum(page_labels(d).values(), []), msg="default labels work")
