#!/usr/bin/env python3
"""Checks a Sentence Annotator JSON export: `tests/schema_check.py EXPORT.json [SCHEMA.json]`.

A thin command over the export rules of the end-to-end harness (tests/e2e/harness/exports.py:
the JSON Schema and what it cannot express). Exit status: 0 valid, 1 invalid (the problems on
stderr), 2 bad usage or unreadable file, 3 `jsonschema` missing (scripts/venv.sh installs it).
"""
import importlib.util
import sys
from pathlib import Path

# Loaded by its path, not as `harness.exports`: the package's __init__ would start the whole
# browser harness (Selenium), which checking a file does not need.
_PATH = Path(__file__).resolve().parent / "e2e" / "harness" / "exports.py"
_spec = importlib.util.spec_from_file_location("harness_exports", _PATH)
exports = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(exports)

if __name__ == "__main__":
    sys.exit(exports.schema_check(sys.argv))
