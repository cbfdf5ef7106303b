#!/usr/bin/env python3
"""Checks a Sentence Annotator JSON export against the JSON Schema, and the facts the
schema cannot express (SPEC §6): code point slicing, ordered sentences, known labels.

    python3 tests/schema_check.py EXPORT.json [SCHEMA.json]

Exit status: 0 valid, 1 invalid, 2 bad usage or unreadable file, 3 `jsonschema` missing
(pip install jsonschema).
"""
import json
import sys
from pathlib import Path

DEFAULT_SCHEMA = Path(__file__).resolve().parent.parent / "static/schema/annotations-v1.schema.json"


def semantic_errors(export):
    """Errors the schema cannot see: offsets, slicing, order, labels."""
    errors = []
    known = set(export.get("labels", []))
    ids = set()
    for d in export.get("documents", []):
        did = d.get("id")
        if did in ids:
            errors.append(f"document {did!r} appears twice")
        ids.add(did)
        text = d.get("text", "")
        if "\r" in text:
            errors.append(f"document {did!r}: text is not normalised (it has CR line ends)")
        prev_end, prev_index = 0, -1
        for s in d.get("sentences", []):
            where = f"document {did!r}, sentence {s.get('index')}"
            start, end = s["start"], s["end"]
            if not (start <= end <= len(text)):
                errors.append(f"{where}: offsets {start}..{end} outside the text ({len(text)})")
                continue
            if text[start:end] != s["text"]:
                errors.append(f"{where}: text[start:end] != text")
            if start < prev_end:
                errors.append(f"{where}: overlaps the previous sentence")
            if s["index"] <= prev_index:
                errors.append(f"{where}: indices do not increase")
            prev_end, prev_index = end, s["index"]
            for label in s["labels"]:
                if label not in known:
                    errors.append(f"{where}: label {label!r} not in the export's labels")
    return errors


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("the jsonschema package is not installed (pip install jsonschema)", file=sys.stderr)
        return 3
    schema_path = Path(argv[2]) if len(argv) == 3 else DEFAULT_SCHEMA
    try:
        export = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        print(f"cannot read: {e}", file=sys.stderr)
        return 2
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
              for e in sorted(validator.iter_errors(export), key=lambda e: list(map(str, e.absolute_path)))]
    if not errors:
        errors = semantic_errors(export)
    for e in errors[:50]:
        print(e, file=sys.stderr)
    if errors:
        print(f"{argv[1]}: INVALID ({len(errors)} problems)", file=sys.stderr)
        return 1
    n = sum(len(d["sentences"]) for d in export["documents"])
    print(f"{argv[1]}: valid ({len(export['documents'])} documents, {n} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
