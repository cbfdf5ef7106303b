"""Storage (HOOKS.md: localStorage keys): the layout, labels kept across a reload and a restart,
and under stress: hard crashes, a full quota, migration from layout 0, a layout from the
future. (Two tabs: test_tabs.py; removing documents: test_documents.py.)"""

import json
import os
import signal
import time
from pathlib import Path

from harness import *  # noqa: F401,F403

V0_FIXTURE = REPO / "tests" / "data" / "storage_v0.json"


# -- helpers ------------------------------------------------------------------------------


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


# -- 1. the layout; reload and restart ---------------------------------------------------

# Labels made in three steps (the crash tests crash after the second or the last).
FIRST = [(SEED_000, 0, "1", ["claim"]), (SEED_000, 2, "2", ["denial"]), (SEED_003, 1, "3", ["demand"])]
SECOND = [(SEED_000, 4, "3", ["demand"]), (SEED_003, 3, "1", ["claim"])]
LAST = (SEED_003, 5, "2", ["denial"])


def test_saved_as_made_kept_across_reload_and_restart(browsers, server):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    want = tag_all(d, FIRST)

    # saved as made, under the documented versioned prefix
    ls = wait_for(lambda: (lambda s: s if f"sa/v1/ann/{SEED_003}" in s else None)(local_storage(d)), msg="sa/v1/ann/<doc>")
    assert f"sa/v1/ann/{SEED_000}" in ls, sorted(ls)
    assert "claim" in ls[f"sa/v1/ann/{SEED_000}"]
    assert "sa/v1/meta" in ls, sorted(ls)
    assert json.loads(ls["sa/v1/meta"]).get("layout") == LAYOUT, ls["sa/v1/meta"]
    assert not [k for k in ls if not k.startswith("sa/")], f"keys outside the versioned prefix: {sorted(ls)}"
    wait_for(lambda: stored_labels(d) == want, msg=f"localStorage holds {want} (has {stored_labels(d)})")

    # reload: same labels
    reload(b)
    assert shown_labels(d) == want

    # restart the browser on the same profile: labels are still there
    profile = b.profile_dir
    time.sleep(3)  # documented: let chromium flush localStorage to disk before quitting
    b.quit()
    b2 = browsers(profile=profile)
    open_app(b2, server.url)
    assert shown_labels(b2.driver) == want


def test_a_page_left_right_after_a_key_press_saves_it_first(browser, server):
    """Saving waits for the frame that shows the change (docs/ARCHITECTURE.md, A key press: a
    key press does not wait for the write); a page being left before that frame saves at once
    (pagehide), so leaving right after a key press loses nothing."""
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 1)
    key = f"sa/v1/ann/{SEED_000}"
    before, after = d.execute_async_script(
        """
        var done = arguments[arguments.length - 1], key = arguments[0];
        var el = document.querySelector('[aria-current="true"][data-sentence]');
        el.dispatchEvent(new KeyboardEvent('keydown', {key: '1', bubbles: true, cancelable: true}));
        // After the page's render (a microtask queued by the key), before any frame:
        Promise.resolve().then(function () {
            var before = localStorage.getItem(key);
            window.dispatchEvent(new Event('pagehide'));
            done([before, localStorage.getItem(key)]);
        });
        """,
        key,
    )
    assert "claim" not in (before or ""), f"written before the frame: {before}"
    assert after and shard_records(after)["1"]["l"] == ["claim"], f"not written when the page was left: {after}"
    reload(browser)
    assert shown_labels(d).get(f"{SEED_000}:1") == ["claim"]


# -- 2. crash mid-session -------------------------------------------------------------------


def test_crash_right_after_a_key_press(browsers, server, tmp_path):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    tag_all(d, FIRST)
    for doc, i, _, lab in FIRST:
        wait_stored(d, f"{doc}:{i}", lab[0])
    wait_flushed(b)  # chromium flushes localStorage to disk ~5 s after a change
    tag_all(d, SECOND)
    doc, i, key, lab = LAST
    focus_sentence(d, doc, i)
    b.collect()
    press(d, key)
    crash(b)  # right after the key press: these last labels may be lost, nothing else may break

    b2 = browsers(profile=b.profile_dir)
    d2 = b2.driver
    open_app(b2, server.url)
    wait_page_settled(d2)
    assert not messages(d2, "error"), f"error message after a crash: {messages(d2, 'error')}"
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
    assert not messages(d2, "error"), messages(d2, "error")


def test_crash_after_waiting(browsers, server, tmp_path):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    rows = FIRST + SECOND + [LAST]
    tag_all(d, rows)
    for doc, i, _, lab in rows:
        wait_stored(d, f"{doc}:{i}", lab[0])
    time.sleep(5)  # ~5 s of idle time, as a person pausing
    wait_flushed(b)  # and until chromium's delayed commit has reached the disk
    crash(b)

    b2 = browsers(profile=b.profile_dir)
    d2 = b2.driver
    open_app(b2, server.url)
    wait_page_settled(d2)
    assert not messages(d2, "error"), f"error message after a crash: {messages(d2, 'error')}"
    want = {f"{doc}:{i}": sorted(lab) for doc, i, _, lab in rows}
    shown = shown_labels(d2)
    assert shown == want, f"after a crash 5 s after the last change: shown {shown}, expected {want}"
    assert stored_labels(d2) == want


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
    els = visible(d, '[data-meter="storage"]')
    assert els, '[data-meter="storage"] is not visible'
    return els[0]


def _full_message(d):
    return visible(d, "[data-storage-full]")


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


# -- 4. migration and future layouts ------------------------------------------------------


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
    assert not messages(d, "error"), messages(d, "error")
    ls = local_storage(d)
    assert json.loads(ls["sa/v1/meta"]).get("layout") == LAYOUT, ls.get("sa/v1/meta")
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
    before = all_storage(d)
    assert len(before) >= 2, before

    open_app(browser, server.url)
    err = wait_for(lambda: [m for m in messages(d, "error") if "newer version" in m.lower()],
                   msg="an error message about a newer version")
    assert err
    assert all_storage(d) == before, "loading changed storage written by a newer version"
    # tag sentences as a person would: nothing may be written
    for doc, i, key in [(SEED_000, 2, "2"), (SEED_003, 0, "3")]:
        focus_sentence(d, doc, i)
        press(d, key)
        time.sleep(0.3)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        now = all_storage(d)
        assert now == before, f"storage changed: {sorted(k for k in set(now) | set(before) if now.get(k) != before.get(k))}"
        time.sleep(0.25)
    reload(browser)
    wait_for(lambda: [m for m in messages(d, "error") if "newer version" in m.lower()], msg="still refused after reload")
    assert all_storage(d) == before
