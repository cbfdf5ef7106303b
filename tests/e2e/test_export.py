"""Exports: the JSON file (named by the time of the export, valid by docs/FORMAT.md §1, the
normalised article texts with their dates and sources, the labels of the page), JSONL and CSV.
(Exports read back: test_import.py and test_merge.py; hostile document ids: test_hostile.py.)"""

import csv
import io
import json
import re
import time

from harness import *  # noqa: F401,F403

TAGS = [(SEED_000, 0, "1", ["claim"]), (SEED_000, 2, "2", ["denial"]), (SEED_003, 1, "3", ["demand"])]


def test_export_json(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    want = tag_all(d, TAGS)
    path, data = export_json(browser)
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


def test_export_jsonl_and_csv(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tag(d, SEED_000, 1, "3", ["demand"])
    _, data = export_json(browser)
    total = sum(len(doc["sentences"]) for doc in data["documents"])
    by_key = {(doc["id"], s["index"]): (doc, s) for doc in data["documents"] for s in doc["sentences"]}

    p = download(browser, "export-jsonl", r"^annotations-[\w.-]+-\d{8}-\d{6}\.jsonl$")
    lines = [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == total, f"JSONL has {len(lines)} lines for {total} sentences"
    for row in lines:
        for field in ("text", "label", "document_id", "sentence_index", "start", "end"):
            assert field in row, f"JSONL line lacks {field}: {row}"
        assert isinstance(row["label"], list)
        doc, s = by_key[(row["document_id"], row["sentence_index"])]
        assert (row["text"], row["start"], row["end"], row["label"]) == (s["text"], s["start"], s["end"], s["labels"])
    assert [r["label"] for r in lines if r["document_id"] == SEED_000 and r["sentence_index"] == 1] == [["demand"]]

    p = download(browser, "export-csv", r"^annotations-[\w.-]+-\d{8}-\d{6}\.csv$")
    rows = list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == total, f"CSV has {len(rows)} rows for {total} sentences"
    assert "text" in rows[0], rows[0].keys()
    texts = {r["text"] for r in rows}
    assert all(s["text"] in texts for _, s in by_key.values())
