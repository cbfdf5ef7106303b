"""Exports for other tools, made through the page as people make them (docs/FORMAT.md §2): two
annotators and a curator label an article whose sentences start with "-" and "=", hold an
emoji, quotes and commas and whose id is "007", and download every file of the export group
and its "For tools…" menu. The files are checked here for what the page promises, and saved
under E2E_EXPORTS (default target/interop-exports/) for tests/interop, where each tool's own
reader loads them (`make interop`). Then the page's own JSONL and CSV are imported back: they
restore the labels, or are refused in words, and never become articles."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

from harness import *  # noqa: F401,F403
from harness.config import REPO

EXPORTS = Path(os.environ.get("E2E_EXPORTS", REPO / "target" / "interop-exports"))

DOC = "007"
SENTENCES = [
    "- Russia demanded talks on Monday, officials said.",
    "Officials denied it 😀, again.",
    "=SUM(A1:A2) is what a spreadsheet would run.",
    "\"We will not leave,\" the minister said.",
    "A fifth sentence nobody decides.",
]
ARTICLE = {"id": DOC, "title": "Talks", "date": "2022-02-01", "text": "\n".join(SENTENCES) + "\n"}
# (sentence, key, labels) of each annotator; sentence 1 is their disagreement.
ANA = [(0, "3", ["demand"]), (1, "2", ["denial"]), (2, "0", []), (3, "1", ["claim"])]
BEN = [(0, "3", ["demand"]), (1, "1", ["claim"]), (2, "0", []), (3, "1", ["claim"])]


def stamped(ext: str, stem: str = "annotations") -> str:
    """A downloaded file's name: `<stem>-[<name>-]YYYYMMDD-HHMMSS.<ext>`."""
    return rf"^{stem}-(?:.+-)?\d{{8}}-\d{{6}}\.{re.escape(ext)}$"


def article_file(tmp_path: Path) -> Path:
    p = tmp_path / "talks.json"
    p.write_text(json.dumps([ARTICLE], ensure_ascii=False), encoding="utf-8")
    return p


def open_with_article(b, server, tmp_path: Path, name: str | None):
    d = b.driver
    open_app(b, server.url)
    if name:
        set_annotator(d, name)
    import_files(d, article_file(tmp_path))
    wait_for(lambda: DOC in doc_ids(d), msg=f"{DOC} listed (have {doc_ids(d)})")
    show_doc(d, DOC)
    texts = page_sentences(d)
    for i, s in enumerate(SENTENCES):
        assert s in texts.get(f"{DOC}:{i}", ""), f"sentence {i} of the article: {texts}"
    return d


def tools_download(b, action: str, patterns: list[str]) -> list[Path]:
    """Opens the "For tools…" menu, clicks `action`, waits for one download per pattern."""
    d = b.driver
    menu = css(d, 'details[data-menu="export-tools"]')
    if menu.get_attribute("open") is None:
        click_centered(d, css(d, 'details[data-menu="export-tools"] summary'))
    wait_for(lambda: css(d, f'[data-action="{action}"]').is_displayed(), msg=f"{action} in the tools menu")
    return downloads_of(b, lambda: click_centered(d, css(d, f'[data-action="{action}"]')), patterns)


def save(src: Path, dest_dir: Path, name: str | None = None) -> Path:
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / (name or src.name)
    shutil.copyfile(src, dest)
    return dest


def annotate(browsers, server, tmp_path, name: str, rows) -> tuple[object, Path]:
    b = browsers()
    d = open_with_article(b, server, tmp_path, name)
    for i, key, want in rows:
        tag(d, DOC, i, key, want)
    return b, d


def check_jsonl(path: Path, name: str) -> list[dict]:
    raw = path.read_text(encoding="utf-8")
    lines = [json.loads(x) for x in raw.splitlines() if x.strip()]
    keys = list(json.loads(raw.splitlines()[0]).keys())
    assert keys == ["text", "label", "document_id", "sentence_index", "start", "end", "annotator", "decided",
                    "suggested", "note", "unsure"], keys
    assert all(list(x.keys()) == keys for x in lines), "every line has the same keys, in order"
    assert {x["annotator"] for x in lines} == {name}
    return lines


def test_two_annotators_and_a_curator_export_for_every_tool(browsers, server, tmp_path):
    if EXPORTS.exists():
        shutil.rmtree(EXPORTS)
    # ana: labels, a "none", a note, and a done document (all its other sentences "none")
    b, d = annotate(browsers, server, tmp_path, "ana", ANA)
    write_note(d, DOC, 3, "quote, check")
    tag(d, SEED_000, 0, "1", ["claim"])
    show_doc(d, SEED_000)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="mark-done"]')))
    wait_for(lambda: css(d, f'[data-doc="{SEED_000}"]').get_attribute("data-done") == "true", msg="done")
    out = EXPORTS / "ana"
    json_path, data = export_json(b, stamped("json"))
    save(json_path, out, "annotations.json")
    jsonl = save(download(b, "export-jsonl", stamped("jsonl")), out, "annotations.jsonl")
    csv_path = save(download(b, "export-csv", stamped("csv")), out, "annotations.csv")
    wait_for(lambda: any("start with =, +, - or @" in m for m in messages(d)), msg="the CSV's formula cells said")
    tasks, config = tools_download(b, "export-labelstudio", [stamped("label-studio.json"), stamped("label-studio.xml")])
    save(tasks, out, "label-studio.json")
    save(config, out, "label-studio.xml")
    hf_jsonl, card = tools_download(b, "export-huggingface", [stamped("jsonl"), r"^README.*\.md$"])
    save(hf_jsonl, out / "hf")
    save(card, out / "hf", "README.md")
    spacy = save(tools_download(b, "export-spacy", [stamped("spacy")])[0], out, "annotations.spacy")
    doccano = save(tools_download(b, "export-doccano", [stamped("jsonl")])[0], out, "doccano.jsonl")

    # What the page promises of each file (the tools' own readers: tests/interop).
    lines = check_jsonl(jsonl, "ana")
    assert doccano.read_bytes() == jsonl.read_bytes()
    ours = [x for x in lines if x["document_id"] == DOC]
    assert [x["text"] for x in ours] == SENTENCES
    assert [x["label"] for x in ours] == [w for _, _, w in ANA] + [[]]
    assert [x["decided"] for x in ours] == [True, True, True, True, False]
    doc_text = next(x for x in data["documents"] if x["id"] == DOC)["text"]
    assert all(doc_text[x["start"]:x["end"]] == x["text"] for x in ours)
    seed = [x for x in lines if x["document_id"] == SEED_000]
    assert all(x["decided"] for x in seed) and sum(1 for x in seed if x["label"] == []) == len(seed) - 1
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0].keys())[:6] == ["document_id", "sentence_index", "start", "end", "text", "label"]
    assert [r["text"] for r in rows if r["document_id"] == DOC] == SENTENCES, "the CSV keeps the text exact"
    assert {r["annotator"] for r in rows} == {"ana"}
    assert hf_jsonl.read_bytes() == jsonl.read_bytes(), "the Hugging Face data is the JSONL"
    assert f'path: "{hf_jsonl.name}"' in card.read_text(encoding="utf-8")
    assert spacy.read_bytes()[:2] == b"\x78\x01", "a zlib stream"
    t = json.loads(tasks.read_text(encoding="utf-8"))
    assert len(t) == len(lines) and t[0]["data"]["text"] == lines[0]["text"]
    assert "<Choices" in config.read_text(encoding="utf-8")

    # ben: the same article, one disagreement
    b2, d2 = annotate(browsers, server, tmp_path, "ben", BEN)
    out = EXPORTS / "ben"
    ben_json, _ = export_json(b2, stamped("json"))
    save(ben_json, out, "annotations.json")
    save(download(b2, "export-jsonl", stamped("jsonl")), out, "annotations.jsonl")
    save(download(b2, "export-csv", stamped("csv")), out, "annotations.csv")

    # the curator: both exports in one drop become layers; the disagreement gets gold
    b3 = browsers()
    d3 = b3.driver
    open_app(b3, server.url)
    set_annotator(d3, "cora")
    import_files(d3, EXPORTS / "ana" / "annotations.json", EXPORTS / "ben" / "annotations.json")
    wait_for(lambda: len(css_all(d3, "[data-layer]")) == 2, msg="two layers")
    show_doc(d3, DOC)
    focus_sentence(d3, DOC, 0)
    retry_stale(lambda: click_centered(d3, one_visible(d3, '[data-action="adjudicate"]')))
    wait_attr(d3, DOC, 1, "data-status", "unresolved")
    focus_sentence(d3, DOC, 1)
    press(d3, "2")
    wait_attr(d3, DOC, 1, "data-gold", "denial")
    out = EXPORTS / "curator"
    gold_json = save(download(b3, "export-gold", stamped("json", "gold")), out, "gold.json")
    gold_jsonl = save(download(b3, "export-gold-jsonl", stamped("jsonl", "gold")), out, "gold.jsonl")
    gold = json.loads(gold_json.read_text(encoding="utf-8"))
    assert gold.get("curator") == "cora"
    g = [json.loads(x) for x in gold_jsonl.read_text(encoding="utf-8").splitlines() if x.strip()]
    mine = {x["sentence_index"]: x for x in g if x["document_id"] == DOC}
    assert (mine[1]["label"], mine[1]["gold"], mine[1]["status"]) == (["denial"], "labelled", "adjudicated")
    assert (mine[2]["label"], mine[2]["gold"]) == ([], "none"), "gold none"
    assert (mine[4]["label"], mine[4]["gold"], mine[4]["decided"]) == ([], "unset", False), "no gold yet"
    assert all(x["curator"] == "cora" for x in g)
    assert {"annotator": "ben", "label": ["claim"]} in mine[1]["annotations"]
    (EXPORTS / "made-by.json").write_text(json.dumps({
        "test": "tests/e2e/test_interop_exports.py", "article": ARTICLE,
        "ana": {str(i): w for i, _, w in ANA}, "ben": {str(i): w for i, _, w in BEN},
        "seed_done": SEED_000,
    }, ensure_ascii=False, indent=1), encoding="utf-8")


def test_the_pages_own_jsonl_and_csv_restore_and_never_become_articles(browsers, server, tmp_path):
    b, d = annotate(browsers, server, tmp_path, "ana", ANA)
    write_note(d, DOC, 4, "later")
    jsonl = save(download(b, "export-jsonl", stamped("jsonl")), tmp_path / "out", "mine.jsonl")
    csv_path = save(download(b, "export-csv", stamped("csv")), tmp_path / "out", "mine.csv")
    want = {f"{DOC}:{i}": sorted(w) for i, _, w in ANA}

    for f in (jsonl, csv_path):
        # the same annotator in a new browser, with the article: the labels come back
        b2 = browsers()
        d2 = open_with_article(b2, server, tmp_path, "ana")
        before = doc_ids(d2)
        import_files(d2, f)
        for i, _, w in ANA:
            wait_labels(d2, DOC, i, w, msg=f"{f.name}: labels of {DOC}:{i}")
        wait_attr(d2, DOC, 2, "data-decided", "true", msg=f"{f.name}: the explicit none")
        assert attr_of(d2, DOC, 4, "data-decided") == "false"
        assert doc_ids(d2) == before, f"{f.name} added documents: {set(doc_ids(d2)) - set(before)}"
        assert {k: sorted(v) for k, v in page_labels(d2).items() if k.startswith(DOC + ":") and v} == \
            {k: v for k, v in want.items() if v}
        show_doc(d2, DOC)
        focus_sentence(d2, DOC, 4)
        press(d2, "e")
        wait_for(lambda: note_value(d2) == "later", msg=f"{f.name}: the note restored")

    # a page without the article: refused in words, nothing added
    b3 = browsers()
    d3 = b3.driver
    open_app(b3, server.url)
    set_annotator(d3, "ana")
    before = doc_ids(d3)
    import_files(d3, jsonl)
    wait_for(lambda: any("mine.jsonl" in m and "does not have" in m and DOC in m for m in messages(d3, "error")),
             msg=f"the refusal named (messages: {messages(d3)})")
    assert doc_ids(d3) == before, "no article per sentence"
