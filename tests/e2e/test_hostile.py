"""Hostile input beyond test_security.py (which covers payloads inside article text, titles and
ids): hostile file names, oversized files, exports from the future, deeply nested JSON, and
export file names that must not depend on document ids. The conftest guards (no request off
the origin, no CSP violation, no console error, no wasm panic) run after every test here."""

import json
import os
import re
import time

from harness import *  # noqa: F401,F403

EXPORT_ANY_RE = r"^annotations-[\w.-]+-\d{8}-\d{6}\.(json|jsonl|csv)$"


def _page_responsive(d, doc=SEED_003, i=0, key="1", want=("claim",), within=10.0):
    """A person can still tag a sentence, quickly."""
    t0 = time.monotonic()
    focus_sentence(d, doc, i)
    press(d, key)
    wait_for(lambda: sorted(sentence_labels(d, doc, i)) == sorted(want), within, f"{doc}:{i} tagged {want} within {within}s")
    return time.monotonic() - t0


def test_hostile_file_names_shown_literally(browser, server, tmp_path):
    d = browser.driver
    good_name = "<img src=x onerror=window.__pwned=1>"
    bad_name = "<svg onload=window.__pwned=1>"
    good = tmp_path / f"{good_name}.txt"
    bad = tmp_path / f"{bad_name}.txt"
    try:
        good.write_text("The minister claimed the bridge was safe. Critics denied it.\n\nThey demanded an inquiry.", encoding="utf-8")
        bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    except OSError as e:  # pragma: no cover - a file system that refuses < > in names
        import pytest

        pytest.skip(f"the file system refuses such names: {e}")
    open_app(browser, server.url)
    import_files(d, good, bad)

    wait_for(lambda: good_name in doc_ids(d), msg=f"document {good_name!r} listed with its literal id")
    errs = wait_for(lambda: [m for m in messages(d, "error") if bad.name in m], msg=f"an error message naming {bad.name!r} literally")
    assert errs
    assert_not_pwned(d, "a hostile file name")
    item = d.execute_script(
        "var e = Array.from(document.querySelectorAll('[data-doc]')).find(x => x.getAttribute('data-doc') === arguments[0]);"
        "return e ? [e.textContent, e.innerHTML] : null;",
        good_name,
    )
    assert item, "no list item for the hostile name"
    assert "<img" not in item[1].replace("&lt;img", ""), f"list item holds markup: {item[1]!r}"
    body = d.execute_script("return document.body.textContent;")
    assert good_name in body or good.name in body, "the hostile file name is not shown literally anywhere"
    assert bad_name not in doc_ids(d), "the bad file was imported"

    show_doc(d, good_name)
    tag(d, good_name, 1, "2", ["denial"])
    reload(browser)
    wait_for(lambda: good_name in doc_ids(d), msg="kept after reload")
    show_doc(d, good_name)
    assert sentence_labels(d, good_name, 1) == ["denial"]
    assert_not_pwned(d, "a hostile file name")


def test_oversized_file_refused_without_freezing(browser, server, tmp_path):
    d = browser.driver
    big = tmp_path / "huge_article.txt"
    with open(big, "wb") as f:
        chunk = b"a" * (1024 * 1024)
        for _ in range(21):
            f.write(chunk)
    assert big.stat().st_size == 21 * 1024 * 1024
    open_app(browser, server.url)
    before = all_storage(d)
    import_files(d, big)
    err = wait_for(lambda: [m for m in messages(d, "error") if "huge_article.txt" in m], 30, "an error message naming the oversized file")[0]
    assert re.search(r"20\s*MB|20\s*MiB|20 ?971 ?520", err), f"the message does not name the 20 MB limit: {err!r}"
    assert "huge_article" not in doc_ids(d), "the oversized file became a document"
    # the page did not freeze: a script returns at once and tagging still works quickly
    t0 = time.monotonic()
    d.execute_script("return 1;")
    assert time.monotonic() - t0 < 5, "the page's main thread is blocked"
    _page_responsive(d)
    after = all_storage(d)
    assert not [k for k in after if k.startswith("sa/v1/doc/")], f"an article was stored: {sorted(after)}"
    assert len(json.dumps(after)) < len(json.dumps(before)) + 20000, "storage grew by far more than one label"


def test_export_from_a_future_version_refused(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    tag(d, SEED_000, 1, "1", ["claim"])
    _, data = export_json(browser)
    data["version"] = 2
    for doc in data["documents"]:
        for s in doc["sentences"]:
            s["labels"] = ["demand"]
    data["documents"].append({"id": "from-the-future", "text": "A new article. It has two sentences.", "sentences": []})
    f = tmp_path / "future_export.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    before = all_storage(d)
    labels_before = page_labels(d)

    import_files(d, f)
    err = wait_for(lambda: [m for m in messages(d, "error") if "future_export.json" in m], msg="an error message naming the file")[0]
    assert re.search(r"version\s*2|newer", err, re.I), f"the message does not say the version is not supported: {err!r}"
    time.sleep(1)
    assert "from-the-future" not in doc_ids(d)
    assert page_labels(d) == labels_before, "labels changed by a refused import"
    assert all_storage(d) == before, "storage changed by a refused import"
    assert not css_all(d, '[data-panel="conflicts"] [data-conflict]'), "a refused import made conflicts"


def test_deeply_nested_json_gets_a_message(browser, server, tmp_path):
    d = browser.driver
    f = tmp_path / "nested.json"
    f.write_text("[" * 100_000, encoding="utf-8")
    g = tmp_path / "nested_object.json"
    g.write_text('{"a":' * 50_000 + "1" + "}" * 50_000, encoding="utf-8")
    open_app(browser, server.url)
    before = all_storage(d)
    import_files(d, f, g)
    for name in (f.name, g.name):
        err = wait_for(lambda: [m for m in messages(d, "error") if name in m], 30, f"an error message naming {name}")[0]
        assert len(err.strip()) > len(name) + 10, f"no explanation for {name}: {err!r}"
        assert not re.search(r"panicked|unreachable|RuntimeError|undefined", err), f"not a clear message: {err!r}"
    assert set(doc_ids(d)) == {SEED_000, SEED_003}, doc_ids(d)
    assert all_storage(d) == before
    _page_responsive(d)


def test_export_file_names_ignore_document_ids(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    ids = ["../../../etc/passwd", "a/b\\c:d*?\"<>|", "CON", ".hidden", "x" * 300, "\u202eevil.exe"]
    f = tmp_path / "weird_ids.json"
    f.write_text(
        json.dumps([{"id": i, "title": i, "text": f"Sentence one of {n}. Officials denied it."} for n, i in enumerate(ids)]),
        encoding="utf-8",
    )
    import_files(d, f)
    wait_for(lambda: set(ids) <= set(doc_ids(d)), msg=f"documents with weird ids listed (have {doc_ids(d)})")
    for i in ids[:2]:
        show_doc(d, i)
        tag(d, i, 0, "1", ["claim"])
    show_doc(d, ids[0])  # the open document must not leak into the file name
    names = []
    for action in ("export-json", "export-jsonl", "export-csv"):
        ext = action.split("-")[1]
        p = download(browser, action, rf"\.{ext}$")
        names.append(p.name)
        assert re.fullmatch(EXPORT_ANY_RE, p.name), f"{action}: file name {p.name!r}"
        assert p.parent.resolve() == browser.download_dir.resolve()
        if ext == "json":
            data = json.loads(p.read_text(encoding="utf-8"))
            check_export(data)
            assert set(ids) <= {x["id"] for x in data["documents"]}
    left = sorted(os.listdir(browser.download_dir))
    assert left == sorted(names), f"unexpected files in the download directory: {left}"
