"""The first screen (docs/ARCHITECTURE.md): index.html carries a still copy of what the page shows
a first-time visitor, painted before the wasm is ready. It is the App's own DOM made still
(scripts/first_screen.py writes it; this checks it is current), it is inert and carries none of
the page's hooks, the App replaces it in place (every sentence where the copy drew it), and a
person who has used the page before never sees it."""

from __future__ import annotations

import difflib

from harness import *  # noqa: F401,F403

# Recorded when the document is parsed (before the wasm can run: the loader waits a frame).
PARSED_SPY_JS = r"""
document.addEventListener('DOMContentLoaded', function () {
  var copy = document.getElementById('first-screen');
  var app = document.getElementById('app');
  window.__parsed = {
    copy: !!copy,
    shown: !!copy && !!copy.querySelector('.sentence') && copy.querySelector('.sentence').getClientRects().length > 0,
    inert: !!copy && !!copy.querySelector('.sentence') && !!copy.querySelector('.sentence').closest('[inert][aria-hidden="true"]'),
    status: !!copy && !!copy.querySelector(':scope > [role="status"]')
      && !copy.querySelector(':scope > [role="status"]').closest('[inert], [aria-hidden="true"]'),
    appShown: !!app && getComputedStyle(app).display !== 'none',
    returning: document.documentElement.classList.contains('returning'),
    hooks: document.querySelectorAll('[data-sentence], [data-action], [data-doc]').length,
    ids: copy ? copy.querySelectorAll('[id]').length : 0,
    rects: copy ? Array.prototype.map.call(copy.querySelectorAll('.sentence'), function (s) {
      var r = s.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];
    }) : [],
  };
});
"""

LIVE_RECTS_JS = r"""
return Array.prototype.map.call(document.querySelectorAll('[data-sentence]'), function (s) {
  var r = s.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];
});
"""


def test_the_copy_is_current_and_the_app_replaces_it_in_place(browser, server):
    d = browser.driver
    browser.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": PARSED_SPY_JS})
    open_app(browser, server.url)
    parsed = d.execute_script("return window.__parsed;")
    assert parsed["copy"] and parsed["shown"] and parsed["inert"], f"a first visit paints the still copy: {parsed}"
    assert parsed["status"], f"the line saying the page is starting is heard (outside the inert copy): {parsed}"
    assert not parsed["appShown"] and not parsed["returning"], parsed
    assert parsed["hooks"] == 0 and parsed["ids"] == 0, f"the copy answers none of the page's hooks: {parsed}"

    # Current: the App's DOM made still is what index.html carries.
    live = still_copy(d)
    carried = carried_in(DIST)
    if live != carried:
        diff = "\n".join(difflib.unified_diff(carried.replace("><", ">\n<").splitlines(),
                                              live.replace("><", ">\n<").splitlines(),
                                              "index.html", "the page", lineterm="", n=1))
        raise AssertionError("index.html's first screen is not what the page shows: run "
                             "`.venv/bin/python scripts/first_screen.py` and build again\n" + diff[:4000])

    # In place: every sentence the copy drew is where the App draws it on the screen (no shift,
    # no scroll: the App does not move a page that starts at its top).
    live_rects = d.execute_script(LIVE_RECTS_JS)
    assert len(parsed["rects"]) == len(live_rects) > 0, (len(parsed["rects"]), len(live_rects))
    moved = [(i, a, b) for i, (a, b) in enumerate(zip(parsed["rects"], live_rects))
             if any(abs(x - y) > 1 for x, y in zip(a, b))]
    assert not moved, f"sentences drawn elsewhere by the App than by the copy (index, copy, App): {moved[:5]}"
    assert d.execute_script("return document.getElementById('first-screen');") is None
    # The App is live: a key tags the focused sentence.
    tag(d, SEED_000, 0, "1", ["claim"])


def test_a_returning_person_never_sees_the_copy(browsers, server, tmp_path):
    b = browsers(profile=tmp_path / "p")
    d = b.driver
    open_app(b, server.url)
    tag(d, SEED_000, 1, "2", ["denial"])
    show_doc(d, SEED_003)
    b.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": PARSED_SPY_JS})
    reload(b)
    parsed = d.execute_script("return window.__parsed;")
    assert parsed["returning"] and not parsed["shown"], f"the copy is hidden from the first paint: {parsed}"
    assert parsed["appShown"], f"the App's own loading line shows instead: {parsed}"
    assert open_doc(d) == SEED_003, "the person's own article, not the copy's"
    show_doc(d, SEED_000)
    wait_attr(d, SEED_000, 1, "data-labels", "denial")


def test_before_the_wasm_the_copy_is_inert_and_says_so(browser, server):
    """The wasm does not arrive (blocked): the copy stays, says the page is starting, and takes
    no click or key; nothing is stored."""
    d = browser.driver
    browser.console_allow += [r"_bg\.wasm", r"Failed to fetch", r"ERR_BLOCKED_BY_CLIENT", r"Uncaught"]
    browser.cdp("Network.enable", {})
    browser.cdp("Network.setBlockedURLs", {"urls": ["*_bg.wasm"]})
    d.get(server.url + "/")
    wait_for(lambda: d.execute_script(
        "var c = document.getElementById('first-screen'); return !!c && c.textContent.indexOf('Starting') >= 0;"),
        msg="the still copy, saying the page is starting")
    first = d.execute_script("var s = document.querySelector('#first-screen .sentence'); return s && s.textContent;")
    assert first and first.startswith("Amid mounting tensions"), first
    box = d.execute_script("var r = document.querySelector('#first-screen .sentence').getBoundingClientRect();"
                           "return [r.left + r.width / 2, r.top + r.height / 2];")
    ActionChains(d).move_by_offset(int(box[0]), int(box[1])).click().send_keys("1").perform()
    inside = d.execute_script("return !!document.activeElement && !!document.activeElement.closest('#first-screen');")
    assert not inside, "nothing in the still copy takes the focus"
    assert d.execute_script("return localStorage.length;") == 0, "nothing stored before the App runs"
