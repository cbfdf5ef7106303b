"""Importing one's own export (the same annotator, another browser) into a profile with labels
of its own: disagreements become conflicts to resolve, nothing is overwritten silently, and
open conflicts survive a reload. (Restoring into a fresh profile is
test_import.py::test_export_import_roundtrip_into_fresh_profile; another annotator's export
becomes a layer, test_import_intent.py.)"""

import time

from harness import *  # noqa: F401,F403


def _conflicts(d):
    return d.execute_script(
        "return Array.from(document.querySelectorAll('[data-panel=\"conflicts\"] [data-conflict]'))"
        ".filter(e => e.offsetParent !== null).map(e => e.getAttribute('data-conflict'));"
    )


def _conflict_button(d, key, action):
    for item in css_all(d, '[data-panel="conflicts"] [data-conflict]'):
        if item.get_attribute("data-conflict") == key:
            return item.find_element(By.CSS_SELECTOR, f'[data-action="{action}"]')
    raise AssertionError(f"no [data-conflict={key!r}] in the conflicts panel (have {_conflicts(d)})")


THEIRS = [  # profile A
    (SEED_000, 0, "1", ["claim"]),
    (SEED_000, 1, "2", ["denial"]),
    (SEED_000, 2, "3", ["demand"]),
    (SEED_003, 0, "1", ["claim"]),
    (SEED_003, 4, "2", ["denial"]),
]
MINE = [  # profile B
    (SEED_000, 0, "2", ["denial"]),  # conflict
    (SEED_000, 1, "2", ["denial"]),  # agrees
    (SEED_000, 2, "1", ["claim"]),  # conflict
    (SEED_003, 2, "3", ["demand"]),  # only mine
    (SEED_003, 4, "3", ["demand"]),  # conflict, other document
]


def test_merge_with_conflicts(browsers, server):
    a = browsers()
    da = a.driver
    open_app(a, server.url)
    set_annotator(da, "maria")  # one person, two browsers
    tag_all(da, THEIRS)
    theirs_path, theirs = export_json(a)
    check_export(theirs)
    assert {k: v for k, v in export_labels(theirs).items() if v} == {f"{doc}:{i}": lab for doc, i, _, lab in THEIRS}
    a.quit()

    b = browsers()
    d = b.driver
    open_app(b, server.url)
    set_annotator(d, "maria")
    tag_all(d, MINE)
    mine_before = shown_labels(d)
    assert not css_all(d, '[data-panel="conflicts"] [data-conflict]'), "conflicts before any import"

    import_files(d, theirs_path)
    want_conflicts = {f"{SEED_000}:0", f"{SEED_000}:2", f"{SEED_003}:4"}
    wait_for(lambda: set(_conflicts(d)) == want_conflicts,
             msg=f"conflicts panel lists exactly {sorted(want_conflicts)} (have {_conflicts(d)})")
    conflicts = _conflicts(d)
    assert len(conflicts) == len(set(conflicts)), f"a conflict is listed twice: {conflicts}"

    # nothing overwritten silently; A's label on a sentence B left empty is applied
    merged = dict(mine_before, **{f"{SEED_003}:0": ["claim"]})
    wait_for(lambda: shown_labels(d) == merged, msg=f"after import: B's labels kept, A's new one applied (have {shown_labels(d)})")
    wait_for(lambda: stored_labels(d) == merged, msg=f"localStorage holds the merged labels (have {stored_labels(d)})")
    # the conflict items say what each side has
    for key in want_conflicts:
        item_text = [e.text for e in css_all(d, "[data-conflict]") if e.get_attribute("data-conflict") == key][0].lower()
        mine_l = dict(mine_before)[key][0]
        theirs_l = {f"{doc}:{i}": lab for doc, i, _, lab in THEIRS}[key][0]
        assert mine_l in item_text and theirs_l in item_text, f"{key}: conflict item {item_text!r} lacks {mine_l}/{theirs_l}"

    # open conflicts are stored: a reload lists them again, the other side's labels with them
    wait_for(lambda: "sa/v1/conflicts" in local_storage(d), msg="the open conflicts are stored")
    reload(b)
    wait_for(lambda: set(_conflicts(d)) == want_conflicts, msg=f"after a reload the conflicts are listed again (have {_conflicts(d)})")
    assert shown_labels(d) == merged, "and nothing was decided by the reload"

    # resolve: take theirs, keep mine, take theirs
    retry_stale(lambda: _conflict_button(d, f"{SEED_000}:0", "keep-theirs").click())
    wait_for(lambda: f"{SEED_000}:0" not in _conflicts(d), msg="resolved conflict leaves the list")
    show_doc(d, SEED_000)
    wait_labels(d, SEED_000, 0, ["claim"], "keep-theirs applies A's label")
    retry_stale(lambda: _conflict_button(d, f"{SEED_000}:2", "keep-mine").click())
    wait_for(lambda: f"{SEED_000}:2" not in _conflicts(d), msg="resolved conflict leaves the list")
    show_doc(d, SEED_000)
    time.sleep(0.3)
    wait_labels(d, SEED_000, 2, ["claim"], "keep-mine keeps B's label")
    retry_stale(lambda: _conflict_button(d, f"{SEED_003}:4", "keep-theirs").click())
    wait_for(lambda: not _conflicts(d), msg="the conflicts list empties")
    wait_for(lambda: "sa/v1/conflicts" not in local_storage(d), msg="none left: the key is removed")
    wait_for(lambda: not [e for e in css_all(d, '[data-panel="conflicts"] [data-conflict]')], msg="no conflict items left")

    final = {
        f"{SEED_000}:0": ["claim"],
        f"{SEED_000}:1": ["denial"],
        f"{SEED_000}:2": ["claim"],
        f"{SEED_003}:0": ["claim"],
        f"{SEED_003}:2": ["demand"],
        f"{SEED_003}:4": ["denial"],
    }
    assert shown_labels(d) == final, shown_labels(d)
    wait_for(lambda: stored_labels(d) == final, msg=f"resolutions saved (have {stored_labels(d)})")
    reload(b)
    assert shown_labels(d) == final, f"after reload: {shown_labels(d)}"
    assert not _conflicts(d), f"resolved conflicts came back after reload: {_conflicts(d)}"
    _, data = export_json(b)
    check_export(data)
    assert {k: v for k, v in export_labels(data).items() if v} == final


def test_reimporting_own_export_makes_no_conflicts(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tag_all(d, MINE[:3])
    path, data = export_json(browser)
    before = shown_labels(d)
    import_files(d, path)
    wait_for(lambda: messages(d), msg="a message about the import")
    time.sleep(1)
    assert not _conflicts(d), f"importing an identical export made conflicts: {_conflicts(d)}"
    assert shown_labels(d) == before
