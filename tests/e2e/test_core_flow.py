"""The whole annotator end to end: seed corpus, keyboard tagging, persistence, export."""

import json
import re
import time

from conftest import *  # noqa: F401,F403 - helpers and fixtures
from selenium.webdriver.common.keys import Keys


def test_seed_documents_listed_with_date(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    wait_for(lambda: {SEED_000, SEED_003} <= set(doc_ids(d)), msg="both seed documents listed")
    assert css(d, f'[data-doc="{SEED_000}"]').is_displayed()
    assert css(d, f'[data-doc="{SEED_003}"]').is_displayed()

    show_doc(d, SEED_000)
    assert css(d, f'[data-doc="{SEED_000}"]').get_attribute("aria-current") == "page"
    # HOOKS: the open document's date is shown in [data-doc-date] (anywhere on the page)
    date = wait_for(lambda: [e for e in css_all(d, "[data-doc-date]") if e.is_displayed()], msg="[data-doc-date]")
    assert len(date) == 1 and date[0].text.strip() == "2022-02-01", [e.text for e in date]
    first = sentence(d, SEED_000, 0).get_attribute("textContent").strip()
    assert not first.lower().startswith("date"), f"the date prefix leaked into the text: {first[:40]!r}"
    assert first.startswith("Amid mounting tensions"), first[:60]
    article_text = css(d, f'article[data-open-doc="{SEED_000}"]').get_attribute("textContent")
    assert "date 2022-02-01" not in article_text

    # the other document has no date
    show_doc(d, SEED_003)
    assert not [e for e in css_all(d, "[data-doc-date]") if e.is_displayed() and e.text.strip()], "003 has no date"
    assert sentence(d, SEED_003, 0).get_attribute("textContent").strip().startswith("Alexander Lukashevich")


def test_label_buttons_by_mouse(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_003, 2)
    btn = wait_for(lambda: [b for b in css_all(d, '[data-action="label-demand"]') if b.is_displayed()], msg="label-demand button")[0]
    assert btn.get_attribute("aria-pressed") == "false"
    btn.click()
    wait_labels(d, SEED_003, 2, ["demand"])
    # the button of that sentence is pressed now
    focus_sentence(d, SEED_003, 2)
    wait_for(
        lambda: [b for b in css_all(d, '[data-action="label-demand"]') if b.is_displayed() and b.get_attribute("aria-pressed") == "true"],
        msg='label-demand aria-pressed="true"',
    )
    assert [b.get_attribute("aria-pressed") for b in css_all(d, '[data-action="label-claim"]') if b.is_displayed()] == ["false"]


def test_keyboard_tagging_reload_export_restart(browsers, server, tmp_path):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    focus_sentence(d, SEED_000, 0)
    assert page_labels(d) and all(v == [] for v in page_labels(d).values()), "fresh profile must start unlabelled"

    # `1` tags the focused sentence; auto-advance (on by default) moves focus on
    press(d, "1")
    wait_labels(d, SEED_000, 0, ["claim"])
    a = 0
    cur = wait_for(lambda: focused_sentence(d) != f"{SEED_000}:0" and focused_sentence(d), msg="auto-advance after tagging")
    assert cur == f"{SEED_000}:1", f"auto-advance is on by default: expected focus on :1, got {cur}"

    # j moves on, 2 tags denial
    press(d, "j")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:2", msg="j moves to :2")
    bidx = 2
    press(d, "2")
    wait_labels(d, SEED_000, bidx, ["denial"])
    cur = wait_focused(d)
    idx = int(cur.rsplit(":", 1)[1])

    # j, j, then 3 tags demand on whatever is focused then
    press(d, "j")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{idx + 1}", msg="j")
    press(d, Keys.ARROW_DOWN)
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{idx + 2}", msg="ArrowDown")
    cidx = idx + 2
    press(d, "3")
    wait_labels(d, SEED_000, cidx, ["demand"])
    # k / ArrowUp go back
    after = int(wait_focused(d).rsplit(":", 1)[1])
    press(d, "k")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{after - 1}", msg="k moves up")
    press(d, Keys.ARROW_UP)
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{after - 2}", msg="ArrowUp moves up")

    labels = page_labels(d)
    expected = {f"{SEED_000}:{a}": ["claim"], f"{SEED_000}:{bidx}": ["denial"], f"{SEED_000}:{cidx}": ["demand"]}
    for k, v in labels.items():
        assert v == expected.get(k, []), f"{k}: {v} (expected {expected.get(k, [])})"

    # the same key again removes the label
    focus_sentence(d, SEED_000, cidx)
    press(d, "3")
    wait_labels(d, SEED_000, cidx, [])
    # letter aliases: m = demand
    focus_sentence(d, SEED_000, cidx)
    press(d, "m")
    wait_labels(d, SEED_000, cidx, ["demand"])
    # a different label replaces (single-label by default)
    focus_sentence(d, SEED_000, bidx)
    press(d, "1")
    wait_labels(d, SEED_000, bidx, ["claim"])
    focus_sentence(d, SEED_000, bidx)
    press(d, "d")
    wait_labels(d, SEED_000, bidx, ["denial"])
    # 0 clears; Delete / Backspace too
    focus_sentence(d, SEED_000, a)
    press(d, "0")
    wait_labels(d, SEED_000, a, [])
    spare = cidx + 2  # a sentence none of the above uses
    focus_sentence(d, SEED_000, spare)
    press(d, "c")
    wait_labels(d, SEED_000, spare, ["claim"])
    focus_sentence(d, SEED_000, spare)
    press(d, Keys.DELETE)
    wait_labels(d, SEED_000, spare, [])
    focus_sentence(d, SEED_000, spare)
    press(d, "c")
    wait_labels(d, SEED_000, spare, ["claim"])
    focus_sentence(d, SEED_000, spare)
    press(d, Keys.BACKSPACE)
    wait_labels(d, SEED_000, spare, [])
    focus_sentence(d, SEED_000, a)
    press(d, "1")
    wait_labels(d, SEED_000, a, ["claim"])

    # progress on the list item
    wait_for(lambda: css(d, f'[data-doc="{SEED_000}"]').get_attribute("data-progress") or "", msg="data-progress")
    prog = css(d, f'[data-doc="{SEED_000}"]').get_attribute("data-progress")
    assert re.fullmatch(r"3/\d+", prog), f"data-progress {prog!r}, expected 3/<total>"
    assert int(prog.split("/")[1]) == len([k for k in page_labels(d) if k.startswith(SEED_000 + ":")])

    # ] and [ switch documents
    press(d, "]")
    wait_for(lambda: open_doc(d) == SEED_003, msg="] opens the next document")
    wait_for(lambda: css(d, f'[data-doc="{SEED_003}"]').get_attribute("aria-current") == "page", msg="list shows 003 current")
    focused = wait_focused(d)
    assert focused.startswith(SEED_003 + ":"), focused
    press(d, "2")
    wait_labels(d, SEED_003, int(focused.rsplit(":", 1)[1]), ["denial"])
    tagged_003 = focused
    press(d, "[")
    wait_for(lambda: open_doc(d) == SEED_000, msg="[ opens the previous document")

    want = {f"{SEED_000}:{a}": ["claim"], f"{SEED_000}:{bidx}": ["denial"], f"{SEED_000}:{cidx}": ["demand"], tagged_003: ["denial"]}

    def page_state():
        out = {}
        for doc in (SEED_000, SEED_003):
            show_doc(d, doc)
            out.update({k: v for k, v in page_labels(d).items() if v})
        return out

    assert page_state() == want

    # saved as made: localStorage holds the labels under the documented prefix
    ls = local_storage(d)
    assert f"sa/v1/ann/{SEED_000}" in ls, sorted(ls)
    assert "claim" in ls[f"sa/v1/ann/{SEED_000}"]

    # reload: same labels
    reload(b)
    assert page_state() == want

    # export JSON
    path, data = export_json(b)
    assert re.fullmatch(EXPORT_JSON_RE, path.name), path.name
    stamp = re.search(r"(\d{8})-(\d{6})", path.name)
    t = time.strptime(stamp.group(1) + stamp.group(2), "%Y%m%d%H%M%S")
    assert abs(time.mktime(t) - time.time()) < 36 * 3600, f"file name time stamp far from now: {path.name}"
    check_export(data)
    ids = [doc["id"] for doc in data["documents"]]
    assert SEED_000 in ids and SEED_003 in ids, ids
    by_id = {doc["id"]: doc for doc in data["documents"]}
    for doc in (SEED_000, SEED_003):
        text, date = seed_text(doc)
        assert by_id[doc]["text"] == text, f"{doc}: exported text is not the normalised article"
        assert by_id[doc].get("date") == date, by_id[doc].get("date")
        assert by_id[doc].get("source") == f"{doc}.txt", by_id[doc].get("source")
    exported = {k: v for k, v in export_labels(data).items() if v}
    assert exported == want
    assert_page_matches_export(d, data)

    # restart the browser on the same profile: labels are still there
    profile = b.profile_dir
    time.sleep(3)  # documented: let chromium flush localStorage to disk before quitting
    b.quit()
    b2 = browsers(profile=profile)
    open_app(b2, server.url)
    d2 = b2.driver
    d = d2
    assert page_state() == want


def test_served_from_a_sub_path(browsers, serve):
    srv = serve(prefix="/sub/app/")
    b = browsers(origins=[srv.origin])
    open_app(b, srv.url)
    d = b.driver
    wait_for(lambda: {SEED_000, SEED_003} <= set(doc_ids(d)), msg="seed documents listed under a sub-path")
    paths = srv.paths()
    outside = [p for p in paths if not p.startswith("/sub/app/") and p != "/favicon.ico"]
    assert not outside, f"requests outside the sub-path (absolute asset URLs?): {outside}"
    assert any(p.endswith(".wasm") for p in paths), paths
    assert any(p.endswith("articles/index.json") for p in paths), paths


def test_storage_layout(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_003, 0)
    press(d, "1")
    wait_labels(d, SEED_003, 0, ["claim"])
    ls = wait_for(lambda: (lambda s: s if f"sa/v1/ann/{SEED_003}" in s else None)(local_storage(d)), msg="sa/v1/ann/<doc>")
    assert "sa/v1/meta" in ls, sorted(ls)
    assert json.loads(ls["sa/v1/meta"]).get("layout") == 1, ls["sa/v1/meta"]
    assert not [k for k in ls if not k.startswith("sa/")], f"keys outside the versioned prefix: {sorted(ls)}"


def test_export_jsonl_and_csv(browser, server):
    import csv
    import io
    import os

    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 1)
    press(d, "3")
    wait_labels(d, SEED_000, 1, ["demand"])
    _, data = export_json(browser)
    total = sum(len(doc["sentences"]) for doc in data["documents"])
    by_key = {(doc["id"], s["index"]): (doc, s) for doc in data["documents"] for s in doc["sentences"]}

    before = set(os.listdir(browser.download_dir))
    css(d, '[data-action="export-jsonl"]').click()
    p = downloaded_file(browser.download_dir, r"^annotations-\d{8}-\d{6}\.jsonl$", exclude=before)
    lines = [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == total, f"JSONL has {len(lines)} lines for {total} sentences"
    for row in lines:
        for field in ("text", "label", "document_id", "sentence_index", "start", "end"):
            assert field in row, f"JSONL line lacks {field}: {row}"
        assert isinstance(row["label"], list)
        doc, s = by_key[(row["document_id"], row["sentence_index"])]
        assert (row["text"], row["start"], row["end"], row["label"]) == (s["text"], s["start"], s["end"], s["labels"])
    assert [r["label"] for r in lines if r["document_id"] == SEED_000 and r["sentence_index"] == 1] == [["demand"]]

    before = set(os.listdir(browser.download_dir))
    css(d, '[data-action="export-csv"]').click()
    p = downloaded_file(browser.download_dir, r"^annotations-\d{8}-\d{6}\.csv$", exclude=before)
    rows = list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == total, f"CSV has {len(rows)} rows for {total} sentences"
    assert "text" in rows[0], rows[0].keys()
    texts = {r["text"] for r in rows}
    assert all(s["text"] in texts for _, s in by_key.values())
