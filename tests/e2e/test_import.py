"""Importing articles (txt, json, jsonl, csv, UTF-16; picked or dropped anywhere on the page) and
annotation exports (restored into a fresh profile). (Merging into one's own labels:
test_merge.py; hostile files: test_hostile.py.)"""

import json
import time
import shutil
import zipfile

from harness import *  # noqa: F401,F403

IMPORTED_TXT = (FIXTURES / "imported_article.txt").read_text(encoding="utf-8")

EXPECTED = {
    "imported_article": IMPORTED_TXT,
    "json-art-1": "The union demanded higher wages. Management said the report was false.",
    "json-art-2": "Police claimed the crowd was peaceful.\nOrganisers denied any violence.",
    "jsonl-art-1": "Ministers insisted on new talks. Nobody expected that.",
    "jsonl-art-2": "The agency said the leak was \u201cnot true\u201d. Critics demanded an inquiry.",
    "csv-art-1": 'The envoy said "no deal" was possible.\n\nA second paragraph followed, with commas, quotes and a line break.',
    "csv-art-2": "Rebels demanded a corridor. The army rejected the demand.",
}

UTF16_TEXT = "Der Minister sagte, die Meldung sei \u201efalsch\u201c. \U0001F30D Kritiker forderten R\u00fccktritte.\nZweiter Absatz \u2013 fertig."


def _wait_docs(d, ids, timeout=20):
    wait_for(lambda: set(ids) <= set(doc_ids(d)), timeout, f"documents {sorted(ids)} listed (have {doc_ids(d)})")


def _docs_by_id(data):
    return {doc["id"]: doc for doc in data["documents"]}


def test_import_article_formats(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    # UTF-16 LE with BOM and CRLF line ends, generated here
    u16 = tmp_path / "utf16_article.txt"
    u16.write_bytes(b"\xff\xfe" + UTF16_TEXT.replace("\n", "\r\n").encode("utf-16-le"))
    # a UTF-8 file with a BOM and bare CR line ends
    cr = tmp_path / "cr_article.txt"
    cr.write_bytes(b"\xef\xbb\xbf" + "First line here.\rSecond line here.\r\nThird.".encode("utf-8"))
    import_files(
        d,
        FIXTURES / "imported_article.txt",
        FIXTURES / "articles.json",
        FIXTURES / "articles.jsonl",
        FIXTURES / "articles.csv",
        u16,
        cr,
    )
    expected = dict(EXPECTED, utf16_article=UTF16_TEXT, cr_article="First line here.\nSecond line here.\nThird.")
    _wait_docs(d, list(expected) + [SEED_000, SEED_003])
    assert not messages(d, "error"), messages(d, "error")

    # the page shows them, split into sentences
    show_doc(d, "csv-art-1")
    texts = page_sentences(d)
    assert any('"no deal"' in t for t in texts.values()), texts
    show_doc(d, "utf16_article")
    assert any("R\u00fccktritte" in t for t in page_sentences(d).values()), "UTF-16 text not decoded"

    # tag a sentence after the emoji / astral char, so offsets are checked where they differ
    show_doc(d, "imported_article")
    n = len([k for k in page_labels(d) if k.startswith("imported_article:")])
    assert n >= 4, f"imported_article split into {n} sentences"
    tag(d, "imported_article", 1, "2", ["denial"])

    _, data = export_json(browser)
    check_export(data)
    by_id = _docs_by_id(data)
    for doc_id, text in expected.items():
        assert doc_id in by_id, f"{doc_id} missing from the export: {sorted(by_id)}"
        assert by_id[doc_id]["text"] == text, f"{doc_id}: text {by_id[doc_id]['text']!r} != {text!r}"
    assert by_id["json-art-1"].get("title") == "JSON article one"
    assert by_id["json-art-1"].get("date") == "2023-05-04"
    assert by_id["csv-art-1"].get("title") == "Talks, again"
    assert by_id["csv-art-1"].get("date") == "2021-12-30"
    s1 = by_id["imported_article"]["sentences"][1]
    assert s1["labels"] == ["denial"] and "denied" in s1["text"], s1
    assert_page_matches_export(d, data)

    # imported articles are kept across reloads
    reload(browser)
    _wait_docs(d, list(expected))
    show_doc(d, "imported_article")
    assert sentence_labels(d, "imported_article", 1) == ["denial"]
    # in IndexedDB, the store for the corpus (docs/FORMAT.md §3), not localStorage
    assert "sa/v1/doc/imported_article" in idb_storage(d)
    assert "sa/v1/doc/imported_article" not in local_storage(d)


def _bad_files(tmp_path):
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + bytes(range(256)))
    z = tmp_path / "archive.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("inner.txt", "Hello there. " * 50)
        zf.writestr("blob.bin", bytes(range(256)) * 8)
    zipped = tmp_path / "archive_bytes.txt"
    shutil.copyfile(z, zipped)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Der Beamte bestritt die \u00c4u\u00dferung vollst\u00e4ndig.".encode("latin-1") + b"\xff\xfe\xfd")
    return [png, zipped, latin1]


def test_import_batch_with_bad_files(browser, server, tmp_path):
    d = browser.driver
    bad = _bad_files(tmp_path)
    # a page may log a failed import to the console; it still must not panic
    browser.console_allow += [r"picture\.txt", r"archive_bytes\.txt", r"latin1\.txt"]
    open_app(browser, server.url)
    good_txt = copy_fixture("imported_article.txt", tmp_path, "good_one.txt")
    import_files(d, good_txt, bad[0], FIXTURES / "articles.json", bad[1], bad[2])
    _wait_docs(d, ["good_one", "json-art-1", "json-art-2"])
    errors = wait_for(lambda: (lambda m: m if all(any(b.name in x for x in m) for b in bad) else None)(messages(d, "error")),
                      msg="error messages naming every bad file")
    assert len(errors) >= 1
    for b in bad:
        assert b.stem not in doc_ids(d), f"{b.name} was imported as a document"
    # no garbage document appeared
    assert set(doc_ids(d)) == {SEED_000, SEED_003, "good_one", "json-art-1", "json-art-2"}, doc_ids(d)
    # the good ones are usable
    show_doc(d, "good_one")
    tag(d, "good_one", 0, "1", ["claim"])


def test_export_import_roundtrip_into_fresh_profile(browsers, server, tmp_path):
    a = browsers()
    d = a.driver
    open_app(a, server.url)
    import_files(d, FIXTURES / "imported_article.txt", FIXTURES / "articles.csv")
    _wait_docs(d, ["imported_article", "csv-art-1", "csv-art-2"])
    tag_all(d, [
        (SEED_000, 0, "1", ["claim"]),
        (SEED_000, 3, "3", ["demand"]),
        (SEED_003, 1, "2", ["denial"]),
        ("imported_article", 2, "3", ["demand"]),
        ("csv-art-1", 0, "2", ["denial"]),
    ])
    first_path, first = export_json(a)
    check_export(first)
    assert sum(1 for v in export_labels(first).values() if v) == 5

    # a fresh profile: only the seeds, no labels
    b = browsers()
    d2 = b.driver
    open_app(b, server.url)
    assert "imported_article" not in doc_ids(d2)
    # whose work is it? the person's own, moving to a new browser: the page takes the name
    import_as_mine(d2, first_path)
    assert setting(d2, "annotator").get_attribute("value") == first["annotator"]
    _wait_docs(d2, [doc["id"] for doc in first["documents"]])
    wait_for(lambda: (show_doc(d2, SEED_000) or True) and sentence_labels(d2, SEED_000, 0) == ["claim"], msg="labels restored")
    assert_page_matches_export(d2, first)
    _, second = export_json(b)
    check_export(second)
    first.pop("exported_at")
    second.pop("exported_at")
    assert json.dumps(second, sort_keys=True) == json.dumps(first, sort_keys=True), _first_difference(first, second)


def _first_difference(x, y, path="$"):
    if type(x) is not type(y):
        return f"{path}: {type(x).__name__} vs {type(y).__name__}"
    if isinstance(x, dict):
        for k in sorted(set(x) | set(y)):
            if k not in x or k not in y:
                return f"{path}.{k}: only in {'first' if k in x else 'second'}"
            r = _first_difference(x[k], y[k], f"{path}.{k}")
            if r:
                return r
        return ""
    if isinstance(x, list):
        if len(x) != len(y):
            return f"{path}: length {len(x)} vs {len(y)}"
        for i, (p, q) in enumerate(zip(x, y)):
            r = _first_difference(p, q, f"{path}[{i}]")
            if r:
                return r
        return ""
    return "" if x == y else f"{path}: {x!r} vs {y!r}"


# Builds File objects in the page and fires the drag events a person's drop fires.
DROP_JS = r"""
const files = arguments[0].map(([name, text]) => new File([text], name, {type: 'text/plain'}));
const dt = new DataTransfer();
files.forEach(f => dt.items.add(f));
const target = document.querySelector(arguments[1]);
const fire = (type) => target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: dt}));
fire('dragenter');
fire('dragover');
const zoneShown = !!document.querySelector('.drop-zone');
fire('drop');
return zoneShown;
"""


def test_drop_files_anywhere_imports_them(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    before = doc_ids(d)
    files = [
        ["dropped_one.txt", "date 2024-01-02 The minister claimed victory. Rivals denied it."],
        ["dropped_two.json", '[{"id": "drop-json", "text": "Unions demanded talks."}]'],
        ["dropped_bad.txt", "\u0000\u0001binary\u0000"],
    ]
    # Wait a frame between dragover and drop: the drop zone is rendered by the app.
    shown = d.execute_script(DROP_JS.replace("fire('drop');", ""), files, ".article")
    wait_for(lambda: css_all(d, ".drop-zone"), 5, "drop zone shown while dragging files")
    assert shown is not None
    d.execute_script(DROP_JS, files, "[data-sentence]")
    wait_for(lambda: {"dropped_one", "drop-json"} <= set(doc_ids(d)), 15, "dropped documents listed")
    assert not css_all(d, ".drop-zone"), "the drop zone goes away after the drop"
    assert set(before) <= set(doc_ids(d))
    wait_for(lambda: any("dropped_bad.txt" in m for m in messages(d, "error")), 10, "error names the bad file")
    css(d, '[data-doc="dropped_one"]').click()
    wait_for(lambda: css_all(d, '[data-sentence="dropped_one:1"]'), 10, "dropped article opened")
    assert css(d, "[data-doc-date]").text == "2024-01-02"
    # Dropped articles are stored like picked ones.
    reload(browser)
    assert {"dropped_one", "drop-json"} <= set(doc_ids(d))


def test_a_spreadsheet_without_a_text_column_and_json_lines_with_a_bad_line(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,body\n1,Officials said the talks failed.\n", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "feed-a", "text": "Ministers demanded new talks."}\n'
                    '{"id": "feed-b", "text": broken}\n'
                    '{"id": "feed-c", "text": "The ministry denied the report."}\n', encoding="utf-8")
    import_files(d, sheet, feed)
    # the good lines of the JSON Lines file are imported; the bad one is named once, by its number
    _wait_docs(d, ["feed-a", "feed-c"])
    errors = wait_for(lambda: (lambda m: m if any("sheet.csv" in x for x in m) and any("feed.jsonl: 2 of 3" in x for x in m)
                               else None)(messages(d, "error")), msg="messages about both files")
    sheet_msg = next(x for x in errors if "sheet.csv" in x)
    assert "text" in sheet_msg and "id, body" in sheet_msg, sheet_msg
    line_msgs = [x for x in errors if "feed.jsonl, line" in x]
    assert len(line_msgs) == 1 and "line 2" in line_msgs[0] and "column" not in line_msgs[0], line_msgs
    assert "sheet" not in doc_ids(d) and not any(i.startswith("id,body") for i in doc_ids(d)), doc_ids(d)


def test_imported_documents_keep_their_order_after_a_reload(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    names = ["zulu_report", "alpha_report", "mike_report"]
    for n in names:
        (tmp_path / f"{n}.txt").write_text(f"The {n.split('_')[0]} ministry denied the report. Officials said so.",
                                           encoding="utf-8")
    for n in names:  # one at a time: the list order is the import order
        import_files(d, tmp_path / f"{n}.txt")
        _wait_docs(d, [n])
    listed = [i for i in doc_ids(d) if i in names]
    assert listed == names, listed
    reload(browser)
    _wait_docs(d, names)
    assert [i for i in doc_ids(d) if i in names] == names, doc_ids(d)


def test_the_same_message_again_does_not_pile_up(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for _ in range(3):
        import_files(d, empty)
        time.sleep(0.3)
    wait_for(lambda: any("empty.txt" in m for m in messages(d, "error")), msg="the refusal")
    stays(lambda: sum("empty.txt" in m for m in messages(d, "error")) == 1, msg="one message, not three")
