"""The corpus in IndexedDB (docs/FORMAT.md §3): the person's own annotations stay in
localStorage (a curator's gold too), imported articles, colleagues' layers and the undo history live in
IndexedDB. A profile written by a page of layout 1 (everything in localStorage; the fixture
tests/e2e/fixtures/layout1_profile.json was written by the build of commit d6b6f71 with
scripts/make_layout1_fixture.py) moves on first open and loses nothing; persistent storage is
asked for on import and the meter shows both stores; a 15 MB corpus (three times what
localStorage holds) survives a reload and a browser restart; a full store (the quota lowered
over the DevTools protocol) is said, and loses nothing; a large corpus exports in parts, with
its progress. Two tabs: test_tabs.py."""

from __future__ import annotations

import json
import os
import time

from harness import *  # noqa: F401,F403

LAYOUT1 = json.loads((FIXTURES / "layout1_profile.json").read_text(encoding="utf-8"))
# What that session made: four imported articles in list order, three labels of ana's, ben's
# layer, a gold label, four changes of history.
IMPORTED = ["jsonl-art-1", "jsonl-art-2", "json-art-1", "json-art-2"]
LABELS = {"jsonl-art-1:0": ["claim"], "jsonl-art-2:1": ["demand"], f"{SEED_000}:2": ["denial"]}


def _in_idb_home(key: str) -> bool:
    """The keys docs/FORMAT.md §3 puts in IndexedDB."""
    return key == "sa/v1/order" or key == "sa/v1/sync" or key == "sa/v1/hist" or key.startswith(
        ("sa/v1/doc/", "sa/v1/layer/", "sa/v1/hist/"))


MOVED = sorted(k for k in LAYOUT1 if _in_idb_home(k))


def _load_profile(b, server, profile: dict) -> None:
    """Writes `profile` into localStorage of a fresh browser before the page ever opens."""
    goto_origin_without_app(b, server)
    b.driver.execute_script(
        "localStorage.clear(); var o = arguments[0]; for (var k in o) localStorage.setItem(k, o[k]);", profile)


def _layers(d) -> list[str]:
    return d.execute_script(
        "return Array.from(document.querySelectorAll('[data-layer]')).map(e => e.getAttribute('data-layer'));")


def _everything_there(d) -> None:
    wait_for(lambda: doc_ids(d)[-len(IMPORTED):] == IMPORTED, msg=f"the imported articles in their order ({doc_ids(d)})")
    assert shown_labels(d, [*IMPORTED, *SEEDS]) == LABELS, shown_labels(d, [*IMPORTED, *SEEDS])
    wait_for(lambda: _layers(d) == ["ben"], msg=f"ben's layer listed ({_layers(d)})")


def test_a_layout_1_profile_moves_to_indexeddb_and_loses_nothing(browsers, server):
    assert MOVED and len(MOVED) >= 10, MOVED
    b = browsers()
    d = b.driver
    _load_profile(b, server, LAYOUT1)
    open_app(b, server.url)
    _everything_there(d)
    assert wait_for(lambda: [m for m in messages(d, "info") if "IndexedDB" in m], msg="the move is told")
    assert not messages(d, "error"), messages(d, "error")

    # Moved as it was, and the localStorage copies removed once IndexedDB had them.
    wait_for(lambda: not [k for k in local_storage(d) if _in_idb_home(k)],
             msg=f"localStorage keeps only its own keys ({sorted(local_storage(d))})")
    idb = idb_storage(d)
    assert {k: idb.get(k) for k in MOVED} == {k: LAYOUT1[k] for k in MOVED}, "values moved unchanged"
    local = local_storage(d)
    assert json.loads(local["sa/v1/meta"])["layout"] == LAYOUT, local["sa/v1/meta"]
    for k in LAYOUT1:
        if k.startswith(("sa/v1/ann/", "sa/v1/gold/")):
            # Own shards are rewritten in layout 3's compact rows, every record the same.
            assert '"r":' in local[k] and len(local[k]) < len(LAYOUT1[k]), local[k]
            assert shard_records(local[k]) == shard_records(LAYOUT1[k]), f"{k} changed"
        elif not _in_idb_home(k) and k != "sa/v1/meta":
            assert local[k] == LAYOUT1[k], f"{k} changed"

    # The history came along: two undos take back the fixture's last two changes (the gold
    # label, then ana's denial), two redos bring them back.
    ctrl(d, "z")
    ctrl(d, "z")
    wait_for(lambda: f"{SEED_000}:2" not in stored_labels(d), msg=f"undo reached the denial ({stored_labels(d)})")
    ctrl(d, "z", shift=True)
    ctrl(d, "z", shift=True)
    wait_for(lambda: stored_labels(d) == LABELS, msg=f"redo brought it back ({stored_labels(d)})")

    reload(b)
    _everything_there(d)
    assert not [m for m in messages(d) if "IndexedDB" in m], f"moved again: {messages(d)}"
    idb = idb_storage(d)

    # A browser restart on the same profile.
    profile = b.profile_dir
    time.sleep(3)  # let chromium flush localStorage to disk before quitting (README)
    b.quit()
    b2 = browsers(profile=profile)
    open_app(b2, server.url)
    _everything_there(b2.driver)
    assert idb_storage(b2.driver) == idb


# Counts the page's calls of navigator.storage.persist() (installed before any page script).
PERSIST_SPY_JS = r"""
(function () {
  window.__persistCalls = 0;
  if (!navigator.storage || !navigator.storage.persist) return;
  var original = navigator.storage.persist.bind(navigator.storage);
  navigator.storage.persist = function () { window.__persistCalls++; return original(); };
})();
"""


def _idb_meter(d) -> tuple[str, int, int]:
    el = one_visible(d, '[data-meter="indexeddb"]')
    return el.text, int(el.get_attribute("data-used") or -1), int(el.get_attribute("data-quota") or -1)


def test_an_import_asks_to_keep_storage_and_the_meter_shows_both_stores(browser, server, tmp_path):
    browser.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": PERSIST_SPY_JS})
    d = browser.driver
    open_app(browser, server.url)
    wait_for(lambda: css(d, "[data-storage-persist]").get_attribute("data-storage-persist") != "asking",
             msg="the first answer about persistent storage")
    granted = css(d, "[data-storage-persist]").get_attribute("data-storage-persist") == "granted"
    asked = d.execute_script("return window.__persistCalls")
    one_visible(d, '[data-meter="storage"]')
    text, _, quota = wait_for(lambda: (lambda m: m if m[2] > 0 else None)(_idb_meter(d)),
                              msg="the IndexedDB meter with the browser's estimate")
    assert "IndexedDB" in text, text

    import_files(d, copy_fixture("articles.jsonl", tmp_path))
    wait_for(lambda: "jsonl-art-2" in doc_ids(d), msg="the import listed")
    if not granted:  # once granted there is nothing to ask
        wait_for(lambda: d.execute_script("return window.__persistCalls") > asked,
                 msg="navigator.storage.persist() asked again after the import")
    wait_for(lambda: "sa/v1/doc/jsonl-art-2" in idb_storage(d), msg="the import stored")
    text, used, quota = _idb_meter(d)
    assert used > 0 and quota > used, (used, quota)


# -- a corpus larger than localStorage holds ------------------------------------------------

SUBJECTS = ["The ministry", "Officials in Kyiv", "A spokesperson for the Kremlin", "NATO diplomats",
            "Opposition leaders", "The central bank", "Union representatives", "Local residents"]
VERBS = ["said on Tuesday that", "denied reports that", "demanded that", "insisted that",
         "warned that", "rejected claims that", "called for assurances that", "confirmed that"]
CLAUSES = ["the talks would resume next week", "troops had been moved closer to the border",
           "the sanctions were not working", "the new budget would be approved by parliament",
           "no agreement had been reached", "the report contained serious errors",
           "the vote must take place before the winter", "prices would keep rising for months"]


def big_corpus(path, articles: int, sentences: int, seed: int = 7) -> int:
    """Writes `articles` generated news-like articles of `sentences` sentences each as JSONL
    (ids big-00000 …); returns the file's size in bytes."""
    import random
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(articles):
            paras, para = [], []
            for k in range(sentences):
                para.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)} "
                            f"(item {i}.{k}, {rng.randint(2, 98)} per cent).")
                if len(para) == 4:
                    paras.append(" ".join(para))
                    para = []
            paras.append(" ".join(para))
            text = "\n\n".join(p for p in paras if p)
            f.write(json.dumps({"id": f"big-{i:05d}", "title": f"Generated article {i}", "text": text}) + "\n")
    return path.stat().st_size


# Counts the page's stored articles in IndexedDB and the UTF-16 units of all its values, in
# the page (15 MB need not cross the WebDriver connection).
IDB_SIZE_JS = r"""
var done = arguments[arguments.length - 1];
var req = indexedDB.open('sentence-annotator');
req.onupgradeneeded = function () { req.transaction.abort(); };
req.onerror = function () { done([0, 0]); };
req.onsuccess = function () {
  var db = req.result, tx = db.transaction('kv'), st = tx.objectStore('kv');
  var ks = st.getAllKeys(), vs = st.getAll();
  tx.oncomplete = function () {
    var docs = ks.result.filter(function (k) { return k.indexOf('sa/v1/doc/') === 0; }).length, units = 0;
    vs.result.forEach(function (v) { units += v.length; });
    db.close();
    done([docs, units]);
  };
};
"""

# localStorage's quota in Chromium, in UTF-16 units per origin (docs/FORMAT.md §3).
LOCAL_STORAGE_UNITS = 5_200_000


# Items the document list draws before it is scrolled (doc_list.rs PAGE).
DRAWN = 500


def test_a_corpus_larger_than_localstorage_survives_reload_and_restart(browsers, server, tmp_path):
    n = 2_400
    size = big_corpus(tmp_path / "big.jsonl", n, 60)
    assert size > 15_000_000, size
    ids = [f"big-{i:05d}" for i in range(n)]
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    t0 = time.monotonic()
    import_files(d, tmp_path / "big.jsonl")
    wait_for(lambda: docs_total(d) == n + 2, 60, "every article listed")
    assert len(doc_ids(d)) == DRAWN, "a long list draws its first items only"
    stored = wait_for(lambda: (lambda r: r if r[0] == n else None)(d.execute_async_script(IDB_SIZE_JS)), 60,
                      "every article stored in IndexedDB")
    took = time.monotonic() - t0
    assert stored[1] > LOCAL_STORAGE_UNITS, f"{stored[1]} UTF-16 units stored: more than localStorage holds"
    assert not messages(d, "error"), messages(d, "error")
    print(f"import of {size / 1e6:.1f} MB ({n} articles): listed and stored in {took:.1f} s")

    last = ids[-1]
    tag(d, last, 0, "1", ["claim"])
    tag(d, last, 3, "2", ["denial"])
    want = {f"{last}:0": ["claim"], f"{last}:3": ["denial"]}
    wait_for(lambda: stored_labels(d) == want, msg=f"the labels saved ({stored_labels(d)})")
    assert last in doc_ids(d), "the open document is drawn in the list, wherever it lies"
    d.execute_script("var n = document.getElementById('doc-list'); n.scrollTop = n.scrollHeight;")
    wait_for(lambda: len(doc_ids(d)) == 2 * DRAWN + 1, msg="scrolled to its end, the list draws the next items")
    retry_stale(lambda: d.execute_script("arguments[0].click();", css(d, '[data-action="docs-more"]')))
    wait_for(lambda: len(doc_ids(d)) == 3 * DRAWN + 1, msg="Show more draws the next items")

    def everything(drv):
        wait_for(lambda: docs_total(drv) == n + 2, 60, "every article listed after a reload")
        assert doc_ids(drv)[2:DRAWN] == ids[:DRAWN - 2], "the imported articles in their order"
        assert json.loads(idb_storage(drv)["sa/v1/order"]) == ids, "the stored order"
        assert shown_labels(drv, [last]) == want
        assert drv.execute_async_script(IDB_SIZE_JS)[0] == n

    # With this many articles stored the open article is shown first, inert, while the rest is
    # read: seen from the first mutations of the reloaded page, where a key pressed meanwhile
    # changes nothing (the session shown is replaced by the one read from everything).
    current = css(d, '[aria-current="true"][data-sentence]').get_attribute("data-sentence")
    b.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": PREVIEW_SPY_JS})
    t0 = time.monotonic()
    reload(b, timeout=60)
    everything(d)
    print(f"reload with {n} stored articles: {time.monotonic() - t0:.1f} s to all listed")
    seen = d.execute_script("return window.__preview;")
    assert seen == {"doc": last, "current": current, "inert": True, "toolbar_inert": True}, seen
    assert css(d, '[aria-current="true"][data-sentence]').get_attribute("data-sentence") == current
    assert stored_labels(d) == want, "the key pressed while loading changed nothing"
    assert not css_all(d, "[inert]") and not css_all(d, "[data-loading]")
    profile = b.profile_dir
    time.sleep(3)  # let chromium flush localStorage to disk before quitting (README)
    b.quit()
    b2 = browsers(profile=profile)
    open_app(b2, server.url, timeout=60)
    everything(b2.driver)


# Records the open article shown first while a large corpus is read ([data-loading]): which
# document and sentence, whether the page is inert, and presses `3` on it then.
PREVIEW_SPY_JS = r"""
(function () {
  window.__preview = null;
  new MutationObserver(function () {
    if (window.__preview !== null || !document.querySelector('[data-loading]')) return;
    var cur = document.querySelector('[aria-current="true"][data-sentence]');
    if (!cur) return;
    var art = document.querySelector('[data-open-doc]');
    window.__preview = {doc: art && art.getAttribute('data-open-doc'), current: cur.getAttribute('data-sentence'),
                        inert: !!document.querySelector('.layout[inert]'),
                        toolbar_inert: !!document.querySelector('[inert] [data-action="export-json"]')};
    cur.dispatchEvent(new KeyboardEvent('keydown', {key: '3', bubbles: true, cancelable: true}));
  }).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-current']});
})();
"""


ESTIMATE_JS = r"""
var done = arguments[arguments.length - 1];
navigator.storage.estimate().then(function (e) { done([e.usage, e.quota]); }, function () { done(null); });
"""


def test_a_full_store_says_so_and_loses_nothing(browsers, server, tmp_path):
    """The browser's quota lowered over the DevTools protocol (Storage.overrideQuotaForOrigin)
    to just above what the page uses: an import no longer fits. The page says the store is
    full and that nothing stored before is lost; what was stored stays, labels still save
    (localStorage), and once there is room again the import is stored with the next change."""
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    wait_for(lambda: css(d, "[data-offline]").get_attribute("data-offline") in ("ready", "unavailable", "error"),
             30, "the offline copy settled (it counts against the quota too)")
    # Lowered before the page's first IndexedDB write: an override made after it did not
    # apply to the page's transactions (Chromium 156, observed).
    usage, _ = d.execute_async_script(ESTIMATE_JS)
    b.cdp("Storage.overrideQuotaForOrigin", {"origin": server.origin, "quotaSize": usage + 100_000})
    try:
        import_files(d, copy_fixture("articles.jsonl", tmp_path))
        wait_for(lambda: "sa/v1/doc/jsonl-art-2" in idb_storage(d), msg="a first import stored (it fits)")
        tag(d, SEED_000, 1, "1", ["claim"])
        stored_before = {k: v for k, v in idb_storage(d).items() if k.startswith("sa/v1/doc/")}
        big_corpus(tmp_path / "more.jsonl", 300, 60)
        import_files(d, tmp_path / "more.jsonl")
        wait_for(lambda: "big-00299" in doc_ids(d), 30, "the second import listed (kept in this tab)")
        msg = wait_for(lambda: visible(d, "[data-storage-full]"), 30, "the storage-full message")[0].text
        assert "Nothing stored before is lost" in msg and "export" in msg.lower(), msg
        named = wait_for(lambda: [m for m in messages(d, "error") if "more.jsonl (300 articles) could not be stored" in m],
                         30, "the file the store had no room for, named")
        assert "nothing stored before is lost" in named[0], named
        # Labels still save (localStorage); IndexedDB holds what it held: all or nothing.
        tag(d, SEED_000, 2, "2", ["denial"])
        wait_for(lambda: stored_labels(d) == {f"{SEED_000}:1": ["claim"], f"{SEED_000}:2": ["denial"]},
                 msg="labels saved while IndexedDB is full")
        docs_now = {k: v for k, v in idb_storage(d).items() if k.startswith("sa/v1/doc/")}
        assert docs_now == stored_before, f"IndexedDB changed while full: {sorted(docs_now)[:5]}"
        # Everything is still in the page: the export has the new articles.
        _, data = export_json(b)
        assert "big-00299" in {doc["id"] for doc in data["documents"]}
    finally:
        b.cdp("Storage.overrideQuotaForOrigin", {"origin": server.origin})

    # Room again: the next change stores what waited, and the message goes.
    tag(d, SEED_003, 1, "3", ["demand"])
    wait_for(lambda: d.execute_async_script(IDB_SIZE_JS)[0] == 302, 30, "the waiting import stored")
    wait_for(lambda: not visible(d, "[data-storage-full]"), msg="the storage-full message gone")
    want = {f"{SEED_000}:1": ["claim"], f"{SEED_000}:2": ["denial"], f"{SEED_003}:1": ["demand"]}
    reload(b, timeout=60)
    wait_for(lambda: len(doc_ids(d)) == 304, 30, "every article after a reload")
    assert shown_labels(d) == want


# Records every value the toolbar's export progress shows, from before the click on.
WATCH_EXPORT_JS = r"""
window.__exportSeen = [];
new MutationObserver(function () {
  var p = document.querySelector('[data-export-progress]');
  if (p) window.__exportSeen.push(p.getAttribute('data-export-progress'));
}).observe(document.body, {childList: true, subtree: true, attributes: true});
"""


def test_a_large_corpus_exports_in_parts_with_progress(browser, server, tmp_path):
    """A 2,400-article corpus (a 40 MB JSON export) is written a document at a time: the
    toolbar counts the documents as it goes, a second export meanwhile is told to wait, and the
    files hold every document and sentence with the labels of the moment of the click."""
    n = 2_400
    big_corpus(tmp_path / "big.jsonl", n, 60)
    d = browser.driver
    open_app(browser, server.url)
    import_files(d, tmp_path / "big.jsonl")
    wait_for(lambda: docs_total(d) == n + 2, 60, "every article listed")
    last = f"big-{n - 1:05d}"
    tag(d, last, 0, "1", ["claim"])
    tag(d, last, 59, "3", ["demand"])
    d.execute_script(WATCH_EXPORT_JS)
    before = set(os.listdir(browser.download_dir))
    # Two clicks in one task: the second finds the first export writing.
    d.execute_script("var b = document.querySelector('[data-action=\"export-json\"]'); b.click(); b.click();")
    wait_for(lambda: any("An export is being written" in m for m in messages(d)), msg="the second export told to wait")
    p = downloaded_file(browser.download_dir, EXPORT_JSON_RE, timeout=120, exclude=before)
    seen = d.execute_script("return window.__exportSeen;")
    counts = [tuple(map(int, v.split("/"))) for v in seen]
    assert counts and all(t == n + 2 and 0 < k < t for k, t in counts), f"progress in documents: {seen[:5]}"
    assert [k for k, _ in counts] == sorted(k for k, _ in counts), "progress only grows"
    wait_for(lambda: not css_all(d, "[data-export-progress]"), msg="the progress gone when the file is saved")
    data = json.loads(p.read_text(encoding="utf-8"))
    check_export(data)
    assert len(data["documents"]) == n + 2
    assert sum(len(doc["sentences"]) for doc in data["documents"]) >= n * 60
    by_id = {doc["id"]: doc for doc in data["documents"]}
    assert [s["labels"] for s in by_id[last]["sentences"][:1]] == [["claim"]]
    assert by_id[last]["sentences"][59]["labels"] == ["demand"]
    assert not [m for m in messages(d, "error")], messages(d, "error")
    # The JSONL of the same corpus: one line a sentence, the labels on theirs.
    lines = download(browser, "export-jsonl", r"^annotations-[\w.-]+-\d{8}-\d{6}\.jsonl$").read_text(
        encoding="utf-8").splitlines()
    assert len(lines) == sum(len(doc["sentences"]) for doc in data["documents"])
    tagged = [json.loads(x) for x in lines if f'"document_id":"{last}"' in x]
    assert [(r["sentence_index"], r["label"]) for r in tagged if r["label"]] == [(0, ["claim"]), (59, ["demand"])]
