"""Untrusted article content is shown literally and never runs (the CSP guard runs too)."""

import json

from harness import *  # noqa: F401,F403

PAYLOAD_FILE = FIXTURES / "payloads.txt"
PAYLOAD_TEXT = PAYLOAD_FILE.read_text(encoding="utf-8")
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "javascript:window.__pwned=1",
    "</textarea><b>bold</b>",
    '<svg onload="window.__pwned=1"><script>window.__pwned=1</script></svg>',
    "&lt;b&gt;",
    "{{7*7}}",
    "${7*7}",
]

EVIL_NOTE = '</textarea><img src=x onerror="window.__pwned=1">'


def _all_text(d, doc):
    show_doc(d, doc)
    return "\n".join(v for k, v in page_sentences(d).items() if k.startswith(doc + ":"))


def test_payloads_in_txt_article_shown_literally(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    f = copy_fixture("payloads.txt", tmp_path, "payloads.txt")
    import_files(d, f)
    wait_for(lambda: "payloads" in doc_ids(d), msg="payloads document listed")
    text = _all_text(d, "payloads")
    for p in PAYLOADS:
        assert p in text, f"payload not shown literally: {p!r}"
    assert "49" not in text, "a template was evaluated"
    assert_not_pwned(d)

    # tag a payload sentence and put a payload in its note
    tag(d, "payloads", 0, "1", ["claim"])
    focus_sentence(d, "payloads", 0)
    note = wait_for(lambda: [e for e in css_all(d, 'textarea[data-action="note"]') if e.is_displayed()], msg="note textarea")[0]
    note.click()
    note.send_keys(EVIL_NOTE)
    d.execute_script("document.activeElement.blur();")
    wait_for(lambda: sentence(d, "payloads", 0).get_attribute("data-has-note") == "true", msg="note saved")

    # rendered again from localStorage: still literal and inert
    reload(browser)
    text = _all_text(d, "payloads")
    for p in PAYLOADS:
        assert p in text, f"payload not shown literally after reload: {p!r}"
    assert_not_pwned(d)
    focus_sentence(d, "payloads", 0)
    note = wait_for(lambda: [e for e in css_all(d, 'textarea[data-action="note"]') if e.is_displayed()], msg="note textarea")[0]
    assert note.get_attribute("value") == EVIL_NOTE
    assert_not_pwned(d)

    _, data = export_json(browser)
    doc = {x["id"]: x for x in data["documents"]}["payloads"]
    assert doc["text"] == PAYLOAD_TEXT, "exported text differs from the file"
    check_export(data)


def test_payloads_in_json_title_and_id(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    evil_id = '<img src=x onerror="window.__pwned=1">'
    evil_title = "<script>window.__pwned=1</script><b>bold</b> {{7*7}} &lt;b&gt;"
    f = tmp_path / "evil.json"
    f.write_text(
        json.dumps([{"id": evil_id, "title": evil_title, "text": PAYLOAD_TEXT}], ensure_ascii=False), encoding="utf-8"
    )
    import_files(d, f)
    wait_for(lambda: evil_id in doc_ids(d), msg="the document with the payload id is listed")
    item_text = d.execute_script(
        "return Array.from(document.querySelectorAll('[data-doc]')).find(e => e.getAttribute('data-doc') === arguments[0]).textContent;",
        evil_id,
    )
    assert "49" not in item_text
    show_doc(d, evil_id)
    body = d.execute_script("return document.body.textContent;")
    assert evil_title in body, "the title is not shown literally anywhere"
    text = "\n".join(v for k, v in page_sentences(d).items() if k.startswith(evil_id + ":"))
    for p in PAYLOADS:
        assert p in text, f"payload not shown literally: {p!r}"
    assert_not_pwned(d)
    tag(d, evil_id, 1, "2", ["denial"])
    reload(browser)
    wait_for(lambda: evil_id in doc_ids(d), msg="payload document kept after reload")
    show_doc(d, evil_id)
    assert sentence_labels(d, evil_id, 1) == ["denial"]
    assert_not_pwned(d)
    _, data = export_json(browser)
    doc = {x["id"]: x for x in data["documents"]}[evil_id]
    assert doc["title"] == evil_title and doc["text"] == PAYLOAD_TEXT
    check_export(data)
