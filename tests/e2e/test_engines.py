"""The cross-engine subset: the core of the page in Firefox ESR (geckodriver) and WebKitGTK
(MiniBrowser through WebKitWebDriver, on an Xvfb display), as the Chromium tests check it in
depth elsewhere: tagging by key, undo and redo, the label kept across a reload, importing a
file, an export that lands as a download with the right content, splitting a sentence, review
by mouse, and a reload with the server gone (the service worker).

Only engine-neutral means are used (no DevTools protocol): "offline" is the page's server
stopped, not the browser's network switched off. A missing engine fails the test, naming
`scripts/setup.sh test`, which installs both. The guards run after each test as everywhere
(browser.py says how each engine's console and requests are read).
"""

import json

import pytest
from harness import *  # noqa: F401,F403

ENGINE_NAMES = ["firefox", "webkit"]
# Selenium's own WebKitGTK driver class still sets a deprecated connection argument.
pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")


@pytest.fixture(params=ENGINE_NAMES)
def engine(request) -> str:
    return request.param


@pytest.fixture
def eb(browsers, engine) -> Browser:
    """A fresh browser of `engine` with a download folder."""
    return browsers(engine=engine)


def test_the_guards_see_this_engine(eb, server):
    """The guards are not blind here: a console error, an uncaught error and a CSP violation
    after the page has loaded are all reported (then forgiven, so that the test passes)."""
    d = eb.driver
    open_app(eb, server.url)
    d.execute_script("console.error('e2e-probe: console'); setTimeout(() => { throw new Error('e2e-probe: uncaught'); });"
                     "fetch('http://192.0.2.1/e2e-probe').catch(() => {});")
    wait_for(lambda: len([p for p in eb.problems() if "e2e-probe" in p or "CSP violation" in p]) >= 3,
             msg=f"three problems reported ({eb.problems()})")
    probs = eb.problems()
    assert any("console error" in p and "e2e-probe: console" in p for p in probs), probs
    assert any("e2e-probe: uncaught" in p for p in probs), probs
    assert any("CSP violation" in p and "192.0.2.1" in p for p in probs), probs
    eb.console.clear()
    eb.csp_violations.clear()
    d.execute_script("window.__cspViolations = []; sessionStorage.removeItem('__e2eCspViolations');")


def test_tag_undo_redo_and_reload_keep_the_labels(eb, server):
    d = eb.driver
    open_app(eb, server.url)
    set_checkbox(d, "auto-advance", False)
    tag(d, SEED_000, 0, "1", ["claim"])
    tag(d, SEED_000, 1, "2", ["denial"])
    tag(d, SEED_000, 2, "m", ["demand"])
    tag(d, SEED_000, 2, "m", [])
    ctrl(d, "z")
    wait_labels(d, SEED_000, 2, ["demand"], "Ctrl+Z undoes the removal")
    ctrl(d, "z")
    wait_labels(d, SEED_000, 2, [], "Ctrl+Z undoes the tag")
    press(d, "u")
    wait_labels(d, SEED_000, 1, [], "u undoes")
    assert sentence_labels(d, SEED_000, 0) == ["claim"], "one undo, one step"
    ctrl(d, "z", shift=True)
    wait_labels(d, SEED_000, 1, ["denial"], "Ctrl+Shift+Z redoes")
    ctrl(d, "y")
    wait_labels(d, SEED_000, 2, ["demand"], "Ctrl+Y redoes")
    want = {f"{SEED_000}:0": ["claim"], f"{SEED_000}:1": ["denial"], f"{SEED_000}:2": ["demand"]}
    wait_for(lambda: stored_labels(d) == want, msg=f"saved as shown ({stored_labels(d)})")

    reload(eb)
    show_doc(d, SEED_000)
    assert {k: v for k, v in page_labels(d).items() if v} == want, "the labels survive a reload"
    # and the history too: u after the reload undoes the last step
    focus_sentence(d, SEED_000, 0)
    press(d, "u")
    wait_labels(d, SEED_000, 2, [], "the undo history survives a reload")


def test_import_a_file_and_export_a_download(eb, server):
    d = eb.driver
    open_app(eb, server.url)
    import_files(d, FIXTURES / "articles.jsonl")
    wait_for(lambda: {"jsonl-art-1", "jsonl-art-2"} <= set(doc_ids(d)), msg=f"imported documents listed ({doc_ids(d)})")
    assert not messages(d, "error"), messages(d, "error")
    show_doc(d, "jsonl-art-2")
    texts = page_sentences(d)
    assert any("\u201cnot true\u201d" in t for t in texts.values()), texts
    set_checkbox(d, "auto-advance", False)
    tag(d, "jsonl-art-2", 1, "3", ["demand"])
    tag(d, SEED_000, 0, "1", ["claim"])

    path, data = export_json(eb)
    check_export(data)
    assert {k: v for k, v in export_labels(data).items() if v} == {"jsonl-art-2:1": ["demand"], f"{SEED_000}:0": ["claim"]}
    doc = next(x for x in data["documents"] if x["id"] == "jsonl-art-2")
    assert doc["text"] == "The agency said the leak was \u201cnot true\u201d. Critics demanded an inquiry."
    for s in doc["sentences"]:
        assert doc["text"][s["start"]:s["end"]] == s["text"]
    # the file on disk is the whole export: UTF-8 JSON, the same as parsed
    assert json.loads(path.read_bytes().decode("utf-8")) == data
    assert_page_matches_export(d, {"documents": [doc]})


SPLIT_TEXT = "He said so on Monday, and she denied it at once. Then more came.\n\nAnother paragraph here."


def test_split_by_key_and_by_click(eb, server, tmp_path):
    d = eb.driver
    open_app(eb, server.url)
    feed = tmp_path / "bounds.jsonl"
    feed.write_text(json.dumps({"id": "bnd", "title": "Boundaries", "text": SPLIT_TEXT}) + "\n", encoding="utf-8")
    import_files(d, feed)
    show_doc(d, "bnd")
    set_checkbox(d, "auto-advance", False)
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 3, msg=f"three sentences ({sentence_texts(d, 'bnd')})")
    tag(d, "bnd", 0, "1", ["claim"])
    press(d, "s")
    wait_for(lambda: css_all(d, "[data-split-at]"), msg="split mode shows the gaps")
    target = SPLIT_TEXT.index("and she")
    move_split_gap(d, target)
    press(d, Keys.ENTER)
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 4, msg="Enter splits")
    assert sentence_texts(d, "bnd")[:2] == ["He said so on Monday,", "and she denied it at once."]
    assert sentence_labels(d, "bnd", 0) == ["claim"], "the first part keeps the label"
    # by the mouse: the split button, then a gap
    focus_sentence(d, "bnd", 2)
    click_centered(d, one_visible(d, '[data-action="split-mode"]'))
    gaps = wait_for(lambda: css_all(d, "[data-split-at]"), msg="the split button shows the gaps")
    click_centered(d, gaps[0])
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 5, msg="a click on a gap splits")
    assert sentence_texts(d, "bnd")[2:4] == ["Then", "more came."]
    # undone by key, kept across a reload
    ctrl(d, "z")
    wait_for(lambda: len(sentence_texts(d, "bnd")) == 4, msg="undo joins again")
    reload(eb)
    show_doc(d, "bnd")
    wait_for(lambda: sentence_texts(d, "bnd")[:3] == ["He said so on Monday,", "and she denied it at once.", "Then more came."],
             msg=f"the split survives a reload ({sentence_texts(d, 'bnd')})")


# sentence of SEED_000 -> labels of (ana, ben, cy); None: not rated
VOTES = {
    0: (["claim"], ["claim"], ["claim"]),  # unanimous
    1: (["claim"], ["denial"], ["claim"]),  # majority claim
    2: (["claim"], ["claim"], None),  # two alike, one silent: unresolved
    3: (["denial"], ["demand"], []),  # no majority
}
KEYS = {"claim": "1", "denial": "2", "demand": "3"}


def test_review_by_mouse(browsers, engine, server):
    # ana's export is made in this engine; ben's and cy's are hers with their own votes
    a = browsers(engine=engine)
    open_app(a, server.url)
    set_checkbox(a.driver, "auto-advance", False)
    set_annotator(a.driver, "ana")
    for i, votes in VOTES.items():
        lab = votes[0]
        tag(a.driver, SEED_000, i, KEYS[lab[0]] if lab else "0", lab)
    ana_path, ana = export_json(a)
    a.quit()
    paths = [ana_path]
    for who, name in ((1, "ben"), (2, "cy")):
        data = json.loads(json.dumps(ana))
        data["annotator"] = name
        doc = next(x for x in data["documents"] if x["id"] == SEED_000)
        for s in doc["sentences"]:
            votes = VOTES.get(s["index"])
            lab = votes[who] if votes else None
            s["labels"] = lab or []
            s["decided"] = lab is not None
            if lab is None:
                s.pop("updated", None)
        p = ana_path.with_name(f"annotations-{name}-{ana_path.name.split('-', 2)[2]}")
        p.write_text(json.dumps(data), encoding="utf-8")
        paths.append(p)

    c = browsers(engine=engine)
    d = c.driver
    open_app(c, server.url)
    set_annotator(d, "curator")
    import_files(d, *paths)
    wait_for(lambda: len(css_all(d, '[data-panel="team"] [data-layer]')) == 3, msg="three layers")
    show_doc(d, SEED_000)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
    wait_attr(d, SEED_000, 0, "data-status", "unanimous")
    assert attr_of(d, SEED_000, 2, "data-status") == "unresolved"
    assert attr_of(d, SEED_000, 2, "data-majority") == "claim"

    def focused(i):
        click_centered(d, sentence(d, SEED_000, i))
        wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{i}", msg=f"{SEED_000}:{i} focused by a click")

    def click(selector):
        retry_stale(lambda: click_centered(d, one_visible(d, f"[data-action-bar] {selector}, .review-box {selector}")))

    focused(1)
    click('[data-action="take-majority"]')
    wait_attr(d, SEED_000, 1, "data-gold", "claim")
    assert attr_of(d, SEED_000, 1, "data-status") == "adjudicated"
    focused(3)
    wait_for(lambda: {e.get_attribute("data-annotator"): e.get_attribute("data-annotator-labels")
                      for e in css_all(d, ".review-box [data-annotator]")} == {"ana": "denial", "ben": "demand", "cy": "none"},
             msg="each annotator's vote shown")
    click('[data-annotator="ben"]')
    wait_attr(d, SEED_000, 3, "data-gold", "demand")
    focused(2)
    click('[data-action="label-denial"]')
    wait_attr(d, SEED_000, 2, "data-gold", "denial")
    assert all(sentence_labels(d, SEED_000, i) == [] for i in VOTES), "the curator's own labels are untouched"
    reload(c)
    show_doc(d, SEED_000)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
    wait_attr(d, SEED_000, 3, "data-gold", "demand")
    wait_attr(d, SEED_000, 2, "data-gold", "denial")


def test_offline_reload(browsers, engine, serve):
    srv = serve(prefix="/sub/app/")
    b = browsers(origins=[srv.origin], engine=engine)
    d = b.driver
    open_app(b, srv.url)
    wait_for(lambda: d.execute_script("return !!(navigator.serviceWorker && navigator.serviceWorker.controller);"),
             msg="a service worker controls the page")
    wait_for(lambda: css_all(d, '[data-offline="ready"]'), msg='[data-offline="ready"]')
    # WebKitGTK and Firefox on Linux are not Safari: no 7-day notice (that rule is WebKit's on Apple)
    assert not css_all(d, "[data-safari-notice]"), "the Safari notice shown outside Safari"
    tag(d, SEED_000, 0, "1", ["claim"])
    wait_for(lambda: stored_labels(d).get(f"{SEED_000}:0") == ["claim"], msg="label saved before the server goes")

    # The server is gone (engine-neutral "offline": no DevTools network switch); the page comes
    # from the worker's cache.
    srv.close()
    reload(b)
    wait_for(lambda: {SEED_000, SEED_003} <= set(doc_ids(d)), msg="seed documents listed with the server gone")
    show_doc(d, SEED_000)
    assert sentence_labels(d, SEED_000, 0) == ["claim"], "the label saved before is shown"
    tag(d, SEED_003, 1, "2", ["denial"])
    wait_for(lambda: stored_labels(d).get(f"{SEED_003}:1") == ["denial"], msg="label saved with the server gone")
    reload(b)
    show_doc(d, SEED_003)
    assert sentence_labels(d, SEED_003, 1) == ["denial"]
