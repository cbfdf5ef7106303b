"""Team sync with a CouchDB (docs/ARCHITECTURE.md, Team sync), end to end: real browsers,
PouchDB Server behind the static server's same-origin proxy (`couchdb/team`, fixtures in
conftest.py). Two annotators and a curator on one database see each other's labels as layers,
the curator's gold and imported article reach the annotators; the server going down mid-session
leaves the page `offline` and working, and it catches up when the server is back; one annotator
in two browsers converges per sentence, and a sentence split in one browser is split in the
other, its labels on the right halves, and a boundary disagreement in the curator's review; a
wrong address and a wrong password say so in words; Stop sync and Log out end the session, so
the browser's cookie logs nobody in until the password is typed again. The guards (conftest.py) fail any test whose
page reached outside its origin; the console errors a test expects (the browser logs every
failed request: 401, 404, 502) are allowed by pattern, for the database's paths only."""

from __future__ import annotations

import json

import pytest

from harness import *  # noqa: F401,F403

SYNC_URL = "couchdb/team"
STATUS = "[data-sync-status]"


# -- the team ---------------------------------------------------------------------------------


def _team(couch) -> None:
    """Users ann, ben (annotators), cora (curator), and an admin: no more admin party."""
    couch.add_user("ann", "pw-ann")
    couch.add_user("ben", "pw-ben")
    couch.add_user("cora", "pw-cora", roles=["curator"])
    couch.set_admin("admin", "pw-admin")


def status(d) -> str:
    # The status element is redrawn as the sync runs: read it again if it went stale.
    def read() -> str:
        el = css(d, STATUS)
        return f"{el.get_attribute('data-sync-status')}|{el.text}"
    return retry_stale(read)


def wait_status(d, want: str, timeout: float = 30) -> None:
    wait_for(lambda: status(d) == f"{want}|{want}", timeout=timeout,
             msg=f"sync status {want} (now {status(d)}, message {sync_message(d)!r})")


def sync_message(d) -> str:
    def read() -> str:
        els = css_all(d, "[data-sync-message]")
        return els[0].text if els else ""
    return retry_stale(read)


def _fill(d, name: str, value: str) -> None:
    el = setting(d, name)
    click_centered(d, el)
    ctrl(d, "a", into_field=True)
    type_keys(d, value)
    type_keys(d, Keys.TAB)


def start_sync(d, url: str = SYNC_URL, password: str | None = None) -> None:
    """Types the URL (and a password), presses Start."""
    _fill(d, "sync-url", url)
    if password is not None:
        _fill(d, "sync-password", password)
    click_centered(d, css(d, '[data-action="sync-start"]'))


def join(browsers, site, name: str, password: str | None, profile=None) -> Browser:
    """A browser of `name` on the site, syncing, in step with the server."""
    b = browsers(profile=profile, origins=[site.origin])
    d = b.driver
    open_app(b, site.url)
    set_annotator(d, name)
    start_sync(d, password=password)
    wait_status(d, "idle")
    assert setting(d, "sync-password").get_attribute("value") == "", "the password field is emptied"
    return b


def decide(d, doc: str, i: int, key: str) -> None:
    want = {"0": [], "1": ["claim"], "2": ["denial"], "3": ["demand"]}[key]
    focus_sentence(d, doc, i)
    press(d, key)
    wait_for(lambda: attr_of(d, doc, i, "data-decided") == "true" and sentence_labels(d, doc, i) == want,
             msg=f"{doc}:{i} decided as {want or 'none'}")


def server_doc(couch, doc_id: str):
    status_, body, _ = couch.request("GET", f"team/{doc_id}")
    return body if status_ == 200 else None


def server_labels(couch, doc_id: str) -> dict:
    """{index: labels} of a sheet on the server (decided records only)."""
    body = server_doc(couch, doc_id) or {}
    return {int(i): r.get("l", []) for i, r in body.get("s", {}).items() if r.get("l") or r.get("z")}


def layers(d) -> list[str]:
    return sorted(e.get_attribute("data-layer") for e in css_all(d, '[data-panel="team"] [data-layer]'))


def sentence_texts(d, doc: str) -> list[str]:
    """The sentences' own text (their text nodes, without the tags after them), in order."""
    return d.execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence^=\"' + arguments[0] + ':\"]'))"
        ".sort((a, b) => +a.dataset.sentence.split(':').pop() - +b.dataset.sentence.split(':').pop())"
        ".map(e => Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join(''))",
        doc,
    )


def session_user(d):
    """Who the browser's cookie logs in: `GET couchdb/_session` from the page, through the
    same-origin proxy, as the page's own requests go (None: nobody)."""
    return d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('couchdb/_session', {credentials: 'include', cache: 'no-store',"
        " headers: {Accept: 'application/json'}})"
        ".then(r => r.json()).then(b => done(b.userCtx.name), e => done('failed: ' + e));"
    )


def wait_logged_out(d, site, what: str) -> None:
    """Waits until the browser holds no `AuthSession` cookie, then asks the server who the
    browser logs in (nobody). Read from the browser's cookie jar, not by asking the server
    while waiting: PouchDB Server sets the cookie again on every answer to a request that
    carried it, so a question in flight while the page logs out would log the browser back
    in. A timeout says what the cookie still holds, the sync's status and message, and the
    `_session` requests the page's server forwarded."""
    try:
        wait_for(lambda: auth_cookie(d) == "")
    except WaitTimeout as e:
        sessions = [r for r in site.requests if "_session" in r[1]]
        raise WaitTimeout(f"{what}: the browser keeps the cookie {auth_cookie(d)!r}; sync status {status(d)}, "
                          f"message {sync_message(d)!r}; _session requests {sessions}") from e
    assert session_user(d) is None, f"{what}: the server still logs the browser in"


def auth_cookie(d) -> str:
    """The browser's `AuthSession` cookie for the page's origin ("" when it has none)."""
    return next((c["value"] for c in d.get_cookies() if c["name"] == "AuthSession"), "")


def allow_db_errors(b: Browser) -> None:
    """The browser logs each failed request to the database; those are expected here."""
    b.console_allow.append(r"/couchdb/\S* - Failed to load resource")
    b.console_allow.append(r"/couchdb/.*(401|403|404|502|503|504)")


# -- the tests ----------------------------------------------------------------------------------


def test_two_annotators_and_a_curator_share_one_database(browsers, couch, couch_db, couch_site):
    _team(couch)
    ann = join(browsers, couch_site, "ann", "pw-ann")
    ben = join(browsers, couch_site, "ben", "pw-ben")
    for doc, i, key in [(SEED_000, 0, "1"), (SEED_000, 1, "1"), (SEED_000, 2, "2")]:
        decide(ann.driver, doc, i, key)
    for doc, i, key in [(SEED_000, 0, "1"), (SEED_000, 1, "2"), (SEED_000, 2, "0")]:
        decide(ben.driver, doc, i, key)
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"], 1: ["claim"], 2: ["denial"]},
             msg="ann's labels on the server")
    wait_for(lambda: server_labels(couch, f"ann:ben:{SEED_000}") == {0: ["claim"], 1: ["denial"], 2: []},
             msg="ben's labels on the server")

    cora = join(browsers, couch_site, "cora", "pw-cora")
    d = cora.driver
    wait_for(lambda: layers(d) == ["ann", "ben"], msg=f"ann and ben as layers (now {layers(d)})")
    assert sentence_labels(d, SEED_000, 0) == [], "colleagues' labels never become the curator's own"
    # The curator adjudicates sentence 1: the gold goes to the server.
    show_doc(d, SEED_000)
    focus_sentence(d, SEED_000, 1)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
    wait_attr(d, SEED_000, 1, "data-status", "unresolved")
    focus_sentence(d, SEED_000, 1)
    press(d, "2")
    wait_attr(d, SEED_000, 1, "data-gold", "denial")
    wait_for(lambda: server_labels(couch, f"gold:{SEED_000}").get(1) == ["denial"], msg="gold on the server")
    # The coordinator imports an article: it reaches the annotators.
    import_files(d, FIXTURES / "articles.jsonl")
    wait_for(lambda: "jsonl-art-1" in doc_ids(d), msg="the import in the curator's list")
    wait_for(lambda: server_doc(couch, "article:jsonl-art-1") is not None, msg="the article on the server")
    for b in (ann, ben):
        # The annotator's listen brings it; a label press meanwhile cancels and renews it.
        decide(b.driver, SEED_003, 0, "3")
        wait_for(lambda: "jsonl-art-1" in doc_ids(b.driver) and "jsonl-art-2" in doc_ids(b.driver), timeout=10,
                 msg="the imported articles reach the annotator")
    # The annotators see the gold in review mode, and the curator ann's newest label live.
    da = ann.driver
    show_doc(da, SEED_000)
    focus_sentence(da, SEED_000, 1)
    retry_stale(lambda: click_centered(da, one_visible(da, '[data-action="adjudicate"]')))
    wait_attr(da, SEED_000, 1, "data-gold", "denial")
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_003}") == {0: ["demand"]}, msg="ann's new label sent")
    for b in (ann, ben, cora):
        assert "error" not in status(b.driver)


def test_the_server_going_away_leaves_the_page_working_and_it_catches_up(browsers, couch, couch_db, couch_site):
    _team(couch)
    ann = join(browsers, couch_site, "ann", "pw-ann")
    d = ann.driver
    allow_db_errors(ann)
    decide(d, SEED_000, 0, "1")
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"]}, msg="first label sent")
    couch.stop()
    # Work goes on: labels are taken and stored locally while the server is gone.
    decide(d, SEED_000, 1, "2")
    decide(d, SEED_000, 2, "3")
    wait_status(d, "offline", timeout=40)
    assert "unreachable" in sync_message(d)
    decide(d, SEED_000, 3, "0")
    assert stored_labels(d).get(f"{SEED_000}:2") == ["demand"], "offline work is stored locally"
    couch.start()
    wait_status(d, "idle", timeout=90)
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"], 1: ["denial"], 2: ["demand"], 3: []},
             msg="everything done offline reached the server")
    assert sync_message(d) == ""
    # A second browser of another annotator sees all of it.
    ben = join(browsers, couch_site, "ben", "pw-ben")
    wait_for(lambda: layers(ben.driver) == ["ann"], msg="ann's layer in ben's page")


def test_one_annotator_in_two_browsers_converges_per_sentence(browsers, couch, couch_db, couch_site):
    _team(couch)
    one = join(browsers, couch_site, "ann", "pw-ann")
    two = join(browsers, couch_site, "ann", "pw-ann")
    d1, d2 = one.driver, two.driver
    decide(d1, SEED_000, 0, "1")
    decide(d1, SEED_000, 1, "1")
    decide(d2, SEED_000, 2, "3")
    # Later, the second browser changes sentence 1: the latest change wins everywhere.
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}").get(1) == ["claim"], msg="first browser's label sent")
    decide(d2, SEED_000, 1, "0")
    want = {0: ["claim"], 1: [], 2: ["demand"]}
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == want, timeout=40, msg="the merge on the server")
    for d in (d1, d2):
        # A change wakes the sync at once; the other browser's listen brings the merge.
        wait_for(lambda: all(sentence_labels(d, SEED_000, i) == w for i, w in want.items()), timeout=10,
                 msg=f"both browsers hold {want}")
    assert layers(d1) == [] and layers(d2) == [], "one's own work is never a layer"


def listens(site) -> int:
    """The listens (`_changes?feed=longpoll`) the site's proxy passed on so far."""
    return sum(1 for _, p in list(site.requests) if "/couchdb/team/_changes" in p and "feed=longpoll" in p)


def test_an_idle_page_hears_a_decision_at_once(browsers, couch, couch_db, couch_site):
    """Live means live: an idle page listens (a request the database holds until something
    changes), so a decision made in one browser shows in another, idle, within seconds, where
    the old 30 s poll took up to half a minute: the waits below are 5 s."""
    _team(couch)
    one = join(browsers, couch_site, "ann", "pw-ann")
    two = join(browsers, couch_site, "ann", "pw-ann")
    ben = join(browsers, couch_site, "ben", "pw-ben")
    d1, d2, db = one.driver, two.driver, ben.driver
    for d in (d1, d2, db):
        show_doc(d, SEED_000)
    # All idle, listening: a held request each, not a request a second.
    wait_for(lambda: all(status(d) == "idle|idle" for d in (d1, d2, db)), msg="all three idle")
    held = listens(couch_site)
    stays(lambda: all(status(d) == "idle|idle" for d in (d1, d2, db)), seconds=3, msg="all three idle")
    assert listens(couch_site) - held <= 3, "an idle page holds one listen, it does not poll"
    decide(d1, SEED_000, 0, "1")
    wait_for(lambda: sentence_labels(d2, SEED_000, 0) == ["claim"], timeout=5,
             msg="the same annotator's idle browser has the decision within 5 s")
    wait_for(lambda: layers(db) == ["ann"], timeout=5, msg="the colleague's idle page has ann's layer within 5 s")
    # And the other way: the idle browser that received it decides; the first hears it.
    decide(d2, SEED_000, 1, "2")
    wait_for(lambda: sentence_labels(d1, SEED_000, 1) == ["denial"], timeout=5,
             msg="the decision back in the first browser within 5 s")
    for d in (d1, d2, db):
        assert "error" not in status(d)


def test_a_split_in_one_browser_reaches_the_other_and_the_curators_review(browsers, couch, couch_db, couch_site):
    _team(couch)
    one = join(browsers, couch_site, "ann", "pw-ann")
    two = join(browsers, couch_site, "ann", "pw-ann")
    d1, d2 = one.driver, two.driver
    for d in (d1, d2):
        show_doc(d, SEED_000)
    before = sentence_texts(d1, SEED_000)
    # The first browser splits sentence 1 at its first gap (split mode: `s`, a click on a
    # gap) and labels both halves.
    focus_sentence(d1, SEED_000, 1)
    press(d1, "s")
    gaps = wait_for(lambda: css_all(d1, "[data-split-at]"), msg="split mode shows the gaps")
    click_centered(d1, gaps[0])
    wait_for(lambda: len(sentence_texts(d1, SEED_000)) == len(before) + 1, msg="the click splits")
    split = sentence_texts(d1, SEED_000)
    decide(d1, SEED_000, 1, "1")
    decide(d1, SEED_000, 2, "2")
    def sheet() -> dict:
        return server_doc(couch, f"ann:ann:{SEED_000}") or {}

    wait_for(lambda: "b" in sheet() and "bt" in sheet()
             and server_labels(couch, f"ann:ann:{SEED_000}") == {1: ["claim"], 2: ["denial"]},
             msg="the boundaries and both halves' labels on the server")
    assert len(sheet()["b"]) == len(split), "the sentences' byte spans, one per sentence"
    # The other browser of the same annotator takes the split, the labels on the right halves
    # (its listen brings them at once).
    wait_for(lambda: sentence_texts(d2, SEED_000) == split, timeout=10, msg="the split in the other browser")
    wait_for(lambda: [sentence_labels(d2, SEED_000, i) for i in (1, 2)] == [["claim"], ["denial"]],
             msg="both halves' labels in the other browser")
    # It labels a later sentence: the first browser sees it on the same sentences.
    decide(d2, SEED_000, 3, "3")
    wait_for(lambda: sentence_labels(d1, SEED_000, 3) == ["demand"], timeout=10, msg="the other browser's label back")
    assert sentence_texts(d1, SEED_000) == split
    assert layers(d1) == [] and layers(d2) == [], "one's own work is never a layer"
    # A curator on the segmenter's sentences: ann's boundaries are a disagreement in review.
    cora = join(browsers, couch_site, "cora", "pw-cora")
    d = cora.driver
    wait_for(lambda: layers(d) == ["ann"], msg=f"ann as a layer (now {layers(d)})")
    show_doc(d, SEED_000)
    assert sentence_texts(d, SEED_000) == before, "a colleague's boundaries are never the curator's own"
    focus_sentence(d, SEED_000, 1)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
    row = wait_for(lambda: visible(d, '[data-panel="boundaries"] [data-boundary-diff="ann"]'),
                   msg="review lists ann's boundaries")[0]
    assert split[1].strip() in row.text and split[2].strip()[:20] in row.text
    click_centered(d, one_visible(d, '[data-action="adopt-boundaries"][data-annotator="ann"]'))
    wait_for(lambda: sentence_texts(d, SEED_000) == split, msg="ann's boundaries adopted")
    wait_for(lambda: not visible(d, '[data-panel="boundaries"]'), msg="no disagreement left")
    for b in (one, two, cora):
        assert "error" not in status(b.driver)
        # The three pages keep syncing; the database stops at teardown before the browsers'
        # guards run, and a request caught in between is refused (seen on a loaded machine).
        b.console_allow.append(r"/couchdb/\S* - Failed to load resource: net::ERR_CONNECTION_REFUSED")


def test_a_wrong_address_or_password_is_said_in_words(browsers, couch, couch_db, couch_site):
    _team(couch)
    b = browsers(origins=[couch_site.origin])
    allow_db_errors(b)
    d = b.driver
    open_app(b, couch_site.url)
    set_annotator(d, "ann")
    # Not logged in: the database asks for it.
    start_sync(d, url=SYNC_URL)
    wait_status(d, "error")
    assert "401" in sync_message(d)
    start_sync(d, url=SYNC_URL, password="wrong")
    wait_status(d, "error")
    assert "401" in sync_message(d) and "password" in sync_message(d)
    # Logged in, but no database there.
    start_sync(d, url="couchdb/nothing-here", password="pw-ann")
    wait_status(d, "error")
    assert "404" in sync_message(d) and "address" in sync_message(d)
    start_sync(d, url=SYNC_URL, password="pw-ann")
    wait_status(d, "idle")
    assert sync_message(d) == ""
    click_centered(d, css(d, '[data-action="sync-stop"]'))
    wait_status(d, "off")


def test_a_reload_resumes_the_sync_and_sends_nothing_twice(browsers, couch, couch_db, couch_site, tmp_path):
    _team(couch)
    profile = tmp_path / "ann-profile"
    ann = join(browsers, couch_site, "ann", "pw-ann", profile=profile)
    d = ann.driver
    decide(d, SEED_000, 0, "1")
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"]}, msg="label sent")
    rev = server_doc(couch, f"ann:ann:{SEED_000}")["_rev"]
    couch_site.take()
    reload(ann)
    wait_status(d, "idle")
    assert setting(d, "sync-url").get_attribute("value") == SYNC_URL
    assert "sa/v1/sync" in idb_storage(d), "the checkpoint is kept in IndexedDB (docs/FORMAT.md §3)"
    assert server_doc(couch, f"ann:ann:{SEED_000}")["_rev"] == rev, "nothing sent again after a reload"
    assert not any("_bulk_docs" in p for p in couch_site.take()), "no push after a reload"
    decide(d, SEED_000, 1, "2")
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"], 1: ["denial"]}, msg="new label sent")
    # Everything went to the page's own origin (the guards check the browser's side too).
    ann.collect()
    assert all(u.startswith(couch_site.origin) or not u.startswith("http") for u in ann.requests)


def test_an_offline_reload_opens_the_page_and_the_sync_catches_up(browsers, couch, couch_db, couch_site):
    if not (DIST / "sw.js").is_file():
        pytest.skip("no service worker in this build: an offline reload cannot open the page")
    _team(couch)
    ann = join(browsers, couch_site, "ann", "pw-ann")
    d = ann.driver
    allow_db_errors(ann)
    ann.console_allow.append(r"An unknown error occurred when fetching the script")
    wait_for(lambda: d.execute_script("return !!(navigator.serviceWorker && navigator.serviceWorker.controller);"),
             msg="a service worker controls the page")
    wait_for(lambda: css_all(d, '[data-offline="ready"]'), msg='[data-offline="ready"]')
    decide(d, SEED_000, 0, "1")
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"]}, msg="label sent")
    # No network at all: the page opens from the worker's cache, the sync says offline.
    couch.stop()
    ann.cdp("Network.enable")
    ann.cdp("Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    reload(ann)
    wait_status(d, "offline", timeout=40)
    assert sentence_labels(d, SEED_000, 0) == ["claim"]
    decide(d, SEED_000, 1, "2")
    # The network and the database come back: what was done offline is sent.
    ann.cdp("Network.emulateNetworkConditions",
            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    couch.start()
    wait_status(d, "idle", timeout=90)
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"], 1: ["denial"]},
             msg="the offline label reached the server")


@pytest.mark.parametrize("button", ["sync-stop", "sync-logout"])
def test_stop_sync_and_log_out_end_the_session(browsers, couch, couch_db, couch_site, button):
    _team(couch)
    ann = join(browsers, couch_site, "ann", "pw-ann")
    d = ann.driver
    allow_db_errors(ann)
    assert session_user(d) == "ann" and auth_cookie(d), "logged in while syncing"
    decide(d, SEED_000, 0, "1")
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"]}, msg="label sent")
    couch_site.take()
    click_centered(d, css(d, f'[data-action="{button}"]'))
    wait_status(d, "off")
    wait_for(lambda: ("DELETE", "/couchdb/_session") in couch_site.requests, msg="the logout sent")
    wait_logged_out(d, couch_site, f"after {button}")
    assert auth_cookie(d) == "", "the server expired the cookie"
    assert sync_message(d) == ""
    # A start without the password is refused in words; with it the sync is back, and the
    # label made meanwhile goes out.
    decide(d, SEED_000, 1, "2")
    start_sync(d)
    wait_status(d, "error")
    assert "401" in sync_message(d) and "password" in sync_message(d)
    assert server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"]}, "nothing sent logged out"
    start_sync(d, password="pw-ann")
    wait_status(d, "idle")
    assert session_user(d) == "ann"
    wait_for(lambda: server_labels(couch, f"ann:ann:{SEED_000}") == {0: ["claim"], 1: ["denial"]},
             msg="the label made while logged out sent")


def test_log_out_ends_a_session_the_sync_did_not_start_in_this_visit(browsers, couch, couch_db, couch_site,
                                                                     tmp_path):
    _team(couch)
    profile = tmp_path / "ann-profile"
    ann = join(browsers, couch_site, "ann", "pw-ann", profile=profile)
    d = ann.driver
    click_centered(d, css(d, '[data-action="sync-stop"]'))
    wait_status(d, "off")
    wait_logged_out(d, couch_site, "stopped")
    # Logged in again by hand (say, another tab), the sync left off, the page reloaded: Log
    # out still ends the session, on the server of the URL in the field.
    assert d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('couchdb/_session', {method: 'POST', credentials: 'include',"
        " headers: {'Content-Type': 'application/json', Accept: 'application/json'},"
        " body: JSON.stringify({name: 'ann', password: 'pw-ann'})}).then(r => done(r.status));"
    ) == 200
    reload(ann)
    wait_status(d, "off")
    assert session_user(d) == "ann"
    assert setting(d, "sync-url").get_attribute("value") == SYNC_URL
    click_centered(d, css(d, '[data-action="sync-logout"]'))
    wait_logged_out(d, couch_site, "Log out without a sync running")
    assert status(d) == "off|off" and sync_message(d) == ""


# Records every value of the sync panel's catch-up line, from before the sync starts.
WATCH_PULL_JS = r"""
window.__pulled = [];
new MutationObserver(function () {
  var p = document.querySelector('[data-sync-pulled]');
  if (p && window.__pulled[window.__pulled.length - 1] !== p.getAttribute('data-sync-pulled')) {
    window.__pulled.push(p.getAttribute('data-sync-pulled'));
  }
}).observe(document.body, {childList: true, subtree: true, attributes: true});
"""


def test_a_first_pull_of_many_documents_shows_its_progress(browsers, couch, couch_db, couch_site, tmp_path):
    """The curator's 1,200 imported articles reach a fresh annotator's page in batches of 500
    changes; the sync panel says how many were pulled while it catches up, then the line goes."""
    _team(couch)
    n = 1_200
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"many-{i:04d}", "text": f"Article {i} says the talks go on. "
                                        f"It also says prices rise."}) + "\n" for i in range(n)), encoding="utf-8")
    cora = join(browsers, couch_site, "cora", "pw-cora")
    import_files(cora.driver, path)
    wait_for(lambda: docs_total(cora.driver) == n + 2, 60, "the curator's import listed")

    def on_server() -> int:
        _, body, _ = couch.request("GET", "team")
        return body.get("doc_count", 0)
    wait_for(lambda: on_server() >= n, 120, f"{n} articles on the server (now {on_server()})")

    b = browsers(origins=[couch_site.origin])
    d = b.driver
    open_app(b, couch_site.url)
    set_annotator(d, "ben")
    d.execute_script(WATCH_PULL_JS)
    start_sync(d, password="pw-ben")
    wait_status(d, "idle", timeout=120)
    seen = [int(v) for v in d.execute_script("return window.__pulled;")]
    assert seen and seen == sorted(seen) and seen[0] >= 500, f"the catch-up's counts: {seen}"
    assert not css_all(d, "[data-sync-pulled]"), "the line goes once in step"
    assert docs_total(d) == n + 2, "every article pulled"
