"""Storage under stress: hard crashes, two tabs, a full quota, migration from layout 0, a
layout from the future, removing and re-importing documents (HOOKS.md: localStorage keys)."""

import json
import os
import signal
import time
from pathlib import Path

from conftest import *  # noqa: F401,F403 - helpers and fixtures
from selenium.common.exceptions import WebDriverException

V0_FIXTURE = REPO / "tests" / "data" / "storage_v0.json"
ERROR_SEL = '[data-messages] [data-message][data-level="error"]'


# -- helpers ------------------------------------------------------------------------------


def stored_labels(d) -> dict[str, list[str]]:
    """{"<doc>:<index>": labels} of every non-empty label record in sa/v1/ann/* shards."""
    out = {}
    for k, v in local_storage(d).items():
        if not k.startswith("sa/v1/ann/"):
            continue
        doc = k[len("sa/v1/ann/"):]
        shard = json.loads(v)
        for idx, ann in (shard.get("s") or {}).items():
            labels = ann.get("l") or []
            if labels:
                out[f"{doc}:{idx}"] = sorted(labels)
    return out


def shown_labels(d, docs=(SEED_000, SEED_003)) -> dict[str, list[str]]:
    """Non-empty data-labels of every sentence of `docs` (each opened in turn)."""
    out = {}
    for doc in docs:
        show_doc(d, doc)
        out.update({k: sorted(v) for k, v in page_labels(d).items() if v and k.startswith(doc + ":")})
    return out


def tag(d, doc: str, i: int, key: str, expected: list[str]) -> None:
    focus_sentence(d, doc, i)
    press(d, key)
    wait_labels(d, doc, i, expected)


def wait_stored(d, key: str, label: str) -> None:
    wait_for(lambda: label in stored_labels(d).get(key, []), msg=f"{key} {label} saved in localStorage")


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            stat = (p / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(p.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        for c in children.get(pid, []):
            out.append(c)
            todo.append(c)
    return out


def _profile_pids(profile: Path) -> list[int]:
    needle = f"--user-data-dir={profile}".encode()
    pids = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            args = (p / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if needle in args:
            pids.append(int(p.name))
    return pids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def crash(b) -> None:
    """SIGKILLs the whole chromium process tree of Browser `b` (no clean shutdown, no flush),
    then stops its chromedriver. The guards' logs are collected first."""
    b.collect()
    driver_pid = b.driver.service.process.pid
    victims = [p for p in _descendants(driver_pid)]
    victims += [p for p in _profile_pids(b.profile_dir) if p not in victims]
    assert victims, "no chromium process found to kill"
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    wait_for(lambda: not [p for p in victims if _alive(p)], 20, "chromium processes gone after SIGKILL")
    b.closed = True
    try:
        b.driver.service.stop()
    except Exception:  # noqa: BLE001 - chromedriver talks to a dead browser
        pass


def wait_flushed(b, timeout: float = 30) -> None:
    """Waits until chromium has written the current sa/v1/ann/* values to the profile on disk
    (its localStorage commit runs ~5 s after a change). Reads the leveldb files for the values'
    bytes; should a future chromium store them otherwise, the wait simply runs out (by then
    the commit happened anyway) and the test goes on."""
    values = [v for k, v in local_storage(b.driver).items() if k.startswith("sa/v1/ann/")]
    assert values, "nothing saved in localStorage yet"
    encoded = [(v.encode("latin-1", "replace"), v.encode("utf-16-le")) for v in values]
    root = Path(b.profile_dir)

    def on_disk():
        blobs = []
        for f in root.rglob("*"):
            if "Local Storage" in str(f) and f.is_file():
                try:
                    blobs.append(f.read_bytes())
                except OSError:
                    pass
        return all(any(l1 in x or u16 in x for x in blobs) for l1, u16 in encoded)

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not on_disk():
        time.sleep(0.25)
    time.sleep(0.5)


def wait_page_settled(d) -> None:
    wait_for(lambda: {SEED_000, SEED_003} <= set(doc_ids(d)), msg="seed documents listed")


def error_messages(d) -> list[str]:
    return d.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);", ERROR_SEL
    )


def goto_origin_without_app(b, server) -> None:
    """A same-origin document that runs no page script (to edit localStorage before load)."""
    b.collect()
    b.driver.get(server.origin + "/articles/index.json")
    wait_for(lambda: b.driver.execute_script("return document.readyState") == "complete", msg="index.json loaded")


# -- 1. crash mid-session -------------------------------------------------------------------

FIRST = [(SEED_000, 0, "1", ["claim"]), (SEED_000, 2, "2", ["denial"]), (SEED_003, 1, "3", ["demand"])]
SECOND = [(SEED_000, 4, "3", ["demand"]), (SEED_003, 3, "1", ["claim"])]
LAST = (SEED_003, 5, "2", ["denial"])


def _tag_all(d, rows):
    for doc, i, key, lab in rows:
        tag(d, doc, i, key, lab)


def test_crash_right_after_a_key_press(browsers, server, tmp_path):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    _tag_all(d, FIRST)
    for doc, i, _, lab in FIRST:
        wait_stored(d, f"{doc}:{i}", lab[0])
    wait_flushed(b)  # chromium flushes localStorage to disk ~5 s after a change
    _tag_all(d, SECOND)
    doc, i, key, lab = LAST
    focus_sentence(d, doc, i)
    b.collect()
    press(d, key)
    crash(b)  # right after the key press: these last labels may be lost, nothing else may break

    b2 = browsers(profile=b.profile_dir)
    d2 = b2.driver
    open_app(b2, server.url)
    wait_page_settled(d2)
    assert not error_messages(d2), f"error message after a crash: {error_messages(d2)}"
    shown = shown_labels(d2)
    stored = stored_labels(d2)
    assert shown == stored, f"labels shown {shown} != labels in localStorage {stored}"
    allowed = {f"{doc}:{i}": sorted(lab) for doc, i, _, lab in FIRST + SECOND + [LAST]}
    for k, v in shown.items():
        assert allowed.get(k) == v, f"{k}: {v} after the crash, never tagged so (tags: {allowed})"
    for doc, i, _, lab in FIRST:
        assert shown.get(f"{doc}:{i}") == lab, f"{doc}:{i} (saved 8 s before the crash) lost: {shown}"
    # the page still works on the recovered state
    tag(d2, SEED_000, 6, "1", ["claim"])
    wait_stored(d2, f"{SEED_000}:6", "claim")
    assert not error_messages(d2), error_messages(d2)


def test_crash_after_waiting(browsers, server, tmp_path):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    rows = FIRST + SECOND + [LAST]
    _tag_all(d, rows)
    for doc, i, _, lab in rows:
        wait_stored(d, f"{doc}:{i}", lab[0])
    time.sleep(5)  # ~5 s of idle time, as a person pausing
    wait_flushed(b)  # and until chromium's delayed commit has reached the disk
    crash(b)

    b2 = browsers(profile=b.profile_dir)
    d2 = b2.driver
    open_app(b2, server.url)
    wait_page_settled(d2)
    assert not error_messages(d2), f"error message after a crash: {error_messages(d2)}"
    want = {f"{doc}:{i}": sorted(lab) for doc, i, _, lab in rows}
    shown = shown_labels(d2)
    assert shown == want, f"after a crash 5 s after the last change: shown {shown}, expected {want}"
    assert stored_labels(d2) == want


# -- 2. two tabs ------------------------------------------------------------------------


def _in(d, handle):
    d.switch_to.window(handle)


def test_two_tabs_merge_per_sentence(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tab1 = d.current_window_handle
    d.switch_to.new_window("window")
    tab2 = d.current_window_handle
    open_app(browser, server.url)

    _in(d, tab1)
    tag(d, SEED_000, 1, "1", ["claim"])
    _in(d, tab2)
    tag(d, SEED_000, 3, "3", ["demand"])
    # tab 2 got tab 1's label through the storage event, and kept its own
    show_doc(d, SEED_000)
    wait_labels(d, SEED_000, 1, ["claim"], "tab 2 shows the label made in tab 1")
    assert sentence_labels(d, SEED_000, 3) == ["demand"]
    _in(d, tab1)
    show_doc(d, SEED_000)
    wait_labels(d, SEED_000, 3, ["demand"], "tab 1 shows the label made in tab 2")
    assert sentence_labels(d, SEED_000, 1) == ["claim"]

    # another document, the other way round
    _in(d, tab2)
    tag(d, SEED_003, 2, "2", ["denial"])
    _in(d, tab1)
    show_doc(d, SEED_003)
    wait_labels(d, SEED_003, 2, ["denial"], "tab 1 shows tab 2's label in 003")

    # the same sentence tagged differently: the later change wins, in both tabs
    _in(d, tab1)
    tag(d, SEED_000, 5, "1", ["claim"])
    _in(d, tab2)
    show_doc(d, SEED_000)
    wait_labels(d, SEED_000, 5, ["claim"], "tab 2 sees tab 1's claim")
    time.sleep(0.05)  # distinct millisecond time stamps
    tag(d, SEED_000, 5, "3", ["demand"])
    _in(d, tab1)
    show_doc(d, SEED_000)
    wait_labels(d, SEED_000, 5, ["demand"], "tab 1 takes tab 2's later change of the same sentence")

    want = {f"{SEED_000}:1": ["claim"], f"{SEED_000}:3": ["demand"], f"{SEED_000}:5": ["demand"], f"{SEED_003}:2": ["denial"]}
    for h in (tab1, tab2):
        _in(d, h)
        assert shown_labels(d) == want, f"tab {h}: {shown_labels(d)}"
    _in(d, tab1)
    assert stored_labels(d) == want, stored_labels(d)
    for h in (tab1, tab2):
        _in(d, h)
        reload(browser)
        assert shown_labels(d) == want, f"after reload of tab {h}: {shown_labels(d)}"


# -- 3. quota full ----------------------------------------------------------------------

FILL_JS = r"""
var n = 0, sizes = [102400, 10240, 1024, 128, 16, 1];
for (var s = 0; s < sizes.length; s++) {
  var chunk = new Array(sizes[s] + 1).join('x');
  for (;;) {
    try { localStorage.setItem('junk/' + n, chunk); n++; } catch (e) { break; }
    if (n > 100000) return -1;
  }
}
return n;
"""

CLEAR_JUNK_JS = r"""
var ks = [];
for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); if (k.indexOf('junk/') === 0) ks.push(k); }
ks.forEach(function (k) { localStorage.removeItem(k); });
return ks.length;
"""


def _meter_visible(d):
    els = [e for e in css_all(d, '[data-meter="storage"]') if e.is_displayed()]
    assert els, '[data-meter="storage"] is not visible'
    return els[0]


def _full_message(d):
    return [e for e in css_all(d, "[data-storage-full]") if e.is_displayed()]


def test_quota_full_keeps_working(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    wait_page_settled(d)
    _meter_visible(d)
    assert not _full_message(d), "storage-full message on a fresh profile"
    n = d.execute_script(FILL_JS)
    assert n > 0, f"could not fill localStorage ({n})"
    d.execute_script("try { localStorage.setItem('junk/probe', 'yy'); } catch (e) { return; } throw new Error('not full');")

    tag(d, SEED_000, 2, "2", ["denial"])
    msg = wait_for(lambda: _full_message(d), msg="[data-storage-full] message shown when localStorage is full")[0]
    assert "export" in msg.text.lower(), f"the storage-full message does not mention export: {msg.text!r}"
    _meter_visible(d)
    # the label stays on the page, and the export still has it
    time.sleep(0.5)
    assert sentence_labels(d, SEED_000, 2) == ["denial"]
    _, data = export_json(browser)
    check_export(data)
    assert export_labels(data)[f"{SEED_000}:2"] == ["denial"]
    assert f"{SEED_000}:2" not in stored_labels(d), "the write was expected to fail while full"

    removed = d.execute_script(CLEAR_JUNK_JS)
    assert removed == n
    tag(d, SEED_003, 4, "3", ["demand"])
    wait_for(lambda: not _full_message(d), msg="storage-full message gone once there is space again")
    _meter_visible(d)
    wait_for(
        lambda: stored_labels(d) == {f"{SEED_000}:2": ["denial"], f"{SEED_003}:4": ["demand"]},
        msg="both labels (the one made while full too) saved in localStorage",
    )
    reload(browser)
    assert shown_labels(d) == {f"{SEED_000}:2": ["denial"], f"{SEED_003}:4": ["demand"]}
    _meter_visible(d)


# -- 5. migration and future layouts ------------------------------------------------------


def test_v0_storage_is_migrated(browser, server):
    d = browser.driver
    goto_origin_without_app(browser, server)
    d.execute_script("localStorage.clear(); localStorage.setItem('sa/v0', arguments[0]);", V0_FIXTURE.read_text(encoding="utf-8"))
    open_app(browser, server.url)
    wait_page_settled(d)
    want = {f"{SEED_000}:0": ["claim"], f"{SEED_000}:3": ["denial"], f"{SEED_003}:1": ["demand"]}
    wait_for(lambda: shown_labels(d) == want, msg=f"v0 labels {want} on the seeds (have {shown_labels(d)})")
    infos = wait_for(lambda: [m for m in messages(d, "info") if "migrat" in m.lower()], msg="an info message about the migration")
    assert infos
    assert not error_messages(d), error_messages(d)
    ls = local_storage(d)
    assert json.loads(ls["sa/v1/meta"]).get("layout") == 1, ls.get("sa/v1/meta")
    assert json.loads(ls["sa/v1/meta"]).get("annotator") == "maria", ls.get("sa/v1/meta")
    assert stored_labels(d) == want
    # migrated once: a reload shows the same, without migrating again
    reload(browser)
    wait_page_settled(d)
    assert shown_labels(d) == want
    time.sleep(0.5)
    assert not [m for m in messages(d) if "migrat" in m.lower()], f"migrated again on reload: {messages(d)}"


def test_future_layout_is_left_untouched(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tag(d, SEED_000, 1, "1", ["claim"])
    wait_stored(d, f"{SEED_000}:1", "claim")
    goto_origin_without_app(browser, server)
    d.execute_script("localStorage.setItem('sa/v1/meta', JSON.stringify({layout: 99, future: 'yes'}));")
    before = local_storage(d)
    assert len(before) >= 2, before

    open_app(browser, server.url)
    err = wait_for(lambda: [m for m in error_messages(d) if "newer version" in m.lower()],
                   msg="an error message about a newer version")
    assert err
    assert local_storage(d) == before, "loading changed storage written by a newer version"
    # tag sentences as a person would: nothing may be written
    for doc, i, key in [(SEED_000, 2, "2"), (SEED_003, 0, "3")]:
        focus_sentence(d, doc, i)
        press(d, key)
        time.sleep(0.3)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        now = local_storage(d)
        assert now == before, f"storage changed: {sorted(k for k in set(now) | set(before) if now.get(k) != before.get(k))}"
        time.sleep(0.25)
    reload(browser)
    wait_for(lambda: [m for m in error_messages(d) if "newer version" in m.lower()], msg="still refused after reload")
    assert local_storage(d) == before


# -- 6. remove a document -------------------------------------------------------------------


def _visible(d, selector):
    return [e for e in css_all(d, selector) if e.is_displayed()]


def _remove_open_doc(d):
    retry_stale(lambda: wait_for(lambda: _visible(d, '[data-action="remove-doc"]'), msg="remove-doc button")[0].click())
    retry_stale(lambda: wait_for(lambda: _visible(d, '[data-action="confirm-remove"]'), msg="confirm-remove dialog")[0].click())


def test_remove_undo_and_reimport(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tag(d, SEED_000, 0, "1", ["claim"])
    tag(d, SEED_000, 3, "2", ["denial"])
    tag(d, SEED_003, 1, "3", ["demand"])

    # cancel keeps it
    show_doc(d, SEED_000)
    wait_for(lambda: _visible(d, '[data-action="remove-doc"]'), msg="remove-doc")[0].click()
    wait_for(lambda: _visible(d, '[data-action="cancel-remove"]'), msg="cancel-remove")[0].click()
    wait_for(lambda: not _visible(d, '[data-action="confirm-remove"]'), msg="dialog closed")
    assert SEED_000 in doc_ids(d)

    _remove_open_doc(d)
    wait_for(lambda: SEED_000 not in doc_ids(d), msg="removed document leaves the list")
    assert SEED_003 in doc_ids(d)
    undo = wait_for(lambda: _visible(d, '[data-messages] [data-message] [data-action="undo-remove"]'), msg="undo-remove in a message")[0]
    undo.click()
    wait_for(lambda: SEED_000 in doc_ids(d), msg="undo-remove brings the document back")
    show_doc(d, SEED_000)
    wait_for(lambda: shown_labels(d) == {f"{SEED_000}:0": ["claim"], f"{SEED_000}:3": ["denial"], f"{SEED_003}:1": ["demand"]},
             msg="labels back with the document")

    show_doc(d, SEED_000)
    _remove_open_doc(d)
    wait_for(lambda: SEED_000 not in doc_ids(d), msg="removed again")
    reload(browser)
    wait_for(lambda: SEED_003 in doc_ids(d), msg="003 listed")
    time.sleep(0.5)
    assert SEED_000 not in doc_ids(d), "a removed bundled document came back after a reload"
    assert not css_all(d, f'[data-sentence^="{SEED_000}:"]')
    assert shown_labels(d, docs=(SEED_003,)) == {f"{SEED_003}:1": ["demand"]}

    # re-importing an article already present: no duplicate, labels kept
    n_sent = len([k for k in page_labels(d) if k.startswith(SEED_003 + ":")])
    import_files(d, REPO / "static" / "articles" / f"{SEED_003}.txt")
    wait_for(lambda: messages(d), msg="a message about the import")
    time.sleep(1)
    ids = doc_ids(d)
    assert ids.count(SEED_003) == 1, f"re-import duplicated the document: {ids}"
    assert not [i for i in ids if i.startswith(SEED_003) and i != SEED_003], f"re-import made a copy: {ids}"
    show_doc(d, SEED_003)
    assert len([k for k in page_labels(d) if k.startswith(SEED_003 + ":")]) == n_sent
    assert shown_labels(d, docs=(SEED_003,)) == {f"{SEED_003}:1": ["demand"]}
    assert not error_messages(d), error_messages(d)
    reload(browser)
    ids = doc_ids(d)
    assert ids.count(SEED_003) == 1 and SEED_000 not in ids, ids
    assert shown_labels(d, docs=(SEED_003,)) == {f"{SEED_003}:1": ["demand"]}
