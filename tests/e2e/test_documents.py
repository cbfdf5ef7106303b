"""The list of documents: the bundled seed articles listed, opened with their date shown apart
from the text; removing a document (confirmed, undoable, for good after a reload) and
importing an article already there (no copy, labels kept)."""

import time

from harness import *  # noqa: F401,F403


def test_seed_documents_listed_with_date(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    wait_for(lambda: {SEED_000, SEED_003} <= set(doc_ids(d)), msg="both seed documents listed")
    assert css(d, f'[data-doc="{SEED_000}"]').is_displayed()
    assert css(d, f'[data-doc="{SEED_003}"]').is_displayed()

    show_doc(d, SEED_000)
    assert css(d, f'[data-doc="{SEED_000}"]').get_attribute("aria-current") == "page"
    # HOOKS: the open document's date is shown in [data-doc-date] (anywhere on the page)
    date = wait_for(lambda: visible(d, "[data-doc-date]"), msg="[data-doc-date]")
    assert len(date) == 1 and date[0].text.strip() == "2022-02-01", [e.text for e in date]
    first = sentence(d, SEED_000, 0).get_attribute("textContent").strip()
    assert not first.lower().startswith("date"), f"the date prefix leaked into the text: {first[:40]!r}"
    assert first.startswith("Amid mounting tensions"), first[:60]
    article_text = css(d, f'article[data-open-doc="{SEED_000}"]').get_attribute("textContent")
    assert "date 2022-02-01" not in article_text

    # the other document has no date
    show_doc(d, SEED_003)
    assert not [e for e in visible(d, "[data-doc-date]") if e.text.strip()], "003 has no date"
    assert sentence(d, SEED_003, 0).get_attribute("textContent").strip().startswith("Alexander Lukashevich")


def _remove_open_doc(d):
    retry_stale(lambda: wait_for(lambda: visible(d, '[data-action="remove-doc"]'), msg="remove-doc button")[0].click())
    retry_stale(lambda: wait_for(lambda: visible(d, '[data-action="confirm-remove"]'), msg="confirm-remove dialog")[0].click())


def test_remove_undo_and_reimport(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tagged = tag_all(d, [(SEED_000, 0, "1", ["claim"]), (SEED_000, 3, "2", ["denial"]), (SEED_003, 1, "3", ["demand"])])

    # cancel keeps it
    show_doc(d, SEED_000)
    wait_for(lambda: visible(d, '[data-action="remove-doc"]'), msg="remove-doc")[0].click()
    wait_for(lambda: visible(d, '[data-action="cancel-remove"]'), msg="cancel-remove")[0].click()
    wait_for(lambda: not visible(d, '[data-action="confirm-remove"]'), msg="dialog closed")
    assert SEED_000 in doc_ids(d)

    title = css(d, "#article-title").text
    _remove_open_doc(d)
    wait_for(lambda: SEED_000 not in doc_ids(d), msg="removed document leaves the list")
    assert SEED_003 in doc_ids(d)
    # the message names the document by its title (the list may cut it: compare its start)
    wait_for(lambda: any(title.rstrip("…")[:30] in m and "removed" in m for m in messages(d)),
             msg=f"a message naming {title!r}: {messages(d)}")
    undo = wait_for(lambda: visible(d, '[data-messages] [data-message] [data-action="undo-remove"]'), msg="undo-remove in a message")[0]
    undo.click()
    wait_for(lambda: SEED_000 in doc_ids(d), msg="undo-remove brings the document back")
    show_doc(d, SEED_000)
    wait_for(lambda: shown_labels(d) == tagged, msg="labels back with the document")

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
    assert not messages(d, "error"), messages(d, "error")
    reload(browser)
    ids = doc_ids(d)
    assert ids.count(SEED_003) == 1 and SEED_000 not in ids, ids
    assert shown_labels(d, docs=(SEED_003,)) == {f"{SEED_003}:1": ["demand"]}


def test_ctrl_z_undoes_a_removal_also_after_a_reload(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    art = tmp_path / "keepme.txt"
    art.write_text("An imported article to remove. It has labels on it. And a third sentence.", encoding="utf-8")
    import_files(d, art)
    wait_for(lambda: "keepme" in doc_ids(d))
    show_doc(d, "keepme")
    tag(d, "keepme", 0, "1", ["claim"])
    tag(d, "keepme", 1, "2", ["denial"])
    show_doc(d, SEED_000)
    tag(d, SEED_000, 2, "3", ["demand"])
    show_doc(d, "keepme")
    _remove_open_doc(d)
    wait_for(lambda: "keepme" not in doc_ids(d), msg="removed")
    # Ctrl+Z right away: the removal, not the older label elsewhere
    ctrl(d, "z")
    wait_for(lambda: "keepme" in doc_ids(d), msg="Ctrl+Z brings the document back")
    wait_for(lambda: open_doc(d) == "keepme", msg="and opens it")
    assert sentence_labels(d, "keepme", 0) == ["claim"] and sentence_labels(d, "keepme", 1) == ["denial"]
    assert not visible(d, '[data-action="undo-remove"]'), "the message's undo went with it"
    # removed again, then a reload (storage written), then u
    ctrl(d, "y")
    wait_for(lambda: "keepme" not in doc_ids(d), msg="redo removes it again")
    time.sleep(0.3)
    reload(browser)
    wait_for(lambda: SEED_003 in doc_ids(d))
    assert "keepme" not in doc_ids(d)
    press(d, "u")
    wait_for(lambda: "keepme" in doc_ids(d), msg="the undo survives a reload")
    show_doc(d, "keepme")
    wait_for(lambda: sentence_labels(d, "keepme", 1) == ["denial"], msg="with its labels")
    assert stored_labels(d).get(f"{SEED_000}:2") == ["demand"], "the other document's label untouched"
    reload(browser)
    wait_for(lambda: "keepme" in doc_ids(d), msg="the restored document is stored again")
    show_doc(d, "keepme")
    wait_for(lambda: sentence_labels(d, "keepme", 0) == ["claim"])
