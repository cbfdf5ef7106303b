"""Two tabs of the page on one profile: each shows the other's labels (the storage event),
per sentence; the same sentence tagged differently in both: the later change wins in both.
An article imported in one tab appears in the other (IndexedDB's commit, told on a
BroadcastChannel)."""

import time

from harness import *  # noqa: F401,F403


def _in(d, handle):
    d.switch_to.window(handle)


def _two_tabs(browser, server):
    """The page open in two tabs of one browser (one profile); returns their handles."""
    d = browser.driver
    open_app(browser, server.url)
    tab1 = d.current_window_handle
    d.switch_to.new_window("window")
    open_app(browser, server.url)
    return tab1, d.current_window_handle


def test_two_tabs_merge_per_sentence(browser, server):
    d = browser.driver
    tab1, tab2 = _two_tabs(browser, server)

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


def test_an_article_imported_in_one_tab_appears_in_the_other(browser, server, tmp_path):
    """Imported articles live in IndexedDB, which fires no storage event: the tab that stored
    them tells the others on a BroadcastChannel, and they read them from the database."""
    d = browser.driver
    tab1, tab2 = _two_tabs(browser, server)

    _in(d, tab1)
    import_files(d, copy_fixture("articles.jsonl", tmp_path))
    wait_for(lambda: "jsonl-art-2" in doc_ids(d), msg="tab 1 lists its import")
    _in(d, tab2)
    wait_for(lambda: doc_ids(d)[-2:] == ["jsonl-art-1", "jsonl-art-2"], msg=f"tab 2 lists tab 1's import ({doc_ids(d)})")
    # tab 2 works on it, and tab 1 sees that (the annotations' storage event)
    tag(d, "jsonl-art-2", 1, "3", ["demand"])
    _in(d, tab1)
    show_doc(d, "jsonl-art-2")
    wait_labels(d, "jsonl-art-2", 1, ["demand"], "tab 1 shows tab 2's label on the article it imported")

    # stored once, and each tab lists it once, also after a reload
    stored = [k for k in idb_storage(d) if k.startswith("sa/v1/doc/")]
    assert sorted(stored) == ["sa/v1/doc/jsonl-art-1", "sa/v1/doc/jsonl-art-2"], stored
    for h in (tab1, tab2):
        _in(d, h)
        reload(browser)
        wait_for(lambda: "jsonl-art-2" in doc_ids(d), msg="the import after a reload")
        assert doc_ids(d).count("jsonl-art-1") == 1, doc_ids(d)
        assert shown_labels(d, ["jsonl-art-2"]) == {"jsonl-art-2:1": ["demand"]}
