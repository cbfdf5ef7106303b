"""The rules of a Sentence Annotator export (docs/FORMAT.md §1), written once on the Python
side: the JSON Schema (static/schema/annotations-v1.schema.json) plus what a schema cannot say
(code point slicing, order, known labels; and, for a full export made by the page, every
sentence listed with nothing but white space between them). The Rust side has its own reader
(`export::check`), which the page uses on import.

Used by the end-to-end tests (`check_export`) and, as a command, by `tests/schema_check.py`.
This module imports nothing from the rest of the harness nor Selenium, so that the command
runs without a browser stack: `tests/schema_check.py` loads it by its path.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SCHEMA = Path(os.environ.get("E2E_SCHEMA", REPO / "static" / "schema" / "annotations-v1.schema.json"))

FORMAT = "sentence-annotator"
VERSION = 1
LABELS = ["claim", "denial", "demand"]  # the default label set (static/labels.json)
EXPORT_JSON_RE = r"^annotations-[\w.-]+-\d{8}-\d{6}\.json$"


def load_schema(path: Path | str = SCHEMA) -> dict:
    path = Path(path)
    assert path.is_file(), f"docs/FORMAT.md §1: the JSON Schema must ship at {path}"
    return json.loads(path.read_text(encoding="utf-8"))


def schema_errors(data, schema: dict) -> list[str]:
    """Where `data` breaks the JSON Schema (the schema itself is checked first)."""
    import jsonschema

    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]


def file_errors(data: dict) -> list[str]:
    """What the schema cannot see, for any export file (a labelled-only one too): a known
    format and version, a `<name>@<version>` segmenter, unique document ids, normalised text,
    offsets that slice the text (in code points) to the sentence's text, sentences in order
    without overlap, labels from the export's own list. Assumes the schema holds."""
    errors = []
    if data.get("format") != FORMAT:
        errors.append(f"format is {data.get('format')!r}, not {FORMAT!r}")
    if data.get("version") != VERSION:
        errors.append(f"version is {data.get('version')!r}, not {VERSION}")
    if not re.fullmatch(r".+@.+", str(data.get("segmenter"))):
        errors.append(f"segmenter {data.get('segmenter')!r} is not <name>@<version>")
    known = set(data.get("labels", []))
    ids = set()
    for doc in data.get("documents", []):
        did = doc.get("id")
        if did in ids:
            errors.append(f"document {did!r} appears twice")
        ids.add(did)
        text = doc.get("text", "")
        if "\r" in text:
            errors.append(f"document {did!r}: text is not normalised (it has CR line ends)")
        if text.startswith("\ufeff"):
            errors.append(f"document {did!r}: text is not normalised (it starts with a BOM)")
        prev_end, prev_index = 0, -1
        for s in doc.get("sentences", []):
            where = f"document {did!r}, sentence {s.get('index')}"
            start, end = s["start"], s["end"]
            if not (start <= end <= len(text)):
                errors.append(f"{where}: offsets {start}..{end} outside the text ({len(text)})")
                continue
            if text[start:end] != s["text"]:
                errors.append(f"{where}: text[start:end] != text ({text[start:end]!r} vs {s['text']!r})")
            if start < prev_end:
                errors.append(f"{where}: overlaps the previous sentence")
            if s["index"] <= prev_index:
                errors.append(f"{where}: indices do not increase")
            prev_end, prev_index = end, s["index"]
            for label in s["labels"]:
                if label not in known:
                    errors.append(f"{where}: label {label!r} not in the export's labels")
    return errors


def full_export_errors(data: dict, labels: list[str] | None = LABELS) -> list[str]:
    """The further rules of a full export as the page writes it: the label list is `labels`
    (unless None), an app version is named, there is a document, and each document lists all
    its sentences (indices 0..n-1, none empty) with only white space between and after them."""
    errors = []
    if labels is not None and data.get("labels") != labels:
        errors.append(f"labels are {data.get('labels')!r}, not {labels!r}")
    if not data.get("app_version"):
        errors.append("app_version is empty")
    if not data.get("documents"):
        errors.append("no documents")
    for doc in data.get("documents", []):
        did, text, sents = doc["id"], doc["text"], doc["sentences"]
        if not sents:
            errors.append(f"document {did!r}: no sentences")
            continue
        if [s["index"] for s in sents] != list(range(len(sents))):
            errors.append(f"document {did!r}: indices are not 0..n-1")
        prev_end = 0
        for s in sents:
            if s["start"] >= s["end"]:
                errors.append(f"document {did!r}, sentence {s['index']}: empty span {s['start']}..{s['end']}")
            gap = text[prev_end:s["start"]]
            if gap.strip():
                errors.append(f"document {did!r}, sentence {s['index']}: text between sentences is not annotatable: {gap!r}")
            prev_end = max(prev_end, s["end"])
        if text[prev_end:].strip():
            errors.append(f"document {did!r}: text after the last sentence: {text[prev_end:]!r}")
    return errors


def export_errors(data, schema: dict | None = None, full: bool = False, labels: list[str] | None = LABELS) -> list[str]:
    """Every rule `data` breaks: the schema's first (the other rules assume its shape), then
    the file rules, and with `full` those of a full export with the label list `labels`."""
    errors = schema_errors(data, schema if schema is not None else load_schema())
    if errors:
        return errors
    errors = file_errors(data)
    if full:
        errors += full_export_errors(data, labels)
    return errors


def check_export(data: dict, labels: list[str] | None = LABELS) -> None:
    """Asserts that `data` is a valid full export with the label list `labels` (see above)."""
    errors = export_errors(data, full=True, labels=labels)
    assert not errors, "invalid export:\n  " + "\n  ".join(errors[:50])


def export_labels(data: dict) -> dict[str, list[str]]:
    """{"<doc>:<index>": labels} of an export."""
    return {f"{doc['id']}:{s['index']}": list(s["labels"]) for doc in data["documents"] for s in doc["sentences"]}


def export_sentence(data: dict, doc: str, i: int) -> dict:
    """Sentence `i` of document `doc` of a full export."""
    return {x["id"]: x for x in data["documents"]}[doc]["sentences"][i]


_USAGE = """usage: schema_check.py EXPORT.json [SCHEMA.json]

Checks a Sentence Annotator JSON export against the JSON Schema and the rules the schema
cannot express (docs/FORMAT.md §1): code point slicing, ordered sentences, known labels.
Exit status: 0 valid, 1 invalid, 2 bad usage or unreadable file, 3 `jsonschema` missing."""


def schema_check(argv: list[str]) -> int:
    """The command line of tests/schema_check.py (argv[0] is the program)."""
    import sys

    if len(argv) not in (2, 3):
        print(_USAGE, file=sys.stderr)
        return 2
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        print("the jsonschema package is not installed (scripts/venv.sh installs it into .venv)", file=sys.stderr)
        return 3
    try:
        export = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        schema = load_schema(argv[2] if len(argv) == 3 else SCHEMA)
    except (OSError, ValueError, AssertionError) as e:
        print(f"cannot read: {e}", file=sys.stderr)
        return 2
    errors = export_errors(export, schema)
    for e in errors[:50]:
        print(e, file=sys.stderr)
    if errors:
        print(f"{argv[1]}: INVALID ({len(errors)} problems)", file=sys.stderr)
        return 1
    n = sum(len(d["sentences"]) for d in export["documents"])
    print(f"{argv[1]}: valid ({len(export['documents'])} documents, {n} sentences)")
    return 0
