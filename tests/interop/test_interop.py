"""Every claim the README and docs/FORMAT.md §2 make about another tool, checked by that tool's
own code on real exports: the files tests/e2e/test_interop_exports.py downloaded through the
page (E2E_EXPORTS, default target/interop-exports/; `make interop` makes them first). Each tool
reads them with its defaults:

- doccano 1.8.4: its own import task (`data_import.celery_tasks.import_dataset`) with the import
  form's defaults, SQLite, in its own venv (tests/interop/doccano_load.py);
- Hugging Face `datasets`: `load_dataset(<folder>)` on the page's JSONL and dataset card, also a
  30 MB file in the same format whose first 10 MiB are undecided sentences;
- pandas: ids stay strings with the documented `dtype`, offsets slice the article text;
- Label Studio 1.23.2: a project with the page's labelling config, the task list imported
  through its API (tests/interop/labelstudio_load.py, its own venv);
- spaCy: `DocBin.from_disk` and `get_docs` on the page's `.spacy` file.

Run with the data venv's Python (scripts/interop_venv.sh makes the three venvs): nothing is
skipped; a missing export or venv fails with what to run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXPORTS = Path(os.environ.get("E2E_EXPORTS", REPO / "target" / "interop-exports"))
VENVS = REPO / ".venv-interop"
HERE = Path(__file__).resolve().parent
JSONL_KEYS = ["text", "label", "document_id", "sentence_index", "start", "end", "annotator", "decided",
              "suggested", "note", "unsure"]


def export(*parts: str) -> Path:
    p = EXPORTS.joinpath(*parts)
    assert p.is_file(), f"{p} is missing: make it with scripts/e2e.sh -k interop_exports (make interop does)"
    return p


def jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def run_tool(venv: str, script: str, *args: str) -> object:
    """Runs `script` with the Python of `.venv-interop/<venv>` and returns its RESULT."""
    py = VENVS / venv / "bin" / "python"
    assert py.is_file(), f"{py} is missing: run scripts/interop_venv.sh"
    r = subprocess.run([str(py), str(HERE / script), *args], capture_output=True, text=True, timeout=600,
                       env={**os.environ, "PYTHONWARNINGS": "ignore"})
    lines = [x for x in r.stdout.splitlines() if x.startswith("RESULT ")]
    assert r.returncode == 0 and lines, f"{script} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return json.loads(lines[-1][len("RESULT "):])


@pytest.fixture(scope="module")
def ana() -> list[dict]:
    return jsonl(export("ana", "annotations.jsonl"))


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """The article text of every document of ana's JSON export."""
    data = json.loads(export("ana", "annotations.json").read_text(encoding="utf-8"))
    return {d["id"]: d["text"] for d in data["documents"]}


def test_the_exports_are_the_pages(ana):
    made = json.loads(export("made-by.json").read_text(encoding="utf-8"))
    assert made["test"] == "tests/e2e/test_interop_exports.py"
    assert [list(x) for x in ana] == [JSONL_KEYS] * len(ana)
    labelled = {str(x["sentence_index"]): x["label"] for x in ana if x["document_id"] == "007" and x["decided"]}
    assert labelled == made["ana"]


# -- doccano ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def doccano() -> list[dict]:
    files = [export("ana", "annotations.jsonl"), export("ben", "annotations.jsonl"), export("ana", "doccano.jsonl"),
             export("curator", "gold.jsonl")]
    csvs = [export("ana", "annotations.csv"), export("ben", "annotations.csv")]
    return run_tool("doccano", "doccano_load.py", "JSONL", *map(str, files), "FORMAT=CSV", *map(str, csvs),
                    "SET:encoding=Auto", str(csvs[0]))


def test_doccano_imports_every_jsonl_with_the_forms_defaults(doccano):
    for run in doccano[:4]:
        lines = jsonl(Path(run["file"]))
        assert run["form"] == {"encoding": "utf_8", "column_data": "text", "column_label": "label"}, run["form"]
        assert run["errors"] == [], f"{run['file']}: {run['errors']}"
        got = run["examples"]
        assert len(got) == len(lines), f"{run['file']}: {len(got)} examples of {len(lines)} lines"
        for ex, line in zip(got, lines):
            assert ex["text"] == line["text"]
            assert ex["labels"] == sorted(line["label"]), (ex, line)
            meta = {k: v for k, v in line.items() if k not in ("text", "label")}
            assert ex["meta"] == meta, "the other keys are the example's metadata, intact"
    assert any(x["labels"] == ["demand"] and "Russia" in x["text"] for x in doccano[0]["examples"])
    assert any("😀" in x["text"] for x in doccano[0]["examples"])


def test_doccano_imports_the_csv(doccano):
    import csv
    import io

    for run in doccano[4:]:
        raw = Path(run["file"]).read_bytes()
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert run["errors"] == [], f"{run['file']}: {run['errors']}"
        got = run["examples"]
        assert len(got) == len(rows)
        for ex, row in zip(got, rows):
            assert ex["text"] == row["text"], "the text is exact"
            assert ex["labels"] == ([row["label"]] if row["label"] else [])
            meta = {k.lstrip("\ufeff"): v for k, v in ex["meta"].items()}
            assert meta == {k: v for k, v in row.items() if k not in ("text", "label")}
    # The form's default encoding (utf_8) keeps the byte order mark in the first column's
    # name; Auto reads the file as UTF-8 with BOM and gives it clean (docs/FORMAT.md §2).
    assert "\ufeffdocument_id" in doccano[4]["examples"][0]["meta"]
    auto = doccano[6]
    assert auto["form"]["encoding"] == "Auto" and auto["errors"] == []
    assert "document_id" in auto["examples"][0]["meta"]
    assert [x["text"] for x in auto["examples"]] == [x["text"] for x in doccano[4]["examples"]]


# -- Hugging Face datasets --------------------------------------------------------------------


def test_datasets_loads_the_card_folder_with_no_arguments(ana):
    from datasets import List, Value, load_dataset

    ds = load_dataset(str(EXPORTS / "ana" / "hf"))["train"]
    assert ds.features["label"] == List(Value("string"))
    assert ds.features["document_id"] == Value("string")
    assert ds.num_rows == len(ana)
    assert ds.to_list() == ana


def test_datasets_loads_30_mb_that_start_with_undecided_sentences(ana, tmp_path):
    """An annotator assigned the second half of a corpus: the file's first 10 MiB (datasets'
    first chunk) hold only `label: []` and `suggested: null`; its card gives the types."""
    from datasets import load_dataset

    card = export("ana", "hf", "README.md")
    data = next(p for p in (EXPORTS / "ana" / "hf").iterdir() if p.suffix == ".jsonl")
    undecided = [x for x in ana if not x["decided"]]
    decided = [x for x in ana if x["decided"]]
    assert undecided and decided and all(x["label"] == [] and x["suggested"] is None for x in undecided)
    folder = tmp_path / "big"
    folder.mkdir()
    shutil.copyfile(card, folder / "README.md")
    size, n, head, head_bytes = 0, 0, None, 0
    with (folder / data.name).open("w", encoding="utf-8") as f:
        # documents "gen-<k>" made of the export's undecided lines; after 20 MB the export's
        # decided lines, then undecided ones again up to 30 MB
        while size < 30 * 1024 * 1024:
            if head is None and size >= 20 * 1024 * 1024:
                head, head_bytes = n, size
                for x in decided:
                    s = json.dumps(x, ensure_ascii=False) + "\n"
                    f.write(s)
                    size += len(s.encode())
                    n += 1
            line = dict(undecided[n % len(undecided)], document_id=f"gen-{n // len(undecided):06d}")
            s = json.dumps(line, ensure_ascii=False) + "\n"
            f.write(s)
            size += len(s.encode())
            n += 1
    assert head is not None and head_bytes > 10 * 1024 * 1024, "the first 10 MiB hold only undecided sentences"
    ds = load_dataset(str(folder))["train"]
    assert ds.num_rows == n
    got = ds.select(range(head, head + len(decided))).to_list()
    assert got == decided


def test_datasets_loads_the_gold_jsonl():
    from datasets import load_dataset

    gold = export("curator", "gold.jsonl")
    ds = load_dataset("json", data_files=str(gold))["train"]
    lines = jsonl(gold)
    assert ds.to_list() == lines
    assert set(ds["gold"]) == {"labelled", "none", "unset"}
    assert set(ds["curator"]) == {"cora"}


# -- pandas -----------------------------------------------------------------------------------


def test_pandas_keeps_ids_as_strings_and_offsets_slice_the_text(texts):
    import pandas as pd

    # docs/FORMAT.md §2: the documented calls
    frames = {
        "csv": pd.read_csv(export("ana", "annotations.csv"), dtype=str, keep_default_na=False),
        "jsonl": pd.read_json(export("ana", "annotations.jsonl"), lines=True, dtype={"document_id": str}),
    }
    for kind, df in frames.items():
        assert list(df.columns)[0] in ("document_id", "text"), f"{kind}: {list(df.columns)} (a BOM left in a name?)"
        assert "007" in set(df["document_id"]), f"{kind}: ids {sorted(set(df['document_id']))[:5]}"
        assert all(isinstance(x, str) for x in df["document_id"]), kind
        for doc, start, end, text in zip(df["document_id"], df["start"], df["end"], df["text"]):
            assert texts[doc][int(start):int(end)] == text, (kind, doc, start, end)
    assert len(frames["csv"]) == len(frames["jsonl"])


# -- Label Studio -----------------------------------------------------------------------------


def test_label_studio_imports_the_tasks_with_their_config(ana):
    config = export("ana", "label-studio.xml")
    tasks = export("ana", "label-studio.json")
    got = run_tool("labelstudio", "labelstudio_load.py", str(config), str(tasks))
    assert got["config_status"] == 201, got.get("config_response")
    run = got["imports"][str(tasks)]
    assert run["status"] == 201, run["response"]
    assert len(run["tasks"]) == len(ana)
    for task, line in zip(run["tasks"], ana):
        assert task["data"]["text"] == line["text"]
        assert task["data"]["document_id"] == line["document_id"]
        if not line["decided"]:
            assert task["annotations"] == []
        elif line["label"]:
            (result,) = task["annotations"]
            assert [r["value"]["choices"] for r in result] == [line["label"]]
            assert {(r["from_name"], r["to_name"], r["type"]) for r in result} == {("label", "text", "choices")}
        else:
            assert task["annotations"] == [[]], "none applies: an annotation without a choice"


# -- spaCy ------------------------------------------------------------------------------------


def test_spacy_reads_the_docbin(ana):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(export("ana", "annotations.spacy")).get_docs(nlp.vocab))
    decided = [x for x in ana if x["decided"]]
    assert len(docs) == len(decided)
    labels = ["claim", "denial", "demand"]
    for doc, line in zip(docs, decided):
        assert doc.text == line["text"]
        assert doc.cats == {lab: float(lab in line["label"]) for lab in labels}
        assert doc.user_data["document_id"] == line["document_id"]
        assert doc.user_data["sentence_index"] == line["sentence_index"]
        assert doc.user_data["annotator"] == "ana"
