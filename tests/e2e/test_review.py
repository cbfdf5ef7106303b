"""Adjudication as a team works (docs/FORMAT.md §7): two annotators label in their own browsers and
export; a curator imports both files in one drop, enters review mode, goes through the
disagreements with `n`, sees who said what, sets gold with the label keys (undoable), leaves
with Escape, reloads, and exports the gold file with each sentence's ratings and status."""

import json

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys


def annotate_and_export(browsers, server, name: str, keys: list[tuple[int, str, list[str]]]):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    set_annotator(d, name)
    for i, key, want in keys:
        tag(d, SEED_000, i, key, want)
    path, data = export_json(b)
    assert data.get("annotator") == name
    return path


def annotators_shown(d) -> dict[str, str]:
    return dict(d.execute_script(
        "return Array.from(document.querySelectorAll('[data-annotator-labels]'))"
        ".map(e => [e.getAttribute('data-annotator'), e.getAttribute('data-annotator-labels')]);"))


def test_a_curator_adjudicates_two_annotators(browsers, server, tmp_path):
    ana = annotate_and_export(browsers, server, "ana", [(0, "1", ["claim"]), (1, "1", ["claim"]), (2, "2", ["denial"])])
    ben = annotate_and_export(browsers, server, "ben", [(0, "1", ["claim"]), (1, "2", ["denial"]), (2, "0", [])])

    b = browsers()
    d = b.driver
    open_app(b, server.url)
    set_annotator(d, "curator")
    # a damaged export in the same drop is refused by name; the others go in
    broken = tmp_path / "broken-export.json"
    broken.write_text(ana.read_text(encoding="utf-8")[:-200], encoding="utf-8")
    import_files(d, ana, broken, ben)
    wait_for(lambda: len(css_all(d, "[data-layer]")) == 2, msg="two layers listed")
    wait_for(lambda: any("broken-export.json" in m for m in messages(d, "error")), msg="the bad file named")
    assert sentence_labels(d, SEED_000, 0) == [], "the curator's own labels are untouched"

    show_doc(d, SEED_000)
    focus_sentence(d, SEED_000, 0)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
    wait_attr(d, SEED_000, 0, "data-status", "unanimous")
    assert attr_of(d, SEED_000, 0, "data-gold") == "claim", "agreed sentences start as gold"
    focus_sentence(d, SEED_000, 0)
    press(d, "n")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:1", msg=f"n -> first disagreement (now {focused_sentence(d)})")
    wait_for(lambda: annotators_shown(d) == {"ana": "claim", "ben": "denial"}, msg=f"who said what: {annotators_shown(d)}")
    assert attr_of(d, SEED_000, 1, "data-status") == "unresolved"
    press(d, "2")
    wait_attr(d, SEED_000, 1, "data-gold", "denial")
    assert attr_of(d, SEED_000, 1, "data-status") == "adjudicated"
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:2", msg="on to the next disagreement")
    wait_for(lambda: annotators_shown(d) == {"ana": "denial", "ben": "none"}, msg=f"who said what: {annotators_shown(d)}")
    press(d, "0")
    wait_attr(d, SEED_000, 2, "data-gold", "none")
    # undo and redo the gold, like any change
    press(d, "u")
    wait_attr(d, SEED_000, 2, "data-status", "unresolved")
    ctrl(d, "y")
    wait_attr(d, SEED_000, 2, "data-gold", "none")
    wait_for(lambda: "2 of 2" in css(d, '[data-stat="review"]').text, msg="review progress 2 of 2")
    assert sentence_labels(d, SEED_000, 1) == [], "gold never touches the curator's own labels"
    # Escape leaves review mode
    press(d, Keys.ESCAPE)
    wait_for(lambda: attr_of(d, SEED_000, 1, "data-status") is None, msg="review mode left")

    reload(b)
    show_doc(d, SEED_000)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
    wait_attr(d, SEED_000, 1, "data-gold", "denial")

    path = download(b, "export-gold", r"^gold-curator-\d{8}-\d{6}\.json$")
    data = json.loads(path.read_text(encoding="utf-8"))
    check_export(data)
    s = {x["index"]: x for x in next(doc for doc in data["documents"] if doc["id"] == SEED_000)["sentences"]}
    assert (s[0]["labels"], s[0]["status"], s[0]["annotations"]) == (["claim"], "unanimous", {"ana": ["claim"], "ben": ["claim"]})
    assert (s[1]["labels"], s[1]["status"], s[1]["annotations"]) == (["denial"], "adjudicated", {"ana": ["claim"], "ben": ["denial"]})
    assert (s[2]["labels"], s[2]["status"], s[2]["annotations"]) == ([], "adjudicated", {"ana": ["denial"], "ben": []})
    assert s[3]["status"] == "unresolved" and s[3]["annotations"] == {}
    # the same as JSON Lines, with annotations and status on every line
    path = download(b, "export-gold-jsonl", r"^gold-curator-\d{8}-\d{6}\.jsonl$")
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    first = [x for x in lines if x["document_id"] == SEED_000 and x["sentence_index"] in (0, 1)]
    assert [(x["label"], x["status"], x["annotations"]) for x in first] == [
        (["claim"], "unanimous", [{"annotator": "ana", "label": ["claim"]}, {"annotator": "ben", "label": ["claim"]}]),
        (["denial"], "adjudicated", [{"annotator": "ana", "label": ["claim"]}, {"annotator": "ben", "label": ["denial"]}]),
    ]
    assert all("status" in x and "annotations" in x and "gold" in x and "curator" in x for x in lines)
